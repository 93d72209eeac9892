/* Panel slots from expressions of interest: people ask for a panel seat in
 * the registration form (wants_to_speak = panel, speak_on = the item or
 * none).  An item's slots are its programme's: the `slot` of each
 * programme speaker of the item, in programme order (the programme file
 * names them).  A slot that names a sector (code or label) takes that
 * sector's requests, one that names a region that region's, any other
 * anyone's.  The proposal fills one slot after another, the slot with the
 * fewest requests first; within a slot it takes the first come
 * (registered_at) unless that person's country is already on the panel,
 * or their region or gender would pass its fair share (a region: the slots
 * over the regions asking, rounded up; a gender: half the slots, rounded
 * up), relaxing the balance, then the country, only where no request is
 * left that meets them.  Each choice carries a reason a moderator can read
 * out. */
#ifndef ROSTRUM_PANEL_H
#define ROSTRUM_PANEL_H

#include <stdint.h>

#include "rostrum/agenda.h"
#include "rostrum/db.h"

typedef struct {
	int64_t id;
	char name[128], sector[64], region[64], country[16], gender[32];
	int64_t registered_at; /* -1: none (after everyone who gave one) */
} rs_panel_person;

typedef struct {
	char slot[128];
	int64_t entry_id;  /* the programme entry that holds the slot */
	int64_t holder_id; /* its speaker now */
	char holder[128];
	int settled;       /* its speaker has taken the floor: it stays */
	int n_requests;    /* requests that fit the slot */
	int chosen;        /* index into people; -1: nobody proposed */
	int swapped;       /* the moderator's choice, not the proposal's */
	char reason[320];
} rs_panel_slot;

typedef struct {
	int64_t item_id;
	rs_panel_person *people; /* the requests, first come first */
	size_t n_people;
	rs_panel_slot *slots; /* in programme order */
	size_t n_slots;
	int region_cap, gender_cap; /* the fair shares the proposal kept to */
} rs_panel;

/* 1 when person p may fill slot s (its sector, its region, or any). */
int rs_panel_fits(const rs_panel_slot *s, const rs_panel_person *p);
/* The pure part: fills pl->slots[].chosen and their reasons from
 * pl->people as given (first come first). */
void rs_panel_decide(rs_panel *pl);
/* Reads item_id's slots and the panel requests, and proposes (a read: the
 * database is unchanged).  *out is the caller's: rs_panel_free. */
rs_status rs_panel_propose(rs_db *db, int64_t item_id, rs_panel *out);
/* The moderator's choice of who for the slot named `slot`: anyone on the
 * roster. */
rs_status rs_panel_swap(rs_db *db, rs_panel *pl, const char *slot, int64_t who);
/* Makes the proposal the item's panel: each slot's programme entry (still
 * waiting) gets the chosen speaker, as one journalled action
 * "panel.confirm".  Refused, nothing changed, when one person fills two
 * slots or a slot's speaker has taken the floor since. */
rs_status rs_panel_confirm(rs_db *db, const rs_panel *pl);
void rs_panel_free(rs_panel *pl);

#endif
