package main

import (
	"bytes"
	"context"
	"regexp"
	"testing"
	"time"
)

// TestQuickstartAgainstIntercomtest runs the walkthrough with no token, as
// `make example` does without INTERCOM_TOKEN, and checks every step ran.
func TestQuickstartAgainstIntercomtest(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out bytes.Buffer
	if err := run(ctx, &out, "", ""); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	steps := []string{
		`(?m)^Using intercomtest at http://127\.0\.0\.1:\d+ `,
		`(?m)^1\. Authenticated as Ada Admin <ada@example\.com>$`,
		`(?m)^2\. Created contact [0-9a-f]{24} <quickstart-\d+@example\.com>$`,
		`(?m)^3\. Tagged the contact "quickstart" \(tag \d+\)$`,
		`(?m)^4\. Listed 2 contacts in 1 page\(s\)$`,
		`(?m)^5\. Found 1 open conversation\(s\) from the last 30 days\n   - \d+ "Where is my compiler\?"$`,
		`(?m)^6\. Deleted contact [0-9a-f]{24}$`,
	}
	for _, s := range steps {
		if !regexp.MustCompile(s).MatchString(out.String()) {
			t.Errorf("output lacks %s:\n%s", s, out.String())
		}
	}
}
