package apidiff

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const oldSrc = `package p

import "context"

// Contact is kept, with one field changing type and one going away.
type Contact struct {
	ID      string
	OwnerID *int
	Phone   string
	hidden  int
	Embedded
}

type Embedded struct{ A int }

type Role string

const (
	RoleUser Role = "user"
	RoleLead Role = "lead"
)

const Version = "2.14"

var Default = 3

type Gone struct{}

type Client struct{}

func (c *Client) ListTags(ctx context.Context) error { return nil }
func (c *Client) OldCall(ctx context.Context) error  { return nil }
func (c Client) Value() int                         { return 0 }
func (c *Client) private()                          {}

type API interface {
	ListTags(ctx context.Context) error
}

type Alias = Contact

func NewClient(server string) (*Client, error) { return nil, nil }

func helper() {}
`

const newSrc = `package p

import "context"

type Contact struct {
	ID      string
	OwnerID *string
	Email   string
	hidden  string
	*Embedded
}

type Embedded struct{ A int }

type Role int

const (
	RoleUser Role = "user"
	RoleVisitor Role = "visitor"
)

const Version = "2.16"

var Default = 3

type Added struct{ X int }

type Client struct{}

func (c *Client) ListTags(ctx context.Context, limit int) error { return nil }
func (c *Client) NewCall(ctx context.Context) error            { return nil }
func (c *Client) Value() int                                   { return 0 }

type API interface {
	ListTags(ctx context.Context) error
	Search(q string) error
}

type Alias = Embedded

func NewClient(server string, opts ...int) (*Client, error) { return nil, nil }

func helper(int) {}
`

func load(t *testing.T, src string) *API {
	t.Helper()
	a, err := Load(map[string][]byte{"p.go": []byte(src)})
	require.NoError(t, err)
	return a
}

func TestDiff(t *testing.T) {
	got := map[string]Change{}
	for _, c := range Diff(load(t, oldSrc), load(t, newSrc)) {
		_, dup := got[c.Object]
		assert.False(t, dup, "%s listed twice", c.Object)
		got[c.Object] = c
	}
	want := []Change{
		{Changed, "field Contact.OwnerID", "*int", "*string"},
		{Removed, "field Contact.Phone", "string", ""},
		{Added, "field Contact.Email", "", "string"},
		{Changed, "field Contact.Embedded", "embedded Embedded", "embedded *Embedded"},
		{Changed, "type Role", "string", "int"},
		{Removed, "const RoleLead", `Role = "lead"`, ""},
		{Added, "const RoleVisitor", "", `Role = "visitor"`},
		{Changed, "const Version", `= "2.14"`, `= "2.16"`},
		{Removed, "type Gone", "struct", ""},
		{Added, "type Added", "", "struct"},
		{Changed, "method Client.ListTags", "(*Client) (ctx context.Context) error", "(*Client) (ctx context.Context, limit int) error"},
		{Removed, "method Client.OldCall", "(*Client) (ctx context.Context) error", ""},
		{Added, "method Client.NewCall", "", "(*Client) (ctx context.Context) error"},
		{Changed, "method Client.Value", "(Client) () int", "(*Client) () int"},
		{Added, "method API.Search", "", "(q string) error"},
		{Changed, "type Alias", "= Contact", "= Embedded"},
		{Changed, "func NewClient", "(server string) (*Client, error)", "(server string, opts ...int) (*Client, error)"},
	}
	for _, w := range want {
		g, ok := got[w.Object]
		if !assert.True(t, ok, "missing %s", w) {
			continue
		}
		assert.Equal(t, w, g)
		delete(got, w.Object)
	}
	// Unexported names, unchanged elements and the members of added or
	// removed types are not reported.
	assert.Empty(t, got, "unexpected changes")
}

func TestDiffOrderAndCounts(t *testing.T) {
	cs := Diff(load(t, oldSrc), load(t, newSrc))
	for i := 1; i < len(cs); i++ {
		require.LessOrEqual(t, rank(cs[i-1].Kind), rank(cs[i].Kind), "%s before %s: removed and changed must come first", cs[i-1], cs[i])
	}
	n := Count(cs)
	require.Equal(t, 4, n[Removed], "counts = %v", n)
	require.Equal(t, 8, n[Changed], "counts = %v", n)
	require.Equal(t, 5, n[Added], "counts = %v", n)
	var b bytes.Buffer
	require.NoError(t, Write(&b, cs))
	out := b.String()
	for _, s := range []string{"4 removed, 8 changed, 5 added", "\nremoved:\n", "  ~ field Contact.OwnerID: *int -> *string\n", "  - type Gone struct\n"} {
		assert.Contains(t, out, s, "output lacks")
	}
	require.True(t, cs[0].Breaking(), "Breaking: removed must be, added must not be")
	assert.False(t, (Change{Kind: Added}).Breaking(), "Breaking: removed must be, added must not be")
}

func TestIdenticalSourcesHaveNoDiff(t *testing.T) {
	require.Empty(t, Diff(load(t, oldSrc), load(t, oldSrc)), "identical sources differ")
}

func TestConstBlockRepeatsType(t *testing.T) {
	a := load(t, "package p\ntype K int\nconst (\n\tA K = iota\n\tB\n\tc\n)\n")
	require.Equal(t, "K = iota", a.Values["const B"], "values = %v", a.Values)
	require.Equal(t, "K = iota", a.Values["const A"], "values = %v", a.Values)
	_, ok := a.Values["const c"]
	require.False(t, ok, "unexported constant recorded")
}

func TestLoadDirSkipsTestsAndReportsErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.go"), []byte("package p\nfunc A() {}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "a_test.go"), []byte("package p\nfunc TestOnly() {}\n"), 0o644)
	a, err := LoadDir(dir)
	require.NoError(t, err)
	_, ok := a.Funcs["A"]
	require.True(t, ok, "funcs")
	require.Len(t, a.Funcs, 1, "funcs")
	_, err = LoadDir(t.TempDir())
	assert.Error(t, err, "empty directory loaded")
	_, err = Load(map[string][]byte{"bad.go": []byte("package p\nfunc (")})
	assert.Error(t, err, "syntax error not reported")
}
