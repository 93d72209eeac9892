/* The tab bar, the status line (clock, current item, speaker's time left,
 * the keys that matter now) and the help screen. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"

enum { CLOCK_COLS = 5, SPEAKER_COLS = 30 };

void tabbar_draw(tui *t)
{
	WINDOW *w = t->tabbar;
	werase(w);
	int x = 0;
	for (int i = 0; i < PANE__COUNT && x < t->cols; i++) {
		char label[48];
		snprintf(label, sizeof label, " %d %s ", i + 1, t->panes[i].ops->name);
		tui_role role = i == t->focus ? ROLE_TAB_ACTIVE : i == t->second ? ROLE_TAB_BESIDE
										  : ROLE_TAB;
		x += draw_text(w, 0, x, label, t->cols - x, role, 0);
		if (x < t->cols)
			x += draw_text(w, 0, x, " ", 1, ROLE_NORMAL, 0);
	}
	wnoutrefresh(w);
}

/* Meeting time at the venue, HH:MM: the speaker's time carries the
 * seconds, and a wall clock to the second would send its digit down every
 * line, every second (over SSH, a third of what a tick costs). */
static void clock_text(tui *t, char *buf, size_t size)
{
	rs_local_format(t->timezone, rs_now(), "%H:%M", buf, size);
}

static void speaker_text(tui *t, char *buf, size_t size, tui_role *role)
{
	*role = ROLE_NORMAL;
	if (!t->speaker.active) {
		rs_floor_brief(&t->floor, buf, size); /* a break, no item live */
		return;
	}
	rs_countdown c = rs_queue_countdown(&t->speaker.entry, t->warning_seconds, rs_now());
	char d[24];
	rs_duration_text(c.left < 0 ? -c.left : c.left, d, sizeof d);
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

/* "K/J move" for a hint, from the keys bound now; 0 when its action has no
 * key. */
static int hint_text(const tui_hint *h, char *buf, size_t size)
{
	char k1[24], k2[24];
	if (h->action == ACT_NONE) {
		snprintf(buf, size, "%s", h->label);
		return 1;
	}
	if (!strcmp(keys_label((tui_action)h->action, k1, sizeof k1), "-"))
		return 0;
	if (h->also != ACT_NONE && strcmp(keys_label((tui_action)h->also, k2, sizeof k2), "-"))
		snprintf(buf, size, "%s/%s %s", k1, k2, h->label);
	else
		snprintf(buf, size, "%s %s", k1, h->label);
	return 1;
}

/* A key of the floor is offered only where the core's state lets it act;
 * n with no item live opens the next item only when someone waits on it
 * (offered then as that, by floor_lead). */
static int floor_key_offered(const tui *t, int action)
{
	switch (action) {
	case ACT_PAUSE:
	case ACT_END_SPEECH:
	case ACT_NEXT_SPEAKER:
		return rs_floor_takes_speech(&t->floor);
	case ACT_GIVE_FLOOR:
	case ACT_POINT_OF_ORDER:
	case ACT_REQUEUE:
	case ACT_REQUESTS:
		return rs_floor_takes_requests(&t->floor);
	default:
		return 1;
	}
}

/* In a break or with no item live, what opens the floor takes the place
 * of the pane's "next" (or comes last): n when someone waits on the next
 * item (it opens it), else the agenda's o.  0: none to give (the Agenda
 * pane offers its o itself). */
static int floor_lead(const tui *t, tui_hint *h, char *label, size_t size)
{
	rs_floor_kind k = t->floor.kind;
	if (rs_floor_takes_speech(&t->floor))
		return 0;
	if (k == RS_FLOOR_NO_ITEM && t->floor.next_waiting) {
		*h = (tui_hint){ACT_NEXT_SPEAKER, ACT_NONE, "opens it, calls the first"};
		return 1;
	}
	if (t->focus == PANE_AGENDA)
		return 0;
	char o[24];
	snprintf(label, size, "agenda: %s opens %s", keys_label(ACT_OPEN_ITEM, o, sizeof o),
		 k == RS_FLOOR_BREAK ? "the next item" : "an item");
	*h = (tui_hint){ACT_PANE_AGENDA, ACT_NONE, label};
	return 1;
}

enum { HINTS_MAX = 32 };

/* The pane's hints by priority, then undo and quit, as many as fit in
 * width; the help key always has its place at the end. */
static void hints_line(tui *t, int width, char *out, size_t size)
{
	static const tui_hint help = {ACT_HELP, ACT_NONE, "help"};
	static const tui_hint undo = {ACT_UNDO, ACT_NONE, "undo"}, quit = {ACT_QUIT, ACT_NONE, "quit"};
	pane *p = &t->panes[t->focus];
	size_t n_pane = 0, n = 0;
	const tui_hint *pane_hints = p->ops->hints ? p->ops->hints(p, t, &n_pane) : NULL;
	tui_hint own[HINTS_MAX], opens;
	char label[96];
	int lead = floor_lead(t, &opens, label, sizeof label);
	for (size_t i = 0; i < n_pane && n < HINTS_MAX - 1; i++)
		if (floor_key_offered(t, pane_hints[i].action))
			own[n++] = pane_hints[i];
		else if (pane_hints[i].action == ACT_NEXT_SPEAKER && lead) {
			own[n++] = opens;
			lead = 0;
		}
	if (lead)
		own[n++] = opens;
	char tail[48] = "", one[96];
	int reserve = hint_text(&help, tail, sizeof tail) ? draw_width(tail) : 0;
	size_t used = 0, undo_at = n < 3 ? n : 3; /* undo right after the pane's first three */
	out[0] = '\0';
	for (size_t i = 0; i < n + 2; i++) {
		const tui_hint *h = i == undo_at ? &undo : i == n + 1 ? &quit : &own[i - (i > undo_at)];
		/* While the pane takes typing, u and q are letters. */
		if ((h == &undo || h == &quit) && p->typing)
			continue;
		if (!hint_text(h, one, sizeof one))
			continue;
		int w = draw_width(out) + (used ? 2 : 0) + draw_width(one);
		if (w + (reserve ? 2 + reserve : 0) > width)
			break; /* the rest matter less */
		used += (size_t)snprintf(out + used, size - used, "%s%s", used ? "  " : "", one);
		if (used >= size)
			return;
	}
	if (*tail)
		snprintf(out + used, size - used, "%s%s", used ? "  " : "", tail);
}

/* Where the status line's message begins, after the clock and the
 * speaker's time. */
enum { MESSAGE_X = CLOCK_COLS + 1 + 14 + 1, BAND_MAX_ROWS = 4 };

static int message_fits(const tui *t)
{
	return draw_width(t->message) <= t->cols - MESSAGE_X;
}

/* A refusal says why and what to do, most often at its end: cut to the
 * status line's width at 80 columns, the remedy was lost. */
int status_band_rows(const tui *t)
{
	if (!t->message[0] || t->too_small || t->cols < 60 || message_fits(t))
		return 0;
	int n = draw_wrap_rows(t->message, t->cols - 2);
	return n < BAND_MAX_ROWS ? n : BAND_MAX_ROWS;
}

void status_band_draw(tui *t)
{
	WINDOW *w = t->band;
	tui_role role = t->message_error ? ROLE_WARNING : ROLE_MESSAGE;
	werase(w);
	for (int y = 0; y < t->band_rows; y++)
		draw_text(w, y, 0, "", t->cols, role, 1);
	draw_wrapped(w, 0, 1, t->cols - 2, t->band_rows, t->message, role);
	wnoutrefresh(w);
}

void status_draw(tui *t)
{
	WINDOW *w = t->status;
	werase(w);
	status_tick(t);
	if (t->too_small || t->cols < 60)
		return;
	int x = MESSAGE_X;
	int rest = t->cols - x;
	/* The outcome of the last action matters more than what is on screen
	 * anyway (the item is in the panes' headers): it gets the whole line,
	 * or, too long for it, a band above (status_band_rows). */
	if (t->message[0] && message_fits(t)) {
		draw_text(w, 0, x, t->message, rest, t->message_error ? ROLE_WARNING : ROLE_NORMAL, 1);
		wnoutrefresh(w);
		return;
	}
	char next[300];
	snprintf(next, sizeof next, *t->floor_title ? "next: %s" : "nothing left to run",
		 t->floor_title);
	const char *item = t->current_item ? t->current_title : next;
	int item_cols = rest < 72 ? rest / 4 : 24;
	draw_text(w, 0, x, item, item_cols, ROLE_MUTED, 1);
	x += item_cols + 1;
	/* From any pane: the next speaker is online, the remote channel must be
	 * opened before the call. */
	if (t->speaker.next_online[0] && t->cols - x > 40) {
		char next[200];
		snprintf(next, sizeof next, "next online: %s", t->speaker.next_online);
		int used = draw_text(w, 0, x, next, (t->cols - x) / 2, ROLE_WARNING, 0);
		x += used + 2;
	}
	char all[512];
	hints_line(t, t->cols - x, all, sizeof all);
	draw_text(w, 0, x, all, t->cols - x, ROLE_MUTED, 1);
	wnoutrefresh(w);
}

/* The help's lines, an action's words wrapped under their column: cut at
 * the box's edge, the longer ones lost what they do. */
enum { HELP_LINES = ACT__COUNT * 3 + 1, HELP_COLS = 160 };
typedef struct {
	char (*lines)[HELP_COLS];
	int n;
	const char *lead; /* the key and the name, or spaces under them */
	int indent;
} help_rows;

static void help_line(void *ctx, const char *start, size_t len)
{
	help_rows *h = ctx;
	if (h->n >= HELP_LINES)
		return;
	snprintf(h->lines[h->n++], HELP_COLS, "%-*s%.*s", h->indent, h->lead, (int)len, start);
	h->lead = "";
}

void help_open(tui *t)
{
	static const char *const fixed[] = {
		"",
		"Keys that are not bound:",
		"  Ctrl-C   quit (asks first over something written and not saved)",
		"  Enter    in a prompt, the answer; Tab next field of a form",
		"  y        to a question, yes; any other key is no",
		"  Ctrl-D   in the notes editor, save (also F2); Enter starts a new line",
		"  Tab      in the notes editor, a tab; in a form, the next field",
	};
	enum { N_FIXED = sizeof fixed / sizeof fixed[0] };
	static char lines[HELP_LINES][HELP_COLS];
	static const char *ptrs[HELP_LINES + N_FIXED];
	help_rows h = {lines, 0, "", 0};
	snprintf(lines[h.n++], HELP_COLS, "Keys (rebind with `bind` in rostrum.conf):");
	for (int a = 0; a < ACT__COUNT; a++) {
		char key[40], lead[80];
		snprintf(lead, sizeof lead, "  %-8s %-18s ", keys_all_label(a, key, sizeof key),
			 action_name(a));
		h.lead = lead;
		h.indent = draw_width(lead);
		draw_wrap(action_help(a), modal_inner_width(t) - h.indent, help_line, &h);
	}
	int n = 0;
	for (; n < h.n; n++)
		ptrs[n] = lines[n];
	for (int i = 0; i < N_FIXED; i++)
		ptrs[n++] = fixed[i];
	modal_text(t, "Help", ptrs, n);
}
