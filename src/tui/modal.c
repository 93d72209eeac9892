/* Prompts and forms: one modal at a time gets every key.  Text is edited as
 * wide characters and measured with wcwidth, so accents, CJK and emoji line
 * up; Esc always cancels (in the editor, asking first when something is
 * written). */
#include "tui.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/refdata.h"
#include "rostrum/stakeholder.h"
#include "rostrum/text.h"

typedef enum { M_LINE, M_CONFIRM, M_EDITOR, M_PICK, M_FORM, M_TEXT, M_CHOOSE } modal_kind;

/* REFUSAL_ROWS: the rows a refusal takes in a form or a chooser, wrapped. */
enum { PICK_ROWS = 12, FORM_MAX = 12, REFUSAL_ROWS = 2 };

typedef struct {
	wchar_t *s;
	size_t len, cap, cur;
	size_t bytes; /* its UTF-8 length: at most RS_MAX_TEXT_BYTES */
} wbuf;

struct modal {
	modal_kind kind;
	char title[160];
	WINDOW *win;
	wbuf text;
	modal_done done;
	void *ctx;
	/* a question with "n" as an answer of its own (modal_ask) */
	int ask;
	wint_t asked_by; /* the printable key whose command asked it (0: none) */
	char detail[200], answers[160];
	/* picker (the roster, a window of it at a time) and chooser (a list
	 * given whole); both scroll and count, the picker narrows as you
	 * type, and so does a chooser longer than its box (search) */
	rs_roster_list *list; /* the picker's matches; NULL: search on the next draw */
	int64_t ids[PICK_ROWS];
	char names[PICK_ROWS][320];
	int n_results, sel;   /* rows read, the selection among all matches */
	list_window choices_view; /* the chooser's rows in view */
	int64_t total, first; /* matches, the first one read */
	int64_t read_first;   /* the first row of the rows read; -1: read them again */
	int64_t prefer;       /* the picker's person selected first (0: the first) */
	char **choices;       /* the chooser's rows and their values */
	int64_t *values_of;
	int n_choices;
	int *shown, n_shown;  /* indices of the choices that match */
	int search;           /* the chooser narrows as you type (modal_choose_typed) */
	char note[400];       /* why the chooser or editor asks (modal_note), under its title */
	char *aside;          /* a text the editor shows, not edited (modal_aside) */
	/* form */
	const char *const *labels;
	char **values;
	/* The form's values as it opened, and whether it came back (refused,
	 * or from a list): what Esc would throw away is what differs. */
	char **initial;
	int reopened;
	int n_fields, field;
	list_window fields_view; /* a short terminal scrolls the form's fields */
	modal_form_done form_done;
	char error[400]; /* why the form came back, under its fields */
	/* help text */
	const char *const *lines;
	int n_lines, top;
};

static int wbuf_reserve(wbuf *b, size_t n)
{
	if (n + 1 <= b->cap)
		return 1;
	size_t cap = b->cap ? b->cap * 2 : 64;
	while (cap < n + 1)
		cap *= 2;
	wchar_t *s = realloc(b->s, cap * sizeof *s);
	if (!s)
		return 0;
	b->s = s;
	b->cap = cap;
	return 1;
}

/* Bytes of c in UTF-8, the text's stored form, whatever the locale. */
static size_t utf8_bytes(wchar_t c)
{
	return (uint32_t)c < 0x80 ? 1 : (uint32_t)c < 0x800 ? 2 : (uint32_t)c < 0x10000 ? 3 : 4;
}

static void wbuf_set(wbuf *b, const char *utf8)
{
	size_t n = utf8 ? mbstowcs(NULL, utf8, 0) : 0;
	if (n == (size_t)-1)
		n = 0;
	b->len = b->cur = b->bytes = 0;
	if (!wbuf_reserve(b, n))
		return;
	if (n)
		mbstowcs(b->s, utf8, n + 1);
	b->len = b->cur = n;
	b->s[n] = L'\0';
	for (size_t i = 0; i < n; i++)
		b->bytes += utf8_bytes(b->s[i]);
}

static char *wbuf_utf8(const wbuf *b)
{
	wchar_t empty = L'\0';
	const wchar_t *s = b->len ? b->s : &empty;
	size_t n = wcstombs(NULL, s, 0);
	if (n == (size_t)-1)
		return strdup("");
	char *out = malloc(n + 1);
	if (out)
		wcstombs(out, s, n + 1);
	return out;
}

/* 0 when c would make the text longer than any the core takes: a note
 * pasted past it was refused only when saved, and its editor could not be
 * reached again to shorten it. */
static int wbuf_insert(wbuf *b, wchar_t c)
{
	if (b->bytes + utf8_bytes(c) > RS_MAX_TEXT_BYTES)
		return 0;
	if (!wbuf_reserve(b, b->len + 1))
		return 1;
	memmove(b->s + b->cur + 1, b->s + b->cur, (b->len - b->cur) * sizeof *b->s);
	b->s[b->cur++] = c;
	b->len++;
	b->s[b->len] = L'\0';
	b->bytes += utf8_bytes(c);
	return 1;
}

static void wbuf_backspace(wbuf *b)
{
	if (!b->cur)
		return;
	b->bytes -= utf8_bytes(b->s[b->cur - 1]);
	memmove(b->s + b->cur - 1, b->s + b->cur, (b->len - b->cur) * sizeof *b->s);
	b->cur--;
	b->s[--b->len] = L'\0';
}

static void wbuf_delete(wbuf *b)
{
	if (b->cur >= b->len)
		return;
	b->cur++;
	wbuf_backspace(b);
}

static modal *modal_new(tui *t, modal_kind kind, const char *title)
{
	modal_close(t);
	modal *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->kind = kind;
	snprintf(m->title, sizeof m->title, "%s", title);
	t->modal = m;
	return m;
}

static void modal_free(modal *m)
{
	if (m->win)
		delwin(m->win);
	for (int i = 0; i < m->n_choices; i++)
		free(m->choices[i]);
	free(m->choices);
	free(m->values_of);
	free(m->shown);
	free(m->text.s);
	free(m->aside);
	for (int i = 0; m->initial && i < m->n_fields; i++)
		free(m->initial[i]);
	free(m->initial);
	rs_roster_list_free(m->list);
	free(m);
}

/* Closing a modal any other way than its keys (quit, a signal) cancels it,
 * so every callback frees what it holds; a callback that opens another
 * modal meanwhile gets that one cancelled too. */
void modal_close(tui *t)
{
	int was = t->closing;
	t->closing = 1;
	while (t->modal) {
		modal *m = t->modal;
		t->modal = NULL;
		if (m->kind == M_FORM && m->form_done)
			m->form_done(t, m->ctx, m->values, 0);
		else if (m->done)
			m->done(t, m->ctx, NULL);
		modal_free(m);
	}
	t->closing = was;
}

/* A form typed in: came back, or a field (the one being typed too) differs
 * from what it opened with. */
static int form_changed(const modal *m)
{
	if (m->reopened)
		return 1;
	char *now = wbuf_utf8(&m->text);
	int changed = !m->initial || !now || strcmp(now, m->initial[m->field] ? m->initial[m->field] : "");
	free(now);
	for (int i = 0; !changed && i < m->n_fields; i++)
		changed = i != m->field &&
			  strcmp(m->values[i] ? m->values[i] : "", m->initial[i] ? m->initial[i] : "");
	return changed;
}

int modal_is_draft(const tui *t)
{
	const modal *m = t->modal;
	if (t->drafts > 0)
		return 1;
	if (!m || (m->kind != M_LINE && m->kind != M_EDITOR && m->kind != M_FORM))
		return 0;
	return m->kind == M_FORM ? form_changed(m) : m->text.len > 0;
}

void modal_line(tui *t, const char *label, const char *initial, modal_done done, void *ctx)
{
	modal *m = modal_new(t, M_LINE, label);
	if (!m) {
		done(t, ctx, NULL); /* cancelled: the callback frees ctx */
		return;
	}
	wbuf_set(&m->text, initial);
	m->done = done;
	m->ctx = ctx;
}

void modal_line_detail(tui *t, const char *label, const char *detail, const char *initial,
		       modal_done done, void *ctx)
{
	modal_line(t, label, initial, done, ctx);
	if (t->modal)
		snprintf(t->modal->detail, sizeof t->modal->detail, "%s", detail);
}

void modal_confirm(tui *t, const char *question, modal_done done, void *ctx)
{
	modal *m = modal_new(t, M_CONFIRM, question);
	if (!m) {
		done(t, ctx, NULL);
		return;
	}
	m->done = done;
	m->ctx = ctx;
}

void modal_ask(tui *t, const char *question, const char *detail, const char *answers,
	       modal_done done, void *ctx)
{
	modal_confirm(t, question, done, ctx);
	modal *m = t->modal;
	if (!m)
		return;
	m->ask = 1;
	snprintf(m->detail, sizeof m->detail, "%s", detail);
	snprintf(m->answers, sizeof m->answers, "%s", answers);
}

void modal_asked_by(tui *t, wint_t ch)
{
	if (t->modal && t->modal->kind == M_CONFIRM && !t->parked)
		t->modal->asked_by = ch;
}

void modal_editor(tui *t, const char *title, const char *initial, modal_done done, void *ctx)
{
	modal *m = modal_new(t, M_EDITOR, title);
	if (!m) {
		done(t, ctx, NULL);
		return;
	}
	wbuf_set(&m->text, initial);
	m->done = done;
	m->ctx = ctx;
}


void modal_pick_stakeholder(tui *t, const char *label, int64_t prefer, modal_done done,
			    void *ctx)
{
	modal *m = modal_new(t, M_PICK, label);
	if (!m) {
		done(t, ctx, NULL);
		return;
	}
	m->done = done;
	m->ctx = ctx;
	m->prefer = prefer;
}

void modal_form(tui *t, const char *title, const char *const *labels, char **values, int n,
		modal_form_done done, void *ctx)
{
	modal_form_again(t, title, labels, values, n, 0, NULL, done, ctx);
	if (t->modal && t->modal->kind == M_FORM)
		t->modal->reopened = 0;
}

void modal_form_again(tui *t, const char *title, const char *const *labels, char **values,
		      int n, int field, const char *error, modal_form_done done, void *ctx)
{
	modal *m = modal_new(t, M_FORM, title);
	if (!m) {
		done(t, ctx, values, 0); /* cancelled: the callback frees what it holds */
		return;
	}
	m->labels = labels;
	m->values = values;
	m->n_fields = n < FORM_MAX ? n : FORM_MAX;
	m->field = field >= 0 && field < m->n_fields ? field : 0;
	m->form_done = done;
	m->ctx = ctx;
	snprintf(m->error, sizeof m->error, "%s", error ? error : "");
	wbuf_set(&m->text, values[m->field]);
	m->reopened = 1;
	if ((m->initial = calloc((size_t)m->n_fields, sizeof *m->initial)))
		for (int i = 0; i < m->n_fields; i++)
			m->initial[i] = strdup(values[i] ? values[i] : "");
}

void modal_text(tui *t, const char *title, const char *const *lines, int n)
{
	modal *m = modal_new(t, M_TEXT, title);
	if (m) {
		m->lines = lines;
		m->n_lines = n;
	}
}

/* ---- the picker: the roster searched as you type ------------------------- */

/* One person as a row: enough to tell two of one name apart. */
static int pick_row(const rs_stakeholder *s, void *ctx)
{
	modal *m = ctx;
	if (m->n_results >= PICK_ROWS)
		return 1;
	const char *sector = rs_sector_label(s->sector);
	m->ids[m->n_results] = s->id;
	snprintf(m->names[m->n_results], sizeof m->names[0], "%s — %s%s%s%s%s · %s", s->name,
		 *s->organization ? s->organization : "no organisation", *s->country ? ", " : "",
		 s->country, *s->email ? ", " : "", s->email, sector ? sector : s->sector);
	m->n_results++;
	return 0;
}

/* The matches of what is typed, counted: searched again once the text
 * changed, when the picker is drawn or a key needs the count (so a burst
 * of keys costs one search). */
static void pick_search(tui *t, modal *m)
{
	if (m->list)
		return;
	char *q = wbuf_utf8(&m->text);
	rs_roster_view v = {.text = q, .present = -1};
	if (rs_roster_list_open(t->db, &v, &m->list) != RS_OK)
		m->list = NULL;
	free(q);
	m->total = m->list ? rs_roster_list_total(m->list) : 0;
	m->sel = 0;
	m->first = 0;
	m->read_first = -1;
	/* Nothing typed yet: the one asked for first is selected, in the
	 * roster's order (the rest stays a key away). */
	int64_t row = -1;
	if (m->prefer > 0 && !m->text.len && m->list &&
	    rs_roster_list_row_of(m->list, m->prefer, &row) == RS_OK && row >= 0 &&
	    row < INT32_MAX)
		m->sel = (int)row;
}

/* The window of matches around the selection, read when it moved. */
static void pick_read(tui *t, modal *m)
{
	pick_search(t, m);
	if (m->sel < m->first)
		m->first = m->sel;
	if (m->sel >= m->first + PICK_ROWS)
		m->first = m->sel - PICK_ROWS + 1;
	if (m->first == m->read_first)
		return;
	m->n_results = 0;
	m->read_first = m->first;
	if (m->list)
		rs_roster_list_read(m->list, m->first, PICK_ROWS, pick_row, m);
}

/* ---- the chooser: a short list given whole ------------------------------- */

static void choose_filter(modal *m)
{
	char *q = wbuf_utf8(&m->text);
	char *fq = rs_text_fold(q ? q : "");
	m->n_shown = 0;
	for (int i = 0; i < m->n_choices; i++) {
		char *fc = rs_text_fold(m->choices[i]);
		if (!fq || !fc || strstr(fc, fq))
			m->shown[m->n_shown++] = i;
		free(fc);
	}
	free(fq);
	free(q);
	if (m->sel >= m->n_shown)
		m->sel = m->n_shown ? m->n_shown - 1 : 0;
	if (m->choices_view.top > m->sel)
		m->choices_view.top = m->sel;
}

void modal_choose(tui *t, const char *title, const char *const *rows, const int64_t *values,
		  int n, int initial, modal_done done, void *ctx)
{
	modal *m = modal_new(t, M_CHOOSE, title);
	if (!m)
		return;
	m->done = done;
	m->ctx = ctx;
	m->choices = calloc((size_t)(n > 0 ? n : 1), sizeof *m->choices);
	m->values_of = calloc((size_t)(n > 0 ? n : 1), sizeof *m->values_of);
	m->shown = calloc((size_t)(n > 0 ? n : 1), sizeof *m->shown);
	for (int i = 0; m->choices && m->values_of && i < n; i++) {
		if (!(m->choices[i] = strdup(rows[i])))
			break;
		m->values_of[i] = values[i];
		m->n_choices++;
	}
	if (m->shown)
		choose_filter(m);
	m->sel = initial >= 0 && initial < m->n_shown ? initial : 0;
}

void modal_note(tui *t, const char *note)
{
	if (t->modal && (t->modal->kind == M_CHOOSE || t->modal->kind == M_EDITOR))
		draw_copy(t->modal->note, sizeof t->modal->note, note);
}

void modal_aside(tui *t, const char *text)
{
	modal *m = t->modal;
	if (!m || m->kind != M_EDITOR)
		return;
	free(m->aside);
	m->aside = strdup(text ? text : "");
}

void modal_choose_typed(tui *t, const char *title, const char *const *rows,
			const int64_t *values, int n, int initial, modal_done done, void *ctx)
{
	modal_choose(t, title, rows, values, n, initial, done, ctx);
	if (t->modal && t->modal->kind == M_CHOOSE)
		t->modal->search = 1;
}

/* ---- keys ------------------------------------------------------------------ */

/* Finishes the modal: the callback may open another one. */
static int finish(tui *t, const char *text)
{
	modal *m = t->modal;
	modal_done done = m->done;
	void *ctx = m->ctx;
	t->modal = NULL;
	modal_free(m);
	int dirty = done ? done(t, ctx, text) : DIRTY_NONE;
	return dirty | DIRTY_LAYOUT;
}

static int is_cancel(wint_t ch, int is_key)
{
	return !is_key && ch == 27;
}

int modal_ask_over_draft(tui *t, const char *question, modal_done done)
{
	t->parked = t->modal;
	t->modal = NULL;
	modal_confirm(t, question, done, NULL);
	return DIRTY_STATUS;
}

void modal_draft_back(tui *t)
{
	t->modal = t->parked;
	t->parked = NULL;
}

static int discard_done(tui *t, void *ctx, const char *yes)
{
	(void)ctx;
	modal_draft_back(t);
	return yes ? finish(t, NULL) : DIRTY_LAYOUT;
}

/* Esc in the editor with something written asks before throwing it away:
 * minutes of notes are one key from lost. */
static int ask_to_discard(tui *t)
{
	return modal_ask_over_draft(t, "Throw away what is being written?", discard_done);
}

static int is_printable(wint_t ch, int is_key)
{
	return !is_key && ch >= ' ' && ch != 127;
}

/* Any other printable key answers a question no, and is no command: it
 * was a word being typed (`up to you`: the question of u took the y of
 * "you" as yes and undid a saved note; a space after it paused the
 * speaker).  Esc's answer, then why, after what the answer said. */
static int answered_by_typing(tui *t, wint_t ch)
{
	wint_t asked_by = t->modal->asked_by;
	char key[MB_LEN_MAX + 1] = "?", said[sizeof t->message];
	mbstate_t st = {0};
	size_t n = wcrtomb(key, (wchar_t)ch, &st);
	key[n == (size_t)-1 ? 1 : n] = '\0';
	t->message[0] = '\0';
	int dirty = finish(t, NULL);
	snprintf(said, sizeof said, "%s", t->message[0] ? t->message : "not done");
	tui_say(t, "%s: '%s' is not y (a question takes y for yes; any other key is no)", said,
		key);
	t->message_error = 1;
	/* Where typing is kept (the Notes pane), the key that asked and this
	 * one begin the words. */
	if (!t->modal && asked_by)
		dirty |= tui_keep_typed(t, asked_by);
	return dirty | tui_keep_typed(t, ch) | DIRTY_STATUS;
}

static int is_enter(wint_t ch, int is_key)
{
	return (!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER);
}

static int is_backspace(wint_t ch, int is_key)
{
	return (is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8));
}

/* A character typed (or pasted) past the longest text the core takes is
 * not kept, and the status line says so. */
static void type_char(tui *t, wbuf *b, wchar_t c)
{
	if (!wbuf_insert(b, c)) {
		tui_say(t, "not typed: a text holds at most %d bytes (UTF-8); this one is full",
			RS_MAX_TEXT_BYTES);
		t->message_error = 1;
	}
}

/* Editing keys shared by every text field; 1 if the key was one. */
static int edit_key(tui *t, wbuf *b, wint_t ch, int is_key, int multiline)
{
	if (is_backspace(ch, is_key))
		wbuf_backspace(b);
	else if (is_key && ch == KEY_DC)
		wbuf_delete(b);
	else if (is_key && ch == KEY_LEFT)
		b->cur -= b->cur > 0;
	else if (is_key && ch == KEY_RIGHT)
		b->cur += b->cur < b->len;
	else if (is_key && ch == KEY_HOME)
		while (b->cur > 0 && !(multiline && b->s[b->cur - 1] == L'\n'))
			b->cur--;
	else if (is_key && ch == KEY_END)
		while (b->cur < b->len && !(multiline && b->s[b->cur] == L'\n'))
			b->cur++;
	else if (is_printable(ch, is_key))
		type_char(t, b, (wchar_t)ch);
	else if (!is_key && multiline && (ch == '\n' || ch == '\r'))
		type_char(t, b, L'\n');
	else if (!is_key && multiline && ch == '\t')
		type_char(t, b, L'\t'); /* a text holds tabs; in a form Tab moves instead */
	else
		return 0;
	return 1;
}

/* Up and down in the editor: the same column of the line above or below. */
static void editor_vertical(wbuf *b, int dir)
{
	size_t line_start = b->cur;
	while (line_start > 0 && b->s[line_start - 1] != L'\n')
		line_start--;
	size_t col = b->cur - line_start;
	if (dir < 0) {
		if (line_start == 0)
			return;
		size_t prev = line_start - 1;
		while (prev > 0 && b->s[prev - 1] != L'\n')
			prev--;
		size_t len = line_start - 1 - prev;
		b->cur = prev + (col < len ? col : len);
	} else {
		size_t next = b->cur;
		while (next < b->len && b->s[next] != L'\n')
			next++;
		if (next >= b->len)
			return;
		next++;
		size_t end = next;
		while (end < b->len && b->s[end] != L'\n')
			end++;
		b->cur = next + (col < end - next ? col : end - next);
	}
}

static void form_store(modal *m)
{
	char *v = wbuf_utf8(&m->text);
	if (!v)
		return;
	free(m->values[m->field]);
	m->values[m->field] = v;
}

/* The form closed: ok, saved (its callback checks it), or cancelled. */
static int form_finish(tui *t, modal *m, int ok)
{
	modal_form_done done = m->form_done;
	void *ctx = m->ctx;
	char **values = m->values;
	m->done = NULL;
	int dirty = finish(t, NULL);
	return dirty | done(t, ctx, values, ok);
}

static int form_discard_done(tui *t, void *ctx, const char *yes)
{
	(void)ctx;
	modal_draft_back(t);
	return yes ? form_finish(t, t->modal, 0) : DIRTY_LAYOUT;
}

static int form_key(tui *t, modal *m, wint_t ch, int is_key)
{
	int move = 0;
	if ((!is_key && ch == '\t') || (is_key && ch == KEY_DOWN))
		move = 1;
	else if (is_key && (ch == KEY_BTAB || ch == KEY_UP))
		move = -1;
	if (move || is_enter(ch, is_key) || is_cancel(ch, is_key)) {
		form_store(m);
		if (move) {
			m->field = (m->field + move + m->n_fields) % m->n_fields;
			wbuf_set(&m->text, m->values[m->field]);
			return DIRTY_NONE;
		}
		/* Esc over what was typed asks first, as the editor does. */
		if (is_cancel(ch, is_key) && form_changed(m))
			return modal_ask_over_draft(t, "Throw away what is typed in the form?",
						    form_discard_done);
		return form_finish(t, m, !is_cancel(ch, is_key));
	}
	edit_key(t, &m->text, ch, is_key, 0);
	return DIRTY_NONE;
}

/* Up, down, page up and down over n rows: 1 if the key was one of them. */
static int list_move(int *sel, int n, wint_t ch, int is_key)
{
	if (!is_key)
		return 0;
	int to = ch == KEY_UP ? *sel - 1 : ch == KEY_DOWN ? *sel + 1
	       : ch == KEY_PPAGE ? *sel - PICK_ROWS : ch == KEY_NPAGE ? *sel + PICK_ROWS
	       : ch == KEY_HOME ? 0 : ch == KEY_END ? n - 1 : -2;
	if (to == -2)
		return 0;
	*sel = to >= n ? n - 1 : to;
	*sel = *sel < 0 ? 0 : *sel;
	return 1;
}

static int pick_key(tui *t, modal *m, wint_t ch, int is_key)
{
	pick_search(t, m);
	if (list_move(&m->sel, (int)(m->total < INT32_MAX ? m->total : INT32_MAX), ch, is_key))
		return DIRTY_NONE;
	if (is_enter(ch, is_key)) {
		char id[24];
		pick_read(t, m);
		int i = m->sel - (int)m->first;
		if (i < 0 || i >= m->n_results)
			return DIRTY_NONE;
		snprintf(id, sizeof id, "%lld", (long long)m->ids[i]);
		return finish(t, id);
	}
	if (edit_key(t, &m->text, ch, is_key, 0)) {
		rs_roster_list_free(m->list);
		m->list = NULL;
	}
	return DIRTY_NONE;
}

static int modal_height(tui *t, modal *m);

/* The rows over a chooser's list or an editor's text: why it asks,
 * wrapped (then a chooser's search field). */
static int choose_note_rows(const tui *t, const modal *m)
{
	int n = m->note[0] ? draw_wrap_rows(m->note, modal_inner_width(t)) : 0;
	return n < REFUSAL_ROWS ? n : REFUSAL_ROWS;
}

static int choose_head_rows(const tui *t, const modal *m)
{
	return choose_note_rows(t, m) + m->search;
}

/* The chooser's rows in its box: between its head and a blank row over the
 * bottom border. */
static int choose_rows(tui *t, modal *m)
{
	return modal_height(t, m) - 3 - choose_head_rows(t, m);
}

static int choose_key(tui *t, modal *m, wint_t ch, int is_key)
{
	if (m->search ? list_move(&m->sel, m->n_shown, ch, is_key)
		      : draw_move(&m->sel, m->n_shown, choose_rows(t, m),
				  keys_action(ch, is_key)) >= 0)
		return DIRTY_NONE;
	if (is_enter(ch, is_key)) {
		char v[24];
		if (!m->n_shown)
			return DIRTY_NONE;
		snprintf(v, sizeof v, "%lld", (long long)m->values_of[m->shown[m->sel]]);
		return finish(t, v);
	}
	if (m->search && edit_key(t, &m->text, ch, is_key, 0))
		choose_filter(m);
	return DIRTY_NONE;
}

int modal_key(tui *t, wint_t ch, int is_key)
{
	modal *m = t->modal;
	if (m->kind == M_TEXT) {
		/* A page is the rows shown; the last page is a full one. */
		int page = modal_height(t, m) - 2, last = m->n_lines - page;
		page = page > 1 ? page : 1;
		if (is_key && (ch == KEY_DOWN || ch == KEY_NPAGE))
			m->top += ch == KEY_DOWN ? 1 : page;
		else if (is_key && (ch == KEY_UP || ch == KEY_PPAGE))
			m->top -= ch == KEY_UP ? 1 : page;
		else
			return finish(t, NULL);
		if (m->top > last)
			m->top = last;
		if (m->top < 0)
			m->top = 0;
		return DIRTY_NONE;
	}
	if (m->kind == M_FORM)
		return form_key(t, m, ch, is_key);
	if (is_cancel(ch, is_key) && m->kind == M_EDITOR && m->text.len)
		return ask_to_discard(t);
	if (is_cancel(ch, is_key))
		return finish(t, NULL);
	switch (m->kind) {
	case M_CONFIRM:
		if (!is_key && (ch == 'y' || ch == 'Y'))
			return finish(t, "y");
		if (!is_key && (ch == 'n' || ch == 'N'))
			return finish(t, m->ask ? "n" : NULL);
		if (is_printable(ch, is_key))
			return answered_by_typing(t, ch);
		return DIRTY_NONE;
	case M_PICK:
		return pick_key(t, m, ch, is_key);
	case M_CHOOSE:
		return choose_key(t, m, ch, is_key);
	case M_EDITOR:
		/* Ctrl-D or F2 saves; Enter is a new line. */
		if ((!is_key && ch == 4) || (is_key && ch == KEY_F(2))) {
			char *s = wbuf_utf8(&m->text);
			int dirty = finish(t, s ? s : "");
			free(s);
			return dirty;
		}
		if (is_key && (ch == KEY_UP || ch == KEY_DOWN))
			editor_vertical(&m->text, ch == KEY_UP ? -1 : 1);
		else
			edit_key(t, &m->text, ch, is_key, 1);
		return DIRTY_NONE;
	default:
		if (is_enter(ch, is_key)) {
			char *s = wbuf_utf8(&m->text);
			int dirty = finish(t, s ? s : "");
			free(s);
			return dirty;
		}
		edit_key(t, &m->text, ch, is_key, 0);
		return DIRTY_NONE;
	}
}

/* ---- drawing --------------------------------------------------------------- */

/* Draws a single-line field with the cursor shown in reverse video; the
 * field scrolls so the cursor stays visible. */
static void draw_field(WINDOW *w, int y, int x, int width, const wbuf *b, int focused)
{
	size_t start = 0;
	int used = 0;
	for (size_t i = b->cur; i > 0; i--) {
		used += draw_char_width(b->s[i - 1]);
		if (used >= width - 1) {
			start = i;
			break;
		}
	}
	wmove(w, y, x);
	int col = 0;
	for (size_t i = start; i <= b->len && col < width; i++) {
		wchar_t c = i < b->len ? b->s[i] : L' ';
		int cw = draw_char_width(c);
		if (col + cw > width)
			break;
		/* As typed or pasted, before any check: never raw to the
		 * terminal (an escape, a C1 CSI, a reversal of direction). */
		if (rs_text_is_control((long)c))
			c = L'\uFFFD';
		attr_t a = focused && i == b->cur ? A_REVERSE : A_UNDERLINE;
		wattr_set(w, a, 0, NULL);
		waddnwstr(w, &c, 1);
		col += cw;
	}
	wattr_set(w, A_UNDERLINE, 0, NULL);
	for (; col < width; col++)
		waddch(w, ' ');
	wattr_set(w, A_NORMAL, 0, NULL);
}

/* Wraps the editor's text to width, marking the cursor. */
enum { TAB_STOP = 8 };

/* A blank between words: a space or a tab. */
static int editor_blank(wchar_t c)
{
	return c == L' ' || c == L'\t';
}

/* The cells character i takes at col: a tab reaches the next tab stop (or
 * the row's end), as a terminal shows one. */
static int editor_cells(const wbuf *b, size_t i, int col, int width)
{
	wchar_t c = i < b->len ? b->s[i] : L' ';
	if (c != L'\t')
		return draw_char_width(c);
	int n = TAB_STOP - col % TAB_STOP;
	return col < width && col + n > width ? width - col : n;
}

/* The cells of the word that begins at i (counted up to one past width). */
static int editor_word_width(const wbuf *b, size_t i, int width)
{
	int ww = 0;
	for (; i < b->len && !editor_blank(b->s[i]) && b->s[i] != L'\n' && ww <= width; i++)
		ww += draw_char_width(b->s[i]);
	return ww;
}

/* Where character i goes, given where the one before it left off (*row,
 * *col): a word that does not fit on the row goes whole to the next (one
 * wider than the row is cut where the row ends), as the saved text wraps
 * in the pane.  The space or tab (or the line's end) just after a full row hangs
 * in the cell past its end, as a word processor's does, so the next row
 * begins with its word, not with the space between, and the cursor can
 * sit after the row's last word.  *row and *col become the character's
 * place. */
static void editor_place(const wbuf *b, int width, size_t i, int *row, int *col)
{
	wchar_t c = i < b->len ? b->s[i] : L' ';
	if ((editor_blank(c) || c == L'\n') && *col == width)
		return;
	int cw = editor_cells(b, i, *col, width);
	int word_start = !editor_blank(c) &&
			 (i == 0 || editor_blank(b->s[i - 1]) || b->s[i - 1] == L'\n');
	if (word_start && *col > 0) {
		int ww = editor_word_width(b, i, width);
		if (*col + ww > width && ww <= width) {
			(*row)++;
			*col = 0;
		}
	}
	if (*col + cw > width) {
		(*row)++;
		*col = 0;
	}
}

/* The text an editor shows and does not edit (another terminal's), from
 * row y: half the rows left at most, its end cut with '…' when longer,
 * then a rule over what is edited.  Returns the row under the rule. */
static int draw_aside(WINDOW *w, int y, int height, int width, const char *aside)
{
	int most = (height - 1 - y) / 2 - 1, n = draw_wrap_rows(aside, width - 4);
	if (most < 1)
		return y;
	y += draw_wrapped(w, y, 2, width - 4, n < most ? n : most, aside, ROLE_MUTED);
	mvwaddch(w, y, 0, ACS_LTEE);
	mvwhline(w, y, 1, ACS_HLINE, width - 2);
	mvwaddch(w, y, width - 1, ACS_RTEE);
	draw_text(w, y, 2, " yours, below: ", width - 4, ROLE_HEADER, 0);
	return y + 1;
}

/* The text being edited in rows [top, top + rows) of w, scrolled to show
 * the cursor. */
static void draw_editor(WINDOW *w, int top, int rows, int width, const wbuf *b)
{
	int row = 0, col = 0, cursor_row = 0;
	/* First pass: where is the cursor, so the view can scroll to it. */
	for (size_t i = 0; i <= b->cur && i <= b->len; i++) {
		if (i < b->len && b->s[i] == L'\n' && i < b->cur) {
			row++;
			col = 0;
			continue;
		}
		editor_place(b, width, i, &row, &col);
		if (i == b->cur)
			cursor_row = row;
		col += editor_cells(b, i, col, width);
	}
	int skip = cursor_row + 1 > rows ? cursor_row + 1 - rows : 0;
	row = col = 0;
	for (size_t i = 0; i <= b->len; i++) {
		wchar_t c = i < b->len ? b->s[i] : L' ';
		int nl = c == L'\n';
		if (!nl || i == b->cur) /* the cursor at a line's end shows as a cell */
			editor_place(b, width, i, &row, &col);
		int y = top + row - skip;
		if (y >= top && y < top + rows && (!nl || i == b->cur)) {
			wchar_t shown = c < L' ' ? L' ' : rs_text_is_control((long)c) ? L'\uFFFD' : c;
			wattr_set(w, i == b->cur ? A_REVERSE : A_NORMAL, 0, NULL);
			mvwaddnwstr(w, y, 2 + col, &shown, 1);
		}
		if (nl) {
			row++;
			col = 0;
		} else {
			col += editor_cells(b, i, col, width);
		}
	}
	wattr_set(w, A_NORMAL, 0, NULL);
}

/* Up to REFUSAL_ROWS rows of why a form came back, under its fields, or of
 * why a chooser asks, under its title. */
static void draw_error(WINDOW *w, int y, int width, const char *error)
{
	draw_wrapped(w, y, 2, width, REFUSAL_ROWS, error, ROLE_WARNING);
}

/* "3 of 41" in the box's bottom border, right-aligned. */
static void draw_count(WINDOW *w, int height, int width, int64_t at, int64_t of)
{
	char count[48];
	snprintf(count, sizeof count, " %lld of %lld ", (long long)at, (long long)of);
	int cw = draw_width(count);
	draw_text(w, height - 1, width - cw - 2, count, cw, ROLE_MUTED, 0);
}

/* The labels' column: the widest label, and at most a third of the form
 * (the values need the room). */
static int form_label_width(const modal *m, int inner)
{
	int lw = 0;
	for (int i = 0; i < m->n_fields; i++) {
		int l = draw_width(m->labels[i]);
		lw = l > lw ? l : lw;
	}
	return lw < inner / 3 ? lw : inner / 3;
}

/* The form's fields in the rows the box has (the refusal's rows and the
 * one above them kept): on a short terminal they scroll with the field
 * being typed, which is always in view, and the bottom border counts
 * them.  The fields past the box were reached by Tab and typed into
 * unseen. */
static void draw_form(modal *m, WINDOW *w, int height, int width)
{
	int inner = width - 4, lw = form_label_width(m, inner);
	int rows = height - 2 - (m->error[0] ? REFUSAL_ROWS + 1 : 0);
	draw_scroll(m->field, rows, m->n_fields, &m->fields_view);
	int shown = 0;
	for (int i = m->fields_view.top; i < m->n_fields && shown < rows; i++, shown++) {
		int y = 1 + shown;
		draw_text(w, y, 2, m->labels[i], lw, i == m->field ? ROLE_HEADER : ROLE_NORMAL, 1);
		if (i == m->field)
			draw_field(w, y, 4 + lw, inner - lw - 2, &m->text, 1);
		else
			draw_text(w, y, 4 + lw, m->values[i], inner - lw - 2, ROLE_NORMAL, 1);
	}
	if (m->error[0])
		draw_error(w, 1 + shown + 1, inner, m->error);
	draw_text(w, height - 1, 2, " Tab next field  Enter save  Esc cancel ", inner, ROLE_MUTED,
		  0);
	if (shown < m->n_fields)
		draw_count(w, height, width, m->field + 1, m->n_fields);
}

static int modal_height(tui *t, modal *m)
{
	int max = t->rows - 4;
	int h = m->kind == M_EDITOR ? max : m->kind == M_PICK ? PICK_ROWS + 4
				  : m->kind == M_CHOOSE ? (m->n_choices < PICK_ROWS ? m->n_choices : PICK_ROWS) + 3 +
								  choose_head_rows(t, m)
				  : m->kind == M_FORM ? m->n_fields + 4 + (m->error[0] ? REFUSAL_ROWS + 1 : 0)
				  : m->kind == M_TEXT ? m->n_lines + 3
							 : 5;
	return h < max ? h : max;
}

/* A chooser: its rows under why it asks and its search field, when it has
 * them, the selection kept in view. */
static void draw_chooser(tui *t, modal *m, WINDOW *w, int height, int width)
{
	int inner = width - 4, y = 1 + choose_note_rows(t, m), rows = choose_rows(t, m);
	if (m->note[0])
		draw_error(w, 1, inner, m->note);
	if (m->search)
		draw_field(w, y++, 2, inner, &m->text, 1);
	draw_scroll(m->sel, rows, m->n_shown, &m->choices_view);
	for (int i = 0; i < rows && m->choices_view.top + i < m->n_shown; i++)
		draw_text(w, y + i, 2, m->choices[m->shown[m->choices_view.top + i]], inner,
			  m->choices_view.top + i == m->sel ? ROLE_SELECTED : ROLE_NORMAL, 1);
	if (!m->n_shown)
		draw_text(w, y, 2, "nothing matches", inner, ROLE_MUTED, 0);
	draw_count(w, height, width, m->n_shown ? m->sel + 1 : 0, m->n_shown);
}

static int modal_width(const tui *t)
{
	return t->cols - 4 < 76 ? t->cols - 4 : 76;
}

int modal_inner_width(const tui *t)
{
	return modal_width(t) - 4;
}

void modal_draw(tui *t)
{
	modal *m = t->modal;
	int width = modal_width(t);
	int height = modal_height(t, m);
	if (m->win)
		delwin(m->win);
	m->win = newwin(height, width, (t->rows - height) / 2, (t->cols - width) / 2);
	WINDOW *w = m->win;
	leaveok(w, TRUE); /* no cursor is shown: none is put back */
	werase(w);
	box(w, 0, 0);
	/* A chooser that takes letters as a search says so. */
	char title[sizeof m->title + 32];
	snprintf(title, sizeof title, "%s%s", m->title,
		 m->kind == M_CHOOSE && m->search ? " (type to narrow)" : "");
	draw_text(w, 0, 2, title, width - 4, ROLE_HEADER, 0);
	int inner = width - 4;
	switch (m->kind) {
	case M_LINE:
		draw_text(w, 1, 2, m->detail, inner, ROLE_MUTED, 0);
		draw_field(w, 2, 2, inner, &m->text, 1);
		draw_text(w, height - 1, 2, " Enter ok  Esc cancel ", inner, ROLE_MUTED, 0);
		break;
	case M_CONFIRM:
		if (m->ask)
			draw_text(w, 1, 2, m->detail, inner, ROLE_NORMAL, 0);
		draw_text(w, 2, 2, m->ask ? m->answers : "y yes   n or Esc no", inner, ROLE_NORMAL, 0);
		break;
	case M_EDITOR: {
		int y = 1 + choose_note_rows(t, m);
		if (m->note[0])
			draw_error(w, 1, inner, m->note);
		if (m->aside)
			y = draw_aside(w, y, height, width, m->aside);
		draw_editor(w, y, height - 1 - y, inner, &m->text);
		draw_text(w, height - 1, 2, " Ctrl-D or F2 save  Esc cancel ", inner, ROLE_MUTED, 0);
		break;
	}
	case M_PICK:
		pick_read(t, m);
		draw_field(w, 1, 2, inner, &m->text, 1);
		for (int i = 0; i < m->n_results && 2 + i < height - 1; i++)
			draw_text(w, 2 + i, 2, m->names[i], inner,
				  (int)m->first + i == m->sel ? ROLE_SELECTED : ROLE_NORMAL, 1);
		if (!m->n_results)
			draw_text(w, 2, 2, "no one matches", inner, ROLE_MUTED, 0);
		draw_count(w, height, width, m->total ? m->sel + 1 : 0, m->total);
		break;
	case M_CHOOSE:
		draw_chooser(t, m, w, height, width);
		break;
	case M_FORM:
		draw_form(m, w, height, width);
		break;
	case M_TEXT:
		for (int i = 0; m->top + i < m->n_lines && 1 + i < height - 1; i++)
			draw_text(w, 1 + i, 2, m->lines[m->top + i], inner, ROLE_NORMAL, 0);
		if (m->top + height - 2 < m->n_lines)
			draw_text(w, height - 1, 2, " more below: Down, PgDn; any other key closes ",
				  inner, ROLE_MUTED, 0);
		break;
	}
	wnoutrefresh(w);
}
