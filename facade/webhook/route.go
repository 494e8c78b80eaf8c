package webhook

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// HandlerFunc processes one verified, parsed, not yet seen notification.
// The context carries Handler's run timeout and is cancelled by Close; it is
// not the request's context, since the handler may outlive the response.
type HandlerFunc func(ctx context.Context, n *Notification) error

// ErrBadPattern is returned by Handle for a pattern it cannot route.
var ErrBadPattern = errors.New("intercom: webhook: bad topic pattern")

// routes maps topic patterns to handlers. Patterns are exact topics
// ("contact.user.created"), families ending in ".*" ("conversation.*",
// "conversation.admin.*"), or "*" for everything else.
type routes map[string]HandlerFunc

func validPattern(p string) error {
	switch {
	case p == "":
		return fmt.Errorf("%w: empty", ErrBadPattern)
	case p == "*":
		return nil
	case strings.Contains(strings.TrimSuffix(p, ".*"), "*"):
		return fmt.Errorf("%w: %q: '*' is allowed only as the last segment", ErrBadPattern, p)
	case strings.HasPrefix(p, ".") || strings.HasSuffix(p, ".") || strings.Contains(p, ".."):
		return fmt.Errorf("%w: %q: empty segment", ErrBadPattern, p)
	}
	return nil
}

// match returns the handler for topic: an exact pattern first, then the
// longest matching family, then "*". Topic segments are dot-separated, so
// "conversation.*" matches "conversation.user.created" but not
// "conversation_part.tag.created".
func (rs routes) match(topic string) HandlerFunc {
	if fn, ok := rs[topic]; ok {
		return fn
	}
	for prefix := topic; ; {
		i := strings.LastIndexByte(prefix, '.')
		if i < 0 {
			break
		}
		prefix = prefix[:i]
		if fn, ok := rs[prefix+".*"]; ok {
			return fn
		}
	}
	return rs["*"]
}
