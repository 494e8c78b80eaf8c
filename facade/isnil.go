package facade

import "reflect"

// isNil reports whether v is nil or a nil pointer, map, func, ... held in
// an interface, which would otherwise panic when its methods are called.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Interface, reflect.Chan:
		return rv.IsNil()
	}
	return false
}
