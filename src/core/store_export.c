/* The reads behind `export summary` and `export speakers`. */
#include "store.h"
#include "store_export.h"
#include "store_json.h"

#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"
#include "rostrum/refdata.h"

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

/* Queue entry q took the floor (is speaking, paused or has spoken). */
#define SQL_TOOK_FLOOR "q.state IN ('speaking','paused','spoken')"
#define SQL_SPEAK_ORDER "q.started_at IS NULL, q.started_at, q.requested_at, q.id"
#define SQL_ITEM_FILTER(col) "(:item = 0 OR " col " = :item)"

/* Balance statistics: per dimension and value (unset -> "unknown"), the
 * people registered and the interventions and seconds of those of them who
 * took the floor (on :item, or anywhere when :item is 0). */
#define SQL_STATS_FLOOR(what)                                                  \
	"(SELECT " what " FROM queue_entry q WHERE q.stakeholder_id = s.id"    \
	" AND " SQL_TOOK_FLOOR " AND " SQL_ITEM_FILTER("q.item_id") ")"
#define SQL_STATS                                                              \
	"dims(dim, ord) AS (VALUES ('sector', 1), ('region', 2), ('gender', 3))," \
	"stats(dim, ord, k, registered, interventions, seconds, present) AS ("          \
	" SELECT d.dim, d.ord, coalesce(nullif(trim(CASE d.dim"                \
	"  WHEN 'sector' THEN s.sector WHEN 'region' THEN s.region"            \
	"  ELSE s.gender END), ''), 'unknown'),"                               \
	" count(*),"                                                           \
	" sum(" SQL_STATS_FLOOR("count(*)") "),"                               \
	" sum(" SQL_STATS_FLOOR("coalesce(sum(" SQL_SECONDS "), 0)") "),"      \
	" sum(s.present != 0)"                                                 \
	" FROM dims d, stakeholder s GROUP BY d.dim, 3)"

/* Outcome o's parties' sectors, each once, in the order of the first party
 * of each (by id); and how many parties. */
#define SQL_OUTCOME_SECTORS                                                    \
	"(SELECT group_concat(sector) FROM (SELECT s.sector, min(p.stakeholder_id) AS f" \
	" FROM outcome_party p JOIN stakeholder s ON s.id = p.stakeholder_id"  \
	" WHERE p.outcome_id = o.id GROUP BY s.sector ORDER BY f)),"           \
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

/* Outcome o's parties as "Name (Organization), Name", in id order. */
#define SQL_OUTCOME_PARTIES                                                    \
	"(SELECT group_concat(who, ', ') FROM (SELECT s.name"                  \
	" || coalesce(' (' || nullif(s.organization, '') || ')', '') AS who"   \
	" FROM outcome_party p JOIN stakeholder s ON s.id = p.stakeholder_id"  \
	" WHERE p.outcome_id = o.id ORDER BY p.stakeholder_id))"

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

/* An ordered subquery of JSON values "j" as one JSON array.  (The JSON
 * subtype does not survive a subquery, hence the json() calls.) */
#define SQL_ARRAY_OPEN "json((SELECT json_group_array(json(j)) FROM ("
#define SQL_ARRAY_CLOSE ")))"
#define SQL_JSON_ARRAY(select) SQL_ARRAY_OPEN select SQL_ARRAY_CLOSE

#define SQL_ITEM_OUTCOMES(key, type)                                           \
	",'$." key "'," SQL_JSON_ARRAY("SELECT " SQL_JSON_OUTCOME " AS j"      \
		" FROM outcome o WHERE o.item_id = a.id AND o.type = '" type "'" \
		" ORDER BY o.id")

#define SQL_STATS_OBJECT(dim)                                                  \
	"json((SELECT json_group_object(k, json(v)) FROM (SELECT k,"           \
	" json_object('registered',registered,'present',present,"             \
	"'interventions',interventions,'seconds',seconds) AS v FROM stats WHERE dim = '" dim "' ORDER BY k)))"

/* The summary document, in pieces joined at run time (ISO C bounds a
 * string literal at 4095 bytes). */
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

/* The summary document, in pieces joined at run time (ISO C bounds a
 * string literal at 4095 bytes). */
static const char *const summary_sql[] = {
	"WITH RECURSIVE " SQL_TREE ",",
	SQL_STATS ",",
	SQL_CROSS_REFERENCE,
	" SELECT json_object("
	"'meeting', json((SELECT " SQL_JSON_MEETING " FROM meeting m)),"
	"'agenda', " SQL_ARRAY_OPEN "SELECT json_set(" SQL_JSON_AGENDA_ITEM,
	",'$.moderator'," SQL_NAMED("a.moderator"),
	",'$.interventions'," SQL_JSON_ARRAY(
		"SELECT json_set(" SQL_JSON_INTERVENTION ", '$.name', " SQL_NAMED("s.name")
		", '$.organization', " SQL_NAMED("s.organization") ") AS j FROM queue_entry q"
		" JOIN stakeholder s ON s.id = q.stakeholder_id"
		" WHERE q.item_id = a.id ORDER BY " SQL_SPEAK_ORDER),
	SQL_ITEM_OUTCOMES("notes", "note"),
	SQL_ITEM_OUTCOMES("recommendations", "recommendation"),
	SQL_ITEM_OUTCOMES("pledges", "pledge"),
	SQL_ITEM_OUTCOMES("next_steps", "next_step"),
	SQL_ITEM_OUTCOMES("responses", "response"),
	") AS j FROM tree t JOIN agenda_item a ON a.id = t.id"
	" WHERE " SQL_ITEM_FILTER("a.id") " ORDER BY t.path" SQL_ARRAY_CLOSE ",",
	"'stakeholders', " SQL_JSON_ARRAY(
		"SELECT json_set(" SQL_JSON_STAKEHOLDER("CASE WHEN :no_contacts THEN NULL ELSE "
							SQL_NAMED("s.email") " END")
		", '$.name', " SQL_NAMED("s.name") ", '$.title', " SQL_NAMED("s.title")
		", '$.organization', " SQL_NAMED("s.organization")
		", '$.country', " SQL_NAMED("s.country") ") AS j FROM stakeholder s ORDER BY s.id") ",",
	"'nominations', " SQL_JSON_ARRAY(
		"SELECT json_set(" SQL_JSON_NOMINATION ", '$.nominee_name', " SQL_NAMED("e.name")
		", '$.nominated_by_name', " SQL_NAMED("r.name")
		", '$.statement', " SQL_NAMED("n.statement") ") AS j FROM nomination n"
		" JOIN stakeholder e ON e.id = n.nominee_id"
		" LEFT JOIN stakeholder r ON r.id = n.nominator_id ORDER BY n.id") ",",
	"'attendance', json(coalesce(:attendance, 'null')),"
	"'statistics', json_object('by_sector', " SQL_STATS_OBJECT("sector") ","
	" 'by_region', " SQL_STATS_OBJECT("region") ","
	" 'by_gender', " SQL_STATS_OBJECT("gender") "),",
	"'cross_reference', " SQL_JSON_ARRAY(
		"SELECT json_object('round_table',rt,'objective',objective,"
		"'title',gcm_title(objective),'type',type,'outcome',outcome,'item',item)"
		" AS j FROM xref ORDER BY " SQL_XREF_ORDER) ",",
	"'themes', " SQL_JSON_ARRAY(
		"SELECT json_object('theme', th.theme, 'outcomes', json(" SQL_THEME_OUTCOMES "))"
		" AS j FROM (SELECT h.theme, min(t.path || printf('/%020d', o.id)) AS k"
		" FROM outcome_theme h JOIN outcome o ON o.id = h.outcome_id"
		" JOIN tree t ON t.id = o.item_id"
		" WHERE o.type IN ('note','recommendation','pledge')"
		" AND " SQL_ITEM_FILTER("o.item_id") " GROUP BY h.theme) th ORDER BY th.k, th.theme") ",",
	"'report', json_object('organise', CASE WHEN :organise = 1 THEN 'theme' ELSE 'item' END,"
	" 'attribution', CASE :attribution WHEN 1 THEN 'sectors' WHEN 2 THEN 'none'"
	" ELSE 'names' END, 'descriptions', " SQL_BOOL(":descriptions") "))",
	NULL,
};

static const char *const speakers_json_sql[] = {
	"WITH RECURSIVE " SQL_TREE
	" SELECT " SQL_JSON_ARRAY(
		"SELECT " SQL_JSON_INTERVENTION " AS j FROM queue_entry q"
		" JOIN stakeholder s ON s.id = q.stakeholder_id"
		" JOIN tree t ON t.id = q.item_id"
		" WHERE " SQL_ITEM_FILTER("q.item_id")
		" ORDER BY t.path, " SQL_SPEAK_ORDER),
	NULL,
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
		"  AND " SQL_ITEM_OWN("x") ")"
		" FROM tree t JOIN agenda_item a ON a.id = t.id"
		" WHERE " SQL_ITEM_FILTER("a.id") " ORDER BY t.path",
	[EXQ_SPEAKERS] =
		"WITH RECURSIVE " SQL_TREE
		" SELECT q.id, q.item_id, a.code, s.name, s.organization, s.sector,"
		" s.region, s.gender, q.kind, q.state, " SQL_ISO("q.requested_at") ","
		" " SQL_ISO("q.started_at") ", " SQL_ISO("q.ended_at") ", " SQL_SECONDS ","
		" a.title, " SQL_ENTRY_PARTICIPATION ", " SQL_ENTRY_LANGUAGE
		" FROM queue_entry q JOIN stakeholder s ON s.id = q.stakeholder_id"
		" JOIN tree t ON t.id = q.item_id JOIN agenda_item a ON a.id = q.item_id"
		" WHERE " SQL_ITEM_FILTER("q.item_id")
		" AND (NOT :floor_only OR " SQL_TOOK_FLOOR ")"
		" AND (NOT :unheard OR q.state IN ('waiting','absent','withdrawn'))"
		" ORDER BY t.path, " SQL_SPEAK_ORDER,
	[EXQ_OUTCOMES] =
		"WITH RECURSIVE " SQL_TREE
		" SELECT o.id, o.text, o.pledge_type,"
		" " SQL_OUTCOME_PARTIES ","
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
		" (SELECT group_concat(name, ', ') FROM (SELECT DISTINCT r.name"
		"  FROM nomination x JOIN stakeholder r ON r.id = x.nominator_id"
		"  WHERE x.nominee_id = n.nominee_id AND x.role = n.role ORDER BY r.name)),"
		" e.sector FROM nomination n JOIN stakeholder e ON e.id = n.nominee_id"
		" GROUP BY n.nominee_id, n.role ORDER BY 4 DESC, e.name, n.nominee_id, n.role",
	[EXQ_CROSS_REFERENCE] =
		"WITH RECURSIVE " SQL_TREE "," SQL_CROSS_REFERENCE
		" SELECT xref.rt, xref.objective, gcm_title(xref.objective), xref.type,"
		" o.text, o.pledge_type, " SQL_OUTCOME_PARTIES ", a.code, a.title, o.id,"
		" " SQL_OUTCOME_SECTORS " FROM xref JOIN outcome o ON o.id = xref.outcome"
		" JOIN agenda_item a ON a.id = xref.item ORDER BY " SQL_XREF_ORDER,
	[EXQ_ATTENDANCE] =
		"WITH p AS (SELECT rs_role_of(sector, role) AS role,"
		" coalesce(nullif(trim(sector), ''), 'unknown') AS sector,"
		" coalesce(nullif(trim(region), ''), 'unknown') AS region,"
		" coalesce(nullif(trim(gender), ''), 'unknown') AS gender,"
		" present <> 0 AS here, present <> 0 AND participation = 'online' AS remote"
		" FROM stakeholder)"
		" SELECT 'role', 1, role, count(*), sum(here), sum(remote) FROM p GROUP BY role"
		" UNION ALL SELECT 'sector', 2, sector, count(*), sum(here), sum(remote) FROM p"
		"  WHERE role = 'stakeholder' GROUP BY sector"
		" UNION ALL SELECT 'region', 3, region, count(*), sum(here), sum(remote) FROM p"
		"  WHERE role = 'stakeholder' GROUP BY region"
		" UNION ALL SELECT 'gender', 4, gender, count(*), sum(here), sum(remote) FROM p"
		"  WHERE role = 'stakeholder' GROUP BY gender"
		" ORDER BY 2, 4 DESC, 3",
	[EXQ_PARTICIPANTS] =
		"SELECT name, organization, sector, present <> 0, participation,"
		" CASE WHEN :no_contacts THEN NULL ELSE email END, rs_role_of(sector, role)"
		" FROM stakeholder ORDER BY sort_key, id",
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

rs_status store_export_json(rs_db *db, store_json_doc d, const store_export_args *a, char **out)
{
	sqlite3_stmt *st;
	rs_status rc = register_gcm(db);
	if (rc == RS_OK)
		rc = prepare_parts(db, &st, d == STORE_JSON_SUMMARY ? summary_sql
								  : speakers_json_sql);
	if (rc)
		return rc;
	bind_args(st, a);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = store_fail(db, "export");
	} else {
		*out = store_col_json(st, 0);
		if (!*out)
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	sqlite3_finalize(st);
	return rc;
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
