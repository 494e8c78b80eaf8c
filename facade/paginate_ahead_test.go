package facade

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intercom-go/intercom/internal/jsonx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// aheadPage is a page envelope with no generated decoder.
type aheadPage struct {
	Items []json.RawMessage `json:"data"`
	PageMeta
}

func (p *aheadPage) PageItems() []json.RawMessage { return p.Items }

// listingOver returns a client and a BuildPage whose pages respond
// answers: it sees each request's context and the PageRequest it was built
// from.
func listingOver(t *testing.T, respond func(ctx context.Context, r PageRequest) (*http.Response, error)) (*Core, BuildPage) {
	t.Helper()
	doer := pageDoer(func(req *http.Request) (*http.Response, error) {
		q := req.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		perPage, _ := strconv.Atoi(q.Get("per_page"))
		return respond(req.Context(), PageRequest{Cursor: q.Get("starting_after"), Page: page, PerPage: perPage})
	})
	c, err := NewCore(DefaultVersion, nil, WithToken("tok"), WithBaseURL("http://127.0.0.1:1"), WithHTTPClient(doer))
	require.NoError(t, err)
	build := func(server string, r PageRequest) (*http.Request, error) {
		q := url.Values{}
		if r.Cursor != "" {
			q.Set("starting_after", r.Cursor)
		}
		if r.Page > 0 {
			q.Set("page", strconv.Itoa(r.Page))
		}
		if r.PerPage > 0 {
			q.Set("per_page", strconv.Itoa(r.PerPage))
		}
		return http.NewRequest(http.MethodGet, server+"list?"+q.Encode(), nil)
	}
	return c, build
}

// pageDoer adapts a function to Doer.
type pageDoer func(*http.Request) (*http.Response, error)

func (d pageDoer) Do(r *http.Request) (*http.Response, error) { return d(r) }

// A page read ahead on a guess the decoded page does not confirm is
// dropped: its request is cancelled, and the page the listing really asks
// for is fetched instead.
func TestReadAheadDropsAWrongGuess(t *testing.T) {
	CheckGoroutines(t)
	var mu sync.Mutex
	var asked []string
	cancelled := make(chan string, 4)
	fetch := func(ctx context.Context, r PageRequest) (*http.Response, error) {
		mu.Lock()
		asked = append(asked, r.Cursor)
		mu.Unlock()
		if r.Cursor == "guessed" {
			select {
			case <-ctx.Done():
				cancelled <- r.Cursor
				return nil, ctx.Err()
			case <-time.After(5 * time.Second):
				return nil, fmt.Errorf("never cancelled")
			}
		}
		body := `{"data":[1],"pages":{"next":{"starting_after":"guessed"}}}`
		return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(bytes.NewReader([]byte(body)))}, nil
	}
	spec := PageSpec{Op: "Test", Style: StyleCursor}
	p, err := newPager(spec, newPageConfig(nil))
	require.NoError(t, err)
	c, build := listingOver(t, fetch)
	ra := newPageSource(context.Background(), newPageFetcher(c, build, spec, func() envelope { return new(aheadPage) }), p)
	require.IsType(t, &readAhead{}, ra)
	defer ra.close()

	first := ra.take(p)
	require.NoError(t, first.fetchErr)
	require.NoError(t, first.err)
	assert.Equal(t, "guessed", first.env.(*aheadPage).Pages.Next.cursor)
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		n := len(asked)
		mu.Unlock()
		if n == 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	// The decoded page leads elsewhere than the guess.
	p.cursor = "elsewhere"
	second := ra.take(p)
	assert.Equal(t, "elsewhere", second.req.Cursor)
	require.NoError(t, second.err)
	select {
	case c := <-cancelled:
		assert.Equal(t, "guessed", c)
	case <-time.After(5 * time.Second):
		t.Fatal("the request read ahead on the wrong guess was not cancelled")
	}
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"", "guessed", "elsewhere"}, asked[:3])
}

// A range reuses its page buffers: a buffer handed back is the next one
// read into.
func TestPageBuffersAreReused(t *testing.T) {
	var pb pageBuffers
	read := func(s string) ([]byte, *jsonx.Body) {
		body, rb, err := readPageBody(&http.Response{Body: io.NopCloser(strings.NewReader(s)), ContentLength: int64(len(s))}, &pb)
		require.NoError(t, err)
		require.Equal(t, s, string(body))
		return body, rb
	}
	first, rb := read(`{"data":[1,2,3]}`)
	require.NoError(t, rb.Close())
	require.NoError(t, rb.Close(), "a second Close hands nothing back twice")
	second, rb2 := read(`{"data":[4]}`)
	assert.Same(t, &first[0], &second[0], "the buffer is reused")
	third, _ := read(`{"data":[5]}`)
	assert.NotSame(t, &second[0], &third[0], "a buffer still in use is not handed out")
	require.NoError(t, rb2.Close())
}

type panickyTransport struct{}

func (panickyTransport) RoundTrip(*http.Request) (*http.Response, error) { panic("transport boom") }

// slowPage is a page whose decoding takes a while and counts how many
// pages decode at the same time.
type slowPage struct {
	aheadPage
}

var decodingNow, decodingMost atomic.Int32

func (p *slowPage) UnmarshalJSON(b []byte) error {
	n := decodingNow.Add(1)
	defer decodingNow.Add(-1)
	for m := decodingMost.Load(); n > m && !decodingMost.CompareAndSwap(m, n); m = decodingMost.Load() {
	}
	time.Sleep(2 * time.Millisecond)
	return json.Unmarshal(b, &p.aheadPage)
}

// Pages read ahead decode on all cores but one, which is left to the
// goroutines that read the next pages and send their requests: one page at
// a time on two cores, three on four.
func TestReadAheadLeavesACoreToTheNetwork(t *testing.T) {
	for _, procs := range []int{1, 2, 4} {
		t.Run(fmt.Sprint(procs), func(t *testing.T) {
			CheckGoroutines(t)
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			decodingMost.Store(0)
			const pages = 40
			fetch := func(ctx context.Context, r PageRequest) (*http.Response, error) {
				n := 0
				if r.Cursor != "" {
					fmt.Sscanf(r.Cursor, "c%d", &n)
				}
				body := fmt.Sprintf(`{"data":[%d],"pages":{"next":{"starting_after":"c%d"}}}`, n, n+1)
				if n == pages-1 {
					body = fmt.Sprintf(`{"data":[%d],"pages":{}}`, n)
				}
				return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Header: http.Header{"Content-Type": {"application/json"}},
					Body: io.NopCloser(strings.NewReader(body))}, nil
			}
			spec := PageSpec{Op: "Test", Style: StyleCursor}
			p, err := newPager(spec, newPageConfig([]PageOption{ReadAhead(6)}))
			require.NoError(t, err)
			c, build := listingOver(t, fetch)
			ra := newPageSource(context.Background(), newPageFetcher(c, build, spec, func() envelope { return new(slowPage) }), p)
			require.IsType(t, &readAhead{}, ra)
			defer ra.close()
			for i := 0; i < pages; i++ {
				fl := ra.take(p)
				require.NoError(t, fl.fetchErr)
				require.NoError(t, fl.err)
				env := fl.env.(*slowPage)
				require.Equal(t, fmt.Sprint(i), string(env.Items[0]))
				if env.Pages.Next.cursor == "" {
					break
				}
				p.cursor = env.Pages.Next.cursor
			}
			assert.Equal(t, int32(max(1, procs-1)), decodingMost.Load(), "pages decoding at once, at most")
		})
	}
}
