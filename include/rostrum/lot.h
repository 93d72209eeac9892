/* The lot: a small pseudo-random generator of rostrum's own, so a draw made
 * with a seed gives the same result on every machine, build and version.
 * It is splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom
 * number generators", 2014): the state advances by 0x9e3779b97f4a7c15 and
 * each output is that state mixed by two xor-shift-multiply rounds.  A
 * number below n is drawn by rejection (never by a biased modulo), and an
 * order is shuffled by Fisher-Yates from the last place down, so anyone
 * can redo a draw by hand from the seed. */
#ifndef ROSTRUM_LOT_H
#define ROSTRUM_LOT_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint64_t state;
} rs_lot;

enum { RS_SEED_DIGITS = 9 }; /* a fresh seed has at most this many digits */

void rs_lot_init(rs_lot *l, uint64_t seed);
uint64_t rs_lot_next(rs_lot *l);
/* Uniform in [0, n); n > 0. */
uint64_t rs_lot_below(rs_lot *l, uint64_t n);
/* Shuffles order[0..n) in place: for i from n - 1 down to 1, swap i with
 * rs_lot_below(i + 1). */
void rs_lot_shuffle(rs_lot *l, size_t *order, size_t n);
/* A fresh seed when none is given: from the kernel's random source, else
 * the clock; 1 to 999999999, short enough to read out and type again. */
uint64_t rs_lot_fresh_seed(void);
/* A seed typed by a person: decimal digits only, 0 to 2^64 - 1.  0 when
 * s is not one. */
int rs_lot_parse_seed(const char *s, uint64_t *seed);

#endif
