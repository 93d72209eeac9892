/* Internal to the core: storage functions that run inside an action the
 * caller has begun (rs_action_begin), so imports can group many changes in
 * one transaction.  No SQLite types here: only db.c and store_*.c see them. */
#ifndef ROSTRUM_STORAGE_H
#define ROSTRUM_STORAGE_H

#include "rostrum/agenda.h"
#include "rostrum/stakeholder.h"

/* Inserts a normalised stakeholder; *id gets the new id. */
rs_status store_stakeholder_insert(rs_db *db, const rs_stakeholder *s, int64_t *id);
/* Looks up by email (case-insensitive); *id = 0 when none. */
rs_status store_stakeholder_by_email(rs_db *db, const char *email, int64_t *id);
/* Looks up by exact name (and organization when not NULL) among those
 * without an email; *id = 0 when none, -1 when ambiguous. */
rs_status store_stakeholder_by_name(rs_db *db, const char *name, const char *org, int64_t *id);
/* Overwrites the fields of stakeholder s->id; *changed = 1 if any differed. */
rs_status store_stakeholder_update(rs_db *db, const rs_stakeholder *s, int *changed);

/* Inserts an agenda item after its siblings; validation is the caller's. */
rs_status store_agenda_insert(rs_db *db, const rs_agenda_new *in, int64_t *id);
/* *id = the item with that code, 0 when none. */
rs_status store_agenda_by_code(rs_db *db, const char *code, int64_t *id);

/* Puts every stakeholder's form request to speak (wants_to_speak, speak_on
 * an existing item's code, registered_at) on that item's queue as a waiting
 * "floor" entry requested at registered_at, unless it is there already.
 * Idempotent; *added (may be NULL) counts new entries. */
rs_status store_queue_enqueue_requests(rs_db *db, int *added);

/* Records a nomination unless the same one exists; *id = 0 when it did. */
rs_status store_nomination_insert(rs_db *db, int64_t nominee, int64_t nominator,
				  const char *role, const char *statement, int64_t *id);

#endif
