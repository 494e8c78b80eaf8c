package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
)

// Description reads the normalised description of version (as intercomgen
// writes it to .cache/normalized/<version>.json under root), running the
// normaliser first when the cache is missing.
func Description(root, version string) (map[string]any, error) {
	path, err := filepath.Abs(filepath.Join(root, ".cache", "normalized", version+".json"))
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); err != nil {
		cmd := exec.Command("go", "-C", "api", "run", "./cmd/intercomgen", "normalize", "-version", version, "-o", path)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("normalise %s: %w\n%s", version, err, out)
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return doc, nil
}

// ContactTemplate composes one contact from the examples of the contact
// schema's properties (recursively through references), so that every
// field a real contact carries is present with a plausible value.
func ContactTemplate(doc map[string]any) (map[string]any, error) {
	schemas, _ := dig(doc, "components", "schemas").(map[string]any)
	c, ok := schemas["contact"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the description has no contact schema")
	}
	v, _ := exampleOf(schemas, c, 0).(map[string]any)
	if len(v) == 0 {
		return nil, fmt.Errorf("the contact schema yields no example")
	}
	return v, nil
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

func exampleOf(schemas map[string]any, s map[string]any, depth int) any {
	if depth > 8 {
		return nil
	}
	if ref, ok := s["$ref"].(string); ok {
		target, _ := schemas[filepath.Base(ref)].(map[string]any)
		return exampleOf(schemas, target, depth+1)
	}
	if ex, ok := s["example"]; ok {
		return ex
	}
	for _, k := range []string{"oneOf", "anyOf"} {
		if alts, ok := s[k].([]any); ok && len(alts) > 0 {
			first, _ := alts[0].(map[string]any)
			return exampleOf(schemas, first, depth+1)
		}
	}
	out := map[string]any{}
	if all, ok := s["allOf"].([]any); ok {
		for _, a := range all {
			part, _ := a.(map[string]any)
			if m, ok := exampleOf(schemas, part, depth+1).(map[string]any); ok {
				for k, v := range m {
					out[k] = v
				}
			}
		}
	}
	if props, ok := s["properties"].(map[string]any); ok {
		for k, p := range props {
			ps, _ := p.(map[string]any)
			if ignored, _ := ps["x-go-json-ignore"].(bool); ignored {
				continue // a Go-only field the normaliser adds (SentAsString, Undeclared), not a member
			}
			out[k] = exampleOf(schemas, ps, depth+1)
		}
		return out
	}
	if s["type"] == "array" {
		items, _ := s["items"].(map[string]any)
		return []any{exampleOf(schemas, items, depth+1)}
	}
	if len(out) > 0 || s["type"] == "object" {
		return out
	}
	return nil
}

// Contacts encodes n distinct contacts from the template: identifiers,
// names, e-mails and timestamps vary, and a few custom attributes of mixed
// types are set, as in a real workspace.
func Contacts(tmpl map[string]any, n int) ([][]byte, error) {
	keys := make([]string, 0, len(tmpl))
	for k := range tmpl {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([][]byte, n)
	for i := range out {
		c := make(map[string]any, len(tmpl))
		for _, k := range keys {
			c[k] = tmpl[k]
		}
		id := fmt.Sprintf("5ba682d2%016x", i)
		set := func(k string, v any) {
			if _, ok := c[k]; ok {
				c[k] = v
			}
		}
		set("id", id)
		set("external_id", "ext-"+strconv.Itoa(i))
		set("email", fmt.Sprintf("customer.%d@example.com", i))
		set("name", fmt.Sprintf("Customer Number %d", i))
		set("phone", fmt.Sprintf("+3531%07d", i%10000000))
		ts := 1571672154 + i*37
		for _, k := range []string{"created_at", "updated_at", "signed_up_at", "last_seen_at", "last_replied_at", "last_contacted_at"} {
			set(k, ts)
		}
		set("custom_attributes", map[string]any{
			"plan": []string{"free", "pro", "enterprise"}[i%3], "seats": i % 50, "beta_tester": i%7 == 0,
			"signup_source": "café ☕ referral", "score": float64(i%1000) / 10,
		})
		b, err := json.Marshal(c)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}
