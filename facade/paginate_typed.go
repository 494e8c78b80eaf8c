package facade

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/intercom-go/intercom/internal/jsonx"
)

// typedPage is implemented by the generated envelopes whose items can be
// decoded by the generated Parse function of their operation, which uses
// the generated decoders (gen/*/codec.gen.go) instead of encoding/json.
type typedPage interface {
	parseTyped(h http.Header, body []byte) error
}

// errNoTypedPage: the generated Parse function did not fill JSON200 (for
// instance no JSON content type); the page is decoded the general way.
var errNoTypedPage = errors.New("no typed page")

// typedResponse wraps a page's body for a generated Parse function.
func typedResponse(h http.Header, body []byte) *http.Response {
	return &http.Response{StatusCode: http.StatusOK, Header: h, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body))}
}

// decodeTyped decodes a page through the typed fast path: the items with
// the generated decoders, the page metadata (small, and in forms the
// descriptions do not all declare) from the few top-level fields that hold
// it. It reports false when the page must be decoded the general way.
func decodeTyped(h http.Header, body []byte, env any) bool {
	tp, ok := env.(typedPage)
	if !ok {
		return false
	}
	ms, ok := env.(interface{ meta() *pageMeta })
	if !ok {
		return false
	}
	var m pageMeta
	if scanMeta(body, &m) != nil || tp.parseTyped(h, body) != nil {
		return false
	}
	*ms.meta() = m
	return true
}

// metaKeys are the top-level fields pageMeta reads, by their folded form
// (encoding/json matches keys case-insensitively).
var metaKeys = map[string]string{
	"PAGES": "pages", "TOTAL_COUNT": "total_count", "TOTAL_PAGES": "total_pages", "PAGE": "page",
	"SCROLL_PARAM": "scroll_param", "NEXT_CURSOR": "next_cursor", "HAS_MORE": "has_more",
}

// scanMeta decodes pageMeta from the top-level object in data, skipping the
// other fields (the items) without decoding them.
func scanMeta(data []byte, m *pageMeta) error {
	var small []byte
	var scanErr error
	var nothing struct{}
	_ = jsonx.Run(data, &nothing, func(d *jsonx.Decoder, _ *struct{}) error {
		scanErr = func() error {
			ok, err := d.Object()
			if !ok {
				if err == nil {
					err = errNoTypedPage // null: not a page
				}
				return err
			}
			small = append(small, '{')
			for n := 0; ; n++ {
				key, err := d.Key(n)
				if err != nil || key == nil {
					return err
				}
				name, want := metaKeys[string(d.Fold(key))]
				if !want {
					if err := d.Skip(); err != nil {
						return err
					}
					continue
				}
				raw, err := d.Raw()
				if err != nil {
					return err
				}
				if len(small) > 1 {
					small = append(small, ',')
				}
				small = append(small, '"')
				small = append(small, name...)
				small = append(small, '"', ':')
				small = append(small, raw...)
			}
		}()
		return scanErr
	})
	if scanErr != nil {
		return scanErr
	}
	return json.Unmarshal(append(small, '}'), m)
}
