/* `make bench`: the roadmap's meeting (100,000 stakeholders, 200,000
 * interventions over 20 items) timed through the core's public API, each
 * figure beside a baseline measured in the same run on the same machine.
 * Prints one table; asserts nothing about time (README: Benchmark).
 *
 * The bench alone may use SQLite directly: for its baselines, and for one
 * piece of set-up, the padding of the journal with past events in figure 6. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "rostrum/agenda.h"
#include "rostrum/db.h"
#include "rostrum/export.h"
#include "rostrum/import.h"
#include "rostrum/journal.h"
#include "rostrum/meeting.h"
#include "rostrum/queue.h"
#include "rostrum/refdata.h"
#include "rostrum/stakeholder.h"

#include "bench.h"
#include "store.h" /* store_define_functions */

enum {
	N_PEOPLE = 100000, /* the roadmap's sizes: never scaled down */
	N_ITEMS = 20,      /* 10,000 interventions each */
	N_ADD_EARLY = 1900, /* rs_queue_add one by one, on short lists */
	N_ADD_LATE = 100,   /* rs_queue_add one by one, on lists of ~9,900 */
	SEARCH_RUNS = 20,
	PADDING_EVENTS = 200000,
};

/* ------------------------------------------------------------------ */
/* Clock, memory, the table.                                           */

double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Peak resident set size so far, in MiB. */
static double peak_rss_mib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0;
}

/* Resets the peak to the current size (Linux, /proc/self/clear_refs "5"),
 * so a phase's own peak can be read; 0 where the kernel does not allow it. */
static int reset_peak_rss(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");
	if (!f)
		return 0;
	int ok = fputs("5", f) >= 0;
	return fclose(f) == 0 && ok;
}

typedef struct {
	char figure[96];
	double value, baseline; /* seconds or MiB; < 0: not measured */
	unit u;
	char base_what[64];
} row;

static row rows[128];
static size_t n_rows;

void report(unit u, double value, double baseline, const char *base_what, const char *fmt, ...)
{
	if (n_rows == sizeof rows / sizeof rows[0]) {
		fprintf(stderr, "bench: the table is full: a figure is left out (%s)\n", fmt);
		return;
	}
	row *r = &rows[n_rows++];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->figure, sizeof r->figure, fmt, ap);
	va_end(ap);
	r->value = value;
	r->baseline = baseline;
	r->u = u;
	snprintf(r->base_what, sizeof r->base_what, "%s", base_what);
	/* Progress on stderr, so a slow figure is seen while it runs. */
	fprintf(stderr, "bench: %s: %.6g\n", r->figure, value);
}

static void fmt_value(char *buf, size_t size, double v, unit u)
{
	if (v < 0)
		snprintf(buf, size, "-");
	else if (u == U_MIB)
		snprintf(buf, size, "%.1f MiB", v);
	else if (u == U_BYTES)
		snprintf(buf, size, "%.0f B", v);
	else if (v >= 1)
		snprintf(buf, size, "%.2f s", v);
	else if (v >= 1e-3)
		snprintf(buf, size, "%.2f ms", v * 1e3);
	else
		snprintf(buf, size, "%.1f us", v * 1e6);
}

/* Counts the bytes of s as the terminal's columns: UTF-8 continuation
 * bytes take none (the figures are ASCII but for a few symbols). */
static int columns(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void print_table(void)
{
	int w = 6;
	for (size_t i = 0; i < n_rows; i++)
		if (columns(rows[i].figure) > w)
			w = columns(rows[i].figure);
	printf("\n%-*s  %12s  %12s  %8s  %s\n", w, "figure", "value", "baseline", "ratio",
	       "baseline is");
	for (size_t i = 0; i < n_rows; i++) {
		const row *r = &rows[i];
		char v[32], b[32], q[32] = "-";
		fmt_value(v, sizeof v, r->value, r->u);
		fmt_value(b, sizeof b, r->baseline, r->u);
		if (r->value > 0 && r->baseline > 0 && r->value < r->baseline / 10)
			snprintf(q, sizeof q, "1/%.0f", r->baseline / r->value);
		else if (r->value >= 0 && r->baseline > 0)
			snprintf(q, sizeof q, "%.1fx", r->value / r->baseline);
		printf("%s%*s  %12s  %12s  %8s  %s\n", r->figure, w - columns(r->figure), "", v, b,
		       q, r->base_what);
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void die(const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, rs_error());
	exit(1);
}

static void check(rs_status rc, const char *what)
{
	if (rc != RS_OK)
		die(what);
}

static void sql_check(sqlite3 *h, int r, const char *what)
{
	if (r != SQLITE_OK && r != SQLITE_DONE && r != SQLITE_ROW) {
		fprintf(stderr, "bench: %s: %s\n", what, sqlite3_errmsg(h));
		exit(1);
	}
}

/* ------------------------------------------------------------------ */
/* Whole processes: the command line, and the sqlite3 shell.           */

/* A finished process: its wall time and peak RSS (MiB); ok when it exited 0. */
typedef struct {
	double s, rss;
	int ok;
} proc_run;

/* `bench --run REPORT OUT PROGRAM ARGS...`: runs PROGRAM with stdout to OUT
 * and writes its peak RSS (KiB) and wait status to REPORT.  The bench runs
 * its programs through this fresh, small copy of itself: a process forked
 * from the bench would count the bench's own pages in its peak. */
static int run_child(char **argv)
{
	pid_t pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, 1) < 0)
			_exit(126);
		close(fd);
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	struct rusage ru;
	int status = -1;
	if (wait4(pid, &status, 0, &ru) != pid)
		return 1;
	FILE *f = fopen(argv[0], "w");
	if (!f)
		return 1;
	fprintf(f, "%ld %d\n", ru.ru_maxrss, status);
	return fclose(f) != 0;
}

static const char *bench_dir; /* the temporary folder everything is made in */
static char run_report[600];   /* where run_child reports, in it */

/* The path of name in the bench's folder, in buf (600 bytes). */
static char *in_dir(char *buf, const char *name)
{
	snprintf(buf, 600, "%s/%s", bench_dir, name);
	return buf;
}

/* Runs argv (a program on PATH or a path) with stdout to out_path (stderr
 * stays the bench's), and waits for it. */
static proc_run run_proc(char *const argv[], const char *out_path)
{
	proc_run r = {-1, -1, 0};
	char *args[32] = {"bench", "--run", run_report, (char *)out_path};
	for (int i = 0; argv[i] && i < 27; i++)
		args[4 + i] = argv[i];
	fflush(NULL);
	double t0 = now_s();
	pid_t pid = fork();
	if (pid < 0)
		return r;
	if (pid == 0) {
		execv("/proc/self/exe", args);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) != pid)
		return r;
	r.s = now_s() - t0;
	long kib = -1;
	int child = -1;
	FILE *f = fopen(run_report, "r");
	if (f && fscanf(f, "%ld %d", &kib, &child) == 2) {
		r.rss = (double)kib / 1024.0;
		r.ok = WIFEXITED(child) && WEXITSTATUS(child) == 0;
	}
	if (f)
		fclose(f);
	unlink(run_report);
	if (!r.ok)
		fprintf(stderr, "bench: %s %s failed (status %d)\n", argv[0], argv[1], child);
	return r;
}

/* The rostrum binary ($ROSTRUM_BIN, else ./rostrum) and the sqlite3 shell,
 * when there: a figure whose program is missing is shown as "-". */
static const char *rostrum_bin(void)
{
	const char *b = getenv("ROSTRUM_BIN");
	b = b && *b ? b : "./rostrum";
	return access(b, X_OK) == 0 ? b : NULL;
}

const char *sqlite3_shell(void)
{
	static const char *const where[] = {"/usr/bin/sqlite3", "/usr/local/bin/sqlite3"};
	for (size_t i = 0; i < sizeof where / sizeof where[0]; i++)
		if (access(where[i], X_OK) == 0)
			return where[i];
	return NULL;
}

/* The median of `runs` runs of argv (each after `fresh`, when given, has
 * removed what the last run made), by wall time; its RSS beside. */
static proc_run median_proc(char *const argv[], const char *out_path, int runs,
			    void (*fresh)(void))
{
	proc_run v[9];
	if (runs > 9)
		runs = 9;
	for (int i = 0; i < runs; i++) {
		if (fresh)
			fresh();
		v[i] = run_proc(argv, out_path);
	}
	for (int i = 1; i < runs; i++) /* insertion sort by time */
		for (int j = i; j > 0 && v[j].s < v[j - 1].s; j--) {
			proc_run t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[runs / 2];
}

/* ------------------------------------------------------------------ */
/* The generated roster.                                               */

typedef struct {
	char name[64], org[96], email[40];
	const char *sector, *region, *country, *gender, *accreditation, *languages;
} person;

static person *people;

static uint32_t rng_state = 2463534242u;
static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state % n;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const first_names[] = {
	"Antonio", "António", "Antoine", "Anna", "Ana", "Andrés", "Amélie", "Zoë", "José",
	"João", "Björn", "Søren", "Łukasz", "Ngozi", "Aiyana", "Mehmet", "Fatima", "Chloé",
	"Dmitri", "Ólafur", "Wei", "Hiroshi", "Priya", "Kwame", "Nuñez", "Lena", "Omar",
	"Thảo", "王", "李", "佐藤", "김", "Ἀλέξανδρος", "Нина", "Samira", "Tomás",
};
static const char *const last_names[] = {
	"Silva", "Müller", "Nguyễn", "García", "Ødegaard", "Kowalski", "Okafor", "O'Brien",
	"Dubois", "Ferreira", "Campbell", "Lindqvist", "Haddad", "Tanaka", "Ivanova", "Mensah",
	"Rossi", "Yılmaz", "Schäfer", "Andersen", "山田", "伟", "陈", "민준", "Álvarez",
};
static const char *const org_names[] = {
	"Migrant Forum in Asia", "Red Crescent Society", "Universidad de los Andes",
	"Institute for Mobility Studies", "Diaspora Network", "Trade Union Confederation",
	"Local Authorities Alliance", "Youth Migration Council", "Fondation Émile Zola",
	"Associação de Migrantes", "Chamber of Commerce", "Human Rights Commission",
	"移民支援センター", "Interfaith Action", "Women's Refugee Alliance", "Parliamentary Group",
};
static const char *const countries[] = {
	"MX", "SE", "IN", "NG", "BR", "PH", "DE", "FR", "KE", "JP", "CN", "KR", "US", "TR",
	"GH", "PT", "ES", "VN", "MA", "CO", "PL", "NO", "IS", "RU", "GR", "EG",
};
static const char *const genders[] = {"woman", "man", "non-binary", "undisclosed"};
static const char *const accreditations[] = {"ecosoc", "gcm", "imrf_new", "pending", "none"};
static const char *const languages[] = {"en", "fr", "es", "ar", "en;fr", "zh;en", "ru"};

static void make_people(void)
{
	people = calloc(N_PEOPLE, sizeof *people);
	if (!people) {
		fprintf(stderr, "bench: out of memory\n");
		exit(1);
	}
	for (int k = 0; k < N_PEOPLE; k++) {
		person *p = &people[k];
		snprintf(p->name, sizeof p->name, "%s %s", first_names[rnd(COUNT(first_names))],
			 last_names[rnd(COUNT(last_names))]);
		snprintf(p->org, sizeof p->org, "%s %u", org_names[rnd(COUNT(org_names))],
			 rnd(500) + 1);
		snprintf(p->email, sizeof p->email, "p%06d@example.org", k);
		p->sector = rs_sector_at(rnd((uint32_t)rs_sector_count()))->code;
		p->region = rs_region_at(rnd((uint32_t)rs_region_count()));
		p->country = countries[rnd(COUNT(countries))];
		p->gender = genders[rnd(COUNT(genders))];
		p->accreditation = accreditations[rnd(COUNT(accreditations))];
		p->languages = languages[rnd(COUNT(languages))];
	}
}

/* The two items each person asks to speak on: every item gets 10,000. */
static int item_a(int k) { return k % N_ITEMS; }
static int item_b(int k) { return (k + N_ITEMS / 2) % N_ITEMS; }

static void csv_field(FILE *f, const char *s, int last)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
	fputc(last ? '\n' : ',', f);
}

/* The registration form: the roster, nobody asking to speak. */
static void write_csv(const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	fputs("name,organization,sector,region,country,gender,email,accreditation,languages,"
	      "wants_to_speak,speak_on\n", f);
	for (int k = 0; k < N_PEOPLE; k++) {
		const person *p = &people[k];
		csv_field(f, p->name, 0);
		csv_field(f, p->org, 0);
		csv_field(f, p->sector, 0);
		csv_field(f, p->region, 0);
		csv_field(f, p->country, 0);
		csv_field(f, p->gender, 0);
		csv_field(f, p->email, 0);
		csv_field(f, p->accreditation, 0);
		csv_field(f, p->languages, 0);
		csv_field(f, "no", 0);
		csv_field(f, "", 1);
	}
	if (fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

/* ------------------------------------------------------------------ */
/* Baselines: plain SQLite.                                            */

static sqlite3 *raw_open(const char *path)
{
	sqlite3 *h;
	if (sqlite3_open(path, &h) != SQLITE_OK) {
		fprintf(stderr, "bench: %s: %s\n", path, sqlite3_errmsg(h));
		exit(1);
	}
	sqlite3_busy_timeout(h, 5000);
	/* rostrum's SQL functions: the tallies' triggers call rs_role_of. */
	store_define_functions(h);
	/* As rostrum opens its files (db.c): WAL, every commit durable. */
	sql_check(h, sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", NULL,
				  NULL, NULL), "pragmas");
	return h;
}

static void raw_exec(sqlite3 *h, const char *sql)
{
	sql_check(h, sqlite3_exec(h, sql, NULL, NULL, NULL), sql);
}

/* The roster into a bare table (no index, trigger or journal), one
 * transaction of prepared INSERTs: what storing the rows alone costs. */
static double baseline_inserts(sqlite3 *h)
{
	raw_exec(h, "CREATE TABLE person(name TEXT, organization TEXT, sector TEXT, region TEXT,"
		    " country TEXT, gender TEXT, email TEXT, accreditation TEXT, languages TEXT,"
		    " wants_to_speak INTEGER, speak_on TEXT)");
	double t0 = now_s();
	sqlite3_stmt *st;
	raw_exec(h, "BEGIN");
	sql_check(h, sqlite3_prepare_v2(h, "INSERT INTO person VALUES (?,?,?,?,?,?,?,?,?,0,NULL)",
					-1, &st, NULL), "prepare");
	for (int k = 0; k < N_PEOPLE; k++) {
		const person *p = &people[k];
		const char *v[] = {p->name, p->org, p->sector, p->region, p->country,
				   p->gender, p->email, p->accreditation, p->languages};
		for (int i = 0; i < 9; i++)
			sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
		sql_check(h, sqlite3_step(st), "insert");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	raw_exec(h, "COMMIT");
	return now_s() - t0;
}

/* One small durable commit (BEGIN IMMEDIATE, one row, COMMIT): the floor
 * under any one journalled action.  Median of `runs`, measured beside each
 * figure that uses it: an fsync's cost drifts with whatever else the disk
 * is doing. */
static double time_bare_commit(sqlite3 *bare)
{
	double t0 = now_s();
	raw_exec(bare, "BEGIN IMMEDIATE; INSERT INTO tick(at) VALUES (1); COMMIT");
	return now_s() - t0;
}

static double baseline_commit(sqlite3 *h, int runs)
{
	double v[128];
	if (runs > 128)
		runs = 128;
	raw_exec(h, "CREATE TABLE IF NOT EXISTS tick(id INTEGER PRIMARY KEY, at INTEGER)");
	for (int i = 0; i < runs; i++)
		v[i] = time_bare_commit(h);
	return median(v, (size_t)runs);
}

/* Steps sql to the end, median of runs; *rows_out (may be NULL) the rows. */
static double raw_query(sqlite3 *h, const char *sql, int64_t arg, int runs, int64_t *rows_out)
{
	double v[64];
	if (runs > 64)
		runs = 64;
	for (int i = 0; i < runs; i++) {
		sqlite3_stmt *st;
		int64_t n = 0;
		double t0 = now_s();
		sql_check(h, sqlite3_prepare_v2(h, sql, -1, &st, NULL), sql);
		if (sqlite3_bind_parameter_count(st))
			sqlite3_bind_int64(st, 1, arg);
		int r;
		while ((r = sqlite3_step(st)) == SQLITE_ROW)
			n++;
		sql_check(h, r, sql);
		sqlite3_finalize(st);
		v[i] = now_s() - t0;
		if (rows_out)
			*rows_out = n;
	}
	return median(v, (size_t)runs);
}

/* ------------------------------------------------------------------ */
/* The figures.                                                        */

static int count_row(const rs_stakeholder *s, void *ctx)
{
	(void)s;
	(*(int *)ctx)++;
	return 0;
}

/* A window of 25 shown from nothing: the list opened (the filter's matches
 * counted) and the rows from `top` read (-1: the last 25, as End). */
static double time_window(rs_db *db, const char *filter, int64_t top, int *got)
{
	double v[SEARCH_RUNS];
	rs_roster_view view = {.text = filter, .present = -1};
	for (int i = 0; i < SEARCH_RUNS; i++) {
		*got = 0;
		rs_roster_list *l;
		double t0 = now_s();
		check(rs_roster_list_open(db, &view, &l), "roster list");
		int64_t at = top >= 0 ? top : rs_roster_list_total(l) - 25;
		check(rs_roster_list_read(l, at, 25, count_row, got), "window");
		v[i] = now_s() - t0;
		rs_roster_list_free(l);
	}
	return median(v, SEARCH_RUNS);
}

static double time_count(rs_db *db, const char *filter, int64_t *n)
{
	double v[SEARCH_RUNS];
	for (int i = 0; i < SEARCH_RUNS; i++) {
		double t0 = now_s();
		check(rs_stakeholder_count_matching(db, filter, n), "count matching");
		v[i] = now_s() - t0;
	}
	return median(v, SEARCH_RUNS);
}

static void search_figures(rs_db *db, sqlite3 *raw)
{
	static const char *const filters[] = {"a", "an", "ant", "antonio"};
	double base = raw_query(raw,
				"SELECT id, name, title, organization, sector, region, country,"
				" gender, email FROM stakeholder LIMIT 25", 0, SEARCH_RUNS, NULL);
	const char *bw = "SELECT 25 rows, no filter";
	int got;
	int64_t n;
	for (size_t i = 0; i < COUNT(filters); i++) {
		double t = time_window(db, filters[i], 0, &got);
		double c = time_count(db, filters[i], &n);
		report(U_TIME, t, base, bw, "search \"%s\": window of 25 (%lld match)", filters[i],
		       (long long)n);
		report(U_TIME, c, base, bw, "search \"%s\": count_matching", filters[i]);
		report(U_TIME, time_window(db, filters[i], -1, &got), base, bw,
		       "search \"%s\": the last 25 (End)", filters[i]);
	}
	report(U_TIME, time_window(db, NULL, 0, &got), base, bw, "roster window, no filter, top");
	report(U_TIME, time_window(db, NULL, -1, &got), base, bw,
	       "roster window, no filter, End (the last 25)");
	report(U_TIME, time_window(db, "a", 50000, &got), base, bw,
	       "search \"a\": window at row 50,000");
}

static int64_t *item_ids;

static void add_items(rs_db *db)
{
	item_ids = calloc(N_ITEMS, sizeof *item_ids);
	for (int i = 0; i < N_ITEMS; i++) {
		char code[16], title[32];
		snprintf(code, sizeof code, "item-%02d", i + 1);
		snprintf(title, sizeof title, "Round table %d", i + 1);
		rs_agenda_new in = {.code = code, .title = title};
		check(rs_agenda_add(db, &in, &item_ids[i]), "agenda add");
	}
}

/* Stakeholder ids in the order of the CSV (the import adds them in file
 * order, but ids are the core's to choose: read them back by email). */
static int64_t *person_ids;

static void read_ids(sqlite3 *raw)
{
	person_ids = calloc(N_PEOPLE, sizeof *person_ids);
	sqlite3_stmt *st;
	sql_check(raw, sqlite3_prepare_v2(raw, "SELECT id, email FROM stakeholder", -1, &st, NULL),
		  "ids");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *e = (const char *)sqlite3_column_text(st, 1);
		int k = e && e[0] == 'p' ? atoi(e + 1) : -1;
		if (k >= 0 && k < N_PEOPLE)
			person_ids[k] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	for (int k = 0; k < N_PEOPLE; k++)
		if (!person_ids[k]) {
			fprintf(stderr, "bench: person %d not imported\n", k);
			exit(1);
		}
}

/* The 198,000 interventions not added one by one: everyone on their first
 * item, and those below `second_below` on their second, in one
 * transaction.  The core has no bulk path for queue entries (the form
 * import queues one request per person, and only by rewriting their
 * speak_on), so this is SQL, done as the core does an action: an open
 * journal event, the rows (their ids past any the journal has seen, as
 * SQL_NEXT_ID chooses; the triggers journal each row), the event closed.
 * The journal ends up as large as 198,000 additions would make it. */
static void bulk_load(sqlite3 *raw, int second_below)
{
	double t0 = now_s();
	raw_exec(raw, "BEGIN IMMEDIATE;"
		      " INSERT INTO event(at, user, action, session, open)"
		      " VALUES (unixepoch(), 'bench', 'bench.load', 'bench-history', 1)");
	sqlite3_stmt *e, *tr;
	sql_check(raw, sqlite3_prepare_v2(raw,
		"INSERT INTO queue_entry(id, item_id, stakeholder_id, kind, state, requested_at,"
		" state_changed_at, bucket) VALUES ((SELECT max(coalesce((SELECT max(id) FROM"
		" queue_entry), 0), coalesce((SELECT max(row_id) FROM change WHERE tbl ="
		" 'queue_entry' AND op <> 'update'), 0)) + 1), ?1, ?2, 'floor', 'waiting', unixepoch(), unixepoch(),"
		" (SELECT sector || char(31) || coalesce(region, '') || char(31) ||"
		" coalesce(gender, '') FROM stakeholder WHERE id = ?2))", -1, &e, NULL), "bulk");
	sql_check(raw, sqlite3_prepare_v2(raw,
		"INSERT INTO queue_transition(entry_id, from_state, to_state, at)"
		" VALUES (last_insert_rowid(), NULL, 'waiting', unixepoch())", -1, &tr, NULL), "bulk");
	int n = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int k = 0; k < (pass ? second_below : N_PEOPLE); k++) {
			sqlite3_bind_int64(e, 1, item_ids[pass ? item_b(k) : item_a(k)]);
			sqlite3_bind_int64(e, 2, person_ids[k]);
			sql_check(raw, sqlite3_step(e), "bulk entry");
			sqlite3_reset(e);
			sql_check(raw, sqlite3_step(tr), "bulk transition");
			sqlite3_reset(tr);
			n++;
		}
	sqlite3_finalize(e);
	sqlite3_finalize(tr);
	raw_exec(raw, "UPDATE event SET object_type = 'queue_entry', summary = 'bench load',"
		      " open = 0 WHERE open; COMMIT");
	fprintf(stderr, "bench: set-up: %d interventions by SQL in %.1f s (not a figure)\n", n,
		now_s() - t0);
}

/* rs_queue_add for people [from, to), each on their second item. */
static double queue_adds(rs_db *db, int from, int to)
{
	double t0 = now_s();
	for (int k = from; k < to; k++) {
		int64_t id;
		check(rs_queue_add(db, item_ids[item_b(k)], person_ids[k], "floor", &id), "queue add");
	}
	return (now_s() - t0) / (to - from);
}

static double import_timed(rs_db *db, const char *path, rs_import_stats *stats)
{
	double t0 = now_s();
	check(rs_import_roster(db, path, 0, stderr, stats), "import roster");
	return now_s() - t0;
}

static double time_list(rs_db *db, int64_t item, int runs, size_t *n)
{
	double v[16];
	for (int i = 0; i < runs; i++) {
		rs_queue_entry *e;
		double t0 = now_s();
		check(rs_queue_list(db, item, &e, n), "queue list");
		v[i] = now_s() - t0;
		rs_queue_list_free(e, *n);
	}
	return median(v, (size_t)runs);
}

/* What time_next measured: the calls' median and 99th percentile beside
 * those of the two baselines timed just before each call, and the longest
 * idle turn between the calls. */
typedef struct {
	double med, p99;             /* rs_queue_next */
	double bare_med, bare_p99;   /* a one-row durable commit */
	double small_med, small_p99; /* one small journalled action */
	double pages_med, pages_p99; /* a durable commit of as many pages */
	int pages;                   /* of the log a call wrote, median */
	double idle_max;
} call_times;

enum { NEXT_RUNS = 501 }; /* the 99th percentile: the sixth slowest */

/* A durable commit of `pages` pages of the bare file and nothing else: a
 * row of its own page (3,000 bytes) in each, updated. */
enum { PAGE_ROWS = 64 };
static double time_bare_pages(sqlite3 *bare, int pages)
{
	sqlite3_stmt *st;
	sql_check(bare, sqlite3_prepare_v2(bare, "UPDATE page_row SET n = n + 1 WHERE id <= ?", -1,
					   &st, NULL), "page rows");
	sqlite3_bind_int(st, 1, pages < PAGE_ROWS ? pages : PAGE_ROWS);
	double t0 = now_s();
	raw_exec(bare, "BEGIN IMMEDIATE");
	sql_check(bare, sqlite3_step(st), "page rows");
	raw_exec(bare, "COMMIT");
	double t = now_s() - t0;
	sqlite3_finalize(st);
	return t;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* One small journalled action: the meeting's policy set to what it is
 * (one row written, journalled as any action). */
static double time_small_action(rs_db *db, rs_policy p)
{
	double t0 = now_s();
	check(rs_meeting_set_policy(db, p), "policy");
	return now_s() - t0;
}

/* rs_queue_next `runs` times on item, each right after a one-row durable
 * commit (on the bare file) and one small journalled action, so that the
 * three meet the disk in the same moments: a tail beside tails of the same
 * minutes.  Between calls, untimed, what a terminal does between keys (an
 * idle turn: the log copied back once long) and the bare file's checkpoint
 * likewise.  With person (not NULL) one more asks before each call, untimed,
 * to keep the list's length. */
static call_times time_next(rs_db *db, sqlite3 *bare, int64_t item, rs_policy p, int *person)
{
	static double v[NEXT_RUNS], b[NEXT_RUNS], s[NEXT_RUNS], pg[NEXT_RUNS];
	static int frames[NEXT_RUNS];
	call_times t = {0};
	raw_exec(bare, "PRAGMA wal_autocheckpoint=0;"
		       " CREATE TABLE IF NOT EXISTS page_row(id INTEGER PRIMARY KEY, n INTEGER,"
		       "  pad BLOB);"
		       " WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k"
		       "  WHERE i < 64) INSERT OR IGNORE INTO page_row SELECT i, 0, zeroblob(3000)"
		       "  FROM k"); /* PAGE_ROWS */
	for (int i = 0; i < NEXT_RUNS; i++) {
		int64_t id;
		if (person)
			check(rs_queue_add(db, item, person_ids[(*person)++], "floor", &id),
			      "queue add");
		b[i] = time_bare_commit(bare);
		pg[i] = time_bare_pages(bare, i ? frames[i - 1] : 16);
		s[i] = time_small_action(db, p);
		/* The log begins again from 0 at the first commit after
		 * an idle turn copied it back. */
		int f0 = rs_db_log_pages(db);
		double t0 = now_s();
		check(rs_queue_next(db, item, &id), "queue next");
		v[i] = now_s() - t0;
		int f1 = rs_db_log_pages(db);
		frames[i] = f1 >= f0 ? f1 - f0 : f1;
		t0 = now_s();
		rs_db_idle(db);
		double idle = now_s() - t0;
		if (idle > t.idle_max)
			t.idle_max = idle;
		if (i % 100 == 99)
			sqlite3_wal_checkpoint_v2(bare, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	}
	raw_exec(bare, "PRAGMA wal_autocheckpoint=1000");
	t.med = median(v, NEXT_RUNS); /* sorts v */
	t.p99 = v[NEXT_RUNS - 1 - NEXT_RUNS / 100];
	t.bare_med = median(b, NEXT_RUNS);
	t.bare_p99 = b[NEXT_RUNS - 1 - NEXT_RUNS / 100];
	t.small_med = median(s, NEXT_RUNS);
	t.small_p99 = s[NEXT_RUNS - 1 - NEXT_RUNS / 100];
	t.pages_med = median(pg, NEXT_RUNS);
	t.pages_p99 = pg[NEXT_RUNS - 1 - NEXT_RUNS / 100];
	qsort(frames, NEXT_RUNS, sizeof *frames, cmp_int);
	t.pages = frames[NEXT_RUNS / 2];
	return t;
}

/* The rows of one time_next: the median and the p99 beside the commit's,
 * the p99 beside the small action's, the longest idle turn. */
static void report_next(const call_times *t, const char *list, rs_policy p)
{
	const char *name = rs_policy_name(p);
	report(U_TIME, t->med, t->bare_med, "one-row durable commit, interleaved",
	       "rs_queue_next, %s, %s, median", list, name);
	report(U_TIME, t->p99, t->bare_p99, "one-row durable commit, interleaved, p99",
	       "rs_queue_next, %s, %s, p99", list, name);
	report(U_TIME, t->p99, t->small_p99, "one small journalled action (meeting.policy), interleaved, p99",
	       "rs_queue_next, %s, %s, p99", list, name);
	char what[80];
	snprintf(what, sizeof what, "durable commit of %d pages (the call's), interleaved, p99",
		 t->pages);
	report(U_TIME, t->p99, t->pages_p99, what, "rs_queue_next, %s, %s, p99", list, name);
}

/* A new item with 10 waiting, people from *person on. */
static int64_t short_item(rs_db *db, int *person)
{
	rs_agenda_new in = {.code = "short", .title = "A short list"};
	int64_t item, id;
	check(rs_agenda_add(db, &in, &item), "short item");
	for (int k = 0; k < 10; k++)
		check(rs_queue_add(db, item, person_ids[(*person)++], "floor", &id), "queue add");
	return item;
}

/* The ids of `n` entries waiting on item, spread over its list. */
static int waiting_ids(sqlite3 *raw, int64_t item, int64_t *ids, int n)
{
	sqlite3_stmt *st;
	sql_check(raw, sqlite3_prepare_v2(raw, "SELECT id FROM queue_entry WHERE item_id = ?"
					  " AND state = 'waiting' AND id % 97 = 0 LIMIT ?",
					  -1, &st, NULL), "waiting ids");
	sqlite3_bind_int64(st, 1, item);
	sqlite3_bind_int(st, 2, n);
	int k = 0;
	while (k < n && sqlite3_step(st) == SQLITE_ROW)
		ids[k++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return k;
}

/* Withdrawing one entry, and giving the floor to one, on the long list:
 * medians of 21 (the entries spread over the list). */
static void entry_figures(rs_db *db, sqlite3 *raw, int64_t item, double commit)
{
	int64_t ids[42], id;
	int n = waiting_ids(raw, item, ids, 42);
	double v[21], w[21];
	for (int i = 0; i < 21 && 2 * i + 1 < n; i++) {
		double t0 = now_s();
		check(rs_queue_withdraw(db, ids[2 * i]), "queue withdraw");
		v[i] = now_s() - t0;
		t0 = now_s();
		check(rs_queue_floor(db, RS_FLOOR_GIVE, ids[2 * i + 1], RS_EXPECT_ANY, &id),
		      "queue give");
		w[i] = now_s() - t0;
	}
	int runs = n / 2 < 21 ? n / 2 : 21;
	report(U_TIME, median(v, (size_t)runs), commit, "one-row durable commit",
	       "rs_queue_withdraw, ~10,000 waiting, median of %d", runs);
	report(U_TIME, median(w, (size_t)runs), commit, "one-row durable commit",
	       "rs_queue_floor give, ~10,000 waiting, median of %d", runs);
	/* Moving one from far down to the second place, as a moderator does. */
	int moved = 0;
	n = waiting_ids(raw, item, ids, 11);
	for (int i = 0; i < n; i++) {
		double t0 = now_s();
		if (rs_queue_move_to(db, ids[i], 2) == RS_OK) /* not one already there */
			v[moved++] = now_s() - t0;
	}
	report(U_TIME, moved ? median(v, (size_t)moved) : -1, commit, "one-row durable commit",
	       "rs_queue_move_to place 2, ~10,000 waiting, median of %d", moved);
}

static void queue_figures(rs_db *db, sqlite3 *raw, sqlite3 *bare)
{
	static const struct {
		rs_policy p;
		int list_runs;
	} policies[] = {
		{POLICY_FIFO, 9},
		{POLICY_FIRST_TIME, 9},
		{POLICY_BALANCED, 9},
	};
	int64_t item = item_ids[0];
	int64_t n_rows;
	double base = raw_query(raw, "SELECT * FROM queue_entry WHERE item_id = ?", item, 9,
				&n_rows);
	char bw[64];
	snprintf(bw, sizeof bw, "SELECT the item's %lld rows", (long long)n_rows);
	for (size_t i = 0; i < COUNT(policies); i++) {
		size_t n;
		check(rs_meeting_set_policy(db, policies[i].p), "policy");
		double t = time_list(db, item, policies[i].list_runs, &n);
		report(U_TIME, t, base, bw, "rs_queue_list, %zu entries, %s", n,
		       rs_policy_name(policies[i].p));
	}
	/* Calling the next speaker, at ~10,000 waiting and at 10, each policy:
	 * NEXT_RUNS calls each (every call ends a speech and starts one; the
	 * ten waiting are topped up as they go, the long list goes down). */
	double commit = baseline_commit(bare, 101), idle = 0; /* makes its table */
	for (size_t i = 0; i < COUNT(policies); i++) {
		check(rs_meeting_set_policy(db, policies[i].p), "policy");
		int64_t waiting;
		raw_query(raw, "SELECT id FROM queue_entry WHERE item_id = ? AND state = 'waiting'",
			  item, 1, &waiting);
		char list[64];
		snprintf(list, sizeof list, "%lld waiting", (long long)waiting);
		call_times t = time_next(db, bare, item, policies[i].p, NULL);
		report_next(&t, list, policies[i].p);
		idle = t.idle_max > idle ? t.idle_max : idle;
	}
	entry_figures(db, raw, item, commit);
	int64_t id;
	check(rs_queue_end(db, item, &id), "queue end");
	int person = 0;
	int64_t short_list = short_item(db, &person);
	for (size_t i = 0; i < COUNT(policies); i++) {
		check(rs_meeting_set_policy(db, policies[i].p), "policy");
		call_times t = time_next(db, bare, short_list, policies[i].p, &person);
		report_next(&t, "10 waiting", policies[i].p);
		idle = t.idle_max > idle ? t.idle_max : idle;
	}
	report(U_TIME, idle, -1, "", "the longest idle turn between those calls");
	check(rs_queue_end(db, short_list, &id), "queue end");
}

static char export_path[600]; /* where the in-process exports write */

static double time_export(rs_db *db, rs_export_format f)
{
	FILE *out = fopen(export_path, "w");
	if (!out) {
		perror(export_path);
		exit(1);
	}
	double t0 = now_s();
	check(rs_export_summary(db, f, NULL, out), "export");
	double t = now_s() - t0;
	fclose(out);
	unlink(export_path);
	return t;
}

static void export_figures(rs_db *db, sqlite3 *raw)
{
	static const char *const counts[] = {
		"SELECT count(*) FROM stakeholder", "SELECT count(*) FROM agenda_item",
		"SELECT count(*) FROM queue_entry", "SELECT count(*) FROM queue_transition",
		"SELECT count(*) FROM outcome", "SELECT count(*) FROM nomination",
	};
	double base = 0;
	for (size_t i = 0; i < COUNT(counts); i++)
		base += raw_query(raw, counts[i], 0, 3, NULL);
	const char *bw = "SELECT count(*) of its tables";
	int can_reset = reset_peak_rss();
	double rss0 = peak_rss_mib();
	report(U_TIME, time_export(db, EXPORT_JSON), base, bw, "export summary JSON, whole meeting");
	double rss_json = peak_rss_mib();
	report(U_TIME, time_export(db, EXPORT_MD), base, bw, "export summary Markdown, whole meeting");
	if (can_reset)
		report(U_MIB, rss_json - rss0, -1, "", "peak RSS growth during JSON export");
}

/* The rows the JSON summary holds, as they are stored: what `sqlite3 -json`
 * writes for the same rows is the JSON export's baseline. */
static const char json_rows_sql[] =
	"SELECT id, code, title, kind, start, \"end\", parent_id, moderator, description, policy,"
	" started_at, ended_at FROM agenda_item ORDER BY position, id;"
	"SELECT q.id, q.item_id, q.stakeholder_id, s.name, s.organization, s.sector, s.region,"
	" s.gender, q.kind, q.state, q.requested_at, q.started_at, q.ended_at, q.paused_seconds,"
	" q.manual_rank, q.programme_order, q.slot, q.reply_to, q.state_changed_at,"
	" q.participation, q.language FROM queue_entry q JOIN stakeholder s"
	" ON s.id = q.stakeholder_id ORDER BY q.item_id, q.started_at IS NULL, q.started_at,"
	" q.requested_at, q.id;"
	"SELECT id, name, title, organization, sector, region, country, gender, email,"
	" accreditation, languages, wants_to_speak, speak_on, registered_at, present,"
	" checked_in_at, participation, role, accreditation_at FROM stakeholder ORDER BY id;"
	"SELECT * FROM nomination ORDER BY id; SELECT * FROM outcome ORDER BY id;";

/* The balance the report's annex shows (per sector, region and gender:
 * registered, present, interventions and speaking time), as one plain
 * GROUP BY over a join: the Markdown export's baseline. */
static const char group_by_sql[] =
	"WITH f AS (SELECT stakeholder_id AS id, count(*) AS n,"
	" sum(coalesce(ended_at, paused_at, unixepoch()) - started_at - paused_seconds) AS secs"
	" FROM queue_entry WHERE state IN ('speaking','paused','spoken') GROUP BY stakeholder_id),"
	" p AS (SELECT s.sector, s.region, s.gender, s.present, f.n, f.secs FROM stakeholder s"
	" LEFT JOIN f ON f.id = s.id)"
	" SELECT 'sector', sector, count(*), sum(n), sum(secs), sum(present) FROM p GROUP BY 2"
	" UNION ALL SELECT 'region', region, count(*), sum(n), sum(secs), sum(present) FROM p"
	" GROUP BY 2 UNION ALL SELECT 'gender', gender, count(*), sum(n), sum(secs),"
	" sum(present) FROM p GROUP BY 2;";

/* A small meeting made by the command line: the demo hearing's programme
 * and roster ($ROSTRUM_DATA, else data/).  0 when it could not be made. */
static int small_meeting(const char *bin, const char *db, const char *out)
{
	const char *data = getenv("ROSTRUM_DATA");
	char programme[600], roster[600];
	snprintf(programme, sizeof programme, "%s/programmes/imrf-2022.conf", data ? data : "data");
	snprintf(roster, sizeof roster, "%s/rosters/imrf-2022.csv", data ? data : "data");
	char *init[] = {(char *)bin, "--db", (char *)db, "init", "--title", "Small", NULL};
	char *agenda[] = {(char *)bin, "--db", (char *)db, "import", "agenda", programme, NULL};
	char *people[] = {(char *)bin, "--db", (char *)db, "import", "roster", roster, NULL};
	return run_proc(init, out).ok && run_proc(agenda, out).ok && run_proc(people, out).ok;
}

/* `rostrum import roster` of the generated CSV into a new meeting, beside
 * `sqlite3 .import` of the same file into a new WAL file (median of 3). */
static char import_base_db[600];
static void fresh_import_base(void)
{
	rs_db_remove(import_base_db);
}

/* The second baseline: the same rows stored with what an import must write
 * beside them, set-based in the sqlite3 shell, into a new meeting (`rostrum
 * init`): the rows with the roster's indexes, a journal row per person
 * carrying the row as JSON (json_object over the table's columns, as the
 * journal's triggers write it), the search index's entries, the roster's
 * tallies.  What is left
 * to rostrum beyond it is reading and checking the CSV row by row. */
static char set_base_db[600], set_base_sql[8192];
static void fresh_set_base(void)
{
	rs_db_remove(set_base_db);
	char out[600];
	char *init[] = {(char *)rostrum_bin(), "--db", set_base_db, "init", "--title", "Bench", NULL};
	run_proc(init, in_dir(out, "stdout.txt"));
}

/* "json_object('id',t."id",...)" over stakeholder's columns in a new meeting. */
static void row_json_sql(char *buf, size_t size)
{
	fresh_set_base();
	sqlite3 *h = raw_open(set_base_db);
	sqlite3_stmt *st;
	sql_check(h, sqlite3_prepare_v2(h, "SELECT name FROM pragma_table_info('stakeholder')"
					   " ORDER BY cid", -1, &st, NULL), "table_info");
	size_t at = (size_t)snprintf(buf, size, "json_object(");
	for (int i = 0; sqlite3_step(st) == SQLITE_ROW && at < size; i++) {
		const char *c = (const char *)sqlite3_column_text(st, 0);
		at += (size_t)snprintf(buf + at, size - at, "%s'%s',t.\"%s\"", i ? "," : "", c, c);
	}
	if (at < size)
		snprintf(buf + at, size - at, ")");
	sqlite3_finalize(st);
	sqlite3_close(h);
}

static proc_run import_set_based(const char *csv, const char *out)
{
	const char *sh = sqlite3_shell();
	proc_run none = {-1, -1, 0};
	if (!sh || !rostrum_bin())
		return none;
	in_dir(set_base_db, "import-set.db");
	char json[4096], import[700];
	row_json_sql(json, sizeof json);
	snprintf(import, sizeof import, ".import --csv --schema temp %s reg", csv);
	snprintf(set_base_sql, sizeof set_base_sql,
		 "BEGIN;"
		 "DROP TRIGGER journal_stakeholder_insert; DROP TRIGGER stakeholder_fts_ai;"
		 "DROP TRIGGER roster_tally_insert;"
		 "INSERT INTO event(at, user, action, summary) VALUES (0, 'bench', 'roster.import', '');"
		 "INSERT INTO stakeholder(name, organization, sector, region, country, gender, email,"
		 " accreditation, languages, wants_to_speak, speak_on, fold, sort_key)"
		 " SELECT name, organization, sector, region, country, gender, email, accreditation,"
		 " languages, wants_to_speak = 'yes', nullif(speak_on, ''), lower(name || ' ' ||"
		 " organization || ' ' || country || ' ' || region || ' ' || sector || ' ' || email),"
		 " lower(name) FROM temp.reg;"
		 "INSERT INTO change(event_id, tbl, row_id, op, old, new) SELECT (SELECT max(id) FROM"
		 " event), 'stakeholder', t.rowid, 'insert', NULL, %s FROM stakeholder t ORDER BY"
		 " t.rowid;"
		 "INSERT INTO stakeholder_fts(rowid, fold) SELECT id, fold FROM stakeholder ORDER BY id;"
		 "INSERT INTO roster_tally(dim, value, registered, present)"
		 " SELECT 'sector', sector, count(*), 0 FROM stakeholder GROUP BY 2 UNION ALL"
		 " SELECT 'region', coalesce(region, ''), count(*), 0 FROM stakeholder GROUP BY 2"
		 " UNION ALL SELECT 'gender', coalesce(gender, ''), count(*), 0 FROM stakeholder"
		 " GROUP BY 2 UNION ALL SELECT 'country', coalesce(country, ''), count(*), 0"
		 " FROM stakeholder GROUP BY 2 UNION ALL SELECT 'participation', participation,"
		 " count(*), 0 FROM stakeholder GROUP BY 2;"
		 "COMMIT;",
		 json);
	/* The page cache the import sets for its batches (store_bulk.c). */
	char *argv[] = {(char *)sh, set_base_db, "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
			"PRAGMA cache_size=-16384", import, set_base_sql, NULL};
	proc_run r = median_proc(argv, out, 3, fresh_set_base);
	rs_db_remove(set_base_db);
	return r;
}

static void import_process_figures(const char *csv)
{
	const char *bin = rostrum_bin(), *sh = sqlite3_shell();
	char db[600], out[600], cmd[700];
	in_dir(db, "cli.db");
	in_dir(out, "stdout.txt");
	in_dir(import_base_db, "import-base.db");
	snprintf(cmd, sizeof cmd, ".import --csv %s person", csv);
	proc_run base = {-1, -1, 0}, r = {-1, -1, 0};
	char *argv[] = {(char *)sh, import_base_db, "PRAGMA journal_mode=WAL",
			"PRAGMA synchronous=FULL", cmd, NULL};
	if (sh)
		base = median_proc(argv, out, 3, fresh_import_base);
	char *init[] = {(char *)bin, "--db", db, "init", "--title", "Bench", NULL};
	char *imp[] = {(char *)bin, "--db", db, "import", "roster", (char *)csv, NULL};
	if (bin && run_proc(init, out).ok)
		r = run_proc(imp, out);
	report(U_TIME, r.s, base.s, "sqlite3 .import, same CSV", "rostrum import roster, %d rows",
	       N_PEOPLE);
	proc_run set = import_set_based(csv, out);
	report(U_TIME, r.s, set.s, "the same + journal + search index, SQL",
	       "rostrum import roster, %d rows", N_PEOPLE);
	report(U_MIB, r.rss, base.rss, "the same, sqlite3 .import", "peak RSS of that process");
	rs_db_remove(db);
	rs_db_remove(import_base_db);
	unlink(out);
}

/* The command line's summary exports of the whole meeting (JSON, with its
 * peak RSS beside a small meeting's; Markdown), beside the sqlite3 shell
 * reading the same rows or the same aggregates. */
static void export_process_figures(const char *path)
{
	const char *bin = rostrum_bin(), *sh = sqlite3_shell();
	char small[600], out[600], stdout_txt[600];
	in_dir(small, "small.db");
	in_dir(out, "export.out");
	in_dir(stdout_txt, "stdout.txt");
	proc_run json = {-1, -1, 0}, md = {-1, -1, 0}, tiny = {-1, -1, 0};
	proc_run base_json = {-1, -1, 0}, base_md = {-1, -1, 0};
	if (sh) {
		char *rows[] = {(char *)sh, "-json", "-readonly", (char *)path, (char *)json_rows_sql,
				NULL};
		char *agg[] = {(char *)sh, "-readonly", (char *)path, (char *)group_by_sql, NULL};
		base_json = median_proc(rows, out, 3, NULL);
		base_md = median_proc(agg, out, 3, NULL);
	}
	if (bin) {
		char *j[] = {(char *)bin, "--db", (char *)path, "export", "summary", "--format",
			     "json", "-o", out, NULL};
		char *m[] = {(char *)bin, "--db", (char *)path, "export", "summary", "--format",
			     "md", "-o", out, NULL};
		char *s[] = {(char *)bin, "--db", small, "export", "summary", "--format", "json",
			     "-o", out, NULL};
		json = run_proc(j, stdout_txt);
		md = run_proc(m, stdout_txt);
		if (small_meeting(bin, small, stdout_txt))
			tiny = median_proc(s, stdout_txt, 3, NULL);
	}
	report(U_TIME, json.s, base_json.s, "sqlite3 -json, the same rows",
	       "rostrum export summary --format json");
	report(U_MIB, json.rss, tiny.rss, "the same, demo hearing (small)",
	       "peak RSS of that process");
	report(U_TIME, md.s, base_md.s, "sqlite3, the aggregates, GROUP BY",
	       "rostrum export summary --format md");
	rs_db_remove(small);
	unlink(out);
	unlink(stdout_txt);
}

/* The history of a long meeting day: closed events of another terminal
 * (so this one's undo never reaches them), written straight into the
 * journal's event table, which no trigger watches. */
static void pad_journal(sqlite3 *raw, int n)
{
	sqlite3_stmt *st;
	raw_exec(raw, "BEGIN IMMEDIATE");
	sql_check(raw, sqlite3_prepare_v2(raw,
					  "INSERT INTO event(at, user, action, object_type, object_id,"
					  " summary, open, session) VALUES (?1, 'bench', 'queue.add',"
					  " 'queue_entry', ?1, 'floor', 0, 'bench-history')",
					  -1, &st, NULL), "padding");
	for (int i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, i + 1);
		sql_check(raw, sqlite3_step(st), "padding");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	raw_exec(raw, "COMMIT");
}

static double time_policy_action(rs_db *db, int runs)
{
	double v[16];
	for (int i = 0; i < runs; i++) {
		double t0 = now_s();
		check(rs_meeting_set_policy(db, i % 2 ? POLICY_FIFO : POLICY_FIRST_TIME), "policy");
		v[i] = now_s() - t0;
	}
	return median(v, (size_t)runs);
}

static double time_undo(rs_db *db)
{
	rs_event ev;
	double t0 = now_s();
	check(rs_undo_last(db, &ev), "undo");
	return now_s() - t0;
}

static void undo_figures(rs_db *db, sqlite3 *raw, sqlite3 *bare)
{
	int64_t changes, events;
	check(rs_meeting_set_policy(db, POLICY_FIFO), "policy");
	int64_t id;
	/* The floor moves to another item only once the speech on the first ends. */
	check(rs_queue_end(db, item_ids[0], &id), "queue end");
	check(rs_queue_next(db, item_ids[1], &id), "queue next");
	raw_query(raw, "SELECT id FROM change", 0, 1, &changes);
	raw_query(raw, "SELECT id FROM event", 0, 1, &events);
	double small = time_policy_action(db, 9);
	report(U_TIME, small, baseline_commit(bare, 15), "one-row durable commit",
	       "one small journalled action (meeting.policy)");
	check(rs_queue_next(db, item_ids[1], &id), "queue next");
	double undo = time_undo(db);
	report(U_TIME, undo, small, "one small journalled action",
	       "rs_undo_last (queue.next), journal of %lldk changes", (long long)(changes / 1000));
	pad_journal(raw, PADDING_EVENTS);
	double small2 = time_policy_action(db, 9);
	report(U_TIME, small2, small, "the same, before",
	       "small action, %lldk more events in the journal",
	       (long long)((events + PADDING_EVENTS) / 1000));
	check(rs_queue_next(db, item_ids[1], &id), "queue next");
	report(U_TIME, time_undo(db), undo, "the same, before",
	       "rs_undo_last (queue.next), %lldk more events", (long long)(PADDING_EVENTS / 1000));
}

/* A speech going on on the current item ended, so that a call on another
 * item may open it (refused when nobody speaks: nothing to do). */
static void end_current_speech(rs_db *db)
{
	int64_t current, id;
	check(rs_meeting_current_item(db, &current), "current item");
	if (current > 0)
		rs_queue_end(db, current, &id);
}

/* The balanced floor where those waiting were passed over by thousands
 * heard: all but the first `waiting` of item's list heard meanwhile (a
 * minute each), by SQL in one journalled transaction as bulk_load.  How
 * many places a candidate lost was a count of every later request heard,
 * a walk of thousands for each one the order explains. */
static void places_lost_figures(rs_db *db, sqlite3 *raw, sqlite3 *bare, int64_t item,
				int waiting)
{
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "BEGIN IMMEDIATE;"
		 " INSERT INTO event(at, user, action, session, open)"
		 " VALUES (unixepoch(), 'bench', 'bench.heard', 'bench-history', 1);"
		 " UPDATE queue_entry SET state = 'spoken', started_at = requested_at + 60,"
		 "  ended_at = requested_at + 120, state_changed_at = requested_at + 120"
		 " WHERE item_id = %lld AND state = 'waiting' AND (requested_at, id) >"
		 "  (SELECT requested_at, id FROM queue_entry WHERE item_id = %lld"
		 "   AND state = 'waiting' ORDER BY requested_at, id LIMIT 1 OFFSET %d);"
		 " UPDATE event SET object_type = 'queue_entry', summary = 'bench heard', open = 0"
		 " WHERE open; COMMIT",
		 (long long)item, (long long)item, waiting - 1);
	raw_exec(raw, sql);
	int64_t n_waiting, n_heard;
	end_current_speech(db);
	raw_query(raw, "SELECT id FROM queue_entry WHERE item_id = ? AND state = 'waiting'", item,
		  1, &n_waiting);
	raw_query(raw, "SELECT id FROM queue_entry WHERE item_id = ? AND state = 'spoken'", item,
		  1, &n_heard);
	check(rs_meeting_set_policy(db, POLICY_BALANCED), "policy");
	char list[64];
	snprintf(list, sizeof list, "%lld waiting, %lld heard later", (long long)n_waiting,
		 (long long)n_heard);
	call_times t = time_next(db, bare, item, POLICY_BALANCED, NULL);
	report_next(&t, list, POLICY_BALANCED);
}

/* Calling the next speaker when the meeting requires an accreditation to
 * take the floor (two in five of the bench's people have none that
 * entitles): the head's read walks past those held back (README: A fair
 * floor), under fifo and balanced, as time_next times every list. */
static void accreditation_figures(rs_db *db, sqlite3 *bare, int64_t item)
{
	end_current_speech(db);
	rs_meeting_change ch = {.policy = -1, .warning_seconds = -1,
				.set_require_accreditation = 1, .require_accreditation = 1};
	check(rs_meeting_set(db, &ch), "require accreditation");
	static const rs_policy policies[] = {POLICY_FIFO, POLICY_BALANCED};
	for (int i = 0; i < 2; i++) {
		call_times t = time_next(db, bare, item, policies[i], NULL);
		report_next(&t, "~10,000 waiting, accreditation required", policies[i]);
		end_current_speech(db);
	}
	ch.require_accreditation = 0;
	check(rs_meeting_set(db, &ch), "require accreditation");
}

/* The screens alone (tui_figures.c), on a meeting made elsewhere: to time
 * another build of rostrum on a file of its own schema. */
static int tui_only(char **argv)
{
	tui_figures(argv[2], argv[3], argv[4]);
	print_table();
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 4 && !strcmp(argv[1], "--run"))
		return run_child(argv + 2);
	if (argc == 5 && !strcmp(argv[1], "--tui"))
		return tui_only(argv);
	if (argc == 3 && !strcmp(argv[1], "--csv")) { /* the registrations, to profile an import */
		make_people();
		write_csv(argv[2]);
		return 0;
	}
	if (argc > 1) {
		fprintf(stderr, "usage: bench | bench --tui ROSTRUM DB ITEM | bench --csv FILE\n");
		return 2;
	}
	double start = now_s();
	setenv("ROSTRUM_SESSION", "bench", 1);
	char dir[] = "/tmp/rostrum-bench-XXXXXX";
	const char *tmp = getenv("TMPDIR");
	char dirbuf[512];
	if (tmp && *tmp) {
		snprintf(dirbuf, sizeof dirbuf, "%s/rostrum-bench-XXXXXX", tmp);
		if (!mkdtemp(dirbuf)) {
			perror(dirbuf);
			return 1;
		}
	} else if (!mkdtemp(dir)) {
		perror(dir);
		return 1;
	}
	const char *d = tmp && *tmp ? dirbuf : dir;
	char path[600], bare[600], csv[600];
	snprintf(path, sizeof path, "%s/meeting.db", d);
	snprintf(bare, sizeof bare, "%s/bare.db", d);
	snprintf(csv, sizeof csv, "%s/registrations.csv", d);
	bench_dir = d;
	in_dir(export_path, "export.out");
	in_dir(run_report, "run.txt");
	fprintf(stderr, "bench: working in %s\n", d);

	make_people();
	write_csv(csv);
	double rss_start = peak_rss_mib();

	/* 1. Registration. */
	sqlite3 *b = raw_open(bare);
	int can_reset = reset_peak_rss();
	double r0 = peak_rss_mib();
	double base_ins = baseline_inserts(b);
	double rss_base = peak_rss_mib() - r0;
	rs_db *db;
	check(rs_meeting_create(path, "Bench meeting", "2022-05-16", "Bench", NULL, &db), "create");
	rs_import_stats stats;
	reset_peak_rss();
	r0 = peak_rss_mib();
	double t = import_timed(db, csv, &stats);
	double rss_import = peak_rss_mib() - r0;
	report(U_TIME, t, base_ins, "bare-table INSERTs, 1 transaction",
	       "registration: %d people, rs_import_roster", stats.added);
	if (can_reset)
		report(U_MIB, rss_import, rss_base, "the same, bare-table INSERTs",
		       "peak RSS growth during that import");
	import_process_figures(csv);

	/* 2. Roster search as you type. */
	sqlite3 *raw = raw_open(path);
	read_ids(raw);
	search_figures(db, raw);

	/* 3. 200,000 interventions: 2,000 through rs_queue_add, one action
	 * each; the other 198,000 by bulk_load. */
	add_items(db);
	int first_late = N_PEOPLE - N_ADD_LATE, first_early = first_late - N_ADD_EARLY;
	double add_early = queue_adds(db, first_early, first_late);
	report(U_TIME, add_early, baseline_commit(b, 31), "one-row durable commit",
	       "rs_queue_add, lists of 0-%d (mean of %d)", N_ADD_EARLY / N_ITEMS, N_ADD_EARLY);
	bulk_load(raw, first_early);
	double add_late = queue_adds(db, first_late, N_PEOPLE);
	report(U_TIME, add_late, baseline_commit(b, 31), "one-row durable commit",
	       "rs_queue_add, lists of ~9,900 (mean of %d), fifo", N_ADD_LATE);
	int64_t total;
	raw_query(raw, "SELECT id FROM queue_entry", 0, 1, &total);
	fprintf(stderr, "bench: %lld interventions\n", (long long)total);

	/* 4. One item's queue of 10,000. */
	queue_figures(db, raw, b);

	/* 5. The screens, as processes in a pseudo-terminal: the TUI on item
	 * 1's list (someone speaking, called by queue_figures). */
	const char *bin = rostrum_bin();
	if (bin)
		tui_figures(bin, path, "item-01");
	else
		fprintf(stderr, "bench: no rostrum ($ROSTRUM_BIN): no figures of the screens\n");

	/* 6. Export. */
	export_figures(db, raw);
	export_process_figures(path);

	/* 7. Undo with a large journal. */
	undo_figures(db, raw, b);

	/* 8. Calling the next speaker when thousands were heard after those
	 * waiting: item 3, untouched until now (the exports above are of the
	 * meeting as before). */
	places_lost_figures(db, raw, b, item_ids[2], NEXT_RUNS + 99);

	/* 9. The same when the meeting requires an accreditation: item 4. */
	accreditation_figures(db, b, item_ids[3]);

	report(U_MIB, peak_rss_mib(), rss_start, "after generating the roster",
	       "peak RSS, whole run");
	print_table();
	/* $ROSTRUM_BENCH_KEEP: the meeting file stays, for `bench --tui` or a
	 * profiler. */
	int keep = getenv("ROSTRUM_BENCH_KEEP") != NULL;
	printf("\n%lld interventions over %d items; whole run %.0f s; %s %s\n",
	       (long long)total, N_ITEMS, now_s() - start, keep ? "meeting kept:" : "files removed:",
	       keep ? path : d);

	sqlite3_close(raw);
	sqlite3_close(b);
	rs_db_close(db);
	if (!keep)
		rs_db_remove(path);
	rs_db_remove(bare);
	unlink(csv);
	if (!keep)
		rmdir(d);
	free(people);
	free(person_ids);
	free(item_ids);
	return 0;
}
