/* Panel slots from expressions of interest: the proposal (pure), the
 * moderator's swaps and the confirmation (one journalled action). */
#include "rostrum/panel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/balance.h"
#include "rostrum/refdata.h"
#include "rostrum/stakeholder.h"
#include "rostrum/text.h"
#include "said.h"
#include "storage.h"

int rs_panel_fits(const rs_panel_slot *s, const rs_panel_person *p)
{
	const char *sector = rs_sector_code(s->slot);
	if (sector)
		return !strcmp(sector, p->sector);
	const char *region = rs_region_canonical(s->slot);
	if (region)
		return !strcmp(region, p->region);
	return 1;
}

/* Where a request stands when its slot is decided. */
typedef enum { FREE, OVER_GENDER, OVER_REGION, SAME_COUNTRY, TAKEN } standing;

/* The slot index holding someone like p (its person, or one of its
 * country): -1 if none. */
static int holding(const rs_panel *pl, const rs_panel_person *p, int same_country)
{
	for (size_t i = 0; i < pl->n_slots; i++) {
		int c = pl->slots[i].chosen;
		if (c < 0)
			continue;
		const rs_panel_person *q = &pl->people[c];
		if (same_country ? *p->country && !strcmp(q->country, p->country) : q == p)
			return (int)i;
	}
	return -1;
}

static int chosen_alike(const rs_panel *pl, const rs_panel_person *p, int by_region)
{
	int n = 0;
	for (size_t i = 0; i < pl->n_slots; i++) {
		int c = pl->slots[i].chosen;
		if (c >= 0)
			n += by_region ? !strcmp(pl->people[c].region, p->region)
				       : !strcmp(pl->people[c].gender, p->gender);
	}
	return n;
}

static standing stand(const rs_panel *pl, const rs_panel_person *p, int *slot)
{
	if ((*slot = holding(pl, p, 0)) >= 0)
		return TAKEN;
	if ((*slot = holding(pl, p, 1)) >= 0)
		return SAME_COUNTRY;
	if (*p->region && chosen_alike(pl, p, 1) >= pl->region_cap)
		return OVER_REGION;
	if (*p->gender && chosen_alike(pl, p, 0) >= pl->gender_cap)
		return OVER_GENDER;
	return FREE;
}

/* A slot as a moderator says it: a sector's label, else its own words. */
static const char *slot_label(const rs_panel_slot *s)
{
	const char *code = rs_sector_code(s->slot);
	const char *label = code ? rs_sector_label(code) : NULL;
	return label ? label : s->slot;
}

/* Why q, asking earlier, was passed over. */
static void passed_over(const rs_panel *pl, const rs_panel_person *q, standing why, int slot,
			char *out, size_t size)
{
	if (why == TAKEN)
		rs_text_printf(out, size, "%s (proposed for %s)", q->name, slot_label(&pl->slots[slot]));
	else if (why == SAME_COUNTRY)
		rs_text_printf(out, size, "%s (%s is on the panel already, for %s)", q->name, q->country,
		               slot_label(&pl->slots[slot]));
	else if (why == OVER_REGION)
		rs_text_printf(out, size, "%s (%s has its fair share, %d)", q->name, q->region,
		               pl->region_cap);
	else
		rs_text_printf(out, size, "%s (one more %s would pass half the panel, %d)", q->name,
		               q->gender, pl->gender_cap);
}

/* The first come among the slot's requests whose standing is at most
 * `allowed`; -1 if none. */
static int first_within(const rs_panel *pl, const rs_panel_slot *s, standing allowed)
{
	for (size_t i = 0; i < pl->n_people; i++) {
		int at;
		if (rs_panel_fits(s, &pl->people[i]) && stand(pl, &pl->people[i], &at) <= allowed)
			return (int)i;
	}
	return -1;
}

static void decide_slot(rs_panel *pl, rs_panel_slot *s)
{
	standing tier = FREE;
	int pick = first_within(pl, s, FREE);
	if (pick < 0 && (pick = first_within(pl, s, OVER_REGION)) >= 0)
		tier = OVER_REGION;
	if (pick < 0 && (pick = first_within(pl, s, SAME_COUNTRY)) >= 0)
		tier = SAME_COUNTRY;
	if (pick < 0) {
		rs_text_printf(s->reason, sizeof s->reason, s->n_requests ? "every request for this slot is"
				            " proposed for another" : "no panel request for this slot%s%s",
		               s->holder[0] && !s->n_requests ? ": stays with " : "",
		               !s->n_requests ? s->holder : "");
		return;
	}
	char first[200] = "";
	int passed = 0;
	for (int i = 0; i < pick; i++) {
		int at;
		standing why = stand(pl, &pl->people[i], &at);
		if (!rs_panel_fits(s, &pl->people[i]))
			continue;
		if (!passed++)
			passed_over(pl, &pl->people[i], why, at, first, sizeof first);
	}
	const char *relaxed = tier == OVER_REGION    ? "; every other request would pass a fair"
						       " share of region or gender"
			      : tier == SAME_COUNTRY ? "; every request left is from a country on"
						       " the panel already"
						     : "";
	if (s->n_requests == 1)
		rs_text_printf(s->reason, sizeof s->reason, "the only request for this slot%s", relaxed);
	else if (!passed)
		rs_text_printf(s->reason, sizeof s->reason, "first come of %d requests%s", s->n_requests,
		               relaxed);
	else
		rs_text_printf(s->reason, sizeof s->reason,
		               "first come of %d requests, passing over %s%s%.0d%s%s", s->n_requests,
		               first, passed > 1 ? " and " : "", passed > 1 ? passed - 1 : 0,
		               passed > 1 ? " more" : "", relaxed);
	s->chosen = pick;
}

/* The fair shares: a region's, the open slots over the regions asking
 * (rounded up); a gender's, half the open slots (rounded up). */
static void fair_shares(rs_panel *pl)
{
	int open = 0, regions = 0;
	const char *seen[64];
	for (size_t i = 0; i < pl->n_slots; i++)
		open += !pl->slots[i].settled && pl->slots[i].n_requests > 0;
	for (size_t i = 0; i < pl->n_people; i++) {
		const char *r = pl->people[i].region;
		int known = !*r;
		for (int j = 0; j < regions && !known; j++)
			known = !strcmp(seen[j], r);
		if (!known && regions < 64)
			seen[regions++] = r;
	}
	regions = regions ? regions : 1;
	pl->region_cap = (open + regions - 1) / regions;
	pl->gender_cap = (open + 1) / 2;
}

void rs_panel_decide(rs_panel *pl)
{
	for (size_t i = 0; i < pl->n_slots; i++) {
		rs_panel_slot *s = &pl->slots[i];
		s->chosen = -1;
		s->swapped = 0;
		s->n_requests = 0;
		for (size_t j = 0; j < pl->n_people; j++)
			s->n_requests += rs_panel_fits(s, &pl->people[j]);
	}
	fair_shares(pl);
	/* The slot with the fewest requests first: it has the least choice. */
	for (int fewest = 0; fewest <= (int)pl->n_people; fewest++)
		for (size_t i = 0; i < pl->n_slots; i++) {
			rs_panel_slot *s = &pl->slots[i];
			if (s->n_requests != fewest)
				continue;
			if (s->settled)
				rs_text_printf(s->reason, sizeof s->reason, "%s has taken the floor: the slot stays",
				               s->holder);
			else
				decide_slot(pl, s);
		}
}

rs_status rs_panel_propose(rs_db *db, int64_t item_id, rs_panel *out)
{
	memset(out, 0, sizeof *out);
	out->item_id = item_id;
	rs_status rc = store_panel_load(db, item_id, out);
	if (rc == RS_OK && !out->n_slots)
		rc = rs_fail(RS_ERR_INVALID, "item %lld has no panel slots: its programme speakers"
					     " name none (slot = \"...\" in the programme file)",
			     (long long)item_id);
	if (rc) {
		rs_panel_free(out);
		return rc;
	}
	rs_panel_decide(out);
	return RS_OK;
}

/* The slot named `slot` (its text, any case); -1 if none. */
static int slot_named(const rs_panel *pl, const char *slot)
{
	for (size_t i = 0; i < pl->n_slots; i++)
		if (!strcasecmp(pl->slots[i].slot, slot))
			return (int)i;
	const char *code = rs_sector_code(slot);
	for (size_t i = 0; code && i < pl->n_slots; i++)
		if (!strcmp(pl->slots[i].slot, code))
			return (int)i;
	return -1;
}

static rs_status add_person(rs_db *db, rs_panel *pl, int64_t who, int *index)
{
	for (size_t i = 0; i < pl->n_people; i++)
		if (pl->people[i].id == who) {
			*index = (int)i;
			return RS_OK;
		}
	rs_stakeholder s = {0};
	rs_status rc = rs_stakeholder_get(db, who, &s);
	rs_panel_person *grown = rc ? NULL
				    : realloc(pl->people, (pl->n_people + 1) * sizeof *grown);
	if (rc == RS_OK && !grown)
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	if (rc == RS_OK) {
		pl->people = grown;
		rs_panel_person *p = &pl->people[pl->n_people];
		memset(p, 0, sizeof *p);
		p->id = s.id;
		p->registered_at = s.registered_at;
		rs_text_printf(p->name, sizeof p->name, "%s", s.name);
		rs_text_printf(p->sector, sizeof p->sector, "%s", s.sector ? s.sector : "");
		rs_text_printf(p->region, sizeof p->region, "%s", s.region ? s.region : "");
		rs_text_printf(p->country, sizeof p->country, "%s", s.country ? s.country : "");
		rs_text_printf(p->gender, sizeof p->gender, "%s", s.gender ? s.gender : "");
		*index = (int)pl->n_people++;
	}
	rs_stakeholder_clear(&s);
	return rc;
}

rs_status rs_panel_swap(rs_db *db, rs_panel *pl, const char *slot, int64_t who)
{
	int at = slot_named(pl, slot), index;
	if (at < 0)
		return rs_fail(RS_ERR_INVALID, "--swap: the item has no slot '%s'", slot);
	rs_panel_slot *s = &pl->slots[at];
	if (s->settled)
		return rs_fail(RS_ERR_INVALID, "--swap: %s: %s has taken the floor already", s->slot,
			       s->holder);
	rs_status rc = add_person(db, pl, who, &index);
	if (rc)
		return rc;
	const char *before = s->chosen >= 0 ? pl->people[s->chosen].name : "nobody";
	rs_text_printf(s->reason, sizeof s->reason, "the moderator's choice, in place of %s", before);
	s->chosen = index;
	s->swapped = 1;
	return RS_OK;
}

/* Nobody fills two slots. */
static rs_status check_once(const rs_panel *pl)
{
	for (size_t i = 0; i < pl->n_slots; i++)
		for (size_t j = i + 1; j < pl->n_slots; j++)
			if (pl->slots[i].chosen >= 0 && pl->slots[i].chosen == pl->slots[j].chosen)
				return rs_fail(RS_ERR_INVALID, "%s would fill two slots, %s and %s",
					       pl->people[pl->slots[i].chosen].name,
					       pl->slots[i].slot, pl->slots[j].slot);
	return RS_OK;
}

rs_status rs_panel_confirm(rs_db *db, const rs_panel *pl)
{
	rs_status rc = check_once(pl);
	if (rc || (rc = rs_action_begin(db, "panel.confirm")))
		return rc;
	int changed = 0, filled = 0;
	for (size_t i = 0; rc == RS_OK && i < pl->n_slots; i++) {
		const rs_panel_slot *s = &pl->slots[i];
		if (s->settled || s->chosen < 0)
			continue;
		filled++;
		if (pl->people[s->chosen].id == s->holder_id)
			continue;
		rc = store_panel_assign(db, s->entry_id, pl->people[s->chosen].id, s->slot);
		changed++;
	}
	said line = {0};
	said_add(&line, "panel");
	if (rc == RS_OK)
		said_item(&line, db, "of", pl->item_id);
	said_add(&line, ": %d slots filled, %d changed", filled, changed);
	return rs_action_end(db, rc, "agenda_item", pl->item_id, line.text);
}

void rs_panel_free(rs_panel *pl)
{
	free(pl->people);
	free(pl->slots);
	pl->people = NULL;
	pl->slots = NULL;
	pl->n_people = pl->n_slots = 0;
}
