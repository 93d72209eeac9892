/* The journal and undo: each kind of action reverted row for row, typed as
 * it was; this terminal's events only; refusals that change nothing. */
#include "testutil.h"

#include <sqlite3.h>

#include "rostrum/agenda.h"
#include "rostrum/journal.h"
#include "rostrum/meeting.h"
#include "rostrum/nomination.h"
#include "rostrum/outcome.h"
#include "rostrum/queue.h"
#include "rostrum/stakeholder.h"

#define T0 1652709600 /* 2022-05-16T14:00:00Z */

typedef struct {
	rs_db *db;
	int64_t item, item2;
	int64_t who[3];
} fixture;

static void as(const char *session)
{
	setenv("ROSTRUM_SESSION", session, 1);
}

/* The first column of sql's first row (with ?1 bound to arg), read through
 * a connection of its own: as an integer (-1 when no row, -2 when NULL) and
 * as text into *text (a static buffer, "" when none) if text is not NULL. */
static int64_t query(rs_db *db, const char *sql, int64_t arg, const char **text)
{
	static char buf[512];
	sqlite3 *h;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(rs_db_path(db), &h), SQLITE_OK);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_bind_parameter_count(st))
		sqlite3_bind_int64(st, 1, arg);
	int64_t v = -1;
	buf[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_type(st, 0) == SQLITE_NULL ? -2 : sqlite3_column_int64(st, 0);
		if (sqlite3_column_text(st, 0))
			snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	if (text)
		*text = buf;
	return v;
}

static int64_t q(rs_db *db, const char *sql, int64_t arg)
{
	return query(db, sql, arg, NULL);
}

static const char *qs(rs_db *db, const char *sql, int64_t arg)
{
	const char *text;
	query(db, sql, arg, &text);
	return text;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	tu_at(T0);
	as("registration-desk");
	f->db = tu_new_db();
	assert_int_equal(rs_meeting_init(f->db, "Hearing", "2022-05-16", NULL, NULL), RS_OK);
	rs_agenda_new item = {.code = "thematic-1", .title = "Thematic discussion I"};
	assert_int_equal(rs_agenda_add(f->db, &item, &f->item), RS_OK);
	rs_agenda_new item2 = {.code = "thematic-2", .title = "Thematic discussion II"};
	assert_int_equal(rs_agenda_add(f->db, &item2, &f->item2), RS_OK);
	f->who[0] = tu_person(f->db, "Ana Ruiz", "migrant", "ana@example.org");
	f->who[1] = tu_person(f->db, "Ben Okoro", "academia", "ben@example.org");
	f->who[2] = tu_person(f->db, "王芳", "media", "wang@example.org");
	as("moderator");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	rs_db_close(f->db);
	free(f);
	unsetenv("ROSTRUM_NOW");
	unsetenv("ROSTRUM_SESSION");
	return 0;
}

/* Undoes the newest action and checks the undo's own event. */
static void undo_ok(fixture *f, const char *action)
{
	rs_event ev;
	if (rs_undo_last(f->db, &ev) != RS_OK)
		fail_msg("undo %s: %s", action, rs_error());
	assert_string_equal(ev.action, action);
	assert_true(ev.undone_by > ev.id);
	assert_int_equal(q(f->db, "SELECT undone_by FROM event WHERE id = ?", ev.id), ev.undone_by);
	/* In the undone action's words: "undid: queue.add floor: Ana Ruiz". */
	char summary[RS_SUMMARY_MAX + 64];
	snprintf(summary, sizeof summary, "undid: %s%s%s", action, ev.summary[0] ? " " : "",
		 ev.summary);
	assert_string_equal(qs(f->db, "SELECT summary FROM event WHERE id = ?", ev.undone_by),
			    summary);
	assert_string_equal(qs(f->db, "SELECT object_type FROM event WHERE id = ?", ev.undone_by),
			    "event");
	assert_int_equal(q(f->db, "SELECT object_id FROM event WHERE id = ?", ev.undone_by), ev.id);
	assert_string_equal(qs(f->db, "SELECT session FROM event WHERE id = ?", ev.undone_by),
			    "moderator");
	/* The undo's own changes are journalled: as many as it reverted. */
	assert_int_equal(q(f->db, "SELECT count(*) FROM change WHERE event_id = ?", ev.undone_by),
			 q(f->db, "SELECT count(*) FROM change WHERE event_id = ?", ev.id));
}

static void undo_queue_add(void **state)
{
	fixture *f = *state;
	int64_t e;
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], NULL, &e), RS_OK);
	/* The journal is the record of each state and its time. */
	assert_string_equal(qs(f->db, "SELECT json_extract(new, '$.state') FROM change"
				      " WHERE tbl = 'queue_entry' AND row_id = ? AND op = 'insert'", e),
			    "waiting");
	undo_ok(f, "queue.add");
	assert_int_equal(q(f->db, "SELECT count(*) FROM queue_entry", 0), 0);
	assert_int_equal(q(f->db, "SELECT count(*) FROM queue_transition", 0), 0);
}

static void undo_queue_start(void **state)
{
	fixture *f = *state;
	int64_t e, now;
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], NULL, &e), RS_OK);
	tu_at(T0 + 60);
	assert_int_equal(rs_queue_start(f->db, f->item, &now), RS_OK);
	assert_int_equal(q(f->db, "SELECT started_at FROM agenda_item WHERE id = ?", f->item), T0 + 60);
	undo_ok(f, "queue.start");
	assert_string_equal(qs(f->db, "SELECT state FROM queue_entry WHERE id = ?", e), "waiting");
	assert_int_equal(q(f->db, "SELECT started_at FROM queue_entry WHERE id = ?", e), -2);
	assert_int_equal(q(f->db, "SELECT started_at FROM agenda_item WHERE id = ?", f->item), -2);
	/* Values keep their types: integers stay integers, NULL stays NULL. */
	assert_string_equal(qs(f->db, "SELECT typeof(state_changed_at) || typeof(started_at) ||"
				      " typeof(paused_seconds) FROM queue_entry WHERE id = ?", e),
			    "integernullinteger");
	assert_int_equal(q(f->db, "SELECT state_changed_at FROM queue_entry WHERE id = ?", e), T0);
	assert_string_equal(qs(f->db, "SELECT json_extract(new, '$.state') FROM change"
				      " WHERE tbl = 'queue_entry' AND row_id = ? ORDER BY id DESC LIMIT 1", e),
			    "waiting");
	/* And the list works as before: the floor can be given again. */
	assert_int_equal(rs_queue_start(f->db, f->item, &now), RS_OK);
	assert_int_equal(now, e);
}

static int count_cb(const rs_stakeholder *s, void *ctx)
{
	(void)s;
	++*(int *)ctx;
	return 0;
}

static void undo_stakeholder_add(void **state)
{
	fixture *f = *state;
	int64_t id = tu_person(f->db, "Zainab Haddad", "diaspora", "zainab@example.org");
	undo_ok(f, "stakeholder.add");
	assert_int_equal(q(f->db, "SELECT count(*) FROM stakeholder WHERE id = ?", id), 0);
	int n = 0; /* the search index followed */
	assert_int_equal(rs_stakeholder_window(f->db, "zainab", NULL, 10, count_cb, &n), RS_OK);
	assert_int_equal(n, 0);
}

static void undo_outcome_with_parties_and_objectives(void **state)
{
	fixture *f = *state;
	int64_t by[] = {f->who[0], f->who[1]}, id;
	int gcm[] = {2, 23};
	rs_outcome_new o = {.type = OUT_PLEDGE, .item_id = f->item, .text = "Fund a hotline",
			    .by = by, .n_by = 2, .gcm = gcm, .n_gcm = 2,
			    .pledge_type = "resources"};
	assert_int_equal(rs_outcome_add(f->db, &o, &id), RS_OK);
	assert_int_equal(q(f->db, "SELECT count(*) FROM outcome_party", 0), 2);
	undo_ok(f, "pledge.add");
	assert_int_equal(q(f->db, "SELECT count(*) FROM outcome", 0), 0);
	assert_int_equal(q(f->db, "SELECT count(*) FROM outcome_party", 0), 0);
	assert_int_equal(q(f->db, "SELECT count(*) FROM outcome_gcm", 0), 0);
}

static void undo_candidacy_moves_every_nomination_back(void **state)
{
	fixture *f = *state;
	int64_t n1, n2;
	assert_int_equal(rs_nominate(f->db, f->who[0], f->who[1], NULL, NULL, &n1), RS_OK);
	assert_int_equal(rs_nominate(f->db, f->who[0], f->who[2], NULL, NULL, &n2), RS_OK);
	assert_int_equal(rs_nomination_set(f->db, n1, NS_ACCEPTED), RS_OK);
	assert_int_equal(q(f->db, "SELECT count(*) FROM nomination WHERE state = 'accepted'", 0), 2);
	undo_ok(f, "nomination.set");
	assert_int_equal(q(f->db, "SELECT count(*) FROM nomination WHERE state = 'nominated'", 0), 2);
}

static void undo_agenda_open(void **state)
{
	fixture *f = *state;
	tu_at(T0 + 60);
	assert_int_equal(rs_meeting_open_item(f->db, f->item, RS_SPEECH_REFUSE, RS_EXPECT_ANY), RS_OK);
	tu_at(T0 + 120);
	assert_int_equal(rs_meeting_open_item(f->db, f->item2, RS_SPEECH_REFUSE, RS_EXPECT_ANY), RS_OK);
	undo_ok(f, "agenda.open");
	int64_t cur;
	assert_int_equal(rs_meeting_current_item(f->db, &cur), RS_OK);
	assert_int_equal(cur, f->item);
	assert_int_equal(q(f->db, "SELECT ended_at FROM agenda_item WHERE id = ?", f->item), -2);
	assert_int_equal(q(f->db, "SELECT started_at FROM agenda_item WHERE id = ?", f->item2), -2);
	undo_ok(f, "agenda.open");
	assert_int_equal(rs_meeting_current_item(f->db, &cur), RS_OK);
	assert_int_equal(cur, 0);
	assert_int_equal(q(f->db, "SELECT started_at FROM agenda_item WHERE id = ?", f->item), -2);
	assert_int_equal(q(f->db, "SELECT count(*) FROM meeting", 0), 1);
}

static void undo_queue_move(void **state)
{
	fixture *f = *state;
	int64_t a, b;
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], NULL, &a), RS_OK);
	tu_at(T0 + 1);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[1], NULL, &b), RS_OK);
	assert_int_equal(rs_queue_move(f->db, b, -1), RS_OK);
	assert_int_equal(q(f->db, "SELECT manual_rank FROM queue_entry WHERE id = ?", b), 1);
	undo_ok(f, "queue.move");
	assert_int_equal(q(f->db, "SELECT sum(manual_rank) FROM queue_entry", 0), 0);
	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(f->db, f->item, &v, &n), RS_OK);
	assert_int_equal(v[0].id, a);
	rs_queue_list_free(v, n);
}

static void undo_stakeholder_delete_brings_the_same_row_back(void **state)
{
	fixture *f = *state;
	as("registration-desk");
	int64_t id = tu_person(f->db, "Zainab Haddad", "diaspora", "zainab@example.org");
	as("moderator");
	const char *before_text;
	query(f->db, "SELECT json_object('name', name, 'email', email, 'registered_at',"
		     " registered_at, 'present', present) FROM stakeholder WHERE id = ?", id,
	      &before_text);
	char before[256];
	snprintf(before, sizeof before, "%s", before_text);
	assert_int_equal(rs_stakeholder_delete(f->db, id), RS_OK);
	assert_int_equal(q(f->db, "SELECT count(*) FROM stakeholder WHERE id = ?", id), 0);
	undo_ok(f, "stakeholder.delete");
	assert_string_equal(qs(f->db, "SELECT json_object('name', name, 'email', email,"
				      " 'registered_at', registered_at, 'present', present)"
				      " FROM stakeholder WHERE id = ?", id),
			    before);
	int n = 0; /* found by search again */
	assert_int_equal(rs_stakeholder_window(f->db, "haddad", NULL, 10, count_cb, &n), RS_OK);
	assert_int_equal(n, 1);
}

static void undo_outcome_delete_and_edit(void **state)
{
	fixture *f = *state;
	int64_t by[] = {f->who[0], f->who[2]}, id;
	int gcm[] = {7, 17};
	rs_outcome_new o = {.type = OUT_RECOMMENDATION, .item_id = f->item, .text = "Firewalls",
			    .by = by, .n_by = 2, .gcm = gcm, .n_gcm = 2};
	assert_int_equal(rs_outcome_add(f->db, &o, &id), RS_OK);
	assert_int_equal(rs_outcome_set_text(f->db, id, "Firewalls between services"), RS_OK);
	assert_int_equal(rs_outcome_delete(f->db, id), RS_OK);
	undo_ok(f, "outcome.delete");
	assert_int_equal(q(f->db, "SELECT count(*) FROM outcome_party WHERE outcome_id = ?", id), 2);
	assert_int_equal(q(f->db, "SELECT sum(objective) FROM outcome_gcm WHERE outcome_id = ?", id),
			 24);
	assert_string_equal(qs(f->db, "SELECT text FROM outcome WHERE id = ?", id),
			    "Firewalls between services");
	undo_ok(f, "outcome.edit");
	assert_string_equal(qs(f->db, "SELECT text FROM outcome WHERE id = ?", id), "Firewalls");
}

static void undo_twice_then_nothing(void **state)
{
	fixture *f = *state;
	int64_t a, b;
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], NULL, &a), RS_OK);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[1], NULL, &b), RS_OK);
	undo_ok(f, "queue.add");
	assert_int_equal(q(f->db, "SELECT count(*) FROM queue_entry WHERE id = ?", b), 0);
	assert_int_equal(q(f->db, "SELECT count(*) FROM queue_entry WHERE id = ?", a), 1);
	undo_ok(f, "queue.add");
	assert_int_equal(q(f->db, "SELECT count(*) FROM queue_entry", 0), 0);
	int64_t events = q(f->db, "SELECT count(*) FROM event", 0);
	assert_int_equal(rs_undo_last(f->db, NULL), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "nothing to undo"));
	assert_int_equal(q(f->db, "SELECT count(*) FROM event", 0), events);
}

/* What u asks about is what it undoes: rs_undo_next names the change and
 * changes nothing; rs_undo_event of it is refused once another change of
 * this terminal took its place, and undoes it while it is the last. */
static void undo_what_was_asked_about_only(void **state)
{
	fixture *f = *state;
	int64_t a, b;
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], NULL, &a), RS_OK);
	rs_event next;
	int64_t events = q(f->db, "SELECT count(*) FROM event", 0);
	assert_int_equal(rs_undo_next(f->db, &next), RS_OK);
	assert_string_equal(next.action, "queue.add");
	assert_int_equal(q(f->db, "SELECT count(*) FROM event", 0), events);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[1], NULL, &b), RS_OK);
	events = q(f->db, "SELECT count(*) FROM event", 0);
	assert_int_equal(rs_undo_event(f->db, next.id, NULL), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "nothing undone"));
	assert_int_equal(q(f->db, "SELECT count(*) FROM event", 0), events);
	assert_int_equal(q(f->db, "SELECT count(*) FROM queue_entry", 0), 2);
	assert_int_equal(rs_undo_next(f->db, &next), RS_OK);
	assert_int_equal(rs_undo_event(f->db, next.id, NULL), RS_OK);
	assert_int_equal(q(f->db, "SELECT count(*) FROM queue_entry WHERE id = ?", b), 0);
}

static void another_terminals_events_are_left_alone(void **state)
{
	fixture *f = *state;
	int64_t mine, theirs;
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], NULL, &mine), RS_OK);
	as("note-taker");
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[1], NULL, &theirs), RS_OK);
	as("moderator");
	undo_ok(f, "queue.add");
	assert_int_equal(q(f->db, "SELECT count(*) FROM queue_entry WHERE id = ?", mine), 0);
	assert_int_equal(q(f->db, "SELECT count(*) FROM queue_entry WHERE id = ?", theirs), 1);
	/* The setup's stakeholders were the registration desk's, not ours. */
	assert_int_equal(rs_undo_last(f->db, NULL), RS_ERR_INVALID);
	assert_int_equal(q(f->db, "SELECT count(*) FROM stakeholder", 0), 3);
}

static void changed_since_by_someone_else_is_refused(void **state)
{
	fixture *f = *state;
	int64_t e, now;
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], NULL, &e), RS_OK);
	as("chair");
	assert_int_equal(rs_queue_start(f->db, f->item, &now), RS_OK);
	as("moderator");
	int64_t events = q(f->db, "SELECT count(*) FROM event", 0);
	assert_int_equal(rs_undo_last(f->db, NULL), RS_ERR_INVALID);
	/* Said in words: what the action did, and what changed since, whose
	 * request on which item as the journal's lines name it ("queue entry
	 * 8" named a row). */
	assert_non_null(strstr(rs_error(), "nothing undone: 'floor: "));
	assert_non_null(strstr(rs_error(), "(Ana Ruiz's request on 'Thematic discussion I' "
					   "changed since)"));
	assert_null(strstr(rs_error(), "queue entry"));
	assert_int_equal(q(f->db, "SELECT count(*) FROM event", 0), events);
	assert_string_equal(qs(f->db, "SELECT state FROM queue_entry WHERE id = ?", e), "speaking");
	assert_int_equal(q(f->db, "SELECT count(*) FROM event WHERE undone_by IS NOT NULL", 0), 0);
}

static void a_row_others_now_refer_to_stays(void **state)
{
	fixture *f = *state;
	int64_t id = tu_person(f->db, "Zainab Haddad", "diaspora", "zainab@example.org"), e;
	as("chair");
	assert_int_equal(rs_queue_add(f->db, f->item, id, NULL, &e), RS_OK);
	as("moderator");
	assert_int_equal(rs_undo_last(f->db, NULL), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "nothing undone: '"));
	assert_int_equal(q(f->db, "SELECT count(*) FROM stakeholder WHERE id = ?", id), 1);
}

static void window_newest_first_in_pages(void **state)
{
	fixture *f = *state;
	int64_t e;
	tu_at(T0 + 1);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], NULL, &e), RS_OK);
	tu_at(T0 + 2);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[1], "point_of_order", &e), RS_OK);
	assert_int_equal(rs_undo_last(f->db, NULL), RS_OK);

	rs_event w[3];
	size_t n;
	assert_int_equal(rs_journal_window(f->db, 0, 3, w, &n), RS_OK);
	assert_int_equal(n, 3);
	assert_string_equal(w[0].action, "undo");
	assert_string_equal(w[0].summary, "undid: queue.add point of order: Ben Okoro on "
					    "'Thematic discussion I'");
	assert_string_equal(w[0].object_type, "event");
	assert_int_equal(w[0].object_id, w[1].id);
	assert_string_equal(w[1].action, "queue.add");
	assert_string_equal(w[1].summary, /* what, who, and on which item */
			    "point of order: Ben Okoro on 'Thematic discussion I'");
	assert_int_equal(w[1].undone_by, w[0].id);
	assert_int_equal(w[1].at, T0 + 2);
	assert_string_equal(w[1].session, "moderator");
	assert_string_equal(w[1].user, rs_os_user());
	assert_int_equal(w[2].undone_by, 0);
	assert_true(w[0].id > w[1].id && w[1].id > w[2].id);

	/* The next page starts below the last id seen; it ends with the first. */
	int64_t total = q(f->db, "SELECT count(*) FROM event", 0), seen = 3;
	rs_event more[4];
	for (int64_t before = w[2].id; before > 0;) {
		assert_int_equal(rs_journal_window(f->db, before, 4, more, &n), RS_OK);
		for (size_t i = 0; i < n; i++)
			assert_true(more[i].id < before && (i == 0 || more[i].id < more[i - 1].id));
		seen += (int64_t)n;
		before = n == 4 ? more[3].id : 0;
	}
	assert_int_equal(seen, total);
	assert_string_equal(more[n - 1].action, "meeting.init");
	assert_string_equal(more[n - 1].session, "registration-desk");
}

static void session_id_is_made_once(void **state)
{
	(void)state;
	unsetenv("ROSTRUM_SESSION");
	char first[96];
	snprintf(first, sizeof first, "%s", rs_session_id());
	assert_string_equal(rs_session_id(), first);
	assert_non_null(strchr(first, '@'));
	assert_int_equal(strncmp(first, rs_os_user(), strlen(rs_os_user())), 0);
	/* The terminal's, so a TUI and the commands typed beside it are one
	 * session; a script's commands share their parent's. */
	char where[160];
	const char *tty = isatty(0) ? ttyname(0) : isatty(1) ? ttyname(1) : isatty(2) ? ttyname(2) : NULL;
	if (tty)
		snprintf(where, sizeof where, ":%s", tty);
	else
		snprintf(where, sizeof where, ":pid %ld", (long)getppid());
	assert_non_null(strstr(first, where));
	as("projector");
	assert_string_equal(rs_session_id(), "projector");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(undo_queue_add, setup, teardown),
		cmocka_unit_test_setup_teardown(undo_queue_start, setup, teardown),
		cmocka_unit_test_setup_teardown(undo_stakeholder_add, setup, teardown),
		cmocka_unit_test_setup_teardown(undo_outcome_with_parties_and_objectives, setup,
						teardown),
		cmocka_unit_test_setup_teardown(undo_candidacy_moves_every_nomination_back, setup,
						teardown),
		cmocka_unit_test_setup_teardown(undo_agenda_open, setup, teardown),
		cmocka_unit_test_setup_teardown(undo_queue_move, setup, teardown),
		cmocka_unit_test_setup_teardown(undo_stakeholder_delete_brings_the_same_row_back,
						setup, teardown),
		cmocka_unit_test_setup_teardown(undo_outcome_delete_and_edit, setup, teardown),
		cmocka_unit_test_setup_teardown(undo_twice_then_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(undo_what_was_asked_about_only, setup, teardown),
		cmocka_unit_test_setup_teardown(another_terminals_events_are_left_alone, setup,
						teardown),
		cmocka_unit_test_setup_teardown(changed_since_by_someone_else_is_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_row_others_now_refer_to_stays, setup, teardown),
		cmocka_unit_test_setup_teardown(window_newest_first_in_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(session_id_is_made_once, setup, teardown),
	};
	return cmocka_run_group_tests_name("journal", tests, NULL, NULL);
}
