/* The summary report as Markdown: one function per section over store
 * cursors.  All user text goes through rs_text_inert and is escaped so it
 * can open no block or inline markup. */
#include "export_report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/refdata.h"
#include "rostrum/text.h"

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
	rs_db *db;
	FILE *out;
	const rs_export_opts *o;
	rs_status rc;        /* the first failure */
	int level;           /* heading level of the current subsection */
	const char *section; /* its title, written before its first row */
	int selected;        /* selected nominees written so far */
	char tz[64];         /* the meeting's time zone, for actual times */
	int rt, objective;   /* cross-reference: the group being written */
	int64_t floor_seconds; /* an item's speaking time, summed over its rows */
	export_stats st;     /* loaded once */
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

typedef struct {
	md_ctx *x;
	md_row_fn fn;
} md_walk;

static void md_walk_row(void *ctx, store_cursor *c, int n)
{
	md_walk *w = ctx;
	w->fn(w->x, c, n);
}

/* Calls fn on each row of q (n counts from 0); returns the number of rows,
 * or -1 with x->rc set. */
static int md_each(md_ctx *x, store_export_query q, const store_export_args *a, md_row_fn fn)
{
	md_walk w = {x, fn};
	return export_each(x->db, &x->rc, q, a, md_walk_row, &w);
}

/* "10:00–10:30", "from 10:00", "until 10:30" or nothing. */
static void md_time_span(md_ctx *x, const char *start, const char *end)
{
	char span[128];
	export_fmt_time_span(start, end, span, sizeof span);
	md_put(x, span, MD_CELL);
}

static void md_title_row(md_ctx *x, store_cursor *c, int n)
{
	(void)n;
	const char *date = export_opt(store_cursor_text(c, EXM_DATE));
	const char *start = export_opt(store_cursor_text(c, EXM_FIRST_START));
	const char *end = export_opt(store_cursor_text(c, EXM_LAST_END));
	const char *venue = export_opt(store_cursor_text(c, EXM_VENUE));
	char buf[64];
	snprintf(x->tz, sizeof x->tz, "%s", store_cursor_text(c, EXM_TIMEZONE));
	md_heading(x, 1, store_cursor_text(c, EXM_TITLE));
	fputs("Summary report\n\n", x->out);
	if (date) {
		if (export_fmt_long_date(date, buf, sizeof buf))
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

static void md_overview_dim(md_ctx *x, const char *dim, const char *title)
{
	int n = 0;
	for (size_t i = 0; i < x->st.n; i++) {
		const export_stat *r = &x->st.rows[i];
		if (strcmp(r->dim, dim))
			continue;
		fprintf(x->out, n++ ? ", " : "- **%s:** ", title);
		md_put(x, export_stat_label(r), MD_CELL);
		if (EXPORT_PRESENCE_RECORDED(&x->st))
			fprintf(x->out, " (%" PRId64 " registered, %" PRId64 " present)",
				r->registered, r->present);
		else
			fprintf(x->out, " (%" PRId64 ")", r->registered);
	}
	if (n)
		fputs("\n", x->out);
}

static void md_overview(md_ctx *x)
{
	char total[32];
	export_fmt_duration(x->st.seconds, total, sizeof total);
	md_heading(x, 2, "Overview");
	fprintf(x->out, "%" PRId64 " stakeholders registered", x->st.roster);
	if (EXPORT_PRESENCE_RECORDED(&x->st))
		fprintf(x->out, ", of whom %" PRId64 " were present", x->st.present);
	fprintf(x->out,
		". %" PRId64 " interventions were made, for a total speaking"
		" time of %s.\n\n",
		x->st.interventions, total);
	if (x->st.roster == 0)
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
	const char *by = export_opt(store_cursor_text(c, EXO_BY));
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
	x->floor_seconds += store_cursor_int(c, EXS_SECONDS);
	export_fmt_duration(store_cursor_int(c, EXS_SECONDS), time, sizeof time);
	if (strcmp(state, "spoken"))
		fprintf(x->out, " %s (%s) |\n", time, state);
	else
		fprintf(x->out, " %s |\n", time);
}

/* " (actual 10:32–12:58)" beside the planned time, once the item started. */
static void md_actual(md_ctx *x, store_cursor *c)
{
	char from[16] = "", to[16] = "", span[64];
	if (!store_cursor_text(c, EXI_STARTED_AT))
		return;
	export_fmt_clock(x->tz, store_cursor_int(c, EXI_STARTED_AT), from, sizeof from);
	if (store_cursor_text(c, EXI_ENDED_AT))
		export_fmt_clock(x->tz, store_cursor_int(c, EXI_ENDED_AT), to, sizeof to);
	export_fmt_time_span(from, *to ? to : NULL, span, sizeof span);
	fprintf(x->out, " (actual %s)", span);
}

static void md_item_meta(md_ctx *x, store_cursor *c)
{
	const char *start = export_opt(store_cursor_text(c, EXI_START));
	const char *end = export_opt(store_cursor_text(c, EXI_END));
	const char *moderator = export_opt(store_cursor_text(c, EXI_MODERATOR));
	const char *description = export_opt(store_cursor_text(c, EXI_DESCRIPTION));
	if (start || end || moderator) {
		if (start || end) {
			fputs("**Time:** ", x->out);
			md_time_span(x, start, end);
			md_actual(x, c);
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
	x->floor_seconds = 0;
	int floor = md_each(x, EXQ_SPEAKERS, &a, md_floor_row);
	if (floor > 0) {
		char total[32];
		export_fmt_duration(x->floor_seconds, total, sizeof total);
		fprintf(x->out, "\n%d intervention%s, %s in all.\n\n", floor,
			floor == 1 ? "" : "s", total);
	}
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

/* Who will carry the outcomes to the plenary, near the top of the report:
 * "**Rapporteur for the plenary:** Name (Organization), nominated by 3." */
static void md_plenary_row(md_ctx *x, store_cursor *c, int n)
{
	(void)n;
	const char *org = export_opt(store_cursor_text(c, EXN_ORGANIZATION));
	char role[64];
	int64_t tally = store_cursor_int(c, EXN_TALLY);
	if (strcmp(store_cursor_text(c, EXN_STATE), "selected"))
		return;
	if (x->selected++ == 0)
		md_heading(x, 2, "Rapporteur for the plenary");
	export_fmt_role(store_cursor_text(c, EXN_ROLE), role, sizeof role);
	fputs("**", x->out);
	md_put(x, role, MD_CELL);
	fputs(" for the plenary:** ", x->out);
	md_put(x, store_cursor_text(c, EXN_NAME), MD_CELL);
	if (org) {
		fputs(" (", x->out);
		md_put(x, org, MD_CELL);
		fputs(")", x->out);
	}
	if (tally > 0)
		fprintf(x->out, ", nominated by %" PRId64 " participant%s", tally,
			tally == 1 ? "" : "s");
	fputs(".\n\n", x->out);
}

static void md_plenary(md_ctx *x)
{
	md_each(x, EXQ_NOMINATIONS, NULL, md_plenary_row);
}

static void md_nominations(md_ctx *x)
{
	x->level = 2;
	x->section = "Rapporteur nominations";
	if (md_each(x, EXQ_NOMINATIONS, NULL, md_nomination_row) <= 0)
		return;
	fputs(x->selected ? "\n" : "\nNo rapporteur has been selected yet.\n\n", x->out);
}

/* The cross-reference: a heading per round table and per objective as
 * they change, then the outcome with its item. */
static void md_xref_row(md_ctx *x, store_cursor *c, int n)
{
	int rt = (int)store_cursor_int(c, EXG_ROUND_TABLE);
	int objective = (int)store_cursor_int(c, EXG_OBJECTIVE);
	int pledge = !strcmp(store_cursor_text(c, EXG_TYPE), "pledge");
	const char *by = export_opt(store_cursor_text(c, EXG_BY));
	if (n == 0)
		md_heading(x, 2, "Cross-reference by GCM objective and IMRF round table");
	if (n == 0 || rt != x->rt) {
		char title[96];
		export_fmt_round_table(rt, title, sizeof title);
		fprintf(x->out, "%s### %s\n\n", n ? "\n" : "", title);
		x->objective = 0;
	}
	if (objective != x->objective)
		fprintf(x->out, "%s**Objective %d: %s**\n\n", x->objective ? "\n" : "",
			objective, store_cursor_text(c, EXG_TITLE));
	x->rt = rt;
	x->objective = objective;
	fputs(pledge ? "- Pledge: " : "- Recommendation: ", x->out);
	md_put(x, store_cursor_text(c, EXG_TEXT), MD_BULLET);
	if (by) {
		fputs(" — ", x->out);
		md_put(x, by, MD_CELL);
	}
	fputs(" (", x->out);
	md_put(x, store_cursor_text(c, EXG_ITEM_TITLE), MD_CELL);
	fputs(")\n", x->out);
}

static void md_cross_reference(md_ctx *x)
{
	store_export_args a = {.item = x->o->item_id};
	if (md_each(x, EXQ_CROSS_REFERENCE, &a, md_xref_row) > 0)
		fputs("\n", x->out);
}

static void md_annex_speaker_row(md_ctx *x, store_cursor *c, int n)
{
	static const int cols[] = {EXS_NAME, EXS_ORGANIZATION, EXS_SECTOR, EXS_REGION,
				   EXS_GENDER, EXS_KIND};
	char time[32];
	const char *code = export_opt(store_cursor_text(c, EXS_ITEM_CODE));
	md_row_start(x, n,
		     "| # | Item | Name | Organization | Sector | Region | Gender | Kind | Time |\n"
		     "|--:|------|------|--------------|--------|--------|--------|------|-----:|\n");
	fprintf(x->out, " %d |", n + 1);
	md_cell(x, code ? code : store_cursor_text(c, EXS_ITEM_TITLE));
	md_cells(x, c, cols, sizeof cols / sizeof cols[0], EXS_SECTOR);
	export_fmt_duration(store_cursor_int(c, EXS_SECONDS), time, sizeof time);
	fprintf(x->out, " %s |\n", time);
}

static void md_balance_dim(md_ctx *x, const char *dim, const char *column)
{
	char roster[16], iv[16], time[32], time_share[16];
	fprintf(x->out, "### By %s\n\n", dim);
	fprintf(x->out, "| %s | Registered | Share of roster | Interventions | Share |"
			" Speaking time | Share |\n"
			"|---|---:|---:|---:|---:|---:|---:|\n", column);
	for (size_t i = 0; i < x->st.n; i++) {
		const export_stat *r = &x->st.rows[i];
		if (strcmp(r->dim, dim))
			continue;
		export_fmt_share(r->registered, x->st.roster, roster, sizeof roster);
		export_fmt_share(r->interventions, x->st.interventions, iv, sizeof iv);
		export_fmt_duration(r->seconds, time, sizeof time);
		export_fmt_share(r->seconds, x->st.seconds, time_share, sizeof time_share);
		fputs("|", x->out);
		md_cell(x, export_stat_label(r));
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
	if (x->rc || x->st.roster == 0)
		return;
	md_heading(x, 2, "Annex: balance");
	fputs("Share of the interventions and of the speaking time by sector, region and"
	      " gender, against each group's share of the registered roster.\n\n", x->out);
	md_balance_dim(x, "sector", "Sector");
	md_balance_dim(x, "region", "Region");
	md_balance_dim(x, "gender", "Gender");
}

rs_status export_render_md(rs_db *db, const rs_export_opts *o, FILE *out)
{
	md_ctx x = {.db = db, .out = out, .o = o};
	store_export_args a = {.item = o->item_id};
	md_title(&x);
	if (x.rc == RS_OK)
		x.rc = export_stats_load(db, o->item_id, &x.st);
	if (x.rc == RS_OK)
		md_overview(&x);
	md_plenary(&x);
	md_each(&x, EXQ_ITEMS, &a, md_item);
	md_nominations(&x);
	x.level = 2;
	md_outcomes(&x, o->item_id, "next_step", "Next steps", md_next_step_row);
	md_cross_reference(&x);
	md_annexes(&x);
	export_stats_free(&x.st);
	return x.rc ? x.rc : export_check_written(out);
}

