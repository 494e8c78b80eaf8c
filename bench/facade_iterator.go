package bench

import (
	"context"
	"net/http"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// FacadeIterator is the facade's contact iterator (v2_16.Client.ListContacts,
// a range-over-func iterator) with opts: row (c) of the table, the path the
// issue targets compare, has none (the defaults).
func FacadeIterator(hc *http.Client, opts ...facade.PageOption) Export {
	return func(ctx context.Context, base string, perPage int) (int, error) {
		c, err := v2_16.New(facade.WithToken("bench"), facade.WithBaseURL(base), facade.WithHTTPClient(hc))
		if err != nil {
			return 0, err
		}
		n := 0
		for contact, err := range c.ListContacts(ctx, nil, append([]facade.PageOption{facade.PageSize(perPage)}, opts...)...) {
			if err != nil {
				return n, err
			}
			n += consume1(&contact)
		}
		return n, nil
	}
}
