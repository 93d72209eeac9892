/* The SQL of the programme: inserting items and reading them in order. */
#include "store.h"
#include "storage.h"
#include "store_json.h"

#include <stdlib.h>
#include <string.h>

/* Every item with its depth and a path that sorts depth-first: each
 * level's position zero-padded, so parents come before their children and
 * siblings follow their positions. */
#define SQL_AGENDA_TREE                                                        \
	"WITH RECURSIVE tree(id, depth, path) AS ("                            \
	" SELECT id, 0, printf('%010d', position) FROM agenda_item"            \
	"  WHERE parent_id IS NULL"                                            \
	" UNION ALL SELECT a.id, t.depth + 1,"                                 \
	"  t.path || '/' || printf('%010d', a.position)"                       \
	"  FROM agenda_item a JOIN tree t ON a.parent_id = t.id) "

/* The columns read_item takes, in its order, over tree t and agenda_item a. */
#define SQL_AGENDA_COLUMNS                                                     \
	"SELECT a.id, coalesce(a.parent_id, 0), t.depth, a.code, a.title,"     \
	" a.kind, a.start, a.end, a.moderator, a.description,"                 \
	" coalesce(a.started_at, -1), coalesce(a.ended_at, -1), a.policy"     \
	" FROM tree t JOIN agenda_item a ON a.id = t.id "

/* The place of a new item among its siblings: before the first that starts
 * later, else last.  Added at the end, a coffee at 09:00 came after the
 * closing and made the programme's planned end 09:30. */
static const char new_place_sql[] =
	"SELECT coalesce((SELECT min(position) FROM agenda_item WHERE parent_id IS ?1"
	" AND nullif(?2, '') IS NOT NULL AND nullif(start, '') > ?2),"
	" (SELECT coalesce(max(position), 0) + 1 FROM agenda_item WHERE parent_id IS ?1))";

/* Room made at the new item's place: those from it on move one down. */
static rs_status make_room(rs_db *db, const rs_agenda_new *in, int in_time, int64_t *place)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, new_place_sql);
	if (rc)
		return rc;
	if (in->parent_id > 0)
		sqlite3_bind_int64(st, 1, in->parent_id);
	if (in_time)
		store_bind_text(st, 2, in->start, 1);
	if (sqlite3_step(st) == SQLITE_ROW)
		*place = sqlite3_column_int64(st, 0);
	else
		rc = store_fail(db, "place the agenda item");
	store_release(db, st);
	if (rc)
		return rc;
	int64_t parent = in->parent_id > 0 ? in->parent_id : 0;
	return store_write(db,
			   "UPDATE agenda_item SET position = position + 1"
			   " WHERE parent_id IS nullif(?1, 0) AND position >= ?2",
			   "make room for the agenda item", NULL, 2, parent, *place);
}

rs_status store_agenda_insert(rs_db *db, const rs_agenda_new *in, int in_time, int64_t *id)
{
	int64_t place = 0;
	rs_status rc = make_room(db, in, in_time, &place);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	rc = store_prepare(
		db, &st,
		"INSERT INTO agenda_item(id, parent_id, position, code, title, kind, start, end,"
		" moderator, description) VALUES (" SQL_NEXT_ID("agenda_item") ", ?1,"
		" ?9, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 9, place);
	if (in->parent_id > 0)
		sqlite3_bind_int64(st, 1, in->parent_id);
	store_bind_text(st, 2, in->code, 1);
	store_bind_text(st, 3, in->title, 0);
	sqlite3_bind_text(st, 4, in->kind && *in->kind ? in->kind : "session", -1,
			  SQLITE_TRANSIENT);
	store_bind_text(st, 5, in->start, 1);
	store_bind_text(st, 6, in->end, 1);
	store_bind_text(st, 7, in->moderator, 1);
	store_bind_text(st, 8, in->description, 1);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "add agenda item");
	else
		*id = sqlite3_last_insert_rowid(db->h);
	sqlite3_finalize(st);
	return rc;
}

rs_status store_agenda_by_code(rs_db *db, const char *code, int64_t *id)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, "SELECT id FROM agenda_item WHERE code = ?");
	if (rc)
		return rc;
	store_bind_text(st, 1, code, 0);
	int r = sqlite3_step(st);
	*id = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_fail(db, "find agenda item");
	store_release(db, st);
	return rc;
}

/* Fills *it from a row of SQL_AGENDA_COLUMNS; *it is the caller's. */
static rs_status read_item(sqlite3_stmt *st, rs_agenda_item *it)
{
	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(st, 0);
	it->parent_id = sqlite3_column_int64(st, 1);
	it->depth = sqlite3_column_int(st, 2);
	char **text[] = {&it->code, &it->title, &it->kind, &it->start,
			 &it->end, &it->moderator, &it->description};
	for (int i = 0; i < 7; i++)
		if (!(*text[i] = store_col_dup(st, 3 + i))) {
			rs_agenda_item_clear(it);
			return rs_fail(RS_ERR_RUNTIME, "out of memory");
		}
	it->started_at = sqlite3_column_int64(st, 10);
	it->ended_at = sqlite3_column_int64(st, 11);
	int p = sqlite3_column_type(st, 12) == SQLITE_NULL
			? -1
			: rs_policy_parse((const char *)sqlite3_column_text(st, 12));
	it->policy = p < 0 ? RS_POLICY_MEETING : p;
	return RS_OK;
}

rs_status rs_agenda_get(rs_db *db, int64_t id, rs_agenda_item *out)
{
	sqlite3_stmt *st;
	/* The item's depth from its own line up, not the whole tree: every
	 * speaker called reads its item (a tenth of a fifo call). */
	rs_status rc = store_prepare_kept(
		db, &st,
		"WITH RECURSIVE up(id, n) AS (SELECT ?1, 0 UNION ALL"
		" SELECT a.parent_id, u.n + 1 FROM agenda_item a JOIN up u ON a.id = u.id"
		"  WHERE a.parent_id IS NOT NULL AND u.n < 64),"
		" tree(id, depth) AS (SELECT ?1, (SELECT max(n) FROM up)) "
		SQL_AGENDA_COLUMNS "WHERE a.id = ?1");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		rc = read_item(st, out);
	else if (r == SQLITE_DONE)
		rc = rs_fail(RS_ERR_INVALID, "no agenda item %lld", (long long)id);
	else
		rc = store_fail(db, "read agenda item");
	store_release(db, st);
	return rc;
}

/* Appends a row to *items, growing it; both stay the caller's. */
static rs_status append_item(sqlite3_stmt *st, rs_agenda_item **items, size_t *n, size_t *cap)
{
	rs_agenda_item *p = store_room(*items, *n, cap, sizeof *p);
	if (!p)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	*items = p;
	rs_status rc = read_item(st, &(*items)[*n]);
	if (rc == RS_OK)
		(*n)++;
	return rc;
}

rs_status rs_agenda_list(rs_db *db, rs_agenda_item **items, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	*items = NULL;
	*n = 0;
	rs_status rc = store_prepare_kept(db, &st, SQL_AGENDA_TREE SQL_AGENDA_COLUMNS "ORDER BY t.path");
	if (rc)
		return rc;
	int r = SQLITE_DONE;
	while (rc == RS_OK && (r = sqlite3_step(st)) == SQLITE_ROW)
		rc = append_item(st, items, n, &cap);
	if (rc == RS_OK && r != SQLITE_DONE)
		rc = store_fail(db, "list agenda");
	store_release(db, st);
	if (rc) {
		rs_agenda_list_free(*items, *n);
		*items = NULL;
		*n = 0;
	}
	return rc;
}

rs_status rs_agenda_each_json(rs_db *db, rs_json_cb cb, void *ctx)
{
	return store_each_json(db, SQL_AGENDA_TREE "SELECT " SQL_JSON_AGENDA_ITEM
				       " FROM tree t JOIN agenda_item a ON a.id = t.id ORDER BY t.path", "agenda as JSON", cb, ctx);
}

rs_status store_agenda_update(rs_db *db, int64_t id, const rs_agenda_new *in, int policy)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "UPDATE agenda_item SET title = coalesce(?1, title),"
					  " kind = coalesce(?2, kind), start = coalesce(?3, start),"
					  " end = coalesce(?4, end), moderator = coalesce(?5, moderator),"
					  " description = coalesce(?6, description), code = coalesce(?7, code),"
					  " policy = CASE ?8 WHEN 'keep' THEN policy WHEN 'meeting' THEN NULL"
					  " ELSE ?8 END WHERE id = ?9");
	if (rc)
		return rc;
	const char *text[] = {in->title, in->kind, in->start, in->end, in->moderator,
			      in->description, in->code};
	for (int i = 0; i < 7; i++)
		store_bind_text(st, i + 1, text[i], 0);
	sqlite3_bind_text(st, 8, policy == RS_POLICY_KEEP      ? "keep"
				 : policy == RS_POLICY_MEETING ? "meeting"
							       : rs_policy_name((rs_policy)policy),
			  -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "edit agenda item");
	store_release(db, st);
	return rc;
}

rs_status store_agenda_set_times(rs_db *db, int64_t id, int64_t started_at, int64_t ended_at)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "UPDATE agenda_item SET started_at = ?1, ended_at = ?2 WHERE id = ?3");
	if (rc)
		return rc;
	if (started_at >= 0)
		sqlite3_bind_int64(st, 1, started_at);
	if (ended_at >= 0)
		sqlite3_bind_int64(st, 2, ended_at);
	sqlite3_bind_int64(st, 3, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "agenda item times");
	store_release(db, st);
	return rc;
}
