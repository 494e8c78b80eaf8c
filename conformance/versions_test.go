//go:build conformance

package conformance

import (
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/preview"
	"github.com/intercom-go/intercom/gen/v2_11"
	"github.com/intercom-go/intercom/gen/v2_14"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// clientOptions points a facade client at Prism through the recorder. The
// suite drives the client's services (runSuite).
func clientOptions(base string, rec *recorder) []facade.Option {
	return []facade.Option{facade.WithToken("conformance-token"), facade.WithBaseURL(base), facade.WithHTTPClient(rec)}
}

func TestConformance2_16(t *testing.T) {
	conform(t, "2.16", func(base string, rec *recorder) (any, error) {
		c, err := v2_16.New(clientOptions(base, rec)...)
		if err != nil {
			return nil, err
		}
		return c, nil
	}, knownFailures["2.16"])
}

func TestConformancePreview(t *testing.T) {
	conform(t, "0", func(base string, rec *recorder) (any, error) {
		c, err := preview.New(clientOptions(base, rec)...)
		if err != nil {
			return nil, err
		}
		return c, nil
	}, knownFailures["0"])
}

func TestConformance2_14(t *testing.T) {
	conform(t, "2.14", func(base string, rec *recorder) (any, error) {
		c, err := v2_14.New(clientOptions(base, rec)...)
		if err != nil {
			return nil, err
		}
		return c, nil
	}, knownFailures["2.14"])
}

func TestConformance2_11(t *testing.T) {
	conform(t, "2.11", func(base string, rec *recorder) (any, error) {
		c, err := v2_11.New(clientOptions(base, rec)...)
		if err != nil {
			return nil, err
		}
		return c, nil
	}, knownFailures["2.11"])
}
