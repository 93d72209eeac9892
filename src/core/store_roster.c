/* The roster's reads: the search (FTS5 over the folded text), the views,
 * and the roster's order walked from a key (keyset pagination: the index
 * stakeholder_roster holds the order and what every view asks, so a walk
 * never reads a row it does not pass).  roster.c builds its lists on these.
 * Parameters are always bound, never spliced into SQL. */
#include "store.h"
#include "store_json.h"
#include "store_roster.h"

#include "rostrum/refdata.h"
#include "rostrum/text.h"

#include <stdlib.h>
#include <string.h>

/* The user's words as an FTS5 query: each word a quoted string (quotes
 * doubled) marked as a prefix, all of them required.  NULL (and *status
 * RS_OK) when there are no words; the result is sqlite3_free's. */
static char *fts_query(rs_db *db, const char *filter, rs_status *status)
{
	/* The words as the index holds them: folded (rs_text_fold). */
	char *folded = rs_text_fold(filter ? filter : "");
	if (!folded) {
		*status = rs_fail(RS_ERR_RUNTIME, "out of memory");
		return NULL;
	}
	sqlite3_str *q = sqlite3_str_new(db->h);
	const char *p = folded;
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
	free(folded);
	*status = sqlite3_str_errcode(q) ? rs_fail(RS_ERR_RUNTIME, "out of memory") : RS_OK;
	char *s = sqlite3_str_finish(q);
	if (!words || *status) {
		sqlite3_free(s);
		return NULL;
	}
	return s;
}

/* What a roster view asks beyond the text: ?4 present (-1 either), ?5 a
 * participation, ?6-?8 the accreditation codes it takes (NULL: any).  The
 * columns are all in stakeholder_roster, so a walk of it reads no row. */
#define SQL_VIEW                                                               \
	" AND (?4 < 0 OR s.present = ?4) AND (?5 IS NULL OR s.participation = ?5)" \
	" AND (?6 IS NULL OR s.accreditation IN (?6, ?7, ?8))"
#define SQL_MATCHING                                                           \
	" s.id IN (SELECT rowid FROM stakeholder_fts WHERE stakeholder_fts MATCH ?3)"
/* After the key ?1 (sort_key), ?2 (id) in the roster's order. */
#define SQL_AFTER " AND (s.sort_key, s.id) > (?1, ?2)"
#define SQL_ORDER " ORDER BY s.sort_key, s.id"

static void bind_view(sqlite3_stmt *st, const rs_roster_view *v)
{
	sqlite3_bind_int(st, 4, v->present < 0 ? -1 : v->present ? 1 : 0);
	store_bind_text(st, 5, v->participation, 1);
	if (!v->accreditation)
		return;
	if (strcmp(v->accreditation, "accredited")) {
		sqlite3_bind_text(st, 6, v->accreditation, -1, SQLITE_TRANSIENT);
		return;
	}
	for (size_t i = 0, k = 6; i < rs_accreditation_n && k <= 8; i++)
		if (rs_accreditation_accredited(rs_accreditations[i].code))
			sqlite3_bind_text(st, (int)k++, rs_accreditations[i].code, -1, SQLITE_STATIC);
}

/* Prepares a roster query, `with` when the view has words to search (the
 * FTS query then bound as ?3), `without` otherwise. */
static rs_status prepare_view(rs_db *db, sqlite3_stmt **st, const rs_roster_view *v,
			      const char *with, const char *without)
{
	rs_status rc;
	char *match = fts_query(db, v->text, &rc); /* ours: sqlite3_free */
	if (rc)
		return rc;
	rc = store_prepare(db, st, match ? with : without);
	if (rc) {
		sqlite3_free(match);
		return rc;
	}
	if (match)
		sqlite3_bind_text(*st, 3, match, -1, sqlite3_free);
	bind_view(*st, v);
	return RS_OK;
}

rs_status rs_roster_window(rs_db *db, const rs_roster_view *v, const rs_roster_key *after,
			   int64_t limit, rs_stakeholder_cb cb, void *ctx)
{
#define WINDOW(where, keyset)                                                  \
	"SELECT " STORE_STAKEHOLDER_COLUMNS " FROM stakeholder s WHERE" where    \
	SQL_VIEW keyset SQL_ORDER " LIMIT ?9"
	sqlite3_stmt *st;
	rs_status rc = after ? prepare_view(db, &st, v, WINDOW(SQL_MATCHING, SQL_AFTER),
					    WINDOW(" 1", SQL_AFTER))
			     : prepare_view(db, &st, v, WINDOW(SQL_MATCHING, ""), WINDOW(" 1", ""));
#undef WINDOW
	if (rc)
		return rc;
	if (after) {
		sqlite3_bind_text(st, 1, after->sort_key ? after->sort_key : "", -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, after->id);
	}
	sqlite3_bind_int64(st, 9, limit < 0 ? -1 : limit);
	return store_stakeholder_each(db, st, cb, ctx, "list stakeholders");
}

rs_status rs_stakeholder_window(rs_db *db, const char *filter, const rs_roster_key *after,
				int64_t limit, rs_stakeholder_cb cb, void *ctx)
{
	rs_roster_view v = {.text = filter, .present = -1};
	return rs_roster_window(db, &v, after, limit, cb, ctx);
}

rs_status rs_roster_each_json(rs_db *db, const rs_roster_view *v, rs_json_cb cb, void *ctx)
{
	sqlite3_stmt *st;
	rs_status rc = prepare_view(db, &st, v,
		"SELECT " SQL_JSON_STAKEHOLDER("s.email") " FROM stakeholder s WHERE" SQL_MATCHING
		SQL_VIEW " ORDER BY s.id",
		"SELECT " SQL_JSON_STAKEHOLDER("s.email") " FROM stakeholder s WHERE 1" SQL_VIEW
		" ORDER BY s.id");
	return rc ? rc : store_json_rows(db, st, "list stakeholders", cb, ctx);
}

/* ---- what roster.c's lists are made of ------------------------------------ */

rs_status store_roster_search(rs_db *db, const char *text, store_id_cb cb, void *ctx,
			      int *searched)
{
	rs_status rc;
	char *match = fts_query(db, text, &rc);
	*searched = match != NULL;
	if (!match)
		return rc;
	sqlite3_stmt *st;
	/* FTS5 gives the rowids in order; the prefix indexes answer the
	 * first one or two letters of a word from one list each. */
	rc = store_prepare_kept(db, &st,
				"SELECT rowid FROM stakeholder_fts WHERE stakeholder_fts MATCH ?1");
	if (rc) {
		sqlite3_free(match);
		return rc;
	}
	sqlite3_bind_text(st, 1, match, -1, sqlite3_free);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		cb(sqlite3_column_int64(st, 0), ctx);
	if (r != SQLITE_DONE)
		rc = store_fail(db, "search the roster");
	store_release(db, st);
	return rc;
}

rs_status store_roster_key_of(rs_db *db, int64_t id, char **key)
{
	return store_text_query(db, "SELECT sort_key FROM stakeholder WHERE id = ?", id, key);
}

rs_status store_roster_count(rs_db *db, const rs_roster_view *v, int64_t *n)
{
	int whole = v->present < 0 && !v->participation && !v->accreditation;
	sqlite3_stmt *st;
	/* A count with no WHERE is SQLite's quickest: it reads the smallest
	 * index's pages without decoding a row. */
	rs_status rc = store_prepare(db, &st, whole ? "SELECT count(*) FROM stakeholder"
						    : "SELECT count(*) FROM stakeholder s WHERE 1"
						      SQL_VIEW);
	if (rc)
		return rc;
	if (!whole)
		bind_view(st, v);
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		rc = store_fail(db, "count stakeholders");
	sqlite3_finalize(st);
	return rc;
}

/* The walks, by the view (none: no test at all), direction, and where they
 * start: at an end, after the key (exclusive), at the key (inclusive). */
#define SQL_WALK(view, keyset, order)                                          \
	"SELECT s.id, s.sort_key FROM stakeholder s INDEXED BY stakeholder_roster" \
	" WHERE 1" keyset view " ORDER BY " order
#define FORWARD "s.sort_key, s.id"
#define BACKWARD "s.sort_key DESC, s.id DESC"
#define SQL_WALKS(view)                                                        \
	{{SQL_WALK(view, "", FORWARD), SQL_WALK(view, SQL_AFTER, FORWARD),        \
	  SQL_WALK(view, " AND (s.sort_key, s.id) >= (?1, ?2)", FORWARD)},        \
	 {SQL_WALK(view, "", BACKWARD),                                           \
	  SQL_WALK(view, " AND (s.sort_key, s.id) < (?1, ?2)", BACKWARD),         \
	  SQL_WALK(view, " AND (s.sort_key, s.id) <= (?1, ?2)", BACKWARD)}}
static const char *const walk_sql[2][2][3] = {SQL_WALKS(""), SQL_WALKS(SQL_VIEW)};

struct store_roster_cursor {
	rs_db *db;
	sqlite3_stmt *st;
	char *from; /* the starting key's sort_key, bound */
};

rs_status store_roster_open(rs_db *db, const rs_roster_view *v, const rs_roster_key *from,
			    int backward, int inclusive, store_roster_cursor **out)
{
	int whole = v->present < 0 && !v->participation && !v->accreditation;
	store_roster_cursor *c = calloc(1, sizeof *c);
	*out = NULL;
	if (!c || (from && !(c->from = strdup(from->sort_key ? from->sort_key : "")))) {
		free(c);
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	c->db = db;
	rs_status rc = store_prepare(db, &c->st, walk_sql[!whole][backward ? 1 : 0]
							 [!from ? 0 : inclusive ? 2 : 1]);
	if (rc) {
		free(c->from);
		free(c);
		return rc;
	}
	if (from) {
		sqlite3_bind_text(c->st, 1, c->from, -1, SQLITE_STATIC);
		sqlite3_bind_int64(c->st, 2, from->id);
	}
	if (!whole)
		bind_view(c->st, v);
	*out = c;
	return RS_OK;
}

int store_roster_next(store_roster_cursor *c, int64_t *id)
{
	int r = sqlite3_step(c->st);
	if (r == SQLITE_ROW) {
		*id = sqlite3_column_int64(c->st, 0);
		return 1;
	}
	if (r != SQLITE_DONE) {
		store_fail(c->db, "walk the roster");
		return -1;
	}
	return 0;
}

const char *store_roster_key(store_roster_cursor *c)
{
	const unsigned char *key = sqlite3_column_text(c->st, 1);
	return key ? (const char *)key : "";
}

void store_roster_close(store_roster_cursor *c)
{
	if (!c)
		return;
	sqlite3_finalize(c->st);
	free(c->from);
	free(c);
}

rs_status store_roster_rows(rs_db *db, const int64_t *ids, size_t n, rs_stakeholder_cb cb,
			    void *ctx)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, "SELECT " STORE_STAKEHOLDER_COLUMNS
					      " FROM stakeholder s WHERE s.id = ?1");
	if (rc)
		return rc;
	for (size_t i = 0; rc == RS_OK && i < n; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		int r = sqlite3_step(st);
		if (r == SQLITE_ROW) {
			rs_stakeholder s;
			store_stakeholder_row(st, &s, 0);
			if (cb(&s, ctx))
				break;
		} else if (r != SQLITE_DONE) {
			rc = store_fail(db, "read the roster");
		}
		sqlite3_reset(st);
	}
	store_release(db, st);
	return rc;
}
