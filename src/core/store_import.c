/* Storage steps the imports share, run inside the caller's action. */
#include "store.h"
#include "storage.h"

#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"

rs_status store_queue_enqueue_requests(rs_db *db, int *added)
{
	/* A form request lands on the queue once: an entry from the form for
	 * the same person and item, in any state, means it is already there,
	 * and so does one on another item that was not withdrawn (the one
	 * request, placed by hand, moved with the form, or heard already).
	 * Nor is anyone put on a list where they wait to speak from the floor
	 * already (added at the desk: nobody is on a list twice).  A request
	 * for a panel seat is not one for the floor: `panel propose` weighs it
	 * against the item's slots instead. */
	static const char sql[] =
		"INSERT INTO queue_entry(id, item_id, stakeholder_id, kind, state,"
		" requested_at, state_changed_at, from_form, bucket)"
		" SELECT " SQL_NEXT_ID("queue_entry") " - 1 + row_number() OVER"
		"  (ORDER BY coalesce(s.registered_at, :now), s.id),"
		" a.id, s.id, 'floor', 'waiting', coalesce(s.registered_at, :now), :now, 1,"
		" " SQL_BUCKET_OF("s.id")
		" FROM stakeholder s JOIN agenda_item a ON a.code = s.speak_on"
		" WHERE s.wants_to_speak = 1 AND NOT EXISTS (SELECT 1 FROM queue_entry q"
		"  WHERE q.stakeholder_id = s.id AND q.from_form"
		"  AND (q.item_id = a.id OR q.state <> 'withdrawn'))"
		" AND NOT EXISTS (SELECT 1 FROM queue_entry q WHERE q.stakeholder_id = s.id"
		"  AND q.item_id = a.id AND q.kind = 'floor'"
		"  AND q.state IN ('waiting', 'speaking', 'paused'))"
		" ORDER BY coalesce(s.registered_at, :now), s.id";
	sqlite3_stmt *st;
	rs_status rc = store_prepare(db, &st, sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":now"), rs_now());
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "queue the form's requests to speak");
	else if (added)
		*added = sqlite3_changes(db->h);
	sqlite3_finalize(st);
	return rc;
}

rs_status store_form_row_get(rs_db *db, int64_t id, store_form_row *r)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT wants_to_speak, speak_on, coalesce(registered_at, -1),"
					  " CASE WHEN accreditation_at IS NOT NULL THEN accreditation END,"
					  " present FROM stakeholder WHERE id = ?1");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	memset(r, 0, sizeof *r);
	r->registered_at = -1;
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		r->wants = sqlite3_column_int(st, 0);
		const unsigned char *on = sqlite3_column_text(st, 1);
		r->speak_on = on && *on ? strdup((const char *)on) : NULL;
		if (on && *on && !r->speak_on)
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
		r->registered_at = sqlite3_column_int64(st, 2);
		store_col_copy(st, 3, r->desk_accreditation, sizeof r->desk_accreditation);
		r->present = sqlite3_column_int(st, 4);
	} else if (step != SQLITE_DONE) {
		rc = store_fail(db, "stakeholder");
	}
	store_release(db, st);
	return rc;
}

rs_status store_form_entries(rs_db *db, int64_t who, store_form_entry *out, size_t max,
			     size_t *n)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT id, item_id, state, requested_at FROM queue_entry"
					  " WHERE stakeholder_id = ?1 AND from_form ORDER BY id");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, who);
	*n = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n < max) {
			store_form_entry *e = &out[*n];
			e->id = sqlite3_column_int64(st, 0);
			e->item_id = sqlite3_column_int64(st, 1);
			store_col_copy(st, 2, e->state, sizeof e->state);
			e->requested_at = sqlite3_column_int64(st, 3);
		}
		++*n;
	}
	if (step != SQLITE_DONE)
		rc = store_fail(db, "queue entries from the form");
	store_release(db, st);
	return rc;
}

rs_status store_floor_waiting_on(rs_db *db, int64_t item, int64_t who, int64_t except,
				 int64_t *entry)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT id FROM queue_entry WHERE stakeholder_id = ?1"
					  " AND item_id = ?2 AND kind = 'floor' AND id <> ?3"
					  " AND state IN ('waiting', 'speaking', 'paused') LIMIT 1");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, who);
	sqlite3_bind_int64(st, 2, item);
	sqlite3_bind_int64(st, 3, except);
	int step = sqlite3_step(st);
	*entry = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_fail(db, "queue entry");
	store_release(db, st);
	return rc;
}

/* Each write below touches a waiting entry only: one called meanwhile (by
 * another terminal, before this import took the file) is left alone. */
rs_status store_form_entry_move(rs_db *db, int64_t entry, int64_t item, int64_t requested_at)
{
	return store_write(db, "UPDATE queue_entry SET item_id = ?2, requested_at = ?3,"
			       " manual_rank = 0 WHERE id = ?1 AND state = 'waiting'",
			   "move a request to speak", NULL, 3, entry, item, requested_at);
}

rs_status store_form_entry_withdraw(rs_db *db, int64_t entry, int64_t now)
{
	return store_write(db, "UPDATE queue_entry SET state = 'withdrawn', state_changed_at = ?2"
			       " WHERE id = ?1 AND state = 'waiting'",
			   "withdraw a request to speak", NULL, 2, entry, now);
}

rs_status store_form_entry_retime(rs_db *db, int64_t entry, int64_t requested_at)
{
	return store_write(db, "UPDATE queue_entry SET requested_at = ?2"
			       " WHERE id = ?1 AND state = 'waiting' AND requested_at <> ?2",
			   "time a request to speak", NULL, 2, entry, requested_at);
}

rs_status store_nomination_insert(rs_db *db, int64_t nominee, int64_t nominator,
				  const char *role, const char *statement, int64_t *id)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare(db, &st,
				     "INSERT INTO nomination(nominee_id, nominator_id, role, statement,"
				     " created_at) VALUES (?, ?, ?, ?, ?)"
				     " ON CONFLICT DO NOTHING");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, nominee);
	if (nominator > 0)
		sqlite3_bind_int64(st, 2, nominator);
	sqlite3_bind_text(st, 3, role && *role ? role : "rapporteur", -1, SQLITE_TRANSIENT);
	store_bind_text(st, 4, statement, 1);
	sqlite3_bind_int64(st, 5, rs_now());
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "nomination");
	else
		*id = sqlite3_changes(db->h) ? sqlite3_last_insert_rowid(db->h) : 0;
	sqlite3_finalize(st);
	return rc;
}
