/* Editing and deleting stakeholders and outcomes. */
#include "testutil.h"

#include "rostrum/agenda.h"
#include "rostrum/journal.h"
#include "rostrum/meeting.h"
#include "rostrum/nomination.h"
#include "rostrum/outcome.h"
#include "rostrum/queue.h"

typedef struct {
	rs_db *db;
	int64_t item, ana, ben;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->db = tu_new_db();
	assert_int_equal(rs_meeting_init(f->db, "Hearing", "2022-05-16", NULL, NULL), RS_OK);
	rs_agenda_new item = {.code = "thematic-1", .title = "Thematic discussion I"};
	assert_int_equal(rs_agenda_add(f->db, &item, &f->item), RS_OK);
	f->ana = tu_person(f->db, "Ana Ruiz", "migrant", "ana@example.org");
	f->ben = tu_person(f->db, "Ben Okoro", "academia", "ben@example.org");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	rs_db_close(f->db);
	free(f);
	return 0;
}

static void edit_stakeholder(void **state)
{
	fixture *f = *state;
	rs_stakeholder s;
	assert_int_equal(rs_stakeholder_get(f->db, f->ana, &s), RS_OK);
	free(s.sector);
	s.sector = strdup("Civil society organizations"); /* a label: normalised */
	free(s.country);
	s.country = strdup("mx");
	assert_int_equal(rs_stakeholder_update(f->db, &s), RS_OK);
	rs_stakeholder_clear(&s);
	assert_int_equal(rs_stakeholder_get(f->db, f->ana, &s), RS_OK);
	assert_string_equal(s.sector, "civil_society");
	assert_string_equal(s.country, "MX");
	assert_string_equal(s.email, "ana@example.org");

	/* Another's email, a bad field, an unknown id: refused. */
	free(s.email);
	s.email = strdup("BEN@example.org");
	assert_int_equal(rs_stakeholder_update(f->db, &s), RS_ERR_INVALID);
	/* Whose it is, and what to do: not the address's format. */
	char taken[200];
	snprintf(taken, sizeof taken,
		 "email: ben@example.org is Ben Okoro's (%lld): give another address, or none",
		 (long long)f->ben);
	assert_string_equal(rs_error(), taken);
	free(s.email);
	s.email = strdup("ana.ruiz@example.org");
	free(s.sector);
	s.sector = strdup("pirates");
	assert_int_equal(rs_stakeholder_update(f->db, &s), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "sector: unknown sector 'pirates'");
	free(s.sector);
	s.sector = strdup("migrant");
	s.id = 999;
	assert_int_equal(rs_stakeholder_update(f->db, &s), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "no stakeholder 999");
	s.id = f->ana;
	assert_int_equal(rs_stakeholder_update(f->db, &s), RS_OK); /* a new email of one's own */
	rs_stakeholder_clear(&s);
	assert_int_equal(rs_stakeholder_get(f->db, f->ana, &s), RS_OK);
	assert_string_equal(s.email, "ana.ruiz@example.org");
	rs_stakeholder_clear(&s);
}

static void delete_stakeholder_unless_referred_to(void **state)
{
	fixture *f = *state;
	int64_t e1, e2, nom, id;
	int64_t other;
	rs_agenda_new item2 = {.code = "thematic-2", .title = "Thematic discussion II"};
	assert_int_equal(rs_agenda_add(f->db, &item2, &other), RS_OK);
	assert_int_equal(rs_queue_add(f->db, f->item, f->ana, NULL, &e1), RS_OK);
	assert_int_equal(rs_queue_add(f->db, other, f->ana, NULL, &e2), RS_OK);
	assert_int_equal(rs_nominate(f->db, f->ana, f->ben, NULL, NULL, &nom), RS_OK);
	char want[400];
	assert_int_equal(rs_stakeholder_deletable(f->db, f->ana, NULL, 0), RS_ERR_INVALID);
	assert_int_equal(rs_stakeholder_delete(f->db, f->ana), RS_ERR_INVALID);
	snprintf(want, sizeof want,
		 "Ana Ruiz stays on the roster: the speakers' lists keep their queue entries %lld "
		 "(thematic-1, waiting) and %lld (thematic-2, waiting); nomination %lld names them; "
		 "to keep them off the floor, withdraw a waiting entry (queue withdraw %lld, or w "
		 "in the Queue pane while its item runs)",
		 (long long)e1, (long long)e2, (long long)nom, (long long)e1);
	assert_string_equal(rs_error(), want);
	assert_int_equal(rs_stakeholder_delete(f->db, f->ben), RS_ERR_INVALID);
	snprintf(want, sizeof want,
		 "Ben Okoro stays on the roster: nomination %lld names them; delete a nomination "
		 "made in error first (nomination delete %lld)",
		 (long long)nom, (long long)nom);
	assert_string_equal(rs_error(), want);

	int64_t by[] = {f->ana};
	rs_outcome_new o = {.type = OUT_RECOMMENDATION, .item_id = f->item, .text = "x",
			    .by = by, .n_by = 1};
	assert_int_equal(rs_outcome_add(f->db, &o, &id), RS_OK);
	assert_int_equal(rs_stakeholder_delete(f->db, f->ana), RS_ERR_INVALID);
	snprintf(want, sizeof want, "; nomination %lld names them; outcome %lld names them as a party; ",
		 (long long)nom, (long long)id);
	assert_non_null(strstr(rs_error(), want));

	int64_t zed = tu_person(f->db, "Zed", "media", "zed@example.org");
	char going[RS_SUMMARY_MAX];
	assert_int_equal(rs_stakeholder_deletable(f->db, zed, going, sizeof going), RS_OK);
	assert_string_equal(going, "Zed (zed@example.org)");
	assert_int_equal(rs_stakeholder_delete(f->db, zed), RS_OK);
	rs_stakeholder s;
	assert_int_equal(rs_stakeholder_get(f->db, zed, &s), RS_ERR_INVALID);
	assert_int_equal(rs_stakeholder_delete(f->db, zed), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "no stakeholder"));
}

static void edit_and_delete_outcomes(void **state)
{
	fixture *f = *state;
	int64_t by[] = {f->ana, f->ben}, id;
	int gcm[] = {5};
	rs_outcome_new o = {.type = OUT_PLEDGE, .item_id = f->item, .text = "Fund it",
			    .by = by, .n_by = 2, .gcm = gcm, .n_gcm = 1, .pledge_type = "policy"};
	assert_int_equal(rs_outcome_add(f->db, &o, &id), RS_OK);
	assert_int_equal(rs_outcome_set_text(f->db, id, "Fund a hotline"), RS_OK);
	assert_int_equal(rs_outcome_set_text(f->db, id, ""), RS_ERR_INVALID);
	assert_int_equal(rs_outcome_set_text(f->db, 999, "x"), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "no outcome 999");
	rs_outcome *v;
	size_t n;
	assert_int_equal(rs_outcome_list(f->db, f->item, &v, &n), RS_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].text, "Fund a hotline");
	assert_int_equal(v[0].n_by, 2);
	rs_outcome_list_free(v, n);

	assert_int_equal(rs_outcome_delete(f->db, id), RS_OK);
	assert_int_equal(rs_outcome_list(f->db, 0, &v, &n), RS_OK);
	assert_int_equal(n, 0);
	rs_outcome_list_free(v, n);
	assert_int_equal(rs_outcome_delete(f->db, id), RS_ERR_INVALID);
	/* Its pledgers are free to go now. */
	assert_int_equal(rs_stakeholder_delete(f->db, f->ben), RS_OK);
}

/* An id, once given, is never given again: the journal names rows by id. */
static void ids_are_never_reused(void **state)
{
	fixture *f = *state;
	int64_t cid = tu_person(f->db, "Carla Mendes", "youth", "carla@example.org");
	assert_int_equal(rs_stakeholder_delete(f->db, cid), RS_OK);
	int64_t did = tu_person(f->db, "Dana Levi", "media", "dana@example.org");
	assert_int_equal(did, cid + 1);

	int64_t e1, e2;
	assert_int_equal(rs_queue_add(f->db, f->item, f->ana, NULL, &e1), RS_OK);
	assert_int_equal(rs_undo_last(f->db, NULL), RS_OK); /* the entry is deleted */
	assert_int_equal(rs_queue_add(f->db, f->item, f->ben, NULL, &e2), RS_OK);
	assert_int_equal(e2, e1 + 1);

	int64_t o1, o2;
	rs_outcome_new note = {.type = OUT_NOTE, .item_id = f->item, .text = "first"};
	assert_int_equal(rs_outcome_add(f->db, &note, &o1), RS_OK);
	assert_int_equal(rs_outcome_delete(f->db, o1), RS_OK);
	assert_int_equal(rs_outcome_add(f->db, &note, &o2), RS_OK);
	assert_int_equal(o2, o1 + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(edit_stakeholder, setup, teardown),
		cmocka_unit_test_setup_teardown(delete_stakeholder_unless_referred_to, setup,
						teardown),
		cmocka_unit_test_setup_teardown(edit_and_delete_outcomes, setup, teardown),
		cmocka_unit_test_setup_teardown(ids_are_never_reused, setup, teardown),
	};
	return cmocka_run_group_tests_name("edit", tests, NULL, NULL);
}
