/* The stakeholder roster. */
#ifndef ROSTRUM_STAKEHOLDER_H
#define ROSTRUM_STAKEHOLDER_H

#include "rostrum/agenda.h"
#include "rostrum/db.h"

typedef struct {
	int64_t id;
	char *name, *title, *organization, *sector, *region, *country, *gender;
	char *email, *accreditation, *languages, *speak_on;
	/* in_room or online; blank when written: in_room for someone new, as
	 * it was for someone stored. */
	char *participation;
	/* stakeholder, member_state, un_system, organiser; blank: the
	 * sector's (rs_role_of). */
	char *role;
	int wants_to_speak;    /* 0 no, 1 from the floor, 2 on a panel */
	int64_t registered_at; /* -1 if none */
	int present;           /* read; rs_stakeholder_add checks in a walk-in */
	int64_t checked_in_at; /* -1 if not present */
	int64_t accreditation_at; /* when the desk decided the accreditation (accredit,
				   * edit), -1 never: the form's import leaves it */
	/* Read: where the roster sorts them, their name folded as people
	 * type (rs_text_fold); NULL in a stakeholder not read. */
	char *sort_key;
} rs_stakeholder;

/* Frees the strings and zeroes *s. */
void rs_stakeholder_clear(rs_stakeholder *s);

/* Checks and canonicalises a stakeholder in place: sector by code or label
 * (any case) to its code; region, accreditation and gender to their
 * canonical spellings; country upper-cased; languages lower-cased.  On a bad
 * field returns RS_ERR_INVALID with *field naming it and rs_error() the
 * reason alone (e.g. "unknown sector 'x'"), so callers can prefix a file and
 * line or a command-line option. */
rs_status rs_stakeholder_normalise(rs_stakeholder *s, const char **field);

/* What a field takes, to show beside a refusal ("one of: migrant,
 * civil_society, ..."); "" for a field that takes any text. */
void rs_stakeholder_choices(const char *field, char *buf, size_t size);
/* The i-th value a field of a fixed list takes (sector, region,
 * accreditation, participation, role): its code and its label (a region's
 * are one).  0 past the last, and for a field that takes any text. */
int rs_stakeholder_field_value(const char *field, size_t i, const char **code,
			       const char **label);

/* Adds one stakeholder (normalised first) as one journalled action; with
 * s->present, a walk-in at the desk, checked in by the same action. */
rs_status rs_stakeholder_add(rs_db *db, rs_stakeholder *s, int64_t *id);

/* Whose email is it, if not self's (0: someone new)?  *holder (the
 * caller clears it) gets the person, holder->id 0 when nobody else has it;
 * why (size bytes) then says whose it is and what to do, as adding or
 * editing with it is refused: "zoe@example.org is Zoë Ñúñez's (64): check
 * them in instead" to a walk-in, ": give another address, or none" to an
 * edit, and to a walk-in once they are here (", checked in already since
 * 10:02: give another address, or none"). */
rs_status rs_stakeholder_email_holder(rs_db *db, const char *email, int64_t self,
				      rs_stakeholder *holder, char *why, size_t size);

/* Edits stakeholder s->id (normalised first; the email stays unique), as
 * one journalled action "stakeholder.edit". */
rs_status rs_stakeholder_update(rs_db *db, rs_stakeholder *s);
/* Deletes a stakeholder, as one journalled action "stakeholder.delete",
 * with their withdrawn requests to speak that were never heard (a
 * duplicate registration's): undo brings all of it back.  Refused
 * (RS_ERR_INVALID) while any other queue entry (waiting, speaking, heard,
 * absent), a nomination or an outcome names them, saying which and what
 * to do: "王芳 stays on the roster: the speakers' lists keep their queue
 * entry 37 (thematic-2, waiting); to keep them off the floor, withdraw a
 * waiting entry (queue withdraw 37, ...)"; a nomination or an outcome can
 * go first (nomination delete, outcome edit). */
rs_status rs_stakeholder_delete(rs_db *db, int64_t id);
/* RS_OK when id may be deleted, with what the deletion takes away in
 * going (size bytes, may be 0), as the journal will say it: "Ana Ruiz
 * (ana@x.org), with their withdrawn request on 'Thematic discussion II'";
 * else the refusal rs_stakeholder_delete would meet, read only, so that a
 * screen says so before asking. */
rs_status rs_stakeholder_deletable(rs_db *db, int64_t id, char *going, size_t size);

/* Marks a stakeholder present at the desk (the time kept), or not present
 * any more, as one journalled action; refused when they already are (the
 * message says since when). */
rs_status rs_stakeholder_checkin(rs_db *db, int64_t id, int present);

/* Sets how a participant takes part (in_room or online), as one journalled
 * action "stakeholder.participation"; their entries still to speak follow
 * (but where a moderator chose for an entry). */
rs_status rs_stakeholder_set_participation(rs_db *db, int64_t id, const char *participation);

/* Records an accreditation decision (any code of rs_accreditations:
 * approving a pending request, refusing it, ...), dated now, as one
 * journalled action "stakeholder.accredit"; refused when it is already so.
 * *from (may be NULL, RS_STATE_MAX bytes) gets the state it had. */
enum { RS_STATE_MAX = 32 };
rs_status rs_stakeholder_accredit(rs_db *db, int64_t id, const char *state, char *from);

/* WHO as the user typed it: an id, an email, or a name that one person
 * has (any case).  RS_ERR_INVALID if none, or if the name is ambiguous. */
rs_status rs_stakeholder_find(rs_db *db, const char *who, int64_t *id);
/* The same, and where no name is whole, the one person whose name holds
 * every word typed as the start of a word, letters folded ("campbell",
 * "joao camp" for João Campbell): the registration desk's lookup.  Several
 * such people are refused, naming a few of them. */
rs_status rs_stakeholder_match(rs_db *db, const char *who, int64_t *id);
rs_status rs_stakeholder_get(rs_db *db, int64_t id, rs_stakeholder *out);
rs_status rs_stakeholder_count(rs_db *db, int64_t *n);

/* Where someone stands in the roster's order: by sort_key (their name
 * folded), then by id.  Borrowed strings. */
typedef struct {
	const char *sort_key;
	int64_t id;
} rs_roster_key;

/* Who the roster shows: text, when not NULL or "", a search over name,
 * organization, country, region, sector and email, each word typed the
 * start of a word, letters folded ("antonio" finds António); and those
 * present (1), not present (0) or either (-1); taking part one way ("in_room", "online",
 * NULL either); with an accreditation (a code, "accredited" for those
 * rs_accreditation_accredited entitles, NULL any). */
typedef struct {
	const char *text;
	int present;
	const char *participation;
	const char *accreditation;
} rs_roster_view;
/* Checks a view's codes (participation, accreditation), naming the one at
 * fault as the option of the same name. */
rs_status rs_roster_view_check(rs_roster_view *v);

/* The people of a view in the roster's order, after the person at `after`
 * (NULL: from the first), at most limit (-1: all of them), each passed to
 * cb (valid during the call; cb returns non-zero to stop).  For a lookup
 * that expects few people: every match is sorted.  A list that scrolls is
 * an rs_roster_list. */
typedef int (*rs_stakeholder_cb)(const rs_stakeholder *s, void *ctx);
rs_status rs_roster_window(rs_db *db, const rs_roster_view *v, const rs_roster_key *after,
			   int64_t limit, rs_stakeholder_cb cb, void *ctx);
/* The same with a text filter alone (NULL or "": everyone). */
rs_status rs_stakeholder_window(rs_db *db, const char *filter, const rs_roster_key *after,
				int64_t limit, rs_stakeholder_cb cb, void *ctx);

/* How many people a view shows; the same with a text filter alone. */
rs_status rs_roster_count(rs_db *db, const rs_roster_view *v, int64_t *n);
rs_status rs_stakeholder_count_matching(rs_db *db, const char *filter, int64_t *n);

/* A view of the roster as a list that scrolls, at any size (a screen's
 * rows, a command's pages): how many it holds, and the rows at any index,
 * each window found from the keys of the last one read (or from the
 * nearer end of the list), never by reading the rows before it.  The first
 * letters of a search are one read of the search index's prefix lists.
 * The list's count is of the moment it was opened or refreshed.  *out is
 * the caller's (rs_roster_list_free); v's strings are copied. */
typedef struct rs_roster_list rs_roster_list;
rs_status rs_roster_list_open(rs_db *db, const rs_roster_view *v, rs_roster_list **out);
int64_t rs_roster_list_total(const rs_roster_list *l);
/* The rows [top, top + limit) (fewer at the end), in order, to cb as
 * rs_roster_window's. */
rs_status rs_roster_list_read(rs_roster_list *l, int64_t top, int64_t limit, rs_stakeholder_cb cb,
			      void *ctx);
/* After the roster changed: counts again, and *top (may be NULL) gets the
 * index the last window's first row has now (or the place it had), so a
 * screen keeps showing the same people. */
rs_status rs_roster_list_refresh(rs_roster_list *l, int64_t *top);
/* The index of person id's row in the list (as counted last), or -1 in
 * *row when the filter or the view leaves them out. */
rs_status rs_roster_list_row_of(rs_roster_list *l, int64_t id, int64_t *row);
void rs_roster_list_free(rs_roster_list *l);
/* The view's people as the export's stakeholder objects, by id. */
rs_status rs_roster_each_json(rs_db *db, const rs_roster_view *v, rs_json_cb cb, void *ctx);

/* Each stakeholder as the JSON object of SPEC.md's export, by id. */
rs_status rs_stakeholder_each_json(rs_db *db, rs_json_cb cb, void *ctx);

#endif
