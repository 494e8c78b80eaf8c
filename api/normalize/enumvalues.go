package normalize

import (
	"fmt"
	"reflect"

	"github.com/getkin/kin-openapi/openapi3"
)

// fixEnumOutliers repairs enum schemas whose default or example is not one
// of their values, which OpenAPI validation rejects. Intercom publishes a
// version list that lags its default (the intercom_version enum of a
// description ends at "2.11" while its default is "2.14"): a default is the
// value the server really uses, so it is added to the values. An example is
// only an illustration, so one outside the values is dropped.
func fixEnumOutliers(doc *openapi3.T, log *Log) {
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		if ref.Ref != "" || ref.Value == nil || len(ref.Value.Enum) == 0 {
			return
		}
		s := ref.Value
		if s.Default != nil && !inEnum(s.Enum, s.Default) {
			s.Enum = append(s.Enum, s.Default)
			log.add("enum-value-outside-values", join(ptr, "enum"), "default %s added to the enum values", show(s.Default))
		}
		if s.Example != nil && !inEnum(s.Enum, s.Example) {
			log.add("enum-value-outside-values", join(ptr, "example"), "example %s is not an enum value: removed", show(s.Example))
			s.Example = nil
		}
	})
}

func inEnum(values []any, v any) bool {
	for _, e := range values {
		if reflect.DeepEqual(e, v) || fmt.Sprint(e) == fmt.Sprint(v) && reflect.TypeOf(e) == reflect.TypeOf(v) {
			return true
		}
	}
	return false
}

func show(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}
