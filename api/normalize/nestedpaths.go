package normalize

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// hoistNestedPaths repairs a path declared inside another path's item
// (/tickets/enqueue indented under /tickets in a March 2025 Preview
// description), which validation rejects as an extra field of that item.
// The nested path moves up to paths, unless paths already declares it.
// Like dropDuplicateKeys, it runs on the parsed YAML.
func hoistNestedPaths(root *yaml.Node, log *Log) {
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return
	}
	doc := root.Content[0]
	paths := mappingValue(doc, "paths")
	if paths == nil || paths.Kind != yaml.MappingNode {
		return
	}
	for i := 1; i < len(paths.Content); i += 2 {
		parent, item := paths.Content[i-1].Value, paths.Content[i]
		if item.Kind != yaml.MappingNode {
			continue
		}
		kept := item.Content[:0]
		var moved []*yaml.Node
		for j := 0; j+1 < len(item.Content); j += 2 {
			k, v := item.Content[j], item.Content[j+1]
			if !strings.HasPrefix(k.Value, "/") {
				kept = append(kept, k, v)
				continue
			}
			if mappingValue(paths, k.Value) != nil {
				log.add("nested-path-item", pointer("paths", parent, k.Value), "path declared inside %s and at the top level: the nested copy is removed", parent)
				continue
			}
			log.add("nested-path-item", pointer("paths", parent, k.Value), "path declared inside %s moved up to paths", parent)
			moved = append(moved, k, v)
		}
		item.Content = kept
		paths.Content = append(paths.Content, moved...)
	}
}

// mappingValue returns the value of key in a YAML mapping, or nil.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}
