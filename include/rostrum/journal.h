/* The journal: who did what, when, from which terminal; and undo. */
#ifndef ROSTRUM_JOURNAL_H
#define ROSTRUM_JOURNAL_H

#include "rostrum/agenda.h"
#include "rostrum/db.h"

/* This terminal's session, "user@host:/dev/pts/3#4711" (the controlling
 * terminal and the login's session id, so the commands typed in one login
 * and a TUI run there are one session, and the next login on that terminal
 * another), or "user@host:pid N" of the parent process for a script run
 * without one.  Every journal event carries it, so undo reverts only what
 * this terminal did.  $ROSTRUM_SESSION, when set and not empty, is the
 * session instead (read on every call: tests use it to act as another
 * terminal), and rs_session_set's name before both. */
const char *rs_session_id(void);
/* The session this process's actions are journalled under from now on
 * (the demo's build, so that the hearing's imports are nobody's to undo);
 * NULL or "": the terminal's again. */
void rs_session_set(const char *name);

/* The longest summary an action journals, with its NUL: one line that says
 * whom or what the action was done to and what changed, in words. */
#define RS_SUMMARY_MAX 320

/* Between what was and what is, wherever a line says what changed
 * ("organization 'Red Cross' → 'Red Crescent'", "pending → imrf_new"). */
#define RS_CHANGED " → "

typedef struct {
	int64_t id, at;
	char user[64];
	char session[96];
	char action[48];
	char object_type[32];
	int64_t object_id;
	char summary[RS_SUMMARY_MAX];
	int64_t undone_by; /* the undo event that reverted it, 0 if none */
} rs_event;

/* Up to `max` events, newest first, with ids below before_id (0: from the
 * newest).  *n is set to how many were written to out. */
rs_status rs_journal_window(rs_db *db, int64_t before_id, size_t max, rs_event *out, size_t *n);

/* The journal in the order things happened: events at or after `since`
 * (epoch seconds; 0 for all), of one session (NULL: every session).  The
 * event passed to cb is valid during the call; cb returns non-zero to
 * stop. */
typedef int (*rs_journal_cb)(const rs_event *e, void *ctx);
rs_status rs_journal_each(rs_db *db, int64_t since, const char *session, rs_journal_cb cb,
			  void *ctx);

/* The same events as JSON objects (id, at, user, session, action,
 * object_type, object_id, summary, undone_by). */
rs_status rs_journal_each_json(rs_db *db, int64_t since, const char *session, rs_json_cb cb,
			       void *ctx);

/* Reverts the newest event of this session that is neither undone nor an
 * undo itself (nor the creation of the meeting, "meeting.init"), as one new
 * journalled action "undo" (its object_id is the reverted event, its
 * summary "undid: ACTION SUMMARY" in the undone event's words); undoing
 * again reverts the one before.  Refused (RS_ERR_INVALID, nothing changed)
 * when there is nothing to undo or when a row it touched was changed since
 * by someone else.  *undone (may be NULL) describes what was undone. */
rs_status rs_undo_last(rs_db *db, rs_event *undone);
/* The same for another session (an operator undoing what a terminal that
 * is gone did); session NULL is this terminal's. */
rs_status rs_undo_last_of(rs_db *db, const char *session, rs_event *undone);
/* What rs_undo_last would revert now, read only (refused as it would be
 * when there is nothing to undo): a screen asks before it undoes. */
rs_status rs_undo_next(rs_db *db, rs_event *next);
/* rs_undo_last, only while this terminal's newest undoable event is still
 * expect (the one the question named); refused, nothing changed, when
 * another took its place meanwhile. */
rs_status rs_undo_event(rs_db *db, int64_t expect, rs_event *undone);

#endif
