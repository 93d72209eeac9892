/* Pacing: the time left in an item, the people waiting, the time each
 * from the floor could have once the programme's speakers have had their
 * own, and what calling the next speaker offers (the floor's time rounded
 * down to 15 s, never below 1:00, none past the planned end nor while the
 * programme alone runs over), worked out by hand. */
#include "testutil.h"

#include "rostrum/agenda.h"
#include "rostrum/balance.h"
#include "rostrum/journal.h"
#include "rostrum/meeting.h"
#include "rostrum/queue.h"

#define T0 1652709600 /* 2022-05-16T14:00:00Z; the item runs 14:00-15:00 UTC */

/* The figures as read, everyone from the floor; the core works out the
 * rest (rs_pacing_advance by nothing). */
static rs_pacing pace(int planned, int64_t left, int waiting, int floor_seconds)
{
	rs_pacing p = {.planned = planned, .left = left, .waiting = waiting,
		       .floor_waiting = waiting, .floor_seconds = floor_seconds};
	rs_pacing_advance(&p, 0);
	return p;
}

/* The same with `programme` of those waiting programme speakers whose own
 * time is `seconds` in all. */
static rs_pacing pace_programme(int64_t left, int waiting, int programme, int64_t seconds,
				int floor_seconds)
{
	rs_pacing p = {.planned = 1, .left = left, .waiting = waiting,
		       .programme_waiting = programme, .programme_seconds = seconds,
		       .floor_waiting = waiting - programme, .floor_seconds = floor_seconds};
	rs_pacing_advance(&p, 0);
	return p;
}

static void offer_rounds_down_to_a_step_never_below_the_minimum(void **state)
{
	(void)state;
	/* 25:00 left, 14 waiting: 107 s each, 1:45 offered against 3:00. */
	rs_pacing p = pace(1, 1500, 14, 180);
	assert_int_equal(p.each, 107);
	assert_int_equal(rs_pacing_offer(&p), 105);
	/* 10:00 left, 20 waiting: 30 s each, but never below 1:00. */
	p = pace(1, 600, 20, 180);
	assert_int_equal(rs_pacing_offer(&p), RS_PACING_MIN);
	/* Past the planned end nothing ends the item on time: no offer. */
	p = pace(1, -30, 3, 180);
	assert_int_equal(p.each, 0);
	assert_int_equal(rs_pacing_offer(&p), 0);
	p = pace(1, 0, 3, 180);
	assert_int_equal(rs_pacing_offer(&p), 0);
	/* One second left: the minimum. */
	p = pace(1, 1, 3, 180);
	assert_int_equal(rs_pacing_offer(&p), RS_PACING_MIN);
	/* The floor's time already ends the item on time: nothing to offer. */
	p = pace(1, 3600, 10, 180);
	assert_int_equal(rs_pacing_offer(&p), 0);
	/* 2:59 each against 3:00: 2:45, the step below. */
	p = pace(1, 179 * 4, 4, 180);
	assert_int_equal(rs_pacing_offer(&p), 165);
	/* At the minimum already, nobody waiting, no planned end: nothing. */
	p = pace(1, 100, 4, 60);
	assert_int_equal(rs_pacing_offer(&p), 0);
	p = pace(1, 100, 0, 180);
	assert_int_equal(rs_pacing_offer(&p), 0);
	p = pace(0, 0, 5, 180);
	assert_int_equal(rs_pacing_offer(&p), 0);
}

/* The demo's thematic discussion I: 17 waiting, 7 of them panellists
 * with 5:00 each (35:00), 10 from the floor at 3:00. */
static void programme_speakers_keep_their_own_time(void **state)
{
	(void)state;
	/* 51:40 left: 3100 - 2100 = 1000 s for the floor's 10, 100 s each;
	 * 1:30 offered (everyone's 3100 / 17 = 182 s offered nothing). */
	rs_pacing p = pace_programme(3100, 17, 7, 2100, 180);
	assert_int_equal(p.each, 100);
	assert_int_equal(p.programme_over, 0);
	assert_int_equal(rs_pacing_offer(&p), 90);
	/* 28:20 left: the programme alone runs 2100 - 1700 = 400 s over; no
	 * floor time ends the item on time, none is offered (everyone's 1700 /
	 * 17 = 100 s offered 1:30). */
	p = pace_programme(1700, 17, 7, 2100, 180);
	assert_int_equal(p.each, 0);
	assert_int_equal(p.programme_over, 400);
	assert_int_equal(rs_pacing_offer(&p), 0);
	/* The programme fills the time left to the second: nothing for the
	 * floor, nothing offered, nothing over. */
	p = pace_programme(2100, 17, 7, 2100, 180);
	assert_int_equal(p.each, 0);
	assert_int_equal(p.programme_over, 0);
	assert_int_equal(rs_pacing_offer(&p), 0);
	/* Only the programme waits: nobody's time to shorten. */
	p = pace_programme(3100, 7, 7, 2100, 180);
	assert_int_equal(p.each, 0);
	assert_int_equal(rs_pacing_offer(&p), 0);
	/* One second for the floor's 10: the minimum, as with no programme. */
	p = pace_programme(2101, 17, 7, 2100, 180);
	assert_int_equal(p.each, 0);
	assert_int_equal(rs_pacing_offer(&p), RS_PACING_MIN);
}

static void advance_counts_the_clock_down(void **state)
{
	(void)state;
	rs_pacing p = pace(1, 1500, 14, 180);
	rs_pacing_advance(&p, 100);
	assert_int_equal(p.left, 1400);
	assert_int_equal(p.each, 100);
	rs_pacing_advance(&p, 1500);
	assert_int_equal(p.left, -100);
	assert_int_equal(p.each, 0);
	/* No planned end: nothing to count. */
	p = pace(0, 0, 3, 180);
	rs_pacing_advance(&p, 60);
	assert_int_equal(p.left, 0);
	assert_int_equal(p.each, 0);
	/* The programme's 35:00 and 10 from the floor: at 51:40 left 100 s
	 * each; 23:20 later (28:20 left) the programme alone runs 6:40 over,
	 * at the planned end all of its 35:00; past it the item's own overrun
	 * is what counts. */
	p = pace_programme(3100, 17, 7, 2100, 180);
	rs_pacing_advance(&p, 1400);
	assert_int_equal(p.each, 0);
	assert_int_equal(p.programme_over, 400);
	rs_pacing_advance(&p, 1700);
	assert_int_equal(p.left, 0);
	assert_int_equal(p.programme_over, 2100);
	rs_pacing_advance(&p, 1);
	assert_int_equal(p.programme_over, 0);
	assert_int_equal(rs_pacing_offer(&p), 0);
}

/* A new meeting at T0 with one item, t1, 14:00-15:00 (*item); the test
 * closes it. */
static rs_db *item_at_t0(int64_t *item)
{
	tu_at(T0);
	rs_db *db = tu_new_db();
	assert_int_equal(rs_meeting_init(db, "Hearing", "2022-05-16", NULL, NULL), RS_OK);
	rs_agenda_new in = {.code = "t1", .title = "Thematic I", .start = "14:00", .end = "15:00"};
	assert_int_equal(rs_agenda_add(db, &in, item), RS_OK);
	return db;
}

/* At 14:00 a new meeting with item t1 (14:00-15:00 UTC), and names[i]
 * queued on it as kinds[i] (NULL: from the floor) for i < queued, the rest
 * on the roster only; their ids in who.  The caller closes the database. */
static rs_db *hearing(const char *const *names, const char *const *kinds, int n, int queued,
		      int64_t *item, int64_t *who)
{
	rs_db *db = item_at_t0(item);
	for (int i = 0; i < n; i++) {
		char email[32];
		int64_t e;
		snprintf(email, sizeof email, "p%d@example.org", i);
		who[i] = tu_person(db, names[i], "academia", email);
		if (i < queued)
			assert_int_equal(rs_queue_add(db, *item, who[i], kinds[i], &e), RS_OK);
	}
	return db;
}

/* On a real database: three waiting from the floor and a point of order
 * (not counted), the item to 15:00, at 14:50: 600 s / 3 = 200 s each. */
static void pacing_of_an_item_and_its_floor_time(void **state)
{
	(void)state;
	const char *names[] = {"Ana", "Ben", "Chloé", "Dan"};
	const char *kinds[] = {NULL, NULL, NULL, "point_of_order"};
	int64_t item, who[4];
	rs_db *db = hearing(names, kinds, 4, 4, &item, who);
	rs_pacing p;
	assert_int_equal(rs_pacing_get(db, item, T0 + 3000, &p), RS_OK);
	assert_true(p.planned);
	assert_int_equal(p.left, 600);
	assert_int_equal(p.waiting, 3);
	assert_int_equal(p.each, 200);
	assert_int_equal(p.floor_seconds, 180);
	assert_int_equal(rs_pacing_offer(&p), 0);
	/* Five minutes later 100 s each: 1:30 is offered, and set. */
	assert_int_equal(rs_pacing_get(db, item, T0 + 3300, &p), RS_OK);
	assert_int_equal(p.each, 100);
	assert_int_equal(rs_pacing_offer(&p), 90);
	assert_int_equal(rs_pacing_set(db, item, "floor", rs_pacing_offer(&p)), RS_OK);
	assert_int_equal(rs_pacing_get(db, item, T0 + 3300, &p), RS_OK);
	assert_int_equal(p.floor_seconds, 90);
	assert_int_equal(rs_pacing_offer(&p), 0);
	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(db, item, &v, &n), RS_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rs_queue_entry_allotted(&v[i]),
				 strcmp(v[i].kind, "floor") ? 60 : 90);
	rs_queue_list_free(v, n);
	rs_db_close(db);
	unsetenv("ROSTRUM_NOW");
}

/* On a real database: Eve and Fay panellists (5:00 each, the meeting's),
 * Ana, Ben and Chloé from the floor (3:00), Dan's point of order (called
 * first, at 14:01) and Gus's reply to it (2:00).  At 14:45, 900 s left:
 * the programme's and the reply's 300 + 300 + 120 = 720 s come first, the
 * floor's three share 180 s, 60 s each: 1:00 offered.  (All six sharing
 * the 900 s had 150 s each, and offered 2:30.) */
static void pacing_counts_the_programme_first(void **state)
{
	(void)state;
	const char *names[] = {"Eve", "Fay", "Ana", "Ben", "Chloé", "Dan", "Gus"};
	const char *kinds[] = {"panel", "panel", NULL, NULL, NULL, "point_of_order", NULL};
	int64_t item, e, who[7];
	rs_db *db = hearing(names, kinds, 7, 6, &item, who);
	tu_at(T0 + 60);
	assert_int_equal(rs_queue_floor(db, RS_FLOOR_START, item, RS_EXPECT_ANY, &e), RS_OK);
	assert_int_equal(rs_queue_add(db, item, who[6], "reply", &e), RS_OK);
	rs_pacing p;
	assert_int_equal(rs_pacing_get(db, item, T0 + 2700, &p), RS_OK);
	assert_int_equal(p.left, 900);
	assert_int_equal(p.waiting, 6);
	assert_int_equal(p.each, 60);
	assert_int_equal(rs_pacing_offer(&p), 60);
	assert_int_equal(p.programme_waiting, 3);
	assert_int_equal(p.programme_seconds, 720);
	assert_int_equal(p.floor_waiting, 3);
	/* The panel's time on this item 4:00, as the clock allots it: 240 +
	 * 240 + 120 = 600 s, 300 s for the floor, 100 s each, 1:30 offered. */
	assert_int_equal(rs_pacing_set(db, item, "panel", 240), RS_OK);
	assert_int_equal(rs_pacing_get(db, item, T0 + 2700, &p), RS_OK);
	assert_int_equal(p.each, 100);
	assert_int_equal(rs_pacing_offer(&p), 90);
	assert_int_equal(p.programme_seconds, 600);
	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(db, item, &v, &n), RS_OK);
	for (size_t i = 0; i < n; i++)
		if (v[i].state == QS_WAITING && strcmp(v[i].kind, "floor"))
			assert_int_equal(rs_queue_entry_allotted(&v[i]),
					 strcmp(v[i].kind, "panel") ? 120 : 240);
	rs_queue_list_free(v, n);
	/* At 14:51, 540 s left: the programme and the reply alone run 60 s
	 * over, and nothing is offered (all six sharing had 90 s each: 1:30). */
	assert_int_equal(rs_pacing_get(db, item, T0 + 3060, &p), RS_OK);
	assert_int_equal(p.each, 0);
	assert_int_equal(rs_pacing_offer(&p), 0);
	assert_int_equal(p.programme_over, 60);
	rs_db_close(db);
	unsetenv("ROSTRUM_NOW");
}

/* The allotted time of entry id on item's list. */
static int allotted_of(rs_db *db, int64_t item, int64_t id)
{
	rs_queue_entry *v;
	size_t n;
	int seconds = -1;
	assert_int_equal(rs_queue_list(db, item, &v, &n), RS_OK);
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			seconds = rs_queue_entry_allotted(&v[i]);
	rs_queue_list_free(v, n);
	return seconds;
}

/* The speaker's countdown on item at now (the warning 30 s before). */
static rs_countdown countdown_of(rs_db *db, int64_t item, int64_t now)
{
	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(db, item, &v, &n), RS_OK);
	const rs_queue_entry *h = rs_queue_holder(v, n);
	assert_non_null(h);
	rs_countdown c = rs_queue_countdown(h, 30, now);
	rs_queue_list_free(v, n);
	return c;
}

/* A speaking time set while someone speaks is for those called after: the
 * speaker keeps the 3:00 they were called with (their clock does not jump
 * into overtime), paused and resumed too, and after their speech; the next
 * called gets the new time.  The pace's "shorten, call next" sets the time
 * first, so the one it calls gets the shorter time; undone, the one called
 * waits again under the time as it was. */
static void a_new_speaking_time_is_for_those_called_after(void **state)
{
	(void)state;
	int64_t item, e[3];
	rs_db *db = item_at_t0(&item);
	const char *names[] = {"Ana", "Ben", "Chloé"};
	for (int i = 0; i < 3; i++) {
		char email[32];
		snprintf(email, sizeof email, "p%d@example.org", i);
		int64_t who = tu_person(db, names[i], "academia", email);
		assert_int_equal(rs_queue_add(db, item, who, NULL, &e[i]), RS_OK);
	}
	assert_int_equal(rs_queue_start(db, item, NULL), RS_OK);
	tu_at(T0 + 100);
	assert_int_equal(rs_pacing_set(db, item, "floor", 60), RS_OK);
	assert_int_equal(allotted_of(db, item, e[0]), 180);
	rs_countdown c = countdown_of(db, item, T0 + 100);
	assert_int_equal(c.left, 80);
	assert_int_equal(c.state, RS_COUNT_RUNNING);
	assert_int_equal(allotted_of(db, item, e[1]), 60);
	assert_int_equal(rs_queue_floor(db, RS_FLOOR_PAUSE, item, e[0], NULL), RS_OK);
	assert_int_equal(rs_queue_floor(db, RS_FLOOR_RESUME, item, e[0], NULL), RS_OK);
	assert_int_equal(allotted_of(db, item, e[0]), 180);
	tu_at(T0 + 200);
	assert_int_equal(rs_queue_floor(db, RS_FLOOR_NEXT, item, e[0], NULL), RS_OK);
	assert_int_equal(allotted_of(db, item, e[0]), 180);
	assert_int_equal(allotted_of(db, item, e[1]), 60);
	/* The pace's offer taken: the time, then the call. */
	tu_at(T0 + 260);
	assert_int_equal(rs_queue_floor_paced(db, RS_FLOOR_NEXT, item, e[1], 45, NULL), RS_OK);
	assert_int_equal(allotted_of(db, item, e[1]), 60);
	assert_int_equal(allotted_of(db, item, e[2]), 45);
	rs_event ev;
	assert_int_equal(rs_undo_last(db, &ev), RS_OK);
	assert_string_equal(ev.action, "queue.next");
	assert_int_equal(allotted_of(db, item, e[1]), 60);
	assert_int_equal(allotted_of(db, item, e[2]), 60);
	rs_db_close(db);
	unsetenv("ROSTRUM_NOW");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(offer_rounds_down_to_a_step_never_below_the_minimum),
		cmocka_unit_test(programme_speakers_keep_their_own_time),
		cmocka_unit_test(advance_counts_the_clock_down),
		cmocka_unit_test(pacing_of_an_item_and_its_floor_time),
		cmocka_unit_test(pacing_counts_the_programme_first),
		cmocka_unit_test(a_new_speaking_time_is_for_those_called_after),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
