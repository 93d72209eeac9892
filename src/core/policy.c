/* Who speaks next.  Points of order go first (they interrupt the list by
 * nature), then replies to what was just said, then those the moderator
 * placed by hand, in their order, then the programme's own speakers in the
 * programme's order; the policy orders the floor.  Each waiting entry gets
 * a one-line reason a moderator can read out. */
#include "rostrum/policy.h"
#include "policy_balance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"

static int took_floor(const rs_queue_entry *e)
{
	return e->state == QS_SPEAKING || e->state == QS_PAUSED || e->state == QS_SPOKEN;
}

static int is_point_of_order(const rs_queue_entry *e)
{
	return !strcmp(e->kind, "point_of_order");
}

static const rs_queue_entry *entry_by_id(const rs_queue_entry *v, size_t n, int64_t id)
{
	for (size_t i = 0; id > 0 && i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

/* The speech a reply answers, when it is still to be given: the reply
 * then goes right after it. */
static const rs_queue_entry *answers_waiting(const rs_queue_entry *v, size_t n,
					     const rs_queue_entry *e)
{
	const rs_queue_entry *t = entry_by_id(v, n, e->reply_to);
	return t && t->state == QS_WAITING && t != e ? t : NULL;
}

/* A reply to a speech given (or being given) goes before the rest. */
static int answers_given(const rs_queue_entry *v, size_t n, const rs_queue_entry *e)
{
	const rs_queue_entry *t = entry_by_id(v, n, e->reply_to);
	return t && took_floor(t);
}

/* First come: request time, then id (an earlier id was entered first). */
static int earlier(const rs_queue_entry *a, const rs_queue_entry *b)
{
	if (a->requested_at != b->requested_at)
		return a->requested_at < b->requested_at;
	return a->id < b->id;
}

/* Where an entry goes before any policy: a point of order, a reply to a
 * speech given, placed by the moderator, a programme speaker, or the floor
 * for the policy to order.  Set once per ordering in group[]. */
enum { G_POINT, G_REPLY, G_PLACED, G_PROGRAMME, G_FLOOR };

static int front_group(const rs_queue_entry *e)
{
	return e->position; /* rs_policy_order keeps the group there until the end */
}

static int group_of(const rs_queue_entry *v, size_t n, const rs_queue_entry *e)
{
	if (is_point_of_order(e))
		return G_POINT;
	if (e->manual_rank <= 0 && answers_given(v, n, e))
		return G_REPLY;
	if (e->manual_rank > 0)
		return G_PLACED;
	return e->programme_order > 0 ? G_PROGRAMME : G_FLOOR;
}

static int cmp_fifo(const void *pa, const void *pb)
{
	const rs_queue_entry *a = *(rs_queue_entry *const *)pa, *b = *(rs_queue_entry *const *)pb;
	return earlier(a, b) ? -1 : earlier(b, a) ? 1 : 0;
}

/* By group; the moderator's places by rank, the programme by its order;
 * the rest first come (each policy reorders the floor). */
static int cmp_front(const void *pa, const void *pb)
{
	const rs_queue_entry *a = *(rs_queue_entry *const *)pa, *b = *(rs_queue_entry *const *)pb;
	int ga = front_group(a), gb = front_group(b);
	if (ga != gb)
		return ga < gb ? -1 : 1;
	if (ga == G_PLACED && a->manual_rank != b->manual_rank)
		return a->manual_rank < b->manual_rank ? -1 : 1;
	if (ga == G_PROGRAMME && a->programme_order != b->programme_order)
		return a->programme_order < b->programme_order ? -1 : 1;
	return cmp_fifo(pa, pb);
}

static int cmp_first_time(const void *pa, const void *pb)
{
	const rs_queue_entry *a = *(rs_queue_entry *const *)pa, *b = *(rs_queue_entry *const *)pb;
	if ((a->spoken_before == 0) != (b->spoken_before == 0))
		return a->spoken_before == 0 ? -1 : 1;
	return earlier(a, b) ? -1 : earlier(b, a) ? 1 : 0;
}

/* "2022-04-20 09:29" at the venue: requests from a registration form span
 * days. */
void policy_when(const rs_policy_opts *o, int64_t t, char *buf, size_t size)
{
	rs_local_format(o->timezone && *o->timezone ? o->timezone : "UTC", t, "%Y-%m-%d %H:%M",
			buf, size);
}

static void reason_fifo(const rs_policy_opts *o, rs_queue_entry *e)
{
	char t[32];
	policy_when(o, e->requested_at, t, sizeof t);
	snprintf(e->reason, sizeof e->reason, "first come: requested at %s", t);
}

static void reason_first_time(const rs_policy_opts *o, rs_queue_entry *e)
{
	char t[32];
	policy_when(o, e->requested_at, t, sizeof t);
	if (e->spoken_before == 0)
		snprintf(e->reason, sizeof e->reason,
			 "has not spoken yet today; requested at %s", t);
	else if (e->spoken_before <= 2)
		snprintf(e->reason, sizeof e->reason, "spoke %s already today; requested at %s",
			 e->spoken_before == 1 ? "once" : "twice", t);
	else
		snprintf(e->reason, sizeof e->reason,
			 "spoke %d times already today; requested at %s", e->spoken_before, t);
}

/* "panellist 4 of 13, Trade unions": the kind in the programme's words
 * (the kind's word, as the report says it). */
static const char *programme_role(const char *kind)
{
	const rs_kind *k = rs_kind_find(kind);
	return k && rs_kind_is_programme(k->code) ? k->word : "panellist";
}

static void reason_programme(rs_queue_entry *e, const rs_queue_entry *v, size_t n)
{
	int place = 0, of = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].programme_order > 0) {
			of++;
			place += v[i].programme_order < e->programme_order ||
				 (v[i].programme_order == e->programme_order && v[i].id <= e->id);
		}
	const char *slot = e->slot && *e->slot ? e->slot : NULL;
	const char *label = slot && rs_sector_code(slot) ? rs_sector_label(rs_sector_code(slot))
							 : slot;
	snprintf(e->reason, sizeof e->reason, "programme: %s %d of %d%s%s",
		 programme_role(e->kind), place, of, label ? ", " : "", label ? label : "");
}

static void reason_reply(rs_queue_entry *e, const rs_queue_entry *v, size_t n)
{
	const rs_queue_entry *t = entry_by_id(v, n, e->reply_to);
	snprintf(e->reason, sizeof e->reason, "reply to %s (entry %lld): right after %s",
		 t ? t->name : "a speech", (long long)e->reply_to,
		 t && t->state == QS_WAITING ? "that speech" : "the speech it answers");
}

static void reason_front(rs_queue_entry *e, int group, const rs_queue_entry *v, size_t n)
{
	if (group == G_POINT)
		snprintf(e->reason, sizeof e->reason, "point of order: goes first");
	else if (group == G_REPLY)
		reason_reply(e, v, n);
	else if (group == G_PLACED && e->programme_order > 0) {
		/* A move ranks the entries above the one moved too, to keep
		 * their places: what is true of each is that the list is in the
		 * moderator's order now, not that each was moved. */
		reason_programme(e, v, n);
		size_t len = strlen(e->reason);
		snprintf(e->reason + len, sizeof e->reason - len, "; in the moderator's order");
	} else if (group == G_PLACED)
		snprintf(e->reason, sizeof e->reason, "in the moderator's order");
	else
		reason_programme(e, v, n);
}

/* The floor (rest[0..n_rest)) under the policy; every entry ahead of it
 * counts for the balance as if it had spoken. */
static void order_floor(const rs_policy_opts *o, rs_queue_entry *entries, size_t n,
			rs_queue_entry **ahead, size_t n_ahead, rs_queue_entry **rest,
			size_t n_rest)
{
	if (o->policy == POLICY_BALANCED &&
	    policy_balance_order(o, entries, n, ahead, n_ahead, rest, n_rest))
		return; /* ordered, with reasons */
	if (o->policy == POLICY_FIRST_TIME) {
		qsort(rest, n_rest, sizeof *rest, cmp_first_time);
		for (size_t i = 0; i < n_rest && (!o->decide || i < o->decide); i++)
			reason_first_time(o, rest[i]);
		return;
	}
	/* fifo, or balanced without memory: first come is always fair */
	for (size_t i = 0; i < n_rest && (!o->decide || i < o->decide); i++)
		reason_fifo(o, rest[i]);
}

/* Each reply to a speech still to come goes right after that speech (and
 * after earlier replies to it); order[0..k) holds the rest. */
static size_t place_replies(rs_queue_entry **order, size_t k, rs_queue_entry **replies,
			    size_t n_replies, const rs_queue_entry *v, size_t n)
{
	for (size_t r = 0; r < n_replies; r++) {
		const rs_queue_entry *t = answers_waiting(v, n, replies[r]);
		size_t at = 0;
		while (at < k && order[at] != t)
			at++;
		at = at < k ? at + 1 : k;
		while (at < k && order[at]->reply_to == t->id)
			at++;
		memmove(&order[at + 1], &order[at], (k - at) * sizeof *order);
		order[at] = replies[r];
		replies[r]->by_rule = RS_RULE_AFTER;
		reason_reply(replies[r], v, n);
		k++;
	}
	return k;
}

/* The meeting's rule: a stakeholder needs an accreditation to take the
 * floor; the programme's speakers were invited, and those who come in
 * another role (Member States, the UN system, organisers) need none. */
int rs_policy_held_back(int programme_order, const char *role, const char *accreditation)
{
	return programme_order <= 0 && !strcmp(role ? role : "stakeholder", "stakeholder") &&
	       !rs_accreditation_accredited(accreditation);
}

static int held_back(const rs_policy_opts *o, const rs_queue_entry *e)
{
	return o->require_accreditation &&
	       rs_policy_held_back(e->programme_order, e->role, e->accreditation);
}

static void reason_held(rs_queue_entry *e)
{
	const char *a = e->accreditation && *e->accreditation ? e->accreditation : "none";
	snprintf(e->reason, sizeof e->reason,
		 "held back: %s%s; the meeting requires an accreditation to take the floor",
		 strcmp(a, "none") ? "accreditation " : "not accredited", strcmp(a, "none") ? a : "");
}

/* The held-back entries after the k others, first come. */
static size_t place_held(rs_queue_entry *entries, size_t n, rs_queue_entry **order, size_t k)
{
	size_t from = k;
	for (size_t i = 0; i < n; i++)
		if (entries[i].held) {
			reason_held(&entries[i]);
			order[k++] = &entries[i];
		}
	qsort(order + from, k - from, sizeof *order, cmp_fifo);
	return k;
}

void rs_policy_order(const rs_policy_opts *o, rs_queue_entry *entries, size_t n,
		     rs_queue_entry **order, size_t *n_order)
{
	size_t k = 0, front = 0, n_replies = 0;
	/* Replies to a speech still to come wait at the end of order[] until
	 * the rest is ordered. */
	for (size_t i = 0; i < n; i++) {
		entries[i].reason[0] = '\0';
		entries[i].position = 0;
		entries[i].held = 0;
		entries[i].by_rule = 0;
		if (entries[i].state != QS_WAITING)
			continue;
		if ((entries[i].held = held_back(o, &entries[i])))
			continue;
		if (entries[i].manual_rank <= 0 && answers_waiting(entries, n, &entries[i]))
			order[n - 1 - n_replies++] = &entries[i];
		else
			order[k++] = &entries[i];
	}
	for (size_t i = 0; i < k; i++)
		order[i]->position = group_of(entries, n, order[i]);
	qsort(order, k, sizeof *order, cmp_front);
	size_t points = 0;
	for (; front < k && front_group(order[front]) < G_FLOOR; front++) {
		points += front_group(order[front]) == G_POINT;
		if (front_group(order[front]) <= G_REPLY)
			order[front]->by_rule = RS_RULE_FIRST;
		reason_front(order[front], front_group(order[front]), entries, n);
	}
	/* Points of order are procedure, not a voice: they do not count. */
	order_floor(o, entries, n, order + points, front - points, order + front,
		    k - front);
	/* The replies, in the order they were made. */
	rs_queue_entry **replies = order + n - n_replies;
	for (size_t i = 0; i < n_replies / 2; i++) {
		rs_queue_entry *tmp = replies[i];
		replies[i] = replies[n_replies - 1 - i];
		replies[n_replies - 1 - i] = tmp;
	}
	rs_queue_entry **held = malloc((n_replies ? n_replies : 1) * sizeof *held);
	if (held) {
		memcpy(held, replies, n_replies * sizeof *held);
		k = place_replies(order, k, held, n_replies, entries, n);
		free(held);
	} else { /* out of memory: the replies wait at the end */
		memmove(order + k, replies, n_replies * sizeof *order);
		for (size_t i = 0; i < n_replies; i++) {
			order[k + i]->by_rule = RS_RULE_AFTER;
			reason_reply(order[k + i], entries, n);
		}
		k += n_replies;
	}
	for (size_t i = 0; i < k; i++)
		order[i]->position = (int)i + 1;
	*n_order = place_held(entries, n, order, k);
}
