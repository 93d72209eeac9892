/* The nominations pane (being written). */
#include "tui.h"

static void nominations_draw(pane *p, tui *t, WINDOW *w)
{
	(void)t;
	draw_text(w, 0, 0, "Nominations", p->cols, ROLE_HEADER, 1);
}

const pane_ops pane_nominations_ops = {
	.name = "Nominations",
	.draw = nominations_draw,
};
