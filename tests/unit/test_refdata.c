/* The reference data and the two state machines of SPEC.md. */
#include "testutil.h"

#include "rostrum/refdata.h"

static void queue_transitions_legal_and_illegal(void **state)
{
	(void)state;
	/* Every pair: only these are legal. */
	static const int legal[QS__COUNT][QS__COUNT] = {
		[QS_WAITING] = {[QS_SPEAKING] = 1, [QS_WITHDRAWN] = 1, [QS_ABSENT] = 1},
		[QS_SPEAKING] = {[QS_PAUSED] = 1, [QS_SPOKEN] = 1},
		[QS_PAUSED] = {[QS_SPEAKING] = 1, [QS_SPOKEN] = 1},
		[QS_ABSENT] = {[QS_WAITING] = 1},
	};
	for (int f = 0; f < QS__COUNT; f++)
		for (int t = 0; t < QS__COUNT; t++)
			assert_int_equal(rs_queue_transition_ok(f, t), legal[f][t]);
}

static void nomination_transitions(void **state)
{
	(void)state;
	assert_true(rs_nomination_transition_ok(NS_NOMINATED, NS_ACCEPTED));
	assert_true(rs_nomination_transition_ok(NS_NOMINATED, NS_DECLINED));
	assert_true(rs_nomination_transition_ok(NS_ACCEPTED, NS_SELECTED));
	assert_true(rs_nomination_transition_ok(NS_ACCEPTED, NS_NOT_SELECTED));
	assert_false(rs_nomination_transition_ok(NS_NOMINATED, NS_SELECTED));
	assert_false(rs_nomination_transition_ok(NS_DECLINED, NS_ACCEPTED));
	assert_false(rs_nomination_transition_ok(NS_SELECTED, NS_NOT_SELECTED));
}

static void sectors_by_code_or_label_any_case(void **state)
{
	(void)state;
	assert_string_equal(rs_sector_code("nhri"), "nhri");
	assert_string_equal(rs_sector_code("NATIONAL HUMAN RIGHTS INSTITUTIONS"), "nhri");
	assert_string_equal(rs_sector_code("Other relevant stakeholders"), "other");
	assert_null(rs_sector_code("astronauts"));
	assert_string_equal(rs_region_canonical("arab states"), "Arab States");
	assert_string_equal(rs_gender_code("Female"), "woman");
	assert_string_equal(rs_gender_code("agender"), "agender");
	assert_string_equal(rs_accreditation_code(""), "none");
	assert_null(rs_accreditation_code("vip"));
}

static void gcm_round_tables(void **state)
{
	(void)state;
	static const int rt1[] = {2, 5, 6, 12, 18}, rt4[] = {1, 3, 7, 17, 23};
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(rs_gcm_round_table(rt1[i]), 1);
		assert_int_equal(rs_gcm_round_table(rt4[i]), 4);
	}
	assert_int_equal(rs_gcm_round_table(21), 2);
	assert_int_equal(rs_gcm_round_table(22), 3);
	assert_int_equal(rs_gcm_round_table(24), 0);
	assert_false(rs_gcm_valid(0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(queue_transitions_legal_and_illegal),
		cmocka_unit_test(nomination_transitions),
		cmocka_unit_test(sectors_by_code_or_label_any_case),
		cmocka_unit_test(gcm_round_tables),
	};
	return cmocka_run_group_tests_name("refdata", tests, NULL, NULL);
}
