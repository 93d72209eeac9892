/* The journal's SQL: reading events and their changes, and putting a
 * changed row back.  The statements that revert a row are built from the
 * change's JSON keys, kept only where they name a column of the table
 * (pragma_table_info), so every identifier formatted in comes from our own
 * schema; the values are read from the bound JSON, typed as they were. */
#include "store.h"
#include "storage.h"
#include "store_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EVENT_COLUMNS                                                          \
	"SELECT id, at, user, coalesce(session, ''), action,"                  \
	" coalesce(object_type, ''), coalesce(object_id, 0), coalesce(summary, ''),"  \
	" coalesce(undone_by, 0) FROM event"

static void read_event(sqlite3_stmt *st, rs_event *e)
{
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(st, 0);
	e->at = sqlite3_column_int64(st, 1);
	store_col_copy(st, 2, e->user, sizeof e->user);
	store_col_copy(st, 3, e->session, sizeof e->session);
	store_col_copy(st, 4, e->action, sizeof e->action);
	store_col_copy(st, 5, e->object_type, sizeof e->object_type);
	e->object_id = sqlite3_column_int64(st, 6);
	store_col_copy(st, 7, e->summary, sizeof e->summary);
	e->undone_by = sqlite3_column_int64(st, 8);
}

rs_status rs_journal_window(rs_db *db, int64_t before_id, size_t max, rs_event *out, size_t *n)
{
	sqlite3_stmt *st;
	*n = 0;
	rs_status rc = store_prepare_kept(db, &st, EVENT_COLUMNS
					  " WHERE open = 0 AND (?1 <= 0 OR id < ?1) ORDER BY id DESC LIMIT ?2");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, before_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
	int r = SQLITE_DONE;
	while (*n < max && (r = sqlite3_step(st)) == SQLITE_ROW)
		read_event(st, &out[(*n)++]);
	if (*n < max && r != SQLITE_DONE)
		rc = store_fail(db, "journal");
	store_release(db, st);
	return rc;
}

rs_status store_journal_undoable(rs_db *db, const char *session, rs_event *ev, int *found)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, EVENT_COLUMNS
					  " WHERE session = ? AND open = 0 AND undone_by IS NULL"
					  " AND action NOT IN ('undo', 'meeting.init', 'nomination.draw')"
					  " ORDER BY id DESC LIMIT 1");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, session, -1, SQLITE_TRANSIENT);
	int r = sqlite3_step(st);
	*found = r == SQLITE_ROW;
	if (r == SQLITE_ROW)
		read_event(st, ev);
	else if (r != SQLITE_DONE)
		rc = store_fail(db, "journal");
	store_release(db, st);
	return rc;
}

void store_changes_free(store_change *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].tbl);
		free(v[i].op);
		free(v[i].old_json);
		free(v[i].new_json);
	}
	free(v);
}

rs_status store_journal_changes(rs_db *db, int64_t event_id, store_change **out, size_t *n)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT id, row_id, tbl, op, old, new FROM change"
					  " WHERE event_id = ? ORDER BY id DESC");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, event_id);
	store_change *v = NULL;
	size_t len = 0, cap = 0;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? 2 * cap : 16;
			store_change *nv = realloc(v, cap * sizeof *v);
			if (!nv)
				break;
			v = nv;
		}
		store_change *c = &v[len++];
		c->id = sqlite3_column_int64(st, 0);
		c->row_id = sqlite3_column_int64(st, 1);
		c->tbl = store_col_dup(st, 2);
		c->op = store_col_dup(st, 3);
		c->old_json = store_col_dup(st, 4);
		c->new_json = store_col_dup(st, 5);
		if (!c->tbl || !c->op || !c->old_json || !c->new_json)
			break;
	}
	if (r == SQLITE_ROW)
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	else if (r != SQLITE_DONE)
		rc = store_fail(db, "journal changes");
	store_release(db, st);
	if (rc) {
		store_changes_free(v, len);
		return rc;
	}
	*out = v;
	*n = len;
	return RS_OK;
}

/* The statement "HEAD col, col, ... TAIL" over the columns of c->tbl that
 * json names, each written by per_col (which gets the separator and the
 * column twice); NULL with the error set when the table is not ours. */
static char *build(rs_db *db, const store_change *c, const char *json, const char *head,
		   const char *per_col, const char *sep, const char *tail)
{
	sqlite3_stmt *st;
	if (store_prepare_kept(db, &st,
			       "SELECT p.name FROM pragma_table_info(?1) p"
			       " WHERE p.name IN (SELECT key FROM json_each(?2)) ORDER BY p.cid"))
		return NULL;
	sqlite3_bind_text(st, 1, c->tbl, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, *json ? json : "{}", -1, SQLITE_STATIC);
	sqlite3_str *s = sqlite3_str_new(db->h);
	sqlite3_str_appendf(s, head, c->tbl);
	int n = 0, r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *col = (const char *)sqlite3_column_text(st, 0);
		sqlite3_str_appendf(s, per_col, n++ ? sep : "", col, col);
	}
	sqlite3_str_appendall(s, tail);
	store_release(db, st);
	char *sql = sqlite3_str_finish(s);
	if (r != SQLITE_DONE || !sql || n == 0) {
		if (r != SQLITE_DONE)
			store_fail(db, "journal columns");
		else
			rs_fail(RS_ERR_RUNTIME, "%s: the journal names %s, not a table with those columns",
				db->path, c->tbl);
		sqlite3_free(sql);
		return NULL;
	}
	return sql;
}

/* Runs sql with ?1 the change's row id and ?2 the JSON; *count (may be
 * NULL) gets the first column of its row. */
static rs_status run(rs_db *db, char *sql, const store_change *c, const char *json,
		     int64_t *count)
{
	if (!sql)
		return RS_ERR_RUNTIME;
	sqlite3_stmt *st;
	rs_status rc = store_prepare(db, &st, sql);
	sqlite3_free(sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, c->row_id);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_text(st, 2, json, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	if (count && r == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	else if ((r & 0xff) == SQLITE_CONSTRAINT) /* e.g. another row refers to it now */
		rc = rs_fail(RS_ERR_INVALID, "%s %lld: %s", c->tbl, (long long)c->row_id,
			     sqlite3_errmsg(db->h));
	else if (r != SQLITE_DONE)
		rc = store_fail(db, "undo");
	sqlite3_finalize(st);
	return rc;
}

rs_status store_change_is_current(rs_db *db, const store_change *c, int *same)
{
	int64_t n = -1;
	rs_status rc;
	if (!strcmp(c->op, "delete"))
		rc = run(db, build(db, c, c->old_json, "SELECT count(*) FROM \"%w\" WHERE rowid = ?1",
				   "", "", ""), c, NULL, &n);
	else
		rc = run(db, build(db, c, c->new_json, "SELECT count(*) FROM \"%w\" WHERE rowid = ?1",
				   "%s AND \"%w\" IS (?2 ->> %Q)", "", ""), c, c->new_json, &n);
	*same = rc == RS_OK && n == (strcmp(c->op, "delete") ? 1 : 0);
	return rc;
}

rs_status store_change_revert(rs_db *db, const store_change *c)
{
	if (!strcmp(c->op, "insert"))
		return run(db, build(db, c, c->new_json, "DELETE FROM \"%w\" WHERE rowid = ?1", "",
				     "", ""), c, NULL, NULL);
	if (!strcmp(c->op, "update"))
		return run(db, build(db, c, c->old_json, "UPDATE \"%w\" SET ",
				     "%s\"%w\" = (?2 ->> %Q)", ", ", " WHERE rowid = ?1"),
			   c, c->old_json, NULL);
	/* A delete: the old row comes back with its rowid.  The column list
	 * and the values are built in two passes over the same columns. */
	char *cols = build(db, c, c->old_json, "INSERT INTO \"%w\"(rowid", "%s, \"%w\"%.0s", "",
			   ")");
	char *vals = build(db, c, c->old_json, " VALUES (?1", "%s, ?2 ->> %Q%.0s", "", ")");
	char *sql = cols && vals ? sqlite3_mprintf("%s%s", cols, vals) : NULL;
	sqlite3_free(cols);
	sqlite3_free(vals);
	if (!sql && cols && vals)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	return run(db, sql, c, c->old_json, NULL);
}

rs_status store_journal_mark_undone(rs_db *db, int64_t event_id, int64_t *by)
{
	*by = db->event_id;
	return store_write(db, "UPDATE event SET undone_by = ? WHERE id = ?", "journal", NULL, 2,
			   db->event_id, event_id);
}

/* sql (ending in JOURNAL_WHERE) with its parameters bound: closed events
 * at or after since, of session (NULL: every session), by id. */
static rs_status journal_query(rs_db *db, const char *sql, int64_t since, const char *session,
			       sqlite3_stmt **st)
{
	rs_status rc = store_prepare(db, st, sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(*st, 1, since);
	store_bind_text(*st, 2, session, 1);
	return RS_OK;
}

#define JOURNAL_WHERE " WHERE open = 0 AND at >= ?1 AND (?2 IS NULL OR session = ?2) ORDER BY id"

rs_status rs_journal_each(rs_db *db, int64_t since, const char *session, rs_journal_cb cb,
			  void *ctx)
{
	sqlite3_stmt *st;
	rs_status rc = journal_query(db, EVENT_COLUMNS JOURNAL_WHERE, since, session, &st);
	if (rc)
		return rc;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		rs_event e;
		read_event(st, &e);
		if (cb(&e, ctx))
			break;
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_fail(db, "journal");
	sqlite3_finalize(st);
	return rc;
}

rs_status rs_journal_each_json(rs_db *db, int64_t since, const char *session, rs_json_cb cb,
			       void *ctx)
{
	sqlite3_stmt *st;
	rs_status rc = journal_query(db, "SELECT " SQL_JSON_EVENT " FROM event v" JOURNAL_WHERE,
				     since, session, &st);
	return rc ? rc : store_json_rows(db, st, "journal", cb, ctx);
}
