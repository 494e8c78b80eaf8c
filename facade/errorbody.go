package facade

import (
	"bytes"
	"encoding/json"
	"io"
)

// errorBody is what an Intercom error body says. Two shapes occur in the
// descriptions: the error list {"type":"error.list","request_id":…,
// "errors":[{"code":…,"message":…,"field":…}]} and, on a few endpoints,
// {"type":"error","request_id":…,"message":…}.
type errorBody struct {
	Type      string
	RequestID string
	Message   string
	Errors    []ErrorDetail
}

// decodeErrorBody reads an error body token by token, so that a body cut
// off by the size cap or a dropped connection still yields the fields read
// before the cut. complete reports that data was exactly one JSON object.
// Members of an unexpected JSON type read as "", as if absent; a later
// duplicate member replaces an earlier one, as with encoding/json.
func decodeErrorBody(data []byte) (b errorBody, complete bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // numbers are skipped; never fail on their range
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return b, false
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return b, false
		}
		key, _ := tok.(string)
		switch key {
		case "type":
			err = readString(dec, &b.Type)
		case "request_id":
			err = readString(dec, &b.RequestID)
		case "message":
			err = readString(dec, &b.Message)
		case "errors":
			err = readDetails(dec, &b.Errors)
		default:
			err = skipValue(dec)
		}
		if err != nil {
			return b, false
		}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return b, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return b, false // trailing data
	}
	return b, true
}

// readDetails reads the errors array into *out, item by item, so that the
// items before a cut survive. A value that is not an array leaves *out nil;
// array items that are not objects are skipped.
func readDetails(dec *json.Decoder, out *[]ErrorDetail) error {
	*out = nil
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('[') {
		return skipRest(dec, tok)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if tok != json.Delim('{') {
			if err := skipRest(dec, tok); err != nil {
				return err
			}
			continue
		}
		*out = append(*out, ErrorDetail{})
		d := &(*out)[len(*out)-1]
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ := tok.(string)
			switch key {
			case "code":
				err = readString(dec, &d.Code)
			case "message":
				err = readString(dec, &d.Message)
			case "field":
				err = readString(dec, &d.Field)
			default:
				err = skipValue(dec)
			}
			if err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil { // '}'
			return err
		}
	}
	_, err = dec.Token() // ']'
	return err
}

// readString reads one value into *out: its text if it is a string, ""
// otherwise (null, a number, an object...).
func readString(dec *json.Decoder, out *string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	s, _ := tok.(string)
	*out = s
	return skipRest(dec, tok)
}

// skipValue reads and discards one value.
func skipValue(dec *json.Decoder) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	return skipRest(dec, tok)
}

// skipRest discards the rest of a value whose first token was tok: nothing
// for a scalar, up to the matching close for an object or array. It counts
// depth instead of recursing, so deep nesting costs no stack.
func skipRest(dec *json.Decoder, tok json.Token) error {
	if tok != json.Delim('{') && tok != json.Delim('[') {
		return nil
	}
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}
