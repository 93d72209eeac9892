/* Who fills the seats: the lot (splitmix64, the same on every machine),
 * the rapporteur ranking with its lot and spread rule, and the panel
 * proposal, on hand-made data whose answer is worked out here; then both
 * on a real database, journalled. */
#include "testutil.h"

#include <sqlite3.h>

#include "rostrum/agenda.h"
#include "rostrum/balance.h"
#include "rostrum/journal.h"
#include "rostrum/lot.h"
#include "rostrum/meeting.h"
#include "rostrum/nomination.h"
#include "rostrum/panel.h"
#include "rostrum/queue.h"
#include "rostrum/selection.h"

/* ---- the lot ------------------------------------------------------------------ */

/* splitmix64 from seed 0 gives these three numbers in every published
 * implementation: the generator is the documented one, bit for bit. */
static void lot_is_splitmix64(void **state)
{
	(void)state;
	rs_lot l;
	rs_lot_init(&l, 0);
	assert_true(rs_lot_next(&l) == UINT64_C(0xe220a8397b1dcdaf));
	assert_true(rs_lot_next(&l) == UINT64_C(0x6e789e6aa1b965f4));
	assert_true(rs_lot_next(&l) == UINT64_C(0x06c45d188009454f));
}

/* The shuffle, redone by hand from lot.h's recipe (Fisher-Yates from the
 * last place down, rejection below n): seed 42 orders four as 2 0 3 1,
 * seed 7 as 1 2 0 3; the same seed, the same order, every time. */
static void shuffle_is_fixed_by_the_seed(void **state)
{
	(void)state;
	const size_t want42[] = {2, 0, 3, 1}, want7[] = {1, 2, 0, 3};
	for (int again = 0; again < 2; again++) {
		size_t o[4] = {0, 1, 2, 3}, p[4] = {0, 1, 2, 3};
		rs_lot l;
		rs_lot_init(&l, 42);
		rs_lot_shuffle(&l, o, 4);
		rs_lot_init(&l, 7);
		rs_lot_shuffle(&l, p, 4);
		assert_memory_equal(o, want42, sizeof o);
		assert_memory_equal(p, want7, sizeof p);
	}
	rs_lot l;
	rs_lot_init(&l, 99);
	for (int i = 0; i < 1000; i++)
		assert_true(rs_lot_below(&l, 3) < 3);
}

static void seeds_parse_as_people_type_them(void **state)
{
	(void)state;
	uint64_t s;
	assert_true(rs_lot_parse_seed("18446744073709551615", &s));
	assert_true(s == UINT64_MAX);
	assert_false(rs_lot_parse_seed("18446744073709551616", &s));
	assert_false(rs_lot_parse_seed("-1", &s));
	assert_false(rs_lot_parse_seed("12a", &s));
	assert_false(rs_lot_parse_seed("", &s));
	uint64_t fresh = rs_lot_fresh_seed();
	assert_true(fresh >= 1 && fresh <= 999999999);
}

/* ---- rapporteurs: the pure ranking ------------------------------------------ */

static rs_seat_candidate cand(int64_t id, const char *name, int tally, const char *region,
			      const char *gender)
{
	rs_seat_candidate c = {0};
	c.nominee_id = id;
	c.tally = tally;
	snprintf(c.name, sizeof c.name, "%s", name);
	snprintf(c.sector, sizeof c.sector, "civil_society");
	snprintf(c.region, sizeof c.region, "%s", region);
	snprintf(c.gender, sizeof c.gender, "%s", gender);
	return c;
}

static const rs_seat_candidate *named(const rs_selection *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->c[i].name, name))
			return &s->c[i];
	fail_msg("%s is not a candidate", name);
	return NULL;
}

static void rank(rs_selection *s, rs_seat_candidate *c, size_t n, int seats, uint64_t seed,
		 int spread)
{
	memset(s, 0, sizeof *s);
	snprintf(s->role, sizeof s->role, "rapporteur");
	s->c = c;
	s->n = n;
	s->seats = seats;
	s->seed = seed;
	s->spread = spread;
	assert_int_equal(rs_selection_rank(s), RS_OK);
}

/* Tallies 3, 2, 1 for two seats: the two highest, no lot. */
static void highest_tallies_fill_the_seats(void **state)
{
	(void)state;
	rs_seat_candidate c[] = {cand(1, "Ama", 1, "Africa", "woman"),
				 cand(2, "Bo", 3, "Asia and the Pacific", "man"),
				 cand(3, "Cy", 2, "Arab States", "woman")};
	rs_selection s;
	rank(&s, c, 3, 2, 42, 0);
	assert_false(s.lot_used);
	assert_string_equal(s.c[0].name, "Bo");
	assert_string_equal(s.c[1].name, "Cy");
	assert_true(s.c[0].chosen && s.c[1].chosen && !s.c[2].chosen);
	assert_string_equal(s.c[0].reason, "tally 3, rank 1");
	assert_string_equal(s.c[2].reason, "tally 1, rank 3: below the cut");
	assert_string_equal(s.balance[BAL_REGION], "region: Asia and the Pacific, Arab States");
}

/* Tallies 3, 1, 1, 1 for two seats: the 3 is in; the three at 1 go to the
 * lot for the other seat.  Seed 42 orders the four (by nominee id) 2 0 3 1,
 * so lot places are Cy 1, Ama 2, Di 3, Bo 4: Cy is drawn.  Seed 7 orders
 * them 1 2 0 3: Bo 1, Cy 2, Ama 3, Di 4: Bo is drawn. */
static void a_tie_at_the_cut_is_drawn_by_lot(void **state)
{
	(void)state;
	rs_seat_candidate c[] = {cand(1, "Ama", 3, "Africa", "woman"),
				 cand(2, "Bo", 1, "Asia and the Pacific", "man"),
				 cand(3, "Cy", 1, "Arab States", "woman"),
				 cand(4, "Di", 1, "Europe and North America", "man")};
	rs_selection s;
	rank(&s, c, 4, 2, 42, 0);
	assert_true(s.lot_used);
	assert_int_equal(s.tied, 3);
	assert_int_equal(s.tied_seats, 1);
	assert_true(named(&s, "Ama")->chosen && named(&s, "Cy")->chosen);
	assert_false(named(&s, "Bo")->chosen || named(&s, "Di")->chosen);
	assert_string_equal(named(&s, "Cy")->reason,
			    "tally 1, drawn by lot: 1st of the 3 tied at 1 for 1 seat");
	assert_string_equal(named(&s, "Bo")->reason,
			    "tally 1, not drawn by lot: 3rd of the 3 tied at 1 for 1 seat");
	/* The same seed again (the input in its first order), the same draw. */
	rs_seat_candidate again[] = {cand(1, "Ama", 3, "Africa", "woman"),
				     cand(2, "Bo", 1, "Asia and the Pacific", "man"),
				     cand(3, "Cy", 1, "Arab States", "woman"),
				     cand(4, "Di", 1, "Europe and North America", "man")};
	rank(&s, again, 4, 2, 7, 0);
	assert_true(named(&s, "Ama")->chosen && named(&s, "Bo")->chosen);
	assert_false(named(&s, "Cy")->chosen || named(&s, "Di")->chosen);
}

/* Ama (3) and Bo (2) are both from Africa, Cy (1) from Asia: with the rule
 * "region" Cy comes in for Bo; without it both seats go to Africa, and the
 * balance check says so. */
static void the_spread_rule_keeps_the_seats_from_one_region(void **state)
{
	(void)state;
	rs_seat_candidate c[] = {cand(1, "Ama", 3, "Africa", "woman"),
				 cand(2, "Bo", 2, "Africa", "woman"),
				 cand(3, "Cy", 1, "Asia and the Pacific", "woman")};
	rs_selection s;
	rank(&s, c, 3, 2, 1, RS_SPREAD_REGION);
	assert_true(named(&s, "Ama")->chosen && named(&s, "Cy")->chosen);
	assert_false(named(&s, "Bo")->chosen);
	assert_string_equal(named(&s, "Cy")->reason, "tally 1, rank 3: brought in so the seats are"
						     " not all from Africa (rule: region)");
	assert_string_equal(named(&s, "Bo")->reason, "tally 2, rank 2: left out so the seats are"
						     " not all from Africa (rule: region)");
	assert_string_equal(s.balance[BAL_GENDER], "gender: both Women");

	rs_seat_candidate free_[] = {cand(1, "Ama", 3, "Africa", "woman"),
				     cand(2, "Bo", 2, "Africa", "woman"),
				     cand(3, "Cy", 1, "Asia and the Pacific", "woman")};
	rank(&s, free_, 3, 2, 1, 0);
	assert_true(named(&s, "Ama")->chosen && named(&s, "Bo")->chosen);
	assert_string_equal(s.balance[BAL_REGION], "region: both from Africa");
}

static void a_rule_nobody_can_meet_is_said(void **state)
{
	(void)state;
	rs_seat_candidate c[] = {cand(1, "Ama", 3, "Africa", "woman"),
				 cand(2, "Bo", 2, "Africa", "man"),
				 cand(3, "Cy", 1, "Africa", "woman")};
	rs_selection s;
	rank(&s, c, 3, 3, 1, RS_SPREAD_REGION);
	assert_string_equal(s.rule, "all from Africa: no accepted nominee from another region"
				    " (rule: region)");
	assert_string_equal(s.balance[BAL_REGION], "region: all 3 from Africa");
}

static void the_spread_rule_is_a_meeting_setting(void **state)
{
	(void)state;
	assert_int_equal(rs_seat_spread_parse("region"), RS_SPREAD_REGION);
	assert_int_equal(rs_seat_spread_parse("gender,sector"), RS_SPREAD_GENDER | RS_SPREAD_SECTOR);
	assert_int_equal(rs_seat_spread_parse("none"), 0);
	assert_int_equal(rs_seat_spread_parse("region,region"), -1);
	assert_int_equal(rs_seat_spread_parse("country"), -1);
	assert_string_equal(rs_seat_spread_name(RS_SPREAD_GENDER | RS_SPREAD_REGION),
			    "region,gender");
}

/* ---- panels: the pure proposal ----------------------------------------------- */

static rs_panel_person person(int64_t id, const char *name, const char *sector,
			      const char *region, const char *country, const char *gender,
			      int64_t at)
{
	rs_panel_person p = {0};
	p.id = id;
	p.registered_at = at;
	snprintf(p.name, sizeof p.name, "%s", name);
	snprintf(p.sector, sizeof p.sector, "%s", sector);
	snprintf(p.region, sizeof p.region, "%s", region);
	snprintf(p.country, sizeof p.country, "%s", country);
	snprintf(p.gender, sizeof p.gender, "%s", gender);
	return p;
}

static rs_panel_slot slot(const char *name)
{
	rs_panel_slot s = {0};
	snprintf(s.slot, sizeof s.slot, "%s", name);
	s.chosen = -1;
	return s;
}

/* Slots migrant (Kofi KE, then Kwame GH asked) and youth (only Wanjiru
 * KE).  Youth has the fewer requests, so it is filled first: Wanjiru (KE).
 * Then migrant passes over Kofi, whose country is on the panel, for Kwame
 * (one region asks, so its share is both slots; a gender's is one).  In
 * programme order, Kofi would have taken migrant and left youth no choice
 * but a second Kenyan. */
static void the_scarcest_slot_first_and_no_two_from_one_country(void **state)
{
	(void)state;
	rs_panel_person p[] = {person(1, "Kofi", "migrant", "Africa", "KE", "man", 10),
			       person(2, "Kwame", "migrant", "Africa", "GH", "man", 20),
			       person(3, "Wanjiru", "youth", "Africa", "KE", "woman", 30)};
	rs_panel_slot s[] = {slot("migrant"), slot("Children and youth organizations")};
	rs_panel pl = {.people = p, .n_people = 3, .slots = s, .n_slots = 2};
	rs_panel_decide(&pl);
	assert_int_equal(s[1].chosen, 2);
	assert_string_equal(s[1].reason, "the only request for this slot");
	assert_int_equal(s[0].chosen, 1);
	assert_string_equal(s[0].reason, "first come of 2 requests, passing over Kofi (KE is on"
					 " the panel already, for Children and youth"
					 " organizations)");
}

/* Three slots, trade unions, media and the region Africa; three regions
 * ask, so a region's fair share of the three slots is one.  Trade unions
 * (first in programme order, all slots having two requests): Tumi (KE,
 * Africa) comes first.  Media: Mo is from KE too, so Marc (FR).  Africa:
 * Tumi is taken, and Xola would make Africa's second, past its share; no
 * other request fits, so the share gives way and the reason says so. */
static void fair_shares_give_way_only_when_nobody_else_fits(void **state)
{
	(void)state;
	rs_panel_person p[] = {
		person(1, "Tumi", "trade_union", "Africa", "KE", "woman", 1),
		person(2, "Mo", "media", "Europe and North America", "KE", "man", 2),
		person(3, "Marc", "media", "Europe and North America", "FR", "man", 3),
		person(4, "Ravi", "trade_union", "Asia and the Pacific", "IN", "man", 4),
		person(5, "Xola", "academia", "Africa", "ZA", "woman", 5),
	};
	rs_panel_slot s[] = {slot("trade_union"), slot("Media"), slot("Africa")};
	rs_panel pl = {.people = p, .n_people = 5, .slots = s, .n_slots = 3};
	rs_panel_decide(&pl);
	assert_int_equal(pl.region_cap, 1);
	assert_int_equal(pl.gender_cap, 2);
	assert_int_equal(s[0].chosen, 0);
	assert_string_equal(s[0].reason, "first come of 2 requests");
	assert_int_equal(s[1].chosen, 2);
	assert_string_equal(s[1].reason, "first come of 2 requests, passing over Mo (KE is on the"
					 " panel already, for Trade unions)");
	assert_int_equal(s[2].chosen, 4);
	assert_string_equal(s[2].reason, "first come of 2 requests, passing over Tumi (proposed"
					 " for Trade unions); every other request would pass a"
					 " fair share of region or gender");
}

static void a_slot_nobody_asked_for_keeps_its_speaker(void **state)
{
	(void)state;
	rs_panel_person p[] = {person(1, "Ana", "media", "Africa", "KE", "woman", 1)};
	rs_panel_slot s[] = {slot("faith")};
	snprintf(s[0].holder, sizeof s[0].holder, "Youssef");
	rs_panel pl = {.people = p, .n_people = 1, .slots = s, .n_slots = 1};
	rs_panel_decide(&pl);
	assert_int_equal(s[0].chosen, -1);
	assert_string_equal(s[0].reason, "no panel request for this slot: stays with Youssef");
}

/* ---- on a real database ------------------------------------------------------- */

static int64_t count(rs_db *db, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(rs_db_path(db), &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static int64_t asking(rs_db *db, const char *name, const char *sector, const char *country,
		      int64_t at)
{
	rs_stakeholder s = {0};
	s.name = strdup(name);
	s.sector = strdup(sector);
	s.region = strdup("Africa");
	s.country = strdup(country);
	s.speak_on = strdup("t1");
	s.wants_to_speak = 2;
	s.registered_at = at;
	int64_t id = 0;
	assert_int_equal(rs_stakeholder_add(db, &s, &id), RS_OK);
	rs_stakeholder_clear(&s);
	return id;
}

/* The draw is journalled with its seed and changes nothing; confirming
 * with the seed selects the same people and not_selects the others. */
static void selection_is_journalled_and_redrawn_the_same(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	assert_int_equal(rs_meeting_init(db, "Hearing", "2022-05-16", NULL, NULL), RS_OK);
	int64_t who[4], n;
	const char *names[] = {"Ama", "Bo", "Cy", "Di"};
	for (int i = 0; i < 4; i++) {
		char email[32];
		snprintf(email, sizeof email, "%s@example.org", names[i]);
		who[i] = tu_person(db, names[i], "migrant", email);
	}
	assert_int_equal(rs_nominate(db, who[0], who[1], NULL, NULL, &n), RS_OK);
	assert_int_equal(rs_nominate(db, who[0], who[2], NULL, NULL, &n), RS_OK);
	for (int i = 1; i < 4; i++) {
		assert_int_equal(rs_nominate(db, who[i], who[0], NULL, NULL, &n), RS_OK);
		assert_int_equal(rs_nomination_set(db, n, NS_ACCEPTED), RS_OK);
	}
	assert_int_equal(rs_nomination_set(db, 1, NS_ACCEPTED), RS_OK);
	uint64_t seed = 42;
	rs_selection s;
	assert_int_equal(rs_selection_propose(db, "rapporteur", 2, &seed, &s), RS_OK);
	/* Seed 42 over four (Ama 2; Bo, Cy, Di 1): Cy drawn, as above. */
	assert_true(named(&s, "Ama")->chosen && named(&s, "Cy")->chosen);
	rs_selection_free(&s);
	rs_event ev[1];
	size_t got;
	assert_int_equal(rs_journal_window(db, 0, 1, ev, &got), RS_OK);
	assert_string_equal(ev[0].action, "nomination.draw");
	assert_non_null(strstr(ev[0].summary, "seed 42, lot among 3 tied at 1"));
	assert_int_equal(count(db, "SELECT count(*) FROM nomination WHERE state = 'accepted'"), 5);

	assert_int_equal(rs_selection_confirm(db, "rapporteur", 2, &seed, &s), RS_OK);
	rs_selection_free(&s);
	assert_int_equal(count(db, "SELECT count(DISTINCT nominee_id) FROM nomination"
				   " WHERE state = 'selected'"), 2);
	assert_int_equal(count(db, "SELECT count(*) FROM nomination n JOIN stakeholder s"
				   " ON s.id = n.nominee_id WHERE n.state = 'selected'"
				   " AND s.name IN ('Ama', 'Cy')"), 3);
	assert_int_equal(count(db, "SELECT count(*) FROM nomination WHERE state = 'not_selected'"),
			 2);
	/* Decided is final: no other lot, nor one without its seed, decides again. */
	uint64_t other = 7;
	assert_int_equal(rs_selection_confirm(db, "rapporteur", 2, &other, &s), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "rapporteur is decided, Ama, Cy selected"));
	assert_int_equal(rs_selection_confirm(db, "rapporteur", 2, NULL, &s), RS_ERR_INVALID);
	assert_int_equal(count(db, "SELECT count(*) FROM nomination n JOIN stakeholder s"
				   " ON s.id = n.nominee_id WHERE n.state = 'selected'"
				   " AND s.name IN ('Ama', 'Cy')"), 3);
	/* Undo reverts the decision, not the draw before it. */
	rs_event undone;
	assert_int_equal(rs_undo_last(db, &undone), RS_OK);
	assert_string_equal(undone.action, "nomination.select");
	assert_int_equal(count(db, "SELECT count(*) FROM nomination WHERE state = 'accepted'"), 5);
	rs_db_close(db);
}

/* Panel requests stay off the floor; confirming gives each slot's
 * programme entry its proposed speaker, as one journalled action. */
static void panel_confirm_makes_the_programme(void **state)
{
	(void)state;
	tu_at(1652709600);
	rs_db *db = tu_new_db();
	assert_int_equal(rs_meeting_init(db, "Hearing", "2022-05-16", NULL, NULL), RS_OK);
	int64_t item;
	rs_agenda_new in = {.code = "t1", .title = "Thematic I"};
	assert_int_equal(rs_agenda_add(db, &in, &item), RS_OK);
	int64_t placeholder = tu_person(db, "Placeholder", "media", "ph@example.org");
	int64_t e1, e2;
	rs_queue_new q1 = {.item_id = item, .stakeholder_id = placeholder, .kind = "panel",
			   .slot = "media"};
	int64_t other = tu_person(db, "Other", "academia", "other@example.org");
	rs_queue_new q2 = {.item_id = item, .stakeholder_id = other, .kind = "panel",
			   .slot = "academia"};
	assert_int_equal(rs_queue_add_entry(db, &q1, &e1), RS_OK);
	assert_int_equal(rs_queue_add_entry(db, &q2, &e2), RS_OK);
	int64_t mo = asking(db, "Mo", "media", "KE", 10);
	asking(db, "Ana", "academia", "KE", 20);
	int64_t bea = asking(db, "Bea", "academia", "GH", 30);
	assert_int_equal(rs_queue_place_request(db, item, mo, NULL), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "asked for a panel seat"));

	rs_panel pl;
	assert_int_equal(rs_panel_propose(db, item, &pl), RS_OK);
	assert_int_equal(pl.n_slots, 2);
	assert_int_equal(pl.people[pl.slots[0].chosen].id, mo);
	assert_int_equal(pl.people[pl.slots[1].chosen].id, bea);
	assert_int_equal(rs_panel_confirm(db, &pl), RS_OK);
	rs_panel_free(&pl);
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT stakeholder_id FROM queue_entry WHERE id = %lld",
		 (long long)e1);
	assert_int_equal(count(db, sql), mo);
	snprintf(sql, sizeof sql, "SELECT stakeholder_id FROM queue_entry WHERE id = %lld",
		 (long long)e2);
	assert_int_equal(count(db, sql), bea);
	assert_int_equal(count(db, "SELECT count(*) FROM queue_entry"), 2);
	rs_event ev[1];
	size_t got;
	assert_int_equal(rs_journal_window(db, 0, 1, ev, &got), RS_OK);
	assert_string_equal(ev[0].action, "panel.confirm");
	assert_string_equal(ev[0].summary, "panel of 'Thematic I': 2 slots filled, 2 changed");

	/* One person in two slots is refused, nothing changed. */
	assert_int_equal(rs_panel_propose(db, item, &pl), RS_OK);
	assert_int_equal(rs_panel_swap(db, &pl, "academia", mo), RS_OK);
	assert_int_equal(rs_panel_confirm(db, &pl), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "Mo would fill two slots"));
	assert_int_equal(rs_panel_swap(db, &pl, "nobody's", mo), RS_ERR_INVALID);
	rs_panel_free(&pl);
	assert_int_equal(count(db, sql), bea);
	rs_db_close(db);
	unsetenv("ROSTRUM_NOW");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lot_is_splitmix64),
		cmocka_unit_test(shuffle_is_fixed_by_the_seed),
		cmocka_unit_test(seeds_parse_as_people_type_them),
		cmocka_unit_test(highest_tallies_fill_the_seats),
		cmocka_unit_test(a_tie_at_the_cut_is_drawn_by_lot),
		cmocka_unit_test(the_spread_rule_keeps_the_seats_from_one_region),
		cmocka_unit_test(a_rule_nobody_can_meet_is_said),
		cmocka_unit_test(the_spread_rule_is_a_meeting_setting),
		cmocka_unit_test(the_scarcest_slot_first_and_no_two_from_one_country),
		cmocka_unit_test(fair_shares_give_way_only_when_nobody_else_fits),
		cmocka_unit_test(a_slot_nobody_asked_for_keeps_its_speaker),
		cmocka_unit_test(selection_is_journalled_and_redrawn_the_same),
		cmocka_unit_test(panel_confirm_makes_the_programme),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
