package intercomtest

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
)

// respond writes JSON with its Content-Type and the status given; no value
// is no body and no Content-Type.
func TestRespond(t *testing.T) {
	cases := []struct {
		name        string
		status      int
		v           any
		body        string
		contentType string
	}{
		{"a value", http.StatusOK, map[string]any{"type": "tag", "id": "1"}, `{"id":"1","type":"tag"}`, "application/json; charset=utf-8"},
		{"another status", http.StatusCreated, []int{1, 2}, `[1,2]`, "application/json; charset=utf-8"},
		{"no value", http.StatusOK, nil, ``, ""},
		{"a value that cannot be encoded", http.StatusOK, map[string]any{"f": func() {}}, "json: unsupported type: func()\n", "text/plain; charset=utf-8"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			respond(rec, tc.status, tc.v)
			want := tc.status
			if tc.contentType == "text/plain; charset=utf-8" {
				want = http.StatusInternalServerError
			}
			assert.Equal(t, want, rec.Code)
			assert.Equal(t, tc.contentType, rec.Header().Get("Content-Type"))
			assert.Equal(t, tc.body, rec.Body.String())
		})
	}
}

// respondError writes Intercom's error.list: one error, its field only
// when there is one, and the request id, byte for byte as the generated
// v2_16.Error encodes.
func TestRespondError(t *testing.T) {
	rec := httptest.NewRecorder()
	respondError(rec, "00000000-0000-4000-8000-000000000001", errConflict("A contact matching those details already exists with id=1"))
	assert.Equal(t, http.StatusConflict, rec.Code)
	assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	assert.Equal(t, `{"errors":[{"code":"conflict","message":"A contact matching those details already exists with id=1"}],"request_id":"00000000-0000-4000-8000-000000000001","type":"error.list"}`, rec.Body.String())

	rec = httptest.NewRecorder()
	respondError(rec, "r", errMissing("admin_id"))
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Equal(t, `{"errors":[{"code":"parameter_not_found","field":"admin_id","message":"admin_id is a required parameter"}],"request_id":"r","type":"error.list"}`, rec.Body.String())
}
