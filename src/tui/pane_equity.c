/* The equity view: who has had the floor, by sector, region, gender and
 * country, against the share each group should have; for the item this
 * terminal looks at (the live one, or one chosen in the Agenda with Enter)
 * or, with m, for the whole meeting.  A group is a row: its target, then its
 * share of the interventions and of the speaking time as bars with the
 * target marked on each; a group with a target not heard yet says so.  The
 * figures are rs_balance_stats', the ones `queue stats --json` prints.  They
 * are read when the database changes (another terminal's call shows within
 * a poll) and the pane is drawn, never on the clock tick. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/balance.h"

enum { HEAD_ROWS = 3 }; /* title, totals, column heads */

/* A row of the list: a dimension's heading (group < 0) or one group. */
typedef struct {
	rs_balance_dim dim;
	int group;
} equity_line;

typedef struct {
	rs_balance b;
	int loaded;   /* b holds figures */
	int stale;    /* the database changed since they were read */
	int64_t item; /* the item they are of (0: the whole meeting) */
	int meeting;  /* this terminal shows the whole meeting */
	equity_line *lines;
	int n_lines;
	int groups[BAL__COUNT], unheard[BAL__COUNT]; /* a dimension's groups, those not heard */
	double scale[BAL__COUNT]; /* the share a dimension's full bar stands for */
	int top, page;
} equity_pane;

/* The columns, in display cells: the group's label, its target, then for
 * the interventions and for the speaking time a bar and its share; last,
 * the "not heard" flag. */
typedef struct {
	int label, target, bar, share, flag;
} equity_cols;

static equity_cols columns(int width)
{
	equity_cols c = {.target = 6, .share = 5, .flag = 10};
	c.label = width * 7 / 20 < 14 ? 14 : width * 7 / 20 > 40 ? 40 : width * 7 / 20;
	c.bar = (width - c.label - c.target - 2 * c.share - 1 - c.flag) / 2;
	if (c.bar < 4)
		c.bar = 4;
	return c;
}

static int equity_open(pane *p, tui *t)
{
	(void)t;
	equity_pane *e = calloc(1, sizeof(equity_pane));
	p->priv = e;
	if (!e)
		return -1;
	e->stale = 1;
	return 0;
}

static void equity_free(equity_pane *e)
{
	if (e->loaded)
		rs_balance_free(&e->b);
	free(e->lines);
	e->lines = NULL;
	e->n_lines = 0;
	memset(e->groups, 0, sizeof e->groups);
	memset(e->unheard, 0, sizeof e->unheard);
	e->loaded = 0;
}

static int unheard(const rs_balance_group *g)
{
	return g->target > 0 && g->count == 0;
}

/* The next tenth above the largest share or target of a dimension (10% at
 * the least): its bars fill the width, and read at a round scale. */
static double bar_scale(const rs_balance *b, rs_balance_dim dim)
{
	double max = 0;
	for (size_t i = 0; i < b->n_groups; i++) {
		const rs_balance_group *g = &b->groups[i];
		double v[] = {g->target, rs_balance_share(b, g, 0), rs_balance_share(b, g, 1)};
		for (int k = 0; g->dim == dim && k < 3; k++)
			max = v[k] > max ? v[k] : max;
	}
	int tenths = (int)(max * 10 - 1e-9) + 1;
	return (tenths < 1 ? 1 : tenths > 10 ? 10 : tenths) / 10.0;
}

/* The figures of the item viewed here (or the meeting), and the rows: each
 * dimension's heading, then its groups in rs_balance_stats' order. */
static void equity_load(equity_pane *e, tui *t)
{
	equity_free(e);
	e->stale = 0;
	e->item = e->meeting ? 0 : tui_view_item(t);
	if (!e->meeting && !e->item)
		return;
	if (rs_balance_stats(t->db, e->item, &e->b) != RS_OK)
		return;
	e->loaded = 1;
	e->lines = calloc(e->b.n_groups + BAL__COUNT, sizeof *e->lines);
	if (!e->lines)
		return;
	for (int d = 0; d < BAL__COUNT; d++) {
		int first = 1;
		for (size_t i = 0; i < e->b.n_groups; i++) {
			const rs_balance_group *g = &e->b.groups[i];
			if ((int)g->dim != d)
				continue;
			if (first)
				e->lines[e->n_lines++] = (equity_line){(rs_balance_dim)d, -1};
			first = 0;
			e->lines[e->n_lines++] = (equity_line){(rs_balance_dim)d, (int)i};
			e->groups[d]++;
			e->unheard[d] += unheard(g);
		}
		e->scale[d] = bar_scale(&e->b, (rs_balance_dim)d);
	}
}

static void equity_reload(pane *p, tui *t)
{
	(void)t;
	((equity_pane *)p->priv)->stale = 1;
}

/* ---- drawing ---------------------------------------------------------------- */

static void percent(double v, char *buf, size_t size)
{
	snprintf(buf, size, "%3.0f%%", v * 100);
}

/* "Sector  11 of 17 not heard; a full bar is 20%" */
static void draw_heading(WINDOW *w, int y, const equity_pane *e, rs_balance_dim d, int width)
{
	static const char *const names[BAL__COUNT] = {"Sector", "Region", "Gender", "Country"};
	char line[96], pc[16];
	percent(e->scale[d], pc, sizeof pc);
	int x = draw_text(w, y, 0, names[d], width, ROLE_HEADER, 0);
	if (e->unheard[d])
		snprintf(line, sizeof line, "  %d of %d not heard; a full bar is %s", e->unheard[d],
			 e->groups[d], pc[0] == ' ' ? pc + 1 : pc);
	else
		snprintf(line, sizeof line, "  a full bar is %s", pc[0] == ' ' ? pc + 1 : pc);
	draw_text(w, y, x, line, width - x, ROLE_MUTED, 1);
}

/* One group: label, target, the two bars with their shares, the flag. */
static void draw_group(WINDOW *w, int y, const equity_pane *e, const rs_balance_group *g,
		       equity_cols c, int blocks)
{
	char label[200], pc[16];
	snprintf(label, sizeof label, "%s%s", rs_balance_group_label(g), g->quota ? " (quota)" : "");
	draw_text(w, y, 0, label, c.label - 1, ROLE_NORMAL, 1);
	int x = c.label;
	percent(g->target, pc, sizeof pc);
	draw_text(w, y, x + 1, pc, c.target - 1, ROLE_NORMAL, 1);
	x += c.target;
	double scale = e->scale[g->dim];
	for (int by_time = 0; by_time < 2; by_time++) {
		double share = rs_balance_share(&e->b, g, by_time);
		draw_bar(w, y, x, c.bar, share / scale, g->target / scale, blocks);
		percent(share, pc, sizeof pc);
		draw_text(w, y, x + c.bar + 1, pc, c.share - 1, ROLE_NORMAL, 0);
		x += c.bar + c.share + 1;
	}
	if (unheard(g))
		draw_text(w, y, x, "not heard", c.flag - 1, ROLE_WARNING, 0);
}

/* "7 interventions, 21:30 on this item; the balance counts interventions". */
static void draw_totals(WINDOW *w, const equity_pane *e, int width)
{
	char line[200], d[24];
	draw_duration(e->b.total_seconds, d, sizeof d);
	snprintf(line, sizeof line, "%lld intervention%s, %s %s; the balance counts %s",
		 (long long)e->b.total_count, e->b.total_count == 1 ? "" : "s", d,
		 e->meeting ? "in the meeting" : "on this item",
		 e->b.by_time ? "speaking time" : "interventions");
	draw_text(w, 1, 0, line, width, ROLE_NORMAL, 1);
}

static void draw_column_heads(WINDOW *w, const equity_pane *e, equity_cols c, int width)
{
	const char *heads[] = {"interventions", "speaking time"};
	/* "target" over the figures, which end a cell before the bars. */
	draw_text(w, 2, c.label - 1, "target", c.target, ROLE_MUTED, 0);
	int x = c.label + c.target;
	for (int i = 0; i < 2 && x < width; i++) {
		draw_text(w, 2, x, heads[i], width - x, e->b.by_time == i ? ROLE_HEADER : ROLE_MUTED,
			  0);
		x += c.bar + c.share + 1;
	}
}

static void equity_draw(pane *p, tui *t, WINDOW *w)
{
	equity_pane *e = p->priv;
	if (e->stale || e->item != (e->meeting ? 0 : tui_view_item(t)))
		equity_load(e, t);
	int x = draw_text(w, 0, 0, "Equity  ", p->cols, ROLE_HEADER, 0);
	draw_text(w, 0, x, e->meeting ? "the whole meeting" : tui_view_title(t), p->cols - x,
		  ROLE_HEADER, 1);
	if (!e->loaded) {
		draw_text(w, 2, 1, e->meeting || e->item ? rs_error() : "No item: m shows the whole "
									 "meeting",
			  p->cols - 1, ROLE_MUTED, 0);
		return;
	}
	equity_cols c = columns(p->cols);
	draw_totals(w, e, p->cols);
	draw_column_heads(w, e, c, p->cols);
	e->page = p->rows - HEAD_ROWS > 1 ? p->rows - HEAD_ROWS : 1;
	int last = e->n_lines - e->page > 0 ? e->n_lines - e->page : 0;
	e->top = e->top > last ? last : e->top;
	if (!e->n_lines)
		draw_text(w, HEAD_ROWS, 1, "Nobody on the roster and nobody heard yet", p->cols - 1,
			  ROLE_MUTED, 0);
	for (int r = 0; r < e->page && e->top + r < e->n_lines; r++) {
		const equity_line *l = &e->lines[e->top + r];
		if (l->group < 0)
			draw_heading(w, HEAD_ROWS + r, e, l->dim, p->cols);
		else
			draw_group(w, HEAD_ROWS + r, e, &e->b.groups[l->group], c, t->blocks);
	}
}

/* ---- actions ---------------------------------------------------------------- */

static int scroll_to(equity_pane *e, int top)
{
	int last = e->n_lines - e->page > 0 ? e->n_lines - e->page : 0;
	e->top = top < 0 ? 0 : top > last ? last : top;
	return DIRTY_PANE;
}

static int equity_action(pane *p, tui *t, tui_action a)
{
	equity_pane *e = p->priv;
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
		return scroll_to(e, e->top + (a == ACT_UP ? -1 : 1));
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		return scroll_to(e, e->top + (a == ACT_PAGE_UP ? -e->page : e->page));
	case ACT_FIRST:
		return scroll_to(e, 0);
	case ACT_LAST:
		return scroll_to(e, e->n_lines);
	case ACT_SCOPE:
		e->meeting = !e->meeting;
		e->stale = 1;
		e->top = 0;
		snprintf(t->message, sizeof t->message, "equity of %s",
			 e->meeting ? "the whole meeting" : tui_view_title(t));
		return DIRTY_PANE;
	default:
		return -1;
	}
}

static const tui_hint *equity_hints(pane *p, tui *t, size_t *n)
{
	static const tui_hint hints[] = {
		{ACT_SCOPE, ACT_NONE, "item/meeting"},
		{ACT_PAGE_DOWN, ACT_PAGE_UP, "scroll"},
		{ACT_NEXT_SPEAKER, ACT_NONE, "next"},
		{ACT_PAUSE, ACT_NONE, "pause"},
	};
	(void)p;
	(void)t;
	*n = sizeof hints / sizeof hints[0];
	return hints;
}

static void equity_close(pane *p)
{
	equity_free(p->priv);
	free(p->priv);
}

const pane_ops pane_equity_ops = {
	.name = "Equity",
	.open = equity_open,
	.reload = equity_reload,
	.draw = equity_draw,
	.action = equity_action,
	.hints = equity_hints,
	.close = equity_close,
};
