/* Who is in the room: the registration desk (check-in, walk-ins, the
 * form's present, participation and languages columns), online and
 * in-room interventions and their language, and accreditation as a
 * workflow that the floor's policy can require.  Real SQLite files. */
#include "testutil.h"

#include <sqlite3.h>

#include "rostrum/agenda.h"
#include "rostrum/import.h"
#include "rostrum/meeting.h"
#include "rostrum/queue.h"
#include "rostrum/stakeholder.h"

#define T0 1652709600 /* 2022-05-16T14:00:00Z, 10:00 in New York */

typedef struct {
	rs_db *db;
	int64_t item;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	tu_at(T0);
	f->db = tu_new_db();
	assert_int_equal(rs_meeting_init(f->db, "Hearing", "2022-05-16", NULL, NULL), RS_OK);
	rs_agenda_new item = {.code = "thematic-1", .title = "Thematic discussion I"};
	assert_int_equal(rs_agenda_add(f->db, &item, &f->item), RS_OK);
	*state = f;
	return 0;
}


/* ---- helpers ---- */

static int64_t peek_int(rs_db *db, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(rs_db_path(db), &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* Imports text as a CSV file; err gets what the importer wrote, with the
 * file's path as "FILE". */
static rs_status import_text(rs_db *db, const char *text, char *err, size_t size,
			     rs_import_stats *stats)
{
	char *path = strdup(tu_path("roster.csv"));
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	FILE *e = tmpfile();
	rs_status rc = rs_import_roster(db, path, 0, e, stats);
	rewind(e);
	char raw[4096];
	size_t n = fread(raw, 1, sizeof raw - 1, e);
	raw[n] = '\0';
	fclose(e);
	size_t used = 0, plen = strlen(path);
	for (const char *p = raw; *p && used + 5 < size;) {
		if (!strncmp(p, path, plen)) {
			used += (size_t)snprintf(err + used, size - used, "FILE");
			p += plen;
		} else {
			err[used++] = *p++;
		}
	}
	err[used] = '\0';
	free(path);
	return rc;
}

static int64_t person(rs_db *db, const char *name, const char *sector, const char *accreditation,
		      const char *languages, const char *participation)
{
	rs_stakeholder s = {0};
	s.name = strdup(name);
	s.sector = strdup(sector);
	s.accreditation = strdup(accreditation);
	s.languages = languages ? strdup(languages) : NULL;
	s.participation = participation ? strdup(participation) : NULL;
	s.registered_at = -1;
	int64_t id = 0;
	if (rs_stakeholder_add(db, &s, &id) != RS_OK)
		fail_msg("add %s: %s", name, rs_error());
	rs_stakeholder_clear(&s);
	return id;
}

static rs_queue_entry *listed(rs_queue_entry *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	fail_msg("entry %lld is not listed", (long long)id);
	return NULL;
}

/* ---- the registration form ---- */

static const char good_form[] =
	"name,sector,email,languages,participation,present,checked_in_at,role\n"
	"Amina Diallo,migrant,amina@example.org,FR;en,online,yes,2022-05-16T13:40:00Z,\n"
	"Ben Okoro,academia,ben@example.org,en,in_room,no,,\n"
	"Carla Ruiz,civil_society,carla@example.org,es;en,in room,,,\n"
	"Dmitri Ivanov,member_state,dmitri@example.org,ru,,y,,\n"
	"Eva Berg,un_system,eva@example.org,English,,,2022-05-16T13:50:00Z,organiser\n";

static void form_with_present_participation_languages_imports(void **state)
{
	fixture *f = *state;
	char err[4096];
	rs_import_stats st;
	assert_int_equal(import_text(f->db, good_form, err, sizeof err, &st), RS_OK);
	assert_int_equal(st.added, 5);
	assert_int_equal(st.checked_in, 3);
	rs_stakeholder s;
	assert_int_equal(rs_stakeholder_get(f->db, 1, &s), RS_OK);
	assert_string_equal(s.languages, "fr;en");
	assert_string_equal(s.participation, "online");
	assert_int_equal(s.present, 1);
	assert_int_equal(s.checked_in_at, T0 - 20 * 60);
	rs_stakeholder_clear(&s);
	assert_int_equal(rs_stakeholder_get(f->db, 3, &s), RS_OK);
	assert_string_equal(s.participation, "in_room");
	assert_int_equal(s.present, 0);
	rs_stakeholder_clear(&s);
	/* present yes without a time: checked in when the file came in */
	assert_int_equal(rs_stakeholder_get(f->db, 4, &s), RS_OK);
	assert_int_equal(s.checked_in_at, T0);
	assert_string_equal(s.role, ""); /* a Member State by sector */
	rs_stakeholder_clear(&s);
	assert_int_equal(rs_stakeholder_get(f->db, 5, &s), RS_OK);
	assert_string_equal(s.role, "organiser");
	assert_string_equal(s.languages, "en");
	rs_stakeholder_clear(&s);
	/* The same file again changes nothing, not even the check-in times. */
	tu_at(T0 + 3600);
	assert_int_equal(import_text(f->db, good_form, err, sizeof err, &st), RS_OK);
	assert_int_equal(st.unchanged, 5);
	assert_int_equal(st.checked_in, 0);
	assert_int_equal(peek_int(f->db, "SELECT checked_in_at FROM stakeholder WHERE id = 4"), T0);
}

static void bad_present_participation_languages_name_the_column(void **state)
{
	fixture *f = *state;
	char err[4096];
	rs_import_stats st;
	int64_t before = peek_int(f->db, "SELECT count(*) FROM event");
	assert_int_equal(import_text(f->db,
				     "name,sector,languages,participation,present,checked_in_at\n"
				     "Amina Diallo,migrant,fr,online,yes,\n"
				     "Ben Okoro,academia,en,zoom,,\n"
				     "Carla Ruiz,civil_society,klingon,,,\n"
				     "Dmitri Ivanov,academia,ru,,maybe,\n"
				     "Eva Berg,academia,en,,no,2022-05-16T13:50:00Z\n"
				     "Femi Ade,academia,en,,,yesterday\n",
				     err, sizeof err, &st),
			 RS_ERR_INVALID);
	assert_contains(err, "FILE:3: participation: 'zoom' is not in_room or online\n");
	assert_contains(err, "FILE:4: languages: unknown language 'klingon' (use ar zh en fr ru es)\n");
	assert_contains(err, "FILE:5: present: expected yes or no, not 'maybe'\n");
	assert_contains(err, "FILE:6: checked_in_at: a time of check-in for someone the present"
			     " column says is not present\n");
	assert_contains(err, "FILE:7: checked_in_at: 'yesterday' is not an ISO 8601 time");
	/* Rejected whole: nobody, not even the good first row, and no event. */
	int64_t n;
	assert_int_equal(rs_stakeholder_count(f->db, &n), RS_OK);
	assert_int_equal(n, 0);
	assert_int_equal(peek_int(f->db, "SELECT count(*) FROM event"), before);
}

/* ---- the desk ---- */

static void checkin_keeps_the_time_and_refuses_twice(void **state)
{
	fixture *f = *state;
	int64_t ana = person(f->db, "Ana María Ruiz", "migrant", "gcm", "es", NULL);
	tu_at(T0 + 120);
	assert_int_equal(rs_stakeholder_checkin(f->db, ana, 1), RS_OK);
	assert_int_equal(peek_int(f->db, "SELECT checked_in_at FROM stakeholder"), T0 + 120);
	tu_at(T0 + 300);
	assert_int_equal(rs_stakeholder_checkin(f->db, ana, 1), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "Ana María Ruiz is already checked in since 14:02");
	assert_int_equal(rs_stakeholder_checkin(f->db, ana, 0), RS_OK);
	assert_int_equal(peek_int(f->db, "SELECT present FROM stakeholder"), 0);
	assert_int_equal(peek_int(f->db, "SELECT checked_in_at FROM stakeholder"), -1);
	assert_int_equal(peek_int(f->db, "SELECT count(*) FROM event WHERE action LIKE"
					 " 'stakeholder.check%'"), 2);
}

static void walk_in_is_added_and_checked_in_as_one_action(void **state)
{
	fixture *f = *state;
	rs_stakeholder s = {0};
	s.name = strdup("Walk In");
	s.sector = strdup("youth");
	s.participation = strdup("online");
	s.registered_at = -1;
	s.checked_in_at = -1;
	s.present = 1;
	int64_t id;
	assert_int_equal(rs_stakeholder_add(f->db, &s, &id), RS_OK);
	rs_stakeholder_clear(&s);
	assert_int_equal(peek_int(f->db, "SELECT count(*) FROM event WHERE action ="
					 " 'stakeholder.add'"), 1);
	assert_int_equal(peek_int(f->db, "SELECT count(*) FROM event WHERE action LIKE"
					 " 'stakeholder.check%'"), 0);
	assert_int_equal(peek_int(f->db, "SELECT present FROM stakeholder"), 1);
	assert_int_equal(peek_int(f->db, "SELECT checked_in_at FROM stakeholder"), T0);
}

static void desk_finds_people_by_words_of_their_name(void **state)
{
	fixture *f = *state;
	int64_t joao = person(f->db, "João Campbell", "nhri", "none", NULL, NULL);
	person(f->db, "Andrés Campbell", "academia", "none", NULL, NULL);
	person(f->db, "Łukasz Nowak", "academia", "none", NULL, NULL);
	int64_t id = 0;
	assert_int_equal(rs_stakeholder_match(f->db, "joao camp", &id), RS_OK);
	assert_int_equal(id, joao);
	assert_int_equal(rs_stakeholder_match(f->db, "lukasz", &id), RS_OK);
	assert_int_equal(id, 3);
	assert_int_equal(rs_stakeholder_match(f->db, "campbell", &id), RS_ERR_INVALID);
	assert_contains(rs_error(), "'campbell' matches 2 people: Andrés Campbell (2), João "
				    "Campbell (1)");
	assert_int_equal(rs_stakeholder_match(f->db, "nobody", &id), RS_ERR_INVALID);
	/* The exact lookup of every other command does not guess. */
	assert_int_equal(rs_stakeholder_find(f->db, "joao camp", &id), RS_ERR_INVALID);
}

static void roster_views_filter_and_count(void **state)
{
	fixture *f = *state;
	int64_t a = person(f->db, "A", "migrant", "pending", NULL, "online");
	person(f->db, "B", "academia", "gcm", NULL, NULL);
	person(f->db, "C", "academia", "pending", NULL, NULL);
	person(f->db, "D", "academia", "refused", NULL, NULL);
	assert_int_equal(rs_stakeholder_checkin(f->db, a, 1), RS_OK);
	struct {
		rs_roster_view v;
		int64_t want;
	} cases[] = {
		{{.present = -1}, 4},
		{{.present = 1}, 1},
		{{.present = 0}, 3},
		{{.present = -1, .accreditation = "pending"}, 2},
		{{.present = -1, .accreditation = "accredited"}, 1},
		{{.present = -1, .accreditation = "Refused (an objection was raised)"}, 1},
		{{.present = -1, .participation = "remote"}, 1},
		{{.present = 0, .accreditation = "pending"}, 1},
		{{.text = "b", .present = -1}, 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t n = -1;
		assert_int_equal(rs_roster_view_check(&cases[i].v), RS_OK);
		assert_int_equal(rs_roster_count(f->db, &cases[i].v, &n), RS_OK);
		if (n != cases[i].want)
			fail_msg("case %zu: %lld, not %lld", i, (long long)n, (long long)cases[i].want);
	}
	rs_roster_view bad = {.present = -1, .accreditation = "vip"};
	assert_int_equal(rs_roster_view_check(&bad), RS_ERR_INVALID);
	assert_contains(rs_error(), "--accreditation:");
}

/* ---- accreditation ---- */

static void accreditation_decisions_are_dated_and_journalled(void **state)
{
	fixture *f = *state;
	int64_t p = person(f->db, "Pending Person", "civil_society", "pending", NULL, NULL);
	char from[RS_STATE_MAX];
	tu_at(T0 + 60);
	assert_int_equal(rs_stakeholder_accredit(f->db, p, "imrf_new", from), RS_OK);
	assert_string_equal(from, "pending");
	assert_int_equal(peek_int(f->db, "SELECT accreditation_at FROM stakeholder"), T0 + 60);
	assert_int_equal(rs_stakeholder_accredit(f->db, p, "imrf_new", NULL), RS_ERR_INVALID);
	assert_int_equal(rs_stakeholder_accredit(f->db, p, "vip", NULL), RS_ERR_INVALID);
	assert_contains(rs_error(), "refused");
	assert_int_equal(peek_int(f->db, "SELECT count(*) FROM event WHERE action ="
					 " 'stakeholder.accredit' AND summary ="
					 " 'Pending Person: accreditation ''Awaiting non-objection''"
					 " → ''Newly accredited through the open call'''"),
			 1);
}

static void policy_requiring_accreditation_holds_back_with_a_reason(void **state)
{
	fixture *f = *state;
	int64_t pend = person(f->db, "Pia Pending", "civil_society", "pending", NULL, NULL);
	int64_t ok = person(f->db, "Omar Okay", "academia", "gcm", NULL, NULL);
	int64_t state_rep = person(f->db, "Sam State", "member_state", "none", NULL, NULL);
	int64_t e_pend, e_ok, e_state;
	tu_at(T0 + 1);
	assert_int_equal(rs_queue_add(f->db, f->item, pend, NULL, &e_pend), RS_OK);
	tu_at(T0 + 2);
	assert_int_equal(rs_queue_add(f->db, f->item, ok, NULL, &e_ok), RS_OK);
	tu_at(T0 + 3);
	assert_int_equal(rs_queue_add(f->db, f->item, state_rep, NULL, &e_state), RS_OK);
	rs_meeting_change ch = {.policy = -1, .warning_seconds = -1,
				.set_require_accreditation = 1, .require_accreditation = 1};
	assert_int_equal(rs_meeting_set(f->db, &ch), RS_OK);

	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(f->db, f->item, &v, &n), RS_OK);
	/* The held-back request stays on the list, last, with why. */
	assert_int_equal(v[0].id, e_ok);
	assert_int_equal(v[1].id, e_state); /* a Member State needs no accreditation */
	assert_int_equal(v[2].id, e_pend);
	assert_int_equal(v[2].held, 1);
	assert_int_equal(v[2].position, 0);
	assert_string_equal(v[2].reason, "held back: accreditation pending; the meeting requires an"
					 " accreditation to take the floor");
	assert_ptr_equal(rs_queue_upcoming(v, n, 1), &v[1]);
	assert_null(rs_queue_upcoming(v, n, 2));
	rs_queue_list_free(v, n);

	int64_t now;
	assert_int_equal(rs_queue_floor(f->db, RS_FLOOR_GIVE, e_pend, RS_EXPECT_ANY, &now),
			 RS_ERR_INVALID);
	assert_contains(rs_error(), "held back: accreditation pending");
	assert_int_equal(rs_queue_start(f->db, f->item, &now), RS_OK);
	assert_int_equal(now, e_ok);
	assert_int_equal(rs_queue_next(f->db, f->item, &now), RS_OK);
	assert_int_equal(now, e_state);
	/* Only the held-back request waits: nobody can be called. */
	assert_int_equal(rs_queue_next(f->db, f->item, &now), RS_OK);
	assert_int_equal(now, 0);
	assert_int_equal(rs_queue_start(f->db, f->item, &now), RS_ERR_INVALID);
	assert_contains(rs_error(), "nobody can be called: 1 waiting held back");
	/* Approved: called. */
	assert_int_equal(rs_stakeholder_accredit(f->db, pend, "imrf_new", NULL), RS_OK);
	assert_int_equal(rs_queue_start(f->db, f->item, &now), RS_OK);
	assert_int_equal(now, e_pend);
}

/* ---- online and in the room, languages ---- */

static void entries_follow_the_speaker_until_they_speak(void **state)
{
	fixture *f = *state;
	int64_t amina = person(f->db, "Amina", "migrant", "gcm", "fr;en", "online");
	int64_t ben = person(f->db, "Ben", "academia", "gcm", NULL, NULL);
	int64_t e_amina, e_ben;
	assert_int_equal(rs_queue_add(f->db, f->item, amina, NULL, &e_amina), RS_OK);
	rs_queue_new in = {.item_id = f->item, .stakeholder_id = ben, .language = "Spanish"};
	assert_int_equal(rs_queue_add_entry(f->db, &in, &e_ben), RS_OK);
	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(f->db, f->item, &v, &n), RS_OK);
	assert_string_equal(listed(v, n, e_amina)->participation, "online");
	assert_string_equal(listed(v, n, e_amina)->language, "fr");
	assert_string_equal(listed(v, n, e_ben)->participation, "in_room");
	assert_string_equal(listed(v, n, e_ben)->language, "es");
	rs_queue_list_free(v, n);

	/* Amina comes to the room after all: her waiting entry follows. */
	assert_int_equal(rs_stakeholder_set_participation(f->db, amina, "in the room"), RS_OK);
	assert_int_equal(rs_queue_list(f->db, f->item, &v, &n), RS_OK);
	assert_string_equal(listed(v, n, e_amina)->participation, "in_room");
	rs_queue_list_free(v, n);
	/* The moderator: she speaks online, in English; that is kept. */
	assert_int_equal(rs_queue_set(f->db, e_amina, "online", "en"), RS_OK);
	assert_int_equal(rs_queue_set(f->db, e_amina, "online", NULL), RS_ERR_INVALID);
	assert_int_equal(rs_queue_set(f->db, e_amina, NULL, "xx"), RS_ERR_INVALID);
	assert_int_equal(rs_queue_start(f->db, f->item, NULL), RS_OK);
	/* Once she spoke, her record stays as it was whatever she does next. */
	assert_int_equal(rs_queue_next(f->db, f->item, NULL), RS_OK);
	assert_int_equal(rs_stakeholder_set_participation(f->db, amina, "online"), RS_OK);
	assert_int_equal(rs_stakeholder_set_participation(f->db, amina, "in_room"), RS_OK);
	assert_int_equal(rs_queue_list(f->db, f->item, &v, &n), RS_OK);
	assert_string_equal(listed(v, n, e_amina)->participation, "online");
	assert_string_equal(listed(v, n, e_amina)->language, "en");
	rs_queue_list_free(v, n);
	/* The speech that has started keeps its speaker's way of that moment. */
	assert_int_equal(peek_int(f->db, "SELECT count(*) FROM queue_entry WHERE participation IS"
					 " NOT NULL AND language IS NOT NULL"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(form_with_present_participation_languages_imports,
						setup, tu_teardown),
		cmocka_unit_test_setup_teardown(bad_present_participation_languages_name_the_column,
						setup, tu_teardown),
		cmocka_unit_test_setup_teardown(checkin_keeps_the_time_and_refuses_twice, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(walk_in_is_added_and_checked_in_as_one_action, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(desk_finds_people_by_words_of_their_name, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(roster_views_filter_and_count, setup, tu_teardown),
		cmocka_unit_test_setup_teardown(accreditation_decisions_are_dated_and_journalled, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(policy_requiring_accreditation_holds_back_with_a_reason,
						setup, tu_teardown),
		cmocka_unit_test_setup_teardown(entries_follow_the_speaker_until_they_speak, setup,
						tu_teardown),
	};
	return cmocka_run_group_tests_name("room", tests, NULL, NULL);
}
