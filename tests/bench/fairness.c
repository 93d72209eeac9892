/* `make bench-fairness`: simulated hearings with skewed request streams,
 * run under each ordering policy through the core's own rs_policy_order,
 * one decision at a time as the moderator calls the next speaker.  Prints,
 * per policy, the final largest gap between a group's share of the floor
 * and its target (sector, region, gender), the largest displacement from
 * first come, and the time of one ordering at 10,000 waiting beside
 * first come's on the same list.  Asserts nothing (README: A fair floor).
 *
 * A hearing, after seed 001's thematic sessions: a roster of 300 (13
 * sectors, 5 regions, women and men alike, a few non-binary) whose shares
 * are the targets; 8 items, each with time for 4 to 8 speeches from the
 * floor and 2 to 4 times as many requests; 40% of requests made before
 * the item opens (the form), the rest while it runs.  The stream is
 * skewed three ways: two sectors make half the requests; men make 62% of
 * them; the smallest sectors and Africa ask late, in the item's second
 * half. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rostrum/balance.h"
#include "rostrum/policy.h"

enum {
	HEARINGS = 200,
	PEOPLE = 300,
	ITEMS = 8,
	SPEECH = 180,
	MAX_REQ = 64,
	BIG = 10000,
	TIMING_RUNS = 25,
};

static const char *const sectors[] = {
	"civil_society", "migrant", "academia", "diaspora", "trade_union", "private_sector",
	"local_authority", "human_rights", "parliament", "youth", "media", "red_cross", "other"};
static const char *const regions[] = {"Africa", "Arab States", "Asia and the Pacific",
				      "Europe and North America",
				      "Latin America and the Caribbean"};
static const char *const genders[] = {"woman", "man", "non-binary"};
#define N_SECTORS (sizeof sectors / sizeof sectors[0])
#define N_REGIONS (sizeof regions / sizeof regions[0])
#define N_GENDERS 3

/* ------------------------------------------------------------------ */
/* A deterministic generator (splitmix64): the same hearings everywhere. */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static double rng_unit(void)
{
	return (double)(rng_next() >> 11) / 9007199254740992.0;
}

static size_t rng_below(size_t n)
{
	return (size_t)(rng_unit() * (double)n);
}

/* An index drawn from weights w[0..n). */
static size_t rng_pick(const double *w, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += w[i];
	double x = rng_unit() * sum;
	for (size_t i = 0; i + 1 < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

/* ------------------------------------------------------------------ */
/* The roster and its shares: the targets.                             */

typedef struct {
	int sector, region, gender;
} person;

static person roster[PEOPLE];

static void make_roster(void)
{
	/* Sectors as at a hearing: civil society and migrants most, media
	 * and the Red Cross least. */
	static const double sector_w[N_SECTORS] = {14, 12, 8, 8, 6, 6, 6, 6, 5, 5, 3, 3, 4};
	static const double region_w[N_REGIONS] = {1, 1, 1, 1, 1};
	static const double gender_w[N_GENDERS] = {48, 48, 4};
	for (size_t i = 0; i < PEOPLE; i++) {
		roster[i].sector = (int)rng_pick(sector_w, N_SECTORS);
		roster[i].region = (int)rng_pick(region_w, N_REGIONS);
		roster[i].gender = (int)rng_pick(gender_w, N_GENDERS);
	}
}

/* Whom a request comes from: two sectors make half of them, men 62%. */
static size_t requester(void)
{
	static double w[PEOPLE];
	for (size_t i = 0; i < PEOPLE; i++) {
		const person *p = &roster[i];
		double s = p->sector == 4 || p->sector == 5 ? 6.0 : 1.0; /* trade unions, business */
		double g = p->gender == 1 ? 1.6 : 1.0;
		w[i] = s * g;
	}
	return rng_pick(w, PEOPLE);
}

/* The few who ask late: the smallest sectors and Africa. */
static int asks_late(const person *p)
{
	return p->sector == 10 || p->sector == 11 || p->sector == 12 || p->region == 0;
}

/* ------------------------------------------------------------------ */
/* The balance the core reads: targets from the roster, what was heard. */

typedef struct {
	rs_balance b;
	rs_balance_group g[N_SECTORS + N_REGIONS + N_GENDERS + 1];
} tally;

static void tally_init(tally *t)
{
	memset(t, 0, sizeof *t);
	t->b.groups = t->g;
	t->b.max_passed = 3;
	t->b.migrants_first = 1;
	size_t n = 0;
	for (size_t s = 0; s < N_SECTORS; s++, n++) {
		t->g[n].dim = BAL_SECTOR;
		snprintf(t->g[n].value, sizeof t->g[n].value, "%s", sectors[s]);
	}
	for (size_t r = 0; r < N_REGIONS; r++, n++) {
		t->g[n].dim = BAL_REGION;
		snprintf(t->g[n].value, sizeof t->g[n].value, "%s", regions[r]);
	}
	for (size_t g = 0; g < N_GENDERS; g++, n++) {
		t->g[n].dim = BAL_GENDER;
		snprintf(t->g[n].value, sizeof t->g[n].value, "%s", genders[g]);
	}
	t->g[n].dim = BAL_COUNTRY;
	t->g[n].target = 1; /* no countries in this roster */
	n++;
	t->b.n_groups = n;
	for (size_t i = 0; i < PEOPLE; i++) {
		t->g[roster[i].sector].target += 1.0 / PEOPLE;
		t->g[N_SECTORS + roster[i].region].target += 1.0 / PEOPLE;
		t->g[N_SECTORS + N_REGIONS + roster[i].gender].target += 1.0 / PEOPLE;
	}
}

static void tally_heard(tally *t, const person *p)
{
	t->g[p->sector].count++;
	t->g[N_SECTORS + p->region].count++;
	t->g[N_SECTORS + N_REGIONS + p->gender].count++;
	t->g[t->b.n_groups - 1].count++;
	for (size_t i = 0; i < t->b.n_groups; i++)
		t->g[i].seconds = t->g[i].count * SPEECH;
	t->b.total_count++;
	t->b.total_seconds = t->b.total_count * SPEECH;
}

/* The largest |share - target| of a dimension's groups. */
static double largest_gap(const tally *t, rs_balance_dim dim)
{
	double gap = 0;
	for (size_t i = 0; i < t->b.n_groups; i++)
		if (t->g[i].dim == dim && t->b.total_count) {
			double share = (double)t->g[i].count / (double)t->b.total_count;
			gap = fmax(gap, fabs(share - t->g[i].target));
		}
	return gap;
}

/* ------------------------------------------------------------------ */
/* One item, decision by decision.                                     */

typedef struct {
	rs_queue_entry e[MAX_REQ];
	size_t who[MAX_REQ];
	size_t n;
	int64_t heard_at[MAX_REQ]; /* -1: not reached */
} item;

static void make_request(item *it, size_t k, int64_t at)
{
	size_t w = it->who[k];
	rs_queue_entry *e = &it->e[k];
	memset(e, 0, sizeof *e);
	e->id = (int64_t)k + 1;
	e->kind = (char *)"floor";
	e->state = QS_WAITING;
	e->requested_at = at;
	e->started_at = e->paused_at = e->ended_at = -1;
	e->allotted = SPEECH;
	e->name = (char *)"x";
	e->organization = (char *)"";
	e->slot = (char *)"";
	e->sector = (char *)sectors[roster[w].sector];
	e->region = (char *)regions[roster[w].region];
	e->gender = (char *)genders[roster[w].gender];
	e->country = (char *)"";
}

/* Requests of one item: 40% before it opens, the rest while it runs
 * (those who ask late in its second half). */
static void make_item(item *it, int capacity, int64_t *arrive)
{
	it->n = (size_t)(capacity * (2.0 + 2.0 * rng_unit()));
	if (it->n > MAX_REQ)
		it->n = MAX_REQ;
	int64_t length = (int64_t)capacity * SPEECH;
	for (size_t k = 0; k < it->n; k++) {
		it->who[k] = requester();
		const person *p = &roster[it->who[k]];
		double u = rng_unit();
		if (asks_late(p))
			arrive[k] = length / 2 + (int64_t)(u * (double)(length / 2));
		else if (u < 0.4)
			arrive[k] = -1000 + (int64_t)(rng_unit() * 999);
		else
			arrive[k] = (int64_t)(rng_unit() * (double)length);
	}
	/* Ids follow the order of request, as in the database. */
	for (size_t a = 1; a < it->n; a++)
		for (size_t b = a; b > 0 && arrive[b] < arrive[b - 1]; b--) {
			int64_t t = arrive[b];
			arrive[b] = arrive[b - 1];
			arrive[b - 1] = t;
			size_t w = it->who[b];
			it->who[b] = it->who[b - 1];
			it->who[b - 1] = w;
		}
	for (size_t k = 0; k < it->n; k++) {
		make_request(it, k, arrive[k]);
		it->heard_at[k] = -1;
	}
}

typedef struct {
	rs_policy policy;
	int scope_meeting;
	int max_passed; /* K */
	const char *name;
	double gap[3], gap_max[3]; /* mean and worst over the hearings */
	long displaced;            /* the most places anyone lost */
} run;

/* The places request k lost: later requests heard while it waited. */
static long places_lost(const item *it, size_t k)
{
	long lost = 0;
	for (size_t j = k + 1; j < it->n; j++)
		if (it->heard_at[j] >= 0 && (it->heard_at[k] < 0 || it->heard_at[j] < it->heard_at[k]))
			lost++;
	return lost;
}

static void run_item(run *r, tally *t, item *it, int capacity, int *spoken_before)
{
	rs_queue_entry *view[MAX_REQ], *order[MAX_REQ];
	tally scope = *t;
	scope.b.groups = scope.g;
	if (!r->scope_meeting) { /* the item alone: nothing heard yet */
		for (size_t i = 0; i < scope.b.n_groups; i++)
			scope.g[i].count = scope.g[i].seconds = 0;
		scope.b.total_count = scope.b.total_seconds = 0;
	}
	scope.b.scope_meeting = r->scope_meeting;
	scope.b.max_passed = r->max_passed;
	for (int speech = 0; speech < capacity; speech++) {
		int64_t now = (int64_t)speech * SPEECH;
		size_t n = 0;
		for (size_t k = 0; k < it->n && it->e[k].requested_at <= now; k++) {
			it->e[k].spoken_before = spoken_before[it->who[k]];
			view[n++] = &it->e[k];
		}
		/* The core orders a contiguous list: copy, order, map back. */
		rs_queue_entry list[MAX_REQ];
		for (size_t i = 0; i < n; i++)
			list[i] = *view[i];
		size_t n_order;
		rs_policy_order(&(rs_policy_opts){.policy = r->policy, .timezone = "UTC",
						  .balance = &scope.b, .now = now},
				list, n, order, &n_order);
		if (n_order == 0)
			continue; /* nobody waiting yet: the time passes */
		size_t k = (size_t)(order[0] - list);
		rs_queue_entry *e = view[k];
		e->state = QS_SPOKEN;
		e->started_at = now;
		e->ended_at = now + SPEECH;
		it->heard_at[e->id - 1] = now;
		spoken_before[it->who[e->id - 1]]++;
		tally_heard(t, &roster[it->who[e->id - 1]]);
	}
	for (size_t k = 0; k < it->n; k++) {
		long lost = places_lost(it, k);
		if (lost > r->displaced)
			r->displaced = lost;
	}
}

static void run_hearing(run *r, uint64_t seed)
{
	rng_state = seed;
	make_roster();
	tally t;
	tally_init(&t);
	int spoken_before[PEOPLE] = {0};
	for (int i = 0; i < ITEMS; i++) {
		int capacity = 4 + (int)rng_below(5);
		item it;
		int64_t arrive[MAX_REQ];
		make_item(&it, capacity, arrive);
		run_item(r, &t, &it, capacity, spoken_before);
	}
	for (int d = 0; d < 3; d++) {
		double g = largest_gap(&t, (rs_balance_dim)d);
		r->gap[d] += g / HEARINGS;
		r->gap_max[d] = fmax(r->gap_max[d], g);
	}
}

/* ------------------------------------------------------------------ */
/* One ordering at 10,000 waiting.                                     */

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The median time of rs_policy_order over a list of BIG waiting (and 200
 * heard), skewed as the hearings are. */
static double time_order(rs_policy policy, int with_balance, size_t decide)
{
	static rs_queue_entry list[BIG + 200];
	static rs_queue_entry *order[BIG + 200];
	rng_state = 42;
	make_roster();
	tally t;
	tally_init(&t);
	for (size_t k = 0; k < BIG + 200; k++) {
		size_t w = requester();
		rs_queue_entry *e = &list[k];
		memset(e, 0, sizeof *e);
		e->id = (int64_t)k + 1;
		e->kind = (char *)"floor";
		e->state = k < 200 ? QS_SPOKEN : QS_WAITING;
		e->requested_at = 1652709600 + (int64_t)k * 7;
		e->started_at = k < 200 ? e->requested_at : -1;
		e->ended_at = k < 200 ? e->requested_at + SPEECH : -1;
		e->paused_at = -1;
		e->allotted = SPEECH;
		e->name = e->organization = e->slot = e->country = (char *)"";
		e->sector = (char *)sectors[roster[w].sector];
		e->region = (char *)regions[roster[w].region];
		e->gender = (char *)genders[roster[w].gender];
	}
	double v[TIMING_RUNS];
	for (int i = 0; i < TIMING_RUNS; i++) {
		size_t n;
		double t0 = now_s();
		rs_policy_order(&(rs_policy_opts){.policy = policy, .timezone = "UTC",
						  .balance = with_balance ? &t.b : NULL,
						  .decide = decide},
				list, BIG + 200, order, &n);
		v[i] = now_s() - t0;
	}
	qsort(v, TIMING_RUNS, sizeof *v, cmp_double);
	return v[TIMING_RUNS / 2];
}

int main(void)
{
	run runs[] = {
		{POLICY_FIFO, 0, 0, "fifo", {0}, {0}, 0},
		{POLICY_FIRST_TIME, 0, 0, "first_time", {0}, {0}, 0},
		{POLICY_BALANCED, 0, 3, "balanced, by item, K 3", {0}, {0}, 0},
		{POLICY_BALANCED, 1, 3, "balanced, over the meeting, K 3", {0}, {0}, 0},
		{POLICY_BALANCED, 1, 5, "balanced, over the meeting, K 5", {0}, {0}, 0},
		{POLICY_BALANCED, 1, 8, "balanced, over the meeting, K 8", {0}, {0}, 0},
	};
	size_t n_runs = sizeof runs / sizeof runs[0];
	for (size_t r = 0; r < n_runs; r++)
		for (uint64_t h = 0; h < HEARINGS; h++)
			run_hearing(&runs[r], 1000 + h);
	double fifo_next = time_order(POLICY_FIFO, 0, 1) * 1e3;
	double fifo_all = time_order(POLICY_FIFO, 0, 0) * 1e3;
	printf("%d simulated hearings, %d items each: 4-8 speeches from the floor per item, 2-4"
	       " times as many requests,\n40%% of them before the item opens; two sectors make"
	       " half the requests, men 62%%, the smallest sectors\nand Africa ask late.\n"
	       "Gap: the largest difference between a group's share of the interventions and its"
	       " share of the roster\n(mean over the hearings; the worst in brackets)."
	       " Displaced: the most places of first come anyone lost.\n"
	       "At 10,000 waiting (median of %d): the next speaker decided, and the whole order"
	       " with every reason;\nfirst come on the same list: %.2f ms and %.2f ms.\n\n",
	       HEARINGS, ITEMS, TIMING_RUNS, fifo_next, fifo_all);
	printf("| policy | sector gap | region gap | gender gap | displaced | next speaker |"
	       " whole order |\n|---|---|---|---|---|---|---|\n");
	for (size_t r = 0; r < n_runs; r++) {
		double next = time_order(runs[r].policy, 1, 1) * 1e3;
		double all = time_order(runs[r].policy, 1, 0) * 1e3;
		printf("| %s | %.1f%% (%.1f%%) | %.1f%% (%.1f%%) | %.1f%% (%.1f%%) | %ld |"
		       " %.2f ms (%.1fx) | %.2f ms (%.1fx) |\n",
		       runs[r].name, runs[r].gap[0] * 100, runs[r].gap_max[0] * 100,
		       runs[r].gap[1] * 100, runs[r].gap_max[1] * 100, runs[r].gap[2] * 100,
		       runs[r].gap_max[2] * 100, runs[r].displaced, next, next / fifo_next, all,
		       all / fifo_all);
	}
	printf("\nSector gap against first come's:");
	for (size_t r = 2; r < n_runs; r++)
		printf(" %s %.2f;", runs[r].name, runs[r].gap[0] / runs[0].gap[0]);
	printf("\n");
	return 0;
}
