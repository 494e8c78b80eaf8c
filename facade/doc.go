// Package facade is the Intercom API client: a thin layer over the typed
// packages that oapi-codegen generates from Intercom's OpenAPI descriptions
// (gen/...), adding version pinning, regions, authentication, typed errors,
// retries and iterator-style pagination.
//
//	c, err := facade.New(facade.WithToken(token))
//	resp, err := c.API.ListTagsWithResponse(ctx)
//
// New returns a client for the newest stable API version; NewV2_11,
// NewV2_14 and NewPreview return clients typed for other versions.
package facade
