package facade_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every status class: the generated call returns *Error, matching exactly
// its sentinel.
func TestErrorsIsAndAsPerStatus(t *testing.T) {
	sentinels := []error{facade.ErrUnauthorized, facade.ErrForbidden, facade.ErrNotFound, facade.ErrConflict, facade.ErrValidation, facade.ErrRateLimited, facade.ErrServer}
	tests := []struct {
		status int
		want   error // nil: no sentinel
	}{
		{400, facade.ErrValidation}, {401, facade.ErrUnauthorized}, {403, facade.ErrForbidden}, {404, facade.ErrNotFound},
		{405, nil}, {409, facade.ErrConflict}, {410, nil}, {422, facade.ErrValidation}, {429, facade.ErrRateLimited},
		{500, facade.ErrServer}, {502, facade.ErrServer}, {503, facade.ErrServer}, {599, facade.ErrServer},
		{301, nil}, // a redirect without Location is not followed: still not a success
	}
	for _, tc := range tests {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			body := `{"type":"error.list","request_id":"req-1","errors":[{"code":"some_code","message":"Some message"}]}`
			srv := newJSONServer(t, tc.status, nil, body)
			c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), fastRetries())
			require.NoError(t, err)
			resp, err := c.API.ListTagsWithResponse(context.Background())
			assert.Nil(t, resp, "response returned with the error")
			var apiErr *facade.Error
			require.ErrorAs(t, err, &apiErr, "err %T is not an *Error", err)
			assert.Equal(t, tc.status, apiErr.StatusCode, "Error = %+v", apiErr)
			assert.Equal(t, "GET", apiErr.Method, "Error = %+v", apiErr)
			assert.Equal(t, "/tags", apiErr.Path, "Error = %+v", apiErr)
			for _, s := range sentinels {
				assert.Equal(t, s == tc.want, errors.Is(err, s), "errors.Is(err, %v)", s)
			}
		})
	}
}

func TestErrorFields(t *testing.T) {
	body := `{"type":"error.list","request_id":"body-req","errors":[` +
		`{"code":"parameter_invalid","message":"Email is invalid","field":"email"},` +
		`{"code":"parameter_not_found","message":null}]}`
	header := http.Header{
		"X-Request-Id":          {"hdr-req"},
		"X-Ratelimit-Limit":     {"1000"},
		"X-Ratelimit-Remaining": {"0"},
		"X-Ratelimit-Reset":     {"1700000060"},
		"Link":                  {`</contacts/2>; rel="canonical"`},
	}
	srv := newJSONServer(t, http.StatusUnprocessableEntity, header, body)
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), fastRetries())
	require.NoError(t, err)
	_, err = c.API.ScrollOverAllCompaniesWithResponse(context.Background(), &v2_16.ScrollOverAllCompaniesParams{ScrollParam: facade.Ptr("25b649f7-4d33-4ef6-88f5-60e5b8244309")})
	var e *facade.Error
	require.ErrorAs(t, err, &e)
	wantDetails := []facade.ErrorDetail{
		{Code: "parameter_invalid", Message: "Email is invalid", Field: "email"},
		{Code: "parameter_not_found"},
	}
	assert.Equal(t, wantDetails, e.Errors, "Errors")
	assert.Equal(t, "hdr-req", e.RequestID, "Error = %+v", e)
	assert.Equal(t, "error.list", e.Type, "Error = %+v", e)
	assert.NotEmpty(t, e.Header.Get("Link"), "Error = %+v", e)
	assert.Equal(t, body, string(e.Body), "Error = %+v", e)
	assert.Equal(t, "/companies/scroll", e.Path, "the query (a scroll handle) must not be kept")
	wantRL := facade.RateLimit{Limit: 1000, Remaining: 0, Reset: time.Unix(1700000060, 0)}
	if assert.NotNil(t, e.RateLimit, "RateLimit, want %+v", wantRL) {
		assert.True(t, e.RateLimit.Reset.Equal(wantRL.Reset), "RateLimit = %+v, want %+v", e.RateLimit, wantRL)
		assert.Equal(t, 1000, e.RateLimit.Limit, "RateLimit = %+v, want %+v", e.RateLimit, wantRL)
		assert.Zero(t, e.RateLimit.Remaining, "RateLimit = %+v, want %+v", e.RateLimit, wantRL)
	}
	rl, ok := c.LastRateLimit()
	assert.True(t, ok, "LastRateLimit")
	assert.Equal(t, 1000, rl.Limit, "LastRateLimit = %+v", rl)
	assert.True(t, rl.Reset.Equal(wantRL.Reset), "LastRateLimit = %+v", rl)
	want := "intercom: GET /companies/scroll: 422 Unprocessable Entity: parameter_invalid: Email is invalid (field email); parameter_not_found (request id hdr-req)"
	assert.Equal(t, want, e.Error(), "Error()")
	assert.ErrorIs(t, err, facade.ErrValidation, "422 is not ErrValidation")
}

// Bodies that are not a well-formed error list still give a useful error.
func TestErrorBodiesOfOtherShapes(t *testing.T) {
	tests := []struct {
		name, contentType, body string
		header                  http.Header
		wantMsg                 string // exact Error()
		wantRequestID           string
		wantDetails             []facade.ErrorDetail
	}{
		{name: "message shape (descriptions: type error)", body: `{"type":"error","request_id":"r-2","message":"message_id is required"}`,
			wantMsg: "intercom: GET /tags: 400 Bad Request: message_id is required (request id r-2)", wantRequestID: "r-2",
			wantDetails: []facade.ErrorDetail{{Message: "message_id is required"}}},
		{name: "html from a proxy", contentType: "text/html", body: "<html>\n<body>  Bad gateway\t</body></html>",
			wantMsg: "intercom: GET /tags: 400 Bad Request: <html> <body> Bad gateway </body></html>"},
		{name: "truncated JSON", body: `{"type":"error.list","request_id":"r-3","errors":[{"code":"not_found","message":"Contact Not Fo`,
			// The cut string is lost; what came before it is kept.
			wantMsg: "intercom: GET /tags: 400 Bad Request: not_found (request id r-3)", wantRequestID: "r-3",
			wantDetails: []facade.ErrorDetail{{Code: "not_found"}}},
		{name: "empty body", body: "", wantMsg: "intercom: GET /tags: 400 Bad Request"},
		{name: "empty body, request id header", body: "", header: http.Header{"X-Request-Id": {"r-4"}},
			wantMsg: "intercom: GET /tags: 400 Bad Request (request id r-4)", wantRequestID: "r-4"},
		{name: "control characters are not echoed", body: "bad\x1b[31m\r\nInjected: line",
			wantMsg: "intercom: GET /tags: 400 Bad Request: bad[31m Injected: line"},
		{name: "many errors", body: `{"errors":[{"code":"a"},{"code":"b"},{"code":"c"},{"code":"d"},{"code":"e"}]}`,
			wantMsg:     "intercom: GET /tags: 400 Bad Request: a; b; c; and 2 more",
			wantDetails: []facade.ErrorDetail{{Code: "a"}, {Code: "b"}, {Code: "c"}, {Code: "d"}, {Code: "e"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tc.header {
				h[k] = v
			}
			if tc.contentType != "" {
				h.Set("Content-Type", tc.contentType)
			}
			srv := newJSONServer(t, http.StatusBadRequest, h, tc.body)
			c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), fastRetries())
			require.NoError(t, err)
			_, err = c.API.ListTagsWithResponse(context.Background())
			var e *facade.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.wantMsg, e.Error(), "Error()")
			assert.Equal(t, tc.wantRequestID, e.RequestID, "RequestID")
			assert.True(t, slices.Equal(e.Errors, tc.wantDetails), "Errors %+v, want %+v", e.Errors, tc.wantDetails)
			assert.Equal(t, tc.body, string(e.Body), "Body")
			assert.False(t, e.BodyTruncated, "Body truncated")
		})
	}
}

func TestErrorBodyIsCapped(t *testing.T) {
	big := `{"type":"error.list","errors":[{"code":"too_big","message":"` + strings.Repeat("x", 2<<20) + `"}]}`
	srv := newJSONServer(t, http.StatusInternalServerError, nil, big)
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), fastRetries())
	require.NoError(t, err)
	_, err = c.API.ListTagsWithResponse(context.Background())
	var e *facade.Error
	require.ErrorAs(t, err, &e)
	require.Len(t, e.Body, 1<<20, "want 1 MiB kept")
	require.True(t, e.BodyTruncated, "want the body marked truncated")
	require.Len(t, e.Errors, 1, "cut-off body lost its code: %+v", e.Errors)
	require.Equal(t, "too_big", e.Errors[0].Code, "cut-off body lost its code")
	require.LessOrEqual(t, len(e.Error()), 400, "Error() is too long")
}

// Intercom refusing a second open scroll matches ErrScrollExists, through
// the scroll iterator too; other errors do not.
func TestScrollExists(t *testing.T) {
	for body, want := range map[string]bool{
		`{"type":"error.list","errors":[{"code":"scroll_exists","message":"scroll already exists"}]}`:         true,
		`{"type":"error.list","errors":[{"code":"bad_request","message":"A scroll already exists for app"}]}`: true,
		`scroll already exists`: true,
		`{"type":"error.list","errors":[{"code":"parameter_invalid","message":"scroll_param is invalid"}]}`: false,
		`{"type":"error.list","errors":[{"code":"not_found","message":"Company already exists"}]}`:          false,
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(body))
		}))
		c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL))
		require.NoError(t, err)
		var got error
		for _, err := range c.ScrollOverAllCompanies(context.Background(), nil) {
			got = err
		}
		srv.Close()
		assert.Equal(t, want, errors.Is(got, facade.ErrScrollExists), "%s: err = %v, want ErrScrollExists %v", body, got, want)
		assert.ErrorIs(t, got, facade.ErrValidation, body)
	}
	assert.False(t, (&facade.Error{StatusCode: http.StatusTooManyRequests, Errors: []facade.ErrorDetail{{Message: "scroll already exists"}}}).Is(facade.ErrScrollExists),
		"a 429 matched ErrScrollExists")
}
