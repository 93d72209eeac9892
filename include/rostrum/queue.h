/* The speaker queue of one agenda item. */
#ifndef ROSTRUM_QUEUE_H
#define ROSTRUM_QUEUE_H

#include "rostrum/db.h"
#include "rostrum/refdata.h"
#include "rostrum/stakeholder.h"

typedef struct {
	int64_t id, item_id, stakeholder_id;
	char *kind;
	rs_queue_state state;
	int64_t requested_at, state_changed_at;
	int64_t started_at, paused_at, ended_at; /* -1 if not (yet) */
	int64_t paused_seconds;                  /* pauses that have ended */
	int from_form;                           /* a request from the registration form */
	int programme_order; /* >0: a programme speaker, in the programme's order */
	char *slot;          /* what a programme speaker represents ("" if none) */
	int64_t reply_to;    /* a reply: the entry whose speech it answers (0: none) */
	int allotted;        /* seconds: given at the call; waiting, what a call now gives */
	char *participation; /* in_room or online: the speaker's, or the moderator's */
	char *language;      /* of the intervention: ar zh en fr ru es ("" none) */
	/* From the roster, for display and the policy. */
	char *name, *organization, *sector, *region, *gender, *country;
	char *accreditation; /* the speaker's */
	char *role;          /* the speaker's role (rs_role_of): stakeholder, ... */
	/* The one block every string above points into, owned by the entry
	 * (rs_queue_entry_clear frees it): none is freed or replaced alone. */
	char *strings;
	size_t strings_size;
	int spoken_before; /* this person's speeches earlier in the meeting */
	int manual_rank;   /* >0: placed there by the moderator (K/J) */
	/* Floor requests made after this one that took the floor already (the
	 * places it lost); -1 when the list itself is whole and says it. */
	int heard_later;
	/* Filled by the policy for waiting entries: 1-based place and why;
	 * held: the meeting's rule holds it back (not accredited), position 0,
	 * after every entry that can be called. */
	int position;
	int held;
	/* Set by the policy too: where the rule, not the moderator nor the
	 * policy's order, puts a waiting entry (RS_RULE_FIRST: a point of
	 * order, a reply to a speech given; RS_RULE_AFTER: a reply, right
	 * after the speech it answers); 0 for the rest, which a move places. */
	int by_rule;
	char reason[256];
} rs_queue_entry;

enum { RS_RULE_FIRST = 1, RS_RULE_AFTER = 2 };

/* Actual speaking time at `now`, pauses excluded.  0 before the start. */
int64_t rs_queue_entry_seconds(const rs_queue_entry *e, int64_t now);
/* The time allotted to the entry, the same on every terminal: for a speech
 * called, the item's or the meeting's speaking time for its kind when it
 * was called (a time changed since is for those called after); for one
 * waiting, what a call would give it now. */
int rs_queue_entry_allotted(const rs_queue_entry *e);

/* Whoever holds the floor in a list of an item's entries (speaking or
 * paused), or NULL.  The one rule every screen asks.  A point of order
 * given the floor during a speech interrupts it: the speech stays paused
 * (rs_queue_interrupted) and the point of order holds the floor. */
const rs_queue_entry *rs_queue_holder(const rs_queue_entry *v, size_t n);
/* The speech a point of order interrupts, or NULL: it resumes when the
 * point of order ends (rs_queue_next), with the time it had left. */
const rs_queue_entry *rs_queue_interrupted(const rs_queue_entry *v, size_t n);
/* 1 when giving e the floor, h holding it (cut: the speech a point of
 * order interrupts, or NULL), interrupts h's speech rather than ending it:
 * e is a point of order, and h's speech is not one nor interrupted. */
int rs_queue_gives_back(const rs_queue_entry *h, const rs_queue_entry *e,
			const rs_queue_entry *cut);
/* The interrupted speech when the next call resumes it (no other point of
 * order waits first), or NULL; v in the list's order (rs_queue_list). */
const rs_queue_entry *rs_queue_resumes(const rs_queue_entry *v, size_t n);

/* The speaker's countdown at `now`: seconds left (negative over time) and
 * the state a screen shows, the warning starting warning_seconds before
 * the end (the meeting's setting). */
typedef enum { RS_COUNT_RUNNING, RS_COUNT_WARNING, RS_COUNT_OVERTIME } rs_count_state;
typedef struct {
	int64_t left;
	rs_count_state state;
	int paused;
} rs_countdown;
rs_countdown rs_queue_countdown(const rs_queue_entry *e, int warning_seconds, int64_t now);

/* Kinds that the programme orders (opening, panel, summary, closing). */
int rs_kind_is_programme(const char *kind);

/* Each of these is one journalled action.  Illegal transitions fail with
 * RS_ERR_INVALID and a message naming the entry and both states. */

/* Puts WHO on ITEM's list (kind "floor" when NULL); someone already waiting
 * or speaking on the item with the same kind is refused. */
rs_status rs_queue_add(rs_db *db, int64_t item_id, int64_t stakeholder_id,
		       const char *kind, int64_t *entry_id);

/* What rs_queue_add_entry takes.  A programme kind (opening, panel,
 * summary, closing) takes the next place among the item's programme
 * speakers; slot (may be NULL) says what they represent, a sector code or
 * free text.  A reply answers reply_to, or when 0 the speech being given
 * (else the last one given) on the item. */
typedef struct {
	int64_t item_id, stakeholder_id;
	const char *kind, *slot;
	int64_t reply_to;
	/* NULL: the speaker's way of taking part, and first language. */
	const char *participation, *language;
} rs_queue_new;
rs_status rs_queue_add_entry(rs_db *db, const rs_queue_new *in, int64_t *entry_id);
/* RS_OK when item_id takes requests to speak; else the refusal an add
 * would meet (a break: nobody takes the floor in it), read only, so that a
 * screen says so before asking who and as what. */
rs_status rs_queue_takes_requests(rs_db *db, int64_t item_id);

/* A registration-form request to speak that names no item (or an item the
 * programme does not have) goes to ITEM, keeping its time of request, as
 * one journalled action "queue.place". */
rs_status rs_queue_place_request(rs_db *db, int64_t item_id, int64_t stakeholder_id,
				 int64_t *entry_id);
/* The form's requests to speak that are on no item's list yet, oldest
 * first; cb gets each stakeholder (valid during the call) and returns
 * non-zero to stop. */
rs_status rs_queue_each_unplaced(rs_db *db, rs_stakeholder_cb cb, void *ctx);
/* The same people as the export's stakeholder objects. */
rs_status rs_queue_each_unplaced_json(rs_db *db, rs_json_cb cb, void *ctx);
/* The floor actions.  expect is the entry the operator saw holding the
 * floor (0: nobody), so that two terminals pressing "next" at once never
 * skip a speaker: when the floor changed meanwhile the action is refused
 * (RS_ERR_INVALID, saying who holds it now) and nothing changes.
 * RS_EXPECT_ANY checks nothing.  START, NEXT and GIVE make the item the
 * meeting's current one when it is not (refused while someone speaks on
 * another).  target is the item, or for GIVE the waiting entry to call.
 * *entry_id (may be NULL) gets who holds the floor after the action (0:
 * nobody). */
#define RS_EXPECT_ANY (-1)
typedef enum { RS_FLOOR_START, RS_FLOOR_NEXT, RS_FLOOR_END, RS_FLOOR_PAUSE, RS_FLOOR_RESUME,
	       RS_FLOOR_GIVE } rs_floor_op;
rs_status rs_queue_floor(rs_db *db, rs_floor_op op, int64_t target, int64_t expect,
			 int64_t *entry_id);
/* START or NEXT on item_id with the floor's speaking time there set to
 * floor_seconds first (pacing's offer accepted), as one journalled action:
 * refused as rs_queue_floor refuses (the floor changed meanwhile), and
 * then the time is not set either. */
rs_status rs_queue_floor_paced(rs_db *db, rs_floor_op op, int64_t item_id, int64_t expect,
			       int floor_seconds, int64_t *entry_id);

/* The same with no expectation (scripts that own the floor). */
/* Gives the floor to the speaker the policy proposes; refused while someone
 * holds it.  *entry_id (may be NULL) gets who now speaks. */
rs_status rs_queue_start(rs_db *db, int64_t item_id, int64_t *entry_id);
/* Ends the current speech (if any) and gives the floor to the proposed next
 * speaker (if any).  *entry_id gets the new speaker, 0 if the list is empty. */
rs_status rs_queue_next(rs_db *db, int64_t item_id, int64_t *entry_id);
/* Ends the current speech; refused when nobody has the floor. */
rs_status rs_queue_end(rs_db *db, int64_t item_id, int64_t *entry_id);
rs_status rs_queue_pause(rs_db *db, int64_t item_id, int64_t *entry_id);
rs_status rs_queue_resume(rs_db *db, int64_t item_id, int64_t *entry_id);
rs_status rs_queue_withdraw(rs_db *db, int64_t entry_id);
rs_status rs_queue_absent(rs_db *db, int64_t entry_id);
/* An absent speaker back in the room: waiting again, keeping the place their
 * original request gave them. */
rs_status rs_queue_requeue(rs_db *db, int64_t entry_id);

/* Changes how an entry takes part (in_room or online) and the language of
 * the intervention, in any state (a note-taker may correct the record);
 * NULL leaves one as it is.  A language given is recorded as said, the
 * speaker's first one that the entry took too: the report states no other.
 * One journalled action "queue.set"; refused when nothing would change. */
rs_status rs_queue_set(rs_db *db, int64_t entry_id, const char *participation,
		       const char *language);

/* The waiting entries as the screens show them: the k-th (from 0) that can
 * be called, skipping those held back, in v as rs_queue_list orders it;
 * NULL when there are fewer. */
const rs_queue_entry *rs_queue_upcoming(const rs_queue_entry *v, size_t n, size_t k);

/* Moves a waiting entry one place up (delta -1) or down (+1) in the list,
 * as one journalled action "queue.move".  The first move on an item freezes
 * the order the policy proposed as the moderator's; entries added later are
 * ordered by the policy after those placed by hand.  Points of order stay
 * first.  Refused for an entry not waiting, or already first or last. */
rs_status rs_queue_move(rs_db *db, int64_t entry_id, int delta);
/* Moves a waiting entry to place `position` (1-based, as rs_queue_list
 * numbers the waiting list); the same rules as rs_queue_move. */
rs_status rs_queue_move_to(rs_db *db, int64_t entry_id, int position);

/* The item's entries: whoever holds the floor, then the waiting list in the
 * order the meeting's policy proposes (position and reason filled), then the
 * rest in the order they were dealt with.  *out is the caller's:
 * rs_queue_list_free. */
rs_status rs_queue_list(rs_db *db, int64_t item_id, rs_queue_entry **out, size_t *n);
void rs_queue_list_free(rs_queue_entry *e, size_t n);
/* Frees one entry's strings (not the entry). */
void rs_queue_entry_clear(rs_queue_entry *e);
/* What a screen shows of a long list, without reading it all: whoever
 * holds the floor, the first `depth` waiting entries in the order the
 * policy proposes (position and reason as rs_queue_list gives them), then
 * the last `last_dealt` entries dealt with, in the order they were; each
 * as rs_queue_list gives it.  counts (NULL: not wanted, not counted) says
 * how many wait and how many were dealt with in all, and how many waiting
 * entries *out holds (`read`).
 * When the meeting requires an accreditation every waiting entry is read. */
typedef struct {
	size_t waiting, dealt, read;
} rs_queue_counts;
rs_status rs_queue_prefix(rs_db *db, int64_t item_id, size_t depth, size_t last_dealt,
			  rs_queue_entry **out, size_t *n, rs_queue_counts *counts);
/* What a status line needs of rs_queue_list: rs_queue_prefix of depth 1,
 * read as `queue next` reads it (the head, not the list): whoever holds the
 * floor, then the first that can be called; 0 to 2 entries, freed with
 * rs_queue_list_free. */
rs_status rs_queue_head(rs_db *db, int64_t item_id, rs_queue_entry **out, size_t *n);

/* Entry entry_id alone, as a list shows it but for its place and reason
 * (one read by its id); *n 0 when there is none.  Freed with
 * rs_queue_list_free. */
rs_status rs_queue_entry_get(rs_db *db, int64_t entry_id, rs_queue_entry **out, size_t *n);

/* rs_queue_list's entries as JSON objects (SPEC.md's intervention plus
 * position, proposed and reason), in the same order. */
typedef int (*rs_queue_json_cb)(const char *json, void *ctx);
rs_status rs_queue_each_json(rs_db *db, int64_t item_id, rs_queue_json_cb cb, void *ctx);

#endif
