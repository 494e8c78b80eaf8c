package facade

import (
	"fmt"
	"os"
	"strings"
)

// Environment variables read by FromEnv and NewFromEnv.
const (
	EnvToken       = "INTERCOM_TOKEN"
	EnvAccessToken = "INTERCOM_ACCESS_TOKEN" // alias of INTERCOM_TOKEN
	EnvRegion      = "INTERCOM_REGION"
	EnvVersion     = "INTERCOM_VERSION"
	EnvBaseURL     = "INTERCOM_BASE_URL"
)

// NewFromEnv returns a client for the newest stable API configured from the
// environment (see FromEnv), then opts, which take precedence.
func NewFromEnv(opts ...Option) (*Client, error) {
	return New(append([]Option{FromEnv()}, opts...)...)
}

// FromEnv configures a client from the environment, for any constructor:
// facade.NewV2_11(facade.FromEnv()). It reads INTERCOM_TOKEN (or
// INTERCOM_ACCESS_TOKEN when that is unset), INTERCOM_REGION (us, eu, au),
// INTERCOM_VERSION and INTERCOM_BASE_URL; unset or empty variables are
// ignored. Errors name the variable.
func FromEnv() Option {
	return func(c *config) error {
		env := func(k string) string { return strings.TrimSpace(os.Getenv(k)) }
		tokenVar := EnvToken
		if env(tokenVar) == "" {
			tokenVar = EnvAccessToken
		}
		steps := []struct {
			name string
			opt  func(string) Option
		}{
			{tokenVar, WithToken},
			{EnvRegion, func(v string) Option { return WithRegion(Region(v)) }},
			{EnvVersion, WithVersion},
			{EnvBaseURL, WithBaseURL},
		}
		for _, s := range steps {
			v := env(s.name)
			if v == "" {
				continue
			}
			if err := s.opt(v)(c); err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
		}
		return nil
	}
}
