// Package facade is the Intercom API client: one small layer of version
// pinning, regions, authentication and typed errors over the packages that
// oapi-codegen generates from Intercom's OpenAPI descriptions (gen/...).
//
// # Clients
//
// New returns a client whose typed API is the newest stable version,
// DefaultVersion:
//
//	c, err := facade.New(facade.WithToken(token), facade.WithRegion(facade.RegionEU))
//	if err != nil { ... }
//	resp, err := c.API.ListTagsWithResponse(ctx)
//
// c.API has one method per operation of that version. NewV2_11, NewV2_14
// and NewPreview return clients typed for those versions instead; their
// API decodes with that version's types. NewFromEnv (or the FromEnv option
// with any constructor) reads INTERCOM_TOKEN, INTERCOM_REGION,
// INTERCOM_VERSION and INTERCOM_BASE_URL.
//
// Options are checked before anything is sent: an empty token, an unknown
// region or Intercom-Version, or a region together with WithBaseURL fail
// construction with an error wrapping ErrConfig that names the bad value.
//
// # Versions
//
// Every request carries exactly one Intercom-Version header: the version of
// the typed package, or the one given to WithVersion; RequestVersion
// changes it for one call. Values must be ones Intercom defines.
//
// # Regions
//
// A workspace is hosted in the US (https://api.intercom.io, the default),
// the EU (https://api.eu.intercom.io) or Australia
// (https://api.au.intercom.io), and its token only works there. The client
// never falls back to another region. WithBaseURL replaces the server, for
// a proxy or a test server.
//
// # Errors
//
// A non-2xx answer is returned as the error of the generated call, an
// *Error carrying the status, request id, Intercom's errors list, the
// rate-limit state and the body. errors.Is matches it against
// ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrValidation,
// ErrRateLimited, ErrServer and ErrScrollExists; errors.As extracts it:
//
//	var apiErr *facade.Error
//	if errors.As(err, &apiErr) {
//		log.Print(apiErr.StatusCode, apiErr.RequestID, apiErr.Errors)
//	}
//
// Transport failures keep their cause: errors.Is(err,
// context.DeadlineExceeded) works. A 2xx answer with the body null fails
// with ErrNullResponse; a body longer than WithMaxResponseBytes (counted
// after decompression) with ErrResponseTooLarge.
//
// # Secrets
//
// The token is sent only to the API server: a redirect to another host or
// port loses the Authorization header. It never appears in an error, a log
// line or the printed form of any value of this package, even when a server
// echoes it back, raw, JSON-escaped or percent-encoded, in a body, a header
// or the request id: what the client keeps of an answer is scrubbed.
//
// # HTTP
//
// WithHTTPClient, WithMiddleware, WithTimeout, WithMaxResponseBytes,
// WithUserAgent and WithLogger shape how requests are sent, read and
// recorded. RequestID and RateLimitOf read
// a response's request id and rate-limit state; Core.LastRateLimit keeps
// the last state seen.
package facade
