package facade_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// Moving a collection to the top level means sending parent_id: null, so
// the generated request type must tell an explicit null from an absent field.
func TestRequestCanSendExplicitNull(t *testing.T) {
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"6871118","type":"collection","name":"x"}`)
	}))
	defer srv.Close()
	c, err := v2_16.New(facade.WithToken("tok"), facade.WithBaseURL(srv.URL))
	require.NoError(t, err)

	var top v2_16.UpdateCollectionRequest
	top.ParentId.SetNull()
	_, err = c.API.UpdateCollectionWithResponse(context.Background(), 6871118, top)
	require.NoError(t, err)

	var untouched v2_16.UpdateCollectionRequest
	name := "renamed"
	untouched.Name = &name
	_, err = c.API.UpdateCollectionWithResponse(context.Background(), 6871118, untouched)
	require.NoError(t, err)

	require.Len(t, bodies, 2)
	assert.JSONEq(t, `{"parent_id":null}`, bodies[0])
	assert.JSONEq(t, `{"name":"renamed"}`, bodies[1], "an unset nullable field is left out")
}

// POST /contacts declares its body as a oneOf of one member: the
// single-arm-union rule makes it that member, sent exactly as built.
func TestSingleArmUnionBodyIsSentAsItsMember(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = string(b)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"type":"contact","id":"1","role":"user","email":"a@example.com"}`)
	}))
	defer srv.Close()
	c, err := v2_16.New(facade.WithToken("tok"), facade.WithBaseURL(srv.URL))
	require.NoError(t, err)

	// A single-arm union body is its arm: one composite literal, no From call.
	email := "a@example.com"
	resp, err := c.API.CreateContactWithResponse(context.Background(), v2_16.CreateContactJSONRequestBody{Email: &email})
	require.NoError(t, err)
	assert.JSONEq(t, `{"email":"a@example.com"}`, got)
	require.NotNil(t, resp.JSON200)
}
