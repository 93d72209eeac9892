/* The exports: the summary report (Markdown or JSON) and the speakers' list
 * (CSV or JSON), written atomically to a path or to stdout. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen, fsync, fileno */
#endif
#include "rostrum/export.h"

#include <csv.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rostrum/clock.h"
#include "rostrum/refdata.h"
#include "rostrum/text.h"
#include "store_export.h"

static const char *const format_names[] = {
	[EXPORT_MD] = "md", [EXPORT_HTML] = "html", [EXPORT_TXT] = "txt",
	[EXPORT_JSON] = "json", [EXPORT_CSV] = "csv",
};

int rs_export_format_parse(const char *s)
{
	for (int i = 0; s && i < (int)(sizeof format_names / sizeof format_names[0]); i++)
		if (!strcmp(s, format_names[i]))
			return i;
	return -1;
}

static rs_status check_written(FILE *out)
{
	if (ferror(out))
		return rs_fail(RS_ERR_RUNTIME, "write failed: %s", strerror(errno));
	return RS_OK;
}

/* s, or NULL when it is NULL or empty. */
static const char *opt(const char *s)
{
	return s && *s ? s : NULL;
}

/* "m:ss", or "h:mm:ss" from an hour on. */
static void fmt_duration(int64_t sec, char *buf, size_t size)
{
	if (sec < 0)
		sec = 0;
	if (sec >= 3600)
		snprintf(buf, size, "%" PRId64 ":%02d:%02d", sec / 3600, (int)(sec / 60 % 60),
			 (int)(sec % 60));
	else
		snprintf(buf, size, "%d:%02d", (int)(sec / 60), (int)(sec % 60));
}

/* part of whole as "12.5%", or an em dash when whole is 0. */
static void fmt_share(int64_t part, int64_t whole, char *buf, size_t size)
{
	if (whole <= 0)
		snprintf(buf, size, "—");
	else
		snprintf(buf, size, "%.1f%%", 100.0 * (double)part / (double)whole);
}

/* ------------------------------------------------------------------ */
/* Markdown text: inert, and unable to open a block or inline markup.  */

typedef enum {
	MD_PARA,    /* lines kept, each line's start escaped */
	MD_BULLET,  /* as MD_PARA, continuation lines indented under the bullet */
	MD_CELL,    /* one line, '|' escaped */
	MD_HEADING, /* one line, '#' escaped */
} md_mode;

/* Escapes what could start a block at the beginning of a line: a heading,
 * list item, quote, table row, setext underline or fence.  Returns the
 * bytes of s consumed. */
static size_t md_line_start(FILE *out, const char *s)
{
	size_t d = 0;
	while (s[d] >= '0' && s[d] <= '9')
		d++;
	if (d > 0 && (s[d] == '.' || s[d] == ')')) {
		fprintf(out, "%.*s\\%c", (int)d, s, s[d]);
		return d + 1;
	}
	if (*s && strchr("#-*+>|=~", *s)) {
		fprintf(out, "\\%c", *s);
		return 1;
	}
	return 0;
}

static void md_char(FILE *out, char ch, md_mode m)
{
	if (strchr("\\`<[]", ch) || (m == MD_CELL && ch == '|') || (m == MD_HEADING && ch == '#'))
		fputc('\\', out);
	fputc(ch, out);
}

/* s must be inert already (no control characters but newline and tab). */
static void md_escaped(FILE *out, const char *s, md_mode m)
{
	int multiline = m == MD_PARA || m == MD_BULLET;
	int line_start = multiline;
	for (const char *p = s; *p;) {
		if (*p == '\n' && multiline) {
			while (p[1] == '\n' || p[1] == ' ' || p[1] == '\t')
				p++; /* no blank lines, no indented code blocks */
			if (*++p)
				fputs(m == MD_BULLET ? "\n  " : "\n", out);
			line_start = 1;
			continue;
		}
		if (line_start) {
			while (*p == ' ' || *p == '\t')
				p++;
			p += md_line_start(out, p);
			line_start = 0;
			continue;
		}
		md_char(out, *p == '\n' || *p == '\t' ? ' ' : *p, m);
		p++;
	}
}

/* ------------------------------------------------------------------ */
/* The Markdown report: one function per section over store cursors.   */

typedef struct {
	char dim[8];
	char *key;
	int64_t registered, interventions, seconds;
} stat_row;

typedef struct {
	rs_db *db;
	FILE *out;
	const rs_export_opts *o;
	rs_status rc;        /* the first failure */
	int level;           /* heading level of the current subsection */
	const char *section; /* its title, written before its first row */
	int selected;        /* selected nominees written so far */
	stat_row *stats;     /* EXQ_STATS, loaded once */
	size_t n_stats;
	int64_t roster, interventions, seconds; /* totals */
} md_ctx;

/* Writes user text s (NULL: nothing) made inert and escaped. */
static void md_put(md_ctx *x, const char *s, md_mode m)
{
	if (!s)
		return;
	char *t = rs_text_inert(s, 1);
	if (!t) {
		x->rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
		return;
	}
	md_escaped(x->out, t, m);
	free(t);
}

static void md_cell(md_ctx *x, const char *s)
{
	fputs(" ", x->out);
	md_put(x, s, MD_CELL);
	fputs(" |", x->out);
}

static void md_heading(md_ctx *x, int level, const char *title)
{
	fprintf(x->out, "%.*s ", level < 6 ? level : 6, "######");
	md_put(x, title, MD_HEADING);
	fputs("\n\n", x->out);
}

/* The current section's heading, before its first row only. */
static void md_section_once(md_ctx *x, int n)
{
	if (n == 0)
		md_heading(x, x->level, x->section);
}

typedef void (*md_row_fn)(md_ctx *x, store_cursor *c, int n);

/* Calls fn on each row of q (n counts from 0); returns the number of rows,
 * or -1 with x->rc set. */
static int md_each(md_ctx *x, store_export_query q, const store_export_args *a, md_row_fn fn)
{
	store_cursor *c;
	if (x->rc || (x->rc = store_cursor_open(x->db, q, a, &c)) != RS_OK)
		return -1;
	int n = 0, r = 0;
	while (x->rc == RS_OK && (r = store_cursor_next(c)) == 1)
		fn(x, c, n++);
	if (r < 0 && x->rc == RS_OK)
		x->rc = RS_ERR_RUNTIME;
	store_cursor_close(c);
	return x->rc ? -1 : n;
}

/* "Monday, 16 May 2022" for "2022-05-16"; 0 if date is not a date. */
static int fmt_long_date(const char *date, char *buf, size_t size)
{
	static const char *const days[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
					   "Thursday", "Friday", "Saturday"};
	static const char *const months[] = {"January", "February", "March", "April",
					     "May", "June", "July", "August",
					     "September", "October", "November", "December"};
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	int y, m, d;
	if (!rs_valid_date(date) || sscanf(date, "%d-%d-%d", &y, &m, &d) != 3)
		return 0;
	int yy = m < 3 ? y - 1 : y; /* Sakamoto's day of the week */
	int wd = (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + d) % 7;
	snprintf(buf, size, "%s, %d %s %d", days[wd], d, months[m - 1], y);
	return 1;
}

/* "10:00–10:30", "from 10:00", "until 10:30" or nothing. */
static void md_time_span(md_ctx *x, const char *start, const char *end)
{
	if (start && end) {
		md_put(x, start, MD_CELL);
		fputs("–", x->out);
		md_put(x, end, MD_CELL);
	} else if (start || end) {
		fputs(start ? "from " : "until ", x->out);
		md_put(x, start ? start : end, MD_CELL);
	}
}

static void md_title_row(md_ctx *x, store_cursor *c, int n)
{
	(void)n;
	const char *date = opt(store_cursor_text(c, EXM_DATE));
	const char *start = opt(store_cursor_text(c, EXM_FIRST_START));
	const char *end = opt(store_cursor_text(c, EXM_LAST_END));
	const char *venue = opt(store_cursor_text(c, EXM_VENUE));
	char buf[64];
	md_heading(x, 1, store_cursor_text(c, EXM_TITLE));
	fputs("Summary report\n\n", x->out);
	if (date) {
		if (fmt_long_date(date, buf, sizeof buf))
			fputs(buf, x->out);
		else
			md_put(x, date, MD_PARA);
		fputs("\n\n", x->out);
	}
	if (start || end) {
		md_time_span(x, start, end);
		fputs(" (", x->out);
		md_put(x, store_cursor_text(c, EXM_TIMEZONE), MD_CELL);
		fputs(")\n\n", x->out);
	}
	if (venue) {
		fputs("Venue: ", x->out);
		md_put(x, venue, MD_PARA);
		fputs("\n\n", x->out);
	}
}

static void md_title(md_ctx *x)
{
	if (md_each(x, EXQ_MEETING, NULL, md_title_row) == 0)
		fputs("# Summary report\n\n", x->out);
	if (x->rc == RS_OK)
		fputs("---\n\n", x->out);
}

static void stats_add(md_ctx *x, store_cursor *c, int n)
{
	(void)n;
	stat_row *v = realloc(x->stats, (x->n_stats + 1) * sizeof *v);
	if (!v) {
		x->rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
		return;
	}
	x->stats = v;
	stat_row *r = &v[x->n_stats];
	snprintf(r->dim, sizeof r->dim, "%s", store_cursor_text(c, EXT_DIM));
	r->key = strdup(store_cursor_text(c, EXT_KEY));
	if (!r->key) {
		x->rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
		return;
	}
	r->registered = store_cursor_int(c, EXT_REGISTERED);
	r->interventions = store_cursor_int(c, EXT_INTERVENTIONS);
	r->seconds = store_cursor_int(c, EXT_SECONDS);
	x->n_stats++;
	if (!strcmp(r->dim, "sector")) { /* each person has exactly one sector key */
		x->roster += r->registered;
		x->interventions += r->interventions;
		x->seconds += r->seconds;
	}
}

static void stats_free(md_ctx *x)
{
	for (size_t i = 0; i < x->n_stats; i++)
		free(x->stats[i].key);
	free(x->stats);
}

static const char *stat_label(const stat_row *r)
{
	return strcmp(r->dim, "sector") ? r->key : rs_sector_label(r->key);
}

static void md_overview_dim(md_ctx *x, const char *dim, const char *title)
{
	int n = 0;
	for (size_t i = 0; i < x->n_stats; i++) {
		const stat_row *r = &x->stats[i];
		if (strcmp(r->dim, dim))
			continue;
		fprintf(x->out, n++ ? ", " : "- **%s:** ", title);
		md_put(x, stat_label(r), MD_CELL);
		fprintf(x->out, " (%" PRId64 ")", r->registered);
	}
	if (n)
		fputs("\n", x->out);
}

static void md_overview(md_ctx *x)
{
	char total[32];
	fmt_duration(x->seconds, total, sizeof total);
	md_heading(x, 2, "Overview");
	fprintf(x->out,
		"%" PRId64 " stakeholders registered. %" PRId64 " interventions were made,"
		" for a total speaking time of %s.\n\n",
		x->roster, x->interventions, total);
	if (x->roster == 0)
		return;
	fputs("Attendance:\n\n", x->out);
	md_overview_dim(x, "sector", "By sector");
	md_overview_dim(x, "region", "By region");
	md_overview_dim(x, "gender", "By gender");
	fputs("\n", x->out);
}

/* " (partnership; GCM objectives 5, 7)": the pledge type and the GCM
 * objectives (the list "5, 7"), either or both; nothing if neither. */
static void md_tags(md_ctx *x, const char *type, const char *gcm)
{
	int has_gcm = gcm && *gcm;
	if (!type && !has_gcm)
		return;
	fputs(" (", x->out);
	md_put(x, type, MD_CELL);
	if (has_gcm)
		fprintf(x->out, "%sGCM objective%s %s", type ? "; " : "",
			strchr(gcm, ',') ? "s" : "", gcm);
	fputs(")", x->out);
}

static void md_outcome_row(md_ctx *x, store_cursor *c, int n)
{
	const char *by = opt(store_cursor_text(c, EXO_BY));
	md_section_once(x, n);
	fputs("- ", x->out);
	md_put(x, store_cursor_text(c, EXO_TEXT), MD_BULLET);
	if (by) {
		fputs(" — by ", x->out);
		md_put(x, by, MD_CELL);
	}
	md_tags(x, store_cursor_text(c, EXO_PLEDGE_TYPE), store_cursor_text(c, EXO_GCM));
	fputs("\n", x->out);
}

/* Next steps name the item they came from. */
static void md_next_step_row(md_ctx *x, store_cursor *c, int n)
{
	md_section_once(x, n);
	fputs("- ", x->out);
	md_put(x, store_cursor_text(c, EXO_TEXT), MD_BULLET);
	fputs(" (", x->out);
	md_put(x, store_cursor_text(c, EXO_ITEM_TITLE), MD_CELL);
	fputs(")\n", x->out);
}

/* A bulleted subsection of the outcomes of one type; nothing if none. */
static void md_outcomes(md_ctx *x, int64_t item, const char *type, const char *title,
			md_row_fn fn)
{
	store_export_args a = {.item = item, .type = type};
	x->section = title;
	if (md_each(x, EXQ_OUTCOMES, &a, fn) > 0)
		fputs("\n", x->out);
}

/* A table row: before the first, the section heading and the header. */
static void md_row_start(md_ctx *x, int n, const char *header)
{
	if (n == 0) {
		md_section_once(x, n);
		fputs(header, x->out);
	}
	fputs("|", x->out);
}

/* Cells from the cursor's text columns; EXS_SECTOR shows the sector label. */
static void md_cells(md_ctx *x, store_cursor *c, const int *cols, size_t n, int sector_col)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = store_cursor_text(c, cols[i]);
		md_cell(x, cols[i] == sector_col ? rs_sector_label(v) : v);
	}
}

static void md_floor_row(md_ctx *x, store_cursor *c, int n)
{
	static const int cols[] = {EXS_NAME, EXS_ORGANIZATION, EXS_SECTOR, EXS_KIND};
	char time[32];
	const char *state = store_cursor_text(c, EXS_STATE);
	md_row_start(x, n, "| Name | Organization | Sector | Kind | Time |\n"
			   "|------|--------------|--------|------|-----:|\n");
	md_cells(x, c, cols, sizeof cols / sizeof cols[0], EXS_SECTOR);
	fmt_duration(store_cursor_int(c, EXS_SECONDS), time, sizeof time);
	if (strcmp(state, "spoken"))
		fprintf(x->out, " %s (%s) |\n", time, state);
	else
		fprintf(x->out, " %s |\n", time);
}

static void md_item_meta(md_ctx *x, store_cursor *c)
{
	const char *start = opt(store_cursor_text(c, EXI_START));
	const char *end = opt(store_cursor_text(c, EXI_END));
	const char *moderator = opt(store_cursor_text(c, EXI_MODERATOR));
	const char *description = opt(store_cursor_text(c, EXI_DESCRIPTION));
	if (start || end || moderator) {
		if (start || end) {
			fputs("**Time:** ", x->out);
			md_time_span(x, start, end);
		}
		if (moderator) {
			fputs(start || end ? " · **Moderator:** " : "**Moderator:** ", x->out);
			md_put(x, moderator, MD_CELL);
		}
		fputs("\n\n", x->out);
	}
	if (description) {
		md_put(x, description, MD_PARA);
		fputs("\n\n", x->out);
	}
}

static void md_item(md_ctx *x, store_cursor *c, int n)
{
	(void)n;
	int64_t id = store_cursor_int(c, EXI_ID);
	int depth = (int)store_cursor_int(c, EXI_DEPTH);
	int level = x->o->item_id ? 2 : 2 + (depth < 2 ? depth : 2);
	md_heading(x, level, store_cursor_text(c, EXI_TITLE));
	md_item_meta(x, c);
	x->level = level + 1;
	md_outcomes(x, id, "note", "Key points", md_outcome_row);
	store_export_args a = {.item = id, .floor_only = 1};
	x->section = "Who took the floor";
	if (md_each(x, EXQ_SPEAKERS, &a, md_floor_row) > 0)
		fputs("\n", x->out);
	md_outcomes(x, id, "recommendation", "Recommendations", md_outcome_row);
	md_outcomes(x, id, "pledge", "Pledges", md_outcome_row);
}

static void md_nomination_row(md_ctx *x, store_cursor *c, int n)
{
	static const int cols[] = {EXN_NAME, EXN_ORGANIZATION, EXN_ROLE, EXN_NOMINATORS};
	md_row_start(x, n, "| Nominee | Organization | Role | Nominated by | Tally | State |\n"
			   "|---------|--------------|------|--------------|------:|-------|\n");
	md_cells(x, c, cols, sizeof cols / sizeof cols[0], -1);
	fprintf(x->out, " %" PRId64 " | %s |\n", store_cursor_int(c, EXN_TALLY),
		store_cursor_text(c, EXN_STATE));
}

static void md_selected_row(md_ctx *x, store_cursor *c, int n)
{
	(void)n;
	if (strcmp(store_cursor_text(c, EXN_STATE), "selected"))
		return;
	fputs(x->selected++ ? ", " : "\n**Selected:** ", x->out);
	md_put(x, store_cursor_text(c, EXN_NAME), MD_CELL);
	fputs(" (", x->out);
	md_put(x, store_cursor_text(c, EXN_ROLE), MD_CELL);
	fputs(")", x->out);
}

static void md_nominations(md_ctx *x)
{
	x->level = 2;
	x->section = "Rapporteur nominations";
	if (md_each(x, EXQ_NOMINATIONS, NULL, md_nomination_row) <= 0)
		return;
	md_each(x, EXQ_NOMINATIONS, NULL, md_selected_row);
	fputs(x->selected ? ".\n\n" : "\nNo rapporteur has been selected yet.\n\n", x->out);
}

static void md_annex_speaker_row(md_ctx *x, store_cursor *c, int n)
{
	static const int cols[] = {EXS_NAME, EXS_ORGANIZATION, EXS_SECTOR, EXS_REGION,
				   EXS_GENDER, EXS_KIND};
	char time[32];
	const char *code = opt(store_cursor_text(c, EXS_ITEM_CODE));
	md_row_start(x, n,
		     "| # | Item | Name | Organization | Sector | Region | Gender | Kind | Time |\n"
		     "|--:|------|------|--------------|--------|--------|--------|------|-----:|\n");
	fprintf(x->out, " %d |", n + 1);
	md_cell(x, code ? code : store_cursor_text(c, EXS_ITEM_TITLE));
	md_cells(x, c, cols, sizeof cols / sizeof cols[0], EXS_SECTOR);
	fmt_duration(store_cursor_int(c, EXS_SECONDS), time, sizeof time);
	fprintf(x->out, " %s |\n", time);
}

static void md_balance_dim(md_ctx *x, const char *dim, const char *column)
{
	char roster[16], iv[16], time[32], time_share[16];
	fprintf(x->out, "### By %s\n\n", dim);
	fprintf(x->out, "| %s | Registered | Share of roster | Interventions | Share |"
			" Speaking time | Share |\n"
			"|---|---:|---:|---:|---:|---:|---:|\n", column);
	for (size_t i = 0; i < x->n_stats; i++) {
		const stat_row *r = &x->stats[i];
		if (strcmp(r->dim, dim))
			continue;
		fmt_share(r->registered, x->roster, roster, sizeof roster);
		fmt_share(r->interventions, x->interventions, iv, sizeof iv);
		fmt_duration(r->seconds, time, sizeof time);
		fmt_share(r->seconds, x->seconds, time_share, sizeof time_share);
		fputs("|", x->out);
		md_cell(x, stat_label(r));
		fprintf(x->out, " %" PRId64 " | %s | %" PRId64 " | %s | %s | %s |\n",
			r->registered, roster, r->interventions, iv, time, time_share);
	}
	fputs("\n", x->out);
}

static void md_annexes(md_ctx *x)
{
	store_export_args a = {.item = x->o->item_id, .floor_only = 1};
	x->level = 2;
	x->section = "Annex: speakers' list";
	if (md_each(x, EXQ_SPEAKERS, &a, md_annex_speaker_row) > 0)
		fputs("\n", x->out);
	if (x->rc || x->roster == 0)
		return;
	md_heading(x, 2, "Annex: balance");
	fputs("Share of the interventions and of the speaking time by sector, region and"
	      " gender, against each group's share of the registered roster.\n\n", x->out);
	md_balance_dim(x, "sector", "Sector");
	md_balance_dim(x, "region", "Region");
	md_balance_dim(x, "gender", "Gender");
}

static rs_status write_markdown(rs_db *db, const rs_export_opts *o, FILE *out)
{
	md_ctx x = {.db = db, .out = out, .o = o};
	store_export_args a = {.item = o->item_id};
	md_title(&x);
	md_each(&x, EXQ_STATS, &a, stats_add);
	if (x.rc == RS_OK)
		md_overview(&x);
	md_each(&x, EXQ_ITEMS, &a, md_item);
	md_nominations(&x);
	x.level = 2;
	md_outcomes(&x, o->item_id, "next_step", "Next steps", md_next_step_row);
	md_annexes(&x);
	stats_free(&x);
	return x.rc ? x.rc : check_written(out);
}

/* ------------------------------------------------------------------ */

static rs_status write_json(rs_db *db, store_json_doc d, const rs_export_opts *o, FILE *out)
{
	store_export_args a = {.item = o->item_id, .no_contacts = o->no_contacts};
	char *json = NULL;
	rs_status rc = store_export_json(db, d, &a, &json);
	if (rc)
		return rc;
	fputs(json, out);
	fputc('\n', out);
	free(json);
	return check_written(out);
}

static rs_status check_item(rs_db *db, int64_t item)
{
	store_cursor *c;
	store_export_args a = {.item = item};
	if (item == 0)
		return RS_OK;
	rs_status rc = store_cursor_open(db, EXQ_ITEMS, &a, &c);
	if (rc)
		return rc;
	int r = store_cursor_next(c);
	store_cursor_close(c);
	if (r < 0)
		return RS_ERR_RUNTIME;
	return r ? RS_OK : rs_fail(RS_ERR_INVALID, "no agenda item %" PRId64, item);
}

static rs_status unsupported(const char *what, rs_export_format f, const char *choices)
{
	if ((unsigned)f >= sizeof format_names / sizeof format_names[0])
		return rs_fail(RS_ERR_INVALID, "%s: unknown format", what);
	return rs_fail(RS_ERR_INVALID, "%s: format '%s' is not supported (%s)", what,
		       format_names[f], choices);
}

rs_status rs_export_summary(rs_db *db, rs_export_format f, const rs_export_opts *o, FILE *out)
{
	static const rs_export_opts defaults = {0};
	if (!o)
		o = &defaults;
	if (f == EXPORT_HTML || f == EXPORT_TXT)
		return rs_fail(RS_ERR_INVALID,
			       "format '%s' is not available yet (coming with the export issue)",
			       format_names[f]);
	if (f != EXPORT_MD && f != EXPORT_JSON)
		return unsupported("export summary", f, "md, html, txt or json");
	rs_status rc = check_item(db, o->item_id);
	if (rc)
		return rc;
	return f == EXPORT_JSON ? write_json(db, STORE_JSON_SUMMARY, o, out)
				: write_markdown(db, o, out);
}

/* ------------------------------------------------------------------ */
/* The speakers' list as CSV.                                          */

/* One RFC 4180 field: inert, defused, quoted; a comma before all but the
 * first.  0 on success, -1 when out of memory or on a write error. */
static int csv_cell(FILE *out, const char *s, int first)
{
	char *inert = rs_text_inert(s ? s : "", 1);
	char *safe = inert ? rs_csv_defuse(inert) : NULL;
	free(inert);
	if (!safe)
		return -1;
	int r = (first ? 0 : fputc(',', out) == EOF) || csv_fwrite(out, safe, strlen(safe));
	free(safe);
	return r ? -1 : 0;
}

#define CSV_COLUMNS (EXS_SECONDS + 1)
static const char *const csv_header[CSV_COLUMNS] = {
	"id", "item", "item_code", "name", "organization", "sector", "region", "gender",
	"kind", "state", "requested_at", "started_at", "ended_at", "seconds",
};

static int csv_row(FILE *out, store_cursor *c)
{
	int r = 0;
	for (int col = 0; col < CSV_COLUMNS && r == 0; col++)
		r = csv_cell(out, store_cursor_text(c, col), col == 0);
	return r || fputs("\r\n", out) == EOF ? -1 : 0;
}

static rs_status write_csv(rs_db *db, const rs_export_opts *o, FILE *out)
{
	store_cursor *c;
	store_export_args a = {.item = o->item_id};
	int r = 0;
	for (int col = 0; col < CSV_COLUMNS && r == 0; col++)
		r = csv_cell(out, csv_header[col], col == 0);
	if (r || fputs("\r\n", out) == EOF)
		return rs_fail(RS_ERR_RUNTIME, "write failed: %s", strerror(errno));
	rs_status rc = store_cursor_open(db, EXQ_SPEAKERS, &a, &c);
	if (rc)
		return rc;
	int w = 0;
	while (w == 0 && (r = store_cursor_next(c)) == 1)
		w = csv_row(out, c);
	store_cursor_close(c);
	if (w)
		return rs_fail(RS_ERR_RUNTIME, "write failed: %s", strerror(errno));
	return r < 0 ? RS_ERR_RUNTIME : check_written(out);
}

rs_status rs_export_speakers(rs_db *db, rs_export_format f, const rs_export_opts *o, FILE *out)
{
	static const rs_export_opts defaults = {0};
	if (!o)
		o = &defaults;
	if (f != EXPORT_CSV && f != EXPORT_JSON)
		return unsupported("export speakers", f, "csv or json");
	rs_status rc = check_item(db, o->item_id);
	if (rc)
		return rc;
	return f == EXPORT_CSV ? write_csv(db, o, out) : write_json(db, STORE_JSON_SPEAKERS, o, out);
}

/* ------------------------------------------------------------------ */
/* Atomic replacement.                                                 */

/* Flushes the temporary file to disk and closes it (always). */
static rs_status finish_temp(FILE *out, const char *path)
{
	int bad = fflush(out) != 0 || ferror(out) || fsync(fileno(out)) != 0;
	int err = errno;
	if (fclose(out) != 0 && !bad) {
		bad = 1;
		err = errno;
	}
	return bad ? rs_fail(RS_ERR_RUNTIME, "%s: write failed: %s", path, strerror(err)) : RS_OK;
}

/* The mode a new file would get (0666 less the umask), or the mode of the
 * file being replaced. */
static void set_mode(int fd, const char *path)
{
	struct stat sb;
	mode_t mode;
	if (stat(path, &sb) == 0) {
		mode = sb.st_mode & 07777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	(void)fchmod(fd, mode);
}

static rs_status export_to_stdout(rs_db *db, rs_export_fn fn, rs_export_format f,
				  const rs_export_opts *o)
{
	rs_status rc = fn(db, f, o, stdout);
	if (rc == RS_OK && fflush(stdout) != 0)
		rc = rs_fail(RS_ERR_RUNTIME, "stdout: write failed: %s", strerror(errno));
	return rc;
}

rs_status rs_export_to_path(rs_db *db, rs_export_fn fn, rs_export_format f,
			    const rs_export_opts *o, const char *path)
{
	if (!path || !strcmp(path, "-"))
		return export_to_stdout(db, fn, f, o);
	size_t size = strlen(path) + sizeof ".XXXXXX";
	char *tmp = malloc(size);
	if (!tmp)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	snprintf(tmp, size, "%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		rs_status rc = rs_fail(RS_ERR_RUNTIME, "%s: cannot create a temporary file: %s",
				       path, strerror(errno));
		free(tmp);
		return rc;
	}
	set_mode(fd, path);
	FILE *out = fdopen(fd, "w");
	rs_status rc;
	if (!out) {
		rc = rs_fail(RS_ERR_RUNTIME, "%s: %s", path, strerror(errno));
		close(fd);
	} else if ((rc = fn(db, f, o, out)) != RS_OK) {
		fclose(out);
	} else if ((rc = finish_temp(out, path)) == RS_OK && rename(tmp, path) != 0) {
		rc = rs_fail(RS_ERR_RUNTIME, "%s: cannot replace: %s", path, strerror(errno));
	}
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}
