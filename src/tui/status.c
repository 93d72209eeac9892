/* The tab bar, the status line (clock, current item, speaker's time left,
 * the keys that matter now) and the help screen. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"

enum { CLOCK_COLS = 8, SPEAKER_COLS = 30 };

void tabbar_draw(tui *t)
{
	WINDOW *w = t->tabbar;
	werase(w);
	int x = 0;
	for (int i = 0; i < PANE__COUNT && x < t->cols; i++) {
		char label[48];
		snprintf(label, sizeof label, " %d %s ", i + 1, t->panes[i].ops->name);
		int active = i == t->focus || i == t->second;
		x += draw_text(w, 0, x, label, t->cols - x, active ? ROLE_TAB_ACTIVE : ROLE_TAB, 0);
		if (x < t->cols)
			x += draw_text(w, 0, x, " ", 1, ROLE_NORMAL, 0);
	}
	wnoutrefresh(w);
}

/* Meeting time at the venue, HH:MM:SS. */
static void clock_text(tui *t, char *buf, size_t size)
{
	rs_local_format(t->timezone, rs_now(), "%H:%M:%S", buf, size);
}

static void speaker_text(tui *t, char *buf, size_t size, tui_role *role)
{
	*role = ROLE_NORMAL;
	if (!t->speaker.active) {
		snprintf(buf, size, "floor open");
		return;
	}
	rs_countdown c = rs_queue_countdown(&t->speaker.entry, t->warning_seconds, rs_now());
	char d[24];
	draw_duration(c.left < 0 ? -c.left : c.left, d, sizeof d);
	snprintf(buf, size, "%s %s %s", c.paused ? "||" : ">", d,
		 c.state == RS_COUNT_OVERTIME ? "over" : "left");
	*role = tui_countdown_role(c);
}

/* The time-dependent cells only: a tick sends a few bytes, not a line. */
void status_tick(tui *t)
{
	char clock[16], spk[48];
	tui_role role;
	clock_text(t, clock, sizeof clock);
	draw_text(t->status, 0, 0, clock, CLOCK_COLS, ROLE_HEADER, 1);
	if (!t->too_small && t->cols >= 60) {
		speaker_text(t, spk, sizeof spk, &role);
		draw_text(t->status, 0, CLOCK_COLS + 1, spk, 14, role, 1);
	}
	wnoutrefresh(t->status);
}

void status_draw(tui *t)
{
	WINDOW *w = t->status;
	werase(w);
	status_tick(t);
	if (t->too_small || t->cols < 60)
		return;
	int x = CLOCK_COLS + 1 + 14 + 1;
	int rest = t->cols - x;
	/* The outcome of the last action matters more than what is on screen
	 * anyway (the item is in the panes' headers): it gets the whole line. */
	if (t->message[0]) {
		draw_text(w, 0, x, t->message, rest, t->message_error ? ROLE_WARNING : ROLE_NORMAL, 1);
		wnoutrefresh(w);
		return;
	}
	const char *item = t->current_item ? t->current_title : "no item open";
	int item_cols = rest < 72 ? rest / 4 : 32;
	draw_text(w, 0, x, item, item_cols, ROLE_MUTED, 1);
	x += item_cols + 1;
	pane *p = &t->panes[t->focus];
	const char *hints = p->ops->hints ? p->ops->hints(p, t) : "";
	char all[256];
	snprintf(all, sizeof all, "%s%s? help  q quit", hints, *hints ? "  " : "");
	draw_text(w, 0, x, all, t->cols - x, ROLE_MUTED, 1);
	wnoutrefresh(w);
}

void help_open(tui *t)
{
	static char lines[ACT__COUNT + 2][96];
	static const char *ptrs[ACT__COUNT + 2];
	int n = 0;
	snprintf(lines[n], sizeof lines[n], "Keys (rebind with `bind` in rostrum.conf):");
	ptrs[n] = lines[n];
	n++;
	for (int a = 0; a < ACT__COUNT; a++) {
		char key[24];
		snprintf(lines[n], sizeof lines[n], "  %-8s %-18s %s", keys_label(a, key, sizeof key),
			 action_name(a), action_help(a));
		ptrs[n] = lines[n];
		n++;
	}
	modal_text(t, "Help", ptrs, n);
}
