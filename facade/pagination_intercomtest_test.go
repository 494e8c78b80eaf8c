package facade_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/intercomtest"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// countOnce ranges over seq and checks that no id comes twice.
func countOnce[T any](t *testing.T, seq iter.Seq2[T, error], id func(T) string) map[string]bool {
	t.Helper()
	seen := map[string]bool{}
	for v, err := range seq {
		require.NoError(t, err)
		k := id(v)
		require.False(t, seen[k], "%s yielded twice", k)
		seen[k] = true
	}
	return seen
}

// TestPaginationAgainstIntercomtest runs the iterators against the
// in-memory fake Intercom of package intercomtest, written separately from
// them from the same descriptions: cursor, search, page (GET and POST) and
// scroll listings each yield every stored item once.
func TestPaginationAgainstIntercomtest(t *testing.T) {
	srv := intercomtest.New(t)
	const contacts, companies, members = 320, 130, 70
	var company v2_16.Company
	for i := range companies {
		co := srv.AddCompany(v2_16.Company{CompanyId: facade.Ptr(fmt.Sprintf("co-%d", i)), Name: facade.Ptr(fmt.Sprintf("Company %d", i))})
		if i == 0 {
			company = co
		}
	}
	for i := range contacts {
		ct := srv.AddContact(v2_16.Contact{Email: facade.Ptr(fmt.Sprintf("c%d@example.com", i)), Role: facade.Ptr("user")})
		if i < members {
			require.NoError(t, srv.AttachContact(*ct.Id, *company.Id))
		}
	}
	c, err := srv.Client()
	require.NoError(t, err)
	ctx := context.Background()
	contactID := func(v v2_16.Contact) string { return *v.Id }
	companyID := func(v v2_16.Company) string { return *v.Id }

	t.Run("cursor", func(t *testing.T) {
		srv.ResetRequests()
		got := countOnce(t, c.ListContacts(ctx, nil), contactID)
		assert.Len(t, got, contacts)
		assert.Len(t, srv.Requests(), 3, "150 a page")
	})
	t.Run("search", func(t *testing.T) {
		var body v2_16.SearchContactsJSONRequestBody
		require.NoError(t, json.Unmarshal([]byte(`{"query":{"field":"role","operator":"=","value":"user"}}`), &body))
		got := countOnce(t, c.SearchContacts(ctx, nil, body, facade.PageSize(100)), contactID)
		assert.Len(t, got, contacts)
	})
	t.Run("page", func(t *testing.T) {
		got := countOnce(t, c.ListCompanies(ctx, nil, facade.PageSize(50)), companyID)
		assert.Len(t, got, companies)
		got = countOnce(t, c.ListAllCompanies(ctx, nil, facade.PageSize(50)), companyID)
		assert.Len(t, got, companies)
		got = countOnce(t, c.ListAttachedContacts(ctx, *company.Id, nil, facade.PageSize(30)), contactID)
		assert.Len(t, got, members)
	})
	t.Run("scroll", func(t *testing.T) {
		got := countOnce(t, c.ScrollOverAllCompanies(ctx, nil), companyID)
		assert.Len(t, got, companies)
	})
	t.Run("expired scroll", func(t *testing.T) {
		var err error
		for _, e := range c.ScrollOverAllCompanies(ctx, nil, facade.ResumeFrom("not-a-scroll")) {
			err = e
		}
		assert.True(t, errors.Is(err, facade.ErrScrollExpired), "%v", err)
	})
}
