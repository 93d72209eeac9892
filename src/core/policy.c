/* Who speaks next.  Points of order go first (they interrupt the list by
 * nature), then those the moderator placed by hand, in their order; the
 * policy orders the rest.  Each waiting entry gets a one-line reason a
 * moderator can read out. */
#include "rostrum/policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"

/* How often each value already took the floor on this item (speaking,
 * paused, spoken), plus the picks the policy has already made ahead. */
typedef struct {
	const char *value;
	int count;
} tally;

typedef struct {
	tally *v;
	size_t n;
} tally_set;

static int tally_get(const tally_set *t, const char *value)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].value, value))
			return t->v[i].count;
	return 0;
}

/* t->v has room for every entry's value (sized by the caller). */
static void tally_add(tally_set *t, const char *value)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].value, value)) {
			t->v[i].count++;
			return;
		}
	t->v[t->n].value = value;
	t->v[t->n].count = 1;
	t->n++;
}

typedef struct {
	tally_set sector, region, gender;
} floor_balance;

static int took_floor(const rs_queue_entry *e)
{
	return e->state == QS_SPEAKING || e->state == QS_PAUSED || e->state == QS_SPOKEN;
}

static int is_point_of_order(const rs_queue_entry *e)
{
	return !strcmp(e->kind, "point_of_order");
}

/* First come: request time, then id (an earlier id was entered first). */
static int earlier(const rs_queue_entry *a, const rs_queue_entry *b)
{
	if (a->requested_at != b->requested_at)
		return a->requested_at < b->requested_at;
	return a->id < b->id;
}

/* Where an entry goes before any policy: 0 a point of order, 1 placed by
 * the moderator, 2 for the policy to order. */
static int front_group(const rs_queue_entry *e)
{
	return is_point_of_order(e) ? 0 : e->manual_rank > 0 ? 1 : 2;
}

static int cmp_fifo(const void *pa, const void *pb)
{
	const rs_queue_entry *a = *(rs_queue_entry *const *)pa, *b = *(rs_queue_entry *const *)pb;
	return earlier(a, b) ? -1 : earlier(b, a) ? 1 : 0;
}

/* Points of order first come, then the moderator's places by rank, then
 * the rest first come (each policy reorders that last group). */
static int cmp_front(const void *pa, const void *pb)
{
	const rs_queue_entry *a = *(rs_queue_entry *const *)pa, *b = *(rs_queue_entry *const *)pb;
	int ga = front_group(a), gb = front_group(b);
	if (ga != gb)
		return ga < gb ? -1 : 1;
	if (ga == 1 && a->manual_rank != b->manual_rank)
		return a->manual_rank < b->manual_rank ? -1 : 1;
	return cmp_fifo(pa, pb);
}

static int cmp_first_time(const void *pa, const void *pb)
{
	const rs_queue_entry *a = *(rs_queue_entry *const *)pa, *b = *(rs_queue_entry *const *)pb;
	if ((a->spoken_before == 0) != (b->spoken_before == 0))
		return a->spoken_before == 0 ? -1 : 1;
	return earlier(a, b) ? -1 : earlier(b, a) ? 1 : 0;
}

/* "2022-04-20 13:29 UTC": requests from a registration form span days. */
static void when(int64_t t, char *buf, size_t size)
{
	char iso[32];
	rs_iso_utc(t, iso, sizeof iso);
	snprintf(buf, size, "%.10s %.5s UTC", iso, iso + 11);
}

static void reason_fifo(rs_queue_entry *e)
{
	char t[32];
	when(e->requested_at, t, sizeof t);
	snprintf(e->reason, sizeof e->reason, "first come: requested at %s", t);
}

static void reason_first_time(rs_queue_entry *e)
{
	char t[32];
	when(e->requested_at, t, sizeof t);
	if (e->spoken_before == 0)
		snprintf(e->reason, sizeof e->reason,
			 "has not spoken yet today; requested at %s", t);
	else
		snprintf(e->reason, sizeof e->reason,
			 "spoke %d time%s already today; requested at %s", e->spoken_before,
			 e->spoken_before == 1 ? "" : "s", t);
}

/* Balanced (seed 002, annex 2): first come, balanced by sector, region and
 * gender, migrants themselves first.  Greedy: pick the candidate whose
 * sector has had the floor least on this item, then whose region and gender
 * have, then who has not spoken today, then first come; then count the pick
 * as if it had spoken and pick again.  A migrant goes first while no migrant
 * has spoken on the item. */
static long balance_key(const rs_queue_entry *e, const floor_balance *b)
{
	long migrant_first = !strcmp(e->sector, "migrant") && tally_get(&b->sector, "migrant") == 0;
	long s = tally_get(&b->sector, e->sector);
	long rg = tally_get(&b->region, e->region) + tally_get(&b->gender, e->gender);
	return (migrant_first ? 0 : 1) * 1000000000L + s * 1000000L + rg * 1000L +
	       (e->spoken_before > 0);
}

static void reason_balanced(rs_queue_entry *e, const floor_balance *b)
{
	char t[32];
	when(e->requested_at, t, sizeof t);
	int s = tally_get(&b->sector, e->sector);
	int r = tally_get(&b->region, e->region), g = tally_get(&b->gender, e->gender);
	if (!strcmp(e->sector, "migrant") && s == 0)
		snprintf(e->reason, sizeof e->reason,
			 "migrant voice, none heard yet on this item; requested at %s", t);
	else
		snprintf(e->reason, sizeof e->reason,
			 "%s %d, %s %d, %s %d on the floor so far (counting those ahead);"
			 " requested at %s",
			 rs_sector_label(e->sector), s, *e->region ? e->region : "region unknown", r,
			 *e->gender ? e->gender : "gender unknown", g, t);
}

static void tally_entry(floor_balance *b, const rs_queue_entry *e)
{
	tally_add(&b->sector, e->sector);
	tally_add(&b->region, e->region);
	tally_add(&b->gender, e->gender);
}

/* c[0..n) arrive first come; each pick counts as if it had spoken. */
static void order_balanced(rs_queue_entry **c, size_t n, floor_balance *b)
{
	for (size_t i = 0; i < n; i++) {
		size_t best = i;
		long best_key = balance_key(c[i], b);
		for (size_t j = i + 1; j < n; j++) {
			long k = balance_key(c[j], b);
			if (k < best_key || (k == best_key && earlier(c[j], c[best]))) {
				best = j;
				best_key = k;
			}
		}
		rs_queue_entry *pick = c[best];
		memmove(&c[i + 1], &c[i], (best - i) * sizeof *c);
		c[i] = pick;
		reason_balanced(pick, b);
		tally_entry(b, pick);
	}
}

/* Balanced over rest[0..n_rest): the floor so far counts, and so do those
 * the moderator placed ahead.  Falls back to first come without memory. */
static int balance_rest(rs_queue_entry *entries, size_t n, rs_queue_entry **ahead,
			size_t n_ahead, rs_queue_entry **rest, size_t n_rest)
{
	tally *store = calloc(3 * (n ? n : 1), sizeof *store);
	if (!store)
		return 0;
	floor_balance b = {{store, 0}, {store + n, 0}, {store + 2 * n, 0}};
	for (size_t i = 0; i < n; i++)
		if (took_floor(&entries[i]))
			tally_entry(&b, &entries[i]);
	for (size_t i = 0; i < n_ahead; i++)
		tally_entry(&b, ahead[i]);
	order_balanced(rest, n_rest, &b);
	free(store);
	return 1;
}

void rs_policy_order(rs_policy p, rs_queue_entry *entries, size_t n,
		     rs_queue_entry **order, size_t *n_order)
{
	size_t k = 0, front = 0, placed = 0;
	for (size_t i = 0; i < n; i++) {
		entries[i].position = 0;
		entries[i].reason[0] = '\0';
		if (entries[i].state == QS_WAITING)
			order[k++] = &entries[i];
	}
	*n_order = k;
	qsort(order, k, sizeof *order, cmp_front);
	for (; front < k && front_group(order[front]) < 2; front++) {
		rs_queue_entry *e = order[front];
		placed += front_group(e) == 1;
		snprintf(e->reason, sizeof e->reason, "%s",
			 front_group(e) ? "placed here by the moderator" : "point of order: goes first");
	}
	rs_queue_entry **rest = order + front;
	size_t n_rest = k - front;
	if (p == POLICY_BALANCED &&
	    balance_rest(entries, n, order + front - placed, placed, rest, n_rest)) {
		/* ordered, with reasons */
	} else if (p == POLICY_FIRST_TIME) {
		qsort(rest, n_rest, sizeof *rest, cmp_first_time);
		for (size_t i = 0; i < n_rest; i++)
			reason_first_time(rest[i]);
	} else {
		/* fifo, or balanced without memory: first come is always fair */
		for (size_t i = 0; i < n_rest; i++)
			reason_fifo(rest[i]);
	}
	for (size_t i = 0; i < k; i++)
		order[i]->position = (int)i + 1;
}
