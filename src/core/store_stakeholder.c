/* The stakeholder table: storage steps (storage.h) and the roster queries of
 * stakeholder.h.  Parameters are always bound, never spliced into SQL. */
#include "store.h"
#include "storage.h"
#include "store_json.h"

#include <stdlib.h>
#include <string.h>

#define STAKEHOLDER_COLUMNS                                                    \
	"s.id, s.name, s.title, s.organization, s.sector, s.region, s.country,"  \
	" s.gender, s.email, s.accreditation, s.languages, s.wants_to_speak,"    \
	" s.speak_on, s.registered_at, s.present"

/* Binds the writable fields as ?1-?13 in the order of the insert's columns;
 * "" binds as NULL and a registered_at of 0 or less means none. */
static void bind_fields(sqlite3_stmt *st, const rs_stakeholder *s)
{
	const char *const texts[] = {
		s->name, s->title, s->organization, s->sector, s->region, s->country,
		s->gender, s->email, s->accreditation, s->languages,
	};
	for (int i = 0; i < 10; i++)
		store_bind_text(st, i + 1, texts[i], 1);
	sqlite3_bind_int(st, 11, s->wants_to_speak == 2 ? 2 : s->wants_to_speak ? 1 : 0);
	store_bind_text(st, 12, s->speak_on, 1);
	if (s->registered_at > 0)
		sqlite3_bind_int64(st, 13, s->registered_at);
	else
		sqlite3_bind_null(st, 13);
}

/* Runs an INSERT or UPDATE of stakeholder s (fields bound as ?1-?13, and
 * id as ?14 when given); *changes gets the number of rows written. */
static rs_status write_row(rs_db *db, const char *sql, const rs_stakeholder *s, int64_t id,
			   int *changes)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_cached(db, &st, sql);
	if (rc)
		return rc;
	bind_fields(st, s);
	if (id > 0)
		sqlite3_bind_int64(st, 14, id);
	if (sqlite3_step(st) == SQLITE_DONE)
		*changes = sqlite3_changes(db->h);
	else
		rc = store_fail(db, "write stakeholder");
	store_done(st);
	return rc;
}

rs_status store_stakeholder_insert(rs_db *db, const rs_stakeholder *s, int64_t *id)
{
	int n = 0;
	rs_status rc = write_row(db,
		"INSERT INTO stakeholder(id, name, title, organization, sector, region, country,"
		" gender, email, accreditation, languages, wants_to_speak, speak_on,"
		" registered_at) VALUES (" SQL_NEXT_ID("stakeholder") ", ?1, ?2, ?3, ?4, ?5, ?6,"
		" ?7, ?8, coalesce(?9, 'none'), ?10, ?11, ?12, ?13)", s, 0, &n);
	if (rc == RS_OK)
		*id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

/* The row is written only when a field differs, so that an unchanged
 * stakeholder leaves nothing in the journal. */
rs_status store_stakeholder_update(rs_db *db, const rs_stakeholder *s, int *changed)
{
	int n = 0;
	rs_status rc = write_row(db,
		"UPDATE stakeholder SET name = ?1, title = ?2, organization = ?3, sector = ?4,"
		" region = ?5, country = ?6, gender = ?7, email = ?8,"
		" accreditation = coalesce(?9, 'none'), languages = ?10, wants_to_speak = ?11,"
		" speak_on = ?12, registered_at = ?13"
		" WHERE id = ?14 AND (name IS NOT ?1 OR title IS NOT ?2"
		" OR organization IS NOT ?3 OR sector IS NOT ?4 OR region IS NOT ?5"
		" OR country IS NOT ?6 OR gender IS NOT ?7 OR email IS NOT ?8 COLLATE BINARY"
		" OR accreditation IS NOT coalesce(?9, 'none') OR languages IS NOT ?10"
		" OR wants_to_speak IS NOT ?11 OR speak_on IS NOT ?12"
		" OR registered_at IS NOT ?13)", s, s->id, &n);
	if (rc == RS_OK)
		*changed = n > 0;
	return rc;
}

rs_status store_stakeholder_by_email(rs_db *db, const char *email, int64_t *id)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_cached(db, &st, "SELECT id FROM stakeholder WHERE email = ?");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, email, -1, SQLITE_TRANSIENT);
	int r = sqlite3_step(st);
	*id = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_fail(db, "find stakeholder by email");
	store_done(st);
	return rc;
}

rs_status store_stakeholder_by_name(rs_db *db, const char *name, const char *org, int64_t *id)
{
	/* An organization of "" matches those stored without one. */
	sqlite3_stmt *st;
	rs_status rc = store_prepare_cached(db, &st,
		"SELECT id FROM stakeholder WHERE name = ?1 AND email IS NULL"
		" AND (?2 IS NULL OR coalesce(organization, '') = ?2) ORDER BY id LIMIT 2");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	store_bind_text(st, 2, org, 0);
	*id = 0;
	int r;
	for (int n = 0; (r = sqlite3_step(st)) == SQLITE_ROW; n++)
		*id = n ? -1 : sqlite3_column_int64(st, 0);
	if (r != SQLITE_DONE)
		rc = store_fail(db, "find stakeholder by name");
	store_done(st);
	return rc;
}

rs_status store_stakeholder_named(rs_db *db, const char *name, int64_t *id)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare(db, &st,
				     "SELECT id FROM stakeholder WHERE name = ?1 COLLATE NOCASE"
				     " ORDER BY id LIMIT 2");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	*id = 0;
	int r;
	for (int n = 0; (r = sqlite3_step(st)) == SQLITE_ROW; n++)
		*id = n ? -1 : sqlite3_column_int64(st, 0);
	if (r != SQLITE_DONE)
		rc = store_fail(db, "find stakeholder by name");
	sqlite3_finalize(st);
	return rc;
}

/* A text column, borrowed from the statement ("" for NULL). */
static char *col_text(sqlite3_stmt *st, int i)
{
	static char empty[] = "";
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (char *)t : empty;
}

/* Fills *s from a row of STAKEHOLDER_COLUMNS.  With own, the strings are
 * copies that *s owns (rs_stakeholder_clear); otherwise they are borrowed
 * from the statement until its next step. */
static rs_status row_fill(sqlite3_stmt *st, rs_stakeholder *s, int own)
{
	char **const texts[] = {
		&s->name, &s->title, &s->organization, &s->sector, &s->region, &s->country,
		&s->gender, &s->email, &s->accreditation, &s->languages,
	};
	memset(s, 0, sizeof *s);
	s->id = sqlite3_column_int64(st, 0);
	for (int i = 0; i < 10; i++)
		*texts[i] = own ? store_col_dup(st, i + 1) : col_text(st, i + 1);
	s->wants_to_speak = sqlite3_column_int(st, 11);
	s->speak_on = own ? store_col_dup(st, 12) : col_text(st, 12);
	s->registered_at = sqlite3_column_type(st, 13) == SQLITE_NULL
				   ? -1 : sqlite3_column_int64(st, 13);
	s->present = sqlite3_column_int(st, 14);
	for (int i = 0; own && i < 10; i++)
		if (!*texts[i])
			return rs_fail(RS_ERR_RUNTIME, "out of memory");
	return own && !s->speak_on ? rs_fail(RS_ERR_RUNTIME, "out of memory") : RS_OK;
}

rs_status rs_stakeholder_get(rs_db *db, int64_t id, rs_stakeholder *out)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare(db, &st,
				     "SELECT " STAKEHOLDER_COLUMNS " FROM stakeholder s WHERE s.id = ?");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	memset(out, 0, sizeof *out);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		rc = row_fill(st, out, 1);
		if (rc)
			rs_stakeholder_clear(out);
	} else if (r == SQLITE_DONE) {
		rc = rs_fail(RS_ERR_INVALID, "no stakeholder %lld", (long long)id);
	} else {
		rc = store_fail(db, "read stakeholder");
	}
	sqlite3_finalize(st);
	return rc;
}

rs_status rs_stakeholder_count(rs_db *db, int64_t *n)
{
	return store_int_query(db, "SELECT count(*) FROM stakeholder", 0, n);
}

/* The user's words as an FTS5 query: each word a quoted string (quotes
 * doubled) marked as a prefix, all of them required.  NULL (and *status
 * RS_OK) when there are no words; the result is sqlite3_free's. */
static char *fts_query(rs_db *db, const char *filter, rs_status *status)
{
	sqlite3_str *q = sqlite3_str_new(db->h);
	const char *p = filter ? filter : "";
	int words = 0;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		sqlite3_str_appendall(q, words++ ? " \"" : "\"");
		for (; *p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r'; p++)
			sqlite3_str_appendchar(q, *p == '"' ? 2 : 1, *p);
		sqlite3_str_appendall(q, "\"*");
	}
	*status = sqlite3_str_errcode(q) ? rs_fail(RS_ERR_RUNTIME, "out of memory") : RS_OK;
	char *s = sqlite3_str_finish(q);
	if (!words || *status) {
		sqlite3_free(s);
		return NULL;
	}
	return s;
}

/* Steps st, passing each stakeholder to cb (valid during the call) until
 * it returns non-zero; finalizes st. */
static rs_status each_stakeholder(rs_db *db, sqlite3_stmt *st, rs_stakeholder_cb cb, void *ctx,
				  const char *what)
{
	rs_status rc = RS_OK;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		rs_stakeholder s;
		row_fill(st, &s, 0);
		if (cb(&s, ctx))
			break;
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_fail(db, what);
	sqlite3_finalize(st);
	return rc;
}

rs_status rs_stakeholder_window(rs_db *db, const char *filter, int64_t offset,
				int64_t limit, rs_stakeholder_cb cb, void *ctx)
{
	rs_status rc;
	char *match = fts_query(db, filter, &rc); /* ours: sqlite3_free */
	if (rc)
		return rc;
	sqlite3_stmt *st;
	rc = store_prepare(db, &st, match
		? "SELECT " STAKEHOLDER_COLUMNS " FROM stakeholder s WHERE s.id IN"
		  " (SELECT rowid FROM stakeholder_fts WHERE stakeholder_fts MATCH ?3)"
		  " ORDER BY s.name COLLATE NOCASE, s.id LIMIT ?1 OFFSET ?2"
		: "SELECT " STAKEHOLDER_COLUMNS " FROM stakeholder s"
		  " ORDER BY s.name COLLATE NOCASE, s.id LIMIT ?1 OFFSET ?2");
	if (rc) {
		sqlite3_free(match);
		return rc;
	}
	sqlite3_bind_int64(st, 1, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 2, offset < 0 ? 0 : offset);
	if (match)
		sqlite3_bind_text(st, 3, match, -1, sqlite3_free);
	return each_stakeholder(db, st, cb, ctx, "list stakeholders");
}

rs_status rs_stakeholder_count_matching(rs_db *db, const char *filter, int64_t *n)
{
	rs_status rc;
	char *match = fts_query(db, filter, &rc); /* ours: sqlite3_free */
	if (rc)
		return rc;
	if (!match)
		return rs_stakeholder_count(db, n);
	sqlite3_stmt *st;
	/* The same rows as the window's query, so "N of M" and G agree with it. */
	rc = store_prepare(db, &st, "SELECT count(*) FROM stakeholder s WHERE s.id IN"
		" (SELECT rowid FROM stakeholder_fts WHERE stakeholder_fts MATCH ?)");
	if (rc) {
		sqlite3_free(match);
		return rc;
	}
	sqlite3_bind_text(st, 1, match, -1, sqlite3_free);
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		rc = store_fail(db, "count stakeholders");
	sqlite3_finalize(st);
	return rc;
}

rs_status rs_stakeholder_each_json(rs_db *db, rs_json_cb cb, void *ctx)
{
	return store_each_json(db, "SELECT " SQL_JSON_STAKEHOLDER("s.email") " FROM stakeholder s ORDER BY s.id", "list stakeholders", cb, ctx);
}

rs_status store_stakeholder_refs(rs_db *db, int64_t id, int counts[3])
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare(db, &st,
		"SELECT (SELECT count(*) FROM queue_entry WHERE stakeholder_id = ?1),"
		" (SELECT count(*) FROM nomination WHERE nominee_id = ?1 OR nominator_id = ?1),"
		" (SELECT count(*) FROM outcome_party WHERE stakeholder_id = ?1)");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		for (int i = 0; i < 3; i++)
			counts[i] = sqlite3_column_int(st, i);
	else
		rc = store_fail(db, "stakeholder references");
	sqlite3_finalize(st);
	return rc;
}

rs_status store_stakeholder_delete(rs_db *db, int64_t id)
{
	return store_write(db, "DELETE FROM stakeholder WHERE id = ?", "delete stakeholder", NULL,
			   1, id);
}

/* Those who asked to speak in the form and are on no list from it. */
#define SQL_UNPLACED                                                           \
	" FROM stakeholder s WHERE s.wants_to_speak AND NOT EXISTS"            \
	" (SELECT 1 FROM queue_entry q WHERE q.stakeholder_id = s.id AND q.from_form)" \
	" ORDER BY s.registered_at IS NULL, s.registered_at, s.id"

rs_status rs_queue_each_unplaced_json(rs_db *db, rs_json_cb cb, void *ctx)
{
	return store_each_json(db, "SELECT " SQL_JSON_STAKEHOLDER("s.email") SQL_UNPLACED,
			       "requests to speak", cb, ctx);
}

rs_status store_queue_each_unplaced(rs_db *db, rs_stakeholder_cb cb, void *ctx)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare(db, &st, "SELECT " STAKEHOLDER_COLUMNS SQL_UNPLACED);
	return rc ? rc : each_stakeholder(db, st, cb, ctx, "requests to speak");
}

rs_status store_stakeholder_checkin(rs_db *db, int64_t id, int present, int64_t now, int *changed)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare(db, &st,
				     "UPDATE stakeholder SET present = ?1,"
				     " checked_in_at = CASE WHEN ?1 THEN ?2 END"
				     " WHERE id = ?3 AND present IS NOT ?1");
	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, present ? 1 : 0);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "check-in");
	else
		*changed = sqlite3_changes(db->h);
	sqlite3_finalize(st);
	return rc;
}
