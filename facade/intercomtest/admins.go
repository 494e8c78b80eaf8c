package intercomtest

import (
	"time"

	"github.com/intercom-go/intercom/gen/v2_16"
)

// putAdmin stores a, giving it an id and type when it has none; an admin
// with a known id is replaced.
func (st *store) putAdmin(a v2_16.Admin) v2_16.Admin {
	a.Type = ptr("admin")
	if val(a.Id) == "" {
		a.Id = ptr(st.newID("admin"))
	}
	if a.AwayModeEnabled == nil {
		a.AwayModeEnabled = ptr(false)
	}
	if a.AwayModeReassign == nil {
		a.AwayModeReassign = ptr(false)
	}
	if a.HasInboxSeat == nil {
		a.HasInboxSeat = ptr(true)
	}
	if a.TeamIds == nil {
		a.TeamIds = []int{}
	}
	if old, ok := st.admins[*a.Id]; ok {
		old.v = a
		return a
	}
	st.admins[*a.Id] = &adminRec{seq: st.nextSeq(), v: a}
	return a
}

// putTeam stores t like putAdmin does an admin.
func (st *store) putTeam(t v2_16.Team) v2_16.Team {
	t.Type = ptr("team")
	if val(t.Id) == "" {
		t.Id = ptr(st.newID("team"))
	}
	if t.AdminIds == nil {
		t.AdminIds = []int{}
	}
	if old, ok := st.teams[*t.Id]; ok {
		old.v = t
		return t
	}
	st.teams[*t.Id] = &teamRec{seq: st.nextSeq(), v: t}
	return t
}

// GET /me: the admin the token belongs to, with its workspace.
func (s *Server) identifyAdmin(c *call) (any, error) {
	me := s.st.admins[s.st.me].v
	return v2_16.AdminWithApp{
		Type:             ptr("admin"),
		Id:               me.Id,
		Name:             me.Name,
		Email:            me.Email,
		EmailVerified:    ptr(true),
		JobTitle:         me.JobTitle,
		AwayModeEnabled:  me.AwayModeEnabled,
		AwayModeReassign: me.AwayModeReassign,
		HasInboxSeat:     me.HasInboxSeat,
		TeamIds:          me.TeamIds,
		App: &v2_16.App{
			Type:                 ptr("app"),
			IdCode:               ptr(s.st.appID),
			Name:                 ptr("intercomtest"),
			CreatedAt:            ptr(0),
			IdentityVerification: ptr(false),
			Region:               ptr("US"),
			Timezone:             ptr(timezoneName(s.tz)),
		},
	}, nil
}

// GET /admins
func (s *Server) listAdmins(c *call) (any, error) {
	return v2_16.AdminList{
		Type:   ptr("admin.list"),
		Admins: mapSlice(ordered(s.st.admins), func(r *adminRec) v2_16.Admin { return r.v }),
	}, nil
}

// GET /admins/{id}
func (s *Server) retrieveAdmin(c *call) (any, error) {
	r, ok := s.st.admins[c.param("id")]
	if !ok {
		return nil, errNotFound("Admin")
	}
	return r.v, nil
}

// GET /teams
func (s *Server) listTeams(c *call) (any, error) {
	return v2_16.TeamList{
		Type:  ptr(v2_16.TeamListTypeTeamList),
		Teams: mapSlice(ordered(s.st.teams), func(r *teamRec) v2_16.Team { return r.v }),
	}, nil
}

// GET /teams/{id}
func (s *Server) retrieveTeam(c *call) (any, error) {
	r, ok := s.st.teams[c.param("id")]
	if !ok {
		return nil, errNotFound("Team")
	}
	return r.v, nil
}

// timezoneName is the IANA name GET /me reports for loc.
func timezoneName(loc *time.Location) string {
	if loc == time.UTC {
		return "Etc/UTC"
	}
	return loc.String()
}
