/* The first come of each bucket of a balanced floor (sector, region and
 * gender), kept by the connection between calls.  Reading them is a seek
 * and a row for each of some 340 buckets at forum scale, most of a call to
 * the floor; a call changes one bucket.  So the connection keeps the heads
 * of an item (of two: the two asked last, as a terminal reads a screen of
 * one and the head of the one under way in turn), and before handing them
 * out reads the journal's changes since (whoever made them: this terminal
 * or another) and reads again only the buckets the entries changed left or
 * joined and those whose head is a person changed.  A rollback, a commit the journal does not explain, a
 * change it cannot place (the speaking times, a row gone) or more than 64
 * changes, and it reads them all again.
 *
 * With the heads, the requests of the item heard already, in request order:
 * how many places a candidate lost is how many of them came later, a binary
 * search.  Counted in the heard index it was a walk of every later one (an
 * item heard 10,000 times: a millisecond for each candidate the order
 * explains).  Read the first time a count asks, patched as the heads are.
 *
 * Under the meeting's accreditation rule, where the head's walks of the
 * waiting begin (the first come that can be called, the first who has not
 * spoken): requests held back stay at the front of the list until an
 * accreditation is recorded, and walking past them from the start at each
 * call was a step for each (thousands, in a forum that leaves many
 * waiting).  A walk begins where the last found its first; each change
 * since of an entry or a person sends it back to where that person waits
 * (accredited now, or a speech of theirs undone), and what cannot be
 * placed to the start.  Kept per rule: turned on or off, all is read again. */
#include "store.h"
#include "storage.h"
#include "store_json.h"
#include "store_watch.h"
#include "policy_balance.h"

#include <stdlib.h>
#include <string.h>

/* More changes than this between two reads: reading them all is cheaper
 * than placing each. */
enum { TOUCHED_MAX = 64 };

/* The journal's changes since the heads were read: the queue entries and
 * the people changed, and whether one cannot be placed. */
typedef struct {
	int64_t entries[TOUCHED_MAX], people[TOUCHED_MAX];
	size_t n_entries, n_people;
	int unplaced;
} changes;

typedef struct {
	rs_queue_entry e;
	char *bucket;
} head;

/* A floor request's place in request order (a request heard, where a
 * walk begins). */
typedef struct {
	int64_t at, id;
} request_key;

/* Where a walk of the waiting in request order begins: before them all,
 * or past them all. */
static const request_key WALK_START = {INT64_MIN, INT64_MIN}, WALK_END = {INT64_MAX, INT64_MAX};

/* Items kept by a connection: a terminal reads two in turn when its queue
 * pane shows another item than the one under way (the status line reads
 * that one's head); with one kept, each read read the other's afresh. */
enum { ITEMS_KEPT = 2 };

/* The heads are kept by id, as the head of a list is read. */
struct store_heads {
	int64_t item_id; /* the item whose heads are kept; 0: none */
	uint64_t used;   /* when asked last, of the connection's ITEMS_KEPT */
	int held_rule;   /* read past those the accreditation rule holds back */
	store_kept_at at; /* when read */
	head *v;
	size_t n, cap;
	int heads_read; /* v holds the item's heads: else read when asked */
	request_key *heard; /* by (at, id) */
	size_t n_heard, cap_heard;
	int heard_read; /* heard holds the item's: else read when asked */
	/* Under the rule, where the head's walks begin (store_heads_walks):
	 * every floor request waiting before walk[0] is held back, and every
	 * one before walk[1] held back or of someone who has spoken. */
	request_key walk[2];
};

/* The first floor request waiting in each of item :item's buckets (with
 * :held_rule, the first the accreditation rule does not hold back), its
 * bucket after the columns every entry is read with.  The buckets walked
 * on their index, a seek each. */
#define SQL_HEAD_OF(bucket)                                                    \
	"q.id = (SELECT g.id FROM queue_entry g INDEXED BY queue_entry_bucket" \
	" WHERE g.item_id = :item AND g.state = 'waiting' AND NOT " SQL_FRONT("g") \
	" AND g.bucket = " bucket " AND NOT " SQL_HELD("g", ":held_rule")            \
	" ORDER BY g.requested_at, g.id LIMIT 1)"
static const char all_sql[] = "WITH RECURSIVE buckets(bucket) AS ("
	" SELECT (SELECT min(f.bucket) FROM queue_entry f INDEXED BY queue_entry_bucket"
	"  WHERE f.item_id = :item AND f.state = 'waiting' AND NOT " SQL_FRONT("f") ")"
	" UNION ALL SELECT (SELECT min(f.bucket) FROM queue_entry f"
	"  INDEXED BY queue_entry_bucket WHERE f.item_id = :item AND f.state = 'waiting'"
	"  AND NOT " SQL_FRONT("f") " AND f.bucket > b.bucket) FROM buckets b"
	" WHERE b.bucket IS NOT NULL)"
	SQL_LOAD_COLUMNS ", -1, q.bucket FROM buckets b JOIN queue_entry q ON " SQL_HEAD_OF("b.bucket")
	" JOIN stakeholder s ON s.id = q.stakeholder_id WHERE b.bucket IS NOT NULL";
static const char one_sql[] = SQL_LOAD_COLUMNS ", -1, q.bucket"
	" FROM queue_entry q JOIN stakeholder s ON s.id = q.stakeholder_id"
	" WHERE " SQL_HEAD_OF(":bucket");
/* Where a changed entry is now: its item, speaker and bucket, whether it
 * waits as a floor request (a bucket's candidate), when it was requested
 * and whether it is a floor request heard. */
static const char where_sql[] = "SELECT item_id, stakeholder_id, bucket,"
	" state = 'waiting' AND NOT " SQL_FRONT("queue_entry") ", requested_at,"
	" " SQL_HEARD_STATE("queue_entry") " AND NOT " SQL_FRONT("queue_entry")
	" FROM queue_entry WHERE id = ?1";
/* A person's first floor request waiting on an item: its bucket (a
 * person's entries are all of their bucket) and its place in request
 * order. */
static const char person_sql[] = "SELECT bucket, requested_at, id FROM queue_entry"
	" INDEXED BY queue_entry_stakeholder WHERE stakeholder_id = ?1 AND item_id = ?2"
	" AND state = 'waiting' AND NOT " SQL_FRONT("queue_entry")
	" ORDER BY requested_at, id LIMIT 1";
/* The item's floor requests heard, in request order, on their index. */
static const char heard_sql[] = "SELECT requested_at, id FROM queue_entry"
	" INDEXED BY queue_entry_heard WHERE item_id = ?1 AND " SQL_HEARD_STATE("queue_entry")
	" AND NOT " SQL_FRONT("queue_entry") " ORDER BY requested_at, id";

/* store_watch_changes' callback: a change placed, or not. */
static void on_change(const char *tbl, int64_t row_id, int64_t item, void *ctx)
{
	(void)item;
	changes *c = ctx;
	int entry = !strcmp(tbl, "queue_entry"), person = !strcmp(tbl, "stakeholder");
	size_t *n = entry ? &c->n_entries : &c->n_people;
	if ((entry || person) && *n < TOUCHED_MAX)
		(entry ? c->entries : c->people)[(*n)++] = row_id;
	else if (entry || person || !strcmp(tbl, "speaking_time") ||
		 !strcmp(tbl, "item_speaking_time"))
		c->unplaced = 1;
}

rs_status store_heads_attach(rs_db *db)
{
	if (!(db->heads = calloc(ITEMS_KEPT, sizeof *db->heads)))
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	return RS_OK;
}

static void head_clear(head *x)
{
	rs_queue_entry_clear(&x->e);
	free(x->bucket);
}

static void forget_heads(store_heads *h)
{
	for (size_t i = 0; i < h->n; i++)
		head_clear(&h->v[i]);
	h->n = 0;
	h->heads_read = 0;
}

/* Keeps nothing of the item: the next load reads every bucket, the walks
 * begin at the start. */
static void forget_kept(store_heads *h)
{
	forget_heads(h);
	h->n_heard = 0;
	h->heard_read = 0;
	h->walk[0] = h->walk[1] = WALK_START;
}

/* Keeps nothing. */
static void forget(store_heads *h)
{
	forget_kept(h);
	h->item_id = 0;
}

void store_heads_detach(rs_db *db)
{
	if (!db->heads)
		return;
	for (int i = 0; i < ITEMS_KEPT; i++) {
		forget(&db->heads[i]);
		free(db->heads[i].v);
		free(db->heads[i].heard);
	}
	free(db->heads);
	db->heads = NULL;
}

static int cmp_head(const void *a, const void *b)
{
	int64_t x = ((const head *)a)->e.id, y = ((const head *)b)->e.id;
	return (x > y) - (x < y);
}

/* The last head moved to its place by id among those before it. */
static void insert_last(store_heads *h)
{
	head last = h->v[h->n - 1];
	size_t lo = 0, hi = h->n - 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (h->v[mid].e.id < last.e.id)
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(&h->v[lo + 1], &h->v[lo], (h->n - 1 - lo) * sizeof *h->v);
	h->v[lo] = last;
}

/* Adds the heads st reads (bound and ready to step) to h, in id order. */
static rs_status read_heads(rs_db *db, store_heads *h, sqlite3_stmt *st)
{
	rs_status rc = RS_OK;
	size_t before = h->n;
	int r;
	while (rc == RS_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		head *v = store_room(h->v, h->n, &h->cap, sizeof *v);
		if (!v) {
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
			break;
		}
		h->v = v;
		head *x = &v[h->n++];
		x->bucket = store_col_dup(st, SQL_LOAD_NCOLUMNS);
		if (!store_queue_read_entry(st, &x->e) || !x->bucket)
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	if (rc == RS_OK && r != SQLITE_DONE)
		rc = store_fail(db, "queue");
	store_release(db, st);
	if (h->n == before + 1 && before) /* one bucket's head read again: into its place */
		insert_last(h);
	else if (h->n > before)
		qsort(h->v, h->n, sizeof *h->v, cmp_head);
	return rc;
}

static rs_status read_all(rs_db *db, store_heads *h)
{
	sqlite3_stmt *st;
	forget_heads(h);
	rs_status rc = store_prepare_kept(db, &st, all_sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":item"), h->item_id);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":held_rule"), h->held_rule);
	rc = read_heads(db, h, st);
	h->heads_read = rc == RS_OK;
	return rc;
}

/* The bucket's head read again (none if nobody waits in it now). */
static rs_status read_bucket(rs_db *db, store_heads *h, const char *bucket)
{
	for (size_t i = 0; i < h->n; i++)
		if (!strcmp(h->v[i].bucket, bucket)) {
			head_clear(&h->v[i]);
			memmove(&h->v[i], &h->v[i + 1], (h->n - i - 1) * sizeof *h->v);
			h->n--;
			break; /* a bucket has one head */
		}
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, one_sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":item"), h->item_id);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":bucket"), bucket, -1,
			  SQLITE_TRANSIENT);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":held_rule"), h->held_rule);
	return read_heads(db, h, st);
}

/* Buckets to read again: two an entry changed (the one it left, the one it
 * joined), one its speaker's and one a person's. */
enum { MARKS_MAX = TOUCHED_MAX * 4 };

/* Adds bucket b to the n in marks (each once); 0 when they are full. */
static int mark(const char **marks, size_t *n, const char *b)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(marks[i], b))
			return 1;
	if (*n == MARKS_MAX)
		return 0;
	marks[(*n)++] = b;
	return 1;
}

/* Request a comes before b. */
static int key_before(request_key a, request_key b)
{
	return a.at < b.at || (a.at == b.at && a.id < b.id);
}

/* The place of key k among the heard: the first not before it. */
static size_t heard_place(const store_heads *h, request_key k)
{
	size_t lo = 0, hi = h->n_heard;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (key_before(h->heard[mid], k))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Entry `id` out of the heard, found by its key (now k: a request's time
 * seldom changes) or else by its id. */
static void heard_drop(store_heads *h, request_key k)
{
	size_t i = heard_place(h, k);
	if (i == h->n_heard || h->heard[i].id != k.id)
		for (i = 0; i < h->n_heard && h->heard[i].id != k.id; i++)
			;
	if (i == h->n_heard)
		return;
	memmove(&h->heard[i], &h->heard[i + 1], (h->n_heard - i - 1) * sizeof *h->heard);
	h->n_heard--;
}

/* Key k into the heard at its place; 0 without memory. */
static int heard_add(store_heads *h, request_key k)
{
	request_key *v = store_room(h->heard, h->n_heard, &h->cap_heard, sizeof *v);
	if (!v)
		return 0;
	h->heard = v;
	size_t i = heard_place(h, k);
	memmove(&v[i + 1], &v[i], (h->n_heard - i) * sizeof *v);
	v[i] = k;
	h->n_heard++;
	return 1;
}

/* The heard as entry id is now (st: where_sql's row, or done when it is
 * gone); 0 without memory. */
static int heard_patch(store_heads *h, int64_t id, sqlite3_stmt *st, int r)
{
	if (!h->heard_read)
		return 1;
	request_key k = {r == SQLITE_ROW ? sqlite3_column_int64(st, 4) : -1, id};
	heard_drop(h, k);
	return r != SQLITE_ROW || sqlite3_column_int64(st, 0) != h->item_id ||
	       !sqlite3_column_int(st, 5) || heard_add(h, k);
}

/* Entry id, changed since: the buckets it may have left or joined, and
 * those whose head is its speaker (their earlier speeches counted in the
 * head), and the heard as it is now; *who its speaker (0: gone).  *full
 * when it is no longer there and was no head (what it was is unknown:
 * read them all). */
static rs_status place_change(rs_db *db, store_heads *h, int64_t id, char **now_in,
			      int64_t *who, const char **marks, size_t *n_marks, int *full)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, where_sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st), was_head = 0;
	*who = r == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
	for (size_t i = 0; i < h->n && !*full; i++)
		if (h->v[i].e.id == id ||
		    (r == SQLITE_ROW && h->v[i].e.stakeholder_id == sqlite3_column_int64(st, 1))) {
			was_head |= h->v[i].e.id == id;
			*full = !mark(marks, n_marks, h->v[i].bucket);
		}
	if ((r == SQLITE_ROW || r == SQLITE_DONE) && !heard_patch(h, id, st, r))
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	else if (r == SQLITE_ROW && sqlite3_column_int64(st, 0) == h->item_id &&
		 sqlite3_column_int(st, 3) && !(*now_in = store_col_dup(st, 2)))
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	else if (r == SQLITE_DONE && !was_head)
		*full = 1;
	else if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_fail(db, "queue");
	store_release(db, st);
	return rc;
}

/* Under the accreditation rule, where person `who` waits (changed, or an
 * entry of theirs): accredited now, their request may head its bucket and
 * be the first come that can be called, passed over before; a speech of
 * theirs undone, the first who has not spoken.  The walks begin there at
 * the latest; *in gets its bucket when the heads are kept (NULL: none). */
static rs_status person_waits(rs_db *db, store_heads *h, int64_t who, char **in)
{
	sqlite3_stmt *st;
	*in = NULL;
	rs_status rc = store_prepare_kept(db, &st, person_sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, who);
	sqlite3_bind_int64(st, 2, h->item_id);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		request_key k = {sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2)};
		for (int i = 0; i < 2; i++)
			if (key_before(k, h->walk[i]))
				h->walk[i] = k;
	}
	if (r == SQLITE_ROW && h->heads_read && !(*in = store_col_dup(st, 0)))
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	else if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_fail(db, "queue");
	store_release(db, st);
	return rc;
}

/* h brought up to date after the changes c. */
static rs_status patch(rs_db *db, store_heads *h, const changes *c)
{
	const char *marks[MARKS_MAX];
	char *joined[TOUCHED_MAX] = {0}, *waits_in[2 * TOUCHED_MAX] = {0};
	int64_t who[2 * TOUCHED_MAX];
	size_t n_marks = 0, n_joined = 0, n_who = 0;
	int full = c->unplaced;
	rs_status rc = RS_OK;
	for (size_t i = 0; rc == RS_OK && !full && i < c->n_entries; i++) {
		rc = place_change(db, h, c->entries[i], &joined[n_joined], &who[n_who], marks,
				  &n_marks, &full);
		n_who += who[n_who] != 0;
		if (rc == RS_OK && joined[n_joined])
			full = !mark(marks, &n_marks, joined[n_joined++]);
	}
	/* A person's name, way of taking part or accreditation is in their head. */
	for (size_t i = 0; !full && i < c->n_people; i++) {
		for (size_t k = 0; !full && k < h->n; k++)
			if (h->v[k].e.stakeholder_id == c->people[i])
				full = !mark(marks, &n_marks, h->v[k].bucket);
		who[n_who++] = c->people[i];
	}
	for (size_t i = 0; rc == RS_OK && !full && h->held_rule && i < n_who; i++)
		if ((rc = person_waits(db, h, who[i], &waits_in[i])) == RS_OK && waits_in[i])
			full = !mark(marks, &n_marks, waits_in[i]);
	/* The marks point into heads that read_bucket replaces: copy them. */
	char *buckets[MARKS_MAX];
	size_t n_buckets = 0;
	for (size_t i = 0; rc == RS_OK && !full && i < n_marks; i++)
		if (!(buckets[n_buckets++] = strdup(marks[i])))
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	for (size_t i = 0; rc == RS_OK && !full && h->heads_read && i < n_buckets; i++)
		rc = read_bucket(db, h, buckets[i]);
	for (size_t i = 0; i < n_buckets; i++)
		free(buckets[i]);
	for (size_t i = 0; i < n_joined; i++)
		free(joined[i]);
	for (size_t i = 0; i < n_who; i++)
		free(waits_in[i]);
	if (rc == RS_OK && full)
		forget_kept(h); /* read again as asked */
	return rc;
}

/* The journal's changes after h->at patched into h; more than can be
 * placed, and h is read all again. */
static rs_status catch_up(rs_db *db, store_heads *h)
{
	changes c = {.unplaced = 0};
	int64_t last;
	int more;
	rs_status rc = store_watch_changes(db, h->at.change_id, TOUCHED_MAX, on_change, &c, &last,
					   &more);
	if (rc == RS_OK && more)
		c.unplaced = 1;
	return rc ? rc : patch(db, h, &c);
}

/* Heads h->v[0, h->n) copied into the list *v (n of it), both by id, as
 * one list by id, each entry once: one allocation for the whole (a list of
 * some 340 heads allocated and copied twice was a tenth of a call). */
static rs_status merge_into(const store_heads *h, rs_queue_entry **v, size_t *n)
{
	rs_queue_entry *all = malloc((*n + h->n ? *n + h->n : 1) * sizeof *all), *w = *v;
	if (!all)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	size_t i = 0, j = 0, k = 0;
	int ok = 1;
	while (i < *n || j < h->n) {
		if (j == h->n || (i < *n && w[i].id <= h->v[j].e.id)) {
			j += j < h->n && w[i].id == h->v[j].e.id; /* read with the list */
			all[k++] = w[i++];
		} else {
			ok &= store_queue_entry_copy(&all[k++], &h->v[j++].e);
		}
	}
	free(w);
	*v = all;
	*n = k;
	return ok ? RS_OK : rs_fail(RS_ERR_RUNTIME, "out of memory");
}

/* h kept for item_id under the rule or not, brought up to date with the
 * journal since it was (another item or rule, and nothing is kept). */
static rs_status sync(rs_db *db, store_heads *h, int64_t item_id, int held_rule)
{
	store_kept_at now;
	store_kept_state state;
	rs_status rc = store_kept_check(db, &h->at, &now, &state);
	if (rc == RS_OK && (h->item_id != item_id || h->held_rule != (held_rule != 0) ||
			    state == STORE_KEPT_LOST)) {
		forget_kept(h);
		h->item_id = item_id;
		h->held_rule = held_rule != 0;
	} else if (rc == RS_OK && state == STORE_KEPT_CHANGES) {
		rc = catch_up(db, h);
	}
	h->at = now;
	if (rc)
		forget(h);
	return rc;
}

/* What the connection keeps of item_id (NULL: nothing). */
static store_heads *kept_of(rs_db *db, int64_t item_id)
{
	for (int i = 0; i < ITEMS_KEPT; i++)
		if (db->heads[i].item_id == item_id)
			return &db->heads[i];
	return NULL;
}

/* What the connection keeps of item_id, else what it kept of the item
 * asked least lately (sync then reads it for item_id). */
static store_heads *kept_for(rs_db *db, int64_t item_id)
{
	store_heads *h = kept_of(db, item_id), *least = &db->heads[0];
	uint64_t last = 0;
	for (int i = 0; i < ITEMS_KEPT; i++) {
		if (db->heads[i].used < least->used)
			least = &db->heads[i];
		if (db->heads[i].used > last)
			last = db->heads[i].used;
	}
	h = h ? h : least;
	h->used = last + 1;
	return h;
}

rs_status store_heads_sync(rs_db *db, int64_t item_id, int held_rule)
{
	return sync(db, kept_for(db, item_id), item_id, held_rule);
}

rs_status store_heads_add(rs_db *db, int64_t item_id, rs_queue_entry **v, size_t *n)
{
	store_heads *h = kept_of(db, item_id);
	if (!h)
		return rs_fail(RS_ERR_RUNTIME, "the heads of item %lld asked, not kept",
			       (long long)item_id);
	rs_status rc = h->heads_read ? RS_OK : read_all(db, h);
	if (rc) {
		forget(h);
		return rc;
	}
	return merge_into(h, v, n);
}

void store_heads_walks(rs_db *db, int64_t item_id, int64_t from[4])
{
	const store_heads *h = kept_of(db, item_id);
	for (int i = 0; i < 2; i++) {
		request_key k = h ? h->walk[i] : WALK_START;
		from[2 * i] = k.at;
		from[2 * i + 1] = k.id;
	}
}

void store_heads_walked(rs_db *db, int64_t item_id, const rs_queue_entry *v, size_t n,
			int first_time)
{
	store_heads *h = kept_of(db, item_id);
	if (!h) /* store_heads_walks failed: nothing kept */
		return;
	request_key first[2] = {WALK_END, WALK_END};
	for (size_t i = 0; i < n; i++) {
		const rs_queue_entry *e = &v[i];
		request_key k = {e->requested_at, e->id};
		if (e->state != QS_WAITING || !policy_is_floor_request(e))
			continue;
		if (key_before(k, first[0]))
			first[0] = k;
		if (e->spoken_before == 0 && key_before(k, first[1]))
			first[1] = k;
	}
	h->walk[0] = first[0];
	if (first_time) /* else that walk was not made: where it begins stays */
		h->walk[1] = first[1];
}

/* The item's heard requests read, in request order. */
static rs_status read_heard(rs_db *db, store_heads *h)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, heard_sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, h->item_id);
	h->n_heard = 0;
	int r;
	while (rc == RS_OK && (r = sqlite3_step(st)) == SQLITE_ROW) /* in order: each goes last */
		if (!heard_add(h, (request_key){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1)}))
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	if (rc == RS_OK && r != SQLITE_DONE)
		rc = store_fail(db, "queue");
	store_release(db, st);
	h->heard_read = rc == RS_OK;
	return rc;
}

/* storage.h: a head's order asks, right after store_heads_add read its
 * item's heads (store_queue_load_head). */
rs_status store_queue_heard_later(rs_db *db, rs_queue_entry *e)
{
	store_heads *h = kept_of(db, e->item_id);
	if (!h || h->at.rollbacks != db->rollbacks)
		return rs_fail(RS_ERR_RUNTIME, "the places lost asked of item %lld, whose heads"
				" are not kept", (long long)e->item_id);
	rs_status rc = h->heard_read ? RS_OK : read_heard(db, h);
	if (rc == RS_OK)
		e->heard_later =
			(int)(h->n_heard - heard_place(h, (request_key){e->requested_at, e->id + 1}));
	return rc;
}
