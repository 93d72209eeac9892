/* The SQL of the balance: the meeting's rules, the roster's shares (those
 * present, else those registered), the quotas, and who was heard. */
#include "store.h"
#include "storage.h"
#include "store_json.h"
#include "store_watch.h"
#include "open_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/balance.h"
#include "rostrum/clock.h"

/* The groups of a balance as it is loaded, found by (dim, value) through
 * their index: a long meeting's tallies are thousands of rows, and a
 * search of every group for each was most of a call to the floor. */
typedef struct {
	rs_balance *b;
	size_t cap; /* of b->groups */
	open_index index;
} group_set;

static size_t group_hash(const void *items, size_t k)
{
	const rs_balance_group *g = &((const rs_balance_group *)items)[k];
	return open_hash_value((int)g->dim, g->value);
}

static int group_same(const void *items, size_t k, const void *key)
{
	const rs_balance_group *g = &((const rs_balance_group *)items)[k];
	return open_value_is((int)g->dim, g->value, key);
}

/* The group (dim, value) of the balance, made with nothing heard if new;
 * NULL without memory. */
static rs_balance_group *group(group_set *s, rs_balance_dim dim, const char *value)
{
	rs_balance *b = s->b;
	char text[sizeof b->groups->value]; /* as the group keeps it */
	snprintf(text, sizeof text, "%s", value);
	open_value_key key = {(int)dim, text};
	size_t h = open_hash_value((int)dim, text);
	size_t k = open_index_find(&s->index, b->groups, group_same, h, &key, b->n_groups);
	if (k < b->n_groups)
		return &b->groups[k];
	rs_balance_group *v = store_room(b->groups, b->n_groups, &s->cap, sizeof *v);
	if (!v)
		return NULL;
	b->groups = v;
	rs_balance_group *g = &v[b->n_groups];
	memset(g, 0, sizeof *g);
	g->dim = dim;
	memcpy(g->value, text, sizeof text);
	if (!open_index_add(&s->index, v, group_hash, b->n_groups, h))
		return NULL;
	b->n_groups++;
	return g;
}

static rs_status load_rules(rs_db *db, rs_balance *b)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT balance_basis = 'time', balance_scope = 'meeting',"
					  " max_passed, migrants_first, seat_spread FROM meeting WHERE id = 1");
	if (rc)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		b->by_time = sqlite3_column_int(st, 0);
		b->scope_meeting = sqlite3_column_int(st, 1);
		b->max_passed = sqlite3_column_int(st, 2);
		b->migrants_first = sqlite3_column_int(st, 3);
		b->seat_spread = rs_seat_spread_parse((const char *)sqlite3_column_text(st, 4));
		if (b->seat_spread < 0)
			b->seat_spread = RS_SPREAD_REGION;
	} else {
		rc = rs_fail(RS_ERR_INVALID, "%s: the database has no meeting", db->path);
	}
	store_release(db, st);
	return rc;
}

/* Each dimension's values among the stakeholders present (those
 * registered while nobody has checked in), as shares: roster_tally counts
 * no other role. */
static rs_status load_targets(rs_db *db, group_set *gs)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
		"WITH n AS (SELECT sum(present) AS p, sum(registered) AS r FROM roster_tally"
		"  WHERE dim = 'sector'),"
		" base AS (SELECT dim, value, CASE WHEN n.p > 0 THEN present ELSE registered END"
		"  AS k, CASE WHEN n.p > 0 THEN n.p ELSE n.r END AS of FROM roster_tally, n)"
		" SELECT dim, value, k * 1.0 / of FROM base WHERE k > 0");
	if (rc)
		return rc;
	int r;
	while (rc == RS_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		int dim = rs_balance_dim_parse((const char *)sqlite3_column_text(st, 0));
		rs_balance_group *g = dim < 0 ? NULL
				      : group(gs, (rs_balance_dim)dim, (const char *)sqlite3_column_text(st, 1));
		if (dim >= 0 && !g)
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
		else if (g)
			g->target = sqlite3_column_double(st, 2);
	}
	if (rc == RS_OK && r != SQLITE_DONE)
		rc = store_fail(db, "balance targets");
	store_release(db, st);
	return rc;
}

/* A quota is a floor under a group's share: the larger of the two holds. */
static rs_status load_quotas(rs_db *db, group_set *gs)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, "SELECT dim, value, share FROM balance_quota");
	if (rc)
		return rc;
	int r;
	while (rc == RS_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		int dim = rs_balance_dim_parse((const char *)sqlite3_column_text(st, 0));
		rs_balance_group *g = dim < 0 ? NULL
				      : group(gs, (rs_balance_dim)dim, (const char *)sqlite3_column_text(st, 1));
		double share = sqlite3_column_double(st, 2);
		if (g)
			g->quota_share = share;
		if (g && share > g->target) {
			g->target = share;
			g->quota = 1;
		}
	}
	if (rc == RS_OK && r != SQLITE_DONE)
		rc = store_fail(db, "balance quotas");
	store_release(db, st);
	return rc;
}

/* Adds count and seconds to group (dim, value); the total once, with the
 * sector (every speech has exactly one). */
static rs_status add_heard(group_set *gs, int dim, const char *value, int64_t count,
			   int64_t seconds)
{
	rs_balance *b = gs->b;
	rs_balance_group *g = dim < 0 ? NULL : group(gs, (rs_balance_dim)dim, value);
	if (dim >= 0 && !g)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	if (!g)
		return RS_OK;
	g->count += count;
	g->seconds += seconds;
	if (dim == BAL_SECTOR) {
		b->total_count += count;
		b->total_seconds += seconds;
	}
	return RS_OK;
}

/* Which stakeholders (SQL_COUNTED: the tallies count no other role) took
 * the floor (points of order aside) on the items `items` picks
 * of floor_tally, leaving out item :excluded: the tallies of the speeches
 * ended and begun, one row an item and group (add_heard adds them up: a
 * GROUP BY was a sort at each call to the floor), and the seconds so far
 * of those going on (on every item with :live_all). */
#define SQL_HEARD(items)                                                       \
	"SELECT dim, value, count, seconds FROM floor_tally WHERE " items      \
	" AND item_id IS NOT :excluded AND (count <> 0 OR seconds <> 0)"       \
	" UNION ALL"                                                           \
	" SELECT d.dim, " SQL_DIM_VALUE("s", SQL_ENTRY_PARTICIPATION) ", 0, " SQL_SECONDS \
	" FROM queue_entry q JOIN stakeholder s ON s.id = q.stakeholder_id, " SQL_DIMS " d" \
	" WHERE q.state IN ('speaking', 'paused') AND q.kind <> 'point_of_order'" \
	" AND " SQL_COUNTED("s") \
	" AND (:item = 0 OR :live_all OR q.item_id = :item) AND q.item_id IS NOT :excluded"
static const char heard_item_sql[] = SQL_HEARD("item_id = :item");
static const char heard_all_sql[] = SQL_HEARD("1");
/* The tallies alone of every item but :item, for the balance kept. */
static const char heard_others_sql[] = "SELECT dim, value, count, seconds FROM floor_tally"
	" WHERE item_id IS NOT :item AND (count <> 0 OR seconds <> 0)";

/* Adds to gs each (dim, value, count, seconds) row of st (bound). */
static rs_status read_heard(rs_db *db, group_set *gs, sqlite3_stmt *st)
{
	rs_status rc = RS_OK;
	int r;
	while (rc == RS_OK && (r = sqlite3_step(st)) == SQLITE_ROW)
		rc = add_heard(gs, rs_balance_dim_parse((const char *)sqlite3_column_text(st, 0)),
			       (const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 2),
			       sqlite3_column_int64(st, 3));
	if (rc == RS_OK && r != SQLITE_DONE)
		rc = store_fail(db, "balance");
	store_release(db, st);
	return rc;
}

/* Who took the floor on item_id (0: anywhere), leaving out item
 * `excluded`; with live_all, the speeches going on anywhere. */
static rs_status load_heard(rs_db *db, group_set *gs, int64_t item_id, int64_t excluded,
			    int live_all)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, item_id ? heard_item_sql : heard_all_sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":item"), item_id);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":live_all"), live_all);
	if (excluded > 0)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":excluded"), excluded);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":now"), rs_now());
	return read_heard(db, gs, st);
}

/* The quotas of a dimension take their shares; its other groups share
 * what is left in their roster proportions, so that targets sum to 1. */
static void share_the_rest(rs_balance *b)
{
	for (int d = 0; d < BAL__COUNT; d++) {
		double quota = 0, rest = 0;
		for (size_t i = 0; i < b->n_groups; i++)
			if ((int)b->groups[i].dim == d)
				*(b->groups[i].quota ? &quota : &rest) += b->groups[i].target;
		if (quota <= 0 || rest <= 0)
			continue;
		double scale = quota < 1 ? (1 - quota) / rest : 0;
		for (size_t i = 0; i < b->n_groups; i++)
			if ((int)b->groups[i].dim == d && !b->groups[i].quota)
				b->groups[i].target *= scale;
	}
}

/* The targets: every group's share of those present (or registered),
 * quotas taken. */
static rs_status load_targets_all(rs_db *db, group_set *gs)
{
	rs_status rc = load_targets(db, gs);
	if (rc == RS_OK)
		rc = load_quotas(db, gs);
	if (rc == RS_OK)
		share_the_rest(gs->b);
	return rc;
}

/* scoped: item_id's speeches, or the meeting's when its rules say so. */
static rs_status balance_load(rs_db *db, int64_t item_id, int64_t excluded, int scoped,
			      rs_balance *b)
{
	memset(b, 0, sizeof *b);
	group_set gs = {.b = b};
	rs_status rc = load_rules(db, b);
	if (scoped && b->scope_meeting)
		item_id = 0;
	if (rc == RS_OK)
		rc = load_targets_all(db, &gs);
	if (rc == RS_OK)
		rc = load_heard(db, &gs, item_id, excluded, 0);
	free(gs.index.table);
	if (rc)
		rs_balance_free(b);
	return rc;
}

/* What a head's order reads of the balance besides its item's own
 * speeches, kept by the connection between calls: every group's target,
 * and what the rest of the meeting heard (one row an item and group: a
 * forum's are thousands).  Calling the next speaker changes neither, and
 * reading them was a sixth of a balanced call.  Read again after the journal shows
 * a change to anything but the item's entries and the meeting's row (whose
 * rules are read at every call), a commit it does not explain, or a
 * rollback. */
struct store_balance_kept {
	int64_t item_id; /* 0: nothing kept */
	store_kept_at at; /* when read */
	rs_balance targets;   /* the groups, nothing heard */
	open_index index;     /* of targets.groups */
	rs_balance others;    /* heard on the other items, by group */
};

/* More changes than this since the balance was kept: read it again. */
enum { KEPT_CHANGES_MAX = 64 };

static void kept_forget(store_balance_kept *k)
{
	rs_balance_free(&k->targets);
	rs_balance_free(&k->others);
	free(k->index.table);
	memset(k, 0, sizeof *k);
}

void store_balance_detach(rs_db *db)
{
	if (!db->balance)
		return;
	kept_forget(db->balance);
	free(db->balance);
	db->balance = NULL;
}

/* *still 1 when the journal's changes after k->at leave what k
 * keeps as it was: at most KEPT_CHANGES_MAX of them, each an entry of
 * item_id's before and after, or the meeting's row. */
static rs_status kept_still(rs_db *db, const store_balance_kept *k, int64_t item_id, int *still)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
		"SELECT count(*), coalesce(sum(NOT (tbl = 'meeting' OR (tbl = 'queue_entry'"
		"  AND coalesce(json_extract(new, '$.item_id'), ?2) = ?2"
		"  AND coalesce(json_extract(old, '$.item_id'), ?2) = ?2))), 0)"
		" FROM (SELECT tbl, old, new FROM change WHERE id > ?1 ORDER BY id LIMIT ?3)");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, k->at.change_id);
	sqlite3_bind_int64(st, 2, item_id);
	sqlite3_bind_int(st, 3, KEPT_CHANGES_MAX + 1);
	if (sqlite3_step(st) == SQLITE_ROW)
		*still = sqlite3_column_int(st, 0) <= KEPT_CHANGES_MAX &&
			 sqlite3_column_int(st, 1) == 0;
	else
		rc = store_fail(db, "read the journal");
	store_release(db, st);
	return rc;
}

/* k read again for item_id. */
static rs_status kept_read(rs_db *db, store_balance_kept *k, int64_t item_id)
{
	kept_forget(k);
	group_set targets = {.b = &k->targets}, others = {.b = &k->others};
	rs_status rc = load_targets_all(db, &targets);
	sqlite3_stmt *st;
	if (rc == RS_OK && (rc = store_prepare_kept(db, &st, heard_others_sql)) == RS_OK) {
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":item"), item_id);
		rc = read_heard(db, &others, st);
	}
	free(others.index.table);
	k->index = targets.index;
	if (rc)
		kept_forget(k);
	else
		k->item_id = item_id;
	return rc;
}

/* The balance kept for item_id, read again unless the journal says it
 * holds still. */
static rs_status kept_for(rs_db *db, int64_t item_id, const store_balance_kept **out)
{
	if (!db->balance && !(db->balance = calloc(1, sizeof *db->balance)))
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	store_balance_kept *k = db->balance;
	store_kept_at now;
	store_kept_state state;
	rs_status rc = store_kept_check(db, &k->at, &now, &state);
	int still = rc == RS_OK && k->item_id == item_id && state != STORE_KEPT_LOST;
	if (still && state == STORE_KEPT_CHANGES)
		rc = kept_still(db, k, item_id, &still);
	if (rc == RS_OK && !still)
		rc = kept_read(db, k, item_id);
	k->at = now;
	if (rc)
		kept_forget(k);
	*out = k;
	return rc;
}

/* A copy of k's groups and their index into gs. */
static rs_status kept_copy(const store_balance_kept *k, group_set *gs)
{
	rs_balance *b = gs->b;
	size_t n = k->targets.n_groups, slots = k->index.table ? k->index.mask + 1 : 0;
	b->groups = malloc((n ? n : 1) * sizeof *b->groups);
	gs->index.table = slots ? malloc(slots * sizeof *gs->index.table) : NULL;
	if (!b->groups || (slots && !gs->index.table))
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	memcpy(b->groups, k->targets.groups, n * sizeof *b->groups);
	if (slots)
		memcpy(gs->index.table, k->index.table, slots * sizeof *gs->index.table);
	gs->index.mask = k->index.mask;
	b->n_groups = gs->cap = n;
	return RS_OK;
}

/* The balance a head's order reads (the item's, or the meeting's), its
 * targets and the other items' tallies as kept. */
static rs_status balance_load_head(rs_db *db, int64_t item_id, rs_balance *b)
{
	memset(b, 0, sizeof *b);
	group_set gs = {.b = b};
	const store_balance_kept *k = NULL;
	rs_status rc = load_rules(db, b);
	if (rc == RS_OK)
		rc = kept_for(db, item_id, &k);
	if (rc == RS_OK)
		rc = kept_copy(k, &gs);
	for (size_t i = 0; rc == RS_OK && b->scope_meeting && i < k->others.n_groups; i++) {
		const rs_balance_group *g = &k->others.groups[i];
		rc = add_heard(&gs, (int)g->dim, g->value, g->count, g->seconds);
	}
	if (rc == RS_OK)
		rc = load_heard(db, &gs, item_id, 0, b->scope_meeting);
	free(gs.index.table);
	if (rc)
		rs_balance_free(b);
	return rc;
}

rs_status rs_balance_load(rs_db *db, int64_t item_id, int64_t excluded, rs_balance *b)
{
	return balance_load(db, item_id, excluded, 0, b);
}

rs_status rs_balance_load_scoped(rs_db *db, int64_t item_id, int64_t excluded, rs_balance *b)
{
	if (item_id > 0 && excluded == 0)
		return balance_load_head(db, item_id, b);
	return balance_load(db, item_id, excluded, 1, b);
}

void rs_balance_free(rs_balance *b)
{
	free(b->groups);
	memset(b, 0, sizeof *b);
}

rs_status store_balance_set_quota(rs_db *db, rs_balance_dim dim, const char *value, double share)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  share > 0 ? "INSERT INTO balance_quota(dim, value, share) VALUES"
						 " (?1, ?2, ?3) ON CONFLICT(dim, value) DO UPDATE SET"
						 " share = excluded.share"
					       : "DELETE FROM balance_quota WHERE dim = ?1 AND value = ?2");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, rs_balance_dim_name(dim), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
	if (share > 0)
		sqlite3_bind_double(st, 3, share);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "quota");
	store_release(db, st);
	return rc;
}

rs_status store_balance_set_rules(rs_db *db, int by_time, int scope_meeting, int max_passed,
				  int migrants_first)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "UPDATE meeting SET"
					  " balance_basis = coalesce(?1, balance_basis),"
					  " balance_scope = coalesce(?2, balance_scope),"
					  " max_passed = coalesce(?3, max_passed),"
					  " migrants_first = coalesce(?4, migrants_first) WHERE id = 1");
	if (rc)
		return rc;
	if (by_time >= 0)
		sqlite3_bind_text(st, 1, by_time ? "time" : "interventions", -1, SQLITE_STATIC);
	if (scope_meeting >= 0)
		sqlite3_bind_text(st, 2, scope_meeting ? "meeting" : "item", -1, SQLITE_STATIC);
	if (max_passed >= 0)
		sqlite3_bind_int(st, 3, max_passed);
	if (migrants_first >= 0)
		sqlite3_bind_int(st, 4, migrants_first);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "balance rules");
	store_release(db, st);
	return rc;
}

static rs_status set_seats(rs_db *db, const rs_role_seats *r)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  r->seats > 0 ? "INSERT INTO role_seats(role, seats) VALUES (?1, ?2)"
						    " ON CONFLICT(role) DO UPDATE SET seats = excluded.seats"
						  : "DELETE FROM role_seats WHERE role = ?1");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, r->role, -1, SQLITE_TRANSIENT);
	if (r->seats > 0)
		sqlite3_bind_int(st, 2, r->seats);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "seats");
	store_release(db, st);
	return rc;
}

/* The quotas of a dimension, old and new together, fit in 100%. */
static rs_status check_quota_sums(rs_db *db)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  "SELECT dim FROM balance_quota GROUP BY dim"
					  " HAVING sum(share) > 1.000001 LIMIT 1");
	if (rc)
		return rc;
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		rc = rs_fail(RS_ERR_INVALID, "--quota: the %s quotas add up to more than 100%%",
			     (const char *)sqlite3_column_text(st, 0));
	else if (r != SQLITE_DONE)
		rc = store_fail(db, "quotas");
	store_release(db, st);
	return rc;
}

static rs_status set_seat_spread(rs_db *db, const char *spread)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, "UPDATE meeting SET seat_spread = ? WHERE id = 1");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, spread, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "seat spread");
	store_release(db, st);
	return rc;
}

rs_status store_balance_apply(rs_db *db, const rs_balance_change *c)
{
	rs_status rc = store_balance_set_rules(db, c->by_time, c->scope_meeting, c->max_passed,
					       c->migrants_first);
	if (rc == RS_OK && c->seat_spread)
		rc = set_seat_spread(db, c->seat_spread);
	for (size_t i = 0; rc == RS_OK && i < c->n_quotas; i++)
		rc = store_balance_set_quota(db, c->quotas[i].dim, c->quotas[i].value,
					     c->quotas[i].share);
	for (size_t i = 0; rc == RS_OK && i < c->n_seats; i++)
		rc = set_seats(db, &c->seats[i]);
	return rc ? rc : check_quota_sums(db);
}

rs_status rs_balance_seats(rs_db *db, const char *role, int *seats)
{
	sqlite3_stmt *st;
	*seats = 1;
	rs_status rc = store_prepare_kept(db, &st, "SELECT seats FROM role_seats WHERE role = ?1");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, role, -1, SQLITE_TRANSIENT);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		*seats = sqlite3_column_int(st, 0);
	else if (r != SQLITE_DONE)
		rc = store_fail(db, "seats");
	store_release(db, st);
	return rc;
}

/* The waiting that go before the floor, by kind: a few rows of the front
 * index.  Every waiting entry of a kind other than the floor's is among
 * them (a programme kind has its place in the programme, a reply the
 * speech it answers: SQL_FRONT), so the rest, however many, are counted in
 * the order's index (10,000 waiting: no row of theirs read).  Each kind
 * with a time of its own counts at its speaking time on the item, as the
 * clock allots it (SQL_KIND_SECONDS). */
static const char pacing_sql[] =
	"WITH front AS (SELECT q.kind, count(*) AS n FROM queue_entry q"
	"  INDEXED BY queue_entry_front WHERE q.item_id = ?1 AND q.state = 'waiting'"
	"  AND " SQL_FRONT("q") " GROUP BY q.kind),"
	" own AS (SELECT kind, n FROM front WHERE kind <> 'floor' AND kind <> 'point_of_order')"
	" SELECT " SQL_WAITING_COUNT("?1")
	" - coalesce((SELECT n FROM front WHERE kind = 'point_of_order'), 0),"
	" (SELECT coalesce(sum(n), 0) FROM own),"
	" (SELECT coalesce(sum(n * " SQL_KIND_SECONDS("?1", "own.kind") "), 0) FROM own),"
	" " SQL_KIND_SECONDS("?1", "'floor'") ","
	/* Whoever holds the floor, by the index of those holding it. */
	" h.state = 'paused', coalesce(h.started_at, -1), coalesce(h.paused_at, -1),"
	" h.paused_seconds, coalesce(h.allotted, " SQL_SETTING_ALLOTTED("h") ")"
	" FROM (SELECT 1) LEFT JOIN queue_entry h INDEXED BY queue_entry_holding"
	"  ON h.item_id = ?1 AND h.state IN ('speaking', 'paused')"
	/* A point of order interrupting a speech holds the floor: its clock. */
	" ORDER BY h.kind = 'point_of_order' DESC LIMIT 1";

/* The holder's times as the countdown reads them (rs_queue_countdown). */
static void pacing_holder(sqlite3_stmt *st, rs_queue_entry *h)
{
	memset(h, 0, sizeof *h);
	h->state = sqlite3_column_int(st, 4) ? QS_PAUSED : QS_SPEAKING;
	h->started_at = sqlite3_column_int64(st, 5);
	h->paused_at = sqlite3_column_int64(st, 6);
	h->ended_at = -1;
	h->paused_seconds = sqlite3_column_int64(st, 7);
	h->allotted = sqlite3_column_int(st, 8);
}

rs_status store_pacing(rs_db *db, int64_t item_id, rs_pacing *p, rs_queue_entry *holder,
		       int *held)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, pacing_sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, item_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		p->waiting = sqlite3_column_int(st, 0);
		p->programme_waiting = sqlite3_column_int(st, 1);
		p->programme_seconds = sqlite3_column_int64(st, 2);
		p->floor_seconds = sqlite3_column_int(st, 3);
		*held = sqlite3_column_type(st, 4) != SQLITE_NULL;
		pacing_holder(st, holder);
	} else {
		rc = store_fail(db, "pacing");
	}
	store_release(db, st);
	return rc;
}

rs_status store_item_speaking_time(rs_db *db, int64_t item_id, const char *kind, int seconds)
{
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st,
					  seconds > 0 ? "INSERT INTO item_speaking_time(item_id, kind, seconds)"
						   " VALUES (?1, ?2, ?3) ON CONFLICT(item_id, kind)"
						   " DO UPDATE SET seconds = excluded.seconds"
						 : "DELETE FROM item_speaking_time WHERE item_id = ?1"
						   " AND kind = ?2");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_TRANSIENT);
	if (seconds > 0)
		sqlite3_bind_int(st, 3, seconds);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(db, "item speaking time");
	store_release(db, st);
	return rc;
}

rs_status store_seat_spread(rs_db *db, int *bits)
{
	int64_t v;
	sqlite3_stmt *st;
	rs_status rc = store_prepare_kept(db, &st, "SELECT seat_spread FROM meeting WHERE id = 1");
	if (rc)
		return rc;
	*bits = RS_SPREAD_REGION;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (v = rs_seat_spread_parse((const char *)sqlite3_column_text(st, 0))) >= 0)
		*bits = (int)v;
	store_release(db, st);
	return RS_OK;
}
