package facade

import (
	"fmt"
	"os"
	"strings"
)

// Environment variables read by FromEnv.
const (
	EnvToken       = "INTERCOM_TOKEN"
	EnvAccessToken = "INTERCOM_ACCESS_TOKEN" // alias of INTERCOM_TOKEN
	EnvRegion      = "INTERCOM_REGION"
	EnvVersion     = "INTERCOM_VERSION"
	EnvBaseURL     = "INTERCOM_BASE_URL"
)

// FromEnv configures a client from the environment, for any version's
// constructor: v2_16.New(facade.FromEnv()); options after it take
// precedence. It reads INTERCOM_TOKEN (or
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
