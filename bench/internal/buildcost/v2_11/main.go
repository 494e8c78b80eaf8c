// Command v2_11 is a user's first program on a client pinned to API
// version 2.11: one client, one call. make bench times its cold build.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_11"
)

func main() {
	c, err := v2_11.New(facade.WithToken(os.Getenv("INTERCOM_TOKEN")))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tags, err := c.Tags.List(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(len(tags.Data), "tags")
}
