/* The input loop: one thread, wtimeout to the next tick, handlers report
 * what changed, one doupdate() per turn. */
#include "tui.h"

#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rostrum/agenda.h"
#include "rostrum/clock.h"
#include "rostrum/journal.h"
#include "rostrum/meeting.h"
#include "rostrum/queue.h"
#include "rostrum/text.h"

/* Keys taken in one burst at most before a frame is drawn anyway. */
enum { BURST_KEYS = 64 };

static const pane_ops *const pane_table[PANE__COUNT] = {
	&pane_agenda_ops, &pane_roster_ops, &pane_queue_ops, &pane_nominations_ops,
	&pane_notes_ops,  &pane_equity_ops,
};

int64_t tui_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

static void say(tui *t, int error, const char *fmt, va_list ap)
{
	if (vsnprintf(t->message, sizeof t->message, fmt, ap) >= (int)sizeof t->message)
		rs_text_mark_cut(t->message, sizeof t->message);
	t->message_error = error;
	t->message_at = tui_seconds();
}

void tui_say(tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(t, 0, fmt, ap);
	va_end(ap);
}

int tui_report(tui *t, int st, const char *fmt, ...)
{
	if (st != 0) {
		/* The core names a field by the command line's option
		 * ("--gcm: ..."); a screen has no options. */
		const char *why = rs_error();
		tui_say(t, "%s", why + (strncmp(why, "--", 2) ? 0 : 2));
		t->message_error = 1;
		beep();
		return DIRTY_STATUS;
	}
	va_list ap;
	va_start(ap, fmt);
	say(t, 0, fmt, ap);
	va_end(ap);
	return DIRTY_STATUS | DIRTY_CHANGED;
}

int tui_report_said(tui *t, int st)
{
	return tui_report(t, st, "%s", rs_action_said(t->db));
}

int tui_rows_in_view(const tui *t, const pane *p)
{
	return p->rows - t->band_rows;
}

void tui_speaker_set(tui *t, const rs_queue_entry *v, size_t n)
{
	memset(&t->speaker, 0, sizeof t->speaker);
	t->speaker_set = 1;
	if (!v)
		return;
	const rs_queue_entry *h = rs_queue_holder(v, n), *next = rs_queue_upcoming(v, n, 0);
	if (h) {
		t->speaker.active = 1;
		t->speaker.entry = *h;
		/* The times only: the strings go with the list. */
		t->speaker.entry.kind = t->speaker.entry.slot = t->speaker.entry.name = NULL;
		t->speaker.entry.organization = t->speaker.entry.sector = NULL;
		t->speaker.entry.region = t->speaker.entry.gender = NULL;
		t->speaker.entry.country = t->speaker.entry.participation = NULL;
		t->speaker.entry.language = t->speaker.entry.accreditation = NULL;
		t->speaker.entry.role = NULL;
		snprintf(t->speaker.name, sizeof t->speaker.name, "%s", h->name);
	}
	if (next && !strcmp(next->participation, "online"))
		snprintf(t->speaker.next_online, sizeof t->speaker.next_online, "%s", next->name);
}

static void refresh_speaker(tui *t)
{
	rs_queue_entry *v;
	size_t n;
	memset(&t->speaker, 0, sizeof t->speaker);
	if (!t->current_item || t->speaker_from_queue)
		return;
	if (rs_queue_head(t->db, t->current_item, &v, &n) != RS_OK)
		return;
	tui_speaker_set(t, v, n);
	rs_queue_list_free(v, n);
}

const char *tui_ref_choice(const char *text, const rs_ref *table, size_t n)
{
	long i = strtol(text ? text : "", NULL, 10);
	return i >= 0 && (size_t)i < n ? table[i].code : "";
}

tui_role tui_countdown_role(rs_countdown c)
{
	return c.paused ? ROLE_PAUSED
	       : c.state == RS_COUNT_OVERTIME ? ROLE_OVERTIME
	       : c.state == RS_COUNT_WARNING  ? ROLE_WARNING
					      : ROLE_SPEAKING;
}

tui_role tui_selection_role(const tui *t, const pane *p)
{
	return p == &t->panes[t->focus] ? ROLE_SELECTED : ROLE_SELECTED_IDLE;
}

/* With no item open, the next item to run as the core's floor state has
 * it (the first not yet ended that is not a break): the moderator's next
 * press of "next" opens it. */
static void refresh_floor_item(tui *t)
{
	t->floor_item = t->current_item;
	t->floor_item_open = t->current_item != 0;
	t->floor_is_break = t->current_item && t->current_is_break;
	snprintf(t->floor_title, sizeof t->floor_title, "%s", t->current_title);
	if (rs_floor_state_read(t->db, &t->floor) != RS_OK)
		memset(&t->floor, 0, sizeof t->floor); /* said as no item live */
	if (t->current_item)
		return;
	t->floor_item = t->floor.next_id;
	draw_copy(t->floor_title, sizeof t->floor_title, t->floor.next);
}

int64_t tui_view_item(const tui *t)
{
	return t->view_item ? t->view_item : t->floor_item;
}

const char *tui_view_title(const tui *t)
{
	return t->view_item ? t->view_title : t->floor_title;
}

/* The viewed item's title again (another terminal may have renamed it);
 * an item deleted meanwhile is viewed no more. */
static void refresh_view_item(tui *t)
{
	rs_agenda_item it;
	if (!t->view_item)
		return;
	if (rs_agenda_get(t->db, t->view_item, &it) != RS_OK) {
		t->view_item = 0;
		return;
	}
	rs_agenda_item_name(&it, t->view_title, sizeof t->view_title);
	rs_agenda_item_clear(&it);
}

/* The meeting's current item, its title and speaker, for the status line. */
void tui_refresh_meeting(tui *t)
{
	t->current_item = 0;
	t->current_title[0] = '\0';
	t->current_is_break = 0;
	rs_meeting m;
	if (rs_meeting_get(t->db, &m) == RS_OK) {
		snprintf(t->date, sizeof t->date, "%s", m.date);
		snprintf(t->timezone, sizeof t->timezone, "%s", m.timezone);
		t->warning_seconds = m.warning_seconds;
		rs_meeting_clear(&m);
	}
	if (rs_meeting_current_item(t->db, &t->current_item) == RS_OK && t->current_item) {
		rs_agenda_item it;
		if (rs_agenda_get(t->db, t->current_item, &it) == RS_OK) {
			rs_agenda_item_name(&it, t->current_title, sizeof t->current_title);
			t->current_is_break = !rs_agenda_takes_floor(&it);
			rs_agenda_item_clear(&it);
		}
	}
	refresh_floor_item(t);
	refresh_view_item(t);
	refresh_speaker(t);
}

/* On a wide terminal the queue sits beside the focused pane (the notes
 * beside the queue), so the moderator never loses sight of the floor. */
static int companion(int focus)
{
	return focus == PANE_QUEUE ? PANE_NOTES : PANE_QUEUE;
}

static void free_windows(tui *t)
{
	for (int i = 0; i < PANE__COUNT; i++) {
		if (t->panes[i].win)
			delwin(t->panes[i].win);
		t->panes[i].win = NULL;
	}
	if (t->tabbar)
		delwin(t->tabbar);
	if (t->status)
		delwin(t->status);
	if (t->band)
		delwin(t->band);
	t->tabbar = t->status = t->band = NULL;
}

/* A window of the screen.  The cursor is never shown (term_start), so
 * none of them asks for it to be put back after an update: a clock tick
 * then sends the cells that changed and no cursor move. */
static WINDOW *window(int rows, int cols, int y, int x)
{
	WINDOW *w = newwin(rows, cols, y, x);
	if (w)
		leaveok(w, TRUE);
	return w;
}

static void place(pane *p, int rows, int cols, int y, int x)
{
	p->win = window(rows, cols, y, x);
	p->rows = rows;
	p->cols = cols;
}

static void layout(tui *t)
{
	free_windows(t);
	getmaxyx(stdscr, t->rows, t->cols);
	t->too_small = t->rows < 16 || t->cols < 60;
	t->status = window(1, t->cols, t->rows - 1, 0);
	keypad(t->status, TRUE);
	t->second = -1;
	if (t->too_small)
		return;
	t->tabbar = window(1, t->cols, 0, 0);
	int h = t->rows - 2;
	if (t->cols >= 120) {
		int left = t->cols / 2;
		t->second = companion(t->focus);
		place(&t->panes[t->focus], h, left, 1, 0);
		place(&t->panes[t->second], h, t->cols - left - 1, 1, left + 1);
	} else {
		place(&t->panes[t->focus], h, t->cols, 1, 0);
	}
}

static void paint_pane(tui *t, int i)
{
	pane *p = i >= 0 ? &t->panes[i] : NULL;
	if (!p || !p->win)
		return;
	werase(p->win);
	p->ops->draw(p, t, p->win);
	wnoutrefresh(p->win);
}

static void paint_too_small(tui *t)
{
	werase(stdscr);
	const char *msg = "terminal too small: rostrum needs at least 60x16";
	int y = t->rows / 2 - 1, w = (int)strlen(msg);
	draw_text(stdscr, y < 0 ? 0 : y, w < t->cols ? (t->cols - w) / 2 : 0, msg, t->cols,
		  ROLE_WARNING, 0);
	wnoutrefresh(stdscr);
}

/* The band a long message needs, made or given back to the panes under it
 * (0: nothing to repaint). */
static int band_resize(tui *t)
{
	int rows = status_band_rows(t);
	if (t->band && rows == t->band_rows)
		return 0;
	int gone = t->band != NULL;
	if (t->band)
		delwin(t->band);
	t->band = rows ? window(rows, t->cols, t->rows - 1 - rows, 0) : NULL;
	t->band_rows = t->band ? rows : 0;
	return gone;
}

static void paint(tui *t, int dirty)
{
	if (band_resize(t))
		dirty |= DIRTY_PANE;
	if (dirty & DIRTY_LAYOUT) {
		/* get_wch would otherwise repaint a stale stdscr over the panes. */
		werase(stdscr);
		wnoutrefresh(stdscr);
		if (t->too_small)
			paint_too_small(t);
	}
	if (!t->too_small) {
		if (dirty & DIRTY_LAYOUT) {
			tabbar_draw(t);
		}
		if (dirty & (DIRTY_LAYOUT | DIRTY_DATA | DIRTY_CHANGED | DIRTY_PANE)) {
			paint_pane(t, t->focus);
			if (t->second >= 0)
				paint_pane(t, t->second);
		}
	}
	if (dirty & (DIRTY_LAYOUT | DIRTY_DATA | DIRTY_CHANGED | DIRTY_STATUS | DIRTY_PANE))
		status_draw(t);
	if (t->band)
		status_band_draw(t);
	if (t->modal && !t->too_small)
		modal_draw(t);
}

/* How long the status line says an outcome before it gives the line back
 * to the key hints and "? help"; a refusal says why for longer. */
enum { MESSAGE_SECONDS = 15, REFUSAL_SECONDS = 30 };

static void tick(tui *t)
{
	if (t->message[0] &&
	    tui_seconds() - t->message_at >= (t->message_error ? REFUSAL_SECONDS : MESSAGE_SECONDS)) {
		t->message[0] = '\0';
		status_draw(t);
		if (band_resize(t))
			for (int i = 0; i < 2; i++)
				paint_pane(t, i ? t->second : t->focus);
	}
	status_tick(t);
	if (t->too_small || t->modal)
		return;
	int visible[2] = {t->focus, t->second};
	for (int i = 0; i < 2; i++) {
		pane *p = visible[i] >= 0 ? &t->panes[visible[i]] : NULL;
		if (p && p->win && p->ops->tick) {
			p->ops->tick(p, t, p->win);
			wnoutrefresh(p->win);
		}
	}
	if (t->band) { /* over the lines a pane's tick sent again */
		touchwin(t->band);
		wnoutrefresh(t->band);
	}
}

/* Called by the core about every 200 ms while an action waits for another
 * terminal's write (an import holds the file): the clocks keep ticking and
 * the status line says why nothing has happened yet.  Draws only: the
 * database is not touched from here. */
static void on_wait(void *ctx, int waited_ms)
{
	tui *t = ctx;
	tui_say(t, "waiting for another terminal's change to finish (%d s)...", waited_ms / 1000);
	status_draw(t);
	tick(t);
	if (t->modal && !t->too_small)
		modal_draw(t);
	doupdate();
}

static int visible(const tui *t, int i)
{
	return !t->too_small && (i == t->focus || i == t->second);
}

static void reload_pane(tui *t, int i)
{
	pane *p = &t->panes[i];
	p->stale = 0;
	if (p->ops->reload)
		p->ops->reload(p, t);
}

/* Re-reads what changed since the journal was last read here (everything
 * when `everything`): the meeting line when the meeting, the programme or
 * the live item's list changed; each pane when what it shows did, at once
 * if it is on the screen, else once it is shown again.  Returns 1 when
 * something on the screen was read again. */
static int reload(tui *t, int everything)
{
	int shown = 0;
	rs_changes c;
	if (rs_watch_poll(t->db, &t->watch, &c) != RS_OK || everything)
		c = (rs_changes){.what = RS_CHANGED_ALL, .all_items = 1};
	int meeting = rs_changes_touch(&c, RS_CHANGED_MEETING | RS_CHANGED_AGENDA |
						   RS_CHANGED_QUEUE | RS_CHANGED_ROSTER,
				       t->floor_item); /* the live one, else the next to run */
	t->speaker_from_queue = visible(t, PANE_QUEUE);
	t->speaker_set = 0;
	if (meeting) {
		tui_refresh_meeting(t);
		shown = 1;
	}
	for (int i = 0; i < PANE__COUNT; i++) {
		const pane_ops *o = t->panes[i].ops;
		if (!rs_changes_touch(&c, o->shows ? o->shows : RS_CHANGED_ALL,
				      o->floor_list ? t->floor_item : -1))
			continue;
		if (visible(t, i))
			reload_pane(t, i);
		else
			t->panes[i].stale = 1;
		shown |= visible(t, i);
	}
	/* The queue pane did not read the list after all (another item). */
	int read_here = meeting && t->speaker_from_queue && !t->speaker_set;
	t->speaker_from_queue = 0;
	if (read_here)
		refresh_speaker(t);
	return shown;
}

/* The panes shown now that changed while they were hidden. */
static void reload_shown(tui *t)
{
	for (int i = 0; i < PANE__COUNT; i++)
		if (t->panes[i].stale && visible(t, i))
			reload_pane(t, i);
}

static int focus_pane(tui *t, int i)
{
	if (i == t->focus)
		return DIRTY_NONE;
	t->focus = i;
	return DIRTY_LAYOUT;
}

int tui_matches(const char *text, const char *q)
{
	char *f = rs_text_fold(text ? text : "");
	int hit = f && strstr(f, q) != NULL;
	free(f);
	return hit;
}

int tui_find_next(int from, int n, const char *q,
		  const char *(*row_text)(void *, int, char *, size_t), void *ctx)
{
	char buf[1024];
	for (int k = 1; k <= n; k++) {
		int i = (from + k) % n;
		if (tui_matches(row_text(ctx, i, buf, sizeof buf), q))
			return i;
	}
	return -1;
}

static int search_done(tui *t, void *ctx, const char *text)
{
	(void)ctx;
	if (!text || !*text)
		return DIRTY_NONE;
	snprintf(t->search, sizeof t->search, "%s", text);
	char *q = rs_text_fold(text);
	pane *p = &t->panes[t->focus];
	int found = q && p->ops->find(p, t, q);
	free(q);
	if (!found)
		return tui_report(t, rs_fail(RS_ERR_INVALID, "no match for '%s'", text), "%s", "");
	return DIRTY_PANE | DIRTY_STATUS;
}

/* Actions no pane took. */
/* 1 when pane p's keys (its hints) include a. */
static int pane_has_action(tui *t, pane *p, tui_action a)
{
	size_t n = 0;
	const tui_hint *h = p->ops->hints ? p->ops->hints(p, t, &n) : NULL;
	for (size_t k = 0; h && k < n; k++)
		if (h[k].action == (int)a || h[k].also == (int)a)
			return 1;
	return 0;
}

/* A key that does nothing here says so, and where it does something: a
 * key pressed on the wrong pane was silent. */
static int not_here(tui *t, tui_action a)
{
	char key[24], where[160] = "";
	size_t used = 0;
	keys_label(a, key, sizeof key);
	for (int i = 0; i < PANE__COUNT && used < sizeof where; i++)
		if (i != t->focus && pane_has_action(t, &t->panes[i], a))
			used += (size_t)snprintf(where + used, sizeof where - used, "%s%s",
						 used ? ", " : "", t->panes[i].ops->name);
	if (used)
		tui_say(t, "%s: on the %s pane%s (%s)", key, where, strchr(where, ',') ? "s" : "",
			action_help(a));
	else
		tui_say(t, "%s: nothing to do here", key);
	t->key_elsewhere = 1;
	return DIRTY_STATUS;
}

/* u asks first, naming the change it would take back: nothing redoes an
 * undo, and a u typed among words meant for a note (a refused `a`, the
 * editor not open) took back a saved outcome without a word. */
static int undo_done(tui *t, void *ctx, const char *answer)
{
	(void)ctx;
	if (!answer || strcmp(answer, "y")) {
		tui_say(t, "nothing undone");
		return DIRTY_STATUS;
	}
	rs_event ev = {0};
	rs_status st = rs_undo_event(t->db, t->undo_expect, &ev);
	for (int i = 0; st == RS_OK && i < PANE__COUNT; i++)
		if (t->panes[i].ops->undone)
			t->panes[i].ops->undone(&t->panes[i], t, &ev);
	return tui_report(t, st, "undone: %s", ev.summary[0] ? ev.summary : ev.action);
}

static int ask_undo(tui *t)
{
	rs_event ev = {0};
	rs_status st = rs_undo_next(t->db, &ev);
	if (st)
		return tui_report(t, st, "%s", "");
	t->undo_expect = ev.id;
	char detail[RS_SUMMARY_MAX + 64];
	snprintf(detail, sizeof detail, "%s%s%s", ev.action, ev.summary[0] ? ": " : "", ev.summary);
	modal_ask(t, "Undo the last change made here? Nothing redoes it.", detail,
		  "y undo   n or Esc keep it", undo_done, NULL);
	return DIRTY_STATUS;
}

/* q asks first: one key ended the moderator's session, as the first
 * letter of a note typed with the editor closed ("qatar delegation"). */
static int quit_asked(tui *t, void *ctx, const char *yes)
{
	(void)ctx;
	if (yes)
		t->quit = 1;
	return DIRTY_STATUS;
}

static int generic_action(tui *t, tui_action a)
{
	switch (a) {
	case ACT_NEXT_PANE:
		return focus_pane(t, (t->focus + 1) % PANE__COUNT);
	case ACT_PREV_PANE:
		return focus_pane(t, (t->focus + PANE__COUNT - 1) % PANE__COUNT);
	case ACT_PANE_AGENDA:
	case ACT_PANE_ROSTER:
	case ACT_PANE_QUEUE:
	case ACT_PANE_NOMINATIONS:
	case ACT_PANE_NOTES:
	case ACT_PANE_EQUITY:
		return focus_pane(t, a - ACT_PANE_AGENDA);
	case ACT_HELP:
		help_open(t);
		return DIRTY_STATUS;
	case ACT_FILTER:
		if (!t->panes[t->focus].ops->find)
			return DIRTY_NONE;
		modal_line(t, "Search (Enter: the next row that matches; / again: the one after)",
			   t->search, search_done, NULL);
		return DIRTY_STATUS;
	case ACT_QUIT:
		modal_confirm(t, "Quit rostrum?", quit_asked, NULL);
		return DIRTY_STATUS;
	case ACT_UNDO:
		return ask_undo(t);
	default:
		return not_here(t, a);
	}
}

static int quit_done(tui *t, void *ctx, const char *yes)
{
	(void)ctx;
	t->quit = yes != NULL;
	/* The draft comes back (and, quitting, is cancelled with the rest). */
	modal_draft_back(t);
	return DIRTY_LAYOUT;
}

/* Ctrl-C quits, but asks first when quitting would throw a draft away
 * (the draft stays open behind the question when the answer is no). */
static int interrupt(tui *t)
{
	if (!modal_is_draft(t)) {
		t->quit = 1;
		return DIRTY_NONE;
	}
	return modal_ask_over_draft(t, "Quit and lose what is being written?", quit_done);
}

/* A printable key that did nothing, on a pane that catches typing (the
 * Notes pane): its typing begins with that key.  A note-taker typing a
 * sentence with the editor closed had its letters taken as commands, one
 * after another, once the first did nothing (an `a` refused, then the `u`
 * of 'Mansour' asked to undo and a `y` further on undid a saved note). */
static int catch_typing(tui *t, pane *p, wint_t ch, int is_key)
{
	if (is_key || ch < ' ' || ch == 127 || t->modal || !p->ops->catches_typing ||
	    !p->ops->text || p != &t->panes[t->focus])
		return DIRTY_NONE;
	p->typing = 1;
	return p->ops->text(p, t, ch) | DIRTY_STATUS;
}

int tui_keep_typed(tui *t, wint_t ch)
{
	return catch_typing(t, &t->panes[t->focus], ch, 0);
}

static int handle_key(tui *t, wint_t ch, int is_key)
{
	if (!is_key && ch == KEY_CTRL_C)
		return interrupt(t);
	if (!is_key && ch == KEY_CTRL_Z) {
		term_suspend();
		return DIRTY_LAYOUT;
	}
	/* Nothing reaches a prompt or a pane the user cannot see. */
	if (t->too_small)
		return DIRTY_NONE;
	/* DIRTY_STATUS at least, so the modal is drawn again with what was typed. */
	if (t->modal)
		return modal_key(t, ch, is_key) | DIRTY_STATUS;
	pane *p = &t->panes[t->focus];
	tui_action a = keys_action(ch, is_key);
	/* While filtering, printable keys are text, not commands. */
	if (p->typing && p->ops->text && !is_key && ch >= ' ' && ch != 127 && a != ACT_OPEN)
		return p->ops->text(p, t, ch);
	if (p->typing && p->ops->text && ((is_key && ch == KEY_BACKSPACE) || ch == 127 || ch == 8))
		return p->ops->text(p, t, 127);
	if (a == ACT_NONE)
		return catch_typing(t, p, ch, is_key);
	t->message[0] = '\0';
	t->key_elsewhere = 0;
	t->key_meant = 0;
	int dirty = p->ops->action ? p->ops->action(p, t, a) : -1;
	if (dirty < 0)
		dirty = moderator_action(t, a);
	if (dirty < 0)
		dirty = generic_action(t, a);
	if (t->modal && !is_key)
		modal_asked_by(t, ch); /* a question it asked: answered by typing, ch was a word's */
	/* Refused, or another pane's: it did nothing here. */
	if (t->key_elsewhere || (t->message[0] && t->message_error && !t->key_meant))
		dirty |= catch_typing(t, p, ch, is_key);
	return dirty | DIRTY_STATUS;
}

int tui_run(rs_db *db, const rs_config *cfg, int no_color)
{
	tui t;
	memset(&t, 0, sizeof t);
	t.db = db;
	t.cfg = cfg;
	t.focus = PANE_QUEUE;
	keys_init(cfg);
	if (term_start(cfg, no_color, "the TUI", &t.colour, &t.utf8))
		return RS_ERR_RUNTIME;
	t.blocks = term_blocks(t.utf8);
	/* Every accented or non-Latin name would show as '?', nothing said. */
	if (!t.utf8) {
		tui_say(&t, "the locale is not UTF-8 (%s): names outside ASCII show as '?'; "
			    "start rostrum with LANG=C.UTF-8 or the venue's UTF-8 locale",
			nl_langinfo(CODESET));
		t.message_error = 1;
	}
	for (int i = 0; i < PANE__COUNT; i++) {
		t.panes[i].ops = pane_table[i];
		if (t.panes[i].ops->open)
			t.panes[i].ops->open(&t.panes[i], &t);
	}
	rs_db_on_wait(db, on_wait, &t);
	rs_watch_start(db, &t.watch);
	int dirty = DIRTY_LAYOUT | DIRTY_DATA, burst = 0;
	int64_t last_second = -1;
	while (!t.quit && !term_stop_requested()) {
		/* Keys already typed are taken before anything is drawn, so a
		 * burst (a fast typist, a paste, keys that crossed a slow link
		 * together) costs one search and one frame.  A key that changed
		 * the layout or the data ends the burst: the next one must see
		 * the screen it changed. */
		if (!burst) {
			if (dirty & DIRTY_LAYOUT)
				layout(&t);
			/* A change to nothing on the screen draws nothing. */
			if ((dirty & (DIRTY_DATA | DIRTY_CHANGED)) && !reload(&t, dirty & DIRTY_DATA))
				dirty &= ~DIRTY_CHANGED;
			if (dirty & DIRTY_LAYOUT)
				reload_shown(&t);
			if (dirty)
				paint(&t, dirty);
			doupdate();
			dirty = DIRTY_NONE;
		}
		wtimeout(t.status, burst ? 0 : term_tick_ms());
		wint_t ch;
		int r = term_get_key(t.status, &ch);
		if (r == ERR && burst) {
			burst = 0;
			continue;
		}
		burst = r != ERR && burst < BURST_KEYS ? burst + 1 : 0;
		if (r == ERR && term_resized()) {
			dirty |= DIRTY_LAYOUT;
		} else if (r == ERR) {
			int64_t now = rs_now();
			if (now != last_second) {
				last_second = now;
				tick(&t);
			}
			if (rs_watch_moved(db, &t.watch))
				dirty |= DIRTY_CHANGED;
			rs_db_idle(db);
		} else if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			dirty |= DIRTY_LAYOUT;
		} else {
			dirty |= handle_key(&t, ch, r == KEY_CODE_YES);
		}
		if (dirty & (DIRTY_LAYOUT | DIRTY_DATA | DIRTY_CHANGED))
			burst = 0;
	}
	rs_db_on_wait(db, NULL, NULL);
	modal_close(&t);
	for (int i = 0; i < PANE__COUNT; i++)
		if (t.panes[i].ops->close)
			t.panes[i].ops->close(&t.panes[i]);
	free_windows(&t);
	endwin();
	return 0;
}
