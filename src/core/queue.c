/* The speaker queue: the state machine of SPEC.md applied to stored entries.
 * Each public function is one journalled action that reads the item's list
 * inside its own write transaction, so two terminals pressing "next" at once
 * cannot both give the floor away. */
#include "rostrum/queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"
#include "rostrum/meeting.h"
#include "rostrum/policy.h"
#include "storage.h"

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
	const rs_kind *k = rs_kind_find(e->kind);
	return k ? k->seconds : 0;
}

void rs_queue_list_free(rs_queue_entry *e, size_t n)
{
	for (size_t i = 0; e && i < n; i++) {
		free(e[i].kind);
		free(e[i].name);
		free(e[i].organization);
		free(e[i].sector);
		free(e[i].region);
		free(e[i].gender);
	}
	free(e);
}

/* Moves e to `to` at `now`, keeping the time stamps SPEC.md asks for;
 * refuses what the state machine forbids. */
static rs_status apply(rs_queue_entry *e, rs_queue_state to, int64_t now)
{
	rs_queue_state from = e->state;
	if (!rs_queue_transition_ok(from, to))
		return rs_fail(RS_ERR_INVALID, "entry %lld (%s) is %s and cannot become %s",
			       (long long)e->id, e->name, rs_queue_state_name(from),
			       rs_queue_state_name(to));
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
	rs_queue_state from = e->state;
	rs_status rc = apply(e, to, now);
	if (rc == RS_OK)
		rc = store_queue_save(db, e, from, now);
	if (rc == RS_OK && to == QS_SPEAKING)
		rc = store_agenda_mark_started(db, e->item_id, now);
	return rc;
}

/* An item's entries and their waiting order under the meeting's policy;
 * the caller frees q->entries (rs_queue_list_free) and q->order. */
typedef struct {
	rs_queue_entry *entries;
	size_t n;
	rs_queue_entry **order;
	size_t n_order;
} item_queue;

static void item_queue_free(item_queue *q)
{
	rs_queue_list_free(q->entries, q->n);
	free(q->order);
	memset(q, 0, sizeof *q);
}

static rs_status item_queue_load(rs_db *db, int64_t item_id, item_queue *q)
{
	memset(q, 0, sizeof *q);
	rs_meeting m;
	rs_status rc = rs_meeting_get(db, &m);
	if (rc)
		return rc;
	rs_policy policy = m.policy;
	rs_meeting_clear(&m);
	rc = store_queue_load(db, item_id, &q->entries, &q->n);
	if (rc)
		return rc;
	q->order = malloc((q->n ? q->n : 1) * sizeof *q->order);
	if (!q->order) {
		item_queue_free(q);
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	rs_policy_order(policy, q->entries, q->n, q->order, &q->n_order);
	return RS_OK;
}

/* Whoever holds the floor (speaking or paused), or NULL. */
static rs_queue_entry *holder(item_queue *q)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->entries[i].state == QS_SPEAKING || q->entries[i].state == QS_PAUSED)
			return &q->entries[i];
	return NULL;
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

rs_status rs_queue_add(rs_db *db, int64_t item_id, int64_t stakeholder_id,
		       const char *kind, int64_t *entry_id)
{
	if (!kind || !*kind)
		kind = "floor";
	const rs_kind *k = rs_kind_find(kind);
	if (!k)
		return rs_fail(RS_ERR_INVALID, "--kind: unknown intervention kind '%s'", kind);
	rs_status rc = rs_action_begin(db, "queue.add");
	if (rc)
		return rc;
	item_queue q;
	rc = check_item(db, item_id);
	if (rc == RS_OK && (rc = store_exists(db, "stakeholder", stakeholder_id)) == RS_ERR_INVALID)
		rs_fail(rc, "no stakeholder %lld", (long long)stakeholder_id);
	if (rc == RS_OK && (rc = item_queue_load(db, item_id, &q)) == RS_OK) {
		for (size_t i = 0; i < q.n && rc == RS_OK; i++) {
			rs_queue_entry *e = &q.entries[i];
			int active = e->state == QS_WAITING || e->state == QS_SPEAKING ||
				     e->state == QS_PAUSED;
			/* A point of order may interrupt one's own place in the list. */
			if (e->stakeholder_id == stakeholder_id && active &&
			    !strcmp(e->kind, k->code))
				rc = rs_fail(RS_ERR_INVALID, "%s is already %s on this item (entry %lld)",
					     e->name, rs_queue_state_name(e->state),
					     (long long)e->id);
		}
		item_queue_free(&q);
	}
	if (rc == RS_OK)
		rc = store_queue_insert(db, item_id, stakeholder_id, k->code, rs_now(), entry_id);
	return rs_action_end(db, rc, "queue_entry", rc ? 0 : *entry_id, k->code);
}

/* The body of start and next: give the floor to the first proposed. */
static rs_status call_next(rs_db *db, item_queue *q, int64_t now, int64_t *entry_id)
{
	if (q->n_order == 0)
		return rs_fail(RS_ERR_INVALID, "nobody is waiting to speak on this item");
	*entry_id = q->order[0]->id;
	return move(db, q->order[0], QS_SPEAKING, now);
}

typedef enum { OP_START, OP_NEXT, OP_END, OP_PAUSE, OP_RESUME } floor_op;

static rs_status floor_step(rs_db *db, int64_t item_id, floor_op op, item_queue *q,
			    int64_t *entry_id)
{
	int64_t now = rs_now();
	rs_queue_entry *h = holder(q);
	*entry_id = h ? h->id : 0;
	switch (op) {
	case OP_START:
		if (h)
			return rs_fail(RS_ERR_INVALID, "%s already has the floor (entry %lld)",
				       h->name, (long long)h->id);
		return call_next(db, q, now, entry_id);
	case OP_NEXT: {
		int had_holder = h != NULL;
		rs_status rc = h ? move(db, h, QS_SPOKEN, now) : RS_OK;
		if (rc)
			return rc;
		/* The speech just ended now counts for the balance. */
		item_queue_free(q);
		if ((rc = item_queue_load(db, item_id, q)) != RS_OK)
			return rc;
		*entry_id = 0;
		if (q->n_order == 0 && !had_holder)
			return rs_fail(RS_ERR_INVALID,
				       "nobody has the floor and nobody is waiting on this item");
		return q->n_order ? call_next(db, q, now, entry_id) : RS_OK;
	}
	default:
		break;
	}
	if (!h)
		return rs_fail(RS_ERR_INVALID, "nobody has the floor on this item");
	rs_queue_state to = op == OP_END ? QS_SPOKEN : op == OP_PAUSE ? QS_PAUSED : QS_SPEAKING;
	return move(db, h, to, now);
}

static rs_status floor_action(rs_db *db, int64_t item_id, floor_op op, const char *action,
			      int64_t *entry_id)
{
	int64_t id = 0;
	rs_status rc = rs_action_begin(db, action);
	if (rc)
		return rc;
	item_queue q = {0};
	rc = check_item(db, item_id);
	if (rc == RS_OK && (rc = item_queue_load(db, item_id, &q)) == RS_OK)
		rc = floor_step(db, item_id, op, &q, &id);
	item_queue_free(&q);
	if (entry_id)
		*entry_id = rc ? 0 : id;
	return rs_action_end(db, rc, "queue_entry", id, NULL);
}

rs_status rs_queue_start(rs_db *db, int64_t item_id, int64_t *entry_id)
{
	return floor_action(db, item_id, OP_START, "queue.start", entry_id);
}

rs_status rs_queue_next(rs_db *db, int64_t item_id, int64_t *entry_id)
{
	return floor_action(db, item_id, OP_NEXT, "queue.next", entry_id);
}

rs_status rs_queue_end(rs_db *db, int64_t item_id, int64_t *entry_id)
{
	return floor_action(db, item_id, OP_END, "queue.end", entry_id);
}

rs_status rs_queue_pause(rs_db *db, int64_t item_id, int64_t *entry_id)
{
	return floor_action(db, item_id, OP_PAUSE, "queue.pause", entry_id);
}

rs_status rs_queue_resume(rs_db *db, int64_t item_id, int64_t *entry_id)
{
	return floor_action(db, item_id, OP_RESUME, "queue.resume", entry_id);
}

/* One action on one entry, named by id: fn does it, given the entry and
 * its item's list in the policy's order. */
typedef rs_status (*entry_fn)(rs_db *db, item_queue *q, rs_queue_entry *e, int arg);

static rs_status on_entry(rs_db *db, int64_t entry_id, const char *action, entry_fn fn,
			  int arg, const char *summary)
{
	rs_status rc = rs_action_begin(db, action);
	if (rc)
		return rc;
	int64_t item_id;
	item_queue q = {0};
	rc = store_queue_entry_item(db, entry_id, &item_id);
	if (rc == RS_OK)
		rc = item_queue_load(db, item_id, &q);
	if (rc == RS_OK) {
		rs_queue_entry *e = find_entry(&q, entry_id);
		rc = e ? fn(db, &q, e, arg)
		       : rs_fail(RS_ERR_INVALID, "no queue entry %lld", (long long)entry_id);
	}
	item_queue_free(&q);
	return rs_action_end(db, rc, "queue_entry", entry_id, summary);
}

static rs_status change_state(rs_db *db, item_queue *q, rs_queue_entry *e, int to)
{
	(void)q;
	return move(db, e, (rs_queue_state)to, rs_now());
}

/* withdraw, absent, requeue. */
static rs_status entry_action(rs_db *db, int64_t entry_id, rs_queue_state to, const char *action)
{
	return on_entry(db, entry_id, action, change_state, (int)to, rs_queue_state_name(to));
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

/* The body of a move: e one place up (-1) or down (+1) among the waiting
 * entries after the points of order.  The list as shown, with e moved, is
 * then the moderator's: ranks 1..k (only those that differ are written), so
 * entries the policy placed after the ranked ones keep their places too. */
static rs_status move_place(rs_db *db, item_queue *q, rs_queue_entry *e, int delta)
{
	if (e->state != QS_WAITING)
		return rs_fail(RS_ERR_INVALID, "entry %lld (%s) is %s, not waiting", (long long)e->id,
			       e->name, rs_queue_state_name(e->state));
	if (!strcmp(e->kind, "point_of_order"))
		return rs_fail(RS_ERR_INVALID, "entry %lld (%s) is a point of order: it stays first",
			       (long long)e->id, e->name);
	size_t first = 0, at = 0;
	while (first < q->n_order && !strcmp(q->order[first]->kind, "point_of_order"))
		first++;
	rs_queue_entry **list = q->order + first;
	size_t n = q->n_order - first;
	while (at < n && list[at] != e)
		at++;
	if ((delta < 0 && at == 0) || (delta > 0 && at + 1 >= n))
		return rs_fail(RS_ERR_INVALID, "%s is already %s on the list", e->name,
			       delta < 0 ? "first" : "last");
	list[at] = list[at + delta];
	list[at + delta] = e;
	rs_status rc = RS_OK;
	for (size_t i = 0; i < n && rc == RS_OK; i++)
		rc = store_queue_set_rank(db, list[i]->id, (int)i + 1);
	return rc;
}

rs_status rs_queue_move(rs_db *db, int64_t entry_id, int delta)
{
	if (delta != -1 && delta != 1)
		return rs_fail(RS_ERR_INVALID, "a move is one place up (-1) or down (+1), not %d",
			       delta);
	return on_entry(db, entry_id, "queue.move", move_place, delta, delta < 0 ? "up" : "down");
}

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
	rs_queue_entry *h = holder(&q);
	if (h)
		v[k++] = *h;
	for (size_t i = 0; i < q.n_order; i++)
		v[k++] = *q.order[i];
	size_t done = k;
	for (size_t i = 0; i < q.n; i++)
		if (&q.entries[i] != h && q.entries[i].state != QS_WAITING)
			v[k++] = q.entries[i];
	qsort(v + done, k - done, sizeof *v, cmp_done);
	/* v took over the strings: free only the containers. */
	free(q.entries);
	free(q.order);
	*out = v;
	*n = k;
	return RS_OK;
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
