/* The roster pane (being written). */
#include "tui.h"

static void roster_draw(pane *p, tui *t, WINDOW *w)
{
	(void)t;
	draw_text(w, 0, 0, "Roster", p->cols, ROLE_HEADER, 1);
}

const pane_ops pane_roster_ops = {
	.name = "Roster",
	.draw = roster_draw,
};
