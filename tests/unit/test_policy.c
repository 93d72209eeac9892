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
	e.country = (char *)"";
	e.started_at = e.paused_at = e.ended_at = -1;
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
	rs_policy_order(&(rs_policy_opts){.policy = POLICY_FIFO, .timezone = "UTC"}, e, 5, order, &n);
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
	rs_policy_order(&(rs_policy_opts){.policy = POLICY_FIRST_TIME, .timezone = "UTC"}, e, 3, order, &n);
	ids(order, n, (int64_t[]){2, 1, 3}, 3);
	assert_non_null(strstr(order[0]->reason, "has not spoken yet"));
	assert_non_null(strstr(order[1]->reason, "spoke twice"));
}

/* The balanced policy without a balance loaded: each group's target is its
 * share of the list.  Six entries: academia 3/6, trade unions 2/6, migrant
 * 1/6; Europe 3/6, the others 1/6; man 4/6, woman 2/6; country "" 1.
 * Weights: sector 4, region 2, gender 2, country 1; a group's deficit is
 * target x (heard + 1) - heard by it. */
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
	rs_policy_order(&(rs_policy_opts){.policy = POLICY_BALANCED, .timezone = "UTC"}, e, 6,
			order, &n);
	/* No migrant heard: 6 first.  Then, heard 3 (academia 2, migrant 1;
	 * Europe 2, Asia 1; man 3):
	 *   3: 4(1/2*4-2) + 2(1/6*4) + 2(2/6*4) + 1(4-3) = 0 + 1.33 + 2.67 + 1 = 5
	 *   4: 4(2/6*4) + 2(3/6*4-2) + 2(4/6*4-3) + 1 = 5.33 + 0 - 0.67 + 1 = 5.67
	 *   5: 5.33 + 2(1/6*4) + 2(2/6*4) + 1 = 5.33 + 1.33 + 2.67 + 1 = 10.33: 5.
	 * Heard 4 (trade unions 1, Arab States 1, woman 1):
	 *   3: 4(3/6*5-2) + 2(1/6*5) + 2(2/6*5-1) + 1 = 2 + 1.67 + 1.33 + 1 = 6
	 *   4: 4(2/6*5-1) + 2(3/6*5-2) + 2(4/6*5-3) + 1 = 2.67 + 1 + 0.67 + 1 = 5.33 */
	ids(order, n, (int64_t[]){6, 5, 3, 4}, 4);
	assert_string_equal(order[0]->reason, "migrants themselves first: none heard yet on this"
					      " item; passed over 0 of 3 allowed; requested at"
					      " 1970-01-01 00:01");
	/* 5 went before 3 and 4: the sector decided it (4 x 1.33); the migrant
	 * who asked after 5 passed it over once. */
	assert_string_equal(order[1]->reason, "Trade unions 0 of 3 interventions, target 33%;"
					      " passed over 1 of 3 allowed; requested at"
					      " 1970-01-01 00:00");
	assert_non_null(strstr(order[3]->reason, "passed over 2 of 3 allowed"));
}

/* Targets as a loaded balance gives them, one group per value. */
typedef struct {
	rs_balance b;
	rs_balance_group g[16];
} test_balance;

static void target(test_balance *t, rs_balance_dim dim, const char *value, double share)
{
	rs_balance_group *g = &t->g[t->b.n_groups++];
	memset(g, 0, sizeof *g);
	g->dim = dim;
	snprintf(g->value, sizeof g->value, "%s", value);
	g->target = share;
	t->b.groups = t->g;
}

/* One region, one gender, no country: the sector alone differs. */
static void sectors(test_balance *t, int max_passed, int migrants_first, const char *a,
		    double share_a, const char *b)
{
	memset(t, 0, sizeof *t);
	t->b.max_passed = max_passed;
	t->b.migrants_first = migrants_first;
	target(t, BAL_SECTOR, a, share_a);
	target(t, BAL_SECTOR, b, 1 - share_a);
	target(t, BAL_REGION, "Africa", 1);
	target(t, BAL_GENDER, "woman", 1);
	target(t, BAL_COUNTRY, "", 1);
}

static size_t order_with(test_balance *t, rs_queue_entry *e, size_t n, rs_queue_entry **order)
{
	size_t k;
	rs_policy_order(&(rs_policy_opts){.policy = POLICY_BALANCED, .timezone = "UTC",
					  .balance = &t->b},
			e, n, order, &k);
	return k;
}

static rs_queue_entry floor_request(int64_t id, int64_t at, const char *sector)
{
	rs_queue_entry e = make(id, "floor", QS_WAITING, at, sector, "Africa", "woman", 0);
	e.country = (char *)"";
	e.started_at = e.paused_at = e.ended_at = -1;
	e.allotted = 180;
	return e;
}

/* Trade unions are 90% of the roster: their requests go first, until the
 * academic asked earliest has been passed over K times. */
static void nobody_passed_over_more_than_k(void **state)
{
	(void)state;
	rs_queue_entry e[] = {
		floor_request(1, 10, "academia"),    floor_request(2, 20, "trade_union"),
		floor_request(3, 30, "trade_union"), floor_request(4, 40, "trade_union"),
		floor_request(5, 50, "trade_union"),
	};
	rs_queue_entry *order[5];
	test_balance t;
	/* Nothing heard: academia 4(0.1 x 1) = 0.4 against trade unions
	 * 4(0.9 x 1) = 3.6; the rest alike.  After 2: 0.8 against 4(1.8 - 1)
	 * = 3.2, and so on: trade unions lead while they may. */
	sectors(&t, 1, 0, "academia", 0.1, "trade_union");
	ids(order, order_with(&t, e, 5, order), (int64_t[]){2, 1, 3, 4, 5}, 5);
	assert_string_equal(order[1]->reason, "first come; passed over 1 of 1 allowed;"
					      " requested at 1970-01-01 00:00");
	assert_string_equal(order[0]->reason, "Trade unions 0 of 0 interventions, target 90%;"
					      " passed over 0 of 1 allowed; requested at"
					      " 1970-01-01 00:00");
	sectors(&t, 3, 0, "academia", 0.1, "trade_union");
	ids(order, order_with(&t, e, 5, order), (int64_t[]){2, 3, 4, 1, 5}, 5);
	assert_non_null(strstr(order[3]->reason, "first come; passed over 3 of 3 allowed"));
	/* K 0: first come, whatever the balance says. */
	sectors(&t, 0, 0, "academia", 0.1, "trade_union");
	ids(order, order_with(&t, e, 5, order), (int64_t[]){1, 2, 3, 4, 5}, 5);
	/* Those heard already passed over who still waits: 9 spoke after
	 * asking later than 1, so 1 has one pass left of 2. */
	rs_queue_entry f[6];
	memcpy(f, e, sizeof e);
	f[5] = floor_request(9, 60, "trade_union");
	f[5].state = QS_SPOKEN;
	sectors(&t, 2, 0, "academia", 0.1, "trade_union");
	ids(order, order_with(&t, f, 6, order), (int64_t[]){2, 1, 3, 4, 5}, 5);
	assert_non_null(strstr(order[1]->reason, "passed over 2 of 2 allowed"));
}

/* Whatever the queue, the order never passes anyone over more than K
 * places: 200 random queues of 40, skewed to two sectors, K from 0 to 5. */
static void the_bound_holds_on_random_queues(void **state)
{
	(void)state;
	static const char *const pool[] = {"trade_union", "trade_union", "trade_union",
					   "private_sector", "private_sector", "academia",
					   "migrant", "youth", "faith"};
	static const char *const regions[] = {"Africa", "Arab States", "Asia and the Pacific"};
	static const char *const genders[] = {"woman", "man", "man"};
	unsigned seed = 12345;
	for (int round = 0; round < 200; round++) {
		rs_queue_entry e[40], *order[40];
		int heard = round % 7; /* the first to ask have spoken */
		for (int i = 0; i < 40; i++) {
			seed = seed * 1103515245u + 12345u;
			e[i] = floor_request(i + 1, 100 + i, pool[(seed >> 16) % 9]);
			e[i].region = (char *)regions[(seed >> 8) % 3];
			e[i].gender = (char *)genders[(seed >> 4) % 3];
			if (i < heard)
				e[i].state = QS_SPOKEN;
		}
		int k = round % 6;
		test_balance t;
		sectors(&t, k, round % 2, "academia", 0.3, "youth");
		size_t n = order_with(&t, e, 40, order);
		/* Passes: later requests heard or placed before each one. */
		for (size_t i = 0; i < n; i++) {
			int passed = 0;
			for (int j = 0; j < 40; j++)
				if (e[j].state == QS_SPOKEN && e[j].requested_at > order[i]->requested_at)
					passed++;
			for (size_t j = 0; j < i; j++)
				passed += order[j]->requested_at > order[i]->requested_at;
			assert_in_range(passed, 0, k);
		}
	}
}

/* A quota lifts a group's target above its share of the roster. */
static void explicit_quota(void **state)
{
	(void)state;
	rs_queue_entry e[] = {
		floor_request(1, 10, "migrant"),  floor_request(2, 20, "academia"),
		floor_request(3, 30, "academia"), floor_request(4, 40, "academia"),
		floor_request(5, 50, "migrant"),
	};
	for (int i = 0; i < 3; i++)
		e[i].state = QS_SPOKEN;
	rs_queue_entry *order[5];
	test_balance t;
	/* Migrants 5% of the roster, 1 of 3 heard: migrant 4(0.05 x 4 - 1) =
	 * -3.2 against academia 4(0.95 x 4 - 2) = 7.2. */
	sectors(&t, 3, 0, "migrant", 0.05, "academia");
	ids(order, order_with(&t, e, 5, order), (int64_t[]){4, 5}, 2);
	/* A quota of 50%: migrant 4(0.5 x 4 - 1) = 4 against academia
	 * 4(0.5 x 4 - 2) = 0. */
	sectors(&t, 3, 0, "migrant", 0.5, "academia");
	t.g[0].quota = 1;
	ids(order, order_with(&t, e, 5, order), (int64_t[]){5, 4}, 2);
	assert_string_equal(order[0]->reason, "Migrants and migrant associations 1 of 3"
					      " interventions, target 50% (quota); passed over 0 of"
					      " 3 allowed; requested at 1970-01-01 00:00");
}

/* Migrants themselves first while none has been heard: a rule the meeting
 * can switch off, and one that yields to the bound. */
static void migrants_first_is_a_rule(void **state)
{
	(void)state;
	rs_queue_entry e[] = {floor_request(1, 10, "academia"), floor_request(2, 20, "migrant")};
	rs_queue_entry *order[2];
	test_balance t;
	sectors(&t, 3, 1, "migrant", 0.1, "academia");
	ids(order, order_with(&t, e, 2, order), (int64_t[]){2, 1}, 2);
	assert_non_null(strstr(order[0]->reason, "migrants themselves first"));
	sectors(&t, 3, 0, "migrant", 0.1, "academia");
	ids(order, order_with(&t, e, 2, order), (int64_t[]){1, 2}, 2);
	sectors(&t, 0, 1, "migrant", 0.1, "academia");
	ids(order, order_with(&t, e, 2, order), (int64_t[]){1, 2}, 2);
	/* Over the meeting: a migrant heard on another item counts. */
	sectors(&t, 3, 1, "migrant", 0.1, "academia");
	t.g[0].count = 1;
	t.b.total_count = 1;
	t.b.scope_meeting = 1;
	ids(order, order_with(&t, e, 2, order), (int64_t[]){1, 2}, 2);
}

/* By speaking time: one long speech weighs more than one short one. */
static void balance_by_speaking_time(void **state)
{
	(void)state;
	rs_queue_entry e[] = {
		floor_request(1, 10, "academia"), floor_request(2, 20, "trade_union"),
		floor_request(3, 30, "academia"), floor_request(4, 40, "trade_union"),
	};
	e[0].state = e[1].state = QS_SPOKEN;
	e[0].started_at = 1000, e[0].ended_at = 1600; /* 10:00 */
	e[1].started_at = 1600, e[1].ended_at = 1660; /* 1:00 */
	rs_queue_entry *order[4];
	test_balance t;
	/* By interventions 1 each: a tie, first come. */
	sectors(&t, 3, 0, "academia", 0.5, "trade_union");
	ids(order, order_with(&t, e, 4, order), (int64_t[]){3, 4}, 2);
	/* By time: 0.5 x (660 + 180) = 420: academia 420 - 600 = -180 against
	 * trade unions 420 - 60 = 360. */
	t.b.by_time = 1;
	ids(order, order_with(&t, e, 4, order), (int64_t[]){4, 3}, 2);
	assert_string_equal(order[0]->reason, "Trade unions 1:00 of 11:00 speaking time, target"
					      " 50%; passed over 0 of 3 allowed; requested at"
					      " 1970-01-01 00:00");
}

/* The points of order, the moderator's places and the programme go first
 * under every policy; under balanced the floor after them follows the
 * list's shares (youth 3/6 of it, academia 1/6). */
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
		rs_policy_order(&(rs_policy_opts){.policy = p, .timezone = "UTC"}, e, 6, order, &n);
		/* Balanced, heard 3 (youth, faith, media; all men): youth
		 * 4(3/6 x 4 - 1) + 2(4 - 3) + 2(5/6 x 4 - 3) + 1 = 7.67 against
		 * academia 4(1/6 x 4) + 2 + 2(1/6 x 4) + 1 = 7: youth first. */
		ids(order, n, (int64_t[]){4, 3, 2, 5, 1}, 5);
		assert_string_equal(order[0]->reason, "point of order: goes first");
		assert_string_equal(order[1]->reason, "in the moderator's order");
		assert_string_equal(order[2]->reason, "in the moderator's order");
		assert_string_not_equal(order[3]->reason, "in the moderator's order");
	}
}

/* Those placed ahead count as heard (targets: the list's shares). */
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
	rs_policy_opts o = {.policy = POLICY_BALANCED, .timezone = "UTC"};
	/* 1 as the first migrant; then 2 (7, tied with 4, earlier); then 4:
	 * 4(0.25 x 3) + 2(0.5 x 3 - 1) + 2(0.5 x 3 - 1) + 1 = 6 against 3's
	 * 4(0.5 x 3 - 1) + 1 + 1 + 1 = 5. */
	rs_policy_order(&o, e, 4, order, &n);
	ids(order, n, (int64_t[]){1, 2, 4, 3}, 4);
	e[0].manual_rank = 1;
	rs_policy_order(&o, e, 4, order, &n);
	/* The migrant placed first counts as heard: no "migrants first" for 3. */
	ids(order, n, (int64_t[]){1, 2, 4, 3}, 4);
	assert_non_null(strstr(order[3]->reason, "Migrants and migrant associations 1 of 3"));
	e[0].manual_rank = 0;
	e[2].manual_rank = 1;
	rs_policy_order(&o, e, 4, order, &n);
	ids(order, n, (int64_t[]){3, 2, 4, 1}, 4);
}

/* Deciding the first places only (what a screen shows) gives the same
 * first places; the rest wait in first-come order without a reason. */
static void deciding_the_first_places_only(void **state)
{
	(void)state;
	rs_queue_entry e[] = {
		floor_request(1, 10, "trade_union"), floor_request(2, 20, "trade_union"),
		floor_request(3, 30, "academia"),    floor_request(4, 40, "trade_union"),
		floor_request(5, 50, "academia"),
	};
	rs_queue_entry *order[5];
	test_balance t;
	sectors(&t, 3, 0, "academia", 0.9, "trade_union");
	/* Academia 4(0.9) = 3.6 against 0.4: 3 then 5, then first come. */
	ids(order, order_with(&t, e, 5, order), (int64_t[]){3, 5, 1, 2, 4}, 5);
	size_t n;
	rs_policy_order(&(rs_policy_opts){.policy = POLICY_BALANCED, .timezone = "UTC",
					  .balance = &t.b, .decide = 1},
			e, 5, order, &n);
	assert_int_equal(n, 5);
	int64_t want[] = {3, 1, 2, 4, 5};
	for (size_t i = 0; i < n; i++)
		assert_int_equal(order[i]->id, want[i]);
	assert_non_null(strstr(order[0]->reason, "Academia 0 of 0 interventions"));
	assert_string_equal(order[1]->reason, "");
}

static void empty_list(void **state)
{
	(void)state;
	rs_queue_entry *order[1];
	size_t n = 99;
	rs_policy_order(&(rs_policy_opts){.policy = POLICY_BALANCED, .timezone = "UTC"}, NULL, 0, order, &n);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fifo_by_request_time_point_of_order_first),
		cmocka_unit_test(first_time_speakers_before_repeaters),
		cmocka_unit_test(balanced_by_sector_region_gender_migrants_first),
		cmocka_unit_test(nobody_passed_over_more_than_k),
		cmocka_unit_test(the_bound_holds_on_random_queues),
		cmocka_unit_test(explicit_quota),
		cmocka_unit_test(migrants_first_is_a_rule),
		cmocka_unit_test(balance_by_speaking_time),
		cmocka_unit_test(moderators_places_after_points_of_order),
		cmocka_unit_test(balance_counts_those_placed_ahead),
		cmocka_unit_test(deciding_the_first_places_only),
		cmocka_unit_test(empty_list),
	};
	return cmocka_run_group_tests_name("policy", tests, NULL, NULL);
}
