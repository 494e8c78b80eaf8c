package examplecheck

// exceptions lists examples that do not decode into the generated types,
// keyed by "<version> <JSON pointer>", each with the upstream defect behind
// it. In each case the schema agrees with Intercom's API reference and with
// the other versions, so the example is the defect and the types stay. An
// entry must fail to decode: one that decodes again fails the test.
var exceptions = map[string]string{}

func init() {
	except := func(why string, versions []string, pointers ...string) {
		for _, v := range versions {
			for _, p := range pointers {
				exceptions[v+" "+p] = why
			}
		}
	}
	const ok200 = "/responses/200/content/application~1json/examples/"
	except("example sends away_status_reason_id as the string \"12345\"; the admin schema (and its own example 12345) say integer",
		[]string{"2.14", "2.16"}, "/paths/~1admins~1{admin_id}~1away/put"+ok200+"Successful response/value")
	except("example sends away_status_reason_id as the string \"12345\"; the admin schema (and its own example 12345) say integer",
		[]string{"0"}, "/paths/~1admins~1{id}~1away/put"+ok200+"Successful response/value")
	except("example gives conversation part ids as numbers 1..4; conversation_part.id is a string everywhere else",
		[]string{"2.14", "2.16"}, "/paths/~1conversations~1{conversation_id}/get"+ok200+"conversation found/value")
	except("example gives conversation part ids as numbers; conversation_part.id is a string everywhere else",
		[]string{"0"}, "/paths/~1conversations~1{id}/get"+ok200+"conversation found/value",
		"/paths/~1conversations~1{id}/get"+ok200+"email conversation with history found/value")
	except("example gives ruleset_id as a number; whatsapp_message_status_list.ruleset_id is a string",
		[]string{"2.16", "0"}, "/paths/~1messages~1status/get"+ok200+"Successful response/value")
	except("example gives ticket_state as a string, the pre-2.14 shape; ticket.ticket_state is an object since 2.14",
		[]string{"2.16", "0"}, "/paths/~1tickets~1{ticket_id}~1change_type/post"+ok200+"Successful response/value")
}
