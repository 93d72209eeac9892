/* Internal to the core: the roster's reads that roster.c builds its lists
 * on (store_roster.c).  No SQLite types here. */
#ifndef ROSTRUM_STORE_ROSTER_H
#define ROSTRUM_STORE_ROSTER_H

#include "rostrum/stakeholder.h"

/* The ids of the people whose search text holds every word of text as the
 * start of a word, ascending, each to cb.  *searched = 0 (and no call)
 * when text has no words. */
typedef void (*store_id_cb)(int64_t id, void *ctx);
rs_status store_roster_search(rs_db *db, const char *text, store_id_cb cb, void *ctx,
			      int *searched);
/* How many people the view shows, its text left aside. */
rs_status store_roster_count(rs_db *db, const rs_roster_view *v, int64_t *n);
/* A cursor over the roster's order from key `from` (NULL: from the first,
 * or with backward from the last), after it (before it, backward; at it
 * too when inclusive), over the people the view shows, its text left
 * aside.  It reads the index alone.  Several may be stepped in turn.
 * *out is the caller's (store_roster_close). */
typedef struct store_roster_cursor store_roster_cursor;
rs_status store_roster_open(rs_db *db, const rs_roster_view *v, const rs_roster_key *from,
			    int backward, int inclusive, store_roster_cursor **out);
/* The next person's id: 1, or 0 at the end, or -1 on a failure (rs_error
 * says which). */
int store_roster_next(store_roster_cursor *c, int64_t *id);
/* Person id's sort_key in *key (the caller frees it), NULL when nobody
 * has that id. */
rs_status store_roster_key_of(rs_db *db, int64_t id, char **key);
/* The sort_key of the person the cursor is on, valid until its next step. */
const char *store_roster_key(store_roster_cursor *c);
void store_roster_close(store_roster_cursor *c);
/* The people ids[0..n), in that order, to cb as rs_roster_window's (one
 * deleted meanwhile is left out). */
rs_status store_roster_rows(rs_db *db, const int64_t *ids, size_t n, rs_stakeholder_cb cb,
			    void *ctx);

#endif
