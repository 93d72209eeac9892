/* The balance as the database holds it: targets from those present (else
 * registered), quotas, what was heard over an item or the meeting, the
 * figures of `queue stats`, pacing. */
#include "testutil.h"
#include "store.h" /* a connection's own transaction, rolled back */

#include <sqlite3.h>

#include "rostrum/agenda.h"
#include "rostrum/balance.h"
#include "rostrum/import.h"
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
				     "\"each\":600,\"floor_seconds\":180,\"offer\":0,"
				     "\"floor_waiting\":2,\"programme_waiting\":0,"
				     "\"programme_seconds\":0,\"programme_over\":0,"
				     "\"holder_left\":0,\"ended\":false}"));
	assert_non_null(strstr(json, "{\"value\":\"academia\",\"label\":\"Academia\","
				     "\"target\":0.5,\"quota\":false,\"interventions\":1,"
				     "\"share_interventions\":1,\"seconds\":120,"
				     "\"share_time\":1,\"gap\":0.5,\"heard\":true}"));
	assert_non_null(strstr(json, "\"value\":\"migrant\",\"label\":\"Migrants and migrant"
				     " associations\",\"target\":0.25,\"quota\":false,"
				     "\"interventions\":0"));
	/* Shortened for those waiting: their allotted time (Ben's speech keeps
	 * the time he was called with), and the journal. */
	assert_int_equal(rs_pacing_set(f->db, f->item1, "floor", 150), RS_OK);
	rs_pacing p;
	assert_int_equal(rs_pacing_get(f->db, f->item1, now, &p), RS_OK);
	assert_int_equal(p.floor_seconds, 150);
	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(f->db, f->item1, &v, &n), RS_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i].allotted, v[i].state == QS_WAITING ? 150 : 180);
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

/* The rows of a that b does not return, on stderr. */
static void print_rows(sqlite3 *h, const char *what, const char *a, const char *b)
{
	char sql[4096];
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql, "%s EXCEPT %s", a, b);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW)
		fprintf(stderr, "%s: %s %s %s %s\n", what, sqlite3_column_text(st, 0),
			sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
			sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
}

/* Rows of a query that another query does not return, both ways. */
static int64_t differences(const char *path, const char *a, const char *b)
{
	char sql[4096];
	snprintf(sql, sizeof sql,
		 "SELECT (SELECT count(*) FROM (%s EXCEPT %s)) + (SELECT count(*) FROM (%s EXCEPT %s))",
		 a, b, b, a);
	sqlite3 *h;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	if (v) /* say which rows differ */
		for (int way = 0; way < 2; way++)
			print_rows(h, way ? "counted only" : "tallied only", way ? b : a, way ? a : b);
	sqlite3_close(h);
	return v;
}

#define DIMS                                                                   \
	"(SELECT 'sector' AS dim UNION ALL SELECT 'region' UNION ALL SELECT 'gender'" \
	" UNION ALL SELECT 'country' UNION ALL SELECT 'participation') d"
#define VALUE(part)                                                            \
	"CASE d.dim WHEN 'sector' THEN s.sector WHEN 'region' THEN coalesce(s.region, '')" \
	" WHEN 'gender' THEN coalesce(s.gender, '') WHEN 'country' THEN"      \
	" coalesce(s.country, '') ELSE " part " END"

/* floor_tally and roster_tally hold what counting every row again gives. */
static void assert_tallies_counted(const char *path)
{
	assert_int_equal(
		differences(path,
			    "SELECT item_id, dim, value, count, seconds FROM floor_tally"
			    " WHERE count <> 0 OR seconds <> 0",
			    "SELECT q.item_id, d.dim, " VALUE("coalesce(q.participation, s.participation)")
			    ", count(*), sum(CASE WHEN q.state = 'spoken' THEN q.ended_at - q.started_at"
			    " - q.paused_seconds ELSE 0 END) FROM queue_entry q JOIN stakeholder s"
			    " ON s.id = q.stakeholder_id, " DIMS " WHERE q.state IN ('speaking',"
			    " 'paused', 'spoken') AND q.kind <> 'point_of_order' GROUP BY 1, 2, 3"),
		0);
	assert_int_equal(differences(path,
				     "SELECT dim, value, registered, present FROM roster_tally"
				     " WHERE registered <> 0",
				     "SELECT d.dim, " VALUE("s.participation") ", count(*),"
				     " sum(s.present <> 0) FROM stakeholder s, " DIMS
				     " WHERE " SQL_COUNTED("s") " GROUP BY 1, 2"),
			 0);
}

/* A speech heard given to someone of another sector, as SQL in an open
 * event (no action of the core does it to a speech heard; the tallies'
 * triggers must all the same). */
static void give_a_speech_to_another(const char *path)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	int rc = sqlite3_exec(
		h,
		"BEGIN IMMEDIATE;"
		" INSERT INTO event(at, user, action, session) VALUES (1, 't', 't', 't');"
		" CREATE TEMP TABLE given AS SELECT q.id, q.stakeholder_id AS was FROM queue_entry q"
		"  WHERE q.state = 'spoken' AND q.kind <> 'point_of_order' ORDER BY q.id LIMIT 1;"
		" UPDATE queue_entry SET stakeholder_id = (SELECT min(o.id) FROM stakeholder o"
		"  JOIN stakeholder s ON s.id = queue_entry.stakeholder_id WHERE o.sector <> s.sector)"
		" WHERE id = (SELECT id FROM given);"
		" UPDATE event SET open = 0 WHERE id = (SELECT max(id) FROM event);"
		" COMMIT;",
		NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		fail_msg("%s", sqlite3_errmsg(h));
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h,
					    "SELECT count(*) FROM given g JOIN queue_entry q"
					    " ON q.id = g.id WHERE q.stakeholder_id <> g.was",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1); /* a speech changed hands */
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* The tallies the balance reads are what counting every row again gives,
 * after a random run of queue actions, undos and roster changes. */
static void the_tallies_are_what_counting_gives(void **state)
{
	fixture *f = *state;
	static const char *const sectors[] = {"migrant", "academia", "media", "trade_union"};
	static const char *const regions[] = {"Africa", "Arab States", "Europe and North America"};
	unsigned seed = 7;
	int64_t t = T0, who[40], entries[400];
	size_t n_who = 4, n_entries = 0;
	who[0] = f->ana, who[1] = f->ben, who[2] = f->chen, who[3] = f->dana;
	for (int step = 0; step < 400; step++) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = (seed >> 16) % 100;
		int64_t item_id = (seed >> 8) % 2 ? f->item1 : f->item2, e;
		tu_at(t += 7);
		if (r < 10 && n_who < 40) {
			char name[32], email[48];
			snprintf(name, sizeof name, "P%d", step);
			snprintf(email, sizeof email, "p%d@example.org", step);
			who[n_who++] = tu_person(f->db, name, sectors[seed % 4], email);
		} else if (r < 40) {
			if (rs_queue_add(f->db, item_id, who[(seed >> 4) % n_who], NULL, &e) == RS_OK)
				entries[n_entries++] = e;
		} else if (r < 52) {
			rs_queue_floor(f->db, RS_FLOOR_NEXT, item_id, RS_EXPECT_ANY, &e);
		} else if (r < 60 && n_entries) {
			/* Any entry, waiting, speaking or heard: how it takes part,
			 * or where it stands. */
			e = entries[(seed >> 4) % n_entries];
			if (r < 56)
				rs_queue_set(f->db, e, (seed >> 3) % 2 ? "online" : "in_room", NULL);
			else
				(r < 58 ? rs_queue_withdraw : r < 59 ? rs_queue_absent
								     : rs_queue_requeue)(f->db, e);
		} else if (r < 63) {
			rs_queue_floor(f->db, RS_FLOOR_END, item_id, RS_EXPECT_ANY, &e);
		} else if (r < 65) {
			/* The speech going on carried to the item opened. */
			rs_meeting_open_item(f->db, item_id, RS_SPEECH_CARRY, RS_EXPECT_ANY);
		} else if (r < 70) {
			rs_queue_floor(f->db, (seed >> 3) % 2 ? RS_FLOOR_PAUSE : RS_FLOOR_RESUME, item_id,
				       RS_EXPECT_ANY, &e);
		} else if (r < 80) {
			rs_event ev;
			rs_undo_last(f->db, &ev);
		} else if (r < 90) {
			rs_stakeholder s;
			if (rs_stakeholder_get(f->db, who[(seed >> 4) % n_who], &s) != RS_OK)
				continue; /* an undo took the person back */
			free(s.sector);
			free(s.region);
			s.sector = strdup(sectors[(seed >> 5) % 4]);
			s.region = strdup(regions[(seed >> 6) % 3]);
			rs_stakeholder_update(f->db, &s);
			rs_stakeholder_clear(&s);
		} else {
			rs_stakeholder_checkin(f->db, who[(seed >> 4) % n_who], (seed >> 7) % 2);
		}
	}
	const char *path = rs_db_path(f->db);
	assert_tallies_counted(path);
	give_a_speech_to_another(path);
	assert_tallies_counted(path);
	/* And something happened: speeches were heard. */
	rs_balance b;
	assert_int_equal(rs_balance_stats(f->db, 0, &b), RS_OK);
	assert_true(b.total_count > 5);
	rs_balance_free(&b);
}

/* A screen's read of the first `depth` places and the last `dealt` dealt
 * with shows what the whole list shows there: the same entries, places and
 * reasons, and the same counts. */
static void prefix_is_the_whole_lists(rs_db *db, int64_t item, size_t depth, size_t dealt)
{
	rs_queue_entry *all, *v;
	size_t n_all, n;
	rs_queue_counts c;
	assert_int_equal(rs_queue_list(db, item, &all, &n_all), RS_OK);
	assert_int_equal(rs_queue_prefix(db, item, depth, dealt, &v, &n, &c), RS_OK);
	size_t a = 0, b = 0, waiting = 0;
	const rs_queue_entry *h = rs_queue_holder(all, n_all);
	if (h) {
		assert_true(n > 0);
		assert_int_equal(v[0].id, h->id);
		a = b = 1;
	}
	while (a + waiting < n_all && all[a + waiting].state == QS_WAITING)
		waiting++;
	assert_int_equal(c.waiting, waiting);
	assert_int_equal(c.read, waiting < depth ? waiting : depth);
	for (size_t i = 0; i < c.read; i++, a++, b++) {
		assert_int_equal(v[b].id, all[a].id);
		assert_int_equal(v[b].position, all[a].position);
		assert_string_equal(v[b].reason, all[a].reason);
	}
	a = (h ? 1 : 0) + waiting;
	assert_int_equal(c.dealt, n_all - a);
	size_t shown = c.dealt < dealt ? c.dealt : dealt;
	assert_int_equal(n - b, shown);
	for (size_t i = 0; i < shown; i++)
		assert_int_equal(v[b + i].id, all[n_all - shown + i].id);
	rs_queue_list_free(v, n);
	rs_queue_list_free(all, n_all);
}

/* Person `prefix`i (e-mail prefix + i at example.org) of the groups given. */
static int64_t add_person(rs_db *db, const char *prefix, int i, const char *sector,
			  const char *region, const char *gender, const char *country)
{
	char name[32], email[48];
	snprintf(name, sizeof name, "%s%d", prefix, i);
	snprintf(email, sizeof email, "%s%d@example.org", prefix, i);
	rs_stakeholder p = {.name = strdup(name), .sector = strdup(sector),
			    .region = strdup(region), .gender = strdup(gender),
			    .country = strdup(country), .email = strdup(email), .registered_at = -1};
	int64_t id;
	assert_int_equal(rs_stakeholder_add(db, &p, &id), RS_OK);
	rs_stakeholder_clear(&p);
	return id;
}

/* Calling the next speaker reads only the head of the list: under each
 * policy it calls whom the whole list proposes, on random queues with
 * points of order, replies, places and speeches heard; and a screen's
 * first places are the whole list's. */
static void the_head_is_whom_the_whole_list_proposes(void **state)
{
	fixture *f = *state;
	static const char *const sectors[] = {"migrant", "academia", "media", "trade_union",
					      "youth"};
	static const char *const kinds[] = {"floor", "floor", "floor", "point_of_order", "reply"};
	unsigned seed = 11;
	int64_t t = T0, who[60];
	size_t n_who = 0;
	static const char *const regions[] = {"Africa", "Arab States", "Asia and the Pacific"};
	static const char *const genders[] = {"woman", "man"};
	for (int i = 0; i < 60; i++)
		who[n_who++] = add_person(f->db, "q", i, sectors[i % 5], regions[i % 3],
					  genders[i % 2], i % 4 ? "KE" : "FR");
	int compared = 0;
	for (int step = 0; step < 600; step++) {
		if (step % 7 == 0) {
			static const size_t depths[] = {1, 2, 5, 13, 40};
			prefix_is_the_whole_lists(f->db, f->item1, depths[(step / 7) % 5],
						  (size_t)(step / 7) % 4);
		}
		seed = seed * 1103515245u + 12345u;
		unsigned r = (seed >> 16) % 100;
		int64_t e;
		tu_at(t += 5);
		if (step % 100 == 0)
			rs_meeting_set_policy(f->db, (rs_policy)((step / 100) % 3));
		if (r < 50) {
			rs_queue_add(f->db, f->item1, who[(seed >> 4) % n_who], kinds[(seed >> 9) % 5],
				     &e);
		} else if (r < 58) {
			rs_queue_move_to(f->db, (int64_t)((seed >> 5) % 100) + 1, 1);
		} else if (r < 72) { /* someone's sector or region changes meanwhile */
			rs_stakeholder p;
			assert_int_equal(rs_stakeholder_get(f->db, who[(seed >> 4) % n_who], &p), RS_OK);
			free(p.sector);
			free(p.region);
			p.sector = strdup(sectors[(seed >> 6) % 5]);
			p.region = strdup(regions[(seed >> 7) % 3]);
			assert_int_equal(rs_stakeholder_update(f->db, &p), RS_OK);
			rs_stakeholder_clear(&p);
		} else {
			rs_queue_floor(f->db, RS_FLOOR_END, f->item1, RS_EXPECT_ANY, &e);
			rs_queue_entry *v;
			size_t n;
			assert_int_equal(rs_queue_list(f->db, f->item1, &v, &n), RS_OK);
			const rs_queue_entry *want = rs_queue_upcoming(v, n, 0);
			int64_t want_id = want ? want->id : 0;
			rs_queue_list_free(v, n);
			/* The status line's read of the head says the same. */
			assert_int_equal(rs_queue_head(f->db, f->item1, &v, &n), RS_OK);
			const rs_queue_entry *head = rs_queue_upcoming(v, n, 0);
			assert_int_equal(head ? head->id : 0, want_id);
			assert_null(rs_queue_holder(v, n)); /* the speech was ended above */
			rs_queue_list_free(v, n);
			int64_t got = 0;
			rs_status rc = rs_queue_floor(f->db, RS_FLOOR_START, f->item1, RS_EXPECT_ANY,
						      &got);
			assert_int_equal(rc == RS_OK ? got : 0, want_id);
			compared += want_id != 0;
			/* ... and, once called, shows whom as speaking. */
			assert_int_equal(rs_queue_head(f->db, f->item1, &v, &n), RS_OK);
			const rs_queue_entry *h = rs_queue_holder(v, n);
			assert_int_equal(h ? h->id : 0, want_id);
			rs_queue_list_free(v, n);
		}
	}
	assert_true(compared > 50);
}

/* A long list of many buckets (48, academia most of them; one of migrants
 * asking last and called first), speeches heard, a point of order and a
 * reply to a speech still waiting: the first
 * places a screen reads are the whole list's under each policy, at every
 * depth. */
static void a_screens_first_places_are_the_whole_lists(void **state)
{
	fixture *f = *state;
	static const char *const sectors[] = {"academia", "academia", "academia", "migrant",
					      "media", "trade_union", "youth", "private_sector"};
	static const char *const regions[] = {"Africa", "Arab States", "Asia and the Pacific",
					      "Europe and North America"};
	static const char *const genders[] = {"woman", "man"};
	int64_t t = T0, who[140], e, first = 0;
	for (int i = 0; i < 140; i++) {
		char name[32], email[48];
		snprintf(name, sizeof name, "W%03d", i);
		snprintf(email, sizeof email, "w%d@example.org", i);
		/* The last 20 in one bucket, of migrants (who go first): a
		 * bucket the first places take from again and again. */
		int late = i >= 120;
		rs_stakeholder p = {.name = strdup(name),
				    .sector = strdup(late ? "migrant" : sectors[(i * 7) % 8]),
				    .region = strdup(late ? "Africa" : regions[(i / 3) % 4]),
				    .gender = strdup(late ? "woman" : genders[(i / 2) % 2]),
				    .country = strdup("KE"), .email = strdup(email),
				    .registered_at = -1};
		assert_int_equal(rs_stakeholder_add(f->db, &p, &who[i]), RS_OK);
		rs_stakeholder_clear(&p);
	}
	for (int i = 0; i < 6; i++) /* academia heard already */
		speak(f, f->item1, who[i * 8], t += 60, 90);
	for (int i = 0; i < 140; i++) {
		tu_at(t += 5);
		assert_int_equal(rs_queue_add(f->db, f->item1, who[i], NULL, &e), RS_OK);
		first = i == 9 ? e : first;
	}
	tu_at(t += 5);
	rs_queue_new reply = {.item_id = f->item1, .stakeholder_id = who[3], .kind = "reply",
			      .reply_to = first};
	assert_int_equal(rs_queue_add_entry(f->db, &reply, &e), RS_OK);
	assert_int_equal(rs_queue_add(f->db, f->item1, who[5], "point_of_order", &e), RS_OK);
	static const size_t depths[] = {1, 2, 3, 5, 8, 13, 21, 40, 119, 200};
	for (int round = 0; round < 2; round++) {
		for (int policy = 0; policy < 3; policy++) {
			assert_int_equal(rs_meeting_set_policy(f->db, (rs_policy)policy), RS_OK);
			for (size_t d = 0; d < sizeof depths / sizeof depths[0]; d++)
				prefix_is_the_whole_lists(f->db, f->item1, depths[d], d % 4);
		}
		/* Then twelve heard out of turn (balanced): the first come
		 * still waiting lost places, which each reason counts and
		 * the bound weighs, read for the few a screen shows. */
		assert_int_equal(rs_meeting_set_policy(f->db, POLICY_BALANCED), RS_OK);
		for (int i = 0; round == 0 && i < 12; i++) {
			tu_at(t += 60);
			assert_int_equal(rs_queue_next(f->db, f->item1, &e), RS_OK);
		}
		if (round == 0)
			assert_int_equal(rs_queue_end(f->db, f->item1, &e), RS_OK);
	}
	rs_queue_entry *all;
	size_t n_all, passed = 0;
	assert_int_equal(rs_queue_list(f->db, f->item1, &all, &n_all), RS_OK);
	for (size_t i = 0; i < n_all; i++)
		passed += all[i].state == QS_WAITING && strstr(all[i].reason, "passed over ") &&
			  strncmp(strstr(all[i].reason, "passed over ") + 12, "0 ", 2) != 0;
	rs_queue_list_free(all, n_all);
	assert_true(passed > 0);
}

/* Giving the floor, withdrawing: the entry named, however far down the
 * list, with none of the list read beyond its head. */
static void the_entry_named_is_the_one_acted_on(void **state)
{
	fixture *f = *state;
	int64_t e[30], got;
	assert_int_equal(rs_meeting_set_policy(f->db, POLICY_BALANCED), RS_OK);
	for (int i = 0; i < 30; i++) {
		char name[16], email[32];
		snprintf(name, sizeof name, "M%02d", i);
		snprintf(email, sizeof email, "m%d@example.org", i);
		tu_at(T0 + 10 * i);
		assert_int_equal(rs_queue_add(f->db, f->item1, tu_person(f->db, name, "media", email),
					      NULL, &e[i]),
				 RS_OK);
	}
	assert_int_equal(rs_queue_start(f->db, f->item1, &got), RS_OK);
	assert_int_equal(got, e[0]);
	assert_int_equal(rs_queue_floor(f->db, RS_FLOOR_GIVE, e[24], RS_EXPECT_ANY, &got), RS_OK);
	assert_int_equal(got, e[24]);
	assert_int_equal(rs_queue_withdraw(f->db, e[19]), RS_OK);
	rs_queue_entry *v;
	size_t n, waiting = 0;
	assert_int_equal(rs_queue_list(f->db, f->item1, &v, &n), RS_OK);
	assert_int_equal(rs_queue_holder(v, n)->id, e[24]);
	for (size_t i = 0; i < n; i++) {
		waiting += v[i].state == QS_WAITING;
		if (v[i].id == e[0])
			assert_int_equal(v[i].state, QS_SPOKEN);
		if (v[i].id == e[19])
			assert_int_equal(v[i].state, QS_WITHDRAWN);
	}
	assert_int_equal(waiting, 27);
	rs_queue_list_free(v, n);
	/* One not on the list: refused, nothing done. */
	assert_int_equal(rs_queue_floor(f->db, RS_FLOOR_GIVE, e[29] + 100, RS_EXPECT_ANY, &got),
			 RS_ERR_INVALID);
}

/* When a speaker's sector changes, the next speaker follows the new one:
 * Ana asked first as an academic, then became media; the academic Ben is
 * whom the balance calls, not Ana, whatever bucket she asked in. */
static void the_head_follows_a_changed_sector(void **state)
{
	fixture *f = *state;
	int64_t e;
	/* The roster: Ben and Chen academia, Dana media, Ana migrant: academia
	 * 50%.  Ana becomes academia, asks first; then media. */
	rs_stakeholder a;
	assert_int_equal(rs_stakeholder_get(f->db, f->ana, &a), RS_OK);
	free(a.sector);
	a.sector = strdup("academia");
	assert_int_equal(rs_stakeholder_update(f->db, &a), RS_OK);
	assert_int_equal(rs_meeting_set_policy(f->db, POLICY_BALANCED), RS_OK);
	rs_balance_change c = {.by_time = -1, .scope_meeting = -1, .max_passed = -1,
			       .migrants_first = 0};
	assert_int_equal(set_balance(f->db, &c), RS_OK);
	tu_at(T0 + 1);
	assert_int_equal(rs_queue_add(f->db, f->item1, f->ana, NULL, &e), RS_OK);
	tu_at(T0 + 2);
	assert_int_equal(rs_queue_add(f->db, f->item1, f->ben, NULL, &e), RS_OK);
	int64_t ben = e;
	free(a.sector);
	a.sector = strdup("media");
	assert_int_equal(rs_stakeholder_update(f->db, &a), RS_OK);
	rs_stakeholder_clear(&a);
	/* Now academia 2 of 4 (50%), media 2 of 4 (50%): a tie, first come is
	 * Ana... so make media heard once: Dana speaks elsewhere first. */
	tu_at(T0 + 3);
	assert_int_equal(rs_queue_add(f->db, f->item2, f->dana, NULL, &e), RS_OK);
	assert_int_equal(rs_queue_floor(f->db, RS_FLOOR_GIVE, e, RS_EXPECT_ANY, NULL), RS_OK);
	assert_int_equal(rs_queue_end(f->db, f->item2, &e), RS_OK);
	/* Over the meeting, media 1 heard: academia 4(0.5 x 2) = 4 against
	 * media 4(0.5 x 2 - 1) = 0: Ben, an academic, before Ana. */
	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(f->db, f->item1, &v, &n), RS_OK);
	int64_t want = rs_queue_upcoming(v, n, 0)->id;
	rs_queue_list_free(v, n);
	assert_int_equal(want, ben);
	int64_t got;
	assert_int_equal(rs_queue_floor(f->db, RS_FLOOR_START, f->item1, RS_EXPECT_ANY, &got),
			 RS_OK);
	assert_int_equal(got, ben);
}

/* The head as `queue next` reads it against the whole list, on one
 * terminal: the same first speaker, by the same name, taking part the same
 * way, with the same time to speak. */
static void head_is_the_whole_lists(rs_db *db, int64_t item)
{
	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(db, item, &v, &n), RS_OK);
	const rs_queue_entry *want = rs_queue_upcoming(v, n, 0);
	int64_t want_id = want ? want->id : 0;
	char want_name[64], want_way[16];
	int want_allotted = want ? want->allotted : 0;
	snprintf(want_name, sizeof want_name, "%s", want ? want->name : "");
	snprintf(want_way, sizeof want_way, "%s", want ? want->participation : "");
	rs_queue_list_free(v, n);
	assert_int_equal(rs_queue_head(db, item, &v, &n), RS_OK);
	const rs_queue_entry *head = rs_queue_upcoming(v, n, 0);
	assert_int_equal(head ? head->id : 0, want_id);
	assert_string_equal(head ? head->name : "", want_name);
	assert_string_equal(head ? head->participation : "", want_way);
	assert_int_equal(head ? head->allotted : 0, want_allotted);
	rs_queue_list_free(v, n);
}

/* After a step: on each terminal the head, and every fifth step a
 * screen's first places, as the whole list gives them. */
static void continue_checks(rs_db *const dbs[2], int64_t item, int step)
{
	for (int d = 0; d < 2; d++) {
		head_is_the_whole_lists(dbs[d], item);
		if (step % 5 == 0)
			prefix_is_the_whole_lists(dbs[d], item, 6, 0);
	}
}

/* The speech going on on item ended and the next speaker called, as the
 * moderator's key does: 1 when someone was. */
static int end_and_call(rs_db *db, int64_t item)
{
	int64_t e;
	rs_queue_floor(db, RS_FLOOR_END, item, RS_EXPECT_ANY, &e);
	return rs_queue_floor(db, RS_FLOOR_START, item, RS_EXPECT_ANY, &e) == RS_OK;
}

/* The next speaker as often as not (a head kept), else person. */
static int64_t next_or(rs_db *db, int64_t item, int64_t person, unsigned seed)
{
	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(db, item, &v, &n), RS_OK);
	const rs_queue_entry *next = rs_queue_upcoming(v, n, 0);
	if (next && (seed & 1024))
		person = next->stakeholder_id;
	rs_queue_list_free(v, n);
	return person;
}

/* Each connection keeps the first come of every bucket between calls
 * (store_heads.c) and must see every change that moves one: its own calls,
 * adds, withdrawals, undos, refused actions, changed sectors and names, the
 * way someone takes part, the floor's speaking time, and those
 * of another terminal on the same file.  Two connections take turns at
 * random under balanced; after every step each reads the head and a
 * screen's first places as the whole list gives them. */
static void kept_heads_follow_every_terminals_changes(void **state)
{
	fixture *f = *state;
	static const char *const sectors[] = {"migrant", "academia", "media", "trade_union",
					      "youth", "private_sector"};
	static const char *const regions[] = {"Africa", "Arab States", "Asia and the Pacific",
					      "Europe and North America"};
	static const char *const genders[] = {"woman", "man"};
	rs_db *other;
	assert_int_equal(rs_db_open(rs_db_path(f->db), &other), RS_OK);
	rs_db *dbs[2] = {f->db, other};
	assert_int_equal(rs_meeting_set_policy(f->db, POLICY_BALANCED), RS_OK);
	int64_t t = T0, who[72];
	for (int i = 0; i < 72; i++)
		who[i] = add_person(dbs[i % 2], "k", i, sectors[i % 6], regions[i % 4], genders[i % 2],
				    "KE");
	unsigned seed = 29;
	int called = 0, undone = 0;
	for (int step = 0; step < 500; step++) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = (seed >> 16) % 100;
		rs_db *db = dbs[(seed >> 3) & 1];
		int64_t e, person = who[(seed >> 5) % 72];
		tu_at(t += 3);
		if (r < 45) {
			rs_queue_add(db, f->item1, person, NULL, &e); /* refused if waiting */
		} else if (r < 65) {
			called += end_and_call(db, f->item1);
		} else if (r < 75) {
			rs_queue_withdraw(db, (int64_t)((seed >> 6) % 200) + 1);
		} else if (r < 85) {
			rs_event ev;
			undone += rs_undo_last(db, &ev) == RS_OK;
		} else if (r < 89) { /* pacing gives the floor less time, or the meeting's */
			assert_int_equal(rs_pacing_set(db, f->item1, "floor", (int)(step % 4) * 60),
					 RS_OK);
		} else if (r < 95) {
			rs_stakeholder p;
			assert_int_equal(rs_stakeholder_get(db, next_or(db, f->item1, person, seed), &p),
					 RS_OK);
			char name[32];
			snprintf(name, sizeof name, "K.%d", step);
			free(p.name);
			p.name = strdup(name);
			free(p.sector);
			p.sector = strdup(sectors[(seed >> 7) % 6]);
			assert_int_equal(rs_stakeholder_update(db, &p), RS_OK);
			rs_stakeholder_clear(&p);
		} else { /* the desk: online now, or back in the room */
			rs_stakeholder p;
			person = next_or(db, f->item1, person, seed);
			assert_int_equal(rs_stakeholder_get(db, person, &p), RS_OK);
			const char *way = strcmp(p.participation, "online") ? "online" : "in_room";
			rs_stakeholder_clear(&p);
			assert_int_equal(rs_stakeholder_set_participation(db, person, way), RS_OK);
		}
		continue_checks(dbs, f->item1, step);
	}
	assert_true(called > 40);
	assert_true(undone > 10);
	rs_db_close(other);
}

/* The meeting's accreditation rule on (or off) from db. */
static void require_accreditation(rs_db *db, int on)
{
	rs_meeting_change ch = {.policy = -1, .warning_seconds = -1,
				.set_require_accreditation = 1, .require_accreditation = on};
	assert_int_equal(rs_meeting_set(db, &ch), RS_OK);
}

/* Waiting entry e can be moved by the moderator: not held back, and not
 * placed by the rule (a point of order, a reply). */
static int movable(const rs_queue_entry *e)
{
	return !e->held && !e->by_rule;
}

static const rs_queue_entry *waiting_by_id(const rs_queue_entry *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id && v[i].state == QS_WAITING)
			return &v[i];
	return NULL;
}

/* Every reply that follows a speech still waiting shows after it, with
 * nothing between them but replies to it or to one another. */
static void replies_follow_their_speech(const rs_queue_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i].state != QS_WAITING || v[i].by_rule != RS_RULE_AFTER)
			continue;
		const rs_queue_entry *t = waiting_by_id(v, n, v[i].reply_to);
		if (!t || t->held)
			continue;
		assert_true(t->position < v[i].position);
		for (size_t j = 0; j < n; j++)
			if (v[j].state == QS_WAITING && !v[j].held && v[j].position > t->position &&
			    v[j].position < v[i].position)
				assert_int_equal(v[j].by_rule, RS_RULE_AFTER);
	}
}

/* A waiting entry of item, at random, moved to a place at random, at most
 * three past the last of those who can be called: a place among those the
 * rule holds back is refused, as is moving one of them; a move made puts
 * the entry at that very place in the whole list, the replies still right
 * after the speeches they answer; a move refused says which rule refused
 * it.  1 when one was made. */
static int move_within_those_called(rs_db *db, int64_t item, unsigned seed)
{
	rs_queue_entry *v;
	size_t n, callable = 0, waiting = 0, movables = 0;
	assert_int_equal(rs_queue_list(db, item, &v, &n), RS_OK);
	for (size_t i = 0; i < n; i++) {
		waiting += v[i].state == QS_WAITING;
		callable += v[i].state == QS_WAITING && !v[i].held;
		movables += v[i].state == QS_WAITING && movable(&v[i]);
	}
	/* One time in four any waiting entry, held back or not; else one the
	 * moderator can move; to a place from the first on. */
	int any = (seed >> 20) % 4 == 0;
	size_t of = any ? waiting : movables, k = of ? (seed >> 8) % of : 0;
	const rs_queue_entry *e = NULL;
	for (size_t i = 0; i < n && !e; i++)
		if (v[i].state == QS_WAITING && (any || movable(&v[i])) && k-- == 0)
			e = &v[i];
	int64_t id = of ? e->id : 0;
	int held = of && e->held, to = (int)(1 + (seed >> 12) % (callable + 3));
	rs_queue_list_free(v, n);
	if (!id)
		return 0;
	rs_status rc = rs_queue_move_to(db, id, to);
	if (held || to > (int)callable)
		assert_int_equal(rc, RS_ERR_INVALID);
	if (rc) {
		static const char *const why[] = {"cannot go", "is a reply", "is a point of order",
						  "accreditation", "is already"};
		int said = 0;
		for (size_t i = 0; i < sizeof why / sizeof *why; i++)
			said |= strstr(rs_error(), why[i]) != NULL;
		assert_int_equal(rc, RS_ERR_INVALID);
		assert_true(said);
		return 0;
	}
	assert_int_equal(rs_queue_list(db, item, &v, &n), RS_OK);
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id) {
			assert_false(v[i].held);
			assert_int_equal(v[i].position, to);
		}
	replies_follow_their_speech(v, n);
	rs_queue_list_free(v, n);
	return 1;
}

/* With the meeting's accreditation rule on, a call reads the list's head
 * past those it holds back, not the whole list: two terminals take turns
 * at random under each policy (adds, points of order, replies, calls,
 * withdrawals, undos, moves, accreditation decisions on people waiting
 * and speaking, the rule off and on again); after each step each
 * terminal's head and, every fifth, a screen's first places at several
 * depths are the whole list's, held ones last with the same reasons.  Then
 * those who can be called withdraw: a call says how many wait held back. */
static void the_head_passes_over_those_held_back(void **state)
{
	fixture *f = *state;
	static const char *const sectors[] = {"migrant", "academia", "media", "youth",
					      "member_state"};
	static const char *const regions[] = {"Africa", "Arab States", "Asia and the Pacific"};
	static const char *const genders[] = {"woman", "man"};
	static const char *const codes[] = {"ecosoc", "pending", "gcm", "refused", "imrf_new",
					    "none"};
	static const char *const kinds[] = {"floor", "floor", "floor", "floor", "point_of_order",
					    "reply"};
	rs_db *other;
	assert_int_equal(rs_db_open(rs_db_path(f->db), &other), RS_OK);
	rs_db *dbs[2] = {f->db, other};
	int64_t t = T0, who[60], e;
	for (int i = 0; i < 60; i++) {
		who[i] = add_person(f->db, "h", i, sectors[i % 5], regions[i % 3], genders[i % 2],
				    "KE");
		if (strcmp(codes[(i / 5) % 6], "none")) /* "none" they are */
			assert_int_equal(rs_stakeholder_accredit(f->db, who[i], codes[(i / 5) % 6],
								 NULL),
					 RS_OK);
	}
	require_accreditation(f->db, 1);
	unsigned seed = 41;
	int called = 0, held_seen = 0, moved = 0;
	for (int step = 0; step < 600; step++) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = (seed >> 16) % 100;
		rs_db *db = dbs[(seed >> 3) & 1];
		int64_t person = who[(seed >> 5) % 60];
		tu_at(t += 3);
		if (step % 100 == 0)
			assert_int_equal(rs_meeting_set_policy(db, (rs_policy)((step / 100) % 3)), RS_OK);
		if (step == 250 || step == 290)
			require_accreditation(db, step == 290);
		if (r < 45) {
			rs_queue_add(db, f->item1, person, kinds[(seed >> 9) % 6], &e);
		} else if (r < 65) {
			called += end_and_call(db, f->item1);
		} else if (r < 72) {
			rs_queue_withdraw(db, (int64_t)((seed >> 6) % 300) + 1);
		} else if (r < 78) {
			rs_event ev;
			rs_undo_last(db, &ev);
		} else if (r < 84) {
			moved += move_within_those_called(db, f->item1, seed);
		} else { /* the desk decides: often on whom the list proposes */
			rs_stakeholder_accredit(db, next_or(db, f->item1, person, seed),
						codes[(seed >> 7) % 6], NULL);
		}
		for (int d = 0; d < 2; d++) {
			head_is_the_whole_lists(dbs[d], f->item1);
			if (step % 5 == 0) {
				static const size_t depths[] = {1, 3, 6, 40};
				prefix_is_the_whole_lists(dbs[d], f->item1, depths[(step / 5) % 4],
							  (size_t)step % 3);
			}
		}
		rs_queue_entry *v;
		size_t n;
		assert_int_equal(rs_queue_list(f->db, f->item1, &v, &n), RS_OK);
		for (size_t i = 0; i < n; i++)
			held_seen += v[i].held;
		rs_queue_list_free(v, n);
	}
	assert_true(called > 60);
	assert_true(held_seen > 300);
	assert_true(moved > 5);
	/* Nobody waiting can be called: the call says how many wait. */
	assert_int_equal(rs_queue_floor(f->db, RS_FLOOR_END, f->item1, RS_EXPECT_ANY, &e), RS_OK);
	rs_queue_entry *v;
	size_t n, waiting = 0;
	assert_int_equal(rs_queue_list(f->db, f->item1, &v, &n), RS_OK);
	for (size_t i = 0; i < n; i++)
		if (v[i].state == QS_WAITING && !v[i].held)
			rs_queue_withdraw(f->db, v[i].id);
		else
			waiting += v[i].state == QS_WAITING;
	rs_queue_list_free(v, n);
	assert_true(waiting > 2);
	char want[64];
	snprintf(want, sizeof want, "nobody can be called: %zu waiting held back", waiting);
	assert_int_equal(rs_queue_next(other, f->item1, &e), RS_ERR_INVALID);
	assert_contains(rs_error(), want);
	prefix_is_the_whole_lists(other, f->item1, 2, 0);
	rs_db_close(other);
}

/* Under the rule, a terminal keeps its buckets' heads past those held back;
 * a person accredited on another terminal, who asked before their bucket's
 * head, heads it now, and is called first (migrants first: their bucket
 * goes before the academic who asked before them all).  Refused again,
 * the one after them is; the rule off, they are again; on, not. */
static void one_accredited_heads_their_bucket(void **state)
{
	fixture *f = *state;
	rs_db *other;
	assert_int_equal(rs_db_open(rs_db_path(f->db), &other), RS_OK);
	assert_int_equal(rs_meeting_set_policy(f->db, POLICY_BALANCED), RS_OK);
	rs_balance_change c = {.by_time = -1, .scope_meeting = -1, .max_passed = -1,
			       .migrants_first = 1};
	assert_int_equal(set_balance(f->db, &c), RS_OK);
	int64_t first = add_person(f->db, "a", 0, "academia", "Africa", "woman", "KE");
	int64_t held = add_person(f->db, "m", 1, "migrant", "Africa", "woman", "KE");
	int64_t later = add_person(f->db, "m", 2, "migrant", "Africa", "woman", "KE");
	assert_int_equal(rs_stakeholder_accredit(f->db, first, "ecosoc", NULL), RS_OK);
	assert_int_equal(rs_stakeholder_accredit(f->db, held, "pending", NULL), RS_OK);
	assert_int_equal(rs_stakeholder_accredit(f->db, later, "gcm", NULL), RS_OK);
	require_accreditation(f->db, 1);
	const int64_t in_turn[] = {first, held, later};
	int64_t asked[3], e;
	for (int i = 0; i < 3; i++) {
		tu_at(T0 + 1 + i);
		assert_int_equal(rs_queue_add(f->db, f->item1, in_turn[i], NULL, &asked[i]), RS_OK);
	}
	int64_t e_held = asked[1], e_later = asked[2];
	/* Then the rule off on the other terminal, and on again. */
	static const char *const decisions[] = {NULL, "gcm", "refused", NULL, NULL};
	const int64_t want[] = {e_later, e_held, e_later, e_held, e_later};
	for (int i = 0; i < 5; i++) {
		if (decisions[i])
			assert_int_equal(rs_stakeholder_accredit(other, held, decisions[i], NULL),
					 RS_OK);
		if (i >= 3)
			require_accreditation(other, i == 4);
		rs_queue_entry *v;
		size_t n;
		assert_int_equal(rs_queue_head(f->db, f->item1, &v, &n), RS_OK);
		const rs_queue_entry *head = rs_queue_upcoming(v, n, 0);
		assert_int_equal(head ? head->id : 0, want[i]);
		rs_queue_list_free(v, n);
	}
	assert_int_equal(rs_stakeholder_accredit(other, held, "imrf_new", NULL), RS_OK);
	assert_int_equal(rs_queue_next(f->db, f->item1, &e), RS_OK);
	assert_int_equal(e, e_held);
	rs_db_close(other);
}

/* Under the rule, a terminal's walks for the first come and the first who
 * have not spoken begin where its last read left them; a read under fifo
 * makes no walk for the latter, so the policy turned to first_time on
 * that terminal still finds, past someone who spoke before, the first who
 * has not. */
static void the_first_who_has_not_spoken_is_found_after_fifo(void **state)
{
	fixture *f = *state;
	int64_t spoke = add_person(f->db, "s", 0, "academia", "Africa", "woman", "KE");
	int64_t new_voice = add_person(f->db, "n", 1, "media", "Africa", "man", "KE");
	for (int i = 0; i < 2; i++)
		assert_int_equal(rs_stakeholder_accredit(f->db, i ? new_voice : spoke, "ecosoc", NULL),
				 RS_OK);
	speak(f, f->item2, spoke, T0 + 1, 60);
	require_accreditation(f->db, 1);
	assert_int_equal(rs_meeting_set_policy(f->db, POLICY_FIFO), RS_OK);
	const int64_t in_turn[] = {spoke, new_voice};
	int64_t asked[2];
	for (int i = 0; i < 2; i++) {
		tu_at(T0 + 100 + i);
		assert_int_equal(rs_queue_add(f->db, f->item1, in_turn[i], NULL, &asked[i]), RS_OK);
	}
	for (int policy = POLICY_FIFO; policy <= POLICY_FIRST_TIME; policy++) {
		if (policy == POLICY_FIRST_TIME)
			assert_int_equal(rs_meeting_set_policy(f->db, POLICY_FIRST_TIME), RS_OK);
		rs_queue_entry *v;
		size_t n;
		assert_int_equal(rs_queue_head(f->db, f->item1, &v, &n), RS_OK);
		const rs_queue_entry *head = rs_queue_upcoming(v, n, 0);
		assert_int_equal(head ? head->id : 0, asked[policy == POLICY_FIRST_TIME]);
		rs_queue_list_free(v, n);
	}
}

/* A terminal whose queue pane shows another item than the one under way
 * reads both items in turn (the pane's screen, the status line's head):
 * each connection keeps both items' heads, the heard and the walks, each
 * brought up to date on its own.  Two connections, two items, 400 random
 * turns on either item under balanced and first_time, the rule on, then
 * off, then on: adds, calls, withdrawals, undos, accreditation decisions;
 * after each, each terminal reads a screen of one item and the head of the
 * other, as the whole lists give them. */
static void two_items_read_in_turn_are_both_kept(void **state)
{
	fixture *f = *state;
	static const char *const sectors[] = {"migrant", "academia", "media", "youth"};
	static const char *const regions[] = {"Africa", "Arab States", "Asia and the Pacific"};
	static const char *const codes[] = {"ecosoc", "pending", "gcm", "refused"};
	rs_db *other;
	assert_int_equal(rs_db_open(rs_db_path(f->db), &other), RS_OK);
	rs_db *dbs[2] = {f->db, other};
	const int64_t items[2] = {f->item1, f->item2};
	int64_t t = T0, who[40], e;
	for (int i = 0; i < 40; i++) {
		who[i] = add_person(f->db, "t", i, sectors[i % 4], regions[i % 3],
				    i % 2 ? "man" : "woman", "KE");
		assert_int_equal(rs_stakeholder_accredit(f->db, who[i], codes[(i / 3) % 4], NULL),
				 RS_OK);
	}
	require_accreditation(f->db, 1);
	unsigned seed = 53;
	int called = 0;
	for (int step = 0; step < 400; step++) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = (seed >> 16) % 100;
		rs_db *db = dbs[(seed >> 3) & 1];
		int64_t item = items[(seed >> 4) & 1], person = who[(seed >> 5) % 40];
		tu_at(t += 3);
		if (step % 100 == 0)
			assert_int_equal(rs_meeting_set_policy(db, step % 200 ? POLICY_FIRST_TIME
									   : POLICY_BALANCED),
					 RS_OK);
		if (step == 150 || step == 250)
			require_accreditation(db, step == 250);
		if (r < 50) {
			rs_queue_add(db, item, person, NULL, &e);
		} else if (r < 70) {
			called += end_and_call(db, item);
		} else if (r < 77) {
			rs_queue_withdraw(db, (int64_t)((seed >> 6) % 300) + 1);
		} else if (r < 84) {
			rs_event ev;
			rs_undo_last(db, &ev);
		} else {
			rs_stakeholder_accredit(db, next_or(db, item, person, seed),
						codes[(seed >> 7) % 4], NULL);
		}
		for (int d = 0; d < 2; d++) {
			int shown = (step / 20 + d) % 2; /* the pane's item, the other under way */
			prefix_is_the_whole_lists(dbs[d], items[shown], 6, 0);
			head_is_the_whole_lists(dbs[d], items[!shown]);
		}
	}
	assert_true(called > 40);
	rs_db_close(other);
}

/* SQL run on the file as another program would, failing the test when it
 * fails. */
static void sql_on(const char *path, const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	sqlite3_close(h);
}

/* A speech heard moved from one item to the other by SQL in an open event:
 * the journal shows the entry's change and nothing else (an action that
 * carries a speech over opens an item too). */
static void move_a_speech(const char *path, int64_t from, int64_t to)
{
	char sql[640];
	snprintf(sql, sizeof sql,
		 "BEGIN IMMEDIATE;"
		 " INSERT INTO event(at, user, action, session) VALUES (1, 't', 't', 't');"
		 " UPDATE queue_entry SET item_id = %lld WHERE id = (SELECT min(id)"
		 "  FROM queue_entry WHERE item_id = %lld AND state = 'spoken'"
		 "  AND kind <> 'point_of_order');"
		 " UPDATE event SET open = 0 WHERE id = (SELECT max(id) FROM event);"
		 " COMMIT;",
		 (long long)to, (long long)from);
	sql_on(path, sql);
}

/* The roster's shares changed by a commit the journal does not explain
 * (the tally is no journalled table). */
static const char *const untold_sql =
	"UPDATE roster_tally SET registered = registered + 3, present = present + 3"
	" WHERE dim = 'sector' AND value = 'media'";

/* Each connection keeps the balance a head's order reads (every group's
 * target, the other item's tallies: store_balance.c) between calls, and
 * must see what changes them: calls on the other item, check-ins, quotas,
 * undos, a speech moved between items, a commit the journal does not
 * explain, a transaction rolled back after it read them.  Two connections
 * take turns at random under a balance over the meeting that decides
 * alone (K 99, migrants not first); after every step each reads both
 * items' heads, and often a screen's first places, as the whole list
 * (which keeps nothing) gives them. */
static void the_kept_balance_follows_every_change(void **state)
{
	fixture *f = *state;
	static const char *const sectors[] = {"migrant", "academia", "media", "trade_union",
					      "youth"};
	static const char *const regions[] = {"Africa", "Arab States", "Europe and North America"};
	static const char *const genders[] = {"woman", "man"};
	const char *path = rs_db_path(f->db);
	rs_db *other;
	assert_int_equal(rs_db_open(path, &other), RS_OK);
	rs_db *dbs[2] = {f->db, other};
	rs_balance_change rules = {.by_time = 0, .scope_meeting = 1, .max_passed = 99,
				   .migrants_first = 0};
	assert_int_equal(set_balance(f->db, &rules), RS_OK);
	assert_int_equal(rs_meeting_set_policy(f->db, POLICY_BALANCED), RS_OK);
	int64_t t = T0, who[40], items[2] = {f->item1, f->item2};
	for (int i = 0; i < 40; i++)
		who[i] = add_person(f->db, "b", i, sectors[i % 5], regions[i % 3], genders[i % 2],
				    "KE");
	unsigned seed = 7;
	int called = 0, moved = 0, untold = 0, rolled = 0, checked = 0, long_breaks = 0;
	for (int step = 0; step < 400; step++) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = (seed >> 16) % 100;
		rs_db *db = dbs[(seed >> 3) & 1];
		int64_t it = items[(seed >> 4) & 1], e;
		tu_at(t += 7);
		if (r < 40) {
			rs_queue_add(db, it, who[(seed >> 5) % 40], NULL, &e);
		} else if (r < 65) { /* the other item's speech ends first */
			rs_queue_floor(db, RS_FLOOR_END, items[0] + items[1] - it, RS_EXPECT_ANY, &e);
			called += rs_queue_next(db, it, &e) == RS_OK && e;
		} else if (r < 73) {
			/* refused when they already are */
			checked += rs_stakeholder_checkin(db, who[(seed >> 5) % 40],
							  (int)(seed >> 9) & 1) == RS_OK;
		} else if (r < 79) {
			rs_quota q = {BAL_SECTOR, sectors[(seed >> 5) % 5], (double)((seed >> 8) % 3) * 0.2};
			rs_balance_change c = {.by_time = (step / 100) % 2, .scope_meeting = -1,
					       .max_passed = -1, .migrants_first = -1, .quotas = &q,
					       .n_quotas = 1};
			set_balance(db, &c); /* refused past 100% */
		} else if (r < 85) {
			rs_event ev;
			rs_undo_last(db, &ev);
		} else if (r < 91) {
			move_a_speech(path, it, items[0] + items[1] - it);
			moved++;
		} else if (r < 93) {
			sql_on(path, untold_sql);
			untold++;
		} else if (r < 95) { /* more changes than are looked at one by one */
			char sql[12288];
			int len = snprintf(sql, sizeof sql, "BEGIN IMMEDIATE; INSERT INTO event(at,"
					   " user, action, session) VALUES (1, 't', 't', 't');");
			for (int k = 0; k < 70; k++) /* each an entry of the item, changed */
				len += snprintf(sql + len, sizeof sql - (size_t)len,
						" UPDATE queue_entry SET paused_seconds = paused_seconds"
						" WHERE id = (SELECT max(id) FROM queue_entry"
						" WHERE item_id = %lld);", (long long)it);
			snprintf(sql + len, sizeof sql - (size_t)len,
				 " UPDATE stakeholder SET sector = 'youth' WHERE id = %lld;"
				 " UPDATE event SET open = 0 WHERE id = (SELECT max(id) FROM event);"
				 " COMMIT;", (long long)who[(seed >> 5) % 40]);
			sql_on(path, sql);
			long_breaks++;
		} else { /* read inside a transaction that is then rolled back */
			rs_queue_entry *v;
			size_t n;
			assert_int_equal(sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL),
					 SQLITE_OK);
			assert_int_equal(sqlite3_exec(db->h, untold_sql, NULL, NULL, NULL), SQLITE_OK);
			/* The other item's, then its own: both read again in it. */
			for (int k = 1; k >= 0; k--) {
				assert_int_equal(rs_queue_head(db, items[((db == other) + k + step / 50) % 2],
							       &v, &n), RS_OK);
				rs_queue_list_free(v, n);
			}
			assert_int_equal(sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
			rolled++;
		}
		/* Each terminal on one item for a while, as in the room (a
		 * read of another item reads the balance again), then the other. */
		for (int d = 0; d < 2; d++) {
			int64_t mine = items[(d + step / 50) % 2];
			head_is_the_whole_lists(dbs[d], mine);
			prefix_is_the_whole_lists(dbs[d], mine, 6, 0);
		}
	}
	assert_true(called > 40);
	assert_true(moved > 10 && untold > 5 && rolled > 5 && checked > 10 && long_breaks > 3);
	rs_db_close(other);
}

/* A registration file large enough to go in batches keeps the roster's
 * tally as one row at a time would. */
static void a_bulk_import_keeps_the_roster_tally(void **state)
{
	fixture *f = *state;
	rs_import_stats st;
	assert_int_equal(rs_import_roster(f->db, tu_fixture("registrations.csv"), 0, NULL, &st),
			 RS_OK);
	assert_int_equal(st.added, 150);
	assert_int_equal(differences(rs_db_path(f->db),
				     "SELECT dim, value, registered, present FROM roster_tally"
				     " WHERE registered <> 0",
				     "SELECT d.dim, " VALUE("s.participation") ", count(*),"
				     " sum(s.present <> 0) FROM stakeholder s, " DIMS
				     " WHERE " SQL_COUNTED("s") " GROUP BY 1, 2"),
			 0);
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
		cmocka_unit_test_setup_teardown(the_tallies_are_what_counting_gives, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(the_head_is_whom_the_whole_list_proposes, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(a_screens_first_places_are_the_whole_lists, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(the_head_follows_a_changed_sector, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(the_entry_named_is_the_one_acted_on, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(kept_heads_follow_every_terminals_changes, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(the_head_passes_over_those_held_back, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(one_accredited_heads_their_bucket, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(the_first_who_has_not_spoken_is_found_after_fifo,
						setup, tu_teardown),
		cmocka_unit_test_setup_teardown(two_items_read_in_turn_are_both_kept, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(the_kept_balance_follows_every_change, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(a_bulk_import_keeps_the_roster_tally, setup,
						tu_teardown),
	};
	return cmocka_run_group_tests_name("balance", tests, NULL, NULL);
}
