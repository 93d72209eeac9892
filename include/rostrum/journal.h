/* The journal: who did what, when, from which terminal; and undo. */
#ifndef ROSTRUM_JOURNAL_H
#define ROSTRUM_JOURNAL_H

#include "rostrum/db.h"

/* This process's session ("user@host:pid:start"), made once.  Every journal
 * event carries it, so undo reverts only what this terminal did.
 * $ROSTRUM_SESSION, when set and not empty, is the session instead (read on
 * every call: tests use it to act as another terminal). */
const char *rs_session_id(void);

typedef struct {
	int64_t id, at;
	char user[64];
	char session[96];
	char action[48];
	char object_type[32];
	int64_t object_id;
	char summary[160];
	int64_t undone_by; /* the undo event that reverted it, 0 if none */
} rs_event;

/* Up to `max` events, newest first, with ids below before_id (0: from the
 * newest).  *n is set to how many were written to out. */
rs_status rs_journal_window(rs_db *db, int64_t before_id, size_t max, rs_event *out, size_t *n);

/* Reverts the newest event of this session that is neither undone nor an
 * undo itself (nor the creation of the meeting, "meeting.init"), as one new
 * journalled action "undo" (its object_id is the reverted event, its
 * summary "undo ACTION"); undoing again reverts the one before.  Refused
 * (RS_ERR_INVALID, nothing changed) when there is nothing to undo or when a
 * row it touched was changed since by someone else.  *undone (may be NULL)
 * describes what was undone. */
rs_status rs_undo_last(rs_db *db, rs_event *undone);

#endif
