/* The summary report as plain text for e-mail: every section the Markdown
 * has, wrapped at 78 display columns (wide characters count two), headings
 * underlined, tables as aligned columns that fit, no control characters. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* open_memstream, strdup */
#endif
#include "export_report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/refdata.h"
#include "rostrum/text.h"

#define TXT_WIDTH 78
#define TXT_GAP 2     /* spaces between table columns */
#define TXT_MIN_COL 4 /* a column is never narrowed below this */

/* A table gathered whole, since its column widths depend on every row. */
typedef struct {
	int cols;
	const char *const *header;
	const int *right; /* right-aligned columns (numbers) */
	char **cells;     /* rows * cols, inert, one line each */
	size_t rows;
} txt_table;

typedef struct {
	rs_db *db;
	FILE *out;
	const rs_export_opts *o;
	rs_status rc;
	int level;           /* heading level of the current subsection */
	const char *section; /* its title, written before its first row */
	int selected;        /* selected rapporteurs written so far */
	char tz[64];         /* the meeting's time zone */
	int rt, objective;   /* cross-reference: the group being written */
	int64_t floor_seconds;
	txt_table t;         /* the table being gathered */
	export_stats st;
} txt_ctx;

static void txt_oom(txt_ctx *x)
{
	if (x->rc == RS_OK)
		x->rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
}

/* ------------------------------------------------------------------ */
/* Wrapping.                                                           */

/* The bytes of s that go on a line of width columns: up to the last blank
 * that fits, or as many characters as fit when no blank does (a long word or
 * URL is broken), never past a newline.  *next is where the next line
 * starts, blanks and one newline skipped.  Trailing blanks are left out. */
static size_t txt_break(const char *s, int width, const char **next)
{
	size_t len = strcspn(s, "\n");
	size_t cut = rs_text_fit(s, len, width, NULL);
	if (cut < len && s[cut] != ' ') {
		size_t b = cut;
		while (b > 0 && s[b] != ' ')
			b--;
		if (b > 0)
			cut = b;
		else if (cut == 0) /* a character wider than the line */
			cut = rs_text_fit(s, len, 2, NULL);
	}
	const char *p = s + cut;
	while (*p == ' ')
		p++;
	if (*p == '\n')
		p++;
	*next = p;
	while (cut > 0 && s[cut - 1] == ' ')
		cut--;
	return cut;
}

/* An inert copy of s with tabs as blanks; NULL (x->rc set) on OOM. */
static char *txt_clean(txt_ctx *x, const char *s, int keep_newlines)
{
	char *t = rs_text_inert(s ? s : "", 1);
	if (!t) {
		txt_oom(x);
		return NULL;
	}
	for (char *p = t; *p; p++)
		if (*p == '\t' || (*p == '\n' && !keep_newlines))
			*p = ' ';
	return t;
}

/* Writes s wrapped: the first line starts at column col (the caller wrote
 * what comes before), later lines are indented by indent.  Blank lines and
 * leading blanks are dropped: the layout is the report's, not the text's. */
static void txt_wrap_at(txt_ctx *x, const char *s, int col, int indent)
{
	char *t = txt_clean(x, s, 1);
	if (!t)
		return;
	const char *p = t + strspn(t, " \n");
	while (*p) {
		const char *next;
		size_t n = txt_break(p, TXT_WIDTH - col, &next);
		fwrite(p, 1, n, x->out);
		p = next + strspn(next, " \n");
		if (*p) {
			fprintf(x->out, "\n%*s", indent, "");
			col = indent;
		}
	}
	free(t);
}

/* A paragraph of s after prefix, then a newline. */
static void txt_para(txt_ctx *x, const char *prefix, const char *s, int indent)
{
	fputs(prefix, x->out);
	txt_wrap_at(x, s, rs_text_width(prefix), indent);
	fputc('\n', x->out);
}

/* Composes with printf into a string (the caller frees); NULL when out of
 * memory, with x->rc set. */
typedef struct {
	char *buf;
	size_t size;
	FILE *f;
} txt_compose;

static FILE *txt_begin(txt_ctx *x, txt_compose *c)
{
	c->buf = NULL;
	c->f = open_memstream(&c->buf, &c->size);
	if (!c->f)
		txt_oom(x);
	return c->f;
}

/* Writes the composed text wrapped as a paragraph after prefix. */
static void txt_end(txt_ctx *x, txt_compose *c, const char *prefix, int indent)
{
	if (!c->f)
		return;
	if (fclose(c->f) != 0 || !c->buf)
		txt_oom(x);
	else
		txt_para(x, prefix, c->buf, indent);
	free(c->buf);
}

/* Headings: level 1 (the title) over- and underlined with '=', level 2
 * (sections, agenda items) underlined with '=', deeper ones with '-'. */
static void txt_heading(txt_ctx *x, int level, const char *title)
{
	static const char marks[] = "===-";
	char *t = rs_text_inert(title ? title : "", 0);
	if (!t) {
		txt_oom(x);
		return;
	}
	int w = rs_text_width(t);
	char mark = marks[level < 4 ? level : 3];
	if (w > TXT_WIDTH)
		w = TXT_WIDTH;
	if (level == 1) {
		for (int i = 0; i < w; i++)
			fputc(mark, x->out);
		fputc('\n', x->out);
	}
	txt_para(x, "", t, 0);
	for (int i = 0; i < w; i++)
		fputc(mark, x->out);
	fputs("\n\n", x->out);
	free(t);
}

static void txt_section_once(txt_ctx *x, int n)
{
	if (n == 0)
		txt_heading(x, x->level, x->section);
}

/* ------------------------------------------------------------------ */
/* Tables.                                                             */

static void txt_table_start(txt_ctx *x, int cols, const char *const *header, const int *right)
{
	x->t = (txt_table){.cols = cols, .header = header, .right = right};
}

/* Appends one row of cols cells (NULL for empty). */
static void txt_table_row(txt_ctx *x, const char *const *cells)
{
	txt_table *t = &x->t;
	char **v = realloc(t->cells, (t->rows + 1) * (size_t)t->cols * sizeof *v);
	if (!v) {
		txt_oom(x);
		return;
	}
	t->cells = v;
	for (int i = 0; i < t->cols; i++) {
		char *c = txt_clean(x, cells[i], 0);
		v[t->rows * (size_t)t->cols + (size_t)i] = c ? c : strdup("");
	}
	t->rows++;
}

/* The display width of the longest word of s. */
static int txt_longest_word(const char *s)
{
	int longest = 0;
	while (*s) {
		size_t len = strcspn(s, " ");
		int w;
		rs_text_fit(s, len, TXT_WIDTH * 4, &w);
		longest = w > longest ? w : longest;
		s += len + strspn(s + len, " ");
	}
	return longest;
}

/* The column to narrow: the widest still wider than its longest word (so
 * words are not broken while another column can give), else the widest;
 * -1 when every column is at TXT_MIN_COL. */
static int txt_narrowest_loss(const int *w, const int *word, int cols)
{
	int pick = -1;
	for (int pass = 0; pass < 2 && pick < 0; pass++)
		for (int i = 0; i < cols; i++) {
			int floor = pass == 0 && word[i] > TXT_MIN_COL ? word[i] : TXT_MIN_COL;
			if (w[i] > floor && (pick < 0 || w[i] > w[pick]))
				pick = i;
		}
	return pick;
}

/* Narrows columns until the row fits TXT_WIDTH. */
static void txt_fit_widths(int *w, const int *word, int cols)
{
	int total = TXT_GAP * (cols - 1);
	for (int i = 0; i < cols; i++)
		total += w[i];
	for (int pick; total > TXT_WIDTH && (pick = txt_narrowest_loss(w, word, cols)) >= 0;
	     total--)
		w[pick]--;
}

/* One line of a cell: n bytes of s taking len columns, in width columns,
 * padded unless it is the last (no trailing blanks). */
static void txt_cell(txt_ctx *x, const char *s, size_t n, int width, int right, int last)
{
	int len;
	rs_text_fit(s, n, TXT_WIDTH, &len);
	if (right)
		fprintf(x->out, "%*s", width - len, "");
	fwrite(s, 1, n, x->out);
	if (!right && !last)
		fprintf(x->out, "%*s", width - len, "");
	if (!last)
		fprintf(x->out, "%*s", TXT_GAP, "");
}

/* A row, each cell wrapped within its column, as many lines as the
 * tallest cell takes. */
static void txt_table_line(txt_ctx *x, const char *const *cells, const int *w)
{
	const txt_table *t = &x->t;
	const char *p[16];
	int more = 1;
	for (int i = 0; i < t->cols; i++)
		p[i] = cells[i];
	while (more) {
		int last = t->cols - 1;
		while (last > 0 && !*p[last])
			last--; /* no trailing blanks after the last cell with text */
		more = 0;
		for (int i = 0; i <= last; i++) {
			const char *next;
			size_t n = txt_break(p[i], w[i], &next);
			txt_cell(x, p[i], n, w[i], t->right[i], i == last);
			p[i] = next;
			more |= *next != '\0';
		}
		fputc('\n', x->out);
	}
}

/* Writes the gathered table (nothing if it has no rows) and frees it. */
static void txt_table_end(txt_ctx *x)
{
	txt_table *t = &x->t;
	int w[16] = {0}, word[16] = {0};
	char rule[16][TXT_WIDTH + 1];
	const char *rules[16];
	for (int i = 0; i < t->cols; i++)
		w[i] = word[i] = rs_text_width(t->header[i]);
	for (size_t r = 0; r < t->rows; r++)
		for (int i = 0; i < t->cols; i++) {
			const char *cell = t->cells[r * (size_t)t->cols + (size_t)i];
			int cw = rs_text_width(cell), lw = txt_longest_word(cell);
			w[i] = cw > w[i] ? cw : w[i];
			word[i] = lw > word[i] ? lw : word[i];
		}
	txt_fit_widths(w, word, t->cols);
	for (int i = 0; t->rows && i < t->cols; i++) {
		int n = w[i] < TXT_WIDTH ? w[i] : TXT_WIDTH;
		memset(rule[i], '-', (size_t)n);
		rule[i][n] = '\0';
		rules[i] = rule[i];
	}
	if (t->rows) {
		txt_table_line(x, t->header, w);
		txt_table_line(x, rules, w);
	}
	for (size_t r = 0; r < t->rows; r++)
		txt_table_line(x, (const char *const *)&t->cells[r * (size_t)t->cols], w);
	if (t->rows)
		fputc('\n', x->out);
	for (size_t i = 0; i < t->rows * (size_t)t->cols; i++)
		free(t->cells[i]);
	free(t->cells);
	x->t = (txt_table){0};
}

/* ------------------------------------------------------------------ */
/* Sections.                                                           */

typedef void (*txt_row_fn)(txt_ctx *x, store_cursor *c, int n);

typedef struct {
	txt_ctx *x;
	txt_row_fn fn;
} txt_walk;

static void txt_walk_row(void *ctx, store_cursor *c, int n)
{
	txt_walk *w = ctx;
	w->fn(w->x, c, n);
}

static int txt_each(txt_ctx *x, store_export_query q, const store_export_args *a, txt_row_fn fn)
{
	txt_walk w = {x, fn};
	return export_each(x->db, &x->rc, q, a, txt_walk_row, &w);
}

static void txt_title_row(txt_ctx *x, store_cursor *c, int n)
{
	(void)n;
	const char *date = export_opt(store_cursor_text(c, EXM_DATE));
	const char *start = export_opt(store_cursor_text(c, EXM_FIRST_START));
	const char *end = export_opt(store_cursor_text(c, EXM_LAST_END));
	const char *venue = export_opt(store_cursor_text(c, EXM_VENUE));
	char buf[64], span[128];
	txt_compose m;
	snprintf(x->tz, sizeof x->tz, "%s", store_cursor_text(c, EXM_TIMEZONE));
	txt_heading(x, 1, store_cursor_text(c, EXM_TITLE));
	fputs("Summary report\n\n", x->out);
	if (date)
		txt_para(x, "", export_fmt_long_date(date, buf, sizeof buf) ? buf : date, 0);
	if ((start || end) && txt_begin(x, &m)) {
		export_fmt_time_span(start, end, span, sizeof span);
		fprintf(m.f, "%s (%s)", span, x->tz);
		txt_end(x, &m, "", 0);
	}
	if (venue)
		txt_para(x, "Venue: ", venue, 2);
	fputc('\n', x->out);
}

static void txt_title(txt_ctx *x)
{
	if (txt_each(x, EXQ_MEETING, NULL, txt_title_row) == 0)
		txt_heading(x, 1, "Summary report");
}

static void txt_overview_dim(txt_ctx *x, const char *dim, const char *title)
{
	txt_compose m;
	int n = 0;
	if (!txt_begin(x, &m))
		return;
	for (size_t i = 0; i < x->st.n; i++) {
		const export_stat *r = &x->st.rows[i];
		if (strcmp(r->dim, dim))
			continue;
		fprintf(m.f, "%s%s (%" PRId64, n++ ? ", " : "", export_stat_label(r),
			r->registered);
		if (EXPORT_PRESENCE_RECORDED(&x->st))
			fprintf(m.f, " registered, %" PRId64 " present", r->present);
		fputs(")", m.f);
	}
	txt_end(x, &m, title, 2);
}

static void txt_overview(txt_ctx *x)
{
	char total[32];
	txt_compose m;
	export_fmt_duration(x->st.seconds, total, sizeof total);
	txt_heading(x, 2, "Overview");
	if (!txt_begin(x, &m))
		return;
	fprintf(m.f, "%" PRId64 " stakeholders registered", x->st.roster);
	if (EXPORT_PRESENCE_RECORDED(&x->st))
		fprintf(m.f, ", of whom %" PRId64 " were present", x->st.present);
	fprintf(m.f, ". %" PRId64 " interventions were made, for a total speaking time of %s.",
		x->st.interventions, total);
	txt_end(x, &m, "", 0);
	fputc('\n', x->out);
	if (x->st.roster == 0)
		return;
	fputs("Attendance:\n\n", x->out);
	txt_overview_dim(x, "sector", "- By sector: ");
	txt_overview_dim(x, "region", "- By region: ");
	txt_overview_dim(x, "gender", "- By gender: ");
	fputc('\n', x->out);
}

static void txt_plenary_row(txt_ctx *x, store_cursor *c, int n)
{
	(void)n;
	const char *org = export_opt(store_cursor_text(c, EXN_ORGANIZATION));
	int64_t tally = store_cursor_int(c, EXN_TALLY);
	char role[64];
	txt_compose m;
	if (strcmp(store_cursor_text(c, EXN_STATE), "selected") || !txt_begin(x, &m))
		return;
	if (x->selected++ == 0)
		txt_heading(x, 2, "Rapporteur for the plenary");
	export_fmt_role(store_cursor_text(c, EXN_ROLE), role, sizeof role);
	fprintf(m.f, "%s for the plenary: %s", role, store_cursor_text(c, EXN_NAME));
	if (org)
		fprintf(m.f, " (%s)", org);
	if (tally > 0)
		fprintf(m.f, ", nominated by %" PRId64 " participant%s", tally,
			tally == 1 ? "" : "s");
	fputs(".", m.f);
	txt_end(x, &m, "", 0);
	fputc('\n', x->out);
}

/* "- text — by Name (Org) (partnership; GCM objectives 5, 7)". */
static void txt_outcome_row(txt_ctx *x, store_cursor *c, int n)
{
	const char *by = export_opt(store_cursor_text(c, EXO_BY));
	const char *type = store_cursor_text(c, EXO_PLEDGE_TYPE);
	const char *gcm = export_opt(store_cursor_text(c, EXO_GCM));
	txt_compose m;
	txt_section_once(x, n);
	if (!txt_begin(x, &m))
		return;
	fputs(store_cursor_text(c, EXO_TEXT), m.f);
	if (by)
		fprintf(m.f, " — by %s", by);
	if (type || gcm)
		fprintf(m.f, " (%s%s", type ? type : "", type && gcm ? "; " : "");
	if (gcm)
		fprintf(m.f, "GCM objective%s %s", strchr(gcm, ',') ? "s" : "", gcm);
	if (type || gcm)
		fputc(')', m.f);
	txt_end(x, &m, "- ", 2);
}

static void txt_next_step_row(txt_ctx *x, store_cursor *c, int n)
{
	txt_compose m;
	txt_section_once(x, n);
	if (!txt_begin(x, &m))
		return;
	fprintf(m.f, "%s (%s)", store_cursor_text(c, EXO_TEXT),
		store_cursor_text(c, EXO_ITEM_TITLE));
	txt_end(x, &m, "- ", 2);
}

static void txt_outcomes(txt_ctx *x, int64_t item, const char *type, const char *title,
			 txt_row_fn fn)
{
	store_export_args a = {.item = item, .type = type};
	x->section = title;
	if (txt_each(x, EXQ_OUTCOMES, &a, fn) > 0)
		fputc('\n', x->out);
}

static const char *const floor_header[] = {"Name", "Organization", "Sector", "Kind", "Time"};
static const int floor_right[] = {0, 0, 0, 0, 1};

static void txt_floor_row(txt_ctx *x, store_cursor *c, int n)
{
	char time[64];
	const char *state = store_cursor_text(c, EXS_STATE);
	int64_t sec = store_cursor_int(c, EXS_SECONDS);
	(void)n;
	x->floor_seconds += sec;
	export_fmt_duration(sec, time, sizeof time);
	if (strcmp(state, "spoken"))
		snprintf(time + strlen(time), sizeof time - strlen(time), " (%s)", state);
	const char *cells[] = {store_cursor_text(c, EXS_NAME),
			       store_cursor_text(c, EXS_ORGANIZATION),
			       rs_sector_label(store_cursor_text(c, EXS_SECTOR)),
			       store_cursor_text(c, EXS_KIND), time};
	txt_table_row(x, cells);
}

static void txt_floor(txt_ctx *x, int64_t item)
{
	store_export_args a = {.item = item, .floor_only = 1};
	char total[32];
	x->floor_seconds = 0;
	txt_table_start(x, 5, floor_header, floor_right);
	int n = txt_each(x, EXQ_SPEAKERS, &a, txt_floor_row);
	if (n > 0) {
		txt_heading(x, x->level, "Who took the floor");
		txt_table_end(x);
		export_fmt_duration(x->floor_seconds, total, sizeof total);
		fprintf(x->out, "%d intervention%s, %s in all.\n\n", n, n == 1 ? "" : "s", total);
	} else {
		txt_table_end(x);
	}
}

static void txt_item_meta(txt_ctx *x, store_cursor *c)
{
	const char *start = export_opt(store_cursor_text(c, EXI_START));
	const char *end = export_opt(store_cursor_text(c, EXI_END));
	const char *moderator = export_opt(store_cursor_text(c, EXI_MODERATOR));
	const char *description = export_opt(store_cursor_text(c, EXI_DESCRIPTION));
	char span[128], from[16] = "", to[16] = "";
	if (start || end) {
		txt_compose m;
		if (!txt_begin(x, &m))
			return;
		export_fmt_time_span(start, end, span, sizeof span);
		fputs(span, m.f);
		if (store_cursor_text(c, EXI_STARTED_AT)) {
			export_fmt_clock(x->tz, store_cursor_int(c, EXI_STARTED_AT), from, sizeof from);
			if (store_cursor_text(c, EXI_ENDED_AT))
				export_fmt_clock(x->tz, store_cursor_int(c, EXI_ENDED_AT), to,
						 sizeof to);
			export_fmt_time_span(from, *to ? to : NULL, span, sizeof span);
			fprintf(m.f, " (actual %s)", span);
		}
		txt_end(x, &m, "Time: ", 2);
	}
	if (moderator)
		txt_para(x, "Moderator: ", moderator, 2);
	if (start || end || moderator)
		fputc('\n', x->out);
	if (description) {
		txt_para(x, "", description, 0);
		fputc('\n', x->out);
	}
}

static void txt_item(txt_ctx *x, store_cursor *c, int n)
{
	(void)n;
	int64_t id = store_cursor_int(c, EXI_ID);
	int depth = (int)store_cursor_int(c, EXI_DEPTH);
	int level = x->o->item_id ? 2 : 2 + (depth < 2 ? depth : 2);
	txt_heading(x, level, store_cursor_text(c, EXI_TITLE));
	txt_item_meta(x, c);
	x->level = level + 1;
	txt_outcomes(x, id, "note", "Key points", txt_outcome_row);
	txt_floor(x, id);
	txt_outcomes(x, id, "recommendation", "Recommendations", txt_outcome_row);
	txt_outcomes(x, id, "pledge", "Pledges", txt_outcome_row);
}

static const char *const nomination_header[] = {"Nominee", "Organization", "Role",
						"Nominated by", "Tally", "State"};
static const int nomination_right[] = {0, 0, 0, 0, 1, 0};

static void txt_nomination_row(txt_ctx *x, store_cursor *c, int n)
{
	char tally[24];
	(void)n;
	snprintf(tally, sizeof tally, "%" PRId64, store_cursor_int(c, EXN_TALLY));
	const char *cells[] = {store_cursor_text(c, EXN_NAME),
			       store_cursor_text(c, EXN_ORGANIZATION),
			       store_cursor_text(c, EXN_ROLE),
			       store_cursor_text(c, EXN_NOMINATORS), tally,
			       store_cursor_text(c, EXN_STATE)};
	txt_table_row(x, cells);
}

static void txt_nominations(txt_ctx *x)
{
	txt_table_start(x, 6, nomination_header, nomination_right);
	if (txt_each(x, EXQ_NOMINATIONS, NULL, txt_nomination_row) <= 0) {
		txt_table_end(x);
		return;
	}
	txt_heading(x, 2, "Rapporteur nominations");
	txt_table_end(x);
	if (!x->selected)
		fputs("No rapporteur has been selected yet.\n\n", x->out);
}

static void txt_xref_row(txt_ctx *x, store_cursor *c, int n)
{
	int rt = (int)store_cursor_int(c, EXG_ROUND_TABLE);
	int objective = (int)store_cursor_int(c, EXG_OBJECTIVE);
	int pledge = !strcmp(store_cursor_text(c, EXG_TYPE), "pledge");
	const char *by = export_opt(store_cursor_text(c, EXG_BY));
	char title[128];
	txt_compose m;
	if (n == 0)
		txt_heading(x, 2, "Cross-reference by GCM objective and IMRF round table");
	if (n == 0 || rt != x->rt) {
		if (n)
			fputc('\n', x->out);
		export_fmt_round_table(rt, title, sizeof title);
		txt_heading(x, 3, title);
		x->objective = 0;
	}
	if (objective != x->objective) {
		if (x->objective)
			fputc('\n', x->out);
		snprintf(title, sizeof title, "Objective %d: ", objective);
		txt_para(x, title, store_cursor_text(c, EXG_TITLE), 2);
		fputc('\n', x->out);
	}
	x->rt = rt;
	x->objective = objective;
	if (!txt_begin(x, &m))
		return;
	fprintf(m.f, "%s: %s", pledge ? "Pledge" : "Recommendation", store_cursor_text(c, EXG_TEXT));
	if (by)
		fprintf(m.f, " — %s", by);
	fprintf(m.f, " (%s)", store_cursor_text(c, EXG_ITEM_TITLE));
	txt_end(x, &m, "- ", 2);
}

static void txt_cross_reference(txt_ctx *x)
{
	store_export_args a = {.item = x->o->item_id};
	if (txt_each(x, EXQ_CROSS_REFERENCE, &a, txt_xref_row) > 0)
		fputc('\n', x->out);
}

/* The full list as numbered entries, not a table: nine columns do not fit
 * 78 without breaking every word. */
static void txt_annex_speaker_row(txt_ctx *x, store_cursor *c, int n)
{
	const char *code = export_opt(store_cursor_text(c, EXS_ITEM_CODE));
	const char *org = export_opt(store_cursor_text(c, EXS_ORGANIZATION));
	const char *region = export_opt(store_cursor_text(c, EXS_REGION));
	const char *gender = export_opt(store_cursor_text(c, EXS_GENDER));
	char num[16], time[32];
	txt_compose m;
	if (n == 0)
		txt_heading(x, 2, "Annex: speakers' list");
	if (!txt_begin(x, &m))
		return;
	snprintf(num, sizeof num, "%3d. ", n + 1);
	export_fmt_duration(store_cursor_int(c, EXS_SECONDS), time, sizeof time);
	fputs(store_cursor_text(c, EXS_NAME), m.f);
	if (org)
		fprintf(m.f, " (%s)", org);
	fprintf(m.f, " — %s", rs_sector_label(store_cursor_text(c, EXS_SECTOR)));
	if (region)
		fprintf(m.f, ", %s", region);
	if (gender)
		fprintf(m.f, ", %s", gender);
	fprintf(m.f, " — %s, %s, %s", code ? code : store_cursor_text(c, EXS_ITEM_TITLE),
		store_cursor_text(c, EXS_KIND), time);
	txt_end(x, &m, num, 5);
}

static const char *const balance_header[] = {"", "Registered", "Share", "Interventions",
					     "Share", "Time", "Share"};
static const int balance_right[] = {0, 1, 1, 1, 1, 1, 1};

static void txt_balance_dim(txt_ctx *x, const char *dim, const char *title)
{
	char reg[24], roster[16], ivs[24], iv[16], time[32], time_share[16];
	txt_heading(x, 3, title);
	txt_table_start(x, 7, balance_header, balance_right);
	for (size_t i = 0; i < x->st.n; i++) {
		const export_stat *r = &x->st.rows[i];
		if (strcmp(r->dim, dim))
			continue;
		snprintf(reg, sizeof reg, "%" PRId64, r->registered);
		snprintf(ivs, sizeof ivs, "%" PRId64, r->interventions);
		export_fmt_share(r->registered, x->st.roster, roster, sizeof roster);
		export_fmt_share(r->interventions, x->st.interventions, iv, sizeof iv);
		export_fmt_duration(r->seconds, time, sizeof time);
		export_fmt_share(r->seconds, x->st.seconds, time_share, sizeof time_share);
		const char *cells[] = {export_stat_label(r), reg, roster, ivs, iv, time,
				       time_share};
		txt_table_row(x, cells);
	}
	txt_table_end(x);
}

static void txt_annexes(txt_ctx *x)
{
	store_export_args a = {.item = x->o->item_id, .floor_only = 1};
	if (txt_each(x, EXQ_SPEAKERS, &a, txt_annex_speaker_row) > 0)
		fputc('\n', x->out);
	if (x->rc || x->st.roster == 0)
		return;
	txt_heading(x, 2, "Annex: balance");
	txt_para(x, "",
		 "Share of the interventions and of the speaking time by sector, region and"
		 " gender, against each group's share of the registered roster.",
		 0);
	fputc('\n', x->out);
	txt_balance_dim(x, "sector", "By sector");
	txt_balance_dim(x, "region", "By region");
	txt_balance_dim(x, "gender", "By gender");
}

rs_status export_render_txt(rs_db *db, const rs_export_opts *o, FILE *out)
{
	txt_ctx x = {.db = db, .out = out, .o = o};
	store_export_args a = {.item = o->item_id};
	txt_title(&x);
	if (x.rc == RS_OK)
		x.rc = export_stats_load(db, o->item_id, &x.st);
	if (x.rc == RS_OK)
		txt_overview(&x);
	txt_each(&x, EXQ_NOMINATIONS, NULL, txt_plenary_row);
	txt_each(&x, EXQ_ITEMS, &a, txt_item);
	txt_nominations(&x);
	x.level = 2;
	txt_outcomes(&x, o->item_id, "next_step", "Next steps", txt_next_step_row);
	txt_cross_reference(&x);
	txt_annexes(&x);
	export_stats_free(&x.st);
	return x.rc ? x.rc : export_check_written(out);
}
