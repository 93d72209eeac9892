/* The roster as a list that scrolls (rs_roster_list): every window it
 * reads, from whichever place it starts, is the same slice of the roster
 * that sorting every match gives (rs_roster_window), and so is each
 * person's row (rs_roster_list_row_of); a refresh keeps the
 * same people in view; a search whose ids lie far apart is still whole.
 * On real SQLite files with the shared fixtures. */
#include "testutil.h"

#include <sqlite3.h>

#include "rostrum/import.h"
#include "rostrum/stakeholder.h"

enum { MAX_IDS = 400 };

typedef struct {
	int64_t id[MAX_IDS];
	int n;
} ids;

static int add_id(const rs_stakeholder *s, void *ctx)
{
	ids *v = ctx;
	assert_true(v->n < MAX_IDS);
	assert_non_null(s->sort_key);
	v->id[v->n++] = s->id;
	return 0;
}

/* Everyone the view shows, by sorting every match: what a list must show. */
static void truth(rs_db *db, const rs_roster_view *v, ids *out)
{
	memset(out, 0, sizeof *out);
	assert_int_equal(rs_roster_window(db, v, NULL, -1, add_id, out), RS_OK);
}

/* The window [top, top + limit) of the list is the same slice of truth. */
static void same_window(rs_roster_list *l, const ids *all, int top, int limit)
{
	ids got = {0};
	assert_int_equal(rs_roster_list_read(l, top, limit, add_id, &got), RS_OK);
	int want = top >= all->n ? 0 : all->n - top < limit ? all->n - top : limit;
	if (got.n != want)
		fail_msg("window at %d of %d: %d rows, not %d", top, all->n, got.n, want);
	for (int i = 0; i < want; i++)
		if (got.id[i] != all->id[top + i])
			fail_msg("window at %d, row %d: id %lld, not %lld", top, i,
				 (long long)got.id[i], (long long)all->id[top + i]);
}

static rs_db *roster_of_151(void)
{
	rs_db *db = tu_new_db();
	rs_import_stats stats;
	FILE *err = tmpfile();
	assert_int_equal(rs_import_roster(db, tu_fixture("registrations.csv"), 0, err, &stats),
			 RS_OK);
	fclose(err);
	tu_person(db, "António Vitorino", "un_system", "dg@iom.example.org");
	/* Some of them here, to have a view of those present. */
	for (int64_t id = 1; id <= 150; id += 3)
		assert_int_equal(rs_stakeholder_checkin(db, id, 1), RS_OK);
	return db;
}

static uint32_t next_random(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

/* Pages down and up, the ends, jumps, a step back into the window read
 * and out of it, past the end, and random places: always the sorted slice. */
static void list_reads_any_window_as_the_sorted_roster(void **state)
{
	(void)state;
	rs_db *db = roster_of_151();
	const rs_roster_view views[] = {
		{.present = -1},
		{.text = "a", .present = -1},
		{.text = "an", .present = -1},
		{.text = "MEDIA", .present = -1},
		{.present = 1},
		{.present = -1, .accreditation = "accredited"},
		{.text = "a", .present = 0},
		{.text = "a", .present = -1, .participation = "in_room"},
		{.text = "zzzz", .present = -1},
	};
	for (size_t k = 0; k < sizeof views / sizeof views[0]; k++) {
		ids all;
		truth(db, &views[k], &all);
		rs_roster_list *l;
		assert_int_equal(rs_roster_list_open(db, &views[k], &l), RS_OK);
		assert_int_equal(rs_roster_list_total(l), all.n);
		int64_t n;
		assert_int_equal(rs_roster_count(db, &views[k], &n), RS_OK);
		assert_int_equal(n, all.n);
		const int tops[] = {0, 7, 14, 13, 3, 0, all.n - 7, all.n - 1, all.n - 8, all.n / 2,
				    all.n / 2 - 1, all.n / 2 + 9, 1, all.n + 3, all.n - 20, 5};
		for (size_t i = 0; i < sizeof tops / sizeof tops[0]; i++)
			same_window(l, &all, tops[i] < 0 ? 0 : tops[i], 7);
		uint32_t seed = 2463534242u;
		for (int i = 0; i < 200 && all.n; i++)
			same_window(l, &all, (int)(next_random(&seed) % (uint32_t)all.n),
				    1 + (int)(next_random(&seed) % 12));
		/* Each person's row is where the sorted roster has them; -1
		 * for those the view leaves out, and for nobody. */
		for (int64_t id = 1; id <= 152; id++) {
			int64_t row, want = -1;
			for (int i = 0; i < all.n; i++)
				if (all.id[i] == id)
					want = i;
			assert_int_equal(rs_roster_list_row_of(l, id, &row), RS_OK);
			if (row != want)
				fail_msg("view %zu, person %lld: row %lld, not %lld", k, (long long)id,
					 (long long)row, (long long)want);
		}
		rs_roster_list_free(l);
	}
	rs_db_close(db);
}

/* After the roster changed, a refresh says where the first row read is
 * now: the screen keeps the same people, whatever came before them. */
static void list_refresh_keeps_the_same_people_in_view(void **state)
{
	(void)state;
	rs_db *db = roster_of_151();
	rs_roster_view everyone = {.present = -1};
	ids all, got = {0};
	truth(db, &everyone, &all);
	rs_roster_list *l;
	assert_int_equal(rs_roster_list_open(db, &everyone, &l), RS_OK);
	assert_int_equal(rs_roster_list_read(l, 100, 10, add_id, &got), RS_OK);
	assert_int_equal(got.id[0], all.id[100]);
	int64_t first = got.id[0], top = -1;
	memset(&got, 0, sizeof got);
	/* Someone new who sorts first: the same people are one further on. */
	int64_t aaron = tu_person(db, "Aaron Aardvark", "media", "aaron@example.org");
	assert_int_equal(rs_roster_list_refresh(l, &top), RS_OK);
	assert_int_equal(top, 101);
	assert_int_equal(rs_roster_list_total(l), 152);
	memset(&got, 0, sizeof got);
	assert_int_equal(rs_roster_list_read(l, top, 10, add_id, &got), RS_OK);
	assert_int_equal(got.id[0], first);
	/* Someone who sorts last changes nothing before them. */
	tu_person(db, "Zyx Zzyzx", "media", "zzz@example.org");
	assert_int_equal(rs_roster_list_refresh(l, &top), RS_OK);
	assert_int_equal(top, 101);
	/* The first row read gone: the place it had is the next person's. */
	assert_int_equal(rs_stakeholder_delete(db, aaron), RS_OK);
	int64_t mid = tu_person(db, "Mmm Middle", "media", "mmm@example.org"), at = -1;
	truth(db, &everyone, &all);
	for (int i = 0; i < all.n; i++)
		if (all.id[i] == mid)
			at = i;
	assert_true(at > 0);
	assert_int_equal(rs_roster_list_refresh(l, &top), RS_OK);
	memset(&got, 0, sizeof got);
	assert_int_equal(rs_roster_list_read(l, at, 10, add_id, &got), RS_OK);
	assert_int_equal(rs_stakeholder_delete(db, mid), RS_OK);
	assert_int_equal(rs_roster_list_refresh(l, &top), RS_OK);
	assert_int_equal(top, at);
	memset(&got, 0, sizeof got);
	assert_int_equal(rs_roster_list_read(l, top, 1, add_id, &got), RS_OK);
	assert_int_equal(got.id[0], all.id[at + 1]);
	rs_roster_list_free(l);

	/* A search, near its end (counted from there). */
	rs_roster_view search = {.text = "a", .present = -1};
	truth(db, &search, &all);
	assert_int_equal(rs_roster_list_open(db, &search, &l), RS_OK);
	memset(&got, 0, sizeof got);
	assert_int_equal(rs_roster_list_read(l, all.n - 3, 3, add_id, &got), RS_OK);
	tu_person(db, "Aaron Aardvark", "media", "aaron2@example.org");
	assert_int_equal(rs_roster_list_refresh(l, &top), RS_OK);
	assert_int_equal(top, all.n - 2);
	rs_roster_list_free(l);
	rs_db_close(db);
}

/* Ids far apart (more than a bitmap of them should hold): the search's
 * set is kept sorted instead, and finds the same people. */
static void list_with_ids_far_apart(void **state)
{
	(void)state;
	rs_db *db = roster_of_151();
	sqlite3 *h;
	assert_int_equal(sqlite3_open(rs_db_path(db), &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h,
		"BEGIN; INSERT INTO event(at, user, action) VALUES (0, 't', 'setup');"
		" INSERT INTO stakeholder(id, name, sector, fold, sort_key)"
		" VALUES (900000000, 'Ana Far', 'media', 'ana far media', 'ana far');"
		" UPDATE event SET open = 0 WHERE open; COMMIT;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	rs_roster_view v = {.text = "a", .present = -1};
	ids all;
	truth(db, &v, &all);
	rs_roster_list *l;
	assert_int_equal(rs_roster_list_open(db, &v, &l), RS_OK);
	assert_int_equal(rs_roster_list_total(l), all.n);
	for (int top = 0; top < all.n; top += 5)
		same_window(l, &all, top, 5);
	same_window(l, &all, all.n - 5, 5);
	rs_roster_list_free(l);
	rs_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_reads_any_window_as_the_sorted_roster),
		cmocka_unit_test(list_refresh_keeps_the_same_people_in_view),
		cmocka_unit_test(list_with_ids_far_apart),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
