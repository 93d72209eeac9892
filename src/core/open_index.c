/* The open-addressed index (open_index.h). */
#include "open_index.h"

#include <stdint.h>
#include <string.h>
#include <stdlib.h>

enum { FNV_BASIS = 0, FNV_PRIME = 1 };
static const uint64_t fnv[2] = {1469598103934665603ull, 1099511628211ull};

size_t open_hash_value(int dim, const char *value)
{
	uint64_t h = fnv[FNV_BASIS] ^ (uint64_t)dim;
	for (const unsigned char *p = (const unsigned char *)value; *p; p++)
		h = (h ^ *p) * fnv[FNV_PRIME];
	return (size_t)h;
}

int open_value_is(int dim, const char *value, const void *key)
{
	const open_value_key *q = key;
	return dim == q->dim && (value == q->value || !strcmp(value, q->value));
}

size_t open_hash_numbers(const size_t *v, size_t n)
{
	uint64_t h = fnv[FNV_BASIS];
	for (size_t i = 0; i < n; i++)
		h = (h ^ v[i]) * fnv[FNV_PRIME];
	return (size_t)h;
}

/* The first free slot from hash's. */
static size_t free_slot(const size_t *table, size_t mask, size_t hash)
{
	size_t i = hash & mask;
	while (table[i])
		i = (i + 1) & mask;
	return i;
}

size_t open_index_find(const open_index *x, const void *items, open_same_fn same, size_t hash,
		       const void *key, size_t n)
{
	for (size_t i = hash & x->mask; x->table && x->table[i]; i = (i + 1) & x->mask)
		if (same(items, x->table[i] - 1, key))
			return x->table[i] - 1;
	return n;
}

int open_index_room(open_index *x, const void *items, open_hash_fn hash, size_t n)
{
	if (x->table && 2 * (n + 1) <= x->mask + 1)
		return 1;
	size_t size = x->table ? 2 * (x->mask + 1) : 16;
	while (size < 2 * (n + 1))
		size *= 2;
	size_t *t = calloc(size, sizeof *t);
	if (!t)
		return 0;
	for (size_t k = 0; k < n; k++)
		t[free_slot(t, size - 1, hash(items, k))] = k + 1;
	free(x->table);
	x->table = t;
	x->mask = size - 1;
	return 1;
}

int open_index_add(open_index *x, const void *items, open_hash_fn hash, size_t place,
		   size_t key_hash)
{
	/* Without memory to grow, a table not yet full still takes it. */
	if (!open_index_room(x, items, hash, place) && place + 2 > x->mask + 1)
		return 0;
	x->table[free_slot(x->table, x->mask, key_hash)] = place + 1;
	return 1;
}
