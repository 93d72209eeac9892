/* A list's selection kept on its record (a person, an outcome, a
 * candidacy) by id, wherever other terminals' changes move it, so that a
 * key acts on the record the user saw selected and never on the one that
 * slid under the highlight.  The Roster, Notes and Nominations panes each
 * hold one; each says how to find a record's row in its list. */
#include "tui.h"

#include <string.h>

void follow_found(tui_follow *f, int *sel, follow_row_of row_of, void *ctx)
{
	int local = f->acted != 0;
	int64_t want = local ? f->acted : f->id;
	f->acted = 0;
	int row = want ? row_of(ctx, want) : -1;
	if (!want || row >= 0) {
		*sel = row >= 0 ? row : *sel;
		f->unseen = row >= 0 ? 0 : f->unseen;
		return;
	}
	/* Gone.  After this terminal's action, the one drawn selected before
	 * it, if still there; else the neighbour at the same place. */
	if (local && f->id != want && f->id && (row = row_of(ctx, f->id)) >= 0)
		*sel = row;
	f->unseen = 1;
	f->tell = !local;
	draw_copy(f->gone, sizeof f->gone, local ? f->acted_name : f->name);
}

void follow_drawn(tui_follow *f, tui *t, int64_t id, const char *name)
{
	f->id = id;
	if (id)
		draw_copy(f->name, sizeof f->name, name);
	if (!f->tell)
		return;
	f->tell = 0;
	if (id)
		tui_say(t, "%s left this view; %s is selected now", f->gone, f->name);
	else
		tui_say(t, "%s left this view; %s is in it now", f->gone,
			f->people ? "nobody" : "nothing");
}

int follow_may_act(tui_follow *f, tui *t, tui_action a, const char *name)
{
	if (!f->unseen)
		return 1;
	f->unseen = 0;
	t->key_meant = 1; /* not the first letter of words typed (Notes) */
	char key[24];
	keys_label(a, key, sizeof key);
	tui_report(t,
		   rs_fail(RS_ERR_INVALID, "%s%s%s is selected now (%s again acts on %s)", f->gone,
			   *f->gone ? " is not in this view: " : "", name, key,
			   f->people ? "them" : "it"),
		   "%s", "");
	return 0;
}

void follow_acted(tui_follow *f, int64_t id, const char *name)
{
	f->acted = id;
	draw_copy(f->acted_name, sizeof f->acted_name, name ? name : "");
}

void follow_chosen(tui_follow *f)
{
	f->unseen = 0;
}

void follow_forget(tui_follow *f)
{
	f->id = f->acted = 0;
	f->unseen = f->tell = 0;
}
