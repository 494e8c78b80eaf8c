package normalize

import (
	"github.com/getkin/kin-openapi/openapi3"
)

// singleTypes repairs schemas of an OpenAPI 3.0 description that give
// type as a list, the 3.1 form (type: [null, string] on
// ticket_part_author.name in a July 2023 Preview description), which 3.0
// validation rejects. A list of one type and "null" becomes that type with
// nullable: true. Other lists are left for validation to report.
func singleTypes(doc *openapi3.T, log *Log) {
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		if ref.Ref != "" || ref.Value == nil || ref.Value.Type == nil || len(*ref.Value.Type) < 2 {
			return
		}
		var kept []string
		null := false
		for _, t := range *ref.Value.Type {
			if t == "null" {
				null = true
				continue
			}
			kept = append(kept, t)
		}
		if len(kept) != 1 || !null {
			return
		}
		s := ref.Value
		s.Type = &openapi3.Types{kept[0]}
		s.Nullable = true
		log.add("type-list", join(ptr, "type"), "type [%s, null] written as type %s, nullable", kept[0], kept[0])
	})
}
