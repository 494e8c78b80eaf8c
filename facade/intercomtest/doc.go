// Package intercomtest runs a stateful, in-memory fake of the Intercom REST
// API on the loopback interface, so that code built on the facade client can
// be tested without an access token or network.
//
//	srv := intercomtest.New(t)
//	c, err := srv.Client()
//	resp, err := c.API.CreateContactWithResponse(ctx, body)
//
// The fake keeps contacts, companies, conversations, tags, admins, teams and
// notes, and answers with JSON built from the generated types of the default
// API version (package gen/v2_16), so its answers decode into exactly the
// types the client returns. It implements Intercom's pagination styles
// (cursor pages, search body pagination, page numbers and company scroll),
// error.list bodies carrying a request id, rate-limit headers, and rejects
// an Intercom-Version header that no Intercom description defines.
//
// Tests can seed state with typed helpers (AddContact, AddCompany, ...),
// inspect every request received (Requests), and inject faults: latency,
// 5xx answers, 429 answers and connection resets (AddFault).
//
// Only the endpoints listed in docs/testing.md are served; any other route
// answers 404 with an error.list naming the route. Errors the package
// returns to Go code (the seeding helpers, Start) begin "intercom: ", like
// the client's; HTTP answers carry Intercom's own error.list bodies.
//
// Every endpoint is a row in routes.go and a handler that takes the same
// shared steps in the same order: lookup the resources the path names
// (lookup.go, each resource's own 404), bind and check the body
// (validate.go, 400 or 422), read the paging and cut the page
// (pagination.go: cursor, search body, page numbers, scroll), and return
// the value that respond writes (respond.go). Adding an endpoint is a
// route and a handler built from those steps.
package intercomtest
