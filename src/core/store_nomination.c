#include "store.h"
#include "storage.h"
#include "store_json.h"

#include <stdlib.h>
#include <string.h>

rs_status store_nomination_state(rs_db *db, int64_t id, rs_nomination_state *state)
{
	char *text;
	rs_status rc = store_text_query(db, "SELECT state FROM nomination WHERE id = ?", id, &text);
	if (rc == RS_OK && !text)
		rc = rs_fail(RS_ERR_INVALID, "no nomination %lld", (long long)id);
	if (rc == RS_OK)
		*state = (rs_nomination_state)rs_nomination_state_parse(text);
	free(text);
	return rc;
}

rs_status store_nomination_set_candidacy(rs_db *db, int64_t id, rs_nomination_state from,
					 rs_nomination_state to)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "UPDATE nomination SET state = :to WHERE state = :from AND"
					  " (nominee_id, role) = (SELECT nominee_id, role FROM nomination"
					  "  WHERE id = :id)");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, rs_nomination_state_name(to), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, rs_nomination_state_name(from), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "nomination");
	store_release(db, st);
	return rc;
}

#define NOMINATION_FROM                                                        \
	" FROM nomination n JOIN stakeholder e ON e.id = n.nominee_id"         \
	" LEFT JOIN stakeholder r ON r.id = n.nominator_id"
#define NOMINATION_ORDER                                                       \
	" ORDER BY n.role, tally DESC, e.name COLLATE NOCASE, n.nominee_id, n.id"
#define NOMINATION_TALLY                                                       \
	"(SELECT count(DISTINCT x.nominator_id) FROM nomination x"             \
	" WHERE x.nominee_id = n.nominee_id AND x.role = n.role) AS tally"

/* The columns read_nomination takes. */
#define NOMINATION_COLUMNS                                                     \
	"SELECT n.id, n.nominee_id, coalesce(n.nominator_id, 0), e.name,"      \
	" r.name, n.role, n.statement, n.state, " NOMINATION_TALLY

/* A row of NOMINATION_COLUMNS into *x, which owns its strings. */
static rs_status read_nomination(sqlite3_stmt *st, rs_nomination *x)
{
	x->id = sqlite3_column_int64(st, 0);
	x->nominee_id = sqlite3_column_int64(st, 1);
	x->nominator_id = sqlite3_column_int64(st, 2);
	x->nominee_name = store_col_dup(st, 3);
	x->nominator_name = store_col_dup(st, 4);
	x->role = store_col_dup(st, 5);
	x->statement = store_col_dup(st, 6);
	x->state = (rs_nomination_state)rs_nomination_state_parse(
		(const char *)sqlite3_column_text(st, 7));
	x->tally = sqlite3_column_int(st, 8);
	if (!x->nominee_name || !x->nominator_name || !x->role || !x->statement)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	return RS_OK;
}

rs_status store_nomination_get(rs_db *db, int64_t id, rs_nomination *out)
{
	sqlite3_stmt *st;
	memset(out, 0, sizeof *out);
	rs_status rc = store_prepare_kept(db, &st,
					  NOMINATION_COLUMNS NOMINATION_FROM " WHERE n.id = ?");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		rc = read_nomination(st, out);
	else if (r == SQLITE_DONE)
		rc = rs_fail(RS_ERR_INVALID, "no nomination %lld", (long long)id);
	else
		rc = store_fail(db, "nomination");
	store_release(db, st);
	return rc;
}

rs_status rs_nomination_list(rs_db *db, rs_nomination **out, size_t *n)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  NOMINATION_COLUMNS NOMINATION_FROM NOMINATION_ORDER);
	if (rc)
		return rc;
	rs_nomination *v = NULL;
	size_t len = 0, cap = 0;
	int r;
	while (rc == RS_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? 2 * cap : 16;
			rs_nomination *nv = realloc(v, cap * sizeof *v);
			if (!nv) {
				rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
				break;
			}
			v = nv;
		}
		rc = read_nomination(st, &v[len++]);
	}
	if (rc == RS_OK && r != SQLITE_DONE)
		rc = store_fail(db, "nominations");
	store_release(db, st);
	if (rc) {
		rs_nomination_list_free(v, len);
		return rc;
	}
	*out = v;
	*n = len;
	return RS_OK;
}

rs_status rs_nomination_each_json(rs_db *db, rs_json_cb cb, void *ctx)
{
	return store_each_json(db, "SELECT " SQL_JSON_NOMINATION ", " NOMINATION_TALLY NOMINATION_FROM
				       NOMINATION_ORDER, "nominations", cb, ctx);
}

rs_status store_nomination_edit(rs_db *db, int64_t id, const char *role, const char *statement)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "UPDATE nomination SET role = coalesce(?1, role),"
					  " statement = CASE WHEN ?2 IS NULL THEN statement WHEN ?2 = ''"
					  " THEN NULL ELSE ?2 END WHERE id = ?3");
	if (rc)
		return rc;
	store_bind_text(st, 1, role, 1);
	store_bind_text(st, 2, statement, 0);
	sqlite3_bind_int64(st, 3, id);
	int r = sqlite3_step(st);
	if (r == SQLITE_CONSTRAINT || (r & 0xff) == SQLITE_CONSTRAINT)
		rc = rs_fail(RS_ERR_INVALID, "nomination %lld: the same nominator already "
					     "nominated that person as %s", (long long)id, role);
	else if (r != SQLITE_DONE)
		rc = store_fail(db, "nomination");
	store_release(db, st);
	return rc;
}

rs_status store_nomination_delete(rs_db *db, int64_t id)
{
	return store_write(db, "DELETE FROM nomination WHERE id = ?", "nomination", NULL, 1, id);
}

static void candidate_row(sqlite3_stmt *st, void *item)
{
	rs_seat_candidate *c = item;
	c->nominee_id = sqlite3_column_int64(st, 0);
	store_col_copy(st, 1, c->name, sizeof c->name);
	store_col_copy(st, 2, c->sector, sizeof c->sector);
	store_col_copy(st, 3, c->region, sizeof c->region);
	store_col_copy(st, 4, c->gender, sizeof c->gender);
	c->tally = sqlite3_column_int(st, 5);
}

rs_status store_selection_candidates(rs_db *db, const char *role, rs_seat_candidate **out,
				     size_t *n)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT n.nominee_id, e.name, e.sector, e.region, e.gender, "
					  NOMINATION_TALLY NOMINATION_FROM
					  " WHERE n.role = ?1 AND n.state IN"
					  " ('accepted', 'selected', 'not_selected')"
					  " GROUP BY n.nominee_id ORDER BY n.nominee_id");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, role, -1, SQLITE_TRANSIENT);
	return store_rows(db, st, sizeof **out, candidate_row, "nominations", (void **)out, n);
}

rs_status store_selection_seated(rs_db *db, const char *role, char **names)
{
	sqlite3_stmt *st;
	*names = NULL;
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT group_concat(name, ', ') FROM (SELECT DISTINCT"
					  " e.name, n.nominee_id FROM nomination n JOIN stakeholder e"
					  " ON e.id = n.nominee_id WHERE n.role = ?1 AND"
					  " n.state = 'selected' ORDER BY n.nominee_id)");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, role, -1, SQLITE_TRANSIENT);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
	    !(*names = store_col_dup(st, 0)))
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	else if (r != SQLITE_ROW)
		rc = store_fail(db, "nominations");
	store_release(db, st);
	return rc;
}

rs_status store_nomination_decide(rs_db *db, const char *role, int64_t nominee, int selected)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "UPDATE nomination SET state = ?1 WHERE role = ?2 AND"
					  " nominee_id = ?3 AND state IN ('accepted', 'selected',"
					  " 'not_selected') AND state <> ?1");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, selected ? "selected" : "not_selected", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, role, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, nominee);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "nomination");
	store_release(db, st);
	return rc;
}
