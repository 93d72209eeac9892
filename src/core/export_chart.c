/* Inline SVG bar charts: geometry in whole viewBox units (the SVG scales to
 * the page), numbers without floating point, so that the same database
 * draws byte-identical charts whatever the locale. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strndup */
#endif
#include "export_chart.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "export_report.h"
#include "rostrum/text.h"

enum {
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

static const char *const chart_fill[CHART_SERIES] = {"#a7b4c2", "#009edb", "#1f3a60"};

typedef struct {
	FILE *out;
	const chart_spec *s;
	rs_status *rc;
} chart_ctx;

static void oom(chart_ctx *x)
{
	if (*x->rc == RS_OK)
		*x->rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
}

/* Text of the chart (labels, titles): inert, then escaped. */
static void text(chart_ctx *x, const char *s)
{
	char *t = export_inert(s, 0);
	if (!t) {
		oom(x);
		return;
	}
	rs_html_write(x->out, t);
	free(t);
}

int64_t chart_permille(int64_t part, int64_t whole)
{
	return whole > 0 ? (part * 1000 + whole / 2) / whole : 0;
}

void chart_value(chart_unit unit, int64_t v, int trim, char *buf, size_t size)
{
	if (v < 0)
		snprintf(buf, size, "—");
	else if (unit == CHART_MINUTES)
		snprintf(buf, size, "%" PRId64 " min", (v + 30) / 60);
	else if (trim && v % 10 == 0)
		snprintf(buf, size, "%" PRId64 "%%", v / 10);
	else
		snprintf(buf, size, "%" PRId64 ".%d%%", v / 10, (int)(v % 10));
}

/* The scale's maximum: four gridline steps of a round size that cover
 * the largest value. */
static int64_t chart_scale(const chart_spec *s)
{
	static const int64_t share_steps[] = {10, 20, 25, 50, 100, 150, 200, 250};
	static const int64_t minute_steps[] = {60, 120, 300, 600, 900, 1800, 2700, 3600, 5400, 7200};
	const int64_t *steps = s->unit == CHART_SHARE ? share_steps : minute_steps;
	size_t n_steps = s->unit == CHART_SHARE ? sizeof share_steps / sizeof *share_steps
						: sizeof minute_steps / sizeof *minute_steps;
	int64_t max = 1;
	for (size_t i = 0; i < s->n_rows; i++)
		for (int k = 0; k < s->n_series; k++)
			if (s->rows[i].v[k] > max)
				max = s->rows[i].v[k];
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

static void chart_legend(chart_ctx *x)
{
	for (int k = 0; k < x->s->n_series; k++) {
		int lx = CHART_X0 + k * 150;
		fprintf(x->out, "<rect x=\"%d\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/>"
				"<text x=\"%d\" y=\"15\">", lx, chart_fill[k], lx + 14);
		text(x, x->s->series[k]);
		fputs("</text>\n", x->out);
	}
}

/* Gridlines and their labels at each quarter of the scale, and the axis. */
static void chart_axis(chart_ctx *x, int64_t scale, int bottom)
{
	char buf[32];
	for (int q = 0; q <= 4; q++) {
		int gx = CHART_X0 + CHART_PLOT_W * q / 4;
		chart_value(x->s->unit, scale * q / 4, 1, buf, sizeof buf);
		fprintf(x->out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>"
				"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
			gx, CHART_TOP - 4, gx, bottom, q ? "#dde3ea" : "#4a5560", gx, bottom + 14,
			buf);
	}
}

/* A row label: at most CHART_LABEL_MAX characters, an ellipsis if cut. */
static void chart_label(chart_ctx *x, const char *label)
{
	size_t chars = 0, cut = 0;
	for (const char *p = label; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80 && chars++ == CHART_LABEL_MAX)
			cut = (size_t)(p - label);
	if (!cut) {
		text(x, label);
		return;
	}
	char *t = strndup(label, cut);
	if (!t) {
		oom(x);
		return;
	}
	text(x, t);
	fputs("…", x->out);
	free(t);
}

static void chart_group(chart_ctx *x, const chart_row *r, int64_t scale, int y)
{
	const chart_spec *s = x->s;
	char buf[32];
	fputs("<g><title>", x->out);
	text(x, r->label);
	fprintf(x->out, "</title><text x=\"%d\" y=\"%d\" text-anchor=\"end\">", CHART_LABEL_X,
		y + (chart_group_h(s) - CHART_GROUP_GAP) / 2 + 4);
	chart_label(x, r->label);
	fputs("</text>\n", x->out);
	for (int k = 0; k < s->n_series; k++) {
		int by = y + k * (CHART_BAR_H + CHART_BAR_GAP);
		int64_t v = r->v[k], w = v > 0 ? v * CHART_PLOT_W / scale : 0;
		chart_value(s->unit, v, 0, buf, sizeof buf);
		if (v > 0) {
			fprintf(x->out, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%" PRId64
					"\" height=\"%d\" fill=\"%s\"><title>",
				CHART_X0, by, w ? w : 1, CHART_BAR_H, chart_fill[k]);
			text(x, s->series[k]);
			fprintf(x->out, ": %s</title></rect>", buf);
		}
		fprintf(x->out, "<text x=\"%" PRId64 "\" y=\"%d\" class=\"value\">%s</text>\n",
			CHART_X0 + w + 4, by + CHART_BAR_H - 1, buf);
	}
	fputs("</g>\n", x->out);
}

void chart_write(FILE *out, const chart_spec *s, rs_status *rc)
{
	chart_ctx x = {out, s, rc};
	int64_t scale = chart_scale(s);
	int bottom = CHART_TOP + (int)s->n_rows * chart_group_h(s);
	fprintf(out, "<figure class=\"chart %s\">\n<svg xmlns=\"http://www.w3.org/2000/svg\""
		     " id=\"%s\" class=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\""
		     " aria-labelledby=\"%s-title\" font-family=\"DejaVu Sans,Arial,sans-serif\""
		     " font-size=\"11\" fill=\"#1a1a1a\">\n<title id=\"%s-title\">",
		s->kind, s->id, s->kind, CHART_W, bottom + 22, s->id, s->id);
	text(&x, s->title);
	fputs("</title>\n", out);
	chart_legend(&x);
	chart_axis(&x, scale, bottom);
	for (size_t i = 0; i < s->n_rows; i++)
		chart_group(&x, &s->rows[i], scale, CHART_TOP + (int)i * chart_group_h(s));
	fputs("</svg>\n<figcaption>", out);
	text(&x, s->caption);
	fputs("</figcaption>\n</figure>\n", out);
}

void chart_rows_free(chart_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++)
		free(rows[i].label);
	free(rows);
}
