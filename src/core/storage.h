/* Internal to the core: storage functions that run inside an action the
 * caller has begun (rs_action_begin), so imports can group many changes in
 * one transaction.  No SQLite types here: only db.c and store_*.c see them. */
#ifndef ROSTRUM_STORAGE_H
#define ROSTRUM_STORAGE_H

#include "rostrum/agenda.h"
#include "rostrum/stakeholder.h"

/* Inserts a normalised stakeholder; *id gets the new id. */
rs_status store_stakeholder_insert(rs_db *db, const rs_stakeholder *s, int64_t *id);
/* The same with the id `as` (> 0) when the caller has chosen it. */
rs_status store_stakeholder_insert_as(rs_db *db, const rs_stakeholder *s, int64_t as,
				      int64_t *id);
/* Looks up by email (case-insensitive); *id = 0 when none. */
rs_status store_stakeholder_by_email(rs_db *db, const char *email, int64_t *id);
/* Looks up by exact name (and organization when not NULL) among those
 * without an email; *id = 0 when none, -1 when ambiguous. */
rs_status store_stakeholder_by_name(rs_db *db, const char *name, const char *org, int64_t *id);
/* Fills every stakeholder's search keys (the v7 migration). */
rs_status store_stakeholder_refold(rs_db *db);
/* Looks up by name, any case, among everyone; *id = 0 when none, -1 when
 * more than one has it. */
rs_status store_stakeholder_named(rs_db *db, const char *name, int64_t *id);
/* Overwrites the fields of stakeholder s->id (a blank participation keeps
 * the stored one; keep_role keeps the stored role whatever s says); a
 * changed accreditation is dated now (now < 0, the form's import: left
 * undated, as the desk did not decide it).  *changed = 1 if any differed. */
rs_status store_stakeholder_update(rs_db *db, const rs_stakeholder *s, int keep_role, int64_t now,
				   int *changed);

/* Marks id present or not.  Present since `at` when given (>= 0), else
 * since the time it was already checked in, else now; *changed = 0 when
 * nothing differed. */
rs_status store_stakeholder_presence(rs_db *db, int64_t id, int present, int64_t at, int64_t now,
				     int *changed);
/* Sets a participation code; *changed = 0 when it was so already. */
rs_status store_stakeholder_participation(rs_db *db, int64_t id, const char *code, int *changed);
/* Sets an accreditation code, dated now; *changed = 0 when it was so. */
rs_status store_stakeholder_accredit(rs_db *db, int64_t id, const char *code, int64_t now,
				     int *changed);

/* What refers to stakeholder id, each to cb in turn (its strings
 * borrowed): their queue entries (STORE_REF_ENTRY, with the item's code,
 * or its title without one, its id, and the entry's state), then the
 * nominations naming them as nominee or nominator, then the outcomes
 * naming them as a party, each kind by id.  An entry is `removable` when
 * it is a withdrawn request never heard that no reply answers: a
 * duplicate registration's request, which may go with the person. */
enum { STORE_REF_ENTRY, STORE_REF_NOMINATION, STORE_REF_OUTCOME, STORE_REF__KINDS };
typedef struct {
	int kind;
	int64_t id;
	const char *item, *state; /* an entry's; "" for the others */
	int64_t item_id;          /* an entry's; 0 for the others */
	int removable;
} store_ref;
rs_status store_stakeholder_refs(rs_db *db, int64_t id, void (*cb)(const store_ref *, void *),
				 void *ctx);
/* Deletes person id with their removable entries (store_ref) and those
 * entries' transitions, each row journalled, the person last: undo puts
 * the person back first. */
rs_status store_stakeholder_delete(rs_db *db, int64_t id);

/* Many new stakeholders in the open action (the roster import): past the
 * first few, their insert triggers (the journal's, the roster search's)
 * are set aside, and each batch of rows is journalled and indexed for
 * search by two set-based statements instead, with the same rows in
 * `change` as the triggers write; into a small roster, its two indexes
 * for views are built again after the rows.  Any other write of the action comes
 * after a flush, so the journal keeps the order of the changes.  Between
 * begin and end nothing else may write stakeholders' rows but these
 * functions. */
typedef struct {
	int added;          /* rows added with their triggers, before the batches */
	int bulk;           /* in batches: the triggers are set aside */
	char *journal_sql;  /* the batch's journal rows */
	char *triggers[3];  /* the SQL of the triggers set aside */
	char *indexes[2];   /* and of the indexes, built again at the end */
	int64_t first, last; /* the batch not yet journalled (0: none) */
	int64_t next_id;     /* the next new row's, as SQL_NEXT_ID chose */
	int pending;
	int64_t cache; /* the page cache's size before the batches (0: unchanged) */
} store_bulk;
rs_status store_stakeholder_bulk_begin(rs_db *db, store_bulk *b);
/* Inserts s as store_stakeholder_insert does, in the batch. */
rs_status store_stakeholder_bulk_add(rs_db *db, store_bulk *b, const rs_stakeholder *s,
				     int64_t *id);
/* Journals and indexes the batch; before any other write. */
rs_status store_stakeholder_bulk_flush(rs_db *db, store_bulk *b);
/* Flushes (when rc is RS_OK), puts the triggers back and frees b; the
 * first failure, rc's or its own. */
rs_status store_stakeholder_bulk_end(rs_db *db, store_bulk *b, rs_status rc);

/* Inserts an agenda item after its siblings, or, in_time, before the first
 * of them that starts later (a programme file keeps its own order);
 * validation is the caller's. */
rs_status store_agenda_insert(rs_db *db, const rs_agenda_new *in, int in_time, int64_t *id);
/* Replaces the fields of *in that are not NULL; policy as rs_agenda_edit. */
rs_status store_agenda_update(rs_db *db, int64_t id, const rs_agenda_new *in, int policy);
/* Sets an item's actual times (-1: none). */
rs_status store_agenda_set_times(rs_db *db, int64_t id, int64_t started_at, int64_t ended_at);
/* *id = the item with that code, 0 when none. */
rs_status store_agenda_by_code(rs_db *db, const char *code, int64_t *id);

/* Puts every stakeholder's form request to speak from the floor
 * (wants_to_speak 1: a panel seat is not the floor; speak_on an existing
 * item's code, registered_at) on that item's queue as a waiting "floor"
 * entry requested at registered_at, unless it is there already, or on
 * another item and not withdrawn (one request, one place).  Idempotent;
 * *added (may be NULL) counts new entries. */
rs_status store_queue_enqueue_requests(rs_db *db, int *added);

/* What a re-import of the form weighs of a known stakeholder as stored:
 * their request to speak, wants_to_speak (0 no, 1 the floor, 2 a panel
 * seat), speak_on (NULL for none; the caller frees it), registered_at (-1:
 * none); and what the desk decided, which the form does not undo: the
 * accreditation it dated (stakeholder accredit or edit; "" when only the
 * form has given one) and whether they are checked in. */
typedef struct {
	int wants;
	char *speak_on;
	int64_t registered_at;
	char desk_accreditation[32];
	int present;
} store_form_row;
rs_status store_form_row_get(rs_db *db, int64_t id, store_form_row *r);
/* The stakeholder's queue entries from the form, oldest first: the first
 * max of them in out, *n how many there are. */
typedef struct {
	int64_t id, item_id, requested_at;
	char state[16];
} store_form_entry;
rs_status store_form_entries(rs_db *db, int64_t who, store_form_entry *out, size_t max,
			     size_t *n);
/* *entry = who's floor entry waiting or under way on item, other than
 * entry `except` (0: none). */
rs_status store_floor_waiting_on(rs_db *db, int64_t item, int64_t who, int64_t except,
				 int64_t *entry);
/* A waiting form entry moved to another item (its moderator's place there
 * dropped) and requested at requested_at; withdrawn at now; its time of
 * request set.  Entries no longer waiting are left as they are. */
rs_status store_form_entry_move(rs_db *db, int64_t entry, int64_t item, int64_t requested_at);
rs_status store_form_entry_withdraw(rs_db *db, int64_t entry, int64_t now);
rs_status store_form_entry_retime(rs_db *db, int64_t entry, int64_t requested_at);

/* Records a nomination unless the same one exists; *id = 0 when it did. */
rs_status store_nomination_insert(rs_db *db, int64_t nominee, int64_t nominator,
				  const char *role, const char *statement, int64_t *id);


/* The meeting row (there is one).  store_meeting_get fills strings the
 * caller frees (rs_meeting_clear); a database without one is an error. */
#include "rostrum/meeting.h"
rs_status store_meeting_insert(rs_db *db, const char *title, const char *date, const char *venue,
			       rs_policy policy, int warning_seconds);
rs_status store_meeting_get(rs_db *db, rs_meeting *m);
/* The meeting's time zone into tz ("UTC" when there is no meeting yet). */
rs_status store_meeting_timezone(rs_db *db, char *tz, size_t size);
/* Applies the fields of *ch that are set (date and venue "" clear them). */
rs_status store_meeting_update(rs_db *db, const rs_meeting_change *ch);
/* seconds[i] for rs_kind_at(i), i < n; a kind the meeting lacks gets the
 * reference data's time. */
rs_status store_meeting_speaking_times(rs_db *db, int *seconds, size_t n);
/* Ends item_id at `now` (started then if it never was) unless it had
 * ended; the meeting has no current item if it was item_id. */
rs_status store_meeting_close(rs_db *db, int64_t item_id, int64_t now);
rs_status store_meeting_set_policy(rs_db *db, rs_policy p);
/* What ordering item_id's list needs of the meeting and the item: the
 * policy in force on it (its own, else the meeting's), whether the meeting
 * requires an accreditation, its time zone (into tz, tz_size bytes).  An
 * unknown item is refused as rs_agenda_get refuses it. */
rs_status store_meeting_rules(rs_db *db, int64_t item_id, rs_policy *policy,
			      int *require_accreditation, char *tz, size_t tz_size);
/* The current item (0: none). */
rs_status store_meeting_current(rs_db *db, int64_t *item_id);
/* Makes item_id current at `now`: previous (0: none) ends if it was running;
 * item_id starts unless it had, and runs again if it had ended. */
rs_status store_meeting_open(rs_db *db, int64_t item_id, int64_t previous, int64_t now);

/* The queue.  store_queue_load reads an item's entries (with their
 * stakeholders' fields and earlier speeches), by id; the caller frees them
 * with rs_queue_list_free. */
#include "rostrum/queue.h"
rs_status store_queue_load(rs_db *db, int64_t item_id, rs_queue_entry **out, size_t *n);
/* Only what deciding the first `depth` places under policy needs
 * (store_queue.c says what): the first `depth` floor requests, under
 * balanced the first of each bucket; each entry's heard_later -1, unread.
 * Depth 1: the next speaker.  With held_rule (the meeting requires an
 * accreditation), the floor requests it holds back are passed over. */
rs_status store_queue_load_head(rs_db *db, int64_t item_id, rs_policy policy, int held_rule,
				size_t depth, rs_queue_entry **out, size_t *n);
/* The first `limit` floor requests the accreditation rule holds back,
 * first come. */
rs_status store_queue_load_held(rs_db *db, int64_t item_id, size_t limit, rs_queue_entry **out,
				size_t *n);
/* Entry id alone, as store_queue_load reads it (*n 0: no such entry). */
rs_status store_queue_load_entry(rs_db *db, int64_t id, rs_queue_entry **out, size_t *n);
/* Whoever holds the floor on the item (speaking or paused): none or one. */
rs_status store_queue_load_holder(rs_db *db, int64_t item_id, rs_queue_entry **out, size_t *n);
/* The next `limit` floor requests waiting in the bucket of entry `after`
 * (its item's, of its sector, region and gender), first come after it;
 * with held_rule, of those the accreditation rule does not hold back. */
rs_status store_queue_load_bucket_after(rs_db *db, int64_t after, int held_rule, size_t limit,
				       rs_queue_entry **out, size_t *n);
/* e->heard_later: the floor requests on e's item made after e's that were
 * heard already (the places e lost), as of the last read of the item's
 * head under balanced: the heads keep them (store_heads.c); refused for
 * an item whose heads were not read last. */
rs_status store_queue_heard_later(rs_db *db, rs_queue_entry *e);
/* The last `last` entries dealt with (spoken, withdrawn, absent), latest
 * first. */
rs_status store_queue_load_dealt(rs_db *db, int64_t item_id, size_t last, rs_queue_entry **out,
				 size_t *n);
/* How many entries of the item wait, and how many were dealt with. */
rs_status store_queue_counts(rs_db *db, int64_t item_id, size_t *waiting, size_t *dealt);
rs_status store_queue_entry_item(rs_db *db, int64_t entry_id, int64_t *item_id);
/* What adding an entry checks, read without the list: the person's entry
 * of that kind already waiting or speaking on the item (0: none), the
 * programme's last place there, the named speech a reply answers (0: not
 * on the item) and the speech going on, else (for a reply) the last given;
 * whether the item is a break. */
typedef struct {
	int64_t queued;
	char queued_state[16], queued_name[160];
	int max_programme_order;
	int64_t named_reply, last_speech;
	int is_break; /* the item is a break, titled item_title */
	char item_title[160];
	char who_name[160]; /* the person asking, for the journal */
} store_queue_facts;
rs_status store_queue_add_facts(rs_db *db, int64_t item_id, int64_t stakeholder_id,
				const char *kind, int64_t named_reply, store_queue_facts *f);
/* A new entry as stored: waiting since requested_at, its first transition
 * stamped then; slot NULL or "" for none, reply_to 0 for none;
 * participation and language NULL: the speaker's (their first language),
 * whatever it is when the speech starts. */
typedef struct {
	int64_t item_id, stakeholder_id;
	const char *kind, *slot;
	int64_t requested_at, now, reply_to;
	int from_form, programme_order;
	const char *participation, *language;
	char name[160]; /* filled by the addition: the speaker's, for the journal */
} store_queue_row;
/* Sets an entry's participation and language (NULL: as it is); a language
 * given is recorded (language_recorded), the one the entry took from its
 * speaker too; *changed = 0 when both were so, the language recorded. */
rs_status store_queue_set_way(rs_db *db, int64_t entry_id, const char *participation,
			      const char *language, int *changed);
rs_status store_queue_insert_row(rs_db *db, const store_queue_row *row, int64_t *id);
/* Moves an entry to another item (a speech carried over). */
rs_status store_queue_set_item(rs_db *db, int64_t entry_id, int64_t item_id);
/* *placed = 1 when the stakeholder's form request is on some item's list. */
rs_status store_queue_request_placed(rs_db *db, int64_t stakeholder_id, int *placed);
/* Stakeholders who asked to speak in the form and are on no list from it,
 * by time of request. */
rs_status store_queue_each_unplaced(rs_db *db, rs_stakeholder_cb cb, void *ctx);
/* Writes e's state and times (the journal keeps each change, with its
 * time: the record of transitions).  An entry that takes the floor keeps,
 * from then on, the way its speaker took part and the language they spoke,
 * as they were then. */
rs_status store_queue_save(rs_db *db, const rs_queue_entry *e);
/* The moderator's place for a waiting entry (0: the policy's). */
rs_status store_queue_set_rank(rs_db *db, int64_t entry_id, int rank);
/* Marks the item started at `now` unless it already was. */
rs_status store_agenda_mark_started(rs_db *db, int64_t item_id, int64_t now);
/* One entry as SPEC.md's intervention plus position, proposed and reason;
 * *json is the caller's to free. */
rs_status store_queue_entry_json(rs_db *db, const rs_queue_entry *e, int proposed,
				 int64_t now, char **json);
rs_status store_exists(rs_db *db, const char *table, int64_t id);

/* Nominations. */
#include "rostrum/nomination.h"
rs_status store_nomination_state(rs_db *db, int64_t id, rs_nomination_state *state);
/* Nomination id with its names (RS_ERR_INVALID when none): *out owns its
 * strings, freed by rs_nomination_clear, whatever the outcome. */
rs_status store_nomination_get(rs_db *db, int64_t id, rs_nomination *out);
/* Replaces the role (not NULL or "") and the statement (not NULL; "" clears). */
rs_status store_nomination_edit(rs_db *db, int64_t id, const char *role, const char *statement);
rs_status store_nomination_delete(rs_db *db, int64_t id);
/* Moves every nomination of id's nominee for id's role that is in `from`. */
rs_status store_nomination_set_candidacy(rs_db *db, int64_t id, rs_nomination_state from,
					 rs_nomination_state to);
/* The role's nominees who accepted (whether since selected or not), by
 * nominee id, with their tallies; *out is the caller's to free. */
#include "rostrum/selection.h"
rs_status store_selection_candidates(rs_db *db, const char *role, rs_seat_candidate **out,
				     size_t *n);
/* Who holds the role's seats, "Ana Ruiz, Ben Okoro" (by nominee id); NULL
 * when nobody is selected.  *names is the caller's to free. */
rs_status store_selection_seated(rs_db *db, const char *role, char **names);
/* The nominee's candidacy for role, once accepted, becomes selected (or
 * not_selected). */
rs_status store_nomination_decide(rs_db *db, const char *role, int64_t nominee, int selected);

/* Outcomes. */
#include "rostrum/outcome.h"
rs_status store_outcome_insert(rs_db *db, const rs_outcome_new *o, int64_t now, int64_t *id);
rs_status store_outcome_set_text(rs_db *db, int64_t id, const char *text);
/* Replace an outcome's parties or objectives whole; set its pledge type
 * (NULL: none). */
rs_status store_outcome_set_parties(rs_db *db, int64_t id, const int64_t *by, size_t n);
rs_status store_outcome_set_objectives(rs_db *db, int64_t id, const int *gcm, size_t n);
rs_status store_outcome_set_type(rs_db *db, int64_t id, const char *pledge_type);
/* Deletes the outcome's parties and objectives, then the outcome. */
rs_status store_outcome_delete(rs_db *db, int64_t id);
/* The themes, replaced whole (each trimmed; the same name twice is once). */
rs_status store_outcome_set_themes(rs_db *db, int64_t id, const char *const *themes, size_t n);
/* A response to outcome id (its lowest id), or 0 in *response. */
rs_status store_outcome_response(rs_db *db, int64_t id, int64_t *response);

/* The balance (store_balance.c). */
#include "rostrum/balance.h"
/* A quota (share 0: none) for a group of a dimension. */
rs_status store_balance_set_quota(rs_db *db, rs_balance_dim dim, const char *value, double share);
/* The meeting's rules of the balance; -1 leaves one as it is. */
rs_status store_balance_set_rules(rs_db *db, int by_time, int scope_meeting, int max_passed,
				  int migrants_first);
/* The rules, quotas and seats of a change (checked already). */
rs_status store_balance_apply(rs_db *db, const rs_balance_change *c);
/* Of p: those waiting on an item (points of order aside), the programme's
 * speakers and replies among them with their allotted time, and the
 * floor's speaking time there; *held when someone holds the floor, and
 * then holder has their times (no strings). */
rs_status store_pacing(rs_db *db, int64_t item_id, rs_pacing *p, rs_queue_entry *holder,
		       int *held);
/* Panel slots (store_panel.c): an item's slots and the panel requests for
 * it, into *pl; a slot's programme entry, still waiting, given to who. */
#include "rostrum/panel.h"
rs_status store_panel_load(rs_db *db, int64_t item_id, rs_panel *pl);
rs_status store_panel_assign(rs_db *db, int64_t entry_id, int64_t who, const char *slot);
/* The meeting's rule that spreads a role's seats (RS_SPREAD_* bits). */
rs_status store_seat_spread(rs_db *db, int *bits);
/* An item's own speaking time for a kind (0: the meeting's again). */
rs_status store_item_speaking_time(rs_db *db, int64_t item_id, const char *kind, int seconds);

/* The journal (store_journal.c).  A change row, as the triggers wrote it. */
#include "rostrum/journal.h"
typedef struct {
	int64_t id, row_id;
	char *tbl, *op, *old_json, *new_json; /* old/new "" when NULL */
} store_change;
/* The newest event of `session` that undo may revert; *found = 0 if none. */
rs_status store_journal_undoable(rs_db *db, const char *session, rs_event *ev, int *found);
/* An event's changes, newest first; free with store_changes_free. */
rs_status store_journal_changes(rs_db *db, int64_t event_id, store_change **out, size_t *n);
void store_changes_free(store_change *v, size_t n);
/* *same = 1 when the row is as the change left it: equal to `new` (its
 * columns that the JSON names) for an insert or update, absent for a delete. */
rs_status store_change_is_current(rs_db *db, const store_change *c, int *same);
/* Puts the row back as it was before the change. */
rs_status store_change_revert(rs_db *db, const store_change *c);
/* Marks event_id as undone by the open action's event (*by gets its id). */
rs_status store_journal_mark_undone(rs_db *db, int64_t event_id, int64_t *by);

#endif
