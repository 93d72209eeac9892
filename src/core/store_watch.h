/* Internal to the core: the journal as watch.c reads it (store_watch.c).
 * No SQLite types here. */
#ifndef ROSTRUM_STORE_WATCH_H
#define ROSTRUM_STORE_WATCH_H

#include "rostrum/db.h"

/* The journal's newest change and event ids (0 when none). */
rs_status store_watch_mark(rs_db *db, int64_t *change_id, int64_t *event_id);

/* Where what a connection keeps between calls (the balanced floor's heads,
 * the balance) was read: the journal's newest change, the file's version
 * (PRAGMA data_version), the connection's rollbacks so far. */
typedef struct {
	int64_t change_id, data_version;
	unsigned rollbacks;
} store_kept_at;
/* What became of what was kept at `was`: nothing (SAME); changes the
 * journal has after was->change_id say what (CHANGES); or it is to be
 * read all again (LOST: a rollback, a commit the journal does not
 * explain, the version unknown).  *now is where the caller keeps what it
 * reads next: taken before it reads, so a commit in between is looked at
 * next time, never missed. */
typedef enum { STORE_KEPT_LOST, STORE_KEPT_SAME, STORE_KEPT_CHANGES } store_kept_state;
rs_status store_kept_check(rs_db *db, const store_kept_at *was, store_kept_at *now,
			   store_kept_state *state);

/* Each change after change id `after`, oldest first, at most max: its
 * table, its row, and the agenda item whose list it is on (a queue entry
 * or transition, an item's speaking time; 0 for none or not known), and
 * once more with the item it left for an entry moved to another item.
 * *last gets the id of the last one passed, *more = 1 when there were
 * more than max. */
typedef void (*store_change_cb)(const char *tbl, int64_t row_id, int64_t item, void *ctx);
rs_status store_watch_changes(rs_db *db, int64_t after, int max, store_change_cb cb, void *ctx,
			      int64_t *last, int *more);
/* The items stakeholder id has an entry on, each once. */
typedef void (*store_item_cb)(int64_t item, void *ctx);
rs_status store_watch_person_items(rs_db *db, int64_t id, store_item_cb cb, void *ctx);

#endif
