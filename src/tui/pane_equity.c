/* The equity view: who has had the floor, by sector, region, gender and
 * country, against the share each group should have; for the item this
 * terminal looks at (the live one, or one chosen in the Agenda with Enter)
 * or, with m, for the whole meeting.  A group is a row: its target, then its
 * share of the interventions and of the speaking time as bars with the
 * target marked on each; a group with a target not heard yet says so.  The
 * figures are rs_balance_stats', the ones `queue stats --json` prints.  They
 * are read when the database changes (another terminal's call shows within
 * a poll) and the pane is drawn, and while someone speaks every
 * EQUITY_REREAD seconds of the clock, for the speaking time. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/balance.h"
#include "rostrum/clock.h"

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
	double full[BAL__COUNT]; /* the share a dimension's full bar stands for */
	int top, page;
	int64_t read_at; /* when the figures were read */
} equity_pane;

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
	e->loaded = 0;
}

/* The figures of the item viewed here (or the meeting), and the rows: each
 * dimension's heading, then its groups in rs_balance_stats' order. */
static void equity_load(equity_pane *e, tui *t)
{
	equity_free(e);
	e->stale = 0;
	e->read_at = rs_now();
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
		}
		e->full[d] = equity_full_bar(&e->b, (rs_balance_dim)d);
	}
}

static void equity_reload(pane *p, tui *t)
{
	(void)t;
	((equity_pane *)p->priv)->stale = 1;
}

/* ---- drawing ---------------------------------------------------------------- */

/* "7 interventions, 21:30 on this item; balance: interventions, whole
 * meeting" (what the balanced policy counts, and over what). */
static void draw_totals(WINDOW *w, const equity_pane *e, int width)
{
	char line[200], d[24];
	rs_duration_text(e->b.total_seconds, d, sizeof d);
	snprintf(line, sizeof line, "%lld intervention%s, %s %s; balance: %s, %s",
		 (long long)e->b.total_count, e->b.total_count == 1 ? "" : "s", d,
		 e->meeting ? "in the meeting" : "on this item",
		 e->b.by_time ? "speaking time" : "interventions",
		 e->b.scope_meeting ? "whole meeting" : "each item");
	draw_text(w, 1, 0, line, width, ROLE_NORMAL, 1);
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
	equity_cols c = equity_columns(0, p->cols, 1);
	draw_totals(w, e, p->cols);
	equity_column_heads(w, 2, c, &e->b);
	e->page = p->rows - HEAD_ROWS > 1 ? p->rows - HEAD_ROWS : 1;
	int last = e->n_lines - e->page > 0 ? e->n_lines - e->page : 0;
	e->top = e->top > last ? last : e->top;
	if (!e->n_lines)
		draw_text(w, HEAD_ROWS, 1, "Nobody on the roster and nobody heard yet", p->cols - 1,
			  ROLE_MUTED, 0);
	for (int r = 0; r < e->page && e->top + r < e->n_lines; r++) {
		const equity_line *l = &e->lines[e->top + r];
		if (l->group < 0)
			equity_heading(w, HEAD_ROWS + r, c, &e->b, l->dim, e->full[l->dim]);
		else
			equity_row(w, HEAD_ROWS + r, c, &e->b, &e->b.groups[l->group], e->full[l->dim],
				   t->blocks);
	}
}

/* The speech going on adds to its group's speaking time: read again now
 * and then (only the cells that changed reach the terminal). */
static void equity_tick(pane *p, tui *t, WINDOW *w)
{
	equity_pane *e = p->priv;
	if (!t->speaker.active || rs_now() - e->read_at < EQUITY_REREAD)
		return;
	e->stale = 1;
	werase(w);
	equity_draw(p, t, w);
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
		tui_say(t, "equity of %s", e->meeting ? "the whole meeting" : tui_view_title(t));
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
	.shows = RS_CHANGED_QUEUE | RS_CHANGED_ROSTER | RS_CHANGED_AGENDA | RS_CHANGED_MEETING,
	.open = equity_open,
	.reload = equity_reload,
	.draw = equity_draw,
	.tick = equity_tick,
	.action = equity_action,
	.hints = equity_hints,
	.close = equity_close,
};
