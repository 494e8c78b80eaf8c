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
