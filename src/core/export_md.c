/* The summary report as Markdown (GitHub's): rendering only (export_walk.c
 * decides what is shown).  All text is made inert and escaped so that it
 * can open no block or inline markup; only the links the walk found are
 * links. */
#include "export_report.h"

#include <stdlib.h>
#include <string.h>

#include "rostrum/text.h"

typedef struct {
	export_out o;
	export_block block; /* the open block */
	int fields;         /* fields written on the open meta line */
	export_span span;   /* the open span */
	int line_start;     /* the next character starts a line of a block */
	int pending_break;  /* the text broke its line: a hard break before what follows */
} md_out;

static md_out *M(export_out *r)
{
	return (md_out *)r;
}

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

/* A letter or digit, in any script: '_' between two of them opens no
 * emphasis ("America/New_York" stays as it is). */
static int word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (unsigned char)c >= 0x80;
}

/* The characters that open inline markup wherever they stand (a table,
 * not strchr: every character of a report passes here). */
static const char inline_mark[256] = {
	['\\'] = 1, ['`'] = 1, ['*'] = 1, ['['] = 1, [']'] = 1, ['<'] = 1, ['&'] = 1,
	['|'] = 1, ['#'] = 1, ['~'] = 1,
};

/* A hard line break (a backslash ends the line: CommonMark's, seen in the
 * raw file as trailing spaces are not), indented in a list. */
static void md_break(md_out *m)
{
	fputs(m->block == EXPORT_ITEM ? "\\\n  " : "\\\n", m->o.f);
	m->line_start = 1;
	m->pending_break = 0;
}

/* The text's line break, once something follows it in the block (a break
 * that ends a block would be a literal backslash). */
static void md_pending_break(md_out *m)
{
	if (m->pending_break)
		md_break(m);
}

/* Inert text s, escaped wherever it stands: every character that opens
 * inline markup (emphasis, code, links, raw HTML, entities, table cells,
 * strikethrough) is backslashed, and at the start of a line what opens a
 * block.  Line breaks (there only with EXPORT_LINES) are hard breaks, as
 * HTML's <br>: a soft one would run the lines together.  No blank lines or
 * indentation that would make a code block; in a list entry the lines
 * after the first are indented under it. */
static void md_escaped(md_out *m, const char *s)
{
	FILE *out = m->o.f;
	for (const char *p = s; *p;) {
		if (*p == '\n') {
			while (p[1] == '\n' || p[1] == ' ')
				p++;
			p++;
			m->pending_break = 1;
			continue;
		}
		md_pending_break(m);
		if (m->line_start) {
			while (*p == ' ')
				p++;
			p += md_line_start(out, p);
			m->line_start = 0;
			continue;
		}
		if (inline_mark[(unsigned char)*p] ||
		    (*p == '_' && !(word(p > s ? p[-1] : 0) && word(p[1]))))
			fputc('\\', out);
		fputc(*p++, out);
	}
}

/* Writes s (NULL: nothing) made inert and escaped. */
static void md_put(md_out *m, const char *s, int flags)
{
	if (!s)
		return;
	char *t = export_inert(s, flags & EXPORT_LINES);
	if (!t) {
		if (m->o.rc == RS_OK)
			m->o.rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
		return;
	}
	md_escaped(m, t);
	free(t);
}

static void md_text(export_out *r, const char *s, int flags)
{
	md_put(M(r), s, flags);
}

/* An autolink: the link holds no blank, '<' or '>' (rs_text_find_link). */
static void md_link(export_out *r, const char *url)
{
	md_pending_break(M(r));
	fprintf(r->f, "<%s>", url);
	M(r)->line_start = 0;
}

static void md_line_break(export_out *r)
{
	md_break(M(r));
}

/* One line of text outside blocks (a heading, a cell). */
static void md_line(md_out *m, const char *s)
{
	m->line_start = 0;
	md_put(m, s, 0);
}

static void md_heading(export_out *r, int level, const char *title)
{
	fprintf(r->f, "%.*s ", level < 6 ? level : 6, "######");
	md_line(M(r), title);
	fputs("\n\n", r->f);
}

/* A line of the title block, a paragraph of its own. */
static void md_title_line(md_out *m, const char *label, const char *s)
{
	if (!s)
		return;
	m->line_start = 1;
	m->block = EXPORT_PARA;
	if (label) {
		fputs(label, m->o.f);
		m->line_start = 0;
	}
	md_put(m, s, 0);
	fputs("\n\n", m->o.f);
}

static void md_begin(export_out *r, const export_title *t)
{
	md_out *m = M(r);
	md_heading(r, 1, t->title ? t->title : t->subtitle);
	if (t->title) {
		md_title_line(m, NULL, t->subtitle);
		md_title_line(m, NULL, t->meeting);
		md_title_line(m, "Hosted by ", t->host);
		md_title_line(m, NULL, t->date);
		md_title_line(m, NULL, t->time);
		md_title_line(m, "Venue: ", t->venue);
	}
	fputs("---\n\n", r->f);
}

static void md_end(export_out *r)
{
	(void)r;
}

static void md_block_begin(export_out *r, export_block b, const char *cls, const char *label)
{
	md_out *m = M(r);
	(void)cls;
	m->block = b;
	m->line_start = b != EXPORT_FIELD;
	m->pending_break = 0;
	if (b == EXPORT_ITEM)
		fputs("- ", r->f);
	else if (b == EXPORT_LABEL)
		fputs("**", r->f);
	if (b != EXPORT_FIELD)
		return;
	fputs(m->fields++ ? " · **" : "**", r->f);
	md_put(m, label, 0);
	fputs(":** ", r->f);
}

static void md_block_end(export_out *r)
{
	md_out *m = M(r);
	static const char *const ends[] = {
		[EXPORT_PARA] = "\n\n", [EXPORT_ITEM] = "\n", [EXPORT_FIELD] = "",
		[EXPORT_LABEL] = "**\n\n",
	};
	fputs(ends[m->block], r->f);
	m->block = EXPORT_PARA;
	m->pending_break = 0;
}

static void md_fields_begin(export_out *r)
{
	M(r)->fields = 0;
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
	M(r)->span = s;
	md_pending_break(M(r));
	if (s == EXPORT_STRONG) {
		fputs("**", r->f);
		M(r)->line_start = 0;
	}
}

static void md_span_end(export_out *r)
{
	if (M(r)->span == EXPORT_STRONG)
		fputs("**", r->f);
}

/* "|------|-----:|": each header's width in dashes, a colon for numbers. */
static void md_table_begin(export_out *r, const export_table *t)
{
	fputs("|", r->f);
	for (int i = 0; i < t->n; i++) {
		fputs(" ", r->f);
		md_line(M(r), t->cols[i].label);
		fputs(" |", r->f);
	}
	fputs("\n|", r->f);
	for (int i = 0; i < t->n; i++) {
		const export_col *c = &t->cols[i];
		int width = (int)strlen(c->label) + 2 - c->num;
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
	md_line(M(r), s);
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
