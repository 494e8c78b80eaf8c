package conformance

// knownFailures lists, per version (as in api/versions.lock; "0" is
// Preview), the operations that do not conform yet and why. The suite fails
// on a failure missing here and on an entry that passes, so the table is
// always the current truth.
var knownFailures = map[string]map[string]string{
	"2.16": {},
	"0":    {},
	"2.14": {},
	"2.11": {},
}
