/* The speaker queue of the current item: who has the floor with a large
 * countdown, who is next and why (warned when they are online, so the
 * remote channel is opened in time), the waiting list in the order the
 * policy proposes (or the moderator set with K/J), each online or in the
 * room and in a language (O and L change them), those the meeting's rule
 * holds back, and who has spoken for how long.
 * The lists are read on reload only; the clock tick repaints the countdown
 * cells alone, so a second costs a few bytes. */
#include "tui.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/balance.h"
#include "rostrum/clock.h"
#include "rostrum/queue.h"
#include "rostrum/refdata.h"
#include "rostrum/text.h"

enum {
	BIG_MIN_ROWS = 14, /* below this the countdown is one line */
	BIG_GLYPHS = 6,    /* "-59:59": longer times are drawn small */
	BIG_COLS = BIG_GLYPHS * 4 + 2,
	SMALL_CLOCK_COLS = 25, /* "PAUSED  -12:34 over time" */
	/* The places read beyond those on screen, and the least read: a
	 * list of 10,000 is read as far as the screen goes, no further. */
	READ_AHEAD = 32,
	DEALT_READ = 64, /* the last dealt with read: more than a screen holds */
};

typedef struct {
	/* rs_queue_prefix's: the holder, the first waiting places, the last
	 * dealt with */
	rs_queue_entry *v;
	size_t n;
	int speaking;            /* v[0] holds the floor (speaking or paused) */
	size_t wait_from, n_wait; /* the waiting entries read: v[wait_from ...] */
	rs_queue_counts counts;  /* how many wait and were dealt with in all */
	size_t depth;            /* the places the next read must reach (read_upto) */
	int sel, page;           /* the selection over the waiting list */
	list_window view;        /* its rows in view */
	int64_t sel_id;          /* kept across reloads: K/J keep the entry selected */
	int64_t pending;         /* the entry a confirmation is about */
	int64_t pending_holder;  /* who held the floor when it was asked */
	/* The item's pacing as read at pace_at, counted down on the tick and
	 * drawn at (pace_y, pace_x) beside the waiting list's heading. */
	rs_pacing pace;
	int has_pace, pace_y, pace_x;
	int64_t pace_at;
	tui_action pending_way;  /* L or O, while the moderator says on whom */
} queue_pane;

static int queue_open(pane *p, tui *t)
{
	(void)t;
	p->priv = calloc(1, sizeof(queue_pane));
	return p->priv ? 0 : -1;
}

static void queue_free_list(queue_pane *q)
{
	rs_queue_list_free(q->v, q->n);
	q->v = NULL;
	q->n = q->wait_from = q->n_wait = 0;
	q->speaking = 0;
}

static rs_queue_entry *waiting_at(queue_pane *q, int i)
{
	return i >= 0 && (size_t)i < q->n_wait ? &q->v[q->wait_from + (size_t)i] : NULL;
}

/* After a reload the selection follows the entry it was on, wherever the
 * policy or a move put it (among the places read); failing that it stays
 * at the same place. */
static void follow_selection(queue_pane *q)
{
	for (size_t i = 0; i < q->n_wait; i++)
		if (q->v[q->wait_from + i].id == q->sel_id) {
			q->sel = (int)i;
			return;
		}
	if (q->sel >= (int)q->counts.waiting)
		q->sel = q->counts.waiting ? (int)q->counts.waiting - 1 : 0;
	rs_queue_entry *e = waiting_at(q, q->sel);
	q->sel_id = e ? e->id : 0;
}

static void queue_reload(pane *p, tui *t)
{
	queue_pane *q = p->priv;
	queue_free_list(q);
	memset(&q->counts, 0, sizeof q->counts);
	/* As far as the screen shows, or as far as was asked (read_upto). */
	size_t depth = (size_t)(q->view.top > q->sel ? q->view.top : q->sel) + (size_t)p->rows + READ_AHEAD;
	if (q->depth > depth)
		depth = q->depth;
	q->depth = 0;
	if (!t->floor_item || rs_queue_prefix(t->db, t->floor_item, depth, DEALT_READ, &q->v,
					      &q->n, &q->counts) != RS_OK) {
		q->v = NULL;
		q->n = 0;
		if (t->speaker_from_queue && t->current_item && t->floor_item == t->current_item)
			tui_speaker_set(t, NULL, 0);
		return;
	}
	if (t->speaker_from_queue && t->current_item && t->floor_item == t->current_item)
		tui_speaker_set(t, q->v, q->n);
	q->pace_at = rs_now();
	q->has_pace = rs_pacing_get(t->db, t->floor_item, q->pace_at, &q->pace) == RS_OK;
	q->speaking = q->n && (q->v[0].state == QS_SPEAKING || q->v[0].state == QS_PAUSED);
	/* A speech a point of order interrupts follows its holder. */
	q->wait_from = q->speaking ? 1 + (rs_queue_interrupted(q->v, q->n) != NULL) : 0;
	q->n_wait = q->counts.read;
	follow_selection(q);
}

/* Reads as far as place `upto` (0-based) when it was not read. */
static void read_upto(pane *p, tui *t, size_t upto)
{
	queue_pane *q = p->priv;
	if (upto < q->n_wait || q->n_wait >= q->counts.waiting)
		return;
	q->depth = upto + 1 + READ_AHEAD;
	queue_reload(p, t);
}

/* ---- drawing ---------------------------------------------------------------- */

/* The time left of the speaker at now, its text and colour: overtime is
 * counted up with a leading '-'. */
static rs_countdown countdown(tui *t, const rs_queue_entry *e, char *buf, size_t size)
{
	rs_countdown c = rs_queue_countdown(e, t->warning_seconds, rs_now());
	rs_duration_text(c.left, buf, size);
	return c;
}

static int big_mode(pane *p)
{
	return p->rows >= BIG_MIN_ROWS && p->cols >= BIG_COLS + 20;
}

static const char *kind_label(const char *kind)
{
	const rs_kind *k = rs_kind_find(kind);
	return k ? k->label : kind;
}

static int online(const rs_queue_entry *e)
{
	return !strcmp(e->participation, "online");
}

/* "online FR", "FR": an entry's way of taking part and language, short. */
static void way_cell(const rs_queue_entry *e, char *buf, size_t size)
{
	char lang[8];
	snprintf(lang, sizeof lang, "%s", e->language);
	for (char *c = lang; *c; c++)
		*c = (char)(*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c);
	snprintf(buf, size, "%s%s%s", online(e) ? "online" : "", online(e) && *lang ? " " : "",
		 lang);
}

/* The cells that change with the clock: the countdown, and under the
 * speaker's details the same time in words (for those who cannot read the
 * big digits, and for the short pane). */
static void draw_clock(pane *p, tui *t, WINDOW *w)
{
	queue_pane *q = p->priv;
	const rs_queue_entry *e = &q->v[0];
	char d[24], line[64];
	rs_countdown c = countdown(t, e, d, sizeof d);
	snprintf(line, sizeof line, "%s%s %s", c.paused ? "PAUSED  " : "", d,
		 c.state == RS_COUNT_OVERTIME ? "over time" : "left");
	tui_role line_role = tui_countdown_role(c);
	c.paused = 0; /* the digits keep the colour of the time left */
	tui_role role = tui_countdown_role(c);
	if (!big_mode(p)) {
		draw_text(w, 1, 1, line, SMALL_CLOCK_COLS, line_role, 1);
		return;
	}
	for (int r = 1; r <= 5; r++)
		draw_text(w, r, 0, "", BIG_COLS, ROLE_NORMAL, 1);
	if (strlen(d) <= BIG_GLYPHS)
		draw_big(w, 1, 1, d, role, t->utf8, 1);
	else
		draw_text(w, 3, 1, d, BIG_COLS - 1, role, 0);
	draw_text(w, 5, BIG_COLS, line, p->cols - BIG_COLS, line_role, 1);
}

/* Who has the floor: name, organisation, sector and kind beside the big
 * clock, or on two lines under a one-line clock in a short pane. */
static int draw_speaker(pane *p, tui *t, WINDOW *w)
{
	queue_pane *q = p->priv;
	int big = big_mode(p);
	if (!q->speaking) {
		draw_text(w, 1, 1, t->floor_is_break
				       ? "A break: nobody takes the floor. The agenda's o opens the next item."
				   : q->n_wait ? "Nobody has the floor: n calls the next speaker."
					       : "Nobody has the floor and nobody waits: a adds a speaker.",
			  p->cols - 1, ROLE_MUTED, 0);
		return big ? 6 : 3;
	}
	const rs_queue_entry *e = &q->v[0];
	char d[24], kind[96];
	rs_duration_text(rs_queue_entry_allotted(e), d, sizeof d);
	snprintf(kind, sizeof kind, "%s, %s allotted%s%s%s", kind_label(e->kind), d,
		 online(e) ? ", ONLINE" : "", *e->language ? ", in " : "",
		 *e->language ? rs_language_name(e->language) : "");
	int x = big ? BIG_COLS : SMALL_CLOCK_COLS + 2, width = p->cols - x;
	const char *org = *e->organization ? e->organization : "no organisation";
	if (big) {
		draw_text(w, 1, x, e->name, width, ROLE_SPEAKING, 1);
		draw_text(w, 2, x, org, width, ROLE_NORMAL, 1);
		draw_text(w, 3, x, rs_sector_label(e->sector), width, ROLE_NORMAL, 1);
		draw_text(w, 4, x, kind, width, ROLE_MUTED, 1);
	} else {
		char line[600];
		draw_text(w, 1, x, e->name, width, ROLE_SPEAKING, 1);
		snprintf(line, sizeof line, "%s · %s · %s", org, rs_sector_label(e->sector), kind);
		draw_text(w, 2, 1, line, p->cols - 1, ROLE_MUTED, 1);
	}
	draw_clock(p, t, w);
	return big ? 6 : 3;
}

/* Between a name and why it is placed: on the Next line and in what Enter
 * says. */
static const char *dash(const tui *t)
{
	return t->utf8 ? " — " : " - ";
}

static void draw_next(pane *p, tui *t, WINDOW *w, int y)
{
	queue_pane *q = p->priv;
	const rs_queue_entry *e = rs_queue_upcoming(q->v, q->n, 0);
	int x = draw_text(w, y, 0, "Next: ", p->cols, ROLE_HEADER, 0);
	if (!e && q->n_wait) {
		char held[400];
		snprintf(held, sizeof held, "nobody can be called: %zu held back (%s)", q->counts.waiting,
			 waiting_at(q, 0)->reason);
		draw_text(w, y, x, held, p->cols - x, ROLE_WARNING, 1);
		return;
	}
	if (!e) {
		draw_text(w, y, x, t->floor_is_break ? "nobody: a break"
						     : "nobody waiting (a adds a speaker)",
			  p->cols - x, ROLE_MUTED, 1);
		return;
	}
	x += draw_text(w, y, x, e->name, p->cols - x, ROLE_SPEAKING, 0);
	/* The remote channel takes a moment to open: say so before the call. */
	if (online(e) && x + 3 < p->cols)
		x += draw_text(w, y, x, " ONLINE: open the remote channel", p->cols - x,
			       ROLE_WARNING, 0);
	if (*e->reason && x + 3 < p->cols) {
		x += draw_text(w, y, x, dash(t), p->cols - x, ROLE_NORMAL, 0);
		draw_text(w, y, x, e->reason, p->cols - x, ROLE_NORMAL, 1);
	}
}

/* The row's last field, width columns at the pane's edge: the kind or
 * time, then the way ("online FR"), which the booths and the remote
 * channel need: when both do not fit the kind is cut, never the way (a
 * point of order lost its language at 80 columns). */
static void draw_last(WINDOW *w, int y, int x, int width, const char *what, const char *way,
		      tui_role role)
{
	int way_w = *way ? draw_width(way) + 1 : 0;
	if (way_w >= width) {
		draw_text(w, y, x, way, width, role, 1);
		return;
	}
	int used = draw_text(w, y, x, what, width - way_w, role, 0);
	if (*way) {
		used += draw_text(w, y, x + used, " ", 1, role, 0);
		used += draw_text(w, y, x + used, way, width - used, role, 0);
	}
	draw_text(w, y, x + used, "", width - used, role, 1);
}

/* One row: a lead (position or blank), then name, organisation, sector and
 * a last field (kind or time, then "online" and the language: "floor
 * online FR") in columns measured by display width. */
static void draw_row(pane *p, WINDOW *w, int y, const char *lead, const rs_queue_entry *e,
		     const char *what, tui_role role)
{
	int x = draw_text(w, y, 0, lead, 5, role, 1);
	/* The kind and the way ("point of order EN": the booths need the
	 * language) keep their width, the whole of the longest where the pane
	 * has room ("point of order online FR"); the name, organization and
	 * sector share the rest. */
	int last_w = p->cols >= 100 ? 24 : p->cols >= 50 ? 17 : 10;
	int rest = p->cols - x - last_w;
	int name_w = rest * 2 / 5, org_w = rest * 3 / 10, sector_w = rest - name_w - org_w;
	char way[32];
	way_cell(e, way, sizeof way);
	const char *field[] = {e->name, e->organization, rs_sector_label(e->sector)};
	int width[] = {name_w, org_w, sector_w};
	for (int i = 0; i < 3 && x < p->cols; i++) {
		int fw = width[i] < p->cols - x ? width[i] : p->cols - x;
		if (fw < 1)
			break;
		draw_text(w, y, x, field[i], fw - (fw > 1), role, 1);
		if (fw > 1)
			draw_text(w, y, x + fw - 1, " ", 1, role, 0);
		x += fw;
	}
	/* The last field ends at the pane's edge: no gap after it. */
	if (x < p->cols)
		draw_last(w, y, x, p->cols - x, what, way, role);
}

/* The floor's share: "1:40 each", or in the warning's words when the
 * floor's time is longer than what ends the item on time ("1:40 each <
 * 3:00 floor"; after the programme's figures "10 floor:" says whose). */
static void pace_share(const rs_pacing *pc, char *line, size_t size, char *warn, size_t wsize)
{
	char each[24], floor[24];
	rs_duration_text(pc->each, each, sizeof each);
	rs_duration_text(pc->floor_seconds, floor, sizeof floor);
	if (pc->floor_seconds > pc->each)
		snprintf(warn, wsize, "%s each < %s%s", each, floor,
			 pc->programme_waiting ? "" : " floor");
	else
		snprintf(line + strlen(line), size - strlen(line), "%s each", each);
}

/* The pace's words at 80 columns: "pace: 28:20 left, 17 waiting, 1:40
 * each"; with programme speakers waiting their own time apart ("pace:
 * 51:40 left, 35:00 programme, 10 floor: 1:40 each"); in warn what runs
 * over: the item past its planned end, the programme alone past it ("the
 * programme alone runs 6:40 over"), the floor's time past its share. */
static void pace_words(const rs_pacing *pc, char *line, size_t size, char *warn, size_t wsize)
{
	char left[24], d[24];
	rs_duration_text(pc->left < 0 ? -pc->left : pc->left, left, sizeof left);
	if (pc->ended) {
		snprintf(line, size, "pace: the item has ended");
	} else if (!pc->planned) {
		snprintf(line, size, "pace: the item has no planned end");
	} else if (pc->left < 0) {
		snprintf(line, size, "pace: %d waiting, ", pc->waiting);
		rs_overrun_text(-pc->left, warn, wsize);
	} else if (!pc->waiting) {
		snprintf(line, size, "pace: %s left, nobody waiting", left);
	} else if (pc->programme_over) {
		snprintf(line, size, "pace: %s left, %d waiting, ", left, pc->waiting);
		rs_duration_text(pc->programme_over, d, sizeof d);
		snprintf(warn, wsize, "the programme alone runs %s over", d);
	} else if (pc->programme_waiting) {
		rs_duration_text(pc->programme_seconds, d, sizeof d);
		if (!pc->floor_waiting) {
			snprintf(line, size, "pace: %s left, %s programme, nobody from the floor",
				 left, d);
			return;
		}
		snprintf(line, size, "pace: %s left, %s programme, %d floor: ", left, d,
			 pc->floor_waiting);
		pace_share(pc, line, size, warn, wsize);
	} else {
		snprintf(line, size, "pace: %s left, %d waiting, ", left, pc->waiting);
		pace_share(pc, line, size, warn, wsize);
	}
}

/* The pacing of the item at now (pace_words), counted down with the
 * clock from what was read at pace_at. */
static void draw_pace(pane *p, WINDOW *w)
{
	queue_pane *q = p->priv;
	if (!q->has_pace || q->pace_y < 0 || q->pace_x >= p->cols)
		return;
	rs_pacing pc = q->pace;
	rs_pacing_advance(&pc, rs_now() - q->pace_at);
	char line[96], warn[96] = "";
	pace_words(&pc, line, sizeof line, warn, sizeof warn);
	int x = q->pace_x;
	x += draw_text(w, q->pace_y, x, line, p->cols - x, ROLE_MUTED, 0);
	if (*warn && x < p->cols)
		x += draw_text(w, q->pace_y, x, warn, p->cols - x, ROLE_WARNING, 0);
	if (x < p->cols)
		draw_text(w, q->pace_y, x, "", p->cols - x, ROLE_NORMAL, 1);
}

static int draw_waiting(pane *p, tui *t, WINDOW *w, int y, int rows)
{
	queue_pane *q = p->priv;
	char head[48];
	snprintf(head, sizeof head, "Waiting (%zu)  ", q->counts.waiting);
	q->pace_x = draw_text(w, y, 0, head, p->cols, ROLE_HEADER, 0);
	q->pace_y = y++;
	draw_pace(p, w);
	q->page = rows > 1 ? rows : 1;
	if (!q->n_wait) {
		draw_text(w, y, 2, "nobody", p->cols - 2, ROLE_MUTED, 0);
		return y + 1;
	}
	draw_scroll(q->sel, rows, q->counts.waiting > INT_MAX ? INT_MAX : (int)q->counts.waiting,
		    &q->view);
	read_upto(p, t, (size_t)(q->view.top + rows - 1));
	for (int r = 0; r < rows && q->view.top + r < (int)q->n_wait; r++) {
		rs_queue_entry *e = waiting_at(q, q->view.top + r);
		char pos[16], kind[32];
		snprintf(pos, sizeof pos, e->held ? "  -" : "%3d.", e->position);
		if (e->held) /* the reason, short: the Next line or `queue list` say it whole */
			snprintf(kind, sizeof kind, "held: %s", e->accreditation);
		else
			rs_text_code_words(e->kind, kind, sizeof kind);
		draw_row(p, w, y++, pos, e, kind,
			 q->view.top + r == q->sel ? tui_selection_role(t, p)
			 : e->held	      ? ROLE_MUTED
					      : ROLE_NORMAL);
	}
	return y;
}

/* Those dealt with: the latest that fit, with their speaking time; the
 * withdrawn and absent muted. */
static void draw_done(pane *p, WINDOW *w, int y, int rows)
{
	queue_pane *q = p->priv;
	size_t from = q->wait_from + q->n_wait, n = q->n - from;
	char head[48];
	snprintf(head, sizeof head, "Spoken, withdrawn, absent (%zu)", q->counts.dealt);
	draw_text(w, y++, 0, head, p->cols, ROLE_HEADER, 1);
	size_t skip = n > (size_t)rows ? n - (size_t)rows : 0;
	for (size_t i = from + skip; i < q->n; i++) {
		const rs_queue_entry *e = &q->v[i];
		char last[32];
		if (e->state == QS_SPOKEN)
			rs_duration_text(rs_queue_entry_seconds(e, rs_now()), last, sizeof last);
		else
			snprintf(last, sizeof last, "%s", rs_queue_state_name(e->state));
		draw_row(p, w, y++, "", e, last, e->state == QS_SPOKEN ? ROLE_NORMAL : ROLE_MUTED);
	}
}

/* The rows below the speaker and the Next line go to the waiting list first,
 * with at least a third for those dealt with when both are long. */
static void draw_lists(pane *p, tui *t, WINDOW *w, int y)
{
	queue_pane *q = p->priv;
	int n_done = (int)(q->n - q->wait_from - q->n_wait);
	int avail = p->rows - y - 1 - (n_done ? 1 : 0);
	if (avail < 1)
		return;
	int wait_need = q->counts.waiting ? (int)q->counts.waiting : 1;
	int done_rows = avail - wait_need > avail / 3 ? avail - wait_need : avail / 3;
	if (done_rows > n_done)
		done_rows = n_done;
	y = draw_waiting(p, t, w, y, avail - done_rows);
	if (n_done && done_rows > 0 && y < p->rows)
		draw_done(p, w, y, done_rows);
}

static void queue_draw(pane *p, tui *t, WINDOW *w)
{
	queue_pane *q = p->priv;
	q->pace_y = -1;
	char head[300];
	int x = draw_text(w, 0, 0, "Queue  ", p->cols, ROLE_HEADER, 0);
	if (t->floor_is_break)
		x += draw_text(w, 0, x, "a break: ", p->cols - x, ROLE_WARNING, 0);
	else if (!t->floor_item_open && t->floor_item)
		x += draw_text(w, 0, x, "not open yet, n opens it: ", p->cols - x, ROLE_WARNING, 0);
	snprintf(head, sizeof head, "%s", t->floor_title);
	draw_text(w, 0, x, head, p->cols - x, ROLE_HEADER, 1);
	if (!t->floor_item) {
		draw_text(w, 2, 1, "No item to run: every item of the programme has ended",
			  p->cols - 1, ROLE_MUTED, 0);
		return;
	}
	int y = draw_speaker(p, t, w);
	draw_next(p, t, w, y++);
	draw_lists(p, t, w, y);
}

static void queue_tick(pane *p, tui *t, WINDOW *w)
{
	queue_pane *q = p->priv;
	if (t->floor_item && q->speaking)
		draw_clock(p, t, w);
	if (t->floor_item)
		draw_pace(p, w);
}

/* ---- actions ---------------------------------------------------------------- */

/* Adding a speaker: who, then as what (from the floor unless chosen
 * otherwise), then for a programme speaker the slot they fill. */
typedef struct {
	int64_t who;
	const char *kind;
} add_state;

static int add_entry(tui *t, add_state *st, const char *slot)
{
	rs_queue_new in = {.item_id = t->floor_item, .stakeholder_id = st->who, .kind = st->kind,
			   .slot = slot};
	rs_status rc = rs_queue_add_entry(t->db, &in, NULL);
	free(st);
	return tui_report_said(t, rc);
}

static int slot_done(tui *t, void *ctx, const char *text)
{
	add_state *st = ctx;
	if (!text) {
		free(st);
		return DIRTY_NONE;
	}
	return add_entry(t, st, text);
}

static int kind_done(tui *t, void *ctx, const char *text)
{
	add_state *st = ctx;
	if (!text) {
		free(st);
		return DIRTY_NONE;
	}
	const rs_kind *k = rs_kind_at((size_t)atoi(text));
	st->kind = k ? k->code : "floor";
	if (!rs_kind_is_programme(st->kind))
		return add_entry(t, st, NULL);
	modal_line(t, "The slot they fill, e.g. a sector or \"Africa regional review\" (optional)",
		   "", slot_done, st);
	return DIRTY_STATUS;
}

static int who_done(tui *t, void *ctx, const char *who)
{
	(void)ctx;
	if (!who)
		return DIRTY_NONE;
	add_state *st = calloc(1, sizeof *st);
	if (!st)
		return DIRTY_NONE;
	st->who = strtoll(who, NULL, 10);
	/* The floor first: what a moderator adds most. */
	const char *rows[16];
	int64_t values[16];
	int n = 0, floor_at = 0;
	for (size_t i = 0; i < rs_kind_count() && n < 16; i++, n++) {
		rows[n] = rs_kind_at(i)->label;
		values[n] = (int64_t)i;
		if (!strcmp(rs_kind_at(i)->code, "floor"))
			floor_at = n;
	}
	modal_choose_typed(t, "As what? (a reply answers the speech being given)", rows, values,
			   n, floor_at, kind_done, st);
	return DIRTY_STATUS;
}

static int withdraw_done(tui *t, void *ctx, const char *yes)
{
	queue_pane *q = ctx;
	if (!yes)
		return DIRTY_NONE;
	return tui_report_said(t, rs_queue_withdraw(t->db, q->pending));
}

static int give_done(tui *t, void *ctx, const char *yes)
{
	queue_pane *q = ctx;
	if (!yes)
		return DIRTY_NONE;
	return tui_floor_seen(t, RS_FLOOR_GIVE, q->pending, q->pending_holder);
}

/* What giving e the floor does to the speech going on, as the core does
 * it (rs_queue_gives_back): a point of order interrupts it, else it ends. */
static void give_question(const queue_pane *q, const rs_queue_entry *e, char *buf, size_t size)
{
	const rs_queue_entry *h = q->speaking ? &q->v[0] : NULL;
	if (h && rs_queue_gives_back(h, e, rs_queue_interrupted(q->v, q->n)))
		snprintf(buf, size, "%s's point of order now? (%s's speech pauses)", e->name,
			 h->name);
	else
		snprintf(buf, size, "Give the floor to %s now%s?", e->name,
			 h ? " (the speech going on ends)" : "");
}

static int on_selected(queue_pane *q, tui *t, tui_action a)
{
	rs_queue_entry *e = waiting_at(q, q->sel);
	if (!e)
		return tui_report(t, rs_fail(RS_ERR_INVALID, "nobody waiting to select"), "%s", "");
	char question[300];
	switch (a) {
	case ACT_GIVE_FLOOR:
		q->pending = e->id;
		q->pending_holder = tui_seen_holder(t);
		give_question(q, e, question, sizeof question);
		modal_confirm(t, question, give_done, q);
		return DIRTY_STATUS;
	case ACT_ABSENT:
		return tui_report_said(t, rs_queue_absent(t->db, e->id));
	case ACT_WITHDRAW: {
		q->pending = e->id;
		snprintf(question, sizeof question, "Withdraw %s from the queue?", e->name);
		modal_confirm(t, question, withdraw_done, q);
		return DIRTY_STATUS;
	}
	default: /* ACT_MOVE_UP, ACT_MOVE_DOWN: the selection stays on the entry */
		q->sel_id = e->id;
		return tui_report_said(t, rs_queue_move(t->db, e->id, a == ACT_MOVE_UP ? -1 : 1));
	}
}

/* Enter: why the selected entry stands where it does, whole, in the band
 * above the status line: the Next line and the row cut it at the pane's
 * width, and under the balanced policy it is the longest thing said (group
 * shares, places passed over).  The words are the policy's, as `queue
 * list` gives them; the selection starts on the next speaker. */
static int show_reason(queue_pane *q, tui *t)
{
	const rs_queue_entry *e = waiting_at(q, q->sel);
	if (!e)
		return tui_report(t, rs_fail(RS_ERR_INVALID, "nobody waiting to select"), "%s", "");
	if (e == rs_queue_upcoming(q->v, q->n, 0))
		tui_say(t, "Next: %s%s%s", e->name, dash(t), e->reason);
	else if (e->held) /* the reason says "held back" */
		tui_say(t, "%s%s%s", e->name, dash(t), e->reason);
	else
		tui_say(t, "%d. %s%s%s", e->position, e->name, dash(t), e->reason);
	return DIRTY_STATUS;
}

/* ---- online or in the room, the language: O and L ------------------------- */

static const rs_queue_entry *by_id(const queue_pane *q, int64_t id)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->v[i].id == id)
			return &q->v[i];
	return NULL;
}

static int language_done(tui *t, void *ctx, const char *text)
{
	queue_pane *q = ctx;
	if (!text)
		return DIRTY_NONE;
	const char *code = tui_ref_choice(text, rs_languages, rs_language_n);
	return tui_report_said(t, rs_queue_set(t->db, q->pending, NULL, code));
}

/* The change on entry id: O turns it online or back to the room at once,
 * L asks the language (the entry's first). */
static int way_of(queue_pane *q, tui *t, int64_t id)
{
	const rs_queue_entry *e = by_id(q, id);
	if (!e)
		return tui_report(t, rs_fail(RS_ERR_INVALID, "entry %lld is gone", (long long)id),
				  "%s", "");
	q->pending = id;
	if (q->pending_way == ACT_PARTICIPATION) {
		const char *to = online(e) ? "in_room" : "online";
		rs_status st = rs_queue_set(t->db, id, to, NULL);
		return tui_report(t, st, "%s speaks %s", e->name, rs_participation_label(to));
	}
	const char *labels[16];
	int64_t values[16];
	int n = 0, initial = 0;
	for (size_t i = 0; i < rs_language_n && n < 16; i++, n++) {
		labels[n] = rs_languages[i].label;
		values[n] = (int64_t)i;
		if (!strcmp(rs_languages[i].code, e->language))
			initial = n;
	}
	char title[300];
	snprintf(title, sizeof title, "Language of %s's intervention", e->name);
	modal_choose_typed(t, title, labels, values, n, initial, language_done, q);
	return DIRTY_STATUS;
}

static int whom_done(tui *t, void *ctx, const char *text)
{
	queue_pane *q = ctx;
	return text ? way_of(q, t, strtoll(text, NULL, 10)) : DIRTY_NONE;
}

/* O and L act on the selected waiting entry or on the speaker: asked when
 * both are there. */
static int change_way(queue_pane *q, tui *t, tui_action a)
{
	const rs_queue_entry *sel = waiting_at(q, q->sel), *spk = q->speaking ? &q->v[0] : NULL;
	q->pending_way = a;
	if (!sel && !spk)
		return tui_report(t, rs_fail(RS_ERR_INVALID, "nobody speaks or waits"), "%s", "");
	if (!sel || !spk)
		return way_of(q, t, (sel ? sel : spk)->id);
	char rows[2][200];
	const char *labels[2] = {rows[0], rows[1]};
	int64_t values[2] = {spk->id, sel->id};
	snprintf(rows[0], sizeof rows[0], "%s, speaking", spk->name);
	snprintf(rows[1], sizeof rows[1], "%s, waiting (selected)", sel->name);
	modal_choose(t, a == ACT_LANGUAGE ? "The language of whose intervention?"
					  : "Who speaks online, or in the room?",
		     labels, values, 2, 0, whom_done, q);
	return DIRTY_STATUS;
}

static int select_at(pane *p, tui *t, int sel)
{
	queue_pane *q = p->priv;
	int last = q->counts.waiting ? (int)q->counts.waiting - 1 : 0;
	q->sel = sel < 0 ? 0 : sel > last ? last : sel;
	q->sel_id = 0; /* the place chosen, not the entry that was selected */
	read_upto(p, t, (size_t)q->sel);
	rs_queue_entry *e = waiting_at(q, q->sel);
	q->sel_id = e ? e->id : 0;
	return DIRTY_PANE;
}

static int queue_action(pane *p, tui *t, tui_action a)
{
	queue_pane *q = p->priv;
	switch (a) {
	case ACT_UP:
		return select_at(p, t, q->sel - 1);
	case ACT_DOWN:
		return select_at(p, t, q->sel + 1);
	case ACT_PAGE_UP:
		return select_at(p, t, q->sel - q->page);
	case ACT_PAGE_DOWN:
		return select_at(p, t, q->sel + q->page);
	case ACT_FIRST:
		return select_at(p, t, 0);
	case ACT_LAST:
		return select_at(p, t, (int)q->counts.waiting - 1);
	case ACT_LANGUAGE:
	case ACT_PARTICIPATION:
		return change_way(q, t, a);
	case ACT_OPEN:
		return show_reason(q, t);
	case ACT_ADD:
	case ACT_GIVE_FLOOR:
	case ACT_ABSENT:
	case ACT_WITHDRAW:
	case ACT_MOVE_UP:
	case ACT_MOVE_DOWN:
		break;
	default:
		return -1;
	}
	if (!t->floor_item)
		return tui_report(t, rs_fail(RS_ERR_INVALID, "no item to run: every item has ended"),
				  "%s", "");
	if (a != ACT_ADD)
		return on_selected(q, t, a);
	/* Refused before the roster and the kind are asked, not after. */
	rs_status st = rs_queue_takes_requests(t->db, t->floor_item);
	if (st)
		return tui_report(t, st, "%s", "");
	modal_pick_stakeholder(t, "Add a speaker (type to search the roster)", 0, who_done, NULL);
	return DIRTY_STATUS;
}

static const char *queue_row(void *ctx, int i, char *buf, size_t size)
{
	queue_pane *q = ctx;
	const rs_queue_entry *e = waiting_at(q, i);
	snprintf(buf, size, "%s %s %s %s", e->name, e->organization, rs_sector_label(e->sector),
		 e->kind);
	return buf;
}

/* A search goes through the whole list: read to its end first. */
static int queue_find(pane *p, tui *t, const char *query)
{
	queue_pane *q = p->priv;
	if (q->counts.waiting)
		read_upto(p, t, q->counts.waiting - 1);
	int i = tui_find_next(q->sel, (int)q->n_wait, query, queue_row, q);
	if (i >= 0)
		select_at(p, t, i);
	return i >= 0;
}

static const tui_hint *queue_hints(pane *p, tui *t, size_t *n)
{
	static const tui_hint hints[] = {
		{ACT_NEXT_SPEAKER, ACT_NONE, "next"},  {ACT_PAUSE, ACT_NONE, "pause"},
		{ACT_ADD, ACT_NONE, "add"},            {ACT_GIVE_FLOOR, ACT_NONE, "give floor"},
		{ACT_OPEN, ACT_NONE, "why"},
		{ACT_END_SPEECH, ACT_NONE, "end"},     {ACT_POINT_OF_ORDER, ACT_NONE, "point of order"},
		{ACT_ABSENT, ACT_NONE, "absent"},      {ACT_WITHDRAW, ACT_NONE, "withdraw"},
		{ACT_MOVE_UP, ACT_MOVE_DOWN, "move"},  {ACT_REQUESTS, ACT_NONE, "requests"},
		{ACT_POLICY, ACT_NONE, "policy"},     {ACT_FILTER, ACT_NONE, "search"},
	};
	(void)p;
	/* In a break nobody is added, called or waits: the status line
	 * offers what opens the next item instead. */
	*n = t->floor_is_break ? 0 : sizeof hints / sizeof hints[0];
	return hints;
}

static void queue_close(pane *p)
{
	queue_free_list(p->priv);
	free(p->priv);
}

const pane_ops pane_queue_ops = {
	.name = "Queue",
	.shows = RS_CHANGED_QUEUE | RS_CHANGED_ROSTER | RS_CHANGED_AGENDA | RS_CHANGED_MEETING,
	.floor_list = 1,
	.open = queue_open,
	.reload = queue_reload,
	.draw = queue_draw,
	.tick = queue_tick,
	.action = queue_action,
	.hints = queue_hints,
	.find = queue_find,
	.close = queue_close,
};
