/* Internal to the storage layer: the only files that include sqlite3.h
 * are src/core/db.c and src/core/store_*.c (a test checks it). */
#ifndef ROSTRUM_STORE_H
#define ROSTRUM_STORE_H

#include <sqlite3.h>

#include "rostrum/db.h"
#include "rostrum/journal.h"
#include "rostrum/queue.h"
#include "progress.h"
#include "rostrum/stakeholder.h"

#define STORE_CACHED_MAX 256

typedef struct store_heads store_heads;
typedef struct store_balance_kept store_balance_kept;

struct rs_db {
	sqlite3 *h;
	char *path;
	int64_t event_id; /* the open action's journal event, 0 outside one */
	char said[RS_SUMMARY_MAX]; /* the last action's summary (rs_action_said) */
	int gcm_functions; /* store_export.c registered its SQL functions */
	int read_only;     /* opened by rs_db_open_readonly */
	int reading;       /* inside rs_db_read_begin's transaction */
	/* Waiting for another connection's write lock (db.c's busy handler). */
	int64_t wait_start_ms, wait_told_ms;
	int wait_limit_ms;
	rs_wait_fn wait_fn;
	void *wait_ctx;
	progress_state progress; /* the long work going on, if any (progress.c) */
	int wal_frames; /* the write-ahead log's length at this connection's last commit */
	store_heads *heads; /* what it keeps of two items' heads (store_heads.c) */
	store_balance_kept *balance; /* the balance it keeps beside them (store_balance.c) */
	unsigned rollbacks; /* transactions rolled back: what was read in one may never have been */
	/* store_prepare_cached's statements, by their SQL text's address. */
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} cached[STORE_CACHED_MAX];
};

/* The journal's changes that give or take a row (not those that change
 * one): every id a row ever had is in one of them or in its table still,
 * so they alone say which ids were given.  Their index (change_born)
 * leaves out the updates, most of the journal: an update writes no page
 * of it. */
#define SQL_CHANGE_BORN "op <> 'update'"

/* The id a new row of tbl gets: past every id the table has had, as the
 * journal remembers them, so an id deleted (or undone) is never given to
 * someone else and the audit trail stays unambiguous.  SQLite alone would
 * reuse the highest id once its row is gone. */
#define SQL_NEXT_ID(tbl)                                                       \
	"(SELECT max(coalesce((SELECT max(id) FROM " tbl "), 0),"              \
	" coalesce((SELECT max(row_id) FROM change WHERE tbl = '" tbl "'"      \
	" AND " SQL_CHANGE_BORN "), 0)) + 1)"

/* A duration in seconds, x, as every speech and sitting counts it: never
 * below 0.  A clock set back, or two terminals whose clocks differ, can
 * stamp an end before its start; the time is not known, and is not less
 * than nothing (rs_queue_entry_seconds is the same rule in C). */
#define SQL_DURATION(x) "max(" x ", 0)"

/* The balance's dimensions as rows d(dim), and person s's value of d.dim
 * (`part` their way of taking part): what roster_tally and floor_tally
 * count (db.c) and a bulk import adds up (store_bulk.c).  A table of five
 * rows: a compound SELECT in a trigger was a temporary b-tree built afresh
 * each time the trigger ran. */
#define SQL_DIMS "tally_dim"
/* Entry e is or was on the floor.  Written out, not as `state IN (...)`: a
 * list of three or more is a temporary b-tree built at each statement, and
 * the tallies' triggers and the heard entries' index (db.c) run at every
 * change of state. */
#define SQL_HEARD_STATE(e)                                                     \
	"(" e ".state = 'speaking' OR " e ".state = 'paused' OR " e ".state = 'spoken')"
/* Entry e is dealt with: neither waiting nor holding the floor (of
 * queue_entry's CHECK, the states left); written out as SQL_HEARD_STATE,
 * word for word the terms of the partial index queue_entry_dealt. */
#define SQL_DEALT_STATE(e)                                                     \
	"(" e ".state = 'spoken' OR " e ".state = 'withdrawn' OR " e ".state = 'absent')"
/* Person s's value of dimension d.dim; `part` their way of taking part. */
#define SQL_DIM_VALUE(s, part)                                                 \
	"CASE d.dim WHEN 'sector' THEN " s ".sector WHEN 'region' THEN"        \
	" coalesce(" s ".region, '') WHEN 'gender' THEN coalesce(" s ".gender, '')" \
	" WHEN 'country' THEN coalesce(" s ".country, '') ELSE " part " END"
/* Entry e goes before the floor: a point of order, placed by the
 * moderator, the programme's, or a reply (its NOT: a floor request).  The
 * terms of the partial index queue_entry_front, word for word. */
#define SQL_FRONT(e)                                                           \
	"(" e ".kind = 'point_of_order' OR " e ".manual_rank > 0"              \
	" OR " e ".programme_order > 0 OR " e ".reply_to IS NOT NULL)"

/* Entry e waits held back by the meeting's accreditation rule, when `rule`
 * (an SQL expression) says the rule is on: rs_policy_held_back asked of
 * its speaker.  Only then is the speaker read (a head's read, walking the
 * waiting in order, reads no person without the rule). */
#define SQL_HELD(e, rule)                                                      \
	"(" rule " AND (SELECT rs_held_back(" e ".programme_order, h.sector,"  \
	" h.role, h.accreditation) FROM stakeholder h WHERE h.id = " e ".stakeholder_id))"

/* How many entries wait on item `item` (an SQL expression), points of
 * order with the rest: a count of one stretch of the order index. */
#define SQL_WAITING_COUNT(item)                                                \
	"(SELECT count(*) FROM queue_entry INDEXED BY queue_entry_order"       \
	" WHERE item_id = " item " AND state = 'waiting')"

/* rostrum's SQL functions (rs_role_of, rs_held_back, rs_iso) defined on
 * connection h: every connection that writes the roster or the floor needs
 * rs_role_of, which the tallies' triggers call.  An SQLite result code. */
int store_define_functions(sqlite3 *h);

/* Person s counts in the balance (the tallies, the balanced order, the
 * report's balance annex): a stakeholder by rs_role_of, the one rule of
 * roles, those of the other roles being counted apart. */
#define SQL_COUNTED(s) "(rs_role_of(" s ".sector, " s ".role) = 'stakeholder')"

/* An outcome's parties in the order entered, the lead pledger first
 * (outcome_party.ordinal, schema 25); rows from before it all have 0, and
 * keep the id order they were shown in.  p is "" or a table alias "p.". */
#define SQL_PARTY_ORDER(p) p "ordinal, " p "stakeholder_id"

/* The bucket of the balanced order for stakeholder `who` (an SQL
 * expression giving an id): sector, region and gender, unit-separated; for
 * those of another role (not counted, called first come) the role alone. */
#define SQL_BUCKET_OF(who)                                                     \
	"(SELECT CASE WHEN " SQL_COUNTED("b") " THEN b.sector || char(31) ||" \
	" coalesce(b.region, '') || char(31) || coalesce(b.gender, '')"       \
	" ELSE rs_role_of(b.sector, b.role) END FROM stakeholder b WHERE b.id = " who ")"

/* The form's requests to speak that named no item: those who asked to
 * speak from the floor and are on no list from the form (a panel request
 * waits for `panel propose`); stakeholder s, oldest first. */
#define SQL_UNPLACED_FROM                                                      \
	" FROM stakeholder s WHERE s.wants_to_speak = 1 AND NOT EXISTS"        \
	" (SELECT 1 FROM queue_entry q WHERE q.stakeholder_id = s.id AND q.from_form)"
#define SQL_UNPLACED_ORDER " ORDER BY s.registered_at IS NULL, s.registered_at, s.id"

/* The first of a `languages` list ("fr;en" -> "fr"), NULL for none: the
 * language an intervention takes by default. */
#define SQL_FIRST_LANGUAGE(x)                                                  \
	"nullif(substr(" x ", 1, instr(" x " || ';', ';') - 1), '')"
/* A queue entry's way of taking part and language, set where NULL (the
 * speaker's) to the speaker's as they are now when cond holds: part of an
 * UPDATE's SET list. */
#define SQL_FREEZE_WAY_IF(cond)                                                \
	"participation = CASE WHEN " cond " THEN coalesce(participation,"      \
	" (SELECT p.participation FROM stakeholder p"                          \
	"  WHERE p.id = queue_entry.stakeholder_id)) ELSE participation END,"  \
	" language = CASE WHEN " cond " THEN coalesce(language, (SELECT "      \
	SQL_FIRST_LANGUAGE("p.languages") " FROM stakeholder p"                \
	"  WHERE p.id = queue_entry.stakeholder_id)) ELSE language END"

/* The speaking time of kind `kind` on item `item` (SQL expressions): the
 * item's own, else the meeting's.  What the clock allots an entry when
 * it is called (SQL_ALLOTTED_ON_CALL) and what pacing counts for those
 * waiting (store_pacing): one rule. */
#define SQL_KIND_SECONDS(item, kind)                                           \
	"coalesce((SELECT i.seconds FROM item_speaking_time i WHERE i.item_id = " item \
	" AND i.kind = " kind "), (SELECT t.seconds FROM speaking_time t"       \
	" WHERE t.kind = " kind "), 0)"
/* The time queue entry q (an SQL name) would be allotted if called now. */
#define SQL_SETTING_ALLOTTED(q) SQL_KIND_SECONDS(q ".item_id", q ".kind")
/* A queue entry's allotted time, set when it takes the floor (to_state,
 * an SQL expression, is speaking, paused or spoken and the row's state
 * was none of them) to the time the settings give then, so that a time
 * changed later applies to those called after it; kept while it holds
 * the floor and after; NULL again off the floor.  Part of an UPDATE's SET
 * list, where `state` is the row's state before the update. */
#define SQL_ALLOTTED_ON_CALL(to_state)                                         \
	"allotted = CASE WHEN " to_state " NOT IN ('speaking', 'paused', 'spoken')" \
	" THEN NULL WHEN state IN ('speaking', 'paused', 'spoken') THEN allotted" \
	" ELSE " SQL_SETTING_ALLOTTED("queue_entry") " END"

/* The columns a queue entry is read with (store_queue_read_entry), over
 * queue_entry q and its speaker stakeholder s; the statement adds one
 * more, how many places the entry lost (-1: unread), column
 * SQL_LOAD_NCOLUMNS - 1.  Needs store_json.h. */
#define SQL_LOAD_COLUMNS \
	"SELECT q.id, q.item_id, q.stakeholder_id, q.kind, q.state, q.requested_at," \
	" q.state_changed_at, q.started_at, q.paused_at, q.paused_seconds, q.ended_at," \
	" q.from_form, s.name, s.organization, s.sector, s.region, s.gender," \
	" (SELECT count(*) FROM queue_entry p WHERE p.stakeholder_id = q.stakeholder_id" \
	"  AND p.state = 'spoken' AND p.id <> q.id), q.manual_rank," \
	" q.programme_order, q.slot, coalesce(q.reply_to, 0)," \
	" coalesce(q.allotted, " SQL_SETTING_ALLOTTED("q") ")," \
	" s.country, " SQL_ENTRY_PARTICIPATION ", coalesce(" SQL_ENTRY_LANGUAGE ", '')," \
	" s.accreditation, s.role"
enum { SQL_LOAD_NCOLUMNS = 29 };
/* The entry of st's row (SQL_LOAD_COLUMNS); 0 without memory. */
int store_queue_read_entry(sqlite3_stmt *st, rs_queue_entry *e);
/* *to a copy of *from with strings of its own; 0 without memory (*to then
 * freed with rs_queue_list_free all the same). */
int store_queue_entry_copy(rs_queue_entry *to, const rs_queue_entry *from);
/* The bucket heads kept (of the two items asked last): store_heads_attach
 * at open, store_heads_detach at close. */
rs_status store_heads_attach(rs_db *db);
void store_heads_detach(rs_db *db);
/* The balance kept (store_balance.c), freed at close. */
void store_balance_detach(rs_db *db);
/* Adds to the list *v of n entries of item_id (by id, as store_queue.c
 * reads them; store_heads_sync first) the first floor request waiting in
 * each of its buckets (sector, region, gender; under the accreditation
 * rule, the first it does not hold back) not in it already, read as the others,
 * heard_later unread (-1); the list stays by id.  On failure *v is still
 * the caller's to free (rs_queue_list_free). */
rs_status store_heads_add(rs_db *db, int64_t item_id, rs_queue_entry **v, size_t *n);
/* What the connection keeps of item_id (its heads, the heard, the walks)
 * brought up to date with the journal, once a read of its head: kept under
 * the accreditation rule or not (held_rule), read afresh when that or the
 * item changed.  store_heads_add and store_heads_walks hand out what it
 * keeps. */
rs_status store_heads_sync(rs_db *db, int64_t item_id, int held_rule);
/* Under the accreditation rule, where the head's walks of item_id's
 * waiting begin: from[0, 2) the request time and id the walk for the first
 * come begins at, from[2, 4) the walk for the first who have not spoken
 * (those before were passed over at the last read, and nothing the
 * journal shows since changed that).  store_heads_walked says what the
 * read found, v[0, n) (first_time: whether the second walk was made). */
void store_heads_walks(rs_db *db, int64_t item_id, int64_t from[4]);
void store_heads_walked(rs_db *db, int64_t item_id, const rs_queue_entry *v, size_t n,
			int first_time);

/* v (n elements of `size` in *cap) with room for one more, *cap doubled
 * when full; NULL without memory, v then as it was. */
void *store_room(void *v, size_t n, size_t *cap, size_t size);

/* Prepares sql or fails with the database's message (RS_ERR_RUNTIME). */
rs_status store_prepare(rs_db *db, sqlite3_stmt **st, const char *sql);
/* The same statement, prepared once for the connection's life: for the
 * steps an import repeats for every row.  sql must be a string literal
 * (it is known by its address).  Hand it back with store_done, never
 * sqlite3_finalize; it is finalized by rs_db_close. */
rs_status store_prepare_cached(rs_db *db, sqlite3_stmt **st, const char *sql);
void store_done(sqlite3_stmt *st);
/* The same for the statements every action runs (the journal's, the
 * queue's, the meeting's): kept prepared, as parsing a statement on a table
 * with triggers costs more than running it.  sql must be a string literal
 * or static.  Should the kept one be in use (or none be left), a fresh
 * statement comes instead: hand either back with store_release. */
rs_status store_prepare_kept(rs_db *db, sqlite3_stmt **st, const char *sql);
void store_release(rs_db *db, sqlite3_stmt *st);
/* The connection's page cache set to kib KiB for a long piece of work,
 * *was its size before, which store_cache_restore gives back. */
rs_status store_cache_set(rs_db *db, int kib, int64_t *was);
void store_cache_restore(rs_db *db, int64_t was);
/* Records a database failure as the current error. */
rs_status store_fail(rs_db *db, const char *what);
/* Binds a C string, or NULL for NULL and for "" when empty_is_null. */
int store_bind_text(sqlite3_stmt *st, int i, const char *s, int empty_is_null);
/* A column as a freshly allocated string ("" for NULL); NULL only on OOM. */
char *store_col_dup(sqlite3_stmt *st, int i);
/* Steps st (prepared and bound) to its end and releases it (store_release:
 * a kept statement is reset, another finalized): each row is
 * read by row() into a zeroed item of `size` bytes of a growing array.
 * *out (n items) is the caller's to free; `what` names the rows in errors. */
typedef void (*store_row_cb)(sqlite3_stmt *st, void *item);
rs_status store_rows(rs_db *db, sqlite3_stmt *st, size_t size, store_row_cb row, const char *what,
		     void **out, size_t *n);
/* A text column into buf, cut to size between characters and ended with
 * "…" when cut ("" for NULL). */
void store_col_copy(sqlite3_stmt *st, int i, char *buf, size_t size);
/* Runs sql (no parameters) and passes the first column of each row, a JSON
 * text, to cb until it returns non-zero; `what` names the list in errors. */
typedef int (*store_json_cb)(const char *json, void *ctx);
rs_status store_each_json(rs_db *db, const char *sql, const char *what, store_json_cb cb,
			  void *ctx);
/* The same over a prepared statement (bound by the caller), which it
 * releases (store_release).  Every JSON text leaves SQLite through these two and
 * store_col_json, made inert (rs_json_inert: DEL and C1 escaped too). */
rs_status store_json_rows(rs_db *db, sqlite3_stmt *st, const char *what, store_json_cb cb,
			  void *ctx);
/* A JSON column as an inert copy; the caller frees; NULL on OOM. */
char *store_col_json(sqlite3_stmt *st, int i);
/* Runs a statement that returns no rows, with ?1..?n bound to the n
 * int64_t arguments; `what` names it in errors.  *changes (may be NULL)
 * gets the number of rows it wrote. */
rs_status store_write(rs_db *db, const char *sql, const char *what, int *changes, int n, ...);
/* The statement that writes to the journal what tbl's insert trigger would
 * for each of the rows with rowid ?1 to ?2 (db.c builds both from the
 * table's columns); sqlite3_free it.  NULL on failure (rs_error says). */
char *store_journal_inserts_sql(rs_db *db, const char *tbl);
/* Drops the trigger or index (type) `name` inside the open transaction,
 * keeping its SQL in *sql; store_schema_restore makes it again and frees
 * the SQL (NULL: does nothing).  A rollback brings it back too. */
rs_status store_schema_set_aside(rs_db *db, const char *type, const char *name, char **sql);
rs_status store_schema_restore(rs_db *db, char *sql);
/* Runs a one-row query whose first column is an integer; *out = -1 if none. */
rs_status store_int_query(rs_db *db, const char *sql, int64_t arg, int64_t *out);
/* The same for a text column: *out is the caller's, NULL if none. */
rs_status store_text_query(rs_db *db, const char *sql, int64_t arg, char **out);

/* store_stakeholder.c: the columns every read of a stakeholder takes (as
 * `s`), a row of them into *s (with own, copies that *s owns, freed by
 * rs_stakeholder_clear; otherwise borrowed from st until its next step),
 * and each row of st passed to cb (valid during the call) until it returns
 * non-zero; st is finalized. */
#define STORE_STAKEHOLDER_COLUMNS                                              \
	"s.id, s.name, s.title, s.organization, s.sector, s.region, s.country,"  \
	" s.gender, s.email, s.accreditation, s.languages, s.wants_to_speak,"    \
	" s.speak_on, s.registered_at, s.present, s.participation, s.role,"      \
	" s.checked_in_at, s.accreditation_at, s.sort_key"
rs_status store_stakeholder_row(sqlite3_stmt *st, rs_stakeholder *s, int own);
rs_status store_stakeholder_each(rs_db *db, sqlite3_stmt *st, rs_stakeholder_cb cb, void *ctx,
				 const char *what);

#endif
