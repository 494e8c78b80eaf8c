package intercomtest

import (
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// putAdmin stores a, giving it an id and type when it has none; an admin
// with a known id is replaced.
func (st *store) putAdmin(a v2_16.Admin) v2_16.Admin {
	a.Type = facade.Ptr("admin")
	if a.GetId() == "" {
		a.Id = facade.Ptr(st.newID("admin"))
	}
	if a.AwayModeEnabled == nil {
		a.AwayModeEnabled = facade.Ptr(false)
	}
	if a.AwayModeReassign == nil {
		a.AwayModeReassign = facade.Ptr(false)
	}
	if a.HasInboxSeat == nil {
		a.HasInboxSeat = facade.Ptr(true)
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
	t.Type = facade.Ptr("team")
	if t.GetId() == "" {
		t.Id = facade.Ptr(st.newID("team"))
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
		Type:             facade.Ptr("admin"),
		Id:               me.Id,
		Name:             me.Name,
		Email:            me.Email,
		EmailVerified:    facade.Ptr(true),
		JobTitle:         me.JobTitle,
		AwayModeEnabled:  me.AwayModeEnabled,
		AwayModeReassign: me.AwayModeReassign,
		HasInboxSeat:     me.HasInboxSeat,
		TeamIds:          me.TeamIds,
		App: &v2_16.App{
			Type:                 facade.Ptr("app"),
			IdCode:               facade.Ptr(s.st.appID),
			Name:                 facade.Ptr("intercomtest"),
			CreatedAt:            facade.Ptr(0),
			IdentityVerification: facade.Ptr(false),
			Region:               facade.Ptr("US"),
			Timezone:             facade.Ptr(timezoneName(s.tz)),
		},
	}, nil
}

// GET /admins
func (s *Server) listAdmins(c *call) (any, error) {
	return v2_16.AdminList{
		Type:   facade.Ptr("admin.list"),
		Admins: mapSlice(ordered(s.st.admins), func(r *adminRec) v2_16.Admin { return r.v }),
	}, nil
}

// GET /admins/{id}
func (s *Server) retrieveAdmin(c *call) (any, error) {
	r, err := lookup(s.st.admins, c.param("id"), errAdminNotFound)
	if err != nil {
		return nil, err
	}
	return r.v, nil
}

// GET /teams
func (s *Server) listTeams(c *call) (any, error) {
	return v2_16.TeamList{
		Type:  facade.Ptr(v2_16.TeamListTypeTeamList),
		Teams: mapSlice(ordered(s.st.teams), func(r *teamRec) v2_16.Team { return r.v }),
	}, nil
}

// GET /teams/{id}
func (s *Server) retrieveTeam(c *call) (any, error) {
	r, err := lookup(s.st.teams, c.param("id"), errTeamNotFound)
	if err != nil {
		return nil, err
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
