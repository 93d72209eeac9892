/* Internal to the core: a journal summary, built a piece at a time where
 * an action ends.  One line, at most RS_SUMMARY_MAX - 1 bytes of whole
 * characters: what does not fit is cut off and "…" ends the line, so every
 * reader (the journal, its JSON, undo's words) shows the same text. */
#ifndef ROSTRUM_SAID_H
#define ROSTRUM_SAID_H

#include <stddef.h>

#include "rostrum/db.h"
#include "rostrum/journal.h"
#include "rostrum/stakeholder.h"

typedef struct {
	char text[RS_SUMMARY_MAX];
	size_t len;
	int cut; /* full: nothing more is added */
} said;

/* Appends our words with printf's format; the values may be anything a
 * person typed: a line break or tab among them becomes a space. */
void said_add(said *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends the first `max` bytes of text (whole characters, a line break
 * or tab as a space) and "…" when there was more: an outcome's first
 * words, a value quoted in an edit. */
void said_quote(said *s, const char *text, size_t max);

/* Appends "what 'was' → 'now'", each value quoted to max bytes: a field
 * an edit changed. */
void said_change(said *s, const char *what, const char *was, const char *now, size_t max);

/* Appends "a, b, c" of the n texts, each quoted to max bytes; "none" when
 * n is 0. */
void said_list(said *s, const char *const *v, size_t n, size_t max);

/* Appends " PREP 'TITLE'" of an agenda item, its title quoted to its first
 * words (" on 'Thematic discussion I'"): the item an action was done on.
 * Call it only once the action succeeded: a failed read would say why over
 * the action's own refusal. */
void said_item(said *s, rs_db *db, const char *prep, int64_t item_id);

/* Appends "NAME's request on 'TITLE'" of queue entry entry_id (a form's
 * request on no item: "NAME's request"), as the entry's own lines name
 * whom and which item; 0 when there is no such entry (nothing appended). */
int said_request(said *s, rs_db *db, int64_t entry_id);

/* Appends "next step on 'TITLE'": an outcome by its type and its item, as
 * the lines that add or delete one begin. */
void said_outcome(said *s, rs_db *db, int type, int64_t item_id);

/* Appends how the journal names a person: "Karim Nasser (Red Cross)", with
 * their organization, else their e-mail, so that two of one name are told
 * apart, as they stay once a namesake registers later. */
void said_person(said *s, const rs_stakeholder *person);

#endif
