/* The speaker queue of one agenda item. */
#ifndef ROSTRUM_QUEUE_H
#define ROSTRUM_QUEUE_H

#include "rostrum/db.h"
#include "rostrum/refdata.h"

typedef struct {
	int64_t id, item_id, stakeholder_id;
	char *kind;
	rs_queue_state state;
	int64_t requested_at, state_changed_at;
	int64_t started_at, paused_at, ended_at; /* -1 if not (yet) */
	int64_t paused_seconds;                  /* pauses that have ended */
	int from_form;                           /* a request from the registration form */
	/* From the roster, for display and the policy. */
	char *name, *organization, *sector, *region, *gender;
	int spoken_before; /* this person's speeches earlier in the meeting */
	int manual_rank;   /* >0: placed there by the moderator (K/J) */
	/* Filled by the policy for waiting entries: 1-based place and why. */
	int position;
	char reason[256];
} rs_queue_entry;

/* Actual speaking time at `now`, pauses excluded.  0 before the start. */
int64_t rs_queue_entry_seconds(const rs_queue_entry *e, int64_t now);
/* The time allotted to the entry's kind (config may change it). */
int rs_queue_entry_allotted(const rs_queue_entry *e);

/* Each of these is one journalled action.  Illegal transitions fail with
 * RS_ERR_INVALID and a message naming the entry and both states. */

/* Puts WHO on ITEM's list (kind "floor" when NULL); someone already waiting
 * or speaking on the item is refused. */
rs_status rs_queue_add(rs_db *db, int64_t item_id, int64_t stakeholder_id,
		       const char *kind, int64_t *entry_id);
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

/* Moves a waiting entry one place up (delta -1) or down (+1) in the list,
 * as one journalled action "queue.move".  The first move on an item freezes
 * the order the policy proposed as the moderator's; entries added later are
 * ordered by the policy after those placed by hand.  Points of order stay
 * first.  Refused for an entry not waiting, or already first or last. */
rs_status rs_queue_move(rs_db *db, int64_t entry_id, int delta);

/* The item's entries: whoever holds the floor, then the waiting list in the
 * order the meeting's policy proposes (position and reason filled), then the
 * rest in the order they were dealt with.  *out is the caller's:
 * rs_queue_list_free. */
rs_status rs_queue_list(rs_db *db, int64_t item_id, rs_queue_entry **out, size_t *n);
void rs_queue_list_free(rs_queue_entry *e, size_t n);

/* rs_queue_list's entries as JSON objects (SPEC.md's intervention plus
 * position, proposed and reason), in the same order. */
typedef int (*rs_queue_json_cb)(const char *json, void *ctx);
rs_status rs_queue_each_json(rs_db *db, int64_t item_id, rs_queue_json_cb cb, void *ctx);

#endif
