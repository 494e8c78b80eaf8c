package facade

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testTable = NewRetryTable([]RetryRoute{
	{Method: http.MethodGet, Path: "/companies/scroll", Class: RetryWrite},
	{Method: http.MethodPost, Path: "/contacts/search", Class: RetrySafe},
	{Method: http.MethodPost, Path: "/companies/list", Class: RetrySafe},
	{Method: http.MethodPost, Path: "/contacts/merge/preview", Class: RetrySafe},
	{Method: http.MethodPost, Path: "/tickets/search", Class: RetrySafe},
	{Method: http.MethodPost, Path: "/contacts/{id}/search", Class: RetrySafe},
	{Method: http.MethodPost, Path: "/contacts/{id}/{other}", Class: RetryWrite, Quota: true},
	{Method: http.MethodPost, Path: "/export/content/data", Class: RetryWrite, Quota: true},
})

func TestClassify(t *testing.T) {
	cases := []struct {
		method, base, path string
		want               RetryClass
		quota              bool
	}{
		{http.MethodGet, "", "/conversations", RetrySafe, false},
		// Every arrival moves the scroll on: not safe to repeat.
		{http.MethodGet, "", "/companies/scroll", RetryWrite, false},
		{http.MethodGet, "/v1/proxy", "/v1/proxy/companies/scroll", RetryWrite, false},
		{http.MethodGet, "", "/companies", RetrySafe, false},
		{http.MethodGet, "", "/companies/c1", RetrySafe, false},
		{http.MethodPut, "", "/contacts/1", RetrySafe, false},
		{http.MethodDelete, "", "/contacts/1", RetrySafe, false},
		{http.MethodHead, "", "/me", RetrySafe, false},
		{http.MethodPost, "", "/contacts/search", RetrySafe, false},
		{http.MethodPost, "", "/companies/list", RetrySafe, false},
		{http.MethodPost, "", "/contacts/merge/preview", RetrySafe, false},
		{http.MethodPost, "/v1/proxy", "/v1/proxy/tickets/search", RetrySafe, false},
		// The entry with more literal segments wins.
		{http.MethodPost, "", "/contacts/7/search", RetrySafe, false},
		{http.MethodPost, "", "/contacts/7/tags", RetryWrite, true},
		{http.MethodPost, "", "/contacts//search", RetryWrite, false}, // an empty segment matches no {id}
		{http.MethodPost, "", "/conversations", RetryWrite, false},
		{http.MethodPost, "", "/contacts/merge", RetryWrite, false},
		{http.MethodPost, "", "/export/content/data", RetryWrite, true},
		{http.MethodPatch, "", "/contacts/search", RetryWrite, false}, // method must match
		// Unknown POSTs fall back to the conservative class.
		{http.MethodPost, "", "/something/new/search", RetryWrite, false},
		// A base path that is not a prefix is not stripped.
		{http.MethodPost, "/v1", "/contacts/search", RetrySafe, false},
		{http.MethodPost, "/v1", "/v2/contacts/search", RetryWrite, false},
	}
	for _, c := range cases {
		req := &http.Request{Method: c.method, URL: &url.URL{Path: c.path}}
		got, r := testTable.classify(req, c.base)
		quota := r != nil && r.Quota
		assert.Equal(t, c.want, got, "%s %s (base %q): got %v quota=%v, want %v quota=%v", c.method, c.path, c.base, got, quota, c.want, c.quota)
		assert.Equal(t, c.quota, quota, "%s %s (base %q): got %v quota=%v, want %v quota=%v", c.method, c.path, c.base, got, quota, c.want, c.quota)
	}
}

// TestClassifyWithoutTable: a Core given no table (or an operation no
// table knows) is classed by method alone.
func TestClassifyWithoutTable(t *testing.T) {
	var none *RetryTable
	for _, c := range []struct {
		method string
		want   RetryClass
	}{
		{http.MethodGet, RetrySafe}, {http.MethodPut, RetrySafe}, {http.MethodDelete, RetrySafe},
		{http.MethodPost, RetryWrite}, {http.MethodPatch, RetryWrite}, {"PROPFIND", RetryWrite},
	} {
		req := &http.Request{Method: c.method, URL: &url.URL{Path: "/contacts/search"}}
		got, r := none.classify(req, "")
		assert.Equal(t, c.want, got, "%s without a table: %v %+v, want %v", c.method, got, r, c.want)
		assert.Nil(t, r, "%s without a table: %v %+v, want %v", c.method, got, r, c.want)
	}
}

func TestClassifyEscapedSlashStaysInItsSegment(t *testing.T) {
	// A contact id containing "/" must not make /contacts/{id}/tags look
	// like some other (read-only) route with more segments, nor match
	// a shorter one.
	u, err := url.Parse("http://x/contacts/search%2Fx")
	require.NoError(t, err)
	req := &http.Request{Method: http.MethodPost, URL: u}
	got, r := testTable.classify(req, "")
	require.Equal(t, RetryWrite, got, "got %v %+v, want unknown write", got, r)
	require.Nil(t, r, "got %v %+v, want unknown write", got, r)
}

func TestBasePathOf(t *testing.T) {
	for in, want := range map[string]string{
		"https://api.intercom.io":          "",
		"https://api.intercom.io/":         "",
		"http://127.0.0.1:8080/proxy/":     "/proxy",
		"http://127.0.0.1:8080/a%2Fb/base": "/a%2Fb/base",
	} {
		assert.Equal(t, want, basePathOf(in), "basePathOf(%q)", in)
	}
}
