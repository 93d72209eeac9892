/* Rapporteur selection: who fills a role's N seats.  The nominees who
 * accepted, ranked by their tally of distinct nominators; equal tallies at
 * the cut drawn by lot (rostrum's own splitmix64, lot.h) from a seed that
 * the journal keeps, so anyone can redo the draw; the meeting's rule that
 * spreads the seats (not all from one region, by default); and a balance
 * check across the N chosen. */
#ifndef ROSTRUM_SELECTION_H
#define ROSTRUM_SELECTION_H

#include <stdint.h>

#include "rostrum/agenda.h"
#include "rostrum/db.h"

/* One accepted nominee for the role. */
typedef struct {
	int64_t nominee_id;
	char name[128], sector[64], region[64], gender[32];
	int tally;
	/* What rs_selection_rank decides: */
	int lot;    /* place in the lot's order of everyone, 1.. */
	int rank;   /* 1.. by tally, then the lot */
	int chosen;
	int tied;   /* at the cut's tally when the cut fell among equals */
	int by_rule; /* brought in, or left out, by the spread rule */
	char reason[200];
} rs_seat_candidate;

typedef struct {
	char role[64];
	int seats;       /* N */
	uint64_t seed;
	int spread;      /* RS_SPREAD_* bits (balance.h) */
	int lot_used;    /* the cut fell among equal tallies */
	int cut_tally, tied, tied_seats; /* those tied at the cut, and their seats */
	rs_seat_candidate *c;
	size_t n;        /* in nominee id order before ranking, by rank after */
	char balance[3][200]; /* sector, region, gender across the chosen */
	char rule[200];  /* how the spread rule was met, or why it could not be */
} rs_selection;

/* The pure part, on s->c as given (nominee id order): draws the lot,
 * ranks, cuts at s->seats, applies the spread rule, writes every reason
 * and the balance check.  Same candidates, seats, seed and rule: the same
 * result. */
rs_status rs_selection_rank(rs_selection *s);

/* Proposes seats for role: seats 0 takes the meeting's (meeting set
 * --seats), seed NULL draws a fresh one.  Records the draw as one
 * journalled action "nomination.draw" (the seed, the seats and whom it
 * proposes in its summary; undo passes over it: a draw changes nothing).
 * *out is the caller's: rs_selection_free. */
rs_status rs_selection_propose(rs_db *db, const char *role, int seats, const uint64_t *seed,
			       rs_selection *out);
/* The proposal's draw (its seed), decided: the chosen become selected and
 * the role's other accepted nominees not_selected, as one journalled action
 * "nomination.select" whose summary names the seed.  Refused without a seed
 * (a fresh lot need not seat whom the proposal showed) and once anyone
 * holds one of the role's seats: a confirmed selection is final. */
rs_status rs_selection_confirm(rs_db *db, const char *role, int seats, const uint64_t *seed,
			       rs_selection *out);
void rs_selection_free(rs_selection *s);

#endif
