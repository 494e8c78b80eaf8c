package facade

import (
	"context"
	"iter"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// windowItem has what the export reads of an item: the shape of a
// generated contact's CreatedAt and Id.
type windowItem struct {
	Id        *string
	CreatedAt *int
}

var exportNow = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

// TestExportWindowsDisjointAndCovering: the windows' [From, To) ranges
// partition the export's range, and each window's search selects at
// least its range under the day reading of Intercom's contact search in
// every timezone the test tries.
func TestExportWindowsDisjointAndCovering(t *testing.T) {
	e, err := NewExport(func(context.Context, []byte, ...PageOption) iter.Seq2[Page[windowItem], error] { return nil },
		ExportOptions{now: func() time.Time { return exportNow }})
	require.NoError(t, err)
	w := e.windows[0]
	require.Equal(t, int64(0), w.From, "root window %+v", w.ExportWindow)
	require.Equal(t, exportNow.Unix(), w.To, "root window %+v", w.ExportWindow)
	// Split it down to days, as the export would.
	var leaves []ExportWindow
	var cut func(from, to int64)
	cut = func(from, to int64) {
		if m, ok := midnightBetween(from, to, e.loc); ok && to-from > 40*86400 {
			cut(from, m)
			cut(m, to)
			return
		}
		leaves = append(leaves, e.window(from, to))
	}
	cut(exportNow.AddDate(-1, 0, 0).Unix(), exportNow.Unix())
	for i := 1; i < len(leaves); i++ {
		require.Equal(t, leaves[i-1].To, leaves[i].From, "windows %+v and %+v neither meet nor are disjoint", leaves[i-1], leaves[i])
	}
	dayOf := func(u int64, loc *time.Location) time.Time {
		y, m, d := time.Unix(u, 0).In(loc).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	for _, tz := range []*time.Location{time.UTC, time.FixedZone("+14", 14*3600), time.FixedZone("-12", -12*3600)} {
		for _, w := range leaves {
			for _, at := range []int64{w.From, w.From + 1, w.To - 1} {
				// Intercom: > matches from the day after After's day; <
				// everything before Before's day.
				require.True(t, dayOf(at, tz).After(dayOf(w.After, tz)), "%s: window %+v: its search misses %d", tz, w, at)
				require.True(t, dayOf(at, tz).Before(dayOf(w.Before, tz)), "%s: window %+v: its search misses %d", tz, w, at)
			}
		}
	}
}
