/* The summary report as one self-contained HTML5 file: inline CSS for
 * screen and A4 print, inline SVG bar charts (export_chart.c), no script,
 * nothing fetched.  Rendering only: export_walk.c decides what is shown.
 * Every piece of text goes through export_inert and rs_html_write; only
 * the http(s) links the walk found become <a>. */
#include "export_report.h"

#include <stdlib.h>
#include <string.h>

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
	export_out o;
	export_block block;   /* the open block */
	int fields;           /* fields written on the open meta line */
	const export_table *t; /* the open table */
	int col;              /* the next cell's column */
	export_span span;     /* the open span */
} html_out;

static html_out *H(export_out *r)
{
	return (html_out *)r;
}

/* Writes s (NULL: nothing) inert and escaped; with lines, a line break
 * becomes <br>. */
static void html_put(export_out *r, const char *s, int lines)
{
	if (!s)
		return;
	char *t = export_inert(s, lines);
	if (!t) {
		if (r->rc == RS_OK)
			r->rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
		return;
	}
	char *p = t;
	for (char *nl; lines && (nl = strchr(p, '\n')); p = nl + 1) {
		*nl = '\0';
		rs_html_write(r->f, p);
		fputs("<br>\n", r->f);
	}
	rs_html_write(r->f, p);
	free(t);
}

static void html_text(export_out *r, const char *s, int flags)
{
	html_put(r, s, flags & EXPORT_LINES);
}

static void html_line_break(export_out *r)
{
	fputs("<br>\n", r->f);
}

/* The link as its own text: a reader of the printed page sees where it
 * goes.  It holds no quote or blank (rs_text_find_link); & is escaped. */
static void html_link(export_out *r, const char *url)
{
	fputs("<a href=\"", r->f);
	rs_html_write(r->f, url);
	fputs("\">", r->f);
	rs_html_write(r->f, url);
	fputs("</a>", r->f);
}

/* <hN>title</hN>; N is capped at 6. */
static void html_heading(export_out *r, int level, const char *title)
{
	int h = level < 6 ? level : 6;
	fprintf(r->f, "<h%d>", h);
	html_put(r, title, 0);
	fprintf(r->f, "</h%d>\n", h);
}

static void html_begin(export_out *r, const export_title *t)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>",
	      r->f);
	html_put(r, t->subtitle, 0);
	if (t->title) {
		fputs(" — ", r->f);
		html_put(r, t->title, 0);
	}
	fprintf(r->f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
		      "<header class=\"title-block\">\n", css);
	if (t->title) {
		fputs("<p class=\"kicker\">", r->f);
		html_put(r, t->subtitle, 0);
		fputs("</p>\n", r->f);
	}
	html_heading(r, 1, t->title ? t->title : t->subtitle);
	static const char *const cls[] = {"meeting", "host", "date", "time", "venue"};
	const char *line[] = {t->meeting, t->host, t->date, t->time, t->venue};
	for (size_t i = 0; i < sizeof line / sizeof line[0]; i++)
		if (line[i]) {
			fprintf(r->f, "<p class=\"%s\">%s", cls[i], line[i] == t->host ? "Hosted by " : "");
			html_put(r, line[i], 0);
			fputs("</p>\n", r->f);
		}
	fputs("</header>\n<main>\n", r->f);
}

static void html_end(export_out *r)
{
	fputs("</main>\n</body>\n</html>\n", r->f);
}

static void html_section_begin(export_out *r, const char *id, const char *cls)
{
	if (cls)
		fprintf(r->f, "<section class=\"%s\" id=\"%s\">\n", cls, id);
	else
		fprintf(r->f, "<section id=\"%s\">\n", id);
}

static void html_section_end(export_out *r)
{
	fputs("</section>\n", r->f);
}

static void html_block_begin(export_out *r, export_block b, const char *cls, const char *label)
{
	H(r)->block = b;
	switch (b) {
	case EXPORT_PARA:
		fputs(cls ? "<p class=\"" : "<p>", r->f);
		if (cls)
			fprintf(r->f, "%s\">", cls);
		break;
	case EXPORT_ITEM:
		fputs("<li>", r->f);
		break;
	case EXPORT_FIELD:
		fputs(H(r)->fields++ ? " · <strong>" : "<strong>", r->f);
		html_put(r, label, 0);
		fputs(":</strong> ", r->f);
		break;
	case EXPORT_LABEL:
		fputs("<h4>", r->f);
		break;
	}
}

static void html_block_end(export_out *r)
{
	static const char *const ends[] = {
		[EXPORT_PARA] = "</p>\n", [EXPORT_ITEM] = "</li>\n", [EXPORT_FIELD] = "",
		[EXPORT_LABEL] = "</h4>\n",
	};
	fputs(ends[H(r)->block], r->f);
}

static void html_fields_begin(export_out *r)
{
	H(r)->fields = 0;
	fputs("<p class=\"meta\">", r->f);
}

static void html_fields_end(export_out *r)
{
	fputs("</p>\n", r->f);
}

static void html_list_begin(export_out *r, const char *cls)
{
	if (cls)
		fprintf(r->f, "<ul class=\"%s\">\n", cls);
	else
		fputs("<ul>\n", r->f);
}

static void html_list_end(export_out *r)
{
	fputs("</ul>\n", r->f);
}

static void html_span_begin(export_out *r, export_span s)
{
	H(r)->span = s;
	fputs(s == EXPORT_STRONG ? "<strong>" : "<span class=\"tags\">", r->f);
}

/* Spans do not nest: this ends the one open. */
static void html_span_end(export_out *r)
{
	fputs(H(r)->span == EXPORT_STRONG ? "</strong>" : "</span>", r->f);
}

static const char *html_col_class(const export_col *c)
{
	return c->num ? " class=\"num\"" : c->code ? " class=\"code\"" : "";
}

static void html_table_begin(export_out *r, const export_table *t)
{
	H(r)->t = t;
	fputs("<table>\n<thead><tr>", r->f);
	for (int i = 0; i < t->n; i++) {
		fprintf(r->f, "<th%s>", t->cols[i].num ? " class=\"num\"" : "");
		html_put(r, t->cols[i].label, 0);
		fputs("</th>", r->f);
	}
	fputs("</tr></thead>\n<tbody>\n", r->f);
}

static void html_row_begin(export_out *r)
{
	H(r)->col = 0;
	fputs("<tr>", r->f);
}

static void html_cell(export_out *r, const char *s)
{
	html_out *h = H(r);
	const char *cls = h->col < h->t->n ? html_col_class(&h->t->cols[h->col]) : "";
	h->col++;
	fprintf(r->f, "<td%s>", cls);
	html_put(r, s, 0);
	fputs("</td>", r->f);
}

static void html_row_end(export_out *r)
{
	fputs("</tr>\n", r->f);
}

static void html_table_end(export_out *r)
{
	fputs("</tbody>\n</table>\n", r->f);
}

static void html_chart(export_out *r, const chart_spec *c)
{
	chart_write(r->f, c, &r->rc);
}

static const export_ops html_ops = {
	EXPORT_OPS(html),
	.section_begin = html_section_begin,
	.section_end = html_section_end,
	.span_begin = html_span_begin,
	.span_end = html_span_end,
	.chart = html_chart,
};

rs_status export_render_html(rs_db *db, const rs_export_opts *o, FILE *out)
{
	html_out h = {.o = {.f = out}};
	return export_walk(db, o, &html_ops, &h.o);
}
