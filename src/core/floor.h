/* Internal to the core: the steps that join the meeting's current item and
 * the floor on it, run inside an action the caller has begun. */
#ifndef ROSTRUM_FLOOR_H
#define ROSTRUM_FLOOR_H

#include "rostrum/meeting.h"

/* What becomes of a speech going on on item_id when the meeting leaves it
 * (for to_item, 0 when the item is closed): refused under RS_SPEECH_REFUSE
 * with a message saying who speaks, ended at now, or carried over to
 * to_item.  Nobody speaking: nothing to do.  A speech ended or carried
 * over must be expect's (rs_queue_floor's; RS_EXPECT_ANY: anyone's): the
 * question the operator answered named that speaker. (queue.c) */
rs_status floor_leave(rs_db *db, int64_t item_id, int64_t to_item, rs_speech_rule rule,
		      int64_t expect, int64_t now);

/* Makes item_id the current item at now (the one it replaces ends), unless
 * it is already. (meeting.c) */
rs_status meeting_open_within(rs_db *db, int64_t item_id, rs_speech_rule rule, int64_t expect,
			      int64_t now);

/* The same for giving the floor on item_id: an item ended is not opened
 * again by calling a speaker on it (its end is the record's; `agenda open`
 * reopens it), nor a break, live or not. (meeting.c) */
rs_status meeting_floor_within(rs_db *db, int64_t item_id, int64_t now);

/* The refusal of anything that gives the floor in a break (titled title):
 * calling a speaker, a request to speak. (meeting.c) */
rs_status floor_refuse_break(const char *title);

/* Puts a new entry on an item's list as rs_queue_add_entry does, requested
 * at `now`, inside the caller's action (the programme's import). (queue.c) */
#include "rostrum/queue.h"
rs_status queue_add_within(rs_db *db, const rs_queue_new *in, int64_t now, int64_t *entry_id);

#endif
