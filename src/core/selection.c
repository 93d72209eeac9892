/* Rapporteur selection: the ranking, the lot, the spread rule and the
 * balance check (pure), and the two journalled actions around them. */
#include "rostrum/selection.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/balance.h"
#include "rostrum/lot.h"
#include "rostrum/text.h"
#include "said.h"
#include "storage.h"

static const char *value_of(const rs_seat_candidate *c, int dim)
{
	return dim == BAL_SECTOR ? c->sector : dim == BAL_REGION ? c->region : c->gender;
}

static const char *ordinal(int n)
{
	return n % 100 >= 11 && n % 100 <= 13 ? "th"
	       : n % 10 == 1		      ? "st"
	       : n % 10 == 2		      ? "nd"
	       : n % 10 == 3		      ? "rd"
						      : "th";
}

/* Everyone gets a place in the lot's order: a shuffle of the candidates in
 * nominee id order, so the same seed over the same people gives the same
 * places. */
static rs_status draw_lot(rs_selection *s)
{
	size_t *order = malloc((s->n ? s->n : 1) * sizeof *order);
	if (!order)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	for (size_t i = 0; i < s->n; i++)
		order[i] = i;
	rs_lot lot;
	rs_lot_init(&lot, s->seed);
	rs_lot_shuffle(&lot, order, s->n);
	for (size_t i = 0; i < s->n; i++)
		s->c[order[i]].lot = (int)i + 1;
	free(order);
	return RS_OK;
}

static int by_tally_then_lot(const void *pa, const void *pb)
{
	const rs_seat_candidate *a = pa, *b = pb;
	if (a->tally != b->tally)
		return a->tally > b->tally ? -1 : 1;
	return a->lot - b->lot;
}

/* The first seats by rank are chosen; the lot decides only when the cut
 * falls among equal tallies. */
static void cut(rs_selection *s)
{
	size_t seats = (size_t)s->seats < s->n ? (size_t)s->seats : s->n;
	for (size_t i = 0; i < s->n; i++) {
		s->c[i].rank = (int)i + 1;
		s->c[i].chosen = i < seats;
	}
	s->lot_used = seats > 0 && seats < s->n && s->c[seats - 1].tally == s->c[seats].tally;
	if (!s->lot_used)
		return;
	s->cut_tally = s->c[seats - 1].tally;
	for (size_t i = 0; i < s->n; i++)
		if (s->c[i].tally == s->cut_tally) {
			s->c[i].tied = ++s->tied;
			s->tied_seats += s->c[i].chosen;
		}
}

/* 1 when two or more are chosen and all from one named group of dim. */
static int all_one(const rs_selection *s, int dim, const char **v)
{
	int k = 0;
	*v = NULL;
	for (size_t i = 0; i < s->n; i++) {
		if (!s->c[i].chosen)
			continue;
		const char *x = value_of(&s->c[i], dim);
		if (!*x || (*v && strcmp(*v, x)))
			return 0;
		*v = x;
		k++;
	}
	return k >= 2;
}

static int rule_holds(const rs_selection *s, int bits)
{
	const char *v;
	for (int d = BAL_SECTOR; d <= BAL_GENDER; d++)
		if (bits & (1 << d) && all_one(s, d, &v))
			return 0;
	return 1;
}

/* The lowest-ranked chosen that the rule did not bring in; -1 if none. */
static int last_chosen(const rs_selection *s)
{
	for (size_t i = s->n; i-- > 0;)
		if (s->c[i].chosen && !s->c[i].by_rule)
			return (int)i;
	return -1;
}

/* The highest-ranked one left out who, in place of c[out], meets the rule
 * of every dimension in bits; -1 if none. */
static int replacement(rs_selection *s, int out, int bits)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->c[i].chosen)
			continue;
		s->c[out].chosen = 0;
		s->c[i].chosen = 1;
		int ok = rule_holds(s, bits);
		s->c[out].chosen = 1;
		s->c[i].chosen = 0;
		if (ok)
			return (int)i;
	}
	return -1;
}

/* For each dimension of the rule in turn: when the chosen are all from one
 * group, the lowest-ranked of them gives way to the highest-ranked one
 * left out who breaks it (and keeps the dimensions already met). */
static void spread(rs_selection *s)
{
	int bits = 0;
	for (int d = BAL_SECTOR; d <= BAL_GENDER; d++) {
		const char *v;
		if (!(s->spread & (1 << d)))
			continue;
		bits |= 1 << d;
		if (!all_one(s, d, &v))
			continue;
		const char *label = rs_balance_label((rs_balance_dim)d, v);
		int out = last_chosen(s), in = out < 0 ? -1 : replacement(s, out, bits);
		if (in < 0) {
			rs_text_printf(s->rule, sizeof s->rule, "all from %s: no accepted nominee from"
				            " another %s (rule: %s)", label, rs_balance_dim_name((rs_balance_dim)d),
				            rs_seat_spread_name(s->spread));
			continue;
		}
		rs_seat_candidate *a = &s->c[in], *b = &s->c[out];
		a->chosen = a->by_rule = b->by_rule = 1;
		b->chosen = 0;
		rs_text_printf(a->reason, sizeof a->reason, "tally %d, rank %d: brought in so the seats"
			            " are not all from %s (rule: %s)", a->tally, a->rank, label,
			            rs_seat_spread_name(s->spread));
		rs_text_printf(b->reason, sizeof b->reason, "tally %d, rank %d: left out so the seats"
			            " are not all from %s (rule: %s)", b->tally, b->rank, label,
			            rs_seat_spread_name(s->spread));
		rs_text_printf(s->rule, sizeof s->rule, "%s in for %s: not all from %s (rule: %s)",
			            a->name, b->name, label, rs_seat_spread_name(s->spread));
	}
	if (!s->rule[0] && s->spread)
		rs_text_printf(s->rule, sizeof s->rule, "met by the ranking (rule: %s)",
		               rs_seat_spread_name(s->spread));
	else if (!s->rule[0])
		rs_text_printf(s->rule, sizeof s->rule, "none (meeting set --seat-spread none)");
}

static void reason(rs_selection *s, rs_seat_candidate *c)
{
	if (c->by_rule)
		return;
	if (c->tied && s->lot_used)
		rs_text_printf(c->reason, sizeof c->reason, "tally %d, %s by lot: %d%s of the %d tied at"
			            " %d for %d seat%s", c->tally, c->chosen ? "drawn" : "not drawn", c->tied,
			            ordinal(c->tied), s->tied, s->cut_tally, s->tied_seats,
			            s->tied_seats == 1 ? "" : "s");
	else if (c->chosen)
		rs_text_printf(c->reason, sizeof c->reason, "tally %d, rank %d", c->tally, c->rank);
	else
		rs_text_printf(c->reason, sizeof c->reason, "tally %d, rank %d: below the cut", c->tally,
			            c->rank);
}

/* "region: both from Africa", "gender: all 3 Women", "sector: Academia,
 * Media". */
static void balance_check(rs_selection *s, int dim, char *out, size_t size)
{
	const char *name = rs_balance_dim_name((rs_balance_dim)dim), *v;
	int k = 0, len = snprintf(out, size, "%s: ", name);
	for (size_t i = 0; i < s->n; i++)
		k += s->c[i].chosen;
	if (all_one(s, dim, &v)) {
		char many[16];
		snprintf(many, sizeof many, "all %d", k);
		snprintf(out + len, size - (size_t)len, "%s %s%s", k == 2 ? "both" : many,
			 dim == BAL_GENDER ? "" : "from ",
			 rs_balance_label((rs_balance_dim)dim, v));
		return;
	}
	const char *shown[64];
	int n_shown = 0;
	for (size_t i = 0; i < s->n && (size_t)len < size; i++) {
		const char *label = rs_balance_label((rs_balance_dim)dim, value_of(&s->c[i], dim));
		int seen = 0;
		for (int j = 0; j < n_shown; j++)
			seen |= !strcmp(shown[j], label);
		if (!s->c[i].chosen || seen || n_shown == 64)
			continue;
		len += snprintf(out + len, size - (size_t)len, "%s%s", n_shown ? ", " : "", label);
		shown[n_shown++] = label;
	}
	if (!k)
		snprintf(out + len, size - (size_t)len, "nobody chosen");
}

rs_status rs_selection_rank(rs_selection *s)
{
	rs_status rc = draw_lot(s);
	if (rc)
		return rc;
	qsort(s->c, s->n, sizeof *s->c, by_tally_then_lot);
	s->lot_used = s->tied = s->tied_seats = s->cut_tally = 0;
	s->rule[0] = '\0';
	for (size_t i = 0; i < s->n; i++)
		s->c[i].tied = s->c[i].by_rule = 0;
	cut(s);
	spread(s);
	for (size_t i = 0; i < s->n; i++)
		reason(s, &s->c[i]);
	for (int d = BAL_SECTOR; d <= BAL_GENDER; d++)
		balance_check(s, d, s->balance[d], sizeof s->balance[d]);
	return RS_OK;
}

void rs_selection_free(rs_selection *s)
{
	free(s->c);
	s->c = NULL;
	s->n = 0;
}

/* ---- the journalled actions ------------------------------------------------ */

/* Loads and ranks the role's candidates inside the open action. */
static rs_status load_and_rank(rs_db *db, const char *role, int seats, uint64_t seed,
			       rs_selection *s)
{
	memset(s, 0, sizeof *s);
	snprintf(s->role, sizeof s->role, "%s", role);
	s->seed = seed;
	rs_status rc = seats > 0 ? RS_OK : rs_balance_seats(db, role, &seats);
	if (rc == RS_OK)
		rc = store_seat_spread(db, &s->spread);
	if (rc == RS_OK)
		rc = store_selection_candidates(db, role, &s->c, &s->n);
	if (rc == RS_OK && !s->n)
		rc = rs_fail(RS_ERR_INVALID, "--role %s: nobody nominated for it has accepted", role);
	s->seats = seats;
	if (rc == RS_OK)
		rc = rs_selection_rank(s);
	if (rc)
		rs_selection_free(s);
	return rc;
}

/* "rapporteur: 2 seats, seed 42, lot among 3 tied at 1; proposed Ana
 * Ruiz, Ben Okoro" (by rank). */
static void summary(const rs_selection *s, const char *verb, said *out)
{
	said_add(out, "%s: %d seat%s, seed %llu", s->role, s->seats, s->seats == 1 ? "" : "s",
		 (unsigned long long)s->seed);
	if (s->lot_used)
		said_add(out, ", lot among %d tied at %d", s->tied, s->cut_tally);
	said_add(out, "; %s", verb);
	int k = 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->c[i].chosen)
			said_add(out, "%s%s", k++ ? ", " : " ", s->c[i].name);
}

static rs_status check_role(const char *role, int seats)
{
	if (!role || !*role)
		return rs_fail(RS_ERR_INVALID, "--role: which role's seats to fill");
	if (seats < 0 || seats > RS_MAX_SEATS)
		return rs_fail(RS_ERR_INVALID, "--seats: from 1 to %d, not %d", RS_MAX_SEATS, seats);
	return RS_OK;
}

rs_status rs_selection_propose(rs_db *db, const char *role, int seats, const uint64_t *seed,
			       rs_selection *out)
{
	rs_status rc = check_role(role, seats);
	if (rc || (rc = rs_action_begin(db, "nomination.draw")))
		return rc;
	rc = load_and_rank(db, role, seats, seed ? *seed : rs_lot_fresh_seed(), out);
	said text = {0};
	if (rc == RS_OK)
		summary(out, "proposed", &text);
	rc = rs_action_end(db, rc, "nomination", 0, text.text);
	if (rc)
		rs_selection_free(out);
	return rc;
}

/* A confirmed selection is final: a second confirm would draw again over
 * the same people and could unseat one already selected. */
static rs_status check_undecided(rs_db *db, const char *role)
{
	char *seated;
	rs_status rc = store_selection_seated(db, role, &seated);
	if (rc == RS_OK && seated)
		rc = rs_fail(RS_ERR_INVALID, "--confirm: %s is decided, %s selected, and a"
					     " confirmed selection is final (undo takes the confirm"
					     " back while it is the last action of its terminal)",
			     role, seated);
	free(seated);
	return rc;
}

/* The confirm decides the draw that was shown and read out, so it takes
 * that draw's seed: a fresh one here would seat whomever a new lot chose. */
static rs_status check_seed(const char *role, int seats, const uint64_t *seed)
{
	if (seed)
		return RS_OK;
	char given[32] = "";
	if (seats > 0)
		snprintf(given, sizeof given, " --seats %d", seats);
	return rs_fail(RS_ERR_INVALID, "--confirm: give the seed of the proposal read out, so"
				       " the lot seats whom it showed: rostrum nomination select"
				       " --role %s%s --seed S --confirm (the proposal prints it)",
		       role, given);
}

rs_status rs_selection_confirm(rs_db *db, const char *role, int seats, const uint64_t *seed,
			       rs_selection *out)
{
	rs_status rc = check_role(role, seats);
	if (rc || (rc = rs_action_begin(db, "nomination.select")))
		return rc;
	memset(out, 0, sizeof *out);
	rc = check_undecided(db, role);
	if (rc == RS_OK)
		rc = check_seed(role, seats, seed);
	if (rc == RS_OK)
		rc = load_and_rank(db, role, seats, *seed, out);
	for (size_t i = 0; rc == RS_OK && i < out->n; i++)
		rc = store_nomination_decide(db, role, out->c[i].nominee_id, out->c[i].chosen);
	said text = {0};
	if (rc == RS_OK)
		summary(out, "selected", &text);
	rc = rs_action_end(db, rc, "nomination", 0, text.text);
	if (rc)
		rs_selection_free(out);
	return rc;
}
