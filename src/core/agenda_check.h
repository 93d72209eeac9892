/* Internal to the core: the checks of a new agenda item that rs_agenda_add
 * and the programme import share, so both refuse the same things with the
 * same words; and how a refusal names an item for the command line. */
#ifndef ROSTRUM_AGENDA_CHECK_H
#define ROSTRUM_AGENDA_CHECK_H

#include "rostrum/agenda.h"

/* Checks *in against the database (call it inside the action that inserts
 * the item) and canonicalises in->kind ("session" when NULL or "").  A
 * parent_id of 0 checks no parent.  On a bad field returns RS_ERR_INVALID
 * with *field naming it ("title", "code", "kind", "start", "end", "parent")
 * and rs_error() the reason alone, so callers can prefix a file and line or
 * an option; RS_ERR_RUNTIME when the database fails. */
rs_status agenda_check(rs_db *db, rs_agenda_new *in, const char **field);

/* How the command line names the item: its code, else its id. */
void agenda_ref(const rs_agenda_item *it, char *buf, size_t size);

#endif
