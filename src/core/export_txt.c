/* The summary report as plain text for e-mail: rendering only (export_walk.c
 * decides what is shown).  Wrapped at 78 display columns (wide characters
 * count two), headings underlined (each depth its own mark), the parts of an
 * item as labels in capitals, tables as aligned columns that fit (or,
 * too wide, one numbered entry a row), no control characters. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* open_memstream, strdup */
#endif
#include "export_report.h"

#include <stdlib.h>
#include <string.h>

#include "rostrum/text.h"

#define TXT_WIDTH 78
#define TXT_GAP 2      /* spaces between table columns */
#define TXT_MIN_COL 4  /* a column is never narrowed below this */
#define TXT_MAX_COLS 16

/* A table of columns is gathered, since its column widths depend on its
 * rows: whole up to TXT_GATHER rows; past that, the widths the first
 * TXT_GATHER rows set hold for the rest (a longer cell wraps in its
 * column), so a table of any length is written in bounded memory.  A table
 * written as records is written row by row. */
#define TXT_GATHER 1000

typedef struct {
	const export_table *spec;
	const char *header[TXT_MAX_COLS];
	int right[TXT_MAX_COLS]; /* right-aligned columns (numbers) */
	int cols;
	char **cells; /* rows * cols, inert, one line each */
	size_t rows;
	int col;      /* the next cell's column in the last row */
	int w[TXT_MAX_COLS]; /* the column widths, once set */
	int head;     /* the header is written: the widths are set */
	int written;  /* some rows are written already */
} txt_table;

typedef struct {
	export_out o;
	export_block block; /* the open block */
	FILE *m;            /* its text, composed before it is wrapped */
	char *buf;
	size_t size;
	txt_table t; /* the table being gathered */
} txt_out;

static txt_out *T(export_out *r)
{
	return (txt_out *)r;
}

static void txt_oom(export_out *r)
{
	if (r->rc == RS_OK)
		r->rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
}

/* ------------------------------------------------------------------ */
/* Wrapping.                                                           */

/* The bytes of s that go on a line of width columns: up to the last blank
 * that fits, or as many characters as fit when no blank does (a long word is
 * broken), never past a newline.  A link that starts the line is kept whole
 * past the width: a link broken in two leads nowhere when copied.  *next is
 * where the next line starts, blanks and one newline skipped.  Trailing
 * blanks are left out. */
static size_t txt_break(const char *s, int width, const char **next)
{
	size_t len = strcspn(s, "\n");
	size_t cut = rs_text_fit(s, len, width, NULL), at = 0;
	size_t link = rs_text_find_link(s, &at);
	if (cut < len && s[cut] != ' ') {
		size_t b = cut;
		while (b > 0 && s[b] != ' ')
			b--;
		if (b > 0)
			cut = b;
		else if (link && at == 0) /* with the punctuation after it */
			cut = strcspn(s, " \n");
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
static char *txt_clean(export_out *x, const char *s, int keep_newlines)
{
	char *t = export_inert(s, keep_newlines);
	if (!t)
		txt_oom(x);
	return t;
}

/* Writes s wrapped: the first line starts at column col (the caller wrote
 * what comes before), later lines are indented by indent.  Blank lines and
 * leading blanks are dropped: the layout is the report's, not the text's. */
static void txt_wrap_at(export_out *x, const char *s, int col, int indent)
{
	char *t = txt_clean(x, s, 1);
	if (!t)
		return;
	const char *p = t + strspn(t, " \n");
	while (*p) {
		const char *next;
		size_t n = txt_break(p, TXT_WIDTH - col, &next);
		fwrite(p, 1, n, x->f);
		p = next + strspn(next, " \n");
		if (*p) {
			fprintf(x->f, "\n%*s", indent, "");
			col = indent;
		}
	}
	free(t);
}

/* A paragraph of s after prefix, then a newline. */
static void txt_para(export_out *x, const char *prefix, const char *s, int indent)
{
	fputs(prefix, x->f);
	txt_wrap_at(x, s, rs_text_width(prefix), indent);
	fputc('\n', x->f);
}

/* ------------------------------------------------------------------ */
/* Tables.                                                             */

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
static void txt_cell_line(export_out *x, const char *s, size_t n, int width, int right, int last)
{
	int len;
	rs_text_fit(s, n, TXT_WIDTH, &len);
	if (right)
		fprintf(x->f, "%*s", width - len, "");
	fwrite(s, 1, n, x->f);
	if (!right && !last)
		fprintf(x->f, "%*s", width - len, "");
	if (!last)
		fprintf(x->f, "%*s", TXT_GAP, "");
}

/* A row, each cell wrapped within its column, as many lines as the
 * tallest cell takes. */
static void txt_table_line(export_out *x, const char *const *cells, const int *w)
{
	const txt_table *t = &T(x)->t;
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
			txt_cell_line(x, p[i], n, w[i], t->right[i], i == last);
			p[i] = next;
			more |= *next != '\0';
		}
		fputc('\n', x->f);
	}
}

static void txt_record(export_out *x, char *const *cells);

/* Sets the column widths from the header and the rows gathered, and writes
 * the header and its rule. */
static void txt_table_head(export_out *x)
{
	txt_table *t = &T(x)->t;
	int *w = t->w, word[TXT_MAX_COLS] = {0};
	char rule[TXT_MAX_COLS][TXT_WIDTH + 1];
	const char *rules[TXT_MAX_COLS];
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
	for (int i = 0; i < t->cols; i++) {
		int n = w[i] < TXT_WIDTH ? w[i] : TXT_WIDTH;
		memset(rule[i], '-', (size_t)n);
		rule[i][n] = '\0';
		rules[i] = rule[i];
	}
	txt_table_line(x, t->header, w);
	txt_table_line(x, rules, w);
	t->head = 1;
}

/* Writes the rows gathered (as columns, or records) and lets them go. */
static void txt_table_rows(export_out *x)
{
	txt_table *t = &T(x)->t;
	for (size_t r = 0; r < t->rows && x->rc == RS_OK; r++) {
		char **cells = &t->cells[r * (size_t)t->cols];
		if (t->spec->record)
			txt_record(x, cells);
		else
			txt_table_line(x, (const char *const *)cells, t->w);
	}
	for (size_t i = 0; i < t->rows * (size_t)t->cols; i++)
		free(t->cells[i]);
	t->written |= t->rows > 0;
	t->rows = 0;
}

/* ------------------------------------------------------------------ */
/* Records: a table too wide for the page, one numbered entry a row.   */

/* 1 if every "{N}" in the n bytes of p names a non-empty cell. */
static int txt_filled(const char *p, size_t n, char *const *cells, int cols)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] == '{') {
			int col = atoi(p + i + 1);
			if (col < 0 || col >= cols || !*cells[col])
				return 0;
		}
	return 1;
}

/* Writes the n bytes of p with each "{N}" replaced by cell N. */
static void txt_expand(FILE *f, const char *p, size_t n, char *const *cells, int cols)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != '{') {
			fputc(p[i], f);
			continue;
		}
		int col = atoi(p + i + 1);
		if (col >= 0 && col < cols)
			fputs(cells[col], f);
		while (i < n && p[i] != '}')
			i++;
	}
}

/* One row as the table's record says, after its number. */
static void txt_record(export_out *x, char *const *cells)
{
	const txt_table *t = &T(x)->t;
	char num[32], *buf = NULL;
	size_t size;
	FILE *f = open_memstream(&buf, &size);
	if (!f) {
		txt_oom(x);
		return;
	}
	for (const char *p = t->spec->record; *p;) {
		size_t n = *p == '[' ? strcspn(p, "]") : strcspn(p, "[");
		if (*p != '[')
			txt_expand(f, p, n, cells, t->cols);
		else if (txt_filled(p + 1, n - 1, cells, t->cols))
			txt_expand(f, p + 1, n - 1, cells, t->cols);
		p += n + (*p == '[' && p[n]);
	}
	if (fclose(f) != 0 || !buf) {
		txt_oom(x);
	} else if (!strncmp(t->spec->record, "- ", 2)) { /* buf begins with it */
		txt_para(x, "- ", buf + 2, 2);
	} else {
		snprintf(num, sizeof num, "%3s. ", cells[0]);
		txt_para(x, num, buf, 5);
	}
	free(buf);
}

/* ------------------------------------------------------------------ */
/* The ops.                                                            */

/* Headings: level 1 (the title) over- and underlined with '=', level 2
 * (sections, agenda items) underlined with '=', level 3 (sub-items, a
 * section's groups) with '-', deeper ones (the items under those) with
 * '~': each depth its own (the parts of an item are labels, txt_part). */
static void txt_heading(export_out *x, int level, const char *title)
{
	static const char marks[] = "===-~";
	char *t = export_inert(title, 0);
	if (!t) {
		txt_oom(x);
		return;
	}
	int w = rs_text_width(t);
	char mark = marks[level < 5 ? level : 4];
	if (w > TXT_WIDTH)
		w = TXT_WIDTH;
	if (level == 1) {
		for (int i = 0; i < w; i++)
			fputc(mark, x->f);
		fputc('\n', x->f);
	}
	txt_para(x, "", t, 0);
	for (int i = 0; i < w; i++)
		fputc(mark, x->f);
	fputs("\n\n", x->f);
	free(t);
}

/* A part of an item ("KEY POINTS", "WHO TOOK THE FLOOR") as a label in
 * capitals on a line of its own: not underlined, so that it never reads as
 * a sub-item's heading, whatever the item's depth. */
static void txt_part(export_out *x, int level, const char *title)
{
	(void)level;
	char *t = txt_clean(x, title, 0);
	if (!t)
		return;
	for (char *p = t; *p; p++)
		if (*p >= 'a' && *p <= 'z') /* the walk's own words; other letters as they are */
			*p = (char)(*p - 'a' + 'A');
	txt_para(x, "", t, 0);
	fputc('\n', x->f);
	free(t);
}

/* The title, the subtitle, then the date, time and venue as lines. */
static void txt_begin(export_out *x, const export_title *t)
{
	if (!t->title) {
		txt_heading(x, 1, t->subtitle);
		return;
	}
	txt_heading(x, 1, t->title);
	txt_para(x, "", t->subtitle, 0);
	fputc('\n', x->f);
	if (t->meeting)
		txt_para(x, "", t->meeting, 0);
	if (t->host)
		txt_para(x, "Hosted by ", t->host, 2);
	if (t->date)
		txt_para(x, "", t->date, 0);
	if (t->time)
		txt_para(x, "", t->time, 0);
	if (t->venue)
		txt_para(x, "Venue: ", t->venue, 2);
	fputc('\n', x->f);
}

static void txt_end(export_out *x)
{
	(void)x;
}

static void txt_fields_begin(export_out *x)
{
	(void)x;
}

/* Fields are lines; a blank line after the last. */
static void txt_fields_end(export_out *x)
{
	fputc('\n', x->f);
}

static void txt_list_begin(export_out *x, const char *cls)
{
	(void)x, (void)cls;
}

static void txt_list_end(export_out *x)
{
	txt_fields_end(x);
}

/* A block's text is composed whole, then wrapped. */
static void txt_block_begin(export_out *x, export_block b, const char *cls, const char *label)
{
	txt_out *t = T(x);
	(void)cls;
	t->block = b;
	t->buf = NULL;
	if (!(t->m = open_memstream(&t->buf, &t->size)))
		txt_oom(x);
	else if (b == EXPORT_FIELD)
		fprintf(t->m, "%s: ", label);
}

/* Paragraphs and labels are followed by a blank line; list entries and
 * fields are lines, continuation lines indented. */
static void txt_block_end(export_out *x)
{
	txt_out *t = T(x);
	if (!t->m)
		return;
	if (fclose(t->m) != 0 || !t->buf) {
		txt_oom(x);
	} else {
		int indent = t->block == EXPORT_PARA ? 0 : 2;
		txt_para(x, t->block == EXPORT_ITEM ? "- " : "", t->buf, indent);
		if (t->block == EXPORT_PARA || t->block == EXPORT_LABEL)
			fputc('\n', x->f);
	}
	free(t->buf);
	t->buf = NULL;
	t->m = NULL;
}

/* Text joins the open block; one-line text has no line breaks. */
static void txt_text(export_out *x, const char *s, int flags)
{
	FILE *m = T(x)->m;
	if (!m)
		return;
	for (; *s; s++)
		fputc(*s == '\n' && !(flags & EXPORT_LINES) ? ' ' : *s, m);
}

static void txt_line_break(export_out *x)
{
	if (T(x)->m)
		fputc('\n', T(x)->m);
}

/* A link stays as it is: plain text readers see and copy it whole. */
static void txt_link(export_out *x, const char *url)
{
	txt_text(x, url, 0);
}

static void txt_table_begin(export_out *x, const export_table *spec)
{
	txt_table *t = &T(x)->t;
	*t = (txt_table){.spec = spec, .cols = spec->n < TXT_MAX_COLS ? spec->n : TXT_MAX_COLS};
	for (int i = 0; i < t->cols; i++) {
		const export_col *c = &spec->cols[i];
		t->header[i] = c->narrow ? c->narrow : c->label;
		t->right[i] = c->num;
	}
}

/* Appends an empty row. */
static void txt_row_begin(export_out *x)
{
	txt_table *t = &T(x)->t;
	char **v = realloc(t->cells, (t->rows + 1) * (size_t)t->cols * sizeof *v);
	if (!v) {
		txt_oom(x);
		return;
	}
	t->cells = v;
	for (int i = 0; i < t->cols; i++)
		v[t->rows * (size_t)t->cols + (size_t)i] = NULL;
	t->rows++;
	t->col = 0;
}

static void txt_cell(export_out *x, const char *s)
{
	txt_table *t = &T(x)->t;
	if (!t->rows || t->col >= t->cols)
		return;
	t->cells[(t->rows - 1) * (size_t)t->cols + (size_t)t->col++] = txt_clean(x, s, 0);
}

/* Every cell of the last row has text (empty if none was given); a record,
 * or a row past the gathering, is written now. */
static void txt_row_end(export_out *x)
{
	txt_table *t = &T(x)->t;
	for (int i = 0; t->rows && i < t->cols; i++) {
		char **c = &t->cells[(t->rows - 1) * (size_t)t->cols + (size_t)i];
		if (!*c && !(*c = strdup("")))
			txt_oom(x);
	}
	if (!t->spec->record && !t->head && t->rows == TXT_GATHER && x->rc == RS_OK)
		txt_table_head(x);
	if (t->spec->record || t->head)
		txt_table_rows(x);
}

/* Writes what is left of the table (nothing if it had no rows) and frees
 * it. */
static void txt_table_end(export_out *x)
{
	txt_table *t = &T(x)->t;
	if ((t->rows || t->written) && x->rc == RS_OK) {
		if (t->rows && !t->spec->record && !t->head)
			txt_table_head(x);
		txt_table_rows(x);
		fputc('\n', x->f);
	}
	txt_table_rows(x); /* frees them, after a failure too */
	free(t->cells);
	*t = (txt_table){0};
}

static const export_ops txt_ops = {EXPORT_OPS(txt), .part = txt_part};

rs_status export_render_txt(rs_db *db, const rs_export_opts *o, FILE *out)
{
	txt_out t = {.o = {.f = out}};
	return export_walk(db, o, &txt_ops, &t.o);
}
