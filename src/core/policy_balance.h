/* The balanced order of the floor (policy_balance.c), for policy.c. */
#ifndef ROSTRUM_POLICY_BALANCE_H
#define ROSTRUM_POLICY_BALANCE_H

#include "rostrum/policy.h"

/* Orders rest[0..n_rest) (the floor, first come) so that the share of the
 * floor by sector, region, gender and country comes closest to its target,
 * nobody passed over more than the meeting's K places of first come.
 * entries[0..n) are the item's entries (those who took the floor count);
 * ahead[0..n_ahead) go before the floor and count as if heard.  Each
 * entry gets its reason.  0 without memory (rest is left as it was). */
int policy_balance_order(const rs_policy_opts *o, const rs_queue_entry *entries, size_t n,
			 rs_queue_entry *const *ahead, size_t n_ahead, rs_queue_entry **rest,
			 size_t n_rest);

/* "2022-04-20 09:29" at the venue (the meeting's zone). */
void policy_when(const rs_policy_opts *o, int64_t t, char *buf, size_t size);

/* Whether an entry that took the floor came from the floor itself: not a
 * point of order, the programme, the moderator's place or a reply.  Only
 * those pass over a waiting request. */
int policy_is_floor_request(const rs_queue_entry *e);

#endif
