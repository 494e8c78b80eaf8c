package accessorcheck

import (
	"fmt"
	"strings"
	"testing"

	"github.com/oapi-codegen/nullable"
	"github.com/stretchr/testify/assert"
)

// recorder collects the failures Run reports instead of failing the test.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

type inner struct{ N *int }

type good struct {
	ID    string                 `json:"id"`
	Name  *string                `json:"name,omitempty"`
	In    *inner                 `json:"in,omitempty"`
	Limit nullable.Nullable[int] `json:"limit,omitempty"`
	Tags  []string               `json:"tags,omitempty"`
}

func (g *good) GetName() string {
	if g == nil || g.Name == nil {
		return ""
	}
	return *g.Name
}

func (g *good) GetIn() *inner {
	if g == nil {
		return nil
	}
	return g.In
}

func (g *good) GetLimit() int {
	if g == nil {
		return 0
	}
	v, _ := g.Limit.Get()
	return v
}

func (g *good) GetTags() []string {
	if g == nil {
		return nil
	}
	return g.Tags
}

func (i *inner) GetN() int {
	if i == nil || i.N == nil {
		return 0
	}
	return *i.N
}

type panics struct {
	Name *string `json:"name,omitempty"`
}

func (p *panics) GetName() string { return *p.Name }

type wrong struct {
	Name  *string `json:"name,omitempty"`
	Other *string `json:"other,omitempty"`
}

func (w *wrong) GetName() string {
	if w == nil || w.Other == nil {
		return ""
	}
	return *w.Other
}

func (w *wrong) GetOther() string {
	if w == nil || w.Other == nil {
		return ""
	}
	return *w.Other
}

type missing struct {
	Name *string `json:"name,omitempty"`
	Req  string  `json:"req"`
}

func TestRunAcceptsCorrectGetters(t *testing.T) {
	r := &recorder{TB: t}
	Run(r, 5, []any{(*good)(nil), (*inner)(nil)})
	assert.Empty(t, r.errs, "unexpected failures")
}

func TestRunReportsBrokenGetters(t *testing.T) {
	for _, tc := range []struct {
		name string
		typ  any
		want int
		fail string
	}{
		{"panics on a nil receiver", (*panics)(nil), 1, "panics.GetName panics"},
		{"reads another field", (*wrong)(nil), 2, `wrong.GetName = "", want "x"`},
		{"optional field without getter", (*missing)(nil), 0, "missing.Name: optional field without a getter"},
		{"count differs", (*good)(nil), 3, "found 4 getters, the generator wrote 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &recorder{TB: t}
			Run(r, tc.want, []any{tc.typ})
			assert.Contains(t, strings.Join(r.errs, "\n"), tc.fail, "failures %q do not include %q", r.errs, tc.fail)
		})
	}
}
