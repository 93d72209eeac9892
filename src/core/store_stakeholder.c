/* The stakeholder table: storage steps (storage.h), one person read whole,
 * and a row as every roster query reads it (store.h); the roster's lists
 * are in store_roster.c.  Parameters are always bound, never spliced into
 * SQL. */
#include "store.h"
#include "storage.h"
#include "store_json.h"

#include "rostrum/refdata.h"
#include "rostrum/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The text the roster search finds a person by (with the name as it is
 * also typed, rs_text_name_joins, and their sector by its code and its
 * label, rs_sector_searched_label: "crescent" finds the Red Cross), and
 * the key it sorts them by, both folded as people type (rs_text_fold).
 * Made once per row written, never per search.  The caller frees both;
 * 0 without memory. */
static int search_keys(const char *name, const char *org, const char *country,
		       const char *region, const char *sector, const char *email, char **fold,
		       char **sort_key)
{
	char *joins = rs_text_name_joins(name);
	if (!joins)
		return 0;
	const char *label = rs_sector_searched_label(sector);
	const char *v[] = {name, org, country, region, sector, email, label ? label : "", joins};
	size_t n = 0, fields = *joins ? 8 : 7; /* a name with none keeps its key */
	for (size_t i = 0; i < fields; i++)
		n += strlen(v[i] ? v[i] : "") + 1;
	char *all = malloc(n + 1), *p = all;
	if (!all) {
		free(joins);
		return 0;
	}
	for (size_t i = 0; i < fields; i++)
		p += sprintf(p, "%s%s", i ? " " : "", v[i] ? v[i] : "");
	*fold = rs_text_fold(all);
	*sort_key = rs_text_fold(name ? name : "");
	free(all);
	free(joins);
	if (*fold && *sort_key)
		return 1;
	free(*fold);
	free(*sort_key);
	return 0;
}

/* Binds the writable fields as ?1-?13 in the order of the insert's columns,
 * the search keys as ?15 and ?16, participation and role as ?17 and ?18;
 * "" binds as NULL and a registered_at of 0 or less means none.
 * RS_ERR_RUNTIME without memory. */
static rs_status bind_fields(sqlite3_stmt *st, const rs_stakeholder *s)
{
	char *fold, *sort_key;
	if (!search_keys(s->name, s->organization, s->country, s->region, s->sector, s->email,
			 &fold, &sort_key))
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	sqlite3_bind_text(st, 15, fold, -1, free);
	sqlite3_bind_text(st, 16, sort_key, -1, free);
	const char *const texts[] = {
		s->name, s->title, s->organization, s->sector, s->region, s->country,
		s->gender, s->email, s->accreditation, s->languages,
	};
	for (int i = 0; i < 10; i++)
		store_bind_text(st, i + 1, texts[i], 1);
	sqlite3_bind_int(st, 11, s->wants_to_speak == 2 ? 2 : s->wants_to_speak ? 1 : 0);
	store_bind_text(st, 12, s->speak_on, 1);
	store_bind_text(st, 17, s->participation, 1);
	store_bind_text(st, 18, s->role, 1);
	if (s->registered_at > 0)
		sqlite3_bind_int64(st, 13, s->registered_at);
	else
		sqlite3_bind_null(st, 13);
	return RS_OK;
}

/* Runs an INSERT or UPDATE of stakeholder s (fields bound as ?1-?18, id
 * as ?14 when given, keep_role as ?19 and now as ?20 for an update; an
 * insert's own id as ?21 when given); *changes gets the number of rows
 * written. */
static rs_status write_row(rs_db *db, const char *sql, const rs_stakeholder *s, int64_t id,
			   int keep_role, int64_t now, int *changes)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_cached(db, &st, sql);
	if (rc)
		return rc;
	if ((rc = bind_fields(st, s)) != RS_OK) {
		store_release(db, st); /* kept: reset, not finalized */
		return rc;
	}
	if (id > 0 && sqlite3_bind_parameter_count(st) >= 21) {
		sqlite3_bind_int64(st, 21, id);
	} else if (id > 0) {
		sqlite3_bind_int64(st, 14, id);
		sqlite3_bind_int(st, 19, keep_role);
		if (now >= 0)
			sqlite3_bind_int64(st, 20, now);
		else
			sqlite3_bind_null(st, 20);
	}
	if (sqlite3_step(st) == SQLITE_DONE)
		*changes = sqlite3_changes(db->h);
	else
		rc = store_fail(db, "write stakeholder");
	store_done(st);
	return rc;
}

/* The new row's id is ?21 when given (store_bulk numbers its rows), else
 * SQL_NEXT_ID's. */
rs_status store_stakeholder_insert_as(rs_db *db, const rs_stakeholder *s, int64_t as,
				      int64_t *id)
{
	int n = 0;
	rs_status rc = write_row(db,
		"INSERT INTO stakeholder(id, name, title, organization, sector, region, country,"
		" gender, email, accreditation, languages, wants_to_speak, speak_on,"
		" registered_at, fold, sort_key, participation, role) VALUES (coalesce(?21, "
		SQL_NEXT_ID("stakeholder") "), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, coalesce(?9, 'none'),"
		" ?10, ?11, ?12, ?13, ?15, ?16, coalesce(?17, 'in_room'), ?18)",
		s, as, 0, 0, &n);
	if (rc == RS_OK)
		*id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

rs_status store_stakeholder_insert(rs_db *db, const rs_stakeholder *s, int64_t *id)
{
	return store_stakeholder_insert_as(db, s, 0, id);
}

/* The row is written only when a field differs, so that an unchanged
 * stakeholder leaves nothing in the journal. */
rs_status store_stakeholder_update(rs_db *db, const rs_stakeholder *s, int keep_role, int64_t now,
				   int *changed)
{
	int n = 0;
	rs_status rc = write_row(db,
		"UPDATE stakeholder SET name = ?1, title = ?2, organization = ?3, sector = ?4,"
		" region = ?5, country = ?6, gender = ?7, email = ?8,"
		" accreditation_at = CASE WHEN accreditation IS NOT coalesce(?9, 'none')"
		"  THEN ?20 ELSE accreditation_at END,"
		" accreditation = coalesce(?9, 'none'), languages = ?10, wants_to_speak = ?11,"
		" speak_on = ?12, registered_at = ?13, fold = ?15, sort_key = ?16,"
		" participation = coalesce(?17, participation),"
		" role = CASE WHEN ?19 THEN role ELSE ?18 END"
		" WHERE id = ?14 AND (name IS NOT ?1 OR title IS NOT ?2"
		" OR organization IS NOT ?3 OR sector IS NOT ?4 OR region IS NOT ?5"
		" OR country IS NOT ?6 OR gender IS NOT ?7 OR email IS NOT ?8 COLLATE BINARY"
		" OR accreditation IS NOT coalesce(?9, 'none') OR languages IS NOT ?10"
		" OR wants_to_speak IS NOT ?11 OR speak_on IS NOT ?12"
		" OR registered_at IS NOT ?13 OR participation IS NOT coalesce(?17, participation)"
		" OR role IS NOT CASE WHEN ?19 THEN role ELSE ?18 END)", s, s->id, keep_role, now, &n);
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
	rs_status rc = store_prepare_kept(db, &st,
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
	store_release(db, st);
	return rc;
}

/* A text column, borrowed from the statement ("" for NULL). */
static char *col_text(sqlite3_stmt *st, int i)
{
	static char empty[] = "";
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (char *)t : empty;
}

rs_status store_stakeholder_row(sqlite3_stmt *st, rs_stakeholder *s, int own)
{
	char **const texts[] = {
		&s->name, &s->title, &s->organization, &s->sector, &s->region, &s->country,
		&s->gender, &s->email, &s->accreditation, &s->languages, &s->speak_on,
		&s->participation, &s->role, &s->sort_key,
	};
	enum { N_TEXTS = sizeof texts / sizeof texts[0] };
	static const int column[N_TEXTS] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 16, 19};
	memset(s, 0, sizeof *s);
	s->id = sqlite3_column_int64(st, 0);
	for (int i = 0; i < N_TEXTS; i++)
		*texts[i] = own ? store_col_dup(st, column[i]) : col_text(st, column[i]);
	s->wants_to_speak = sqlite3_column_int(st, 11);
	s->registered_at = sqlite3_column_type(st, 13) == SQLITE_NULL
				   ? -1 : sqlite3_column_int64(st, 13);
	s->present = sqlite3_column_int(st, 14);
	s->checked_in_at = sqlite3_column_type(st, 17) == SQLITE_NULL
				   ? -1 : sqlite3_column_int64(st, 17);
	s->accreditation_at = sqlite3_column_type(st, 18) == SQLITE_NULL
				      ? -1 : sqlite3_column_int64(st, 18);
	for (int i = 0; own && i < N_TEXTS; i++)
		if (!*texts[i])
			return rs_fail(RS_ERR_RUNTIME, "out of memory");
	return RS_OK;
}

rs_status rs_stakeholder_get(rs_db *db, int64_t id, rs_stakeholder *out)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT " STORE_STAKEHOLDER_COLUMNS " FROM stakeholder s WHERE s.id = ?");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	memset(out, 0, sizeof *out);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		rc = store_stakeholder_row(st, out, 1);
		if (rc)
			rs_stakeholder_clear(out);
	} else if (r == SQLITE_DONE) {
		rc = rs_fail(RS_ERR_INVALID, "no stakeholder %lld", (long long)id);
	} else {
		rc = store_fail(db, "read stakeholder");
	}
	store_release(db, st);
	return rc;
}

rs_status rs_stakeholder_count(rs_db *db, int64_t *n)
{
	return store_int_query(db, "SELECT count(*) FROM stakeholder", 0, n);
}

rs_status store_stakeholder_each(rs_db *db, sqlite3_stmt *st, rs_stakeholder_cb cb, void *ctx,
				  const char *what)
{
	rs_status rc = RS_OK;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		rs_stakeholder s;
		store_stakeholder_row(st, &s, 0);
		if (cb(&s, ctx))
			break;
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_fail(db, what);
	store_release(db, st);
	return rc;
}

rs_status rs_stakeholder_each_json(rs_db *db, rs_json_cb cb, void *ctx)
{
	return store_each_json(db, "SELECT " SQL_JSON_STAKEHOLDER("s.email") " FROM stakeholder s ORDER BY s.id", "list stakeholders", cb, ctx);
}

/* Entry q (an SQL name) is a withdrawn request never heard that no reply
 * answers (store_ref's removable). */
#define SQL_REMOVABLE(q)                                                       \
	"(" q ".state = 'withdrawn' AND " q ".started_at IS NULL AND NOT EXISTS"    \
	" (SELECT 1 FROM queue_entry r WHERE r.reply_to = " q ".id))"

rs_status store_stakeholder_refs(rs_db *db, int64_t id, void (*cb)(const store_ref *, void *),
				 void *ctx)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
		"SELECT 0, q.id, coalesce(nullif(a.code, ''), a.title), q.state, q.item_id, "
		SQL_REMOVABLE("q")
		" FROM queue_entry q JOIN agenda_item a ON a.id = q.item_id"
		" WHERE q.stakeholder_id = ?1"
		" UNION ALL SELECT 1, id, '', '', 0, 0 FROM nomination"
		" WHERE nominee_id = ?1 OR nominator_id = ?1"
		" UNION ALL SELECT 2, outcome_id, '', '', 0, 0 FROM outcome_party"
		" WHERE stakeholder_id = ?1"
		" ORDER BY 1, 2");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *item = sqlite3_column_text(st, 2), *state = sqlite3_column_text(st, 3);
		store_ref r = {sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1),
			       item ? (const char *)item : "", state ? (const char *)state : "",
			       sqlite3_column_int64(st, 4), sqlite3_column_int(st, 5)};
		cb(&r, ctx);
	}
	if (step != SQLITE_DONE)
		rc = store_fail(db, "stakeholder references");
	store_release(db, st);
	return rc;
}

rs_status store_stakeholder_delete(rs_db *db, int64_t id)
{
	rs_status rc = store_write(db, "DELETE FROM queue_transition WHERE entry_id IN"
				       " (SELECT q.id FROM queue_entry q WHERE q.stakeholder_id = ?"
				       " AND " SQL_REMOVABLE("q") ")",
				   "delete withdrawn requests", NULL, 1, id);
	if (rc == RS_OK)
		rc = store_write(db, "DELETE FROM queue_entry AS q WHERE q.stakeholder_id = ? AND "
				     SQL_REMOVABLE("q"), "delete withdrawn requests", NULL, 1, id);
	return rc ? rc : store_write(db, "DELETE FROM stakeholder WHERE id = ?",
				     "delete stakeholder", NULL, 1, id);
}

#define SQL_UNPLACED SQL_UNPLACED_FROM SQL_UNPLACED_ORDER

rs_status rs_queue_each_unplaced_json(rs_db *db, rs_json_cb cb, void *ctx)
{
	return store_each_json(db, "SELECT " SQL_JSON_STAKEHOLDER("s.email") SQL_UNPLACED,
			       "requests to speak", cb, ctx);
}

rs_status store_queue_each_unplaced(rs_db *db, rs_stakeholder_cb cb, void *ctx)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, "SELECT " STORE_STAKEHOLDER_COLUMNS SQL_UNPLACED);
	return rc ? rc : store_stakeholder_each(db, st, cb, ctx, "requests to speak");
}

rs_status store_stakeholder_presence(rs_db *db, int64_t id, int present, int64_t at, int64_t now,
				     int *changed)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "UPDATE stakeholder SET present = ?1, checked_in_at = CASE WHEN ?1"
					  " THEN coalesce(?2, CASE WHEN present THEN checked_in_at END, ?3) END"
					  " WHERE id = ?4 AND (present IS NOT ?1"
					  " OR (?1 AND ?2 IS NOT NULL AND checked_in_at IS NOT ?2))");
	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, present ? 1 : 0);
	if (at >= 0)
		sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "check-in");
	else
		*changed = sqlite3_changes(db->h);
	store_release(db, st);
	return rc;
}

/* Runs sql with ?1 a text and ?2 an id; *changed gets the rows written. */
static rs_status write_text(rs_db *db, const char *sql, const char *text, int64_t id,
			    int64_t now, int *changed)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, sql);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int64(st, 3, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "stakeholder");
	else if (changed)
		*changed = sqlite3_changes(db->h);
	store_release(db, st);
	return rc;
}

rs_status store_stakeholder_participation(rs_db *db, int64_t id, const char *code, int *changed)
{
	return write_text(db, "UPDATE stakeholder SET participation = ?1 WHERE id = ?2"
			      " AND participation IS NOT ?1", code, id, 0, changed);
}

rs_status store_stakeholder_accredit(rs_db *db, int64_t id, const char *code, int64_t now,
				     int *changed)
{
	return write_text(db, "UPDATE stakeholder SET accreditation = ?1, accreditation_at = ?3"
			      " WHERE id = ?2 AND accreditation IS NOT ?1", code, id, now, changed);
}

rs_status store_stakeholder_refold(rs_db *db)
{
	sqlite3_stmt *rd, *wr = NULL;
	rs_status rc = store_prepare_kept(db, &rd, "SELECT id, name, organization, country, region,"
					      " sector, email FROM stakeholder");
	if (rc)
		return rc;
	rc = store_prepare_kept(db, &wr, "UPDATE stakeholder SET fold = ?1, sort_key = ?2 WHERE id = ?3");
	int r = SQLITE_DONE;
	while (rc == RS_OK && (r = sqlite3_step(rd)) == SQLITE_ROW) {
		const char *v[6];
		for (int i = 0; i < 6; i++)
			v[i] = (const char *)sqlite3_column_text(rd, i + 1);
		char *fold, *sort_key;
		if (!search_keys(v[0], v[1], v[2], v[3], v[4], v[5], &fold, &sort_key)) {
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
			break;
		}
		sqlite3_bind_text(wr, 1, fold, -1, free);
		sqlite3_bind_text(wr, 2, sort_key, -1, free);
		sqlite3_bind_int64(wr, 3, sqlite3_column_int64(rd, 0));
		if (sqlite3_step(wr) != SQLITE_DONE)
			rc = store_fail(db, "search keys");
		sqlite3_reset(wr);
	}
	if (rc == RS_OK && r != SQLITE_DONE)
		rc = store_fail(db, "search keys");
	store_release(db, rd);
	if (wr)
		store_release(db, wr);
	return rc;
}
