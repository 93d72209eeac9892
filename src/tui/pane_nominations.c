/* Nominations, one line per nominee and role with the tally of distinct
 * nominators, the candidacy's state and the first statement; the selected
 * rapporteurs marked.  Enter shows every nomination of the nominee. */
#include "tui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/nomination.h"
#include "rostrum/text.h"

/* One nominee for one role: nominations [first, first + count) of the list
 * (the core lists them together). */
typedef struct {
	size_t first, count;
	size_t lead; /* the nomination whose state the line shows and 'e' moves */
	const char *statement;
} candidacy;

typedef struct {
	rs_nomination *v;
	size_t n;
	candidacy *c;
	size_t n_c;
	int sel;
	list_window view;
	/* The candidacy selected, found again by a nomination of it when the
	 * list is read again (another terminal's nominations move the rows). */
	tui_follow follow;
	/* The details modal's lines (modal_text keeps our pointers): freed when
	 * the next details open or the pane closes, never on reload. */
	char **detail;
	int n_detail;
} nominations_pane;

static int nominations_open(pane *p, tui *t)
{
	(void)t;
	nominations_pane *np = calloc(1, sizeof *np);
	p->priv = np;
	if (!np)
		return -1;
	np->follow.people = 1;
	return 0;
}

static void free_list(nominations_pane *np)
{
	rs_nomination_list_free(np->v, np->n);
	free(np->c);
	np->v = NULL;
	np->c = NULL;
	np->n = np->n_c = 0;
}

static void free_detail(nominations_pane *np)
{
	for (int i = 0; i < np->n_detail; i++)
		free(np->detail[i]);
	free(np->detail);
	np->detail = NULL;
	np->n_detail = 0;
}

/* How far a candidacy has gone: the line shows the furthest state. */
static int progress(rs_nomination_state s)
{
	return s == NS_NOMINATED ? 0 : s == NS_ACCEPTED || s == NS_DECLINED ? 1 : 2;
}

static void add_to(candidacy *c, const rs_nomination *v, size_t i)
{
	c->count++;
	if (progress(v[i].state) > progress(v[c->lead].state))
		c->lead = i;
	if (!*c->statement && v[i].statement)
		c->statement = v[i].statement;
}

/* The candidacy that nomination id is one of, or -1. */
static int candidacy_of(void *ctx, int64_t id)
{
	const nominations_pane *np = ctx;
	for (size_t k = 0; k < np->n_c; k++)
		for (size_t i = np->c[k].first; i < np->c[k].first + np->c[k].count; i++)
			if (np->v[i].id == id)
				return (int)k;
	return -1;
}

static void note_selection(nominations_pane *np, tui *t);

static void nominations_reload(pane *p, tui *t)
{
	nominations_pane *np = p->priv;
	free_list(np);
	if (rs_nomination_list(t->db, &np->v, &np->n) != RS_OK)
		return;
	np->c = calloc(np->n ? np->n : 1, sizeof *np->c);
	if (!np->c) {
		free_list(np);
		return;
	}
	for (size_t i = 0; i < np->n; i++) {
		candidacy *last = np->n_c ? &np->c[np->n_c - 1] : NULL;
		if (!last || np->v[last->first].nominee_id != np->v[i].nominee_id ||
		    strcmp(np->v[last->first].role, np->v[i].role)) {
			last = &np->c[np->n_c++];
			*last = (candidacy){i, 0, i, ""};
		}
		add_to(last, np->v, i);
	}
	follow_found(&np->follow, &np->sel, candidacy_of, np);
	if (np->sel >= (int)np->n_c)
		np->sel = np->n_c ? (int)np->n_c - 1 : 0;
	/* Now, not once drawn: the status line drawn with the pane says
	 * what others' changes did to the selection. */
	note_selection(np, t);
}

static const rs_nomination *lead_of(const nominations_pane *np, size_t k)
{
	return &np->v[np->c[k].lead];
}

/* A candidacy as a message names it: "Fatou Okafor (rapporteur)". */
static void candidacy_words(char *buf, size_t size, const rs_nomination *n)
{
	char line[400];
	snprintf(line, sizeof line, "%s (%s)", n->nominee_name, n->role);
	draw_copy(buf, size, line);
}

/* The candidacy the selection is drawn on, kept to find it again. */
static void note_selection(nominations_pane *np, tui *t)
{
	const rs_nomination *n = np->n_c ? lead_of(np, (size_t)np->sel) : NULL;
	char name[200] = "";
	if (n)
		candidacy_words(name, sizeof name, n);
	follow_drawn(&np->follow, t, n ? n->id : 0, name);
}

/* ---- drawing -------------------------------------------------------------- */

/* Rows: a heading for each role, then its candidacies.  The row of
 * candidacy k is k plus the headings above it. */
static int row_of(const nominations_pane *np, size_t k)
{
	int row = 0;
	for (size_t i = 0; i <= k && i < np->n_c; i++)
		row += 1 + (!i || strcmp(np->v[np->c[i].first].role,
					 np->v[np->c[i - 1].first].role));
	return row - 1;
}

static void draw_candidacy(pane *p, tui *t, WINDOW *w, int y, size_t k)
{
	nominations_pane *np = p->priv;
	const rs_nomination *n = lead_of(np, k);
	tui_role role = (int)k == np->sel ? tui_selection_role(t, p)
			: n->state == NS_SELECTED ? ROLE_SPEAKING
			: n->state == NS_DECLINED || n->state == NS_NOT_SELECTED ? ROLE_MUTED
										  : ROLE_NORMAL;
	int name_w = p->cols / 3 < 30 ? p->cols / 3 : 30;
	char tally[48];
	snprintf(tally, sizeof tally, " %3d  %-12s ", n->tally, rs_nomination_state_name(n->state));
	const char *mark = n->state != NS_SELECTED ? "  " : t->utf8 ? "✓ " : "* ";
	int x = draw_text(w, y, 0, mark, 2, role, 1);
	x += draw_text(w, y, x, n->nominee_name, name_w, role, 1);
	x += draw_text(w, y, x, tally, p->cols - x, role, 0);
	draw_text(w, y, x, np->c[k].statement, p->cols - x, role, 1);
}

static void nominations_draw(pane *p, tui *t, WINDOW *w)
{
	nominations_pane *np = p->priv;
	char head[96];
	snprintf(head, sizeof head, "Nominations  %zu nominees, %zu nominations", np->n_c, np->n);
	draw_text(w, 0, 0, head, p->cols, ROLE_HEADER, 1);
	int name_w = p->cols / 3 < 30 ? p->cols / 3 : 30;
	draw_text(w, 1, 0, "  nominee", name_w + 2, ROLE_MUTED, 1);
	draw_text(w, 1, name_w + 2, " tally  state        statement", p->cols - name_w - 2,
		  ROLE_MUTED, 1);
	note_selection(np, t);
	if (!np->n_c) {
		draw_text(w, 2, 2, "No nominations yet: a to nominate someone.", p->cols - 2,
			  ROLE_MUTED, 0);
		return;
	}
	int rows = p->rows - 2;
	draw_scroll(row_of(np, (size_t)np->sel), rows, row_of(np, np->n_c - 1) + 1, &np->view);
	int row = 0;
	for (size_t k = 0; k < np->n_c; k++, row++) {
		const char *role = np->v[np->c[k].first].role;
		if (!k || strcmp(role, np->v[np->c[k - 1].first].role)) {
			if (row >= np->view.top && row < np->view.top + rows)
				draw_text(w, 2 + row - np->view.top, 0, role, p->cols, ROLE_HEADER, 1);
			row++;
		}
		if (row >= np->view.top && row < np->view.top + rows)
			draw_candidacy(p, t, w, 2 + row - np->view.top, k);
	}
}

/* ---- details ---------------------------------------------------------------- */

static void add_detail(nominations_pane *np, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add_detail(nominations_pane *np, const char *fmt, ...)
{
	char **grown = realloc(np->detail, (size_t)(np->n_detail + 1) * sizeof *grown);
	if (!grown)
		return;
	np->detail = grown;
	va_list ap, again;
	va_start(ap, fmt);
	va_copy(again, ap);
	int len = vsnprintf(NULL, 0, fmt, ap);
	char *s = len < 0 ? NULL : malloc((size_t)len + 1);
	if (s) {
		vsnprintf(s, (size_t)len + 1, fmt, again);
		np->detail[np->n_detail++] = s;
	}
	va_end(again);
	va_end(ap);
}

static void detail_line(void *ctx, const char *start, size_t len)
{
	add_detail(ctx, "    %.*s", (int)len, start);
}

static int show_details(nominations_pane *np, tui *t)
{
	candidacy *c = &np->c[np->sel];
	const rs_nomination *lead = lead_of(np, (size_t)np->sel);
	char title[160], tally[64];
	snprintf(title, sizeof title, "%s, %s", lead->nominee_name, lead->role);
	snprintf(tally, sizeof tally, "%d distinct nominator%s", lead->tally,
		 lead->tally == 1 ? "" : "s");
	free_detail(np);
	add_detail(np, "%s: %s", rs_nomination_state_name(lead->state), tally);
	/* The width of modal_text's box, less the statement's indent. */
	int width = (t->cols - 4 < 76 ? t->cols - 4 : 76) - 8;
	for (size_t i = c->first; i < c->first + c->count; i++) {
		const rs_nomination *n = &np->v[i];
		add_detail(np, "%s", "");
		add_detail(np, "#%lld by %s, %s", (long long)n->id,
			   n->nominator_id ? n->nominator_name : "no nominator recorded",
			   rs_nomination_state_name(n->state));
		if (n->statement && *n->statement)
			draw_wrap(n->statement, width, detail_line, np);
	}
	modal_text(t, title, (const char *const *)np->detail, np->n_detail);
	return DIRTY_STATUS;
}

/* ---- nominating and moving a candidacy ---------------------------------- */

typedef struct {
	nominations_pane *np;
	int64_t nominee, nominator;
	char role[80];
} nominate_state;

static int statement_done(tui *t, void *ctx, const char *text);

static int ask_statement(tui *t, nominate_state *st, const char *initial)
{
	modal_line(t, "Statement (optional)", initial, statement_done, st);
	return DIRTY_STATUS;
}

static int statement_done(tui *t, void *ctx, const char *text)
{
	nominate_state *st = ctx;
	int dirty = DIRTY_NONE;
	/* The core's rule for a text, asked here: refused, the statement
	 * comes back to be mended rather than lost with the nomination. */
	rs_status bad = text ? rs_input_check("statement", text, RS_INPUT_TEXT) : RS_OK;
	if (bad)
		return ask_statement(t, st, text) | tui_report(t, bad, "%s", "");
	if (text) {
		int64_t id = 0;
		rs_status rc = rs_nominate(t->db, st->nominee, st->nominator, st->role,
					   *text ? text : NULL, &id);
		if (rc == RS_OK) /* selected, as the status line names them */
			follow_acted(&st->np->follow, id, "");
		dirty = tui_report_said(t, rc);
	}
	free(st);
	return dirty;
}

static int role_done(tui *t, void *ctx, const char *text)
{
	nominate_state *st = ctx;
	if (!text) {
		free(st);
		return DIRTY_NONE;
	}
	text += strspn(text, " ");
	snprintf(st->role, sizeof st->role, "%s", *text ? text : "rapporteur");
	return ask_statement(t, st, "");
}

static int nominator_done(tui *t, void *ctx, const char *text)
{
	nominate_state *st = ctx;
	st->nominator = text ? strtoll(text, NULL, 10) : 0;
	modal_line(t, "For which role? (Enter: rapporteur)", "rapporteur", role_done, st);
	return DIRTY_STATUS;
}

static int nominee_done(tui *t, void *ctx, const char *text)
{
	nominate_state *st = ctx;
	if (!text) {
		free(st);
		return DIRTY_NONE;
	}
	st->nominee = strtoll(text, NULL, 10);
	modal_pick_stakeholder(t, "Nominated by (Esc: no one recorded)", 0, nominator_done, st);
	return DIRTY_STATUS;
}

/* A state by its name or the start of one ("acc", "sel", "not"). */
static int parse_state(const char *s)
{
	int found = rs_nomination_state_parse(s);
	size_t len = strlen(s);
	for (int i = 0; found < 0 && len && i < NS__COUNT; i++)
		if (!strncmp(s, rs_nomination_state_name((rs_nomination_state)i), len))
			found = found == -1 ? i : -2;
	return found < 0 ? -1 : found;
}

static int state_done(tui *t, void *ctx, const char *text)
{
	int64_t *id = ctx;
	int dirty = DIRTY_NONE;
	if (text) {
		int to = parse_state(text + strspn(text, " "));
		rs_status rc = to < 0 ? rs_fail(RS_ERR_INVALID, "unknown state '%.60s'", text)
				      : rs_nomination_set(t->db, *id, (rs_nomination_state)to);
		dirty = tui_report_said(t, rc);
	}
	free(id);
	return dirty;
}

/* e: the selected candidacy's next state, the prompt naming whose (the
 * one seen selected: follow.c), for which role and where it stands. */
static int set_state(nominations_pane *np, tui *t)
{
	const rs_nomination *lead = lead_of(np, (size_t)np->sel);
	char title[400];
	snprintf(title, sizeof title, "State of %s as %s (now %s)", lead->nominee_name, lead->role,
		 rs_nomination_state_name(lead->state));
	int64_t *id = malloc(sizeof *id);
	if (!id)
		return DIRTY_NONE;
	*id = lead->id;
	modal_line_detail(t, title, "accepted, declined, selected or not_selected (its start will do)",
			  "", state_done, id);
	return DIRTY_STATUS;
}

/* 1 when key a may act on the selected candidacy: not when others'
 * changes moved the selection onto it unseen. */
static int may_act(nominations_pane *np, tui *t, tui_action a)
{
	char name[200];
	candidacy_words(name, sizeof name, lead_of(np, (size_t)np->sel));
	return follow_may_act(&np->follow, t, a, name);
}

static int nominations_action(pane *p, tui *t, tui_action act)
{
	nominations_pane *np = p->priv;
	int n = (int)np->n_c;
	int moved = draw_move(&np->sel, n, p->rows - 3, act);
	if (moved >= 0) {
		follow_chosen(&np->follow);
		return moved;
	}
	switch (act) {
	case ACT_OPEN:
		return n ? show_details(np, t) : DIRTY_NONE;
	case ACT_EDIT:
		if (!n)
			return DIRTY_NONE;
		return may_act(np, t, act) ? set_state(np, t) : DIRTY_STATUS;
	case ACT_PROPOSE:
		return seats_propose_rapporteurs(t, n ? lead_of(np, (size_t)np->sel)->role
						      : "rapporteur");
	case ACT_ADD: {
		nominate_state *st = calloc(1, sizeof *st);
		if (!st)
			return DIRTY_NONE;
		st->np = np;
		modal_pick_stakeholder(t, "Nominate whom?", 0, nominee_done, st);
		return DIRTY_STATUS;
	}
	default:
		return -1;
	}
}

static const char *nomination_row(void *ctx, int i, char *buf, size_t size)
{
	const rs_nomination *n = lead_of(ctx, (size_t)i);
	snprintf(buf, size, "%s %s %s", n->nominee_name, n->role, n->statement ? n->statement : "");
	return buf;
}

static int nominations_find(pane *p, tui *t, const char *q)
{
	(void)t;
	nominations_pane *np = p->priv;
	int i = tui_find_next(np->sel, (int)np->n_c, q, nomination_row, np);
	if (i >= 0) {
		np->sel = i;
		follow_chosen(&np->follow);
	}
	return i >= 0;
}

static const tui_hint *nominations_hints(pane *p, tui *t, size_t *n)
{
	static const tui_hint hints[] = {
		{ACT_ADD, ACT_NONE, "nominate"},  {ACT_EDIT, ACT_NONE, "set state"},
		{ACT_PROPOSE, ACT_NONE, "propose seats"},
		{ACT_OPEN, ACT_NONE, "details"},  {ACT_FILTER, ACT_NONE, "search"},
		{ACT_NEXT_SPEAKER, ACT_NONE, "next speaker"},
	};
	(void)p;
	(void)t;
	*n = sizeof hints / sizeof hints[0];
	return hints;
}

static void nominations_close(pane *p)
{
	nominations_pane *np = p->priv;
	free_list(np);
	free_detail(np);
	free(np);
}

const pane_ops pane_nominations_ops = {
	.name = "Nominations",
	.shows = RS_CHANGED_NOMINATIONS | RS_CHANGED_ROSTER | RS_CHANGED_MEETING,
	.open = nominations_open,
	.reload = nominations_reload,
	.draw = nominations_draw,
	.action = nominations_action,
	.hints = nominations_hints,
	.find = nominations_find,
	.close = nominations_close,
};
