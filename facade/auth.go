package facade

import (
	"fmt"
	"net/http"
	"strings"
)

// authorizer sets the Authorization header of a request. The credential
// lives only inside the closure: no struct field holds it, so printing or
// logging any facade value cannot reveal it.
type authorizer func(*http.Request) error

// WithToken authenticates with an access token (the workspace's or an
// OAuth one), sent as "Authorization: Bearer <token>". The token is never
// printed, logged or put in an error. Of WithToken and WithTokenSource, the
// last given applies.
func WithToken(token string) Option {
	return func(c *config) error {
		if err := checkToken(token); err != nil {
			return err
		}
		header := "Bearer " + token
		c.auth = func(r *http.Request) error {
			r.Header.Set("Authorization", header)
			return nil
		}
		return nil
	}
}

// checkToken refuses tokens that cannot be valid. The message never
// repeats the token.
func checkToken(token string) error {
	if strings.TrimSpace(token) == "" {
		return fmt.Errorf("%w: empty access token (WithToken, or INTERCOM_TOKEN with FromEnv)", ErrConfig)
	}
	for _, r := range token {
		if r <= ' ' || r == 0x7f {
			return fmt.Errorf("%w: access token contains spaces or control characters", ErrConfig)
		}
	}
	return nil
}

// WithTokenSource authenticates each request with a token fetched from src,
// for tokens that expire and are refreshed. src's Token method is called
// before every request and the token's SetAuthHeader sets the header; an
// oauth2.TokenSource of golang.org/x/oauth2 fits as is, T being inferred:
//
//	c, err := v2_16.New(facade.WithTokenSource(conf.TokenSource(ctx, tok)))
//
// Token must be cheap and safe for concurrent use (oauth2.ReuseTokenSource
// caches). An error from it fails the request before anything is sent.
func WithTokenSource[T interface{ SetAuthHeader(*http.Request) }](src interface{ Token() (T, error) }) Option {
	return func(c *config) error {
		if isNil(src) {
			return fmt.Errorf("%w: nil token source (WithTokenSource)", ErrConfig)
		}
		c.auth = func(r *http.Request) error {
			tok, err := src.Token()
			if err != nil {
				return fmt.Errorf("intercom: token source: %w", err)
			}
			if isNil(tok) {
				return fmt.Errorf("intercom: token source returned no token")
			}
			r.Header.Del("Authorization")
			tok.SetAuthHeader(r)
			if strings.TrimSpace(r.Header.Get("Authorization")) == "" {
				return fmt.Errorf("intercom: token source gave an empty Authorization header")
			}
			return nil
		}
		return nil
	}
}
