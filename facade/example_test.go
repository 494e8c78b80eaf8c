package facade_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_11"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// fakeIntercom stands in for api.intercom.io: it answers GET /tags and
// reports the Intercom-Version it was sent; anything else is not found.
func fakeIntercom() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "7fb2c0b1")
		w.Header().Set("X-RateLimit-Limit", "10000")
		w.Header().Set("X-RateLimit-Remaining", "9999")
		w.Header().Set("X-RateLimit-Reset", "1767225600")
		if r.URL.Path != "/tags" {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"type":"error.list","request_id":"7fb2c0b1","errors":[{"code":"not_found","message":"Resource Not Found"}]}`)
			return
		}
		fmt.Fprintf(w, `{"type":"list","data":[{"type":"tag","id":"1","name":"vip (sent %s)"}]}`, r.Header.Get("Intercom-Version"))
	}))
}

func ExampleNew() {
	srv := fakeIntercom() // in real use: no WithBaseURL
	defer srv.Close()

	c, err := v2_16.New(facade.WithToken("my-access-token"), facade.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	resp, err := c.API.ListTagsWithResponse(context.Background())
	if err != nil {
		log.Fatal(err) // any non-2xx answer is an error
	}
	for _, tag := range resp.JSON200.Data {
		fmt.Println(*tag.Name)
	}
	fmt.Println("request id:", facade.RequestID(resp.HTTPResponse))
	rl, _ := c.LastRateLimit()
	fmt.Println("remaining:", rl.Remaining, "of", rl.Limit)
	// Output:
	// vip (sent 2.16)
	// request id: 7fb2c0b1
	// remaining: 9999 of 10000
}

func ExampleWithRegion() {
	eu, err := v2_16.New(facade.WithToken("my-access-token"), facade.WithRegion(facade.RegionEU))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(eu.BaseURL())

	// A region and a base URL together are refused before anything is sent.
	_, err = v2_16.New(facade.WithToken("my-access-token"), facade.WithRegion(facade.RegionAU),
		facade.WithBaseURL("http://localhost:8080"))
	fmt.Println(errors.Is(err, facade.ErrConfig))
	// Output:
	// https://api.eu.intercom.io
	// true
}

// Version pinning: v2_11.New returns a client whose API takes and returns
// the 2.11 types, and whose requests carry Intercom-Version: 2.11.
func Example_versionPinning() {
	srv := fakeIntercom()
	defer srv.Close()

	c, err := v2_11.New(facade.WithToken("my-access-token"), facade.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	tags, err := c.Tags.List(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	var name string = tags.Data[0].Name // a string in 2.11, a *string in 2.16
	fmt.Println(name)
	// Output: vip (sent 2.11)
}

// One call with another Intercom-Version than the client's, through the
// generated client (c.API), which takes request editors.
func ExampleRequestVersion() {
	srv := fakeIntercom()
	defer srv.Close()

	c, err := v2_16.New(facade.WithToken("my-access-token"), facade.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	resp, err := c.API.ListTagsWithResponse(context.Background(), facade.RequestVersion("2.15"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*resp.JSON200.Data[0].Name)
	// Output: vip (sent 2.15)
}

func ExampleError() {
	srv := fakeIntercom()
	defer srv.Close()

	c, err := v2_16.New(facade.WithToken("my-access-token"), facade.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.Admins.List(context.Background())

	fmt.Println(err)
	if errors.Is(err, facade.ErrNotFound) {
		fmt.Println("not found")
	}
	var apiErr *facade.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Errors[0].Code, apiErr.RequestID)
	}
	// Output:
	// intercom: GET /admins: 404 Not Found: not_found: Resource Not Found (request id 7fb2c0b1)
	// not found
	// 404 not_found 7fb2c0b1
}
