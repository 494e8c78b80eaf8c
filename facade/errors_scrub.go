package facade

import (
	"net/http"

	"github.com/intercom-go/intercom/internal/scrub"
)

// scrubber removes a request's credential from what the client shows of a
// response: error bodies and the fields decoded from them, headers, the
// request id, and the text of transport errors (internal/scrub).
type scrubber = scrub.Scrubber

// newScrubber scrubs the credentials of the given Authorization values
// (see credential: short values are not secrets).
func newScrubber(authorizations ...string) scrubber {
	creds := make([]string, 0, len(authorizations))
	for _, a := range authorizations {
		creds = append(creds, credential(a))
	}
	return scrub.New(creds...)
}

// scrubberFor scrubs the credential a request carries.
func scrubberFor(req *http.Request) scrubber {
	if req == nil || req.Header == nil {
		return scrubber{}
	}
	return newScrubber(req.Header.Values(hdrAuth)...)
}
