package apidiff

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestDiff(t *testing.T) {
	got := map[string]Change{}
	for _, c := range Diff(load(t, oldSrc), load(t, newSrc)) {
		if _, dup := got[c.Object]; dup {
			t.Errorf("%s listed twice", c.Object)
		}
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
		if !ok {
			t.Errorf("missing %s", w)
			continue
		}
		if g != w {
			t.Errorf("got  %s\nwant %s", g, w)
		}
		delete(got, w.Object)
	}
	// Unexported names, unchanged elements and the members of added or
	// removed types are not reported.
	for _, c := range got {
		t.Errorf("unexpected %s", c)
	}
}

func TestDiffOrderAndCounts(t *testing.T) {
	cs := Diff(load(t, oldSrc), load(t, newSrc))
	for i := 1; i < len(cs); i++ {
		if rank(cs[i-1].Kind) > rank(cs[i].Kind) {
			t.Fatalf("%s before %s: removed and changed must come first", cs[i-1], cs[i])
		}
	}
	n := Count(cs)
	if n[Removed] != 4 || n[Changed] != 8 || n[Added] != 5 {
		t.Fatalf("counts = %v", n)
	}
	var b bytes.Buffer
	if err := Write(&b, cs); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, s := range []string{"4 removed, 8 changed, 5 added", "\nremoved:\n", "  ~ field Contact.OwnerID: *int -> *string\n", "  - type Gone struct\n"} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	if !cs[0].Breaking() || (Change{Kind: Added}).Breaking() {
		t.Error("Breaking: removed must be, added must not be")
	}
}

func TestIdenticalSourcesHaveNoDiff(t *testing.T) {
	if cs := Diff(load(t, oldSrc), load(t, oldSrc)); len(cs) != 0 {
		t.Fatalf("identical sources differ: %v", cs)
	}
}

func TestConstBlockRepeatsType(t *testing.T) {
	a := load(t, "package p\ntype K int\nconst (\n\tA K = iota\n\tB\n\tc\n)\n")
	if a.Values["const B"] != "K = iota" || a.Values["const A"] != "K = iota" {
		t.Fatalf("values = %v", a.Values)
	}
	if _, ok := a.Values["const c"]; ok {
		t.Fatal("unexported constant recorded")
	}
}

func TestLoadDirSkipsTestsAndReportsErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.go"), []byte("package p\nfunc A() {}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "a_test.go"), []byte("package p\nfunc TestOnly() {}\n"), 0o644)
	a, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := a.Funcs["A"]; !ok || len(a.Funcs) != 1 {
		t.Fatalf("funcs = %v", a.Funcs)
	}
	if _, err := LoadDir(t.TempDir()); err == nil {
		t.Error("empty directory loaded")
	}
	if _, err := Load(map[string][]byte{"bad.go": []byte("package p\nfunc (")}); err == nil {
		t.Error("syntax error not reported")
	}
}
