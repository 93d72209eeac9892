/* The queue pane (being written). */
#include "tui.h"

static void queue_draw(pane *p, tui *t, WINDOW *w)
{
	(void)t;
	draw_text(w, 0, 0, "Queue", p->cols, ROLE_HEADER, 1);
}

const pane_ops pane_queue_ops = {
	.name = "Queue",
	.draw = queue_draw,
};
