/* `rostrum display`: the read-only view for a projector or a second screen:
 * the item and the time left in it, who speaks (online or in the room, in
 * what language) with a clock as large as the screen allows, who is next;
 * or, after e, the balance of the floor (the equity view's bars, by the
 * meeting's basis).  `--interpreters` is one line for the booths instead:
 * the language of who speaks and of who is next.  It changes nothing.  It
 * re-reads when another terminal's change touched what it shows (the
 * journal read when PRAGMA data_version moved, polled every half second:
 * watch.h), and repaints only the clock's cells each second. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/agenda.h"
#include "rostrum/clock.h"
#include "rostrum/meeting.h"
#include "rostrum/queue.h"
#include "rostrum/refdata.h"
#include "rostrum/watch.h"

enum {
	NEXT_SHOWN = 3,
	/* Rows that are not the clock: title, item, blank, four of the
	 * speaker, blank, the word under the clock, blank, "Next:" and three. */
	TEXT_ROWS = 14,
};

typedef struct {
	rs_db *db;
	int warning_seconds;
	int utf8;
	char title[256], item[300], timezone[64];
	int64_t item_id, item_end; /* the item's planned end, -1 if none */
	rs_queue_entry *v; /* rs_queue_prefix's: holder, the first places waiting */
	size_t n;
	const rs_queue_entry *holder;
	int rows, cols;
	int clock_y, scale; /* where and how large the clock is, for the tick */
	int blocks;
	int equity;         /* the balance of the floor instead of the speaker (e) */
	rs_balance bal;     /* its figures, read with the rest while shown */
	int has_bal;
	int64_t read_at;    /* when, for the speaking time of a speech going on */
	int interpreters;   /* the booths' one line */
	rs_floor_state floor; /* no item live, a break, the floor open: the core's words */
} display;

static void display_read(display *d)
{
	rs_queue_list_free(d->v, d->n);
	d->v = NULL;
	d->n = 0;
	d->holder = NULL;
	d->title[0] = d->item[0] = '\0';
	d->item_id = 0;
	d->item_end = -1;
	rs_meeting m;
	if (rs_meeting_get(d->db, &m) != RS_OK)
		return;
	snprintf(d->title, sizeof d->title, "%s", m.title);
	snprintf(d->timezone, sizeof d->timezone, "%s", m.timezone);
	d->warning_seconds = m.warning_seconds;
	d->item_id = m.current_item;
	rs_agenda_item it;
	if (d->item_id && rs_agenda_get(d->db, d->item_id, &it) == RS_OK) {
		snprintf(d->item, sizeof d->item, "%s%s%s", it.code, *it.code ? "  " : "", it.title);
		d->item_end = rs_agenda_planned_end(&m, &it, rs_now());
		rs_agenda_item_clear(&it);
	}
	rs_meeting_clear(&m);
	rs_queue_counts counts; /* the first places only: a projector shows a few */
	if (d->item_id && rs_queue_prefix(d->db, d->item_id, NEXT_SHOWN, 0, &d->v, &d->n,
					  &counts) != RS_OK) {
		d->v = NULL;
		d->n = 0;
	}
	d->holder = rs_queue_holder(d->v, d->n);
	if (rs_floor_state_read(d->db, &d->floor) != RS_OK)
		memset(&d->floor, 0, sizeof d->floor);
	if (d->has_bal)
		rs_balance_free(&d->bal);
	d->has_bal = d->equity && rs_balance_stats(d->db, d->item_id, &d->bal) == RS_OK;
	d->read_at = rs_now();
}

static void centred(display *d, int y, const char *s, tui_role role)
{
	int w = draw_width(s);
	int x = w < d->cols ? (d->cols - w) / 2 : 0;
	if (y >= 0 && y < d->rows)
		draw_text(stdscr, y, x, s, d->cols - x, role, 0);
}

/* The largest clock the screen holds beside the text, for the widest
 * countdown ("-59:59"): 0 for plain digits (a small screen), else the
 * scale of the big digits. */
static int clock_scale(const display *d)
{
	int scale = 0;
	for (int s = 1; s <= 20; s++)
		if (5 * s <= d->rows - TEXT_ROWS && draw_big_width("-00:00", s) <= d->cols - 4)
			scale = s;
	return scale;
}

/* "1:12:05 left in the item" by its planned end; over, when it ran over.
 * The time is what the room looks for: a long title gives way to it. */
static void item_line(const display *d, char *buf, size_t size)
{
	if (d->item_end < 0) {
		snprintf(buf, size, "%s", d->item);
		return;
	}
	int64_t left = d->item_end - rs_now();
	char t[64], tail[96], title[300];
	if (left < 0) {
		rs_overrun_text(-left, t, sizeof t);
		snprintf(tail, sizeof tail, "  ·  %s", t);
	} else {
		rs_duration_text(left, t, sizeof t);
		snprintf(tail, sizeof tail, "  ·  %s left in the item", t);
	}
	draw_fit(title, sizeof title, d->item, d->cols - draw_width(tail));
	snprintf(buf, size, "%s%s", title, tail);
}

/* The clock's rows: the countdown (as large as fits) and the word under
 * it; overtime is counted up with a leading '-'. */
static void display_clock(display *d)
{
	char line[400];
	item_line(d, line, sizeof line);
	if (d->item_id) {
		draw_text(stdscr, 1, 0, "", d->cols, ROLE_NORMAL, 1);
		centred(d, 1, line, ROLE_MUTED);
	}
	if (d->equity) /* the bars, where the clock would be */
		return;
	int y = d->clock_y, rows = d->scale ? 5 * d->scale + 1 : 2;
	for (int r = 0; r < rows && y + r < d->rows; r++)
		draw_text(stdscr, y + r, 0, "", d->cols, ROLE_NORMAL, 1);
	if (!d->holder)
		return;
	rs_countdown c = rs_queue_countdown(d->holder, d->warning_seconds, rs_now());
	char text[24];
	rs_duration_text(c.left, text, sizeof text);
	int paused = c.paused;
	c.paused = 0; /* the digits keep the colour of the time left */
	tui_role role = tui_countdown_role(c);
	int w = draw_big_width(text, d->scale);
	if (d->scale && w <= d->cols)
		draw_big(stdscr, y, (d->cols - w) / 2, text, role, d->utf8, d->scale);
	else
		centred(d, y, text, role);
	const char *word = paused ? "PAUSED" : c.state == RS_COUNT_OVERTIME ? "over time" : "";
	centred(d, y + (d->scale ? 5 * d->scale : 1), word, paused ? ROLE_PAUSED : role);
}

/* " · online · FR": how an entry takes part, when online, and its
 * language, as the lists show them. */
static void way_tag(const display *d, const rs_queue_entry *e, char *buf, size_t size)
{
	const char *dot = d->utf8 ? " · " : " - ";
	int online = !strcmp(e->participation, "online");
	char lang[8];
	snprintf(lang, sizeof lang, "%s", e->language);
	for (char *c = lang; *c; c++)
		*c = (char)(*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c);
	snprintf(buf, size, "%s%s%s%s", online ? dot : "", online ? "online" : "",
		 *lang ? dot : "", lang);
}

/* "2. Name — Organization, Sector · online": as much of it as the screen
 * holds, the sector given up first, then the organization, so that every
 * line stays centred rather than one running from the edge. */
static void next_line(const display *d, const rs_queue_entry *e, size_t k, char *line,
		      size_t size)
{
	char way[64];
	way_tag(d, e, way, sizeof way);
	const char *dash = d->utf8 ? "—" : "-", *org = e->organization;
	for (int detail = 2; detail >= 0; detail--) {
		if (detail == 2)
			snprintf(line, size, "%zu. %s %s %s%s%s%s", k, e->name, dash, org,
				 *org ? ", " : "", rs_sector_label(e->sector), way);
		else if (detail == 1 && *org)
			snprintf(line, size, "%zu. %s %s %s%s", k, e->name, dash, org, way);
		else
			snprintf(line, size, "%zu. %s%s", k, e->name, way);
		if (draw_width(line) < d->cols)
			return;
	}
}

static void display_next(display *d, int y)
{
	size_t shown = 0;
	const rs_queue_entry *e;
	centred(d, y++, "Next:", ROLE_HEADER);
	while (shown < NEXT_SHOWN && (e = rs_queue_upcoming(d->v, d->n, shown))) {
		char line[800];
		next_line(d, e, ++shown, line, sizeof line);
		centred(d, y++, line, !strcmp(e->participation, "online") ? ROLE_WARNING : ROLE_NORMAL);
	}
	if (!shown)
		centred(d, y, "nobody waiting", ROLE_MUTED);
}

/* "ONLINE · French" under who speaks: the booths and the room see at once
 * whether the remote channel carries the voice and in what language. */
static void display_way(display *d, int y, const rs_queue_entry *e)
{
	char line[128];
	int online = !strcmp(e->participation, "online");
	const char *lang = *e->language ? rs_language_name(e->language) : "language not given";
	snprintf(line, sizeof line, "%s%s%s", online ? "ONLINE" : "", online ? (d->utf8 ? " · " : " - ") : "",
		 lang);
	centred(d, y, line, online ? ROLE_WARNING : ROLE_MUTED);
}

/* The speaker's name as large as a terminal can make text: at the sizes
 * of a large clock, spaced out letter by letter and bold. */
static void draw_name(display *d, int y, const char *name)
{
	size_t n = strlen(name);
	char *spaced = d->scale >= 3 ? malloc(n * 2 + 1) : NULL;
	if (spaced) {
		char *o = spaced;
		mbstate_t st = {0};
		for (const char *p = name; *p;) {
			size_t len = mbrlen(p, MB_CUR_MAX, &st);
			if (len == 0 || len > MB_CUR_MAX)
				len = 1;
			memcpy(o, p, len);
			o += len;
			p += len;
			if (*p)
				*o++ = ' ';
		}
		*o = '\0';
	}
	if (spaced && draw_width(spaced) <= d->cols - 4)
		centred(d, y, spaced, ROLE_SPEAKING);
	else
		centred(d, y, name, ROLE_SPEAKING);
	free(spaced);
}

/* The balance of the floor on the item (the meeting, with none open): the
 * equity view's rows for sector, region and gender, one bar each by the
 * meeting's basis, as many as the screen holds. */
static void display_equity(display *d)
{
	char line[200];
	snprintf(line, sizeof line, "The floor's balance %s, by %s: the target marked %s",
		 d->item_id ? "on this item" : "in the meeting",
		 d->has_bal && d->bal.by_time ? "speaking time" : "interventions",
		 d->blocks ? "│" : "|");
	centred(d, 2, line, ROLE_MUTED);
	if (!d->has_bal)
		return;
	int width = d->cols - 2 < 120 ? d->cols - 2 : 120;
	equity_cols c = equity_columns((d->cols - width) / 2, width, 0);
	equity_column_heads(stdscr, 4, c, &d->bal);
	int y = 5, last = d->rows - 1; /* the last row says when some did not fit */
	for (int dim = BAL_SECTOR; dim <= BAL_GENDER; dim++) {
		double full = equity_full_bar(&d->bal, (rs_balance_dim)dim);
		int first = 1;
		for (size_t i = 0; i < d->bal.n_groups; i++) {
			const rs_balance_group *g = &d->bal.groups[i];
			if ((int)g->dim != dim)
				continue;
			if (y + first >= last) {
				centred(d, last, "(a larger screen shows more)", ROLE_MUTED);
				return;
			}
			if (first)
				equity_heading(stdscr, y++, c, &d->bal, g->dim, full);
			first = 0;
			equity_row(stdscr, y++, c, &d->bal, g, full, d->blocks);
		}
	}
}

static void display_paint(display *d)
{
	werase(stdscr);
	getmaxyx(stdscr, d->rows, d->cols);
	if (d->equity) {
		centred(d, 0, d->title, ROLE_HEADER);
		display_clock(d);
		display_equity(d);
		wnoutrefresh(stdscr);
		return;
	}
	d->scale = clock_scale(d);
	centred(d, 0, d->title, ROLE_HEADER);
	char whole[RS_SUMMARY_MAX], said[RS_SUMMARY_MAX];
	rs_floor_said(&d->floor, whole, sizeof whole);
	draw_fit(said, sizeof said, whole, d->cols - 2); /* a long title says it was cut */
	if (!d->item_id)
		centred(d, 1, said, ROLE_MUTED);
	int y = d->scale ? 3 : 2;
	if (d->holder) {
		draw_name(d, y, d->holder->name);
		centred(d, y + 1, d->holder->organization, ROLE_NORMAL);
		centred(d, y + 2, rs_sector_label(d->holder->sector), ROLE_NORMAL);
		display_way(d, y + 3, d->holder);
	} else if (d->item_id) {
		centred(d, y + 1, said, ROLE_MUTED); /* the floor open, a break */
	}
	d->clock_y = y + (d->scale ? 5 : 4);
	display_clock(d);
	/* In a break nobody is next: the sentence names the next item. */
	if (d->item_id && d->floor.kind != RS_FLOOR_BREAK)
		display_next(d, d->clock_y + (d->scale ? 5 * d->scale + 2 : 3));
	wnoutrefresh(stdscr);
}

/* "French — Name (online)": one speaker as the booths need them. */
static void booth_part(const display *d, const char *label, const rs_queue_entry *e, char *buf,
		       size_t size)
{
	if (!e) {
		snprintf(buf, size, "%s: %s", label, !strcmp(label, "Now") ? "nobody, the floor is open"
									 : "nobody waiting");
		return;
	}
	snprintf(buf, size, "%s: %s %s %s%s", label,
		 *e->language ? rs_language_name(e->language) : "language not given",
		 d->utf8 ? "—" : "-", e->name, !strcmp(e->participation, "online") ? " (online)" : "");
}

/* The booths' one line: the language of who speaks (with the time left)
 * and of the next two, so that the booths can prepare.  It is short enough
 * to repaint on the clock's tick: curses sends the cells that changed. */
static void interpreters_paint(display *d)
{
	char now[400], next[400], then[400], line[1400], left[48] = "";
	getmaxyx(stdscr, d->rows, d->cols);
	booth_part(d, "Now", d->holder, now, sizeof now);
	booth_part(d, "Next", rs_queue_upcoming(d->v, d->n, 0), next, sizeof next);
	booth_part(d, "Then", rs_queue_upcoming(d->v, d->n, 1), then, sizeof then);
	if (d->holder) {
		rs_countdown c = rs_queue_countdown(d->holder, d->warning_seconds, rs_now());
		char t[24];
		rs_duration_text(c.left < 0 ? -c.left : c.left, t, sizeof t);
		snprintf(left, sizeof left, ", %s %s", t, c.state == RS_COUNT_OVERTIME ? "over" : "left");
	}
	const char *bar = d->utf8 ? "  │  " : "  |  ";
	if (!d->item_id || d->floor.kind == RS_FLOOR_BREAK)
		rs_floor_said(&d->floor, line, sizeof line);
	else
		snprintf(line, sizeof line, "%s%s%s%s%s%s", now, left, bar, next,
			 rs_queue_upcoming(d->v, d->n, 1) ? bar : "",
			 rs_queue_upcoming(d->v, d->n, 1) ? then : "");
	draw_text(stdscr, 0, 0, line, d->cols, ROLE_NORMAL, 1);
	wnoutrefresh(stdscr);
}

int display_run(rs_db *db, const rs_config *cfg, int no_color, int interpreters)
{
	display d;
	memset(&d, 0, sizeof d);
	d.db = db;
	d.interpreters = interpreters;
	int colour;
	if (term_start(cfg, no_color, "the display", &colour, &d.utf8))
		return RS_ERR_RUNTIME;
	d.blocks = term_blocks(d.utf8);
	int64_t last_second = -1;
	int repaint = 1, read = 1;
	rs_watch w;
	rs_watch_start(db, &w);
	while (!term_stop_requested()) {
		rs_changes c;
		/* The balance counts every item's speeches; the rest is the
		 * live item's. */
		if (!read && rs_watch_moved(db, &w) && rs_watch_poll(db, &w, &c) == RS_OK)
			read = rs_changes_touch(&c, RS_CHANGED_MEETING | RS_CHANGED_AGENDA |
						RS_CHANGED_QUEUE | RS_CHANGED_ROSTER,
						d.equity ? -1 : d.item_id);
		if (read) {
			display_read(&d);
			read = 0;
			repaint = 1;
		}
		if (repaint && d.interpreters) {
			werase(stdscr);
			interpreters_paint(&d);
		} else if (repaint) {
			display_paint(&d);
		}
		repaint = 0;
		doupdate();
		wtimeout(stdscr, term_tick_ms());
		wint_t ch;
		int r = term_get_key(stdscr, &ch);
		if (r == KEY_CODE_YES && ch == KEY_RESIZE)
			repaint = 1;
		else if (r == OK && (ch == 'q' || ch == 'Q' || ch == KEY_CTRL_C))
			break;
		else if (r == OK && (ch == 'e' || ch == 'E')) {
			d.equity = !d.equity;
			read = 1; /* the figures now */
		}
		else if (r == OK && ch == KEY_CTRL_Z) {
			term_suspend();
			repaint = 1;
		} else if (r == ERR && d.equity && d.holder && rs_now() - d.read_at >= EQUITY_REREAD) {
			read = 1; /* the speech going on adds to its group's time */
		} else if (r == ERR && term_resized()) {
			repaint = 1;
		} else if (r == ERR && rs_now() != last_second) {
			last_second = rs_now();
			if (d.interpreters) {
				interpreters_paint(&d);
			} else {
				display_clock(&d);
				wnoutrefresh(stdscr);
			}
		}
	}
	rs_queue_list_free(d.v, d.n);
	if (d.has_bal)
		rs_balance_free(&d.bal);
	endwin();
	return 0;
}
