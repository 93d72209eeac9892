/* Queue ordering: the one function that decides who speaks next, and says
 * why.  Pure: no database, no clock. */
#ifndef ROSTRUM_POLICY_H
#define ROSTRUM_POLICY_H

#include "rostrum/queue.h"

/* Orders an item's waiting entries under policy p.  Points of order come
 * first; then entries the moderator placed (manual_rank > 0) by rank; then
 * the rest as the policy orders them.  entries holds all of
 * the item's entries (those who spoke count towards the balance); order
 * receives pointers to the waiting ones, best first, and each gets its
 * position and reason.  order must hold n pointers; *n_order is set. */
void rs_policy_order(rs_policy p, rs_queue_entry *entries, size_t n,
		     rs_queue_entry **order, size_t *n_order);

#endif
