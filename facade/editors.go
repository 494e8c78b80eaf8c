package facade

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

// RequestEditor changes one request before it is sent. Every generated
// call takes editors as its last arguments:
//
//	resp, err := c.API.ListTagsWithResponse(ctx, facade.RequestVersion("2.15"))
//
// It is the unnamed func type, so it converts to each generated package's
// RequestEditorFn.
type RequestEditor = func(ctx context.Context, req *http.Request) error

// RequestVersion sends one request with Intercom-Version v instead of the
// client's pinned version. An unknown v fails the call before it is sent.
func RequestVersion(v string) RequestEditor {
	return func(_ context.Context, req *http.Request) error {
		cv, err := canonicalVersion(v)
		if err != nil {
			return err
		}
		req.Header.Set(hdrVersion, cv)
		return nil
	}
}

// RequestHeader sets header key to value on one request. Intercom-Version
// is checked as by RequestVersion; Authorization is refused, credentials
// come from WithToken or WithTokenSource.
func RequestHeader(key, value string) RequestEditor {
	return func(ctx context.Context, req *http.Request) error {
		switch {
		case !validHeaderName(key):
			return fmt.Errorf("intercom: invalid header name %q", key)
		case strings.EqualFold(key, hdrAuth):
			return fmt.Errorf("intercom: RequestHeader cannot set %s: use WithToken or WithTokenSource", hdrAuth)
		case strings.ContainsAny(value, "\r\n\x00"):
			return fmt.Errorf("intercom: header %s: value contains line breaks or NUL", key)
		case strings.EqualFold(key, hdrVersion):
			return RequestVersion(value)(ctx, req)
		}
		req.Header.Set(key, value)
		return nil
	}
}

// validHeaderName reports whether s is an RFC 9110 token.
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			continue
		}
		if !strings.ContainsRune("!#$%&'*+-.^_`|~", rune(c)) {
			return false
		}
	}
	return true
}
