// Command facade is the smallest useful program importing the facade: it
// lists contacts once. The benchmark builds it to time builds and weigh
// the binary against one that imports only net/http.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func main() {
	c, err := v2_16.New(facade.WithToken(os.Getenv("INTERCOM_TOKEN")))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	resp, err := c.API.ListContactsWithResponse(context.Background(), &v2_16.ListContactsParams{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(resp.StatusCode())
}
