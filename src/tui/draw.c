/* Drawing text safely: control characters never reach the terminal, wide
 * characters are measured with wcwidth and never split at the edge. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/text.h"

static attr_t role_attr[ROLE__COUNT];

void draw_init_colours(int colour)
{
	static const struct {
		short fg, bg;
		attr_t mono;
	} roles[ROLE__COUNT] = {
		[ROLE_NORMAL] = {-1, -1, A_NORMAL},
		[ROLE_HEADER] = {COLOR_CYAN, -1, A_BOLD},
		[ROLE_SELECTED] = {COLOR_BLACK, COLOR_CYAN, A_REVERSE},
		[ROLE_MUTED] = {COLOR_BLUE, -1, A_DIM},
		[ROLE_SPEAKING] = {COLOR_GREEN, -1, A_BOLD},
		[ROLE_WARNING] = {COLOR_YELLOW, -1, A_BOLD},
		[ROLE_OVERTIME] = {COLOR_RED, -1, A_BOLD | A_REVERSE},
		[ROLE_TAB] = {-1, -1, A_NORMAL},
		[ROLE_TAB_ACTIVE] = {COLOR_BLACK, COLOR_CYAN, A_REVERSE | A_BOLD},
	};
	for (int r = 0; r < ROLE__COUNT; r++) {
		role_attr[r] = roles[r].mono;
		if (colour && r != ROLE_NORMAL && r != ROLE_TAB) {
			init_pair((short)r, roles[r].fg, roles[r].bg);
			role_attr[r] = COLOR_PAIR(r) | (roles[r].mono & (A_BOLD | A_REVERSE)) *
							   (r == ROLE_OVERTIME || r == ROLE_TAB_ACTIVE);
			if (r == ROLE_HEADER || r == ROLE_SPEAKING || r == ROLE_WARNING)
				role_attr[r] |= A_BOLD;
		}
	}
}

attr_t draw_attr(tui_role r)
{
	return role_attr[r];
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

static int wc_width(wchar_t wc)
{
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

int draw_text(WINDOW *w, int y, int x, const char *s, int width, tui_role role, int pad)
{
	char *safe = rs_text_inert(s ? s : "", 0);
	int used = 0;
	wattr_set(w, draw_attr(role), 0, NULL);
	wmove(w, y, x);
	for (const char *p = safe ? safe : ""; *p && used < width;) {
		wchar_t wc;
		const char *before = p;
		next_wchar(&p, &wc);
		int cw = wc_width(wc);
		if (used + cw > width) {
			p = before;
			break;
		}
		if (cw == 0 && used == 0)
			continue; /* a combining mark with nothing to combine with */
		waddnwstr(w, &wc, 1);
		used += cw;
	}
	for (; pad && used < width; used++)
		waddch(w, ' ');
	wattr_set(w, A_NORMAL, 0, NULL);
	free(safe);
	return used;
}

int draw_width(const char *s)
{
	char *safe = rs_text_inert(s ? s : "", 0);
	int used = 0;
	for (const char *p = safe ? safe : ""; *p;) {
		wchar_t wc;
		next_wchar(&p, &wc);
		used += wc_width(wc);
	}
	free(safe);
	return used;
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
			int cw = wc_width(wc);
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

void draw_duration(int64_t seconds, char *buf, size_t size)
{
	const char *sign = seconds < 0 ? "-" : "";
	int64_t s = seconds < 0 ? -seconds : seconds;
	if (s >= 3600)
		snprintf(buf, size, "%s%lld:%02lld:%02lld", sign, (long long)(s / 3600),
			 (long long)(s / 60 % 60), (long long)(s % 60));
	else
		snprintf(buf, size, "%s%lld:%02lld", sign, (long long)(s / 60), (long long)(s % 60));
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

int draw_big(WINDOW *w, int y, int x, const char *text, tui_role role, int utf8)
{
	int col = x;
	wattr_set(w, draw_attr(role), 0, NULL);
	for (const char *c = text; *c; c++) {
		const char *g = glyph(*c);
		for (int row = 0; row < 5; row++) {
			wmove(w, y + row, col);
			for (int i = 0; i < 3; i++) {
				if (g[row * 3 + i] == '#') {
					if (utf8)
						waddwstr(w, L"\u2588");
					else
						waddch(w, ' ' | A_REVERSE);
				} else {
					waddch(w, ' ');
				}
			}
		}
		col += 4;
	}
	wattr_set(w, A_NORMAL, 0, NULL);
	return col - x;
}

void draw_scroll(int sel, int rows, int *top)
{
	if (rows < 1)
		rows = 1;
	if (sel < *top)
		*top = sel;
	if (sel >= *top + rows)
		*top = sel - rows + 1;
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
