/* What changed since a screen last looked (watch.h), read from the journal
 * on a real database: each action names what it touched and the items
 * whose lists it is on, whoever made it; nothing is reported twice; a
 * commit the journal cannot explain, or too many at once, is everything. */
#include "testutil.h"

#include <sqlite3.h>

#include "rostrum/agenda.h"
#include "rostrum/import.h"
#include "rostrum/journal.h"
#include "rostrum/meeting.h"
#include "rostrum/outcome.h"
#include "rostrum/queue.h"
#include "rostrum/watch.h"

typedef struct {
	rs_db *db;
	int64_t item[2];
	int64_t who[3];
	rs_watch w;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->db = tu_new_db();
	assert_int_equal(rs_meeting_init(f->db, "Hearing", "2022-05-16", NULL, NULL), RS_OK);
	rs_agenda_new a = {.code = "t1", .title = "Thematic I"}, b = {.code = "t2", .title = "II"};
	assert_int_equal(rs_agenda_add(f->db, &a, &f->item[0]), RS_OK);
	assert_int_equal(rs_agenda_add(f->db, &b, &f->item[1]), RS_OK);
	f->who[0] = tu_person(f->db, "Ana Ruiz", "migrant", "ana@example.org");
	f->who[1] = tu_person(f->db, "Ben Okoro", "academia", "ben@example.org");
	f->who[2] = tu_person(f->db, "王芳", "media", "wang@example.org");
	assert_int_equal(rs_watch_start(f->db, &f->w), RS_OK);
	*state = f;
	return 0;
}

static rs_changes poll(fixture *f)
{
	rs_changes c;
	assert_int_equal(rs_watch_poll(f->db, &f->w, &c), RS_OK);
	return c;
}

/* Each action here: what it touched, which lists, and then nothing more. */
static void each_action_names_what_it_touched(void **state)
{
	fixture *f = *state;
	rs_changes c = poll(f);
	assert_int_equal(c.what, 0);
	int64_t e;
	assert_int_equal(rs_queue_add(f->db, f->item[1], f->who[0], NULL, &e), RS_OK);
	c = poll(f);
	assert_int_equal(c.what, RS_CHANGED_QUEUE);
	assert_false(c.all_items);
	assert_true(rs_changes_item(&c, f->item[1]));
	assert_false(rs_changes_item(&c, f->item[0]));
	assert_int_equal(poll(f).what, 0); /* reported once */

	int64_t next;
	assert_int_equal(rs_queue_start(f->db, f->item[1], &next), RS_OK);
	c = poll(f); /* the item opened too */
	assert_true(c.what & RS_CHANGED_QUEUE);
	assert_true(rs_changes_item(&c, f->item[1]) && !rs_changes_item(&c, f->item[0]));

	/* Someone on item 2's list checks in: the roster, and that list. */
	assert_int_equal(rs_stakeholder_checkin(f->db, f->who[0], 1), RS_OK);
	c = poll(f);
	assert_int_equal(c.what, RS_CHANGED_ROSTER);
	assert_true(rs_changes_item(&c, f->item[1]) && !rs_changes_item(&c, f->item[0]));
	/* Someone on no list: the roster alone. */
	assert_int_equal(rs_stakeholder_checkin(f->db, f->who[1], 1), RS_OK);
	c = poll(f);
	assert_int_equal(c.what, RS_CHANGED_ROSTER);
	assert_int_equal(c.n_items, 0);
	assert_false(c.all_items);

	assert_int_equal(rs_meeting_set_policy(f->db, POLICY_FIRST_TIME), RS_OK);
	assert_int_equal(poll(f).what, RS_CHANGED_MEETING);
	rs_agenda_new more = {.code = "t3", .title = "III"};
	int64_t item;
	assert_int_equal(rs_agenda_add(f->db, &more, &item), RS_OK);
	assert_int_equal(poll(f).what, RS_CHANGED_AGENDA);
	rs_outcome_new o = {.type = OUT_NOTE, .item_id = f->item[0], .text = "A point"};
	int64_t id;
	assert_int_equal(rs_outcome_add(f->db, &o, &id), RS_OK);
	assert_int_equal(poll(f).what, RS_CHANGED_OUTCOMES);
	/* Undo is an action too: what it reverted changed again. */
	rs_event ev;
	assert_int_equal(rs_undo_last(f->db, &ev), RS_OK);
	assert_int_equal(poll(f).what, RS_CHANGED_OUTCOMES);
	/* Two actions between looks: both. */
	assert_int_equal(rs_queue_add(f->db, f->item[0], f->who[2], NULL, &e), RS_OK);
	assert_int_equal(rs_stakeholder_checkin(f->db, f->who[2], 1), RS_OK);
	c = poll(f);
	assert_int_equal(c.what, RS_CHANGED_QUEUE | RS_CHANGED_ROSTER);
	assert_true(rs_changes_item(&c, f->item[0]) && !rs_changes_item(&c, f->item[1]));
}

/* An entry moved to another item leaves a list and joins one: both
 * changed.  A speech carried over to the item opened, then a request to
 * speak a re-import of the registration file moves. */
static void a_moved_entry_changes_both_lists(void **state)
{
	fixture *f = *state;
	int64_t e, now_speaking;
	assert_int_equal(rs_queue_add(f->db, f->item[0], f->who[1], NULL, &e), RS_OK);
	assert_int_equal(rs_queue_start(f->db, f->item[0], &now_speaking), RS_OK);
	rs_changes c = poll(f);
	assert_int_equal(rs_meeting_open_item(f->db, f->item[1], RS_SPEECH_CARRY, now_speaking),
			 RS_OK);
	c = poll(f);
	assert_true(c.what & RS_CHANGED_QUEUE);
	assert_false(c.all_items);
	assert_true(rs_changes_item(&c, f->item[0]) && rs_changes_item(&c, f->item[1]));

	const char *path = tu_path("form.csv");
	rs_import_stats stats;
	for (int i = 0; i < 2; i++) {
		FILE *csv = fopen(path, "w");
		assert_non_null(csv);
		fprintf(csv, "name,sector,email,wants_to_speak,speak_on\n"
			     "Ana Ruiz,migrant,ana@example.org,yes,%s\n", i ? "t2" : "t1");
		assert_int_equal(fclose(csv), 0);
		FILE *err = tmpfile();
		assert_int_equal(rs_import_roster(f->db, path, 0, err, &stats), RS_OK);
		fclose(err);
		c = poll(f);
		assert_true(c.what & RS_CHANGED_QUEUE);
		assert_false(c.all_items);
		assert_true(rs_changes_item(&c, f->item[0]));
		assert_int_equal(rs_changes_item(&c, f->item[1]), i);
	}
	assert_int_equal(stats.moved, 1);
}

/* Another terminal's action is seen the same way; its commit moves the
 * file (rs_watch_moved) until this screen looks. */
static void another_connection_is_seen(void **state)
{
	fixture *f = *state;
	rs_db *other;
	assert_int_equal(rs_db_open(rs_db_path(f->db), &other), RS_OK);
	assert_false(rs_watch_moved(f->db, &f->w));
	int64_t e;
	assert_int_equal(rs_queue_add(other, f->item[0], f->who[1], NULL, &e), RS_OK);
	assert_true(rs_watch_moved(f->db, &f->w));
	rs_changes c = poll(f);
	assert_int_equal(c.what, RS_CHANGED_QUEUE);
	assert_true(rs_changes_item(&c, f->item[0]) && !rs_changes_item(&c, f->item[1]));
	assert_false(rs_watch_moved(f->db, &f->w));
	rs_db_close(other);
}

/* A commit that leaves no word in the journal, and a burst longer than a
 * screen would read change by change: everything. */
static void what_the_journal_cannot_say_is_everything(void **state)
{
	fixture *f = *state;
	sqlite3 *h;
	assert_int_equal(sqlite3_open(rs_db_path(f->db), &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "DROP TRIGGER journal_agenda_item_update;"
					 "UPDATE agenda_item SET title = 'Renamed' WHERE code = 't1'",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	rs_changes c = poll(f);
	assert_int_equal(c.what, RS_CHANGED_ALL);
	assert_true(c.all_items);
	/* An import of 300 people: one action, 300 rows of the journal. */
	const char *path = tu_path("many.csv");
	FILE *csv = fopen(path, "w");
	assert_non_null(csv);
	fputs("name,sector,email\n", csv);
	for (int i = 0; i < 300; i++)
		fprintf(csv, "Person %d,media,p%d@example.org\n", i, i);
	assert_int_equal(fclose(csv), 0);
	rs_import_stats stats;
	FILE *err = tmpfile();
	assert_int_equal(rs_import_roster(f->db, path, 0, err, &stats), RS_OK);
	fclose(err);
	c = poll(f);
	assert_int_equal(c.what, RS_CHANGED_ALL);
	assert_int_equal(poll(f).what, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(each_action_names_what_it_touched, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(a_moved_entry_changes_both_lists, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(another_connection_is_seen, setup, tu_teardown),
		cmocka_unit_test_setup_teardown(what_the_journal_cannot_say_is_everything, setup,
						tu_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
