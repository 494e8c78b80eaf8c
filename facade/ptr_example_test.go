package facade_test

import (
	"fmt"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// Optional fields are pointers: Ptr fills them in a composite literal.
func ExamplePtr() {
	c := v2_16.Contact{
		Email:                  facade.Ptr("ann@example.com"),
		UnsubscribedFromEmails: facade.Ptr(false), // sent as false, not left out
	}
	fmt.Println(*c.Email, *c.UnsubscribedFromEmails, c.Phone == nil)
	// Output:
	// ann@example.com false true
}
