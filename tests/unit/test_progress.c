/* Progress of long work, as a front end hears it: an import and an export
 * on real SQLite files, the delay pinned by $ROSTRUM_PROGRESS_AFTER. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream under -std=c11 */
#endif
#include "testutil.h"

#include "rostrum/export.h"
#include "rostrum/import.h"
#include "rostrum/progress.h"

typedef struct {
	int told, over, shown;    /* calls, of them with over set; a line is up */
	int64_t last_done;        /* the units of the last line */
	int backwards, left_told; /* units went down; a time left was told */
	char task[32];
} heard;

static void hear(void *ctx, const rs_progress *p)
{
	heard *h = ctx;
	h->told++;
	if (p->over) {
		h->over++;
		h->shown = 0;
		return;
	}
	h->backwards |= p->done < h->last_done;
	h->last_done = p->done;
	h->left_told |= p->left >= 0;
	h->shown = 1;
	snprintf(h->task, sizeof h->task, "%s", p->task);
}

/* Imports the shared form with progress told to h after `after` ms. */
static rs_db *import_heard(const char *after, heard *h)
{
	rs_db *db = tu_new_db();
	FILE *err = tmpfile();
	assert_non_null(err);
	setenv("ROSTRUM_PROGRESS_AFTER", after, 1);
	rs_db_on_progress(db, hear, h);
	rs_import_stats st;
	assert_int_equal(rs_import_roster(db, tu_fixture("registrations.csv"), 0, err, &st), RS_OK);
	assert_int_equal(st.added, 150);
	fclose(err);
	return db;
}

static void import_tells_rows_and_takes_the_line_away(void **state)
{
	(void)state;
	heard h = {0};
	rs_db *db = import_heard("0", &h);
	assert_true(h.told >= 2);
	assert_string_equal(h.task, "import roster");
	assert_true(h.last_done > 0 && h.last_done <= 150);
	assert_false(h.backwards);
	assert_true(h.left_told);
	assert_int_equal(h.shown, 0); /* the last word was "over" */
	assert_true(h.over >= 1);

	/* An export on the same connection tells its own rows. */
	heard e = {0};
	rs_db_on_progress(db, hear, &e);
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	assert_non_null(m);
	assert_int_equal(rs_export_summary(db, EXPORT_MD, NULL, m), RS_OK);
	fclose(m);
	free(buf);
	assert_string_equal(e.task, "export summary");
	assert_true(e.last_done > 0);
	assert_int_equal(e.shown, 0);
	unsetenv("ROSTRUM_PROGRESS_AFTER");
	rs_db_close(db);
}

/* Work that ends before the delay tells nothing at all. */
static void short_work_tells_nothing(void **state)
{
	(void)state;
	heard h = {0};
	rs_db *db = import_heard("3600000", &h);
	assert_int_equal(h.told, 0);
	unsetenv("ROSTRUM_PROGRESS_AFTER");
	rs_db_close(db);
}

static void the_line(void **state)
{
	(void)state;
	char buf[160];
	rs_progress p = {.task = "import roster", .unit = "rows", .done = 45000, .seconds = 2.0,
			 .left = 2.4};
	rs_progress_line(&p, buf, sizeof buf);
	assert_string_equal(buf, "import roster: 45,000 rows, 22,500 rows/s, about 2 s left");
	p.left = 0.3;
	rs_progress_line(&p, buf, sizeof buf);
	assert_string_equal(buf, "import roster: 45,000 rows, 22,500 rows/s, less than a second left");
	p.left = 600;
	rs_progress_line(&p, buf, sizeof buf);
	assert_string_equal(buf, "import roster: 45,000 rows, 22,500 rows/s, about 10 min left");
	p = (rs_progress){.task = "export summary", .unit = "rows", .done = 1234567, .seconds = 1,
			  .left = -1};
	rs_progress_line(&p, buf, sizeof buf);
	assert_string_equal(buf, "export summary: 1,234,567 rows, 1,234,567 rows/s");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(import_tells_rows_and_takes_the_line_away),
		cmocka_unit_test(short_work_tells_nothing),
		cmocka_unit_test(the_line),
	};
	return cmocka_run_group_tests_name("progress", tests, NULL, NULL);
}
