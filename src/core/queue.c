/* The speaker queue: the state machine of SPEC.md applied to stored entries.
 * Each public function is one journalled action that reads the item's list
 * inside its own write transaction; a floor action also checks that the
 * floor is as the operator saw it, so two terminals pressing "next" at once
 * can neither skip nor double a speaker. */
#include "rostrum/queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floor.h"
#include "rostrum/agenda.h"
#include "rostrum/clock.h"
#include "rostrum/meeting.h"
#include "rostrum/policy.h"
#include "rostrum/text.h"
#include "policy_balance.h"
#include "storage.h"
#include "said.h"

int64_t rs_queue_entry_seconds(const rs_queue_entry *e, int64_t now)
{
	if (e->started_at < 0)
		return 0;
	int64_t until = e->ended_at >= 0 ? e->ended_at : e->paused_at >= 0 ? e->paused_at : now;
	int64_t s = until - e->started_at - e->paused_seconds;
	return s > 0 ? s : 0;
}

int rs_queue_entry_allotted(const rs_queue_entry *e)
{
	return e->allotted;
}

static int holds_floor(const rs_queue_entry *e)
{
	return e->state == QS_SPEAKING || e->state == QS_PAUSED;
}

static int is_point_of_order(const rs_queue_entry *e)
{
	return e->kind && !strcmp(e->kind, "point_of_order");
}

/* A point of order heard while a speech is interrupted holds the floor
 * beside it: the point of order is the one who has it. */
const rs_queue_entry *rs_queue_holder(const rs_queue_entry *v, size_t n)
{
	const rs_queue_entry *h = NULL;
	for (size_t i = 0; i < n; i++)
		if (holds_floor(&v[i]) && (!h || is_point_of_order(&v[i])))
			h = &v[i];
	return h;
}

static const rs_queue_entry *callable_at(const rs_queue_entry *v, size_t n, size_t k);

/* The speech cut resumes at the next call, unless a point of order waits
 * first (first: the first who can be called). */
static const rs_queue_entry *resumes_before(const rs_queue_entry *cut,
					    const rs_queue_entry *first)
{
	return cut && !(first && is_point_of_order(first)) ? cut : NULL;
}

const rs_queue_entry *rs_queue_resumes(const rs_queue_entry *v, size_t n)
{
	return resumes_before(rs_queue_interrupted(v, n), callable_at(v, n, 0));
}

const rs_queue_entry *rs_queue_interrupted(const rs_queue_entry *v, size_t n)
{
	const rs_queue_entry *h = rs_queue_holder(v, n);
	for (size_t i = 0; h && i < n; i++)
		if (holds_floor(&v[i]) && &v[i] != h)
			return &v[i];
	return NULL;
}

rs_countdown rs_queue_countdown(const rs_queue_entry *e, int warning_seconds, int64_t now)
{
	rs_countdown c;
	c.left = (int64_t)rs_queue_entry_allotted(e) - rs_queue_entry_seconds(e, now);
	c.paused = e->state == QS_PAUSED;
	c.state = c.left < 0 ? RS_COUNT_OVERTIME
		  : c.left <= warning_seconds ? RS_COUNT_WARNING
					      : RS_COUNT_RUNNING;
	return c;
}

int rs_kind_is_programme(const char *kind)
{
	static const char *const programme[] = {"opening", "panel", "summary", "closing"};
	for (size_t i = 0; kind && i < sizeof programme / sizeof programme[0]; i++)
		if (!strcmp(kind, programme[i]))
			return 1;
	return 0;
}

void rs_queue_entry_clear(rs_queue_entry *e)
{
	free(e->strings);
	e->strings = NULL;
}

void rs_queue_list_free(rs_queue_entry *e, size_t n)
{
	for (size_t i = 0; e && i < n; i++)
		rs_queue_entry_clear(&e[i]);
	free(e);
}

/* The k-th waiting entry that can be called. */
static const rs_queue_entry *callable_at(const rs_queue_entry *v, size_t n, size_t k)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].state == QS_WAITING && !v[i].held && k-- == 0)
			return &v[i];
	return NULL;
}

const rs_queue_entry *rs_queue_upcoming(const rs_queue_entry *v, size_t n, size_t k)
{
	if (!rs_queue_resumes(v, n))
		return callable_at(v, n, k);
	return k == 0 ? rs_queue_interrupted(v, n) : callable_at(v, n, k - 1);
}

/* Why the speech cut stands where it does: the list's reason column. */
static void say_interrupted(rs_queue_entry *cut, int64_t now)
{
	char left[32];
	int64_t s = (int64_t)rs_queue_entry_allotted(cut) - rs_queue_entry_seconds(cut, now);
	rs_duration_text(s < 0 ? -s : s, left, sizeof left);
	snprintf(cut->reason, sizeof cut->reason,
		 "interrupted by a point of order: resumes after it, %s %s", left,
		 s < 0 ? "over its time" : "left");
}

/* Moves e to `to` at `now`, keeping the time stamps SPEC.md asks for;
 * refuses what the state machine forbids. */
static rs_status apply(rs_queue_entry *e, rs_queue_state to, int64_t now)
{
	rs_queue_state from = e->state;
	if (from == to)
		return rs_fail(RS_ERR_INVALID, "entry %lld (%s) is %s already", (long long)e->id,
			       e->name, rs_queue_state_name(from));
	if (!rs_queue_transition_ok(from, to))
		return rs_fail(RS_ERR_INVALID, "entry %lld (%s) is %s and cannot become %s",
			       (long long)e->id, e->name, rs_queue_state_name(from),
			       rs_queue_state_name(to));
	/* A speech's stamps go forward: a change the clock puts before its last
	 * (called, paused, resumed; the clock set back, or another terminal's
	 * behind) is stamped at the last, so no speech ends before it began nor
	 * pause lasts less than nothing.  The request's stamp is not one of
	 * them: made on another clock (the form's import), it would cut the
	 * speech short. */
	if (e->started_at >= 0 && now < e->state_changed_at)
		now = e->state_changed_at;
	if (from == QS_PAUSED) { /* a pause ends when speech resumes or ends */
		e->paused_seconds += now - e->paused_at;
		e->paused_at = -1;
	}
	if (to == QS_SPEAKING && e->started_at < 0)
		e->started_at = now;
	if (to == QS_PAUSED)
		e->paused_at = now;
	if (to == QS_SPOKEN)
		e->ended_at = now;
	e->state = to;
	e->state_changed_at = now;
	return RS_OK;
}

static rs_status move(rs_db *db, rs_queue_entry *e, rs_queue_state to, int64_t now)
{
	rs_status rc = apply(e, to, now);
	if (rc == RS_OK)
		rc = store_queue_save(db, e);
	if (rc == RS_OK && to == QS_SPEAKING)
		rc = store_agenda_mark_started(db, e->item_id, now);
	return rc;
}

/* An item's entries and their waiting order under the item's policy (its
 * own, else the meeting's); the caller frees them with item_queue_free. */
typedef struct {
	rs_queue_entry *entries;
	size_t n;
	rs_queue_entry **order;
	size_t n_order;
	/* What ordered them, kept to order them again after a change made in
	 * memory (the speech that just ended). */
	rs_policy_opts opts;
	rs_balance bal;
	char timezone[64];
	rs_db *db;         /* for the counts a head's order reads as it goes */
	rs_status read_rc; /* the first of those reads that failed */
	/* Read down to a place, not whole: how many can be called in all. */
	size_t callable_all;
	/* The entry acted on, read alone: a floor request waiting further
	 * down than the places read (item_queue_read_to). */
	rs_queue_entry *below;
} item_queue;

/* rs_policy_opts.read_heard_later for a list read by its head. */
static int read_heard_later(void *ctx, rs_queue_entry *e)
{
	item_queue *q = ctx;
	rs_status rc = store_queue_heard_later(q->db, e);
	if (rc && !q->read_rc)
		q->read_rc = rc;
	return rc != RS_OK;
}

/* Orders q's entries into q->order: RS_OK unless a read the order made
 * failed. */
static rs_status item_queue_order(item_queue *q)
{
	rs_policy_order(&q->opts, q->entries, q->n, q->order, &q->n_order);
	return q->read_rc;
}

static void item_queue_free(item_queue *q)
{
	rs_queue_list_free(q->entries, q->n);
	rs_queue_list_free(q->below, q->below ? 1 : 0);
	free(q->order);
	rs_balance_free(&q->bal);
	memset(q, 0, sizeof *q);
}

/* What the balanced order of item_id counts besides the item's own list:
 * the rest of the meeting when the balance is over the meeting; the item's
 * own speeches too when the list is only its head (with_item). */
static rs_status balance_for_order(rs_db *db, int64_t item_id, int with_item, rs_balance *b)
{
	return rs_balance_load_scoped(db, item_id, with_item ? 0 : item_id, b);
}

/* How much of an item's queue to read: all of it, in order with every
 * reason, or only what deciding the first places needs (order[0, depth) is
 * right, the rest is not the list; QUEUE_HEAD: depth 1), or only who holds
 * the floor (ending, pausing or resuming a speech, or giving the floor to
 * an entry named, orders nobody: under balanced the head was a walk of
 * every bucket).  QUEUE_NEXT reads as QUEUE_HEAD but orders only when
 * nobody holds the floor: a speech going on ends first (calling the next
 * speaker orders the list then, the speech counted) or the call is refused.
 */
typedef enum { QUEUE_WHOLE, QUEUE_HEAD, QUEUE_HOLDER, QUEUE_NEXT } queue_part;

static rs_status item_queue_read_depth(rs_db *db, int64_t item_id, queue_part part,
				       size_t depth, item_queue *q);
static rs_status item_queue_append(item_queue *q, rs_queue_entry *v, size_t n);
static size_t callable(const item_queue *q);

/* A head read under the accreditation rule passed over those it holds
 * back: when fewer than `depth` can be called, the first of those held
 * fill the places after them (first come: the walk for them passes the
 * few that can be called, where reading the whole list to place them
 * read every one). */
static rs_status item_queue_held_to(item_queue *q, int64_t item_id, size_t depth)
{
	size_t k = callable(q);
	if (k >= depth)
		return RS_OK;
	rs_queue_entry *v;
	size_t n;
	rs_status rc = store_queue_load_held(q->db, item_id, depth - k, &v, &n);
	if (rc == RS_OK && n)
		return item_queue_append(q, v, n);
	if (rc == RS_OK)
		free(v);
	return rc;
}

static rs_status item_queue_read(rs_db *db, int64_t item_id, queue_part part, item_queue *q)
{
	return item_queue_read_depth(db, item_id, part, 1, q);
}

static rs_status item_queue_read_depth(rs_db *db, int64_t item_id, queue_part part,
				       size_t depth, item_queue *q)
{
	memset(q, 0, sizeof *q);
	int order_later = part == QUEUE_NEXT;
	if (part == QUEUE_NEXT)
		part = QUEUE_HEAD;
	rs_policy policy;
	int require_accreditation;
	rs_status rc = store_meeting_rules(db, item_id, &policy, &require_accreditation,
					   q->timezone, sizeof q->timezone);
	if (rc)
		return rc;
	q->opts = (rs_policy_opts){.policy = policy, .timezone = q->timezone, .now = rs_now(),
				   .require_accreditation = require_accreditation};
	if (part == QUEUE_HEAD)
		rc = store_queue_load_head(db, item_id, q->opts.policy, require_accreditation, depth,
					   &q->entries, &q->n);
	else if (part == QUEUE_HOLDER)
		rc = store_queue_load_holder(db, item_id, &q->entries, &q->n);
	else
		rc = store_queue_load(db, item_id, &q->entries, &q->n);
	if (rc == RS_OK && !(q->order = malloc((q->n ? q->n : 1) * sizeof *q->order)))
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	if (part == QUEUE_HEAD) {
		q->opts.decide = depth;
		q->opts.heard_counted = 1;
		q->opts.read_heard_later = read_heard_later;
		q->opts.read_ctx = q;
		q->db = db;
	}
	if (rc == RS_OK && q->opts.policy == POLICY_BALANCED && part != QUEUE_HOLDER &&
	    (rc = balance_for_order(db, item_id, part == QUEUE_HEAD, &q->bal)) == RS_OK)
		q->opts.balance = &q->bal;
	/* Ordered later, once the speech going on has ended and counts: a call
	 * that finds nobody to call then ends the speech only. */
	int ordered = !(order_later && rs_queue_holder(q->entries, q->n));
	if (rc == RS_OK && ordered)
		rc = item_queue_order(q);
	if (rc == RS_OK && ordered && part == QUEUE_HEAD && require_accreditation)
		rc = item_queue_held_to(q, item_id, depth);
	if (rc)
		item_queue_free(q);
	return rc;
}

/* Moves v[0, n) to the end of *all (*n_all of them); v's container freed. */
static rs_status entries_join(rs_queue_entry **all, size_t *n_all, rs_queue_entry *v, size_t n)
{
	rs_queue_entry *e = realloc(*all, (*n_all + n) * sizeof *e);
	if (!e) {
		rs_queue_list_free(v, n);
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	memcpy(e + *n_all, v, n * sizeof *v);
	*all = e;
	*n_all += n;
	free(v);
	return RS_OK;
}

/* Adds v[0, n) to q's entries (v's container freed) and orders q again. */
static rs_status item_queue_append(item_queue *q, rs_queue_entry *v, size_t n)
{
	rs_queue_entry **o = realloc(q->order, (q->n + n) * sizeof *o);
	if (!o) {
		rs_queue_list_free(v, n);
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	q->order = o;
	rs_status rc = entries_join(&q->entries, &q->n, v, n);
	return rc ? rc : item_queue_order(q);
}

/* Orders q again after speech h ended in memory: it counts as heard
 * (it did while it went on), and its speaker has spoken once more. */
static rs_status item_queue_after_speech(item_queue *q, const rs_queue_entry *h)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->entries[i].stakeholder_id == h->stakeholder_id && &q->entries[i] != h)
			q->entries[i].spoken_before++;
	return item_queue_order(q);
}

static rs_status item_queue_load(rs_db *db, int64_t item_id, item_queue *q)
{
	return item_queue_read(db, item_id, QUEUE_WHOLE, q);
}

/* The waiting entries that can be called: order[0, callable(q)). */
static size_t callable(const item_queue *q)
{
	size_t k = 0;
	while (k < q->n_order && !q->order[k]->held)
		k++;
	return k;
}

/* The entries that can be called in all, q read whole or down to a place. */
static size_t callable_total(const item_queue *q)
{
	return q->callable_all ? q->callable_all : callable(q);
}

/* Refuses an entry the meeting's rule holds back, saying why. */
static rs_status check_not_held(const rs_queue_entry *e)
{
	if (!e->held)
		return RS_OK;
	return rs_fail(RS_ERR_INVALID, "entry %lld (%s) is %s; record an accreditation first"
				       " (rostrum stakeholder accredit)",
		       (long long)e->id, e->name, e->reason);
}

static rs_queue_entry *holder(item_queue *q)
{
	return (rs_queue_entry *)rs_queue_holder(q->entries, q->n);
}

static rs_queue_entry *interrupted(item_queue *q)
{
	return (rs_queue_entry *)rs_queue_interrupted(q->entries, q->n);
}

static rs_queue_entry *find_entry(item_queue *q, int64_t id)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->entries[i].id == id)
			return &q->entries[i];
	return NULL;
}

static rs_status check_item(rs_db *db, int64_t item_id)
{
	rs_status rc = store_exists(db, "agenda_item", item_id);
	if (rc == RS_ERR_INVALID)
		return rs_fail(rc, "no agenda item %lld", (long long)item_id);
	return rc;
}

/* ---- adding to the list --------------------------------------------------- */

/* Fills the stored fields of a new entry from in, against the item's list:
 * its place among the programme speakers, or the speech it replies to. */
/* What a new entry needs checked and filled, from what the item holds:
 * nobody twice on it with one kind, the programme's next place, the speech
 * a reply answers (named, or the one going on, or the last given). */
static rs_status new_entry(rs_db *db, const rs_queue_new *in, const rs_kind *k,
			   store_queue_row *row)
{
	store_queue_facts f;
	int reply = !strcmp(k->code, "reply");
	rs_status rc = store_queue_add_facts(db, in->item_id, in->stakeholder_id, k->code,
					     reply ? in->reply_to : 0, &f);
	if (rc)
		return rc;
	if (f.is_break)
		return floor_refuse_break(f.item_title);
	snprintf(row->name, sizeof row->name, "%s", f.who_name);
	if (f.queued)
		return rs_fail(RS_ERR_INVALID, "%s is already %s on this item (entry %lld)",
			       f.queued_name, f.queued_state, (long long)f.queued);
	if (rs_kind_is_programme(k->code) && !row->from_form)
		row->programme_order = f.max_programme_order + 1;
	if (reply && in->reply_to > 0 && !f.named_reply)
		return rs_fail(RS_ERR_INVALID, "--to: entry %lld is not on this item's list",
			       (long long)in->reply_to);
	if (reply && !(row->reply_to = in->reply_to > 0 ? f.named_reply : f.last_speech))
		return rs_fail(RS_ERR_INVALID,
			       "a reply answers a speech, and nobody has spoken on this item yet");
	return RS_OK;
}

/* A participation and a language as given (NULL: as they are), checked
 * and made canonical. */
static rs_status check_way(const char **participation, const char **language)
{
	const char *p = *participation ? rs_participation_code(*participation) : NULL;
	const char *l = *language ? rs_language_code(*language) : NULL;
	if (*participation && !p)
		return rs_fail(RS_ERR_INVALID, "--participation: '%s' is not in_room or online",
			       *participation);
	if (*language && !l)
		return rs_fail(RS_ERR_INVALID, "--language: '%s' is not one of ar zh en fr ru es",
			       *language);
	*participation = p;
	*language = l;
	return RS_OK;
}

static rs_status check_new(const rs_queue_new *in, const rs_kind **k)
{
	const char *kind = in->kind && *in->kind ? in->kind : "floor";
	if (rs_input_check("--slot", in->slot, RS_INPUT_LINE))
		return RS_ERR_INVALID;
	if (!(*k = rs_kind_find(kind)))
		return rs_fail(RS_ERR_INVALID, "--kind: unknown intervention kind '%s'", kind);
	const char *participation = in->participation, *language = in->language;
	rs_status rc = check_way(&participation, &language);
	if (rc)
		return rc;
	if (in->slot && *in->slot && !rs_kind_is_programme((*k)->code))
		return rs_fail(RS_ERR_INVALID,
			       "--slot: only programme speakers (opening, panel, summary, "
			       "closing) fill a slot");
	if (in->reply_to > 0 && strcmp((*k)->code, "reply"))
		return rs_fail(RS_ERR_INVALID, "--to: only a reply answers a speech");
	return RS_OK;
}

/* The body of every addition: in, stored as row says, inside the action. */
static rs_status insert_new(rs_db *db, const rs_queue_new *in, store_queue_row *row,
			    int64_t *entry_id)
{
	const rs_kind *k = NULL;
	rs_status rc = check_new(in, &k);
	if (rc == RS_OK)
		rc = check_item(db, in->item_id);
	if (rc == RS_OK && (rc = store_exists(db, "stakeholder", in->stakeholder_id)) ==
				   RS_ERR_INVALID)
		rs_fail(rc, "no stakeholder %lld", (long long)in->stakeholder_id);
	row->item_id = in->item_id;
	row->stakeholder_id = in->stakeholder_id;
	row->kind = k ? k->code : NULL;
	row->slot = in->slot;
	row->participation = in->participation ? rs_participation_code(in->participation) : NULL;
	row->language = in->language ? rs_language_code(in->language) : NULL;
	if (rc == RS_OK)
		rc = new_entry(db, in, k, row);
	if (rc == RS_OK)
		rc = store_queue_insert_row(db, row, entry_id);
	return rc;
}

rs_status queue_add_within(rs_db *db, const rs_queue_new *in, int64_t now, int64_t *entry_id)
{
	store_queue_row row = {.requested_at = now, .now = now};
	return insert_new(db, in, &row, entry_id);
}

/* What the journal says of an action on one entry: "absent: Ana Ruiz on
 * 'Thematic discussion I'", what was done, to whom, on which item (prep:
 * "on", or "from" for what takes them off it). */
static void entry_said(said *s, rs_db *db, const char *what, const char *name, const char *prep,
		       int64_t item_id)
{
	said_add(s, "%s: %s", what, name);
	said_item(s, db, prep, item_id);
}

rs_status rs_queue_takes_requests(rs_db *db, int64_t item_id)
{
	rs_agenda_item it = {0};
	rs_status rc = rs_agenda_get(db, item_id, &it);
	if (rc == RS_OK && !rs_agenda_takes_floor(&it))
		rc = floor_refuse_break(it.title);
	rs_agenda_item_clear(&it);
	return rc;
}

rs_status rs_queue_add_entry(rs_db *db, const rs_queue_new *in, int64_t *entry_id)
{
	rs_status rc = rs_action_begin(db, "queue.add");
	if (rc)
		return rc;
	int64_t now = rs_now(), id = 0;
	store_queue_row row = {.requested_at = now, .now = now};
	rc = insert_new(db, in, &row, &id);
	if (entry_id)
		*entry_id = id;
	char kind[40];
	rs_text_code_words(row.kind ? row.kind : "", kind, sizeof kind);
	said line = {0};
	if (rc == RS_OK)
		entry_said(&line, db, kind, row.name, "on", in->item_id);
	return rs_action_end(db, rc, "queue_entry", id, line.text);
}

rs_status rs_queue_add(rs_db *db, int64_t item_id, int64_t stakeholder_id,
		       const char *kind, int64_t *entry_id)
{
	rs_queue_new in = {.item_id = item_id, .stakeholder_id = stakeholder_id, .kind = kind};
	return rs_queue_add_entry(db, &in, entry_id);
}

rs_status rs_queue_place_request(rs_db *db, int64_t item_id, int64_t stakeholder_id,
				 int64_t *entry_id)
{
	rs_status rc = rs_action_begin(db, "queue.place");
	if (rc)
		return rc;
	rs_stakeholder s = {0};
	int64_t id = 0, now = rs_now();
	int placed = 0;
	rc = rs_stakeholder_get(db, stakeholder_id, &s);
	if (rc == RS_OK && !s.wants_to_speak)
		rc = rs_fail(RS_ERR_INVALID, "%s did not ask to speak in the registration form",
			     s.name);
	if (rc == RS_OK && s.wants_to_speak == 2)
		rc = rs_fail(RS_ERR_INVALID, "%s asked for a panel seat, not the floor: panel"
					     " propose ITEM weighs it", s.name);
	if (rc == RS_OK && (rc = store_queue_request_placed(db, stakeholder_id, &placed)) == RS_OK &&
	    placed)
		rc = rs_fail(RS_ERR_INVALID, "%s's request to speak is already on a list", s.name);
	rs_queue_new in = {.item_id = item_id, .stakeholder_id = stakeholder_id,
			   .kind = "floor"};
	store_queue_row row = {.requested_at = s.registered_at >= 0 ? s.registered_at : now,
			       .now = now, .from_form = 1};
	if (rc == RS_OK)
		rc = insert_new(db, &in, &row, &id);
	if (entry_id)
		*entry_id = id;
	said line = {0};
	if (rc == RS_OK)
		entry_said(&line, db, "form request placed", row.name, "on", item_id);
	rs_stakeholder_clear(&s);
	return rs_action_end(db, rc, "queue_entry", id, line.text);
}

rs_status rs_queue_each_unplaced(rs_db *db, rs_stakeholder_cb cb, void *ctx)
{
	return store_queue_each_unplaced(db, cb, ctx);
}

/* ---- the floor --------------------------------------------------------------- */

static const char *const floor_action_names[] = {
	[RS_FLOOR_START] = "queue.start", [RS_FLOOR_NEXT] = "queue.next",
	[RS_FLOOR_END] = "queue.end",     [RS_FLOOR_PAUSE] = "queue.pause",
	[RS_FLOOR_RESUME] = "queue.resume", [RS_FLOOR_GIVE] = "queue.give",
};

/* The floor as the operator saw it, or a refusal that says who holds it
 * now, so the operator can look again. */
static rs_status check_expected(const rs_queue_entry *h, int64_t expect)
{
	if (expect == RS_EXPECT_ANY || (h ? h->id : 0) == expect)
		return RS_OK;
	if (!h)
		return rs_fail(RS_ERR_INVALID,
			       "the floor changed meanwhile: nobody has it now (entry %lld's speech "
			       "has ended); nothing done",
			       (long long)expect);
	return rs_fail(RS_ERR_INVALID,
		       "the floor changed meanwhile: %s (entry %lld) speaks now; nothing done",
		       h->name, (long long)h->id);
}

static rs_status call(rs_db *db, rs_queue_entry *e, int64_t now, int64_t *entry_id)
{
	*entry_id = e->id;
	return move(db, e, QS_SPEAKING, now);
}

/* The body of start and next: give the floor to the first proposed. */
static rs_status call_next(rs_db *db, item_queue *q, int64_t now, int64_t *entry_id)
{
	if (q->n_order == 0)
		return rs_fail(RS_ERR_INVALID, "nobody is waiting to speak on this item");
	if (callable(q) == 0) {
		/* Read by its head, the list holds the first of them: all that
		 * wait are held back. */
		size_t waiting = q->n_order, dealt;
		rs_status rc = q->db ? store_queue_counts(db, q->order[0]->item_id, &waiting, &dealt)
				     : RS_OK;
		return rc ? rc
			  : rs_fail(RS_ERR_INVALID, "nobody can be called: %zu waiting held back (%s)",
				    waiting, q->order[0]->reason);
	}
	return call(db, q->order[0], now, entry_id);
}

/* What becomes of the floor's holder h when e is given the floor: a point
 * of order interrupts a speech (paused, to resume after it), as the chair
 * hears one at once; anything else ends the speech, and the one a point
 * of order interrupted with it. */
int rs_queue_gives_back(const rs_queue_entry *h, const rs_queue_entry *e,
			const rs_queue_entry *cut)
{
	return is_point_of_order(e) && !cut && !is_point_of_order(h);
}

static rs_status hand_over(rs_db *db, item_queue *q, rs_queue_entry *h,
			   const rs_queue_entry *e, int64_t now)
{
	rs_queue_entry *cut = interrupted(q);
	if (rs_queue_gives_back(h, e, cut))
		return h->state == QS_PAUSED ? RS_OK : move(db, h, QS_PAUSED, now);
	rs_status rc = move(db, h, QS_SPOKEN, now);
	if (rc == RS_OK && cut && !is_point_of_order(e))
		rc = move(db, cut, QS_SPOKEN, now);
	return rc;
}

/* GIVE: the chosen waiting entry speaks; whoever spoke before ends, or is
 * interrupted by a point of order (hand_over). */
static rs_status give(rs_db *db, item_queue *q, int64_t entry, int64_t now, int64_t *entry_id)
{
	/* The list's head was read: the entry too, when it is not in it. */
	if (!find_entry(q, entry)) {
		rs_queue_entry *v;
		size_t n;
		rs_status rc = store_queue_load_entry(db, entry, &v, &n);
		if (rc == RS_OK && n)
			rc = item_queue_append(q, v, n);
		else if (rc == RS_OK)
			free(v);
		if (rc)
			return rc;
	}
	rs_queue_entry *e = find_entry(q, entry), *h = holder(q);
	if (!e)
		return rs_fail(RS_ERR_INVALID, "no queue entry %lld", (long long)entry);
	if (e->state != QS_WAITING)
		return rs_fail(RS_ERR_INVALID, "entry %lld (%s) is %s, not waiting", (long long)e->id,
			       e->name, rs_queue_state_name(e->state));
	rs_status rc = check_not_held(e);
	if (rc == RS_OK && h)
		rc = hand_over(db, q, h, e, now);
	return rc ? rc : call(db, e, now, entry_id);
}

static rs_status floor_step(rs_db *db, rs_floor_op op, int64_t target,
			    item_queue *q, int64_t now, int64_t *entry_id)
{
	rs_queue_entry *h = holder(q);
	*entry_id = h ? h->id : 0;
	switch (op) {
	case RS_FLOOR_START:
		if (h)
			return rs_fail(RS_ERR_INVALID, "%s already has the floor (entry %lld)",
				       h->name, (long long)h->id);
		return call_next(db, q, now, entry_id);
	case RS_FLOOR_GIVE:
		return give(db, q, target, now, entry_id);
	case RS_FLOOR_NEXT: {
		rs_queue_entry *cut = interrupted(q);
		rs_status rc = h ? move(db, h, QS_SPOKEN, now) : RS_OK;
		if (rc)
			return rc;
		/* The speech just ended now counts for the balance. */
		int had_holder = h != NULL;
		if (h && (rc = item_queue_after_speech(q, h)))
			return rc;
		*entry_id = 0;
		/* After a point of order, the speech it interrupted goes on,
		 * unless another point of order waits. */
		if (resumes_before(cut, callable(q) ? q->order[0] : NULL)) {
			*entry_id = cut->id;
			return move(db, cut, QS_SPEAKING, now);
		}
		if (callable(q) == 0 && !had_holder)
			return q->n_order ? call_next(db, q, now, entry_id)
					  : rs_fail(RS_ERR_INVALID,
						    "nobody has the floor and nobody is waiting on "
						    "this item");
		return callable(q) ? call_next(db, q, now, entry_id) : RS_OK;
	}
	default:
		break;
	}
	if (!h)
		return rs_fail(RS_ERR_INVALID, "nobody has the floor on this item");
	rs_queue_state to = op == RS_FLOOR_END     ? QS_SPOKEN
			    : op == RS_FLOOR_PAUSE ? QS_PAUSED
						   : QS_SPEAKING;
	if (op == RS_FLOOR_END)
		*entry_id = 0;
	return move(db, h, to, now);
}

/* What the journal says of a floor action: who has the floor now, and
 * whose speech ended when nobody follows (undo offered "queue.end: floor
 * open", naming nobody).  was held the floor before it. */
static void floor_summary(item_queue *q, rs_floor_op op, const char *was, int64_t cut_before,
			  const rs_queue_entry *h, int64_t id, said *out)
{
	const rs_queue_entry *e = id ? find_entry(q, id) : NULL, *cut = interrupted(q);
	if (op == RS_FLOOR_PAUSE || op == RS_FLOOR_RESUME)
		said_add(out, "%s %s", op == RS_FLOOR_PAUSE ? "paused" : "resumed",
			 h ? h->name : "");
	else if (e && cut && e == h)
		said_add(out, "floor to %s, a point of order; %s's speech interrupted", e->name,
			 cut->name);
	else if (e && e->id == cut_before)
		said_add(out, "%s's point of order ended; floor back to %s", was ? was : "",
			 e->name);
	else if (e)
		said_add(out, "floor to %s", e->name);
	else if (was && h)
		said_add(out, "%s's point of order ended; %s has the floor, paused", was, h->name);
	else if (was)
		said_add(out, "%s's speech ended; floor open", was);
	else
		said_add(out, "floor open");
}

/* The item a floor action is on: target itself, or a GIVE's entry's. */
static rs_status floor_item(rs_db *db, rs_floor_op op, int64_t target, int64_t *item_id)
{
	if (op == RS_FLOOR_GIVE)
		return store_queue_entry_item(db, target, item_id);
	*item_id = target;
	return check_item(db, target);
}

/* The body of every floor action; floor_seconds > 0: the floor's time on
 * the item is set first, in the same action (pacing's offer). */
static rs_status floor_action(rs_db *db, rs_floor_op op, int64_t target, int64_t expect,
			      int floor_seconds, int64_t *entry_id)
{
	if ((unsigned)op > RS_FLOOR_GIVE)
		return rs_fail(RS_ERR_INVALID, "unknown floor action");
	int64_t id = 0, item_id = 0, now = rs_now();
	rs_status rc = rs_action_begin(db, floor_action_names[op]);
	if (rc)
		return rc;
	item_queue q = {0};
	rc = floor_item(db, op, target, &item_id);
	/* Only calling the next speaker orders the list. */
	if (rc == RS_OK)
		rc = item_queue_read(db, item_id,
				     op == RS_FLOOR_START || op == RS_FLOOR_NEXT ? QUEUE_NEXT
										 : QUEUE_HOLDER,
				     &q);
	if (rc == RS_OK)
		rc = check_expected(holder(&q), expect);
	/* Giving the floor on an item moves the meeting there. */
	if (rc == RS_OK && (op == RS_FLOOR_START || op == RS_FLOOR_NEXT || op == RS_FLOOR_GIVE))
		rc = meeting_floor_within(db, item_id, now);
	if (rc == RS_OK && floor_seconds > 0)
		rc = store_item_speaking_time(db, item_id, "floor", floor_seconds);
	/* A copy: the step may read more of the list, moving its entries. */
	char *was = rc == RS_OK && holder(&q) ? strdup(holder(&q)->name) : NULL;
	int64_t cut_before = rc == RS_OK && interrupted(&q) ? interrupted(&q)->id : 0;
	if (rc == RS_OK)
		rc = floor_step(db, op, target, &q, now, &id);
	said line = {0};
	if (rc == RS_OK)
		floor_summary(&q, op, was, cut_before, holder(&q), id, &line);
	free(was);
	if (rc == RS_OK && floor_seconds > 0)
		said_add(&line, "; the floor %d:%02d each", floor_seconds / 60, floor_seconds % 60);
	item_queue_free(&q);
	if (entry_id)
		*entry_id = rc ? 0 : id;
	return rs_action_end(db, rc, "queue_entry", id, line.text);
}

rs_status rs_queue_floor(rs_db *db, rs_floor_op op, int64_t target, int64_t expect,
			 int64_t *entry_id)
{
	return floor_action(db, op, target, expect, 0, entry_id);
}

rs_status rs_queue_floor_paced(rs_db *db, rs_floor_op op, int64_t item_id, int64_t expect,
			       int floor_seconds, int64_t *entry_id)
{
	if (op != RS_FLOOR_START && op != RS_FLOOR_NEXT)
		return rs_fail(RS_ERR_INVALID, "pacing goes with calling the next speaker");
	if (floor_seconds < 1 || floor_seconds > RS_MAX_SECONDS)
		return rs_fail(RS_ERR_INVALID, "the floor's time: from 0:01 to 99:59, not %d seconds",
			       floor_seconds);
	return floor_action(db, op, item_id, expect, floor_seconds, entry_id);
}

rs_status rs_queue_start(rs_db *db, int64_t item_id, int64_t *entry_id)
{
	return rs_queue_floor(db, RS_FLOOR_START, item_id, RS_EXPECT_ANY, entry_id);
}

rs_status rs_queue_next(rs_db *db, int64_t item_id, int64_t *entry_id)
{
	return rs_queue_floor(db, RS_FLOOR_NEXT, item_id, RS_EXPECT_ANY, entry_id);
}

rs_status rs_queue_end(rs_db *db, int64_t item_id, int64_t *entry_id)
{
	return rs_queue_floor(db, RS_FLOOR_END, item_id, RS_EXPECT_ANY, entry_id);
}

rs_status rs_queue_pause(rs_db *db, int64_t item_id, int64_t *entry_id)
{
	return rs_queue_floor(db, RS_FLOOR_PAUSE, item_id, RS_EXPECT_ANY, entry_id);
}

rs_status rs_queue_resume(rs_db *db, int64_t item_id, int64_t *entry_id)
{
	return rs_queue_floor(db, RS_FLOOR_RESUME, item_id, RS_EXPECT_ANY, entry_id);
}

/* The operator must say what becomes of h's speech on the item left (for
 * to_item; 0: the item closes, and a speech is not carried to nothing). */
static rs_status refuse_leaving(rs_db *db, int64_t item_id, int64_t to_item,
				const rs_queue_entry *h)
{
	rs_agenda_item it;
	rs_status rc = rs_agenda_get(db, item_id, &it);
	if (rc)
		return rc;
	rc = rs_fail(RS_ERR_INVALID, "%s (entry %lld) is speaking on '%s': end the speech first, %s",
		     h->name, (long long)h->id, *it.code ? it.code : it.title,
		     to_item ? "or say whether to end it or carry it over"
			     : "or say to end it with the item (--end-speech)");
	rs_agenda_item_clear(&it);
	return rc;
}

/* h's speech goes on, on to_item, which must have nobody on the floor. */
static rs_status carry_over(rs_db *db, const rs_queue_entry *h, int64_t to_item)
{
	item_queue there;
	if (to_item <= 0)
		return rs_fail(RS_ERR_INVALID, "a speech can only be carried over to another item");
	rs_agenda_item it;
	rs_status rc = rs_agenda_get(db, to_item, &it);
	if (rc)
		return rc;
	if (!rs_agenda_takes_floor(&it))
		rc = floor_refuse_break(it.title);
	rs_agenda_item_clear(&it);
	if (rc)
		return rc;
	rc = item_queue_read(db, to_item, QUEUE_HOLDER, &there);
	if (rc)
		return rc;
	const rs_queue_entry *other = holder(&there);
	if (other)
		rc = rs_fail(RS_ERR_INVALID, "%s (entry %lld) already holds the floor there",
			     other->name, (long long)other->id);
	item_queue_free(&there);
	return rc ? rc : store_queue_set_item(db, h->id, to_item);
}

rs_status floor_leave(rs_db *db, int64_t item_id, int64_t to_item, rs_speech_rule rule,
		      int64_t expect, int64_t now)
{
	item_queue q; /* who holds the floor: the list's order is not asked */
	rs_status rc = item_queue_read(db, item_id, QUEUE_HOLDER, &q);
	if (rc)
		return rc;
	rs_queue_entry *h = holder(&q), *cut = interrupted(&q);
	if (rule != RS_SPEECH_REFUSE)
		rc = check_expected(h, expect);
	if (h && rc == RS_OK && cut && rule == RS_SPEECH_CARRY)
		rc = rs_fail(RS_ERR_INVALID, "%s (entry %lld) is making a point of order during %s's"
			     " speech: end the point of order first",
			     h->name, (long long)h->id, cut->name);
	else if (h && rc == RS_OK)
		rc = rule == RS_SPEECH_REFUSE ? refuse_leaving(db, item_id, to_item, h)
		     : rule == RS_SPEECH_END  ? move(db, h, QS_SPOKEN, now)
					      : carry_over(db, h, to_item);
	if (cut && rc == RS_OK && rule == RS_SPEECH_END)
		rc = move(db, cut, QS_SPOKEN, now);
	item_queue_free(&q);
	return rc;
}

/* ---- one entry --------------------------------------------------------------- */

/* One action on one entry, named by id: fn does it, given the entry and
 * its item's list in the policy's order. */
typedef rs_status (*entry_fn)(rs_db *db, item_queue *q, rs_queue_entry *e, int arg);

static rs_status item_queue_read_prefix(rs_db *db, int64_t item_id, size_t depth, item_queue *q);

enum { READ_TO_MAX = 2048 };

/* 1 when entry_id is among the first d places of q's order, and so is the
 * place after it and the replies that follow it (a move down goes past
 * them). */
static int read_past(const item_queue *q, size_t d, int64_t entry_id)
{
	for (size_t i = 0; i < d && i < q->n_order; i++)
		if (q->order[i]->id == entry_id) {
			size_t j = i + 1;
			while (j < q->n_order && q->order[j]->by_rule == RS_RULE_AFTER)
				j++;
			return j < q->n_order;
		}
	return 0;
}

/* The list read as a screen reads it, down to place `depth` at least and
 * to the place after entry_id's, further as needed (each time four times
 * as far); q->callable_all says how many wait in all when not all were
 * read.  An entry not waiting is read alone (nothing to place).  With
 * `below_will_do`, an entry not in the first places read is not looked
 * for further: it waits below them all, and is q->below (moving it up
 * to a place needs the places above, not where it was). */
static rs_status item_queue_read_to(rs_db *db, int64_t item_id, int64_t entry_id, size_t depth,
				    int below_will_do, item_queue *q)
{
	size_t waiting, dealt;
	rs_queue_entry *alone;
	size_t n_alone;
	rs_status rc = store_queue_load_entry(db, entry_id, &alone, &n_alone);
	if (rc || (n_alone && alone[0].state != QS_WAITING)) {
		q->entries = alone;
		q->n = n_alone;
		return rc; /* not on the list to move: the entry says why */
	}
	rc = store_queue_counts(db, item_id, &waiting, &dealt);
	for (size_t d = depth < 32 ? 32 : depth; rc == RS_OK; d *= 4) {
		/* Deep down, the whole list costs less than a screen's read
		 * of that depth (under balanced, many buckets read deep). */
		if (d > READ_TO_MAX)
			break;
		if ((rc = item_queue_read_prefix(db, item_id, d + 1, q)))
			break;
		if (d + 1 >= waiting) {
			rs_queue_list_free(alone, n_alone);
			return RS_OK; /* the whole list */
		}
		/* Not all waiting can be called: how many can is not known. */
		if (q->opts.require_accreditation) {
			item_queue_free(q);
			break;
		}
		q->callable_all = waiting;
		if (read_past(q, d, entry_id)) {
			rs_queue_list_free(alone, n_alone);
			return RS_OK;
		}
		if (below_will_do && n_alone) {
			q->below = alone;
			return RS_OK;
		}
		int balanced = q->opts.policy == POLICY_BALANCED;
		item_queue_free(q);
		if (balanced) /* a deeper read costs it more than the whole list */
			break;
	}
	rs_queue_list_free(alone, n_alone);
	return rc ? rc : item_queue_load(db, item_id, q);
}

/* How much of the list an action on one entry reads: the entry alone,
 * or the list down to a place and to the entry's. */
#define ENTRY_ALONE (-1)

static rs_status on_entry(rs_db *db, int64_t entry_id, const char *action, entry_fn fn,
			  int arg, const char *summary, const char *prep, long depth)
{
	rs_status rc = rs_action_begin(db, action);
	if (rc)
		return rc;
	int64_t item_id;
	item_queue q = {0};
	rc = store_queue_entry_item(db, entry_id, &item_id);
	/* Without the list: the entry alone (q holds it, in no order). */
	if (rc == RS_OK)
		rc = depth == ENTRY_ALONE
			     ? store_queue_load_entry(db, entry_id, &q.entries, &q.n)
			     : item_queue_read_to(db, item_id, entry_id, (size_t)depth, depth > 0,
						  &q);
	said line = {0};
	if (rc == RS_OK) {
		rs_queue_entry *e = q.below ? q.below : find_entry(&q, entry_id);
		rc = e ? fn(db, &q, e, arg)
		       : rs_fail(RS_ERR_INVALID, "no queue entry %lld", (long long)entry_id);
		if (rc == RS_OK)
			entry_said(&line, db, summary, e->name, prep, item_id);
	}
	item_queue_free(&q);
	return rs_action_end(db, rc, "queue_entry", entry_id, line.text);
}

static rs_status change_state(rs_db *db, item_queue *q, rs_queue_entry *e, int to)
{
	(void)q;
	return move(db, e, (rs_queue_state)to, rs_now());
}

/* withdraw, absent, requeue. */
static rs_status entry_action(rs_db *db, int64_t entry_id, rs_queue_state to, const char *action)
{
	return on_entry(db, entry_id, action, change_state, (int)to,
			to == QS_WAITING ? "back in the queue" : rs_queue_state_name(to),
			to == QS_WITHDRAWN ? "from" : "on", ENTRY_ALONE);
}

rs_status rs_queue_withdraw(rs_db *db, int64_t entry_id)
{
	return entry_action(db, entry_id, QS_WITHDRAWN, "queue.withdraw");
}

rs_status rs_queue_absent(rs_db *db, int64_t entry_id)
{
	return entry_action(db, entry_id, QS_ABSENT, "queue.absent");
}

rs_status rs_queue_requeue(rs_db *db, int64_t entry_id)
{
	return entry_action(db, entry_id, QS_WAITING, "queue.requeue");
}

/* The waiting list as a move sees it: first the places the rule fills
 * (points of order, replies to a speech given, and the replies to those),
 * then units, each an entry the moderator can place and the replies that
 * follow it (RS_RULE_AFTER, answering it or one another), which go where
 * it goes.  Replies to a speech that cannot be called close the list: no
 * unit.  e's own unit is left out (e may not be in the order: q->below). */
typedef struct {
	rs_queue_entry **head; /* the units' first entries, in order */
	size_t *size;          /* the places each takes */
	size_t n;
	size_t front; /* places the rule fills before them */
	size_t at;    /* e's unit, as it was, among them: n when below them all */
	size_t own;   /* the places e's unit takes (1 when below) */
} move_units;

static void move_units_free(move_units *u)
{
	free(u->head);
	free(u->size);
}

/* 1 when order[i] answers the unit order[from, i). */
static int follows_unit(rs_queue_entry *const *order, size_t from, size_t i)
{
	if (order[i]->by_rule != RS_RULE_AFTER)
		return 0;
	for (size_t j = from; j < i; j++)
		if (order[i]->reply_to == order[j]->id)
			return 1;
	return 0;
}

/* 0 without memory. */
static int move_units_of(const item_queue *q, const rs_queue_entry *e, move_units *u)
{
	size_t n = callable(q), i = 0;
	memset(u, 0, sizeof *u);
	u->head = malloc((n + 1) * sizeof *u->head);
	u->size = malloc((n + 1) * sizeof *u->size);
	if (!u->head || !u->size)
		return 0;
	while (i < n && q->order[i]->by_rule) /* and the replies to those, among them */
		i++;
	u->front = i;
	u->at = (size_t)-1;
	u->own = 1;
	while (i < n && !q->order[i]->by_rule) {
		size_t from = i++;
		while (i < n && follows_unit(q->order, from, i))
			i++;
		if (q->order[from]->id == e->id) {
			/* Read alone (q->below), e waits below every place
			 * read: where a partial read put its twin is not its
			 * place. */
			if (e != q->below) {
				u->at = u->n;
				u->own = i - from;
			}
			continue;
		}
		u->head[u->n] = q->order[from];
		u->size[u->n++] = i - from;
	}
	if (u->at == (size_t)-1)
		u->at = u->n;
	return 1;
}

/* The place (1-based) the d-th unit's first entry would take, e's unit
 * out of the list. */
static size_t unit_place(const move_units *u, size_t d)
{
	size_t place = u->front + 1;
	for (size_t i = 0; i < d; i++)
		place += u->size[i];
	return place;
}

/* What the rule puts first, for a refusal: "the point of order and the 2
 * replies to a speech given". */
static void front_words(const item_queue *q, size_t front, char *out, size_t size)
{
	size_t points = 0;
	for (size_t i = 0; i < front; i++)
		points += !strcmp(q->order[i]->kind, "point_of_order");
	size_t replies = front - points;
	char p[48] = "", r[64] = "";
	if (points)
		snprintf(p, sizeof p, points == 1 ? "the point of order" : "the %zu points of order",
			 points);
	if (replies)
		snprintf(r, sizeof r,
			 replies == 1 ? "the reply to a speech given" : "the %zu replies to speeches given",
			 replies);
	snprintf(out, size, "%s%s%s", p, points && replies ? " and " : "", r);
}

/* Refuses a place the rule keeps, naming the nearest the entry can take. */
static rs_status refuse_place(const item_queue *q, const move_units *u, const rs_queue_entry *e,
			      int to, size_t before, size_t after)
{
	if (to <= (int)u->front) {
		char what[128];
		front_words(q, u->front, what, sizeof what);
		return rs_fail(RS_ERR_INVALID, "%s cannot go before %s: place %zu is the first a move"
					       " can give",
			       e->name, what, u->front + 1);
	}
	if (after)
		return rs_fail(RS_ERR_INVALID,
			       "%s cannot go to place %d, between a speech and the reply that follows"
			       " it: place %zu or %zu",
			       e->name, to, before, after);
	return rs_fail(RS_ERR_INVALID,
		       "%s cannot go to place %d: the replies to speeches that cannot be called yet"
		       " come last (place %zu is the last a move can give)",
		       e->name, to, before);
}

/* The moderator's places after e went to unit place d: ranks 1..k from
 * the top down to e (only those that differ are written); below it, those
 * placed before that e passed on its way up, one place further down now. */
static rs_status rank_units(rs_db *db, const move_units *u, rs_queue_entry *e, size_t d)
{
	rs_queue_entry **list = malloc((u->n + 1) * sizeof *list);
	if (!list)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	memcpy(list, u->head, d * sizeof *list);
	list[d] = e;
	memcpy(list + d + 1, u->head + d, (u->n - d) * sizeof *list);
	size_t k = d + 1;
	while (k <= u->at && list[k]->manual_rank > 0)
		k++;
	rs_status rc = RS_OK;
	for (size_t i = 0; i < k && rc == RS_OK; i++)
		rc = store_queue_set_rank(db, list[i]->id, (int)i + 1);
	free(list);
	return rc;
}

/* e to unit place d such that it shows at place `to`, or why not. */
static rs_status place_unit(rs_db *db, const item_queue *q, const move_units *u,
			    rs_queue_entry *e, int to)
{
	size_t total = callable_total(q);
	if (to > (int)total)
		return rs_fail(RS_ERR_INVALID, "%s cannot go to place %d: %zu wait%s", e->name, to,
			       total, total == 1 ? "s" : "");
	if (to <= (int)u->front)
		return refuse_place(q, u, e, to, 0, 0);
	size_t d = 0, place = u->front + 1; /* unit_place(u, d), as d goes */
	while (d < u->n && place + u->size[d] <= (size_t)to)
		place += u->size[d++];
	if (place != (size_t)to) { /* inside unit d, or past the units read */
		if (d < u->n || callable(q) == total)
			return refuse_place(q, u, e, to, place, d < u->n ? place + u->size[d] : 0);
		return rs_fail(RS_ERR_RUNTIME, "entry %lld was not read", (long long)e->id);
	}
	if (d == u->at && e != q->below)
		return rs_fail(RS_ERR_INVALID, "%s is already %s", e->name,
			       d == 0		      ? "first on the list"
			       : place + u->own > total ? "last on the list"
							: "at that place");
	return rank_units(db, u, e, d);
}

/* The body of a move: e to place `to` (1-based over the whole waiting
 * list).  The list as shown, down to e's new place, is then the
 * moderator's: ranks 1..k (only those that differ are written); the
 * entries below are the policy's, in its order and with its reasons (a
 * move to the top of a long list writes a few ranks, not one per entry,
 * and leaves the rest of the floor to the policy, which counts e as heard
 * before them).  What the rule places (points of order, replies) stays
 * where it is: a reply goes with the speech it answers. */
static rs_status move_place(rs_db *db, item_queue *q, rs_queue_entry *e, int to)
{
	if (e->state != QS_WAITING)
		return rs_fail(RS_ERR_INVALID, "entry %lld (%s) is %s, not waiting", (long long)e->id,
			       e->name, rs_queue_state_name(e->state));
	if (!strcmp(e->kind, "point_of_order"))
		return rs_fail(RS_ERR_INVALID, "entry %lld (%s) is a point of order: it stays first",
			       (long long)e->id, e->name);
	if (e->by_rule)
		return rs_fail(RS_ERR_INVALID,
			       "entry %lld (%s) is a reply: it stays right after the speech it answers",
			       (long long)e->id, e->name);
	rs_status held = check_not_held(e);
	if (held)
		return held;
	move_units u;
	rs_status rc = move_units_of(q, e, &u) ? place_unit(db, q, &u, e, to)
					       : rs_fail(RS_ERR_RUNTIME, "out of memory");
	move_units_free(&u);
	return rc;
}

/* e is first (delta < 0) or last already: first after what the rule puts
 * first, when anything is. */
static rs_status already_at_the_end(const item_queue *q, const move_units *u,
				    const rs_queue_entry *e, int delta)
{
	if (delta > 0 || !u->front)
		return rs_fail(RS_ERR_INVALID, "%s is already %s on the list", e->name,
			       delta < 0 ? "first" : "last");
	char what[128];
	front_words(q, u->front, what, sizeof what);
	return rs_fail(RS_ERR_INVALID, "%s is already first after %s, which the rule puts first",
		       e->name, what);
}

/* K and J: one unit up or down from where the entry is shown (past a
 * speech and the replies that follow it). */
static rs_status move_by(rs_db *db, item_queue *q, rs_queue_entry *e, int delta)
{
	if (e->state != QS_WAITING || !strcmp(e->kind, "point_of_order") || e->by_rule || e->held)
		return move_place(db, q, e, 0); /* refused, saying why */
	move_units u;
	if (!move_units_of(q, e, &u)) {
		move_units_free(&u);
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	rs_status rc;
	if (delta < 0 ? u.at == 0 : u.at >= u.n)
		rc = already_at_the_end(q, &u, e, delta);
	else
		rc = place_unit(db, q, &u, e, (int)unit_place(&u, delta < 0 ? u.at - 1 : u.at + 1));
	move_units_free(&u);
	return rc;
}

rs_status rs_queue_move(rs_db *db, int64_t entry_id, int delta)
{
	if (delta != -1 && delta != 1)
		return rs_fail(RS_ERR_INVALID, "a move is one place up (-1) or down (+1), not %d",
			       delta);
	return on_entry(db, entry_id, "queue.move", move_by, delta,
			delta < 0 ? "moved up a place" : "moved down a place", "on", 0);
}

rs_status rs_queue_move_to(rs_db *db, int64_t entry_id, int position)
{
	char summary[32];
	snprintf(summary, sizeof summary, "moved to place %d", position);
	return on_entry(db, entry_id, "queue.move", move_place, position, summary, "on",
			position > 0 ? position : 0);
}

/* ---- how an entry takes part, in what language ----------------------------- */

rs_status rs_queue_set(rs_db *db, int64_t entry_id, const char *participation,
		       const char *language)
{
	rs_status rc = check_way(&participation, &language);
	if (rc)
		return rc;
	if (!participation && !language)
		return rs_fail(RS_ERR_INVALID, "say what changes: --participation or --language");
	if ((rc = rs_action_begin(db, "queue.set")) != RS_OK)
		return rc;
	int changed = 0;
	rs_queue_entry *e = NULL; /* read alone: its place is not asked */
	size_t n = 0;
	rc = store_queue_load_entry(db, entry_id, &e, &n);
	if (rc == RS_OK && !n)
		rc = rs_fail(RS_ERR_INVALID, "no queue entry %lld", (long long)entry_id);
	/* The way the entry shows now (the speaker's, where it has none) is
	 * not a change; its language said is (store_queue_set_way): the
	 * speaker's first one, which the entry took, is then recorded. */
	if (rc == RS_OK && participation && !strcmp(participation, e->participation))
		participation = NULL;
	if (rc == RS_OK && (participation || language))
		rc = store_queue_set_way(db, entry_id, participation, language, &changed);
	if (rc == RS_OK && !changed)
		rc = rs_fail(RS_ERR_INVALID, "entry %lld (%s) is so already", (long long)entry_id,
			     e->name);
	/* "online, in French: Ana Ruiz on 'Thematic discussion I'" */
	said line = {0};
	char way[80];
	snprintf(way, sizeof way, "%s%s%s%s",
		 participation ? rs_participation_label(participation) : "",
		 participation && language ? ", " : "", language ? "in " : "",
		 language ? rs_language_name(language) : "");
	if (rc == RS_OK)
		entry_said(&line, db, way, e->name, "on", e->item_id);
	rs_queue_list_free(e, n);
	return rs_action_end(db, rc, "queue_entry", entry_id, line.text);
}

/* ---- reading ---------------------------------------------------------------- */

/* Dealt-with entries in the order they were dealt with. */
static int cmp_done(const void *pa, const void *pb)
{
	const rs_queue_entry *a = pa, *b = pb;
	int64_t ta = a->ended_at >= 0 ? a->ended_at : a->state_changed_at;
	int64_t tb = b->ended_at >= 0 ? b->ended_at : b->state_changed_at;
	if (ta != tb)
		return ta < tb ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

rs_status rs_queue_list(rs_db *db, int64_t item_id, rs_queue_entry **out, size_t *n)
{
	item_queue q;
	rs_status rc = check_item(db, item_id);
	if (rc == RS_OK)
		rc = item_queue_load(db, item_id, &q);
	if (rc)
		return rc;
	rs_queue_entry *v = malloc((q.n ? q.n : 1) * sizeof *v);
	if (!v) {
		item_queue_free(&q);
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	size_t k = 0;
	rs_queue_entry *h = holder(&q), *cut = interrupted(&q);
	if (h)
		v[k++] = *h;
	if (cut) {
		say_interrupted(cut, rs_now());
		v[k++] = *cut;
	}
	for (size_t i = 0; i < q.n_order; i++)
		v[k++] = *q.order[i];
	size_t done = k;
	for (size_t i = 0; i < q.n; i++)
		if (&q.entries[i] != h && &q.entries[i] != cut && q.entries[i].state != QS_WAITING)
			v[k++] = q.entries[i];
	qsort(v + done, k - done, sizeof *v, cmp_done);
	/* v took over the strings: free only the containers. */
	free(q.entries);
	free(q.order);
	rs_balance_free(&q.bal);
	*out = v;
	*n = k;
	return RS_OK;
}


/* Entries a and b are in the same bucket of the balance (SQL_BUCKET_OF):
 * stakeholders of one sector, region and gender, or one other role. */
static int same_bucket(const rs_queue_entry *a, const rs_queue_entry *b)
{
	int sa = rs_role_is_stakeholder(a->role), sb = rs_role_is_stakeholder(b->role);
	if (!sa || !sb)
		return !sa && !sb && !strcmp(a->role, b->role);
	return !strcmp(a->sector, b->sector) && !strcmp(a->region, b->region) &&
	       !strcmp(a->gender, b->gender);
}

/* Of the waiting floor requests q read in entry p's bucket: how many, and
 * the last come (those read of a bucket are always its first come). */
static size_t bucket_read(const item_queue *q, const rs_queue_entry *p, const rs_queue_entry **last)
{
	size_t read = 0;
	*last = NULL;
	for (size_t i = 0; i < q->n; i++) {
		const rs_queue_entry *e = &q->entries[i];
		if (e->state != QS_WAITING || !policy_is_floor_request(e) || !same_bucket(e, p))
			continue;
		read++;
		if (!*last || e->requested_at > (*last)->requested_at ||
		    (e->requested_at == (*last)->requested_at && e->id > (*last)->id))
			*last = e;
	}
	return read;
}

enum { DEEPENED_MAX = 64 };

/* A balanced order read with the first of each bucket is right in its
 * first `decided` places unless it placed every entry it read of some
 * bucket before the last place: the next of that bucket, unread, was a
 * candidate for the places after.  Reads
 * each such bucket as far again (only it), and orders again; *grew says
 * whether anything was read.  done[] holds buckets known to be read to
 * their end (an entry of each), *n_done of them. */
static rs_status item_queue_deepen(rs_db *db, item_queue *q, size_t decided, int64_t *done,
				   size_t *n_done, int *grew)
{
	rs_queue_entry *more = NULL;
	size_t n_more = 0;
	*grew = 0;
	/* Fewer can be called than the places decided: the head's first-come
	 * walk read them all; those after them wait held back (read by
	 * item_queue_held_to, no bucket's candidates). */
	if (callable(q) < decided)
		return RS_OK;
	for (size_t k = 0; k < decided && k < q->n_order; k++) {
		const rs_queue_entry *p = q->order[k], *last;
		if (!policy_is_floor_request(p))
			continue;
		size_t placed = 0, seen = 0, at = k;
		for (size_t j = 0; j < decided && j < q->n_order; j++)
			if (policy_is_floor_request(q->order[j]) && same_bucket(q->order[j], p)) {
				placed++;
				seen += j < k; /* this bucket was looked at already */
				at = j;
			}
		for (size_t d = 0; d < *n_done && !seen; d++) {
			const rs_queue_entry *e = find_entry(q, done[d]);
			seen = e && same_bucket(e, p);
		}
		/* Its last read placed last of all: no place left for its next. */
		size_t read = bucket_read(q, p, &last);
		if (seen || placed < read || at + 1 >= decided)
			continue;
		rs_queue_entry *v;
		size_t n;
		rs_status rc = store_queue_load_bucket_after(db, last->id,
							     q->opts.require_accreditation, read, &v,
							     &n);
		if (rc == RS_OK && n < read && *n_done < DEEPENED_MAX)
			done[(*n_done)++] = last->id;
		if (rc == RS_OK && n)
			rc = entries_join(&more, &n_more, v, n);
		else
			free(v);
		if (rc) {
			rs_queue_list_free(more, n_more);
			return rc;
		}
	}
	/* Every bucket short in this order read further, then one new order. */
	*grew = n_more > 0;
	return n_more ? item_queue_append(q, more, n_more) : RS_OK;
}

/* The first `depth` places of item_id's list, read as QUEUE_HEAD reads the
 * first: under balanced the first of each bucket, then further into each
 * bucket the order took all of (a screenful calls a few buckets twice). */
static rs_status item_queue_read_prefix(rs_db *db, int64_t item_id, size_t depth, item_queue *q)
{
	rs_status rc = item_queue_read_depth(db, item_id, QUEUE_HEAD, depth, q);
	if (rc || q->opts.policy != POLICY_BALANCED)
		return rc;
	int64_t done[DEEPENED_MAX];
	size_t n_done = 0;
	for (int grew = 1; grew;)
		if ((rc = item_queue_deepen(db, q, depth, done, &n_done, &grew))) {
			item_queue_free(q);
			return rc;
		}
	return RS_OK;
}

/* Takes entry e's strings into v[(*k)++]. */
static void take_entry(rs_queue_entry *v, size_t *k, rs_queue_entry *e, int *taken)
{
	v[(*k)++] = *e;
	*taken = 1;
}

rs_status rs_queue_prefix(rs_db *db, int64_t item_id, size_t depth, size_t last_dealt,
			  rs_queue_entry **out, size_t *n, rs_queue_counts *counts)
{
	item_queue q;
	rs_queue_entry *dealt = NULL;
	size_t n_dealt = 0;
	rs_queue_counts none;
	counts = counts ? counts : &none;
	memset(counts, 0, sizeof *counts);
	rs_status rc = check_item(db, item_id);
	if (rc == RS_OK && counts != &none)
		rc = store_queue_counts(db, item_id, &counts->waiting, &counts->dealt);
	if (rc == RS_OK && last_dealt)
		rc = store_queue_load_dealt(db, item_id, last_dealt, &dealt, &n_dealt);
	if (rc == RS_OK)
		rc = item_queue_read_prefix(db, item_id, depth ? depth : 1, &q);
	if (rc) {
		rs_queue_list_free(dealt, n_dealt);
		return rc;
	}
	int *taken = calloc(q.n ? q.n : 1, sizeof *taken);
	rs_queue_entry *v = malloc((q.n + n_dealt + 1) * sizeof *v);
	if (!taken || !v) {
		free(taken);
		free(v);
		item_queue_free(&q);
		rs_queue_list_free(dealt, n_dealt);
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	size_t k = 0;
	rs_queue_entry *h = holder(&q), *cut = interrupted(&q);
	if (h)
		take_entry(v, &k, h, &taken[h - q.entries]);
	if (cut) {
		say_interrupted(cut, rs_now());
		take_entry(v, &k, cut, &taken[cut - q.entries]);
	}
	size_t holding = k;
	for (size_t i = 0; i < q.n_order && i < depth; i++)
		take_entry(v, &k, q.order[i], &taken[q.order[i] - q.entries]);
	counts->read = k - holding;
	for (size_t i = n_dealt; i-- > 0;) /* in the order they were dealt with */
		v[k++] = dealt[i];
	free(dealt);
	for (size_t i = 0; i < q.n; i++)
		if (!taken[i])
			rs_queue_entry_clear(&q.entries[i]);
	free(taken);
	free(q.entries);
	free(q.order);
	rs_balance_free(&q.bal);
	*out = v;
	*n = k;
	return RS_OK;
}

rs_status rs_queue_head(rs_db *db, int64_t item_id, rs_queue_entry **out, size_t *n)
{
	return rs_queue_prefix(db, item_id, 1, 0, out, n, NULL);
}

rs_status rs_queue_entry_get(rs_db *db, int64_t entry_id, rs_queue_entry **out, size_t *n)
{
	return store_queue_load_entry(db, entry_id, out, n);
}

rs_status rs_queue_each_json(rs_db *db, int64_t item_id, rs_queue_json_cb cb, void *ctx)
{
	rs_queue_entry *v;
	size_t n;
	rs_status rc = rs_queue_list(db, item_id, &v, &n);
	if (rc)
		return rc;
	int64_t now = rs_now();
	for (size_t i = 0; i < n && rc == RS_OK; i++) {
		char *json;
		rc = store_queue_entry_json(db, &v[i], v[i].position == 1, now, &json);
		if (rc == RS_OK) {
			int stop = cb(json, ctx);
			free(json);
			if (stop)
				break;
		}
	}
	rs_queue_list_free(v, n);
	return rc;
}
