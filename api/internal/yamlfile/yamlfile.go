// Package yamlfile reads and writes the generator's YAML files (the
// pagination and retry tables it writes, the overrides files people
// write) one way: strictly, so a misspelt key fails instead of being
// ignored, and with a comment header on what it writes.
package yamlfile

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// Decode reads one YAML document into v, refusing keys v has no field for.
func Decode(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	return dec.Decode(v)
}

// Marshal renders v as YAML indented by two spaces, after header (a
// comment block, written as given).
func Marshal(header string, v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(header)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
