/* The roster: stakeholder validation, the queries, and the registration-form
 * import on real SQLite files with the shared fixtures. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream under -std=c11 */
#endif
#include "testutil.h"

#include <sqlite3.h>

#include "rostrum/import.h"
#include "rostrum/journal.h"
#include "rostrum/queue.h"
#include "rostrum/stakeholder.h"

/* ---- helpers ---- */

/* Writes text to a new file in a fresh temporary folder; the path is the
 * caller's to free. */
static char *write_csv(const char *name, const char *text)
{
	char *path = strdup(tu_path(name));
	assert_non_null(path);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	return path;
}

typedef struct {
	rs_status rc;
	rs_import_stats stats;
	char err[8192]; /* everything written on err */
} import_result;

static void import(rs_db *db, const char *path, int dry_run, import_result *r)
{
	FILE *err = tmpfile();
	assert_non_null(err);
	memset(r, 0, sizeof *r);
	r->rc = rs_import_roster(db, path, dry_run, err, &r->stats);
	rewind(err);
	size_t n = fread(r->err, 1, sizeof r->err - 1, err);
	r->err[n] = '\0';
	fclose(err);
}

static void import_ok(rs_db *db, const char *path, import_result *r)
{
	import(db, path, 0, r);
	if (r->rc != RS_OK)
		fail_msg("import %s: %s\n%s", path, rs_error(), r->err);
}

/* Imports text as a CSV file; in r->err its path reads "FILE". */
static void import_text(rs_db *db, const char *text, import_result *r)
{
	char *path = write_csv("roster.csv", text);
	import(db, path, 0, r);
	size_t n = strlen(path);
	char *p, *out = r->err;
	while ((p = strstr(out, path))) {
		memcpy(p, "FILE", 4);
		memmove(p + 4, p + n, strlen(p + n) + 1);
		out = p + 4;
	}
	free(path);
}

static int64_t count(rs_db *db)
{
	int64_t n = -1;
	assert_int_equal(rs_stakeholder_count(db, &n), RS_OK);
	return n;
}

/* A second, plain connection to the same file, for looking behind the API. */
static sqlite3 *peek(rs_db *db)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open_v2(rs_db_path(db), &h, SQLITE_OPEN_READWRITE, NULL),
			 SQLITE_OK);
	return h;
}

static int64_t peek_int(rs_db *db, const char *sql)
{
	sqlite3 *h = peek(db);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* The first column of the first row as a new string (caller frees). */
static char *peek_text(rs_db *db, const char *sql, const char *arg)
{
	sqlite3 *h = peek(db);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static void assert_text(rs_db *db, const char *sql, const char *arg, const char *want)
{
	char *got = peek_text(db, sql, arg);
	assert_string_equal(got, want);
	free(got);
}

/* Two agenda items the fixtures' requests to speak name, written under a
 * journal event of their own as the triggers require. */
static void add_thematic_items(rs_db *db)
{
	sqlite3 *h = peek(db);
	assert_int_equal(sqlite3_exec(h,
		"BEGIN; INSERT INTO event(at, user, action) VALUES (0, 'test', 'test');"
		" INSERT INTO agenda_item(position, code, title) VALUES"
		"  (1, 'thematic-1', 'Thematic discussion I'),"
		"  (2, 'thematic-2', 'Thematic discussion II');"
		" UPDATE event SET open = 0; COMMIT;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

#define EMAIL_SQL(col) "SELECT " col " FROM stakeholder WHERE email = ?"

/* ---- the fixtures ---- */

static void fixture_imports_150(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	import_result r;
	import_ok(db, tu_fixture("registrations.csv"), &r);
	/* No programme yet: every request to speak waits, and the import says
	 * which rows name no item at all. */
	assert_contains(r.err, "registrations.csv: 14 requests to speak name no item (lines 23, 26,"
			       " 43, 56, 68, 82, 85, 98, 99, 114, 120, 122, 125, 135)");
	assert_contains(r.err, "registrations.csv: 36 requests to speak name an item the programme"
			       " does not have");
	assert_int_equal(r.stats.unplaced, 50);
	assert_int_equal(r.stats.rows, 150);
	assert_int_equal(r.stats.added, 150);
	assert_int_equal(r.stats.updated + r.stats.unchanged, 0);
	assert_int_equal(r.stats.nominations, 25); /* 25 rows name a nominee */
	assert_int_equal(count(db), 150);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM stakeholder WHERE wants_to_speak"), 50);
	/* Tally: six people nominated, Fatou Okafor by six distinct people. */
	assert_int_equal(peek_int(db, "SELECT count(DISTINCT nominee_id) FROM nomination"), 6);
	assert_int_equal(peek_int(db, "SELECT max(c) FROM (SELECT count(DISTINCT nominator_id) c"
				      " FROM nomination GROUP BY nominee_id)"), 6);
	assert_text(db, EMAIL_SQL("languages"), "priya.hossain@csp-id.example.org", "ar;en;ru");
	assert_text(db, EMAIL_SQL("datetime(registered_at, 'unixepoch')"),
		    "priya.hossain@csp-id.example.org", "2022-04-26 04:25:17");
	rs_db_close(db);
}

static void reimport_changes_nothing(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	add_thematic_items(db);
	import_result r;
	import_ok(db, tu_fixture("registrations.csv"), &r);
	/* 50 want to speak, but only 36 name an item: 22 + 14. */
	assert_int_equal(r.stats.requests, 36);
	import_ok(db, tu_fixture("registrations.csv"), &r);
	assert_int_equal(r.stats.added, 0);
	assert_int_equal(r.stats.updated, 0);
	assert_int_equal(r.stats.unchanged, 150);
	assert_int_equal(r.stats.nominations, 0);
	assert_int_equal(r.stats.requests, 0);
	assert_int_equal(count(db), 150);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM nomination"), 25);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM queue_entry"), 36);
	/* The second import journals an event but no change at all. */
	assert_int_equal(peek_int(db, "SELECT count(*) FROM change WHERE event_id ="
				      " (SELECT max(id) FROM event)"), 0);
	rs_db_close(db);
}

static void messy_brings_190(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	import_result r;
	import_ok(db, tu_fixture("registrations.csv"), &r);
	import_ok(db, tu_fixture("registrations-messy.csv"), &r);
	/* The BOM'd first column is known: the only lines are the notices. */
	assert_contains(r.err, "registrations-messy.csv: 1 request to speak names no item (line 18)");
	assert_null(strstr(r.err, "column"));
	assert_int_equal(r.stats.added, 40);
	assert_int_equal(r.stats.nominations, 6);
	assert_int_equal(count(db), 190);
	/* Labels in any case became codes. */
	assert_text(db, EMAIL_SQL("sector"), "hiba.khoury@nhrc-eg.example.org", "nhri");
	assert_text(db, EMAIL_SQL("sector"), "maria.luisa.santos@gmf-th.example.org", "other");
	assert_text(db, EMAIL_SQL("sector"), "siobhan.rossi@cmj-us.example.org", "civil_society");
	/* Embedded quotes, commas and newlines survive; CRLF leaves no CR. */
	assert_text(db, EMAIL_SQL("organization"), "maria.luisa.santos@gmf-th.example.org",
		    "Global Mobility Foundation, Regional Office \"South\"");
	assert_text(db, "SELECT n.statement FROM nomination n JOIN stakeholder s"
			" ON s.id = n.nominator_id WHERE s.email = ?",
		    "moussa.dlamini@rpa-et.example.org",
		    "Trade unionist; would present the hearing's key recommendations on decent"
		    " work, fair recruitment and the end of the sponsorship system.\n"
		    "Second paragraph, with a comma.");
	assert_int_equal(peek_int(db, "SELECT count(*) FROM stakeholder WHERE instr(name"
				      " || coalesce(organization, '') || coalesce(speak_on, ''),"
				      " char(13))"), 0);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM nomination WHERE"
				      " instr(statement, char(13))"), 0);
	rs_db_close(db);
}

static void messy_alone_imports_40(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	import_result r;
	import_ok(db, tu_fixture("registrations-messy.csv"), &r);
	assert_int_equal(count(db), 40);
	assert_int_equal(r.stats.nominations, 6);
	assert_text(db, "SELECT name FROM stakeholder WHERE id = 1", NULL, "Maria Luisa Santos");
	rs_db_close(db);
}

/* ---- the journal and dry runs ---- */

static void one_event_per_import(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	import_result r;
	import_ok(db, tu_fixture("registrations.csv"), &r);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM event"), 1);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM event WHERE action = 'import.roster'"
				      " AND object_type = 'roster' AND NOT open"), 1);
	/* The file it imported, named as the programme's import names its own,
	 * and each count in words that agree with it. */
	char want[1024];
	snprintf(want, sizeof want, "imported 150 rows from %s: 150 added, 0 updated, 0 unchanged;"
		 " 0 requests to speak queued, 25 nominations", tu_fixture("registrations.csv"));
	assert_text(db, "SELECT summary FROM event", NULL, want);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM change WHERE tbl = 'stakeholder'"
				      " AND op = 'insert' AND event_id = 1"), 150);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM change WHERE tbl = 'nomination'"), 25);
	rs_db_close(db);
}

static void dry_run_writes_nothing(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	add_thematic_items(db);
	import_result r;
	import(db, tu_fixture("registrations.csv"), 1, &r);
	assert_int_equal(r.rc, RS_OK);
	assert_int_equal(r.stats.added, 150);
	assert_int_equal(r.stats.nominations, 25);
	assert_int_equal(r.stats.requests, 36);
	assert_int_equal(count(db), 0);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM event"), 1); /* the test's own */
	assert_int_equal(peek_int(db, "SELECT count(*) FROM nomination"), 0);
	rs_db_close(db);
}

/* The journal an import writes, as text: every event (its action, object,
 * summary and session) and every change row, old and new, in id order;
 * the OS user aside.  The caller frees. */
static char *journal_dump(rs_db *db)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	assert_non_null(f);
	sqlite3 *h = peek(db);
	static const char *const sql[] = {
		"SELECT 'event', id, at, action, object_type, object_id, summary, open, session"
		" FROM event ORDER BY id",
		"SELECT 'change', id, event_id, tbl, row_id, op, old, new FROM change ORDER BY id",
	};
	for (size_t q = 0; q < 2; q++) {
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(h, sql[q], -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *v = sqlite3_column_text(st, c);
				fprintf(f, "%s%s", c ? "|" : "", v ? (const char *)v : "NULL");
			}
			fputc('\n', f);
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* text (freed) with each occurrence of what made word, as a new string;
 * an X in what stands for any character. */
static char *mask(char *text, const char *what, const char *word)
{
	size_t n = strlen(what), w = strlen(word), len = 0;
	char *out = malloc(strlen(text) * (w > n ? w : 1) + 1);
	assert_non_null(out);
	for (const char *p = text; *p;) {
		size_t i = 0;
		while (i < n && p[i] && (what[i] == 'X' || p[i] == what[i]))
			i++;
		if (n && i == n) {
			memcpy(out + len, word, w);
			len += w;
			p += n;
		} else {
			out[len++] = *p++;
		}
	}
	out[len] = '\0';
	free(text);
	return out;
}

/* What the desk's file brings to a roster the form filled: people checked
 * in or online, new and known, one without an email, requests to speak. */
static const char desk_csv[] =
	"name,organization,sector,email,present,checked_in_at,wants_to_speak,speak_on,"
	"registered_at,participation\n"
	"Ana Bulk,Org A,migrant,ana.bulk@example.org,yes,,no,,,\n"
	"Ben Bulk,Org B,academia,ben.bulk@example.org,,2022-05-16T14:05:00Z,no,,,online\n"
	"Cleo Noemail,Org C,youth,,,,,,,\n"
	"João Campbell,Other Org,nhri,joao.campbell@nhrc-mx.example.org,yes,,,,,\n"
	"Luca Lindqvist,Institute for Mobility Studies,academia,luca.lindqvist@ims-se.example.org,"
	",,yes,thematic-1,2022-04-20T10:00:00Z,\n"
	"Dee Bulk,Org D,media,dee.bulk@example.org,,,yes,thematic-2,2022-04-21T10:00:00Z,\n";

/* The journal of three imports (the form, the desk's file, the messy form)
 * is the one the per-row triggers wrote before imports wrote it in
 * batches: tests/golden/import-journal.txt, byte for byte (regenerated with
 * ROSTRUM_UPDATE_GOLDEN=1, run from the top of the tree). */
static void import_journal_is_as_before(void **state)
{
	(void)state;
	static const char golden[] = "tests/golden/import-journal.txt";
	setenv("ROSTRUM_SESSION", "golden", 1);
	tu_at(1652700000);
	rs_db *db = tu_new_db();
	add_thematic_items(db);
	import_result r;
	import_ok(db, tu_fixture("registrations.csv"), &r);
	tu_at(1652700600);
	import_text(db, desk_csv, &r);
	assert_int_equal(r.rc, RS_OK);
	tu_at(1652701200);
	import_ok(db, tu_fixture("registrations-messy.csv"), &r);
	char *got = journal_dump(db);
	/* The summaries name the files: the fixtures' folder, wherever it is,
	 * reads FIXTURES/; the fresh temporary folder of the desk's, TMP/. */
	char fixtures[512];
	snprintf(fixtures, sizeof fixtures, "%s", tu_fixture(""));
	got = mask(got, fixtures, "FIXTURES/");
	got = mask(got, "/tmp/rostrum-test-XXXXXX/", "TMP/");
	rs_db_close(db);
	unsetenv("ROSTRUM_NOW");
	unsetenv("ROSTRUM_SESSION");
	const char *update = getenv("ROSTRUM_UPDATE_GOLDEN");
	FILE *f = fopen(golden, update && !strcmp(update, "1") ? "wb" : "rb");
	if (!f)
		fail_msg("%s: cannot open (run from the top of the tree)", golden);
	if (update && !strcmp(update, "1")) {
		assert_int_equal(fwrite(got, 1, strlen(got), f), strlen(got));
	} else {
		size_t n = strlen(got) + 1;
		char *want = calloc(1, n + 1);
		assert_non_null(want);
		size_t len = fread(want, 1, n, f);
		if (len != strlen(got) || memcmp(want, got, len))
			fail_msg("the import's journal differs from %s", golden);
		free(want);
	}
	assert_int_equal(fclose(f), 0);
	free(got);
}

/* FTS5's own check that the roster search's index matches the roster. */
static void assert_search_index_whole(rs_db *db)
{
	sqlite3 *h = peek(db);
	assert_int_equal(sqlite3_exec(h, "INSERT INTO stakeholder_fts(stakeholder_fts)"
					 " VALUES ('integrity-check')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

/* Every trigger's and index's SQL, in name order: what a bulk import sets
 * aside must come back as it was.  The caller frees. */
static char *schema_sql(rs_db *db)
{
	return peek_text(db, "SELECT group_concat(name || ': ' || sql, char(10)) FROM"
			     " (SELECT name, sql FROM sqlite_schema WHERE type IN ('trigger', 'index')"
			     " AND sql IS NOT NULL ORDER BY name)", NULL);
}

/* After an import that succeeds, fails or is a dry run, the triggers and
 * indexes are as they were, the roster search finds the people it added
 * (its index whole: FTS5's integrity check), and the next change is
 * journalled. */
static void import_leaves_triggers_and_search_whole(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	char *before = schema_sql(db);
	import_result r;
	import(db, tu_fixture("registrations.csv"), 1, &r);
	assert_int_equal(r.rc, RS_OK);
	import_text(db, "name,sector\nAnn Lee,academia\nBob Ray,astronauts\n", &r);
	assert_int_equal(r.rc, RS_ERR_INVALID);
	/* Failing past the first rows, in batches. */
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	fputs("name,sector,email\n", f);
	for (int i = 0; i < 300; i++)
		fprintf(f, "Person %d,academia,p%d@example.org\n", i, i);
	fputs("Bob Ray,astronauts,bob@example.org\n", f);
	fclose(f);
	import_text(db, text, &r);
	free(text);
	assert_int_equal(r.rc, RS_ERR_INVALID);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM stakeholder"), 0);
	char *failed = schema_sql(db);
	assert_string_equal(failed, before);
	free(failed);
	import_ok(db, tu_fixture("registrations.csv"), &r);
	char *after = schema_sql(db);
	assert_string_equal(after, before);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM stakeholder"), 150);
	assert_search_index_whole(db);
	int64_t n = 0;
	assert_int_equal(rs_stakeholder_count_matching(db, "campbell", &n), RS_OK);
	assert_int_equal(n, peek_int(db, "SELECT count(*) FROM stakeholder WHERE sort_key"
				      " LIKE '%campbell%' OR fold LIKE '%campbell%'"));
	assert_true(n > 0);
	int64_t id = tu_person(db, "Zoë Later", "media", "zoe.later@example.org");
	assert_int_equal(peek_int(db, "SELECT count(*) FROM change WHERE tbl = 'stakeholder'"
				      " AND op = 'insert' AND row_id = (SELECT max(id) FROM stakeholder)"), 1);
	assert_int_equal(rs_stakeholder_count_matching(db, "zoe", &n), RS_OK);
	assert_true(n >= 1 && id > 150);
	free(before);
	free(after);
	rs_db_close(db);
}

/* More rows than one batch: each new person journalled once, in file
 * order, with the row as stored; the search index whole. */
static void import_of_thousands_journals_each_row(void **state)
{
	(void)state;
	enum { ROWS = 5000 }; /* more than one batch of 4,096 */
	char *path = strdup(tu_path("many.csv"));
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("name,organization,sector,email\n", f);
	for (int i = 0; i < ROWS; i++)
		fprintf(f, "Person %d Łódź,Org %d,academia,p%d@example.org\n", (i * 3001) % ROWS,
			i % 37, i);
	assert_int_equal(fclose(f), 0);
	rs_db *db = tu_new_db();
	import_result r;
	import_ok(db, path, &r);
	assert_int_equal(r.stats.added, ROWS);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM change WHERE tbl = 'stakeholder'"), ROWS);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM change c JOIN stakeholder s"
				      " ON s.id = c.row_id WHERE c.tbl = 'stakeholder'"
				      " AND c.op = 'insert' AND c.old IS NULL"
				      " AND json_extract(c.new, '$.email') = s.email"
				      " AND json_extract(c.new, '$.fold') = s.fold"
				      " AND json_extract(c.new, '$.sort_key') = s.sort_key"), ROWS);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM change a JOIN change b"
				      " ON b.id = a.id + 1 WHERE b.row_id <> a.row_id + 1"), 0);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM stakeholder"
				      " WHERE email <> 'p' || (id - 1) || '@example.org'"), 0);
	assert_search_index_whole(db);
	/* The roster's indexes, built again after the rows, hold every one. */
	assert_int_equal(peek_int(db, "SELECT count(*) FROM stakeholder INDEXED BY stakeholder_roster"
				      " WHERE sort_key >= ''"), ROWS);
	char *check = peek_text(db, "PRAGMA integrity_check", NULL);
	assert_string_equal(check, "ok");
	free(check);
	int64_t n = 0;
	assert_int_equal(rs_stakeholder_count_matching(db, "lodz", &n), RS_OK);
	assert_int_equal(n, ROWS);
	free(path);
	rs_db_close(db);
}

/* ---- bad files ---- */

static void bad_row_rejects_file_with_its_line(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	import_result r;
	import_ok(db, tu_fixture("registrations.csv"), &r);
	import_text(db, "name,sector,email\n"
			"Ann Lee,academia,ann@example.org\n"
			"Bob Ray,astronauts,bob@example.org\n", &r);
	assert_int_equal(r.rc, RS_ERR_INVALID);
	assert_string_equal(r.err, "FILE:3: sector: unknown sector 'astronauts'\n");
	assert_int_equal(count(db), 150);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM event"), 1);
	rs_db_close(db);
}

/* Lines are physical: a quoted field over three lines moves the next row
 * down; CRLF and a BOM change nothing; every bad row is reported. */
static void bad_rows_after_multiline_field(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"name,sector,nomination_statement\n"
		"Ann Lee,academia,\"one\ntwo, \"\"quoted\"\"\nthree\"\n"
		"Bob Ray,astronauts,\n"
		"\n"
		"Cy Po,media,\"x\"\n"
		"Dee Ko,,\n",
		"\xef\xbb\xbfname,sector,nomination_statement\r\n"
		"Ann Lee,academia,\"one\r\ntwo, \"\"quoted\"\"\r\nthree\"\r\n"
		"Bob Ray,astronauts,\r\n"
		"\r\n"
		"Cy Po,media,\"x\"\r\n"
		"Dee Ko,,",
	};
	for (size_t i = 0; i < 2; i++) {
		rs_db *db = tu_new_db();
		import_result r;
		import_text(db, texts[i], &r);
		assert_int_equal(r.rc, RS_ERR_INVALID);
		assert_string_equal(r.err, "FILE:5: sector: unknown sector 'astronauts'\n"
					   "FILE:8: sector: required\n");
		assert_int_equal(r.stats.rows, 4);
		assert_int_equal(count(db), 0);
		rs_db_close(db);
	}
}

static void header_missing_required_column(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	import_result r;
	import_text(db, "name,title\nAnn Lee,Dr.\n", &r);
	assert_int_equal(r.rc, RS_ERR_INVALID);
	assert_string_equal(r.err, "FILE:1: header: missing required column 'sector'\n");
	assert_int_equal(count(db), 0);
	rs_db_close(db);
}

static void unknown_column_is_a_warning(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	import_result r;
	import_text(db, " Name ,SECTOR,Shoe_Size\n  Ann Lee  ,Academia,42\n", &r);
	assert_int_equal(r.rc, RS_OK);
	assert_string_equal(r.err, "FILE:1: column 'Shoe_Size' is unknown and ignored\n");
	assert_int_equal(count(db), 1);
	assert_text(db, "SELECT name || '|' || sector FROM stakeholder", NULL, "Ann Lee|academia");
	rs_db_close(db);
}

static void csv_errors_name_the_row(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	import_result r;
	import_text(db, "name,sector\n"
			"Ann Lee,academia,extra\n"
			"Bob Ray,media\n"
			"Cy \"Po\" Ng,media\n", &r);
	assert_int_equal(r.rc, RS_ERR_INVALID);
	assert_contains(r.err, "FILE:2: csv: 3 fields, but the header has 2\n");
	assert_contains(r.err, "FILE:4: csv: malformed quoting");
	import_text(db, "name,sector\nAnn Lee,academia\nBob,\"media\n\n", &r);
	assert_int_equal(r.rc, RS_ERR_INVALID);
	assert_contains(r.err, "FILE:3: csv: malformed quoting");
	assert_int_equal(count(db), 0);
	rs_db_close(db);
}

static void repeated_email_and_unknown_nominee(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	import_result r;
	import_text(db, "name,sector,email,rapporteur_nominee,registered_at,wants_to_speak\n"
			"Ann Lee,academia,ann@example.org,Bob Ray,,yes\n"
			"Bob Ray,media,,nobody@example.org,,\n"
			"Ann Again,media,ANN@example.org,,,\n"
			"Cy Po,media,,,yesterday,\n"
			"Dee Ko,media,,,,perhaps\n", &r);
	assert_int_equal(r.rc, RS_ERR_INVALID);
	assert_contains(r.err, "FILE:4: email: email ann@example.org is already on line 2\n");
	assert_contains(r.err, "FILE:5: registered_at: 'yesterday' is not");
	assert_contains(r.err, "FILE:6: wants_to_speak: expected yes, no, floor or panel, not 'perhaps'");
	assert_contains(r.err, "FILE:3: rapporteur_nominee: no stakeholder 'nobody@example.org'"
			       " in the file or the database\n");
	assert_null(strstr(r.err, ":2:")); /* Bob Ray is found by name */
	assert_int_equal(count(db), 0);
	rs_db_close(db);
}

/* A nominee named, not emailed, is looked up in the database too. */
static void nominee_by_name_in_database(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	import_result r;
	import_ok(db, tu_fixture("registrations.csv"), &r);
	import_text(db, "name,sector,rapporteur_nominee\n"
			"Ann Lee,academia,Priya Hossain\n"
			"Bob Ray,media,Élodie O'Neill\n", &r);
	assert_int_equal(r.rc, RS_ERR_INVALID);
	assert_string_equal(r.err, "FILE:3: rapporteur_nominee: several stakeholders are named"
				   " 'Élodie O'Neill'; give an email\n");
	import_text(db, "name,sector,rapporteur_nominee\n"
			"Ann Lee,academia,Priya Hossain\n", &r);
	assert_int_equal(r.rc, RS_OK);
	assert_int_equal(r.stats.nominations, 1);
	assert_text(db, "SELECT s.email FROM nomination n JOIN stakeholder s ON s.id = n.nominee_id"
			" JOIN stakeholder b ON b.id = n.nominator_id WHERE b.name = ?", "Ann Lee",
		    "priya.hossain@csp-id.example.org");
	rs_db_close(db);
}

static void changed_row_updates_only_it(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	import_result r;
	import_text(db, "name,sector,email,organization\n"
			"Ann Lee,academia,ann@example.org,\n"
			"Bob Ray,media,,Radio\n", &r);
	assert_int_equal(r.rc, RS_OK);
	import_text(db, "name,sector,email,organization\n"
			"Ann Lee,youth,Ann@Example.org,\n"
			"Bob Ray,media,,Radio\n"
			"Bob Ray,media,,TV\n", &r);
	assert_int_equal(r.rc, RS_OK);
	assert_int_equal(r.stats.added, 1);
	assert_int_equal(r.stats.updated, 1);
	assert_int_equal(r.stats.unchanged, 1);
	assert_int_equal(count(db), 3);
	assert_text(db, EMAIL_SQL("sector"), "ann@example.org", "youth");
	assert_int_equal(peek_int(db, "SELECT count(*) FROM change WHERE op = 'update'"), 1);
	rs_db_close(db);
}

/* ---- the stakeholder API ---- */

static rs_status add(rs_db *db, const char *name, const char *sector, const char *email,
		     int64_t *id)
{
	rs_stakeholder s = {0};
	s.name = strdup(name);
	s.sector = strdup(sector);
	s.email = email ? strdup(email) : NULL;
	rs_status rc = rs_stakeholder_add(db, &s, id);
	rs_stakeholder_clear(&s);
	return rc;
}

static void normalise_names_the_field(void **state)
{
	(void)state;
	static const struct {
		const char *field, *value, *reason;
	} bad[] = {
		{"name", "  ", "required"},
		{"sector", "astronauts", "unknown sector 'astronauts'"},
		{"region", "Atlantis", "unknown region 'Atlantis'"},
		{"country", "DEU", "'DEU' is not a two-letter country code"},
		{"email", "a@b", "'a@b' is not an email address"},
		{"email", "a b@c.org", "'a b@c.org' is not an email address"},
		{"accreditation", "vip", "unknown accreditation 'vip'"},
		{"languages", "en;de", "unknown language 'de' (use ar zh en fr ru es)"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		rs_stakeholder s = {0};
		s.name = strdup("Ann Lee");
		s.sector = strdup("media");
		char **slot = !strcmp(bad[i].field, "name") ? &s.name
			: !strcmp(bad[i].field, "sector") ? &s.sector
			: !strcmp(bad[i].field, "region") ? &s.region
			: !strcmp(bad[i].field, "country") ? &s.country
			: !strcmp(bad[i].field, "email") ? &s.email
			: !strcmp(bad[i].field, "accreditation") ? &s.accreditation
			: &s.languages;
		free(*slot);
		*slot = strdup(bad[i].value);
		const char *field = NULL;
		assert_int_equal(rs_stakeholder_normalise(&s, &field), RS_ERR_INVALID);
		assert_string_equal(field, bad[i].field);
		assert_string_equal(rs_error(), bad[i].reason);
		rs_stakeholder_clear(&s);
	}
}

static void normalise_canonicalises(void **state)
{
	(void)state;
	rs_stakeholder s = {0};
	s.name = strdup("  Ann Lee ");
	s.sector = strdup("national human rights INSTITUTIONS");
	s.region = strdup("arab states");
	s.country = strdup("ma");
	s.gender = strdup("Female");
	s.email = strdup(" Ann@Example.ORG ");
	s.accreditation = strdup("ECOSOC");
	s.languages = strdup(" AR; en ;;");
	assert_int_equal(rs_stakeholder_normalise(&s, NULL), RS_OK);
	assert_string_equal(s.name, "Ann Lee");
	assert_string_equal(s.sector, "nhri");
	assert_string_equal(s.region, "Arab States");
	assert_string_equal(s.country, "MA");
	assert_string_equal(s.gender, "woman");
	assert_string_equal(s.email, "ann@example.org");
	assert_string_equal(s.accreditation, "ecosoc");
	assert_string_equal(s.languages, "ar;en");
	free(s.gender);
	s.gender = strdup("agender");
	assert_int_equal(rs_stakeholder_normalise(&s, NULL), RS_OK);
	assert_string_equal(s.gender, "agender");
	rs_stakeholder_clear(&s);
}

static void add_validates_and_refuses_repeated_email(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	int64_t id = 0;
	assert_int_equal(add(db, "Ann Lee", "astronauts", NULL, &id), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "sector: unknown sector 'astronauts'");
	assert_int_equal(add(db, "Ann Lee", "media", "ann@example.org", &id), RS_OK);
	assert_int_equal(id, 1);
	assert_int_equal(add(db, "Ann Other", "media", "ANN@example.org", &id), RS_ERR_INVALID);
	assert_string_equal(rs_error(),
			    "email: ann@example.org is Ann Lee's (1): check them in instead");
	assert_int_equal(count(db), 1);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM event WHERE action ="
				      " 'stakeholder.add'"), 1);
	rs_stakeholder s;
	assert_int_equal(rs_stakeholder_get(db, 1, &s), RS_OK);
	assert_string_equal(s.accreditation, "none");
	assert_string_equal(s.organization, "");
	assert_int_equal(s.registered_at, -1);
	rs_stakeholder_clear(&s);
	rs_db_close(db);
}

static void find_by_id_or_email(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	int64_t id = 0;
	assert_int_equal(add(db, "Ann Lee", "media", "ann@example.org", &id), RS_OK);
	assert_int_equal(rs_stakeholder_find(db, "1", &id), RS_OK);
	assert_int_equal(id, 1);
	assert_int_equal(rs_stakeholder_find(db, "Ann@Example.org", &id), RS_OK);
	assert_int_equal(id, 1);
	assert_int_equal(rs_stakeholder_find(db, "2", &id), RS_ERR_INVALID);
	assert_int_equal(rs_stakeholder_find(db, "bob@example.org", &id), RS_ERR_INVALID);
	/* A name one person has, in any case. */
	id = 0;
	assert_int_equal(rs_stakeholder_find(db, "ann LEE", &id), RS_OK);
	assert_int_equal(id, 1);
	assert_int_equal(rs_stakeholder_find(db, "Bo Wu", &id), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "no stakeholder 'Bo Wu' (give an id, an email or a name)");
	int64_t other;
	assert_int_equal(add(db, "Ann Lee", "academia", "ann.lee@example.org", &other), RS_OK);
	assert_int_equal(rs_stakeholder_find(db, "Ann Lee", &id), RS_ERR_INVALID);
	assert_string_equal(rs_error(),
			    "more than one stakeholder is called 'Ann Lee' (give an id or an email)");
	rs_db_close(db);
}

typedef struct {
	int n;
	char names[8][64];
	/* the last one's place in the roster's order */
	char last_key[128];
	rs_roster_key last;
} seen;

static int collect(const rs_stakeholder *s, void *ctx)
{
	seen *v = ctx;
	if (v->n < 8)
		snprintf(v->names[v->n], sizeof v->names[0], "%s", s->name);
	v->n++;
	snprintf(v->last_key, sizeof v->last_key, "%s", s->sort_key);
	v->last = (rs_roster_key){v->last_key, s->id};
	return 0;
}

static int window(rs_db *db, const char *filter, const rs_roster_key *after, int64_t limit,
		  seen *v)
{
	memset(v, 0, sizeof *v);
	assert_int_equal(rs_stakeholder_window(db, filter, after, limit, collect, v), RS_OK);
	return v->n;
}

static void window_filters_with_folded_diacritics(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	import_result r;
	import_ok(db, tu_fixture("registrations.csv"), &r);
	int64_t id;
	assert_int_equal(add(db, "António Vitorino", "un_system", "dg@iom.example.org", &id),
			 RS_OK);
	seen v;
	assert_int_equal(window(db, "antonio", NULL, -1, &v), 1);
	assert_string_equal(v.names[0], "António Vitorino");
	assert_int_equal(window(db, "  VIT   anto ", NULL, 10, &v), 1);
	assert_int_equal(window(db, "\"o'neill", NULL, 10, &v), 7); /* the quote is no token */
	assert_int_equal(window(db, "élodie o'neill", NULL, 10, &v), 3);
	assert_int_equal(window(db, "\" OR * NEAR(", NULL, 10, &v), 0); /* no syntax */
	assert_int_equal(window(db, "", NULL, -1, &v), 151);
	/* Pages by key: after the 149th, two more. */
	window(db, NULL, NULL, 149, &v);
	seen after;
	rs_roster_key k = v.last;
	assert_int_equal(window(db, NULL, &k, 10, &after), 2);
	window(db, NULL, NULL, 3, &v);
	assert_int_equal(v.n, 3);
	assert_true(strcasecmp(v.names[0], v.names[1]) <= 0);
	assert_true(strcasecmp(v.names[1], v.names[2]) <= 0);
	rs_db_close(db);
}

/* Person id's text field at offset `at` (offsetof) edited to value. */
static void edit_person(rs_db *db, int64_t id, size_t at, const char *value)
{
	rs_stakeholder s;
	assert_int_equal(rs_stakeholder_get(db, id, &s), RS_OK);
	char **field = (char **)((char *)&s + at);
	free(*field);
	*field = strdup(value);
	assert_int_equal(rs_stakeholder_update(db, &s), RS_OK);
	rs_stakeholder_clear(&s);
}

/* Letters Unicode does not decompose (ł, ø, đ) are found as people type
 * them, and the roster sorts by the letters, not by their code points. */
static void window_folds_every_latin_letter_and_sorts_by_it(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	const char *names[] = {"Zoë Walker", "Łukasz Nowak", "Søren Berg", "Nguyễn Văn Đức",
			       "Élodie Martin", "Ömer Kaya", "Adam Smith"};
	char email[32];
	int64_t id;
	for (int i = 0; i < 7; i++) {
		snprintf(email, sizeof email, "p%d@example.org", i);
		assert_int_equal(add(db, names[i], "academia", email, &id), RS_OK);
	}
	seen v;
	assert_int_equal(window(db, "lukasz", NULL, 10, &v), 1);
	assert_string_equal(v.names[0], "Łukasz Nowak");
	assert_int_equal(window(db, "soren", NULL, 10, &v), 1);
	assert_string_equal(v.names[0], "Søren Berg");
	assert_int_equal(window(db, "duc", NULL, 10, &v), 1);
	assert_string_equal(v.names[0], "Nguyễn Văn Đức");
	assert_int_equal(window(db, "ŁUKASZ", NULL, 10, &v), 1); /* typed with the letter too */
	int64_t n = 0;
	assert_int_equal(rs_stakeholder_count_matching(db, "soren", &n), RS_OK);
	assert_int_equal(n, 1);
	assert_int_equal(window(db, NULL, NULL, 7, &v), 7);
	const char *sorted[] = {"Adam Smith", "Élodie Martin", "Łukasz Nowak", "Nguyễn Văn Đức",
				"Ömer Kaya", "Søren Berg", "Zoë Walker"};
	for (int i = 0; i < 7; i++)
		assert_string_equal(v.names[i], sorted[i]);
	/* An edit keeps the search in step. */
	assert_int_equal(rs_stakeholder_find(db, "Søren Berg", &id), RS_OK);
	edit_person(db, id, offsetof(rs_stakeholder, name), "Bjørn Berg");
	assert_int_equal(window(db, "soren", NULL, 10, &v), 0);
	assert_int_equal(window(db, "bjorn", NULL, 10, &v), 1);
	rs_db_close(db);
}

/* A person is found by the words the screens call their sector ("Red
 * Crescent", "trade unions", "children"), not only by its code's: the
 * search key held the code alone.  An edit of the sector moves the key. */
static void window_finds_a_person_by_their_sectors_label(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	int64_t id;
	assert_int_equal(add(db, "Karim Nasser", "red_cross", "k@example.org", &id), RS_OK);
	assert_int_equal(add(db, "Tomas Lind", "trade_union", "t@example.org", &id), RS_OK);
	assert_int_equal(add(db, "Yara Haddad", "youth", "y@example.org", &id), RS_OK);
	seen v;
	const char *typed[][2] = {{"red crescent", "Karim Nasser"}, {"movement", "Karim Nasser"},
				  {"red_cross", "Karim Nasser"}, {"trade unions", "Tomas Lind"},
				  {"children", "Yara Haddad"}, {"youth org", "Yara Haddad"}};
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		if (window(db, typed[i][0], NULL, 10, &v) != 1)
			fail_msg("'%s' found %d", typed[i][0], window(db, typed[i][0], NULL, 10, &v));
		assert_string_equal(v.names[0], typed[i][1]);
	}
	/* An edit moves the key. */
	edit_person(db, id, offsetof(rs_stakeholder, sector), "faith");
	assert_int_equal(window(db, "children", NULL, 10, &v), 0);
	assert_int_equal(window(db, "faith-based", NULL, 10, &v), 1);
	rs_db_close(db);
}

static int json_count(const char *json, void *ctx)
{
	int *n = ctx;
	if (++*n == 1) {
		assert_non_null(strstr(json, "\"id\":1,"));
		assert_non_null(strstr(json, "\"sector\":\"nhri\""));
		assert_non_null(strstr(json, "\"wants_to_speak\":false"));
	}
	return 0;
}

static void each_json_in_id_order(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	import_result r;
	import_ok(db, tu_fixture("registrations.csv"), &r);
	int n = 0;
	assert_int_equal(rs_stakeholder_each_json(db, json_count, &n), RS_OK);
	assert_int_equal(n, 150);
	rs_db_close(db);
}

/* ---- a re-import: the requests on the lists follow the file ---- */

/* Writes sql (statements) under a journal event of its own, as the
 * triggers require: what the room did meanwhile. */
static void peek_exec(rs_db *db, const char *sql)
{
	sqlite3 *h = peek(db);
	char *err = NULL;
	size_t n = strlen(sql) + 256;
	char *all = malloc(n);
	assert_non_null(all);
	snprintf(all, n, "BEGIN; INSERT INTO event(at, user, action) VALUES (0, 'test', 'test');"
			 " %s; UPDATE event SET open = 0; COMMIT;", sql);
	if (sqlite3_exec(h, all, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	free(all);
	sqlite3_close(h);
}

/* A person's entries, oldest first: "ITEM:STATE:FROM_FORM ..." */
static void assert_entries(rs_db *db, const char *email, const char *want)
{
	assert_text(db, "SELECT coalesce(group_concat(x, ' '), '') FROM (SELECT a.code || ':' ||"
			" q.state || ':' || q.from_form x FROM queue_entry q JOIN stakeholder s"
			" ON s.id = q.stakeholder_id JOIN agenda_item a ON a.id = q.item_id"
			" WHERE s.email = ? ORDER BY q.id)", email, want);
}

/* Everything the lists and the roster's requests hold, as text. */
static char *requests_state(rs_db *db)
{
	return peek_text(db, "SELECT group_concat(x, char(10)) FROM (SELECT json_array(id, item_id,"
			     " stakeholder_id, kind, state, requested_at, state_changed_at, from_form,"
			     " manual_rank) x FROM queue_entry UNION ALL SELECT json_array(id,"
			     " wants_to_speak, speak_on, registered_at) FROM stakeholder ORDER BY 1)",
			 NULL);
}

static int64_t id_of(rs_db *db, const char *sql, const char *key)
{
	char *v = peek_text(db, sql, key);
	int64_t id = strtoll(v, NULL, 10);
	free(v);
	return id;
}
#define PERSON(db, email) id_of(db, "SELECT id FROM stakeholder WHERE email = ?", email)
#define ITEM(db, code) id_of(db, "SELECT id FROM agenda_item WHERE code = ?", code)

#define REQUESTS_HEAD "name,sector,email,wants_to_speak,speak_on,registered_at\n"

static const char first_form[] = REQUESTS_HEAD
	"Ann,academia,ann@x.org,yes,thematic-1,2022-04-01T10:00:00Z\n"
	"Bea,academia,bea@x.org,yes,thematic-1,2022-04-02T10:00:00Z\n"
	"Cai,media,cai@x.org,yes,thematic-1,2022-04-03T10:00:00Z\n"
	"Dan,media,dan@x.org,yes,thematic-1,2022-04-04T10:00:00Z\n"
	"Eve,media,eve@x.org,yes,thematic-1,2022-04-05T10:00:00Z\n"
	"Fay,youth,fay@x.org,yes,thematic-1,2022-04-06T10:00:00Z\n"
	"Gus,youth,gus@x.org,yes,thematic-1,2022-04-07T10:00:00Z\n"
	"Hal,youth,hal@x.org,yes,,2022-04-08T10:00:00Z\n"
	"Ida,youth,ida@x.org,yes,thematic-1,2022-04-09T10:00:00Z\n"
	"Jon,youth,jon@x.org,yes,thematic-2,2022-04-10T10:00:00Z\n";

/* The same form corrected: Ann's item, Bea's no, Cai's panel seat, Dan's
 * item the programme lacks, Eve's time, Fay's item gone; Gus (heard
 * since) asks for another item, Hal (placed at the desk) is as he was,
 * Ida names the item she was added to at the desk, Jon says no (he was
 * added at the desk too, on the other item). */
static const char second_form[] = REQUESTS_HEAD
	"Ann,academia,ann@x.org,yes,thematic-2,2022-04-01T10:00:00Z\n"
	"Bea,academia,bea@x.org,no,,\n"
	"Cai,media,cai@x.org,panel,thematic-1,2022-04-03T10:00:00Z\n"
	"Dan,media,dan@x.org,yes,thematic-9,2022-04-04T10:00:00Z\n"
	"Eve,media,eve@x.org,yes,thematic-1,2022-04-01T09:00:00Z\n"
	"Fay,youth,fay@x.org,yes,,2022-04-06T10:00:00Z\n"
	"Gus,youth,gus@x.org,yes,thematic-2,2022-04-07T10:00:00Z\n"
	"Hal,youth,hal@x.org,yes,,2022-04-08T10:00:00Z\n"
	"Ida,youth,ida@x.org,yes,thematic-2,2022-04-09T10:00:00Z\n"
	"Jon,youth,jon@x.org,no,,\n";

static void a_reimport_moves_withdraws_and_retimes_form_requests(void **state)
{
	(void)state;
	tu_at(1652709600);
	rs_db *db = tu_new_db();
	add_thematic_items(db);
	import_result r;
	import_text(db, first_form, &r);
	assert_int_equal(r.rc, RS_OK);
	assert_int_equal(r.stats.requests, 9); /* Hal names no item */
	/* Meanwhile, in the room: Gus is heard, Hal placed, Ida and Jon added
	 * at the desk to the other item. */
	int64_t t1 = ITEM(db, "thematic-1"), t2 = ITEM(db, "thematic-2"), e;
	peek_exec(db, "UPDATE queue_entry SET state = 'spoken', started_at = 1652709000,"
		      " ended_at = 1652709180 WHERE stakeholder_id ="
		      " (SELECT id FROM stakeholder WHERE email = 'gus@x.org')");
	assert_int_equal(rs_queue_place_request(db, t2, PERSON(db, "hal@x.org"), &e), RS_OK);
	assert_int_equal(rs_queue_add(db, t2, PERSON(db, "ida@x.org"), "floor", &e), RS_OK);
	assert_int_equal(rs_queue_add(db, t1, PERSON(db, "jon@x.org"), "floor", &e), RS_OK);
	char *before = requests_state(db);

	tu_at(1652710000);
	import_text(db, second_form, &r);
	assert_int_equal(r.rc, RS_OK);
	assert_int_equal(r.stats.updated, 9); /* all but Hal */
	assert_int_equal(r.stats.requests, 0);
	assert_int_equal(r.stats.moved, 1);
	assert_int_equal(r.stats.withdrawn, 5);
	assert_int_equal(r.stats.retimed, 1);
	assert_int_equal(r.stats.unplaced, 1); /* Dan, until the programme has thematic-9 */
	assert_contains(r.err, "FILE: 1 request to speak moved to the item the file names now"
			       " (line 2)\n");
	assert_contains(r.err, "FILE: 3 requests to speak withdrawn (lines 3, 4, 11): the file no"
			       " longer asks to speak from the floor\n");
	assert_contains(r.err, "FILE: 1 request to speak withdrawn from the item it waited on"
			       " (line 5): the file names one the programme does not have\n");
	assert_contains(r.err, "FILE: 1 request to speak withdrawn (line 10): already waiting on"
			       " the item the file names\n");
	assert_contains(r.err, "FILE: 1 request to speak requested at the file's new"
			       " registered_at (line 6)\n");
	assert_contains(r.err, "FILE: 1 request to speak kept on the list it waits on (line 7):"
			       " the file names no item now\n");
	assert_contains(r.err, "FILE: 1 request to speak left as it is (line 8): called, heard,"
			       " absent or withdrawn already, so the file's change is not followed\n");
	assert_contains(r.err, "FILE: 1 request to speak names an item the programme does not"
			       " have (line 5): queued when it is imported\n");
	assert_null(strstr(r.err, "no item (")); /* Fay and Hal wait on a list */
	/* One place each on the lists; what was not the form's untouched. */
	assert_entries(db, "ann@x.org", "thematic-2:waiting:1");
	assert_entries(db, "bea@x.org", "thematic-1:withdrawn:1");
	assert_entries(db, "cai@x.org", "thematic-1:withdrawn:1");
	assert_entries(db, "dan@x.org", "thematic-1:withdrawn:1");
	assert_entries(db, "eve@x.org", "thematic-1:waiting:1");
	assert_entries(db, "fay@x.org", "thematic-1:waiting:1");
	assert_entries(db, "gus@x.org", "thematic-1:spoken:1");
	assert_entries(db, "hal@x.org", "thematic-2:waiting:1");
	assert_entries(db, "ida@x.org", "thematic-1:withdrawn:1 thematic-2:waiting:0");
	assert_entries(db, "jon@x.org", "thematic-2:withdrawn:1 thematic-1:waiting:0");
	/* Ann keeps her time of request; Eve's is the file's now, 09:00Z. */
	assert_int_equal(peek_int(db, "SELECT requested_at FROM queue_entry q JOIN stakeholder s"
				      " ON s.id = q.stakeholder_id WHERE s.email = 'ann@x.org'"),
			 1648807200);
	assert_int_equal(peek_int(db, "SELECT requested_at FROM queue_entry q JOIN stakeholder s"
				      " ON s.id = q.stakeholder_id WHERE s.email = 'eve@x.org'"),
			 1648803600);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM queue_entry WHERE state = 'withdrawn'"
				      " AND state_changed_at = 1652710000"), 5);
	/* All of it journalled in the import's one event. */
	assert_int_equal(peek_int(db, "SELECT count(*) FROM change c JOIN event v ON v.id ="
				      " c.event_id WHERE v.action = 'import.roster' AND v.id ="
				      " (SELECT max(id) FROM event) AND c.tbl = 'queue_entry' AND"
				      " json_extract(c.old, '$.state') <> json_extract(c.new, '$.state')"),
			 5);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM change WHERE event_id ="
				      " (SELECT max(id) FROM event) AND tbl = 'queue_entry' AND"
				      " json_extract(old, '$.item_id') <> json_extract(new, '$.item_id')"),
			 1);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM change WHERE event_id ="
				      " (SELECT max(id) FROM event) AND tbl = 'queue_entry'"
				      " AND op <> 'update'"), 0);
	/* Undone, it is all as it was. */
	rs_event ev;
	assert_int_equal(rs_undo_last(db, &ev), RS_OK);
	assert_string_equal(ev.action, "import.roster");
	char *after = requests_state(db);
	assert_string_equal(after, before);
	free(after);
	free(before);
	/* Again, then once more: the second time changes nothing. */
	import_text(db, second_form, &r);
	assert_int_equal(r.stats.moved + r.stats.withdrawn + r.stats.retimed, 7);
	import_text(db, second_form, &r);
	assert_int_equal(r.rc, RS_OK);
	assert_int_equal(r.stats.unchanged, 10);
	assert_int_equal(r.stats.moved + r.stats.withdrawn + r.stats.retimed + r.stats.requests, 0);
	assert_int_equal(peek_int(db, "SELECT count(*) FROM change WHERE event_id ="
				      " (SELECT max(id) FROM event)"), 0);
	/* The programme gains thematic-9: Dan's request goes there. */
	peek_exec(db, "INSERT INTO agenda_item(position, code, title) VALUES"
		      " (3, 'thematic-9', 'Thematic discussion IX')");
	import_text(db, second_form, &r);
	assert_int_equal(r.stats.requests, 1);
	assert_entries(db, "dan@x.org", "thematic-1:withdrawn:1 thematic-9:waiting:1");
	unsetenv("ROSTRUM_NOW");
	rs_db_close(db);
}

/* A file of check-ins (no request columns) says nothing of anyone's
 * request to speak: the roster and the lists keep them. */
static void a_file_without_the_request_columns_keeps_the_requests(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	add_thematic_items(db);
	import_result r;
	import_text(db, REQUESTS_HEAD "Ann,academia,ann@x.org,yes,thematic-1,2022-04-01T10:00:00Z\n",
		    &r);
	assert_int_equal(r.stats.requests, 1);
	char *before = requests_state(db);
	import_text(db, "name,sector,email,present\nAnn,academia,ann@x.org,yes\n", &r);
	assert_int_equal(r.rc, RS_OK);
	assert_int_equal(r.stats.checked_in, 1);
	assert_int_equal(r.stats.withdrawn, 0);
	char *after = requests_state(db);
	assert_string_equal(after, before);
	free(after);
	free(before);
	assert_entries(db, "ann@x.org", "thematic-1:waiting:1");
	rs_db_close(db);
}

/* A panel request is no request for the floor: it is said to be weighed
 * by `panel propose`, for every item's panel when it names none, and
 * `queue requests` (the floor's) is not named for it. */
static void panel_requests_are_reported_as_panel_requests(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	add_thematic_items(db);
	import_result r;
	import_text(db, REQUESTS_HEAD "Ann,academia,ann@x.org,yes,,\n"
				      "Bea,academia,bea@x.org,panel,,\n"
				      "Cai,media,cai@x.org,panel,thematic-9,\n"
				      "Dan,media,dan@x.org,panel,,\n",
		    &r);
	assert_int_equal(r.rc, RS_OK);
	assert_contains(r.err, "FILE: 1 request to speak names no item (line 2): 'rostrum queue"
			       " requests' lists them");
	assert_contains(r.err, "FILE: 2 panel requests name no item (lines 3, 5): for every"
			       " item's panel, weighed by 'rostrum panel propose ITEM'\n");
	assert_contains(r.err, "FILE: 1 panel request names an item the programme does not have"
			       " (line 4): weighed by 'rostrum panel propose ITEM' once it is"
			       " imported\n");
	assert_int_equal(r.stats.unplaced, 1);
	assert_int_equal(r.stats.requests, 0);
	rs_db_close(db);
}

/* Times the file gives without an offset are the venue's wall clock: the
 * meeting's time zone as it stands when the file is imported. */
static void times_without_an_offset_are_in_the_meetings_zone(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	add_thematic_items(db);
	static const char form[] =
		"name,sector,email,wants_to_speak,speak_on,registered_at,checked_in_at\n"
		"Ann,academia,ann@x.org,yes,thematic-1,2022-05-16T10:40:00,2022-05-16T09:55\n"
		"Bea,academia,bea@x.org,yes,thematic-1,2022-05-16T14:41:00Z,\n"
		"Cai,media,cai@x.org,yes,thematic-1,2022-05-16T16:42:00+02:00,\n";
	/* No zone set: UTC, and the import says so. */
	import_result r;
	import_text(db, form, &r);
	assert_int_equal(r.rc, RS_OK);
	assert_contains(r.err, "FILE: times without an offset read as the meeting's time zone,"
			       " UTC (line 2)\n");
	assert_int_equal(peek_int(db, "SELECT registered_at FROM stakeholder WHERE email ="
				      " 'ann@x.org'"), 1652697600); /* 10:40Z */
	peek_exec(db, "INSERT INTO meeting(id, title, timezone, created_at) VALUES"
		      " (1, 'Hearing', 'America/New_York', 0) ON CONFLICT(id) DO UPDATE"
		      " SET timezone = excluded.timezone");
	import_text(db, form, &r);
	assert_int_equal(r.rc, RS_OK);
	assert_contains(r.err, "FILE: times without an offset read as the meeting's time zone,"
			       " America/New_York (line 2)\n");
	assert_int_equal(r.stats.retimed, 1);
	/* 10:40 in New York (EDT) is 14:40Z, before Bea's 14:41Z; the
	 * check-in 09:55 is 13:55Z. */
	assert_int_equal(peek_int(db, "SELECT registered_at FROM stakeholder WHERE email ="
				      " 'ann@x.org'"), 1652712000);
	assert_int_equal(peek_int(db, "SELECT checked_in_at FROM stakeholder WHERE email ="
				      " 'ann@x.org'"), 1652709300);
	assert_int_equal(peek_int(db, "SELECT registered_at FROM stakeholder WHERE email ="
				      " 'cai@x.org'"), 1652712120);
	assert_text(db, "SELECT group_concat(name, ' ') FROM (SELECT s.name FROM queue_entry q"
			" JOIN stakeholder s ON s.id = q.stakeholder_id WHERE q.state = 'waiting'"
			" ORDER BY q.requested_at, q.id)", NULL, "Ann Bea Cai");
	rs_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fixture_imports_150),
		cmocka_unit_test(window_folds_every_latin_letter_and_sorts_by_it),
		cmocka_unit_test(reimport_changes_nothing),
		cmocka_unit_test(messy_brings_190),
		cmocka_unit_test(messy_alone_imports_40),
		cmocka_unit_test(one_event_per_import),
		cmocka_unit_test(import_journal_is_as_before),
		cmocka_unit_test(import_leaves_triggers_and_search_whole),
		cmocka_unit_test(import_of_thousands_journals_each_row),
		cmocka_unit_test(dry_run_writes_nothing),
		cmocka_unit_test(bad_row_rejects_file_with_its_line),
		cmocka_unit_test(bad_rows_after_multiline_field),
		cmocka_unit_test(header_missing_required_column),
		cmocka_unit_test(unknown_column_is_a_warning),
		cmocka_unit_test(csv_errors_name_the_row),
		cmocka_unit_test(repeated_email_and_unknown_nominee),
		cmocka_unit_test(nominee_by_name_in_database),
		cmocka_unit_test(changed_row_updates_only_it),
		cmocka_unit_test(normalise_names_the_field),
		cmocka_unit_test(normalise_canonicalises),
		cmocka_unit_test(add_validates_and_refuses_repeated_email),
		cmocka_unit_test(find_by_id_or_email),
		cmocka_unit_test(window_filters_with_folded_diacritics),
		cmocka_unit_test(window_finds_a_person_by_their_sectors_label),
		cmocka_unit_test(each_json_in_id_order),
		cmocka_unit_test(a_reimport_moves_withdraws_and_retimes_form_requests),
		cmocka_unit_test(a_file_without_the_request_columns_keeps_the_requests),
		cmocka_unit_test(panel_requests_are_reported_as_panel_requests),
		cmocka_unit_test(times_without_an_offset_are_in_the_meetings_zone),
	};
	return cmocka_run_group_tests_name("roster", tests, NULL, NULL);
}
