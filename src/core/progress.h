/* Internal to the core: how long work reports its progress (the front
 * end's side is rostrum/progress.h).  One piece of work at a time per
 * connection; its state lives in the rs_db (db.c keeps it). */
#ifndef ROSTRUM_CORE_PROGRESS_H
#define ROSTRUM_CORE_PROGRESS_H

#include "rostrum/progress.h"

typedef struct {
	rs_progress_fn fn;
	void *ctx;
	rs_progress p;     /* what fn is told */
	int64_t total;     /* units expected (<= 0: not known) */
	double fraction;   /* how much is done, when the work knows better (< 0: not said) */
	double start, told; /* monotonic seconds: the work began, fn last told */
	double after;      /* seconds before anything is told */
	unsigned calls;    /* progress_add calls, to look at the clock now and then */
	int active, shown;
} progress_state;

/* db.c: the connection's state. */
progress_state *store_progress(rs_db *db);

/* Work begins: task and unit as rs_progress says; total the units
 * expected (<= 0: not known, then no time left is told). */
void progress_begin(rs_db *db, const char *task, const char *unit, int64_t total);
/* n more units done. */
void progress_add(rs_db *db, int64_t n);
/* The share of the work done (0 to 1), when the work can tell it better
 * than by units (an import, by the bytes it has parsed); told with the
 * next units. */
void progress_fraction(rs_db *db, double f);
/* Takes the line away before the work writes a message of its own. */
void progress_hide(rs_db *db);
void progress_end(rs_db *db);

#endif
