package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/search"
)

// operation is one operation of a description.
type operation struct {
	method, path, id string
	op               *openapi3.Operation
	params           openapi3.Parameters // path item's and operation's
}

// loadOperations reads a normalised description and lists its operations
// in path, then method, order.
func loadOperations(file string) ([]operation, error) {
	doc, err := openapi3.NewLoader().LoadFromFile(file)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", file, err)
	}
	var ops []operation
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			params := append(openapi3.Parameters{}, item.Parameters...)
			params = append(params, op.Parameters...)
			ops = append(ops, operation{method: method, path: path, id: op.OperationID, op: op, params: params})
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].path != ops[j].path {
			return ops[i].path < ops[j].path
		}
		return ops[i].method < ops[j].method
	})
	return ops, nil
}

// methodKey folds an operation id and a Go method name to the same key:
// oapi-codegen only changes case and drops separators.
func methodKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// typedMethods indexes the XxxWithResponse methods of a generated
// ClientWithResponses by methodKey. The typed-body method is preferred;
// an operation whose body is not JSON has only XxxWithBodyWithResponse,
// which is used then.
func typedMethods(api any) map[string]reflect.Value {
	v := reflect.ValueOf(api)
	out := map[string]reflect.Value{}
	withBody := map[string]reflect.Value{}
	for i := 0; i < v.NumMethod(); i++ {
		name := v.Type().Method(i).Name
		base, ok := strings.CutSuffix(name, "WithResponse")
		if !ok {
			continue
		}
		if b, ok := strings.CutSuffix(base, "WithBody"); ok {
			withBody[methodKey(b)] = v.Method(i)
			continue
		}
		out[methodKey(base)] = v.Method(i)
	}
	for k, m := range withBody {
		if _, ok := out[k]; !ok {
			out[k] = m
		}
	}
	return out
}

var readerType = reflect.TypeOf((*io.Reader)(nil)).Elem()

var pathParam = regexp.MustCompile(`\{([^}]+)\}`)

// failure says why an operation did not pass.
type failure struct {
	op     operation
	reason string
}

// exercise calls one operation through its typed method with
// representative arguments, and returns nil when the request was valid and
// the response decoded.
func exercise(ctx context.Context, m reflect.Value, op operation, rec *recorder) error {
	args, sentArg, err := buildArgs(ctx, m.Type(), op)
	if err != nil {
		return err
	}
	rec.reset()
	out := m.Call(args)
	callErr, _ := out[1].Interface().(error)
	return checkExchange(op, rec, sentArg, callErr, func(ex *exchange) error { return checkDecoded(out[0], ex) })
}

// exerciseService calls one operation through its service method (kind as
// Client.Operations gives it) and checks it as exercise does: the request
// valid, the answer documented, a JSON success decoded (a service returns
// an error when it is not).
func exerciseService(ctx context.Context, m reflect.Value, kind string, op operation, rec *recorder) error {
	args, sentArg, err := buildArgs(ctx, m.Type(), op)
	if err != nil {
		return err
	}
	rec.reset()
	out := m.Call(args)
	var callErr error
	switch kind {
	case "result", "raw":
		callErr, _ = out[1].Interface().(error)
		if resp, ok := out[0].Interface().(*http.Response); ok && resp != nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	case "error":
		callErr, _ = out[0].Interface().(error)
	case "paged", "search":
		callErr = firstOf(out[0])
		// Prism invents a mocked page's paging fields (a page number of
		// -76245577, a next cursor equal to the one sent): the iterator is
		// right to refuse such a page as a stall, after the request it sent
		// was checked like any other.
		if errors.Is(callErr, facade.ErrPaginationStalled) {
			callErr = nil
		}
	default:
		return fmt.Errorf("unknown service method kind %q", kind)
	}
	return checkExchange(op, rec, sentArg, callErr, func(*exchange) error { return nil })
}

// firstOf ranges over an iter.Seq2 for its first value and returns its
// error.
func firstOf(seq reflect.Value) error {
	var err error
	yield := reflect.MakeFunc(seq.Type().In(0), func(in []reflect.Value) []reflect.Value {
		err, _ = in[1].Interface().(error)
		return []reflect.Value{reflect.ValueOf(false)}
	})
	seq.Call([]reflect.Value{yield})
	return err
}

var (
	queryType      = reflect.TypeOf(search.Query{})
	pageOptionType = reflect.TypeOf((*facade.PageOption)(nil)).Elem()
)

// buildArgs makes representative arguments for a generated call or a
// service method: path parameters in the order the path names them, then
// the query/header parameters struct, a search query, or the body (its type
// is XxxJSONRequestBody or, as an alias, the schema's own type). A service
// method's optional parameters come last, as its variadic argument; its
// page options ask for one page with no read-ahead.
func buildArgs(ctx context.Context, mt reflect.Type, op operation) (args []reflect.Value, sentArg any, err error) {
	args = []reflect.Value{reflect.ValueOf(ctx)}
	next := 1
	fixed := mt.NumIn()
	if mt.IsVariadic() {
		fixed--
	}
	for _, name := range pathParam.FindAllStringSubmatch(op.path, -1) {
		if next >= fixed {
			return nil, nil, fmt.Errorf("method has too few parameters for path parameter %s", name[1])
		}
		p := op.params.GetByInAndName("path", name[1])
		if p == nil {
			return nil, nil, fmt.Errorf("path parameter %s is not described", name[1])
		}
		v, err := coerce(paramValue(p, true), mt.In(next))
		if err != nil {
			return nil, nil, fmt.Errorf("path parameter %s: %w", name[1], err)
		}
		args = append(args, v)
		next++
	}
	for ; next < fixed; next++ {
		t := mt.In(next)
		switch {
		case t == queryType:
			args = append(args, reflect.ValueOf(search.Equals("id", "1")))
		case t.Kind() == reflect.Pointer && strings.HasSuffix(t.Elem().Name(), "Params"):
			v, err := paramsValue(op, t.Elem())
			if err != nil {
				return nil, nil, err
			}
			args = append(args, v)
		case next == fixed-2 && t.Kind() == reflect.String && mt.In(next+1) == readerType:
			ctype, body, arg, err := rawBody(op)
			if err != nil {
				return nil, nil, err
			}
			sentArg = arg
			args = append(args, reflect.ValueOf(ctype), reflect.ValueOf(body))
			next++
		case next == fixed-1 && op.op.RequestBody != nil:
			v, arg, err := bodyValue(op, t)
			if err != nil {
				return nil, nil, err
			}
			sentArg = arg
			args = append(args, v)
		default:
			return nil, nil, fmt.Errorf("unexpected parameter type %s", t)
		}
	}
	if mt.IsVariadic() {
		switch elem := mt.In(mt.NumIn() - 1).Elem(); {
		case elem == pageOptionType:
			args = append(args, reflect.ValueOf(facade.ReadAhead(0)), reflect.ValueOf(facade.MaxItems(1)))
		case elem.Kind() == reflect.Pointer && strings.HasSuffix(elem.Elem().Name(), "Params"):
			v, err := paramsValue(op, elem.Elem())
			if err != nil {
				return nil, nil, err
			}
			args = append(args, v)
		}
	}
	return args, sentArg, nil
}

// checkExchange checks the last exchange of a call: the request valid, the
// body carried whole, the status documented, and, for a success, decoded.
func checkExchange(op operation, rec *recorder, sentArg any, callErr error, decoded func(*exchange) error) error {
	ex := rec.last()
	if ex == nil {
		if callErr != nil {
			return fmt.Errorf("no request reached the server: %w", callErr)
		}
		return errors.New("no request reached the server")
	}
	if v := ex.violations(); len(v) > 0 {
		return fmt.Errorf("request violations: %s (sent %s)", strings.Join(v, "; "), ex.sent())
	}
	if p := ex.prismProblem(); p != "" {
		return fmt.Errorf("prism refused the request: %s (sent %s)", p, ex.sent())
	}
	if lost := declaredOnly(op, lostFields(sentArg, ex.reqBody)); len(lost) > 0 {
		return fmt.Errorf("typed body dropped %s (sent %s)", strings.Join(lost, ", "), ex.sent())
	}
	if !documented(op, ex.status) {
		return fmt.Errorf("status %d is not described (body %.300s)", ex.status, ex.body)
	}
	if callErr != nil {
		if ex.status >= 200 && ex.status < 300 {
			return fmt.Errorf("typed response: %w", callErr)
		}
		// The description has no 2xx answer for this operation (Prism
		// chose a described error): the request was still checked.
		return nil
	}
	return decoded(ex)
}

// declaredOnly keeps the fields the request body schema declares: an
// example that sends an undeclared field (a description defect) cannot be
// carried by a typed body, and that is not the client's failure.
func declaredOnly(op operation, fields []string) []string {
	if len(fields) == 0 || op.op.RequestBody == nil || op.op.RequestBody.Value == nil {
		return fields
	}
	mt := op.op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return fields
	}
	var out []string
	for _, f := range fields {
		if declares(mt.Schema, f, 0) {
			out = append(out, f)
		}
	}
	return out
}

// declares reports whether the schema, or any of its allOf/oneOf/anyOf
// parts, declares the property, or allows any property.
func declares(ref *openapi3.SchemaRef, prop string, depth int) bool {
	if ref == nil || ref.Value == nil || depth > 8 {
		return false
	}
	s := ref.Value
	if _, ok := s.Properties[prop]; ok {
		return true
	}
	if ap := s.AdditionalProperties; (ap.Has != nil && *ap.Has) || ap.Schema != nil {
		return true
	}
	for _, parts := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, p := range parts {
			if declares(p, prop, depth+1) {
				return true
			}
		}
	}
	return false
}

// lostFields lists the top-level fields of the body argument (with a
// non-null value) missing from the body actually sent: the typed body
// type failed to encode what it was given.
func lostFields(arg any, sent []byte) []string {
	m, ok := arg.(map[string]any)
	if !ok || len(m) == 0 {
		return nil
	}
	var got map[string]any
	if err := json.Unmarshal(sent, &got); err != nil {
		return []string{"everything (body is not a JSON object)"}
	}
	var lost []string
	for k, v := range m {
		if _, ok := got[k]; !ok && v != nil {
			lost = append(lost, k)
		}
	}
	sort.Strings(lost)
	return lost
}

// sent describes the request for failure messages.
func (e *exchange) sent() string {
	s := e.method + " " + e.url
	if len(e.reqBody) > 0 {
		b := e.reqBody
		if len(b) > 300 {
			b = append(b[:300:300], "..."...)
		}
		s += " " + string(b)
	}
	return s
}

// documented reports whether the description lists status (or default).
func documented(op operation, status int) bool {
	if op.op.Responses == nil {
		return false
	}
	return op.op.Responses.Status(status) != nil || op.op.Responses.Default() != nil
}

// checkDecoded asserts the typed response holds a decoded JSON body when
// the server sent one.
func checkDecoded(resp reflect.Value, ex *exchange) error {
	if resp.IsNil() {
		return errors.New("nil typed response")
	}
	mt, _, _ := mime.ParseMediaType(ex.contentType)
	if len(ex.body) == 0 || !(mt == "application/json" || strings.HasSuffix(mt, "+json")) {
		return nil
	}
	s := resp.Elem()
	f := s.FieldByName(fmt.Sprintf("JSON%d", ex.status))
	if !f.IsValid() {
		f = s.FieldByName("JSONDefault")
	}
	if !f.IsValid() {
		return fmt.Errorf("typed response has no JSON%d field for a JSON answer", ex.status)
	}
	if f.IsNil() {
		return fmt.Errorf("JSON%d was not decoded", ex.status)
	}
	return nil
}

// paramValue picks a value for a parameter: its example, else (when
// required or always is set) one made from its schema.
func paramValue(p *openapi3.Parameter, always bool) any {
	if v, ok := firstFitting(p.Schema, examplesOf(p.Example, p.Examples)); ok {
		return v
	}
	if p.Schema != nil && p.Schema.Value != nil && p.Schema.Value.Example != nil && fits(p.Schema, p.Schema.Value.Example) {
		return p.Schema.Value.Example
	}
	if always || p.Required {
		return schemaValue(p.Schema, 0)
	}
	return nil
}

// paramsValue fills a generated XxxParams struct: required parameters and
// those the description gives an example for.
func paramsValue(op operation, t reflect.Type) (reflect.Value, error) {
	fields := map[string]any{}
	for _, pr := range op.params {
		p := pr.Value
		if p == nil || p.In == "path" {
			continue
		}
		if v := paramValue(p, false); v != nil {
			fields[p.Name] = v
		}
	}
	ptr := reflect.New(t)
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		v, ok := fields[name]
		if !ok {
			continue
		}
		fv, err := coerce(v, f.Type)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("parameter %s: %w", name, err)
		}
		ptr.Elem().Field(i).Set(fv)
	}
	return ptr, nil
}

// bodyValue builds the typed request body from the description's JSON
// example, or from its schema, and returns the plain value it came from.
func bodyValue(op operation, t reflect.Type) (reflect.Value, any, error) {
	if op.op.RequestBody == nil || op.op.RequestBody.Value == nil {
		return reflect.Value{}, nil, errors.New("typed body without a described request body")
	}
	mtype := op.op.RequestBody.Value.Content.Get("application/json")
	if mtype == nil {
		return reflect.Value{}, nil, errors.New("typed body without an application/json request body")
	}
	// An example that breaks its own schema is a defect of the description,
	// not a representative argument: build one from the schema instead.
	v, ok := firstFitting(mtype.Schema, examplesOf(mtype.Example, mtype.Examples))
	if !ok {
		v = schemaValue(mtype.Schema, 0)
	}
	rv, err := coerce(v, t)
	return rv, v, err
}

// rawBody encodes a representative body for an operation without a typed
// body method, in the first content type the description lists.
func rawBody(op operation) (string, io.Reader, any, error) {
	if op.op.RequestBody == nil || op.op.RequestBody.Value == nil {
		return "", nil, nil, errors.New("body method without a described request body")
	}
	content := op.op.RequestBody.Value.Content
	types := make([]string, 0, len(content))
	for k := range content {
		types = append(types, k)
	}
	sort.Strings(types)
	if len(types) == 0 {
		return "", nil, nil, errors.New("request body without content")
	}
	ctype := types[0]
	mtype := content[ctype]
	v, ok := firstFitting(mtype.Schema, examplesOf(mtype.Example, mtype.Examples))
	if !ok {
		v = schemaValue(mtype.Schema, 0)
	}
	switch {
	case ctype == "multipart/form-data":
		ct, body, err := multipartBody(mtype.Schema, v)
		return ct, body, nil, err
	case ctype == "application/x-www-form-urlencoded":
		form := url.Values{}
		if m, ok := v.(map[string]any); ok {
			for k, x := range m {
				form.Set(k, fmt.Sprint(x))
			}
		}
		return ctype, strings.NewReader(form.Encode()), nil, nil
	case strings.Contains(ctype, "json"):
		b, err := json.Marshal(v)
		return ctype, bytes.NewReader(b), v, err
	}
	return ctype, strings.NewReader(fmt.Sprint(v)), nil, nil
}

// multipartBody writes the fields of v as a multipart form; a field the
// schema marks as binary becomes a small JSON file part.
func multipartBody(schema *openapi3.SchemaRef, v any) (string, io.Reader, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	m, _ := v.(map[string]any)
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		var prop *openapi3.Schema
		if schema != nil && schema.Value != nil && schema.Value.Properties[k] != nil {
			prop = schema.Value.Properties[k].Value
		}
		if prop != nil && prop.Format == "binary" {
			fw, err := w.CreateFormFile(k, k+".json")
			if err != nil {
				return "", nil, err
			}
			if _, err := fw.Write([]byte("[]")); err != nil {
				return "", nil, err
			}
			continue
		}
		if err := w.WriteField(k, fmt.Sprint(m[k])); err != nil {
			return "", nil, err
		}
	}
	if err := w.Close(); err != nil {
		return "", nil, err
	}
	return w.FormDataContentType(), &buf, nil
}

// exchange is what the recorder saw of one request and its answer.
type exchange struct {
	method, url string
	reqBody     []byte
	status      int
	contentType string
	header      http.Header
	body        []byte
	// exampleViolations is Prism's sl-violations header for the
	// description's own example, when that broke its schema and the answer
	// was asked for again, generated from the schema.
	exampleViolations string
}

// violations lists Prism's request violations (the sl-violations header)
// of error severity.
func (e *exchange) violations() []string {
	h := e.header.Get("sl-violations")
	if h == "" {
		return nil
	}
	var vs []struct {
		Location []string `json:"location"`
		Severity string   `json:"severity"`
		Code     any      `json:"code"`
		Message  string   `json:"message"`
	}
	if err := json.Unmarshal([]byte(h), &vs); err != nil {
		// Prism cuts a long list short ("Too many violations! [...]"):
		// read what it kept.
		return truncatedRequestViolations(h)
	}
	var out []string
	seen := map[string]bool{}
	for _, v := range vs {
		if v.Severity != "Error" || len(v.Location) == 0 || v.Location[0] != "request" {
			continue
		}
		s := fmt.Sprintf("%s: %s", strings.Join(v.Location, "."), v.Message)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

var requestViolation = regexp.MustCompile(`\{"location":\["request"((?:,"[^"]*")*)\],"severity":"Error"[^{}]*?"message":"((?:[^"\\]|\\.)*)"\}`)

// truncatedRequestViolations extracts the request violations of a header
// Prism shortened, which is no longer valid JSON.
func truncatedRequestViolations(h string) []string {
	var out []string
	for _, m := range requestViolation.FindAllStringSubmatch(h, -1) {
		loc := "request"
		if inner := strings.Trim(m[1], `,"`); inner != "" {
			loc += "." + strings.Join(strings.Split(inner, `","`), ".")
		}
		out = append(out, loc+": "+m[2])
	}
	return out
}

// prismProblem describes an answer Prism made up itself (a problem+json
// whose type is one of Prism's errors), "" for a mocked answer.
func (e *exchange) prismProblem() string {
	if !strings.Contains(e.contentType, "problem+json") && !bytes.Contains(e.body, []byte("stoplight.io/prism/errors#")) {
		return ""
	}
	var p struct {
		Type       string `json:"type"`
		Title      string `json:"title"`
		Detail     string `json:"detail"`
		Validation []struct {
			Location []string `json:"location"`
			Message  string   `json:"message"`
		} `json:"validation"`
	}
	if err := json.Unmarshal(e.body, &p); err != nil || !strings.Contains(p.Type, "prism/errors#") {
		return ""
	}
	msg := fmt.Sprintf("%d %s", e.status, p.Title)
	for _, v := range p.Validation {
		msg += fmt.Sprintf("; %s: %s", strings.Join(v.Location, "."), v.Message)
	}
	return msg
}

// responseViolations counts Prism's complaints about its own mocked answer:
// the description's example does not match its schema. They are defects of
// the description, reported but not failures of the client.
func (e *exchange) responseViolations() int {
	h := e.exampleViolations
	if h == "" {
		h = e.header.Get("sl-violations")
	}
	return countResponseViolations(h)
}

func countResponseViolations(header string) int {
	var vs []struct {
		Location []string `json:"location"`
	}
	if json.Unmarshal([]byte(header), &vs) != nil {
		return 0
	}
	n := 0
	for _, v := range vs {
		if len(v.Location) > 0 && v.Location[0] == "response" {
			n++
		}
	}
	return n
}

// recorder is the HTTP client under the facade: it keeps the last
// exchange, body included, and hands the response on unchanged.
type recorder struct {
	client *http.Client
	mu     sync.Mutex
	ex     *exchange
	all    []*exchange // every exchange, when keepAll is set
	keep   bool
}

func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.Body != nil {
		b, err := io.ReadAll(io.LimitReader(req.Body, maxBody))
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		reqBody = b
		req.Body = io.NopCloser(bytes.NewReader(b))
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, err
	}
	body, err := readAll(resp)
	if err != nil {
		return nil, err
	}
	var exampleViolations string
	if v := resp.Header.Get("sl-violations"); countResponseViolations(v) > 0 && req.Header.Get("Prefer") == "" {
		// The description's example breaks its own schema. The typed client
		// is held to the schema, so ask Prism for an answer generated from
		// it; the broken example is still counted as a description defect.
		// A fresh context: the client's own tracing (which counts how often
		// a request is written) must not see this second, test-only send.
		ctx, cancel := context.WithTimeout(context.Background(), perCall)
		defer cancel()
		again := req.Clone(ctx)
		again.Body = io.NopCloser(bytes.NewReader(reqBody))
		again.Header.Set("Prefer", "dynamic=true")
		if resp2, err := r.client.Do(again); err == nil {
			if body2, err := readAll(resp2); err == nil {
				exampleViolations, resp, body = v, resp2, body2
			}
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ex = &exchange{
		method: req.Method, url: req.URL.String(), reqBody: reqBody, status: resp.StatusCode,
		contentType: resp.Header.Get("Content-Type"), header: resp.Header.Clone(), body: body,
		exampleViolations: exampleViolations,
	}
	if r.keep {
		r.all = append(r.all, r.ex)
	}
	return resp, nil
}

func (r *recorder) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ex = nil
}

func (r *recorder) last() *exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ex
}
