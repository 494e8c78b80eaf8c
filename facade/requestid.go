package facade

import "net/http"

// hdrRequestID is the header in which Intercom returns its id of a request.
const hdrRequestID = "X-Request-Id"

// RequestID returns Intercom's id of the request that resp answers, such as
// resp.HTTPResponse of a generated call, or "" if it has none. Quote it when
// asking Intercom's support about a request. A credential of the request
// (or of the requests it was redirected from) echoed in the header is
// replaced by "[REDACTED]": the id is meant to be logged.
func RequestID(resp *http.Response) string {
	if resp == nil {
		return ""
	}
	var auths []string
	for r, hops := resp.Request, 0; r != nil && hops < 20; hops++ {
		auths = append(auths, r.Header.Values(hdrAuth)...)
		if r.Response == nil {
			break
		}
		r = r.Response.Request
	}
	return requestID(resp, newScrubber(auths...))
}

// requestID is the X-Request-Id of resp with s's secrets scrubbed.
func requestID(resp *http.Response, s scrubber) string {
	if resp == nil {
		return ""
	}
	return s.String(resp.Header.Get(hdrRequestID))
}
