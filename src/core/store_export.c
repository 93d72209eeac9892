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
static const char *const summary_sql[] = {
	"WITH RECURSIVE " SQL_TREE ",",
	SQL_STATS ",",
	SQL_CROSS_REFERENCE,
	" SELECT json_object("
	"'meeting', json((SELECT " SQL_JSON_MEETING " FROM meeting m)),"
	"'agenda', " SQL_ARRAY_OPEN "SELECT json_set(" SQL_JSON_AGENDA_ITEM,
	",'$.interventions'," SQL_JSON_ARRAY(
		"SELECT " SQL_JSON_INTERVENTION " AS j FROM queue_entry q"
		" JOIN stakeholder s ON s.id = q.stakeholder_id"
		" WHERE q.item_id = a.id ORDER BY " SQL_SPEAK_ORDER),
	SQL_ITEM_OUTCOMES("notes", "note"),
	SQL_ITEM_OUTCOMES("recommendations", "recommendation"),
	SQL_ITEM_OUTCOMES("pledges", "pledge"),
	SQL_ITEM_OUTCOMES("next_steps", "next_step"),
	") AS j FROM tree t JOIN agenda_item a ON a.id = t.id"
	" WHERE " SQL_ITEM_FILTER("a.id") " ORDER BY t.path" SQL_ARRAY_CLOSE ",",
	"'stakeholders', " SQL_JSON_ARRAY(
		"SELECT " SQL_JSON_STAKEHOLDER("CASE WHEN :no_contacts THEN NULL ELSE s.email END")
		" AS j FROM stakeholder s ORDER BY s.id") ","
	"'nominations', " SQL_JSON_ARRAY(
		"SELECT " SQL_JSON_NOMINATION " AS j FROM nomination n"
		" JOIN stakeholder e ON e.id = n.nominee_id"
		" LEFT JOIN stakeholder r ON r.id = n.nominator_id ORDER BY n.id") ",",
	"'statistics', json_object('by_sector', " SQL_STATS_OBJECT("sector") ","
	" 'by_region', " SQL_STATS_OBJECT("region") ","
	" 'by_gender', " SQL_STATS_OBJECT("gender") "),",
	"'cross_reference', " SQL_JSON_ARRAY(
		"SELECT json_object('round_table',rt,'objective',objective,"
		"'title',gcm_title(objective),'type',type,'outcome',outcome,'item',item)"
		" AS j FROM xref ORDER BY " SQL_XREF_ORDER) ")",
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
		" (SELECT min(start) FROM agenda_item), (SELECT max(end) FROM agenda_item)"
		" FROM meeting m",
	[EXQ_ITEMS] =
		"WITH RECURSIVE " SQL_TREE
		" SELECT a.id, t.depth, a.code, a.title, a.kind, a.start, a.end,"
		" a.moderator, a.description, a.started_at, a.ended_at"
		" FROM tree t JOIN agenda_item a ON a.id = t.id"
		" WHERE " SQL_ITEM_FILTER("a.id") " ORDER BY t.path",
	[EXQ_SPEAKERS] =
		"WITH RECURSIVE " SQL_TREE
		" SELECT q.id, q.item_id, a.code, s.name, s.organization, s.sector,"
		" s.region, s.gender, q.kind, q.state, " SQL_ISO("q.requested_at") ","
		" " SQL_ISO("q.started_at") ", " SQL_ISO("q.ended_at") ", " SQL_SECONDS ","
		" a.title FROM queue_entry q JOIN stakeholder s ON s.id = q.stakeholder_id"
		" JOIN tree t ON t.id = q.item_id JOIN agenda_item a ON a.id = q.item_id"
		" WHERE " SQL_ITEM_FILTER("q.item_id")
		" AND (NOT :floor_only OR " SQL_TOOK_FLOOR ")"
		" ORDER BY t.path, " SQL_SPEAK_ORDER,
	[EXQ_OUTCOMES] =
		"WITH RECURSIVE " SQL_TREE
		" SELECT o.id, o.text, o.pledge_type,"
		" " SQL_OUTCOME_PARTIES ","
		" (SELECT group_concat(objective, ', ') FROM (SELECT objective"
		"  FROM outcome_gcm WHERE outcome_id = o.id ORDER BY objective)),"
		" a.title FROM outcome o JOIN tree t ON t.id = o.item_id"
		" JOIN agenda_item a ON a.id = o.item_id"
		" WHERE " SQL_ITEM_FILTER("o.item_id") " AND o.type = :type"
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
		"  WHERE x.nominee_id = n.nominee_id AND x.role = n.role ORDER BY r.name))"
		" FROM nomination n JOIN stakeholder e ON e.id = n.nominee_id"
		" GROUP BY n.nominee_id, n.role ORDER BY 4 DESC, e.name, n.nominee_id, n.role",
	[EXQ_CROSS_REFERENCE] =
		"WITH RECURSIVE " SQL_TREE "," SQL_CROSS_REFERENCE
		" SELECT xref.rt, xref.objective, gcm_title(xref.objective), xref.type,"
		" o.text, o.pledge_type, " SQL_OUTCOME_PARTIES ", a.code, a.title, o.id"
		" FROM xref JOIN outcome o ON o.id = xref.outcome"
		" JOIN agenda_item a ON a.id = xref.item ORDER BY " SQL_XREF_ORDER,
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
