/* The journal's logic: this terminal's session, and undo.  Undo reverts an
 * event's changes newest first, each only if its row is still as the event
 * left it, all inside one new action whose own changes the triggers record. */
#include "rostrum/journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rostrum/agenda.h"
#include "rostrum/outcome.h"
#include "said.h"
#include "storage.h"

/* The controlling terminal's name, or NULL. */
static const char *terminal_name(void)
{
	static const int fds[] = {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO};
	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
		if (isatty(fds[i])) {
			const char *name = ttyname(fds[i]);
			if (name)
				return name;
		}
	return NULL;
}

static char session_set[96];

void rs_session_set(const char *name)
{
	snprintf(session_set, sizeof session_set, "%s", name ? name : "");
}

const char *rs_session_id(void)
{
	static char id[96];
	if (session_set[0])
		return session_set;
	const char *env = getenv("ROSTRUM_SESSION");
	if (env && *env)
		return env;
	if (!id[0]) {
		char host[64] = "";
		if (gethostname(host, sizeof host - 1) != 0 || !host[0])
			snprintf(host, sizeof host, "localhost");
		const char *tty = terminal_name();
		/* A terminal's name is reused by the next login on it: the
		 * login's session (its shell's process) tells the two apart,
		 * so one does not undo what the other did. */
		if (tty)
			snprintf(id, sizeof id, "%s@%s:%s#%ld", rs_os_user(), host, tty,
				 (long)getsid(0));
		else /* a script: its commands share their parent */
			snprintf(id, sizeof id, "%s@%s:pid %ld", rs_os_user(), host, (long)getppid());
	}
	return id;
}

/* A table's rows as people say them ("queue entry 8"). */
static const char *row_words(const char *tbl)
{
	static const struct {
		const char *tbl, *words;
	} words[] = {
		{"queue_entry", "queue entry"}, {"stakeholder", "person"},
		{"agenda_item", "agenda item"},  {"outcome", "outcome"},
		{"nomination", "nomination"},    {"meeting", "the meeting's settings"},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(tbl, words[i].tbl))
			return words[i].words;
	return tbl;
}

/* The most of an item's title a refusal names it by. */
#define TITLE_NAMED 60

/* A changed row as the journal's lines name it: "Ana Ruiz's request on
 * 'Thematic discussion I'", "Ana Ruiz (ana@x.org)", "next step on
 * 'Thematic discussion I'", "item 'Thematic discussion I'"; by its table
 * and id ("nomination 3") where it is of another kind or gone. */
static void row_said(said *s, rs_db *db, const store_change *c)
{
	if (!strcmp(c->tbl, "queue_entry") && said_request(s, db, c->row_id))
		return;
	rs_stakeholder person = {0};
	rs_outcome o = {0};
	rs_agenda_item it = {0};
	if (!strcmp(c->tbl, "stakeholder") && rs_stakeholder_get(db, c->row_id, &person) == RS_OK)
		said_person(s, &person);
	else if (!strcmp(c->tbl, "outcome") && rs_outcome_get(db, c->row_id, &o) == RS_OK)
		said_outcome(s, db, o.type, o.item_id);
	else if (!strcmp(c->tbl, "agenda_item") && rs_agenda_get(db, c->row_id, &it) == RS_OK) {
		said_add(s, "item '");
		said_quote(s, it.title, TITLE_NAMED);
		said_add(s, "'");
	} else
		said_add(s, "%s %lld", row_words(c->tbl), (long long)c->row_id);
	rs_stakeholder_clear(&person);
	rs_outcome_clear(&o);
	rs_agenda_item_clear(&it);
}

/* What an event did, as the refusal names it: its summary ("floor to Ana
 * Ruiz"), else its action. */
static const char *event_words(const rs_event *ev)
{
	return ev->summary[0] ? ev->summary : ev->action;
}

/* Reverts ev's changes, refusing if any row was changed since. */
static rs_status revert(rs_db *db, const rs_event *ev)
{
	store_change *v;
	size_t n;
	rs_status rc = store_journal_changes(db, ev->id, &v, &n);
	if (rc)
		return rc;
	for (size_t i = 0; i < n && rc == RS_OK; i++) {
		int same = 0;
		rc = store_change_is_current(db, &v[i], &same);
		if (rc == RS_OK && !same && !strcmp(v[i].tbl, "meeting"))
			rc = rs_fail(RS_ERR_INVALID, "nothing undone: '%s' (%s changed since)",
				     event_words(ev), row_words(v[i].tbl));
		else if (rc == RS_OK && !same) {
			said row = {0};
			row_said(&row, db, &v[i]);
			rc = rs_fail(RS_ERR_INVALID, "nothing undone: '%s' (%s changed since)",
				     event_words(ev), row.text);
		}
		else if (rc == RS_OK && (rc = store_change_revert(db, &v[i])) == RS_ERR_INVALID) {
			char *why = strdup(rs_error());
			rs_fail(rc, "nothing undone: '%s' (%s)", event_words(ev), why ? why : "refused");
			free(why);
		}
	}
	store_changes_free(v, n);
	return rc;
}

rs_status rs_undo_last(rs_db *db, rs_event *undone)
{
	return rs_undo_last_of(db, NULL, undone);
}

/* The newest event of session (NULL: this terminal's) that undo would
 * revert; refused when there is none. */
static rs_status undoable(rs_db *db, const char *session, rs_event *ev, int *found)
{
	rs_status rc = store_journal_undoable(db, session ? session : rs_session_id(), ev, found);
	if (rc == RS_OK && !*found)
		rc = session ? rs_fail(RS_ERR_INVALID, "nothing to undo from session '%s'", session)
			     : rs_fail(RS_ERR_INVALID, "nothing to undo from this terminal");
	return rc;
}

rs_status rs_undo_next(rs_db *db, rs_event *next)
{
	int found = 0;
	return undoable(db, NULL, next, &found);
}

/* Reverts session's newest undoable event; when expect is not 0, only if
 * that is still the event expect (asked about, and nothing done since). */
static rs_status undo(rs_db *db, const char *session, int64_t expect, rs_event *undone)
{
	rs_status rc = rs_action_begin(db, "undo");
	if (rc)
		return rc;
	rs_event ev;
	int found = 0;
	rc = undoable(db, session, &ev, &found);
	if (rc == RS_OK && expect && ev.id != expect) {
		rc = rs_fail(RS_ERR_INVALID, "this terminal's last change is another now "
					     "('%s'): nothing undone",
			     ev.action);
		found = 0;
	}
	if (rc == RS_OK)
		rc = revert(db, &ev);
	int64_t by = 0;
	if (rc == RS_OK)
		rc = store_journal_mark_undone(db, ev.id, &by);
	/* In the words of the action undone: "undid: stakeholder.edit Karim
	 * Nasser (Red Cross): organization 'Red Cross' → 'Red Crescent'". */
	said summary = {0};
	if (found)
		said_add(&summary, "undid: %s%s%s", ev.action, ev.summary[0] ? " " : "", ev.summary);
	rc = rs_action_end(db, rc, "event", found ? ev.id : 0, summary.text);
	if (rc == RS_OK && undone) {
		*undone = ev;
		undone->undone_by = by;
	}
	return rc;
}

rs_status rs_undo_last_of(rs_db *db, const char *session, rs_event *undone)
{
	return undo(db, session, 0, undone);
}

rs_status rs_undo_event(rs_db *db, int64_t expect, rs_event *undone)
{
	return undo(db, NULL, expect, undone);
}
