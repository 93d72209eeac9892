/* The JSON shape of each object, written once as SQL so that `list --json`,
 * `queue list --json` and `export summary --format json` cannot drift apart
 * (SPEC.md: "the same fields as the matching part of the JSON export").
 * Each macro is an SQL expression over the aliases its comment names; the
 * statement binds :now (epoch seconds) where speaking time is computed. */
#ifndef ROSTRUM_STORE_JSON_H
#define ROSTRUM_STORE_JSON_H

/* Epoch seconds x as ISO 8601 UTC: rs_iso (db.c, the fast way for the
 * integers the meeting stores), else strftime's own. */
#define SQL_ISO(x) "coalesce(rs_iso(" x "), strftime('%Y-%m-%dT%H:%M:%SZ'," x ",'unixepoch'))"

/* Queue entry q's way of taking part and language, its speaker s's where
 * the entry has none of its own (store.h: SQL_FIRST_LANGUAGE); whether
 * someone said the language is q.language_recorded. */
#define SQL_ENTRY_PARTICIPATION "coalesce(q.participation, s.participation)"
#define SQL_ENTRY_LANGUAGE "coalesce(q.language, " SQL_FIRST_LANGUAGE("s.languages") ")"
#define SQL_BOOL(x) "json(CASE WHEN " x " THEN 'true' ELSE 'false' END)"

/* Actual speaking time of queue_entry q at :now; pauses excluded.  A pause
 * still running counts up to paused_at; ended speeches have folded their
 * pauses into paused_seconds. */
#define SQL_SECONDS                                                            \
	"(CASE WHEN q.started_at IS NULL THEN 0 ELSE " SQL_DURATION(             \
	    "coalesce(q.ended_at, q.paused_at, :now) - q.started_at - q.paused_seconds") " END)"

/* Planned HH:MM as ISO 8601 local time on the meeting's date. */
#define SQL_PLANNED(x)                                                         \
	"(CASE WHEN " x " IS NULL THEN NULL"                                   \
	" WHEN (SELECT date FROM meeting) IS NOT NULL"                         \
	" THEN (SELECT date FROM meeting) || 'T' || " x " ELSE " x " END)"

/* How stakeholder s attended the meeting: 'in_room', 'online', or NULL
 * when they did not (the one rule of who attended, for every count and
 * column of the summary report).  Checked in at the desk: as the desk has
 * them.  Else whoever took the floor attended, though the desk never saw
 * them (the programme's speakers, often a walk-in who spoke): as their
 * speeches were made, in the room if any one was ('in_room' sorts before
 * 'online'). */
/* Whether they took the floor is asked of those who did, read once per
 * statement from two small indexes (those who spoke, those holding the
 * floor): a roster of 100,000 read every person's entries from the table,
 * four times over in an export. */
#define SQL_ATTENDED(s)                                                        \
	"(CASE WHEN " s ".present <> 0 THEN " s ".participation"               \
	" WHEN " s ".id IN (SELECT q.stakeholder_id FROM queue_entry q"        \
	"  INDEXED BY queue_entry_spoken WHERE q.state = 'spoken' UNION ALL"    \
	"  SELECT q.stakeholder_id FROM queue_entry q INDEXED BY queue_entry_holding" \
	"  WHERE q.state IN ('speaking', 'paused'))"                           \
	" THEN (SELECT min(coalesce(q.participation, " s ".participation))"    \
	" FROM queue_entry q WHERE q.stakeholder_id = " s ".id AND "           \
	SQL_HEARD_STATE("q") ") END)"

/* stakeholder s; email_expr is "s.email", or "NULL" for --no-contacts.
 * The _AS forms take the expressions a report that names nobody puts in
 * place of the name and the like (the same keys, in the same order). */
#define SQL_JSON_STAKEHOLDER(email_expr)                                       \
	SQL_JSON_STAKEHOLDER_AS("s.name", "s.title", "s.organization", "s.country", email_expr)
#define SQL_JSON_STAKEHOLDER_AS(name, title, org, country, email_expr)         \
	"json_object('id',s.id,'name'," name ",'title'," title ","             \
	"'organization'," org ",'sector',s.sector,'region',s.region,"          \
	"'country'," country ",'gender',s.gender,'email'," email_expr ","      \
	"'accreditation',s.accreditation,'languages',s.languages,"             \
	"'wants_to_speak'," SQL_BOOL("s.wants_to_speak") ","                   \
	"'speak_on',s.speak_on,'registered_at'," SQL_ISO("s.registered_at") "," \
	"'present'," SQL_BOOL("s.present") ","                                 \
	"'checked_in_at'," SQL_ISO("s.checked_in_at") ","                      \
	"'participation',s.participation,'attended'," SQL_ATTENDED("s") ","   \
	"'role',rs_role_of(s.sector,s.role),"                                  \
	"'accreditation_at'," SQL_ISO("s.accreditation_at") ")"

/* agenda_item a, without its interventions and outcomes. */
#define SQL_JSON_AGENDA_ITEM SQL_JSON_AGENDA_ITEM_AS("a.moderator")
#define SQL_JSON_AGENDA_ITEM_AS(moderator)                                     \
	"json_object('id',a.id,'code',a.code,'title',a.title,'kind',a.kind,"   \
	"'start'," SQL_PLANNED("a.start") ",'end'," SQL_PLANNED("a.end") ","   \
	"'parent',a.parent_id,'moderator'," moderator ","                      \
	"'description',a.description,'policy',a.policy,"                      \
	"'started_at'," SQL_ISO("a.started_at") ","                            \
	"'ended_at'," SQL_ISO("a.ended_at") ")"

/* queue_entry q joined to its stakeholder s. */
#define SQL_JSON_INTERVENTION SQL_JSON_INTERVENTION_AS("s.name", "s.organization")
#define SQL_JSON_INTERVENTION_AS(name, org)                                    \
	"json_object('id',q.id,'item',q.item_id,'stakeholder',q.stakeholder_id," \
	"'name'," name ",'organization'," org ",'sector',s.sector,"            \
	"'region',s.region,'gender',s.gender,'kind',q.kind,'state',q.state,"   \
	"'requested_at'," SQL_ISO("q.requested_at") ","                        \
	"'started_at'," SQL_ISO("q.started_at") ","                            \
	"'ended_at'," SQL_ISO("q.ended_at") ","                                \
	"'seconds'," SQL_SECONDS ","                                           \
	"'paused_seconds',q.paused_seconds,'manual_rank',q.manual_rank,"       \
	"'programme_order',q.programme_order,'slot',q.slot,"                   \
	"'reply_to',q.reply_to,"                                               \
	"'state_changed_at'," SQL_ISO("q.state_changed_at") ","                \
	"'participation'," SQL_ENTRY_PARTICIPATION ","                        \
	"'language'," SQL_ENTRY_LANGUAGE ","                                   \
	"'language_recorded'," SQL_BOOL("q.language_recorded") ")"

/* nomination n, nominee e, nominator r (LEFT JOIN). */
#define SQL_JSON_NOMINATION SQL_JSON_NOMINATION_AS("e.name", "r.name", "n.statement")
#define SQL_JSON_NOMINATION_AS(nominee, nominator, statement)                  \
	"json_object('id',n.id,'nominee',n.nominee_id,'nominee_name'," nominee "," \
	"'nominated_by',n.nominator_id,'nominated_by_name'," nominator ","     \
	"'role',n.role,'state',n.state,'statement'," statement ","             \
	"'tally',(SELECT count(DISTINCT x.nominator_id) FROM nomination x"     \
	" WHERE x.nominee_id = n.nominee_id AND x.role = n.role))"

/* outcome o: by (stakeholder ids) and gcm (objectives), both ascending;
 * themes by name; responds_to the outcome a response answers. */
#define SQL_JSON_OUTCOME                                                       \
	"json_object('id',o.id,'type',o.type,'text',o.text,"                   \
	"'pledge_type',o.pledge_type,'responds_to',o.responds_to,"             \
	"'themes',json((SELECT json_group_array(theme) FROM (SELECT"           \
	" theme FROM outcome_theme WHERE outcome_id = o.id ORDER BY theme))),"  \
	"'by',json((SELECT json_group_array(stakeholder_id) FROM (SELECT"      \
	" stakeholder_id FROM outcome_party WHERE outcome_id = o.id"           \
	" ORDER BY " SQL_PARTY_ORDER("") "))),"                                \
	"'gcm',json((SELECT json_group_array(objective) FROM (SELECT"          \
	" objective FROM outcome_gcm WHERE outcome_id = o.id"                  \
	" ORDER BY objective))),"                                              \
	"'created_at'," SQL_ISO("o.created_at") ")"

/* meeting m: the meeting and its own settings. */
#define SQL_JSON_MEETING                                                       \
	"json_object('title',m.title,'date',m.date,'venue',m.venue,"           \
	"'timezone',m.timezone,'policy',m.policy,"                            \
	"'warning_seconds',m.warning_seconds,"                                \
	"'require_accreditation'," SQL_BOOL("m.require_accreditation") ","    \
	"'speaking_times',json((SELECT json_group_object(kind, seconds)"       \
	" FROM (SELECT kind, seconds FROM speaking_time ORDER BY kind))),"     \
	"'current_item',m.current_item_id,'host',m.host,'context',m.context,"  \
	"'purpose',m.purpose,'introduction',m.introduction,'contact',m.contact," \
	"'report_title',m.report_title,'report_subtitle',m.report_subtitle,"   \
	"'links',json((SELECT json_group_array(json_object('label',label,'url',url))" \
	" FROM (SELECT label, url FROM meeting_link ORDER BY position))),"        \
	"'balance',json_object('basis',m.balance_basis,'scope',m.balance_scope," \
	"'max_passed',m.max_passed,'migrants_first'," SQL_BOOL("m.migrants_first") "," \
	"'quotas',json((SELECT json_group_array(json_object('dim',dim,'value',value," \
	"'share',share)) FROM (SELECT * FROM balance_quota ORDER BY dim, value)))," \
	"'seats',json((SELECT json_group_object(role, seats)"                   \
	" FROM (SELECT role, seats FROM role_seats ORDER BY role))),"          \
	"'seat_spread',m.seat_spread))"

/* journal event v. */
#define SQL_JSON_EVENT                                                         \
	"json_object('id',v.id,'at'," SQL_ISO("v.at") ",'user',v.user,"        \
	"'session',v.session,'action',v.action,'object_type',v.object_type,"  \
	"'object_id',v.object_id,'summary',v.summary,'undone_by',v.undone_by)"

#endif
