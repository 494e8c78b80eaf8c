package facade

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/intercom-go/intercom/internal/jsonx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Reading ahead changes nothing a listing yields nor what it asks for:
// every style gives the same items, from the same requests, with and
// without it, also with a limit that shrinks the last request.
func TestReadAheadGivesTheSameListing(t *testing.T) {
	for _, sc := range styleCases(t) {
		t.Run(sc.name, func(t *testing.T) {
			checkGoroutines(t)
			for _, limit := range [][]PageOption{nil, {MaxItems(1000)}} {
				lazy, ahead := sc.list(bigList), sc.list(bigList)
				lazyIDs, lazyErrs, _ := drain(sc.items(testClient(t, lazy), context.Background(), append(limit, ReadAhead(0))...))
				aheadIDs, aheadErrs, _ := drain(sc.items(testClient(t, ahead), context.Background(), limit...))
				require.Empty(t, lazyErrs)
				require.Empty(t, aheadErrs)
				assert.Equal(t, lazyIDs, aheadIDs)
				assert.Equal(t, lazy.pageSizes(), ahead.pageSizes(), "the same page sizes")
				if sc.name != "scroll" { // scroll_params are new every time
					assert.Equal(t, lazy.positions(), ahead.positions(), "the same requests, none wasted")
				}
			}
		})
	}
}

// The request for the next page leaves while the loop is still on the
// page before it, and no further than ReadAhead allows. A scroll never
// reads ahead: every request moves it.
func TestReadAheadRequestsAheadOfTheLoop(t *testing.T) {
	for _, sc := range styleCases(t) {
		for _, depth := range []int{1, 2, 3} {
			t.Run(fmt.Sprintf("%s/%d", sc.name, depth), func(t *testing.T) {
				checkGoroutines(t)
				f := sc.list(bigList)
				c := testClient(t, f)
				want := int32(1 + depth)
				if sc.name == "scroll" {
					want = 1
				}
				for _, err := range sc.items(c, context.Background(), ReadAhead(depth)) {
					require.NoError(t, err)
					// Still on the first item of the first page.
					deadline := time.Now().Add(5 * time.Second)
					for f.requests.Load() < want && time.Now().Before(deadline) {
						time.Sleep(time.Millisecond)
					}
					time.Sleep(20 * time.Millisecond) // room for a request too many
					break
				}
				assert.Equal(t, want, f.requests.Load())
			})
		}
	}
}

func TestReadAheadOption(t *testing.T) {
	f := styleCases(t)[0].list(10)
	c := testClient(t, f)
	for _, n := range []int{-1, maxReadAhead + 1} {
		_, errs, _ := drain(styleCases(t)[0].items(c, context.Background(), ReadAhead(n)))
		require.Len(t, errs, 1)
		assert.ErrorContains(t, errs[0], fmt.Sprintf("ReadAhead(%d)", n))
	}
	assert.EqualValues(t, 0, f.requests.Load())
}

// aheadPage is a page envelope with no generated decoder.
type aheadPage struct {
	Items []json.RawMessage `json:"data"`
	pageMeta
}

// A page read ahead on a guess the decoded page does not confirm is
// dropped: its request is cancelled, and the page the listing really asks
// for is fetched instead.
func TestReadAheadDropsAWrongGuess(t *testing.T) {
	checkGoroutines(t)
	var mu sync.Mutex
	var asked []string
	cancelled := make(chan string, 4)
	fetch := func(ctx context.Context, r pageRequest) (*http.Response, error) {
		mu.Lock()
		asked = append(asked, r.cursor)
		mu.Unlock()
		if r.cursor == "guessed" {
			select {
			case <-ctx.Done():
				cancelled <- r.cursor
				return nil, ctx.Err()
			case <-time.After(5 * time.Second):
				return nil, fmt.Errorf("never cancelled")
			}
		}
		body := `{"data":[1],"pages":{"next":{"starting_after":"guessed"}}}`
		return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(bytes.NewReader([]byte(body)))}, nil
	}
	p, err := newPager(pageSpec{op: "Test", style: styleCursor}, newPageConfig(nil))
	require.NoError(t, err)
	ra := newReadAhead[aheadPage](context.Background(), fetch, p)
	defer ra.close()

	first := ra.take(p)
	require.NoError(t, first.fetchErr)
	require.NoError(t, first.err)
	assert.Equal(t, "guessed", first.env.Pages.Next.cursor)
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
	assert.Equal(t, "elsewhere", second.req.cursor)
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

// Items keep their values after their page's buffer is reused for later
// pages: decoded values never refer to the body.
func TestItemsOutliveTheirPageBuffers(t *testing.T) {
	f := styleCases(t)[0].list(600)
	f.item = func(i int) string {
		return fmt.Sprintf(`{"type":"contact","id":"%d","name":"name-%d","custom_attributes":{"k":"v-%d","n":%d,"l":["x-%d"]}}`, i, i, i, i, i)
	}
	c := testClient(t, f)
	var got []v2_16.Contact
	for contact, err := range c.ListContacts(context.Background(), nil, PageSize(100)) {
		require.NoError(t, err)
		got = append(got, contact)
	}
	require.Len(t, got, 600)
	for i, contact := range got {
		var want v2_16.Contact
		require.NoError(t, json.Unmarshal([]byte(f.item(i)), &want))
		assert.Equal(t, want, contact, "contact %d", i)
	}
}

type panickyTransport struct{}

func (panickyTransport) RoundTrip(*http.Request) (*http.Response, error) { panic("transport boom") }

// A panic while a page is fetched on its own goroutine reaches the loop's
// goroutine, as it would without read-ahead, and leaves no goroutine behind.
func TestReadAheadPanicReachesTheLoop(t *testing.T) {
	checkGoroutines(t)
	c, err := New(WithToken("tok"), WithBaseURL("http://127.0.0.1:1"), WithHTTPClient(&http.Client{Transport: panickyTransport{}}))
	require.NoError(t, err)
	assert.PanicsWithValue(t, "transport boom", func() {
		for _, err := range c.ListContacts(context.Background(), nil) {
			t.Errorf("yielded %v", err)
		}
	})
}

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
			checkGoroutines(t)
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			decodingMost.Store(0)
			const pages = 40
			fetch := func(ctx context.Context, r pageRequest) (*http.Response, error) {
				n := 0
				if r.cursor != "" {
					fmt.Sscanf(r.cursor, "c%d", &n)
				}
				body := fmt.Sprintf(`{"data":[%d],"pages":{"next":{"starting_after":"c%d"}}}`, n, n+1)
				if n == pages-1 {
					body = fmt.Sprintf(`{"data":[%d],"pages":{}}`, n)
				}
				return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Header: http.Header{"Content-Type": {"application/json"}},
					Body: io.NopCloser(strings.NewReader(body))}, nil
			}
			p, err := newPager(pageSpec{op: "Test", style: styleCursor}, newPageConfig([]PageOption{ReadAhead(6)}))
			require.NoError(t, err)
			ra := newReadAhead[slowPage](context.Background(), fetch, p)
			defer ra.close()
			for i := 0; i < pages; i++ {
				fl := ra.take(p)
				require.NoError(t, fl.fetchErr)
				require.NoError(t, fl.err)
				require.Equal(t, fmt.Sprint(i), string(fl.env.Items[0]))
				if fl.env.Pages.Next.cursor == "" {
					break
				}
				p.cursor = fl.env.Pages.Next.cursor
			}
			assert.Equal(t, int32(max(1, procs-1)), decodingMost.Load(), "pages decoding at once, at most")
		})
	}
}
