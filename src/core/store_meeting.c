#include "store.h"
#include "storage.h"
#include "store_json.h"

#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"

rs_status store_meeting_insert(rs_db *db, const char *title, const char *date, const char *venue,
			       rs_policy policy, int warning_seconds)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "INSERT INTO meeting(id, title, date, venue, created_at, policy,"
					  " warning_seconds) VALUES (1, ?, ?, ?, ?, ?, ?)");
	if (rc)
		return rc;
	store_bind_text(st, 1, title, 0);
	store_bind_text(st, 2, date, 1);
	store_bind_text(st, 3, venue, 1);
	sqlite3_bind_int64(st, 4, rs_now());
	sqlite3_bind_text(st, 5, rs_policy_name(policy), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, warning_seconds);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "meeting");
	store_release(db, st);
	return rc;
}

/* The meeting's links, in order, into m. */
static rs_status get_links(rs_db *db, rs_meeting *m)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, "SELECT label, url FROM meeting_link ORDER BY position");
	if (rc)
		return rc;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW && m->n_links < RS_MAX_LINKS) {
		if (!m->link_labels && (!(m->link_labels = calloc(RS_MAX_LINKS, sizeof(char *))) ||
					!(m->link_urls = calloc(RS_MAX_LINKS, sizeof(char *)))))
			break;
		m->link_labels[m->n_links] = store_col_dup(st, 0);
		m->link_urls[m->n_links] = store_col_dup(st, 1);
		if (!m->link_labels[m->n_links] || !m->link_urls[m->n_links++])
			break;
	}
	if (r == SQLITE_ROW && m->n_links < RS_MAX_LINKS)
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	else if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_fail(db, "meeting links");
	store_release(db, st);
	return rc;
}

rs_status store_meeting_get(rs_db *db, rs_meeting *m)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT title, date, venue, timezone, policy, coalesce(current_item_id, 0),"
					  " warning_seconds, host, context, purpose, introduction, contact,"
					  " report_title, report_subtitle, require_accreditation"
					  " FROM meeting WHERE id = 1");
	if (rc)
		return rc;
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		m->title = store_col_dup(st, 0);
		m->date = store_col_dup(st, 1);
		m->venue = store_col_dup(st, 2);
		m->timezone = store_col_dup(st, 3);
		int p = rs_policy_parse((const char *)sqlite3_column_text(st, 4));
		m->policy = p < 0 ? POLICY_FIFO : (rs_policy)p;
		m->current_item = sqlite3_column_int64(st, 5);
		m->warning_seconds = sqlite3_column_int(st, 6);
		m->require_accreditation = sqlite3_column_int(st, 7 + RS_WORD__COUNT);
		int oom = !m->title || !m->date || !m->venue || !m->timezone;
		for (int w = 0; w < RS_WORD__COUNT; w++)
			oom |= !(m->words[w] = store_col_dup(st, 7 + w));
		if (oom)
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	} else if (r == SQLITE_DONE) {
		rc = rs_fail(RS_ERR_INVALID, "%s: the database has no meeting", db->path);
	} else {
		rc = store_fail(db, "meeting");
	}
	store_release(db, st);
	return rc ? rc : get_links(db, m);
}

rs_status store_meeting_timezone(rs_db *db, char *tz, size_t size)
{
	char *zone = NULL;
	rs_status rc = store_text_query(db, "SELECT timezone FROM meeting WHERE id = 1", 0, &zone);
	snprintf(tz, size, "%s", rc == RS_OK && zone && *zone ? zone : "UTC");
	free(zone);
	return rc;
}

rs_status store_meeting_rules(rs_db *db, int64_t item_id, rs_policy *policy,
			      int *require_accreditation, char *tz, size_t tz_size)
{
	sqlite3_stmt *st;
	/* One row, not the meeting and the item read whole: every call to the
	 * floor and every screen's read of a list asks. */
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT m.timezone, m.policy, m.require_accreditation,"
					  " a.id IS NOT NULL, a.policy FROM meeting m"
					  " LEFT JOIN agenda_item a ON a.id = ?1 WHERE m.id = 1");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, item_id);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW && sqlite3_column_int(st, 3)) {
		const unsigned char *zone = sqlite3_column_text(st, 0);
		snprintf(tz, tz_size, "%s", zone ? (const char *)zone : "");
		int own = rs_policy_parse((const char *)sqlite3_column_text(st, 4)); /* NULL: -1 */
		int all = rs_policy_parse((const char *)sqlite3_column_text(st, 1));
		*policy = own >= 0 ? (rs_policy)own : all >= 0 ? (rs_policy)all : POLICY_FIFO;
		*require_accreditation = sqlite3_column_int(st, 2);
	} else if (r == SQLITE_ROW) {
		rc = rs_fail(RS_ERR_INVALID, "no agenda item %lld", (long long)item_id);
	} else if (r == SQLITE_DONE) {
		rc = rs_fail(RS_ERR_INVALID, "%s: the database has no meeting", db->path);
	} else {
		rc = store_fail(db, "meeting");
	}
	store_release(db, st);
	return rc;
}

rs_status store_meeting_set_policy(rs_db *db, rs_policy p)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, "UPDATE meeting SET policy = ? WHERE id = 1");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, rs_policy_name(p), -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "meeting policy");
	else if (sqlite3_changes(db->h) == 0)
		rc = rs_fail(RS_ERR_INVALID, "%s: the database has no meeting", db->path);
	store_release(db, st);
	return rc;
}

/* The words given ("" clears one); one statement a word, as its column is
 * part of the statement. */
static rs_status update_words(rs_db *db, const char *const *words)
{
	static const char *const sql[RS_WORD__COUNT] = {
		"UPDATE meeting SET host = nullif(?, '') WHERE id = 1",
		"UPDATE meeting SET context = nullif(?, '') WHERE id = 1",
		"UPDATE meeting SET purpose = nullif(?, '') WHERE id = 1",
		"UPDATE meeting SET introduction = nullif(?, '') WHERE id = 1",
		"UPDATE meeting SET contact = nullif(?, '') WHERE id = 1",
		"UPDATE meeting SET report_title = nullif(?, '') WHERE id = 1",
		"UPDATE meeting SET report_subtitle = nullif(?, '') WHERE id = 1",
	};
	rs_status rc = RS_OK;
	for (int w = 0; rc == RS_OK && w < RS_WORD__COUNT; w++) {
		sqlite3_stmt *st;
		if (!words[w] || (rc = store_prepare(db, &st, sql[w])) != RS_OK)
			continue;
		sqlite3_bind_text(st, 1, words[w], -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(db, "meeting");
		sqlite3_finalize(st);
	}
	return rc;
}

static rs_status set_links(rs_db *db, const rs_link *links, size_t n)
{
	sqlite3_stmt *st = NULL;
	rs_status rc = store_write(db, "DELETE FROM meeting_link", "meeting links", NULL, 0);
	if (rc == RS_OK)
		rc = store_prepare_kept(db, &st, "INSERT INTO meeting_link(position, label, url)"
					    " VALUES (?, nullif(?, ''), ?)");
	for (size_t i = 0; rc == RS_OK && i < n; i++) {
		sqlite3_bind_int64(st, 1, (int64_t)i + 1);
		store_bind_text(st, 2, links[i].label, 1);
		sqlite3_bind_text(st, 3, links[i].url, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(db, "meeting links");
		sqlite3_reset(st);
	}
	if (st)
		store_release(db, st);
	return rc;
}

rs_status store_meeting_update(rs_db *db, const rs_meeting_change *ch)
{
	sqlite3_stmt *st = NULL;
	rs_status rc = store_prepare_kept(db, &st,
					  "UPDATE meeting SET title = coalesce(?1, title),"
					  " date = CASE WHEN ?2 IS NULL THEN date WHEN ?2 = '' THEN NULL ELSE ?2 END,"
					  " venue = CASE WHEN ?3 IS NULL THEN venue WHEN ?3 = '' THEN NULL ELSE ?3 END,"
					  " timezone = coalesce(?4, timezone), policy = coalesce(?5, policy),"
					  " warning_seconds = coalesce(?6, warning_seconds),"
					  " require_accreditation = coalesce(?7, require_accreditation)"
					  " WHERE id = 1");
	if (rc)
		return rc;
	store_bind_text(st, 1, ch->title, 0);
	store_bind_text(st, 2, ch->date, 0);
	store_bind_text(st, 3, ch->venue, 0);
	store_bind_text(st, 4, ch->timezone, 0);
	if (ch->policy >= 0)
		sqlite3_bind_text(st, 5, rs_policy_name((rs_policy)ch->policy), -1, SQLITE_STATIC);
	if (ch->warning_seconds >= 0)
		sqlite3_bind_int(st, 6, ch->warning_seconds);
	if (ch->set_require_accreditation)
		sqlite3_bind_int(st, 7, ch->require_accreditation ? 1 : 0);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "meeting");
	else if (sqlite3_changes(db->h) == 0)
		rc = rs_fail(RS_ERR_INVALID, "%s: the database has no meeting", db->path);
	store_release(db, st);
	if (rc == RS_OK)
		rc = update_words(db, ch->words);
	if (rc == RS_OK && ch->set_links)
		rc = set_links(db, ch->links, ch->n_links);
	if (rc)
		return rc;
	rc = store_prepare_kept(db, &st,
				"INSERT INTO speaking_time(kind, seconds) VALUES (?1, ?2)"
				" ON CONFLICT(kind) DO UPDATE SET seconds = excluded.seconds"
				" WHERE seconds <> excluded.seconds");
	for (size_t i = 0; rc == RS_OK && i < rs_kind_count(); i++) {
		if (ch->times[i] <= 0)
			continue;
		sqlite3_bind_text(st, 1, rs_kind_at(i)->code, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, ch->times[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(db, "speaking time");
		sqlite3_reset(st);
	}
	if (st)
		store_release(db, st);
	return rc;
}

rs_status store_meeting_speaking_times(rs_db *db, int *seconds, size_t n)
{
	sqlite3_stmt *st = NULL;
	rs_status rc = store_prepare_kept(db, &st, "SELECT seconds FROM speaking_time WHERE kind = ?");
	for (size_t i = 0; rc == RS_OK && i < n && i < rs_kind_count(); i++) {
		sqlite3_bind_text(st, 1, rs_kind_at(i)->code, -1, SQLITE_STATIC);
		int r = sqlite3_step(st);
		seconds[i] = r == SQLITE_ROW ? sqlite3_column_int(st, 0) : rs_kind_at(i)->seconds;
		if (r != SQLITE_ROW && r != SQLITE_DONE)
			rc = store_fail(db, "speaking times");
		sqlite3_reset(st);
	}
	if (st)
		store_release(db, st);
	return rc;
}

rs_status store_meeting_current(rs_db *db, int64_t *item_id)
{
	rs_status rc = store_int_query(db, "SELECT coalesce(current_item_id, 0) FROM meeting"
					   " WHERE id = 1", 0, item_id);
	if (rc == RS_OK && *item_id < 0)
		rc = rs_fail(RS_ERR_INVALID, "%s: the database has no meeting", db->path);
	return rc;
}

rs_status store_meeting_open(rs_db *db, int64_t item_id, int64_t previous, int64_t now)
{
	rs_status rc = RS_OK;
	if (previous > 0)
		rc = store_write(db, "UPDATE agenda_item SET ended_at = ?1 WHERE id = ?2"
				     " AND started_at IS NOT NULL AND ended_at IS NULL",
				 "agenda item", NULL, 2, now, previous);
	if (rc == RS_OK)
		rc = store_write(db, "UPDATE meeting SET current_item_id = ? WHERE id = 1", "meeting",
				 NULL, 1, item_id);
	if (rc == RS_OK)
		rc = store_write(db, "UPDATE agenda_item SET started_at = coalesce(started_at, ?1),"
				     " ended_at = NULL WHERE id = ?2",
				 "agenda item", NULL, 2, now, item_id);
	return rc;
}

rs_status store_meeting_close(rs_db *db, int64_t item_id, int64_t now)
{
	rs_status rc = store_write(db, "UPDATE agenda_item SET started_at = coalesce(started_at, ?1),"
				       " ended_at = ?1 WHERE id = ?2 AND ended_at IS NULL",
				   "agenda item", NULL, 2, now, item_id);
	if (rc == RS_OK)
		rc = store_write(db, "UPDATE meeting SET current_item_id = NULL"
				     " WHERE id = 1 AND current_item_id = ?1",
				 "meeting", NULL, 1, item_id);
	return rc;
}

rs_status store_exists(rs_db *db, const char *table, int64_t id)
{
	/* table is one of our own names, never user text. */
	static const char *const known[] = {"agenda_item", "stakeholder", "queue_entry",
					    "nomination", "outcome"};
	static const char *const sql[] = {
		"SELECT 1 FROM agenda_item WHERE id = ?",
		"SELECT 1 FROM stakeholder WHERE id = ?",
		"SELECT 1 FROM queue_entry WHERE id = ?",
		"SELECT 1 FROM nomination WHERE id = ?",
		"SELECT 1 FROM outcome WHERE id = ?",
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (!strcmp(table, known[i])) {
			int64_t v;
			rs_status rc = store_int_query(db, sql[i], id, &v);
			if (rc)
				return rc;
			return v == 1 ? RS_OK : RS_ERR_INVALID;
		}
	return rs_fail(RS_ERR_RUNTIME, "store_exists: unknown table %s", table);
}

rs_status rs_meeting_each_json(rs_db *db, rs_json_cb cb, void *ctx)
{
	return store_each_json(db, "SELECT " SQL_JSON_MEETING " FROM meeting m", "meeting", cb,
			       ctx);
}
