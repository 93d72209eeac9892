/* `rostrum display`: the read-only view for a projector or a second screen:
 * the item, who speaks with a large clock, who is next.  It changes nothing.
 * It re-reads when another terminal commits (PRAGMA data_version, polled
 * every half second) and repaints only the clock's cells each second. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/agenda.h"
#include "rostrum/clock.h"
#include "rostrum/meeting.h"
#include "rostrum/queue.h"

enum { NEXT_SHOWN = 3, BIG_MIN_ROWS = 18 };

typedef struct {
	rs_db *db;
	int warning_seconds;
	int utf8;
	char title[256], item[300];
	int64_t item_id;
	rs_queue_entry *v; /* rs_queue_list's order: holder, waiting, the rest */
	size_t n;
	int speaking;
	int rows, cols;
	int clock_y; /* where the clock was drawn, for the tick */
} display;

static void display_read(display *d)
{
	rs_queue_list_free(d->v, d->n);
	d->v = NULL;
	d->n = 0;
	d->title[0] = d->item[0] = '\0';
	d->item_id = 0;
	rs_meeting m;
	if (rs_meeting_get(d->db, &m) == RS_OK) {
		snprintf(d->title, sizeof d->title, "%s", m.title);
		d->warning_seconds = m.warning_seconds;
		rs_meeting_clear(&m);
	}
	rs_agenda_item it;
	if (rs_meeting_current_item(d->db, &d->item_id) == RS_OK && d->item_id &&
	    rs_agenda_get(d->db, d->item_id, &it) == RS_OK) {
		snprintf(d->item, sizeof d->item, "%s%s%s", it.code, *it.code ? "  " : "", it.title);
		rs_agenda_item_clear(&it);
	}
	if (d->item_id && rs_queue_list(d->db, d->item_id, &d->v, &d->n) != RS_OK) {
		d->v = NULL;
		d->n = 0;
	}
	d->speaking = d->n && (d->v[0].state == QS_SPEAKING || d->v[0].state == QS_PAUSED);
}

static void centred(display *d, int y, const char *s, tui_role role)
{
	int w = draw_width(s);
	int x = w < d->cols ? (d->cols - w) / 2 : 0;
	if (y >= 0 && y < d->rows)
		draw_text(stdscr, y, x, s, d->cols - x, role, 0);
}

/* The clock's rows: the countdown (big when the screen is tall enough) and
 * the word under it; overtime is counted up with a leading '-'. */
static void display_clock(display *d)
{
	int y = d->clock_y, big = d->rows >= BIG_MIN_ROWS;
	for (int r = 0; r < (big ? 6 : 2) && y + r < d->rows; r++)
		draw_text(stdscr, y + r, 0, "", d->cols, ROLE_NORMAL, 1);
	if (!d->speaking)
		return;
	const rs_queue_entry *e = &d->v[0];
	rs_countdown c = rs_queue_countdown(e, d->warning_seconds, rs_now());
	char text[24];
	draw_duration(c.left, text, sizeof text);
	int paused = c.paused;
	c.paused = 0; /* the digits keep the colour of the time left */
	tui_role role = tui_countdown_role(c);
	int w = (int)strlen(text) * 4;
	if (big && w <= d->cols)
		draw_big(stdscr, y, (d->cols - w) / 2, text, role, d->utf8, 1);
	else
		centred(d, y, text, role);
	const char *word = paused ? "PAUSED" : c.state == RS_COUNT_OVERTIME ? "over time" : "";
	centred(d, y + (big ? 5 : 1), word, paused ? ROLE_PAUSED : role);
}

static void display_next(display *d, int y)
{
	size_t shown = 0;
	centred(d, y++, "Next:", ROLE_HEADER);
	for (size_t i = d->speaking ? 1 : 0; i < d->n && shown < NEXT_SHOWN; i++) {
		const rs_queue_entry *e = &d->v[i];
		if (e->state != QS_WAITING)
			break;
		char line[700];
		snprintf(line, sizeof line, "%zu. %s — %s%s%s", ++shown, e->name, e->organization,
			 *e->organization ? ", " : "", rs_sector_label(e->sector));
		centred(d, y++, line, ROLE_NORMAL);
	}
	if (!shown)
		centred(d, y, "nobody waiting", ROLE_MUTED);
}

static void display_paint(display *d)
{
	werase(stdscr);
	getmaxyx(stdscr, d->rows, d->cols);
	int big = d->rows >= BIG_MIN_ROWS;
	centred(d, 0, d->title, ROLE_HEADER);
	centred(d, 1, d->item_id ? d->item : "No item open", ROLE_MUTED);
	int y = big ? 3 : 2;
	if (d->speaking) {
		const rs_queue_entry *e = &d->v[0];
		centred(d, y, e->name, ROLE_SPEAKING);
		centred(d, y + 1, e->organization, ROLE_NORMAL);
		centred(d, y + 2, rs_sector_label(e->sector), ROLE_NORMAL);
	} else if (d->item_id) {
		centred(d, y + 1, "The floor is open", ROLE_MUTED);
	}
	d->clock_y = y + (big ? 4 : 3);
	display_clock(d);
	if (d->item_id)
		display_next(d, d->clock_y + (big ? 7 : 3));
	wnoutrefresh(stdscr);
}

int display_run(rs_db *db, const rs_config *cfg, int no_color)
{
	display d;
	memset(&d, 0, sizeof d);
	d.db = db;
	int colour;
	if (term_start(cfg, no_color, "the display", &colour, &d.utf8))
		return RS_ERR_RUNTIME;
	int64_t version = -1, last_second = -1;
	int repaint = 1;
	while (!term_stop_requested()) {
		int64_t v = rs_db_data_version(db);
		if (v != version) {
			version = v;
			display_read(&d);
			repaint = 1;
		}
		if (repaint)
			display_paint(&d);
		repaint = 0;
		doupdate();
		wtimeout(stdscr, term_tick_ms());
		wint_t ch;
		int r = wget_wch(stdscr, &ch);
		if (r == KEY_CODE_YES && ch == KEY_RESIZE)
			repaint = 1;
		else if (r == OK && (ch == 'q' || ch == 'Q'))
			break;
		else if (r == ERR && rs_now() != last_second) {
			last_second = rs_now();
			display_clock(&d);
			wnoutrefresh(stdscr);
		}
	}
	rs_queue_list_free(d.v, d.n);
	endwin();
	return 0;
}
