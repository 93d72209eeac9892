/* The lot (splitmix64): see lot.h for why it is ours and how to redo it. */
#include "rostrum/lot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

void rs_lot_init(rs_lot *l, uint64_t seed)
{
	l->state = seed;
}

uint64_t rs_lot_next(rs_lot *l)
{
	uint64_t z = (l->state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

uint64_t rs_lot_below(rs_lot *l, uint64_t n)
{
	/* Outputs at or past the last whole multiple of n would favour the
	 * small numbers: draw again. */
	uint64_t limit = UINT64_MAX - UINT64_MAX % n;
	uint64_t x;
	do
		x = rs_lot_next(l);
	while (x >= limit);
	return x % n;
}

void rs_lot_shuffle(rs_lot *l, size_t *order, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)rs_lot_below(l, i);
		size_t tmp = order[i - 1];
		order[i - 1] = order[j];
		order[j] = tmp;
	}
}

uint64_t rs_lot_fresh_seed(void)
{
	uint64_t raw = 0;
	FILE *f = fopen("/dev/urandom", "rb");
	if (!f || fread(&raw, sizeof raw, 1, f) != 1) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		raw = (uint64_t)ts.tv_sec * UINT64_C(1000000007) ^ (uint64_t)ts.tv_nsec;
	}
	if (f)
		fclose(f);
	rs_lot mix;
	rs_lot_init(&mix, raw);
	return 1 + rs_lot_below(&mix, UINT64_C(999999999));
}

int rs_lot_parse_seed(const char *s, uint64_t *seed)
{
	if (!s || *s < '0' || *s > '9')
		return 0;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end)
		return 0;
	*seed = (uint64_t)v;
	return 1;
}
