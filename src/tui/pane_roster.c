/* The roster: who is registered and who is here, filtered as you type and
 * by view (present, online, accreditation pending ...), with the desk's
 * keys: check in (and out), a walk-in added and checked in at once, online
 * or in the room, an accreditation decision; a full edit form.  The roster
 * may hold 100,000 people, so the pane never loads it whole: it keeps a
 * list of the core (rs_roster_list) that counts the rows the filter
 * matches and reads only the window on screen, from the keys of the one
 * before.  What is typed is searched once the keys typed in a burst are
 * all in: the list is opened when the pane is drawn, not on each key. */
#include "tui.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rostrum/refdata.h"
#include "rostrum/stakeholder.h"

/* The columns, left to right; the rightmost go first when the pane narrows
 * and only those of free text grow when it widens. */
enum { COL_NAME, COL_PRESENT, COL_ORG, COL_SECTOR, COL_REGION, COL_COUNTRY, COL_GENDER,
       COL_ACCRED, COL__COUNT };

static const struct {
	const char *title;
	int min, max;
} columns[COL__COUNT] = {
	[COL_NAME] = {"Name", 18, 40},       [COL_PRESENT] = {"Here", 7, 7},
	[COL_ORG] = {"Organization", 14, 50},
	[COL_SECTOR] = {"Sector", 15, 48},   [COL_REGION] = {"Region", 10, 31},
	[COL_COUNTRY] = {"Ctry", 4, 4},      [COL_GENDER] = {"Gender", 11, 11},
	[COL_ACCRED] = {"Accred.", 8, 8},
};

enum { FILTER_MAX = 200 };

typedef struct {
	int64_t id;
	char *f[COL__COUNT];
} roster_row;

/* The views the desk switches between (v), each a roster view. */
static const struct {
	const char *label;
	int present;
	const char *participation, *accreditation;
} views[] = {
	{"everyone", -1, NULL, NULL},
	{"present", 1, NULL, NULL},
	{"not yet present", 0, NULL, NULL},
	{"taking part online", -1, "online", NULL},
	{"accreditation pending", -1, NULL, "pending"},
	{"accredited", -1, NULL, "accredited"},
	{"accreditation refused", -1, NULL, "refused"},
	{"not accredited", -1, NULL, "none"},
};
enum { N_VIEWS = sizeof views / sizeof views[0] };

typedef struct {
	char filter[FILTER_MAX + 8];
	int view;           /* index into views[] */
	rs_roster_list *list; /* the filter and the view's people; NULL: open it */
	int refresh;        /* the roster changed: count the list again */
	int total;          /* rows the filter and the view match */
	int sel;            /* an index into those rows */
	list_window in_view; /* the rows on the screen */
	roster_row *rows;   /* the window read: rows [loaded_top, loaded_top + n) */
	int n, loaded_top, loaded_limit;
	int stale;          /* the window must be read again */
	int64_t pending_id; /* whom the open edit, delete or check-out prompt is about */
	char pending_name[200];
	/* The person selected, found again by id when the list is counted
	 * again; someone this terminal just acted on (added, edited, checked
	 * in ...) selected once counted, as the status line names them. */
	tui_follow follow;
} roster_pane;

static rs_roster_view view_of(const roster_pane *r)
{
	rs_roster_view v = {.text = r->filter, .present = views[r->view].present,
			    .participation = views[r->view].participation,
			    .accreditation = views[r->view].accreditation};
	return v;
}

static int roster_open(pane *p, tui *t)
{
	(void)t;
	roster_pane *r = calloc(1, sizeof *r);
	p->priv = r;
	if (!r)
		return -1;
	r->stale = 1;
	r->follow.people = 1;
	return 0;
}

static void free_rows(roster_pane *r)
{
	for (int i = 0; i < r->n; i++)
		for (int c = 0; c < COL__COUNT; c++)
			free(r->rows[i].f[c]);
	free(r->rows);
	r->rows = NULL;
	r->n = 0;
}

typedef struct {
	roster_pane *r;
	int cap;
} window_ctx;

/* Copies one row of the window (the callback's strings are borrowed). */
static int keep_row(const rs_stakeholder *s, void *ctx)
{
	window_ctx *c = ctx;
	roster_pane *r = c->r;
	if (r->n >= c->cap)
		return 1;
	roster_row *row = &r->rows[r->n++];
	const char *here = !s->present ? "" : !strcmp(s->participation, "online") ? "online"
									       : "in room";
	const char *const from[COL__COUNT] = {
		s->name, here, s->organization, s->sector, s->region, s->country, s->gender,
		s->accreditation,
	};
	row->id = s->id;
	for (int i = 0; i < COL__COUNT; i++) {
		if (!(row->f[i] = strdup(from[i] ? from[i] : ""))) {
			/* Out of memory: the window ends at the last whole row. */
			while (i-- > 0)
				free(row->f[i]);
			r->n--;
			return 1;
		}
	}
	return 0;
}

/* Reads the rows [top, top + limit) that the filter matches. */
static void load_window(roster_pane *r, int limit)
{
	free_rows(r);
	r->loaded_top = r->in_view.top;
	r->loaded_limit = limit;
	r->stale = 0;
	r->rows = calloc((size_t)(limit > 0 ? limit : 1), sizeof *r->rows);
	if (!r->rows || !r->list)
		return;
	window_ctx c = {r, limit};
	rs_roster_list_read(r->list, r->in_view.top, limit, keep_row, &c);
}

/* The row of person id in the list, or -1 when the view holds them no more. */
static int row_of(void *ctx, int64_t id)
{
	roster_pane *r = ctx;
	int64_t row = -1;
	if (!id || !r->list || rs_roster_list_row_of(r->list, id, &row) != RS_OK)
		return -1;
	return row >= 0 && row < r->total ? (int)row : -1;
}

/* The list of the filter and the view, counted: opened after the filter
 * or the view changed; after the roster changed, counted again with the
 * same people in view (the screen keeps showing them) and the same person
 * selected, wherever others' adds and check-ins moved them (follow.c). */
static void sync_list(roster_pane *r, tui *t)
{
	int64_t top = r->in_view.top;
	if (!r->list) {
		rs_roster_view v = view_of(r);
		if (rs_roster_list_open(t->db, &v, &r->list) != RS_OK)
			r->list = NULL;
		r->refresh = 0;
	} else if (r->refresh) {
		r->refresh = 0;
		if (rs_roster_list_refresh(r->list, &top) == RS_OK) {
			r->sel += (int)(top > INT_MAX ? INT_MAX : top) - r->in_view.top;
			r->in_view.top = (int)(top > INT_MAX ? INT_MAX : top);
		}
	} else {
		return;
	}
	int64_t n = r->list ? rs_roster_list_total(r->list) : 0;
	r->total = n > INT_MAX ? INT_MAX : (int)n;
	follow_found(&r->follow, &r->sel, row_of, r);
	if (r->sel >= r->total)
		r->sel = r->total ? r->total - 1 : 0;
	if (r->sel < 0)
		r->sel = 0;
	r->stale = 1;
}

/* A row's person as a message names them: "Amina Ndiaye (Migrant Voices
 * Collective)", as namesakes are told apart on the screen. */
static void person_words(char *buf, size_t size, const roster_row *row)
{
	char line[600];
	snprintf(line, sizeof line, *row->f[COL_ORG] ? "%s (%s)" : "%s", row->f[COL_NAME],
		 row->f[COL_ORG]);
	draw_copy(buf, size, line);
}

/* The row selected, if the window holds it. */
static const roster_row *selected_row(const roster_pane *r)
{
	int i = r->sel - r->loaded_top;
	return i >= 0 && i < r->n ? &r->rows[i] : NULL;
}

/* The person the selection is on as the window shows it, kept to find
 * them again. */
static void note_selection(roster_pane *r, tui *t)
{
	const roster_row *row = selected_row(r);
	char name[200] = "";
	if (row)
		person_words(name, sizeof name, row);
	follow_drawn(&r->follow, t, row ? row->id : 0, name);
}

/* Scrolls to the selection and reads the window when it moved, grew or the
 * data changed: called on every draw, as the pane's height is known only
 * after layout. */
static void sync_window(pane *p, tui *t)
{
	roster_pane *r = p->priv;
	int limit = p->rows - 2;
	sync_list(r, t);
	if (limit < 1)
		return;
	draw_scroll(r->sel, limit, r->total, &r->in_view);
	if (r->stale || r->in_view.top != r->loaded_top || limit != r->loaded_limit)
		load_window(r, limit);
	note_selection(r, t);
}

/* The filter or the view changed: the list is opened again when needed. */
static void reopen(roster_pane *r)
{
	rs_roster_list_free(r->list);
	r->list = NULL;
	r->sel = r->in_view.top = 0;
	follow_forget(&r->follow);
	r->stale = 1;
}

/* The roster changed: counted and read again now, before the screen is
 * drawn, so that what the status line says of the selection is drawn
 * with it. */
static void roster_reload(pane *p, tui *t)
{
	roster_pane *r = p->priv;
	r->refresh = 1;
	sync_window(p, t);
}

/* Person id, acted on here, is the one selected once the list is counted
 * again (or, gone from the view, the one the next key is refused over). */
static void select_after(roster_pane *r, int64_t id, const char *name)
{
	follow_acted(&r->follow, id, name);
	r->refresh = 1;
}

/* The selected person's row, or NULL when the list is empty. */
static const roster_row *selected(pane *p, tui *t)
{
	sync_window(p, t);
	return selected_row(p->priv);
}

/* ---- drawing --------------------------------------------------------------- */

/* Column widths for a pane cols wide: as many columns as fit at their
 * minimum, then the room left shared out a column at a time.  Returns how
 * many columns are shown. */
static int layout_columns(int cols, int width[COL__COUNT])
{
	int shown = COL__COUNT, used;
	for (;; shown--) {
		used = shown - 1;
		for (int c = 0; c < shown; c++)
			used += columns[c].min;
		if (used <= cols || shown == 1)
			break;
	}
	for (int c = 0; c < shown; c++)
		width[c] = columns[c].min;
	for (int grew = 1; used < cols && grew;) {
		grew = 0;
		for (int c = 0; c < shown && used < cols; c++)
			if (width[c] < columns[c].max) {
				width[c]++;
				used++;
				grew = 1;
			}
	}
	if (width[0] > cols)
		width[0] = cols;
	return shown;
}

/* Draws one row's cells at the columns' display positions; a cell that is
 * too wide is clipped by display width, so the next column always starts
 * at the same screen column whatever the script. */
static void draw_cells(WINDOW *w, int y, const char *const cell[COL__COUNT], const int *width,
		       int shown, int cols, tui_role role)
{
	draw_text(w, y, 0, "", cols, role, 1); /* the gaps take the row's colour too */
	for (int c = 0, x = 0; c < shown; x += width[c++] + 1)
		draw_text(w, y, x, cell[c], width[c], role, 1);
}

static void draw_header(pane *p, WINDOW *w, const int *width, int shown)
{
	roster_pane *r = p->priv;
	char line[FILTER_MAX + 80], count[48];
	if (r->total)
		snprintf(count, sizeof count, "%d of %d", r->sel + 1, r->total);
	else
		snprintf(count, sizeof count, "0 of 0");
	snprintf(line, sizeof line, "Roster%s%s%s  %s%s%s  %s", r->view ? "  [" : "",
		 r->view ? views[r->view].label : "", r->view ? "]" : "",
		 *r->filter || p->typing ? "/" : "", r->filter, p->typing ? "_" : "", count);
	draw_text(w, 0, 0, line, p->cols, ROLE_HEADER, 1);
	const char *titles[COL__COUNT];
	for (int c = 0; c < COL__COUNT; c++)
		titles[c] = columns[c].title;
	draw_cells(w, 1, titles, width, shown, p->cols, ROLE_MUTED);
}

static void draw_row(pane *p, WINDOW *w, int y, const roster_row *row, const int *width,
		     int shown, tui_role role)
{
	const char *cell[COL__COUNT];
	for (int c = 0; c < COL__COUNT; c++)
		cell[c] = row->f[c];
	/* The sector by the name people know, as every other screen and the
	 * report give it (the config's, where it renames one), cut at the
	 * column's width: at 80 columns the first words tell every sector
	 * apart, where a code ("nhri", "red_cross") is a database's word. */
	const char *label = rs_sector_label(row->f[COL_SECTOR]);
	if (label)
		cell[COL_SECTOR] = label;
	draw_cells(w, y, cell, width, shown, p->cols, role);
}

static void roster_draw(pane *p, tui *t, WINDOW *w)
{
	roster_pane *r = p->priv;
	int width[COL__COUNT];
	int shown = layout_columns(p->cols, width);
	sync_window(p, t);
	draw_header(p, w, width, shown);
	for (int i = 0; i < r->n && 2 + i < p->rows; i++)
		draw_row(p, w, 2 + i, &r->rows[i], width, shown,
			 r->loaded_top + i == r->sel ? tui_selection_role(t, p) : ROLE_NORMAL);
	if (!r->total && (*r->filter || r->view))
		draw_text(w, 2, 2, r->view ? "No one in this view (v shows everyone)."
					   : "No one matches the filter (Esc clears it).",
			  p->cols - 2, ROLE_MUTED, 0);
	else if (!r->total)
		draw_text(w, 2, 2, "No one on the roster yet: a for a walk-in, or rostrum import "
				   "roster FILE.", p->cols - 2, ROLE_MUTED, 0);
}

/* ---- filter as you type ---------------------------------------------------- */

/* A printable key joins the filter; 127 takes its last character away. */
static int roster_text(pane *p, tui *t, wint_t ch)
{
	roster_pane *r = p->priv;
	(void)t;
	size_t len = strlen(r->filter);
	if (ch == 127) {
		while (len > 0 && ((unsigned char)r->filter[len - 1] & 0xC0) == 0x80)
			len--; /* UTF-8 continuation bytes belong to the character */
		if (len > 0)
			len--;
		r->filter[len] = '\0';
	} else {
		char mb[MB_LEN_MAX];
		mbstate_t st = {0};
		size_t n = wcrtomb(mb, (wchar_t)ch, &st);
		if (n == (size_t)-1 || len + n > FILTER_MAX)
			return DIRTY_NONE;
		memcpy(r->filter + len, mb, n);
		r->filter[len + n] = '\0';
	}
	reopen(r);
	return DIRTY_PANE;
}

/* ---- the forms --------------------------------------------------------------- */

/* The form's fields, in the stakeholder's order; a walk-in fills the same
 * form: the balance and the statistics need region, country and gender.
 * The walk-in's form has one more field: present (a walk-in at the desk
 * is checked in by the same action). */
enum { PERSON_FIELDS = 11, FORM_FIELDS = PERSON_FIELDS + 1, FIELD_PARTICIPATION = 9,
       FIELD_PRESENT = PERSON_FIELDS };
static const char *const form_labels[FORM_FIELDS] = {
	"Name", "Organization", "Sector", "Region", "Country", "Gender", "Email", "Accreditation",
	"Languages", "Participation", "Role", "Present (yes/no)",
};
static const char *const form_fields[FORM_FIELDS] = {
	"name", "organization", "sector", "region", "country", "gender", "email", "accreditation",
	"languages", "participation", "role", "present",
};

/* The stakeholder's strings for the form's fields, in its order. */
static void form_slots(rs_stakeholder *s, char **slot[PERSON_FIELDS])
{
	char **const all[PERSON_FIELDS] = {
		&s->name, &s->organization, &s->sector, &s->region, &s->country, &s->gender,
		&s->email, &s->accreditation, &s->languages, &s->participation, &s->role,
	};
	memcpy(slot, all, sizeof all);
}

/* The first field this form and another terminal both changed since the
 * form opened, each to something else (s as it is now); -1 if none. */
static int form_clash(rs_stakeholder *s, char **v, char *const *orig)
{
	char **slot[PERSON_FIELDS];
	form_slots(s, slot);
	for (int i = 0; i < PERSON_FIELDS; i++) {
		const char *mine = v[i] ? v[i] : "", *was = orig[i] ? orig[i] : "",
			   *now = *slot[i] ? *slot[i] : "";
		if (strcmp(mine, was) && strcmp(now, was) && strcmp(now, mine))
			return i;
	}
	return -1;
}

/* Copies the form's values into s's fields (s keeps its others); with
 * orig, the values the form opened with, only those changed in the form:
 * s is read again at the save, and a field another terminal changed
 * meanwhile keeps that change unless this form changed it too. */
static int form_copy(rs_stakeholder *s, char **v, char *const *orig)
{
	char **slot[PERSON_FIELDS];
	form_slots(s, slot);
	for (int i = 0; i < PERSON_FIELDS; i++) {
		if (orig && !strcmp(v[i] ? v[i] : "", orig[i] ? orig[i] : ""))
			continue;
		char *c = strdup(v[i] ? v[i] : "");
		if (!c)
			return -1;
		free(*slot[i]);
		*slot[i] = c;
	}
	return 0;
}

static void form_free(char **v, int n)
{
	for (int i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

/* What a form is about: a new person (id 0) or whom it edits; n fields. */
typedef struct {
	roster_pane *r; /* selects the person once saved */
	int64_t id;
	int n;
	char title[120];
	/* A refusal of a listed field asks for one of the list: the form
	 * waits here meanwhile. */
	char **v;
	int at;
	char error[400];
	char **orig; /* an edit's values as the form opened (PERSON_FIELDS) */
	int over;    /* told of a field changed on both sides: saved over it */
	int64_t holder; /* a walk-in's e-mail is theirs: offered to check them in */
	char holder_name[200];
} form_state;

static int form_done(tui *t, void *ctx, char **v, int ok);

/* The form gone: what it held is freed. */
static int form_end(form_state *fs, char **v, int dirty)
{
	form_free(v, fs->n);
	form_free(fs->orig, PERSON_FIELDS);
	free(fs);
	return dirty;
}

/* The form back with v, the cursor at field `at`, error under it (NULL:
 * none). */
static void form_back(tui *t, form_state *fs, char **v, int at, const char *error)
{
	fs->v = v;
	fs->at = at;
	modal_form_again(t, fs->title, form_labels, v, fs->n, at, error, form_done, fs);
}

/* The list's choice in the field, and the form back at the next field; or
 * the form back with the refusal when none was chosen. */
static int form_chosen(tui *t, void *ctx, const char *text)
{
	form_state *fs = ctx;
	const char *code, *label;
	char *c = NULL;
	if (text && rs_stakeholder_field_value(form_fields[fs->at], (size_t)atoll(text), &code,
						&label) &&
	    (c = strdup(code))) {
		free(fs->v[fs->at]);
		fs->v[fs->at] = c;
	}
	form_back(t, fs, fs->v, c ? fs->at + 1 : fs->at, c ? NULL : fs->error);
	return DIRTY_LAYOUT;
}

/* A refused field of a fixed list (sector, region, ...): its list to
 * choose from, narrowed as one types, since the codes do not fit under the
 * form at 80 columns.  0 for a field of any text. */
static int form_choose(tui *t, form_state *fs, const char *why)
{
	enum { MAX = 64 };
	char text[MAX][120], title[160];
	const char *rows[MAX], *code, *label;
	int64_t values[MAX];
	int n = 0;
	for (; n < MAX && rs_stakeholder_field_value(form_fields[fs->at], (size_t)n, &code, &label);
	     n++) {
		snprintf(text[n], sizeof text[n], strcmp(code, label) ? "%s  (%s)" : "%s", label,
			 code);
		rows[n] = text[n];
		values[n] = n;
	}
	if (!n)
		return 0;
	snprintf(title, sizeof title, "%s: choose one", form_labels[fs->at]);
	modal_choose_typed(t, title, rows, values, n, 0, form_chosen, fs);
	modal_note(t, why);
	return 1;
}

/* The form's field of that name (0 when none) becomes the one at fault. */
static void form_fault(form_state *fs, const char *field)
{
	fs->at = 0;
	for (int i = 0; field && i < fs->n; i++)
		if (!strcmp(field, form_fields[i]))
			fs->at = i;
}

/* The form back with what was typed and why, at the field at fault (for
 * a field of a list, once its list is offered). */
static int form_again(tui *t, form_state *fs, char **v, const char *field, const char *why)
{
	form_fault(fs, field);
	char choices[300];
	rs_stakeholder_choices(field, choices, sizeof choices);
	snprintf(fs->error, sizeof fs->error, "%s: %s%s%s", form_labels[fs->at], why,
		 *choices ? "; " : "", choices);
	fs->v = v;
	if (!field || !form_choose(t, fs, why))
		form_back(t, fs, v, fs->at, fs->error);
	return DIRTY_STATUS;
}

/* The walk-in's present field: 1, 0, or -1 when it is neither yes nor no. */
static int form_present(const char *v)
{
	static const char *const yes[] = {"yes", "y", "1", ""}, *const no[] = {"no", "n", "0"};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!strcasecmp(v ? v : "", yes[i]))
			return 1;
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (!strcasecmp(v ? v : "", no[i]))
			return 0;
	return -1;
}

/* The walk-in's e-mail is someone's who is not here yet: y checks them in
 * (and selects them) instead, n or Esc is the form back, the e-mail said. */
static int holder_done(tui *t, void *ctx, const char *yes)
{
	form_state *fs = ctx;
	if (!yes || *yes != 'y') {
		form_back(t, fs, fs->v, fs->at, fs->error);
		return DIRTY_STATUS | DIRTY_LAYOUT;
	}
	rs_status st = rs_stakeholder_checkin(t->db, fs->holder, 1);
	int dirty = tui_report(t, st, "checked in: %s (u undoes)", fs->holder_name);
	if (st == RS_OK)
		select_after(fs->r, fs->holder, fs->holder_name);
	return form_end(fs, fs->v, dirty | DIRTY_LAYOUT);
}

/* The core refused what the form holds.  An e-mail someone else has is
 * said in the core's words ("zoe@example.org is Zoë Ñúñez's (64): check
 * them in instead"), without the address format, which is not at fault;
 * a walk-in is offered to check that person in.  Anything else comes back
 * as refused. */
static int form_refused(tui *t, form_state *fs, char **v, const rs_stakeholder *s,
			const char *why)
{
	rs_stakeholder holder;
	char taken[300];
	if (rs_stakeholder_email_holder(t->db, s->email, fs->id, &holder, taken, sizeof taken) ||
	    !holder.id) {
		rs_stakeholder_clear(&holder);
		return form_again(t, fs, v, NULL, why);
	}
	form_fault(fs, "email");
	snprintf(fs->error, sizeof fs->error, "%s: %s", form_labels[fs->at], taken);
	fs->v = v;
	fs->holder = holder.id;
	snprintf(fs->holder_name, sizeof fs->holder_name, "%s", holder.name);
	if (!fs->id && !holder.present) {
		char q[400], detail[300];
		snprintf(q, sizeof q, "%s?", taken);
		snprintf(detail, sizeof detail, "%s is not checked in yet; the walk-in is not added.",
			 holder.name);
		modal_ask(t, q, detail, "y check them in   n back to the form", holder_done, fs);
	} else {
		form_back(t, fs, v, fs->at, fs->error);
	}
	rs_stakeholder_clear(&holder);
	return DIRTY_STATUS;
}

/* Checks the form as the core would store it; on a refusal the form comes
 * back with everything typed, the cursor on the field at fault. */
static int form_done(tui *t, void *ctx, char **v, int ok)
{
	form_state *fs = ctx;
	rs_stakeholder s = {0};
	rs_status st = !ok ? RS_OK : fs->id ? rs_stakeholder_get(t->db, fs->id, &s) : RS_OK;
	const char *field = NULL;
	if (ok && st == RS_ERR_INVALID && fs->id) { /* deleted on another terminal meanwhile */
		tui_say(t, "not saved: %s was deleted meanwhile", v[0]);
		t->message_error = 1;
		/* Their leaving the view is this report's, not a word the
		 * reload of the other terminal's delete says over it. */
		select_after(fs->r, fs->id, v[0]);
		return form_end(fs, v, DIRTY_STATUS | DIRTY_LAYOUT);
	}
	if (ok && st == RS_OK && fs->n > FIELD_PRESENT &&
	    (s.present = form_present(v[FIELD_PRESENT])) < 0)
		return form_again(t, fs, v, "present", "yes or no");
	int clash = ok && st == RS_OK && fs->orig && !fs->over ? form_clash(&s, v, fs->orig) : -1;
	if (clash >= 0) { /* said once; Enter again saves this form's value */
		char **slot[PERSON_FIELDS];
		form_slots(&s, slot);
		snprintf(fs->error, sizeof fs->error,
			 "%s: changed on another terminal meanwhile to '%s'; Enter saves yours over "
			 "it, Esc keeps theirs",
			 form_labels[clash], *slot[clash] ? *slot[clash] : "");
		rs_stakeholder_clear(&s);
		fs->over = 1;
		form_back(t, fs, v, clash, fs->error);
		return DIRTY_STATUS;
	}
	if (ok && st == RS_OK) {
		s.registered_at = fs->id ? s.registered_at : -1;
		s.checked_in_at = fs->id ? s.checked_in_at : -1;
		st = form_copy(&s, v, fs->orig) ? rs_fail(RS_ERR_RUNTIME, "out of memory")
				      : rs_stakeholder_normalise(&s, &field);
		if (st == RS_ERR_INVALID && field) {
			char *why = strdup(rs_error());
			rs_stakeholder_clear(&s);
			int dirty = form_again(t, fs, v, field, why ? why : "not valid");
			free(why);
			return dirty;
		}
	}
	int64_t id = fs->id, dirty = DIRTY_LAYOUT;
	if (ok && st == RS_OK)
		st = id ? rs_stakeholder_update(t->db, &s) : rs_stakeholder_add(t->db, &s, &id);
	if (ok && st == RS_ERR_INVALID) { /* an email someone else has, say */
		char *why = strdup(rs_error());
		dirty = form_refused(t, fs, v, &s, why ? why : "not valid");
		rs_stakeholder_clear(&s);
		free(why);
		return (int)dirty;
	}
	if (ok)
		/* Whom and what, as the journal says it: "added Walk In (Red
		 * Cross), checked in", "saved Ana Ruiz (ana@x.org): sector ...". */
		dirty |= tui_report(t, st, "%s %s", fs->id ? "saved" : "added",
				    rs_action_said(t->db));
	if (ok && st == RS_OK) /* the next key acts on them, as the status line says */
		select_after(fs->r, id, s.name);
	rs_stakeholder_clear(&s);
	return form_end(fs, v, (int)dirty);
}

static int open_form(tui *t, roster_pane *r, int64_t id, char **v, int n, const char *title)
{
	form_state *fs = calloc(1, sizeof *fs);
	if (!fs) {
		form_free(v, n);
		return DIRTY_NONE;
	}
	fs->r = r;
	fs->id = id;
	fs->n = n;
	snprintf(fs->title, sizeof fs->title, "%s", title);
	if (id && (fs->orig = calloc(PERSON_FIELDS, sizeof *fs->orig)))
		for (int i = 0; i < PERSON_FIELDS && i < n; i++)
			fs->orig[i] = strdup(v[i] ? v[i] : "");
	modal_form(t, fs->title, form_labels, v, n, form_done, fs);
	return DIRTY_STATUS;
}

static int roster_walkin(pane *p, tui *t)
{
	char **v = calloc(FORM_FIELDS, sizeof *v);
	for (int i = 0; v && i < FORM_FIELDS; i++)
		if (!(v[i] = strdup(i == FIELD_PRESENT ? "yes" : i == FIELD_PARTICIPATION ? "in_room"
											   : ""))) {
			form_free(v, FORM_FIELDS);
			return DIRTY_NONE;
		}
	return v ? open_form(t, p->priv, 0, v, FORM_FIELDS,
			     "Walk-in (Tab: next field; sector by code or label; present: yes)")
		 : DIRTY_NONE;
}

static int roster_edit(pane *p, tui *t)
{
	const roster_row *row = selected(p, t);
	rs_stakeholder s = {0};
	if (!row)
		return DIRTY_NONE;
	rs_status st = rs_stakeholder_get(t->db, row->id, &s);
	if (st != RS_OK)
		return tui_report(t, st, "%s", "");
	char **v = calloc(PERSON_FIELDS, sizeof *v), **slot[PERSON_FIELDS];
	int64_t id = row->id;
	if (v) {
		/* The form takes the person's strings; s gives them up. */
		form_slots(&s, slot);
		for (int i = 0; i < PERSON_FIELDS; i++) {
			v[i] = *slot[i];
			*slot[i] = NULL;
		}
	}
	rs_stakeholder_clear(&s);
	return v ? open_form(t, p->priv, id, v, PERSON_FIELDS,
			     "Edit (sector: code or label; role: blank for the sector's)")
		 : DIRTY_NONE;
}

static int delete_done(tui *t, void *ctx, const char *text)
{
	roster_pane *r = ctx;
	if (!text)
		return DIRTY_NONE;
	rs_status st = rs_stakeholder_delete(t->db, r->pending_id);
	if (st == RS_OK)
		select_after(r, r->pending_id, r->pending_name);
	return tui_report(t, st, "deleted %s", rs_action_said(t->db));
}

/* The selected person, now the one a prompt is about; NULL if none. */
static const roster_row *take_selected(pane *p, tui *t)
{
	roster_pane *r = p->priv;
	const roster_row *row = selected(p, t);
	if (row) {
		r->pending_id = row->id;
		draw_copy(r->pending_name, sizeof r->pending_name, row->f[COL_NAME]);
	}
	return row;
}

static int roster_delete(pane *p, tui *t)
{
	roster_pane *r = p->priv;
	if (!take_selected(p, t))
		return DIRTY_NONE;
	/* Refused before the question, not after the yes. */
	char going[RS_SUMMARY_MAX], q[RS_SUMMARY_MAX + 16];
	rs_status st = rs_stakeholder_deletable(t->db, r->pending_id, going, sizeof going);
	if (st)
		return tui_report(t, st, "%s", "");
	/* What goes, as the journal will say it: their withdrawn requests too. */
	snprintf(q, sizeof q, "Delete %s?", going);
	modal_confirm(t, q, delete_done, r);
	return DIRTY_STATUS;
}

/* ---- the desk ---------------------------------------------------------------- */

static int checkout_done(tui *t, void *ctx, const char *yes)
{
	roster_pane *r = ctx;
	if (!yes)
		return DIRTY_NONE;
	rs_status st = rs_stakeholder_checkin(t->db, r->pending_id, 0);
	if (st == RS_OK)
		select_after(r, r->pending_id, r->pending_name);
	return tui_report(t, st, "checked out: %s", r->pending_name);
}

/* i: the selected person checked in, now; or, once present, out (asked
 * first: the time of check-in goes). */
static int roster_checkin(pane *p, tui *t)
{
	roster_pane *r = p->priv;
	const roster_row *row = take_selected(p, t);
	if (!row)
		return DIRTY_NONE;
	if (*row->f[COL_PRESENT]) {
		char q[300];
		snprintf(q, sizeof q, "Check %s out (not present any more)?", r->pending_name);
		modal_confirm(t, q, checkout_done, r);
		return DIRTY_STATUS;
	}
	rs_status st = rs_stakeholder_checkin(t->db, r->pending_id, 1);
	if (st == RS_OK)
		select_after(r, r->pending_id, r->pending_name);
	return tui_report(t, st, "checked in: %s (u undoes)", r->pending_name);
}

/* O: online or in the room, the other way round. */
static int roster_participation(pane *p, tui *t)
{
	const roster_row *row = selected(p, t);
	rs_stakeholder s = {0};
	if (!row)
		return DIRTY_NONE;
	rs_status st = rs_stakeholder_get(t->db, row->id, &s);
	const char *to = st == RS_OK && !strcmp(s.participation, "online") ? "in_room" : "online";
	if (st == RS_OK)
		st = rs_stakeholder_set_participation(t->db, row->id, to);
	if (st == RS_OK)
		select_after(p->priv, s.id, s.name);
	int dirty = tui_report(t, st, "%s takes part %s", s.name, rs_participation_label(to));
	rs_stakeholder_clear(&s);
	return dirty;
}

static int accredit_done(tui *t, void *ctx, const char *text)
{
	roster_pane *r = ctx;
	if (!text)
		return DIRTY_NONE;
	const char *code = tui_ref_choice(text, rs_accreditations, rs_accreditation_n);
	rs_status st = rs_stakeholder_accredit(t->db, r->pending_id, code, NULL);
	if (st == RS_OK)
		select_after(r, r->pending_id, r->pending_name);
	return tui_report_said(t, st);
}

/* A: the decision on the selected person's accreditation; for a pending
 * request the choice starts on approving it (newly accredited). */
static int roster_accredit(pane *p, tui *t)
{
	roster_pane *r = p->priv;
	const roster_row *row = take_selected(p, t);
	if (!row)
		return DIRTY_NONE;
	char rows[16][160], title[300];
	const char *labels[16];
	int64_t values[16];
	int n = 0, initial = 0;
	for (size_t i = 0; i < rs_accreditation_n && n < 16; i++, n++) {
		const char *code = rs_accreditations[i].code;
		snprintf(rows[n], sizeof rows[n], "%s — %s", code, rs_accreditations[i].label);
		labels[n] = rows[n];
		values[n] = (int64_t)i;
		if (!strcmp(code, !strcmp(row->f[COL_ACCRED], "pending") ? "imrf_new"
									   : row->f[COL_ACCRED]))
			initial = n;
	}
	snprintf(title, sizeof title, "Accreditation of %s (now %s)", r->pending_name,
		 row->f[COL_ACCRED]);
	modal_choose(t, title, labels, values, n, initial, accredit_done, r);
	return DIRTY_STATUS;
}

static int view_done(tui *t, void *ctx, const char *text)
{
	pane *p = ctx;
	roster_pane *r = p->priv;
	(void)t;
	if (!text)
		return DIRTY_NONE;
	int v = atoi(text);
	r->view = v >= 0 && v < N_VIEWS ? v : 0;
	reopen(r);
	return DIRTY_LAYOUT;
}

/* v: a view of the roster, each with how many it holds: the desk's
 * counts of who is here and of accreditation. */
static int roster_view(pane *p, tui *t)
{
	roster_pane *r = p->priv;
	char rows[N_VIEWS][96];
	const char *labels[N_VIEWS];
	int64_t values[N_VIEWS];
	for (int i = 0; i < N_VIEWS; i++) {
		rs_roster_view v = {.present = views[i].present,
				    .participation = views[i].participation,
				    .accreditation = views[i].accreditation};
		int64_t n = 0;
		if (rs_roster_count(t->db, &v, &n) != RS_OK)
			n = 0;
		snprintf(rows[i], sizeof rows[i], "%s (%lld)", views[i].label, (long long)n);
		labels[i] = rows[i];
		values[i] = i;
	}
	modal_choose(t, "Show", labels, values, N_VIEWS, r->view, view_done, p);
	return DIRTY_STATUS;
}

/* ---- keys -------------------------------------------------------------------- */

/* Key a refused in an empty list: nobody to act on, and why (the view,
 * the filter, an empty roster) with the key that shows people. */
static rs_status refuse_empty(const roster_pane *r, tui_action a)
{
	char key[24], other[24];
	keys_label(a, key, sizeof key);
	if (*r->filter)
		return rs_fail(RS_ERR_INVALID, "%s: nobody matches the filter to act on (%s clears it)",
			       key, keys_label(ACT_CANCEL, other, sizeof other));
	if (r->view)
		return rs_fail(RS_ERR_INVALID, "%s: nobody in this view to act on (%s: another view)",
			       key, keys_label(ACT_VIEW, other, sizeof other));
	return rs_fail(RS_ERR_INVALID, "%s: nobody on the roster yet (%s adds a walk-in)", key,
		       keys_label(ACT_ADD, other, sizeof other));
}

/* 1 when key a may act on the selected person.  Not in an empty list
 * (said, not silent), nor when the one the desk had selected (or had just
 * acted on) left the view and the selection went to their neighbour: the
 * key is refused once, naming who is selected now, so it never acts on
 * someone the desk did not see selected; pressed again, it acts on them. */
static int may_act(pane *p, tui *t, tui_action a)
{
	roster_pane *r = p->priv;
	const roster_row *row = selected(p, t);
	if (!row) {
		tui_report(t, refuse_empty(r, a), "%s", "");
		return 0;
	}
	char name[200];
	person_words(name, sizeof name, row);
	return follow_may_act(&r->follow, t, a, name);
}

static int roster_action(pane *p, tui *t, tui_action a)
{
	roster_pane *r = p->priv;
	int page = p->rows > 3 ? p->rows - 3 : 1;
	sync_list(r, t); /* the count the keys move over */
	int moved = draw_move(&r->sel, r->total, page, a);
	if (moved >= 0) {
		follow_chosen(&r->follow); /* the desk chose the row */
		return moved;
	}
	if ((a == ACT_EDIT || a == ACT_DELETE || a == ACT_CHECKIN || a == ACT_ACCREDIT ||
	     a == ACT_PARTICIPATION) && !may_act(p, t, a))
		return DIRTY_STATUS;
	switch (a) {
	case ACT_FILTER:
		p->typing = 1;
		return DIRTY_PANE;
	case ACT_OPEN:
		if (!p->typing)
			return -1;
		p->typing = 0;
		return DIRTY_PANE;
	case ACT_CANCEL:
		if (!p->typing && !*r->filter)
			return -1;
		p->typing = 0;
		r->filter[0] = '\0';
		reopen(r);
		return DIRTY_PANE;
	case ACT_ADD:
		return roster_walkin(p, t);
	case ACT_EDIT:
		return roster_edit(p, t);
	case ACT_DELETE:
		return roster_delete(p, t);
	case ACT_CHECKIN:
		return roster_checkin(p, t);
	case ACT_ACCREDIT:
		return roster_accredit(p, t);
	case ACT_PARTICIPATION:
		return roster_participation(p, t);
	case ACT_VIEW:
		return roster_view(p, t);
	default:
		return -1;
	}
}

static const tui_hint *roster_hints(pane *p, tui *t, size_t *n)
{
	static const tui_hint typing[] = {
		{ACT_NONE, ACT_NONE, "type to filter"}, {ACT_OPEN, ACT_NONE, "keep"},
		{ACT_CANCEL, ACT_NONE, "clear"},
	};
	static const tui_hint browsing[] = {
		{ACT_FILTER, ACT_NONE, "filter"},   {ACT_ADD, ACT_NONE, "walk-in"},
		{ACT_CHECKIN, ACT_NONE, "check in/out"}, {ACT_VIEW, ACT_NONE, "view"},
		{ACT_ACCREDIT, ACT_NONE, "accredit"}, {ACT_PARTICIPATION, ACT_NONE, "online/room"},
		{ACT_EDIT, ACT_NONE, "edit"},       {ACT_DELETE, ACT_NONE, "delete"},
		{ACT_NEXT_SPEAKER, ACT_NONE, "next speaker"},
	};
	(void)t;
	*n = p->typing ? sizeof typing / sizeof typing[0] : sizeof browsing / sizeof browsing[0];
	return p->typing ? typing : browsing;
}

/* An undo here of a change to someone (their check-in, an edit, a
 * delete): they are the one selected, back in the view. */
static void roster_undone(pane *p, tui *t, const rs_event *ev)
{
	(void)t;
	if (ev && !strcmp(ev->object_type, "stakeholder") && ev->object_id)
		select_after(p->priv, ev->object_id, "");
}

static void roster_close(pane *p)
{
	roster_pane *r = p->priv;
	if (!r)
		return;
	free_rows(r);
	rs_roster_list_free(r->list);
	free(r);
	p->priv = NULL;
}

const pane_ops pane_roster_ops = {
	.name = "Roster",
	.shows = RS_CHANGED_ROSTER,
	.open = roster_open,
	.reload = roster_reload,
	.draw = roster_draw,
	.action = roster_action,
	.text = roster_text,
	.hints = roster_hints,
	.undone = roster_undone,
	.close = roster_close,
};
