// Command bare_v2_16 makes the call of the 2.16 client program through the
// generated package alone (its raw client builds the request and decodes
// the response), with no client around it: the floor make bench weighs the
// client program's build cost against.
package main

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"github.com/intercom-go/intercom/gen/v2_16"
)

func main() {
	auth := func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+os.Getenv("INTERCOM_TOKEN"))
		return nil
	}
	c, err := v2_16.NewClientWithResponses("https://api.intercom.io", v2_16.WithRequestEditorFn(auth))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	resp, err := c.ListTagsWithResponse(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if resp.JSON200 == nil {
		fmt.Fprintln(os.Stderr, resp.Status())
		os.Exit(1)
	}
	fmt.Println(len(resp.JSON200.Data), "tags")
}
