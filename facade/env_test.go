package facade_test

import (
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_11"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/require"
)

func TestFromEnv(t *testing.T) {
	for _, k := range []string{facade.EnvToken, facade.EnvAccessToken, facade.EnvRegion, facade.EnvVersion, facade.EnvBaseURL} {
		t.Setenv(k, "")
	}
	t.Run("empty", func(t *testing.T) {
		_, err := v2_16.New(facade.FromEnv())
		require.ErrorIs(t, err, facade.ErrConfig)
		require.ErrorContains(t, err, "INTERCOM_TOKEN", "want an error pointing at INTERCOM_TOKEN")
	})
	t.Run("all set", func(t *testing.T) {
		t.Setenv(facade.EnvToken, testToken)
		t.Setenv(facade.EnvRegion, "AU")
		t.Setenv(facade.EnvVersion, "2.15")
		c, err := v2_16.New(facade.FromEnv())
		require.NoError(t, err)
		require.Equal(t, "https://api.au.intercom.io", c.BaseURL())
		require.Equal(t, "2.15", c.Version())
	})
	t.Run("alias and base URL", func(t *testing.T) {
		t.Setenv(facade.EnvAccessToken, testToken)
		t.Setenv(facade.EnvBaseURL, "http://127.0.0.1:9")
		c, err := v2_11.New(facade.FromEnv())
		require.NoError(t, err)
		require.Equal(t, "http://127.0.0.1:9", c.BaseURL())
		require.Equal(t, "2.11", c.Version())
	})
	t.Run("options win over env", func(t *testing.T) {
		t.Setenv(facade.EnvToken, testToken)
		t.Setenv(facade.EnvVersion, "2.12")
		c, err := v2_16.New(facade.FromEnv(), facade.WithVersion("2.13"))
		require.NoError(t, err)
		require.Equal(t, "2.13", c.Version())
	})
	bad := []struct{ key, value, want string }{
		{facade.EnvRegion, "mars", `INTERCOM_REGION: intercom: invalid configuration: unknown region "mars"`},
		{facade.EnvVersion, "3.0", `INTERCOM_VERSION: intercom: invalid configuration: unknown Intercom-Version "3.0"`},
		{facade.EnvBaseURL, "ftp://x", `INTERCOM_BASE_URL: intercom: invalid configuration: base URL "ftp://x"`},
	}
	for _, b := range bad {
		t.Run("bad "+b.key, func(t *testing.T) {
			t.Setenv(facade.EnvToken, testToken)
			t.Setenv(b.key, b.value)
			_, err := v2_16.New(facade.FromEnv())
			require.ErrorIs(t, err, facade.ErrConfig)
			require.ErrorContains(t, err, b.want)
		})
	}
	t.Run("region and base URL", func(t *testing.T) {
		t.Setenv(facade.EnvToken, testToken)
		t.Setenv(facade.EnvRegion, "eu")
		t.Setenv(facade.EnvBaseURL, "http://127.0.0.1:9")
		_, err := v2_16.New(facade.FromEnv())
		require.ErrorIs(t, err, facade.ErrConfig)
		require.ErrorContains(t, err, "both given")
	})
}
