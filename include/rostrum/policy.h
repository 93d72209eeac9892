/* Queue ordering: the one function that decides who speaks next, and says
 * why.  Pure: no database, no clock. */
#ifndef ROSTRUM_POLICY_H
#define ROSTRUM_POLICY_H

#include "rostrum/balance.h"
#include "rostrum/queue.h"

typedef struct {
	rs_policy policy;     /* how the floor is ordered */
	const char *timezone; /* the meeting's, for the times in reasons */
	/* Balanced: the rules, targets and what was heard outside this list
	 * (rs_balance_load with the item left out); NULL: K 3, migrants first,
	 * by interventions, each group's target its share of the list. */
	const rs_balance *balance;
	int64_t now; /* for the time of a speech going on */
	/* >0: decide the first `decide` places of the floor only, with their
	 * reasons; the rest follow in first-come order, without a reason. */
	size_t decide;
	/* The list holds only what deciding needs (store_queue_load_head): the
	 * balance counts the item's speeches already, and each entry's
	 * heard_later says the places it lost. */
	int heard_counted;
	/* With heard_counted: an entry whose heard_later is -1 gets it from
	 * this when the order needs it (the bound, a reason); non-zero on a
	 * failure, which the caller's ctx keeps. */
	int (*read_heard_later)(void *ctx, rs_queue_entry *e);
	void *read_ctx;
	/* The meeting requires an accreditation to take the floor: a
	 * stakeholder without one (pending, refused, none) waits held back, but
	 * for the programme's own speakers; Member States, the UN system and
	 * organisers need none. */
	int require_accreditation;
} rs_policy_opts;

/* Orders an item's waiting entries.  Those the meeting's rule holds back
 * (require_accreditation) go last, first come, position 0, held set and a
 * reason that says why.  Of the others, points of order come first; then
 * replies to a speech already given; then entries the moderator placed
 * (manual_rank > 0) by rank; then the programme's speakers in the
 * programme's order; then the floor as the policy orders it.  A reply to a
 * speech not yet given goes right after it.  entries holds all of the
 * item's entries (those who spoke count towards the balance); order
 * receives pointers to the waiting ones, best first, and each gets its
 * position and reason.  order must hold n pointers; *n_order is set. */
void rs_policy_order(const rs_policy_opts *o, rs_queue_entry *entries, size_t n,
		     rs_queue_entry **order, size_t *n_order);

/* The meeting's accreditation rule, when it is on: whether a request waits
 * held back, given its place in the programme (programme_order > 0: an
 * invited speaker), its speaker's role (rs_role_of) and accreditation.
 * The store asks it too, as the SQL function rs_held_back, to read a
 * list's head past those held: the rule is this one function. */
int rs_policy_held_back(int programme_order, const char *role, const char *accreditation);

#endif
