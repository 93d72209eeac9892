/* Drawing text safely: control characters never reach the terminal, wide
 * characters are measured with wcwidth and never split at the edge. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/text.h"

/* Each role's attributes and colour pair, kept apart: wattr_set takes the
 * pair from its own argument and drops any A_COLOR bits of the attributes,
 * so a pair folded into the attributes would draw no colour at all. */
static struct {
	attr_t attr;
	short pair;
} roles_in_use[ROLE__COUNT];

/* A scheme per terminal: foreground and background (-1: the terminal's own)
 * and the attributes that go with them.  Emphasis that must read on dark and
 * light backgrounds alike (selection, warning, overtime, paused) sets both
 * colours; the rest keep the terminal's background. */
typedef struct {
	short fg, bg;
	attr_t attr;
} role_style;

/* Without colour only what vt100 has: bold, underline and reverse (no dim
 * there, and blinking would pull every eye off the speaker).  The clock's
 * states take a combination each: bold in time, bold and underlined in the
 * warning, bold and reversed over time (its big digits in negative,
 * draw_big), and a pause the one left, reversed and underlined, so that a
 * held clock never looks like the warning it may be held in. */
static const role_style mono[ROLE__COUNT] = {
	[ROLE_NORMAL] = {-1, -1, A_NORMAL},
	[ROLE_HEADER] = {-1, -1, A_BOLD},
	[ROLE_SELECTED] = {-1, -1, A_REVERSE},
	[ROLE_MUTED] = {-1, -1, A_DIM},
	[ROLE_SPEAKING] = {-1, -1, A_BOLD},
	[ROLE_WARNING] = {-1, -1, A_BOLD | A_UNDERLINE},
	[ROLE_OVERTIME] = {-1, -1, A_BOLD | A_REVERSE},
	[ROLE_PAUSED] = {-1, -1, A_REVERSE | A_UNDERLINE},
	[ROLE_TAB] = {-1, -1, A_NORMAL},
	[ROLE_TAB_ACTIVE] = {-1, -1, A_REVERSE | A_BOLD},
	[ROLE_TAB_BESIDE] = {-1, -1, A_UNDERLINE},
	[ROLE_SELECTED_IDLE] = {-1, -1, A_UNDERLINE},
	[ROLE_BAR] = {-1, -1, A_NORMAL},
	[ROLE_TARGET] = {-1, -1, A_BOLD},
	[ROLE_MESSAGE] = {-1, -1, A_REVERSE},
};

static const role_style eight[ROLE__COUNT] = {
	[ROLE_NORMAL] = {-1, -1, A_NORMAL},
	[ROLE_HEADER] = {COLOR_CYAN, -1, A_BOLD},
	[ROLE_SELECTED] = {COLOR_WHITE, COLOR_BLUE, A_BOLD},
	[ROLE_MUTED] = {-1, -1, A_DIM},
	[ROLE_SPEAKING] = {COLOR_GREEN, -1, A_BOLD},
	[ROLE_WARNING] = {COLOR_BLACK, COLOR_YELLOW, A_NORMAL},
	[ROLE_OVERTIME] = {COLOR_WHITE, COLOR_RED, A_BOLD},
	[ROLE_PAUSED] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL},
	[ROLE_TAB] = {-1, -1, A_NORMAL},
	[ROLE_TAB_ACTIVE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD},
	[ROLE_TAB_BESIDE] = {-1, -1, A_UNDERLINE},
	[ROLE_SELECTED_IDLE] = {-1, -1, A_UNDERLINE},
	[ROLE_BAR] = {COLOR_CYAN, -1, A_NORMAL},
	[ROLE_TARGET] = {COLOR_MAGENTA, -1, A_BOLD},
	[ROLE_MESSAGE] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL},
};

/* xterm's 256 colours: mid tones that read on black and on white. */
static const role_style many[ROLE__COUNT] = {
	[ROLE_NORMAL] = {-1, -1, A_NORMAL},
	[ROLE_HEADER] = {31, -1, A_BOLD},
	[ROLE_SELECTED] = {231, 25, A_BOLD},
	[ROLE_MUTED] = {244, -1, A_NORMAL},
	[ROLE_SPEAKING] = {34, -1, A_BOLD},
	[ROLE_WARNING] = {16, 220, A_NORMAL},
	[ROLE_OVERTIME] = {231, 160, A_BOLD},
	[ROLE_PAUSED] = {16, 117, A_NORMAL},
	[ROLE_TAB] = {-1, -1, A_NORMAL},
	[ROLE_TAB_ACTIVE] = {231, 25, A_BOLD},
	[ROLE_TAB_BESIDE] = {231, 243, A_NORMAL},
	[ROLE_SELECTED_IDLE] = {231, 243, A_NORMAL},
	[ROLE_BAR] = {67, -1, A_NORMAL},
	[ROLE_TARGET] = {166, -1, A_BOLD},
	[ROLE_MESSAGE] = {16, 252, A_NORMAL},
};

void draw_init_colours(int colour)
{
	const role_style *scheme = !colour ? mono : COLORS >= 256 ? many : eight;
	for (int r = 0; r < ROLE__COUNT; r++) {
		roles_in_use[r].attr = scheme[r].attr;
		roles_in_use[r].pair = 0;
		if (colour && (scheme[r].fg >= 0 || scheme[r].bg >= 0)) {
			short pair = (short)(r + 1); /* pair 0 is the terminal's own */
			init_pair(pair, scheme[r].fg, scheme[r].bg);
			roles_in_use[r].pair = pair;
		}
	}
}

void draw_set_role(WINDOW *w, tui_role r)
{
	wattr_set(w, roles_in_use[r].attr, roles_in_use[r].pair, NULL);
}

attr_t draw_attr(tui_role r)
{
	return roles_in_use[r].attr;
}

short draw_pair(tui_role r)
{
	return roles_in_use[r].pair;
}

/* Decodes one UTF-8 character; rs_text_inert has already replaced control
 * and invalid bytes, so this only walks valid text. */
static int next_wchar(const char **s, wchar_t *wc)
{
	mbstate_t st = {0};
	size_t n = mbrtowc(wc, *s, MB_CUR_MAX, &st);
	if (n == 0 || n == (size_t)-1 || n == (size_t)-2) {
		*wc = L'?';
		n = 1;
	}
	*s += n;
	return 1;
}

int draw_char_width(wchar_t wc)
{
	int w = wcwidth(wc);
	return rs_text_is_control((long)wc) || w < 0 ? 1 : w;
}

/* s as it may be drawn (rs_text_inert): a tab, which a text may hold, is
 * a blank between its words, not the mark of something wrong. */
static char *screen_text(const char *s)
{
	s = s ? s : "";
	if (!strchr(s, '\t'))
		return rs_text_inert(s, 0);
	char *blank = strdup(s);
	for (char *c = blank; c && *c; c++)
		*c = *c == '\t' ? ' ' : *c;
	char *safe = blank ? rs_text_inert(blank, 0) : NULL;
	free(blank);
	return safe;
}

int draw_text(WINDOW *w, int y, int x, const char *s, int width, tui_role role, int pad)
{
	char *safe = screen_text(s);
	const char *text = safe ? safe : "";
	/* Text cut short says so: its last column is an ellipsis. */
	int cut = width > 1 && rs_text_width(text) > width;
	int room = cut ? width - 1 : width, used = 0;
	draw_set_role(w, role);
	wmove(w, y, x);
	for (const char *p = text; *p && used < room;) {
		wchar_t wc;
		const char *before = p;
		next_wchar(&p, &wc);
		int cw = draw_char_width(wc);
		if (used + cw > room) {
			p = before;
			break;
		}
		if (cw == 0 && used == 0)
			continue; /* a combining mark with nothing to combine with */
		waddnwstr(w, &wc, 1);
		used += cw;
	}
	if (cut) {
		for (; used < room; used++)
			waddch(w, ' '); /* a wide character that did not fit */
		if (MB_CUR_MAX > 1)
			waddwstr(w, L"\u2026");
		else
			waddch(w, '~');
		used++;
	}
	for (; pad && used < width; used++)
		waddch(w, ' ');
	wattr_set(w, A_NORMAL, 0, NULL);
	free(safe);
	return used;
}

int draw_width(const char *s)
{
	char *safe = screen_text(s);
	int used = 0;
	for (const char *p = safe ? safe : ""; *p;) {
		wchar_t wc;
		next_wchar(&p, &wc);
		used += draw_char_width(wc);
	}
	free(safe);
	return used;
}

void draw_fit(char *dst, size_t size, const char *src, int width)
{
	draw_copy(dst, size, src);
	if (draw_width(dst) <= width || width < 1)
		return;
	/* Whole characters up to width - 1 columns, then the ellipsis. */
	const char *p = dst;
	int used = 0;
	while (*p) {
		const char *at = p;
		wchar_t wc;
		next_wchar(&p, &wc);
		if (used + draw_char_width(wc) > width - 1) {
			p = at;
			break;
		}
		used += draw_char_width(wc);
	}
	size_t keep = (size_t)(p - dst);
	if (keep + 4 <= size)
		memcpy(dst + keep, "\xe2\x80\xa6", 4);
}

void draw_copy(char *dst, size_t size, const char *src)
{
	if (size && (size_t)snprintf(dst, size, "%s", src ? src : "") >= size)
		rs_text_mark_cut(dst, size);
}

typedef struct {
	WINDOW *w;
	int y, x, width, rows;
	tui_role role;
	int drawn;
} wrapped_rows;

static void wrapped_line(void *ctx, const char *start, size_t len)
{
	wrapped_rows *r = ctx;
	if (r->drawn >= r->rows)
		return;
	/* The last row takes the rest of the text, which draw_text cuts with
	 * its ellipsis: text that does not fit says so. */
	char *line = r->drawn == r->rows - 1 ? strdup(start) : strndup(start, len);
	for (char *c = line; c && *c; c++)
		if (*c == '\n')
			*c = ' ';
	draw_text(r->w, r->y + r->drawn++, r->x, line ? line : "", r->width, r->role, 1);
	free(line);
}

int draw_wrapped(WINDOW *w, int y, int x, int width, int rows, const char *s, tui_role role)
{
	wrapped_rows r = {w, y, x, width, rows, role, 0};
	draw_wrap(s, width, wrapped_line, &r);
	return r.drawn;
}

static void no_line(void *ctx, const char *start, size_t len)
{
	(void)ctx;
	(void)start;
	(void)len;
}

int draw_wrap_rows(const char *s, int width)
{
	return draw_wrap(s, width, no_line, NULL);
}

int draw_wrap(const char *s, int width, draw_line_cb line, void *ctx)
{
	int lines = 0;
	if (width < 1)
		width = 1;
	const char *p = s ? s : "";
	do {
		const char *start = p, *brk = NULL;
		int used = 0;
		while (*p && *p != '\n') {
			const char *before = p;
			wchar_t wc;
			next_wchar(&p, &wc);
			int cw = draw_char_width(wc);
			if (used + cw > width && used > 0) {
				/* Break after the last space if there was one, else here. */
				p = brk ? brk : before;
				break;
			}
			used += cw;
			if (wc == L' ')
				brk = p;
		}
		const char *end = p;
		if (*p == '\n')
			p++;
		else
			while (*p == ' ')
				p++; /* the spaces at a soft break start no line */
		line(ctx, start, (size_t)(end - start));
		lines++;
	} while (*p);
	return lines;
}

/* 3x5 glyphs for 0-9, ':' and '-': 15 cells each, row by row. */
static const char *glyph(char c)
{
	static const char *const digits[] = {
		"#### ## ## ####", "  #  #  #  #  #", "###  #####  ###", "###  ####  ####",
		"# ## ####  #  #", "####  ###  ####", "####  #### ####", "###  #  #  #  #",
		"#### ##### ####", "#### ####  ####",
	};
	if (c >= '0' && c <= '9')
		return digits[c - '0'];
	if (c == ':')
		return "    #     #    ";
	if (c == '-')
		return "      ###      ";
	return "               ";
}

int draw_big_width(const char *text, int scale)
{
	int n = (int)strlen(text);
	return n ? (n * 4 - 1) * scale : 0;
}

/* Strokes are drawn as glyphs in the role's colour and never under
 * A_REVERSE: reversed full blocks swap strokes and gaps, and reversed spaces
 * over a reversed window fill the whole digit.  Where the locale has no
 * block character the strokes are '#'.  A role that is reverse video
 * without colour (over time, NO_COLOR or vt100) is drawn in negative
 * instead: the gaps, and a margin of one stroke each side where the window
 * has room, are reversed spaces and the strokes are left dark, so the
 * digits read as dark on a lit slab.  Bold alone could not set them apart
 * from a clock in time, which is bold too. */
static void big_cell(WINDOW *w, int stroke, int negative, int utf8)
{
	if (negative) {
		if (stroke)
			wattr_off(w, A_REVERSE, NULL);
		else
			wattr_on(w, A_REVERSE, NULL);
		waddch(w, ' ');
	} else if (!stroke) {
		waddch(w, ' ');
	} else if (utf8) {
		waddwstr(w, L"\u2588");
	} else {
		waddch(w, '#');
	}
}

/* The negative's margin: one stroke's width of reversed cells at column x
 * over the digits' rows, where the window holds it. */
static void big_margin(WINDOW *w, int y, int x, int scale)
{
	if (x < 0 || x + scale > getmaxx(w))
		return;
	for (int row = 0; row < 5 * scale; row++) {
		wmove(w, y + row, x);
		for (int i = 0; i < scale; i++)
			big_cell(w, 0, 1, 0);
	}
}

int draw_big(WINDOW *w, int y, int x, const char *text, tui_role role, int utf8, int scale)
{
	if (scale < 1)
		scale = 1;
	int negative = (draw_attr(role) & A_REVERSE) != 0;
	wattr_set(w, draw_attr(role) & ~A_REVERSE, draw_pair(role), NULL);
	if (negative) {
		big_margin(w, y, x - scale, scale);
		big_margin(w, y, x + draw_big_width(text, scale), scale);
	}
	int col = x;
	for (const char *c = text; *c; c++) {
		const char *g = glyph(*c);
		for (int row = 0; row < 5 * scale; row++) {
			wmove(w, y + row, col);
			for (int i = 0; i < 3 * scale; i++)
				big_cell(w, g[row / scale * 3 + i / scale] == '#', negative, utf8);
			if (c[1]) /* the gap between glyphs, in the role's colour too */
				for (int i = 0; i < scale; i++)
					big_cell(w, 0, negative, utf8);
		}
		col += 4 * scale;
	}
	wattr_set(w, A_NORMAL, 0, NULL);
	return draw_big_width(text, scale);
}

/* One cell of a bar: eighths (0-8) of it filled. */
static void bar_cell(WINDOW *w, int eighths, int blocks)
{
	/* U+2588 is the full block; U+2589..U+258F fill seven eighths down to one. */
	wchar_t wc = (wchar_t)(eighths >= 8 ? 0x2588 : 0x2590 - eighths);
	if (eighths <= 0)
		waddch(w, ' ');
	else if (!blocks)
		waddch(w, '#');
	else
		waddnwstr(w, &wc, 1);
}

void draw_bar(WINDOW *w, int y, int x, int width, double share, double target, int blocks)
{
	if (width < 1)
		return;
	share = share < 0 ? 0 : share > 1 ? 1 : share;
	/* Eighths of a cell filled; without block elements whole cells, rounded. */
	int filled = blocks ? (int)(share * width * 8 + 0.5) : (int)(share * width + 0.5) * 8;
	int mark = target < 0 ? -1 : (int)(target * width + 1e-9); /* 25.0, not 24.99... */
	if (mark >= width)
		mark = width - 1;
	wmove(w, y, x);
	for (int c = 0; c < width; c++) {
		if (c == mark) {
			draw_set_role(w, ROLE_TARGET);
			if (blocks)
				waddwstr(w, L"\u2502");
			else
				waddch(w, '|');
			continue;
		}
		draw_set_role(w, ROLE_BAR);
		int e = filled - c * 8;
		bar_cell(w, e > 8 ? 8 : e, blocks);
	}
	wattr_set(w, A_NORMAL, 0, NULL);
}

void draw_scroll(int sel, int rows, int n, list_window *v)
{
	if (rows < 1)
		rows = 1;
	if (rows != v->rows)
		v->top = 0;
	v->rows = rows;
	int *top = &v->top;
	if (sel < *top)
		*top = sel;
	if (sel >= *top + rows)
		*top = sel - rows + 1;
	if (*top + rows > n)
		*top = n - rows;
	if (*top < 0)
		*top = 0;
}

int draw_move(int *sel, int n, int page, tui_action a)
{
	int to;
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
		to = *sel + (a == ACT_UP ? -1 : 1);
		break;
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		to = *sel + (a == ACT_PAGE_UP ? -page : page);
		break;
	case ACT_FIRST:
	case ACT_LAST:
		to = a == ACT_FIRST ? 0 : n - 1;
		break;
	default:
		return -1;
	}
	*sel = to >= n ? n - 1 : to;
	*sel = *sel < 0 ? 0 : *sel;
	return DIRTY_PANE;
}
