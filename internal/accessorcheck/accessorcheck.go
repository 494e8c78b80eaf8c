// Package accessorcheck tests the nil-safe getters intercomgen generates
// (gen/<pkg>/accessors.gen.go) by reflection, so that each generated package
// needs only a list of its types to have every getter checked: on a nil
// receiver, on an empty value and on a value whose field is set.
package accessorcheck

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Run checks every getter of the struct types given as typed nil pointers,
// and that each optional field (a pointer, a nullable.Nullable or an
// omitempty field) has one unless the type already has a field of that
// name. want is the number of getters the generator wrote.
func Run(t testing.TB, want int, types []any) {
	t.Helper()
	got := 0
	for _, v := range types {
		pt := reflect.TypeOf(v)
		if pt == nil || pt.Kind() != reflect.Pointer || pt.Elem().Kind() != reflect.Struct {
			t.Errorf("%T: not a pointer to a struct", v)
			continue
		}
		st := pt.Elem()
		for i := range st.NumField() {
			f := st.Field(i)
			if !f.IsExported() || f.Anonymous {
				continue
			}
			m, ok := pt.MethodByName("Get" + f.Name)
			if !ok || m.Type.NumIn() != 1 || m.Type.NumOut() != 1 {
				if _, clash := st.FieldByName("Get" + f.Name); optional(f) && !clash && !ok {
					t.Errorf("%s.%s: optional field without a getter", st.Name(), f.Name)
				}
				continue
			}
			got++
			check(t, pt, f, m)
		}
	}
	if got != want {
		t.Errorf("found %d getters, the generator wrote %d", got, want)
	}
}

// optional reports whether a field can be absent from a value.
func optional(f reflect.StructField) bool {
	if f.Type.Kind() == reflect.Pointer || isNullable(f.Type) {
		return true
	}
	return strings.Contains(f.Tag.Get("json"), ",omitempty")
}

// isNullable reports whether t is nullable.Nullable[E], a map[bool]E.
func isNullable(t reflect.Type) bool {
	return t.Kind() == reflect.Map && t.Key().Kind() == reflect.Bool && t.Name() != "" &&
		t.PkgPath() == "github.com/oapi-codegen/nullable"
}

// check runs one getter on a nil receiver, an empty value and a set field.
func check(t testing.TB, pt reflect.Type, f reflect.StructField, m reflect.Method) {
	t.Helper()
	name := pt.Elem().Name() + ".Get" + f.Name
	call := func(recv reflect.Value) (out reflect.Value) {
		defer func() {
			if p := recover(); p != nil {
				t.Errorf("%s panics: %v", name, p)
				out = reflect.Zero(m.Type.Out(0))
			}
		}()
		return m.Func.Call([]reflect.Value{recv})[0]
	}
	if out := call(reflect.Zero(pt)); !out.IsZero() {
		t.Errorf("%s on a nil receiver = %v, want the zero value", name, out)
	}
	empty := reflect.New(pt.Elem())
	if out := call(empty); !out.IsZero() {
		t.Errorf("%s with the field unset = %v, want the zero value", name, out)
	}
	rt := m.Type.Out(0)
	full := reflect.New(pt.Elem())
	fv := full.Elem().FieldByIndex(f.Index)
	var want reflect.Value
	switch {
	case rt == f.Type && f.Type.Kind() == reflect.Pointer:
		fv.Set(reflect.New(f.Type.Elem()))
		if out := call(full); out.Pointer() != fv.Pointer() {
			t.Errorf("%s returned another pointer than the field's", name)
		}
		return
	case rt == f.Type:
		want = sample(f.Type, 0)
		fv.Set(want)
	case f.Type.Kind() == reflect.Pointer && rt == f.Type.Elem():
		want = sample(rt, 0)
		p := reflect.New(rt)
		p.Elem().Set(want)
		fv.Set(p)
	case isNullable(f.Type) && rt == f.Type.Elem():
		null := reflect.MakeMap(f.Type)
		null.SetMapIndex(reflect.ValueOf(false), reflect.Zero(rt))
		fv.Set(null)
		if out := call(full); !out.IsZero() {
			t.Errorf("%s with the field null = %v, want the zero value", name, out)
		}
		want = sample(rt, 0)
		set := reflect.MakeMap(f.Type)
		set.SetMapIndex(reflect.ValueOf(true), want)
		fv.Set(set)
	case isNullable(f.Type) && rt.Kind() == reflect.Pointer && rt.Elem() == f.Type.Elem():
		// A struct in a nullable: a pointer to a copy of the value.
		v := sample(rt.Elem(), 0)
		set := reflect.MakeMap(f.Type)
		set.SetMapIndex(reflect.ValueOf(true), v)
		fv.Set(set)
		out := call(full)
		if out.IsNil() || !reflect.DeepEqual(out.Elem().Interface(), v.Interface()) {
			t.Errorf("%s = %v, want a pointer to %#v", name, out, v.Interface())
		}
		null := reflect.MakeMap(f.Type)
		null.SetMapIndex(reflect.ValueOf(false), reflect.Zero(rt.Elem()))
		fv.Set(null)
		if out := call(full); !out.IsNil() {
			t.Errorf("%s with the field null = %v, want nil", name, out)
		}
		return
	default:
		t.Errorf("%s returns %s for a field of type %s: no getter rule has that shape", name, rt, f.Type)
		return
	}
	if want.IsZero() {
		t.Errorf("%s: cannot build a non-zero %s to test with", name, want.Type())
		return
	}
	if out := call(full); !reflect.DeepEqual(out.Interface(), want.Interface()) {
		t.Errorf("%s = %#v, want %#v", name, out.Interface(), want.Interface())
	}
}

var timeType = reflect.TypeFor[time.Time]()

// sample returns a non-zero value of t where it can build one.
func sample(t reflect.Type, depth int) reflect.Value {
	v := reflect.New(t).Elem()
	if t == timeType {
		v.Set(reflect.ValueOf(time.Unix(1700000000, 0).UTC()))
		return v
	}
	switch t.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1.5)
	case reflect.Pointer:
		v.Set(reflect.New(t.Elem()))
	case reflect.Slice:
		v.Set(reflect.MakeSlice(t, 1, 1))
	case reflect.Map:
		v.Set(reflect.MakeMap(t))
	case reflect.Interface:
		if s := reflect.ValueOf("x"); s.Type().Implements(t) {
			v.Set(s)
		}
	case reflect.Array:
		if t.Len() > 0 && depth < 8 {
			v.Index(0).Set(sample(t.Elem(), depth+1))
		}
	case reflect.Struct:
		if depth >= 8 {
			break
		}
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				if s := sample(f.Type, depth+1); !s.IsZero() {
					v.Field(i).Set(s)
					return v
				}
			}
		}
		// A union keeps its JSON, and a file its bytes, in unexported fields:
		// fill them the way a decoded or uploaded value would be.
		switch u := v.Addr().Interface().(type) {
		case interface{ InitFromBytes([]byte, string) }: // an uploaded file
			u.InitFromBytes([]byte("x"), "x.txt")
		case json.Unmarshaler:
			_ = u.UnmarshalJSON([]byte(`{}`))
		}
	}
	return v
}
