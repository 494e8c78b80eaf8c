package bench

import "net/http"

// FacadeIterator is the facade's contact iterator, row (c) of the table
// and the path the issue targets compare. It stays nil until the
// iterators (facade/paginate*.go) are merged. Wiring it is this one
// assignment, for example:
//
//	func init() {
//		FacadeIterator = func(hc *http.Client) Export {
//			return func(ctx context.Context, base string, perPage int) (int, error) {
//				c, err := facade.New(facade.WithToken("bench"), facade.WithBaseURL(base), facade.WithHTTPClient(hc))
//				if err != nil {
//					return 0, err
//				}
//				n := 0
//				for contact, err := range c.Contacts(ctx, perPage) { // the iterator's real name
//					if err != nil {
//						return n, err
//					}
//					n += consume1(contact)
//				}
//				return n, nil
//			}
//		}
//	}
//
// after which the row, the ratios and the streaming run use it.
var FacadeIterator func(hc *http.Client) Export
