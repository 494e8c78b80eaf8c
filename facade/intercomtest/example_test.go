package intercomtest_test

import (
	"context"
	"fmt"
	"log"
	"net/http"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/intercomtest"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// A test seeds the fake workspace with typed values, runs the code under
// test against it, and checks what the code sent.
func Example() {
	srv, err := intercomtest.Start() // in a test: srv := intercomtest.New(t)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	vip := srv.AddTag(v2_16.Tag{Name: facade.Ptr("vip")})
	ada := srv.AddContact(v2_16.Contact{Email: facade.Ptr("ada@example.com"), Name: facade.Ptr("Ada")})

	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.API.AttachTagToContactWithResponse(ctx, *ada.Id, v2_16.AttachTagToContactJSONRequestBody{Id: *vip.Id}); err != nil {
		log.Fatal(err)
	}
	got, err := c.API.ShowContactWithResponse(ctx, *ada.Id, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*got.JSON200.Name, "has", *got.JSON200.Tags.TotalCount, "tag")
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Status)
	}
	// Output:
	// Ada has 1 tag
	// POST /contacts/6762f0d00000000000000001/tags 200
	// GET /contacts/6762f0d00000000000000001 200
}

// Faults make the next matching requests fail, to test retries and error
// handling.
func Example_faults() {
	srv, err := intercomtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	// Times: -1 keeps failing until ClearFaults, whatever the client retries.
	srv.AddFault(intercomtest.Fault{Method: "GET", Path: "/contacts/{id}", Status: http.StatusServiceUnavailable, Times: -1})

	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.API.ShowContactWithResponse(context.Background(), "any", nil)
	fmt.Println(err != nil, srv.Requests()[0].Status)
	// Output: true 503
}
