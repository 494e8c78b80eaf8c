// Package facade is the version-independent core of the Intercom API
// client: options, regions, authentication, typed errors, retries, rate
// limits and the pagination engine. Each API version's typed client is
// generated into its own package, gen/<version>, beside that version's
// types, and embeds this package's Core.
//
// # Clients
//
// A client is pinned to one version by the package its constructor comes
// from; a program compiles only the versions it imports:
//
//	import (
//		"github.com/intercom-go/intercom/facade"
//		"github.com/intercom-go/intercom/gen/v2_16" // DefaultVersion, the newest stable
//	)
//
//	c, err := v2_16.New(facade.WithToken(token), facade.WithRegion(facade.RegionEU))
//	if err != nil { ... }
//	contact, err := c.Contacts.Get(ctx, id)
//
// v2_11.New, v2_14.New and preview.New work the same for those versions.
// The options, errors and helpers of this package serve every version.
//
// # Services
//
// Every operation of the version is one method on the service of its tag
// in Intercom's reference (c.Contacts, c.Conversations, c.Tags, ...; see
// the version package's Services). A call returns the decoded answer and an error; paged
// operations are iterators on the same service (c.Contacts.List), searches
// take a search.Query (package facade/search); a body that is a union has
// one method per arm (c.Conversations.ReplyAdmin). c.API is the generated
// oapi-codegen client underneath, for raw responses, status and headers.
// The FromEnv option, given to any version's New, reads INTERCOM_TOKEN,
// INTERCOM_REGION, INTERCOM_VERSION and INTERCOM_BASE_URL.
//
// Options are checked before anything is sent: an empty token, an unknown
// region or Intercom-Version, or a region together with WithBaseURL fail
// construction with an error wrapping ErrConfig that names the bad value.
//
// # Values
//
// Optional fields of the generated types are pointers. Ptr fills them
// (v2_16.Contact{Email: facade.Ptr("ann@example.com")}), and every optional
// field has a nil-safe getter that reads them: contact.GetEmail() is "" when
// the email, or the contact, is nil, and getters of nested objects return
// the pointer so that they chain (conv.GetSource().GetAuthor().GetName()).
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
