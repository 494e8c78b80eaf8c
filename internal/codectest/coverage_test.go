package codectest

import (
	"io"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// success is the name oapi-codegen gives a Parse response's field for a
// 2xx JSON body.
var success = regexp.MustCompile(`^JSON2\d\d$`)

// TestResponsesHaveGeneratedDecoders: the generator writes decoders only
// for the types Intercom sends, found from the Parse functions' decode
// calls; every 2xx destination of every Parse function of every version
// must have one, so that no change to that search can quietly hand a
// response to encoding/json.
func TestResponsesHaveGeneratedDecoders(t *testing.T) {
	for _, v := range Versions {
		t.Run(v.Header, func(t *testing.T) {
			n := 0
			for _, id := range sortedKeys(v.Operations) {
				// A status no operation declares: Parse only reads the body.
				res, err := v.Operations[id].Parse(&http.Response{StatusCode: 599, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(""))})
				require.NoError(t, err, id)
				rt := reflect.TypeOf(res).Elem()
				for i := 0; i < rt.NumField(); i++ {
					f := rt.Field(i)
					if !success.MatchString(f.Name) {
						continue
					}
					n++
					assert.True(t, v.Fast[f.Type.Elem()], "%s: %s.%s (%v) has no generated decoder", id, rt.Name(), f.Name, f.Type.Elem())
				}
			}
			t.Logf("%s: %d success destinations of %d operations, %d types with decoders", v.Header, n, len(v.Operations), len(v.Fast))
			require.GreaterOrEqual(t, n, len(v.Operations)/2, "too few 2xx destinations found: the field names changed?")
		})
	}
}

// TestWebhookItemsHaveGeneratedDecoders: facade/webhook's typed helpers
// return these types, and DecodeJSON is the documented fast way to decode
// a webhook payload into them.
func TestWebhookItemsHaveGeneratedDecoders(t *testing.T) {
	var v Version
	for _, vv := range Versions {
		if vv.Header == v2_16.Version {
			v = vv
		}
	}
	for _, typ := range []reflect.Type{
		reflect.TypeFor[v2_16.Conversation](),
		reflect.TypeFor[v2_16.Contact](),
		reflect.TypeFor[v2_16.Company](),
	} {
		assert.True(t, v.Fast[typ], "%v has no generated decoder", typ)
	}
}
