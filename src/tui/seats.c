/* Who fills the seats, from the TUI: the rapporteurs' proposal (S on the
 * Nominations pane) and a panel's (S on the Agenda pane), each shown in a
 * chooser whose first row confirms.  The core proposes and decides; this
 * file only shows and asks. */
#include "tui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/panel.h"
#include "rostrum/selection.h"

/* Rows for a chooser, built up one at a time (modal_choose copies them). */
typedef struct {
	char **rows;
	int64_t *values;
	int n;
} rows;

static void add_row(rows *r, int64_t value, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void add_row(rows *r, int64_t value, const char *fmt, ...)
{
	char **nr = realloc(r->rows, (size_t)(r->n + 1) * sizeof *nr);
	int64_t *nv = nr ? realloc(r->values, (size_t)(r->n + 1) * sizeof *nv) : NULL;
	if (nr)
		r->rows = nr;
	if (!nv)
		return;
	r->values = nv;
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if ((r->rows[r->n] = strdup(buf)))
		r->values[r->n++] = value;
}

static void show(tui *t, const char *title, rows *r, int initial, modal_done done, void *ctx)
{
	modal_choose_typed(t, title, (const char *const *)r->rows, r->values, r->n, initial, done,
			   ctx);
	for (int i = 0; i < r->n; i++)
		free(r->rows[i]);
	free(r->rows);
	free(r->values);
	*r = (rows){0};
}

/* ---- rapporteurs ---------------------------------------------------------------- */

enum { ROW_CONFIRM = -1, ROW_READ = -2 };

static void show_selection(tui *t, rs_selection *s);

static int selection_done(tui *t, void *ctx, const char *text)
{
	rs_selection *s = ctx;
	if (text && strtoll(text, NULL, 10) == ROW_CONFIRM) {
		rs_selection decided;
		rs_status st = rs_selection_confirm(t->db, s->role, s->seats, &s->seed, &decided);
		char names[200] = "";
		for (size_t i = 0; st == RS_OK && i < decided.n; i++)
			if (decided.c[i].chosen)
				snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
					 *names ? ", " : "", decided.c[i].name);
		int dirty = tui_report(t, st, "%s selected: %s (seed %llu)", s->role, names,
				       (unsigned long long)s->seed);
		if (st == RS_OK)
			rs_selection_free(&decided);
		rs_selection_free(s);
		free(s);
		return dirty | DIRTY_DATA;
	}
	if (text) {
		show_selection(t, s); /* a row read, not a choice: the proposal stays */
		return DIRTY_STATUS;
	}
	rs_selection_free(s);
	free(s);
	return DIRTY_NONE;
}

static void show_selection(tui *t, rs_selection *s)
{
	rows r = {0};
	char title[160];
	snprintf(title, sizeof title, "%s: %d seat%s, seed %llu", s->role, s->seats,
		 s->seats == 1 ? "" : "s", (unsigned long long)s->seed);
	add_row(&r, ROW_CONFIRM, "Confirm: select the %d proposed", s->seats);
	for (size_t i = 0; i < s->n; i++)
		add_row(&r, ROW_READ, "%s %s: %s", s->c[i].chosen ? "proposed" : "not     ",
			s->c[i].name, s->c[i].reason);
	for (int d = 0; d < 3; d++)
		add_row(&r, ROW_READ, "balance %s", s->balance[d]);
	add_row(&r, ROW_READ, "rule %s", s->rule);
	show(t, title, &r, 0, selection_done, s);
}

int seats_propose_rapporteurs(tui *t, const char *role)
{
	rs_selection *s = calloc(1, sizeof *s);
	if (!s)
		return DIRTY_NONE;
	rs_status st = rs_selection_propose(t->db, role, 0, NULL, s);
	if (st) {
		free(s);
		return tui_report(t, st, "%s", "");
	}
	show_selection(t, s);
	return DIRTY_STATUS | DIRTY_DATA;
}

/* ---- panels ---------------------------------------------------------------------- */

typedef struct {
	rs_panel pl;
	char code[64];
	int slot; /* the slot being swapped */
} panel_flow;

static void show_panel(tui *t, panel_flow *f, int initial);

static void panel_free(panel_flow *f)
{
	rs_panel_free(&f->pl);
	free(f);
}

static int swap_done(tui *t, void *ctx, const char *text)
{
	panel_flow *f = ctx;
	if (text) {
		long long who = strtoll(text, NULL, 10);
		rs_status st = who > 0 ? rs_panel_swap(t->db, &f->pl, f->pl.slots[f->slot].slot, who)
				       : RS_OK;
		if (st)
			tui_report(t, st, "%s", "");
	}
	show_panel(t, f, f->slot + 1);
	return DIRTY_STATUS;
}

/* A line of a slot's reason: choosing it keeps the slot as it is. */
static void reason_line(void *ctx, const char *start, size_t len)
{
	add_row(ctx, 0, "%.*s", (int)len, start);
}

/* The slot's reason in full (its rows keep the proposal), then every
 * request that fits it. */
static void show_slot(tui *t, panel_flow *f, int k)
{
	rs_panel_slot *s = &f->pl.slots[k];
	rows r = {0};
	char title[200];
	snprintf(title, sizeof title, "%s: Enter on a request swaps it in", s->slot);
	draw_wrap(s->reason, (t->cols - 4 < 76 ? t->cols - 4 : 76) - 4, reason_line, &r);
	int initial = 0;
	for (size_t i = 0; i < f->pl.n_people; i++) {
		const rs_panel_person *p = &f->pl.people[i];
		if (!rs_panel_fits(s, p))
			continue;
		if ((int)i == s->chosen)
			initial = r.n;
		add_row(&r, p->id, "%s %s (%s, %s, %s)", (int)i == s->chosen ? "*" : " ", p->name,
			p->country, p->region, p->gender);
	}
	f->slot = k;
	show(t, title, &r, initial, swap_done, f);
}

static int panel_done(tui *t, void *ctx, const char *text)
{
	panel_flow *f = ctx;
	if (!text) {
		panel_free(f);
		return DIRTY_NONE;
	}
	long long k = strtoll(text, NULL, 10);
	if (k >= 0) {
		show_slot(t, f, (int)k);
		return DIRTY_STATUS;
	}
	int filled = 0;
	for (size_t i = 0; i < f->pl.n_slots; i++)
		filled += f->pl.slots[i].chosen >= 0;
	rs_status st = rs_panel_confirm(t->db, &f->pl);
	int dirty = tui_report(t, st, "%s: panel confirmed, %d slots filled", f->code, filled);
	panel_free(f);
	return dirty | DIRTY_DATA;
}

static void show_panel(tui *t, panel_flow *f, int initial)
{
	rows r = {0};
	char title[160];
	snprintf(title, sizeof title, "Panel for %s: Enter on a slot shows why, or swaps", f->code);
	add_row(&r, ROW_CONFIRM, "Confirm: make these the panel");
	for (size_t i = 0; i < f->pl.n_slots; i++) {
		const rs_panel_slot *s = &f->pl.slots[i];
		const rs_panel_person *p = s->chosen >= 0 ? &f->pl.people[s->chosen] : NULL;
		add_row(&r, (int64_t)i, "%s: %s (%s) %s", s->slot, p ? p->name : "nobody",
			p ? p->country : "", s->reason);
	}
	show(t, title, &r, initial, panel_done, f);
}

int seats_propose_panel(tui *t, int64_t item_id, const char *code)
{
	panel_flow *f = calloc(1, sizeof *f);
	if (!f)
		return DIRTY_NONE;
	rs_status st = rs_panel_propose(t->db, item_id, &f->pl);
	if (st) {
		free(f);
		return tui_report(t, st, "%s", "");
	}
	snprintf(f->code, sizeof f->code, "%s", code);
	show_panel(t, f, 0);
	return DIRTY_STATUS;
}
