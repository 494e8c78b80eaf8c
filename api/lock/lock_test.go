package lock

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
