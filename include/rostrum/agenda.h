/* The programme: a tree of agenda items in order. */
#ifndef ROSTRUM_AGENDA_H
#define ROSTRUM_AGENDA_H

#include "rostrum/db.h"

typedef struct {
	int64_t id;
	int64_t parent_id; /* 0 for a top-level item */
	int depth;         /* 0 for a top-level item (filled by the list) */
	char *code;        /* "" when none */
	char *title;
	char *kind;
	char *start, *end; /* planned, HH:MM or "" */
	char *moderator;
	char *description;
	int64_t started_at, ended_at; /* actual, epoch seconds, -1 if not yet */
	int policy; /* an rs_policy of the item's own, or RS_POLICY_MEETING */
} rs_agenda_item;

/* An item's policy: its own, or the meeting's; for rs_agenda_edit also
 * "leave it as it is". */
#define RS_POLICY_MEETING (-1)
#define RS_POLICY_KEEP (-2)

/* What rs_agenda_add takes; NULL or "" leaves a field empty. */
typedef struct {
	const char *code, *title, *kind, *start, *end, *moderator, *description;
	int64_t parent_id; /* 0: top level */
} rs_agenda_new;

/* Validates (title required, code unique, kind known, HH:MM times, start
 * before end, parent exists) and appends the item after its siblings, as one
 * journalled action.  *id gets the new id. */
rs_status rs_agenda_add(rs_db *db, const rs_agenda_new *in, int64_t *id);

/* Edits item id, as one journalled action "agenda.edit": each field of
 * *in that is not NULL replaces the item's (parent_id is ignored: items do
 * not move), checked as rs_agenda_add checks them; policy is an rs_policy,
 * RS_POLICY_MEETING (follow the meeting's) or RS_POLICY_KEEP. */
rs_status rs_agenda_edit(rs_db *db, int64_t id, const rs_agenda_new *in, int policy);

/* ITEM as the user typed it: an id or a code.  RS_ERR_INVALID if none. */
rs_status rs_agenda_find(rs_db *db, const char *item, int64_t *id);
rs_status rs_agenda_get(rs_db *db, int64_t id, rs_agenda_item *out);

/* The whole programme in order, depth-first (parents before children).
 * *items is the caller's: rs_agenda_list_free. */
rs_status rs_agenda_list(rs_db *db, rs_agenda_item **items, size_t *n);
void rs_agenda_item_clear(rs_agenda_item *it);
/* 0 for a break: nobody asks for, is given or is carried onto the floor
 * in one (the calls refuse it; the screens do not offer it). */
int rs_agenda_takes_floor(const rs_agenda_item *it);
/* "code title" (the title alone without a code), as the screens and the
 * floor's state name an item; cut between characters with "…" when it
 * does not fit size. */
void rs_agenda_item_name(const rs_agenda_item *it, char *buf, size_t size);
void rs_agenda_list_free(rs_agenda_item *items, size_t n);

/* One sitting of an item: from its opening to its close, epoch seconds
 * (ended_at -1: it sits still). */
typedef struct {
	int64_t started_at, ended_at;
} rs_sitting;

/* The times item id sat, in order, as the report gives them: an item
 * reopened sat more than once, and its row's first start and last end
 * span whatever ran between.  Read from the journal, what was undone
 * left out.  None until the item is opened.  *v is the caller's (free). */
rs_status rs_agenda_sittings(rs_db *db, int64_t id, rs_sitting **v, size_t *n);

/* Each item as the JSON object of SPEC.md's export (without its
 * interventions and outcomes), in programme order.  The callback returns
 * non-zero to stop. */
typedef int (*rs_json_cb)(const char *json, void *ctx);

/* When each top-level item will start and end, from its actual times where
 * it has them and its planned duration where not, given the meeting's date
 * and time zone and the time now: an item running late pushes the rest.
 * items is rs_agenda_list's output; start and end (n entries each, -1 for
 * sub-items and items without planned times) are filled.  An item that has
 * ended keeps its actual times; one running ends at its planned duration
 * from its start, or now if later; one not started starts at its planned
 * time or when the one before ends, whichever is later.  date "" means the
 * day of `now` in tz.  Returns the forecast end of the day (-1 if nothing
 * is planned).  Pure. */
int64_t rs_agenda_forecast(const rs_agenda_item *items, size_t n, const char *date,
			   const char *tz, int64_t now, int64_t *start, int64_t *end);
rs_status rs_agenda_each_json(rs_db *db, rs_json_cb cb, void *ctx);

#endif
