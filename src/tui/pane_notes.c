/* The notes pane (being written). */
#include "tui.h"

static void notes_draw(pane *p, tui *t, WINDOW *w)
{
	(void)t;
	draw_text(w, 0, 0, "Notes", p->cols, ROLE_HEADER, 1);
}

const pane_ops pane_notes_ops = {
	.name = "Notes",
	.draw = notes_draw,
};
