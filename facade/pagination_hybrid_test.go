package facade_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A listing the descriptions call page-numbered (articles) but that
// Intercom serves by cursor: the server ignores page and answers
// pages.next.starting_after. The iterator must follow the cursor, so that
// no page repeats and none is skipped.
func TestPageListingServedByCursor(t *testing.T) {
	const total, per = 7, 3
	var mu sync.Mutex
	var queries []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		queries = append(queries, r.URL.RawQuery)
		mu.Unlock()
		start := 0
		if c := r.URL.Query().Get("starting_after"); c != "" {
			start, _ = strconv.Atoi(strings.TrimPrefix(c, "c"))
		}
		end := min(start+per, total)
		var items []string
		for i := start; i < end; i++ {
			items = append(items, fmt.Sprintf(`{"type":"article","id":"%d"}`, i))
		}
		next := "null"
		if end < total {
			next = fmt.Sprintf(`{"per_page":%d,"starting_after":"c%d"}`, per, end)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"type":"list","data":[%s],"total_count":%d,"pages":{"type":"pages","per_page":%d,"next":%s}}`,
			strings.Join(items, ","), total, per, next)
	}))
	defer srv.Close()
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL))
	require.NoError(t, err)

	var got []string
	var next string
	for page, err := range c.ListArticlesPages(context.Background(), nil, facade.PageSize(per)) {
		require.NoError(t, err)
		for _, a := range page.Items {
			got = append(got, *a.Id)
		}
		if next == "" {
			next = page.Next
		}
	}
	assert.Equal(t, []string{"0", "1", "2", "3", "4", "5", "6"}, got)
	require.Len(t, queries, 3)
	assert.NotContains(t, queries[0], "starting_after")
	assert.Contains(t, queries[1], "starting_after=c3")
	assert.Contains(t, queries[2], "starting_after=c6")

	// The saved position resumes after the first page, cursor included.
	assert.Equal(t, "2:c3", next)
	got = nil
	for a, err := range c.ListArticles(context.Background(), nil, facade.PageSize(per), facade.ResumeFrom(next)) {
		require.NoError(t, err)
		got = append(got, *a.Id)
	}
	assert.Equal(t, []string{"3", "4", "5", "6"}, got)
}
