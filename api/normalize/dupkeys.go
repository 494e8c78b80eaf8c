package normalize

import (
	"gopkg.in/yaml.v3"
)

// dropDuplicateKeys repairs mappings that give one key twice (the
// required list of merge_contacts_request in a July 2026 2.11
// description), which a strict YAML decoder refuses. Like JSON parsers and
// most YAML loaders, it keeps the last occurrence; the earlier ones are
// removed and logged under duplicate-mapping-key. It runs on the parsed
// YAML, before overlays and before the document is decoded.
func dropDuplicateKeys(n *yaml.Node, ptr string, log *Log) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for i, c := range n.Content {
			p := ptr
			if n.Kind == yaml.SequenceNode {
				p = join(ptr, itoa(i))
			}
			dropDuplicateKeys(c, p, log)
		}
	case yaml.MappingNode:
		last := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			last[n.Content[i].Value] = i
		}
		out := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if last[k.Value] != i {
				log.add("duplicate-mapping-key", join(ptr, k.Value), "key given twice (line %d and %d): the last is kept", k.Line, n.Content[last[k.Value]].Line)
				continue
			}
			dropDuplicateKeys(v, join(ptr, k.Value), log)
			out = append(out, k, v)
		}
		n.Content = out
	}
}
