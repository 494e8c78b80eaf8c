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
// # Pagination
//
// Every paged list and search of every version is an iterator on its
// service, ranged over with for ... range: c.Contacts.List(ctx, nil) yields
// each contact, and the error of a failure once, as the last value;
// c.Contacts.ListPages yields whole pages (Page) with the cursor to resume
// after each. PageSize, MaxItems, ResumeFrom and ReadAhead adjust a loop.
// The engine reads a few pages ahead of the loop, stops with
// ErrPaginationStalled instead of looping when Intercom repeats itself, and
// with ErrScrollExpired when a companies scroll cannot go on. Export splits
// a searchable collection into disjoint windows read by several workers,
// resumable from an ExportPosition (see docs/export.md and
// docs/pagination.md).
//
// # Retries and rate limits
//
// A request is retried after a 408, 429, 5xx or a dropped connection only
// when repeating it cannot duplicate a write: reads and the searches each
// version's generated table lists are retried, a create or reply only when
// it provably never reached Intercom. Waits follow Retry-After and the
// X-RateLimit headers, and never outlast the context's deadline.
// WithRetryPolicy and WithoutRetries change the policy. WithRateLimiter
// paces every request of a client (or of several) under Intercom's limit
// with the given RateLimiter: NewRateLimiter's in-process Pacer, or the
// Redis-backed limiter of the module facade/redislimit shared across
// processes (see docs/retries.md).
//
// # Testing
//
// Package facade/intercomtest is an in-memory Intercom with contacts,
// companies, conversations, tags and their searches, and injectable faults
// and latency: point any version's client at it with its Options. WithBaseURL
// points a client at any other test server (see docs/testing.md).
//
// # Generated clients
//
// The generated packages call a few exported names of this package that
// users need not: NewCore, RetryTable and NewRetryTable, Paginate with
// BuildPage, PageSpec, PageRequest, PageMeta, PageEnvelope and TypedPage
// (docs/pagination.md, "Where the code lives", follows one page), and the
// small helpers Items, Deref, DerefNullable, NoResult, FirstNonNil and
// ErrSeq. NewCore alone, with a nil table, is a client without a typed
// API: its Do sends any request with the client's authentication,
// retries and pacing.
//
// # HTTP
//
// WithHTTPClient, WithMiddleware, WithTimeout, WithMaxResponseBytes,
// WithUserAgent and WithLogger shape how requests are sent, read and
// recorded. RequestID and RateLimitOf read
// a response's request id and rate-limit state; Core.LastRateLimit keeps
// the last state seen.
package facade
