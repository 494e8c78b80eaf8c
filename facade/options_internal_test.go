package facade

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every construction error wraps ErrConfig, the RetryPolicy ones and a
// listing's page options included.
func TestConstructionErrorsWrapErrConfig(t *testing.T) {
	for name, p := range map[string]RetryPolicy{
		"negative retries":  {MaxRetries: -1},
		"negative duration": {BaseDelay: -time.Second},
		"max below base":    {BaseDelay: time.Second, MaxDelay: time.Millisecond},
	} {
		_, err := NewCore(DefaultVersion, nil, WithToken("tok"), WithRetryPolicy(p))
		assert.ErrorIs(t, err, ErrConfig, name)
		assert.True(t, strings.HasPrefix(err.Error(), "intercom: "), name)
	}
	for name, opt := range map[string]PageOption{"PageSize(0)": PageSize(0), "MaxItems(-1)": MaxItems(-1), "ReadAhead(-1)": ReadAhead(-1)} {
		var errs []error
		c, build := listingOver(t, func(context.Context, PageRequest) (*http.Response, error) {
			t.Errorf("%s: a request was sent", name)
			return nil, errors.New("not sent")
		})
		for _, err := range Items(Paginate[json.RawMessage, aheadPage](context.Background(), c, PageSpec{Op: "ListContacts", Style: StyleCursor}, []PageOption{opt}, build)) {
			errs = append(errs, err)
		}
		require.Len(t, errs, 1, name)
		assert.ErrorIs(t, errs[0], ErrConfig, name)
		assert.Contains(t, errs[0].Error(), name)
	}
}
