// Package oauth installs a public Intercom app in a customer's workspace
// with OAuth: send the customer to AuthorizeURL with a fresh state, check
// the state and read the code on the redirect (Callback), and Exchange the
// code for an access token to pass to facade.WithToken.
//
// Intercom's tokens do not expire and come with no refresh token; the
// permissions they carry are those set on the app in the Developer Hub, so
// there are no scopes to ask for. See docs/oauth.md.
package oauth
