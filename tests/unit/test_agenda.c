/* The programme: adding items, their order, finding them, and the
 * programme-file import (including the bundled 2022 hearing). */
#define _GNU_SOURCE /* open_memstream under -std=c11 */
#include "testutil.h"

#include <sqlite3.h>

#include "rostrum/agenda.h"
#include "rostrum/import.h"
#include "rostrum/meeting.h"
#include "rostrum/queue.h"

/* One integer from the test's own connection to the database file. */
static int64_t query_int(rs_db *db, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int64_t v = -1;
	assert_int_equal(sqlite3_open_v2(rs_db_path(db), &h, SQLITE_OPEN_READWRITE, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static void exec_sql(rs_db *db, const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open_v2(rs_db_path(db), &h, SQLITE_OPEN_READWRITE, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

static int64_t n_items(rs_db *db)
{
	return query_int(db, "SELECT count(*) FROM agenda_item");
}

static int64_t n_events(rs_db *db)
{
	return query_int(db, "SELECT count(*) FROM event");
}

static int64_t add(rs_db *db, const char *code, const char *title, int64_t parent)
{
	rs_agenda_new in = {.code = code, .title = title, .parent_id = parent};
	int64_t id = 0;
	if (rs_agenda_add(db, &in, &id) != RS_OK)
		fail_msg("add %s: %s", title, rs_error());
	return id;
}

/* Writes text to a file in a new temporary folder; the path is the caller's. */
static char *write_file(const char *name, const char *text)
{
	char *path = strdup(tu_path(name));
	assert_non_null(path);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* The bundled programme; unit tests run from the repository root. */
static const char *bundled(void)
{
	static char path[512];
	const char *dir = getenv("ROSTRUM_DATA");
	snprintf(path, sizeof path, "%s/programmes/imrf-2022.conf", dir ? dir : "data");
	return path;
}

static void list_is_depth_first_by_position(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	int64_t a = add(db, "a", "A", 0);
	int64_t b = add(db, "b", "B", 0);
	int64_t a1 = add(db, "a1", "A1", a);
	add(db, NULL, "B1", b);
	add(db, "a1x", "A1x", a1);
	add(db, "a2", "A2", a);
	rs_agenda_item *items;
	size_t n;
	assert_int_equal(rs_agenda_list(db, &items, &n), RS_OK);
	static const char *const titles[] = {"A", "A1", "A1x", "A2", "B", "B1"};
	static const int depths[] = {0, 1, 2, 1, 0, 1};
	assert_int_equal(n, 6);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(items[i].title, titles[i]);
		assert_int_equal(items[i].depth, depths[i]);
	}
	assert_int_equal(items[0].parent_id, 0);
	assert_int_equal(items[1].parent_id, a);
	assert_string_equal(items[5].code, "");
	assert_string_equal(items[0].kind, "session");
	assert_int_equal(items[0].started_at, -1);
	rs_agenda_list_free(items, n);
	rs_db_close(db);
}

static void add_stores_every_field_in_one_action(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	rs_agenda_new in = {.code = "t-1", .title = "Thematic", .kind = "Panel",
			    .start = "10:30", .end = "13:00", .moderator = "M. Oduya",
			    .description = "Aims"};
	int64_t id;
	assert_int_equal(rs_agenda_add(db, &in, &id), RS_OK);
	rs_agenda_item it;
	assert_int_equal(rs_agenda_get(db, id, &it), RS_OK);
	assert_string_equal(it.kind, "panel");
	assert_string_equal(it.start, "10:30");
	assert_string_equal(it.end, "13:00");
	assert_string_equal(it.moderator, "M. Oduya");
	assert_string_equal(it.description, "Aims");
	rs_agenda_item_clear(&it);
	assert_int_equal(query_int(db, "SELECT count(*) FROM event WHERE action = 'agenda.add'"
				       " AND object_id = 1 AND NOT open"),
			 1);
	assert_int_equal(rs_agenda_get(db, 99, &it), RS_ERR_INVALID);
	rs_db_close(db);
}

static void add_refuses_bad_items(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	int64_t first = add(db, "dup", "First", 0);
	static const struct {
		rs_agenda_new in;
		const char *message;
	} cases[] = {
		{{.title = ""}, "a title is required"},
		{{.title = "T", .start = "25:00"}, "start '25:00' is not a time"},
		{{.title = "T", .end = "9:30"}, "end '9:30' is not a time"},
		{{.title = "T", .start = "11:00", .end = "10:00"}, "end 10:00 is not after start 11:00"},
		{{.title = "T", .start = "11:00", .end = "11:00"}, "is not after start"},
		{{.title = "T", .code = "dup"}, "code 'dup' is already item 1"},
		{{.title = "T", .kind = "banquet"}, "unknown kind 'banquet' (one of: opening,"},
		{{.title = "T", .parent_id = 42}, "no parent item 42"},
		{{.title = "T", .code = "2022"}, "code '2022' is only digits"},
		{{.title = "T", .code = "a b"}, "may hold only letters, digits"},
	};
	int64_t events = n_events(db);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t id = -1;
		assert_int_equal(rs_agenda_add(db, &cases[i].in, &id), RS_ERR_INVALID);
		if (!strstr(rs_error(), cases[i].message))
			fail_msg("case %zu: '%s' lacks '%s'", i, rs_error(), cases[i].message);
	}
	assert_int_equal(first, 1);
	assert_int_equal(n_items(db), 1);
	assert_int_equal(n_events(db), events);
	rs_db_close(db);
}

/* rs_agenda_edit refuses item id becoming a break, its error holding
 * `says`, and writes nothing (no event, the kind as it was). */
static void break_refused(rs_db *db, int64_t id, const char *says)
{
	int64_t events = n_events(db);
	rs_agenda_new to_break = {.kind = "break"};
	assert_int_equal(rs_agenda_edit(db, id, &to_break, RS_POLICY_KEEP), RS_ERR_INVALID);
	if (!strstr(rs_error(), says))
		fail_msg("'%s' lacks '%s'", rs_error(), says);
	assert_int_equal(n_events(db), events);
	assert_int_equal(query_int(db, "SELECT count(*) FROM agenda_item WHERE kind = 'break'"), 0);
}

/* A break takes no floor: the item someone speaks on, the meeting's live
 * item and one with people waiting do not become one; the TUI and the
 * command line both edit through rs_agenda_edit. */
static void an_item_in_use_does_not_become_a_break(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	assert_int_equal(rs_meeting_init(db, "Hearing", NULL, NULL, NULL), RS_OK);
	int64_t item = add(db, "t1", "Thematic I", 0), e;
	int64_t ana = tu_person(db, "Ana", "migrant", "ana@example.org");
	int64_t ben = tu_person(db, "Ben", "academia", "ben@example.org");
	assert_int_equal(rs_queue_add(db, item, ana, NULL, &e), RS_OK);
	assert_int_equal(rs_queue_add(db, item, ben, NULL, &e), RS_OK);
	assert_int_equal(rs_queue_start(db, item, NULL), RS_OK);
	break_refused(db, item, "kind: 'Thematic I' is live, Ana has the floor: close it first"
				" ('agenda close t1 --end-speech'), then make it a break");
	assert_int_equal(rs_queue_end(db, item, NULL), RS_OK);
	break_refused(db, item, "kind: 'Thematic I' is live: close it first ('agenda close t1'),"
				" then make it a break");
	assert_int_equal(rs_meeting_close_item(db, item, RS_SPEECH_REFUSE, RS_EXPECT_ANY), RS_OK);
	break_refused(db, item, "kind: 'Thematic I' has 1 waiting to speak, and nobody takes"
				" the floor in a break: withdraw them first");
	assert_int_equal(rs_queue_withdraw(db, e), RS_OK);
	rs_agenda_new to_break = {.kind = "break"};
	assert_int_equal(rs_agenda_edit(db, item, &to_break, RS_POLICY_KEEP), RS_OK);
	rs_db_close(db);
}

static void find_by_id_or_code(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	add(db, "opening", "Opening", 0);
	int64_t t1 = add(db, "thematic-1", "Thematic I", 0);
	int64_t id;
	assert_int_equal(rs_agenda_find(db, "2", &id), RS_OK);
	assert_int_equal(id, t1);
	assert_int_equal(rs_agenda_find(db, "thematic-1", &id), RS_OK);
	assert_int_equal(id, t1);
	assert_int_equal(rs_agenda_find(db, "7", &id), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "no agenda item '7' (give an id or a code)");
	assert_int_equal(rs_agenda_find(db, "closing", &id), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "no agenda item 'closing' (give an id or a code)");
	assert_int_equal(rs_agenda_find(db, "", &id), RS_ERR_INVALID);
	assert_int_equal(rs_agenda_find(db, "99999999999999999999", &id), RS_ERR_INVALID);
	rs_db_close(db);
}

typedef struct {
	int n;
	char first[512];
} json_seen;

static int collect_json(const char *json, void *ctx)
{
	json_seen *s = ctx;
	if (s->n++ == 0)
		snprintf(s->first, sizeof s->first, "%s", json);
	return s->n == 2; /* stop after two */
}

static void json_in_programme_order(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	int64_t a = add(db, "a", "A", 0);
	add(db, "b", "B", 0);
	add(db, "a1", "A1", a);
	json_seen seen = {0};
	assert_int_equal(rs_agenda_each_json(db, collect_json, &seen), RS_OK);
	assert_int_equal(seen.n, 2);
	assert_non_null(strstr(seen.first, "\"code\":\"a\""));
	assert_non_null(strstr(seen.first, "\"parent\":null"));
	rs_db_close(db);
}

/* A new database with its meeting, as `rostrum init` makes it. */
static rs_db *new_meeting(void)
{
	rs_db *db = tu_new_db();
	if (rs_meeting_init(db, "Hearing", NULL, NULL, NULL) != RS_OK)
		fail_msg("%s", rs_error());
	return db;
}

static void bundled_programme_imports(void **state)
{
	(void)state;
	rs_db *db = new_meeting();
	rs_agenda_import_stats st;
	if (rs_import_agenda(db, bundled(), stderr, &st) != RS_OK)
		fail_msg("%s", rs_error());
	assert_int_equal(st.items, 6);
	assert_int_equal(n_items(db), 6);
	/* The programme's speakers: the opening's three, thirteen panellists in
	 * thematic discussion I, five in II, two summations, two closing. */
	assert_int_equal(st.speakers, 3 + 13 + 5 + 2 + 2);
	assert_int_equal(st.people, 23); /* the PGA speaks twice, as does Layla Mansour */
	int64_t id;
	assert_int_equal(rs_agenda_find(db, "thematic-1", &id), RS_OK);
	rs_agenda_item it;
	assert_int_equal(rs_agenda_get(db, id, &it), RS_OK);
	assert_string_equal(it.start, "10:30");
	assert_string_equal(it.end, "13:00");
	assert_string_equal(it.kind, "session");
	/* Wrapped strings fold into single spaces. */
	assert_null(strchr(it.title, '\n'));
	assert_null(strstr(it.description, "  "));
	assert_non_null(strstr(it.description, "1. Highlight concrete examples"));
	rs_agenda_item_clear(&it);
	assert_int_equal(rs_agenda_find(db, "thematic-2", &id), RS_OK);
	assert_int_equal(rs_agenda_find(db, "lunch", &id), RS_OK);
	rs_agenda_item *items;
	size_t len;
	assert_int_equal(rs_agenda_list(db, &items, &len), RS_OK);
	assert_string_equal(items[0].code, "opening");
	assert_string_equal(items[1].code, "thematic-1");
	assert_int_equal(items[1].policy, POLICY_BALANCED);
	assert_int_equal(items[0].policy, RS_POLICY_MEETING);
	assert_string_equal(items[len - 1].code, "closing");
	rs_agenda_list_free(items, len);
	/* The opening speakers in the programme's order, as opening speeches. */
	assert_int_equal(query_int(db, "SELECT count(*) FROM queue_entry q JOIN stakeholder s"
				       " ON s.id = q.stakeholder_id JOIN agenda_item a ON a.id = q.item_id"
				       " WHERE a.code = 'opening' AND q.kind = 'opening' AND"
				       " ((q.programme_order = 1 AND s.name = 'Abdulla Shahid') OR"
				       " (q.programme_order = 2 AND s.name = 'António Vitorino') OR"
				       " (q.programme_order = 3 AND s.sector = 'migrant'))"),
			 3);
	assert_int_equal(query_int(db, "SELECT count(*) FROM queue_entry q JOIN agenda_item a"
				       " ON a.id = q.item_id WHERE a.code = 'thematic-1'"
				       " AND q.kind = 'panel' AND q.slot = 'trade_union'"
				       " AND q.programme_order = 7"),
			 1);
	rs_meeting m;
	assert_int_equal(rs_meeting_get(db, &m), RS_OK);
	assert_string_equal(m.timezone, "America/New_York");
	assert_string_equal(m.date, "2022-05-16"); /* the meeting had none */
	rs_meeting_clear(&m);
	assert_int_equal(query_int(db, "SELECT count(*) FROM event WHERE action = 'import.agenda'"
				       " AND NOT open"),
			 1);
	assert_int_equal(query_int(db, "SELECT count(DISTINCT event_id) FROM change WHERE"
				       " event_id <> (SELECT min(id) FROM event)"),
			 1);
	rs_db_close(db);
}

static void bundled_programme_meeting(void **state)
{
	(void)state;
	char *title, *date, *venue;
	assert_int_equal(rs_programme_meeting(bundled(), &title, &date, &venue, stderr), RS_OK);
	assert_string_equal(title, "International Migration Review Forum: Informal Interactive"
				   " Multi-Stakeholder Hearing");
	assert_string_equal(date, "2022-05-16");
	assert_string_equal(venue, "Conference Room 4, United Nations Headquarters");
	free(title);
	free(date);
	free(venue);
	char *path = write_file("p.conf", "item x { title = X }\n");
	assert_int_equal(rs_programme_meeting(path, &title, &date, &venue, NULL), RS_OK);
	assert_null(title);
	assert_null(date);
	assert_null(venue);
	free(path);
}

static void import_queues_form_requests(void **state)
{
	(void)state;
	rs_db *db = new_meeting();
	exec_sql(db, "INSERT INTO event(at, user, action) VALUES (0, 't', 'test');"
		     "INSERT INTO stakeholder(name, sector, wants_to_speak, speak_on, registered_at)"
		     " VALUES ('Ana', 'migrant', 1, 'thematic-1', 1650000000),"
		     " ('Bo', 'media', 1, 'thematic-9', 1650000001),"
		     " ('Cy', 'academia', 0, 'thematic-1', NULL);"
		     "UPDATE event SET open = 0;");
	rs_agenda_import_stats st;
	assert_int_equal(rs_import_agenda(db, bundled(), stderr, &st), RS_OK);
	assert_int_equal(st.requests, 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM queue_entry q JOIN agenda_item a"
				       " ON a.id = q.item_id WHERE a.code = 'thematic-1'"
				       " AND q.kind = 'floor' AND q.state = 'waiting'"),
			 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM queue_entry WHERE from_form"), 1);
	rs_db_close(db);
}

/* Imports text as a programme and expects it refused with each of wants
 * (":LINE: message", after the file's path) on err and the database as it
 * was before. */
static void expect_rejected(rs_db *db, const char *text, const char *const *wants, size_t n)
{
	int64_t items = n_items(db), events = n_events(db);
	char *path = write_file("bad.conf", text), *out = NULL;
	size_t size;
	FILE *err = open_memstream(&out, &size);
	assert_non_null(err);
	rs_agenda_import_stats added;
	assert_int_equal(rs_import_agenda(db, path, err, &added), RS_ERR_INVALID);
	fclose(err);
	assert_int_equal(added.items, 0);
	for (size_t i = 0; i < n; i++) {
		char want[512];
		snprintf(want, sizeof want, "%s%s", path, wants[i]);
		if (!strstr(out, want))
			fail_msg("got '%s', want '%s'", out, want);
	}
	assert_int_equal(n_items(db), items);
	assert_int_equal(n_events(db), events);
	free(path);
	free(out);
}

static void bad_programmes_report_file_and_line(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *where;
	} cases[] = {
		{"item \"a\" {\n\ttitle = \"A\"\n\tcolour = \"red\"\n}\n",
		 ":3: unknown option 'colour'"},
		{"item \"a\" {\n\ttitle = \"A\"\n}\nitem \"b\" {\n\ttitle = \"B\"\n\tstart = \"25:00\"\n}\n",
		 ":6: item 'b': start '25:00' is not a time"},
		{"item a {\n  title = A\n  start = 11:00\n  end = 10:30\n}\n",
		 ":4: item 'a': end 10:30 is not after start 11:00"},
		{"item a {\n title = A\n item x { title = X }\n}\n# x\nitem b {\n title = B\n"
		 " item x { title = \"X again\" }\n}\n",
		 ":8: item 'x': code 'x' is already used at line 3"},
		{"item a {\n title = A\n}\nitem a {\n title = B\n}\n", ":4: found duplicate title 'a'"},
		{"/* kinds */\nitem a {\n title = A\n kind = \"banquet\"\n}\n",
		 ":4: item 'a': unknown kind 'banquet'"},
		{"item a {\n description = \"no title\"\n}\n", ":1: item 'a': a title is required"},
		{"item \"42\" {\n title = \"Digits\"\n}\n", ":1: item '42': code '42' is only digits"},
		{"title = \"M\"\ndate = \"2022-02-30\"\nitem a { title = A }\n",
		 ":2: date '2022-02-30' is not a date"},
		{"title = \"Only a meeting\"\n", ": no agenda items"},
		{"item a {\n title = A\n item b {\n  title = B\n  item c {\n   title = C\n"
		 "   item d {\n    title = D\n    item e { title = E }\n   }\n  }\n }\n}\n",
		 ":9: unknown option 'item'"},
		/* Lines count right after comment lines (libconfuse alone runs ahead). */
		{"# one\n# two\n# three\nitem a {\n title = A\n colour = red\n}\n",
		 ":6: unknown option 'colour'"},
		{"item a {\n title = A\n\nitem b { title = B }\n", ":1: '{' is never closed"},
		{"item a {\n title = \"A\\0B\"\n}\n", ":2: an escape that makes a NUL byte"},
		{"item a {\n title = \"A\\x1b[2J\"\n}\n",
		 ":2: item 'a': title: a control character U+001B (byte 2)"},
		{"item a {\n title = \"A\"\n moderator = \"\xff\"\n}\n", ":3: invalid UTF-8 (byte 15)"},
		{"item a {\n title = \"A\x07\"\n}\n", ":2: a control character U+0007 (byte 12)"},
		{"item a {\n title = ${HOME}\n}\n", ":2: '${' outside quotes"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rs_db *db = tu_new_db();
		expect_rejected(db, cases[i].text, &cases[i].where, 1);
		rs_db_close(db);
	}
}

static void code_already_in_database_and_every_error_reported(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	add(db, "thematic-1", "Existing", 0);
	static const char *const wants[] = {
		":2: item 'thematic-1': code 'thematic-1' is already item 1",
		":7: item 'late': end '24:00'",
	};
	/* The good first item is rolled back with the rest. */
	expect_rejected(db,
			"item good { title = Good }\n"
			"item \"thematic-1\" {\n title = \"T\"\n}\n"
			"item late {\n title = Late\n end = \"24:00\"\n}\n",
			wants, 2);
	assert_non_null(strstr(rs_error(), "2 errors; nothing imported"));
	rs_db_close(db);
}

static void missing_file_is_reported(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	rs_agenda_import_stats st = {.items = -1};
	assert_int_equal(rs_import_agenda(db, "/nonexistent/programme.conf", NULL, &st),
			 RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "/nonexistent/programme.conf: cannot read"));
	assert_int_equal(st.items, 0);
	rs_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_is_depth_first_by_position),
		cmocka_unit_test(add_stores_every_field_in_one_action),
		cmocka_unit_test(add_refuses_bad_items),
		cmocka_unit_test(an_item_in_use_does_not_become_a_break),
		cmocka_unit_test(find_by_id_or_code),
		cmocka_unit_test(json_in_programme_order),
		cmocka_unit_test(bundled_programme_imports),
		cmocka_unit_test(bundled_programme_meeting),
		cmocka_unit_test(import_queues_form_requests),
		cmocka_unit_test(bad_programmes_report_file_and_line),
		cmocka_unit_test(code_already_in_database_and_every_error_reported),
		cmocka_unit_test(missing_file_is_reported),
	};
	return cmocka_run_group_tests_name("agenda", tests, NULL, NULL);
}
