/* Creating, opening and migrating database files. */
#include "testutil.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "rostrum/agenda.h"
#include "rostrum/balance.h"
#include "rostrum/db.h"
#include "rostrum/export.h"
#include "rostrum/meeting.h"
#include "rostrum/outcome.h"
#include "rostrum/queue.h"

static int64_t scalar(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* The text of sql's first column, a static copy ("" for none). */
static const char *text_of(const char *path, const char *sql)
{
	static char buf[256];
	sqlite3 *h;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	const unsigned char *t = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
	snprintf(buf, sizeof buf, "%s", t ? (const char *)t : "");
	sqlite3_finalize(st);
	sqlite3_close(h);
	return buf;
}

static void run_sql(const char *path, const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	char *err = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_close(h);
}

/* Whether sql runs without error. */
static int sql_ok(const char *path, const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	int ok = sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_close(h);
	return ok;
}

/* What the database file itself holds, without its write-ahead log: the
 * file copied alone, then read. */
static int64_t in_file_alone(const char *path, const char *sql)
{
	char *copy = strdup(tu_path("alone.db"));
	FILE *in = fopen(path, "rb"), *out = fopen(copy, "wb");
	assert_non_null(in);
	assert_non_null(out);
	char buf[65536];
	size_t k;
	while ((k = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, k, out), k);
	fclose(in);
	fclose(out);
	int64_t v = scalar(copy, sql);
	rs_db_remove(copy);
	free(copy);
	return v;
}

/* An action pays for its own commit, not for copying the log of those
 * before it back into the file: that waits for an idle moment. */
static void the_log_is_copied_back_when_idle(void **state)
{
	(void)state;
	rs_db *db;
	char *path = strdup(tu_path("idle.db"));
	assert_int_equal(rs_db_create(path, &db), RS_OK);
	int64_t before = in_file_alone(path, "SELECT count(*) FROM agenda_item");
	for (int i = 0; i < 300; i++) {
		char title[32];
		snprintf(title, sizeof title, "Item %d", i);
		rs_agenda_new in = {.title = title};
		int64_t id;
		assert_int_equal(rs_agenda_add(db, &in, &id), RS_OK);
	}
	/* Committed: another connection sees all; the file alone, none. */
	assert_int_equal(scalar(path, "SELECT count(*) FROM agenda_item"), before + 300);
	assert_int_equal(in_file_alone(path, "SELECT count(*) FROM agenda_item"), before);
	rs_db_idle(db);
	assert_int_equal(in_file_alone(path, "SELECT count(*) FROM agenda_item"), before + 300);
	rs_db_close(db);
	free(path);
}

static void new_file_is_private_wal_and_current(void **state)
{
	(void)state;
	rs_db *db;
	char *path = strdup(tu_path("new.db"));
	assert_int_equal(rs_db_create(path, &db), RS_OK);
	assert_int_equal(rs_db_schema_version(db), RS_SCHEMA_VERSION);
	rs_db_close(db);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(scalar(path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
	/* Never overwrites. */
	assert_int_equal(rs_db_create(path, &db), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "already exists"));
	free(path);
}

static void opening_a_missing_file_creates_nothing(void **state)
{
	(void)state;
	rs_db *db;
	char *path = strdup(tu_path("missing.db"));
	assert_int_equal(rs_db_open(path, &db), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "no such database"));
	struct stat sb;
	assert_int_not_equal(stat(path, &sb), 0);
	free(path);
}

/* Every older schema migrates to the current one, keeping its data. */
static void migrates_from_every_older_version(void **state)
{
	(void)state;
	for (int v = 1; v < RS_SCHEMA_VERSION; v++) {
		rs_db *db;
		char *path = strdup(tu_path("old.db"));
		assert_int_equal(rs_db_create_at(path, v, &db), RS_OK);
		assert_int_equal(rs_db_schema_version(db), v);
		rs_db_close(db);
		run_sql(path, "BEGIN; INSERT INTO event(at, user, action) VALUES (0, 't', 'setup');"
			      " INSERT INTO stakeholder(name, sector) VALUES ('António Vitorino', 'un_system');"
			      " UPDATE event SET open = 0; COMMIT;");
		/* From v7 the search reads the folded name, which rostrum writes
		 * with the row (v7 itself folds the rows it finds). */
		if (v >= 7)
			run_sql(path, "BEGIN; INSERT INTO event(at, user, action) VALUES (0, 't', 'fold');"
				      " UPDATE stakeholder SET fold = 'antonio vitorino';"
				      " UPDATE event SET open = 0; COMMIT;");
		assert_int_equal(rs_db_open(path, &db), RS_OK);
		assert_int_equal(rs_db_schema_version(db), RS_SCHEMA_VERSION);
		rs_db_close(db);
		assert_int_equal(scalar(path, "SELECT count(*) FROM stakeholder"), 1);
		/* v2's search index covers rows written before it existed. */
		assert_int_equal(scalar(path, "SELECT count(*) FROM stakeholder_fts"
					      " WHERE stakeholder_fts MATCH 'antonio'"),
				 1);
		/* v3's columns, and the journal records the new ones. */
		assert_int_equal(scalar(path, "SELECT count(*) FROM pragma_table_info('event')"
					      " WHERE name IN ('session', 'undone_by')"),
				 2);
		assert_int_equal(scalar(path, "SELECT count(*) FROM pragma_table_info('meeting')"
					      " WHERE name = 'current_item_id'"),
				 1);
		run_sql(path, "BEGIN; INSERT INTO event(at, user, action) VALUES (0, 't', 'later');"
			      " INSERT INTO meeting(id, title, created_at) VALUES (1, 'M', 0);"
			      " INSERT INTO agenda_item(position, title) VALUES (1, 'Opening');"
			      " INSERT INTO queue_entry(item_id, stakeholder_id, kind, requested_at,"
			      "  state_changed_at, manual_rank) VALUES (1, 1, 'floor', 0, 0, 4);"
			      " UPDATE meeting SET current_item_id = 1;"
			      " UPDATE event SET open = 0; COMMIT;");
		assert_int_equal(scalar(path, "SELECT new ->> 'manual_rank' FROM change"
					      " WHERE tbl = 'queue_entry' AND op = 'insert'"),
				 4);
		assert_int_equal(scalar(path, "SELECT new ->> 'current_item_id' FROM change"
					      " WHERE tbl = 'meeting' AND op = 'update'"),
				 1);
		assert_int_equal(scalar(path, "SELECT count(*) FROM sqlite_schema"
					      " WHERE type = 'trigger' AND name LIKE 'journal_%'"),
				 45);
		/* v16's triggers: the journal finds the open event as the last
		 * one, so a write outside an action is still refused; the
		 * tallies count through the table of dimensions. */
		assert_false(sql_ok(path, "INSERT INTO stakeholder(name, sector)"
					  " VALUES ('Nobody', 'un_system')"));
		run_sql(path, "BEGIN; INSERT INTO event(at, user, action) VALUES (0, 't', 'walk-in');"
			      " INSERT INTO stakeholder(name, sector) VALUES ('Ana Ruiz', 'un_system'),"
			      "  ('Ben Okafor', 'academia');"
			      " UPDATE event SET open = 0; COMMIT;");
		/* v21's: the stakeholders alone, the UN system counted apart. */
		assert_int_equal(scalar(path, "SELECT coalesce(sum(registered), 0) FROM roster_tally"
					      " WHERE dim = 'sector' AND value = 'un_system'"),
				 0);
		assert_int_equal(scalar(path, "SELECT registered FROM roster_tally"
					      " WHERE dim = 'sector' AND value = 'academia'"),
				 1);
		free(path);
	}
}

/* A new file `name` at schema `version`, closed; the path is the
 * caller's to free. */
static char *file_at(const char *name, int version)
{
	rs_db *db;
	char *path = strdup(tu_path(name));
	assert_int_equal(rs_db_create_at(path, version, &db), RS_OK);
	rs_db_close(db);
	return path;
}

/* v8 remakes `outcome` (a response type, and what it answers): the rows
 * that refer to outcomes survive it, and the journal still records them. */
static void outcomes_survive_v8(void **state)
{
	(void)state;
	rs_db *db;
	char *path = file_at("v7.db", 7);
	run_sql(path, "BEGIN; INSERT INTO event(at, user, action) VALUES (0, 't', 'setup');"
		      " INSERT INTO stakeholder(id, name, sector) VALUES (1, 'Ana', 'migrant');"
		      " INSERT INTO agenda_item(id, position, title) VALUES (1, 1, 'Opening');"
		      " INSERT INTO outcome(id, item_id, type, text, created_at)"
		      "  VALUES (7, 1, 'pledge', 'Fund it', 0);"
		      " INSERT INTO outcome_party VALUES (7, 1); INSERT INTO outcome_gcm VALUES (7, 5);"
		      " UPDATE event SET open = 0; COMMIT;");
	assert_int_equal(rs_db_open(path, &db), RS_OK);
	rs_db_close(db);
	assert_int_equal(scalar(path, "SELECT count(*) FROM outcome_party WHERE outcome_id = 7"), 1);
	assert_int_equal(scalar(path, "SELECT count(*) FROM outcome_gcm WHERE outcome_id = 7"), 1);
	assert_int_equal(scalar(path, "SELECT count(*) FROM pragma_foreign_key_list('outcome_party')"
				      " WHERE \"table\" = 'outcome'"),
			 1);
	run_sql(path, "BEGIN; INSERT INTO event(at, user, action) VALUES (0, 't', 'answer');"
		      " INSERT INTO outcome(id, item_id, type, text, created_at, responds_to)"
		      "  VALUES (8, 1, 'response', 'Agreed', 0, 7);"
		      " INSERT INTO outcome_theme VALUES (7, 'Process');"
		      " UPDATE event SET open = 0; COMMIT;");
	assert_int_equal(scalar(path, "SELECT new ->> 'responds_to' FROM change"
				      " WHERE tbl = 'outcome' AND op = 'insert' AND row_id = 8"),
			 7);
	assert_int_equal(scalar(path, "SELECT count(*) FROM change WHERE tbl = 'outcome_theme'"), 1);
	free(path);
}

/* v19 keeps each speech's allotted time from its call: a speech begun in a
 * v18 file keeps the time it showed (the item's own 2:00), when the item's
 * time changes after the upgrade; those waiting take the new time, and the
 * journal records the column. */
static void speeches_keep_their_time_through_v19(void **state)
{
	(void)state;
	rs_db *db;
	char *path = file_at("v18.db", 18);
	static const char speeches[] =
		"INSERT INTO meeting(id, title, created_at) VALUES (1, 'M', 0);"
		"INSERT OR REPLACE INTO speaking_time(kind, seconds) VALUES ('floor', 180);"
		"INSERT INTO stakeholder(id, name, sector) VALUES (1, 'Ana', 'migrant'),"
		" (2, 'Ben', 'academia'), (3, 'Chen', 'media');"
		"INSERT INTO agenda_item(id, position, title) VALUES (1, 1, 'Opening');"
		"INSERT INTO item_speaking_time VALUES (1, 'floor', 120);"
		"INSERT INTO queue_entry(id, item_id, stakeholder_id, kind, state, requested_at,"
		" state_changed_at, started_at, ended_at) VALUES"
		" (1, 1, 1, 'floor', 'spoken', 0, 50, 0, 50),"
		" (2, 1, 2, 'floor', 'speaking', 1, 50, 50, NULL),"
		" (3, 1, 3, 'floor', 'waiting', 2, 2, NULL, NULL);";
	char *sql = sqlite3_mprintf("BEGIN; INSERT INTO event(at, user, action)"
				    " VALUES (0, 't', 'setup'); %s UPDATE event SET open = 0; COMMIT;",
				    speeches);
	run_sql(path, sql);
	sqlite3_free(sql);
	assert_int_equal(rs_db_open(path, &db), RS_OK);
	assert_int_equal(rs_pacing_set(db, 1, "floor", 60), RS_OK);
	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(db, 1, &v, &n), RS_OK);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rs_queue_entry_allotted(&v[i]), v[i].id == 3 ? 60 : 120);
	rs_queue_list_free(v, n);
	assert_int_equal(rs_queue_floor(db, RS_FLOOR_NEXT, 1, 2, NULL), RS_OK);
	rs_db_close(db);
	assert_int_equal(scalar(path, "SELECT allotted FROM queue_entry WHERE id = 2"), 120);
	assert_int_equal(scalar(path, "SELECT new ->> 'allotted' FROM change"
				      " WHERE tbl = 'queue_entry' AND row_id = 3 AND new ->> 'state' = 'speaking'"),
			 60);
	free(path);
}

/* v20 folds the search keys again: a given name written unspaced ("小龍"
 * of "李小龍") and Greek without its accents are found in a roster made
 * before, and the migration journals nothing (it is no one's action). */
static void unspaced_names_are_found_after_v20(void **state)
{
	(void)state;
	rs_db *db;
	char *path = file_at("v19.db", 19);
	run_sql(path, "BEGIN; INSERT INTO event(at, user, action) VALUES (0, 't', 'setup');"
		      " INSERT INTO stakeholder(id, name, sector, fold, sort_key) VALUES"
		      "  (1, '李小龍', 'media', '李小龍', '李小龍'),"
		      "  (2, 'Ελένη Παπαδοπούλου', 'academia', 'Ελένη Παπαδοπούλου', 'Ελένη Παπαδοπούλου');"
		      " UPDATE event SET open = 0; COMMIT;");
	int64_t changes = scalar(path, "SELECT count(*) FROM change");
	assert_int_equal(rs_db_open(path, &db), RS_OK);
	const char *found[][2] = {{"小龍", "1"}, {"李", "1"}, {"ελενη", "1"}, {"παπαδοπ", "1"}};
	for (size_t i = 0; i < sizeof found / sizeof found[0]; i++) {
		int64_t n = -1;
		assert_int_equal(rs_stakeholder_count_matching(db, found[i][0], &n), RS_OK);
		assert_int_equal(n, atoi(found[i][1]));
	}
	rs_db_close(db);
	assert_int_equal(scalar(path, "SELECT count(*) FROM change"), changes);
	assert_int_equal(scalar(path, "SELECT fold LIKE '李 小 龍 %' FROM stakeholder WHERE id = 1"), 1);
	free(path);
}

/* Opens (migrates) the file at path: each of the n texts typed finds one
 * person, and the migration journals nothing (it is no one's action). */
static void each_found_once_opened(const char *path, const char *const *typed, size_t n)
{
	rs_db *db;
	int64_t changes = scalar(path, "SELECT count(*) FROM change");
	assert_int_equal(rs_db_open(path, &db), RS_OK);
	for (size_t i = 0; i < n; i++) {
		int64_t found = -1;
		assert_int_equal(rs_stakeholder_count_matching(db, typed[i], &found), RS_OK);
		if (found != 1)
			fail_msg("'%s' found %lld", typed[i], (long long)found);
	}
	rs_db_close(db);
	assert_int_equal(scalar(path, "SELECT count(*) FROM change"), changes);
}

/* v23 folds the search keys with the names as they are also typed: a file
 * of v22 finds O'Neill by "oneill", Al-Masri by "almasri", Ó Briain by
 * "obriain" once opened, and the migration journals nothing. */
static void joined_names_are_found_after_v23(void **state)
{
	(void)state;
	char *path = file_at("v22.db", 22);
	run_sql(path, "BEGIN; INSERT INTO event(at, user, action) VALUES (0, 't', 'setup');"
		      " INSERT INTO stakeholder(id, name, sector, fold, sort_key) VALUES"
		      "  (1, 'Aoife O''Neill', 'youth', 'aoife o''neill', 'aoife o''neill'),"
		      "  (2, 'Karim Al-Masri', 'youth', 'karim al-masri', 'karim al-masri'),"
		      "  (3, 'Jonas Ó Briain', 'youth', 'jonas o briain', 'jonas o briain');"
		      " UPDATE event SET open = 0; COMMIT;");
	const char *typed[] = {"oneill", "almasri", "obriain", "o'neill", "al masri"};
	each_found_once_opened(path, typed, sizeof typed / sizeof typed[0]);
	free(path);
}

/* v27 folds the search keys with each sector's label: a file of v26
 * finds the Red Cross's delegate by "crescent" and a trade unionist by
 * "trade unions" once opened, still by the code, and the migration
 * journals nothing. */
static void sectors_are_found_by_their_labels_after_v27(void **state)
{
	(void)state;
	char *path = file_at("v26.db", 26);
	run_sql(path, "BEGIN; INSERT INTO event(at, user, action) VALUES (0, 't', 'setup');"
		      " INSERT INTO stakeholder(id, name, sector, fold, sort_key) VALUES"
		      "  (1, 'Karim Nasser', 'red_cross', 'karim nasser red_cross', 'karim nasser'),"
		      "  (2, 'Tomas Lind', 'trade_union', 'tomas lind trade_union', 'tomas lind');"
		      " UPDATE event SET open = 0; COMMIT;");
	const char *typed[] = {"crescent", "red cross movement", "trade unions", "red_cross",
			       "karim"};
	each_found_once_opened(path, typed, sizeof typed / sizeof typed[0]);
	assert_int_equal(scalar(path, "PRAGMA user_version"), 27);
	free(path);
}

/* v25 tells a language someone said from the speaker's first one the entry
 * took when the speech started: in a file of v24, the entry added with
 * Arabic and the one queue.set gave English are recorded; the one whose
 * French came from the registration is not, nor the one whose Russian was
 * set and undone before it took French from the registration.  The
 * migration journals nothing; the journal records the column after it. */
static void said_languages_are_told_apart_after_v25(void **state)
{
	(void)state;
	rs_db *db;
	char *path = file_at("v24.db", 24);
#define EVENT(action, sql)                                                     \
	"BEGIN; INSERT INTO event(at, user, action) VALUES (0, 't', '" action "'); " sql \
	" UPDATE event SET open = 0; COMMIT;"
	run_sql(path,
		EVENT("setup", "INSERT INTO meeting(id, title, created_at) VALUES (1, 'M', 0);"
			       " INSERT INTO stakeholder(id, name, sector, languages)"
			       "  VALUES (1, 'Amina', 'migrant', 'fr;en');"
			       " INSERT INTO agenda_item(id, position, title) VALUES (1, 1, 'Floor');")
		EVENT("queue.add", "INSERT INTO queue_entry(id, item_id, stakeholder_id, kind,"
				   " requested_at, state_changed_at, language) VALUES"
				   " (1, 1, 1, 'floor', 0, 0, 'ar'), (2, 1, 1, 'floor', 0, 0, NULL),"
				   " (3, 1, 1, 'floor', 0, 0, NULL), (4, 1, 1, 'floor', 0, 0, NULL);")
		EVENT("queue.set", "UPDATE queue_entry SET language = 'en' WHERE id = 3;")
		EVENT("queue.set", "UPDATE queue_entry SET language = 'ru' WHERE id = 4;")
		EVENT("undo", "UPDATE queue_entry SET language = NULL WHERE id = 4;"
			      " UPDATE event SET undone_by = (SELECT max(id) FROM event)"
			      "  WHERE id = (SELECT max(id) FROM event) - 1;")
		EVENT("queue.start", "UPDATE queue_entry SET state = 'spoken', language = 'fr'"
				     " WHERE id IN (2, 4);"));
#undef EVENT
	int64_t changes = scalar(path, "SELECT count(*) FROM change");
	assert_int_equal(rs_db_open(path, &db), RS_OK);
	assert_int_equal(scalar(path, "SELECT count(*) FROM change"), changes);
	static const int recorded[] = {1, 0, 1, 0};
	for (int i = 0; i < 4; i++) {
		char *sql = sqlite3_mprintf("SELECT language_recorded FROM queue_entry WHERE id = %d",
					    i + 1);
		if (scalar(path, sql) != recorded[i])
			fail_msg("entry %d: language_recorded %lld", i + 1, (long long)scalar(path, sql));
		sqlite3_free(sql);
	}
	assert_int_equal(rs_queue_set(db, 2, NULL, "fr"), RS_OK);
	rs_db_close(db);
	assert_int_equal(scalar(path, "SELECT new ->> 'language_recorded' FROM change"
				      " WHERE id = (SELECT max(id) FROM change)"),
			 1);
	free(path);
}

/* v26 keeps an outcome's parties in the order entered, the lead pledger
 * first: a pledge made before it keeps the id order it was shown in, one
 * made after lists its parties as entered, and the journal records where
 * each stands. */
static void parties_keep_their_order_after_v26(void **state)
{
	(void)state;
	rs_db *db;
	char *path = file_at("v25.db", 25);
	run_sql(path, "BEGIN; INSERT INTO event(at, user, action) VALUES (0, 't', 'setup');"
		      " INSERT INTO stakeholder(id, name, sector) VALUES (4, 'Dee', 'migrant'),"
		      "  (5, 'Eve', 'media');"
		      " INSERT INTO agenda_item(id, position, title) VALUES (1, 1, 'Opening');"
		      " INSERT INTO outcome(id, item_id, type, text, created_at)"
		      "  VALUES (7, 1, 'pledge', 'Fund it', 0);"
		      " INSERT INTO outcome_party VALUES (7, 5), (7, 4);"
		      " UPDATE event SET open = 0; COMMIT;");
	assert_int_equal(rs_db_open(path, &db), RS_OK);
	rs_outcome o;
	assert_int_equal(rs_outcome_get(db, 7, &o), RS_OK);
	assert_int_equal(o.n_by, 2);
	assert_true(o.by[0] == 4 && o.by[1] == 5);
	rs_outcome_clear(&o);
	int64_t lead_first[] = {5, 4}, id;
	rs_outcome_new in = {.type = OUT_PLEDGE, .item_id = 1, .text = "Train staff",
			     .by = lead_first, .n_by = 2};
	assert_int_equal(rs_outcome_add(db, &in, &id), RS_OK);
	assert_int_equal(rs_outcome_get(db, id, &o), RS_OK);
	assert_true(o.by[0] == 5 && o.by[1] == 4);
	assert_string_equal(o.by_names[0], "Eve");
	rs_outcome_clear(&o);
	rs_db_close(db);
	assert_int_equal(scalar(path, "SELECT new ->> 'ordinal' FROM change WHERE tbl ="
				      " 'outcome_party' AND new ->> 'outcome_id' = 8"
				      " AND new ->> 'stakeholder_id' = 4"), 1);
	free(path);
}

/* v21 counts the stakeholders alone in the balance's tallies, as the
 * report's balance annex does: a file whose tallies counted everyone (the
 * triggers before v21) has them counted again, a Member State, an
 * organiser (an academic by sector) and the UN system left out; their
 * waiting requests take their role's bucket; a change of role afterwards
 * moves the tallies.  The migration journals nothing. */
static void the_tallies_count_stakeholders_alone_after_v21(void **state)
{
	(void)state;
	rs_db *db;
	char *path = file_at("v20.db", 20);
	run_sql(path, "BEGIN; INSERT INTO event(at, user, action) VALUES (0, 't', 'setup');"
		      " INSERT INTO meeting(id, title, created_at) VALUES (1, 'M', 0);"
		      " INSERT INTO stakeholder(id, name, sector, region, role, present) VALUES"
		      "  (1, 'Ana', 'academia', 'Africa', NULL, 1),"
		      "  (2, 'Ben', 'member_state', 'Africa', NULL, 1),"
		      "  (3, 'Chen', 'academia', 'Africa', 'organiser', 1),"
		      "  (4, 'Dee', 'un_system', 'Europe and North America', NULL, 0);"
		      " INSERT INTO agenda_item(id, position, title) VALUES (1, 1, 'Opening');"
		      " INSERT INTO queue_entry(id, item_id, stakeholder_id, kind, state, requested_at,"
		      "  state_changed_at, started_at, ended_at) VALUES"
		      "  (1, 1, 1, 'floor', 'spoken', 0, 60, 0, 60),"
		      "  (2, 1, 2, 'floor', 'spoken', 1, 160, 60, 160),"
		      "  (3, 1, 3, 'opening', 'spoken', 2, 200, 160, 200),"
		      "  (4, 1, 2, 'floor', 'waiting', 3, 3, NULL, NULL);"
		      " UPDATE event SET open = 0; COMMIT;");
	/* As the triggers before v21 left them: everyone counted, the
	 * Member State's request in a bucket of sector, region and gender. */
	run_sql(path, "DELETE FROM roster_tally; DELETE FROM floor_tally;"
		      " INSERT INTO roster_tally VALUES ('sector', 'academia', 2, 2),"
		      "  ('sector', 'member_state', 1, 1), ('sector', 'un_system', 1, 0),"
		      "  ('region', 'Africa', 3, 3), ('region', 'Europe and North America', 1, 0);"
		      " INSERT INTO floor_tally VALUES (1, 'sector', 'academia', 2, 100),"
		      "  (1, 'sector', 'member_state', 1, 100), (1, 'region', 'Africa', 3, 200);"
		      " BEGIN; INSERT INTO event(at, user, action) VALUES (0, 't', 'old');"
		      " UPDATE queue_entry SET bucket = 'member_state' || char(31) || 'Africa'"
		      "  || char(31) WHERE id = 4;"
		      " UPDATE event SET open = 0; COMMIT;");
	int64_t changes = scalar(path, "SELECT count(*) FROM change");
	assert_int_equal(rs_db_open(path, &db), RS_OK);
	rs_db_close(db);
	assert_int_equal(scalar(path, "SELECT count(*) FROM change"), changes);
	static const char *const want[][2] = {
		{"SELECT registered || '/' || present FROM roster_tally"
		 " WHERE dim = 'sector' AND value = 'academia'", "1/1"},
		{"SELECT registered || '/' || present FROM roster_tally"
		 " WHERE dim = 'region' AND value = 'Africa'", "1/1"},
		{"SELECT count(*) FROM roster_tally WHERE registered <> 0"
		 " AND value IN ('member_state', 'un_system', 'Europe and North America')", "0"},
		{"SELECT count || '/' || seconds FROM floor_tally"
		 " WHERE dim = 'sector' AND value = 'academia'", "1/60"},
		{"SELECT count || '/' || seconds FROM floor_tally"
		 " WHERE dim = 'region' AND value = 'Africa'", "1/60"},
		{"SELECT count(*) FROM floor_tally WHERE value = 'member_state'", "0"},
		{"SELECT bucket FROM queue_entry WHERE id = 4", "member_state"},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_string_equal(text_of(path, want[i][0]), want[i][1]);
	/* The organiser comes as a stakeholder after all: counted, her
	 * opening speech with her. */
	assert_int_equal(rs_db_open(path, &db), RS_OK);
	rs_db_close(db);
	run_sql(path, "BEGIN; INSERT INTO event(at, user, action) VALUES (0, 't', 'role');"
		      " UPDATE stakeholder SET role = NULL WHERE id = 3;"
		      " UPDATE event SET open = 0; COMMIT;");
	assert_string_equal(text_of(path, want[0][0]), "2/2");
	assert_string_equal(text_of(path, want[3][0]), "2/100");
	free(path);
}

static void newer_schema_is_refused(void **state)
{
	(void)state;
	rs_db *db;
	char *path = strdup(tu_path("future.db"));
	assert_int_equal(rs_db_create(path, &db), RS_OK);
	rs_db_close(db);
	run_sql(path, "PRAGMA user_version = 99");
	assert_int_equal(rs_db_open(path, &db), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "schema version 99 is newer"));
	assert_int_equal(scalar(path, "PRAGMA user_version"), 99);
	free(path);
}

static void foreign_files_are_refused(void **state)
{
	(void)state;
	rs_db *db;
	char *path = strdup(tu_path("other.db"));
	run_sql(path, "CREATE TABLE t(x)");
	assert_int_equal(rs_db_open(path, &db), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "not a rostrum database"));
	FILE *f = fopen(path, "w");
	fputs("this is not SQLite at all, just text that is long enough to be a header.....\n", f);
	fclose(f);
	assert_int_equal(rs_db_open(path, &db), RS_ERR_INVALID);
	free(path);
}

static void action_rolls_back_on_failure(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	char *path = strdup(rs_db_path(db));
	assert_int_equal(rs_action_begin(db, "test.fail"), RS_OK);
	assert_int_equal(rs_action_begin(db, "test.nested"), RS_ERR_RUNTIME);
	rs_fail(RS_ERR_INVALID, "the reason");
	assert_int_equal(rs_action_end(db, RS_ERR_INVALID, NULL, 0, NULL), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "the reason");
	assert_int_equal(rs_action_begin(db, "test.ok"), RS_OK);
	assert_int_equal(rs_action_end(db, RS_OK, "thing", 7, "done"), RS_OK);
	rs_db_close(db);
	assert_int_equal(scalar(path, "SELECT count(*) FROM event WHERE action = 'test.fail'"), 0);
	assert_int_equal(scalar(path, "SELECT object_id FROM event WHERE action = 'test.ok'"), 7);
	free(path);
}

static rs_status die_midway(rs_db *db, void *ctx)
{
	(void)db;
	(void)ctx;
	raise(SIGKILL);
	return RS_OK;
}

/* A process killed while it builds a new meeting leaves no file where the
 * meeting would be: init can simply be run again. */
static void a_killed_init_leaves_nothing(void **state)
{
	(void)state;
	char *path = strdup(tu_path("killed.db"));
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		rs_db *db;
		rs_meeting_create_with(path, "Hearing", NULL, NULL, NULL, die_midway, NULL, &db);
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	struct stat sb;
	assert_int_not_equal(stat(path, &sb), 0);
	rs_db *db;
	assert_int_equal(rs_meeting_create(path, "Hearing", NULL, NULL, NULL, &db), RS_OK);
	rs_db_close(db);
	free(path);
}

/* Read-only opens never change the file: not an older schema (refused, as
 * a command that writes upgrades it), not the journal mode. */
static void read_only_opens_never_write(void **state)
{
	(void)state;
	rs_db *db;
	char *path = strdup(tu_path("old.db"));
	assert_int_equal(rs_db_create_at(path, 5, &db), RS_OK);
	rs_db_close(db);
	assert_int_equal(rs_db_open_readonly(path, &db), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "schema version 5 is older"));
	assert_int_equal(scalar(path, "PRAGMA user_version"), 5);
	assert_int_equal(rs_db_open(path, &db), RS_OK);
	rs_db_close(db);
	assert_int_equal(rs_db_open_readonly(path, &db), RS_OK);
	assert_int_equal(rs_action_begin(db, "test.write"), RS_ERR_RUNTIME);
	rs_db_close(db);
	free(path);
}

/* Another connection's write in the middle of an export. */
static rs_db *other_writer;

static rs_status count_twice(rs_db *db, rs_export_format f, const rs_export_opts *o, FILE *out)
{
	rs_status rc = rs_export_speakers(db, f, o, out);
	tu_person(other_writer, "Late Comer", "academia", "late@example.org");
	return rc ? rc : rs_export_summary(db, EXPORT_JSON, o, out);
}

/* A report is one moment of the meeting: what another terminal writes
 * while it is being written is in none of its parts. */
static void an_export_reads_one_snapshot(void **state)
{
	(void)state;
	rs_db *db;
	char *path = strdup(tu_path("snap.db"));
	assert_int_equal(rs_meeting_create(path, "Hearing", NULL, NULL, NULL, &db), RS_OK);
	assert_int_equal(rs_db_open(path, &other_writer), RS_OK);
	char *out = strdup(tu_path("snap.json"));
	assert_int_equal(rs_export_to_path(db, count_twice, EXPORT_JSON, NULL, out), RS_OK);
	FILE *f = fopen(out, "r");
	char buf[8192];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_null(strstr(buf, "Late Comer"));
	rs_db_close(other_writer);
	rs_db_close(db);
	assert_int_equal(scalar(path, "SELECT count(*) FROM stakeholder"), 1);
	free(out);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(new_file_is_private_wal_and_current),
		cmocka_unit_test(opening_a_missing_file_creates_nothing),
		cmocka_unit_test(migrates_from_every_older_version),
		cmocka_unit_test(outcomes_survive_v8),
		cmocka_unit_test(speeches_keep_their_time_through_v19),
		cmocka_unit_test(unspaced_names_are_found_after_v20),
		cmocka_unit_test(the_tallies_count_stakeholders_alone_after_v21),
		cmocka_unit_test(joined_names_are_found_after_v23),
		cmocka_unit_test(said_languages_are_told_apart_after_v25),
		cmocka_unit_test(parties_keep_their_order_after_v26),
		cmocka_unit_test(sectors_are_found_by_their_labels_after_v27),
		cmocka_unit_test(newer_schema_is_refused),
		cmocka_unit_test(foreign_files_are_refused),
		cmocka_unit_test(action_rolls_back_on_failure),
		cmocka_unit_test(a_killed_init_leaves_nothing),
		cmocka_unit_test(read_only_opens_never_write),
		cmocka_unit_test(an_export_reads_one_snapshot),
		cmocka_unit_test(the_log_is_copied_back_when_idle),
	};
	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
