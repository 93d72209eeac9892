/* Internal to the core: the journal as watch.c reads it (store_watch.c).
 * No SQLite types here. */
#ifndef ROSTRUM_STORE_WATCH_H
#define ROSTRUM_STORE_WATCH_H

#include "rostrum/db.h"

/* The journal's newest change and event ids (0 when none). */
rs_status store_watch_mark(rs_db *db, int64_t *change_id, int64_t *event_id);

/* Each change after change id `after`, oldest first, at most max: its
 * table, its row, and the agenda item whose list it is on (a queue entry
 * or transition, an item's speaking time; 0 for none or not known).
 * *last gets the id of the last one passed, *more = 1 when there were
 * more than max. */
typedef void (*store_change_cb)(const char *tbl, int64_t row_id, int64_t item, void *ctx);
rs_status store_watch_changes(rs_db *db, int64_t after, int max, store_change_cb cb, void *ctx,
			      int64_t *last, int *more);
/* The items stakeholder id has an entry on, each once. */
typedef void (*store_item_cb)(int64_t item, void *ctx);
rs_status store_watch_person_items(rs_db *db, int64_t id, store_item_cb cb, void *ctx);

#endif
