package normalize

import (
	"github.com/getkin/kin-openapi/openapi3"
)

// Phase says whether a rule runs on the document as parsed, before $refs are
// resolved (needed to repair refs that cannot resolve), or after.
type Phase int

const (
	BeforeResolve Phase = iota
	AfterResolve
)

// Rule is one generic repair.
type Rule struct {
	Name   string
	Defect string // the kind of upstream defect it repairs, for README and logs
	Phase  Phase
	Apply  func(doc *openapi3.T, log *Log)
}

// Rules lists every rule in the order it runs. The order matters only where
// noted: renames run last so that they see the final set of names.
var Rules = []Rule{
	{
		Name:   "dangling-schema-ref",
		Defect: "a $ref names a schema that components/schemas does not define (custom_attributes in 2.7-2.11)",
		Phase:  BeforeResolve,
		Apply:  defineDanglingSchemas,
	},
	{
		Name:   "type-list",
		Defect: "a schema of a 3.0 description gives type as a list, the 3.1 form (type: [null, string]), rejected by 3.0 validation",
		Phase:  AfterResolve,
		Apply:  singleTypes,
	},
	{
		Name:   "version-header-param",
		Defect: "every operation declares the Intercom-Version header, which the client sets itself",
		Phase:  AfterResolve,
		Apply:  dropVersionHeader,
	},
	{
		Name:   "duplicate-parameter",
		Defect: "an operation declares one parameter (same name, same place) twice (id of GET /contacts/{id} in a February 2023 description), rejected by validation",
		Phase:  AfterResolve,
		Apply:  dropDuplicateParams,
	},
	{
		Name:   "duplicate-path-template",
		Defect: "one path declared twice with different parameter names (POST /contacts/{id}/companies beside GET /contacts/{contact_id}/companies), rejected as conflicting paths; merged when the methods do not overlap",
		Phase:  AfterResolve,
		Apply:  mergeDuplicatePaths,
	},
	{
		Name:   "stray-path-param",
		Defect: "an operation declares an in: path parameter its template does not name, beside a template name nothing declares (DELETE /articles/{article_id} declaring id), rejected by validation",
		Phase:  AfterResolve,
		Apply:  renameStrayPathParams,
	},
	{
		Name:   "path-param-in-query",
		Defect: "a {name} of the path template is declared in: query, or not declared at all",
		Phase:  AfterResolve,
		Apply:  fixPathParams,
	},
	{
		Name:   "scalar-union-param",
		Defect: "a parameter typed as a oneOf/anyOf whose members are all one scalar type (id of POST /conversations/{id}/reply: an id or \"last\"), which the generator makes a union its runtime cannot put in a URL",
		Phase:  AfterResolve,
		Apply:  scalarUnionParams,
	},
	{
		Name:   "enum-value-outside-values",
		Defect: "an enum whose default or example is not among its values (intercom_version defaulting to a version its enum does not list), rejected by validation",
		Phase:  AfterResolve,
		Apply:  fixEnumOutliers,
	},
	{
		Name:   "former-version-name",
		Defect: "the intercom_version enum of a description from before 2026 names Preview by its former name, Unstable",
		Phase:  AfterResolve,
		Apply:  renameFormerPreview,
	},
	{
		Name:   "string-page-param",
		Defect: "a page or per_page query parameter typed as a string (POST /companies/list in 2023 descriptions), which no page number fits",
		Phase:  AfterResolve,
		Apply:  integerPageParams,
	},
	{
		Name:   "undeclared-pagination-params",
		Defect: "a paged list operation omits the page, per_page or starting_after query parameters, or a search body its pagination object (ListContacts in 2.14+, articles, collections, news items)",
		Phase:  AfterResolve,
		Apply:  declarePaginationParams,
	},
	{
		Name:   "missing-operation-id",
		Defect: "an operation has no operationId, so no Go method can be named after it",
		Phase:  AfterResolve,
		Apply:  addOperationIDs,
	},
	{
		Name:   "array-without-items",
		Defect: "an array schema has no items",
		Phase:  AfterResolve,
		Apply:  addMissingItems,
	},
	{
		Name:   "custom-attributes-any-value",
		Defect: "custom_attributes maps are typed string-only while Intercom sends booleans, numbers and nulls",
		Phase:  AfterResolve,
		Apply:  looseCustomAttributes,
	},
	{
		Name:   "strict-string-format",
		Defect: "format uuid or email on strings whose real values are not UUIDs or are empty, which the generated types reject",
		Phase:  AfterResolve,
		Apply:  dropStrictFormats,
	},
	{
		Name:   "nullable-response-only",
		Defect: "nullable on schemas only ever received, where a pointer tells null from a value without nullable.Nullable's map; a required nullable property is made optional first, since the generator gives only optional properties a pointer",
		Phase:  AfterResolve,
		Apply:  dropResponseOnlyNullable,
	},
	{
		Name:   "number-string-mismatch",
		Defect: "Intercom sends integer identifiers and paging counters as numeric strings (per_page \"100\", assignee ids \"0\"), or a string as a number where an overlay says so; the field is tagged so that its decoders accept both (docs/divergences.md)",
		Phase:  AfterResolve,
		Apply:  looseNumbers,
	},
	{
		Name:   "object-sent-as-string",
		Defect: "Intercom sends a string where the description has an object: a link object as its URL (contact.avatar), a pages.next cursor as the next page's link (GET /articles); the object gains a json:\"-\" SentAsString field and decoders that accept both (docs/divergences.md)",
		Phase:  AfterResolve,
		Apply:  objectsAsStrings,
	},
	{
		Name:   "undeclared-members",
		Defect: "Intercom sends members its descriptions do not declare, which typed values would drop; every received object schema gains an Undeclared field that keeps them and writes them back (docs/divergences.md)",
		Phase:  AfterResolve,
		Apply:  keepUndeclaredMembers,
	},
	{
		Name:   "exploded-query-object",
		Defect: "an exploded form query parameter typed as a union of objects, which the generator makes opaque and validators cannot read",
		Phase:  AfterResolve,
		Apply:  flattenQueryObjects,
	},
	{
		Name:   "required-only-alternatives",
		Defect: "an object's oneOf/anyOf members only say which of its properties are required (create a contact with email, external_id or role), which the generator turns into a union no literal can fill",
		Phase:  AfterResolve,
		Apply:  dropRequiredOnlyAlternatives,
	},
	{
		Name:   "single-arm-union",
		Defect: "a oneOf/anyOf of exactly one member (most request bodies), which the generator turns into a union filled through a From method that returns an error",
		Phase:  AfterResolve,
		Apply:  unwrapSingleArmUnions,
	},
	{
		Name:   "shared-inline-response",
		Defect: "several operations declare one success response schema inline, each becoming its own Go type (CreateContact200JSONResponseBody, UpdateContact200JSONResponseBody, ...), so one call's result cannot be held where another's is",
		Phase:  AfterResolve,
		Apply:  shareInlineResponses,
	},
	{
		Name:   "inline-union-request-body",
		Defect: "an inline oneOf/anyOf request body, which the generator turns into a body type that marshals as {}",
		Phase:  AfterResolve,
		Apply:  hoistUnionBodies,
	},
	{
		Name:   "symbol-enum-names",
		Defect: "enum values that are operators (=, !=, !~, ^, $, ...) get constants named after their characters (...OperatorEmpty for !=, ...OperatorN1 for !~)",
		Phase:  AfterResolve,
		Apply:  nameSymbolEnums,
	},
	{
		Name:   "go-name-collision",
		Defect: "two schemas, or a schema and a generated enum constant or wrapper, map to one Go identifier",
		Phase:  AfterResolve,
		Apply:  renameCollisions,
	},
}
