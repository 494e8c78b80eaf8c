package facade_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/search"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// sentRequest is what the fake Intercom of the service tests saw.
type sentRequest struct {
	method, path, version, contentType string
}

// TestEveryServiceMethod calls every method of every service of every
// version through reflection, against a server that records the request
// and answers a success of the method's result type. It proves that each
// method sends its own operation (method and path, with the client's
// Intercom-Version), that a JSON answer comes back decoded, a non-JSON one
// as a response to read, and an empty one as a nil error.
func TestEveryServiceMethod(t *testing.T) {
	for pkg, newClient := range clientsByPackage {
		c, err := newClient(facade.WithToken("tok"))
		require.NoError(t, err)
		ops := c.(interface{ Operations() []facade.Operation }).Operations()
		require.NotEmpty(t, ops, pkg)
		for _, op := range ops {
			t.Run(pkg+"/"+op.Service+"."+op.Method, func(t *testing.T) {
				var mu sync.Mutex
				var got []sentRequest
				var answer string
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					_, _ = io.Copy(io.Discard, r.Body)
					mu.Lock()
					got = append(got, sentRequest{r.Method, r.URL.EscapedPath(), r.Header.Get("Intercom-Version"), r.Header.Get("Content-Type")})
					mu.Unlock()
					if op.Kind == "raw" {
						w.Header().Set("Content-Type", "text/plain")
						_, _ = io.WriteString(w, "recording")
						return
					}
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(op.Status)
					_, _ = io.WriteString(w, answer)
				}))
				defer srv.Close()
				client, err := newClient(facade.WithToken("tok"), facade.WithBaseURL(srv.URL))
				require.NoError(t, err)
				require.Equal(t, ops, client.(interface{ Operations() []facade.Operation }).Operations())
				svc := reflect.ValueOf(client).Elem().FieldByName(op.Service)
				require.True(t, svc.IsValid() && !svc.IsNil(), "%T has no service %s", client, op.Service)
				m := svc.MethodByName(op.Method)
				require.True(t, m.IsValid(), "%s has no method %s", svc.Type(), op.Method)

				answer = answerFor(m.Type())
				out := m.Call(serviceArgs(t, m.Type()))
				switch {
				case strings.HasPrefix(op.Kind, "paged") || strings.HasPrefix(op.Kind, "search"):
					rangeFirst(out[0]) // the first page is enough to see the request
				case op.Kind == "result":
					require.Len(t, out, 2)
					assert.Nil(t, errOf(out[1]))
					assert.False(t, out[0].IsNil(), "the decoded answer")
				case op.Kind == "raw":
					require.Len(t, out, 2)
					require.Nil(t, errOf(out[1]))
					resp := out[0].Interface().(*http.Response)
					body, err := io.ReadAll(resp.Body)
					require.NoError(t, err)
					require.NoError(t, resp.Body.Close())
					assert.Equal(t, "recording", string(body))
				case op.Kind == "error":
					require.Len(t, out, 1)
					assert.Nil(t, errOf(out[0]))
				default:
					require.Failf(t, "unknown kind", "%q", op.Kind)
				}

				mu.Lock()
				defer mu.Unlock()
				require.NotEmpty(t, got, "no request sent")
				assert.Equal(t, op.HTTPMethod, got[0].method)
				assert.Regexp(t, pathPattern(op.Path), got[0].path)
				assert.Equal(t, client.(interface{ Version() string }).Version(), got[0].version)
			})
		}
	}
}

// serviceArgs builds the arguments of a service method after ctx: "x" for
// a string, 1 for a number, a valid query for a search, zero for a body,
// nothing for optional params.
func serviceArgs(t *testing.T, mt reflect.Type) []reflect.Value {
	args := []reflect.Value{reflect.ValueOf(context.Background())}
	n := mt.NumIn()
	if mt.IsVariadic() {
		n-- // optional params or page options: none
	}
	queryType := reflect.TypeOf(search.Query{})
	for i := 1; i < n; i++ {
		in := mt.In(i)
		switch {
		case in == queryType:
			args = append(args, reflect.ValueOf(search.Equals("id", "1")))
		case in.Kind() == reflect.String:
			args = append(args, reflect.ValueOf("x").Convert(in))
		case in.Kind() >= reflect.Int && in.Kind() <= reflect.Float64:
			args = append(args, reflect.ValueOf(1).Convert(in))
		case in.Kind() == reflect.Interface && in.Implements(reflect.TypeOf((*io.Reader)(nil)).Elem()):
			args = append(args, reflect.ValueOf(strings.NewReader("x")))
		default: // params pointer (nil) or body (zero)
			args = append(args, reflect.Zero(in))
		}
	}
	return args
}

// answerFor is a JSON success the method's result type can hold.
func answerFor(mt reflect.Type) string {
	if mt.NumOut() != 2 || mt.Out(0).Kind() != reflect.Pointer {
		return "{}"
	}
	switch mt.Out(0).Elem().Kind() {
	case reflect.Slice:
		return "[]"
	case reflect.String:
		return `""`
	case reflect.Bool:
		return "true"
	case reflect.Int, reflect.Int64, reflect.Float64:
		return "1"
	}
	return "{}"
}

// rangeFirst takes one value from an iter.Seq2 and stops.
func rangeFirst(seq reflect.Value) {
	yield := reflect.MakeFunc(seq.Type().In(0), func([]reflect.Value) []reflect.Value {
		return []reflect.Value{reflect.ValueOf(false)}
	})
	seq.Call([]reflect.Value{yield})
}

func errOf(v reflect.Value) error {
	err, _ := v.Interface().(error)
	return err
}

// A search service validates its query before sending anything.
func TestServiceSearchRefusesAnInvalidQuery(t *testing.T) {
	var requests int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { requests++ }))
	defer srv.Close()
	c, err := v2_16.New(facade.WithToken("tok"), facade.WithBaseURL(srv.URL))
	require.NoError(t, err)
	var errs []error
	for _, err := range c.Conversations.Search(context.Background(), search.NotEquals("created_at", 1)) {
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	assert.True(t, errors.Is(errs[0], search.ErrInvalidQuery))
	assert.Zero(t, requests)
}

// A 2xx answer that is not the documented JSON is ErrNoResult, not a nil
// result with a nil error.
func TestServiceResultWithoutBodyIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "<html>maintenance</html>")
	}))
	defer srv.Close()
	c, err := v2_16.New(facade.WithToken("tok"), facade.WithBaseURL(srv.URL))
	require.NoError(t, err)
	tag, err := c.Tags.Get(context.Background(), "1")
	assert.Nil(t, tag)
	assert.ErrorIs(t, err, facade.ErrNoResult)
	assert.Contains(t, err.Error(), "GET /tags/1")
}

// A union body is built by the variant method of its arm: the fields the
// arm fixes to one value are filled in, the required choice is an argument.
func TestServiceVariantFillsFixedFields(t *testing.T) {
	var sent []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		sent = append(sent, r.Method+" "+r.URL.Path+" "+string(b))
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"type":"conversation","id":"7"}`)
	}))
	defer srv.Close()
	c, err := v2_16.New(facade.WithToken("tok"), facade.WithBaseURL(srv.URL))
	require.NoError(t, err)
	ctx := context.Background()

	_, err = c.Conversations.ReplyAdmin(ctx, "7", v2_16.AdminReplyConversationRequestMessageTypeNote,
		v2_16.AdminReplyConversationRequest{AdminId: "991", Body: facade.Ptr("internal")})
	require.NoError(t, err)
	_, err = c.Conversations.ManageClose(ctx, "7", v2_16.CloseConversationRequest{AdminId: "991"})
	require.NoError(t, err)

	require.Len(t, sent, 2)
	assert.True(t, strings.HasPrefix(sent[0], "POST /conversations/7/reply "))
	assert.JSONEq(t, `{"type":"admin","message_type":"note","admin_id":"991","body":"internal"}`, strings.SplitN(sent[0], " ", 3)[2])
	assert.True(t, strings.HasPrefix(sent[1], "POST /conversations/7/parts "))
	assert.JSONEq(t, `{"type":"admin","message_type":"close","admin_id":"991"}`, strings.SplitN(sent[1], " ", 3)[2])
}
