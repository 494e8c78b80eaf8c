// Command nethttp makes one HTTP request with net/http alone: the size
// baseline for the client programs, and the standard library's share of
// their cold builds.
package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	resp, err := http.Get("https://api.intercom.io/contacts")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode)
}
