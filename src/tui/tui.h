/* The terminal front end: panes behind a small ops table, one action table
 * for keys, help and docs, one input loop.  No rule of the domain lives here:
 * every change is one call of the core. */
#ifndef ROSTRUM_TUI_H
#define ROSTRUM_TUI_H

#include <curses.h>
#include <stdint.h>
#include <wchar.h>

#include "rostrum/balance.h"
#include "rostrum/config.h"
#include "rostrum/db.h"
#include "rostrum/journal.h"
#include "rostrum/meeting.h"
#include "rostrum/queue.h"
#include "rostrum/watch.h"
#include "tui_run.h"

typedef enum {
#define ACTION(e, name, keys, help) e,
#include "rostrum/actions.def"
#undef ACTION
	ACT__COUNT,
	ACT_NONE = -1
} tui_action;

/* What a handler changed, so the loop repaints only that. */
enum {
	DIRTY_NONE = 0,
	DIRTY_PANE = 1 << 0,   /* the focused pane's rows */
	DIRTY_STATUS = 1 << 1, /* the status line */
	DIRTY_LAYOUT = 1 << 2, /* everything: sizes, tab bar, all panes */
	DIRTY_DATA = 1 << 3,   /* every pane re-reads (those hidden once shown) */
	/* The file changed (an action here, a commit elsewhere): the panes re-read
	 * what the journal says it touched (watch.h), the hidden ones once shown. */
	DIRTY_CHANGED = 1 << 4,
};

/* Semantic colour roles; with colour off they map to bold and reverse. */
typedef enum {
	ROLE_NORMAL,
	ROLE_HEADER,
	ROLE_SELECTED,
	ROLE_MUTED,
	ROLE_SPEAKING,
	ROLE_WARNING,
	ROLE_OVERTIME,
	ROLE_PAUSED,
	ROLE_TAB,
	ROLE_TAB_ACTIVE,
	ROLE_TAB_BESIDE,   /* the pane shown beside the focused one */
	ROLE_SELECTED_IDLE, /* the selection in that pane: keys do not act on it */
	ROLE_BAR,    /* a share drawn as a bar */
	ROLE_TARGET, /* the target marked on it */
	ROLE_MESSAGE, /* an outcome too long for the status line, above it */
	ROLE__COUNT
} tui_role;

typedef struct tui tui;
typedef struct pane pane;

/* A key hint on the status line: the key bound to `action` (and to `also`,
 * as "K/J") and what it does here; ACT_NONE shows the label alone.  The
 * keys come from the bindings, so a rebound key is hinted as bound. */
typedef struct {
	int action, also;
	const char *label;
} tui_hint;

/* A pane is a file with one of these at its end.  draw paints the whole
 * pane; tick (optional) repaints only what the clock changes; action returns
 * DIRTY_* bits, or -1 when it does not handle the action (the generic
 * handler then does). */
typedef struct {
	const char *name;
	/* What the pane shows, as RS_CHANGED_* bits: reload is called after a
	 * change to any of it, and only then (0: after every change).  With
	 * floor_list, a change to the queue or the roster concerns it only when
	 * it touched the floor item's list. */
	unsigned shows;
	int floor_list;
	int (*open)(pane *p, tui *t);
	void (*reload)(pane *p, tui *t);
	void (*draw)(pane *p, tui *t, WINDOW *w);
	void (*tick)(pane *p, tui *t, WINDOW *w);
	int (*action)(pane *p, tui *t, tui_action a);
	/* Keys typed while the pane filters as you type (may be NULL). */
	int (*text)(pane *p, tui *t, wint_t ch);
	/* A printable key that did nothing here (bound to nothing, refused,
	 * or a key of another pane) starts the pane's typing with itself:
	 * words typed outside the Notes pane's editor are kept, not taken
	 * as commands. */
	int catches_typing;
	/* Search (may be NULL): selects the next row after the selection,
	 * wrapping, whose text holds q (folded, rs_text_fold); 0 if none. */
	int (*find)(pane *p, tui *t, const char *q);
	/* After this terminal's undo took back ev (may be NULL): the pane
	 * selects what the undo gave back, as it selects what it just changed. */
	void (*undone)(pane *p, tui *t, const rs_event *ev);
	/* The keys that matter now, most important first: *n hints. */
	const tui_hint *(*hints)(pane *p, tui *t, size_t *n);
	void (*close)(pane *p);
} pane_ops;

struct pane {
	const pane_ops *ops;
	void *priv;
	WINDOW *win;
	int rows, cols;
	int typing; /* typing mode (a filter, words caught): printable keys go to ops->text */
	int stale;  /* changed while hidden: reloaded once shown */
};

enum {
	PANE_AGENDA,
	PANE_ROSTER,
	PANE_QUEUE,
	PANE_NOMINATIONS,
	PANE_NOTES,
	PANE_EQUITY,
	PANE__COUNT
};

/* A modal prompt or form; while one is open it gets every key. */
typedef struct modal modal;

struct tui {
	rs_db *db;
	const rs_config *cfg;
	int colour;
	int utf8;
	int blocks; /* block elements for bars (term_blocks), else ASCII */
	pane panes[PANE__COUNT];
	int focus;  /* the pane that gets actions */
	int second; /* the pane beside it on a wide terminal, -1 if none */
	int rows, cols;
	int too_small;
	WINDOW *tabbar, *status;
	WINDOW *band; /* a message too long for the status line, just above it */
	int band_rows;
	rs_watch watch; /* where this screen last looked at the journal */
	int64_t current_item; /* the meeting's current agenda item, 0 if none */
	char current_title[256];
	int current_is_break;
	/* The item the queue pane and the moderator's keys act on: the current
	 * one, or with none open the next item of the programme still to run,
	 * which "next" opens (0: no such item). */
	int64_t floor_item;
	int floor_item_open;
	int floor_is_break; /* the live item is a break: nobody takes the floor */
	char floor_title[256];
	rs_floor_state floor; /* the floor's state in the core's words, read on reload */
	/* The item this terminal's notes look at: chosen in the Agenda with
	 * Enter, for this terminal only (0: follow the floor item). */
	int64_t view_item;
	char view_title[256];
	char date[16], timezone[64]; /* the meeting's, for local times */
	int warning_seconds;         /* the meeting's, for every countdown */
	/* Who has the floor on the current item, for the status line's countdown
	 * (read on reload, never on the clock tick): the entry's times, its
	 * strings not kept. */
	struct {
		int active;
		rs_queue_entry entry;
		char name[128];
		/* who the policy calls next, when they take part online: the
		 * remote channel must be opened in time ("" otherwise) */
		char next_online[128];
	} speaker;
	/* Inside a reload with the queue pane on screen: its read of the
	 * current item's list, made next, gives the speaker too (one read of
	 * the list's head, not two); set once it did. */
	int speaker_from_queue, speaker_set;
	/* Pacing's offer when calling the next speaker (moderator.c): the
	 * item it was made on, the floor time offered, the last one declined
	 * here (not offered again unless the pace asks for less), who held
	 * the floor when it was asked (the call expects them still). */
	struct {
		int64_t item, holder;
		int offered, declined;
	} pace;
	int64_t undo_expect; /* the change `u` asked about undoing (its event) */
	int key_elsewhere; /* the key pressed is another pane's: it did nothing here */
	/* The key was refused as a command, and meant as one (the selection
	 * moved unseen: pressed again, it acts): it starts no typing. */
	int key_meant;
	char message[512]; /* the last action's outcome, shown on the status line */
	char search[200];  /* the last search, offered again */
	int message_error;
	int64_t message_at; /* when it was said (tui_seconds): it fades */
	modal *modal;
	modal *parked; /* a draft behind a question asked over it (modal_ask_over_draft) */
	/* The modals are being closed (quitting): a callback cancelled then
	 * must not ask again, or closing never ends. */
	int closing;
	/* Text written and not saved yet, held between prompts (an outcome
	 * past its editor): quitting asks first, as over an open editor. */
	int drafts;
	int quit;
};

extern const pane_ops pane_agenda_ops, pane_roster_ops, pane_queue_ops,
	pane_nominations_ops, pane_notes_ops, pane_equity_ops;

/* tui.c (tui_run and display_run are in tui_run.h) */
/* The outcome of a core call on the status line: rs_error() when st fails. */
int tui_report(tui *t, int st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The same in the journal's words for what the action did, so that the
 * screen and the journal say one thing ("withdrawn: Ana Ruiz from
 * 'Thematic discussion I'"). */
int tui_report_said(tui *t, int st);
/* A pane's rows that the band of a long message leaves in view (every pane
 * reaches down to the status line): what a pane must show, the entry just
 * added, is kept above the band. */
int tui_rows_in_view(const tui *t, const pane *p);
/* A word on the status line that is no action's outcome (nothing changed);
 * it fades as every message does. */
void tui_say(tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A printable key that was no command, kept as typing where the focused
 * pane keeps it (the Notes pane: catches_typing); DIRTY_*. */
int tui_keep_typed(tui *t, wint_t ch);
void tui_refresh_meeting(tui *t);
/* The status line's speaker from a read of the current item's list (its
 * holder first, then its places, as rs_queue_prefix gives them); NULL:
 * none. */
void tui_speaker_set(tui *t, const rs_queue_entry *v, size_t n);
/* The item the notes show: the one viewed here, else the floor item. */
int64_t tui_view_item(const tui *t);
const char *tui_view_title(const tui *t);
/* moderator.c: the floor keys from any pane.  The entry this terminal
 * shows holding the floor (0: nobody); a floor action on target (an item,
 * or for RS_FLOOR_GIVE an entry) naming it, its outcome on the status line;
 * the moderator's actions (DIRTY_*, or -1 for an action not theirs). */
int64_t tui_seen_holder(const tui *t);
int tui_floor(tui *t, rs_floor_op op, int64_t target);
/* The same, after a question: seen is who held the floor when it was asked
 * (tui_seen_holder then), so that a call made meanwhile on another
 * terminal is not ended by the answer. */
int tui_floor_seen(tui *t, rs_floor_op op, int64_t target, int64_t seen);
int moderator_action(tui *t, tui_action a);

/* 1 if text, folded as people type, holds the folded query q. */
int tui_matches(const char *text, const char *q);
/* The index after `from` (of n, wrapping) whose row matches q, by
 * row_text(ctx, i); -1 if none. */
int tui_find_next(int from, int n, const char *q, const char *(*row_text)(void *, int, char *,
									  size_t),
		  void *ctx);

/* Seconds on a clock that only goes forward (not the meeting's clock, which
 * a test may hold still): what fades on the screen is timed by it. */
int64_t tui_seconds(void);

/* The code a modal_choose over table[0..n) returned (its index as text);
 * "" when out of range. */
const char *tui_ref_choice(const char *text, const rs_ref *table, size_t n);

/* The colour of a countdown state (paused, warning, over time). */
tui_role tui_countdown_role(rs_countdown c);

/* How pane p shows its selected row: selected where keys act (the focused
 * pane), marked apart in the pane beside it. */
tui_role tui_selection_role(const tui *t, const pane *p);

/* term.c: start-up (RS_ERR_RUNTIME without a terminal, message set), the
 * stop signals (SIGHUP, SIGTERM, SIGINT set a flag the loops read), and the
 * milliseconds to the next half second (clock and database poll). */
int term_start(const rs_config *cfg, int no_color, const char *what, int *colour, int *utf8);
int term_stop_requested(void);
/* Ctrl-Z in raw mode: give the shell its terminal back until fg. */
void term_suspend(void);
enum { KEY_CTRL_C = 3, KEY_CTRL_Z = 26 };
int term_tick_ms(void);
/* wget_wch, but an escape sequence the terminal's description does not
 * name (a key of another terminal type: tmux's End under xterm's TERM)
 * is swallowed whole and read as no key (ERR), so its "4" or "~" never
 * acts; a lone ESC stays the Esc key.  Leaves w's timeout at 0 after an
 * ESC: callers set it before each read. */
int term_get_key(WINDOW *w, wint_t *ch);
/* 1 (and curses told) when the terminal's size is not the one curses
 * knows: a SIGWINCH that came before curses listened (a window resized
 * as the program starts) is otherwise never seen.  One ioctl. */
int term_resized(void);
/* 1 when bars may be drawn in Unicode block elements: a UTF-8 locale on a
 * terminal that knows colours.  One that knows none (vt100, vt220,
 * xterm-mono) is taken for a character-cell terminal of the kind that has
 * no block elements, and gets ASCII. */
int term_blocks(int utf8);

/* keys.c: the action table. */
const char *action_name(tui_action a);
const char *action_help(tui_action a);
/* Builds the key map from actions.def's defaults and the config's `bind`. */
void keys_init(const rs_config *cfg);
tui_action keys_action(wint_t ch, int is_key);
/* "n", "Space", "PgDn": the first key bound to a (for hints and help). */
const char *keys_label(tui_action a, char *buf, size_t size);
/* Every key bound to a, "Up k" ("-" when none), for the help. */
const char *keys_all_label(tui_action a, char *buf, size_t size);

/* draw.c: text that can never reach the terminal raw. */
void draw_init_colours(int colour);
/* A role's attributes and colour pair, set together on w. */
void draw_set_role(WINDOW *w, tui_role r);
attr_t draw_attr(tui_role r);
short draw_pair(tui_role r);
/* Writes UTF-8 s at (y, x), control characters made inert, clipped to
 * width display columns (wide characters never split); pads with spaces
 * to width when pad.  Returns the columns used. */
int draw_text(WINDOW *w, int y, int x, const char *s, int width, tui_role role, int pad);
/* Display width of s (as draw_text would draw it). */
int draw_width(const char *s);
/* The cells one character takes as drawn: a control (drawn as U+FFFD,
 * never raw) one, whatever wcwidth says of it (0 for a mark of direction);
 * a character wcwidth cannot measure, one. */
int draw_char_width(wchar_t wc);
/* Splits UTF-8 s into lines of at most width display columns, at every
 * newline and, where a line is too long, after its last space (inside a word
 * only when it has none).  Calls line(ctx, start, len) for each line, start
 * pointing into s and len in bytes; returns the number of lines (at least 1). */
typedef void (*draw_line_cb)(void *ctx, const char *start, size_t len);
int draw_wrap(const char *s, int width, draw_line_cb line, void *ctx);
/* src into dst of size bytes, cut so (rs_text_mark_cut) when it is longer. */
void draw_copy(char *dst, size_t size, const char *src);
/* src into dst cut to width display columns, its last an ellipsis when it
 * was longer (whole characters). */
void draw_fit(char *dst, size_t size, const char *src, int width);
/* How many lines draw_wrap makes of s. */
int draw_wrap_rows(const char *s, int width);
/* s wrapped as draw_wrap does into at most rows lines from (y, x), each
 * padded to width in role, the last cut with an ellipsis when more
 * follows; returns the lines drawn. */
int draw_wrapped(WINDOW *w, int y, int x, int width, int rows, const char *s, tui_role role);
/* Big digits for a countdown, 5 * scale rows high; returns the columns
 * used, which draw_big_width tells beforehand. */
int draw_big(WINDOW *w, int y, int x, const char *text, tui_role role, int utf8, int scale);
int draw_big_width(const char *text, int scale);
/* A share as a horizontal bar of width cells: share and target are
 * fractions of the whole bar (0..1; target < 0: none).  With blocks the bar
 * is drawn in eighths of a cell, else in '#' for each whole cell (rounded);
 * the target's cell is marked '│' (ASCII '|') in ROLE_TARGET over the bar
 * in ROLE_BAR, so it reads without colour too. */
void draw_bar(WINDOW *w, int y, int x, int width, double share, double target, int blocks);
/* equity_rows.c: the equity view's rows, in the Equity pane and on the
 * projector.  The columns across width cells from x: the group's label,
 * its target, then a bar and its share for the interventions and for the
 * speaking time (both), or for the meeting's basis alone; the flag last. */
typedef struct {
	int x, width, label, target, bar, share, flag, both;
} equity_cols;
/* Seconds between reads of the figures while someone speaks (the speech
 * adds to its group's speaking time); any change of the data reads at once. */
enum { EQUITY_REREAD = 15 };
equity_cols equity_columns(int x, int width, int both);
/* 1 for a group with a target that nobody of it has filled yet. */
int equity_unheard(const rs_balance_group *g);
/* The share a dimension's full bar stands for: the next tenth above its
 * largest share or target (10% at the least), so bars fill the width and
 * read at a round scale. */
double equity_full_bar(const rs_balance *b, rs_balance_dim d);
/* "Sector  11 of 17 not heard; a full bar is 20%" */
void equity_heading(WINDOW *w, int y, equity_cols c, const rs_balance *b, rs_balance_dim d,
		    double full);
void equity_column_heads(WINDOW *w, int y, equity_cols c, const rs_balance *b);
/* One group's row, its bars scaled to full. */
void equity_row(WINDOW *w, int y, equity_cols c, const rs_balance *b, const rs_balance_group *g,
		double full, int blocks);
/* A list's window: its first row in view, and the rows it had when last
 * drawn (0: never drawn). */
typedef struct {
	int top, rows;
} list_window;
/* A list's visible window: keeps sel within [top, top + rows), and the
 * window full while the list's n rows can fill it (a window grown, or a
 * list shortened, shows the rows above, not blank lines below).  A window
 * whose rows changed (the terminal resized) is fitted again: its top shows
 * as far as the selection allows, where it stayed scrolled as the smaller
 * window had it. */
void draw_scroll(int sel, int rows, int n, list_window *v);
/* Moves a list's selection *sel (n rows, page rows a page) for the
 * movement actions (up, down, page up and down, first, last): DIRTY_PANE,
 * or -1 when a is not one of them. */
int draw_move(int *sel, int n, int page, tui_action a);

/* follow.c: a list's selection that stays on its record, found again by
 * id after the list is read again, wherever others' changes moved it.
 * When the record left the list, the selection goes to its neighbour,
 * which the user has not seen selected: the status line says so (for
 * another terminal's change) and the next key that acts on a record is
 * refused once, naming what is selected now. */
typedef struct {
	int people;         /* the records are people: "them", "nobody" (else "it") */
	int64_t id;         /* the record the selection was drawn on (0: none) */
	char name[200];     /* it, as a message names it */
	int64_t acted;      /* a record this terminal just acted on: selected next */
	char acted_name[200];
	int unseen;         /* the selection went to a record not seen selected */
	char gone[200];     /* the record that left */
	int tell;           /* another terminal's change took it: said once drawn */
} tui_follow;
/* The row of record id in the pane's list, or -1 when the list holds it
 * no more. */
typedef int (*follow_row_of)(void *ctx, int64_t id);
/* After the list was read again: *sel on the record wanted (the one
 * acted on here, else the one drawn selected), or left at its place. */
void follow_found(tui_follow *f, int *sel, follow_row_of row_of, void *ctx);
/* After the selection was drawn: the record it is on (id 0: none), and
 * the status line's word when another terminal's change moved it. */
void follow_drawn(tui_follow *f, tui *t, int64_t id, const char *name);
/* 1 when key a may act on the selected record (named name); 0, refused
 * once and said, when the selection went to it unseen. */
int follow_may_act(tui_follow *f, tui *t, tui_action a, const char *name);
/* Record id, acted on here, is the one selected once the list is read
 * again (or, gone from it, the one the next key is refused over). */
void follow_acted(tui_follow *f, int64_t id, const char *name);
/* The list is another one (a filter, a view, an item): nothing to follow. */
void follow_forget(tui_follow *f);
/* The user moved the selection: what they see selected is chosen. */
void follow_chosen(tui_follow *f);

/* seats.c: S proposes who fills the seats, shown in a chooser whose first
 * row confirms: the rapporteurs of a role (Nominations), an item's panel
 * (Agenda). */
int seats_propose_rapporteurs(tui *t, const char *role);
int seats_propose_panel(tui *t, int64_t item_id, const char *code);

/* status.c */
void status_draw(tui *t);
/* The lines a band above the status line needs to show the message whole
 * (0: it fits on the status line, or there is none), and its drawing. */
int status_band_rows(const tui *t);
void status_band_draw(tui *t);
void status_tick(tui *t);
void tabbar_draw(tui *t);
void help_open(tui *t);

/* modal.c: prompts.  Each calls done(t, ctx, text) with the text typed
 * (NULL when cancelled with Esc); the callback returns DIRTY_* bits. */
typedef int (*modal_done)(tui *t, void *ctx, const char *text);
void modal_line(tui *t, const char *label, const char *initial, modal_done done, void *ctx);
/* The same with a line under the label: what the prompt takes, when the
 * label (one line, cut at the box) names what it is about. */
void modal_line_detail(tui *t, const char *label, const char *detail, const char *initial,
		       modal_done done, void *ctx);
void modal_confirm(tui *t, const char *question, modal_done done, void *ctx);
/* A question asked over the draft open (the editor, a form): the draft
 * waits, parked, and done brings it back with modal_draft_back (then
 * finishes it, or not). */
int modal_ask_over_draft(tui *t, const char *question, modal_done done);
void modal_draft_back(tui *t);
/* A question with two answers and a way out: done gets "y", "n", or NULL
 * for Esc (and when the modal is closed any other way).  detail is a line
 * under the question, answers what each key does. */
void modal_ask(tui *t, const char *question, const char *detail, const char *answers,
	       modal_done done, void *ctx);
/* A question (modal_confirm, modal_ask) takes y for yes; any other
 * printable key is Esc's answer, said on the status line, and is kept as
 * typing where the pane keeps it (tui_keep_typed), after ch: the key whose
 * command just asked it, given here (handle_key). */
void modal_asked_by(tui *t, wint_t ch);
/* A multi-line editor (Ctrl-D or F2 saves, Esc cancels). */
void modal_editor(tui *t, const char *title, const char *initial, modal_done done, void *ctx);
/* Picks a stakeholder by typing (roster search, letters folded: "lukasz"
 * finds Łukasz); the list scrolls and counts; text is the id as digits.
 * prefer: the person selected until something is typed (0: the first). */
void modal_pick_stakeholder(tui *t, const char *label, int64_t prefer, modal_done done,
			    void *ctx);
/* Picks one of n rows (copied); text is the row's value as digits.
 * initial: the row selected first.  Rows that are read, not typed (views,
 * policies, decisions): they move as every list does, with the keys bound
 * to moving (j and k, the arrows, g and G), which the help promises. */
void modal_choose(tui *t, const char *title, const char *const *rows, const int64_t *values,
		  int n, int initial, modal_done done, void *ctx);
/* The same for rows known by a word or a name (people, kinds, languages,
 * sectors): typing narrows them, as the title then says ("(type to
 * narrow)"), so j and k are letters there; the arrows move. */
void modal_choose_typed(tui *t, const char *title, const char *const *rows,
			const int64_t *values, int n, int initial, modal_done done, void *ctx);
/* Why the chooser or the editor just opened asks (a refusal, with what
 * was typed; where the text goes), under its title and wrapped in its box,
 * never behind it: a title is one line, cut at the box. */
void modal_note(tui *t, const char *note);
/* A text the editor just opened shows above what is edited, not edited
 * itself: the other terminal's, when both changed one text. */
void modal_aside(tui *t, const char *text);
/* A form of labelled fields; values[] in and out (the caller's, strdup'd). */
typedef int (*modal_form_done)(tui *t, void *ctx, char **values, int ok);
void modal_form(tui *t, const char *title, const char *const *labels, char **values, int n,
		modal_form_done done, void *ctx);
/* The same form back with what was typed, the cursor on field and error
 * (why, and the values it takes) under the fields. */
void modal_form_again(tui *t, const char *title, const char *const *labels, char **values,
		      int n, int field, const char *error, modal_form_done done, void *ctx);
/* Static text (help): any key closes it. */
void modal_text(tui *t, const char *title, const char *const *lines, int n);
/* The columns a modal's text has on this terminal. */
int modal_inner_width(const tui *t);
int modal_key(tui *t, wint_t ch, int is_key); /* DIRTY_* */
/* 1 when the open modal holds something typed that quitting would lose. */
int modal_is_draft(const tui *t);
void modal_draw(tui *t);
void modal_close(tui *t);

#endif
