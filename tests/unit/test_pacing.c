/* Pacing: the time left in an item, the people waiting, the time each
 * could have, and what calling the next speaker offers (the floor's time
 * rounded down to 15 s, never below 1:00, none past the planned end),
 * worked out by hand. */
#include "testutil.h"

#include "rostrum/agenda.h"
#include "rostrum/balance.h"
#include "rostrum/journal.h"
#include "rostrum/meeting.h"
#include "rostrum/queue.h"

#define T0 1652709600 /* 2022-05-16T14:00:00Z; the item runs 14:00-15:00 UTC */

static rs_pacing pace(int planned, int64_t left, int waiting, int floor_seconds)
{
	rs_pacing p = {.planned = planned, .left = left, .waiting = waiting,
		       .floor_seconds = floor_seconds};
	p.each = planned && waiting > 0 && left > 0 ? left / waiting : 0;
	return p;
}

static void offer_rounds_down_to_a_step_never_below_the_minimum(void **state)
{
	(void)state;
	/* 25:00 left, 14 waiting: 107 s each, 1:45 offered against 3:00. */
	assert_int_equal(rs_pacing_offer(&(rs_pacing){1, 1500, 14, 107, 180}), 105);
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
}

/* On a real database: three waiting from the floor and a point of order
 * (not counted), the item to 15:00, at 14:50: 600 s / 3 = 200 s each. */
static void pacing_of_an_item_and_its_floor_time(void **state)
{
	(void)state;
	tu_at(T0);
	rs_db *db = tu_new_db();
	assert_int_equal(rs_meeting_init(db, "Hearing", "2022-05-16", NULL, NULL), RS_OK);
	rs_agenda_new in = {.code = "t1", .title = "Thematic I", .start = "14:00", .end = "15:00"};
	int64_t item, e;
	assert_int_equal(rs_agenda_add(db, &in, &item), RS_OK);
	const char *names[] = {"Ana", "Ben", "Chloé", "Dan"};
	for (int i = 0; i < 4; i++) {
		char email[32];
		snprintf(email, sizeof email, "p%d@example.org", i);
		int64_t who = tu_person(db, names[i], "academia", email);
		assert_int_equal(rs_queue_add(db, item, who, i == 3 ? "point_of_order" : NULL, &e),
				 RS_OK);
	}
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(offer_rounds_down_to_a_step_never_below_the_minimum),
		cmocka_unit_test(advance_counts_the_clock_down),
		cmocka_unit_test(pacing_of_an_item_and_its_floor_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
