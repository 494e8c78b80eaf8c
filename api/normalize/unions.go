package normalize

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// unwrapSingleArmUnions replaces a oneOf or anyOf of exactly one member by
// that member. Intercom wraps many request bodies this way (POST /contacts
// is oneOf: [create_contact_request]); oapi-codegen makes each one a union
// type with an opaque body that a caller must fill through a From method
// returning an error, where one composite literal of the member's type says
// the same thing.
func unwrapSingleArmUnions(doc *openapi3.T, log *Log) {
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		s := ref.Value
		if ref.Ref != "" || s == nil {
			return
		}
		arms, kind := s.OneOf, "oneOf"
		if len(arms) == 0 {
			arms, kind = s.AnyOf, "anyOf"
		}
		if len(arms) != 1 || len(s.OneOf)+len(s.AnyOf) != 1 || !onlyUnion(s) {
			return
		}
		arm := arms[0]
		if arm == nil || (arm.Ref == "" && arm.Value == nil) {
			return
		}
		*ref = *arm
		what := arm.Ref
		if what == "" {
			what = "an inline schema"
		}
		log.add("single-arm-union", join(ptr, kind), "replaced by its one member, %s", what)
	})
}

// onlyUnion reports a schema that is nothing but its union: no type of its
// own, no properties, no other constraint a replacement would lose.
func onlyUnion(s *openapi3.Schema) bool {
	return (s.Type == nil || len(s.Type.Slice()) == 0 || s.Type.Is("object")) &&
		len(s.Properties) == 0 && len(s.AllOf) == 0 && s.Not == nil &&
		len(s.Enum) == 0 && s.Items == nil && s.AdditionalProperties.Schema == nil &&
		s.AdditionalProperties.Has == nil && !s.Nullable && s.Discriminator == nil
}

// requiredOneOfExtension records, on a schema whose union the rule below
// removed, the alternatives it stated: each a list of property names.
const requiredOneOfExtension = "x-intercom-required-one-of"

// dropRequiredOnlyAlternatives removes a oneOf or anyOf whose members only
// say which of the object's own properties are required ("create a contact
// with email, with external_id or with role"). oapi-codegen turns such an
// object into a union of empty interfaces beside its fields, so a value
// cannot be built as a literal. The alternatives move to the schema's
// description (godoc) and to an extension, x-intercom-required-one-of.
func dropRequiredOnlyAlternatives(doc *openapi3.T, log *Log) {
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		s := ref.Value
		if ref.Ref != "" || s == nil || len(s.Properties) == 0 {
			return
		}
		for _, u := range []struct {
			kind string
			arms *openapi3.SchemaRefs
		}{{"oneOf", &s.OneOf}, {"anyOf", &s.AnyOf}} {
			if len(*u.arms) == 0 {
				continue
			}
			var alts [][]string
			for _, arm := range *u.arms {
				req, ok := requiredOnly(arm, s.Properties)
				if !ok {
					alts = nil
					break
				}
				alts = append(alts, req)
			}
			if alts == nil {
				continue
			}
			*u.arms = nil
			var names []string
			for _, a := range alts {
				names = append(names, strings.Join(a, " and "))
			}
			sentence := fmt.Sprintf("Set at least one of: %s.", strings.Join(names, "; "))
			if u.kind == "oneOf" {
				sentence = fmt.Sprintf("Set exactly one of: %s.", strings.Join(names, "; "))
			}
			s.Description = strings.TrimSpace(strings.TrimSpace(s.Description) + "\n\n" + sentence)
			if s.Extensions == nil {
				s.Extensions = map[string]any{}
			}
			s.Extensions[requiredOneOfExtension] = alts
			log.add("required-only-alternatives", join(ptr, u.kind), "removed: %s", sentence)
		}
	})
}

// requiredOnly returns the required names of an arm that states nothing
// else, when every name is a property of the enclosing object.
func requiredOnly(arm *openapi3.SchemaRef, props openapi3.Schemas) ([]string, bool) {
	if arm == nil || arm.Ref != "" || arm.Value == nil {
		return nil, false
	}
	a := arm.Value
	if len(a.Required) == 0 || len(a.Properties) > 0 || (a.Type != nil && len(a.Type.Slice()) > 0) ||
		len(a.OneOf)+len(a.AnyOf)+len(a.AllOf) > 0 || a.Not != nil || len(a.Enum) > 0 {
		return nil, false
	}
	for _, r := range a.Required {
		if _, ok := props[r]; !ok {
			return nil, false
		}
	}
	return append([]string(nil), a.Required...), true
}
