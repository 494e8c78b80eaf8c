package intercomtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/gen/v2_16"
)

type bindBody struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

func checkBindBody(b *bindBody) error {
	if b.Name == "" {
		return errMissing("name")
	}
	if b.Role != "" && b.Role != "user" {
		return errInvalid(http.StatusUnprocessableEntity, "role", "role must be user")
	}
	return nil
}

// bind refuses a body with the error.list Intercom documents: a missing
// or malformed body is a 400 parameter_invalid, a missing field a 400
// parameter_not_found naming it, an unusable value the status check gives.
// A malformed body's message ends with encoding/json's own words, which
// are not ours to pin.
func TestBindRejectsBadBodiesWithIntercomsErrorShape(t *testing.T) {
	cases := []struct {
		name    string
		body    string
		status  int
		code    string
		field   string
		message string // the whole message, or its start when it ends in "..."
	}{
		{"no body", "", http.StatusBadRequest, "parameter_invalid", "", "request body is missing"},
		{"only spaces", " \n\t", http.StatusBadRequest, "parameter_invalid", "", "request body is missing"},
		{"malformed", `{"name":`, http.StatusBadRequest, "parameter_invalid", "", "request body is not valid: ..."},
		{"wrong type", `{"name":1}`, http.StatusBadRequest, "parameter_invalid", "", "request body is not valid: ..."},
		{"missing field", `{}`, http.StatusBadRequest, "parameter_not_found", "name", "name is a required parameter"},
		{"unusable value", `{"name":"a","role":"admin"}`, http.StatusUnprocessableEntity, "parameter_invalid", "role", "role must be user"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := bind(&call{body: []byte(tc.body)}, checkBindBody)
			var ae *apiError
			require.ErrorAs(t, err, &ae)
			rec := httptest.NewRecorder()
			respondError(rec, "r", ae)
			assert.Equal(t, tc.status, rec.Code)
			assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))

			var got v2_16.Error
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got), "body %s", rec.Body)
			assert.Equal(t, "error.list", got.Type)
			assert.Equal(t, "r", *got.RequestId)
			require.Len(t, got.Errors, 1)
			e := got.Errors[0]
			assert.Equal(t, tc.code, e.Code)
			if tc.field == "" {
				assert.Nil(t, e.Field)
			} else if assert.NotNil(t, e.Field) {
				assert.Equal(t, tc.field, *e.Field)
			}
			if prefix, ok := strings.CutSuffix(tc.message, "..."); ok {
				assert.True(t, strings.HasPrefix(*e.Message, prefix) && len(*e.Message) > len(prefix), "message %q", *e.Message)
			} else {
				assert.Equal(t, tc.message, *e.Message)
			}
		})
	}
}

func TestBindDecodesAGoodBody(t *testing.T) {
	got, err := bind(&call{body: []byte(` {"name":"ada","role":"user"} `)}, checkBindBody)
	require.NoError(t, err)
	assert.Equal(t, bindBody{Name: "ada", Role: "user"}, got)

	// A nil check decodes without checking.
	got, err = bind[bindBody](&call{body: []byte(`{}`)}, nil)
	require.NoError(t, err)
	assert.Equal(t, bindBody{}, got)
}

// bindOptional takes no body as the zero value, unchecked, and checks a
// body that is there.
func TestBindOptional(t *testing.T) {
	got, err := bindOptional(&call{body: []byte("  ")}, checkBindBody)
	require.NoError(t, err)
	assert.Equal(t, bindBody{}, got)

	_, err = bindOptional(&call{body: []byte(`{}`)}, checkBindBody)
	var ae *apiError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "parameter_not_found", ae.code)

	_, err = bindOptional(&call{body: []byte(`{`)}, checkBindBody)
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, http.StatusBadRequest, ae.status)
	assert.Equal(t, "parameter_invalid", ae.code)
}
