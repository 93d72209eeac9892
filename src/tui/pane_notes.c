/* What the note-taker captures on the current item: key points,
 * recommendations, pledges and next steps, each entry wrapped by display
 * width.  Adding one chains a few prompts through a heap state (add_state)
 * handed from one modal_done callback to the next. */
#include "tui.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/agenda.h"
#include "rostrum/outcome.h"
#include "rostrum/refdata.h"
#include "rostrum/stakeholder.h"
#include "rostrum/text.h"

enum { GCM_MAX = 23, CAUGHT_MAX = 4096 };
#define PLEDGE_TYPE_PROMPT "Pledge type: policy, resources or partnership (Enter: none)"

typedef struct {
	int64_t id;
	char *name;
} name_entry;

typedef struct {
	rs_outcome *v;
	size_t n;
	size_t *order; /* indices into v, section by section */
	size_t shown;  /* entries in order (a type unknown here is left out) */
	name_entry *names; /* recommenders' and pledgers' names, read on reload */
	size_t n_names;
	int sel, top;
	int64_t item; /* the item whose outcomes these are */
	/* The entry selected, found again by id when the outcomes are read
	 * again (another terminal's notes come in above it); the one just
	 * added or edited here is selected. */
	tui_follow follow;
	/* Words typed with the editor closed (catch_typing, tui.c): kept
	 * until Enter writes them as a note or Esc throws them away. */
	char caught[CAUGHT_MAX];
	size_t n_caught;
	/* The item shown when the typing began: the words are about it, and
	 * go to it, whatever item is live by the time Enter is pressed. */
	int64_t caught_item;
	char caught_title[256];
} notes_pane;

static const struct {
	rs_outcome_type type;
	const char *title, *none;
} sections[] = {
	{OUT_NOTE, "Key points", "no key points yet"},
	{OUT_RECOMMENDATION, "Recommendations", "no recommendations yet"},
	{OUT_PLEDGE, "Pledges", "no pledges yet"},
	{OUT_NEXT_STEP, "Next steps", "no next steps yet"},
};
enum { N_SECTIONS = sizeof sections / sizeof sections[0] };

static int notes_open(pane *p, tui *t)
{
	(void)t;
	p->priv = calloc(1, sizeof(notes_pane));
	return p->priv ? 0 : -1;
}

static void notes_free(notes_pane *np)
{
	rs_outcome_list_free(np->v, np->n);
	for (size_t i = 0; i < np->n_names; i++)
		free(np->names[i].name);
	free(np->names);
	free(np->order);
	np->v = NULL;
	np->names = NULL;
	np->order = NULL;
	np->n = np->n_names = np->shown = 0;
}

static const char *cached_name(const notes_pane *np, int64_t id)
{
	for (size_t i = 0; i < np->n_names; i++)
		if (np->names[i].id == id)
			return np->names[i].name;
	return NULL;
}

static const char *name_of(const notes_pane *np, int64_t id)
{
	const char *name = cached_name(np, id);
	return name ? name : "?";
}

/* Looks up every recommender and pledger once per reload. */
static void cache_names(notes_pane *np, tui *t)
{
	for (size_t i = 0; i < np->n; i++) {
		for (size_t j = 0; j < np->v[i].n_by; j++) {
			int64_t id = np->v[i].by[j];
			if (cached_name(np, id))
				continue;
			name_entry *grown = realloc(np->names, (np->n_names + 1) * sizeof *grown);
			if (!grown)
				return;
			np->names = grown;
			rs_stakeholder s;
			int found = rs_stakeholder_get(t->db, id, &s) == RS_OK;
			grown[np->n_names].id = id;
			grown[np->n_names].name = strdup(found ? s.name : "?");
			np->n_names += grown[np->n_names].name != NULL;
			if (found)
				rs_stakeholder_clear(&s);
		}
	}
}

/* The row of outcome id in the pane's order, or -1. */
static int row_of(void *ctx, int64_t id)
{
	const notes_pane *np = ctx;
	for (size_t k = 0; k < np->shown; k++)
		if (np->v[np->order[k]].id == id)
			return (int)k;
	return -1;
}

/* An entry as a message names it: its kind and its text's start. */
static void outcome_words(char *buf, size_t size, rs_outcome_type type, const char *text)
{
	char start[160];
	draw_fit(start, sizeof start, text ? text : "", 32);
	for (char *c = start; *c; c++)
		*c = *c == '\n' ? ' ' : *c;
	snprintf(buf, size, "%s \"%s\"", rs_outcome_type_words(type), start);
}

static void note_selection(notes_pane *np, tui *t);

static void notes_reload(pane *p, tui *t)
{
	notes_pane *np = p->priv;
	notes_free(np);
	int64_t item = tui_view_item(t);
	if (item != np->item) /* another item's notes: nothing to follow there */
		follow_forget(&np->follow);
	np->item = item;
	if (!item || rs_outcome_list(t->db, item, &np->v, &np->n) != RS_OK)
		return;
	np->order = calloc(np->n ? np->n : 1, sizeof *np->order);
	if (!np->order) {
		notes_free(np);
		return;
	}
	size_t k = 0;
	for (int s = 0; s < N_SECTIONS; s++)
		for (size_t i = 0; i < np->n; i++)
			if (np->v[i].type == sections[s].type)
				np->order[k++] = i;
	np->shown = k;
	cache_names(np, t);
	follow_found(&np->follow, &np->sel, row_of, np);
	if (np->sel >= (int)np->shown)
		np->sel = np->shown ? (int)np->shown - 1 : 0;
	/* Now, not once drawn: the status line drawn with the pane says
	 * what others' changes did to the selection. */
	note_selection(np, t);
}

static const rs_outcome *selected(const notes_pane *np)
{
	return np->shown ? &np->v[np->order[np->sel]] : NULL;
}

/* ---- drawing: one pass lays rows out, drawing those in view ------------- */

typedef struct {
	WINDOW *w;
	int y;          /* the next row, counted from the top of the content */
	int top, rows;  /* the rows in view: [top, top + rows), drawn from row 2 */
	int cols, indent;
	tui_role role;
	int draw;
	tui_role selected; /* the selected entry's: tui_selection_role */
} layout;

static void emit(void *ctx, const char *start, size_t len)
{
	layout *l = ctx;
	if (l->draw && l->y >= l->top && l->y < l->top + l->rows) {
		char *s = strndup(start, len);
		draw_text(l->w, 2 + l->y - l->top, l->indent, s, l->cols - l->indent, l->role, 1);
		free(s);
	}
	l->y++;
}

static void emit_wrapped(layout *l, const char *s, int indent, tui_role role)
{
	l->indent = indent;
	l->role = role;
	draw_wrap(s, l->cols - indent, emit, l);
}

/* "by A, B · resources · GCM 5, 7": who, what kind, which objectives. */
static void meta_line(const notes_pane *np, const rs_outcome *o, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t j = 0; j < o->n_by && used < size; j++)
		used += snprintf(buf + used, size - used, "%s%s", j ? ", " : "by ",
				 name_of(np, o->by[j]));
	if (o->pledge_type && *o->pledge_type && used < size)
		used += snprintf(buf + used, size - used, "%s%s", used ? " · " : "", o->pledge_type);
	for (size_t j = 0; j < o->n_gcm && used < size; j++)
		used += snprintf(buf + used, size - used, "%s%d", j ? ", " : used ? " · GCM " : "GCM ",
				 o->gcm[j]);
}

static void layout_entry(layout *l, const notes_pane *np, size_t k)
{
	const rs_outcome *o = &np->v[np->order[k]];
	tui_role role = (int)k == np->sel ? l->selected : ROLE_NORMAL;
	int first = l->y;
	emit_wrapped(l, o->text, 4, role);
	if (l->draw && first >= l->top && first < l->top + l->rows)
		draw_text(l->w, 2 + first - l->top, 2, "* ", 2, role, 0);
	char meta[1024];
	meta_line(np, o, meta, sizeof meta);
	if (*meta)
		emit_wrapped(l, meta, 6, ROLE_MUTED);
}

/* Lays the sections out; *sel_first and *sel_last get the selected entry's
 * rows, so the view can scroll to show all of it. */
static void layout_all(layout *l, const notes_pane *np, int *sel_first, int *sel_last)
{
	size_t k = 0;
	for (int s = 0; s < N_SECTIONS; s++) {
		if (s)
			emit_wrapped(l, "", 0, ROLE_NORMAL);
		emit_wrapped(l, sections[s].title, 0, ROLE_HEADER);
		if (k >= np->shown || np->v[np->order[k]].type != sections[s].type)
			emit_wrapped(l, sections[s].none, 4, ROLE_MUTED);
		for (; k < np->shown && np->v[np->order[k]].type == sections[s].type; k++) {
			if ((int)k == np->sel)
				*sel_first = l->y;
			layout_entry(l, np, k);
			if ((int)k == np->sel)
				*sel_last = l->y - 1;
		}
	}
}

/* Bytes of s's first character. */
static size_t char_len(const char *s)
{
	size_t n = 1;
	while ((s[n] & 0xC0) == 0x80)
		n++;
	return n;
}

/* The words typed with the editor closed, at the pane's foot (above a
 * message's band, which covers the pane's last rows): their end, as a
 * field shows it, and what keeps or drops them.  Returns the rows taken. */
static int draw_caught(pane *p, tui *t, WINDOW *w)
{
	notes_pane *np = p->priv;
	int y = p->rows - 2 - t->band_rows;
	if (y < 2)
		y = 2;
	char enter[24], esc[24], how[160], one[8];
	int x = draw_text(w, y, 0, "Typed, not saved: ", p->cols, ROLE_WARNING, 0);
	const char *end = np->caught;
	int width = draw_width(end);
	while (*end && width > p->cols - x - 1) {
		size_t n = char_len(end);
		snprintf(one, sizeof one, "%.*s", (int)n, end);
		width -= draw_width(one);
		end += n;
	}
	x += draw_text(w, y, x, end, p->cols - x, ROLE_NORMAL, 0);
	draw_text(w, y, x, "_", p->cols - x, ROLE_NORMAL, 1);
	snprintf(how, sizeof how, "%s writes it as a note, %s throws it away (keys here are typing)",
		 keys_label(ACT_OPEN, enter, sizeof enter), keys_label(ACT_CANCEL, esc, sizeof esc));
	draw_text(w, y + 1, 0, how, p->cols, ROLE_MUTED, 1);
	return p->rows - y;
}

/* The entry the selection is drawn on, kept to find it again. */
static void note_selection(notes_pane *np, tui *t)
{
	const rs_outcome *o = selected(np);
	char name[200] = "";
	if (o)
		outcome_words(name, sizeof name, o->type, o->text);
	follow_drawn(&np->follow, t, o ? o->id : 0, name);
}

static void notes_draw(pane *p, tui *t, WINDOW *w)
{
	notes_pane *np = p->priv;
	char head[400];
	int64_t item = tui_view_item(t);
	int x = draw_text(w, 0, 0, "Notes  ", p->cols, ROLE_HEADER, 0);
	if (item && item != t->current_item)
		x += draw_text(w, 0, x, t->view_item ? "viewing here only: " : "not open yet: ",
			       p->cols - x, ROLE_WARNING, 0);
	snprintf(head, sizeof head, "%s", tui_view_title(t));
	draw_text(w, 0, x, head, p->cols - x, ROLE_HEADER, 1);
	int foot = p->typing ? draw_caught(p, t, w) : 0;
	if (!item) {
		draw_text(w, 2, 2, "No item: the programme is empty or over.", p->cols - 2,
			  ROLE_MUTED, 0);
		note_selection(np, t);
		return;
	}
	/* Above the typed line (which stands above the band), else above the band. */
	int rows = foot ? p->rows - 2 - foot : tui_rows_in_view(t, p) - 2;
	layout l = {w, 0, 0, rows, p->cols, 0, ROLE_NORMAL, 0,
		    tui_selection_role(t, p)};
	int first = 0, last = 0;
	layout_all(&l, np, &first, &last);
	/* No empty rows below the end; then the whole selected entry in view
	 * (its start when it is taller than the pane). */
	if (np->top > l.y - l.rows)
		np->top = l.y > l.rows ? l.y - l.rows : 0;
	if (last >= np->top + l.rows)
		np->top = last - l.rows + 1;
	if (first < np->top)
		np->top = first;
	l.y = 0;
	l.top = np->top;
	l.draw = 1;
	layout_all(&l, np, &first, &last);
	note_selection(np, t);
}

/* ---- words typed with the editor closed ---------------------------------- */

/* A refusal of the pane's own (not the core's) on the status line. */
static int refuse(tui *t, const char *why)
{
	rs_status rc = rs_fail(RS_ERR_INVALID, "%s", why);
	return tui_report(t, rc, "%s", why);
}

/* While there are some, the caught words are a draft: quitting asks. */
static void caught_clear(notes_pane *np, pane *p, tui *t)
{
	if (np->n_caught)
		t->drafts--;
	np->n_caught = 0;
	np->caught[0] = '\0';
	p->typing = 0;
}

/* A key typed while words are caught: one more character, or Backspace
 * (127) takes the last back; none left, the keys are commands again. */
static int notes_text(pane *p, tui *t, wint_t ch)
{
	notes_pane *np = p->priv;
	if (ch == 127) {
		while (np->n_caught && (np->caught[--np->n_caught] & 0xC0) == 0x80)
			;
		np->caught[np->n_caught] = '\0';
		if (!np->n_caught) { /* nothing kept: no draft, and keys are keys */
			t->drafts--;
			p->typing = 0;
		}
		return DIRTY_PANE | DIRTY_STATUS;
	}
	char mb[MB_LEN_MAX];
	mbstate_t st = {0};
	size_t n = wcrtomb(mb, (wchar_t)ch, &st);
	if (n == (size_t)-1 || np->n_caught + n >= sizeof np->caught) {
		tui_say(t, "not kept: what is typed here is full; Enter writes it as a note");
		return DIRTY_STATUS;
	}
	if (!np->n_caught) {
		t->drafts++;
		np->caught_item = tui_view_item(t);
		draw_copy(np->caught_title, sizeof np->caught_title, tui_view_title(t));
	}
	memcpy(np->caught + np->n_caught, mb, n);
	np->n_caught += n;
	np->caught[np->n_caught] = '\0';
	return DIRTY_PANE | DIRTY_STATUS;
}

static int drop_done(tui *t, void *ctx, const char *yes)
{
	pane *p = ctx;
	if (!yes)
		return DIRTY_NONE;
	caught_clear(p->priv, p, t);
	tui_say(t, "thrown away: what was typed with the editor closed");
	return DIRTY_PANE | DIRTY_STATUS;
}

static int notes_add(notes_pane *np, tui *t);

/* Enter writes the caught words as a note on the item shown when the
 * typing began (its kind asked first, the editor opened on them); Esc
 * asks before throwing them away. */
static int caught_action(pane *p, tui *t, tui_action act)
{
	notes_pane *np = p->priv;
	if (act == ACT_OPEN && !np->caught_item)
		return refuse(t, "no item to take notes on: Esc throws away what was typed");
	if (act == ACT_OPEN)
		return notes_add(np, t);
	modal_confirm(t, "Throw away what was typed? It is not saved.", drop_done, p);
	return DIRTY_STATUS;
}

/* ---- adding: kind, text, who, pledge type, objectives -------------------- */

/* One outcome being added or edited, handed from prompt to prompt. */
typedef struct {
	notes_pane *np;
	tui *t;           /* counts the written text as a draft (tui.drafts) */
	int64_t item, id; /* id: the outcome edited, 0 for a new one */
	char item_title[256]; /* the item's, as the notes showed it when the writing began */
	rs_outcome_type type;
	char *text, *pledge_type;
	int64_t by[64];
	size_t n_by;
	int set_by;
	int gcm[GCM_MAX];
	size_t n_gcm;
	char gcm_text[128];
	/* The step Esc asked to leave: back to it unless the text is thrown
	 * away. */
	int (*step)(tui *t, void *st);
	int64_t speaker; /* who held the floor when the writing began */
	char title[200];  /* the editor's: it comes back on a refusal of the text */
	/* An edit's outcome as it opened: only what the edit changes is saved
	 * (another terminal's change to the rest stands); a text changed on
	 * both sides is saved over the other only once told (over). */
	char *orig_text, *orig_pledge_type;
	int orig_gcm[GCM_MAX];
	size_t n_orig_gcm;
	int over;
	char **themes; /* an edit's themes: kept if it is saved as a new one */
	size_t n_themes;
} add_state;

static int add_end(add_state *st, int dirty)
{
	if (st->text && st->t)
		st->t->drafts--;
	free(st->text);
	free(st->pledge_type);
	free(st->orig_text);
	free(st->orig_pledge_type);
	for (size_t i = 0; i < st->n_themes; i++)
		free(st->themes[i]);
	free(st->themes);
	free(st);
	return dirty;
}

static int same_text(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* The edit's changes only; a text that came back from the editor as it
 * went in is not one. */
static rs_outcome_change edit_changes(const add_state *st)
{
	int same_gcm = st->n_gcm == st->n_orig_gcm &&
		       !memcmp(st->gcm, st->orig_gcm, st->n_gcm * sizeof st->gcm[0]);
	const char *type = st->pledge_type ? st->pledge_type : "";
	return (rs_outcome_change){
		.text = same_text(st->text, st->orig_text) ? NULL : st->text,
		.by = st->by, .n_by = st->n_by, .set_by = st->set_by,
		.gcm = st->gcm, .n_gcm = st->n_gcm, .set_gcm = !same_gcm,
		.pledge_type = st->type == OUT_PLEDGE && !same_text(type, st->orig_pledge_type)
				       ? type : NULL};
}

/* Stores the outcome (new, or the edit of st->id); the entry is selected,
 * so it scrolls into view.  *rc gets the core's answer. */
static int save_outcome(tui *t, add_state *st, rs_status *rc)
{
	int64_t id = st->id, gone = 0;
	rs_outcome was = {0};
	if (st->id && rs_outcome_get(t->db, st->id, &was) == RS_ERR_INVALID) {
		/* Deleted on another terminal meanwhile: what was written here is
		 * kept, as a new outcome of the item. */
		gone = st->id;
		st->id = 0;
	}
	rs_outcome_clear(&was);
	if (st->id) {
		rs_outcome_change ch = edit_changes(st);
		*rc = rs_outcome_edit(t->db, st->id, &ch);
	} else {
		rs_outcome_new o = {.type = st->type, .item_id = st->item, .text = st->text,
				    .by = st->by, .n_by = st->n_by, .gcm = st->gcm,
				    .n_gcm = st->n_gcm, .pledge_type = st->pledge_type,
				    .themes = (const char *const *)st->themes,
				    .n_themes = st->n_themes};
		*rc = rs_outcome_add(t->db, &o, &id);
	}
	if (*rc == RS_OK) {
		char name[200];
		outcome_words(name, sizeof name, st->type, st->text);
		follow_acted(&st->np->follow, id, name);
	}
	char why[96] = "";
	if (gone)
		snprintf(why, sizeof why, " (the %s edited here was deleted on another terminal"
			 " meanwhile)", rs_outcome_type_words(st->type));
	return tui_report(t, *rc, "%s %s%s", st->id ? "saved" : "added", rs_action_said(t->db),
			  why);
}

/* Reads "5 7 15" (or "5, 7"): 0, or -1 when a word is not a number.  The
 * core checks the range. */
static int parse_gcm(const char *s, int *gcm, size_t *n)
{
	*n = 0;
	for (s += strspn(s, " ,;"); *s; s += strspn(s, " ,;")) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || (*end && !strchr(" ,;", *end)) || *n >= GCM_MAX)
			return -1;
		gcm[(*n)++] = v < -1 || v > 99 ? -1 : (int)v;
		s = end;
	}
	return 0;
}

static int ask_gcm(tui *t, add_state *st, const char *initial);
static int ask_pledge_type(tui *t, add_state *st, const char *initial);
static int text_done(tui *t, void *ctx, const char *text);

/* A new key point or next step is not asked its objectives: it is saved
 * when the editor closes. */
static int asks_gcm(const add_state *st)
{
	return st->id || st->type == OUT_RECOMMENDATION || st->type == OUT_PLEDGE;
}

/* The editor again on what was written, the refusal on the status line:
 * a key point refused when saved opened the objectives' box, which no key
 * point is asked, again at each Enter, the text out of reach. */
static int text_back(tui *t, add_state *st)
{
	modal_editor(t, st->title, st->text, text_done, st);
	return DIRTY_STATUS;
}

static int throw_away_done(tui *t, void *ctx, const char *yes)
{
	add_state *st = ctx;
	if (!yes)
		return st->step(t, st);
	tui_say(t, st->id ? "not saved: the %s as it was" : "not saved: the %s written was thrown away",
		rs_outcome_type_words(st->type));
	return add_end(st, DIRTY_STATUS);
}

/* Esc on a step after the text was written: the text is minutes of
 * someone's work, so it is asked first (as the editor's own Esc does);
 * no goes back to the step. */
static int ask_throw_away(tui *t, add_state *st, int (*step)(tui *t, void *st),
			  const char *why)
{
	char q[200];
	if (t->closing) /* quitting: asked already, as a draft (tui.drafts) */
		return add_end(st, DIRTY_NONE);
	st->step = step;
	snprintf(q, sizeof q, st->id ? "Throw away the changes to this %s%s?" : "Throw away the %s written%s?",
		 rs_outcome_type_words(st->type), why);
	modal_confirm(t, q, throw_away_done, st);
	return DIRTY_STATUS;
}

static int step_gcm(tui *t, void *st)
{
	return ask_gcm(t, st, ((add_state *)st)->gcm_text);
}

static int step_pledge_type(tui *t, void *ctx)
{
	add_state *st = ctx;
	return ask_pledge_type(t, st, st->pledge_type ? st->pledge_type : "");
}

/* The last prompt: the objectives, then the outcome is stored.  On a
 * refusal the prompt comes back with what was typed, so nothing written
 * is lost. */
static int gcm_done(tui *t, void *ctx, const char *text)
{
	add_state *st = ctx;
	if (!text)
		return ask_throw_away(t, st, step_gcm, "");
	if (parse_gcm(text, st->gcm, &st->n_gcm))
		return ask_gcm(t, st, text) |
		       refuse(t, "GCM objectives: numbers 1-23 separated by spaces");
	rs_status rc;
	int dirty = save_outcome(t, st, &rc);
	if (rc != RS_OK)
		return (asks_gcm(st) ? ask_gcm(t, st, text) : text_back(t, st)) | dirty;
	return add_end(st, dirty);
}

static int ask_gcm(tui *t, add_state *st, const char *initial)
{
	modal_line(t, "GCM objectives, e.g. 5 7 15 (Enter: none)", initial, gcm_done, st);
	return DIRTY_STATUS;
}

static int pledge_type_done(tui *t, void *ctx, const char *text)
{
	add_state *st = ctx;
	if (!text)
		return ask_throw_away(t, st, step_pledge_type, "");
	text += strspn(text, " ");
	const char *code = *text ? rs_pledge_type_code(text) : NULL;
	if (*text && !code)
		return ask_pledge_type(t, st, text) |
		       refuse(t, "pledge type: policy, resources or partnership");
	free(st->pledge_type);
	st->pledge_type = code ? strdup(code) : NULL;
	return ask_gcm(t, st, st->gcm_text);
}

static int ask_pledge_type(tui *t, add_state *st, const char *initial)
{
	modal_line(t, PLEDGE_TYPE_PROMPT, initial, pledge_type_done, st);
	return DIRTY_STATUS;
}

/* After the parties: the pledge's type, or straight to the objectives. */
static int after_parties(tui *t, add_state *st)
{
	if (st->type == OUT_PLEDGE)
		return ask_pledge_type(t, st, st->pledge_type ? st->pledge_type : "");
	return ask_gcm(t, st, st->gcm_text);
}

static int ask_party(tui *t, add_state *st);

static int step_party(tui *t, void *st)
{
	return ask_party(t, st);
}

/* Each pick adds a party and asks for another; Esc ends the list (a
 * pledge needs one at least). */
static int party_done(tui *t, void *ctx, const char *text)
{
	add_state *st = ctx;
	if (text && st->n_by < sizeof st->by / sizeof st->by[0]) {
		int64_t who = strtoll(text, NULL, 10);
		for (size_t j = 0; j < st->n_by; j++)
			if (st->by[j] == who)
				return ask_party(t, st) |
				       refuse(t, "named already: another, or Esc when that is all");
		st->by[st->n_by++] = who;
		return ask_party(t, st);
	}
	if (!text && !st->n_by && st->type == OUT_PLEDGE)
		return ask_throw_away(t, st, step_party, " (a pledge needs a pledger)");
	return after_parties(t, st);
}

static int ask_party(tui *t, add_state *st)
{
	char title[160];
	const char *verb = st->type == OUT_PLEDGE ? "Pledged" : "Recommended";
	if (st->n_by)
		snprintf(title, sizeof title, "%s also by (%zu so far; Esc: that is all)", verb,
			 st->n_by);
	else
		snprintf(title, sizeof title, "%s by (Esc: %s)", verb,
			 st->type == OUT_PLEDGE ? "cancel" : "no one");
	st->set_by = 1;
	/* The first party is nearly always whoever held the floor when the
	 * writing began (the next may have been called since). */
	modal_pick_stakeholder(t, title, st->n_by ? 0 : st->speaker, party_done, st);
	return DIRTY_STATUS;
}

static int ask_keep_parties(tui *t, void *st);

/* Editing: keep the parties, or name them again. */
static int keep_parties_done(tui *t, void *ctx, const char *text)
{
	add_state *st = ctx;
	if (!text)
		return ask_throw_away(t, st, ask_keep_parties, "");
	if (atoi(text) == 0)
		return after_parties(t, st);
	st->n_by = 0;
	return ask_party(t, st);
}

/* An edit's text changed here and, since the editor opened, on another
 * terminal too. */
static int text_changed_elsewhere(tui *t, const add_state *st)
{
	rs_outcome now = {0};
	int changed = !same_text(st->text, st->orig_text) &&
		      rs_outcome_get(t->db, st->id, &now) == RS_OK &&
		      !same_text(now.text, st->orig_text);
	rs_outcome_clear(&now);
	return changed;
}

/* "Edit next step on 'Thematic discussion I'" (head "Edit"): what the
 * editor edits, named as the journal's lines name an outcome. */
static void edit_title(tui *t, const add_state *st, const char *head, char *buf, size_t size)
{
	rs_outcome o = {.type = st->type, .item_id = st->item};
	char name[160];
	rs_outcome_name(t->db, &o, name, sizeof name);
	rs_text_printf(buf, size, "%s %s", head, name);
}

/* The editor back with what was written here: saved again, it goes over
 * the other terminal's text; Esc leaves theirs.  Both are in the box, and
 * why too (a band over the status line would be behind it): the choice
 * is made seeing what each says. */
static int text_again(tui *t, add_state *st)
{
	rs_outcome now = {0};
	st->over = 1;
	/* The news first: a narrow editor cuts the end of its title. */
	edit_title(t, st, "Changed meanwhile on another terminal:", st->title, sizeof st->title);
	text_back(t, st);
	modal_note(t, "Not saved: theirs is above the line, yours below it. Ctrl-D saves yours "
		      "over theirs, Esc keeps theirs.");
	if (rs_outcome_get(t->db, st->id, &now) == RS_OK)
		modal_aside(t, now.text);
	rs_outcome_clear(&now);
	return refuse(t, "not saved: changed on another terminal meanwhile");
}

static int text_done(tui *t, void *ctx, const char *text)
{
	add_state *st = ctx;
	if (!text)
		return add_end(st, DIRTY_NONE);
	if (!text[strspn(text, " \n")])
		return add_end(st, refuse(t, "nothing written: nothing saved"));
	if (!st->text)
		t->drafts++; /* until add_end */
	free(st->text);
	st->text = strdup(text);
	if (!st->text) {
		t->drafts--;
		return add_end(st, DIRTY_NONE);
	}
	/* The core's rule for a text, asked here, where it can be mended. */
	rs_status bad = rs_input_check("the text", st->text, RS_INPUT_TEXT);
	if (bad)
		return text_back(t, st) | tui_report(t, bad, "%s", "");
	if (st->id && !st->over && text_changed_elsewhere(t, st))
		return text_again(t, st);
	if (st->type != OUT_RECOMMENDATION && st->type != OUT_PLEDGE)
		return st->id ? ask_gcm(t, st, st->gcm_text) : gcm_done(t, st, "");
	if (!st->id)
		return ask_party(t, st);
	return ask_keep_parties(t, st);
}

static int ask_keep_parties(tui *t, void *ctx)
{
	add_state *st = ctx;
	char keep[400];
	size_t used = (size_t)snprintf(keep, sizeof keep, "Keep: ");
	for (size_t j = 0; j < st->n_by && used < sizeof keep; j++)
		used += (size_t)snprintf(keep + used, sizeof keep - used, "%s%s", j ? ", " : "",
					 name_of(st->np, st->by[j]));
	if (!st->n_by)
		snprintf(keep, sizeof keep, "Keep: no one named");
	const char *rows[] = {keep, "Name them again"};
	const int64_t values[] = {0, 1};
	modal_choose(t, st->type == OUT_PLEDGE ? "Pledged by" : "Recommended by", rows, values, 2, 0,
		     keep_parties_done, st);
	return DIRTY_STATUS;
}

/* An item as a short word names it: its code (its title when it has
 * none). */
static void item_code(tui *t, int64_t id, char *buf, size_t size)
{
	rs_agenda_item it;
	if (!id || rs_agenda_get(t->db, id, &it) != RS_OK) {
		snprintf(buf, size, "%s", id ? "an item deleted since" : "no item");
		return;
	}
	draw_fit(buf, size, *it.code ? it.code : it.title, 24);
	rs_agenda_item_clear(&it);
}

static int kind_done(tui *t, void *ctx, const char *text)
{
	static const char *const titles[] = {
		[OUT_NOTE] = "New key point",
		[OUT_RECOMMENDATION] = "New recommendation",
		[OUT_PLEDGE] = "New pledge",
		[OUT_NEXT_STEP] = "New next step",
	};
	add_state *st = ctx;
	if (!text)
		return add_end(st, DIRTY_NONE);
	st->type = (rs_outcome_type)atoi(text);
	st->speaker = t->speaker.active ? t->speaker.entry.stakeholder_id : 0;
	/* The item it goes to, named: the notes may be viewing another item
	 * than the one under way, or the live item may have changed since
	 * the writing began (it goes to the item shown then). */
	int moved = st->item != tui_view_item(t);
	char note[600] = "";
	/* Kept: a text refused comes back under it (text_back). */
	rs_text_printf(st->title, sizeof st->title, "%s%s for %s", titles[st->type],
		 st->item != t->current_item && (t->view_item || moved) ? " (not the live item)" : "",
		 st->item_title);
	if (moved) {
		char was[64], now[64];
		item_code(t, st->item, was, sizeof was);
		item_code(t, tui_view_item(t), now, sizeof now);
		snprintf(note, sizeof note, "Written during %s; the notes show %s now. It goes to %s.",
			 was, now, was);
	}
	/* Words caught with the editor closed begin the text; the editor
	 * holds them now (as a draft). */
	modal_editor(t, st->title, st->np->caught, text_done, st);
	modal_note(t, note);
	if (t->modal)
		caught_clear(st->np, &t->panes[PANE_NOTES], t);
	return DIRTY_STATUS;
}

static int notes_add(notes_pane *np, tui *t)
{
	add_state *st = calloc(1, sizeof *st);
	if (!st)
		return DIRTY_NONE;
	st->np = np;
	st->t = t;
	st->item = np->n_caught ? np->caught_item : tui_view_item(t);
	draw_copy(st->item_title, sizeof st->item_title,
		  np->n_caught ? np->caught_title : tui_view_title(t));
	const char *rows[] = {"Key point", "Recommendation", "Pledge", "Next step"};
	const int64_t values[] = {OUT_NOTE, OUT_RECOMMENDATION, OUT_PLEDGE, OUT_NEXT_STEP};
	modal_choose_typed(t, "Add what?", rows, values, 4, 0, kind_done, st);
	return DIRTY_STATUS;
}

/* ---- editing and deleting the selected entry ----------------------------- */

/* The edit goes through the same prompts as an addition, each filled with
 * what the outcome holds: its text, its parties, its type, its objectives. */
static int edit_outcome(notes_pane *np, tui *t, const rs_outcome *o)
{
	add_state *st = calloc(1, sizeof *st);
	if (!st)
		return DIRTY_NONE;
	st->np = np;
	st->t = t;
	st->item = o->item_id;
	st->id = o->id;
	st->type = o->type;
	st->pledge_type = o->pledge_type && *o->pledge_type ? strdup(o->pledge_type) : NULL;
	st->orig_text = strdup(o->text ? o->text : "");
	if (o->n_themes && (st->themes = calloc(o->n_themes, sizeof *st->themes)))
		for (size_t j = 0; j < o->n_themes; j++)
			if ((st->themes[st->n_themes] = strdup(o->themes[j])))
				st->n_themes++;
	st->orig_pledge_type = o->pledge_type ? strdup(o->pledge_type) : NULL;
	for (size_t j = 0; j < o->n_gcm && j < GCM_MAX; j++)
		st->orig_gcm[st->n_orig_gcm++] = o->gcm[j];
	for (size_t j = 0; j < o->n_by && j < sizeof st->by / sizeof st->by[0]; j++)
		st->by[st->n_by++] = o->by[j];
	size_t used = 0;
	for (size_t j = 0; j < o->n_gcm && used < sizeof st->gcm_text; j++)
		used += (size_t)snprintf(st->gcm_text + used, sizeof st->gcm_text - used, "%s%d",
					 j ? " " : "", o->gcm[j]);
	edit_title(t, st, "Edit", st->title, sizeof st->title);
	modal_editor(t, st->title, o->text, text_done, st);
	return DIRTY_STATUS;
}

/* The entry a delete asks about. */
typedef struct {
	notes_pane *np;
	int64_t id;
	char name[200];
} delete_state;

static int delete_done(tui *t, void *ctx, const char *text)
{
	delete_state *d = ctx;
	int dirty = DIRTY_NONE;
	if (text) {
		rs_status rc = rs_outcome_delete(t->db, d->id);
		if (rc == RS_OK) /* its neighbour, selected next, is named before a key acts */
			follow_acted(&d->np->follow, d->id, d->name);
		dirty = tui_report_said(t, rc);
	}
	free(d);
	return dirty;
}

static int on_selected(notes_pane *np, tui *t, const rs_outcome *o, tui_action act)
{
	if (act == ACT_EDIT)
		return edit_outcome(np, t, o);
	delete_state *d = malloc(sizeof *d);
	if (!d)
		return DIRTY_NONE;
	d->np = np;
	d->id = o->id;
	outcome_words(d->name, sizeof d->name, o->type, o->text);
	char title[160];
	snprintf(title, sizeof title, "Delete %s \"%.100s\"?", rs_outcome_type_words(o->type),
		 o->text);
	for (char *c = title; *c; c++)
		*c = *c == '\n' ? ' ' : *c; /* the title is one line */
	modal_confirm(t, title, delete_done, d);
	return DIRTY_STATUS;
}

/* 1 when key act may act on the selected entry: not when others'
 * changes moved the selection onto it unseen (follow.c). */
static int may_act(notes_pane *np, tui *t, tui_action act)
{
	char name[200];
	outcome_words(name, sizeof name, selected(np)->type, selected(np)->text);
	return follow_may_act(&np->follow, t, act, name);
}

static int notes_action(pane *p, tui *t, tui_action act)
{
	notes_pane *np = p->priv;
	if (p->typing && (act == ACT_OPEN || act == ACT_CANCEL))
		return caught_action(p, t, act);
	int n = (int)np->shown;
	int moved = draw_move(&np->sel, n, p->rows / 3, act); /* an entry: ~3 rows */
	if (moved >= 0) {
		follow_chosen(&np->follow);
		return moved;
	}
	switch (act) {
	case ACT_ADD:
		if (!tui_view_item(t))
			return refuse(t, "no item to take notes on");
		return notes_add(np, t);
	case ACT_EDIT:
	case ACT_DELETE:
		if (!selected(np))
			return refuse(t, act == ACT_EDIT ? "no note to edit: a writes one"
							 : "no note to delete");
		if (!may_act(np, t, act))
			return DIRTY_STATUS;
		return on_selected(np, t, selected(np), act);
	default:
		return -1;
	}
}

static const char *notes_row(void *ctx, int i, char *buf, size_t size)
{
	const notes_pane *np = ctx;
	const rs_outcome *o = &np->v[np->order[i]];
	char meta[512];
	meta_line(np, o, meta, sizeof meta);
	snprintf(buf, size, "%s %s", o->text, meta);
	return buf;
}

static int notes_find(pane *p, tui *t, const char *q)
{
	(void)t;
	notes_pane *np = p->priv;
	int i = tui_find_next(np->sel, (int)np->shown, q, notes_row, np);
	if (i >= 0) {
		np->sel = i;
		follow_chosen(&np->follow);
	}
	return i >= 0;
}

static const tui_hint *notes_hints(pane *p, tui *t, size_t *n)
{
	static const tui_hint typing[] = {
		{ACT_OPEN, ACT_NONE, "write it as a note"}, {ACT_CANCEL, ACT_NONE, "throw it away"},
	};
	static const tui_hint hints[] = {
		{ACT_ADD, ACT_NONE, "add"},       {ACT_EDIT, ACT_NONE, "edit"},
		{ACT_DELETE, ACT_NONE, "delete"}, {ACT_FILTER, ACT_NONE, "search"},
		{ACT_NEXT_SPEAKER, ACT_NONE, "next speaker"},
	};
	(void)t;
	*n = p->typing ? sizeof typing / sizeof typing[0] : sizeof hints / sizeof hints[0];
	return p->typing ? typing : hints;
}

static void notes_close(pane *p)
{
	notes_free(p->priv);
	free(p->priv);
}

const pane_ops pane_notes_ops = {
	.name = "Notes",
	.shows = RS_CHANGED_OUTCOMES | RS_CHANGED_ROSTER | RS_CHANGED_AGENDA | RS_CHANGED_MEETING,
	.open = notes_open,
	.reload = notes_reload,
	.draw = notes_draw,
	.action = notes_action,
	.text = notes_text,
	.catches_typing = 1,
	.hints = notes_hints,
	.find = notes_find,
	.close = notes_close,
};
