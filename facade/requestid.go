package facade

import "net/http"

// hdrRequestID is the header in which Intercom returns its id of a request.
const hdrRequestID = "X-Request-Id"

// RequestID returns Intercom's id of the request that resp answers, such as
// resp.HTTPResponse of a generated call, or "" if it has none. Quote it when
// asking Intercom's support about a request.
func RequestID(resp *http.Response) string {
	if resp == nil {
		return ""
	}
	return resp.Header.Get(hdrRequestID)
}
