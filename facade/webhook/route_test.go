package webhook

import (
	"context"
	"errors"
	"testing"
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
		if got := fn(context.Background(), nil).Error(); got != want {
			t.Errorf("%s -> %s, want %s", topic, got, want)
		}
	}
	if fn := (routes{"contact.*": mark("x")}).match("company.created"); fn != nil {
		t.Error("no default route, yet a handler matched")
	}
}

func TestHandleRejectsBadPatterns(t *testing.T) {
	h, err := NewHandler([]byte("s"))
	if err != nil {
		t.Fatal(err)
	}
	ok := func(context.Context, *Notification) error { return nil }
	for _, p := range []string{"", "conv*", "*.created", "conversation.*.created", ".x", "x.", "a..b"} {
		if err := h.Handle(p, ok); !errors.Is(err, ErrBadPattern) {
			t.Errorf("Handle(%q) = %v, want ErrBadPattern", p, err)
		}
	}
	if err := h.Handle("ping", nil); !errors.Is(err, ErrBadPattern) {
		t.Errorf("nil HandlerFunc accepted: %v", err)
	}
	for _, p := range []string{"*", "ping", "conversation.*", "contact.user.tag.created"} {
		if err := h.Handle(p, ok); err != nil {
			t.Errorf("Handle(%q) = %v", p, err)
		}
	}
}
