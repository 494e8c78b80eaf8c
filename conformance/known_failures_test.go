package conformance

// Why operations fail today. Each names who can fix it.
const (
	// The request body schema is an inline oneOf/anyOf, so oapi-codegen
	// declares XxxJSONRequestBody as a defined type of XxxJSONBody (not an
	// alias): the union's MarshalJSON is lost and the typed body always
	// encodes as {}. Fix: a normaliser rule that moves such bodies into
	// components/schemas so the request body type becomes an alias.
	unionBody = "generator: typed union body encodes as {} (XxxJSONRequestBody is a defined type, not an alias, and loses MarshalJSON)"

	// facade.Core.prepare sets Accept: application/json on every request;
	// these operations only answer another media type.
	acceptJSON = "facade: Accept: application/json is forced, but the operation only answers a non-JSON media type"

	// Prism cannot validate a style=form, explode=true object parameter
	// whose schema is a oneOf: the client sends ?user_id=...&type=user as
	// OpenAPI (and Intercom) specify, and Prism still reports filter as
	// missing.
	prismExplodedOneOf = "prism: cannot read an exploded form object parameter whose schema is a oneOf (the request is as specified)"

	// The description's example answer disagrees with its schema in a way
	// the typed response cannot decode; which one is right needs checking
	// against Intercom, then an overlay.
	exampleVsSchema = "description: the example answer disagrees with the schema (typed decode fails)"

	// The description's request example sends locale, which the request
	// schema does not declare, so the typed body cannot carry it.
	undeclaredLocale = "description: create_internal_article_request lacks the locale property its example sends"
)

// knownFailures lists, per version (as in api/versions.lock; "0" is
// Preview), the operations that do not conform yet and why. The suite fails
// on a failure missing here and on an entry that passes, so the table is
// always the current truth.
var knownFailures = map[string]map[string]string{
	"2.16": {
		"CreateContact":                  unionBody,
		"UpdateContact":                  unionBody,
		"manageConversation":             unionBody,
		"createTag":                      unionBody,
		"replyTicket":                    unionBody,
		"showCallTranscript":             acceptJSON,
		"downloadCompletedExportJobData": acceptJSON,
		"lisDataEvents":                  prismExplodedOneOf,
		"listActivityLogs":               exampleVsSchema + ": activity_log.metadata.after is a string in the example, an object in the schema",
		"searchActivityLogs":             exampleVsSchema + ": activity_log.metadata.after is a string in the example, an object in the schema",
		"setAwayAdmin":                   exampleVsSchema + ": admin.away_status_reason_id is a string in the example, an integer in the schema",
		"retrieveConversation":           exampleVsSchema + ": conversation_part.id is a number in the example, a string in the schema",
		"getWhatsAppMessageStatus":       exampleVsSchema + ": ruleset_id is a number in the example, a string in the schema",
		"changeTicketType":               exampleVsSchema + ": ticket.ticket_state is a string in the example, an object in the schema",
		"createInternalArticle":          undeclaredLocale,
	},
	"0": {
		"CreateContact":                  unionBody,
		"UpdateContact":                  unionBody,
		"manageConversation":             unionBody,
		"createTag":                      unionBody,
		"replyTicket":                    unionBody,
		"showCallTranscript":             acceptJSON,
		"downloadCompletedExportJobData": acceptJSON,
		"lisDataEvents":                  prismExplodedOneOf,
		"setAwayAdmin":                   exampleVsSchema + ": admin.away_status_reason_id is a string in the example, an integer in the schema",
		"retrieveConversation":           exampleVsSchema + ": conversation_part.id is a number in the example, a string in the schema",
		"getWhatsAppMessageStatus":       exampleVsSchema + ": ruleset_id is a number in the example, a string in the schema",
		"changeTicketType":               exampleVsSchema + ": ticket.ticket_state is a string in the example, an object in the schema",
		"createInternalArticle":          undeclaredLocale,
	},
	"2.14": {
		"CreateContact":                  unionBody,
		"UpdateContact":                  unionBody,
		"manageConversation":             unionBody,
		"createTag":                      unionBody,
		"replyTicket":                    unionBody,
		"showCallTranscript":             acceptJSON,
		"downloadCompletedExportJobData": acceptJSON,
		"lisDataEvents":                  prismExplodedOneOf,
		"listActivityLogs":               exampleVsSchema + ": activity_log.metadata.after is a string in the example, an object in the schema",
		"setAwayAdmin":                   exampleVsSchema + ": admin.away_status_reason_id is a string in the example, an integer in the schema",
		"retrieveConversation":           exampleVsSchema + ": conversation_part.id is a number in the example, a string in the schema",
		"createInternalArticle":          undeclaredLocale,
	},
	"2.11": {
		"manageConversation": unionBody,
		"createTag":          unionBody,
		"replyTicket":        unionBody,
		"lisDataEvents":      prismExplodedOneOf,
	},
}
