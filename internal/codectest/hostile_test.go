package codectest

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/intercom-go/intercom/internal/jsonx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileTargets are destinations that exercise every decoder shape: a
// large struct with nested structs, slices, free-form maps (its custom
// attributes) and nullable fields; a list; a union (its own
// UnmarshalJSON); and the rest. Each must have a generated decoder (the
// test fails otherwise): a request body, say, would compare encoding/json
// with itself.
func hostileTargets() []reflect.Type {
	return []reflect.Type{
		reflect.TypeFor[v2_16.Contact](),
		reflect.TypeFor[v2_16.ContactList](),
		reflect.TypeFor[v2_16.CursorPages](),
		reflect.TypeFor[v2_16.ConversationAttribute](),
		reflect.TypeFor[v2_16.Conversation](),
	}
}

// TestHostileInputsAgreeAndTerminate decodes hostile documents into every
// target both ways: no panic, no hang (each decode runs under a deadline),
// and the same outcome as encoding/json.
func TestHostileInputsAgreeAndTerminate(t *testing.T) {
	v := Versions[0]
	for _, vv := range Versions {
		if vv.Header == v2_16.Version {
			v = vv
		}
	}
	for _, typ := range hostileTargets() {
		require.True(t, v.Fast[typ], "%v has no generated decoder: DecodeJSON is encoding/json for it", typ)
	}
	inputs := hostileInputs()
	// The nesting limit is exercised on both sides of the boundary.
	for depth, ok := range map[int]bool{10000: true, 10001: false} {
		for _, field := range []string{"custom attributes", "unknown field"} {
			var c v2_16.Contact
			err := json.Unmarshal(inputs["deep "+field+" "+strconv.Itoa(depth)], &c)
			require.Equal(t, ok, (err == nil), "encoding/json at depth %d under %s: %v; the inputs miss the boundary", depth, field, err)
		}
	}
	for name, data := range inputs {
		for _, typ := range hostileTargets() {
			std, fast := decodeWithin(t, v, typ, data, 10*time.Second)
			msg := agree(std, fast)
			assert.Empty(t, msg, "%s into %v: %s", name, typ, msg)
		}
	}
}

// decodeWithin runs decodeBoth with a deadline, failing the test on a hang.
func decodeWithin(t *testing.T, v Version, typ reflect.Type, data []byte, limit time.Duration) (std, fast outcome) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		std, fast = decodeBoth(v, typ, data)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		require.Failf(t, "decoding did not finish", "%d bytes into %v, not done in %v", len(data), typ, limit)
	}
	return std, fast
}

// TestErrorsAreEncodingJSONErrors checks the production path (Strict off):
// when the fast path fails, callers get encoding/json's own error types.
func TestErrorsAreEncodingJSONErrors(t *testing.T) {
	jsonx.Strict = false
	defer func() { jsonx.Strict = true }()
	var c v2_16.Contact
	err := v2_16.DecodeJSON([]byte(`{"id":"1",}`), &c)
	var se *json.SyntaxError
	require.ErrorAs(t, err, &se, "syntax error is %T (%v), want *json.SyntaxError", err, err)
	err = v2_16.DecodeJSON([]byte(`{"id":1}`), &c)
	var te *json.UnmarshalTypeError
	require.ErrorAs(t, err, &te, "type error is %T (%v), want *json.UnmarshalTypeError for id", err, err)
	require.Equal(t, "id", te.Field, "type error is %T (%v), want *json.UnmarshalTypeError for id", err, err)
	require.Error(t, v2_16.DecodeJSON([]byte(`{"id":"1"}`), (*v2_16.Contact)(nil)), "decoding into a nil pointer succeeded")
}

// TestValidAgreesWithEncodingJSON: jsonx.Valid must answer exactly as
// json.Valid on every example, its mutations and the hostile inputs.
func TestValidAgreesWithEncodingJSON(t *testing.T) {
	check := func(name string, data []byte) {
		got, want := jsonx.Valid(data), json.Valid(data)
		assert.Equal(t, want, got, "%s (%.200q): jsonx.Valid %v, json.Valid %v", name, data, got, want)
	}
	for name, data := range hostileInputs() {
		check(name, data)
	}
	n := 0
	for _, v := range Versions {
		r := rand.New(rand.NewPCG(7, uint64(len(v.Version))))
		for _, ex := range examples(t, v) {
			check(ex.where, ex.data)
			for _, m := range variants(r, ex.data, 2) {
				check(ex.where+" (mutated)", m)
				n++
			}
		}
	}
	require.GreaterOrEqual(t, n, 1000, "only %d mutated inputs", n)
}
