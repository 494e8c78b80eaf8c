package lock

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	commit = "8889625a7b931d8649e18726e7f872ff073520fc"
	sumA   = "6acff636cc87df08e821ae69951d8dadcbec7bc0d59771421c38fed33a129e01"
)

func sample() string {
	return "repository https://example.test/repo\nraw https://example.test/raw\n" +
		"2.16 generate " + commit + " " + sumA + "\n" +
		"0 generate " + commit + " " + sumA + "\n" +
		"2.7 check " + commit + " " + sumA + " # old\n"
}

func TestParseAndFormatRoundTrip(t *testing.T) {
	f, err := Parse([]byte(sample()))
	require.NoError(t, err)
	require.Len(t, f.Entries, 3)
	again, err := Parse(f.Format())
	require.NoError(t, err)
	assert.Equal(t, f, again)
	assert.Equal(t, "2.16", f.Default().Version, "Preview is never the default")
	assert.Len(t, f.Generated(), 2)
}

func TestParseErrors(t *testing.T) {
	head := "repository r\nraw r\n"
	for name, tc := range map[string]struct{ text, want string }{
		"bad version": {head + "two generate " + commit + " " + sumA, "bad version"},
		"bad status":  {head + "2.16 maybe " + commit + " " + sumA, "bad status"},
		"bad commit":  {head + "2.16 generate abc " + sumA, "bad commit"},
		"bad sha":     {head + "2.16 generate " + commit + " xyz", "bad sha256"},
		"duplicate":   {head + "2.16 generate " + commit + " " + sumA + "\n2.16 check " + commit + " " + sumA, "pinned twice"},
		"junk":        {head + "what is this", "cannot parse"},
		"no header":   {"2.16 generate " + commit + " " + sumA, "missing repository"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(tc.text))
			assert.ErrorContains(t, err, tc.want)
		})
	}
}

func TestSetKeepsOrder(t *testing.T) {
	f, err := Parse([]byte(sample()))
	require.NoError(t, err)
	f.Set(Entry{Version: "2.15", Status: Generate, Commit: commit, SHA256: sumA})
	f.Set(Entry{Version: "2.10", Status: Check, Commit: commit, SHA256: sumA})
	var vs []string
	for _, e := range f.Entries {
		vs = append(vs, e.Version)
	}
	assert.Equal(t, []string{"2.7", "2.10", "2.15", "2.16", "0"}, vs)
}

func TestNaming(t *testing.T) {
	assert.Equal(t, "v2_16", Package("2.16"))
	assert.Equal(t, "preview", Package("0"))
	assert.Equal(t, "preview", Package("Preview"))
	assert.Equal(t, "Preview", Header("0"))
	assert.Equal(t, "2.11", Header("2.11"))
	assert.True(t, Less("2.9", "2.10"))
	assert.True(t, Less("2.16", "0"))
	assert.False(t, Less("0", "2.16"))
}

func TestFetcherFromDirectoryVerifiesAndCaches(t *testing.T) {
	src := t.TempDir()
	data := []byte("openapi: 3.0.1\n")
	p := filepath.Join(src, "descriptions", "2.16", "api.intercom.io.yaml")
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, data, 0o644))
	lf := &File{RawBase: "unused"}
	f := &Fetcher{Lock: lf, Source: Source{Dir: src}, Cache: t.TempDir()}

	got, err := f.Path(context.Background(), Entry{Version: "2.16", Commit: commit, SHA256: Sum(data)})
	require.NoError(t, err)
	cached, err := os.ReadFile(got)
	require.NoError(t, err)
	assert.Equal(t, data, cached)

	_, err = f.Path(context.Background(), Entry{Version: "2.16", Commit: commit, SHA256: sumA})
	var mm *MismatchError
	require.ErrorAs(t, err, &mm)
	assert.Equal(t, p, mm.File)
	assert.Equal(t, sumA, mm.Want)
	assert.Equal(t, Sum(data), mm.Got)
	assert.Contains(t, err.Error(), sumA)
	assert.Contains(t, err.Error(), Sum(data))
}

func TestFetcherDownloadsPinnedCommit(t *testing.T) {
	data := []byte("openapi: 3.0.1\ninfo: {}\n")
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/descriptions/0/api.intercom.io.yaml") {
			w.Write(data)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	f := &Fetcher{Lock: &File{RawBase: srv.URL}, Source: Source{Client: srv.Client()}, Cache: t.TempDir()}
	_, err := f.Path(context.Background(), Entry{Version: "Preview", Commit: commit, SHA256: Sum(data)})
	require.NoError(t, err)
	assert.Equal(t, []string{"/" + commit + "/descriptions/0/api.intercom.io.yaml"}, asked)
	// a second call is served from the cache
	_, err = f.Path(context.Background(), Entry{Version: "0", Commit: commit, SHA256: Sum(data)})
	require.NoError(t, err)
	assert.Len(t, asked, 1)

	_, err = f.Path(context.Background(), Entry{Version: "2.99", Commit: commit, SHA256: sumA})
	assert.ErrorContains(t, err, "404")
}

func TestParseCommit(t *testing.T) {
	full := "8889625a7b931d8649e18726e7f872ff073520fc"
	for in, want := range map[string]string{
		full:                  full,
		strings.ToUpper(full): full,
		" " + full + "\n":     full,
	} {
		got, err := ParseCommit(in)
		require.NoError(t, err, "ParseCommit(%q) = %q, %v; want %q", in, got, err, want)
		assert.Equal(t, want, got, "ParseCommit(%q) = %q, %v; want %q", in, got, err, want)
	}
	for in, want := range map[string]string{
		"05795dd":          "abbreviated",
		"":                 "not a 40-hex-digit",
		full + "0":         "not a 40-hex-digit",
		"main":             "not a 40-hex-digit",
		"z" + full[1:]:     "not a 40-hex-digit",
		"refs/heads/main1": "not a 40-hex-digit",
	} {
		_, err := ParseCommit(in)
		assert.ErrorContains(t, err, want, "ParseCommit(%q) = %v, want an error saying %q", in, err, want)
	}
}

func TestAppliesTo(t *testing.T) {
	cases := []struct {
		versions []string
		version  string
		want     bool
	}{
		{nil, "2.16", true},
		{[]string{"2.16"}, "2.16", true},
		{[]string{"2.16"}, "2.11", false},
		{[]string{"Preview"}, "0", true},
		{[]string{"0"}, "Preview", true},
		{[]string{"2.11", "Unstable"}, "Preview", true},
	}
	for _, c := range cases {
		got := AppliesTo(c.versions, c.version)
		assert.Equal(t, c.want, got, "AppliesTo(%v, %q) = %v, want %v", c.versions, c.version, got, c.want)
	}
}
