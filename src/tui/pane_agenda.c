/* The programme as a tree with planned and actual times, the current item
 * marked, and a forecast of the end of the day that moves when items run
 * late.  Enter opens the selected item. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/agenda.h"
#include "rostrum/clock.h"
#include "rostrum/meeting.h"

typedef struct {
	rs_agenda_item *items;
	size_t n;
	int64_t *start, *end; /* the forecast, per item */
	/* Per item, its sittings as the actual column gives them (NULL: not
	 * opened, or not read); sat_width the widest. */
	char **sat;
	int sat_width;
	int sel;
	list_window view;
} agenda_pane;

static int agenda_open(pane *p, tui *t)
{
	(void)t;
	p->priv = calloc(1, sizeof(agenda_pane));
	return p->priv ? 0 : -1;
}

static void free_sittings(char **sat, size_t n)
{
	for (size_t i = 0; sat && i < n; i++)
		free(sat[i]);
	free(sat);
}

static void agenda_free_items(agenda_pane *a)
{
	rs_agenda_list_free(a->items, a->n);
	free_sittings(a->sat, a->n);
	free(a->start);
	free(a->end);
	a->items = NULL;
	a->sat = NULL;
	a->start = a->end = NULL;
	a->n = 0;
}

static void hhmm(tui *t, int64_t when, char *buf, size_t size)
{
	if (when < 0)
		snprintf(buf, size, "     ");
	else
		rs_local_format(t->timezone, when, "%H:%M", buf, size);
}

/* "10:00-10:30", or blanks when the item has neither time. */
static void span(char *buf, size_t size, const char *from, const char *to)
{
	if (*from || *to)
		snprintf(buf, size, "%5s-%-5s", from, to);
	else
		snprintf(buf, size, "%11s", "");
}

/* What the report says the item sat, in the column's words: "15:03-17:15",
 * "15:03-17:15, 18:05-18:08" for an item reopened (not the span of what
 * ran between), "18:05-" while a sitting goes on.  NULL: not read. */
static char *sittings_text(tui *t, int64_t item)
{
	rs_sitting *v;
	size_t n;
	if (rs_agenda_sittings(t->db, item, &v, &n) != RS_OK)
		return NULL;
	size_t size = n * 16 + 1;
	char *text = n ? malloc(size) : NULL;
	for (size_t i = 0, used = 0; text && i < n; i++) {
		char from[8], to[8] = "", one[16];
		hhmm(t, v[i].started_at, from, sizeof from);
		if (v[i].ended_at >= 0)
			hhmm(t, v[i].ended_at, to, sizeof to);
		if (n == 1)
			span(one, sizeof one, from, to);
		else
			snprintf(one, sizeof one, "%s-%s", from, to);
		used += (size_t)snprintf(text + used, size - used, "%s%s", i ? ", " : "", one);
	}
	free(v);
	return text;
}

/* An item opened reads its sittings from the journal; the pane is read
 * again at each change of the programme, so an item keeps the words it had
 * (was, was_sat) while its first start and last end stay as they were: a
 * reopening, a close or an undo of either moves one of them. */
static void read_sittings(agenda_pane *a, tui *t, const rs_agenda_item *was, char **was_sat,
			  size_t was_n)
{
	a->sat_width = 0;
	for (size_t i = 0, j = 0; i < a->n; i++) {
		const rs_agenda_item *it = &a->items[i];
		if (it->started_at < 0)
			continue;
		for (j = 0; j < was_n && was[j].id != it->id; j++)
			;
		if (j < was_n && was_sat[j] && was[j].started_at == it->started_at &&
		    was[j].ended_at == it->ended_at) {
			a->sat[i] = was_sat[j];
			was_sat[j] = NULL;
		} else {
			a->sat[i] = sittings_text(t, it->id);
		}
		if (a->sat[i] && draw_width(a->sat[i]) > a->sat_width)
			a->sat_width = draw_width(a->sat[i]);
	}
}

static void agenda_reload(pane *p, tui *t)
{
	agenda_pane *a = p->priv;
	rs_agenda_item *was = a->items;
	char **was_sat = a->sat;
	size_t was_n = a->n;
	a->items = NULL;
	a->sat = NULL;
	a->n = 0;
	agenda_free_items(a);
	if (rs_agenda_list(t->db, &a->items, &a->n) == RS_OK) {
		a->start = calloc(a->n ? a->n : 1, sizeof *a->start);
		a->end = calloc(a->n ? a->n : 1, sizeof *a->end);
		a->sat = calloc(a->n ? a->n : 1, sizeof *a->sat);
		if (a->sat)
			read_sittings(a, t, was, was_sat, was_n);
		if (a->sel >= (int)a->n)
			a->sel = a->n ? (int)a->n - 1 : 0;
	}
	rs_agenda_list_free(was, was_n);
	free_sittings(was_sat, was_n);
}

/* The actual column: as wide as the widest item's sittings, from the
 * planned column's width up to what leaves the titles ACTUAL_TITLE_ROOM
 * columns; an item with more sittings than fit says it is cut. */
#define ACTUAL_MIN 11
#define ACTUAL_OTHERS 21 /* "> ", the planned column, the forecast and the spaces */
#define ACTUAL_TITLE_ROOM 32
#define ACTUAL_CUT_MIN 14 /* "15:03-17:15, …" */

static int actual_width(const agenda_pane *a, int cols)
{
	int want = a->sat_width > ACTUAL_MIN ? a->sat_width : ACTUAL_MIN;
	int room = cols - ACTUAL_OTHERS - ACTUAL_TITLE_ROOM;
	if (room < ACTUAL_CUT_MIN)
		room = ACTUAL_CUT_MIN;
	return want < room ? want : room;
}

/* text in width columns: the whole sittings that fit, then ", …" for those
 * cut off (", ~" where the terminal's characters are bytes, as draw_text
 * marks a cut); cut between characters where not even the first fits. */
static void fit_sittings(char *buf, size_t size, const char *text, int width)
{
	if (draw_width(text) <= width) {
		snprintf(buf, size, "%-*s", width, text);
		return;
	}
	const char *cut = NULL;
	for (const char *p = strstr(text, ", "); p; p = strstr(p + 2, ", "))
		if (p - text + 3 <= width) /* ", " and the ellipsis */
			cut = p;
	if (!cut) {
		draw_fit(buf, size, text, width);
		return;
	}
	int keep = (int)(cut - text);
	snprintf(buf, size, "%.*s, %s%*s", keep, text, MB_CUR_MAX > 1 ? "\xe2\x80\xa6" : "~",
		 width - keep - 3, "");
}

/* The header: the forecast end of the day against the plan. */
static void draw_header(pane *p, tui *t, WINDOW *w)
{
	agenda_pane *a = p->priv;
	char line[160], end[8] = "--:--";
	int64_t day_end = -1;
	if (a->start && a->end)
		day_end = rs_agenda_forecast(a->items, a->n, t->date, t->timezone, rs_now(),
					     a->start, a->end);
	if (day_end >= 0)
		hhmm(t, day_end, end, sizeof end);
	const char *planned = "";
	for (size_t i = 0; i < a->n; i++)
		if (a->items[i].depth == 0 && *a->items[i].end)
			planned = a->items[i].end;
	snprintf(line, sizeof line, "Agenda  forecast end %s (planned %s)", end,
		 *planned ? planned : "--:--");
	draw_text(w, 0, 0, line, p->cols, ROLE_HEADER, 1);
	snprintf(line, sizeof line, "  planned     %-*s fcast item", actual_width(a, p->cols),
		 "actual");
	draw_text(w, 1, 0, line, p->cols, ROLE_MUTED, 1);
}

static void draw_row(pane *p, tui *t, WINDOW *w, int y, size_t i)
{
	agenda_pane *a = p->priv;
	rs_agenda_item *it = &a->items[i];
	char as[8], ae[8], fs[8], planned[16], actual[300], line[400];
	hhmm(t, it->started_at, as, sizeof as);
	hhmm(t, it->ended_at, ae, sizeof ae);
	hhmm(t, a->start ? a->start[i] : -1, fs, sizeof fs);
	span(planned, sizeof planned, it->start, it->end);
	char row_span[16] = "";
	if (it->started_at >= 0) /* its sittings unread: the row's own times */
		span(row_span, sizeof row_span, as, it->ended_at >= 0 ? ae : "");
	fit_sittings(actual, sizeof actual, a->sat && a->sat[i] ? a->sat[i] : row_span,
		     actual_width(a, p->cols));
	/* > the live item; * the one this terminal's notes look at */
	snprintf(line, sizeof line, "%s %s %s %5s ",
		 it->id == t->current_item ? ">" : it->id == t->view_item ? "*" : " ", planned,
		 actual, fs);
	tui_role role = (int)i == a->sel ? tui_selection_role(t, p)
			: it->id == t->current_item ? ROLE_SPEAKING
			: it->ended_at >= 0 ? ROLE_MUTED
					    : ROLE_NORMAL;
	int x = draw_text(w, y, 0, line, p->cols, role, 0);
	char title[600];
	snprintf(title, sizeof title, "%*s%s%s%s", it->depth * 2, "", it->code,
		 *it->code ? "  " : "", it->title);
	draw_text(w, y, x, title, p->cols - x, role, 1);
}

static void agenda_draw(pane *p, tui *t, WINDOW *w)
{
	agenda_pane *a = p->priv;
	draw_header(p, t, w);
	int rows = p->rows - 2;
	draw_scroll(a->sel, rows, (int)a->n, &a->view);
	for (int r = 0; r < rows && a->view.top + r < (int)a->n; r++)
		draw_row(p, t, w, 2 + r, (size_t)(a->view.top + r));
	if (!a->n)
		draw_text(w, 2, 2, "No programme yet: rostrum import agenda FILE, or a to add an item.",
			  p->cols - 2, ROLE_MUTED, 0);
}

static void agenda_tick(pane *p, tui *t, WINDOW *w)
{
	draw_header(p, t, w);
}

typedef struct {
	char *v[5];
} agenda_form;

static int add_done(tui *t, void *ctx, char **v, int ok)
{
	(void)ctx;
	int dirty = DIRTY_LAYOUT;
	if (ok) {
		rs_agenda_new in = {v[1], v[0], v[4], v[2], v[3], NULL, NULL, 0};
		int64_t id = 0;
		dirty |= tui_report_said(t, rs_agenda_add(t->db, &in, &id));
	}
	for (int i = 0; i < 5; i++)
		free(v[i]);
	free(v);
	return dirty;
}

/* Looking: this terminal's notes show the item; nobody else's screen
 * changes.  The live item's notes follow the meeting: o, which would make
 * it the live item, is no word to say of it. */
static int view_item(tui *t, const rs_agenda_item *it)
{
	t->view_item = it->id == t->floor_item ? 0 : it->id;
	rs_agenda_item_name(it, t->view_title, sizeof t->view_title);
	t->focus = PANE_NOTES;
	const char *name = *it->code ? it->code : it->title;
	if (it->id == t->current_item)
		tui_report(t, RS_OK, "notes of %s, the live item (they follow the meeting)", name);
	else
		tui_report(t, RS_OK, "notes of %s, on this screen only (o makes it the live item)",
			   name);
	return DIRTY_LAYOUT | DIRTY_DATA;
}

/* The pending opening: the item, and the speech going on that the question
 * named (only that one is ended or carried over: another terminal may have
 * called someone meanwhile). */
static int64_t opening_item, asked_holder;

static int opened(tui *t, rs_status st, const char *how)
{
	return tui_report(t, st, "live now: %s%s", t->floor_title, how);
}

static int speech_done(tui *t, void *ctx, const char *text)
{
	(void)ctx;
	if (!text)
		return DIRTY_NONE;
	rs_speech_rule rule = atoi(text) ? RS_SPEECH_CARRY : RS_SPEECH_END;
	rs_status st = rs_meeting_open_item(t->db, opening_item, rule, asked_holder);
	if (st == RS_OK)
		tui_refresh_meeting(t);
	return opened(t, st, rule == RS_SPEECH_CARRY ? " (the speech carried over)"
						     : " (the speech ended)");
}

/* Acting: the meeting moves on, for every terminal.  A speech going on is
 * not left hanging: the moderator ends it or carries it over. */
static int open_item(agenda_pane *a, tui *t, const rs_agenda_item *it)
{
	(void)a;
	if (it->id == t->current_item)
		return tui_report(t, rs_fail(RS_ERR_INVALID, "%s is already the live item", it->title),
				  "%s", "");
	opening_item = it->id;
	asked_holder = tui_seen_holder(t);
	if (!t->speaker.active) {
		rs_status st = rs_meeting_open_item(t->db, it->id, RS_SPEECH_REFUSE, RS_EXPECT_ANY);
		if (st == RS_OK)
			tui_refresh_meeting(t);
		return opened(t, st, "");
	}
	char end[300], carry[300], title[300];
	snprintf(end, sizeof end, "End %s's speech, then open %s", t->speaker.name,
		 *it->code ? it->code : it->title);
	snprintf(carry, sizeof carry, "Carry %s's speech over to %s", t->speaker.name,
		 *it->code ? it->code : it->title);
	snprintf(title, sizeof title, "%s is speaking: open %s?", t->speaker.name,
		 *it->code ? it->code : it->title);
	const char *rows[] = {end, carry};
	const int64_t values[] = {0, 1};
	/* Nobody takes the floor in a break: a speech is not carried there. */
	modal_choose(t, title, rows, values, rs_agenda_takes_floor(it) ? 2 : 1, 0, speech_done,
		     NULL);
	return DIRTY_STATUS;
}

static char closing_name[200];

static int close_done(tui *t, void *ctx, const char *text)
{
	(void)ctx;
	if (!text || *text == 'n')
		return DIRTY_NONE;
	rs_status st = rs_meeting_close_item(t->db, opening_item,
					     asked_holder ? RS_SPEECH_END : RS_SPEECH_REFUSE,
					     asked_holder ? asked_holder : RS_EXPECT_ANY);
	return tui_report(t, st, "ended %s%s", closing_name,
			  asked_holder ? " and the speech going on" : "");
}

/* "12 still waiting will not be heard.", or "" when nobody waits. */
static void still_waiting(tui *t, int64_t item_id, char *buf, size_t size)
{
	rs_queue_entry *v = NULL;
	size_t n = 0;
	rs_queue_counts c = {0};
	buf[0] = '\0';
	if (rs_queue_prefix(t->db, item_id, 0, 0, &v, &n, &c) == RS_OK && c.waiting)
		snprintf(buf, size, "%zu still waiting will not be heard.", c.waiting);
	rs_queue_list_free(v, n);
}

/* The day's last item has no next to open: closing gives it its end.  A
 * speech going on ends with it, when the moderator says so. */
static int close_item(tui *t, const rs_agenda_item *it)
{
	opening_item = it->id;
	asked_holder = tui_seen_holder(t);
	snprintf(closing_name, sizeof closing_name, "%s", *it->code ? it->code : it->title);
	char waiting[80], q[500];
	still_waiting(t, it->id, waiting, sizeof waiting);
	if (it->id == t->current_item && t->speaker.active) {
		snprintf(q, sizeof q, "%s is speaking: end the speech and close %s?",
			 t->speaker.name, closing_name);
		modal_ask(t, q, waiting, "y yes   n or Esc no", close_done, NULL);
		return DIRTY_STATUS;
	}
	asked_holder = 0;
	if (*waiting) { /* the requests left unheard are the moderator's call */
		snprintf(q, sizeof q, "Close %s?", closing_name);
		modal_ask(t, q, waiting, "y yes   n or Esc no", close_done, NULL);
		return DIRTY_STATUS;
	}
	rs_status st = rs_meeting_close_item(t->db, it->id, RS_SPEECH_REFUSE, RS_EXPECT_ANY);
	return tui_report(t, st, "ended %s", *it->code ? it->code : it->title);
}

static int propose_panel(tui *t, const rs_agenda_item *it)
{
	char code[32];
	snprintf(code, sizeof code, "%lld", (long long)it->id);
	return seats_propose_panel(t, it->id, it->code && *it->code ? it->code : code);
}

static int agenda_action(pane *p, tui *t, tui_action act)
{
	agenda_pane *a = p->priv;
	int n = (int)a->n, page = p->rows > 3 ? p->rows - 3 : 1;
	int moved = draw_move(&a->sel, n, page, act);
	if (moved >= 0)
		return moved;
	switch (act) {
	case ACT_OPEN:
		return n ? view_item(t, &a->items[a->sel]) : DIRTY_NONE;
	case ACT_OPEN_ITEM:
		return n ? open_item(a, t, &a->items[a->sel]) : DIRTY_NONE;
	case ACT_CLOSE_ITEM:
		return n ? close_item(t, &a->items[a->sel]) : DIRTY_NONE;
	case ACT_PROPOSE:
		return n ? propose_panel(t, &a->items[a->sel]) : DIRTY_NONE;
	case ACT_ADD: {
		static const char *const labels[] = {"Title", "Code", "Start HH:MM", "End HH:MM",
						     "Kind"};
		char **v = calloc(5, sizeof *v);
		if (!v)
			return DIRTY_NONE;
		for (int i = 0; i < 5; i++)
			v[i] = strdup(i == 4 ? "session" : "");
		modal_form(t, "Add an agenda item", labels, v, 5, add_done, NULL);
		return DIRTY_STATUS;
	}
	default:
		return -1;
	}
}

static const char *agenda_row(void *ctx, int i, char *buf, size_t size)
{
	const agenda_pane *a = ctx;
	snprintf(buf, size, "%s %s", a->items[i].code, a->items[i].title);
	return buf;
}

static int agenda_find(pane *p, tui *t, const char *q)
{
	(void)t;
	agenda_pane *a = p->priv;
	int i = tui_find_next(a->sel, (int)a->n, q, agenda_row, a);
	if (i >= 0)
		a->sel = i;
	return i >= 0;
}

static const tui_hint *agenda_hints(pane *p, tui *t, size_t *n)
{
	static const tui_hint hints[] = {
		{ACT_OPEN, ACT_NONE, "view notes"},  {ACT_OPEN_ITEM, ACT_NONE, "open live"},
		{ACT_CLOSE_ITEM, ACT_NONE, "end item"}, {ACT_PROPOSE, ACT_NONE, "propose panel"},
		{ACT_ADD, ACT_NONE, "add"},          {ACT_POLICY, ACT_NONE, "policy"},
		{ACT_FILTER, ACT_NONE, "search"},    {ACT_NEXT_SPEAKER, ACT_NONE, "next speaker"},
	};
	(void)p;
	(void)t;
	*n = sizeof hints / sizeof hints[0];
	return hints;
}

static void agenda_close(pane *p)
{
	agenda_free_items(p->priv);
	free(p->priv);
}

const pane_ops pane_agenda_ops = {
	.name = "Agenda",
	.shows = RS_CHANGED_AGENDA | RS_CHANGED_MEETING,
	.open = agenda_open,
	.reload = agenda_reload,
	.draw = agenda_draw,
	.tick = agenda_tick,
	.action = agenda_action,
	.hints = agenda_hints,
	.find = agenda_find,
	.close = agenda_close,
};
