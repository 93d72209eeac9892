/* The summary report as one self-contained HTML5 file: inline CSS for
 * screen and A4 print, inline SVG bar charts, no script, nothing fetched.
 * Every piece of user text goes through rs_text_inert and rs_html_write.
 * Numbers are written with integer arithmetic only, so the output does not
 * depend on the locale and the same database exports byte-identically. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strndup */
#endif
#include "export_report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/refdata.h"
#include "rostrum/text.h"

/* Print-friendly, in the manner of a UN summary report: a centred title
 * block under a blue rule, uppercase section headings, ruled tables. */
static const char css[] =
	"@page{size:A4;margin:18mm 16mm}\n"
	"html{background:#fff;color:#1a1a1a}\n"
	"body{max-width:820px;margin:0 auto;padding:24px 28px 48px;"
	"font:11pt/1.45 \"DejaVu Serif\",Georgia,\"Times New Roman\",serif}\n"
	"h1,h2,h3,h4,h5,h6,th,.kicker,figcaption,.meta{"
	"font-family:\"DejaVu Sans\",Arial,Helvetica,sans-serif}\n"
	"header.title-block{text-align:center;border-bottom:3px solid #009edb;"
	"padding-bottom:14px;margin-bottom:22px}\n"
	".kicker{text-transform:uppercase;letter-spacing:.14em;color:#009edb;"
	"font-weight:bold;font-size:10pt;margin:0}\n"
	"h1{font-size:18pt;line-height:1.25;margin:8px 0 10px;color:#1f3a60}\n"
	"header.title-block p{margin:2px 0}\n"
	".venue{font-style:italic}\n"
	"h2{font-size:12.5pt;text-transform:uppercase;letter-spacing:.03em;color:#1f3a60;"
	"border-bottom:1px solid #c8d1da;padding-bottom:3px;margin:30px 0 10px}\n"
	"h3{font-size:11.5pt;margin:20px 0 6px;color:#1f3a60}\n"
	"h4,h5,h6{font-size:10.5pt;margin:14px 0 4px}\n"
	".meta{color:#4a5560;font-size:10pt}\n"
	"ul{padding-left:1.4em}li{margin:2px 0}\n"
	".tags{color:#4a5560;font-size:9.5pt}\n"
	"table{border-collapse:collapse;width:100%;font-size:9.5pt;margin:6px 0 14px}\n"
	"th,td{border-bottom:1px solid #c8d1da;padding:3px 6px;text-align:left;"
	"vertical-align:top}\n"
	"th{background:#eef3f8;font-weight:bold}\n"
	".num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	".code{white-space:nowrap}\n"
	"figure.chart{margin:8px 0 22px;break-inside:avoid}\n"
	"figure.chart svg{display:block;width:100%;height:auto}\n"
	"figcaption{font-size:9pt;color:#4a5560;margin-top:2px}\n"
	"@media print{body{max-width:none;padding:0;font-size:10pt}"
	"h2,h3,h4{break-after:avoid}tr,figure{break-inside:avoid}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

typedef struct {
	rs_db *db;
	FILE *out;
	const rs_export_opts *o;
	rs_status rc;        /* the first failure */
	int level;           /* heading level of the current subsection */
	const char *section; /* its title, written before its first row */
	int selected;        /* selected nominees written so far */
	char tz[64];         /* the meeting's time zone, for actual times */
	int64_t xref_rt, xref_objective; /* the cross-reference's open group */
	int64_t floor_seconds; /* an item's speaking time, summed over its rows */
	export_stats st;     /* loaded once */
	struct chart_row *timing; /* planned against actual, one row per item */
	size_t n_timing;
} html_ctx;

static void oom(html_ctx *x)
{
	if (x->rc == RS_OK)
		x->rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
}

/* ------------------------------------------------------------------ */
/* Text.                                                               */

/* Writes user text s (NULL: nothing) inert and escaped; with lines, a
 * newline becomes <br>, otherwise a space. */
static void html_put(html_ctx *x, const char *s, int lines)
{
	if (!s)
		return;
	char *t = rs_text_inert(s, lines);
	if (!t) {
		oom(x);
		return;
	}
	char *p = t;
	for (char *nl; lines && (nl = strchr(p, '\n')); p = nl + 1) {
		*nl = '\0';
		rs_html_write(x->out, p);
		fputs("<br>\n", x->out);
	}
	rs_html_write(x->out, p);
	free(t);
}

static void html_text(html_ctx *x, const char *s)
{
	html_put(x, s, 0);
}

/* <hN>title</hN> for fixed or user text; N is capped at 6. */
static void html_heading(html_ctx *x, int level, const char *title)
{
	int h = level < 6 ? level : 6;
	fprintf(x->out, "<h%d>", h);
	html_text(x, title);
	fprintf(x->out, "</h%d>\n", h);
}

static void html_section_once(html_ctx *x, int n)
{
	if (n == 0)
		html_heading(x, x->level, x->section);
}

static void html_cell(html_ctx *x, const char *s)
{
	fputs("<td>", x->out);
	html_text(x, s);
	fputs("</td>", x->out);
}

/* A table's header row from a "|"-separated list; a name that starts with
 * '#' is a numeric column (right-aligned), the '#' not shown. */
static void html_table_head(html_ctx *x, const char *cols)
{
	fputs("<table>\n<thead><tr>", x->out);
	for (const char *p = cols; *p;) {
		size_t len = strcspn(p, "|");
		int num = *p == '#';
		fprintf(x->out, num ? "<th class=\"num\">%.*s</th>" : "<th>%.*s</th>",
			(int)(len - num), p + num);
		p += len + (p[len] == '|');
	}
	fputs("</tr></thead>\n<tbody>\n", x->out);
}

/* A table row: before the first, the section heading and the header. */
static void html_row_start(html_ctx *x, int n, const char *cols)
{
	if (n == 0) {
		html_section_once(x, n);
		html_table_head(x, cols);
	}
	fputs("<tr>", x->out);
}

static void html_table_end(html_ctx *x, int rows)
{
	if (rows > 0)
		fputs("</tbody>\n</table>\n", x->out);
}

/* ------------------------------------------------------------------ */
/* Numbers, without floating point (the locale would pick the decimal   */
/* separator) and without rounding surprises.                           */

/* part of whole in tenths of a percent, rounded; 0 when whole is 0. */
static int64_t permille(int64_t part, int64_t whole)
{
	return whole > 0 ? (part * 1000 + whole / 2) / whole : 0;
}

/* "12.5%" from tenths of a percent; with trim, "10%" rather than "10.0%". */
static void fmt_permille(int64_t v, int trim, char *buf, size_t size)
{
	if (trim && v % 10 == 0)
		snprintf(buf, size, "%" PRId64 "%%", v / 10);
	else
		snprintf(buf, size, "%" PRId64 ".%d%%", v / 10, (int)(v % 10));
}

/* "90 min" from seconds, to the nearest minute. */
static void fmt_minutes(int64_t sec, char *buf, size_t size)
{
	snprintf(buf, size, "%" PRId64 " min", (sec + 30) / 60);
}

/* Minutes since midnight of "HH:MM" or "YYYY-MM-DDTHH:MM[:SS…]"; -1 if s
 * holds no time. */
static int64_t clock_minutes(const char *s)
{
	const char *t = s ? strchr(s, 'T') : NULL;
	int h, m;
	if (!s || sscanf(t ? t + 1 : s, "%2d:%2d", &h, &m) != 2 || h > 23 || m > 59)
		return -1;
	return h * 60 + m;
}

/* ------------------------------------------------------------------ */
/* Inline SVG bar charts: per row a label and up to three bars, one per */
/* series, with a legend, gridlines, an axis and accessible titles.     */
/* Geometry is in whole viewBox units; the SVG scales to the page.      */

enum {
	CHART_SERIES = 3,
	CHART_W = 760,       /* viewBox width */
	CHART_LABEL_X = 300, /* right edge of the row labels */
	CHART_X0 = 308,      /* the axis */
	CHART_PLOT_W = 372,  /* bar length at the scale's maximum */
	CHART_TOP = 30,      /* below the legend */
	CHART_BAR_H = 9,
	CHART_BAR_GAP = 2,
	CHART_GROUP_GAP = 9,
	CHART_LABEL_MAX = 44, /* characters of a row label shown in full */
};

typedef enum { CHART_SHARE, CHART_MINUTES } chart_unit;

/* v[i] < 0: no value (no bar, "—"). */
typedef struct chart_row {
	char *label; /* inert, the row's owner frees it */
	int64_t v[CHART_SERIES];
} chart_row;

typedef struct {
	const char *id;    /* element id: "chart-sector" */
	const char *kind;  /* class: "balance" or "timing" */
	const char *title; /* accessible name */
	const char *caption;
	const char *const *series; /* legend */
	int n_series;
	chart_unit unit; /* CHART_SHARE: tenths of a percent; CHART_MINUTES: seconds */
} chart_spec;

static const char *const chart_fill[CHART_SERIES] = {"#a7b4c2", "#009edb", "#1f3a60"};

static void chart_value(const chart_spec *s, int64_t v, int trim, char *buf, size_t size)
{
	if (v < 0)
		snprintf(buf, size, "—");
	else if (s->unit == CHART_SHARE)
		fmt_permille(v, trim, buf, size);
	else
		fmt_minutes(v, buf, size);
}

/* The scale's maximum: four gridline steps of a round size that cover
 * the largest value. */
static int64_t chart_scale(const chart_spec *s, const chart_row *rows, size_t n)
{
	static const int64_t share_steps[] = {10, 20, 25, 50, 100, 150, 200, 250};
	static const int64_t minute_steps[] = {60, 120, 300, 600, 900, 1800, 2700, 3600, 5400, 7200};
	const int64_t *steps = s->unit == CHART_SHARE ? share_steps : minute_steps;
	size_t n_steps = s->unit == CHART_SHARE ? sizeof share_steps / sizeof *share_steps
						: sizeof minute_steps / sizeof *minute_steps;
	int64_t max = 1;
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < s->n_series; k++)
			if (rows[i].v[k] > max)
				max = rows[i].v[k];
	for (size_t i = 0; i < n_steps; i++)
		if (4 * steps[i] >= max)
			return 4 * steps[i];
	int64_t big = steps[n_steps - 1];
	return 4 * big * ((max + 4 * big - 1) / (4 * big));
}

static int chart_group_h(const chart_spec *s)
{
	return s->n_series * (CHART_BAR_H + CHART_BAR_GAP) + CHART_GROUP_GAP;
}

static void chart_legend(html_ctx *x, const chart_spec *s)
{
	for (int k = 0; k < s->n_series; k++) {
		int lx = CHART_X0 + k * 150;
		fprintf(x->out, "<rect x=\"%d\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/>"
				"<text x=\"%d\" y=\"15\">", lx, chart_fill[k], lx + 14);
		html_text(x, s->series[k]);
		fputs("</text>\n", x->out);
	}
}

/* Gridlines and their labels at each quarter of the scale, and the axis. */
static void chart_axis(html_ctx *x, const chart_spec *s, int64_t scale, int bottom)
{
	char buf[32];
	for (int q = 0; q <= 4; q++) {
		int gx = CHART_X0 + CHART_PLOT_W * q / 4;
		chart_value(s, scale * q / 4, 1, buf, sizeof buf);
		fprintf(x->out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>"
				"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
			gx, CHART_TOP - 4, gx, bottom, q ? "#dde3ea" : "#4a5560", gx, bottom + 14,
			buf);
	}
}

/* A row label: at most CHART_LABEL_MAX characters, an ellipsis if cut. */
static void chart_label(html_ctx *x, const char *label)
{
	size_t chars = 0, cut = 0;
	for (const char *p = label; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80 && chars++ == CHART_LABEL_MAX)
			cut = (size_t)(p - label);
	if (!cut) {
		html_text(x, label);
		return;
	}
	char *t = strndup(label, cut);
	if (!t) {
		oom(x);
		return;
	}
	html_text(x, t);
	fputs("…", x->out);
	free(t);
}

static void chart_group(html_ctx *x, const chart_spec *s, const chart_row *r, int64_t scale,
			int y)
{
	char buf[32];
	fputs("<g><title>", x->out);
	html_text(x, r->label);
	fprintf(x->out, "</title><text x=\"%d\" y=\"%d\" text-anchor=\"end\">", CHART_LABEL_X,
		y + (chart_group_h(s) - CHART_GROUP_GAP) / 2 + 4);
	chart_label(x, r->label);
	fputs("</text>\n", x->out);
	for (int k = 0; k < s->n_series; k++) {
		int by = y + k * (CHART_BAR_H + CHART_BAR_GAP);
		int64_t v = r->v[k], w = v > 0 ? v * CHART_PLOT_W / scale : 0;
		chart_value(s, v, 0, buf, sizeof buf);
		if (v > 0)
			fprintf(x->out, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%" PRId64
					"\" height=\"%d\" fill=\"%s\"><title>",
				CHART_X0, by, w ? w : 1, CHART_BAR_H, chart_fill[k]);
		if (v > 0) {
			html_text(x, s->series[k]);
			fprintf(x->out, ": %s</title></rect>", buf);
		}
		fprintf(x->out, "<text x=\"%" PRId64 "\" y=\"%d\" class=\"value\">%s</text>\n",
			CHART_X0 + (w ? w : 0) + 4, by + CHART_BAR_H - 1, buf);
	}
	fputs("</g>\n", x->out);
}

/* One <figure> holding the <svg> of rows, then its caption. */
static void chart_write(html_ctx *x, const chart_spec *s, const chart_row *rows, size_t n)
{
	int64_t scale = chart_scale(s, rows, n);
	int bottom = CHART_TOP + (int)n * chart_group_h(s);
	fprintf(x->out, "<figure class=\"chart %s\">\n<svg xmlns=\"http://www.w3.org/2000/svg\""
			" id=\"%s\" class=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\""
			" aria-labelledby=\"%s-title\" font-family=\"DejaVu Sans,Arial,sans-serif\""
			" font-size=\"11\" fill=\"#1a1a1a\">\n<title id=\"%s-title\">",
		s->kind, s->id, s->kind, CHART_W, bottom + 22, s->id, s->id);
	html_text(x, s->title);
	fputs("</title>\n", x->out);
	chart_legend(x, s);
	chart_axis(x, s, scale, bottom);
	for (size_t i = 0; i < n; i++)
		chart_group(x, s, &rows[i], scale, CHART_TOP + (int)i * chart_group_h(s));
	fputs("</svg>\n<figcaption>", x->out);
	html_text(x, s->caption);
	fputs("</figcaption>\n</figure>\n", x->out);
}

static void chart_rows_free(chart_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++)
		free(rows[i].label);
	free(rows);
}

/* ------------------------------------------------------------------ */
/* The title block and the overview.                                   */

static void html_head(html_ctx *x, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>Summary report",
	      x->out);
	if (title) {
		fputs(" — ", x->out);
		html_text(x, title);
	}
	fprintf(x->out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
}

static void html_title_row(void *ctx, store_cursor *c, int n)
{
	html_ctx *x = ctx;
	(void)n;
	const char *title = export_opt(store_cursor_text(c, EXM_TITLE));
	const char *date = export_opt(store_cursor_text(c, EXM_DATE));
	const char *start = export_opt(store_cursor_text(c, EXM_FIRST_START));
	const char *end = export_opt(store_cursor_text(c, EXM_LAST_END));
	const char *venue = export_opt(store_cursor_text(c, EXM_VENUE));
	char buf[160];
	snprintf(x->tz, sizeof x->tz, "%s", store_cursor_text(c, EXM_TIMEZONE));
	html_head(x, title);
	fputs("<header class=\"title-block\">\n<p class=\"kicker\">Summary report</p>\n", x->out);
	html_heading(x, 1, title ? title : "Summary report");
	if (date) {
		fputs("<p class=\"date\">", x->out);
		html_text(x, export_fmt_long_date(date, buf, sizeof buf) ? buf : date);
		fputs("</p>\n", x->out);
	}
	if (start || end) {
		export_fmt_time_span(start, end, buf, sizeof buf);
		fputs("<p class=\"time\">", x->out);
		html_text(x, buf);
		fputs(" (", x->out);
		html_text(x, store_cursor_text(c, EXM_TIMEZONE));
		fputs(")</p>\n", x->out);
	}
	if (venue) {
		fputs("<p class=\"venue\">", x->out);
		html_text(x, venue);
		fputs("</p>\n", x->out);
	}
	fputs("</header>\n<main>\n", x->out);
}

static void html_title(html_ctx *x)
{
	if (export_each(x->db, &x->rc, EXQ_MEETING, NULL, html_title_row, x) == 0) {
		html_head(x, NULL);
		fputs("<header class=\"title-block\">\n<h1>Summary report</h1>\n</header>\n"
		      "<main>\n",
		      x->out);
	}
}

static void html_attendance_dim(html_ctx *x, const char *dim, const char *title)
{
	int n = 0;
	for (size_t i = 0; i < x->st.n; i++) {
		const export_stat *r = &x->st.rows[i];
		if (strcmp(r->dim, dim))
			continue;
		fprintf(x->out, n++ ? ", " : "<li><strong>%s:</strong> ", title);
		html_text(x, export_stat_label(r));
		if (EXPORT_PRESENCE_RECORDED(&x->st))
			fprintf(x->out, " (%" PRId64 " registered, %" PRId64 " present)",
				r->registered, r->present);
		else
			fprintf(x->out, " (%" PRId64 ")", r->registered);
	}
	if (n)
		fputs("</li>\n", x->out);
}

static void html_overview(html_ctx *x)
{
	char total[32];
	export_fmt_duration(x->st.seconds, total, sizeof total);
	fputs("<section id=\"overview\">\n", x->out);
	html_heading(x, 2, "Overview");
	fprintf(x->out, "<p>%" PRId64 " stakeholders registered", x->st.roster);
	if (EXPORT_PRESENCE_RECORDED(&x->st))
		fprintf(x->out, ", of whom %" PRId64 " were present", x->st.present);
	fprintf(x->out, ". %" PRId64 " interventions were made, for a total speaking time"
			" of %s.</p>\n", x->st.interventions, total);
	if (x->st.roster > 0) {
		fputs("<p>Attendance:</p>\n<ul class=\"attendance\">\n", x->out);
		html_attendance_dim(x, "sector", "By sector");
		html_attendance_dim(x, "region", "By region");
		html_attendance_dim(x, "gender", "By gender");
		fputs("</ul>\n", x->out);
	}
	fputs("</section>\n", x->out);
}

/* ------------------------------------------------------------------ */
/* The agenda items.                                                   */

/* " (partnership; GCM objectives 5, 7)", or nothing. */
static void html_tags(html_ctx *x, const char *type, const char *gcm)
{
	int has_gcm = gcm && *gcm;
	if (!type && !has_gcm)
		return;
	fputs(" <span class=\"tags\">(", x->out);
	html_text(x, type);
	if (has_gcm) {
		fprintf(x->out, "%sGCM objective%s ", type ? "; " : "",
			strchr(gcm, ',') ? "s" : "");
		html_text(x, gcm);
	}
	fputs(")</span>", x->out);
}

static void html_list_item(html_ctx *x, int n)
{
	if (n == 0) {
		html_section_once(x, n);
		fputs("<ul>\n", x->out);
	}
	fputs("<li>", x->out);
}

static void html_outcome_row(void *ctx, store_cursor *c, int n)
{
	html_ctx *x = ctx;
	const char *by = export_opt(store_cursor_text(c, EXO_BY));
	html_list_item(x, n);
	html_put(x, store_cursor_text(c, EXO_TEXT), 1);
	if (by) {
		fputs(" — by ", x->out);
		html_text(x, by);
	}
	html_tags(x, store_cursor_text(c, EXO_PLEDGE_TYPE), store_cursor_text(c, EXO_GCM));
	fputs("</li>\n", x->out);
}

static void html_next_step_row(void *ctx, store_cursor *c, int n)
{
	html_ctx *x = ctx;
	html_list_item(x, n);
	html_put(x, store_cursor_text(c, EXO_TEXT), 1);
	fputs(" <span class=\"tags\">(", x->out);
	html_text(x, store_cursor_text(c, EXO_ITEM_TITLE));
	fputs(")</span></li>\n", x->out);
}

/* A bulleted subsection of the outcomes of one type; nothing if none. */
static void html_outcomes(html_ctx *x, int64_t item, const char *type, const char *title,
			  export_row_fn fn)
{
	store_export_args a = {.item = item, .type = type};
	x->section = title;
	if (export_each(x->db, &x->rc, EXQ_OUTCOMES, &a, fn, x) > 0)
		fputs("</ul>\n", x->out);
}

/* The time cell: "2:00", with the state when the speech is not over. */
static void html_time_cell(html_ctx *x, store_cursor *c)
{
	char time[32];
	const char *state = store_cursor_text(c, EXS_STATE);
	export_fmt_duration(store_cursor_int(c, EXS_SECONDS), time, sizeof time);
	fprintf(x->out, "<td class=\"num\">%s", time);
	if (state && strcmp(state, "spoken")) {
		fputs(" (", x->out);
		html_text(x, state);
		fputs(")", x->out);
	}
	fputs("</td></tr>\n", x->out);
}

/* Cells from the cursor's text columns; sector_col shows the sector label. */
static void html_cells(html_ctx *x, store_cursor *c, const int *cols, size_t n, int sector_col)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = store_cursor_text(c, cols[i]);
		html_cell(x, cols[i] == sector_col ? rs_sector_label(v) : v);
	}
}

static void html_floor_row(void *ctx, store_cursor *c, int n)
{
	static const int cols[] = {EXS_NAME, EXS_ORGANIZATION, EXS_SECTOR, EXS_KIND};
	html_ctx *x = ctx;
	html_row_start(x, n, "Name|Organization|Sector|Kind|#Time");
	html_cells(x, c, cols, sizeof cols / sizeof cols[0], EXS_SECTOR);
	x->floor_seconds += store_cursor_int(c, EXS_SECONDS);
	html_time_cell(x, c);
}

/* " (actual 10:32–12:58)" beside the planned time, once the item started. */
static void html_actual(html_ctx *x, store_cursor *c)
{
	char from[16] = "", to[16] = "", span[64];
	if (!store_cursor_text(c, EXI_STARTED_AT))
		return;
	export_fmt_clock(x->tz, store_cursor_int(c, EXI_STARTED_AT), from, sizeof from);
	if (store_cursor_text(c, EXI_ENDED_AT))
		export_fmt_clock(x->tz, store_cursor_int(c, EXI_ENDED_AT), to, sizeof to);
	export_fmt_time_span(from, *to ? to : NULL, span, sizeof span);
	fputs(" (actual ", x->out);
	html_text(x, span);
	fputs(")", x->out);
}

static void html_item_meta(html_ctx *x, store_cursor *c)
{
	const char *start = export_opt(store_cursor_text(c, EXI_START));
	const char *end = export_opt(store_cursor_text(c, EXI_END));
	const char *moderator = export_opt(store_cursor_text(c, EXI_MODERATOR));
	const char *description = export_opt(store_cursor_text(c, EXI_DESCRIPTION));
	char span[96];
	if (start || end || moderator) {
		fputs("<p class=\"meta\">", x->out);
		if (start || end) {
			export_fmt_time_span(start, end, span, sizeof span);
			fputs("<strong>Time:</strong> ", x->out);
			html_text(x, span);
			html_actual(x, c);
		}
		if (moderator) {
			fputs(start || end ? " · <strong>Moderator:</strong> "
					   : "<strong>Moderator:</strong> ", x->out);
			html_text(x, moderator);
		}
		fputs("</p>\n", x->out);
	}
	if (description) {
		fputs("<p class=\"description\">", x->out);
		html_put(x, description, 1);
		fputs("</p>\n", x->out);
	}
}

/* An item with a planned or an actual duration joins the timing chart:
 * v[0] the planned seconds, v[1] the actual ones (-1: none). */
static void timing_add(html_ctx *x, store_cursor *c)
{
	int64_t from = clock_minutes(export_opt(store_cursor_text(c, EXI_START)));
	int64_t to = clock_minutes(export_opt(store_cursor_text(c, EXI_END)));
	int held = store_cursor_text(c, EXI_STARTED_AT) && store_cursor_text(c, EXI_ENDED_AT);
	int64_t planned = from >= 0 && to > from ? (to - from) * 60 : -1;
	int64_t actual = held ? store_cursor_int(c, EXI_ENDED_AT) -
					store_cursor_int(c, EXI_STARTED_AT) : -1;
	if (planned < 0 && actual < 0)
		return;
	chart_row *v = realloc(x->timing, (x->n_timing + 1) * sizeof *v);
	if (!v) {
		oom(x);
		return;
	}
	x->timing = v;
	chart_row *r = &v[x->n_timing];
	*r = (chart_row){.v = {planned, actual < 0 ? -1 : actual, -1}};
	if (!(r->label = rs_text_inert(store_cursor_text(c, EXI_TITLE), 0)))
		oom(x);
	x->n_timing++;
}

static void html_item(void *ctx, store_cursor *c, int n)
{
	html_ctx *x = ctx;
	(void)n;
	int64_t id = store_cursor_int(c, EXI_ID);
	int depth = (int)store_cursor_int(c, EXI_DEPTH);
	int level = x->o->item_id ? 2 : 2 + (depth < 2 ? depth : 2);
	timing_add(x, c);
	fprintf(x->out, "<section class=\"item\" id=\"item-%" PRId64 "\">\n", id);
	html_heading(x, level, store_cursor_text(c, EXI_TITLE));
	html_item_meta(x, c);
	x->level = level + 1;
	html_outcomes(x, id, "note", "Key points", html_outcome_row);
	store_export_args a = {.item = id, .floor_only = 1};
	x->section = "Who took the floor";
	x->floor_seconds = 0;
	int floor = export_each(x->db, &x->rc, EXQ_SPEAKERS, &a, html_floor_row, x);
	html_table_end(x, floor);
	if (floor > 0) {
		char total[32];
		export_fmt_duration(x->floor_seconds, total, sizeof total);
		fprintf(x->out, "<p class=\"meta\">%d intervention%s, %s in all.</p>\n", floor,
			floor == 1 ? "" : "s", total);
	}
	html_outcomes(x, id, "recommendation", "Recommendations", html_outcome_row);
	html_outcomes(x, id, "pledge", "Pledges", html_outcome_row);
	fputs("</section>\n", x->out);
}

/* ------------------------------------------------------------------ */
/* Nominations and next steps.                                         */

static void html_nomination_row(void *ctx, store_cursor *c, int n)
{
	static const int cols[] = {EXN_NAME, EXN_ORGANIZATION, EXN_ROLE, EXN_NOMINATORS};
	html_ctx *x = ctx;
	html_row_start(x, n, "Nominee|Organization|Role|Nominated by|#Tally|State");
	html_cells(x, c, cols, sizeof cols / sizeof cols[0], -1);
	fprintf(x->out, "<td class=\"num\">%" PRId64 "</td>", store_cursor_int(c, EXN_TALLY));
	html_cell(x, store_cursor_text(c, EXN_STATE));
	fputs("</tr>\n", x->out);
}

/* Who will carry the outcomes to the plenary, near the top of the report. */
static void html_plenary_row(void *ctx, store_cursor *c, int n)
{
	html_ctx *x = ctx;
	(void)n;
	const char *state = store_cursor_text(c, EXN_STATE);
	const char *org = export_opt(store_cursor_text(c, EXN_ORGANIZATION));
	int64_t tally = store_cursor_int(c, EXN_TALLY);
	char role[64];
	if (!state || strcmp(state, "selected"))
		return;
	if (x->selected++ == 0) {
		fputs("<section id=\"plenary\">\n", x->out);
		html_heading(x, 2, "Rapporteur for the plenary");
	}
	export_fmt_role(store_cursor_text(c, EXN_ROLE), role, sizeof role);
	fputs("<p class=\"selected\"><strong>", x->out);
	html_text(x, role);
	fputs(" for the plenary:</strong> ", x->out);
	html_text(x, store_cursor_text(c, EXN_NAME));
	if (org) {
		fputs(" (", x->out);
		html_text(x, org);
		fputs(")", x->out);
	}
	if (tally > 0)
		fprintf(x->out, ", nominated by %" PRId64 " participant%s", tally,
			tally == 1 ? "" : "s");
	fputs(".</p>\n", x->out);
}

static void html_plenary(html_ctx *x)
{
	export_each(x->db, &x->rc, EXQ_NOMINATIONS, NULL, html_plenary_row, x);
	if (x->selected)
		fputs("</section>\n", x->out);
}

static void html_nominations(html_ctx *x)
{
	x->level = 2;
	x->section = "Rapporteur nominations";
	fputs("<section id=\"nominations\">\n", x->out);
	int n = export_each(x->db, &x->rc, EXQ_NOMINATIONS, NULL, html_nomination_row, x);
	html_table_end(x, n);
	if (n > 0 && !x->selected)
		fputs("<p>No rapporteur has been selected yet.</p>\n", x->out);
	fputs("</section>\n", x->out);
}

static void html_next_steps(html_ctx *x)
{
	fputs("<section id=\"next-steps\">\n", x->out);
	x->level = 2;
	html_outcomes(x, x->o->item_id, "next_step", "Next steps", html_next_step_row);
	fputs("</section>\n", x->out);
}

/* ------------------------------------------------------------------ */
/* Cross-reference: recommendations and pledges by GCM objective,       */
/* grouped by IMRF round table.                                         */

/* Headings for a new round table or objective; closes the list before. */
static void html_xref_group(html_ctx *x, store_cursor *c, int n)
{
	int64_t rt = store_cursor_int(c, EXG_ROUND_TABLE);
	int64_t objective = store_cursor_int(c, EXG_OBJECTIVE);
	if (n > 0 && rt == x->xref_rt && objective == x->xref_objective)
		return;
	if (n > 0)
		fputs("</ul>\n", x->out);
	if (n == 0 || rt != x->xref_rt) {
		char title[96];
		export_fmt_round_table((int)rt, title, sizeof title);
		html_heading(x, 3, title);
	}
	fprintf(x->out, "<h4>Objective %" PRId64 ": ", objective);
	html_text(x, store_cursor_text(c, EXG_TITLE));
	fputs("</h4>\n<ul>\n", x->out);
	x->xref_rt = rt;
	x->xref_objective = objective;
}

static void html_xref_row(void *ctx, store_cursor *c, int n)
{
	html_ctx *x = ctx;
	const char *type = store_cursor_text(c, EXG_TYPE);
	const char *pledge_type = export_opt(store_cursor_text(c, EXG_PLEDGE_TYPE));
	const char *by = export_opt(store_cursor_text(c, EXG_BY));
	if (n == 0) {
		fputs("<section id=\"cross-reference\">\n", x->out);
		html_heading(x, 2, "Cross-reference by GCM objective and IMRF round table");
	}
	html_xref_group(x, c, n);
	fputs(type && !strcmp(type, "pledge") ? "<li>Pledge: " : "<li>Recommendation: ",
	      x->out);
	html_put(x, store_cursor_text(c, EXG_TEXT), 1);
	if (by) {
		fputs(" — ", x->out);
		html_text(x, by);
	}
	if (pledge_type) {
		fputs(" <span class=\"tags\">(", x->out);
		html_text(x, pledge_type);
		fputs(")</span>", x->out);
	}
	fputs(" <span class=\"tags\">(", x->out);
	html_text(x, store_cursor_text(c, EXG_ITEM_TITLE));
	fputs(")</span></li>\n", x->out);
}

static void html_cross_reference(html_ctx *x)
{
	store_export_args a = {.item = x->o->item_id};
	if (export_each(x->db, &x->rc, EXQ_CROSS_REFERENCE, &a, html_xref_row, x) > 0)
		fputs("</ul>\n</section>\n", x->out);
}

/* ------------------------------------------------------------------ */
/* The annexes: the speakers' list, the balance, the timing.           */

static void html_annex_speaker_row(void *ctx, store_cursor *c, int n)
{
	static const int cols[] = {EXS_NAME, EXS_ORGANIZATION, EXS_SECTOR, EXS_REGION,
				   EXS_GENDER, EXS_KIND};
	html_ctx *x = ctx;
	const char *code = export_opt(store_cursor_text(c, EXS_ITEM_CODE));
	html_row_start(x, n, "#No.|Item|Name|Organization|Sector|Region|Gender|Kind|#Time");
	fprintf(x->out, "<td class=\"num\">%d</td><td class=\"code\">", n + 1);
	html_text(x, code ? code : store_cursor_text(c, EXS_ITEM_TITLE));
	fputs("</td>", x->out);
	html_cells(x, c, cols, sizeof cols / sizeof cols[0], EXS_SECTOR);
	html_time_cell(x, c);
}

static void html_annex_speakers(html_ctx *x)
{
	store_export_args a = {.item = x->o->item_id, .floor_only = 1};
	fputs("<section id=\"annex-speakers\">\n", x->out);
	x->level = 2;
	x->section = "Annex: speakers' list";
	html_table_end(x, export_each(x->db, &x->rc, EXQ_SPEAKERS, &a, html_annex_speaker_row, x));
	fputs("</section>\n", x->out);
}

static void html_balance_row(html_ctx *x, const export_stat *r)
{
	char roster[16], iv[16], time[32], time_share[16];
	export_fmt_share(r->registered, x->st.roster, roster, sizeof roster);
	export_fmt_share(r->interventions, x->st.interventions, iv, sizeof iv);
	export_fmt_duration(r->seconds, time, sizeof time);
	export_fmt_share(r->seconds, x->st.seconds, time_share, sizeof time_share);
	fputs("<tr>", x->out);
	html_cell(x, export_stat_label(r));
	fprintf(x->out, "<td class=\"num\">%" PRId64 "</td><td class=\"num\">%s</td>"
			"<td class=\"num\">%" PRId64 "</td><td class=\"num\">%s</td>"
			"<td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n",
		r->registered, roster, r->interventions, iv, time, time_share);
}

/* The balance of one dimension as shares against the roster's. */
static void html_balance_chart(html_ctx *x, const char *dim, const char *title)
{
	static const char *const series[] = {"Share of roster", "Share of interventions",
					     "Share of speaking time"};
	char id[32];
	chart_row *rows = calloc(x->st.n ? x->st.n : 1, sizeof *rows);
	size_t n = 0;
	if (!rows) {
		oom(x);
		return;
	}
	for (size_t i = 0; i < x->st.n && x->rc == RS_OK; i++) {
		const export_stat *r = &x->st.rows[i];
		if (strcmp(r->dim, dim))
			continue;
		chart_row *w = &rows[n++];
		if (!(w->label = rs_text_inert(export_stat_label(r), 0)))
			oom(x);
		w->v[0] = permille(r->registered, x->st.roster);
		w->v[1] = permille(r->interventions, x->st.interventions);
		w->v[2] = permille(r->seconds, x->st.seconds);
	}
	snprintf(id, sizeof id, "chart-%s", dim);
	chart_spec s = {.id = id, .kind = "balance", .title = title,
			.caption = "Grey: share of the registered roster; blue: share of the "
				   "interventions; dark blue: share of the speaking time.",
			.series = series, .n_series = 3, .unit = CHART_SHARE};
	if (x->rc == RS_OK && n > 0)
		chart_write(x, &s, rows, n);
	chart_rows_free(rows, n);
}

static void html_balance_dim(html_ctx *x, const char *dim, const char *column,
			     const char *chart_title)
{
	char head[160];
	fprintf(x->out, "<h3>By %s</h3>\n", dim);
	snprintf(head, sizeof head, "%s|#Registered|#Share of roster|#Interventions|#Share|"
				    "#Speaking time|#Share", column);
	html_table_head(x, head);
	for (size_t i = 0; i < x->st.n; i++)
		if (!strcmp(x->st.rows[i].dim, dim))
			html_balance_row(x, &x->st.rows[i]);
	html_table_end(x, 1);
	html_balance_chart(x, dim, chart_title);
}

static void html_annex_balance(html_ctx *x)
{
	if (x->rc || x->st.roster == 0)
		return;
	fputs("<section id=\"annex-balance\">\n", x->out);
	html_heading(x, 2, "Annex: balance");
	fputs("<p>Share of the interventions and of the speaking time by sector, region and"
	      " gender, against each group's share of the registered roster.</p>\n", x->out);
	html_balance_dim(x, "sector", "Sector", "Balance by sector");
	html_balance_dim(x, "region", "Region", "Balance by region");
	html_balance_dim(x, "gender", "Gender", "Balance by gender");
	fputs("</section>\n", x->out);
}

/* "+5 min", "-3 min" or "0 min": actual less planned. */
static void fmt_difference(int64_t planned, int64_t actual, char *buf, size_t size)
{
	int64_t d = actual - planned;
	char mins[32];
	fmt_minutes(d < 0 ? -d : d, mins, sizeof mins);
	snprintf(buf, size, "%s%s", d >= 30 ? "+" : d <= -30 ? "−" : "", mins);
}

static void html_timing_row(html_ctx *x, const chart_row *r)
{
	char planned[32], actual[32], diff[48];
	chart_spec minutes = {.unit = CHART_MINUTES};
	chart_value(&minutes, r->v[0], 0, planned, sizeof planned);
	chart_value(&minutes, r->v[1], 0, actual, sizeof actual);
	if (r->v[0] >= 0 && r->v[1] >= 0)
		fmt_difference(r->v[0], r->v[1], diff, sizeof diff);
	else
		snprintf(diff, sizeof diff, "—");
	fputs("<tr>", x->out);
	html_cell(x, r->label);
	fprintf(x->out, "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
			"<td class=\"num\">%s</td></tr>\n", planned, actual, diff);
}

/* Planned against actual time per agenda item: a table and its chart. */
static void html_annex_timing(html_ctx *x)
{
	static const char *const series[] = {"Planned", "Actual"};
	chart_spec s = {.id = "chart-timing", .kind = "timing",
			.title = "Planned against actual time per agenda item",
			.caption = "Grey: the time the programme planned; blue: the time the item "
				   "took, from its start to its end.",
			.series = series, .n_series = 2, .unit = CHART_MINUTES};
	if (x->rc || x->n_timing == 0)
		return;
	fputs("<section id=\"annex-timing\">\n", x->out);
	html_heading(x, 2, "Annex: planned and actual time");
	html_table_head(x, "Agenda item|#Planned|#Actual|#Difference");
	for (size_t i = 0; i < x->n_timing; i++)
		html_timing_row(x, &x->timing[i]);
	html_table_end(x, 1);
	chart_write(x, &s, x->timing, x->n_timing);
	fputs("</section>\n", x->out);
}

/* ------------------------------------------------------------------ */

rs_status export_render_html(rs_db *db, const rs_export_opts *o, FILE *out)
{
	html_ctx x = {.db = db, .out = out, .o = o};
	store_export_args a = {.item = o->item_id};
	html_title(&x);
	if (x.rc == RS_OK)
		x.rc = export_stats_load(db, o->item_id, &x.st);
	if (x.rc == RS_OK)
		html_overview(&x);
	html_plenary(&x);
	export_each(db, &x.rc, EXQ_ITEMS, &a, html_item, &x);
	html_nominations(&x);
	html_next_steps(&x);
	html_cross_reference(&x);
	html_annex_speakers(&x);
	html_annex_balance(&x);
	html_annex_timing(&x);
	fputs("</main>\n</body>\n</html>\n", out);
	export_stats_free(&x.st);
	chart_rows_free(x.timing, x.n_timing);
	return x.rc ? x.rc : export_check_written(out);
}
