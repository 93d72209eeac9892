/* Storage steps the imports share, run inside the caller's action. */
#include "store.h"
#include "storage.h"

#include "rostrum/clock.h"

rs_status store_queue_enqueue_requests(rs_db *db, int *added)
{
	/* A form request lands on the queue once: an entry from the form for
	 * the same person and item, in any state, means it is already there.
	 * A request for a panel seat is not one for the floor: `panel
	 * propose` weighs it against the item's slots instead. */
	static const char sql[] =
		"INSERT INTO queue_entry(id, item_id, stakeholder_id, kind, state,"
		" requested_at, state_changed_at, from_form, bucket)"
		" SELECT " SQL_NEXT_ID("queue_entry") " - 1 + row_number() OVER"
		"  (ORDER BY coalesce(s.registered_at, :now), s.id),"
		" a.id, s.id, 'floor', 'waiting', coalesce(s.registered_at, :now), :now, 1,"
		" " SQL_BUCKET_OF("s.id")
		" FROM stakeholder s JOIN agenda_item a ON a.code = s.speak_on"
		" WHERE s.wants_to_speak = 1 AND NOT EXISTS (SELECT 1 FROM queue_entry q"
		"  WHERE q.item_id = a.id AND q.stakeholder_id = s.id AND q.from_form)"
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
