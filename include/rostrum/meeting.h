/* The meeting: one per database. */
#ifndef ROSTRUM_MEETING_H
#define ROSTRUM_MEETING_H

#include "rostrum/db.h"
#include "rostrum/refdata.h"

typedef struct {
	char *title;
	char *date;  /* YYYY-MM-DD or "" */
	char *venue;
	char *timezone;
	rs_policy policy;
	int64_t current_item; /* 0: none */
} rs_meeting;

/* Creates the meeting row of a new database (title defaults to "Meeting");
 * date must be YYYY-MM-DD when given. */
rs_status rs_meeting_init(rs_db *db, const char *title, const char *date, const char *venue);
/* Creates the database file at path (never overwriting) with its meeting;
 * on any failure no file is left behind.  *out is the caller's. */
rs_status rs_meeting_create(const char *path, const char *title, const char *date,
			    const char *venue, rs_db **out);
/* Fills *m (strings owned by the caller: rs_meeting_clear). */
rs_status rs_meeting_get(rs_db *db, rs_meeting *m);
void rs_meeting_clear(rs_meeting *m);
rs_status rs_meeting_set_policy(rs_db *db, rs_policy p);

/* The item the meeting is on (0: none yet). */
rs_status rs_meeting_current_item(rs_db *db, int64_t *item_id);
/* Opens an item, as one journalled action "agenda.open": it becomes the
 * current item and gets its actual start (if it had none; an item opened
 * again after it ended runs again, its end cleared); the item that was
 * current gets its actual end (if it had started and not ended).  Refused
 * (RS_ERR_INVALID) for an unknown item or the current one. */
rs_status rs_meeting_open_item(rs_db *db, int64_t item_id);

#endif
