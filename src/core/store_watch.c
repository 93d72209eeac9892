/* The journal read for what changed (watch.c): the change rows after a
 * mark, each with the agenda item whose list it is on.  Parameters are
 * always bound, never spliced into SQL. */
#include "store.h"
#include "store_watch.h"

rs_status store_watch_mark(rs_db *db, int64_t *change_id, int64_t *event_id)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, "SELECT coalesce((SELECT max(id) FROM change), 0),"
					      " coalesce((SELECT max(id) FROM event), 0)");
	if (rc)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*change_id = sqlite3_column_int64(st, 0);
		*event_id = sqlite3_column_int64(st, 1);
	} else {
		rc = store_fail(db, "read the journal");
	}
	store_release(db, st);
	return rc;
}

rs_status store_kept_check(rs_db *db, const store_kept_at *was, store_kept_at *now,
			   store_kept_state *state)
{
	int64_t events;
	now->data_version = rs_db_data_version(db);
	now->rollbacks = db->rollbacks;
	rs_status rc = store_watch_mark(db, &now->change_id, &events);
	if (now->data_version < 0 || now->rollbacks != was->rollbacks)
		*state = STORE_KEPT_LOST;
	else if (now->change_id != was->change_id)
		*state = STORE_KEPT_CHANGES;
	else
		*state = now->data_version == was->data_version ? STORE_KEPT_SAME : STORE_KEPT_LOST;
	return rc;
}

/* A field of the row as it was written, or as it was before a delete. */
#define SQL_FIELD(f) "coalesce(json_extract(c.new, '$." f "'), json_extract(c.old, '$." f "'))"

rs_status store_watch_changes(rs_db *db, int64_t after, int max, store_change_cb cb, void *ctx,
			      int64_t *last, int *more)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
		"SELECT c.id, c.tbl, c.row_id, CASE c.tbl"
		" WHEN 'queue_entry' THEN " SQL_FIELD("item_id")
		" WHEN 'item_speaking_time' THEN " SQL_FIELD("item_id")
		" WHEN 'queue_transition' THEN (SELECT q.item_id FROM queue_entry q"
		"  WHERE q.id = " SQL_FIELD("entry_id") ") END,"
		/* An entry moved to another item (a request the form moved,
		 * a speech carried over) leaves the list it was on too. */
		" CASE c.tbl WHEN 'queue_entry' THEN json_extract(c.old, '$.item_id') END"
		" FROM change c WHERE c.id > ?1 ORDER BY c.id LIMIT ?2");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int(st, 2, max + 1);
	*last = after;
	*more = 0;
	int r, n = 0;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == max) {
			*more = 1;
			break;
		}
		const unsigned char *tbl = sqlite3_column_text(st, 1);
		*last = sqlite3_column_int64(st, 0);
		int64_t item = sqlite3_column_int64(st, 3), left = sqlite3_column_int64(st, 4);
		cb(tbl ? (const char *)tbl : "", sqlite3_column_int64(st, 2), item, ctx);
		if (left > 0 && left != item)
			cb(tbl ? (const char *)tbl : "", sqlite3_column_int64(st, 2), left, ctx);
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_fail(db, "read the journal");
	store_release(db, st);
	return rc;
}

rs_status store_watch_person_items(rs_db *db, int64_t id, store_item_cb cb, void *ctx)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, "SELECT DISTINCT item_id FROM queue_entry"
					      " WHERE stakeholder_id = ?1");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		cb(sqlite3_column_int64(st, 0), ctx);
	if (r != SQLITE_DONE)
		rc = store_fail(db, "read the journal");
	store_release(db, st);
	return rc;
}
