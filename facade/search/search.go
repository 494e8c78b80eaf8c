// Package search builds the query of Intercom's search operations (contacts,
// conversations, tickets, and companies where a version has it) as Go values
// the compiler checks, and refuses before sending what Intercom documents as
// invalid.
//
// One query serves every search operation of every API version: the
// services take it (c.Contacts.Search, c.Conversations.Search,
// c.Tickets.Search), it encodes to the JSON Intercom documents for the
// "query" member of a search body, and Body puts it into the typed body of
// any generated version for the lower-level iterators.
//
//	q := search.And(
//		search.Equals("state", "open"),
//		search.Equals("admin_assignee_id", "991267"),
//	)
//	for conv, err := range c.Conversations.Search(ctx, q) { ... }
//
// Values are typed: strings, booleans, integers and floats are sent as they
// are, a time.Time as Unix seconds. Lists (In, NotIn) take one or more values
// of one type.
//
// What Validate refuses, from Intercom's search documentation:
//   - nesting deeper than two levels of groups ("There's a limit of max 2
//     nested filters") and more than 15 filters in one AND or OR group;
//   - an empty group, a filter with no field, IN and NIN with no values;
//   - on date fields (a time.Time value, or a field whose name ends in
//     "_at"): !=, >=, <=, IN and NIN, which contact search answers with an
//     error.
//
// Intercom matches dates by calendar day in the workspace's timezone (contact
// search): = matches the whole day, > starts at the next day, and < ends
// before the start of the day. A time.Time is therefore sent as Unix seconds
// and compared by day on Intercom's side; pick day boundaries in the
// workspace's timezone when a range must not overlap or leave gaps.
package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// ErrInvalidQuery is wrapped by every error of Validate, MarshalJSON and
// Body: the query breaks one of Intercom's documented rules and would be
// refused.
var ErrInvalidQuery = errors.New("intercom: invalid search query")

// Limits Intercom documents for search queries.
const (
	// MaxDepth is the deepest nesting of groups ("max 2 nested filters").
	MaxDepth = 2
	// MaxGroupSize is the most filters one AND or OR group may hold.
	MaxGroupSize = 15
)

// Operator is a search operator as Intercom spells it.
type Operator string

// The operators Intercom documents, named by what they do.
const (
	OpAnd                 Operator = "AND"
	OpOr                  Operator = "OR"
	OpEquals              Operator = "="
	OpNotEquals           Operator = "!="
	OpIn                  Operator = "IN"
	OpNotIn               Operator = "NIN"
	OpLessThan            Operator = "<"
	OpGreaterThan         Operator = ">"
	OpLessThanOrEquals    Operator = "<="
	OpGreaterThanOrEquals Operator = ">="
	OpContains            Operator = "~"
	OpDoesNotContain      Operator = "!~"
	OpStartsWith          Operator = "^"
	OpEndsWith            Operator = "$"
)

// Value is a type a filter can compare with.
type Value interface {
	~string | ~bool | ~int | ~int32 | ~int64 | ~uint32 | ~float64 | time.Time
}

// Number is a type that can be ordered on Intercom's side: integers and
// dates.
type Number interface {
	~int | ~int32 | ~int64 | ~uint32 | ~float64 | time.Time
}

// Query is one filter or a group of them. Build it with the functions of
// this package; the zero Query is invalid.
type Query struct {
	op     Operator
	field  string
	value  any     // a filter's value: string, bool, int64, float64 or []any of them
	date   bool    // the value is, or the field names, a date
	list   bool    // the value is a list (IN, NIN)
	filter []Query // a group's members
}

// And matches what every q matches.
func And(q ...Query) Query { return Query{op: OpAnd, filter: q} }

// Or matches what any q matches.
func Or(q ...Query) Query { return Query{op: OpOr, filter: q} }

// Equals matches field = v (on a date, the whole calendar day).
func Equals[V Value](field string, v V) Query { return single(field, OpEquals, v) }

// NotEquals matches field != v; refused on dates.
func NotEquals[V Value](field string, v V) Query { return single(field, OpNotEquals, v) }

// In matches field equal to any of vs; refused on dates.
func In[V Value](field string, vs ...V) Query { return many(field, OpIn, vs) }

// NotIn matches field equal to none of vs; refused on dates.
func NotIn[V Value](field string, vs ...V) Query { return many(field, OpNotIn, vs) }

// LessThan matches field < v (on a date, before the start of its day).
func LessThan[V Number](field string, v V) Query { return single(field, OpLessThan, v) }

// GreaterThan matches field > v (on a date, from the start of the next day).
func GreaterThan[V Number](field string, v V) Query { return single(field, OpGreaterThan, v) }

// LessThanOrEquals matches field <= v; integers only, refused on dates.
func LessThanOrEquals[V Number](field string, v V) Query {
	return single(field, OpLessThanOrEquals, v)
}

// GreaterThanOrEquals matches field >= v; integers only, refused on dates.
func GreaterThanOrEquals[V Number](field string, v V) Query {
	return single(field, OpGreaterThanOrEquals, v)
}

// Contains matches a string field containing s.
func Contains(field, s string) Query { return single(field, OpContains, s) }

// DoesNotContain matches a string field not containing s.
func DoesNotContain(field, s string) Query { return single(field, OpDoesNotContain, s) }

// StartsWith matches a string field starting with s.
func StartsWith(field, s string) Query { return single(field, OpStartsWith, s) }

// EndsWith matches a string field ending with s.
func EndsWith(field, s string) Query { return single(field, OpEndsWith, s) }

func single[V Value](field string, op Operator, v V) Query {
	val, date := encode(v)
	return Query{op: op, field: field, value: val, date: date || isDateField(field)}
}

func many[V Value](field string, op Operator, vs []V) Query {
	list := make([]any, len(vs))
	date := isDateField(field)
	for i, v := range vs {
		var d bool
		list[i], d = encode(v)
		date = date || d
	}
	return Query{op: op, field: field, value: list, date: date, list: true}
}

// encode turns a typed value into what the JSON carries: string, bool,
// int64 or float64, whatever the named type; date reports a time.Time, sent
// as Unix seconds.
func encode[V Value](v V) (val any, date bool) {
	if t, ok := any(v).(time.Time); ok {
		return t.Unix(), true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rv.String(), false
	case reflect.Bool:
		return rv.Bool(), false
	case reflect.Int, reflect.Int32, reflect.Int64:
		return rv.Int(), false
	case reflect.Uint32:
		return int64(rv.Uint()), false
	default: // reflect.Float64, the only kind Value has left
		return rv.Float(), false
	}
}

// isDateField reports a field Intercom indexes as a date: its timestamps all
// end in "_at" (created_at, updated_at, last_seen_at, statistics.last_close_at).
func isDateField(field string) bool { return strings.HasSuffix(field, "_at") }

// Validate reports the first rule of Intercom's the query breaks, wrapping
// ErrInvalidQuery, or nil.
func (q Query) Validate() error { return q.validate(1, "query") }

func (q Query) validate(depth int, at string) error {
	switch q.op {
	case "":
		return invalid(at, "empty query (build it with And, Or or a filter function)")
	case OpAnd, OpOr:
		if depth > MaxDepth {
			return invalid(at, "groups nested deeper than %d levels", MaxDepth)
		}
		if len(q.filter) == 0 {
			return invalid(at, "%s group with no filters", q.op)
		}
		if len(q.filter) > MaxGroupSize {
			return invalid(at, "%s group of %d filters (at most %d)", q.op, len(q.filter), MaxGroupSize)
		}
		for i, f := range q.filter {
			if err := f.validate(depth+1, fmt.Sprintf("%s.%s[%d]", at, q.op, i)); err != nil {
				return err
			}
		}
		return nil
	}
	if q.field == "" {
		return invalid(at, "filter %q with no field", q.op)
	}
	at = fmt.Sprintf("%s(%s %s)", at, q.field, q.op)
	if q.list && len(q.value.([]any)) == 0 {
		return invalid(at, "%s needs at least one value", q.op)
	}
	if q.date {
		switch q.op {
		case OpNotEquals, OpLessThanOrEquals, OpGreaterThanOrEquals, OpIn, OpNotIn:
			return invalid(at, "%s is not supported on date fields (use = for a day, < and > for ranges)", q.op)
		}
	}
	return nil
}

func invalid(at, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalidQuery, at, fmt.Sprintf(format, args...))
}

// MarshalJSON writes the query as Intercom documents it: a filter as
// {"field","operator","value"}, a group as {"operator","value":[...]}. An
// invalid query is an error, so that it is never sent.
func (q Query) MarshalJSON() ([]byte, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	return q.appendJSON(nil), nil
}

func (q Query) appendJSON(b []byte) []byte {
	if q.op == OpAnd || q.op == OpOr {
		b = append(b, `{"operator":`...)
		b = strconv.AppendQuote(b, string(q.op))
		b = append(b, `,"value":[`...)
		for i, f := range q.filter {
			if i > 0 {
				b = append(b, ',')
			}
			b = f.appendJSON(b)
		}
		return append(b, "]}"...)
	}
	b = append(b, `{"field":`...)
	b = appendString(b, q.field)
	b = append(b, `,"operator":`...)
	b = appendString(b, string(q.op))
	b = append(b, `,"value":`...)
	b = appendValue(b, q.value)
	return append(b, '}')
}

func appendValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case string:
		return appendString(b, x)
	case bool:
		return strconv.AppendBool(b, x)
	case int64:
		return strconv.AppendInt(b, x, 10)
	case float64:
		return strconv.AppendFloat(b, x, 'g', -1, 64)
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendValue(b, e)
		}
		return append(b, ']')
	}
	return append(b, "null"...)
}

// appendString quotes s as encoding/json does (HTML characters escaped).
func appendString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}

// String is the query as JSON, or the reason it is invalid.
func (q Query) String() string {
	b, err := q.MarshalJSON()
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// Body returns the search body type B of any generated version (for
// example v2_16.SearchContactsJSONRequestBody or
// v2_11.SearchTicketsJSONRequestBody) holding q as its query. The iterators
// set the page size and cursor themselves. It fails only when q is invalid
// (ErrInvalidQuery) or B has no query member.
func Body[B any](q Query) (B, error) {
	var body B
	data, err := q.MarshalJSON()
	if err != nil {
		return body, err
	}
	wrapped := append(append([]byte(`{"query":`), data...), '}')
	if err := json.Unmarshal(wrapped, &body); err != nil {
		return body, fmt.Errorf("%w: %T cannot hold a query: %v", ErrInvalidQuery, body, err)
	}
	// A body type without a query member would drop it silently.
	if check, err := json.Marshal(body); err != nil || !strings.Contains(string(check), `"query":`) {
		return body, fmt.Errorf("%w: %T has no query member", ErrInvalidQuery, body)
	}
	return body, nil
}
