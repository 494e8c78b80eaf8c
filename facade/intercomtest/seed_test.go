package intercomtest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// The seeding helpers refuse unknown ids with errors that carry the
// module's one prefix, "intercom: ".
func TestSeedErrors(t *testing.T) {
	srv := New(t)
	ct := srv.AddContact(v2_16.Contact{Email: facade.Ptr("s@example.com")})
	tag := srv.AddTag(v2_16.Tag{Name: facade.Ptr("t")})
	_, noteErr := srv.AddNote(v2_16.Note{Contact: &v2_16.Note_Contact{Id: facade.Ptr("ghost")}})
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"note for an unknown contact", noteErr, "intercom: note for unknown contact"},
		{"tag an unknown contact", srv.TagContact("ghost", *tag.Id), `intercom: unknown contact "ghost"`},
		{"tag a contact with an unknown tag", srv.TagContact(*ct.Id, "ghost"), `intercom: unknown tag "ghost"`},
		{"tag an unknown conversation", srv.TagConversation("ghost", *tag.Id), `intercom: unknown conversation "ghost"`},
		{"attach an unknown contact", srv.AttachContact("ghost", "co"), `intercom: unknown contact "ghost"`},
		{"attach to an unknown company", srv.AttachContact(*ct.Id, "ghost"), `intercom: unknown company "ghost"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Error(t, tc.err)
			assert.Equal(t, tc.want, tc.err.Error())
		})
	}
}
