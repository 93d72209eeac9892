/* The balanced floor (seed 002, annex 2: "first come", balanced by sector,
 * region, country and gender, "particular attention to under-represented
 * voices, including migrants themselves").
 *
 * Each group (a sector, a region, a gender, a country) has a target share
 * of the floor: its share of those present (or registered), or a quota of
 * the meeting's.  The next speaker is the one whose groups are furthest
 * behind their targets, weighted sector 4, region 2, gender 2, country 1
 * (participation, in the room or online, is counted but weighs nothing):
 * the deficit of a group is target x (heard in all + this one) - heard by
 * the group, counted in interventions or in seconds of speaking time.
 * Only stakeholders count (rs_role_is_stakeholder, as the report's balance
 * annex): a Member State, the UN system or an organiser asking for the
 * floor is called when theirs is the earliest request still waiting, their
 * first-come place, and their speech counts for no group.
 * Two bounds keep it first come at heart: the earliest request waiting is
 * taken once K later requests went before it (nobody passed over more than
 * K places), and, while no migrant has been heard, the earliest migrant
 * goes first (a rule the meeting may switch off).
 *
 * The deficit depends on a candidate's groups, not on the person: the
 * candidates are kept in buckets of equal sector, region and gender, each
 * first come, and a pick compares bucket heads only.  With the roster's
 * fixed lists (13 sectors, 5 regions, a few genders) an order of n costs
 * O(n log n) for the sort that arrives here plus O(n x buckets). */
#include "policy_balance.h"
#include "open_index.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/balance.h"
#include "rostrum/clock.h"
#include "rostrum/refdata.h"

#define NONE ((size_t)-1)

static const double weight[BAL__COUNT] = {4, 2, 2, 1, 0};

/* One group and what it has had so far, picks included. */
typedef struct {
	const char *value;
	int dim;
	double target;
	int quota;
	int64_t count, seconds;
} group_slot;

/* The groups, found by (dim, value) through their index. */
enum { RECENT = 64 };

typedef struct {
	group_slot *v;
	size_t n, cap;
	open_index index;
	/* The slots of values met lately, by their address: entries of one
	 * list often share their strings, and then no string is compared. */
	const char *recent_value[BAL__COUNT][RECENT];
	size_t recent_slot[BAL__COUNT][RECENT];
	int64_t total_count, total_seconds;
} groups;

typedef struct {
	size_t slot[BAL__COUNT];
	int apart;     /* of another role: first come, counted for no group */
	size_t bucket; /* NONE when apart */
	size_t next;         /* the next candidate of its bucket, first come */
	int64_t heard_after; /* floor requests made later that were heard already */
	int64_t seconds;     /* what it would take: its allotted time */
} candidate;

typedef struct {
	size_t s[3]; /* sector, region, gender */
	size_t head, tail;
} bucket;

typedef struct {
	bucket *v;
	size_t n;
	open_index index;
	size_t *active; /* buckets with someone waiting */
	size_t n_active;
} buckets;

typedef struct {
	int by_time, scope_meeting, max_passed, migrants_first;
	groups g;
	buckets b;
	candidate *c;
	size_t n_c;
	size_t *fenwick; /* picks, by first-come index: passes of anyone */
	unsigned char *taken;
	size_t picked;
	size_t migrant_slot;
	const rs_policy_opts *o;
	rs_queue_entry *const *rest; /* candidate i is rest[i] */
} balancer;

static const char *value_of(const rs_queue_entry *e, int dim)
{
	const char *v = dim == BAL_SECTOR          ? e->sector
			: dim == BAL_REGION        ? e->region
			: dim == BAL_GENDER        ? e->gender
			: dim == BAL_PARTICIPATION ? e->participation
						   : e->country;
	return v ? v : "";
}

/* The index's view of the groups by their key (open_value_key). */
static size_t group_hash(const void *items, size_t k)
{
	const group_slot *s = &((const group_slot *)items)[k];
	return open_hash_value(s->dim, s->value);
}

static int group_same(const void *items, size_t k, const void *key)
{
	const group_slot *s = &((const group_slot *)items)[k];
	return open_value_is(s->dim, s->value, key);
}

/* The slot of (dim, value), made with target 0 when new (g->v has room
 * for every value); NONE without memory. */
static size_t slot_of(groups *g, int dim, const char *value)
{
	open_value_key key = {dim, value};
	size_t h = open_hash_value(dim, value);
	size_t k = open_index_find(&g->index, g->v, group_same, h, &key, g->n);
	if (k < g->n)
		return k;
	group_slot *s = &g->v[g->n];
	memset(s, 0, sizeof *s);
	s->dim = dim;
	s->value = value;
	if (!open_index_add(&g->index, g->v, group_hash, g->n, h))
		return NONE;
	return g->n++;
}

static void count_heard(groups *g, const size_t *slot, int64_t seconds)
{
	for (int d = 0; d < BAL__COUNT; d++) {
		g->v[slot[d]].count++;
		g->v[slot[d]].seconds += seconds;
	}
	g->total_count++;
	g->total_seconds += seconds;
}

/* 0 without memory. */
static int entry_slots(groups *g, const rs_queue_entry *e, size_t *slot)
{
	for (int d = 0; d < BAL__COUNT; d++) {
		const char *v = value_of(e, d);
		size_t r = ((uintptr_t)v >> 3) % RECENT;
		if (g->recent_value[d][r] == v) {
			slot[d] = g->recent_slot[d][r];
			continue;
		}
		if ((slot[d] = slot_of(g, d, v)) == NONE)
			return 0;
		g->recent_value[d][r] = v;
		g->recent_slot[d][r] = slot[d];
	}
	return 1;
}

static int took_floor(const rs_queue_entry *e)
{
	return e->state == QS_SPEAKING || e->state == QS_PAUSED || e->state == QS_SPOKEN;
}

int policy_is_floor_request(const rs_queue_entry *e)
{
	return strcmp(e->kind, "point_of_order") != 0 && e->programme_order <= 0 &&
	       e->manual_rank <= 0 && e->reply_to <= 0;
}

/* What a speech weighs on the balance by time: what it took, or, ahead of
 * it, what it is allotted. */
static int64_t speech_seconds(const rs_queue_entry *e, int64_t now)
{
	if (took_floor(e))
		return rs_queue_entry_seconds(e, now);
	return rs_queue_entry_allotted(e);
}

/* Entry e counts in the balance: a stakeholder, by the role rule. */
static int counted(const rs_queue_entry *e)
{
	return rs_role_is_stakeholder(e->role);
}

/* Targets with no balance loaded: each group's share of the stakeholders
 * on the list itself. */
static int targets_from_list(groups *g, const rs_queue_entry *entries, size_t n)
{
	size_t slot[BAL__COUNT], n_counted = 0;
	for (size_t i = 0; i < n; i++)
		n_counted += (size_t)counted(&entries[i]);
	for (size_t i = 0; i < n; i++) {
		if (!counted(&entries[i]))
			continue;
		if (!entry_slots(g, &entries[i], slot))
			return 0;
		for (int d = 0; d < BAL__COUNT; d++)
			g->v[slot[d]].target += 1.0 / (double)n_counted;
	}
	return 1;
}

static int groups_init(balancer *z, const rs_policy_opts *o, const rs_queue_entry *entries,
		       size_t n)
{
	const rs_balance *b = o->balance;
	groups *g = &z->g;
	g->cap = (b ? b->n_groups : 0) + BAL__COUNT * n + 1;
	g->v = malloc(g->cap * sizeof *g->v);
	if (!g->v)
		return 0;
	for (size_t i = 0; b && i < b->n_groups; i++) {
		const rs_balance_group *bg = &b->groups[i];
		size_t k = slot_of(g, (int)bg->dim, bg->value);
		if (k == NONE)
			return 0;
		group_slot *s = &g->v[k];
		s->target = bg->target;
		s->quota = bg->quota;
		s->count = bg->count;
		s->seconds = bg->seconds;
	}
	if (b) {
		g->total_count = b->total_count;
		g->total_seconds = b->total_seconds;
	} else if (!targets_from_list(g, entries, n)) {
		return 0;
	}
	z->migrant_slot = slot_of(g, BAL_SECTOR, "migrant");
	return z->migrant_slot != NONE;
}

static size_t bucket_hash(const void *items, size_t k)
{
	return open_hash_numbers(((const bucket *)items)[k].s, 3);
}

static int bucket_same(const void *items, size_t k, const void *key)
{
	const size_t *s = ((const bucket *)items)[k].s, *q = key;
	return s[0] == q[0] && s[1] == q[1] && s[2] == q[2];
}

/* The bucket of a candidate's sector, region and gender, made if new (b->v
 * has room for one per candidate); NONE without memory. */
static size_t bucket_of(buckets *b, const size_t *slot)
{
	size_t h = open_hash_numbers(slot, 3);
	size_t k = open_index_find(&b->index, b->v, bucket_same, h, slot, b->n);
	if (k < b->n)
		return k;
	bucket *nb = &b->v[b->n];
	memcpy(nb->s, slot, sizeof nb->s);
	nb->head = nb->tail = NONE;
	if (!open_index_add(&b->index, b->v, bucket_hash, b->n, h))
		return NONE;
	b->active[b->n_active++] = b->n;
	return b->n++;
}

/* The floor requests heard on the item, as (requested_at, id), sorted:
 * how many came later than a candidate is a binary search. */
typedef struct {
	int64_t at, id;
} request_key;

static int cmp_key(const void *pa, const void *pb)
{
	const request_key *a = pa, *b = pb;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int64_t count_later(const request_key *k, size_t n, const rs_queue_entry *e)
{
	request_key me = {e->requested_at, e->id};
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_key(&k[mid], &me) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int64_t)(n - lo);
}

static int candidates_init(balancer *z, const rs_queue_entry *entries, size_t n,
			   rs_queue_entry *const *rest, size_t n_rest, int heard_counted)
{
	buckets *b = &z->b;
	z->c = malloc((n_rest ? n_rest : 1) * sizeof *z->c);
	z->fenwick = calloc(n_rest + 1, sizeof *z->fenwick);
	z->taken = calloc(n_rest ? n_rest : 1, 1);
	b->v = malloc((n_rest ? n_rest : 1) * sizeof *b->v);
	b->active = malloc((n_rest ? n_rest : 1) * sizeof *b->active);
	request_key *heard = malloc((n ? n : 1) * sizeof *heard);
	if (!z->c || !z->fenwick || !z->taken || !b->v || !b->active || !heard) {
		free(heard);
		return 0;
	}
	size_t n_heard = 0;
	for (size_t i = 0; i < n; i++)
		if (took_floor(&entries[i]) && policy_is_floor_request(&entries[i]))
			heard[n_heard++] = (request_key){entries[i].requested_at, entries[i].id};
	qsort(heard, n_heard, sizeof *heard, cmp_key);
	z->n_c = n_rest;
	for (size_t i = 0; i < n_rest; i++) {
		candidate *c = &z->c[i];
		c->next = c->bucket = NONE;
		/* -1 with heard_counted: read when asked (heard_after). */
		c->heard_after = heard_counted ? rest[i]->heard_later
					       : count_later(heard, n_heard, rest[i]);
		c->seconds = rs_queue_entry_allotted(rest[i]);
		if ((c->apart = !counted(rest[i])))
			continue; /* in no bucket: called at the head */
		if (!entry_slots(&z->g, rest[i], c->slot) ||
		    (c->bucket = bucket_of(b, c->slot)) == NONE) {
			free(heard);
			return 0;
		}
		bucket *k = &b->v[c->bucket];
		if (k->tail == NONE)
			k->head = i;
		else
			z->c[k->tail].next = i;
		k->tail = i;
	}
	free(heard);
	return 1;
}

static void balancer_free(balancer *z)
{
	free(z->g.v);
	free(z->g.index.table);
	free(z->b.v);
	free(z->b.index.table);
	free(z->b.active);
	free(z->c);
	free(z->fenwick);
	free(z->taken);
}

/* Picks among candidates [0, i] so far. */
static size_t picks_up_to(const balancer *z, size_t i)
{
	size_t s = 0;
	for (size_t k = i + 1; k > 0; k -= k & (~k + 1))
		s += z->fenwick[k];
	return s;
}

static void mark_picked(balancer *z, size_t i)
{
	for (size_t k = i + 1; k <= z->n_c; k += k & (~k + 1))
		z->fenwick[k]++;
	z->picked++;
}

/* The floor requests made after candidate i's that were heard before this
 * order, read the first time the order asks (a list read by its head has
 * them unread: a count each, for the few the bound and the reasons ask). */
static int64_t heard_after(balancer *z, size_t i)
{
	candidate *c = &z->c[i];
	if (c->heard_after < 0) {
		rs_queue_entry *e = z->rest[i];
		if (e->heard_later < 0 && z->o->read_heard_later &&
		    z->o->read_heard_later(z->o->read_ctx, e))
			e->heard_later = 0; /* the caller's ctx holds the failure */
		c->heard_after = e->heard_later < 0 ? 0 : e->heard_later;
	}
	return c->heard_after;
}

/* How many later requests went before candidate i (all picks so far and
 * heard ones): a candidate is never picked twice, so the picks after i are
 * the picks less those at or before it. */
static int64_t passes(balancer *z, size_t i)
{
	return heard_after(z, i) + (int64_t)(z->picked - picks_up_to(z, i));
}

/* Group slot s's deficit against its target were add more to be heard. */
static double deficit(const balancer *z, size_t s, double add)
{
	const group_slot *g = &z->g.v[s];
	if (z->by_time)
		return g->target * ((double)z->g.total_seconds + add) - (double)g->seconds;
	return g->target * ((double)z->g.total_count + add) - (double)g->count;
}

static double score(const balancer *z, size_t i)
{
	const candidate *c = &z->c[i];
	double add = z->by_time ? (double)c->seconds : 1.0, s = 0;
	for (int d = 0; d < BAL__COUNT; d++)
		s += weight[d] * deficit(z, c->slot[d], add);
	return s;
}

/* The dimension whose deficit did most for candidate i against the first
 * come, head (against nothing when i is the head). */
static int deciding_dim(const balancer *z, size_t i, size_t head)
{
	const candidate *c = &z->c[i], *h = &z->c[head];
	double add = z->by_time ? (double)c->seconds : 1.0;
	double add_h = z->by_time ? (double)h->seconds : 1.0;
	int best = 0;
	double best_v = 0;
	for (int d = 0; d < BAL__COUNT; d++) {
		if (weight[d] == 0)
			continue; /* shown, never what decides */
		double v = weight[d] * deficit(z, c->slot[d], add);
		if (i != head)
			v -= weight[d] * deficit(z, h->slot[d], add_h);
		if (d == 0 || v > best_v + 1e-9) {
			best = d;
			best_v = v;
		}
	}
	return best;
}

/* The bucket head with the highest score; the earlier request on a tie. */
static size_t best_head(const balancer *z)
{
	size_t best = NONE;
	double best_s = 0;
	for (size_t a = 0; a < z->b.n_active; a++) {
		size_t h = z->b.v[z->b.active[a]].head;
		double s = score(z, h);
		if (best == NONE || s > best_s + 1e-9 || (s > best_s - 1e-9 && h < best)) {
			best = h;
			best_s = s;
		}
	}
	return best;
}

/* The earliest migrant waiting, NONE if none waits. */
static size_t first_migrant(const balancer *z)
{
	size_t best = NONE;
	for (size_t a = 0; a < z->b.n_active; a++) {
		const bucket *k = &z->b.v[z->b.active[a]];
		if (k->s[BAL_SECTOR] == z->migrant_slot && k->head < best)
			best = k->head;
	}
	return best;
}

static void take(balancer *z, size_t i)
{
	candidate *c = &z->c[i];
	mark_picked(z, i);
	z->taken[i] = 1;
	if (c->apart)
		return;
	bucket *k = &z->b.v[c->bucket];
	k->head = c->next;
	if (k->head == NONE) {
		k->tail = NONE;
		for (size_t a = 0; a < z->b.n_active; a++)
			if (z->b.active[a] == c->bucket) {
				z->b.active[a] = z->b.active[--z->b.n_active];
				break;
			}
	}
	count_heard(&z->g, c->slot, c->seconds);
}

/* "6%", "0.5%". */
static void percent(double share, char *buf, size_t size)
{
	double p = share * 100;
	if (p >= 9.95 || p == 0)
		snprintf(buf, size, "%.0f%%", p);
	else
		snprintf(buf, size, "%.1f%%", p);
}

static void mmss(int64_t s, char *buf, size_t size)
{
	snprintf(buf, size, "%lld:%02lld", (long long)(s / 60), (long long)(s % 60));
}

/* "Trade unions 0 of 7 interventions, target 6%", as it stood. */
static void figure(const balancer *z, size_t i, size_t head, char *buf, size_t size)
{
	const group_slot *g = &z->g.v[z->c[i].slot[deciding_dim(z, i, head)]];
	char pct[16];
	percent(g->target, pct, sizeof pct);
	if (z->by_time) {
		char had[32], all[32];
		mmss(g->seconds, had, sizeof had);
		mmss(z->g.total_seconds, all, sizeof all);
		snprintf(buf, size, "%s %s of %s speaking time, target %s%s", rs_balance_label((rs_balance_dim)g->dim, g->value), had,
			 all, pct, g->quota ? " (quota)" : "");
	} else {
		snprintf(buf, size, "%s %lld of %lld interventions, target %s%s", rs_balance_label((rs_balance_dim)g->dim, g->value),
			 (long long)g->count, (long long)z->g.total_count, pct,
			 g->quota ? " (quota)" : "");
	}
}

typedef enum { WHY_BALANCE, WHY_BOUND, WHY_MIGRANT, WHY_APART } why;

static void explain(balancer *z, const rs_policy_opts *o, size_t i, why w,
		    rs_queue_entry *e, size_t head)
{
	char fig[160], at[32];
	policy_when(o, e->requested_at, at, sizeof at);
	if (w == WHY_BOUND)
		snprintf(fig, sizeof fig, "first come");
	else if (w == WHY_APART) /* "Member State: first come, ..." */
		snprintf(fig, sizeof fig, "%c%s: first come, not counted in the stakeholder balance",
			 toupper((unsigned char)*rs_role_name(e->role)), rs_role_name(e->role) + 1);
	else if (w == WHY_MIGRANT)
		snprintf(fig, sizeof fig, "migrants themselves first: none heard yet %s",
			 z->scope_meeting ? "in the meeting" : "on this item");
	else
		figure(z, i, head, fig, sizeof fig);
	snprintf(e->reason, sizeof e->reason, "%s; passed over %lld of %d allowed; requested at %s",
		 fig, (long long)passes(z, i), z->max_passed, at);
}

static void rules_of(balancer *z, const rs_balance *b)
{
	if (b) {
		z->by_time = b->by_time;
		z->scope_meeting = b->scope_meeting;
		z->max_passed = b->max_passed;
		z->migrants_first = b->migrants_first;
	} else {
		z->max_passed = 3;
		z->migrants_first = 1;
	}
}

/* The stakeholders who took the floor on the item, and those placed
 * ahead of the floor, count as heard; 0 without memory. */
static int count_before(balancer *z, const rs_policy_opts *o, const rs_queue_entry *entries,
			size_t n, rs_queue_entry *const *ahead, size_t n_ahead)
{
	size_t slot[BAL__COUNT];
	for (size_t i = 0; i < n && !o->heard_counted; i++)
		if (took_floor(&entries[i]) && strcmp(entries[i].kind, "point_of_order") &&
		    counted(&entries[i])) {
			if (!entry_slots(&z->g, &entries[i], slot))
				return 0;
			count_heard(&z->g, slot, speech_seconds(&entries[i], o->now));
		}
	for (size_t i = 0; i < n_ahead; i++) {
		if (!counted(ahead[i]))
			continue;
		if (!entry_slots(&z->g, ahead[i], slot))
			return 0;
		count_heard(&z->g, slot, speech_seconds(ahead[i], o->now));
	}
	return 1;
}

int policy_balance_order(const rs_policy_opts *o, const rs_queue_entry *entries, size_t n,
			 rs_queue_entry *const *ahead, size_t n_ahead, rs_queue_entry **rest,
			 size_t n_rest)
{
	balancer z = {.o = o, .rest = rest};
	rules_of(&z, o->balance);
	rs_queue_entry **out = malloc((n_rest ? n_rest : 1) * sizeof *out);
	if (!out || !groups_init(&z, o, entries, n) ||
	    !candidates_init(&z, entries, n, rest, n_rest, o->heard_counted)) {
		free(out);
		balancer_free(&z);
		return 0;
	}
	if (!count_before(&z, o, entries, n, ahead, n_ahead)) {
		free(out);
		balancer_free(&z);
		return 0;
	}
	size_t head = 0;
	size_t decide = o->decide && o->decide < n_rest ? o->decide : n_rest;
	for (size_t k = 0; k < decide; k++) {
		while (z.taken[head])
			head++; /* the earliest request still waiting */
		size_t pick;
		why w = WHY_BALANCE;
		if (z.c[head].apart) {
			pick = head;
			w = WHY_APART;
		} else if (passes(&z, head) >= z.max_passed) {
			pick = head;
			w = WHY_BOUND;
		} else if (z.migrants_first && z.g.v[z.migrant_slot].count == 0 &&
			   (pick = first_migrant(&z)) != NONE) {
			w = WHY_MIGRANT;
		} else {
			pick = best_head(&z);
		}
		explain(&z, o, pick, w, rest[pick], head);
		out[k] = rest[pick];
		take(&z, pick);
	}
	for (size_t i = 0, k = decide; k < n_rest; i++) /* undecided: first come */
		if (!z.taken[i])
			out[k++] = rest[i];
	memcpy(rest, out, n_rest * sizeof *rest);
	free(out);
	balancer_free(&z);
	return 1;
}
