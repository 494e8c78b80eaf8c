package conformance

// Why operations fail today. Each names who can fix it.
const (
	// The description's example answer disagrees with its schema in a way
	// the typed response cannot decode, and Prism does not flag the example
	// as breaking its schema (so the driver does not ask for a generated
	// answer instead). internal/examplecheck lists the same example defect.
	exampleVsSchema = "description: the example answer disagrees with the schema (typed decode fails)"
)

// knownFailures lists, per version (as in api/versions.lock; "0" is
// Preview), the operations that do not conform yet and why. The suite fails
// on a failure missing here and on an entry that passes, so the table is
// always the current truth.
var knownFailures = map[string]map[string]string{
	"2.16": {},
	"0": {
		"retrieveConversation": exampleVsSchema + ": conversation_part.id is a number in the example, a string in the schema",
	},
	"2.14": {},
	"2.11": {},
}
