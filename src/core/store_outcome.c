#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strndup */
#endif
#include "store.h"
#include "storage.h"
#include "store_json.h"

#include <stdlib.h>
#include <string.h>

static rs_status step_done(rs_db *db, sqlite3_stmt *st, const char *what)
{
	rs_status rc = sqlite3_step(st) == SQLITE_DONE ? RS_OK : store_fail(db, what);
	sqlite3_reset(st);
	return rc;
}

/* What an outcome's rows of one table hold: ?2 of row i, bound by bind. */
typedef struct {
	const char *sql, *what;
	void (*bind)(sqlite3_stmt *st, const void *values, size_t i);
} child_rows;

/* A party and its place in the order entered (the lead pledger first). */
static void bind_party(sqlite3_stmt *st, const void *v, size_t i)
{
	sqlite3_bind_int64(st, 2, ((const int64_t *)v)[i]);
	sqlite3_bind_int64(st, 3, (int64_t)i);
}

static void bind_objective(sqlite3_stmt *st, const void *v, size_t i)
{
	sqlite3_bind_int(st, 2, ((const int *)v)[i]);
}

static void bind_theme(sqlite3_stmt *st, const void *v, size_t i)
{
	sqlite3_bind_text(st, 2, ((const char *const *)v)[i], -1, SQLITE_TRANSIENT);
}

/* Naming someone twice, an objective or a theme twice, means it once. */
static const child_rows parties = {
	"INSERT OR IGNORE INTO outcome_party(outcome_id, stakeholder_id, ordinal)"
	" VALUES (?, ?, ?)",
	"outcome party", bind_party};
static const child_rows objectives = {
	"INSERT OR IGNORE INTO outcome_gcm(outcome_id, objective) VALUES (?, ?)",
	"outcome objective", bind_objective};
static const child_rows themes = {
	"INSERT OR IGNORE INTO outcome_theme(outcome_id, theme)"
	" VALUES (?, trim(?, ' ' || char(9, 10)))",
	"outcome theme", bind_theme};

static rs_status add_rows(rs_db *db, int64_t id, const child_rows *c, const void *v, size_t n)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, c->sql);
	for (size_t i = 0; rc == RS_OK && i < n; i++) {
		sqlite3_bind_int64(st, 1, id);
		c->bind(st, v, i);
		rc = step_done(db, st, c->what);
	}
	if (st)
		store_release(db, st);
	return rc;
}

rs_status store_outcome_set_themes(rs_db *db, int64_t id, const char *const *themes_v, size_t n)
{
	rs_status rc = store_write(db, "DELETE FROM outcome_theme WHERE outcome_id = ?",
				   "outcome theme", NULL, 1, id);
	return rc ? rc : add_rows(db, id, &themes, themes_v, n);
}

rs_status store_outcome_response(rs_db *db, int64_t id, int64_t *response)
{
	rs_status rc = store_int_query(db, "SELECT min(id) FROM outcome WHERE responds_to = ?",
				       id, response);
	if (rc == RS_OK && *response < 0)
		*response = 0;
	return rc;
}

rs_status store_outcome_insert(rs_db *db, const rs_outcome_new *o, int64_t now, int64_t *id)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "INSERT INTO outcome(id, item_id, type, text, pledge_type,"
					  " created_at, responds_to) VALUES (" SQL_NEXT_ID("outcome")
					  ", ?, ?, ?, ?, ?, ?)");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, o->item_id);
	sqlite3_bind_text(st, 2, rs_outcome_type_name(o->type), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, o->text, -1, SQLITE_TRANSIENT);
	store_bind_text(st, 4, o->pledge_type ? rs_pledge_type_code(o->pledge_type) : NULL, 1);
	sqlite3_bind_int64(st, 5, now);
	if (o->responds_to > 0)
		sqlite3_bind_int64(st, 6, o->responds_to);
	rc = step_done(db, st, "outcome");
	store_release(db, st);
	if (rc)
		return rc;
	*id = sqlite3_last_insert_rowid(db->h);
	rc = add_rows(db, *id, &parties, o->by, o->n_by);
	if (rc == RS_OK)
		rc = add_rows(db, *id, &objectives, o->gcm, o->n_gcm);
	return rc ? rc : add_rows(db, *id, &themes, o->themes, o->n_themes);
}

rs_status store_outcome_set_parties(rs_db *db, int64_t id, const int64_t *by, size_t n)
{
	rs_status rc = store_write(db, "DELETE FROM outcome_party WHERE outcome_id = ?",
				   "outcome party", NULL, 1, id);
	return rc ? rc : add_rows(db, id, &parties, by, n);
}

rs_status store_outcome_set_objectives(rs_db *db, int64_t id, const int *gcm, size_t n)
{
	rs_status rc = store_write(db, "DELETE FROM outcome_gcm WHERE outcome_id = ?",
				   "outcome objective", NULL, 1, id);
	return rc ? rc : add_rows(db, id, &objectives, gcm, n);
}

rs_status store_outcome_set_type(rs_db *db, int64_t id, const char *pledge_type)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, "UPDATE outcome SET pledge_type = ? WHERE id = ?");
	if (rc)
		return rc;
	store_bind_text(st, 1, pledge_type, 1);
	sqlite3_bind_int64(st, 2, id);
	rc = step_done(db, st, "outcome");
	store_release(db, st);
	return rc;
}

rs_status store_outcome_set_text(rs_db *db, int64_t id, const char *text)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, "UPDATE outcome SET text = ? WHERE id = ?");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	rc = step_done(db, st, "outcome");
	store_release(db, st);
	return rc;
}

rs_status store_outcome_delete(rs_db *db, int64_t id)
{
	/* Children first, so that undo, newest change first, puts the outcome
	 * back before them. */
	static const char *const sql[] = {
		"DELETE FROM outcome_party WHERE outcome_id = ?",
		"DELETE FROM outcome_gcm WHERE outcome_id = ?",
		"DELETE FROM outcome_theme WHERE outcome_id = ?",
		"DELETE FROM outcome WHERE id = ?",
	};
	rs_status rc = RS_OK;
	for (size_t i = 0; i < sizeof sql / sizeof sql[0] && rc == RS_OK; i++)
		rc = store_write(db, sql[i], "delete outcome", NULL, 1, id);
	return rc;
}

/* Reads the comma-separated integers of a group_concat into a new array. */
static int parse_ids(const char *s, int64_t **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!s || !*s)
		return 1;
	size_t cap = 1;
	for (const char *p = s; *p; p++)
		cap += *p == ',';
	*out = malloc(cap * sizeof **out);
	if (!*out)
		return 0;
	for (char *end; *s; s = *end ? end + 1 : end)
		(*out)[(*n)++] = strtoll(s, &end, 10);
	return 1;
}

/* Themes and names arrive joined by char(30), a byte none holds (they are
 * typed text, made of printable characters): split into *v, *n of them. */
static int read_joined(const char *s, char ***v, size_t *n)
{
	size_t cap = 1;
	for (const char *p = s; p && *p; p++)
		cap += *p == '\x1e';
	if (!s || !*s)
		return 1;
	if (!(*v = calloc(cap, sizeof **v)))
		return 0;
	for (const char *p = s;; p++) {
		size_t len = strcspn(p, "\x1e");
		if (!((*v)[*n] = strndup(p, len)))
			return 0;
		(*n)++;
		p += len;
		if (!*p)
			return 1;
	}
}

/* The parties' names, joined as themes are: one for each id of o->by. */
static int read_party_names(const char *s, rs_outcome *o)
{
	if (!o->n_by)
		return 1;
	if (!(o->by_names = calloc(o->n_by, sizeof *o->by_names)))
		return 0;
	const char *p = s ? s : "";
	for (size_t i = 0; i < o->n_by; i++) {
		size_t len = strcspn(p, "\x1e");
		if (!(o->by_names[i] = strndup(p, len)))
			return 0;
		p += len + (p[len] != '\0');
	}
	return 1;
}

static int read_outcome(sqlite3_stmt *st, rs_outcome *o)
{
	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(st, 0);
	o->item_id = sqlite3_column_int64(st, 1);
	int t = 0;
	const char *type = (const char *)sqlite3_column_text(st, 2);
	while (t < OUT__COUNT && strcmp(type, rs_outcome_type_name((rs_outcome_type)t)))
		t++;
	o->type = (rs_outcome_type)t;
	o->text = store_col_dup(st, 3);
	o->pledge_type = store_col_dup(st, 4);
	o->created_at = sqlite3_column_int64(st, 5);
	int64_t *gcm64;
	size_t ngcm;
	int ok = o->text && o->pledge_type &&
		 parse_ids((const char *)sqlite3_column_text(st, 6), &o->by, &o->n_by) &&
		 parse_ids((const char *)sqlite3_column_text(st, 7), &gcm64, &ngcm);
	if (!ok)
		return 0;
	o->gcm = malloc((ngcm ? ngcm : 1) * sizeof *o->gcm);
	for (size_t i = 0; o->gcm && i < ngcm; i++)
		o->gcm[i] = (int)gcm64[i];
	o->n_gcm = ngcm;
	free(gcm64);
	o->responds_to = sqlite3_column_int64(st, 8);
	return o->gcm != NULL &&
	       read_joined((const char *)sqlite3_column_text(st, 9), &o->themes, &o->n_themes) &&
	       read_party_names((const char *)sqlite3_column_text(st, 10), o);
}

/* The columns read_outcome takes, over outcome o. */
#define SQL_OUTCOME_COLUMNS                                                    \
	"SELECT o.id, o.item_id, o.type, o.text, o.pledge_type, o.created_at,"  \
	" (SELECT group_concat(stakeholder_id) FROM (SELECT stakeholder_id"     \
	"  FROM outcome_party WHERE outcome_id = o.id ORDER BY " SQL_PARTY_ORDER("") "))," \
	" (SELECT group_concat(objective) FROM (SELECT objective"               \
	"  FROM outcome_gcm WHERE outcome_id = o.id ORDER BY objective)),"      \
	" o.responds_to,"                                                       \
	" (SELECT group_concat(theme, char(30)) FROM (SELECT theme"             \
	"  FROM outcome_theme WHERE outcome_id = o.id ORDER BY theme)),"        \
	" (SELECT group_concat(name, char(30)) FROM (SELECT coalesce(s.name,"   \
	"  p.stakeholder_id) AS name FROM outcome_party p LEFT JOIN stakeholder" \
	"  s ON s.id = p.stakeholder_id WHERE p.outcome_id = o.id"              \
	"  ORDER BY " SQL_PARTY_ORDER("p.") "))"                                \
	" FROM outcome o "

rs_status rs_outcome_get(rs_db *db, int64_t id, rs_outcome *out)
{
	sqlite3_stmt *st;
	memset(out, 0, sizeof *out);
	rs_status rc = store_prepare_kept(db, &st, SQL_OUTCOME_COLUMNS "WHERE o.id = ?");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW && !read_outcome(st, out)) {
		rs_outcome_clear(out);
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	} else if (r == SQLITE_DONE) {
		rc = rs_fail(RS_ERR_INVALID, "no outcome %lld", (long long)id);
	} else if (r != SQLITE_ROW) {
		rc = store_fail(db, "outcome");
	}
	store_release(db, st);
	return rc;
}

rs_status rs_outcome_each_json(rs_db *db, int64_t item_id, rs_json_cb cb, void *ctx)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT json_set(" SQL_JSON_OUTCOME ", '$.item', o.item_id,"
					  " '$.item_code', a.code) FROM outcome o"
					  " JOIN agenda_item a ON a.id = o.item_id"
					  " WHERE ?1 = 0 OR o.item_id = ?1 ORDER BY o.item_id, o.type, o.id");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, item_id);
	return store_json_rows(db, st, "outcomes", cb, ctx);
}

rs_status rs_outcome_list(rs_db *db, int64_t item_id, rs_outcome **out, size_t *n)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  SQL_OUTCOME_COLUMNS "WHERE ?1 = 0 OR o.item_id = ?1"
					  " ORDER BY o.item_id, o.type, o.id");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, item_id);
	rs_outcome *v = NULL;
	size_t len = 0, cap = 0;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? 2 * cap : 16;
			rs_outcome *nv = realloc(v, cap * sizeof *v);
			if (!nv)
				break;
			v = nv;
		}
		if (!read_outcome(st, &v[len++]))
			break;
	}
	if (r == SQLITE_ROW)
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	else if (r != SQLITE_DONE)
		rc = store_fail(db, "outcomes");
	store_release(db, st);
	if (rc) {
		rs_outcome_list_free(v, len);
		return rc;
	}
	*out = v;
	*n = len;
	return RS_OK;
}
