package facade_test

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/intercomtest"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exportNow is when the tests' exports begin.
var exportNow = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

// seedEdges stores contacts on and around every boundary a window could
// have: the midnights of UTC, of the workspace's timezone and of a few
// others, a second either side, across two months; plus a crowd on one
// day (so that a window cannot be split below it), two at the epoch and
// some created after the export began (not to be exported). It returns
// the ids the export must yield.
func seedEdges(t *testing.T, srv *intercomtest.Server) map[string]bool {
	t.Helper()
	want := map[string]bool{}
	add := func(at int64, expected bool) {
		c := srv.AddContact(v2_16.Contact{CreatedAt: facade.Ptr(int(at))})
		if expected {
			want[*c.Id] = true
		}
	}
	zones := []*time.Location{time.UTC, time.FixedZone("UTC+9", 9*3600), time.FixedZone("UTC-5", -5*3600), time.FixedZone("UTC+14", 14*3600), time.FixedZone("UTC-12", -12*3600)}
	start := exportNow.AddDate(0, -2, 0)
	for d := start; d.Before(exportNow); d = d.AddDate(0, 0, 3) {
		for _, z := range zones {
			y, m, dd := d.In(z).Date()
			mid := time.Date(y, m, dd, 0, 0, 0, 0, z).Unix()
			for _, off := range []int64{-1, 0, 1} {
				if at := mid + off; at < exportNow.Unix() {
					add(at, true)
				}
			}
		}
	}
	crowd := time.Date(2024, 5, 10, 15, 0, 0, 0, time.UTC).Unix()
	for i := range 40 {
		add(crowd+int64(i), true)
	}
	add(0, true)
	add(1, true)
	add(exportNow.Unix()-1, true)
	add(exportNow.Unix(), false) // created as the export began: after it
	add(exportNow.Unix()+3600, false)
	return want
}

// begun makes an export begin at exportNow.
func begun(o facade.ExportOptions) facade.ExportOptions {
	facade.SetExportClock(&o, exportNow)
	return o
}

// contactSearch is the thin typed entry point for v2.16 contacts.
func contactSearch(c *v2_16.Client) facade.ExportSearch[v2_16.Contact] {
	return facade.ExportFrom(func(ctx context.Context, b v2_16.SearchContactsJSONRequestBody, o ...facade.PageOption) iter.Seq2[facade.Page[v2_16.Contact], error] {
		return c.SearchContactsPages(ctx, nil, b, o...)
	})
}

func exportClient(t *testing.T, srv *intercomtest.Server) *v2_16.Client {
	t.Helper()
	p := facade.DefaultRetryPolicy()
	p.BaseDelay, p.MaxDelay, p.RateLimitJitter = time.Millisecond, 5*time.Millisecond, time.Millisecond
	p.MaxRetries = 6
	c, err := srv.Client(facade.WithRetryPolicy(p))
	require.NoError(t, err)
	return c
}

// collect ranges over an export, failing on a repeated id; stopAfter > 0
// breaks out after that many items.
func collect(t *testing.T, e *facade.Export[v2_16.Contact], seen map[string]bool, stopAfter int) (int, error) {
	t.Helper()
	n := 0
	for c, err := range e.All(context.Background()) {
		if err != nil {
			return n, err
		}
		require.False(t, seen[*c.Id], "contact %s (created %d) yielded twice", *c.Id, *c.CreatedAt)
		seen[*c.Id] = true
		n++
		if stopAfter > 0 && n == stopAfter {
			break
		}
	}
	return n, nil
}

func checkSame(t *testing.T, got, want map[string]bool) {
	t.Helper()
	for id := range want {
		assert.True(t, got[id], "contact %s not exported", id)
	}
	for id := range got {
		assert.True(t, want[id], "contact %s exported but not expected", id)
	}
}

// TestExportEveryItemOnceAcrossTimezones: whatever the workspace's
// timezone, and whether the export knows it or not, every contact created
// before the export began comes out exactly once, those on window edges
// included, with windows split down to single days.
func TestExportEveryItemOnceAcrossTimezones(t *testing.T) {
	for _, tz := range []*time.Location{time.UTC, time.FixedZone("UTC+9", 9*3600), time.FixedZone("UTC-5", -5*3600), time.FixedZone("UTC+14", 14*3600)} {
		for _, known := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/known=%v", tz, known), func(t *testing.T) {
				srv := intercomtest.New(t, intercomtest.WithTimezone(tz))
				want := seedEdges(t, srv)
				c := exportClient(t, srv)
				opts := begun(facade.ExportOptions{Workers: 4, PageSize: 7, SplitAbove: 10})
				if known {
					opts.Location = tz
				}
				e, err := facade.NewExport(contactSearch(c), opts)
				require.NoError(t, err)
				seen := map[string]bool{}
				_, err = collect(t, e, seen, 0)
				require.NoError(t, err)
				checkSame(t, seen, want)
				p := e.Progress()
				require.NotZero(t, p.Splits, "progress %+v", p)
				require.Zero(t, p.WindowsOpen, "progress %+v", p)
				require.Equal(t, int64(len(want)), p.Items, "progress %+v", p)
				require.Zero(t, p.Left, "progress %+v", p)
				require.Empty(t, e.Position().Windows, "finished export has open windows")
			})
		}
	}
}

// TestExportResumesWithNothingLostOrRepeated: an export stopped after any
// number of items and resumed in a new Export from its JSON position (as
// a new process would) yields the rest, exactly once.
func TestExportResumesWithNothingLostOrRepeated(t *testing.T) {
	tz := time.FixedZone("UTC+9", 9*3600)
	srv := intercomtest.New(t, intercomtest.WithTimezone(tz))
	want := seedEdges(t, srv)
	c := exportClient(t, srv)
	seen := map[string]bool{}
	var pos *facade.ExportPosition
	for _, step := range []int{1, 6, 7, 8, 33, 50, 0} { // 7: on a page's end
		opts := begun(facade.ExportOptions{Workers: 3, PageSize: 7, SplitAbove: 20, Location: tz, Resume: pos})
		e, err := facade.NewExport(contactSearch(c), opts)
		require.NoError(t, err)
		n, err := collect(t, e, seen, step)
		require.NoError(t, err)
		if step > 0 {
			require.Equal(t, step, n, "stopped after")
		}
		raw, err := json.Marshal(e.Position())
		require.NoError(t, err)
		pos = new(facade.ExportPosition)
		require.NoError(t, json.Unmarshal(raw, pos))
	}
	checkSame(t, seen, want)
	require.Empty(t, pos.Windows, "open windows after the end")
}

// TestExportAbsorbsFaultsAndFailsResumably: 429s, 5xx and dropped
// connections are absorbed by the client's retries; a failure they cannot
// absorb ends the export with an *ExportError whose position resumes it.
func TestExportAbsorbsFaultsAndFailsResumably(t *testing.T) {
	srv := intercomtest.New(t, intercomtest.WithRateLimit(1000, time.Second))
	want := seedEdges(t, srv)
	c := exportClient(t, srv)
	for _, f := range []intercomtest.Fault{
		{Path: "/contacts/search", Status: http.StatusTooManyRequests, Times: 3},
		{Path: "/contacts/search", Status: http.StatusBadGateway, Times: 2},
		{Path: "/contacts/search", Reset: true},
	} {
		srv.AddFault(f)
	}
	seen := map[string]bool{}
	e, err := facade.NewExport(contactSearch(c), begun(facade.ExportOptions{Workers: 4, PageSize: 9, SplitAbove: 30}))
	require.NoError(t, err)
	n, err := collect(t, e, seen, 40)
	require.NoError(t, err)
	require.Equal(t, 40, n, "items")
	// Now a fault no retry absorbs: every search answers 500.
	pos := e.Position()
	srv.AddFault(intercomtest.Fault{Path: "/contacts/search", Status: http.StatusInternalServerError, Times: -1})
	e, err = facade.NewExport(contactSearch(c), facade.ExportOptions{Workers: 4, PageSize: 9, Resume: &pos})
	require.NoError(t, err)
	_, err = collect(t, e, seen, 0)
	var ee *facade.ExportError
	require.ErrorAs(t, err, &ee, "want an *ExportError wrapping ErrServer with open windows")
	require.ErrorIs(t, err, facade.ErrServer, "want an *ExportError wrapping ErrServer with open windows")
	require.NotEmpty(t, ee.Position.Windows, "want an *ExportError wrapping ErrServer with open windows")
	srv.ClearFaults()
	e, err = facade.NewExport(contactSearch(c), facade.ExportOptions{Workers: 4, PageSize: 9, Resume: &ee.Position})
	require.NoError(t, err)
	_, err = collect(t, e, seen, 0)
	require.NoError(t, err)
	checkSame(t, seen, want)
}

// TestExportProgress: the callback hears every page; the polled value
// ends with everything done and nothing left.
func TestExportProgress(t *testing.T) {
	srv := intercomtest.New(t)
	want := seedEdges(t, srv)
	c := exportClient(t, srv)
	var calls int
	var last facade.ExportProgress
	e, err := facade.NewExport(contactSearch(c), begun(facade.ExportOptions{Workers: 2, PageSize: 50,
		Limiter: facade.NewRateLimiter(),
		OnProgress: func(p facade.ExportProgress) {
			calls++
			assert.GreaterOrEqual(t, p.Pages, last.Pages, "progress went back: %+v after %+v", p, last)
			assert.GreaterOrEqual(t, p.Items, last.Items, "progress went back: %+v after %+v", p, last)
			last = p
		}}))
	require.NoError(t, err)
	seen := map[string]bool{}
	_, err = collect(t, e, seen, 0)
	require.NoError(t, err)
	p := e.Progress()
	require.NotZero(t, calls, "%d calls, progress %+v", calls, p)
	require.Equal(t, p.Pages, int64(calls), "%d calls, progress %+v", calls, p)
	require.Equal(t, int64(len(want)), p.Items, "%d calls, progress %+v", calls, p)
	require.Zero(t, p.Left, "%d calls, progress %+v", calls, p)
	require.Zero(t, p.WindowsOpen, "%d calls, progress %+v", calls, p)
	require.NotZero(t, p.WindowsDone, "%d calls, progress %+v", calls, p)
}

func TestNewExportRefusesBadInput(t *testing.T) {
	s := func(context.Context, []byte, ...facade.PageOption) iter.Seq2[facade.Page[struct{ CreatedAt int }], error] {
		return nil
	}
	_, err := facade.NewExport[struct{ CreatedAt int }](nil, facade.ExportOptions{})
	assert.Error(t, err, "nil search accepted")
	_, err = facade.NewExport(func(context.Context, []byte, ...facade.PageOption) iter.Seq2[facade.Page[struct{ Name string }], error] {
		return nil
	}, facade.ExportOptions{})
	assert.Error(t, err, "type without CreatedAt accepted")
	_, err = facade.NewExport(s, facade.ExportOptions{Workers: -1})
	assert.Error(t, err, "negative workers accepted")
	_, err = facade.NewExport(s, facade.ExportOptions{Resume: &facade.ExportPosition{Version: 99}})
	assert.Error(t, err, "unknown position format accepted")
}

// TestExportRangesSplitBetweenProcesses: exports of [From, Until) ranges
// that meet end to end together yield every item once.
func TestExportRangesSplitBetweenProcesses(t *testing.T) {
	srv := intercomtest.New(t, intercomtest.WithTimezone(time.FixedZone("UTC-5", -5*3600)))
	want := seedEdges(t, srv)
	c := exportClient(t, srv)
	cut1, cut2 := exportNow.AddDate(0, -1, 0), exportNow.AddDate(0, 0, -9).Add(17*time.Second)
	seen := map[string]bool{}
	for _, r := range [][2]time.Time{{{}, cut1}, {cut1, cut2}, {cut2, {}}} {
		e, err := facade.NewExport(contactSearch(c), begun(facade.ExportOptions{From: r[0], Until: r[1], PageSize: 11}))
		require.NoError(t, err)
		_, err = collect(t, e, seen, 0)
		require.NoError(t, err)
	}
	checkSame(t, seen, want)
}

// TestExportConversations: the same engine exports another collection
// (conversations, whose search compares created_at exactly) through its
// generated search iterator, every conversation once.
func TestExportConversations(t *testing.T) {
	srv := intercomtest.New(t)
	want := map[string]bool{}
	start := exportNow.AddDate(0, 0, -40).Unix()
	for i := range 300 {
		at := int(start + int64(i)*11_000) // about 8 a day, some on midnights' either side
		v := srv.AddConversation(v2_16.Conversation{CreatedAt: &at})
		if int64(at) < exportNow.Unix() {
			want[*v.Id] = true
		}
	}
	c := exportClient(t, srv)
	search := facade.ExportFrom(func(ctx context.Context, b v2_16.SearchConversationsJSONRequestBody, o ...facade.PageOption) iter.Seq2[facade.Page[v2_16.ConversationListItem], error] {
		return c.SearchConversationsPages(ctx, nil, b, o...)
	})
	e, err := facade.NewExport(search, begun(facade.ExportOptions{Workers: 3, PageSize: 13, SplitAbove: 40, From: time.Unix(start, 0)}))
	require.NoError(t, err)
	seen := map[string]bool{}
	for v, err := range e.All(context.Background()) {
		require.NoError(t, err)
		require.False(t, seen[*v.Id], "conversation %s twice", *v.Id)
		seen[*v.Id] = true
	}
	checkSame(t, seen, want)
	require.NotZero(t, e.Progress().Splits, "no window was split")
}
