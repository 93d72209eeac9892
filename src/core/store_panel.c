/* The SQL of panel slots: an item's programme slots, the form's panel
 * requests, and a slot given to someone. */
#include "store.h"
#include "storage.h"

#include <string.h>

static void slot_row(sqlite3_stmt *st, void *item)
{
	rs_panel_slot *s = item;
	s->entry_id = sqlite3_column_int64(st, 0);
	store_col_copy(st, 1, s->slot, sizeof s->slot);
	s->holder_id = sqlite3_column_int64(st, 2);
	store_col_copy(st, 3, s->holder, sizeof s->holder);
	s->settled = sqlite3_column_int(st, 4);
	s->chosen = -1;
}

static void person_row(sqlite3_stmt *st, void *item)
{
	rs_panel_person *p = item;
	p->id = sqlite3_column_int64(st, 0);
	store_col_copy(st, 1, p->name, sizeof p->name);
	store_col_copy(st, 2, p->sector, sizeof p->sector);
	store_col_copy(st, 3, p->region, sizeof p->region);
	store_col_copy(st, 4, p->country, sizeof p->country);
	store_col_copy(st, 5, p->gender, sizeof p->gender);
	p->registered_at = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1
								      : sqlite3_column_int64(st, 6);
}

/* The item's programme entries that name a slot (withdrawn ones aside);
 * one whose speaker is no longer waiting is settled. */
static rs_status load_slots(rs_db *db, int64_t item_id, rs_panel *pl)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT q.id, q.slot, q.stakeholder_id, s.name,"
					  " q.state <> 'waiting' FROM queue_entry q"
					  " JOIN stakeholder s ON s.id = q.stakeholder_id"
					  " WHERE q.item_id = ?1 AND q.programme_order > 0"
					  " AND coalesce(q.slot, '') <> '' AND q.state <> 'withdrawn'"
					  " ORDER BY q.programme_order, q.id");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, item_id);
	return store_rows(db, st, sizeof *pl->slots, slot_row, "panel slots",
			  (void **)&pl->slots, &pl->n_slots);
}

/* Those who asked for a panel seat on this item, or on none, first come
 * first. */
static rs_status load_requests(rs_db *db, int64_t item_id, rs_panel *pl)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT id, name, sector, region, country, gender, registered_at"
					  " FROM stakeholder WHERE wants_to_speak = 2 AND"
					  " (coalesce(speak_on, '') = '' OR speak_on ="
					  "  (SELECT code FROM agenda_item WHERE id = ?1))"
					  " ORDER BY registered_at IS NULL, registered_at, id");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, item_id);
	return store_rows(db, st, sizeof *pl->people, person_row, "panel requests",
			  (void **)&pl->people, &pl->n_people);
}

rs_status store_panel_load(rs_db *db, int64_t item_id, rs_panel *pl)
{
	rs_status rc = store_exists(db, "agenda_item", item_id);
	if (rc == RS_ERR_INVALID)
		rs_fail(rc, "no agenda item %lld", (long long)item_id);
	if (rc == RS_OK)
		rc = load_slots(db, item_id, pl);
	return rc ? rc : load_requests(db, item_id, pl);
}

rs_status store_panel_assign(rs_db *db, int64_t entry_id, int64_t who, const char *slot)
{
	int changes = 0;
	rs_status rc = store_write(db, "UPDATE queue_entry SET stakeholder_id = ?2"
				       " WHERE id = ?1 AND state = 'waiting'",
				   "panel slot", &changes, 2, entry_id, who);
	if (rc == RS_OK && changes != 1)
		rc = rs_fail(RS_ERR_INVALID, "slot %s: its speaker has taken the floor since the"
					     " proposal", slot);
	return rc;
}
