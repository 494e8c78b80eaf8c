package oauth_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/oauth"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// The install flow of a public app: send the customer to AuthorizeURL,
// read the code on the redirect, exchange it, and build a client with the
// token. A local server stands in for Intercom's token endpoint.
func ExampleConfig_Exchange() {
	intercom := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"token_type":"Bearer","token":"dG9rZW4","access_token":"dG9rZW4"}`)
	}))
	defer intercom.Close()

	cfg := &oauth.Config{
		ClientID:     "your-client-id",
		ClientSecret: "your-client-secret",
		RedirectURL:  "https://yourapp.example/intercom/callback",
		Region:       oauth.Region{AppBase: oauth.US.AppBase, APIBase: intercom.URL}, // oauth.US in production
	}

	// 1. Start: remember the state in the user's session, redirect.
	state, _ := oauth.NewState()
	authURL, _ := cfg.AuthorizeURL(state)
	fmt.Println(strings.HasPrefix(authURL, "https://app.intercom.io/oauth?client_id=your-client-id"))

	// 2. Intercom redirects back with the code and the same state.
	redirect := httptest.NewRequest(http.MethodGet, "/intercom/callback?code=abc&state="+state, nil)
	code, err := oauth.Callback(redirect, state)
	if err != nil {
		fmt.Println(err)
		return
	}

	// 3. Exchange the code and use the token.
	token, err := cfg.Exchange(context.Background(), code)
	if err != nil {
		fmt.Println(err)
		return
	}
	client, err := v2_16.New(facade.WithToken(token))
	fmt.Println(token, client != nil, err)
	// Output:
	// true
	// dG9rZW4 true <nil>
}
