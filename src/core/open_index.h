/* An index of a caller's items by a key, open-addressed and kept at most
 * half full, so probes stay short.  The caller keeps the items and says
 * how an item hashes and whether it has a key; the index keeps their
 * places.  The balance's groups by dimension and value, as the store loads
 * them (store_balance.c) and as the balanced order counts them, and the
 * order's buckets (policy_balance.c). */
#ifndef ROSTRUM_OPEN_INDEX_H
#define ROSTRUM_OPEN_INDEX_H

#include <stddef.h>

/* Item k of items: its key's hash; whether its key is `key`. */
typedef size_t (*open_hash_fn)(const void *items, size_t k);
typedef int (*open_same_fn)(const void *items, size_t k, const void *key);

typedef struct {
	size_t *table; /* an item's place + 1; 0: free */
	size_t mask;   /* slots - 1 */
} open_index;

/* The place among items[0, n) of the item with `key` (its hash `hash`),
 * or n when none has it. */
size_t open_index_find(const open_index *x, const void *items, open_same_fn same, size_t hash,
		       const void *key, size_t n);
/* Room for one item more beside items[0, n): the table made (16 slots at
 * least) or rebuilt twice as large when one more would fill it past half;
 * 0 without memory, the table then as it was. */
int open_index_room(open_index *x, const void *items, open_hash_fn hash, size_t n);
/* Adds the item at `place` with its key's hash (not in the index yet),
 * growing the table as needed; 0 without memory and no free slot left. */
int open_index_add(open_index *x, const void *items, open_hash_fn hash, size_t place,
		   size_t key_hash);

/* The hash of a dimension's value (FNV-1a, seeded by the dimension), and
 * of a few small numbers. */
size_t open_hash_value(int dim, const char *value);
size_t open_hash_numbers(const size_t *v, size_t n);

/* A dimension's value as a key, and whether an item's (dim, value) is it:
 * strings at one address are equal without a compare (entries of one list
 * often share theirs). */
typedef struct {
	int dim;
	const char *value;
} open_value_key;
int open_value_is(int dim, const char *value, const void *key);

#endif
