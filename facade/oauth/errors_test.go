package oauth

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every error the package returns carries the module's prefix, so that a
// log line says which library failed; errors.Is on the sentinels is
// unaffected by the wording.
func TestErrorsCarryTheModulePrefix(t *testing.T) {
	_, authorize := (&Config{}).AuthorizeURL("s")
	_, exchange := (&Config{ClientID: "id"}).Exchange(context.Background(), "")
	_, region := ForRegion("mars")
	for _, err := range []error{
		ErrNoCode, ErrNoToken, ErrRedirectRefused, ErrResponseTooLarge, ErrStateMismatch,
		&Error{StatusCode: 400, Code: "invalid_grant"},
		&CallbackError{Code: "access_denied"}, &CallbackError{Code: "access_denied", Description: "declined"},
		authorize, exchange,
	} {
		assert.Regexp(t, `^intercom: oauth: `, err.Error())
	}
	assert.Regexp(t, `^intercom: `, region.Error())
}
