package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// The typed request bodies of POST /contacts and POST /tags are unions
// that currently encode as {} (see the conformance suite's known
// failures), so these two calls send the encoded request themselves.

func createContact(ctx context.Context, c *facade.Client, req v2_16.CreateContactRequest) (v2_16.Contact, error) {
	b, err := json.Marshal(req)
	if err != nil {
		return v2_16.Contact{}, err
	}
	resp, err := c.API.CreateContactWithBodyWithResponse(ctx, "application/json", bytes.NewReader(b))
	if err != nil {
		return v2_16.Contact{}, err
	}
	var out v2_16.Contact
	err = json.Unmarshal(resp.Body, &out)
	return out, err
}

func createTag(ctx context.Context, c *facade.Client, name string) (v2_16.TagCreateResponse, error) {
	b, err := json.Marshal(v2_16.CreateOrUpdateTagRequest{Name: name})
	if err != nil {
		return v2_16.TagCreateResponse{}, err
	}
	resp, err := c.API.CreateTagWithBodyWithResponse(ctx, "application/json", bytes.NewReader(b))
	if err != nil {
		return v2_16.TagCreateResponse{}, err
	}
	return *resp.JSON200, nil
}

// pageQuery adds the cursor parameters GET /contacts takes but its
// description does not list.
func pageQuery(perPage int, startingAfter string) v2_16.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		q := req.URL.Query()
		q.Set("per_page", strconv.Itoa(perPage))
		if startingAfter != "" {
			q.Set("starting_after", startingAfter)
		} else {
			q.Del("starting_after")
		}
		req.URL.RawQuery = q.Encode()
		return nil
	}
}
