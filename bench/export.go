package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// Export lists every contact under base, per_page at a time, and returns
// how many it saw (-1 when it does not decode and cannot tell).
type Export func(ctx context.Context, base string, perPage int) (int, error)

// errNoCursor ends a loop whose page lacks the next cursor but is not last.
var errNoCursor = errors.New("bench: page without a cursor")

func get(ctx context.Context, hc *http.Client, u string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("bench: GET %s: %s", u, resp.Status)
	}
	return resp, nil
}

func pageURL(base string, perPage int, cursor string) string {
	u := base + "/contacts?per_page=" + strconv.Itoa(perPage)
	if cursor != "" {
		u += "&starting_after=" + url.QueryEscape(cursor)
	}
	return u
}

// Transfer reads every page without decoding it: the cursor is found by a
// byte search. It is the floor every decoding loop is compared with.
func Transfer(hc *http.Client) Export {
	return func(ctx context.Context, base string, perPage int) (int, error) {
		var buf bytes.Buffer
		marker := []byte(`"starting_after":"`)
		cursor := ""
		for {
			resp, err := get(ctx, hc, pageURL(base, perPage, cursor))
			if err != nil {
				return 0, err
			}
			buf.Reset()
			_, err = buf.ReadFrom(resp.Body)
			resp.Body.Close()
			if err != nil {
				return 0, err
			}
			body := buf.Bytes()
			i := bytes.LastIndex(body, marker)
			if i < 0 {
				return -1, nil
			}
			rest := body[i+len(marker):]
			end := bytes.IndexByte(rest, '"')
			if end < 0 {
				return 0, errNoCursor
			}
			cursor = string(rest[:end])
		}
	}
}

// TransferReadAll is Transfer with io.ReadAll per page: what any client
// that keeps the body (as the generated Parse functions do) pays before
// decoding.
func TransferReadAll(hc *http.Client) Export {
	return func(ctx context.Context, base string, perPage int) (int, error) {
		marker := []byte(`"starting_after":"`)
		cursor := ""
		for {
			resp, err := get(ctx, hc, pageURL(base, perPage, cursor))
			if err != nil {
				return 0, err
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return 0, err
			}
			i := bytes.LastIndex(body, marker)
			if i < 0 {
				return -1, nil
			}
			rest := body[i+len(marker):]
			end := bytes.IndexByte(rest, '"')
			if end < 0 {
				return 0, errNoCursor
			}
			cursor = string(rest[:end])
		}
	}
}

// Baseline is the hand-written loop: net/http, io.ReadAll and
// encoding/json into the generated ContactList, as a user without this
// module's codec would write it.
func Baseline(hc *http.Client) Export {
	return func(ctx context.Context, base string, perPage int) (int, error) {
		n := 0
		cursor := ""
		for {
			resp, err := get(ctx, hc, pageURL(base, perPage, cursor))
			if err != nil {
				return n, err
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return n, err
			}
			var page v2_16.ContactList
			if err := json.Unmarshal(body, &page); err != nil {
				return n, err
			}
			n += consume(page.Data)
			if cursor = nextCursor(page.Pages); cursor == "" {
				return n, nil
			}
		}
	}
}

// DecodeReused reads each page into one reused buffer and decodes it with
// v2_16.DecodeJSON: what an iterator can do when it does not need to keep
// each page's body (DecodeJSON never retains its input).
func DecodeReused(hc *http.Client) Export {
	return func(ctx context.Context, base string, perPage int) (int, error) {
		var buf bytes.Buffer
		n := 0
		cursor := ""
		for {
			resp, err := get(ctx, hc, pageURL(base, perPage, cursor))
			if err != nil {
				return n, err
			}
			buf.Reset()
			_, err = buf.ReadFrom(resp.Body)
			resp.Body.Close()
			if err != nil {
				return n, err
			}
			var page v2_16.ContactList
			if err := v2_16.DecodeJSON(buf.Bytes(), &page); err != nil {
				return n, err
			}
			n += consume(page.Data)
			if cursor = nextCursor(page.Pages); cursor == "" {
				return n, nil
			}
		}
	}
}

// Generated uses the generated client (ListContactsWithResponse, which
// decodes with the package's DecodeJSON) in a manual cursor loop.
func Generated(hc *http.Client) Export {
	return func(ctx context.Context, base string, perPage int) (int, error) {
		c, err := v2_16.NewClientWithResponses(base, v2_16.WithHTTPClient(hc))
		if err != nil {
			return 0, err
		}
		return typedLoop(ctx, c, perPage)
	}
}

// FacadeTyped goes through v2_16.New's typed API (Core.Do, its headers
// and error mapping) in the same manual loop.
func FacadeTyped(hc *http.Client) Export {
	return func(ctx context.Context, base string, perPage int) (int, error) {
		c, err := v2_16.New(facade.WithToken("bench"), facade.WithBaseURL(base), facade.WithHTTPClient(hc))
		if err != nil {
			return 0, err
		}
		return typedLoop(ctx, c.API, perPage)
	}
}

func typedLoop(ctx context.Context, c *v2_16.ClientWithResponses, perPage int) (int, error) {
	n := 0
	cursor := ""
	for {
		resp, err := c.ListContactsWithResponse(ctx, &v2_16.ListContactsParams{}, pageParams(perPage, cursor))
		if err != nil {
			return n, err
		}
		if resp.JSON200 == nil {
			return n, fmt.Errorf("bench: status %d", resp.StatusCode())
		}
		n += consume(resp.JSON200.Data)
		if cursor = nextCursor(resp.JSON200.Pages); cursor == "" {
			return n, nil
		}
	}
}

// pageParams adds the paging query parameters, which the 2.16 description
// does not declare on ListContacts.
func pageParams(perPage int, cursor string) v2_16.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		q := req.URL.Query()
		q.Set("per_page", strconv.Itoa(perPage))
		if cursor != "" {
			q.Set("starting_after", cursor)
		}
		req.URL.RawQuery = q.Encode()
		return nil
	}
}

func nextCursor(p *v2_16.CursorPages) string {
	if p == nil {
		return ""
	}
	next, err := p.Next.Get()
	if err != nil {
		return ""
	}
	c, err := next.StartingAfter.Get()
	if err != nil {
		return ""
	}
	return c
}

// sink keeps the loops' reads of each contact observable.
var sink int

// consume touches every contact as an export would (here: its id) and
// returns how many there were.
func consume(cs []v2_16.Contact) int {
	for i := range cs {
		consume1(&cs[i])
	}
	return len(cs)
}

// consume1 is consume for one contact, as an iterator yields them.
func consume1(c *v2_16.Contact) int {
	if c.Id != nil {
		sink += len(*c.Id)
	}
	return 1
}
