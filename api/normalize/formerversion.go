package normalize

import (
	"github.com/getkin/kin-openapi/openapi3"
)

// formerPreviewName is what Intercom called the Preview version until
// 2026; descriptions from before then list it in their intercom_version
// enum. Intercom documents that the earlier identifier keeps working.
const formerPreviewName = "Unstable"

// renameFormerPreview replaces "Unstable" by "Preview" in the
// intercom_version enum (and default), so that a description from before
// the rename generates the same version constants as one after it.
func renameFormerPreview(doc *openapi3.T, log *Log) {
	if doc.Components == nil {
		return
	}
	ref := doc.Components.Schemas["intercom_version"]
	if ref == nil || ref.Value == nil {
		return
	}
	s := ref.Value
	ptr := pointer("components", "schemas", "intercom_version")
	var out []any
	renamed := false
	for _, v := range s.Enum {
		if v == formerPreviewName {
			v, renamed = "Preview", true
		}
		if !inEnum(out, v) {
			out = append(out, v)
		}
	}
	if renamed {
		s.Enum = out
		log.add("former-version-name", join(ptr, "enum"), "%q renamed to its current name \"Preview\"", formerPreviewName)
	}
	if s.Default == formerPreviewName {
		s.Default = "Preview"
		log.add("former-version-name", join(ptr, "default"), "%q renamed to \"Preview\"", formerPreviewName)
	}
}
