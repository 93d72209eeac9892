/* The ordering policies, as pure functions over entries. */
#include "testutil.h"

#include "rostrum/policy.h"

static rs_queue_entry make(int64_t id, const char *kind, rs_queue_state st, int64_t req,
			   const char *sector, const char *region, const char *gender, int before)
{
	rs_queue_entry e = {0};
	e.id = id;
	e.kind = (char *)kind;
	e.state = st;
	e.requested_at = req;
	e.sector = (char *)sector;
	e.region = (char *)region;
	e.gender = (char *)gender;
	e.name = (char *)"x";
	e.spoken_before = before;
	return e;
}

static void ids(rs_queue_entry **order, size_t n, const int64_t *want, size_t wn)
{
	assert_int_equal(n, wn);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(order[i]->id, want[i]);
		assert_int_equal(order[i]->position, (int)i + 1);
		assert_true(strlen(order[i]->reason) > 0);
	}
}

static void fifo_by_request_time_point_of_order_first(void **state)
{
	(void)state;
	rs_queue_entry e[] = {
		make(1, "floor", QS_WAITING, 300, "academia", "Africa", "woman", 0),
		make(2, "floor", QS_WAITING, 100, "media", "Africa", "man", 0),
		make(3, "floor", QS_SPOKEN, 50, "media", "Africa", "man", 0),
		make(4, "point_of_order", QS_WAITING, 900, "youth", "Africa", "man", 0),
		make(5, "floor", QS_WAITING, 100, "faith", "Africa", "man", 0),
	};
	rs_queue_entry *order[5];
	size_t n;
	rs_policy_order(&(rs_policy_opts){POLICY_FIFO, "UTC"}, e, 5, order, &n);
	ids(order, n, (int64_t[]){4, 2, 5, 1}, 4);
	assert_string_equal(order[0]->reason, "point of order: goes first");
	assert_non_null(strstr(order[1]->reason, "first come"));
	assert_int_equal(e[2].position, 0); /* spoke: not on the waiting list */
}

static void first_time_speakers_before_repeaters(void **state)
{
	(void)state;
	rs_queue_entry e[] = {
		make(1, "floor", QS_WAITING, 100, "academia", "Africa", "woman", 2),
		make(2, "floor", QS_WAITING, 200, "media", "Africa", "man", 0),
		make(3, "floor", QS_WAITING, 150, "media", "Africa", "man", 1),
	};
	rs_queue_entry *order[3];
	size_t n;
	rs_policy_order(&(rs_policy_opts){POLICY_FIRST_TIME, "UTC"}, e, 3, order, &n);
	ids(order, n, (int64_t[]){2, 1, 3}, 3);
	assert_non_null(strstr(order[0]->reason, "has not spoken yet"));
	assert_non_null(strstr(order[1]->reason, "spoke 2 times"));
}

static void balanced_by_sector_region_gender_migrants_first(void **state)
{
	(void)state;
	rs_queue_entry e[] = {
		/* Two academics already took the floor on this item. */
		make(1, "floor", QS_SPOKEN, 10, "academia", "Europe and North America", "man", 0),
		make(2, "floor", QS_SPEAKING, 20, "academia", "Europe and North America", "man", 0),
		make(3, "floor", QS_WAITING, 30, "academia", "Africa", "woman", 0),
		make(4, "floor", QS_WAITING, 40, "trade_union", "Europe and North America", "man", 0),
		make(5, "floor", QS_WAITING, 50, "trade_union", "Arab States", "woman", 0),
		make(6, "floor", QS_WAITING, 60, "migrant", "Asia and the Pacific", "man", 0),
	};
	rs_queue_entry *order[6];
	size_t n;
	rs_policy_order(&(rs_policy_opts){POLICY_BALANCED, "UTC"}, e, 6, order, &n);
	/* The migrant first; then the trade unionist from an unheard region and
	 * gender; the other trade unionist now ties with... academia has 2. */
	ids(order, n, (int64_t[]){6, 5, 4, 3}, 4);
	assert_non_null(strstr(order[0]->reason, "migrant voice"));
	assert_non_null(strstr(order[3]->reason, "Academia 2, Africa 0, woman 1 on the floor"));
}

static void moderators_places_after_points_of_order(void **state)
{
	(void)state;
	rs_queue_entry e[] = {
		make(1, "floor", QS_WAITING, 100, "academia", "Africa", "woman", 0),
		make(2, "floor", QS_WAITING, 200, "media", "Africa", "man", 0),
		make(3, "floor", QS_WAITING, 300, "faith", "Africa", "man", 0),
		make(4, "point_of_order", QS_WAITING, 900, "youth", "Africa", "man", 0),
		make(5, "floor", QS_WAITING, 50, "youth", "Africa", "man", 0),
		make(6, "floor", QS_SPOKEN, 10, "youth", "Africa", "man", 0),
	};
	e[1].manual_rank = 2;
	e[2].manual_rank = 1;
	e[5].manual_rank = 7; /* not waiting: no place */
	rs_queue_entry *order[6];
	size_t n;
	for (rs_policy p = POLICY_FIFO; p <= POLICY_BALANCED; p++) {
		rs_policy_order(&(rs_policy_opts){p, "UTC"}, e, 6, order, &n);
		/* The rest by the policy: balanced prefers academia to the youth
		 * sector, which has had the floor. */
		if (p == POLICY_BALANCED)
			ids(order, n, (int64_t[]){4, 3, 2, 1, 5}, 5);
		else
			ids(order, n, (int64_t[]){4, 3, 2, 5, 1}, 5);
		assert_string_equal(order[0]->reason, "point of order: goes first");
		assert_string_equal(order[1]->reason, "placed here by the moderator");
		assert_string_equal(order[2]->reason, "placed here by the moderator");
		assert_string_not_equal(order[3]->reason, "placed here by the moderator");
	}
}

static void balance_counts_those_placed_ahead(void **state)
{
	(void)state;
	rs_queue_entry e[] = {
		make(1, "floor", QS_WAITING, 10, "migrant", "Africa", "woman", 0),
		make(2, "floor", QS_WAITING, 20, "academia", "Arab States", "man", 0),
		make(3, "floor", QS_WAITING, 30, "migrant", "Africa", "woman", 0),
		make(4, "floor", QS_WAITING, 40, "media", "Arab States", "man", 0),
	};
	rs_queue_entry *order[4];
	size_t n;
	rs_policy_order(&(rs_policy_opts){POLICY_BALANCED, "UTC"}, e, 4, order, &n);
	ids(order, n, (int64_t[]){1, 2, 4, 3}, 4); /* one migrant heard, then the others */
	e[0].manual_rank = 1;
	rs_policy_order(&(rs_policy_opts){POLICY_BALANCED, "UTC"}, e, 4, order, &n);
	/* The migrant placed first counts as heard: no "migrant first" for 3. */
	ids(order, n, (int64_t[]){1, 2, 4, 3}, 4);
	assert_non_null(strstr(order[3]->reason, "Migrants and migrant associations 1"));
	e[0].manual_rank = 0;
	e[2].manual_rank = 1;
	rs_policy_order(&(rs_policy_opts){POLICY_BALANCED, "UTC"}, e, 4, order, &n);
	ids(order, n, (int64_t[]){3, 2, 4, 1}, 4);
}

static void empty_list(void **state)
{
	(void)state;
	rs_queue_entry *order[1];
	size_t n = 99;
	rs_policy_order(&(rs_policy_opts){POLICY_BALANCED, "UTC"}, NULL, 0, order, &n);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fifo_by_request_time_point_of_order_first),
		cmocka_unit_test(first_time_speakers_before_repeaters),
		cmocka_unit_test(balanced_by_sector_region_gender_migrants_first),
		cmocka_unit_test(moderators_places_after_points_of_order),
		cmocka_unit_test(balance_counts_those_placed_ahead),
		cmocka_unit_test(empty_list),
	};
	return cmocka_run_group_tests_name("policy", tests, NULL, NULL);
}
