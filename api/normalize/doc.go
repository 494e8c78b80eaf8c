// Package normalize repairs defects in Intercom's published OpenAPI
// descriptions so that oapi-codegen can compile them into Go that decodes what
// Intercom really sends.
//
// Each repair is a named, generic Rule: it looks for a kind of defect, not for
// a particular version or path, so the same rules apply to every version from
// 2.7 to Preview. Every change a rule makes is recorded in the Log with the
// rule's name and the JSON pointer of the node it touched, so that a
// regenerated package can be reviewed against what was changed upstream.
package normalize
