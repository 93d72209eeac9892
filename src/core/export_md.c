/* The summary report as Markdown: rendering only (export_walk.c decides
 * what is shown).  All text goes through rs_text_inert and is escaped so
 * it can open no block or inline markup. */
#include "export_report.h"

#include <stdlib.h>
#include <string.h>

#include "rostrum/text.h"

typedef enum {
	MD_PARA,    /* lines kept, each line's start escaped */
	MD_BULLET,  /* as MD_PARA, continuation lines indented under the bullet */
	MD_CELL,    /* one line, '|' escaped */
	MD_HEADING, /* one line, '#' escaped */
} md_mode;

typedef struct {
	export_out o;
	export_block block; /* the open block */
	int fields;         /* fields written on the open meta line */
	export_span span;   /* the open span */
} md_out;

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

/* Writes s (NULL: nothing) made inert and escaped. */
static void md_put(md_out *m, const char *s, md_mode mode)
{
	if (!s)
		return;
	char *t = rs_text_inert(s, 1);
	if (!t) {
		if (m->o.rc == RS_OK)
			m->o.rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
		return;
	}
	md_escaped(m->o.f, t, mode);
	free(t);
}

static void md_text(export_out *r, const char *s, int flags)
{
	md_out *m = (md_out *)r;
	md_mode mode = !(flags & EXPORT_LINES)	  ? MD_CELL
		       : m->block == EXPORT_ITEM ? MD_BULLET
						  : MD_PARA;
	md_put(m, s, mode);
}

static void md_heading(export_out *r, int level, const char *title)
{
	fprintf(r->f, "%.*s ", level < 6 ? level : 6, "######");
	md_put((md_out *)r, title, MD_HEADING);
	fputs("\n\n", r->f);
}

static void md_begin(export_out *r, const export_title *t)
{
	md_out *m = (md_out *)r;
	if (!t->title) {
		md_heading(r, 1, t->subtitle);
	} else {
		md_heading(r, 1, t->title);
		md_put(m, t->subtitle, MD_PARA);
		fputs("\n\n", r->f);
		const char *line[] = {t->date, t->time};
		for (size_t i = 0; i < 2; i++)
			if (line[i]) {
				md_put(m, line[i], MD_CELL);
				fputs("\n\n", r->f);
			}
		if (t->venue) {
			fputs("Venue: ", r->f);
			md_put(m, t->venue, MD_PARA);
			fputs("\n\n", r->f);
		}
	}
	fputs("---\n\n", r->f);
}

static void md_end(export_out *r)
{
	(void)r;
}

static void md_block_begin(export_out *r, export_block b, const char *cls, const char *label)
{
	md_out *m = (md_out *)r;
	(void)cls;
	m->block = b;
	if (b == EXPORT_ITEM)
		fputs("- ", r->f);
	else if (b == EXPORT_LABEL)
		fputs("**", r->f);
	if (b != EXPORT_FIELD)
		return;
	fputs(m->fields++ ? " · **" : "**", r->f);
	md_put(m, label, MD_CELL);
	fputs(":** ", r->f);
}

static void md_block_end(export_out *r)
{
	md_out *m = (md_out *)r;
	static const char *const ends[] = {
		[EXPORT_PARA] = "\n\n", [EXPORT_ITEM] = "\n", [EXPORT_FIELD] = "",
		[EXPORT_LABEL] = "**\n\n",
	};
	fputs(ends[m->block], r->f);
	m->block = EXPORT_PARA;
}

static void md_fields_begin(export_out *r)
{
	((md_out *)r)->fields = 0;
}

static void md_fields_end(export_out *r)
{
	fputs("\n\n", r->f);
}

static void md_list_begin(export_out *r, const char *cls)
{
	(void)r, (void)cls;
}

/* A list ends as a paragraph does, with a blank line; so does a table. */
static void md_list_end(export_out *r)
{
	fputs("\n", r->f);
}

/* Markdown ends a span with the mark that began it (spans do not nest). */
static void md_span_begin(export_out *r, export_span s)
{
	((md_out *)r)->span = s;
	if (s == EXPORT_STRONG)
		fputs("**", r->f);
}

static void md_span_end(export_out *r)
{
	if (((md_out *)r)->span == EXPORT_STRONG)
		fputs("**", r->f);
}

/* "|------|-----:|": a header's width in dashes, a colon for numbers; a
 * compact rule has three dashes a column. */
static void md_table_begin(export_out *r, const export_table *t)
{
	fputs("|", r->f);
	for (int i = 0; i < t->n; i++) {
		fputs(" ", r->f);
		md_put((md_out *)r, t->cols[i].md ? t->cols[i].md : t->cols[i].label, MD_CELL);
		fputs(" |", r->f);
	}
	fputs("\n|", r->f);
	for (int i = 0; i < t->n; i++) {
		const export_col *c = &t->cols[i];
		int width = t->compact ? 3 : (int)strlen(c->md ? c->md : c->label) + 2 - c->num;
		fprintf(r->f, "%.*s%s|", width, "------------------------------", c->num ? ":" : "");
	}
	fputs("\n", r->f);
}

static void md_row_begin(export_out *r)
{
	fputs("|", r->f);
}

static void md_cell(export_out *r, const char *s)
{
	fputs(" ", r->f);
	md_put((md_out *)r, s, MD_CELL);
	fputs(" |", r->f);
}

static void md_row_end(export_out *r)
{
	fputs("\n", r->f);
}

static void md_table_end(export_out *r)
{
	md_list_end(r);
}

static const export_ops md_ops = {
	EXPORT_OPS(md),
	.span_begin = md_span_begin,
	.span_end = md_span_end,
};

rs_status export_render_md(rs_db *db, const rs_export_opts *o, FILE *out)
{
	md_out m = {.o = {.f = out}};
	return export_walk(db, o, &md_ops, &m.o);
}
