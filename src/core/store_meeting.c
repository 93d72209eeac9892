#include "store.h"
#include "storage.h"

#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"

rs_status store_meeting_insert(rs_db *db, const char *title, const char *date, const char *venue)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare(db, &st,
				     "INSERT INTO meeting(id, title, date, venue, created_at)"
				     " VALUES (1, ?, ?, ?, ?)");
	if (rc)
		return rc;
	store_bind_text(st, 1, title, 0);
	store_bind_text(st, 2, date, 1);
	store_bind_text(st, 3, venue, 1);
	sqlite3_bind_int64(st, 4, rs_now());
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "meeting");
	sqlite3_finalize(st);
	return rc;
}

rs_status store_meeting_get(rs_db *db, rs_meeting *m)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare(db, &st,
				     "SELECT title, date, venue, timezone, policy, coalesce(current_item_id, 0)"
				     " FROM meeting WHERE id = 1");
	if (rc)
		return rc;
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		m->title = store_col_dup(st, 0);
		m->date = store_col_dup(st, 1);
		m->venue = store_col_dup(st, 2);
		m->timezone = store_col_dup(st, 3);
		int p = rs_policy_parse((const char *)sqlite3_column_text(st, 4));
		m->policy = p < 0 ? POLICY_FIFO : (rs_policy)p;
		m->current_item = sqlite3_column_int64(st, 5);
		if (!m->title || !m->date || !m->venue || !m->timezone)
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	} else if (r == SQLITE_DONE) {
		rc = rs_fail(RS_ERR_INVALID, "%s: the database has no meeting", db->path);
	} else {
		rc = store_fail(db, "meeting");
	}
	sqlite3_finalize(st);
	return rc;
}

rs_status store_meeting_set_policy(rs_db *db, rs_policy p)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare(db, &st, "UPDATE meeting SET policy = ? WHERE id = 1");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, rs_policy_name(p), -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "meeting policy");
	else if (sqlite3_changes(db->h) == 0)
		rc = rs_fail(RS_ERR_INVALID, "%s: the database has no meeting", db->path);
	sqlite3_finalize(st);
	return rc;
}

rs_status store_meeting_current(rs_db *db, int64_t *item_id)
{
	rs_status rc = store_int_query(db, "SELECT coalesce(current_item_id, 0) FROM meeting"
					   " WHERE id = 1", 0, item_id);
	if (rc == RS_OK && *item_id < 0)
		rc = rs_fail(RS_ERR_INVALID, "%s: the database has no meeting", db->path);
	return rc;
}

rs_status store_meeting_open(rs_db *db, int64_t item_id, int64_t previous, int64_t now)
{
	rs_status rc = RS_OK;
	if (previous > 0)
		rc = store_write(db, "UPDATE agenda_item SET ended_at = ?1 WHERE id = ?2"
				     " AND started_at IS NOT NULL AND ended_at IS NULL",
				 "agenda item", NULL, 2, now, previous);
	if (rc == RS_OK)
		rc = store_write(db, "UPDATE meeting SET current_item_id = ? WHERE id = 1", "meeting",
				 NULL, 1, item_id);
	if (rc == RS_OK)
		rc = store_write(db, "UPDATE agenda_item SET started_at = coalesce(started_at, ?1),"
				     " ended_at = NULL WHERE id = ?2",
				 "agenda item", NULL, 2, now, item_id);
	return rc;
}

rs_status store_exists(rs_db *db, const char *table, int64_t id)
{
	/* table is one of our own names, never user text. */
	static const char *const known[] = {"agenda_item", "stakeholder", "queue_entry",
					    "nomination", "outcome"};
	static const char *const sql[] = {
		"SELECT 1 FROM agenda_item WHERE id = ?",
		"SELECT 1 FROM stakeholder WHERE id = ?",
		"SELECT 1 FROM queue_entry WHERE id = ?",
		"SELECT 1 FROM nomination WHERE id = ?",
		"SELECT 1 FROM outcome WHERE id = ?",
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (!strcmp(table, known[i])) {
			int64_t v;
			rs_status rc = store_int_query(db, sql[i], id, &v);
			if (rc)
				return rc;
			return v == 1 ? RS_OK : RS_ERR_INVALID;
		}
	return rs_fail(RS_ERR_RUNTIME, "store_exists: unknown table %s", table);
}
