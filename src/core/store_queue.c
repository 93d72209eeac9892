#include "store.h"
#include "storage.h"
#include "store_json.h"

#include "rostrum/refdata.h"

#include <stdlib.h>
#include <string.h>

static const char load_sql[] = SQL_LOAD_COLUMNS ", -1"
	" FROM queue_entry q JOIN stakeholder s ON s.id = q.stakeholder_id"
	" WHERE q.item_id = ? ORDER BY q.id";

/* What deciding the first :depth places needs, not the whole list: who
 * holds the floor, the waiting entries that go before the floor (points of
 * order, placed, the programme, replies to a speech given, and those
 * speeches), the programme's speeches heard, and the floor's candidates: the first :depth come and the
 * first :depth come who have not spoken (under balanced, the first come of
 * each bucket too: store_heads.c keeps them).  How many places each lost is
 * left unknown (-1): store_queue_heard_later reads it for those the order
 * looks at.  Walks the item's index in request order, so the first come
 * costs a seek whatever the list's length; under the accreditation rule
 * (:held_rule) past those it holds back, each walk from where the
 * connection's last read found its first (store_heads_walks; the start
 * without the rule).  UNION ALL: an id named twice
 * (the first come is often the first who has not spoken too) is read once
 * all the same, as IN makes a set of them; a UNION built a temporary b-tree
 * of its own for that at each call. */
static const char head_sql[] = "WITH front AS (SELECT f.id, f.reply_to FROM queue_entry f"
	"  WHERE f.item_id = :item AND f.state = 'waiting' AND " SQL_FRONT("f") ")"
	SQL_LOAD_COLUMNS ", -1"
	" FROM queue_entry q JOIN stakeholder s ON s.id = q.stakeholder_id"
	" WHERE q.id IN ("
	"  SELECT f.id FROM queue_entry f WHERE f.item_id = :item"
	"   AND f.state IN ('speaking', 'paused')"
	/* A reply to a speech still waiting goes right after it: never first,
	 * but in the first places when that speech is. */
	"  UNION ALL SELECT f.id FROM front f WHERE f.reply_to IS NULL OR :depth > 1"
	"   OR (SELECT t.state FROM queue_entry t WHERE t.id = f.reply_to) <> 'waiting'"
	"  UNION ALL SELECT f.reply_to FROM front f WHERE f.reply_to IS NOT NULL"
	/* The programme whole, heard or not, as its reasons count it
	 * ("panellist 3 of 13"): a few rows an item. */
	"  UNION ALL SELECT f.id FROM queue_entry f WHERE f.item_id = :item"
	"   AND f.programme_order > 0 AND f.state <> 'waiting'"
	"  UNION ALL SELECT id FROM (SELECT f.id FROM queue_entry f INDEXED BY queue_entry_order"
	"   WHERE f.item_id = :item AND f.state = 'waiting' AND NOT " SQL_FRONT("f")
	"   AND (f.requested_at, f.id) >= (:fifo_at, :fifo_id) AND NOT " SQL_HELD("f", ":held_rule")
	"   ORDER BY f.requested_at, f.id LIMIT :depth)"
	"  UNION ALL SELECT id FROM (SELECT f.id FROM queue_entry f INDEXED BY queue_entry_order"
	"   WHERE :first_time AND f.item_id = :item AND f.state = 'waiting'"
	"   AND NOT " SQL_FRONT("f") " AND (f.requested_at, f.id) >= (:first_at, :first_id)"
	"   AND NOT " SQL_HELD("f", ":held_rule") " AND NOT EXISTS (SELECT 1 FROM queue_entry p"
	"    WHERE p.stakeholder_id = f.stakeholder_id AND p.state = 'spoken')"
	"   ORDER BY f.requested_at, f.id LIMIT :depth))"
	" ORDER BY q.id";

static int64_t col_time(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, i);
}

enum { ENTRY_STRINGS = 12 };

/* e's strings, each a place in its one block (e->strings). */
static void entry_fields(rs_queue_entry *e, char **f[ENTRY_STRINGS])
{
	char **v[ENTRY_STRINGS] = {&e->kind, &e->slot, &e->name, &e->organization, &e->sector,
				   &e->region, &e->gender, &e->country, &e->participation,
				   &e->language, &e->accreditation, &e->role};
	memcpy(f, v, sizeof v);
}

/* The columns of entry_fields' strings; the role is worked out. */
static const int string_column[ENTRY_STRINGS] = {3, 20, 12, 13, 14, 15, 16, 23, 24, 25, 26, -1};
enum { SECTOR_FIELD = 4, ROLE_FIELD = 11, ROLE_COLUMN = 27 };

/* One block for an entry's strings: a list of thousands was twelve
 * allocations an entry to read, copy and free. */
static int read_strings(sqlite3_stmt *st, rs_queue_entry *e)
{
	const char *text[ENTRY_STRINGS];
	size_t len[ENTRY_STRINGS], total = 0;
	for (int i = 0; i < ENTRY_STRINGS; i++) {
		if (i == ROLE_FIELD) {
			const char *role = (const char *)sqlite3_column_text(st, ROLE_COLUMN);
			text[i] = rs_role_of(text[SECTOR_FIELD], role);
			len[i] = strlen(text[i]);
		} else {
			text[i] = (const char *)sqlite3_column_text(st, string_column[i]);
			len[i] = (size_t)sqlite3_column_bytes(st, string_column[i]);
			if (!text[i])
				text[i] = "", len[i] = 0;
		}
		total += len[i] + 1;
	}
	if (!(e->strings = malloc(total)))
		return 0;
	e->strings_size = total;
	char **f[ENTRY_STRINGS], *p = e->strings;
	entry_fields(e, f);
	for (int i = 0; i < ENTRY_STRINGS; i++) {
		memcpy(p, text[i], len[i]);
		p[len[i]] = '\0';
		*f[i] = p;
		p += len[i] + 1;
	}
	return 1;
}

int store_queue_read_entry(sqlite3_stmt *st, rs_queue_entry *e)
{
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(st, 0);
	e->item_id = sqlite3_column_int64(st, 1);
	e->stakeholder_id = sqlite3_column_int64(st, 2);
	int s = rs_queue_state_parse((const char *)sqlite3_column_text(st, 4));
	e->state = s < 0 ? QS_WAITING : (rs_queue_state)s;
	e->requested_at = sqlite3_column_int64(st, 5);
	e->state_changed_at = sqlite3_column_int64(st, 6);
	e->started_at = col_time(st, 7);
	e->paused_at = col_time(st, 8);
	e->paused_seconds = sqlite3_column_int64(st, 9);
	e->ended_at = col_time(st, 10);
	e->from_form = sqlite3_column_int(st, 11);
	e->spoken_before = sqlite3_column_int(st, 17);
	e->manual_rank = sqlite3_column_int(st, 18);
	e->programme_order = sqlite3_column_int(st, 19);
	e->reply_to = sqlite3_column_int64(st, 21);
	e->allotted = sqlite3_column_int(st, 22);
	e->heard_later = sqlite3_column_int(st, 28);
	return read_strings(st, e);
}

int store_queue_entry_copy(rs_queue_entry *to, const rs_queue_entry *from)
{
	*to = *from; /* its strings still from's, each then moved to the copy */
	char **t[ENTRY_STRINGS];
	entry_fields(to, t);
	if (!(to->strings = malloc(from->strings_size))) {
		for (int i = 0; i < ENTRY_STRINGS; i++)
			*t[i] = NULL;
		return 0;
	}
	memcpy(to->strings, from->strings, from->strings_size);
	for (int i = 0; i < ENTRY_STRINGS; i++)
		*t[i] = to->strings + (*t[i] - from->strings);
	return 1;
}

static rs_status read_entries(rs_db *db, sqlite3_stmt *st, rs_queue_entry **out, size_t *n)
{
	rs_status rc = RS_OK;
	rs_queue_entry *v = NULL;
	size_t len = 0, cap = 0;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		rs_queue_entry *nv = store_room(v, len, &cap, sizeof *v);
		if (!nv) {
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
			break;
		}
		v = nv;
		if (!store_queue_read_entry(st, &v[len++])) {
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
			break;
		}
	}
	if (rc == RS_OK && r != SQLITE_DONE)
		rc = store_fail(db, "queue");
	store_release(db, st);
	if (rc) {
		rs_queue_list_free(v, len);
		return rc;
	}
	*out = v;
	*n = len;
	return RS_OK;
}

/* The entries sql (kept prepared) reads with ?1 = a and, as far as it has
 * parameters, ?2 = b and ?3 = c. */
static rs_status load_where(rs_db *db, const char *sql, int64_t a, int64_t b, int64_t c,
			    rs_queue_entry **out, size_t *n)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, sql);
	if (rc)
		return rc;
	const int64_t v[] = {a, b, c};
	for (int i = 0; i < 3 && i < sqlite3_bind_parameter_count(st); i++)
		sqlite3_bind_int64(st, i + 1, v[i]);
	return read_entries(db, st, out, n);
}

rs_status store_queue_load(rs_db *db, int64_t item_id, rs_queue_entry **out, size_t *n)
{
	return load_where(db, load_sql, item_id, 0, 0, out, n);
}

rs_status store_queue_load_head(rs_db *db, int64_t item_id, rs_policy policy, int held_rule,
				size_t depth, rs_queue_entry **out, size_t *n)
{
	sqlite3_stmt *st;
	int64_t from[4] = {INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN};
	int kept = held_rule || policy == POLICY_BALANCED; /* the walks, the heads */
	rs_status rc = kept ? store_heads_sync(db, item_id, held_rule) : RS_OK;
	if (rc == RS_OK && held_rule)
		store_heads_walks(db, item_id, from);
	if (rc || (rc = store_prepare_kept(db, &st, head_sql)))
		return rc;
	static const char *const walk_from[] = {":fifo_at", ":fifo_id", ":first_at", ":first_id"};
	for (int i = 0; i < 4; i++)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, walk_from[i]), from[i]);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":item"), item_id);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":first_time"),
			 policy == POLICY_FIRST_TIME);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":depth"), (sqlite3_int64)depth);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":held_rule"), held_rule != 0);
	if ((rc = read_entries(db, st, out, n)))
		return rc;
	if (held_rule)
		store_heads_walked(db, item_id, *out, *n, policy == POLICY_FIRST_TIME);
	if (policy != POLICY_BALANCED)
		return rc;
	if ((rc = store_heads_add(db, item_id, out, n))) {
		rs_queue_list_free(*out, *n);
		*out = NULL;
	}
	return rc;
}

rs_status store_queue_load_holder(rs_db *db, int64_t item_id, rs_queue_entry **out, size_t *n)
{
	return load_where(db, SQL_LOAD_COLUMNS ", -1 FROM queue_entry q JOIN stakeholder s"
			  " ON s.id = q.stakeholder_id WHERE q.item_id = ?1"
			  " AND q.state IN ('speaking', 'paused')", item_id, 0, 0, out, n);
}

rs_status store_queue_load_entry(rs_db *db, int64_t id, rs_queue_entry **out, size_t *n)
{
	return load_where(db, SQL_LOAD_COLUMNS ", -1 FROM queue_entry q JOIN stakeholder s"
			  " ON s.id = q.stakeholder_id WHERE q.id = ?1", id, 0, 0, out, n);
}

rs_status store_queue_load_held(rs_db *db, int64_t item_id, size_t limit, rs_queue_entry **out,
				size_t *n)
{
	return load_where(db, SQL_LOAD_COLUMNS ", -1"
		" FROM queue_entry q JOIN stakeholder s ON s.id = q.stakeholder_id"
		" WHERE q.id IN (SELECT f.id FROM queue_entry f INDEXED BY queue_entry_order"
		"  WHERE f.item_id = ?1 AND f.state = 'waiting' AND NOT " SQL_FRONT("f")
		"  AND " SQL_HELD("f", "1") " ORDER BY f.requested_at, f.id LIMIT ?2)"
		" ORDER BY q.id", item_id, (int64_t)limit, 0, out, n);
}

rs_status store_queue_load_bucket_after(rs_db *db, int64_t after, int held_rule, size_t limit,
				       rs_queue_entry **out, size_t *n)
{
	return load_where(db, SQL_LOAD_COLUMNS ", -1"
		" FROM queue_entry q JOIN stakeholder s ON s.id = q.stakeholder_id"
		" WHERE q.id IN (SELECT g.id FROM queue_entry a, queue_entry g"
		"  INDEXED BY queue_entry_bucket WHERE a.id = ?1 AND g.item_id = a.item_id"
		"  AND g.state = 'waiting' AND NOT " SQL_FRONT("g") " AND g.bucket = a.bucket"
		"  AND (g.requested_at, g.id) > (a.requested_at, a.id)"
		"  AND NOT " SQL_HELD("g", "?3")
		"  ORDER BY g.requested_at, g.id LIMIT ?2)"
		" ORDER BY q.id", after, (int64_t)limit, held_rule != 0, out, n);
}

rs_status store_queue_load_dealt(rs_db *db, int64_t item_id, size_t last, rs_queue_entry **out,
				 size_t *n)
{
	return load_where(db, SQL_LOAD_COLUMNS ", -1"
		" FROM queue_entry q JOIN stakeholder s ON s.id = q.stakeholder_id"
		" WHERE q.item_id = ?1 AND " SQL_DEALT_STATE("q")
		" ORDER BY coalesce(q.ended_at, q.state_changed_at) DESC, q.id DESC LIMIT ?2",
		item_id, (int64_t)last, 0, out, n);
}

rs_status store_queue_counts(rs_db *db, int64_t item_id, size_t *waiting, size_t *dealt)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
		/* Each a count of one stretch of the index (a sum over the
		 * item's every entry took five times as long at 10,000). */
		"SELECT " SQL_WAITING_COUNT("?1") ","
		" (SELECT count(*) FROM queue_entry INDEXED BY queue_entry_dealt"
		"  WHERE item_id = ?1 AND " SQL_DEALT_STATE("queue_entry") ")");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, item_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*waiting = (size_t)sqlite3_column_int64(st, 0);
		*dealt = (size_t)sqlite3_column_int64(st, 1);
	} else {
		rc = store_fail(db, "queue counts");
	}
	store_release(db, st);
	return rc;
}

rs_status store_queue_add_facts(rs_db *db, int64_t item_id, int64_t stakeholder_id,
				const char *kind, int64_t named_reply, store_queue_facts *f)
{
	sqlite3_stmt *st;
	memset(f, 0, sizeof *f);
	rs_status rc = store_prepare_kept(db, &st,
		"SELECT e.id, e.state, s.name,"
		" (SELECT coalesce(max(programme_order), 0) FROM queue_entry"
		"  INDEXED BY queue_entry_programme WHERE item_id = :item AND programme_order > 0),"
		" (SELECT id FROM queue_entry WHERE id = :named AND item_id = :item),"
		/* A reply answers the speech a point of order interrupts. */
		" coalesce((SELECT id FROM queue_entry WHERE item_id = :item"
		"  AND state IN ('speaking', 'paused') ORDER BY kind = 'point_of_order' LIMIT 1),"
		"  (SELECT id FROM queue_entry WHERE :kind = 'reply' AND item_id = :item"
		"   AND state = 'spoken' ORDER BY ended_at DESC, id DESC LIMIT 1), 0),"
		" (SELECT kind = 'break' FROM agenda_item WHERE id = :item),"
		" (SELECT title FROM agenda_item WHERE id = :item),"
		" (SELECT name FROM stakeholder WHERE id = :who)"
		" FROM (SELECT 1) LEFT JOIN queue_entry e INDEXED BY queue_entry_stakeholder"
		"  ON e.item_id = :item"
		"  AND e.stakeholder_id = :who AND e.kind = :kind"
		"  AND e.state IN ('waiting', 'speaking', 'paused')"
		" LEFT JOIN stakeholder s ON s.id = e.stakeholder_id LIMIT 1");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":item"), item_id);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":who"), stakeholder_id);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":kind"), kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":named"), named_reply);
	if (sqlite3_step(st) == SQLITE_ROW) {
		f->queued = sqlite3_column_int64(st, 0);
		store_col_copy(st, 1, f->queued_state, sizeof f->queued_state);
		store_col_copy(st, 2, f->queued_name, sizeof f->queued_name);
		f->max_programme_order = sqlite3_column_int(st, 3);
		f->named_reply = sqlite3_column_int64(st, 4);
		f->last_speech = sqlite3_column_int64(st, 5);
		f->is_break = sqlite3_column_int(st, 6);
		store_col_copy(st, 7, f->item_title, sizeof f->item_title);
		store_col_copy(st, 8, f->who_name, sizeof f->who_name);
	} else {
		rc = store_fail(db, "queue");
	}
	store_release(db, st);
	return rc;
}

rs_status store_queue_entry_item(rs_db *db, int64_t entry_id, int64_t *item_id)
{
	rs_status rc = store_int_query(db, "SELECT item_id FROM queue_entry WHERE id = ?",
				       entry_id, item_id);
	if (rc == RS_OK && *item_id < 0)
		rc = rs_fail(RS_ERR_INVALID, "no queue entry %lld", (long long)entry_id);
	return rc;
}

rs_status store_queue_insert_row(rs_db *db, const store_queue_row *row, int64_t *id)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "INSERT INTO queue_entry(id, item_id, stakeholder_id, kind, state,"
					  " requested_at, state_changed_at, from_form, programme_order, slot,"
					  " reply_to, participation, language, language_recorded, bucket)"
					  " VALUES (" SQL_NEXT_ID("queue_entry") ", ?1, ?2, ?3, 'waiting', ?4,"
					  " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11 IS NOT NULL, " SQL_BUCKET_OF("?2") ")");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, row->item_id);
	sqlite3_bind_int64(st, 2, row->stakeholder_id);
	sqlite3_bind_text(st, 3, row->kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, row->requested_at);
	sqlite3_bind_int64(st, 5, row->now);
	sqlite3_bind_int(st, 6, row->from_form);
	sqlite3_bind_int(st, 7, row->programme_order);
	store_bind_text(st, 8, row->slot, 1);
	if (row->reply_to > 0)
		sqlite3_bind_int64(st, 9, row->reply_to);
	store_bind_text(st, 10, row->participation, 1);
	store_bind_text(st, 11, row->language, 1);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "queue entry");
	store_release(db, st);
	if (rc)
		return rc;
	*id = sqlite3_last_insert_rowid(db->h);
	return RS_OK;
}

rs_status store_queue_set_item(rs_db *db, int64_t entry_id, int64_t item_id)
{
	return store_write(db, "UPDATE queue_entry SET item_id = ?1 WHERE id = ?2", "queue entry",
			   NULL, 2, item_id, entry_id);
}

rs_status store_queue_request_placed(rs_db *db, int64_t stakeholder_id, int *placed)
{
	int64_t n;
	rs_status rc = store_int_query(db, "SELECT count(*) FROM queue_entry"
					   " WHERE stakeholder_id = ? AND from_form", stakeholder_id, &n);
	*placed = rc == RS_OK && n > 0;
	return rc;
}

static void bind_time(sqlite3_stmt *st, int i, int64_t t)
{
	if (t < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, t);
}

rs_status store_queue_save(rs_db *db, const rs_queue_entry *e)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "UPDATE queue_entry SET state = ?1, state_changed_at = ?2,"
					  " started_at = ?3, paused_at = ?4, paused_seconds = ?5, ended_at = ?6,"
					  " " SQL_FREEZE_WAY_IF("(?1 = 'speaking' OR ?1 = 'paused' OR ?1 = 'spoken')")
					  ", " SQL_ALLOTTED_ON_CALL("?1") " WHERE id = ?7");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, rs_queue_state_name(e->state), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, e->state_changed_at);
	bind_time(st, 3, e->started_at);
	bind_time(st, 4, e->paused_at);
	sqlite3_bind_int64(st, 5, e->paused_seconds);
	bind_time(st, 6, e->ended_at);
	sqlite3_bind_int64(st, 7, e->id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "queue entry");
	store_release(db, st);
	return rc;
}

rs_status store_queue_set_way(rs_db *db, int64_t entry_id, const char *participation,
			      const char *language, int *changed)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "UPDATE queue_entry SET participation = coalesce(?1, participation),"
					  " language = coalesce(?2, language),"
					  " language_recorded = language_recorded OR ?2 IS NOT NULL WHERE id = ?3"
					  " AND (participation IS NOT coalesce(?1, participation)"
					  " OR (?2 IS NOT NULL AND (language IS NOT ?2 OR NOT language_recorded)))");
	if (rc)
		return rc;
	store_bind_text(st, 1, participation, 1);
	store_bind_text(st, 2, language, 1);
	sqlite3_bind_int64(st, 3, entry_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "queue entry");
	else
		*changed = sqlite3_changes(db->h);
	store_release(db, st);
	return rc;
}

rs_status store_queue_set_rank(rs_db *db, int64_t entry_id, int rank)
{
	return store_write(db, "UPDATE queue_entry SET manual_rank = ?1 WHERE id = ?2"
			       " AND manual_rank IS NOT ?1",
			   "queue entry", NULL, 2, (int64_t)rank, entry_id);
}

rs_status store_agenda_mark_started(rs_db *db, int64_t item_id, int64_t now)
{
	return store_write(db, "UPDATE agenda_item SET started_at = ? WHERE id = ? AND started_at IS NULL",
			   "agenda item", NULL, 2, now, item_id);
}

rs_status store_queue_entry_json(rs_db *db, const rs_queue_entry *e, int proposed,
				 int64_t now, char **json)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT json_set(" SQL_JSON_INTERVENTION ","
					  " '$.position', :position, '$.proposed', json(:proposed),"
					  " '$.reason', :reason, '$.held', json(:held),"
					  " '$.accreditation', s.accreditation)"
					  " FROM queue_entry q JOIN stakeholder s ON s.id = q.stakeholder_id"
					  " WHERE q.id = :id");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":now"), now);
	if (e->position > 0)
		sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":position"), e->position);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":proposed"),
			  proposed ? "true" : "false", -1, SQLITE_STATIC);
	store_bind_text(st, sqlite3_bind_parameter_index(st, ":reason"), e->reason, 1);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":held"),
			  e->held ? "true" : "false", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":id"), e->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*json = store_col_json(st, 0);
		if (!*json)
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	} else {
		rc = store_fail(db, "queue entry");
	}
	store_release(db, st);
	return rc;
}
