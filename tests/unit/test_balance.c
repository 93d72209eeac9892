/* The balance as the database holds it: targets from those present (else
 * registered), quotas, what was heard over an item or the meeting, the
 * figures of `queue stats`, pacing. */
#include "testutil.h"

#include "rostrum/agenda.h"
#include "rostrum/balance.h"
#include "rostrum/journal.h"
#include "rostrum/meeting.h"
#include "rostrum/queue.h"

enum { T0 = 1652709600 }; /* 2022-05-16 14:00 UTC */

typedef struct {
	rs_db *db;
	int64_t item1, item2;
	int64_t ana, ben, chen, dana; /* migrant, academia, academia, media */
} fixture;

static int64_t item(rs_db *db, const char *code, const char *start, const char *end)
{
	rs_agenda_new in = {.code = code, .title = code, .start = start, .end = end};
	int64_t id;
	assert_int_equal(rs_agenda_add(db, &in, &id), RS_OK);
	return id;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->db = tu_new_db();
	tu_at(T0);
	assert_int_equal(rs_meeting_init(f->db, "Hearing", "2022-05-16", NULL, NULL), RS_OK);
	f->item1 = item(f->db, "t1", "14:00", "14:30");
	f->item2 = item(f->db, "t2", "14:30", "15:00");
	f->ana = tu_person(f->db, "Ana", "migrant", "ana@example.org");
	f->ben = tu_person(f->db, "Ben", "academia", "ben@example.org");
	f->chen = tu_person(f->db, "Chen", "academia", "chen@example.org");
	f->dana = tu_person(f->db, "Dana", "media", "dana@example.org");
	*state = f;
	return 0;
}


static const rs_balance_group *find(const rs_balance *b, rs_balance_dim dim, const char *value)
{
	for (size_t i = 0; i < b->n_groups; i++)
		if (b->groups[i].dim == dim && !strcmp(b->groups[i].value, value))
			return &b->groups[i];
	fail_msg("no group %s", value);
	return NULL;
}

/* A sector's target; 0 when it has no group (nobody of it present). */
static double target(rs_db *db, const char *sector)
{
	rs_balance b;
	assert_int_equal(rs_balance_stats(db, 0, &b), RS_OK);
	double t = 0;
	for (size_t i = 0; i < b.n_groups; i++)
		if (b.groups[i].dim == BAL_SECTOR && !strcmp(b.groups[i].value, sector))
			t = b.groups[i].target;
	rs_balance_free(&b);
	return t;
}

/* Everyone registered counts until the desk checks someone in; then those
 * present alone. */
static void targets_are_those_present_else_registered(void **state)
{
	fixture *f = *state;
	assert_float_equal(target(f->db, "academia"), 0.5, 1e-9);
	assert_float_equal(target(f->db, "migrant"), 0.25, 1e-9);
	assert_int_equal(rs_stakeholder_checkin(f->db, f->ana, 1), RS_OK);
	assert_int_equal(rs_stakeholder_checkin(f->db, f->ben, 1), RS_OK);
	assert_float_equal(target(f->db, "academia"), 0.5, 1e-9);
	assert_float_equal(target(f->db, "migrant"), 0.5, 1e-9);
	assert_float_equal(target(f->db, "media"), 0, 1e-9);
}

static rs_status set_balance(rs_db *db, rs_balance_change *c)
{
	rs_meeting_change ch = {.policy = -1, .warning_seconds = -1, .balance = c};
	return rs_meeting_set(db, &ch);
}

/* A quota is a floor: migrants at 50% (the roster gives 25%), the other
 * sectors share the other half in their roster proportions (academia 2/3
 * of it, media 1/3). */
static void a_quota_lifts_a_target_and_the_rest_share_what_is_left(void **state)
{
	fixture *f = *state;
	rs_quota q = {BAL_SECTOR, "Migrants and migrant associations", 0.5};
	rs_balance_change c = {.by_time = -1, .scope_meeting = -1, .max_passed = -1,
			       .migrants_first = -1, .quotas = &q, .n_quotas = 1};
	assert_int_equal(set_balance(f->db, &c), RS_OK);
	rs_balance b;
	assert_int_equal(rs_balance_stats(f->db, 0, &b), RS_OK);
	const rs_balance_group *m = find(&b, BAL_SECTOR, "migrant");
	assert_float_equal(m->target, 0.5, 1e-9);
	assert_true(m->quota);
	assert_float_equal(find(&b, BAL_SECTOR, "academia")->target, 1.0 / 3, 1e-9);
	assert_float_equal(find(&b, BAL_SECTOR, "media")->target, 1.0 / 6, 1e-9);
	rs_balance_free(&b);
	/* Quotas over 100% in all are refused, and nothing changes. */
	rs_quota more[] = {{BAL_SECTOR, "academia", 0.3}, {BAL_SECTOR, "media", 0.3}};
	rs_balance_change c2 = {.by_time = -1, .scope_meeting = -1, .max_passed = 5,
				.migrants_first = -1, .quotas = more, .n_quotas = 2};
	assert_int_equal(set_balance(f->db, &c2), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "sector quotas add up to more than 100%"));
	assert_float_equal(target(f->db, "academia"), 1.0 / 3, 1e-9);
	assert_int_equal(rs_balance_load(f->db, 0, 0, &b), RS_OK);
	assert_int_equal(b.max_passed, 3);
	rs_balance_free(&b);
	/* A share of 0 removes the quota. */
	q.share = 0;
	assert_int_equal(set_balance(f->db, &c), RS_OK);
	assert_float_equal(target(f->db, "migrant"), 0.25, 1e-9);
}

static void speak(fixture *f, int64_t item_id, int64_t who, int64_t at, int seconds)
{
	int64_t e;
	tu_at(at);
	assert_int_equal(rs_queue_add(f->db, item_id, who, NULL, &e), RS_OK);
	assert_int_equal(rs_queue_floor(f->db, RS_FLOOR_GIVE, e, RS_EXPECT_ANY, NULL), RS_OK);
	tu_at(at + seconds);
	assert_int_equal(rs_queue_end(f->db, item_id, &e), RS_OK);
}

/* Over the item, another item's speeches do not count; over the meeting,
 * they do. */
static void the_scope_is_the_item_or_the_meeting(void **state)
{
	fixture *f = *state;
	speak(f, f->item1, f->ben, T0 + 60, 120);
	speak(f, f->item1, f->chen, T0 + 300, 60);
	rs_balance b;
	assert_int_equal(rs_balance_stats(f->db, f->item2, &b), RS_OK);
	assert_int_equal(b.total_count, 0);
	rs_balance_free(&b);
	assert_int_equal(rs_balance_stats(f->db, 0, &b), RS_OK);
	assert_int_equal(b.total_count, 2);
	assert_int_equal(b.total_seconds, 180);
	const rs_balance_group *a = find(&b, BAL_SECTOR, "academia");
	assert_int_equal(a->count, 2);
	assert_int_equal(a->seconds, 180);
	assert_float_equal(rs_balance_share(&b, a, 0), 1.0, 1e-9);
	rs_balance_free(&b);
	/* Item 2's balanced order: academia is 2 of 2 over the meeting, so
	 * media goes before an academic who asked first. */
	rs_balance_change c = {.by_time = -1, .scope_meeting = 1, .max_passed = -1,
			       .migrants_first = 0};
	assert_int_equal(set_balance(f->db, &c), RS_OK);
	assert_int_equal(rs_meeting_set_policy(f->db, POLICY_BALANCED), RS_OK);
	int64_t e;
	tu_at(T0 + 1000);
	assert_int_equal(rs_queue_add(f->db, f->item2, f->chen, NULL, &e), RS_OK);
	tu_at(T0 + 1001);
	assert_int_equal(rs_queue_add(f->db, f->item2, f->dana, NULL, &e), RS_OK);
	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(f->db, f->item2, &v, &n), RS_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "Dana");
	assert_string_equal(v[0].reason, "Media 0 of 2 interventions, target 25%; passed over 0"
					 " of 3 allowed; requested at 2022-05-16 14:16");
	rs_queue_list_free(v, n);
	/* Over the item alone, nobody has spoken: first come. */
	c.scope_meeting = 0;
	assert_int_equal(set_balance(f->db, &c), RS_OK);
	assert_int_equal(rs_queue_list(f->db, f->item2, &v, &n), RS_OK);
	assert_string_equal(v[0].name, "Chen");
	rs_queue_list_free(v, n);
}

static int collect(const char *json, void *ctx)
{
	snprintf(ctx, 4096, "%s", json);
	return 0;
}

/* `queue stats --json` says what the balance holds, pacing included. */
static void stats_json_and_pacing(void **state)
{
	fixture *f = *state;
	speak(f, f->item1, f->ben, T0 + 60, 120);
	int64_t e;
	assert_int_equal(rs_queue_add(f->db, f->item1, f->ana, NULL, &e), RS_OK);
	assert_int_equal(rs_queue_add(f->db, f->item1, f->dana, NULL, &e), RS_OK);
	char json[4096];
	int64_t now = T0 + 600; /* 14:10, 20 minutes before t1's end (UTC) */
	assert_int_equal(rs_balance_stats_json(f->db, f->item1, now, collect, json), RS_OK);
	assert_non_null(strstr(json, "\"pacing\":{\"planned\":true,\"left\":1200,\"waiting\":2,"
				     "\"each\":600,\"floor_seconds\":180,\"offer\":0}"));
	assert_non_null(strstr(json, "{\"value\":\"academia\",\"label\":\"Academia\","
				     "\"target\":0.5,\"quota\":false,\"interventions\":1,"
				     "\"share_interventions\":1,\"seconds\":120,"
				     "\"share_time\":1,\"gap\":0.5,\"heard\":true}"));
	assert_non_null(strstr(json, "\"value\":\"migrant\",\"label\":\"Migrants and migrant"
				     " associations\",\"target\":0.25,\"quota\":false,"
				     "\"interventions\":0"));
	/* Shortened for those waiting: their allotted time, and the journal. */
	assert_int_equal(rs_pacing_set(f->db, f->item1, "floor", 150), RS_OK);
	rs_pacing p;
	assert_int_equal(rs_pacing_get(f->db, f->item1, now, &p), RS_OK);
	assert_int_equal(p.floor_seconds, 150);
	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(f->db, f->item1, &v, &n), RS_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i].allotted, 150);
	rs_queue_list_free(v, n);
	rs_event ev[1];
	size_t k;
	assert_int_equal(rs_journal_window(f->db, 0, 1, ev, &k), RS_OK);
	assert_int_equal(k, 1);
	assert_string_equal(ev[0].action, "agenda.speaking_time");
	assert_string_equal(ev[0].summary, "floor on 't1': 2:30 each");
	/* The other item keeps the meeting's time; a bad kind is refused. */
	assert_int_equal(rs_pacing_get(f->db, f->item2, now, &p), RS_OK);
	assert_int_equal(p.floor_seconds, 180);
	assert_int_equal(rs_pacing_set(f->db, f->item1, "nosuch", 150), RS_ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(targets_are_those_present_else_registered, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(
			a_quota_lifts_a_target_and_the_rest_share_what_is_left, setup, tu_teardown),
		cmocka_unit_test_setup_teardown(the_scope_is_the_item_or_the_meeting, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(stats_json_and_pacing, setup, tu_teardown),
	};
	return cmocka_run_group_tests_name("balance", tests, NULL, NULL);
}
