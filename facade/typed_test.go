package facade_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/preview"
	"github.com/intercom-go/intercom/gen/v2_11"
	"github.com/intercom-go/intercom/gen/v2_14"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// typedCase drives one typed client: listTags builds it with opts, calls
// the generated ListTagsWithResponse and returns the first tag's name as
// that version's types decode it.
type typedCase struct {
	version  string
	listTags func(ctx context.Context, opts ...facade.Option) (string, error)
}

// tagsBody is a ListTags answer every version decodes.
const tagsBody = `{"type":"list","data":[{"type":"tag","id":"17","name":"vip","applied_at":1700000000}]}`

var typedCases = []typedCase{
	{v2_11.Version, func(ctx context.Context, opts ...facade.Option) (string, error) {
		c, err := v2_11.New(opts...)
		if err != nil {
			return "", err
		}
		resp, err := c.API.ListTagsWithResponse(ctx)
		if err != nil {
			return "", err
		}
		if resp.JSON200 == nil || len(resp.JSON200.Data) == 0 {
			return "", fmt.Errorf("not decoded: %s", resp.Body)
		}
		// In 2.11 a tag's name is a required string.
		var name string = resp.JSON200.Data[0].Name
		return name, nil
	}},
	{v2_14.Version, func(ctx context.Context, opts ...facade.Option) (string, error) {
		c, err := v2_14.New(opts...)
		if err != nil {
			return "", err
		}
		resp, err := c.API.ListTagsWithResponse(ctx)
		if err != nil {
			return "", err
		}
		if resp.JSON200 == nil || len(resp.JSON200.Data) == 0 {
			return "", fmt.Errorf("not decoded: %s", resp.Body)
		}
		return deref(resp.JSON200.Data[0].Name), nil
	}},
	{v2_16.Version, func(ctx context.Context, opts ...facade.Option) (string, error) {
		c, err := v2_16.New(opts...)
		if err != nil {
			return "", err
		}
		resp, err := c.API.ListTagsWithResponse(ctx)
		if err != nil {
			return "", err
		}
		if resp.JSON200 == nil || len(resp.JSON200.Data) == 0 {
			return "", fmt.Errorf("not decoded: %s", resp.Body)
		}
		// From 2.14 on it is optional: a *string.
		var name *string = resp.JSON200.Data[0].Name
		return deref(name), nil
	}},
	{preview.Version, func(ctx context.Context, opts ...facade.Option) (string, error) {
		c, err := preview.New(opts...)
		if err != nil {
			return "", err
		}
		resp, err := c.API.ListTagsWithResponse(ctx)
		if err != nil {
			return "", err
		}
		if resp.JSON200 == nil || len(resp.JSON200.Data) == 0 {
			return "", fmt.Errorf("not decoded: %s", resp.Body)
		}
		return deref(resp.JSON200.Data[0].Name), nil
	}},
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// A new generated version must be added to typedCases, or the region and
// header tests would silently skip it.
func TestTypedCasesCoverEveryGeneratedClient(t *testing.T) {
	var got []string
	for _, tc := range typedCases {
		got = append(got, tc.version)
	}
	if !slices.Equal(got, typedVersions) {
		t.Fatalf("typedCases cover %v, versions.gen.go generates %v", got, typedVersions)
	}
	if facade.DefaultVersion != v2_16.Version {
		t.Fatalf("DefaultVersion = %q; New is typed for %q", facade.DefaultVersion, v2_16.Version)
	}
}
