/* Opening, creating and migrating the database; actions and the journal. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* renameat2 */
#endif
#include "store.h"
#include "storage.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "rostrum/clock.h"
#include "rostrum/journal.h"
#include "rostrum/policy.h"
#include "rostrum/refdata.h"
#include "rostrum/text.h"

/* Tables whose every change the journal records.  A trigger per table and
 * operation writes the old and new row as JSON into `change`, against the
 * open event; with no open event event_id is NULL and the NOT NULL
 * constraint refuses the write, so nothing can change unjournalled. */
static const char *const journalled[] = {
	"meeting", "agenda_item", "stakeholder", "queue_entry", "queue_transition",
	"nomination", "outcome", "outcome_party", "outcome_gcm",
	/* and speaking_time, from v6; meeting_link and outcome_theme, from v7;
	 * balance_quota, role_seats and item_speaking_time, from v9 */
};

static const char schema_v1[] =
	"CREATE TABLE meeting("
	" id INTEGER PRIMARY KEY CHECK (id = 1),"
	" title TEXT NOT NULL,"
	" date TEXT,"
	" venue TEXT,"
	" timezone TEXT NOT NULL DEFAULT 'UTC',"
	" policy TEXT NOT NULL DEFAULT 'fifo' CHECK (policy IN ('fifo','first_time','balanced')),"
	" created_at INTEGER NOT NULL);"
	"CREATE TABLE agenda_item("
	" id INTEGER PRIMARY KEY,"
	" parent_id INTEGER REFERENCES agenda_item(id),"
	" position INTEGER NOT NULL,"
	" code TEXT UNIQUE,"
	" title TEXT NOT NULL CHECK (title <> ''),"
	" kind TEXT NOT NULL DEFAULT 'session',"
	" start TEXT, end TEXT,"
	" moderator TEXT,"
	" description TEXT,"
	" started_at INTEGER, ended_at INTEGER);"
	"CREATE INDEX agenda_item_parent ON agenda_item(parent_id, position);"
	"CREATE TABLE stakeholder("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL CHECK (name <> ''),"
	" title TEXT,"
	" organization TEXT,"
	" sector TEXT NOT NULL,"
	" region TEXT,"
	" country TEXT,"
	" gender TEXT,"
	" email TEXT UNIQUE COLLATE NOCASE,"
	" accreditation TEXT NOT NULL DEFAULT 'none',"
	" languages TEXT,"
	" wants_to_speak INTEGER NOT NULL DEFAULT 0,"
	" speak_on TEXT,"
	" registered_at INTEGER,"
	" present INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX stakeholder_name ON stakeholder(name COLLATE NOCASE);"
	"CREATE TABLE queue_entry("
	" id INTEGER PRIMARY KEY,"
	" item_id INTEGER NOT NULL REFERENCES agenda_item(id),"
	" stakeholder_id INTEGER NOT NULL REFERENCES stakeholder(id),"
	" kind TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN"
	"  ('waiting','speaking','paused','spoken','withdrawn','absent')),"
	" requested_at INTEGER NOT NULL,"
	" state_changed_at INTEGER NOT NULL,"
	" started_at INTEGER,"
	" paused_at INTEGER,"
	" paused_seconds INTEGER NOT NULL DEFAULT 0,"
	" ended_at INTEGER,"
	" from_form INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX queue_entry_item ON queue_entry(item_id, state);"
	"CREATE INDEX queue_entry_stakeholder ON queue_entry(stakeholder_id);"
	"CREATE TABLE queue_transition("
	" id INTEGER PRIMARY KEY,"
	" entry_id INTEGER NOT NULL REFERENCES queue_entry(id),"
	" from_state TEXT,"
	" to_state TEXT NOT NULL,"
	" at INTEGER NOT NULL);"
	"CREATE INDEX queue_transition_entry ON queue_transition(entry_id);"
	"CREATE TABLE nomination("
	" id INTEGER PRIMARY KEY,"
	" nominee_id INTEGER NOT NULL REFERENCES stakeholder(id),"
	" nominator_id INTEGER REFERENCES stakeholder(id),"
	" role TEXT NOT NULL DEFAULT 'rapporteur',"
	" statement TEXT,"
	" state TEXT NOT NULL DEFAULT 'nominated' CHECK (state IN"
	"  ('nominated','accepted','declined','selected','not_selected')),"
	" created_at INTEGER NOT NULL);"
	"CREATE UNIQUE INDEX nomination_once ON nomination(nominee_id, coalesce(nominator_id, 0), role);"
	"CREATE TABLE outcome("
	" id INTEGER PRIMARY KEY,"
	" item_id INTEGER NOT NULL REFERENCES agenda_item(id),"
	" type TEXT NOT NULL CHECK (type IN ('note','recommendation','pledge','next_step')),"
	" text TEXT NOT NULL CHECK (text <> ''),"
	" pledge_type TEXT CHECK (pledge_type IN ('policy','resources','partnership')),"
	" created_at INTEGER NOT NULL);"
	"CREATE INDEX outcome_item ON outcome(item_id, type);"
	"CREATE TABLE outcome_party("
	" outcome_id INTEGER NOT NULL REFERENCES outcome(id) ON DELETE CASCADE,"
	" stakeholder_id INTEGER NOT NULL REFERENCES stakeholder(id),"
	" PRIMARY KEY (outcome_id, stakeholder_id));"
	"CREATE TABLE outcome_gcm("
	" outcome_id INTEGER NOT NULL REFERENCES outcome(id) ON DELETE CASCADE,"
	" objective INTEGER NOT NULL CHECK (objective BETWEEN 1 AND 23),"
	" PRIMARY KEY (outcome_id, objective));"
	"CREATE TABLE event("
	" id INTEGER PRIMARY KEY,"
	" at INTEGER NOT NULL,"
	" user TEXT NOT NULL,"
	" action TEXT NOT NULL,"
	" object_type TEXT,"
	" object_id INTEGER,"
	" summary TEXT,"
	" open INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE change("
	" id INTEGER PRIMARY KEY,"
	" event_id INTEGER NOT NULL REFERENCES event(id),"
	" tbl TEXT NOT NULL,"
	" row_id INTEGER NOT NULL,"
	" op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),"
	" old TEXT,"
	" new TEXT);"
	"CREATE INDEX change_event ON change(event_id);";

/* Roster search as you type: FTS5 over the fields people filter by, with
 * diacritics folded so "antonio" finds "António". */
static const char schema_v2[] =
	"CREATE VIRTUAL TABLE stakeholder_fts USING fts5("
	" name, organization, country, region, sector, email,"
	" content='stakeholder', content_rowid='id',"
	" tokenize='unicode61 remove_diacritics 2');"
	"CREATE TRIGGER stakeholder_fts_ai AFTER INSERT ON stakeholder BEGIN"
	" INSERT INTO stakeholder_fts(rowid, name, organization, country, region, sector, email)"
	" VALUES (new.id, new.name, new.organization, new.country, new.region, new.sector, new.email);"
	" END;"
	"CREATE TRIGGER stakeholder_fts_ad AFTER DELETE ON stakeholder BEGIN"
	" INSERT INTO stakeholder_fts(stakeholder_fts, rowid, name, organization, country, region, sector, email)"
	" VALUES ('delete', old.id, old.name, old.organization, old.country, old.region, old.sector, old.email);"
	" END;"
	"CREATE TRIGGER stakeholder_fts_au AFTER UPDATE ON stakeholder BEGIN"
	" INSERT INTO stakeholder_fts(stakeholder_fts, rowid, name, organization, country, region, sector, email)"
	" VALUES ('delete', old.id, old.name, old.organization, old.country, old.region, old.sector, old.email);"
	" INSERT INTO stakeholder_fts(rowid, name, organization, country, region, sector, email)"
	" VALUES (new.id, new.name, new.organization, new.country, new.region, new.sector, new.email);"
	" END;"
	"INSERT INTO stakeholder_fts(stakeholder_fts) VALUES ('rebuild');";

/* A write that waited its whole limit says so, not "database is locked". */
static int gave_up_waiting(rs_db *db)
{
	int code = sqlite3_extended_errcode(db->h) & 0xff;
	if (code != SQLITE_BUSY && code != SQLITE_LOCKED)
		return 0;
	rs_fail(RS_ERR_RUNTIME,
		"%s: another rostrum kept the meeting busy for %d s (the wait limit); nothing "
		"done, try again",
		db->path, db->wait_limit_ms / 1000);
	return 1;
}

rs_status store_fail(rs_db *db, const char *what)
{
	if (gave_up_waiting(db))
		return RS_ERR_RUNTIME;
	return rs_fail(RS_ERR_RUNTIME, "%s: %s: %s", db->path, what, sqlite3_errmsg(db->h));
}

rs_status store_prepare(rs_db *db, sqlite3_stmt **st, const char *sql)
{
	if (sqlite3_prepare_v2(db->h, sql, -1, st, NULL) != SQLITE_OK)
		return store_fail(db, "prepare");
	return RS_OK;
}

rs_status store_cache_set(rs_db *db, int kib, int64_t *was)
{
	char sql[64];
	rs_status rc = store_int_query(db, "PRAGMA cache_size", 0, was);
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", kib);
	return rc ? rc : store_write(db, sql, "page cache", NULL, 0);
}

void store_cache_restore(rs_db *db, int64_t was)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", (long long)was);
	store_write(db, sql, "page cache", NULL, 0);
}

rs_status store_prepare_cached(rs_db *db, sqlite3_stmt **st, const char *sql)
{
	size_t i = 0;
	for (; i < STORE_CACHED_MAX && db->cached[i].sql; i++)
		if (db->cached[i].sql == sql) {
			*st = db->cached[i].st;
			return RS_OK;
		}
	if (i == STORE_CACHED_MAX)
		return rs_fail(RS_ERR_RUNTIME, "%s: too many cached statements", db->path);
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
		return store_fail(db, "prepare");
	db->cached[i].sql = sql;
	db->cached[i].st = *st;
	return RS_OK;
}

/* Finalizes store_prepare_cached's statements (before a close). */
static void finalize_cached(rs_db *db)
{
	for (size_t i = 0; i < STORE_CACHED_MAX && db->cached[i].sql; i++) {
		sqlite3_finalize(db->cached[i].st);
		db->cached[i].sql = NULL;
	}
}

void store_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

rs_status store_prepare_kept(rs_db *db, sqlite3_stmt **st, const char *sql)
{
	size_t i = 0;
	for (; i < STORE_CACHED_MAX && db->cached[i].sql; i++)
		if (db->cached[i].sql == sql) {
			/* In use further up, or a buffer that now says something else. */
			if (sqlite3_stmt_busy(db->cached[i].st) ||
			    strcmp(sqlite3_sql(db->cached[i].st), sql))
				return store_prepare(db, st, sql);
			*st = db->cached[i].st;
			return RS_OK;
		}
	if (i == STORE_CACHED_MAX)
		return store_prepare(db, st, sql);
	return store_prepare_cached(db, st, sql);
}

void store_release(rs_db *db, sqlite3_stmt *st)
{
	for (size_t i = 0; i < STORE_CACHED_MAX && db->cached[i].sql; i++)
		if (db->cached[i].st == st) {
			store_done(st);
			return;
		}
	sqlite3_finalize(st);
}

int store_bind_text(sqlite3_stmt *st, int i, const char *s, int empty_is_null)
{
	if (!s || (empty_is_null && !*s))
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

void *store_room(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	size_t c = *cap ? *cap * 2 : 16;
	void *w = realloc(v, c * size);
	if (w)
		*cap = c;
	return w;
}

char *store_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return strdup(s ? (const char *)s : "");
}

/* A one-row query's first column, as int64 (*num) or copied text (*text,
 * NULL when the row is not there or the column is NULL). */
static rs_status one_value(rs_db *db, const char *sql, int64_t arg, int64_t *num, char **text)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, sql);
	if (rc)
		return rc;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, arg);
	int r = sqlite3_step(st);
	int there = r == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL;
	if (num)
		*num = there ? sqlite3_column_int64(st, 0) : -1;
	if (text && there && !(*text = store_col_dup(st, 0)))
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_fail(db, "query");
	store_release(db, st);
	return rc;
}

rs_status store_int_query(rs_db *db, const char *sql, int64_t arg, int64_t *out)
{
	return one_value(db, sql, arg, out, NULL);
}

rs_status store_text_query(rs_db *db, const char *sql, int64_t arg, char **out)
{
	*out = NULL;
	return one_value(db, sql, arg, NULL, out);
}

rs_status store_write(rs_db *db, const char *sql, const char *what, int *changes, int n, ...)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, sql);
	if (rc)
		return rc;
	va_list ap;
	va_start(ap, n);
	for (int i = 1; i <= n; i++)
		sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
	va_end(ap);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, what);
	else if (changes)
		*changes = sqlite3_changes(db->h);
	store_release(db, st);
	return rc;
}

rs_status store_rows(rs_db *db, sqlite3_stmt *st, size_t size, store_row_cb row, const char *what,
		     void **out, size_t *n)
{
	char *v = NULL;
	size_t len = 0, cap = 0;
	rs_status rc = RS_OK;
	int r;
	while (rc == RS_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? 2 * cap : 16;
			char *nv = realloc(v, cap * size);
			if (!nv) {
				rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
				break;
			}
			v = nv;
		}
		memset(v + len * size, 0, size);
		row(st, v + len++ * size);
	}
	if (rc == RS_OK && r != SQLITE_DONE)
		rc = store_fail(db, what);
	store_release(db, st);
	if (rc) {
		free(v);
		return rc;
	}
	*out = v;
	*n = len;
	return RS_OK;
}

void store_col_copy(sqlite3_stmt *st, int i, char *buf, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	if ((size_t)snprintf(buf, size, "%s", t ? (const char *)t : "") >= size)
		rs_text_mark_cut(buf, size);
}

char *store_col_json(sqlite3_stmt *st, int i)
{
	return rs_json_inert((const char *)sqlite3_column_text(st, i));
}

rs_status store_json_rows(rs_db *db, sqlite3_stmt *st, const char *what, store_json_cb cb,
			  void *ctx)
{
	rs_status rc = RS_OK;
	int r, stop = 0;
	while (!stop && (r = sqlite3_step(st)) == SQLITE_ROW) {
		char *json = store_col_json(st, 0);
		if (!json) {
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
			break;
		}
		stop = cb(json, ctx);
		free(json);
	}
	if (rc == RS_OK && !stop && r != SQLITE_DONE)
		rc = store_fail(db, what);
	store_release(db, st);
	return rc;
}

rs_status store_each_json(rs_db *db, const char *sql, const char *what, store_json_cb cb,
			  void *ctx)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare(db, &st, sql);
	return rc ? rc : store_json_rows(db, st, what, cb, ctx);
}


/* What a connection read inside a transaction rolled back may never have
 * been, and the journal's ids it saw are given again: what it keeps
 * between calls (store_kept_check) is read again after one. */
static void on_rollback(void *ctx)
{
	rs_db *db = ctx;
	db->rollbacks++;
}

static rs_status exec(rs_db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		rs_status rc = gave_up_waiting(db) ? RS_ERR_RUNTIME
						   : rs_fail(RS_ERR_RUNTIME, "%s: %s", db->path,
							     msg ? msg : sqlite3_errmsg(db->h));
		sqlite3_free(msg);
		return rc;
	}
	return RS_OK;
}

/* Builds "json_object('a',P.a,'b',P.b,...)" over a table's columns. */
static char *row_json(rs_db *db, const char *table, const char *prefix)
{
	sqlite3_str *s = sqlite3_str_new(db->h);
	sqlite3_stmt *st;
	if (store_prepare(db, &st, "SELECT name FROM pragma_table_info(?) ORDER BY cid")) {
		sqlite3_free(sqlite3_str_finish(s));
		return NULL;
	}
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_str_appendall(s, "json_object(");
	for (int n = 0; sqlite3_step(st) == SQLITE_ROW; n++) {
		const char *col = (const char *)sqlite3_column_text(st, 0);
		sqlite3_str_appendf(s, "%s%Q,%s.\"%w\"", n ? "," : "", col, prefix, col);
	}
	sqlite3_finalize(st);
	sqlite3_str_appendall(s, ")");
	return sqlite3_str_finish(s);
}

/* The action under way: its event is the last (begun in the action's own
 * transaction) and still open.  A rowid's maximum is a step down the
 * table's tree, where an index of the open events was a page written and
 * cleared again by every action. */
#define SQL_OPEN_EVENT                                                         \
	"(SELECT id FROM event WHERE id = (SELECT max(id) FROM event) AND open)"

/* The three journal triggers of one table, over its columns as they are
 * now: a table that gains a column must have them made again. */
static rs_status create_journal_triggers(rs_db *db, const char *tbl)
{
	static const struct {
		const char *op, *when, *old, *new;
	} ops[] = {
		{"insert", "INSERT", NULL, "NEW"},
		{"update", "UPDATE", "OLD", "NEW"},
		{"delete", "DELETE", "OLD", NULL},
	};
	char *oldj = row_json(db, tbl, "OLD"), *newj = row_json(db, tbl, "NEW");
	rs_status rc = (oldj && newj) ? RS_OK : store_fail(db, "journal triggers");
	for (size_t o = 0; rc == RS_OK && o < 3; o++) {
		char *sql = sqlite3_mprintf(
			"DROP TRIGGER IF EXISTS \"journal_%w_%w\";"
			"CREATE TRIGGER \"journal_%w_%w\" AFTER %s ON \"%w\" BEGIN"
			" INSERT INTO change(event_id, tbl, row_id, op, old, new)"
			" VALUES (" SQL_OPEN_EVENT ", %Q, %s.rowid, %Q, %s, %s);"
			" END;",
			tbl, ops[o].op, tbl, ops[o].op, ops[o].when, tbl, tbl,
			ops[o].new ? ops[o].new : ops[o].old, ops[o].op,
			ops[o].old ? oldj : "NULL", ops[o].new ? newj : "NULL");
		rc = sql ? exec(db, sql) : rs_fail(RS_ERR_RUNTIME, "out of memory");
		sqlite3_free(sql);
	}
	sqlite3_free(oldj);
	sqlite3_free(newj);
	return rc;
}

/* ---- writing many rows in one action ---------------------------------------- */

char *store_journal_inserts_sql(rs_db *db, const char *tbl)
{
	char *newj = row_json(db, tbl, "t");
	char *sql = newj ? sqlite3_mprintf(
		"INSERT INTO change(event_id, tbl, row_id, op, old, new)"
		" SELECT " SQL_OPEN_EVENT ", %Q, t.rowid, 'insert', NULL, %s"
		" FROM \"%w\" t WHERE t.rowid BETWEEN ?1 AND ?2 ORDER BY t.rowid", tbl, newj, tbl)
			 : NULL;
	sqlite3_free(newj);
	if (!sql)
		store_fail(db, "journal");
	return sql;
}

rs_status store_schema_set_aside(rs_db *db, const char *type, const char *name, char **sql)
{
	sqlite3_stmt *st;
	*sql = NULL;
	rs_status rc = store_prepare(db, &st, "SELECT sql FROM sqlite_schema"
					      " WHERE type = ? AND name = ?");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW && !(*sql = store_col_dup(st, 0)))
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	else if (r != SQLITE_ROW)
		rc = r == SQLITE_DONE ? rs_fail(RS_ERR_RUNTIME, "%s: no %s %s", db->path, type, name)
				      : store_fail(db, "schema");
	sqlite3_finalize(st);
	char *drop = rc ? NULL : sqlite3_mprintf("DROP %s \"%w\"", type, name);
	if (rc == RS_OK)
		rc = drop ? exec(db, drop) : rs_fail(RS_ERR_RUNTIME, "out of memory");
	sqlite3_free(drop);
	if (rc) {
		free(*sql);
		*sql = NULL;
	}
	return rc;
}

rs_status store_schema_restore(rs_db *db, char *sql)
{
	rs_status rc = sql ? exec(db, sql) : RS_OK;
	free(sql);
	return rc;
}

static rs_status migrate_1(rs_db *db)
{
	rs_status rc = exec(db, schema_v1);
	for (size_t t = 0; rc == RS_OK && t < sizeof journalled / sizeof journalled[0]; t++)
		rc = create_journal_triggers(db, journalled[t]);
	return rc;
}

static rs_status migrate_2(rs_db *db)
{
	return exec(db, schema_v2);
}

/* The TUI's needs: which terminal did what (undo reverts one's own), the
 * item the meeting is on, and the moderator's own order of the list. */
static const char schema_v3[] =
	"ALTER TABLE event ADD COLUMN session TEXT;"
	"ALTER TABLE event ADD COLUMN undone_by INTEGER REFERENCES event(id);"
	"CREATE INDEX event_session ON event(session, id);"
	"ALTER TABLE meeting ADD COLUMN current_item_id INTEGER REFERENCES agenda_item(id);"
	"ALTER TABLE queue_entry ADD COLUMN manual_rank INTEGER NOT NULL DEFAULT 0;";

static rs_status migrate_3(rs_db *db)
{
	rs_status rc = exec(db, schema_v3);
	if (rc == RS_OK)
		rc = create_journal_triggers(db, "meeting");
	return rc ? rc : create_journal_triggers(db, "queue_entry");
}

/* New ids are chosen past every id the journal has seen (SQL_NEXT_ID);
 * this index keeps that a lookup, not a scan of the whole journal. */
static rs_status migrate_4(rs_db *db)
{
	return exec(db, "CREATE INDEX change_row ON change(tbl, row_id);");
}

/* Every journal trigger looks up the open event; without this index that is
 * a scan of all events, and each action slows as the meeting goes on. */
static rs_status migrate_5(rs_db *db)
{
	return exec(db, "CREATE INDEX event_open ON event(id) WHERE open;");
}

/* The meeting's own settings (one time zone, one speaking time per kind,
 * one warning threshold for every terminal), the programme's speaking order
 * (programme speakers in their order, the slot each fills, replies), and a
 * policy per item. */
static const char schema_v6[] =
	"ALTER TABLE meeting ADD COLUMN warning_seconds INTEGER NOT NULL DEFAULT 30"
	" CHECK (warning_seconds >= 0);"
	"CREATE TABLE speaking_time("
	" kind TEXT PRIMARY KEY,"
	" seconds INTEGER NOT NULL CHECK (seconds > 0));"
	"ALTER TABLE agenda_item ADD COLUMN policy TEXT"
	" CHECK (policy IN ('fifo','first_time','balanced'));"
	"ALTER TABLE queue_entry ADD COLUMN programme_order INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE queue_entry ADD COLUMN slot TEXT;"
	"ALTER TABLE queue_entry ADD COLUMN reply_to INTEGER REFERENCES queue_entry(id);"
	"CREATE INDEX queue_entry_reply ON queue_entry(reply_to) WHERE reply_to IS NOT NULL;"
	"ALTER TABLE stakeholder ADD COLUMN checked_in_at INTEGER;"
	/* Programme speakers queued before this version keep the order they
	 * were added in. */
	"DROP TRIGGER IF EXISTS journal_queue_entry_update;"
	"UPDATE queue_entry SET programme_order = (SELECT count(*) FROM queue_entry p"
	" WHERE p.item_id = queue_entry.item_id AND p.id <= queue_entry.id"
	" AND p.kind IN ('opening','panel','summary','closing'))"
	" WHERE kind IN ('opening','panel','summary','closing');";

/* A meeting made before v6 gets the speaking times this process knows (the
 * defaults, as the config of the terminal that upgrades it set them). */
static rs_status seed_speaking_times(rs_db *db)
{
	sqlite3_stmt *st = NULL;
	rs_status rc = store_prepare(db, &st,
				     "INSERT OR IGNORE INTO speaking_time(kind, seconds) VALUES (?, ?)");
	for (size_t i = 0; rc == RS_OK && i < rs_kind_count(); i++) {
		const rs_kind *k = rs_kind_at(i);
		sqlite3_bind_text(st, 1, k->code, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, k->seconds);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(db, "speaking times");
		sqlite3_reset(st);
	}
	if (st)
		sqlite3_finalize(st);
	return rc;
}

static rs_status migrate_6(rs_db *db)
{
	static const char *const changed[] = {"meeting", "agenda_item", "queue_entry",
					      "stakeholder", "speaking_time"};
	rs_status rc = exec(db, schema_v6);
	if (rc == RS_OK)
		rc = seed_speaking_times(db);
	for (size_t t = 0; rc == RS_OK && t < sizeof changed / sizeof changed[0]; t++)
		rc = create_journal_triggers(db, changed[t]);
	return rc;
}

/* The search's index kept in step with the roster, and filled: made by
 * schema 7 and made again by 12 (with FTS5 options of its own). */
#define SQL_STAKEHOLDER_FTS(options)                                           \
	"CREATE VIRTUAL TABLE stakeholder_fts USING fts5("                     \
	" fold, content='stakeholder', content_rowid='id',"                    \
	" tokenize='unicode61 remove_diacritics 2'" options ");"               \
	"CREATE TRIGGER stakeholder_fts_ai AFTER INSERT ON stakeholder BEGIN"  \
	" INSERT INTO stakeholder_fts(rowid, fold) VALUES (new.id, new.fold);" \
	" END;"                                                                \
	"CREATE TRIGGER stakeholder_fts_ad AFTER DELETE ON stakeholder BEGIN"  \
	" INSERT INTO stakeholder_fts(stakeholder_fts, rowid, fold)"           \
	" VALUES ('delete', old.id, old.fold);"                                \
	" END;"                                                                \
	"CREATE TRIGGER stakeholder_fts_au AFTER UPDATE OF fold ON stakeholder BEGIN" \
	" INSERT INTO stakeholder_fts(stakeholder_fts, rowid, fold)"           \
	" VALUES ('delete', old.id, old.fold);"                                \
	" INSERT INTO stakeholder_fts(rowid, fold) VALUES (new.id, new.fold);" \
	" END;"                                                                \
	"INSERT INTO stakeholder_fts(stakeholder_fts) VALUES ('rebuild');"

#define SQL_DROP_STAKEHOLDER_FTS                                               \
	"DROP TRIGGER IF EXISTS stakeholder_fts_ai;"                           \
	"DROP TRIGGER IF EXISTS stakeholder_fts_ad;"                           \
	"DROP TRIGGER IF EXISTS stakeholder_fts_au;"                           \
	"DROP TABLE IF EXISTS stakeholder_fts;"

/* Roster search and order as people type and expect: every Latin letter
 * folded to what a plain keyboard types (ł, ø and đ too, which FTS5's
 * diacritic folding leaves alone), kept in `fold` (what the search finds)
 * and `sort_key` (the name as the roster sorts it: Élodie before Zoë). */
static const char schema_v7_before[] =
	SQL_DROP_STAKEHOLDER_FTS
	"DROP TRIGGER IF EXISTS journal_stakeholder_update;"
	"ALTER TABLE stakeholder ADD COLUMN fold TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE stakeholder ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';";
static const char schema_v7_after[] =
	"CREATE INDEX stakeholder_sort ON stakeholder(sort_key, id);"
	SQL_STAKEHOLDER_FTS("");

static rs_status migrate_7(rs_db *db)
{
	rs_status rc = exec(db, schema_v7_before);
	if (rc == RS_OK)
		rc = store_stakeholder_refold(db);
	if (rc == RS_OK)
		rc = exec(db, schema_v7_after);
	return rc ? rc : create_journal_triggers(db, "stakeholder");
}

/* The report in the meeting's own words (its host, purpose, context, an
 * introduction, a contact line, the report's title and subtitle, and its
 * links), themes on outcomes, and a response: an outcome that answers
 * another.  SQLite cannot change a CHECK, so `outcome` is made anew and
 * its rows copied (foreign keys are off during migrations, see migrate). */
static const char schema_v8[] =
	"ALTER TABLE meeting ADD COLUMN host TEXT;"
	"ALTER TABLE meeting ADD COLUMN purpose TEXT;"
	"ALTER TABLE meeting ADD COLUMN context TEXT;"
	"ALTER TABLE meeting ADD COLUMN introduction TEXT;"
	"ALTER TABLE meeting ADD COLUMN contact TEXT;"
	"ALTER TABLE meeting ADD COLUMN report_title TEXT;"
	"ALTER TABLE meeting ADD COLUMN report_subtitle TEXT;"
	"CREATE TABLE meeting_link("
	" position INTEGER PRIMARY KEY,"
	" label TEXT,"
	" url TEXT NOT NULL CHECK (url <> ''));"
	"CREATE TABLE outcome_theme("
	" outcome_id INTEGER NOT NULL REFERENCES outcome(id) ON DELETE CASCADE,"
	" theme TEXT NOT NULL CHECK (theme <> ''),"
	" PRIMARY KEY (outcome_id, theme));"
	"CREATE TABLE outcome_new("
	" id INTEGER PRIMARY KEY,"
	" item_id INTEGER NOT NULL REFERENCES agenda_item(id),"
	" type TEXT NOT NULL CHECK (type IN"
	"  ('note','recommendation','pledge','next_step','response')),"
	" text TEXT NOT NULL CHECK (text <> ''),"
	" pledge_type TEXT CHECK (pledge_type IN ('policy','resources','partnership')),"
	" created_at INTEGER NOT NULL,"
	" responds_to INTEGER REFERENCES outcome(id),"
	" CHECK ((type = 'response') = (responds_to IS NOT NULL)));"
	"INSERT INTO outcome_new(id, item_id, type, text, pledge_type, created_at)"
	" SELECT id, item_id, type, text, pledge_type, created_at FROM outcome;"
	"DROP TABLE outcome;"
	"ALTER TABLE outcome_new RENAME TO outcome;"
	"CREATE INDEX outcome_item ON outcome(item_id, type);"
	"CREATE INDEX outcome_response ON outcome(responds_to) WHERE responds_to IS NOT NULL;";

/* A step that runs its SQL, then journals the tables it made or changed
 * (NULL-terminated). */
static rs_status schema_step(rs_db *db, const char *sql, const char *const *changed)
{
	rs_status rc = exec(db, sql);
	for (; rc == RS_OK && *changed; changed++)
		rc = create_journal_triggers(db, *changed);
	return rc;
}

static rs_status migrate_8(rs_db *db)
{
	static const char *const changed[] = {"meeting", "meeting_link", "outcome",
					      "outcome_theme", NULL};
	return schema_step(db, schema_v8, changed);
}

/* A fair floor: how the balance is counted (interventions or speaking
 * time, over the item or the meeting), how far first come may be bent
 * (K places), migrants first, explicit quotas; the seats of a role to fill;
 * a speaking time of an item's own (pacing shortens it for those still
 * waiting). */
static const char schema_v9[] =
	"ALTER TABLE meeting ADD COLUMN balance_basis TEXT NOT NULL DEFAULT 'interventions'"
	" CHECK (balance_basis IN ('interventions','time'));"
	"ALTER TABLE meeting ADD COLUMN balance_scope TEXT NOT NULL DEFAULT 'meeting'"
	" CHECK (balance_scope IN ('item','meeting'));"
	"ALTER TABLE meeting ADD COLUMN max_passed INTEGER NOT NULL DEFAULT 3"
	" CHECK (max_passed >= 0);"
	"ALTER TABLE meeting ADD COLUMN migrants_first INTEGER NOT NULL DEFAULT 1;"
	"CREATE TABLE balance_quota("
	" dim TEXT NOT NULL CHECK (dim IN ('sector','region','gender','country')),"
	" value TEXT NOT NULL,"
	" share REAL NOT NULL CHECK (share > 0 AND share <= 1),"
	" PRIMARY KEY (dim, value));"
	"CREATE TABLE role_seats("
	" role TEXT PRIMARY KEY,"
	" seats INTEGER NOT NULL CHECK (seats > 0));"
	"CREATE TABLE item_speaking_time("
	" item_id INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL,"
	" seconds INTEGER NOT NULL CHECK (seconds > 0),"
	" PRIMARY KEY (item_id, kind));";

static rs_status migrate_9(rs_db *db)
{
	static const char *const changed[] = {"meeting", "balance_quota", "role_seats",
					      "item_speaking_time", NULL};
	return schema_step(db, schema_v9, changed);
}

/* Who fills the seats: the rule that spreads a role's seats (not all from
 * one region, by default) when `nomination select` proposes. */
static const char schema_v10[] =
	"ALTER TABLE meeting ADD COLUMN seat_spread TEXT NOT NULL DEFAULT 'region';";

static rs_status migrate_10(rs_db *db)
{
	static const char *const changed[] = {"meeting", NULL};
	return schema_step(db, schema_v10, changed);
}

/* Who is in the room: how each participant takes part (in the room or
 * online) and in what role (a stakeholder, or a Member State, the UN
 * system, an organiser: counted apart); when an accreditation was decided;
 * each intervention's way of taking part and language (NULL: the
 * speaker's, until the speech starts); whether the floor requires an
 * accreditation.  The speeches given before this version keep their
 * speaker's way and first language. */
static const char schema_v11[] =
	"ALTER TABLE stakeholder ADD COLUMN participation TEXT NOT NULL DEFAULT 'in_room'"
	" CHECK (participation IN ('in_room','online'));"
	"ALTER TABLE stakeholder ADD COLUMN role TEXT"
	" CHECK (role IN ('stakeholder','member_state','un_system','organiser'));"
	"ALTER TABLE stakeholder ADD COLUMN accreditation_at INTEGER;"
	"CREATE INDEX stakeholder_present ON stakeholder(present, sort_key);"
	"ALTER TABLE queue_entry ADD COLUMN participation TEXT"
	" CHECK (participation IN ('in_room','online'));"
	"ALTER TABLE queue_entry ADD COLUMN language TEXT;"
	"ALTER TABLE meeting ADD COLUMN require_accreditation INTEGER NOT NULL DEFAULT 0;"
	"DROP TRIGGER IF EXISTS journal_queue_entry_update;"
	"UPDATE queue_entry SET " SQL_FREEZE_WAY_IF("state IN ('speaking','paused','spoken')") ";";

static rs_status migrate_11(rs_db *db)
{
	static const char *const changed[] = {"stakeholder", "queue_entry", "meeting", NULL};
	return schema_step(db, schema_v11, changed);
}

/* The balance kept as it changes, and entries found in request order, so
 * that deciding who speaks next among 10,000 does
 * not count a roster of 100,000 and every speech of the meeting each time:
 * roster_tally holds, per dimension and value, how many are registered and
 * how many present; floor_tally, per item, how many took the floor (points
 * of order aside) and the seconds of the speeches ended.  Triggers keep
 * them (undo replays its changes through the same tables, so it keeps them
 * too); they are derived, so not journalled. */
/* Entry e (new or old) counts on the floor, and what its speech weighs. */
#define SQL_ON_FLOOR(e) "(" SQL_HEARD_STATE(e) " AND " e ".kind <> 'point_of_order')"
#define SQL_ENDED_SECONDS(e)                                                   \
	"(CASE WHEN " e ".state = 'spoken' AND " e ".started_at IS NOT NULL"  \
	" THEN " SQL_DURATION("coalesce(" e ".ended_at, " e ".started_at) - "   \
			      e ".started_at - " e ".paused_seconds") " ELSE 0 END)"
/* Adds sign x entry e's four groups to floor_tally, if its speaker is
 * counted (SQL_COUNTED: a stakeholder; the other roles are counted apart,
 * in the tallies as in the report). */
#define SQL_FLOOR_ADD(e, sign)                                                 \
	"INSERT INTO floor_tally(item_id, dim, value, count, seconds)"         \
	" SELECT " e ".item_id, d.dim,"                                        \
	" " SQL_DIM_VALUE("s", "coalesce(" e ".participation, s.participation)") ", " sign "," \
	" " sign " * " SQL_ENDED_SECONDS(e) " FROM " SQL_DIMS " d"            \
	" JOIN stakeholder s ON s.id = " e ".stakeholder_id"                  \
	" WHERE " SQL_ON_FLOOR(e) " AND " SQL_COUNTED("s")                     \
	" ON CONFLICT(item_id, dim, value) DO UPDATE SET"                      \
	" count = count + excluded.count, seconds = seconds + excluded.seconds;"
/* An update leaves the entry in the same groups, on the floor or off it
 * as it was: only its speech's seconds can have moved. */
#define SQL_FLOOR_SAME                                                         \
	"old.item_id = new.item_id AND old.stakeholder_id = new.stakeholder_id" \
	" AND old.participation IS new.participation"                          \
	" AND " SQL_ON_FLOOR("old") " = " SQL_ON_FLOOR("new")
/* Adds what the speech's seconds moved by to the entry's groups. */
#define SQL_FLOOR_SECONDS                                                      \
	"INSERT INTO floor_tally(item_id, dim, value, count, seconds)"         \
	" SELECT new.item_id, d.dim,"                                          \
	" " SQL_DIM_VALUE("s", "coalesce(new.participation, s.participation)") ", 0," \
	" " SQL_ENDED_SECONDS("new") " - " SQL_ENDED_SECONDS("old")            \
	" FROM " SQL_DIMS " d JOIN stakeholder s ON s.id = new.stakeholder_id" \
	" WHERE " SQL_COUNTED("s")                                             \
	" ON CONFLICT(item_id, dim, value) DO UPDATE SET"                      \
	" count = count + excluded.count, seconds = seconds + excluded.seconds;"
/* Adds sign x stakeholder p's four groups to roster_tally, if counted. */
#define SQL_ROSTER_ADD(p, sign)                                                \
	"INSERT INTO roster_tally(dim, value, registered, present)"            \
	" SELECT d.dim, " SQL_DIM_VALUE(p, p ".participation") ", " sign ","   \
	" " sign " * (" p ".present <> 0)"                                     \
	" FROM " SQL_DIMS " d WHERE " SQL_COUNTED(p)                           \
	" ON CONFLICT(dim, value) DO UPDATE SET"                               \
	" registered = registered + excluded.registered,"                      \
	" present = present + excluded.present;"
/* Moves stakeholder p's speeches (sign) in floor_tally, per item, if
 * counted. */
#define SQL_FLOOR_PERSON(p, sign)                                              \
	"INSERT INTO floor_tally(item_id, dim, value, count, seconds)"         \
	" SELECT q.item_id, d.dim,"                                            \
	" " SQL_DIM_VALUE(p, "coalesce(q.participation, " p ".participation)") "," \
	" " sign " * count(*),"                                                \
	" " sign " * sum(" SQL_ENDED_SECONDS("q") ") FROM queue_entry q, " SQL_DIMS " d" \
	" WHERE q.stakeholder_id = " p ".id AND " SQL_ON_FLOOR("q")          \
	" AND " SQL_COUNTED(p)                                                 \
	" GROUP BY 1, 2, 3"                                                    \
	" ON CONFLICT(item_id, dim, value) DO UPDATE SET"                      \
	" count = count + excluded.count, seconds = seconds + excluded.seconds;"

/* The dimensions the tallies count, as rows (SQL_DIMS). */
#define SQL_TALLY_DIM_TABLE                                                    \
	"CREATE TABLE IF NOT EXISTS tally_dim(dim TEXT PRIMARY KEY) WITHOUT ROWID;" \
	"INSERT OR IGNORE INTO tally_dim(dim) VALUES ('sector'), ('region'), ('gender')," \
	" ('country'), ('participation');"

/* Trigger `name` made again: dropped if it is there, then created
 * `when` (its event and table), running `body`. */
#define SQL_REMAKE_TRIGGER(name, when, body)                                   \
	"DROP TRIGGER IF EXISTS " name ";"                                     \
	"CREATE TRIGGER " name " " when " BEGIN " body " END;"

/* The triggers that keep the tallies (schema 12, made again in 16, 18
 * and 21).  An update that keeps an entry's groups (a speech begun, paused,
 * ended: most of what the floor does) adds what its seconds moved by, if
 * anything, instead of taking the entry out of its five groups and putting
 * it back: ten rows written where five or none do. */
static const char *const tally_triggers[] = {
	SQL_REMAKE_TRIGGER("roster_tally_insert", "AFTER INSERT ON stakeholder",
			   SQL_ROSTER_ADD("new", "1")),
	SQL_REMAKE_TRIGGER("roster_tally_delete", "AFTER DELETE ON stakeholder",
			   SQL_ROSTER_ADD("old", "-1")),
	SQL_REMAKE_TRIGGER("roster_tally_update",
			   "AFTER UPDATE OF sector, role, region, gender, country, present,"
			   " participation ON stakeholder",
			   SQL_ROSTER_ADD("old", "-1") SQL_ROSTER_ADD("new", "1")),
	SQL_REMAKE_TRIGGER("floor_tally_person",
			   "AFTER UPDATE OF sector, role, region, gender, country, participation"
			   " ON stakeholder",
			   SQL_FLOOR_PERSON("old", "-1") SQL_FLOOR_PERSON("new", "1")),
	SQL_REMAKE_TRIGGER("floor_tally_insert", "AFTER INSERT ON queue_entry",
			   SQL_FLOOR_ADD("new", "1")),
	SQL_REMAKE_TRIGGER("floor_tally_delete", "AFTER DELETE ON queue_entry",
			   SQL_FLOOR_ADD("old", "-1")),
	SQL_REMAKE_TRIGGER("floor_tally_update",
			   "AFTER UPDATE OF item_id, stakeholder_id, kind, state, started_at,"
			   " ended_at, paused_seconds, participation ON queue_entry"
			   " WHEN NOT (" SQL_FLOOR_SAME ")",
			   SQL_FLOOR_ADD("old", "-1") SQL_FLOOR_ADD("new", "1")),
	SQL_REMAKE_TRIGGER("floor_tally_seconds",
			   "AFTER UPDATE OF state, started_at, ended_at, paused_seconds"
			   " ON queue_entry WHEN " SQL_FLOOR_SAME " AND " SQL_ON_FLOOR("new")
			   " AND " SQL_ENDED_SECONDS("new") " <> " SQL_ENDED_SECONDS("old"),
			   SQL_FLOOR_SECONDS),
};

/* The tallies counted afresh from the roster and the floor, as their
 * triggers keep them (the stakeholders alone). */
#define SQL_TALLIES_FILL                                                       \
	"INSERT INTO roster_tally(dim, value, registered, present)"            \
	" SELECT d.dim, " SQL_DIM_VALUE("s", "s.participation") ", count(*), sum(s.present <> 0)" \
	" FROM stakeholder s, " SQL_DIMS " d WHERE " SQL_COUNTED("s") " GROUP BY 1, 2;" \
	"INSERT INTO floor_tally(item_id, dim, value, count, seconds)"         \
	" SELECT q.item_id, d.dim, " SQL_DIM_VALUE("s", "coalesce(q.participation, s.participation)") \
	", count(*), sum(" SQL_ENDED_SECONDS("q") ")"                          \
	" FROM queue_entry q JOIN stakeholder s ON s.id = q.stakeholder_id, " SQL_DIMS " d" \
	" WHERE " SQL_ON_FLOOR("q") " AND " SQL_COUNTED("s") " GROUP BY 1, 2, 3;"
/* A waiting entry's bucket follows its speaker's groups and role; only
 * the entries whose bucket moves are written (an edit names every column,
 * and each entry was rewritten as it was, a change of nothing journalled
 * for each). */
#define SQL_BUCKET_PERSON_TRIGGER(cols)                                        \
	"CREATE TRIGGER queue_bucket_person AFTER UPDATE OF " cols " ON stakeholder" \
	" BEGIN UPDATE queue_entry SET bucket = " SQL_BUCKET_OF("new.id")          \
	" WHERE stakeholder_id = new.id AND bucket IS NOT " SQL_BUCKET_OF("new.id") "; END;"

static const char *const schema_v12[] = {
	SQL_TALLY_DIM_TABLE
	"CREATE TABLE roster_tally("
	" dim TEXT NOT NULL, value TEXT NOT NULL,"
	" registered INTEGER NOT NULL, present INTEGER NOT NULL,"
	" PRIMARY KEY (dim, value)) WITHOUT ROWID;"
	"CREATE TABLE floor_tally("
	" item_id INTEGER NOT NULL, dim TEXT NOT NULL, value TEXT NOT NULL,"
	" count INTEGER NOT NULL, seconds INTEGER NOT NULL,"
	" PRIMARY KEY (item_id, dim, value)) WITHOUT ROWID;"
	/* An item's entries in request order: the first come is one seek. */
	"CREATE INDEX queue_entry_order ON queue_entry(item_id, state, requested_at, id);"
	/* Each entry's bucket for the balanced order: its speaker's sector,
	 * region and gender, kept by the triggers below; the first come of
	 * each bucket is then a seek. */
	"ALTER TABLE queue_entry ADD COLUMN bucket TEXT;"
	"UPDATE queue_entry SET bucket = " SQL_BUCKET_OF("queue_entry.stakeholder_id") ";"
	"CREATE INDEX queue_entry_bucket ON queue_entry(item_id, state, bucket, requested_at, id)"
	" WHERE NOT (kind = 'point_of_order' OR manual_rank > 0 OR programme_order > 0"
	" OR reply_to IS NOT NULL);",
	"CREATE TRIGGER queue_bucket_insert AFTER INSERT ON queue_entry WHEN new.bucket IS NULL"
	" BEGIN UPDATE queue_entry SET bucket = " SQL_BUCKET_OF("new.stakeholder_id")
	" WHERE id = new.id; END;",
	SQL_BUCKET_PERSON_TRIGGER("sector, region, gender")
	/* The programme's places on an item: the next one is a seek. */
	"CREATE INDEX queue_entry_programme ON queue_entry(item_id, programme_order)"
	" WHERE programme_order > 0;"
	/* Who holds the floor, anywhere: a few rows. */
	"CREATE INDEX queue_entry_holding ON queue_entry(item_id)"
	" WHERE state IN ('speaking', 'paused');"
	/* The few that go before the floor (store_queue.c's SQL_FRONT). */
	"CREATE INDEX queue_entry_front ON queue_entry(item_id, state) WHERE"
	" (kind = 'point_of_order' OR manual_rank > 0 OR programme_order > 0"
	" OR reply_to IS NOT NULL);",
	SQL_TALLIES_FILL,
};

static rs_status exec_all(rs_db *db, const char *const *sql, size_t n)
{
	rs_status rc = RS_OK;
	for (size_t i = 0; rc == RS_OK && i < n; i++)
		rc = exec(db, sql[i]);
	return rc;
}

static rs_status migrate_12(rs_db *db)
{
	rs_status rc = exec_all(db, schema_v12, sizeof schema_v12 / sizeof schema_v12[0]);
	if (rc == RS_OK)
		rc = exec_all(db, tally_triggers, sizeof tally_triggers / sizeof tally_triggers[0]);
	return rc ? rc : create_journal_triggers(db, "queue_entry");
}

/* The roster at any size (issue 13): one index holds the roster's order
 * and what every view asks (present, participation, accreditation), so a
 * window is found by walking it from a key, never by counting rows from the
 * top; and the search's index keeps the words by their first letter and
 * their first two (FTS5's prefix indexes), so the first letters typed are a
 * read of one list, not a merge of every word that starts with them. */
static const char schema_v13[] =
	"DROP INDEX IF EXISTS stakeholder_sort;"
	"CREATE INDEX stakeholder_roster ON stakeholder(sort_key, id, present, participation,"
	" accreditation);"
	SQL_DROP_STAKEHOLDER_FTS
	SQL_STAKEHOLDER_FTS(", prefix='1 2'");

static rs_status migrate_13(rs_db *db)
{
	return exec(db, schema_v13);
}

/* How often each person has spoken, which every line of a speakers' list
 * shows, counted in the index alone: the index by speaker carries the
 * state, so the count reads no row of the table (a tenth off a list of
 * 10,000 read from a cold cache). */
static const char schema_v14[] =
	"DROP INDEX queue_entry_stakeholder;"
	"CREATE INDEX queue_entry_stakeholder ON queue_entry(stakeholder_id, state);";

static rs_status migrate_14(rs_db *db)
{
	return exec(db, schema_v14);
}

/* The place a balanced list's bound counts (how many floor requests made
 * later were heard already) is read for the few entries the order looks at,
 * each a count in an index of the item's heard floor requests that holds
 * nothing else: no row of the table read (a meeting's later items have
 * thousands heard).  (item_id, state) was the order index's own prefix:
 * gone, a page less written by each change of state.  The buckets' index
 * holds the floor requests waiting, the only ones it is read for: an entry
 * called leaves it, where it moved within it before (a page less again). */
static const char schema_v15[] =
	"DROP INDEX queue_entry_item;"
	"CREATE INDEX queue_entry_heard ON queue_entry(item_id, requested_at, id)"
	" WHERE state IN ('speaking', 'paused', 'spoken') AND NOT " SQL_FRONT("queue_entry") ";"
	"DROP INDEX queue_entry_bucket;"
	"CREATE INDEX queue_entry_bucket ON queue_entry(item_id, bucket, requested_at, id)"
	" WHERE state = 'waiting' AND NOT " SQL_FRONT("queue_entry") ";";

static rs_status migrate_15(rs_db *db)
{
	return exec(db, schema_v15);
}

/* A call to the floor writes the pages it must, not those of a state kept
 * in every index: the item's order holds only the waiting (a call leaves
 * it, where it moved a speech across it twice), the speaker's index only
 * who it is, with the speeches given counted in an index of their own, and
 * the journal finds the open event without an index of it.  The item's
 * index is back for what reads all of an item's entries, and the dealt
 * with (the list's last lines, newest first) have their own, a speech
 * ended one entry added at its end; the tallies'
 * triggers and the index of the heard build no temporary b-tree (SQL_DIMS,
 * SQL_HEARD_STATE): a call built 41 of them.  queue_transition
 * is written no more (a fifth of a call's pages): the journal holds every
 * change of state with its time; meetings before keep their rows.  The
 * search's index keeps no count of each name's words (columnsize=0), which
 * only ranking reads and the roster never ranks: 40% off filling it. */
static const char schema_v16[] =
	"DROP INDEX queue_entry_order;"
	"CREATE INDEX queue_entry_order ON queue_entry(item_id, requested_at, id)"
	" WHERE state = 'waiting';"
	"CREATE INDEX queue_entry_item ON queue_entry(item_id);"
	"CREATE INDEX queue_entry_dealt ON queue_entry(item_id,"
	" coalesce(ended_at, state_changed_at), id) WHERE " SQL_DEALT_STATE("queue_entry") ";"
	"DROP INDEX queue_entry_stakeholder;"
	"CREATE INDEX queue_entry_stakeholder ON queue_entry(stakeholder_id);"
	"CREATE INDEX queue_entry_spoken ON queue_entry(stakeholder_id) WHERE state = 'spoken';"
	"DROP INDEX event_open;"
	"DROP INDEX queue_entry_heard;"
	"CREATE INDEX queue_entry_heard ON queue_entry(item_id, requested_at, id)"
	" WHERE " SQL_HEARD_STATE("queue_entry") " AND NOT " SQL_FRONT("queue_entry") ";"
	SQL_TALLY_DIM_TABLE
	SQL_DROP_STAKEHOLDER_FTS
	SQL_STAKEHOLDER_FTS(", prefix='1 2', columnsize=0");

/* Each journalled table's triggers made again (SQL_OPEN_EVENT), and the
 * tallies' (SQL_DIMS, SQL_ON_FLOOR). */
static rs_status migrate_16(rs_db *db)
{
	enum { MAX_JOURNALLED = 64 };
	char *tables[MAX_JOURNALLED + 1] = {0}; /* NULL-terminated, for schema_step */
	size_t n = 0;
	sqlite3_stmt *st;
	rs_status rc = store_prepare(db, &st, "SELECT tbl_name FROM sqlite_schema"
					      " WHERE type = 'trigger'"
					      " AND name = 'journal_' || tbl_name || '_insert'");
	if (rc)
		return rc;
	while (rc == RS_OK && sqlite3_step(st) == SQLITE_ROW)
		if (n == MAX_JOURNALLED)
			rc = rs_fail(RS_ERR_RUNTIME, "%s: more journalled tables than known", db->path);
		else if (!(tables[n++] = store_col_dup(st, 0)))
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	sqlite3_finalize(st);
	if (rc == RS_OK)
		rc = schema_step(db, schema_v16, (const char *const *)tables);
	if (rc == RS_OK)
		rc = exec_all(db, tally_triggers, sizeof tally_triggers / sizeof tally_triggers[0]);
	for (size_t t = 0; t < n; t++)
		free(tables[t]);
	return rc;
}

/* SQL_NEXT_ID reads the changes that gave or took a row; the index of
 * every change by row (change_row) had each update write to it too, in the
 * middle of the index, where a page split was common: two to four pages of
 * log for each action of the floor. */
static rs_status migrate_17(rs_db *db)
{
	return exec(db, "DROP INDEX IF EXISTS change_row;"
			" CREATE INDEX change_born ON change(tbl, row_id) WHERE " SQL_CHANGE_BORN);
}

/* The tallies' triggers made again: an update that keeps an entry's
 * groups writes only what its seconds moved by (tally_triggers). */
static rs_status migrate_18(rs_db *db)
{
	return exec_all(db, tally_triggers, sizeof tally_triggers / sizeof tally_triggers[0]);
}

/* Each speech's allotted time, kept from its call (SQL_ALLOTTED_ON_CALL):
 * a speaking time changed while someone speaks is for those called after,
 * the speaker's clock does not jump.  The speeches begun before this
 * version keep the time the settings give them now, as they showed it. */
static const char schema_v19[] =
	"ALTER TABLE queue_entry ADD COLUMN allotted INTEGER CHECK (allotted >= 0);"
	"DROP TRIGGER IF EXISTS journal_queue_entry_update;"
	"UPDATE queue_entry SET allotted = " SQL_SETTING_ALLOTTED("queue_entry")
	" WHERE state IN ('speaking', 'paused', 'spoken');";

static rs_status migrate_19(rs_db *db)
{
	static const char *const changed[] = {"queue_entry", NULL};
	return schema_step(db, schema_v19, changed);
}

/* The search keys folded again (rs_text_fold): Greek without its accents,
 * each Chinese, Japanese or Korean character a word, so that a given name
 * written unspaced is found.  The search index follows `fold` (its update
 * trigger); the journal's update trigger is set aside, as in migrate_7: a
 * migration is no one's action. */
static rs_status migrate_20(rs_db *db)
{
	static const char *const changed[] = {"stakeholder", NULL};
	rs_status rc = exec(db, "DROP TRIGGER IF EXISTS journal_stakeholder_update;");
	if (rc == RS_OK)
		rc = store_stakeholder_refold(db);
	return rc ? rc : schema_step(db, "", changed);
}

/* The balance counts the stakeholders alone, as the report's balance
 * annex does (SQL_COUNTED): the tallies' triggers leave out those of the
 * other roles (and follow a change of role), the tallies are counted
 * again, and those waiting in another role have a bucket of their own (the
 * balanced order calls them first come).  Derived, and a migration is no
 * one's action: the journal's update trigger is set aside, as in
 * migrate_19. */
static const char schema_v21[] =
	"DROP TRIGGER queue_bucket_person;"
	SQL_BUCKET_PERSON_TRIGGER("sector, role, region, gender")
	"DROP TRIGGER IF EXISTS journal_queue_entry_update;"
	"UPDATE queue_entry SET bucket = " SQL_BUCKET_OF("queue_entry.stakeholder_id")
	" WHERE stakeholder_id IN (SELECT s.id FROM stakeholder s WHERE NOT " SQL_COUNTED("s") ");"
	"DELETE FROM roster_tally;"
	"DELETE FROM floor_tally;"
	SQL_TALLIES_FILL;

static rs_status migrate_21(rs_db *db)
{
	static const char *const changed[] = {"queue_entry", NULL};
	rs_status rc = exec_all(db, tally_triggers, sizeof tally_triggers / sizeof tally_triggers[0]);
	return rc ? rc : schema_step(db, schema_v21, changed);
}

/* An edit of a person writes only the queue entries whose bucket it moves
 * (SQL_BUCKET_PERSON_TRIGGER): the trigger made again. */
static rs_status migrate_22(rs_db *db)
{
	return exec(db, "DROP TRIGGER queue_bucket_person;"
			SQL_BUCKET_PERSON_TRIGGER("sector, role, region, gender"));
}

/* The search keys folded again, with the names as they are also typed
 * (rs_text_name_joins: "oneill" finds O'Neill, "obriain" Ó Briain), as
 * migrate_20 folded them. */
static rs_status migrate_23(rs_db *db)
{
	return migrate_20(db);
}

/* An item's sittings are read from its row's changes (store_export.c,
 * SQL_SITTINGS): without an index of them each report scanned the whole
 * journal two or three times per item (JSON export at forum scale: 2.0 ->
 * 5.2 s).  And the form's requests on no list (SQL_UNPLACED_FROM) are
 * found by the entries the form made, person by person: on the entries'
 * index of people each was a read of the entry's row as well (Markdown
 * export, +0.5 s).  Both partial, of a few rows: the programme's changes,
 * the entries from the form; the floor's actions write nothing more. */
static rs_status migrate_24(rs_db *db)
{
	return exec(db, "CREATE INDEX change_agenda ON change(row_id, id)"
			" WHERE tbl = 'agenda_item';"
			" CREATE INDEX queue_entry_from_form ON queue_entry(stakeholder_id)"
			" WHERE from_form;");
}

/* A speech's language is a fact where someone said it (queue add
 * --language, queue set --language, L in the Queue pane): language_recorded.
 * Where the entry took its speaker's first language, kept when the speech
 * started (SQL_FREEZE_WAY_IF), it is what the registration said, which the
 * report does not state as said.  The entries before this version are
 * recorded where the journal gives them their language: at their addition,
 * or by queue.set (undone actions left out).  The update of the entries is
 * no one's action: their journal trigger is made again after it. */
static const char schema_v25[] =
	"ALTER TABLE queue_entry ADD COLUMN language_recorded INTEGER NOT NULL DEFAULT 0;"
	"DROP TRIGGER IF EXISTS journal_queue_entry_update;"
	"UPDATE queue_entry SET language_recorded = 1 WHERE language IS NOT NULL AND EXISTS"
	" (SELECT 1 FROM change c JOIN event e ON e.id = c.event_id"
	"  WHERE c.tbl = 'queue_entry' AND c.row_id = queue_entry.id"
	"  AND e.undone_by IS NULL AND e.action <> 'undo'"
	"  AND json_extract(c.new, '$.language') IS NOT NULL"
	"  AND (c.op = 'insert' OR e.action = 'queue.set'));";

static rs_status migrate_25(rs_db *db)
{
	static const char *const changed[] = {"queue_entry", NULL};
	return schema_step(db, schema_v25, changed);
}

/* An outcome's parties keep the order they were entered in (the lead
 * pledger first, SQL_PARTY_ORDER): the lists read them by id.  The rows
 * already there take 0, so they keep the id order they were shown in; the
 * journal records the column. */
static rs_status migrate_26(rs_db *db)
{
	static const char *const changed[] = {"outcome_party", NULL};
	return schema_step(db, "ALTER TABLE outcome_party ADD COLUMN ordinal INTEGER NOT NULL"
			       " DEFAULT 0;", changed);
}

/* The search keys folded again with each person's sector by its label
 * (rs_sector_searched_label: SPEC's words, the same whichever config
 * opens the file), as migrate_20 folded them: "red crescent" or "trade
 * unions" finds a person by what the screens call their sector. */
static rs_status migrate_27(rs_db *db)
{
	return migrate_20(db);
}

/* Ordered: migrations[i] takes the schema from version i to i + 1. */
static rs_status (*const migrations[RS_SCHEMA_VERSION])(rs_db *) = {
	migrate_1,
	migrate_2,
	migrate_3,
	migrate_4,
	migrate_5,
	migrate_6,
	migrate_7,
	migrate_8,
	migrate_9,
	migrate_10,
	migrate_11,
	migrate_12,
	migrate_13,
	migrate_14,
	migrate_15,
	migrate_16,
	migrate_17,
	migrate_18,
	migrate_19,
	migrate_20,
	migrate_21,
	migrate_22,
	migrate_23,
	migrate_24,
	migrate_25,
	migrate_26,
	migrate_27,
};

int rs_db_schema_version(rs_db *db)
{
	int64_t v;
	if (store_int_query(db, "PRAGMA user_version", 0, &v))
		return -1;
	return (int)v;
}

/* A migration that remade a table must leave every reference whole. */
static rs_status check_foreign_keys(rs_db *db)
{
	int64_t bad;
	rs_status rc = store_int_query(db, "SELECT count(*) FROM pragma_foreign_key_check", 0, &bad);
	if (rc == RS_OK && bad > 0)
		rc = rs_fail(RS_ERR_RUNTIME, "%lld rows refer to rows that are gone", (long long)bad);
	return rc;
}

static rs_status migrate_steps(rs_db *db, int target);

/* Foreign keys are off while the schema changes (SQLite's way to remake a
 * table: dropping the old one must not cascade to the rows that refer to
 * it), and checked before each step commits; the pragma is a no-op inside
 * a transaction, hence here. */
static rs_status migrate(rs_db *db, int target)
{
	int v = rs_db_schema_version(db);
	if (v >= target)
		return v < 0 ? RS_ERR_RUNTIME : RS_OK;
	rs_status rc = exec(db, "PRAGMA foreign_keys=OFF");
	if (rc == RS_OK)
		rc = migrate_steps(db, target);
	rs_status on = exec(db, "PRAGMA foreign_keys=ON");
	return rc ? rc : on;
}

/* Each step runs in its own BEGIN IMMEDIATE and re-reads the version inside
 * it, so two processes opening an old file at once migrate it only once. */
static rs_status migrate_steps(rs_db *db, int target)
{
	for (;;) {
		rs_status rc = exec(db, "BEGIN IMMEDIATE");
		if (rc)
			return rc;
		int v = rs_db_schema_version(db);
		if (v < 0 || v >= target) {
			exec(db, "ROLLBACK");
			return v < 0 ? RS_ERR_RUNTIME : RS_OK;
		}
		rc = migrations[v](db);
		if (rc == RS_OK)
			rc = check_foreign_keys(db);
		if (rc == RS_OK) {
			char sql[64];
			snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
			rc = exec(db, sql);
		}
		if (rc == RS_OK)
			rc = exec(db, "COMMIT");
		if (rc) {
			exec(db, "ROLLBACK");
			return rs_fail(RS_ERR_RUNTIME, "%s: migration to schema %d failed: %s",
				       db->path, v + 1, rs_error());
		}
	}
}

/* rs_held_back(programme_order, sector, role, accreditation) in SQL: the
 * accreditation rule of policy.c (rs_policy_held_back), for the reads of a
 * list's head that walk past those it holds back. */
static void sql_held_back(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *role = rs_role_of((const char *)sqlite3_value_text(argv[1]),
				      (const char *)sqlite3_value_text(argv[2]));
	sqlite3_result_int(cx, rs_policy_held_back(sqlite3_value_int(argv[0]), role,
						   (const char *)sqlite3_value_text(argv[3])));
}

/* rs_role_of(sector, role) in SQL: the rule of refdata.c, written once. */
static void sql_role_of(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_text(cx, rs_role_of((const char *)sqlite3_value_text(argv[0]),
					   (const char *)sqlite3_value_text(argv[1])),
			    -1, SQLITE_TRANSIENT);
}

/* rs_iso(t): rs_iso_utc's "YYYY-MM-DDTHH:MM:SSZ" for an integer t from 1970
 * to the year 9999, what strftime('%Y-%m-%dT%H:%M:%SZ', t, 'unixepoch')
 * gives; NULL for anything else (SQL_ISO then asks strftime).  A report
 * writes four per speech: this is the fast way. */
static void sql_iso(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_INTEGER)
		return;
	sqlite3_int64 t = sqlite3_value_int64(argv[0]);
	if (t < 0 || t > 253402300799LL)
		return;
	char buf[32];
	rs_iso_utc(t, buf, sizeof buf);
	sqlite3_result_text(cx, buf, -1, SQLITE_TRANSIENT);
}

int store_define_functions(sqlite3 *h)
{
	/* Innocuous: the tallies' triggers call it (SQL_COUNTED). */
	int r = sqlite3_create_function(h, "rs_role_of", 2,
					SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
					sql_role_of, NULL, NULL);
	if (r == SQLITE_OK)
		r = sqlite3_create_function(h, "rs_held_back", 4,
					    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
					    sql_held_back, NULL, NULL);
	if (r == SQLITE_OK)
		r = sqlite3_create_function(h, "rs_iso", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
					    NULL, sql_iso, NULL, NULL);
	return r;
}

/* ---- waiting for the write lock ------------------------------------------ */

static int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* $ROSTRUM_WAIT in seconds, else RS_DB_WAIT_SECONDS; in milliseconds. */
static int wait_limit_ms(void)
{
	const char *env = getenv("ROSTRUM_WAIT");
	char *end;
	long s = env && *env ? strtol(env, &end, 10) : -1;
	if (s < 0 || s > 3600 || (env && *env && *end))
		s = RS_DB_WAIT_SECONDS;
	return (int)s * 1000;
}

/* The write-ahead log is copied back into the database (a checkpoint:
 * the log's pages written again and synced, a few ms after a hundred
 * actions) when the terminal is idle, not at the end of whichever action
 * made it long, as SQLite's own automatic checkpoint would: an action pays
 * for its own commit only.  Past WAL_MAX_FRAMES (a terminal never idle: a
 * script, an import) the committing connection checkpoints at once. */
enum { WAL_IDLE_FRAMES = 1000, WAL_MAX_FRAMES = 8000 };

static void checkpoint(rs_db *db)
{
	int log = 0, done = 0;
	if (sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done) ==
	    SQLITE_OK)
		db->wal_frames = log > done ? log - done : 0;
}

/* SQLite's wal hook: after each commit, frames is the log's length. */
static int on_wal_commit(void *ctx, sqlite3 *h, const char *name, int frames)
{
	(void)h;
	(void)name;
	rs_db *db = ctx;
	db->wal_frames = frames;
	if (frames >= WAL_MAX_FRAMES)
		checkpoint(db);
	return SQLITE_OK;
}

/* SQLite's busy handler: short sleeps (a waiting writer gets the lock soon
 * after it is free, and others' writes interleave with it) until the
 * limit; the wait hook hears of it on the way. */
static int on_busy(void *p, int count)
{
	rs_db *db = p;
	int64_t now = monotonic_ms();
	if (count == 0)
		db->wait_start_ms = db->wait_told_ms = now;
	int64_t waited = now - db->wait_start_ms;
	if (waited >= db->wait_limit_ms)
		return 0;
	if (db->wait_fn && now - db->wait_told_ms >= 200) {
		db->wait_told_ms = now;
		db->wait_fn(db->wait_ctx, (int)waited);
	}
	int ms = count < 10 ? 1 + count : count < 40 ? 10 : 25;
	struct timespec ts = {0, (long)ms * 1000000L};
	nanosleep(&ts, NULL);
	return 1;
}

progress_state *store_progress(rs_db *db)
{
	return &db->progress;
}

void rs_db_on_wait(rs_db *db, rs_wait_fn fn, void *ctx)
{
	db->wait_fn = fn;
	db->wait_ctx = ctx;
}

/* ---- opening ------------------------------------------------------------ */

/* Checks what path is before SQLite touches it: a regular file that begins
 * as every SQLite database does.  Nothing is written, whatever it is. */
static rs_status check_file(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return errno == ENOENT || errno == ENOTDIR
			       ? rs_fail(RS_ERR_INVALID,
					 "%s: no such database (create it with 'rostrum init')", path)
			       : rs_fail(RS_ERR_RUNTIME, "%s: %s", path, strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return rs_fail(RS_ERR_INVALID, "%s: not a regular file, so not a rostrum database",
			       path);
	if (sb.st_size == 0)
		return rs_fail(RS_ERR_INVALID,
			       "%s: an empty file, not a rostrum database (rostrum init creates one)",
			       path);
	char head[16] = {0};
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return rs_fail(RS_ERR_RUNTIME, "%s: cannot open: %s", path, strerror(errno));
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	if (n != (ssize_t)sizeof head || memcmp(head, "SQLite format 3", 16) != 0)
		return rs_fail(RS_ERR_INVALID, "%s: not a rostrum database (not SQLite)", path);
	return RS_OK;
}

/* A connection with rostrum's settings; none of them writes to the file.
 * `name` is the path errors give (the final one while building). */
static rs_status connect(const char *path, const char *name, int flags, rs_db **out)
{
	rs_db *db = calloc(1, sizeof *db);
	if (!db || !(db->path = strdup(name))) {
		free(db);
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	db->read_only = (flags & SQLITE_OPEN_READONLY) != 0;
	db->wait_limit_ms = wait_limit_ms();
	int r = sqlite3_open_v2(path, &db->h, flags, NULL);
	if (r != SQLITE_OK) {
		rs_status rc = rs_fail(RS_ERR_RUNTIME, "%s: cannot open: %s", name,
				       db->h ? sqlite3_errmsg(db->h) : "out of memory");
		rs_db_close(db);
		return rc;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_handler(db->h, on_busy, db);
	sqlite3_wal_hook(db->h, on_wal_commit, db);
	sqlite3_rollback_hook(db->h, on_rollback, db);
	if (store_heads_attach(db)) {
		rs_db_close(db);
		return RS_ERR_RUNTIME;
	}
	if (store_define_functions(db->h) != SQLITE_OK) {
		rs_status rc = rs_fail(RS_ERR_RUNTIME, "%s: cannot define rostrum's SQL functions: %s",
				       name, sqlite3_errmsg(db->h));
		rs_db_close(db);
		return rc;
	}
	/* Temporary B-trees (GROUP BY, the triggers' subqueries) in memory:
	 * a temporary file for each cost more than the statement.  A page
	 * cache of 8 MiB (SQLite's default is 2): a balanced call at forum
	 * scale reads a row or two for each of some 340 buckets, 4 MiB of
	 * pages, which a smaller cache read again from the file each time (a
	 * quarter of the call).  It fills only as pages are read; exports set
	 * their own (store_export_begin). */
	rs_status rc = exec(db, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"
				" PRAGMA temp_store=MEMORY; PRAGMA journal_size_limit=16777216;"
				" PRAGMA cache_size=-8192;");
	if (rc) {
		rs_db_close(db);
		return rc;
	}
	*out = db;
	return RS_OK;
}

/* Whether the open file is a rostrum database this binary can use: the
 * schema version it records (1 to RS_SCHEMA_VERSION) and the journal's
 * tables.  The first read of a file that is not SQLite fails here. */
static rs_status check_ours(rs_db *db, int *version)
{
	int64_t n = 0;
	rs_status rc = store_int_query(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
				       " AND name IN ('meeting', 'event', 'change')", 0, &n);
	int v = rc ? -1 : rs_db_schema_version(db);
	if (v < 0) {
		int code = sqlite3_extended_errcode(db->h) & 0xff;
		return code == SQLITE_NOTADB ? rs_fail(RS_ERR_INVALID, "%s: not a rostrum database "
								     "(not SQLite)", db->path)
					     : RS_ERR_RUNTIME;
	}
	if (v > RS_SCHEMA_VERSION)
		return rs_fail(RS_ERR_INVALID,
			       "%s: database schema version %d is newer than this rostrum "
			       "(%s) understands (%d); use a newer rostrum",
			       db->path, v, ROSTRUM_VERSION, RS_SCHEMA_VERSION);
	if (v == 0 || n != 3)
		return rs_fail(RS_ERR_INVALID, "%s: not a rostrum database", db->path);
	*version = v;
	return RS_OK;
}

/* How open_existing treats an older schema. */
enum open_mode { OPEN_MIGRATE, OPEN_READ_ONLY, OPEN_AS_BUILT };

static rs_status open_existing(const char *path, enum open_mode mode, rs_db **out)
{
	int read_only = mode == OPEN_READ_ONLY;
	rs_status rc = check_file(path);
	rs_db *db = NULL;
	if (rc == RS_OK)
		rc = connect(path, path, read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, &db);
	if (rc)
		return rc;
	int v = 0;
	rc = check_ours(db, &v);
	if (rc == RS_OK && v < RS_SCHEMA_VERSION && read_only)
		rc = rs_fail(RS_ERR_INVALID,
			     "%s: database schema version %d is older than this rostrum's (%d): a "
			     "read never changes the file; open it once with a command that writes "
			     "(the TUI, or any change) to upgrade it",
			     path, v, RS_SCHEMA_VERSION);
	else if (rc == RS_OK && v < RS_SCHEMA_VERSION && mode == OPEN_MIGRATE)
		rc = migrate(db, RS_SCHEMA_VERSION);
	if (rc == RS_OK && !read_only) {
		/* The -wal and -shm files stay when the last writer closes, so a
		 * reader who cannot write the folder can still open the file. */
		int persist = 1;
		sqlite3_file_control(db->h, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
	}
	if (rc) {
		rs_db_close(db);
		return rc;
	}
	*out = db;
	return RS_OK;
}

rs_status rs_db_open(const char *path, rs_db **out)
{
	return open_existing(path, OPEN_MIGRATE, out);
}

rs_status rs_db_open_readonly(const char *path, rs_db **out)
{
	return open_existing(path, OPEN_READ_ONLY, out);
}

rs_status rs_db_read_begin(rs_db *db)
{
	if (db->reading || !sqlite3_get_autocommit(db->h))
		return RS_OK;
	rs_status rc = exec(db, "BEGIN");
	db->reading = rc == RS_OK;
	return rc;
}

void rs_db_read_end(rs_db *db)
{
	if (!db->reading)
		return;
	db->reading = 0;
	sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
}

/* ---- creating ------------------------------------------------------------ */

/* The temporary file's name beside path ("PATH.init-XXXXXX"); NULL when out
 * of memory. */
static char *temp_name(const char *path)
{
	size_t size = strlen(path) + sizeof ".init-XXXXXX";
	char *tmp = malloc(size);
	if (tmp)
		snprintf(tmp, size, "%s.init-XXXXXX", path);
	return tmp;
}

/* Makes the file at tmp a complete database: schema, then fill, closed
 * (so its write-ahead log is folded in and removed). */
static rs_status build_at(const char *tmp, const char *path, int version, rs_db_fill fill,
			  void *ctx)
{
	rs_db *db = NULL;
	rs_status rc = connect(tmp, path, SQLITE_OPEN_READWRITE, &db);
	if (rc == RS_OK)
		rc = exec(db, "PRAGMA journal_mode=WAL");
	if (rc == RS_OK)
		rc = migrate(db, version);
	if (rc == RS_OK && fill)
		rc = fill(db, ctx);
	if (db)
		finalize_cached(db);
	if (db && sqlite3_close(db->h) != SQLITE_OK && rc == RS_OK)
		rc = rs_fail(RS_ERR_RUNTIME, "%s: cannot close: %s", path, sqlite3_errmsg(db->h));
	if (db) {
		db->h = NULL;
		rs_db_close(db);
	}
	return rc;
}

/* Gives tmp the name path unless path exists: atomic, never replacing. */
static rs_status take_name(const char *tmp, const char *path)
{
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
		return RS_OK;
	if (errno == EEXIST)
		return rs_fail(RS_ERR_INVALID, "%s: already exists; rostrum init never overwrites",
			       path);
	if (errno != EINVAL && errno != ENOSYS)
		return rs_fail(RS_ERR_RUNTIME, "%s: %s", path, strerror(errno));
	/* A file system without RENAME_NOREPLACE: a hard link never replaces. */
	if (link(tmp, path) != 0)
		return rs_fail(errno == EEXIST ? RS_ERR_INVALID : RS_ERR_RUNTIME, "%s: %s", path,
			       errno == EEXIST ? "already exists; rostrum init never overwrites"
					       : strerror(errno));
	unlink(tmp);
	return RS_OK;
}

/* Flushes the rename to disk: the folder's entry is what makes it last. */
static void sync_folder(const char *path)
{
	char *dir = strdup(path);
	char *slash = dir ? strrchr(dir, '/') : NULL;
	int fd = -1;
	if (dir) {
		if (slash)
			*(slash == dir ? slash + 1 : slash) = '\0';
		fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

rs_status rs_db_build(const char *path, int version, rs_db_fill fill, void *ctx, rs_db **out)
{
	struct stat sb;
	if (lstat(path, &sb) == 0)
		return rs_fail(RS_ERR_INVALID, "%s: already exists; rostrum init never overwrites",
			       path);
	char *tmp = temp_name(path);
	if (!tmp)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	int fd = mkstemp(tmp);
	if (fd < 0) {
		rs_status rc = rs_fail(RS_ERR_RUNTIME, "%s: %s", path, strerror(errno));
		free(tmp);
		return rc;
	}
	close(fd);
	rs_status rc = build_at(tmp, path, version, fill, ctx);
	if (rc == RS_OK)
		rc = take_name(tmp, path);
	if (rc)
		rs_db_remove(tmp);
	else
		sync_folder(path);
	free(tmp);
	return rc ? rc : open_existing(path, OPEN_AS_BUILT, out);
}

rs_status rs_db_create_at(const char *path, int version, rs_db **out)
{
	return rs_db_build(path, version, NULL, NULL, out);
}

rs_status rs_db_create(const char *path, rs_db **out)
{
	return rs_db_build(path, RS_SCHEMA_VERSION, NULL, NULL, out);
}

void rs_db_idle(rs_db *db)
{
	if (db && !db->read_only && db->wal_frames >= WAL_IDLE_FRAMES)
		checkpoint(db);
}

void rs_db_close(rs_db *db)
{
	if (!db)
		return;
	rs_db_idle(db);
	store_heads_detach(db);
	store_balance_detach(db);
	finalize_cached(db);
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}

void rs_db_remove(const char *path)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char *p = sqlite3_mprintf("%s%s", path, suffix[i]);
		if (p)
			unlink(p);
		sqlite3_free(p);
	}
}

const char *rs_db_path(const rs_db *db)
{
	return db->path;
}

int rs_db_log_pages(const rs_db *db)
{
	return db->wal_frames;
}

int64_t rs_db_data_version(rs_db *db)
{
	int64_t v;
	return store_int_query(db, "PRAGMA data_version", 0, &v) ? -1 : v;
}

const char *rs_os_user(void)
{
	static char name[64];
	if (!name[0]) {
		struct passwd *pw = getpwuid(geteuid());
		const char *n = pw ? pw->pw_name : getenv("USER");
		snprintf(name, sizeof name, "%s", n && *n ? n : "unknown");
	}
	return name;
}

rs_status rs_action_begin(rs_db *db, const char *action)
{
	if (db->event_id)
		return rs_fail(RS_ERR_RUNTIME, "%s: action '%s' begun inside another", db->path,
			       action);
	db->said[0] = '\0';
	/* Kept prepared, as every statement an action runs (store_write). */
	rs_status rc = store_write(db, "BEGIN IMMEDIATE", "begin", NULL, 0);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	rc = store_prepare_kept(db, &st,
				"INSERT INTO event(at, user, action, session) VALUES (?, ?, ?, ?)");
	if (rc == RS_OK) {
		sqlite3_bind_int64(st, 1, rs_now());
		sqlite3_bind_text(st, 2, rs_os_user(), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, rs_session_id(), -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(db, "journal");
		store_release(db, st);
	}
	if (rc) {
		exec(db, "ROLLBACK");
		return rc;
	}
	db->event_id = sqlite3_last_insert_rowid(db->h);
	return RS_OK;
}

rs_status rs_action_end(rs_db *db, rs_status st_in, const char *object_type,
			int64_t object_id, const char *summary)
{
	rs_status rc = st_in;
	if (rc == RS_OK) {
		sqlite3_stmt *st;
		rc = store_prepare_kept(db, &st,
					"UPDATE event SET object_type = ?, object_id = ?, summary = ?,"
					" open = 0 WHERE id = ?");
		if (rc == RS_OK) {
			store_bind_text(st, 1, object_type, 1);
			if (object_id > 0)
				sqlite3_bind_int64(st, 2, object_id);
			store_bind_text(st, 3, summary, 1);
			sqlite3_bind_int64(st, 4, db->event_id);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = store_fail(db, "journal");
			store_release(db, st);
		}
		if (rc == RS_OK)
			rc = store_write(db, "COMMIT", "commit", NULL, 0);
		if (rc == RS_OK)
			snprintf(db->said, sizeof db->said, "%s", summary ? summary : "");
	}
	if (rc != RS_OK) {
		/* Keep the first failure's message: ROLLBACK's is not the news. */
		char *saved = strdup(rs_error());
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		rs_fail(rc, "%s", saved ? saved : "");
		free(saved);
	}
	db->event_id = 0;
	return rc;
}

const char *rs_action_said(const rs_db *db)
{
	return db->said;
}
