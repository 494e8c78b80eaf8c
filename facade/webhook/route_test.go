package webhook

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRouteMatch(t *testing.T) {
	mark := func(name string) HandlerFunc {
		return func(context.Context, *Notification) error { return errors.New(name) }
	}
	rs := routes{
		"conversation.user.created": mark("exact"),
		"conversation.*":            mark("conversation family"),
		"conversation.admin.*":      mark("admin family"),
		"*":                         mark("default"),
	}
	cases := map[string]string{
		"conversation.user.created":     "exact",
		"conversation.user.replied":     "conversation family",
		"conversation.admin.closed":     "admin family",
		"conversation.admin.single.x":   "admin family",
		"conversation_part.tag.created": "default", // not a dot-separated child
		"contact.created":               "default",
		"conversation":                  "default",
	}
	for topic, want := range cases {
		fn := rs.match(topic)
		got := fn(context.Background(), nil).Error()
		assert.Equal(t, want, got, "%s -> %s, want %s", topic, got, want)
	}
	assert.Nil(t, (routes{"contact.*": mark("x")}).match("company.created"), "no default route, yet a handler matched")
}

func TestHandleRejectsBadPatterns(t *testing.T) {
	h, err := NewHandler([]byte("s"))
	require.NoError(t, err)
	ok := func(context.Context, *Notification) error { return nil }
	for _, p := range []string{"", "conv*", "*.created", "conversation.*.created", ".x", "x.", "a..b"} {
		err := h.Handle(p, ok)
		assert.ErrorIs(t, err, ErrBadPattern, "Handle(%q) = %v, want ErrBadPattern", p, err)
	}
	assert.ErrorIs(t, h.Handle("ping", nil), ErrBadPattern, "nil HandlerFunc accepted")
	for _, p := range []string{"*", "ping", "conversation.*", "contact.user.tag.created"} {
		assert.NoError(t, h.Handle(p, ok), "Handle(%q)", p)
	}
}
