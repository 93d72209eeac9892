/* The reads behind `export summary` and `export speakers`. */
#include "store.h"
#include "store_export.h"
#include "store_json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/agenda.h"
#include "rostrum/clock.h"
#include "rostrum/refdata.h"
#include "rostrum/text.h"

/* The programme, depth-first: each item's path sorts it after its parent
 * and among its siblings by position (then id).  Depth is capped so a
 * damaged parent chain cannot recurse for ever. */
#define SQL_TREE                                                               \
	"tree(id, depth, path) AS ("                                           \
	" SELECT id, 0, printf('%010d.%010d', position, id) FROM agenda_item"  \
	"  WHERE parent_id IS NULL"                                            \
	" UNION ALL SELECT c.id, t.depth + 1,"                                 \
	"  t.path || '/' || printf('%010d.%010d', c.position, c.id)"           \
	"  FROM agenda_item c JOIN tree t ON c.parent_id = t.id"               \
	"  WHERE t.depth < 32)"

/* The sittings of agenda item x, in order: (k, started_at, ended_at), the
 * times it was opened and closed again (ended_at NULL: open still).  The
 * item's row keeps its first start and its last end, which span whatever
 * ran between when it was reopened; the journal keeps each change of the
 * row, its state before and after: never opened (0), open (1), closed
 * (2).  A sitting opens where the state becomes open, or closed straight
 * from never opened, at the start the row took, or when reopened (the row
 * keeps its first start) at its event's time; it ends where the state
 * becomes closed.  What was undone, and the undos, are left out: the item
 * sat as if they had never been.  A row whose opening the journal lacks
 * (written around it) sits once, from its start to its end. */
#define SQL_SITTING_STATE(j)                                                   \
	"CASE WHEN json_extract(" j ", '$.started_at') IS NULL THEN 0"         \
	" WHEN json_extract(" j ", '$.ended_at') IS NULL THEN 1 ELSE 2 END"
#define SQL_SITTINGS(x)                                                        \
	"SELECT k, min(CASE WHEN opens THEN CASE WHEN was = 0 THEN ns ELSE at END END)" \
	" AS started_at, min(CASE WHEN closes THEN ne END) AS ended_at"        \
	" FROM (SELECT *, sum(opens) OVER (ORDER BY id) AS k"                  \
	" FROM (SELECT *, was <> 1 AND became NOT IN (0, was) AS opens,"       \
	" became = 2 AND was <> 2 AS closes"                                   \
	" FROM (SELECT c.id, e.at, json_extract(c.new, '$.started_at') AS ns," \
	" json_extract(c.new, '$.ended_at') AS ne,"                            \
	" " SQL_SITTING_STATE("c.old") " AS was, " SQL_SITTING_STATE("c.new") " AS became" \
	" FROM change c JOIN event e ON e.id = c.event_id"                     \
	" WHERE c.tbl = 'agenda_item' AND c.row_id = " x                       \
	" AND e.undone_by IS NULL AND e.action <> 'undo')))"                   \
	" WHERE k > 0 GROUP BY k"                                              \
	" UNION ALL SELECT 1, sat.started_at, sat.ended_at FROM agenda_item sat" \
	" WHERE sat.id = " x " AND sat.started_at IS NOT NULL AND NOT EXISTS"  \
	" (SELECT 1 FROM change c WHERE c.tbl = 'agenda_item' AND c.row_id = " x \
	" AND json_extract(c.new, '$.started_at') IS NOT NULL)"

/* Item x's actual seconds: its sittings added up; NULL until it is closed
 * (never opened, or open still). */
#define SQL_ACTUAL_SECONDS(x)                                                  \
	"(SELECT CASE WHEN count(*) > 0 AND count(ended_at) = count(*)"        \
	" THEN sum(" SQL_DURATION("ended_at - started_at") ") END FROM (" SQL_SITTINGS(x) "))"

/* Queue entry q took the floor (is speaking, paused or has spoken). */
#define SQL_TOOK_FLOOR "q.state IN ('speaking','paused','spoken')"
#define SQL_SPEAK_ORDER "q.started_at IS NULL, q.started_at, q.requested_at, q.id"
#define SQL_ITEM_FILTER(col) "(:item = 0 OR " col " = :item)"

/* Balance statistics: per dimension and value (unset -> STORE_EXPORT_UNSET),
 * the people registered and those who attended (SQL_ATTENDED), and the
 * interventions and seconds of those of them who took the floor (on :item,
 * or anywhere when :item is 0).  Sector, region and gender count the
 * stakeholders alone, as the overview's attendance does; "role" counts
 * everyone by the role they came in (rs_role_of: Member States, the UN
 * system, organisers counted apart).  Joins and GROUP BY: the speeches
 * summed per person, the people per kind of person (role, sector, region,
 * gender: a few hundred kinds however many people), then each dimension
 * over the kinds.  (The unary + keeps the speeches read in table order and
 * sorted, not fetched one by one through the per-person index.) */
#define SQL_STATS                                                              \
	"dims(dim, ord) AS (VALUES ('sector', 1), ('region', 2), ('gender', 3)," \
	" ('role', 4)),"                                                       \
	"spoke(id, n, seconds) AS (SELECT q.stakeholder_id, count(*),"         \
	" sum(" SQL_SECONDS ") FROM queue_entry q WHERE " SQL_TOOK_FLOOR       \
	" AND " SQL_ITEM_FILTER("q.item_id") " GROUP BY +q.stakeholder_id),"   \
	"kinds(role, sector, region, gender, registered, n, seconds, present) AS (" \
	" SELECT rs_role_of(s.sector, s.role), s.sector, s.region, s.gender,"  \
	" count(*), sum(coalesce(f.n, 0)), sum(coalesce(f.seconds, 0)),"       \
	" sum(" SQL_ATTENDED("s") " IS NOT NULL) FROM stakeholder s"           \
	" LEFT JOIN spoke f ON f.id = s.id GROUP BY s.role, 2, 3, 4),"         \
	"stats(dim, ord, k, registered, interventions, seconds, present) AS (" \
	" SELECT d.dim, d.ord, coalesce(nullif(trim(CASE d.dim"                \
	"  WHEN 'sector' THEN p.sector WHEN 'region' THEN p.region"            \
	"  WHEN 'gender' THEN p.gender ELSE p.role END), ''), '" STORE_EXPORT_UNSET "')," \
	" sum(p.registered), sum(p.n), sum(p.seconds), sum(p.present)"         \
	" FROM dims d, kinds p WHERE d.dim = 'role' OR p.role = 'stakeholder'" \
	" GROUP BY d.dim, 3)"

/* Outcome o's parties' sectors, each once, in the order of the first party
 * of each (as entered); and how many parties. */
#define SQL_OUTCOME_SECTORS                                                    \
	"(SELECT group_concat(sector) FROM (SELECT s.sector, min(p.ordinal) AS f,"  \
	" min(p.stakeholder_id) AS g"                                          \
	" FROM outcome_party p JOIN stakeholder s ON s.id = p.stakeholder_id"  \
	" WHERE p.outcome_id = o.id GROUP BY s.sector ORDER BY f, g)),"        \
	" (SELECT count(*) FROM outcome_party p WHERE p.outcome_id = o.id)"

/* An item's own content, as the report shows it (export_walk.c): a time,
 * key points, recommendations or pledges, speeches, a moderator where
 * people are named, a description where asked for. */
#define SQL_ITEM_OWN(x)                                                        \
	"(nullif(" x ".start, '') IS NOT NULL OR nullif(" x ".end, '') IS NOT NULL" \
	" OR (:attribution = 0 AND nullif(" x ".moderator, '') IS NOT NULL)"   \
	" OR (:descriptions AND nullif(" x ".description, '') IS NOT NULL)"    \
	" OR EXISTS (SELECT 1 FROM outcome o WHERE o.item_id = " x ".id"       \
	"  AND o.type IN ('note','recommendation','pledge'))"                  \
	" OR EXISTS (SELECT 1 FROM queue_entry q WHERE q.item_id = " x ".id"   \
	"  AND " SQL_TOOK_FLOOR "))"

/* Recommendations and pledges against each GCM objective they are tagged
 * with, grouped by IMRF round table (gcm_round_table and gcm_title are the
 * refdata functions, registered on the connection by register_gcm). */
#define SQL_CROSS_REFERENCE                                                    \
	"xref(rt, objective, type, outcome, item, path) AS ("                  \
	" SELECT gcm_round_table(g.objective), g.objective, o.type, o.id,"     \
	" o.item_id, t.path FROM outcome_gcm g JOIN outcome o ON o.id = g.outcome_id" \
	" JOIN tree t ON t.id = o.item_id"                                     \
	" WHERE o.type IN ('recommendation','pledge') AND " SQL_ITEM_FILTER("o.item_id") ")"
#define SQL_XREF_ORDER \
	"xref.rt, xref.objective, xref.type = 'pledge', xref.path, xref.outcome"

#define SQL_STATS_OBJECT(dim)                                                  \
	"json((SELECT json_group_object(k, json(v)) FROM (SELECT k,"           \
	" json_object('registered',registered,'present',present,"             \
	"'interventions',interventions,'seconds',seconds) AS v FROM stats WHERE dim = '" dim "' ORDER BY k)))"

/* What a report that does not name people (:attribution sectors or none)
 * leaves out of the JSON: every name, title, organization, e-mail and
 * country; the ids and sectors stay. */
#define SQL_NAMED(x) "CASE WHEN :attribution = 0 THEN " x " END"

/* Key points, recommendations and pledges with theme th.theme, as ids. */
#define SQL_THEME_OUTCOMES                                                     \
	"(SELECT json_group_array(id) FROM (SELECT o.id FROM outcome_theme h"  \
	" JOIN outcome o ON o.id = h.outcome_id JOIN tree t ON t.id = o.item_id" \
	" WHERE h.theme = th.theme AND o.type IN ('note','recommendation','pledge')" \
	" AND " SQL_ITEM_FILTER("o.item_id") " ORDER BY t.path, o.id))"

/* ------------------------------------------------------------------ */
/* The JSON documents, streamed.                                       */

/* One member of a document: a key and the JSON of one row (no row: null),
 * or of each row as an array.  An array's rows may own arrays of their own
 * (an agenda item's interventions and outcomes): the row's column 1 is
 * then its id, bound as :of in each of them, and its JSON object is
 * written open, their members after its own.  A document is an object of
 * its members, or, when its one member has no key, that member alone.
 * Each statement is a NULL-terminated list of pieces (ISO C bounds a
 * string literal at 4095 bytes). */
typedef struct json_part {
	const char *key;
	int array;
	const char *const *sql;
	const struct json_part *own; /* each row's members, up to a NULL sql */
} json_part;

#define PIECES(...) ((const char *const[]){__VA_ARGS__, NULL})
#define SQL_OUTCOMES_OF(type)                                                  \
	PIECES("SELECT " SQL_JSON_OUTCOME " FROM outcome o WHERE o.item_id = :of"  \
	       " AND o.type = '" type "' ORDER BY o.id")

static const json_part item_own[] = {
	{"sittings", 1,
	 PIECES("SELECT json_object('started_at'," SQL_ISO("started_at") ",'ended_at',"
		SQL_ISO("ended_at") ") FROM (" SQL_SITTINGS(":of") ") ORDER BY k"),
	 NULL},
	{"actual_seconds", 0, PIECES("SELECT " SQL_ACTUAL_SECONDS(":of")), NULL},
	{"interventions", 1,
	 PIECES("SELECT " SQL_JSON_INTERVENTION_AS(SQL_NAMED("s.name"), SQL_NAMED("s.organization")),
		" FROM queue_entry q"
		" JOIN stakeholder s ON s.id = q.stakeholder_id"
		" WHERE q.item_id = :of ORDER BY " SQL_SPEAK_ORDER),
	 NULL},
	{"notes", 1, SQL_OUTCOMES_OF("note"), NULL},
	{"recommendations", 1, SQL_OUTCOMES_OF("recommendation"), NULL},
	{"pledges", 1, SQL_OUTCOMES_OF("pledge"), NULL},
	{"next_steps", 1, SQL_OUTCOMES_OF("next_step"), NULL},
	{"responses", 1, SQL_OUTCOMES_OF("response"), NULL},
	{NULL, 0, NULL, NULL},
};

static const json_part summary_doc[] = {
	{"meeting", 0, PIECES("SELECT " SQL_JSON_MEETING " FROM meeting m"), NULL},
	{"agenda", 1,
	 PIECES("WITH RECURSIVE " SQL_TREE " SELECT " SQL_JSON_AGENDA_ITEM_AS(SQL_NAMED("a.moderator")),
		", a.id"
		" FROM tree t JOIN agenda_item a ON a.id = t.id"
		" WHERE " SQL_ITEM_FILTER("a.id") " ORDER BY t.path"),
	 item_own},
	/* The form's requests that named no item: on no item's report. */
	{"requests_on_no_item", 1,
	 PIECES("SELECT json_object('stakeholder',s.id,'name'," SQL_NAMED("s.name") ","
		"'organization'," SQL_NAMED("s.organization") ",'sector',s.sector,"
		"'region',s.region,'gender',s.gender,'kind','floor','state','waiting',"
		"'requested_at'," SQL_ISO("s.registered_at") ")"
		SQL_UNPLACED_FROM " AND :item = 0" SQL_UNPLACED_ORDER),
	 NULL},
	{"stakeholders", 1,
	 PIECES("SELECT " SQL_JSON_STAKEHOLDER_AS(SQL_NAMED("s.name"), SQL_NAMED("s.title"),
						  SQL_NAMED("s.organization"), SQL_NAMED("s.country"),
						  "CASE WHEN :no_contacts THEN NULL ELSE "
						  SQL_NAMED("s.email") " END"),
		" FROM stakeholder s ORDER BY s.id"),
	 NULL},
	{"nominations", 1,
	 PIECES("SELECT " SQL_JSON_NOMINATION_AS(SQL_NAMED("e.name"), SQL_NAMED("r.name"),
						 SQL_NAMED("n.statement")),
		" FROM nomination n"
		" JOIN stakeholder e ON e.id = n.nominee_id"
		" LEFT JOIN stakeholder r ON r.id = n.nominator_id ORDER BY n.id"),
	 NULL},
	{"attendance", 0, PIECES("SELECT json(coalesce(:attendance, 'null'))"), NULL},
	{"statistics", 0,
	 PIECES("WITH " SQL_STATS " SELECT json_object('by_sector', " SQL_STATS_OBJECT("sector")
		", 'by_region', " SQL_STATS_OBJECT("region") ",",
		" 'by_gender', " SQL_STATS_OBJECT("gender") ", 'by_role', " SQL_STATS_OBJECT("role") ")"),
	 NULL},
	{"cross_reference", 1,
	 PIECES("WITH RECURSIVE " SQL_TREE "," SQL_CROSS_REFERENCE
		" SELECT json_object('round_table',rt,'objective',objective,"
		"'title',gcm_title(objective),'type',type,'outcome',outcome,'item',item)"
		" FROM xref ORDER BY " SQL_XREF_ORDER),
	 NULL},
	{"themes", 1,
	 PIECES("WITH RECURSIVE " SQL_TREE
		" SELECT json_object('theme', th.theme, 'outcomes', json(" SQL_THEME_OUTCOMES "))"
		" FROM (SELECT h.theme, min(t.path || printf('/%020d', o.id)) AS k"
		" FROM outcome_theme h JOIN outcome o ON o.id = h.outcome_id"
		" JOIN tree t ON t.id = o.item_id"
		" WHERE o.type IN ('note','recommendation','pledge')"
		" AND " SQL_ITEM_FILTER("o.item_id") " GROUP BY h.theme) th ORDER BY th.k, th.theme"),
	 NULL},
	{"report", 0,
	 PIECES("SELECT json_object('organise', CASE WHEN :organise = 1 THEN 'theme' ELSE 'item' END,"
		" 'attribution', CASE :attribution WHEN 1 THEN 'sectors' WHEN 2 THEN 'none'"
		" ELSE 'names' END, 'descriptions', " SQL_BOOL(":descriptions") ","
		" 'item', nullif(:item, 0))"),
	 NULL},
	{NULL, 0, NULL, NULL},
};

static const json_part speakers_doc[] = {
	{NULL, 1,
	 PIECES("WITH RECURSIVE " SQL_TREE " SELECT " SQL_JSON_INTERVENTION " FROM queue_entry q"
		" JOIN stakeholder s ON s.id = q.stakeholder_id JOIN tree t ON t.id = q.item_id"
		" WHERE " SQL_ITEM_FILTER("q.item_id") " ORDER BY t.path, " SQL_SPEAK_ORDER),
	 NULL},
	{NULL, 0, NULL, NULL},
};

static const char *const cursor_sql[] = {
	[EXQ_MEETING] =
		"SELECT m.title, m.date, m.venue, m.timezone,"
		" (SELECT min(start) FROM agenda_item), (SELECT max(end) FROM agenda_item),"
		" m.host, m.context, m.purpose, m.introduction, m.contact, m.report_title,"
		" m.report_subtitle FROM meeting m",
	[EXQ_LINKS] = "SELECT label, url FROM meeting_link ORDER BY position",
	[EXQ_THEMES] =
		"WITH RECURSIVE " SQL_TREE
		" SELECT h.theme FROM outcome_theme h JOIN outcome o ON o.id = h.outcome_id"
		" JOIN tree t ON t.id = o.item_id"
		" WHERE o.type IN ('note','recommendation','pledge')"
		" AND " SQL_ITEM_FILTER("o.item_id")
		" GROUP BY h.theme ORDER BY min(t.path || printf('/%020d', o.id)), h.theme",
	[EXQ_ITEMS] =
		"WITH RECURSIVE " SQL_TREE
		" SELECT a.id, t.depth, a.code, a.title, a.kind, a.start, a.end,"
		" a.moderator, a.description, a.started_at, a.ended_at,"
		" EXISTS (SELECT 1 FROM tree d JOIN agenda_item x ON x.id = d.id"
		"  WHERE (d.id = t.id OR substr(d.path, 1, length(t.path) + 1) = t.path || '/')"
		"  AND " SQL_ITEM_OWN("x") "),"
		" " SQL_ACTUAL_SECONDS("a.id")
		" FROM tree t JOIN agenda_item a ON a.id = t.id"
		" WHERE " SQL_ITEM_FILTER("a.id") " ORDER BY t.path",
	[EXQ_SPEAKERS] =
		"WITH RECURSIVE " SQL_TREE
		" SELECT q.id, q.item_id, a.code, s.name, s.organization, s.sector,"
		" s.region, s.gender, q.kind, q.state, " SQL_ISO("q.requested_at") ","
		" " SQL_ISO("q.started_at") ", " SQL_ISO("q.ended_at") ", " SQL_SECONDS ","
		" a.title, " SQL_ENTRY_PARTICIPATION ", " SQL_ENTRY_LANGUAGE ","
		" rs_role_of(s.sector, s.role), q.slot, s.title, q.language_recorded, q.stakeholder_id"
		" FROM queue_entry q JOIN stakeholder s ON s.id = q.stakeholder_id"
		" JOIN tree t ON t.id = q.item_id JOIN agenda_item a ON a.id = q.item_id"
		" WHERE " SQL_ITEM_FILTER("q.item_id")
		" AND (NOT :floor_only OR " SQL_TOOK_FLOOR ")"
		" AND (NOT :unheard OR q.state IN ('waiting','absent','withdrawn'))"
		" ORDER BY t.path, " SQL_SPEAK_ORDER,
	/* EXQ_SPEAKERS's columns, of requests that are on no item's list. */
	[EXQ_UNPLACED] =
		"SELECT NULL, NULL, NULL, s.name, s.organization, s.sector, s.region,"
		" s.gender, 'floor', 'waiting', " SQL_ISO("s.registered_at") ", NULL, NULL, 0,"
		" NULL, s.participation, " SQL_FIRST_LANGUAGE("s.languages") ","
		" rs_role_of(s.sector, s.role), NULL, NULL, 0" SQL_UNPLACED_FROM SQL_UNPLACED_ORDER,
	[EXQ_OUTCOMES] =
		"WITH RECURSIVE " SQL_TREE
		" SELECT o.id, o.text, o.pledge_type,"
		" (SELECT group_concat(objective, ', ') FROM (SELECT objective"
		"  FROM outcome_gcm WHERE outcome_id = o.id ORDER BY objective)),"
		" a.title, " SQL_OUTCOME_SECTORS
		" FROM outcome o JOIN tree t ON t.id = o.item_id"
		" JOIN agenda_item a ON a.id = o.item_id"
		" WHERE " SQL_ITEM_FILTER("o.item_id") " AND o.type = :type"
		" AND (:outcome = 0 OR o.responds_to = :outcome)"
		" AND (:theme IS NULL OR CASE WHEN :theme = ''"
		"  THEN NOT EXISTS (SELECT 1 FROM outcome_theme h WHERE h.outcome_id = o.id)"
		"  ELSE EXISTS (SELECT 1 FROM outcome_theme h WHERE h.outcome_id = o.id"
		"   AND h.theme = :theme) END)"
		" ORDER BY t.path, o.id",
	/* A nominee's state across nominations: the furthest one reached. */
	[EXQ_NOMINATIONS] =
		"SELECT e.name, e.organization, n.role, count(DISTINCT n.nominator_id),"
		" CASE max(CASE n.state WHEN 'selected' THEN 5 WHEN 'not_selected' THEN 4"
		"  WHEN 'accepted' THEN 3 WHEN 'declined' THEN 2 ELSE 1 END)"
		"  WHEN 5 THEN 'selected' WHEN 4 THEN 'not_selected' WHEN 3 THEN 'accepted'"
		"  WHEN 2 THEN 'declined' ELSE 'nominated' END,"
		" (SELECT group_concat(who, ', ') FROM (SELECT r.name"
		"  || CASE WHEN EXISTS (SELECT 1 FROM stakeholder z"
		"   WHERE z.name = r.name COLLATE NOCASE AND z.id <> r.id)"
		"   THEN coalesce(' (' || nullif(r.organization, '') || ')', '') ELSE '' END"
		"  AS who FROM nomination x JOIN stakeholder r ON r.id = x.nominator_id"
		"  WHERE x.nominee_id = n.nominee_id AND x.role = n.role"
		"  ORDER BY r.sort_key, r.name, r.id)),"
		" e.sector, rs_role_of(e.sector, e.role), e.title"
		" FROM nomination n JOIN stakeholder e ON e.id = n.nominee_id"
		" GROUP BY n.nominee_id, n.role ORDER BY 4 DESC, e.name, n.nominee_id, n.role",
	[EXQ_PARTIES] =
		"SELECT s.name, s.organization, s.sector, rs_role_of(s.sector, s.role), s.title"
		" FROM outcome_party p JOIN stakeholder s ON s.id = p.stakeholder_id"
		" WHERE p.outcome_id = :outcome ORDER BY " SQL_PARTY_ORDER("p."),
	[EXQ_LANGUAGES] = "SELECT count(*) FROM queue_entry q WHERE " SQL_TOOK_FLOOR
			  " AND q.language_recorded AND " SQL_ITEM_FILTER("q.item_id"),
	[EXQ_POINTS] = "SELECT count(*) FROM queue_entry q WHERE " SQL_TOOK_FLOOR
		       " AND q.kind = 'point_of_order' AND " SQL_ITEM_FILTER("q.item_id"),
	[EXQ_SELECTED] =
		"SELECT e.name, e.organization, n.role, count(DISTINCT n.nominator_id), 'selected',"
		" NULL, e.sector, rs_role_of(e.sector, e.role), e.title,"
		" count(*) OVER (PARTITION BY n.role),"
		" row_number() OVER (PARTITION BY n.role"
		"  ORDER BY count(DISTINCT n.nominator_id) DESC, e.name, n.nominee_id),"
		" count(*) OVER ()"
		" FROM nomination n JOIN stakeholder e ON e.id = n.nominee_id"
		" GROUP BY n.nominee_id, n.role HAVING max(n.state = 'selected')"
		" ORDER BY max(count(DISTINCT n.nominator_id)) OVER (PARTITION BY n.role) DESC,"
		" n.role, 4 DESC, e.name, n.nominee_id",
	[EXQ_CROSS_REFERENCE] =
		"WITH RECURSIVE " SQL_TREE "," SQL_CROSS_REFERENCE
		" SELECT xref.rt, xref.objective, gcm_title(xref.objective), xref.type,"
		" o.text, o.pledge_type, a.code, a.title, o.id,"
		" " SQL_OUTCOME_SECTORS " FROM xref JOIN outcome o ON o.id = xref.outcome"
		" JOIN agenda_item a ON a.id = xref.item ORDER BY " SQL_XREF_ORDER,
	/* The people counted once per kind (a few hundred kinds however many
	 * people: one sort of the roster, not four), then each dimension over
	 * the kinds.  On one item (:item), those who took the floor on it, as
	 * their speeches on it were made (in the room if any one was). */
	[EXQ_ATTENDANCE] =
		"WITH k AS (SELECT sector, role, region, gender, a IS NOT NULL AS here,"
		" a IS 'online' AS remote, present <> 0 AS desk, count(*) AS n"
		" FROM (SELECT sector, role, region, gender, present, " SQL_ATTENDED("s") " AS a"
		" FROM stakeholder s WHERE :item = 0"
		" UNION ALL SELECT s.sector, s.role, s.region, s.gender, s.present,"
		" min(" SQL_ENTRY_PARTICIPATION ") FROM queue_entry q"
		" JOIN stakeholder s ON s.id = q.stakeholder_id"
		" WHERE q.item_id = :item AND " SQL_TOOK_FLOOR " GROUP BY s.id)"
		" GROUP BY 1, 2, 3, 4, 5, 6, 7),"
		" p AS MATERIALIZED (SELECT rs_role_of(sector, role) AS role,"
		" coalesce(nullif(trim(sector), ''), '" STORE_EXPORT_UNSET "') AS sector,"
		" coalesce(nullif(trim(region), ''), '" STORE_EXPORT_UNSET "') AS region,"
		" coalesce(nullif(trim(gender), ''), '" STORE_EXPORT_UNSET "') AS gender,"
		" n, here * n AS here, remote * n AS remote, desk * n AS desk FROM k)"
		" SELECT 'role', 1, role, sum(n), sum(here), sum(remote), sum(desk) FROM p"
		"  GROUP BY role"
		" UNION ALL SELECT 'sector', 2, sector, sum(n), sum(here), sum(remote), sum(desk)"
		"  FROM p WHERE role = 'stakeholder' GROUP BY sector"
		" UNION ALL SELECT 'region', 3, region, sum(n), sum(here), sum(remote), sum(desk)"
		"  FROM p WHERE role = 'stakeholder' GROUP BY region"
		" UNION ALL SELECT 'gender', 4, gender, sum(n), sum(here), sum(remote), sum(desk)"
		"  FROM p WHERE role = 'stakeholder' GROUP BY gender"
		" ORDER BY 2, 4 DESC, 3",
	[EXQ_PARTICIPANTS] =
		/* SQL_ATTENDED twice rather than a subquery of every column,
		 * which was sorted whole (the roster's order is an index). */
		"SELECT s.name, s.organization, s.sector, " SQL_ATTENDED("s") " IS NOT NULL,"
		" " SQL_ATTENDED("s") ", CASE WHEN :no_contacts THEN NULL ELSE s.email END,"
		" rs_role_of(s.sector, s.role), s.title FROM stakeholder s"
		" WHERE NOT :attended OR " SQL_ATTENDED("s") " IS NOT NULL"
		" ORDER BY s.sort_key, s.id",
	[EXQ_STATS] =
		"WITH " SQL_STATS
		" SELECT dim, k, registered, interventions, seconds, present FROM stats"
		" ORDER BY ord, registered DESC, k",
};

struct store_cursor {
	rs_db *db;
	sqlite3_stmt *st;
};

/* Binds each named parameter the statement uses. */
static void bind_args(sqlite3_stmt *st, const store_export_args *a)
{
	static const store_export_args none = {0};
	int i;
	if (!a)
		a = &none;
	if ((i = sqlite3_bind_parameter_index(st, ":now")) > 0)
		sqlite3_bind_int64(st, i, rs_now());
	if ((i = sqlite3_bind_parameter_index(st, ":item")) > 0)
		sqlite3_bind_int64(st, i, a->item);
	if ((i = sqlite3_bind_parameter_index(st, ":floor_only")) > 0)
		sqlite3_bind_int(st, i, a->floor_only);
	if ((i = sqlite3_bind_parameter_index(st, ":no_contacts")) > 0)
		sqlite3_bind_int(st, i, a->no_contacts);
	if ((i = sqlite3_bind_parameter_index(st, ":type")) > 0)
		store_bind_text(st, i, a->type, 0);
	if ((i = sqlite3_bind_parameter_index(st, ":theme")) > 0)
		store_bind_text(st, i, a->theme, 0);
	if ((i = sqlite3_bind_parameter_index(st, ":attendance")) > 0)
		store_bind_text(st, i, a->attendance, 0);
	const int64_t ints[][2] = {{sqlite3_bind_parameter_index(st, ":unheard"), a->unheard},
				   {sqlite3_bind_parameter_index(st, ":attended"), a->attended},
				   {sqlite3_bind_parameter_index(st, ":outcome"), a->outcome},
				   {sqlite3_bind_parameter_index(st, ":attribution"), a->attribution},
				   {sqlite3_bind_parameter_index(st, ":descriptions"), a->descriptions},
				   {sqlite3_bind_parameter_index(st, ":organise"), a->organise}};
	for (size_t k = 0; k < sizeof ints / sizeof ints[0]; k++)
		if (ints[k][0] > 0)
			sqlite3_bind_int64(st, (int)ints[k][0], ints[k][1]);
}

static void sql_gcm_round_table(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int(cx, rs_gcm_round_table(sqlite3_value_int(argv[0])));
}

static void sql_gcm_title(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_text(cx, rs_gcm_title(sqlite3_value_int(argv[0])), -1, SQLITE_STATIC);
}

/* The GCM reference data as SQL functions, so that the cross-reference is
 * ordered and shaped by SQLite like the rest of the export while the
 * clusters and titles stay written once, in refdata.c.  Once per
 * connection: SQLite refuses to replace a function while a statement (an
 * outer cursor) is active. */
static rs_status register_gcm(rs_db *db)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
	if (db->gcm_functions)
		return RS_OK;
	if (sqlite3_create_function(db->h, "gcm_round_table", 1, flags, NULL,
				    sql_gcm_round_table, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db->h, "gcm_title", 1, flags, NULL, sql_gcm_title, NULL,
				    NULL) != SQLITE_OK)
		return store_fail(db, "export");
	db->gcm_functions = 1;
	return RS_OK;
}

/* Prepares the statement whose text is the NULL-terminated parts joined. */
static rs_status prepare_parts(rs_db *db, sqlite3_stmt **st, const char *const *parts)
{
	size_t len = 1;
	for (size_t i = 0; parts[i]; i++)
		len += strlen(parts[i]);
	char *sql = malloc(len), *p = sql;
	if (!sql)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	for (size_t i = 0; parts[i]; i++)
		p = stpcpy(p, parts[i]);
	rs_status rc = store_prepare(db, st, sql);
	free(sql);
	return rc;
}

/* Where a document goes: every piece of JSON from SQLite made inert on the
 * way (rs_json_inert_write); the first failed write stops it. */
typedef struct {
	rs_db *db;
	const store_export_args *a;
	FILE *out;
	int failed;
} json_writer;

static void put(json_writer *w, const char *text)
{
	w->failed = w->failed || fputs(text, w->out) == EOF;
}

static void put_json(json_writer *w, const char *json, size_t len)
{
	w->failed = w->failed || rs_json_inert_write(w->out, json, len) != 0;
}

static rs_status prepare_part(json_writer *w, const json_part *p, sqlite3_stmt **st)
{
	rs_status rc = prepare_parts(w->db, st, p->sql);
	if (rc == RS_OK)
		bind_args(*st, w->a);
	return rc;
}

static rs_status write_part(json_writer *w, const json_part *p, sqlite3_stmt *st);

/* The members a row owns, after its own, bound to its id; then the row's
 * closing brace. */
static rs_status write_own(json_writer *w, const json_part *own, sqlite3_stmt **sts,
			   int64_t id)
{
	rs_status rc = RS_OK;
	for (size_t i = 0; rc == RS_OK && own[i].sql && !w->failed; i++) {
		sqlite3_reset(sts[i]);
		sqlite3_bind_int64(sts[i], sqlite3_bind_parameter_index(sts[i], ":of"), id);
		put(w, ",\"");
		put(w, own[i].key);
		put(w, "\":");
		rc = write_part(w, &own[i], sts[i]);
	}
	put(w, "}");
	return rc;
}

/* One member's value: a row's JSON or null, or the rows' as an array
 * (with what each owns).  st is prepared and bound; the caller finalizes
 * it. */
static rs_status write_part(json_writer *w, const json_part *p, sqlite3_stmt *st)
{
	sqlite3_stmt *own[8] = {0};
	rs_status rc = RS_OK;
	for (size_t i = 0; rc == RS_OK && p->own && p->own[i].sql; i++)
		rc = prepare_part(w, &p->own[i], &own[i]);
	int r = SQLITE_DONE, n = 0;
	if (p->array)
		put(w, "[");
	while (rc == RS_OK && !w->failed && (r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *json = (const char *)sqlite3_column_text(st, 0);
		size_t len = json ? (size_t)sqlite3_column_bytes(st, 0) : 0;
		if (n++)
			put(w, ",");
		if (!json)
			put(w, "null");
		else /* with its own members, the object stays open for them */
			put_json(w, json, p->own && len && json[len - 1] == '}' ? len - 1 : len);
		if (p->own)
			rc = write_own(w, p->own, own, sqlite3_column_int64(st, 1));
		progress_add(w->db, 1);
		if (!p->array)
			break;
	}
	if (rc == RS_OK && !w->failed && r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_fail(w->db, "export");
	if (!p->array && n == 0)
		put(w, "null");
	if (p->array)
		put(w, "]");
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
		sqlite3_finalize(own[i]);
	return rc;
}

rs_status store_export_json(rs_db *db, store_json_doc d, const store_export_args *a, FILE *out)
{
	const json_part *doc = d == STORE_JSON_SUMMARY ? summary_doc : speakers_doc;
	json_writer w = {db, a, out, 0};
	rs_status rc = register_gcm(db);
	if (rc == RS_OK && doc[0].key)
		put(&w, "{");
	for (size_t i = 0; rc == RS_OK && doc[i].sql && !w.failed; i++) {
		sqlite3_stmt *st;
		if (doc[i].key) {
			put(&w, i ? ",\"" : "\"");
			put(&w, doc[i].key);
			put(&w, "\":");
		}
		rc = prepare_part(&w, &doc[i], &st);
		if (rc == RS_OK) {
			rc = write_part(&w, &doc[i], st);
			sqlite3_finalize(st);
		}
	}
	if (rc == RS_OK && doc[0].key)
		put(&w, "}");
	if (rc == RS_OK && w.failed)
		rc = rs_fail(RS_ERR_RUNTIME, "write failed: %s", strerror(errno));
	return rc;
}

rs_status rs_agenda_sittings(rs_db *db, int64_t id, rs_sitting **v, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	*v = NULL;
	*n = 0;
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT started_at, coalesce(ended_at, -1) FROM ("
					  SQL_SITTINGS("?1") ") ORDER BY k");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		rs_sitting *p = store_room(*v, *n, &cap, sizeof *p);
		if (!p) {
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
			break;
		}
		*v = p;
		p[*n].started_at = sqlite3_column_int64(st, 0);
		p[(*n)++].ended_at = sqlite3_column_int64(st, 1);
	}
	if (rc == RS_OK && r != SQLITE_DONE)
		rc = store_fail(db, "read the item's sittings");
	store_release(db, st);
	if (rc) {
		free(*v);
		*v = NULL;
		*n = 0;
	}
	return rc;
}

/* A streamed export reads most pages about once: a page cache of 1 MiB
 * (SQLite's default is 2) serves it as fast, and its sorts, which SQLite
 * keeps in memory up to the cache's size, spill sooner, so the whole
 * export stays in a few MiB whatever the meeting's size. */
#define EXPORT_CACHE_KIB 1024

rs_status store_export_begin(rs_db *db, int64_t *rows, int64_t *cache)
{
	rs_status rc = store_cache_set(db, EXPORT_CACHE_KIB, cache);
	/* Its sorts spill to a temporary file, not memory (the connection
	 * keeps small temporary tables in memory otherwise). */
	if (rc == RS_OK)
		rc = store_write(db, "PRAGMA temp_store = FILE", "export", NULL, 0);
	if (rc == RS_OK)
		rc = store_int_query(db, "SELECT (SELECT count(*) FROM stakeholder)"
				     " + (SELECT count(*) FROM queue_entry)"
				     " + (SELECT count(*) FROM outcome) + (SELECT count(*) FROM nomination)"
				     " + (SELECT count(*) FROM agenda_item)", 0, rows);
	return rc;
}

void store_export_end(rs_db *db, int64_t cache)
{
	store_cache_restore(db, cache);
	store_write(db, "PRAGMA temp_store = MEMORY", "export", NULL, 0);
}

rs_status store_cursor_open(rs_db *db, store_export_query q, const store_export_args *a,
			    store_cursor **out)
{
	store_cursor *c = calloc(1, sizeof *c);
	if (!c)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	rs_status rc = register_gcm(db);
	if (rc == RS_OK)
		rc = store_prepare(db, &c->st, cursor_sql[q]);
	if (rc) {
		free(c);
		return rc;
	}
	bind_args(c->st, a);
	c->db = db;
	*out = c;
	return RS_OK;
}

int store_cursor_next(store_cursor *c)
{
	int r = sqlite3_step(c->st);
	if (r == SQLITE_ROW)
		return 1;
	if (r == SQLITE_DONE)
		return 0;
	store_fail(c->db, "export");
	return -1;
}

const char *store_cursor_text(store_cursor *c, int col)
{
	return (const char *)sqlite3_column_text(c->st, col);
}

int64_t store_cursor_int(store_cursor *c, int col)
{
	return sqlite3_column_int64(c->st, col);
}

void store_cursor_close(store_cursor *c)
{
	if (!c)
		return;
	sqlite3_finalize(c->st);
	free(c);
}
