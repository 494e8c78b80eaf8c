package facade

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/intercom-go/intercom/internal/jsonx"
)

// TypedPage is implemented by the generated envelopes whose items can be
// decoded by the generated Parse function of their operation, which uses
// the generated decoders (gen/*/codec.gen.go) instead of encoding/json.
type TypedPage interface {
	ParsePage(h http.Header, body []byte, top *PageTop) error
}

// PageTop hears the top-level members of a page while its Parse function
// decodes it: the paging fields are read from there, in the same pass.
type PageTop = jsonx.TopLevel

// ErrNoTypedPage: the generated Parse function did not fill JSON200 (for
// instance no JSON content type); the page is decoded the general way.
var ErrNoTypedPage = errors.New("no typed page")

// TypedResponse wraps a page's body for a generated Parse function, which
// takes the bytes without copying them (jsonx.ReadBody) and reports the
// top-level members to top.
func TypedResponse(h http.Header, body []byte, top *PageTop) *http.Response {
	b := jsonx.NewBody(body)
	b.Top = top
	return &http.Response{StatusCode: http.StatusOK, Header: h, Body: b, ContentLength: int64(len(body))}
}

// decodeTyped decodes a page through the typed fast path: the items with
// the generated decoders, the page metadata (small, and in forms the
// descriptions do not all declare) from the few top-level fields that hold
// it. It reports false when the page must be decoded the general way.
func decodeTyped(h http.Header, body []byte, env any) bool {
	if !jsonx.Fast {
		// Built with intercom_stdjson: encoding/json decodes everything, the
		// envelope's paging fields included, in the general path.
		return false
	}
	tp, ok := env.(TypedPage)
	if !ok {
		return false
	}
	ms, ok := env.(interface{ meta() *PageMeta })
	if !ok {
		return false
	}
	mc := metaCollector{m: new(PageMeta)}
	top := PageTop{Member: mc.member}
	if tp.ParsePage(h, body, &top) != nil {
		return false
	}
	if !top.Complete {
		// The decoders fell back to encoding/json: read the fields again.
		mc = metaCollector{m: new(PageMeta)}
		if err := scanMeta(body, &mc); err != nil {
			return false
		}
	}
	if mc.err != nil {
		return false
	}
	*ms.meta() = *mc.m
	return true
}

// metaCollector decodes the top-level members pageMeta reads into m, one
// by one in document order, as encoding/json would decode the whole object
// into it: each occurrence of a field overwrites the one before, and the
// first error is kept.
type metaCollector struct {
	m    *PageMeta
	err  error
	fold [32]byte
}

func (mc *metaCollector) member(key, raw []byte) {
	var err error
	// Keys by their folded form: encoding/json matches them ignoring case.
	switch string(jsonx.AppendFold(mc.fold[:0], key)) {
	case "PAGES":
		err = mc.m.Pages.UnmarshalJSON(raw)
	case "TOTAL_COUNT":
		err = mc.m.TotalCount.UnmarshalJSON(raw)
	case "TOTAL_PAGES":
		err = mc.m.TotalPages.UnmarshalJSON(raw)
	case "PAGE":
		err = mc.m.Page.UnmarshalJSON(raw)
	case "SCROLL_PARAM":
		err = jsonPtr(raw, &mc.m.ScrollParam)
	case "NEXT_CURSOR":
		err = jsonPtr(raw, &mc.m.NextCursor)
	case "HAS_MORE":
		err = jsonPtr(raw, &mc.m.HasMore)
	}
	if err != nil && mc.err == nil {
		mc.err = err
	}
}

// jsonPtr decodes raw into *p as encoding/json decodes a pointer field:
// null sets it to nil, anything else to a new value.
func jsonPtr[T any](raw []byte, p **T) error {
	raw = bytes.TrimSpace(raw)
	if isNull(raw) {
		*p = nil
		return nil
	}
	v := new(T)
	if err := json.Unmarshal(raw, v); err != nil {
		return err
	}
	*p = v
	return nil
}

// scanMeta collects the paging members of the top-level object in data,
// skipping the other fields (the items) without decoding them.
func scanMeta(data []byte, mc *metaCollector) error {
	var scanErr error
	var nothing struct{}
	runErr := jsonx.Run(data, &nothing, func(d *jsonx.Decoder, _ *struct{}) error {
		scanErr = func() error {
			ok, err := d.Object()
			if !ok {
				if err == nil {
					err = ErrNoTypedPage // null: not a page
				}
				return err
			}
			for n := 0; ; n++ {
				key, err := d.Key(n)
				if err != nil || key == nil {
					return err
				}
				raw, err := d.Raw()
				if err != nil {
					return err
				}
				mc.member(key, raw)
			}
		}()
		return scanErr
	})
	if scanErr != nil {
		return scanErr
	}
	return runErr // what follows the object: not one JSON value
}
