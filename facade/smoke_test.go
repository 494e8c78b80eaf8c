package facade

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestSmokeListTags(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Intercom-Version") != "2.16" || r.Header.Get("Authorization") != "Bearer tok" {
			t.Errorf("headers: %v", r.Header)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"type":"list","data":[{"type":"tag","id":"1","name":"vip"}]}`))
	}))
	defer srv.Close()
	c, err := New(WithToken("tok"), WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.API.ListTagsWithResponse(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if resp.JSON200 == nil || len(resp.JSON200.Data) != 1 {
		t.Fatalf("decoded %+v", resp.JSON200)
	}
}
