/* The rows of the equity view, drawn the same in the Equity pane and on
 * the projector: a dimension's heading, the column heads, and one group per
 * row with its target, its share as a bar with the target marked, and the
 * figure; "not heard" for a group with a target nobody of it has filled. */
#include "tui.h"

#include <stdio.h>
#include <string.h>

equity_cols equity_columns(int x, int width, int both)
{
	equity_cols c = {.x = x, .width = width, .target = 6, .share = 5, .flag = 10, .both = both};
	c.label = width * 7 / 20 < 14 ? 14 : width * 7 / 20 > 40 ? 40 : width * 7 / 20;
	int bars = width - c.label - c.target - c.flag - (both ? 2 * c.share + 1 : c.share);
	c.bar = both ? bars / 2 : bars;
	if (c.bar < 4)
		c.bar = 4;
	return c;
}

int equity_unheard(const rs_balance_group *g)
{
	return g->target > 0 && g->count == 0;
}

double equity_full_bar(const rs_balance *b, rs_balance_dim dim)
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

/* "19%", with the blank of a two-digit figure at its left. */
static void percent(double v, char *buf, size_t size)
{
	snprintf(buf, size, "%3.0f%%", v * 100);
}

void equity_heading(WINDOW *w, int y, equity_cols c, const rs_balance *b, rs_balance_dim d,
		    double full)
{
	/* One per dimension: the participation groups ("in the room",
	 * "online") had none and ran on under the countries' rows. */
	static const char *const names[] = {"Sector", "Region", "Gender", "Country",
					    "Participation"};
	_Static_assert(sizeof names / sizeof names[0] == BAL__COUNT, "a heading per dimension");
	int groups = 0, unheard = 0;
	for (size_t i = 0; i < b->n_groups; i++)
		if (b->groups[i].dim == d) {
			groups++;
			unheard += equity_unheard(&b->groups[i]);
		}
	char line[96], pc[16];
	percent(full, pc, sizeof pc);
	const char *bar = pc[0] == ' ' ? pc + 1 : pc;
	if (unheard)
		snprintf(line, sizeof line, "  %d of %d not heard; a full bar is %s", unheard, groups,
			 bar);
	else
		snprintf(line, sizeof line, "  a full bar is %s", bar);
	int x = draw_text(w, y, c.x, names[d], c.width, ROLE_HEADER, 0);
	draw_text(w, y, c.x + x, line, c.width - x, ROLE_MUTED, 1);
}

void equity_column_heads(WINDOW *w, int y, equity_cols c, const rs_balance *b)
{
	/* Each head within its column: beside another pane the columns are
	 * narrower than the words, which ran into each other. */
	int col = c.bar + c.share;
	const char *wide[] = {"interventions", "speaking time"}, *narrow[] = {"count", "time"};
	const char *const *heads = col > 13 ? wide : narrow;
	/* "target" over the figures, which end a cell before the bars. */
	draw_text(w, y, c.x + c.label - 1, "target", c.target, ROLE_MUTED, 0);
	int x = c.label + c.target;
	for (int i = 0; i < 2 && x < c.width; i++) {
		if (!c.both && i != b->by_time)
			continue;
		int room = col < c.width - x ? col : c.width - x;
		draw_text(w, y, c.x + x, heads[i], room, i == b->by_time ? ROLE_HEADER : ROLE_MUTED,
			  0);
		x += c.bar + c.share + 1;
	}
}

void equity_row(WINDOW *w, int y, equity_cols c, const rs_balance *b, const rs_balance_group *g,
		double full, int blocks)
{
	char label[200], pc[16];
	snprintf(label, sizeof label, "%s%s", rs_balance_group_label(g), g->quota ? " (quota)" : "");
	draw_text(w, y, c.x, label, c.label - 1, ROLE_NORMAL, 1);
	int x = c.x + c.label;
	percent(g->target, pc, sizeof pc);
	draw_text(w, y, x + 1, pc, c.target - 1, ROLE_NORMAL, 1);
	x += c.target;
	for (int by_time = 0; by_time < 2; by_time++) {
		if (!c.both && by_time != b->by_time)
			continue;
		double share = rs_balance_share(b, g, by_time);
		draw_bar(w, y, x, c.bar, share / full, g->target / full, blocks);
		percent(share, pc, sizeof pc);
		draw_text(w, y, x + c.bar + 1, pc, c.share - 1, ROLE_NORMAL, 0);
		x += c.bar + c.share + 1;
	}
	if (equity_unheard(g))
		draw_text(w, y, x, "not heard", c.flag - 1, ROLE_WARNING, 0);
}
