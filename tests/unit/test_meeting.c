/* The meeting's current item: opening items in turn, their actual times. */
#include "testutil.h"

#include "rostrum/agenda.h"
#include "rostrum/meeting.h"
#include "rostrum/queue.h"

#define T0 1652709600 /* 2022-05-16T14:00:00Z */

typedef struct {
	rs_db *db;
	int64_t item[2];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	tu_at(T0);
	f->db = tu_new_db();
	assert_int_equal(rs_meeting_init(f->db, "Hearing", "2022-05-16", NULL, NULL), RS_OK);
	rs_agenda_new a = {.code = "opening", .title = "Opening segment", .start = "10:00",
			   .end = "10:30"};
	rs_agenda_new b = {.code = "thematic-1", .title = "Thematic discussion I"};
	assert_int_equal(rs_agenda_add(f->db, &a, &f->item[0]), RS_OK);
	assert_int_equal(rs_agenda_add(f->db, &b, &f->item[1]), RS_OK);
	*state = f;
	return 0;
}


static void times(fixture *f, int64_t id, int64_t *started, int64_t *ended)
{
	rs_agenda_item it;
	assert_int_equal(rs_agenda_get(f->db, id, &it), RS_OK);
	*started = it.started_at;
	*ended = it.ended_at;
	rs_agenda_item_clear(&it);
}

static void opening_items_in_turn(void **state)
{
	fixture *f = *state;
	int64_t cur = -1, s, e;
	assert_int_equal(rs_meeting_current_item(f->db, &cur), RS_OK);
	assert_int_equal(cur, 0);

	tu_at(T0 + 60);
	assert_int_equal(rs_meeting_open_item(f->db, f->item[0], RS_SPEECH_REFUSE, RS_EXPECT_ANY), RS_OK);
	assert_int_equal(rs_meeting_current_item(f->db, &cur), RS_OK);
	assert_int_equal(cur, f->item[0]);
	times(f, f->item[0], &s, &e);
	assert_int_equal(s, T0 + 60);
	assert_int_equal(e, -1);

	tu_at(T0 + 1800);
	assert_int_equal(rs_meeting_open_item(f->db, f->item[1], RS_SPEECH_REFUSE, RS_EXPECT_ANY), RS_OK);
	times(f, f->item[0], &s, &e);
	assert_int_equal(s, T0 + 60);
	assert_int_equal(e, T0 + 1800);
	times(f, f->item[1], &s, &e);
	assert_int_equal(s, T0 + 1800);

	rs_meeting m;
	assert_int_equal(rs_meeting_get(f->db, &m), RS_OK);
	assert_int_equal(m.current_item, f->item[1]);
	rs_meeting_clear(&m);

	/* Back to the opening: it runs again from its first start. */
	tu_at(T0 + 2000);
	assert_int_equal(rs_meeting_open_item(f->db, f->item[0], RS_SPEECH_REFUSE, RS_EXPECT_ANY), RS_OK);
	times(f, f->item[0], &s, &e);
	assert_int_equal(s, T0 + 60);
	assert_int_equal(e, -1);
	times(f, f->item[1], &s, &e);
	assert_int_equal(e, T0 + 2000);
}

static void unknown_and_current_items_are_refused(void **state)
{
	fixture *f = *state;
	int64_t cur;
	assert_int_equal(rs_meeting_open_item(f->db, 999, RS_SPEECH_REFUSE, RS_EXPECT_ANY), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "no agenda item 999");
	assert_int_equal(rs_meeting_open_item(f->db, 0, RS_SPEECH_REFUSE, RS_EXPECT_ANY), RS_ERR_INVALID);
	assert_int_equal(rs_meeting_open_item(f->db, f->item[1], RS_SPEECH_REFUSE, RS_EXPECT_ANY), RS_OK);
	assert_int_equal(rs_meeting_open_item(f->db, f->item[1], RS_SPEECH_REFUSE, RS_EXPECT_ANY), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "'Thematic discussion I' is already the current item");
	assert_int_equal(rs_meeting_current_item(f->db, &cur), RS_OK);
	assert_int_equal(cur, f->item[1]);
}

/* The question named one speaker; another was called meanwhile: ending
 * "the speech going on" with the item is refused, nothing changed. */
static void a_speech_ended_with_the_item_is_the_one_asked_about(void **state)
{
	fixture *f = *state;
	int64_t entry[2], now_speaking, s, e;
	for (int i = 0; i < 2; i++) {
		int64_t who = tu_person(f->db, i ? "Ben Okoro" : "Ana Ruiz", "academia",
					i ? "ben@example.org" : "ana@example.org");
		assert_int_equal(rs_queue_add(f->db, f->item[1], who, "floor", &entry[i]), RS_OK);
	}
	assert_int_equal(rs_queue_start(f->db, f->item[1], &now_speaking), RS_OK);
	assert_int_equal(now_speaking, entry[0]);
	int64_t asked = entry[0];
	assert_int_equal(rs_queue_next(f->db, f->item[1], &now_speaking), RS_OK); /* elsewhere */
	assert_int_equal(rs_meeting_close_item(f->db, f->item[1], RS_SPEECH_END, asked),
			 RS_ERR_INVALID);
	assert_string_equal(rs_error(), "the floor changed meanwhile: Ben Okoro (entry 2) speaks "
					"now; nothing done");
	times(f, f->item[1], &s, &e);
	assert_int_equal(e, -1);
	assert_int_equal(rs_meeting_open_item(f->db, f->item[0], RS_SPEECH_CARRY, asked),
			 RS_ERR_INVALID);
	int64_t cur;
	assert_int_equal(rs_meeting_current_item(f->db, &cur), RS_OK);
	assert_int_equal(cur, f->item[1]);
	/* Asked about Ben, it is done. */
	assert_int_equal(rs_meeting_close_item(f->db, f->item[1], RS_SPEECH_END, entry[1]), RS_OK);
	times(f, f->item[1], &s, &e);
	assert_true(e > 0);
}

/* What the floor's state says, read and in words, at each turn of the
 * day: before any item, in a break (its end, else the next item's start,
 * and the item after it), the floor open and held, and when all ended. */
static void said(fixture *f, const char *brief, const char *sentence)
{
	rs_floor_state st;
	char b[64], s[RS_SUMMARY_MAX];
	assert_int_equal(rs_floor_state_read(f->db, &st), RS_OK);
	rs_floor_brief(&st, b, sizeof b);
	rs_floor_said(&st, s, sizeof s);
	assert_string_equal(b, brief);
	assert_string_equal(s, sentence);
	assert_true(strlen(b) <= 14);
}

static void the_floor_is_said_as_it_is(void **state)
{
	fixture *f = *state;
	int64_t lunch, tea, after, entry, id;
	rs_agenda_new l = {.code = "lunch", .title = "Lunch", .kind = "break", .start = "12:00",
			   .end = "13:00"};
	rs_agenda_new t = {.title = "Tea", .kind = "break"};
	rs_agenda_new a = {.code = "thematic-2", .title = "Thematic discussion II",
			   .start = "13:30"};
	assert_int_equal(rs_agenda_add(f->db, &l, &lunch), RS_OK);
	assert_int_equal(rs_agenda_add(f->db, &t, &tea), RS_OK);
	assert_int_equal(rs_agenda_add(f->db, &a, &after), RS_OK);
	said(f, "no item live", "No item is live yet; next: opening Opening segment, at 10:00");
	rs_floor_state st;
	int64_t who = tu_person(f->db, "Ana Ruiz", "academia", "ana@example.org");
	assert_int_equal(rs_queue_add(f->db, f->item[0], who, "floor", &entry), RS_OK);
	assert_int_equal(rs_floor_state_read(f->db, &st), RS_OK);
	assert_int_equal(st.next_id, f->item[0]);
	assert_int_equal(st.next_waiting, 1);

	assert_int_equal(rs_meeting_open_item(f->db, lunch, RS_SPEECH_REFUSE, RS_EXPECT_ANY), RS_OK);
	said(f, "break to 13:00", "A break until 13:00: nobody takes the floor; next: thematic-2 "
				  "Thematic discussion II");
	/* A break with no planned end lasts until the next item's start. */
	assert_int_equal(rs_meeting_open_item(f->db, tea, RS_SPEECH_REFUSE, RS_EXPECT_ANY), RS_OK);
	said(f, "break to 13:30", "A break until 13:30: nobody takes the floor; next: thematic-2 "
				  "Thematic discussion II");

	assert_int_equal(rs_meeting_open_item(f->db, f->item[0], RS_SPEECH_REFUSE, RS_EXPECT_ANY),
			 RS_OK);
	said(f, "floor open", "The floor is open");
	assert_int_equal(rs_queue_start(f->db, f->item[0], &id), RS_OK);
	said(f, "floor held", "Ana Ruiz has the floor");
	assert_int_equal(rs_meeting_close_item(f->db, f->item[0], RS_SPEECH_END, RS_EXPECT_ANY),
			 RS_OK);
	/* Closed, the opening is not run again: the next is the first not
	 * ended. */
	said(f, "no item live", "No item is live yet; next: thematic-1 Thematic discussion I");
	int64_t rest[] = {f->item[1], after};
	for (int i = 0; i < 2; i++) {
		assert_int_equal(rs_meeting_open_item(f->db, rest[i], RS_SPEECH_REFUSE,
						      RS_EXPECT_ANY), RS_OK);
		assert_int_equal(rs_meeting_close_item(f->db, rest[i], RS_SPEECH_REFUSE,
						       RS_EXPECT_ANY), RS_OK);
	}
	said(f, "no item live", "No item is live, and none is left to run");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(opening_items_in_turn, setup, tu_teardown),
		cmocka_unit_test_setup_teardown(unknown_and_current_items_are_refused, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(a_speech_ended_with_the_item_is_the_one_asked_about,
						setup, tu_teardown),
		cmocka_unit_test_setup_teardown(the_floor_is_said_as_it_is, setup, tu_teardown),
	};
	return cmocka_run_group_tests_name("meeting", tests, NULL, NULL);
}
