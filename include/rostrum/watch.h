/* What changed in the meeting file since a screen last looked: read from
 * the journal, which every action writes in its own transaction (each row
 * it changed, by table), so a screen re-reads only what a change touched:
 * a call of the next speaker on one item leaves the roster, the agenda and
 * every other item's list alone. */
#ifndef ROSTRUM_WATCH_H
#define ROSTRUM_WATCH_H

#include "rostrum/db.h"

/* What a change touched. */
enum {
	RS_CHANGED_MEETING = 1 << 0,     /* the meeting, its settings, quotas, seats, links */
	RS_CHANGED_AGENDA = 1 << 1,      /* the programme's items */
	RS_CHANGED_ROSTER = 1 << 2,      /* stakeholders */
	RS_CHANGED_QUEUE = 1 << 3,       /* queue entries and their transitions */
	RS_CHANGED_NOMINATIONS = 1 << 4,
	RS_CHANGED_OUTCOMES = 1 << 5,    /* notes, recommendations, pledges and theirs */
	RS_CHANGED_ALL = (1 << 6) - 1,   /* anything: a table this binary does not know */
};

/* At most this many items are named; past it, all_items. */
enum { RS_CHANGED_ITEMS = 16 };

typedef struct {
	unsigned what; /* RS_CHANGED_* */
	/* The agenda items whose speakers' list a change touched: its queue
	 * entries, an item's own speaking time, or someone on the list (the
	 * list shows their name and way of taking part); all of them when
	 * all_items. */
	int64_t items[RS_CHANGED_ITEMS];
	int n_items, all_items;
} rs_changes;

/* 1 when c touched item's list (or every list). */
int rs_changes_item(const rs_changes *c, int64_t item);
/* 1 when c touched any of `what` (RS_CHANGED_* bits), its changes to the
 * queue and the roster counted only when they touched item's list (item
 * < 0: any list): what a screen that shows one item's list must re-read. */
int rs_changes_touch(const rs_changes *c, unsigned what, int64_t item);

/* Where a screen last looked. */
typedef struct {
	int64_t data_version, change_id, event_id;
} rs_watch;

/* Looks now: later polls report what changed after this. */
rs_status rs_watch_start(rs_db *db, rs_watch *w);
/* 1 when another connection committed since the last look (one PRAGMA:
 * cheap enough for every turn of a screen's loop). */
int rs_watch_moved(rs_db *db, const rs_watch *w);
/* What changed since the last look, by anyone (this connection's own
 * actions too), and looks again.  A commit of another connection that the
 * journal does not explain (a file changed by other means) is taken to
 * have changed everything. */
rs_status rs_watch_poll(rs_db *db, rs_watch *w, rs_changes *c);

#endif
