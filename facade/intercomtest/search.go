package intercomtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Intercom's limits on a search query.
const (
	maxSearchDepth   = 2  // nested AND/OR groups
	maxSearchFilters = 15 // filters in one group
)

// searchQuery is one node of a search body's query: a filter (field,
// operator, value) or a group (operator AND/OR, value: nodes).
type searchQuery struct {
	Field    string          `json:"field"`
	Operator string          `json:"operator"`
	Value    json.RawMessage `json:"value"`
}

// fieldTable maps searchable fields to accessors. An accessor returns a
// string, int, bool, []string (a field with many values, such as tag ids),
// or nil for an absent value.
type fieldTable[T any] struct {
	fields map[string]func(T) any
	// custom reads "custom_attributes.NAME", when the resource has them.
	custom func(T, string) any
	// dates are the Date fields compared by calendar day in days'
	// timezone when days is set (see byDay).
	dates map[string]bool
	days  *time.Location
}

// byDay returns t comparing its Date fields as Intercom's contact search
// documents: "matched by calendar day", the day boundary in the
// workspace's timezone; `>` matches from the start of the next day, `<`
// everything before the start of that day, `=` the whole day, and `!=`,
// `>=`, `<=`, `IN` and `NIN` are refused on Date fields.
func (t fieldTable[T]) byDay(loc *time.Location) fieldTable[T] {
	t.days = loc
	return t
}

// compileQuery turns q into a predicate, checking it as Intercom does.
func compileQuery[T any](q *searchQuery, t fieldTable[T], depth int) (func(T) bool, error) {
	op := strings.ToUpper(q.Operator)
	if op == "AND" || op == "OR" {
		if depth >= maxSearchDepth {
			return nil, errInvalid(http.StatusBadRequest, "query", fmt.Sprintf("queries may nest at most %d groups", maxSearchDepth))
		}
		var subs []searchQuery
		if err := json.Unmarshal(q.Value, &subs); err != nil || len(subs) == 0 {
			return nil, errInvalid(http.StatusBadRequest, "query", op+" needs a non-empty array of queries")
		}
		if len(subs) > maxSearchFilters {
			return nil, errInvalid(http.StatusBadRequest, "query", fmt.Sprintf("a group may hold at most %d filters", maxSearchFilters))
		}
		preds := make([]func(T) bool, len(subs))
		for i := range subs {
			p, err := compileQuery(&subs[i], t, depth+1)
			if err != nil {
				return nil, err
			}
			preds[i] = p
		}
		if op == "AND" {
			return func(v T) bool {
				for _, p := range preds {
					if !p(v) {
						return false
					}
				}
				return true
			}, nil
		}
		return func(v T) bool {
			for _, p := range preds {
				if p(v) {
					return true
				}
			}
			return false
		}, nil
	}
	get, err := t.accessor(q.Field)
	if err != nil {
		return nil, err
	}
	var want any
	if len(q.Value) > 0 {
		if err := json.Unmarshal(q.Value, &want); err != nil {
			return nil, errInvalid(http.StatusBadRequest, "value", "value is not valid JSON")
		}
	}
	if t.days != nil && t.dates[q.Field] {
		return compileDay(op, q.Field, want, get, t.days)
	}
	match, err := compileOperator(op, want)
	if err != nil {
		return nil, err
	}
	return func(v T) bool { return match(get(v)) }, nil
}

func (t fieldTable[T]) accessor(field string) (func(T) any, error) {
	if field == "" {
		return nil, errMissing("field")
	}
	if f, ok := t.fields[field]; ok {
		return f, nil
	}
	if name, ok := strings.CutPrefix(field, "custom_attributes."); ok && t.custom != nil && name != "" {
		return func(v T) any { return t.custom(v, name) }, nil
	}
	return nil, errInvalid(http.StatusBadRequest, "field", fmt.Sprintf("%q is not a searchable field", field))
}

// compileDay compiles a filter on a Date field compared by calendar day
// in loc (see byDay).
func compileDay[T any](op, field string, want any, get func(T) any, loc *time.Location) (func(T) bool, error) {
	switch op {
	case "=", ">", "<":
	default:
		return nil, errInvalid(http.StatusBadRequest, "operator", fmt.Sprintf("%q is not supported on the Date field %s", op, field))
	}
	w, ok := number(want)
	if !ok {
		return nil, errInvalid(http.StatusBadRequest, "value", field+" needs a Unix timestamp")
	}
	wd := dayOf(int64(w), loc)
	return func(v T) bool {
		x, ok := get(v).(int)
		if !ok {
			return false
		}
		d := dayOf(int64(x), loc)
		switch op {
		case ">":
			return d.After(wd)
		case "<":
			return d.Before(wd)
		}
		return d.Equal(wd)
	}, nil
}

// dayOf is the start of the calendar day, in loc, holding Unix second u.
func dayOf(u int64, loc *time.Location) time.Time {
	y, m, d := time.Unix(u, 0).In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// compileOperator returns the test one operator applies to a field value.
func compileOperator(op string, want any) (func(any) bool, error) {
	not := func(f func(any) bool) func(any) bool { return func(v any) bool { return !f(v) } }
	switch op {
	case "=":
		return func(v any) bool { return equal(v, want) }, nil
	case "!=":
		return not(func(v any) bool { return equal(v, want) }), nil
	case "IN", "NIN":
		list, ok := want.([]any)
		if !ok {
			return nil, errInvalid(http.StatusBadRequest, "value", op+" needs an array value")
		}
		in := func(v any) bool {
			for _, w := range list {
				if equal(v, w) {
					return true
				}
			}
			return false
		}
		if op == "NIN" {
			return not(in), nil
		}
		return in, nil
	case ">", "<", ">=", "<=":
		return func(v any) bool {
			c, ok := compare(v, want)
			if !ok {
				return false
			}
			switch op {
			case ">":
				return c > 0
			case "<":
				return c < 0
			case ">=":
				return c >= 0
			}
			return c <= 0
		}, nil
	case "~", "!~", "^", "$":
		w, ok := want.(string)
		if !ok {
			return nil, errInvalid(http.StatusBadRequest, "value", op+" needs a string value")
		}
		test := map[string]func(string, string) bool{
			"~": strings.Contains, "!~": strings.Contains, "^": strings.HasPrefix, "$": strings.HasSuffix,
		}[op]
		f := func(v any) bool { return anyString(v, func(s string) bool { return test(s, w) }) }
		if op == "!~" {
			return not(f), nil
		}
		return f, nil
	default:
		return nil, errInvalid(http.StatusBadRequest, "operator", fmt.Sprintf("%q is not a valid operator", op))
	}
}

// equal compares a field value with a query value; a many-valued field
// equals a value it contains, and null matches an absent value.
func equal(v, want any) bool {
	if want == nil {
		return v == nil
	}
	switch x := v.(type) {
	case []string:
		for _, s := range x {
			if equal(s, want) {
				return true
			}
		}
		return false
	case nil:
		return false
	}
	c, ok := compare(v, want)
	return ok && c == 0
}

// compare orders a scalar field value against a query value: numbers
// numerically (a numeric string counts), booleans by value, strings
// lexically.
func compare(v, want any) (int, bool) {
	switch x := v.(type) {
	case int:
		w, ok := number(want)
		if !ok {
			return 0, false
		}
		return cmp3(float64(x), w), true
	case bool:
		w, ok := want.(bool)
		if !ok {
			s, isStr := want.(string)
			if !isStr {
				return 0, false
			}
			b, err := strconv.ParseBool(s)
			if err != nil {
				return 0, false
			}
			w = b
		}
		if x == w {
			return 0, true
		}
		return 1, true
	case string:
		var w string
		switch y := want.(type) {
		case string:
			w = y
		case float64:
			w = strconv.FormatFloat(y, 'f', -1, 64)
		default:
			return 0, false
		}
		return strings.Compare(x, w), true
	}
	return 0, false
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return 0, false
}

func cmp3(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// anyString applies f to a string value or to each value of a list.
func anyString(v any, f func(string) bool) bool {
	switch x := v.(type) {
	case string:
		return f(x)
	case []string:
		for _, s := range x {
			if f(s) {
				return true
			}
		}
	}
	return false
}

// customValue turns a custom attribute into a searchable value.
func customValue(m map[string]any, name string) any {
	v, ok := m[name]
	if !ok || v == nil {
		return nil
	}
	switch x := v.(type) {
	case float64:
		if x == float64(int(x)) {
			return int(x)
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return x
	case int64:
		return int(x)
	case string, bool:
		return x
	}
	return fmt.Sprint(v)
}
