package facade_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Reading ahead changes nothing a listing yields nor what it asks for:
// every style gives the same items, from the same requests, with and
// without it, also with a limit that shrinks the last request.
func TestReadAheadGivesTheSameListing(t *testing.T) {
	for _, sc := range styleCases(t) {
		t.Run(sc.name, func(t *testing.T) {
			facade.CheckGoroutines(t)
			for _, limit := range [][]facade.PageOption{nil, {facade.MaxItems(1000)}} {
				lazy, ahead := sc.list(bigList), sc.list(bigList)
				lazyIDs, lazyErrs, _ := drain(sc.items(testClient(t, lazy), context.Background(), append(limit, facade.ReadAhead(0))...))
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
				facade.CheckGoroutines(t)
				f := sc.list(bigList)
				c := testClient(t, f)
				want := int32(1 + depth)
				if sc.name == "scroll" {
					want = 1
				}
				for _, err := range sc.items(c, context.Background(), facade.ReadAhead(depth)) {
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
	for _, n := range []int{-1, facade.MaxReadAhead + 1} {
		_, errs, _ := drain(styleCases(t)[0].items(c, context.Background(), facade.ReadAhead(n)))
		require.Len(t, errs, 1)
		assert.ErrorContains(t, errs[0], fmt.Sprintf("ReadAhead(%d)", n))
	}
	assert.EqualValues(t, 0, f.requests.Load())
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
	for contact, err := range c.ListContacts(context.Background(), nil, facade.PageSize(100)) {
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

// A panic while a page is fetched on its own goroutine reaches the loop's
// goroutine, as it would without read-ahead, and leaves no goroutine behind.
func TestReadAheadPanicReachesTheLoop(t *testing.T) {
	facade.CheckGoroutines(t)
	c, err := v2_16.New(facade.WithToken("tok"), facade.WithBaseURL("http://127.0.0.1:1"), facade.WithHTTPClient(&http.Client{Transport: facade.PanickyTransport{}}))
	require.NoError(t, err)
	assert.PanicsWithValue(t, "transport boom", func() {
		for _, err := range c.ListContacts(context.Background(), nil) {
			t.Errorf("yielded %v", err)
		}
	})
}
