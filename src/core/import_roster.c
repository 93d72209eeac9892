/* Importing the registration-form CSV (SPEC.md, "Registration-form CSV").
 *
 * The file is parsed with libcsv and fed one physical line at a time, so
 * that every record knows the line it starts on even when a quoted field
 * spans lines.  Rows are stored as they come, inside one action; the
 * nominations are resolved once every row is stored, then the requests to
 * speak already on the lists follow what the file changed of them, and the
 * new ones are queued.  Any bad row rolls the whole action back. */
#include "rostrum/import.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "rostrum/clock.h"
#include "rostrum/stakeholder.h"
#include "rostrum/text.h"
#include "progress.h"
#include "storage.h"

enum column {
	/* Text columns first, in the order of text_offset below. */
	COL_NAME, COL_TITLE, COL_ORGANIZATION, COL_SECTOR, COL_REGION, COL_COUNTRY,
	COL_GENDER, COL_EMAIL, COL_ACCREDITATION, COL_LANGUAGES, COL_PARTICIPATION, COL_ROLE,
	COL_SPEAK_ON,
	COL_WANTS_TO_SPEAK, COL_REGISTERED_AT, COL_PRESENT, COL_CHECKED_IN_AT, COL_NOMINEE,
	COL_STATEMENT,
	COL__COUNT
};
#define N_TEXT_COLUMNS (COL_SPEAK_ON + 1)

static const char *const column_names[COL__COUNT] = {
	"name", "title", "organization", "sector", "region", "country", "gender",
	"email", "accreditation", "languages", "participation", "role", "speak_on",
	"wants_to_speak", "registered_at", "present", "checked_in_at", "rapporteur_nominee",
	"nomination_statement",
};

/* Where each text column lands in an rs_stakeholder. */
static const size_t text_offset[N_TEXT_COLUMNS] = {
	offsetof(rs_stakeholder, name), offsetof(rs_stakeholder, title),
	offsetof(rs_stakeholder, organization), offsetof(rs_stakeholder, sector),
	offsetof(rs_stakeholder, region), offsetof(rs_stakeholder, country),
	offsetof(rs_stakeholder, gender), offsetof(rs_stakeholder, email),
	offsetof(rs_stakeholder, accreditation), offsetof(rs_stakeholder, languages),
	offsetof(rs_stakeholder, participation), offsetof(rs_stakeholder, role),
	offsetof(rs_stakeholder, speak_on),
};

/* What the desk says of a row: present (1), not (0), or nothing (-1), and
 * since when (-1: not said). */
typedef struct {
	int present;
	int64_t at;
} presence;

/* The fields of the record being parsed, and their lengths (a field may
 * hold a NUL byte, which the input rules refuse); all owned. */
typedef struct {
	char **f;
	size_t *len;
	size_t n, cap, len_cap;
	int too_wide; /* more fields than RS_MAX_CSV_COLUMNS: the rest dropped */
} record;

/* What the later steps need to know of each data row; strings owned, ""
 * when empty.  id is 0 when the row was bad and not stored. */
typedef struct {
	int line;
	int64_t id;
	int wants; /* asked to speak: 1 from the floor, 2 for a panel seat */
	int follow; /* what the file changed of a known person's request (FOLLOW_*) */
	int64_t registered_at;
	char *name, *organization, *email, *nominee, *statement, *speak_on;
} row_info;

/* A known person's request to speak as the file changes it: whether to
 * speak or where (the item), and when asked (the time of request). */
enum { FOLLOW_ITEM = 1, FOLLOW_TIME = 2 };

/* Lines of the file, listed in a notice ("lines 5, 9, 12"). */
typedef struct {
	int *v;
	int n;
	size_t cap;
} line_set;

/* What a re-import did to the requests to speak already on the lists,
 * each kind with its own notice. */
enum follow_kind {
	FOLLOW_MOVED,     /* moved to the item the file names now */
	FOLLOW_WITHDRAWN, /* the file says no, or asks for a panel seat */
	FOLLOW_GONE,      /* withdrawn: the file names an item not in the programme */
	FOLLOW_TWICE,     /* withdrawn: already waiting on the item the file names */
	FOLLOW_SECOND,    /* withdrawn: a second place of one request on the lists */
	FOLLOW_RETIMED,   /* its time of request is the file's registered_at now */
	FOLLOW_KEPT,      /* the file names no item now: it stays where it waits */
	FOLLOW_LEFT,      /* no longer waiting (called, heard, absent): left as it is */
	FOLLOW__COUNT
};

typedef struct {
	rs_db *db;
	const char *path;
	FILE *err;
	rs_import_stats *stats;
	struct csv_parser parser;
	int line;        /* physical line being fed, from 1 */
	int record_line; /* the line the current record starts on */
	int between;     /* no byte of the next record fed yet */
	record rec;
	int *map;        /* header position -> enum column, or -1 */
	size_t n_map;
	int has[COL__COUNT]; /* the header names the column */
	int header_seen, header_bad;
	row_info *rows;
	size_t n_rows, cap_rows;
	/* The line that stored each stakeholder id in this import (0: none):
	 * a second row matching the same person is a repeat within the file.
	 * Indexed by id, so the check costs nothing at 100,000 rows. */
	int *line_of_id;
	size_t n_line_of_id;
	int bad;         /* problems reported (each rejects the file) */
	int stop;        /* a limit was passed: read no further */
	long long bytes; /* read so far */
	long long parsed, size; /* bytes parsed so far, of the file's size (0: not known) */
	rs_status fatal; /* a runtime failure: stop and roll back */
	store_bulk bulk; /* the new stakeholders, journalled per batch */
	/* The meeting's time zone as the import found it: times without an
	 * offset are wall-clock times there. */
	char tz[72];
	line_set local_times; /* lines with such a time */
	line_set followed[FOLLOW__COUNT];
	line_set desk_kept; /* rows whose file said otherwise than the desk decided */
} importer;

/* ---- small helpers ---- */

/* Makes room for `need` elements of `size` bytes in *p (capacity *cap). */
static int grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap * 2 : 16;
	while (n < need)
		n *= 2;
	void *q = realloc(*(void **)p, n * size);
	if (!q)
		return -1;
	*(void **)p = q;
	*cap = n;
	return 0;
}

/* A trimmed copy of s (NULL reads as ""); NULL only when out of memory. */
static char *trimmed_dup(const char *s)
{
	if (!s)
		s = "";
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	char *out = malloc(n + 1);
	if (out) {
		memcpy(out, s, n);
		out[n] = '\0';
	}
	return out;
}

static void say(importer *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One line on err (rs_report's), the progress line out of its way. */
static void say(importer *im, const char *fmt, ...)
{
	va_list ap;
	progress_hide(im->db);
	va_start(ap, fmt);
	rs_vreport(im->err, fmt, ap);
	va_end(ap);
}

static void report(importer *im, int line, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Problems listed one by one; past these, they are counted only. */
#define LISTED_PROBLEMS 100

/* One line on err: "FILE:LINE: column: reason".  Counts as a bad row. */
static void report(importer *im, int line, const char *column, const char *fmt, ...)
{
	char why[512];
	if (im->bad++ == LISTED_PROBLEMS)
		say(im, "%s: more than %d problems; the others are not listed", im->path,
		    LISTED_PROBLEMS);
	if (im->bad > LISTED_PROBLEMS)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	say(im, "%s:%d: %s: %s", im->path, line, column, why);
}

/* A limit passed: reported once (however many problems came before), and
 * the file is read no further. */
static void stop_at(importer *im, const char *column, const char *what)
{
	if (!im->stop) {
		im->bad++;
		say(im, "%s:%d: %s: %s", im->path, im->record_line, column, what);
	}
	im->stop = 1;
}

static void set_fatal(importer *im, rs_status st)
{
	if (!im->fatal)
		im->fatal = st;
}

static void line_set_add(importer *im, line_set *l, int line)
{
	if (l->n && l->v[l->n - 1] == line)
		return;
	if (grow(&l->v, &l->cap, (size_t)l->n + 1, sizeof *l->v)) {
		set_fatal(im, rs_fail(RS_ERR_RUNTIME, "out of memory"));
		return;
	}
	l->v[l->n++] = line;
}

static void record_clear(record *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->f[i]);
	r->n = 0;
	r->too_wide = 0;
}

static void row_info_free(row_info *r)
{
	free(r->name);
	free(r->organization);
	free(r->email);
	free(r->nominee);
	free(r->statement);
	free(r->speak_on);
}

/* ---- the header ---- */

static int column_find(const char *name)
{
	for (int c = 0; c < COL__COUNT; c++)
		if (!strcasecmp(name, column_names[c]))
			return c;
	return -1;
}

/* Maps one header cell; unknown names are warned about, not errors. */
static void header_cell(importer *im, size_t i, int seen[COL__COUNT])
{
	const char *why = rs_input_problem(im->rec.f[i], im->rec.len[i], RS_INPUT_LINE);
	im->map[i] = -1;
	if (why) {
		report(im, im->record_line, "header", "column %zu: %s", i + 1, why);
		im->header_bad = 1;
		return;
	}
	char *name = trimmed_dup(im->rec.f[i]);
	if (!name) {
		set_fatal(im, rs_fail(RS_ERR_RUNTIME, "out of memory"));
		return;
	}
	int c = column_find(name);
	im->map[i] = c;
	if (c >= 0)
		im->has[c] = 1;
	if (c < 0)
		say(im, "%s:%d: column '%s' is unknown and ignored", im->path, im->record_line,
		    name);
	else if (c >= 0 && seen[c]++) {
		report(im, im->record_line, "header", "column '%s' appears twice", name);
		im->header_bad = 1;
	}
	free(name);
}

static void header(importer *im)
{
	int seen[COL__COUNT] = {0};
	im->header_seen = 1;
	im->map = calloc(im->rec.n ? im->rec.n : 1, sizeof *im->map);
	if (!im->map) {
		set_fatal(im, rs_fail(RS_ERR_RUNTIME, "out of memory"));
		return;
	}
	im->n_map = im->rec.n;
	for (size_t i = 0; i < im->rec.n && !im->fatal; i++)
		header_cell(im, i, seen);
	static const int required[] = {COL_NAME, COL_SECTOR};
	for (size_t r = 0; r < sizeof required / sizeof required[0]; r++)
		if (!seen[required[r]]) {
			report(im, im->record_line, "header", "missing required column '%s'",
			       column_names[required[r]]);
			im->header_bad = 1;
		}
}

/* ---- one data row ---- */

static rs_status parse_wants(const char *v, int *out)
{
	static const struct {
		const char *text;
		int value;
	} words[] = {
		{"yes", 1}, {"y", 1}, {"true", 1}, {"1", 1}, {"floor", 1}, {"panel", 2},
		{"no", 0}, {"n", 0}, {"false", 0}, {"0", 0}, {"", 0},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcasecmp(v, words[i].text)) {
			*out = words[i].value;
			return RS_OK;
		}
	return rs_fail(RS_ERR_INVALID, "expected yes, no, floor or panel, not '%s'", v);
}

/* A time of the file: with Z or an offset as it says, without one a
 * wall-clock time in the meeting's zone tz (*local then set). */
static rs_status parse_registered(const char *v, const char *tz, int64_t *out, int *local)
{
	int here = 0;
	*out = -1;
	if (!*v)
		return RS_OK;
	if (rs_parse_iso_in(v, tz, out, &here) == 0) {
		*local |= here;
		return RS_OK;
	}
	*out = -1;
	return rs_fail(RS_ERR_INVALID, "'%s' is not an ISO 8601 time (e.g. 2022-04-26T04:25:17Z)",
		       v);
}

/* present yes/no (blank: the form says nothing), and checked_in_at, which
 * says present too; *field names the column at fault. */
static rs_status parse_presence(char *v[COL__COUNT], const char *tz, int *local, presence *p,
			       const char **field)
{
	static const struct {
		const char *text;
		int value;
	} words[] = {
		{"yes", 1}, {"y", 1}, {"true", 1}, {"1", 1}, {"present", 1},
		{"no", 0}, {"n", 0}, {"false", 0}, {"0", 0}, {"absent", 0}, {"", -1},
	};
	const char *text = v[COL_PRESENT];
	p->present = -2;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcasecmp(text, words[i].text))
			p->present = words[i].value;
	*field = column_names[COL_PRESENT];
	if (p->present == -2)
		return rs_fail(RS_ERR_INVALID, "expected yes or no, not '%s'", text);
	*field = column_names[COL_CHECKED_IN_AT];
	rs_status rc = parse_registered(v[COL_CHECKED_IN_AT], tz, &p->at, local);
	if (rc == RS_OK && p->at >= 0 && p->present == 0)
		rc = rs_fail(RS_ERR_INVALID, "a time of check-in for someone the present column "
					     "says is not present");
	if (rc == RS_OK && p->at >= 0)
		p->present = 1;
	return rc;
}

/* Builds and normalises the row's stakeholder from the cells v (trimmed
 * copies owned by the caller), and what the desk says of them; times
 * without an offset are read in tz (*local set when one was).  *field
 * names the column at fault. */
static rs_status row_stakeholder(char *v[COL__COUNT], const char *tz, int *local,
				 rs_stakeholder *s, presence *p, const char **field)
{
	for (int c = 0; c < N_TEXT_COLUMNS; c++) {
		char **slot = (char **)((char *)s + text_offset[c]);
		*slot = v[c]; /* moved: s owns it now */
		v[c] = NULL;
	}
	rs_status rc = rs_stakeholder_normalise(s, field);
	if (rc)
		return rc;
	*field = column_names[COL_WANTS_TO_SPEAK];
	rc = parse_wants(v[COL_WANTS_TO_SPEAK], &s->wants_to_speak);
	if (rc)
		return rc;
	*field = column_names[COL_REGISTERED_AT];
	rc = parse_registered(v[COL_REGISTERED_AT], tz, &s->registered_at, local);
	return rc ? rc : parse_presence(v, tz, local, p, field);
}

/* The same person twice in one file: by email, or, without one, by name
 * and organization. */
static rs_status repeated(importer *im, const rs_stakeholder *s, int line, const char **field)
{
	(void)im;
	if (s->email && *s->email) {
		*field = "email";
		return rs_fail(RS_ERR_INVALID, "email %s is already on line %d", s->email, line);
	}
	*field = "name";
	return rs_fail(RS_ERR_INVALID, "'%s' of '%s' is already on line %d and neither has an email",
		       s->name, s->organization ? s->organization : "", line);
}

static rs_status note_line(importer *im, int64_t id)
{
	if ((size_t)id >= im->n_line_of_id) {
		size_t n = (size_t)id * 2 + 64;
		int *v = realloc(im->line_of_id, n * sizeof *v);
		if (!v)
			return rs_fail(RS_ERR_RUNTIME, "out of memory");
		memset(v + im->n_line_of_id, 0, (n - im->n_line_of_id) * sizeof *v);
		im->line_of_id = v;
		im->n_line_of_id = n;
	}
	im->line_of_id[id] = im->record_line;
	return RS_OK;
}

/* A known person's request to speak as the file has it: what a column the
 * file lacks says is what is stored (a file of check-ins changes nobody's
 * request); *follow says what the file changes of it (FOLLOW_*). */
static void file_request(importer *im, rs_stakeholder *s, store_form_row *was, int *follow)
{
	if (!im->has[COL_WANTS_TO_SPEAK])
		s->wants_to_speak = was->wants;
	if (!im->has[COL_SPEAK_ON]) {
		free(s->speak_on);
		s->speak_on = was->speak_on;
		was->speak_on = NULL;
	}
	if (!im->has[COL_REGISTERED_AT])
		s->registered_at = was->registered_at;
	const char *on = s->speak_on ? s->speak_on : "";
	if (s->wants_to_speak != was->wants || strcmp(on, was->speak_on ? was->speak_on : ""))
		*follow |= FOLLOW_ITEM;
	if (s->registered_at != was->registered_at)
		*follow |= FOLLOW_TIME;
}

/* What the desk decided since the form stands: an accreditation it dated
 * (stakeholder accredit) is not the form's to change, and the form's
 * present column checks someone in, never out.  s and *p are what the file
 * says, made to say what stays; the row's line is kept when the file said
 * otherwise. */
static rs_status desk_decisions(importer *im, rs_stakeholder *s, const store_form_row *was,
				presence *p)
{
	const char *file = s->accreditation ? s->accreditation : "none";
	int kept = 0;
	if (*was->desk_accreditation && strcmp(file, was->desk_accreditation)) {
		char *desk = strdup(was->desk_accreditation);
		if (!desk)
			return rs_fail(RS_ERR_RUNTIME, "out of memory");
		free(s->accreditation);
		s->accreditation = desk;
		kept = 1;
	}
	if (p->present == 0) {
		kept |= was->present;
		p->present = -1;
	}
	if (kept)
		line_set_add(im, &im->desk_kept, im->record_line);
	return RS_OK;
}

/* A known person as the file has them, and what it changes of their
 * request to speak (file_request) and of the desk's decisions
 * (desk_decisions). */
static rs_status known_row(importer *im, rs_stakeholder *s, presence *p, int *follow)
{
	store_form_row was;
	rs_status rc = store_form_row_get(im->db, s->id, &was);
	if (rc == RS_OK)
		file_request(im, s, &was, follow);
	if (rc == RS_OK)
		rc = desk_decisions(im, s, &was, p);
	free(was.speak_on);
	return rc;
}

/* Matches the stakeholder (email, else name and organization) and updates
 * them (a file without a role column keeps the roles stored, one without
 * the request columns the request, and the desk's decisions stay), or
 * adds a new one; then what the desk says of their presence.  s->id gets
 * the id; *follow what the file changes of a known person's request to
 * speak. */
static rs_status store_row(importer *im, rs_stakeholder *s, presence p, const char **field,
			   int *follow)
{
	int64_t found = 0;
	rs_status rc = s->email && *s->email
		? store_stakeholder_by_email(im->db, s->email, &found)
		: store_stakeholder_by_name(im->db, s->name,
					    s->organization ? s->organization : "", &found);
	if (rc)
		return rc;
	if (found < 0) {
		*field = "name";
		return rs_fail(RS_ERR_INVALID,
			       "several stakeholders without an email are named '%s'; add an email",
			       s->name);
	}
	if (found > 0 && (size_t)found < im->n_line_of_id && im->line_of_id[found])
		return repeated(im, s, im->line_of_id[found], field);
	int changed = 0, checked = 0;
	if (found == 0) {
		rc = store_stakeholder_bulk_add(im->db, &im->bulk, s, &s->id);
	} else {
		s->id = found;
		rc = store_stakeholder_bulk_flush(im->db, &im->bulk);
		if (rc == RS_OK)
			rc = known_row(im, s, &p, follow);
		if (rc == RS_OK)
			rc = store_stakeholder_update(im->db, s, !im->has[COL_ROLE], -1, &changed);
	}
	if (rc == RS_OK && p.present >= 0)
		rc = store_stakeholder_bulk_flush(im->db, &im->bulk);
	if (rc == RS_OK && p.present >= 0)
		rc = store_stakeholder_presence(im->db, s->id, p.present, p.at, rs_now(), &checked);
	if (rc)
		return rc;
	im->stats->checked_in += checked && p.present == 1;
	if (found == 0)
		im->stats->added++;
	else
		*(changed || checked ? &im->stats->updated : &im->stats->unchanged) += 1;
	return note_line(im, s->id);
}

/* Keeps what nominations and repeat checks need; takes the strings. */
static void remember_row(importer *im, row_info *info, rs_stakeholder *s, char *v[COL__COUNT])
{
	info->name = trimmed_dup(s->name);
	info->organization = trimmed_dup(s->organization);
	info->email = trimmed_dup(s->email);
	info->speak_on = trimmed_dup(s->speak_on);
	info->wants = s->wants_to_speak;
	info->registered_at = s->registered_at;
	info->nominee = v[COL_NOMINEE];
	info->statement = v[COL_STATEMENT];
	v[COL_NOMINEE] = v[COL_STATEMENT] = NULL;
	if (!info->name || !info->organization || !info->email || !info->speak_on ||
	    grow(&im->rows, &im->cap_rows, im->n_rows + 1, sizeof *im->rows)) {
		row_info_free(info);
		set_fatal(im, rs_fail(RS_ERR_RUNTIME, "out of memory"));
		return;
	}
	im->rows[im->n_rows++] = *info;
}

/* The record's cells by column, as trimmed copies (the caller frees): 0,
 * -1 when out of memory, 1 when a cell breaks the input rules (reported). */
static int row_cells(importer *im, char *v[COL__COUNT])
{
	const char *raw[COL__COUNT] = {0};
	for (size_t i = 0; i < im->rec.n; i++) {
		int c = im->map[i];
		if (c < 0)
			continue;
		const char *why = rs_input_problem(im->rec.f[i], im->rec.len[i],
						   c == COL_STATEMENT ? RS_INPUT_TEXT : RS_INPUT_LINE);
		if (why) {
			report(im, im->record_line, column_names[c], "%s", why);
			return 1;
		}
		raw[c] = im->rec.f[i];
	}
	for (int c = 0; c < COL__COUNT; c++)
		if (!(v[c] = trimmed_dup(raw[c])))
			return -1;
	return 0;
}

/* Blank by every byte of every field (a NUL byte is not blank). */
static int record_blank(const record *r)
{
	for (size_t i = 0; i < r->n; i++)
		for (size_t j = 0; j < r->len[i]; j++)
			if (!isspace((unsigned char)r->f[i][j]))
				return 0;
	return 1;
}

static void data_row(importer *im)
{
	if (im->header_bad || record_blank(&im->rec))
		return;
	if (im->size > 0)
		progress_fraction(im->db, (double)im->parsed / (double)im->size);
	progress_add(im->db, 1);
	if (im->stats->rows++ == RS_MAX_CSV_ROWS) {
		char what[64];
		snprintf(what, sizeof what, "more than %d rows", RS_MAX_CSV_ROWS);
		stop_at(im, "csv", what);
		return;
	}
	if (im->rec.n > im->n_map) {
		report(im, im->record_line, "csv", "%zu fields, but the header has %zu",
		       im->rec.n, im->n_map);
		return;
	}
	char *v[COL__COUNT] = {0};
	rs_stakeholder s = {0};
	presence p = {-1, -1};
	const char *field = "row";
	int local = 0, follow = 0;
	int cells = row_cells(im, v);
	if (cells > 0) {
		for (int c = 0; c < COL__COUNT; c++)
			free(v[c]);
		return;
	}
	rs_status rc = cells ? rs_fail(RS_ERR_RUNTIME, "out of memory")
			     : row_stakeholder(v, im->tz, &local, &s, &p, &field);
	if (rc == RS_OK)
		rc = store_row(im, &s, p, &field, &follow);
	if (rc == RS_OK && local)
		line_set_add(im, &im->local_times, im->record_line);
	if (rc == RS_ERR_INVALID)
		report(im, im->record_line, field, "%s", rs_error());
	else if (rc)
		set_fatal(im, rc);
	row_info info = {.line = im->record_line, .id = rc ? 0 : s.id, .follow = rc ? 0 : follow};
	if (!im->fatal)
		remember_row(im, &info, &s, v);
	rs_stakeholder_clear(&s);
	for (int c = 0; c < COL__COUNT; c++)
		free(v[c]);
}

/* ---- libcsv callbacks and feeding ---- */

static void on_field(void *data, size_t len, void *ctx)
{
	importer *im = ctx;
	if (im->rec.n == RS_MAX_CSV_COLUMNS) {
		im->rec.too_wide = 1;
		return;
	}
	char *copy = malloc(len + 1);
	if (!copy || grow(&im->rec.f, &im->rec.cap, im->rec.n + 1, sizeof *im->rec.f) ||
	    grow(&im->rec.len, &im->rec.len_cap, im->rec.n + 1, sizeof *im->rec.len)) {
		free(copy);
		set_fatal(im, rs_fail(RS_ERR_RUNTIME, "out of memory"));
		return;
	}
	if (len)
		memcpy(copy, data, len);
	copy[len] = '\0';
	im->rec.len[im->rec.n] = len;
	im->rec.f[im->rec.n++] = copy;
}

static void on_record(int terminator, void *ctx)
{
	(void)terminator;
	importer *im = ctx;
	if (im->rec.too_wide) {
		char what[64];
		snprintf(what, sizeof what, "more than %d columns", RS_MAX_CSV_COLUMNS);
		stop_at(im, im->header_seen ? "csv" : "header", what);
		im->header_seen = 1;
	} else if (!im->fatal && !im->stop) {
		if (im->header_seen)
			data_row(im);
		else
			header(im);
	}
	record_clear(&im->rec);
	im->between = 1;
}

/* Spaces are data: the importer trims cells itself. */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static int has_content(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != '\r' && p[i] != '\n')
			return 1;
	return 0;
}

/* A libcsv failure: a syntax error is the row's, anything else is ours. */
static void csv_failed(importer *im)
{
	if (csv_error(&im->parser) == CSV_EPARSE)
		report(im, im->record_line, "csv",
		       "malformed quoting (a stray '\"' or a quoted field never closed)");
	else
		set_fatal(im, rs_fail(RS_ERR_RUNTIME, "%s: %s", im->path,
				      csv_strerror(csv_error(&im->parser))));
}

/* Feeds buf one physical line at a time; -1 after a CSV error. */
static int feed(importer *im, const char *buf, size_t len)
{
	while (len && !im->fatal && !im->stop) {
		const char *nl = memchr(buf, '\n', len);
		size_t n = nl ? (size_t)(nl - buf) + 1 : len;
		if (im->between && has_content(buf, n)) {
			im->record_line = im->line;
			im->between = 0;
		}
		if (csv_parse(&im->parser, buf, n, on_field, on_record, im) != n) {
			csv_failed(im);
			return -1;
		}
		im->line += nl != NULL;
		im->parsed += (long long)n;
		buf += n;
		len -= n;
	}
	return 0;
}

/* Reads and parses the whole file, the UTF-8 BOM dropped; its progress is
 * the share of its bytes parsed. */
static void read_file(importer *im, FILE *f)
{
	char buf[65536];
	size_t n;
	int first = 1;
	struct stat sb;
	if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode))
		im->size = (long long)sb.st_size;
	while (!im->fatal && !im->stop && (n = fread(buf, 1, sizeof buf, f)) > 0) {
		const char *p = buf;
		if ((im->bytes += (long long)n) > RS_MAX_CSV_BYTES) {
			stop_at(im, "csv", "the file is larger than 64 MiB");
			return;
		}
		if (first && n >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
			p += 3, n -= 3;
		first = 0;
		if (feed(im, p, n))
			return;
	}
	if (ferror(f))
		set_fatal(im, rs_fail(RS_ERR_RUNTIME, "%s: read error: %s", im->path,
				      strerror(errno)));
	else if (!im->fatal && !im->stop && csv_fini(&im->parser, on_field, on_record, im) != 0)
		csv_failed(im);
	if (!im->fatal && !im->header_seen)
		report(im, 1, "header", "the file is empty");
}

/* ---- after the rows: nominations and requests to speak ---- */

/* WHO (an email or an exact name) among the file's rows; *id = 0 and 1
 * returned when it names a bad row, 0 when not in the file. */
static rs_status nominee_in_file(importer *im, const char *who, int64_t *id, int *found)
{
	int by_email = strchr(who, '@') != NULL;
	*found = 0;
	*id = 0;
	for (size_t i = 0; i < im->n_rows; i++) {
		const row_info *r = &im->rows[i];
		if (by_email ? strcasecmp(r->email, who) : strcmp(r->name, who))
			continue;
		if (*found && r->id != *id)
			return rs_fail(RS_ERR_INVALID,
				       "several people in the file are named '%s'; give an email", who);
		*found = 1;
		*id = r->id;
	}
	return RS_OK;
}

typedef struct {
	const char *name;
	int64_t id; /* -1 when several have the name */
} name_match;

static int match_name(const rs_stakeholder *s, void *ctx)
{
	name_match *m = ctx;
	if (!strcmp(s->name, m->name))
		m->id = m->id ? -1 : s->id;
	return 0;
}

/* Anyone in the database with exactly that name: the roster search finds
 * the candidates, the exact comparison picks. */
static rs_status nominee_by_name(importer *im, const char *who, int64_t *id)
{
	name_match m = {who, 0};
	rs_status rc = rs_stakeholder_window(im->db, who, 0, -1, match_name, &m);
	*id = m.id;
	return rc;
}

static rs_status resolve_nominee(importer *im, const char *who, int64_t *id)
{
	int found;
	rs_status rc = nominee_in_file(im, who, id, &found);
	if (rc || found)
		return rc;
	rc = strchr(who, '@') ? store_stakeholder_by_email(im->db, who, id)
			      : nominee_by_name(im, who, id);
	if (rc)
		return rc;
	if (*id < 0)
		return rs_fail(RS_ERR_INVALID,
			       "several stakeholders are named '%s'; give an email", who);
	if (*id == 0)
		return rs_fail(RS_ERR_INVALID, "no stakeholder '%s' in the file or the database",
			       who);
	return RS_OK;
}

static void nominate(importer *im, const row_info *r)
{
	int64_t nominee, id;
	rs_status rc = resolve_nominee(im, r->nominee, &nominee);
	if (rc == RS_ERR_INVALID)
		report(im, r->line, column_names[COL_NOMINEE], "%s", rs_error());
	else if (rc)
		set_fatal(im, rc);
	if (rc || nominee == 0) /* 0: a bad row of the file, already reported */
		return;
	rc = store_nomination_insert(im->db, nominee, r->id, "rapporteur", r->statement, &id);
	if (rc)
		set_fatal(im, rc);
	else if (id)
		im->stats->nominations++;
}

/* "lines 5, 9, 12" (the first twenty, then how many more) into buf. */
static void line_list(const int *lines, int n, char *buf, size_t size)
{
	size_t len = (size_t)snprintf(buf, size, "line%s", n == 1 ? "" : "s");
	for (int i = 0; i < n && i < 20 && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s %d", i ? "," : "", lines[i]);
	if (n > 20 && len < size)
		snprintf(buf + len, size - len, " and %d more", n - 20);
}

/* ---- requests to speak already on the lists follow the file ---- */

/* Whether a request no longer waiting (called, heard, absent, withdrawn)
 * stands where the file asks for r's: on the item it names, or anywhere
 * when it names none (so neither `queue requests` lists it nor the queue
 * takes it again); a withdrawn one elsewhere does not. */
static int dealt_in_the_way(const row_info *r, int64_t item, const store_form_entry *e,
			    size_t n)
{
	int floor = r->wants == 1 && (item || !*r->speak_on);
	for (size_t i = 0; i < n; i++) {
		int here = floor && (!item || e[i].item_id == item);
		if (strcmp(e[i].state, "waiting") && (here || strcmp(e[i].state, "withdrawn")))
			return 1;
	}
	return 0;
}

/* What becomes of keep, the request waiting, as the file has it now
 * (FOLLOW__COUNT: it stays as it is, its time aside).  item is the one
 * the file names, 0 when none or not in the programme. */
static rs_status decide(importer *im, const row_info *r, int64_t item,
			const store_form_entry *keep, enum follow_kind *did)
{
	int64_t there = 0;
	*did = FOLLOW__COUNT;
	if (!(r->follow & FOLLOW_ITEM))
		return RS_OK;
	if (r->wants != 1)
		*did = FOLLOW_WITHDRAWN;
	else if (!*r->speak_on)
		line_set_add(im, &im->followed[FOLLOW_KEPT], r->line);
	else if (!item)
		*did = FOLLOW_GONE;
	else if (keep->item_id != item) {
		rs_status rc = store_floor_waiting_on(im->db, item, r->id, keep->id, &there);
		*did = there ? FOLLOW_TWICE : FOLLOW_MOVED;
		return rc;
	}
	return RS_OK;
}

/* A known person's form request to speak, where the file changes it: the
 * entry the form put (or the desk placed) on a list, while it waits, goes
 * where the file says (FOLLOW_* kinds); a second place of it on the lists
 * is withdrawn.  A request no longer waiting is left as it is, and so is
 * every entry not from the form.  New requests are queued after
 * (store_queue_enqueue_requests). */
static rs_status follow_file(importer *im, const row_info *r, int64_t now)
{
	enum { MAX_ENTRIES = 16 };
	store_form_entry e[MAX_ENTRIES], *keep = NULL;
	size_t n;
	int64_t item = 0;
	rs_status rc = store_form_entries(im->db, r->id, e, MAX_ENTRIES, &n);
	if (rc == RS_OK && r->wants == 1 && *r->speak_on)
		rc = store_agenda_by_code(im->db, r->speak_on, &item);
	if (rc)
		return rc;
	n = n < MAX_ENTRIES ? n : MAX_ENTRIES;
	/* The one that stays: waiting on the item named, else the first. */
	for (size_t i = 0; i < n; i++)
		if (!strcmp(e[i].state, "waiting") &&
		    (!keep || (item && e[i].item_id == item && keep->item_id != item)))
			keep = &e[i];
	if (!keep) {
		if ((r->follow & FOLLOW_ITEM) && dealt_in_the_way(r, item, e, n))
			line_set_add(im, &im->followed[FOLLOW_LEFT], r->line);
		return RS_OK;
	}
	enum follow_kind did;
	rc = decide(im, r, item, keep, &did);
	for (size_t i = 0; rc == RS_OK && i < n; i++) {
		if (strcmp(e[i].state, "waiting"))
			continue;
		if (&e[i] != keep) {
			rc = store_form_entry_withdraw(im->db, e[i].id, now);
			if (rc == RS_OK && did != FOLLOW_WITHDRAWN && did != FOLLOW_GONE)
				line_set_add(im, &im->followed[FOLLOW_SECOND], r->line);
		} else if (did == FOLLOW_MOVED) {
			rc = store_form_entry_move(im->db, keep->id, item, r->registered_at >= 0
									  ? r->registered_at
									  : keep->requested_at);
		} else if (did != FOLLOW__COUNT) {
			rc = store_form_entry_withdraw(im->db, keep->id, now);
		} else if ((r->follow & FOLLOW_TIME) && r->registered_at >= 0 &&
			   r->registered_at != keep->requested_at) {
			rc = store_form_entry_retime(im->db, keep->id, r->registered_at);
			did = FOLLOW_RETIMED;
		}
	}
	if (rc == RS_OK && did != FOLLOW__COUNT)
		line_set_add(im, &im->followed[did], r->line);
	return rc;
}

/* One notice: "FILE: N request(s) to speak WHAT (lines ...)[: AFTER]"
 * (with panel, "N panel request(s) WHAT ..."), WHAT as one (for one) or
 * many say it. */
static void notice(importer *im, int panel, const line_set *l, const char *one,
		   const char *many, const char *after)
{
	char lines[256];
	if (!l->n)
		return;
	line_list(l->v, l->n, lines, sizeof lines);
	say(im, "%s: %d %srequest%s%s %s (%s)%s%s", im->path, l->n, panel ? "panel " : "",
	    l->n == 1 ? "" : "s", panel ? "" : " to speak", l->n == 1 ? one : many, lines,
	    after ? ": " : "", after ? after : "");
}

/* The notices of what the file's changes did to the requests already on
 * the lists. */
static void report_followed(importer *im)
{
	const line_set *f = im->followed;
	notice(im, 0, &f[FOLLOW_MOVED], "moved to the item the file names now",
	       "moved to the items the file names now", NULL);
	notice(im, 0, &f[FOLLOW_WITHDRAWN], "withdrawn", "withdrawn",
	       "the file no longer asks to speak from the floor");
	notice(im, 0, &f[FOLLOW_GONE], "withdrawn from the item it waited on",
	       "withdrawn from the items they waited on",
	       "the file names one the programme does not have");
	notice(im, 0, &f[FOLLOW_TWICE], "withdrawn", "withdrawn",
	       "already waiting on the item the file names");
	notice(im, 0, &f[FOLLOW_SECOND], "withdrawn", "withdrawn",
	       "a second place of one request on the lists (it waits on one)");
	notice(im, 0, &f[FOLLOW_RETIMED], "requested at the file's new registered_at",
	       "requested at the file's new registered_at", NULL);
	notice(im, 0, &f[FOLLOW_KEPT], "kept on the list it waits on",
	       "kept on the lists they wait on", "the file names no item now");
	notice(im, 0, &f[FOLLOW_LEFT], "left as it is", "left as they are",
	       "called, heard, absent or withdrawn already, so the file's change is not followed");
	im->stats->moved = f[FOLLOW_MOVED].n;
	im->stats->withdrawn = f[FOLLOW_WITHDRAWN].n + f[FOLLOW_GONE].n + f[FOLLOW_TWICE].n +
			       f[FOLLOW_SECOND].n;
	im->stats->retimed = f[FOLLOW_RETIMED].n;
}

/* Whether who's form request is on a list already (any entry from the
 * form: 'queue requests' lists only those with none), or (live) holds a
 * place an import of the programme would not queue it past: an entry not
 * withdrawn. */
static rs_status request_placed(importer *im, int64_t who, int live, int *placed)
{
	enum { MAX_ENTRIES = 16 };
	store_form_entry e[MAX_ENTRIES];
	size_t n;
	rs_status rc = store_form_entries(im->db, who, e, MAX_ENTRIES, &n);
	*placed = 0;
	for (size_t i = 0; rc == RS_OK && i < n && i < MAX_ENTRIES; i++)
		*placed |= !live || strcmp(e[i].state, "withdrawn") != 0;
	if (rc == RS_OK && n > MAX_ENTRIES)
		*placed = 1;
	return rc;
}

/* Requests the form could not put on a list say so, with their lines:
 * those from the floor naming no item wait for the moderator to place
 * them, those naming an item the programme lacks wait for the programme;
 * a panel request is no request for the floor: `panel propose` weighs it
 * for the item it names, or for every item when it names none. */
static void report_unplaced(importer *im)
{
	enum { NONE, LATER, PANEL_ANY, PANEL_LATER, KINDS };
	line_set l[KINDS] = {{0}};
	for (size_t i = 0; i < im->n_rows && !im->fatal; i++) {
		row_info *r = &im->rows[i];
		int64_t item = 0;
		int placed = 0, panel = r->wants == 2;
		if (!r->id || !r->wants)
			continue;
		if (!*r->speak_on) {
			if (panel)
				line_set_add(im, &l[PANEL_ANY], r->line);
			else if (request_placed(im, r->id, 0, &placed) == RS_OK && !placed)
				line_set_add(im, &l[NONE], r->line);
		} else if (store_agenda_by_code(im->db, r->speak_on, &item) == RS_OK && !item) {
			if (panel)
				line_set_add(im, &l[PANEL_LATER], r->line);
			else if (request_placed(im, r->id, 1, &placed) == RS_OK && !placed)
				line_set_add(im, &l[LATER], r->line);
		}
	}
	notice(im, 0, &l[NONE], "names no item", "name no item",
	       "'rostrum queue requests' lists them, 'rostrum queue place ITEM WHO' puts one on a"
	       " list");
	notice(im, 0, &l[LATER], "names an item the programme does not have",
	       "name an item the programme does not have", "queued when it is imported");
	notice(im, 1, &l[PANEL_ANY], "names no item", "name no item",
	       "for every item's panel, weighed by 'rostrum panel propose ITEM'");
	notice(im, 1, &l[PANEL_LATER], "names an item the programme does not have",
	       "name an item the programme does not have",
	       "weighed by 'rostrum panel propose ITEM' once it is imported");
	im->stats->unplaced = l[NONE].n + l[LATER].n;
	for (int k = 0; k < KINDS; k++)
		free(l[k].v);
}

/* Times without an offset were read in the meeting's zone: which, and
 * where, since the zone is the one the meeting had when the file came in
 * (the programme's, when it was imported first). */
static void report_local_times(importer *im)
{
	char lines[256];
	const line_set *l = &im->local_times;
	if (!l->n)
		return;
	line_list(l->v, l->n, lines, sizeof lines);
	say(im, "%s: times without an offset read as the meeting's time zone, %s (%s)", im->path,
	    *im->tz ? im->tz : "UTC", lines);
}

/* Rows whose file said otherwise than the desk decided since: the desk's
 * decisions stand (desk_decisions). */
static void report_desk_kept(importer *im)
{
	char lines[256];
	const line_set *l = &im->desk_kept;
	im->stats->desk_kept = l->n;
	if (!l->n)
		return;
	line_list(l->v, l->n, lines, sizeof lines);
	say(im, "%s: the desk's decisions kept on %d row%s (%s): an accreditation decided with"
		" 'rostrum stakeholder accredit' stays, and the present column checks in, never out",
	    im->path, l->n, l->n == 1 ? "" : "s", lines);
}

static void after_rows(importer *im)
{
	for (size_t i = 0; i < im->n_rows && !im->fatal; i++)
		if (im->rows[i].id && *im->rows[i].nominee)
			nominate(im, &im->rows[i]);
	if (im->fatal || im->bad)
		return;
	int64_t now = rs_now();
	for (size_t i = 0; i < im->n_rows && !im->fatal; i++)
		if (im->rows[i].id && im->rows[i].follow)
			set_fatal(im, follow_file(im, &im->rows[i], now));
	rs_status rc = im->fatal ? RS_OK : store_queue_enqueue_requests(im->db, &im->stats->requests);
	if (rc)
		set_fatal(im, rc);
	if (im->fatal)
		return;
	report_local_times(im);
	report_desk_kept(im);
	report_followed(im);
	report_unplaced(im);
}

/* ---- the import ---- */

static rs_status importer_init(importer *im, rs_db *db, const char *path, FILE *err,
			       rs_import_stats *stats)
{
	memset(im, 0, sizeof *im);
	memset(stats, 0, sizeof *stats);
	im->db = db;
	im->path = path;
	im->err = err;
	im->stats = stats;
	im->line = 1;
	im->record_line = 1;
	im->between = 1;
	if (csv_init(&im->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	csv_set_space_func(&im->parser, no_space);
	/* A long field grows libcsv's buffer by this much at a time (its
	 * default, 128 bytes, makes a 10 MB field cost 80,000 copies). */
	csv_set_blk_size(&im->parser, 1 << 20);
	return RS_OK;
}

static void importer_free(importer *im)
{
	csv_free(&im->parser);
	record_clear(&im->rec);
	free(im->rec.f);
	free(im->rec.len);
	free(im->map);
	for (size_t i = 0; i < im->n_rows; i++)
		row_info_free(&im->rows[i]);
	free(im->rows);
	free(im->line_of_id);
	free(im->local_times.v);
	free(im->desk_kept.v);
	for (int k = 0; k < FOLLOW__COUNT; k++)
		free(im->followed[k].v);
}

/* The meeting's time zone as it stands, inside the import's action: the
 * file's times without an offset are wall-clock times there. */
static rs_status read_zone(importer *im)
{
	return store_meeting_timezone(im->db, im->tz, sizeof im->tz);
}

/* Parses, stores and checks everything inside the open action.  The new
 * stakeholders are written in batches until every row is read; the
 * nominations and requests to speak come after, as any other write. */
static rs_status import_all(importer *im, FILE *f)
{
	rs_status rc = read_zone(im);
	if (rc == RS_OK)
		rc = store_stakeholder_bulk_begin(im->db, &im->bulk);
	if (rc == RS_OK) {
		read_file(im, f);
		if (!im->fatal)
			set_fatal(im, store_stakeholder_bulk_flush(im->db, &im->bulk));
		if (!im->fatal)
			after_rows(im);
	}
	rc = store_stakeholder_bulk_end(im->db, &im->bulk, rc ? rc : im->fatal);
	if (rc)
		set_fatal(im, rc);
	if (im->fatal)
		return im->fatal;
	if (im->bad)
		return rs_fail(RS_ERR_INVALID, "%s: %d problem%s; nothing imported", im->path,
			       im->bad, im->bad == 1 ? "" : "s");
	return RS_OK;
}

/* The journal's words for an import: the file, as the programme's import
 * names it, and what it did.  NULL when out of memory; the caller frees. */
static char *roster_summary(const char *path, const rs_import_stats *st)
{
	size_t size = strlen(path) + 512, len;
	char *buf = malloc(size);
	if (!buf)
		return NULL;
	len = (size_t)snprintf(buf, size, "imported %d row%s from %s: %d added, %d updated,"
				" %d unchanged; %d request%s to speak queued", st->rows,
			       st->rows == 1 ? "" : "s", path, st->added, st->updated, st->unchanged,
			       st->requests, st->requests == 1 ? "" : "s");
	if (st->moved && len < size)
		len += (size_t)snprintf(buf + len, size - len, ", %d moved", st->moved);
	if (st->withdrawn && len < size)
		len += (size_t)snprintf(buf + len, size - len, ", %d withdrawn", st->withdrawn);
	if (st->retimed && len < size)
		len += (size_t)snprintf(buf + len, size - len, ", %d retimed", st->retimed);
	if (len < size)
		len += (size_t)snprintf(buf + len, size - len, ", %d nomination%s", st->nominations,
					st->nominations == 1 ? "" : "s");
	if (st->checked_in && len < size)
		len += (size_t)snprintf(buf + len, size - len, ", %d checked in", st->checked_in);
	if (st->desk_kept && len < size)
		snprintf(buf + len, size - len, ", the desk's decisions kept on %d row%s",
			 st->desk_kept, st->desk_kept == 1 ? "" : "s");
	return buf;
}

rs_status rs_import_roster(rs_db *db, const char *path, int dry_run, FILE *err,
			   rs_import_stats *stats)
{
	rs_import_stats local;
	FILE *f = fopen(path, "rb");
	if (!f)
		return rs_fail(errno == ENOENT ? RS_ERR_INVALID : RS_ERR_RUNTIME, "%s: %s", path,
			       strerror(errno));
	/* A folder named where the form goes is the operator's slip, as a
	 * file not there is: not a failure of the machine. */
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return rs_fail(RS_ERR_INVALID, "%s: a folder, not the registration form's CSV", path);
	}
	importer im;
	rs_status rc = importer_init(&im, db, path, err, stats ? stats : &local);
	progress_begin(db, "import roster", "rows", 0);
	if (rc == RS_OK && (rc = rs_action_begin(db, "import.roster")) == RS_OK) {
		rc = import_all(&im, f);
		char *summary = roster_summary(path, im.stats);
		if (rc == RS_OK && !summary)
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
		if (rc == RS_OK && dry_run) /* a failed status rolls back */
			rs_action_end(db, rs_fail(RS_ERR_INVALID, "dry run: nothing written"),
				      NULL, 0, NULL);
		else
			rc = rs_action_end(db, rc, "roster", 0, summary);
		free(summary);
	}
	progress_end(db);
	importer_free(&im);
	fclose(f);
	return rc;
}
