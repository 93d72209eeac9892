/* Many new stakeholders in one action (storage.h: store_bulk): the rows go
 * in one by one through the prepared insert, while the per-row work of
 * their triggers (a journal row, a search entry) is done per batch, set
 * against set.  The journal ends up with the same rows, in the same order. */
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "storage.h"

/* A batch this large is journalled while its rows are still in the page
 * cache. */
#define BULK_BATCH 4096
/* The new rows an import adds one by one, with their triggers, before it
 * turns to batches (a walk-in or two from the desk never does). */
#define BULK_AFTER 64

/* The triggers an insert into stakeholder fires (db.c and the v7 schema),
 * in the order of store_bulk.triggers. */
static const char *const insert_triggers[3] = {"journal_stakeholder_insert",
					       "stakeholder_fts_ai", "roster_tally_insert"};
/* The roster's indexes an import reads nothing by (it finds people by
 * email and by name), in the order of store_bulk.indexes: into a small
 * roster, they are built again after the rows, one sort each, where each
 * new row went to a place of its own in each (a tenth of a 100,000-row
 * import). */
static const char *const deferred_indexes[2] = {"stakeholder_present", "stakeholder_roster"};
#define DEFER_BELOW BULK_BATCH

/* What roster_tally_insert does, for the rows of the batch (the
 * stakeholders among them, SQL_COUNTED): each
 * dimension counted by its own GROUP BY (half the time of one over the
 * rows joined to the five dimensions), its values as SQL_DIM_VALUE's. */
#define TALLY_DIM(dim, value)                                                  \
	"SELECT '" dim "', " value ", count(*), sum(present <> 0) FROM stakeholder" \
	" WHERE id BETWEEN ?1 AND ?2 AND " SQL_COUNTED("stakeholder") " GROUP BY 2"
static const char tally_sql[] =
	"INSERT INTO roster_tally(dim, value, registered, present) SELECT * FROM ("
	TALLY_DIM("sector", "sector") " UNION ALL " TALLY_DIM("region", "coalesce(region, '')")
	" UNION ALL " TALLY_DIM("gender", "coalesce(gender, '')")
	" UNION ALL " TALLY_DIM("country", "coalesce(country, '')")
	" UNION ALL " TALLY_DIM("participation", "participation") ") WHERE true"
	" ON CONFLICT(dim, value) DO UPDATE SET registered = registered + excluded.registered,"
	" present = present + excluded.present";

/* The page cache while the batches go in: the new rows' index entries land
 * all over each index, and 2 MiB (SQLite's own) writes and reads back the
 * same pages again and again (a third of the rows' time at 100,000). */
#define BULK_CACHE_KIB 16384

/* What stakeholder_fts_ai does, for the rows of the batch. */
static const char fts_sql[] = "INSERT INTO stakeholder_fts(rowid, fold)"
			      " SELECT id, fold FROM stakeholder WHERE id BETWEEN ?1 AND ?2"
			      " ORDER BY id";

rs_status store_stakeholder_bulk_begin(rs_db *db, store_bulk *b)
{
	(void)db;
	memset(b, 0, sizeof *b);
	return RS_OK;
}

/* From here on, the rows go in batches: the triggers set aside (a change
 * of the schema inside the action, which its rollback undoes too), the
 * rows numbered as SQL_NEXT_ID would number them one after the other, as
 * nothing else adds stakeholders meanwhile. */
static rs_status go_bulk(rs_db *db, store_bulk *b)
{
	b->journal_sql = store_journal_inserts_sql(db, "stakeholder");
	rs_status rc = b->journal_sql ? RS_OK : RS_ERR_RUNTIME;
	for (int i = 0; rc == RS_OK && i < 3; i++)
		rc = store_schema_set_aside(db, "trigger", insert_triggers[i], &b->triggers[i]);
	int64_t held = 0;
	if (rc == RS_OK)
		rc = store_int_query(db, "SELECT count(*) FROM (SELECT 1 FROM stakeholder LIMIT ?)",
				     DEFER_BELOW, &held);
	for (int i = 0; rc == RS_OK && held < DEFER_BELOW && i < 2; i++)
		rc = store_schema_set_aside(db, "index", deferred_indexes[i], &b->indexes[i]);
	if (rc == RS_OK)
		rc = store_int_query(db, "SELECT " SQL_NEXT_ID("stakeholder"), 0, &b->next_id);
	if (rc == RS_OK)
		rc = store_cache_set(db, BULK_CACHE_KIB, &b->cache);
	b->bulk = 1; /* even on failure: store_stakeholder_bulk_end puts back what was set aside */
	return rc;
}

rs_status store_stakeholder_bulk_add(rs_db *db, store_bulk *b, const rs_stakeholder *s,
				     int64_t *id)
{
	/* A few rows go in as any other, their triggers firing: setting the
	 * triggers aside costs more than it saves below BULK_AFTER. */
	if (!b->bulk && b->added++ < BULK_AFTER)
		return store_stakeholder_insert(db, s, id);
	rs_status rc = b->bulk ? RS_OK : go_bulk(db, b);
	if (rc == RS_OK)
		rc = store_stakeholder_insert_as(db, s, b->next_id, id);
	if (rc)
		return rc;
	b->next_id = *id + 1;
	if (!b->first)
		b->first = *id;
	b->last = *id;
	return ++b->pending >= BULK_BATCH ? store_stakeholder_bulk_flush(db, b) : RS_OK;
}

/* Runs sql over the batch's ids. */
static rs_status over_batch(rs_db *db, const store_bulk *b, const char *sql)
{
	return store_write(db, sql, "journal", NULL, 2, b->first, b->last);
}

rs_status store_stakeholder_bulk_flush(rs_db *db, store_bulk *b)
{
	if (!b->pending)
		return RS_OK;
	rs_status rc = over_batch(db, b, b->journal_sql);
	if (rc == RS_OK)
		rc = over_batch(db, b, fts_sql);
	if (rc == RS_OK)
		rc = over_batch(db, b, tally_sql);
	b->first = b->last = 0;
	b->pending = 0;
	return rc;
}

rs_status store_stakeholder_bulk_end(rs_db *db, store_bulk *b, rs_status rc)
{
	if (!b->bulk)
		return rc;
	if (rc == RS_OK)
		rc = store_stakeholder_bulk_flush(db, b);
	/* Back in the order they were set aside, whatever happened: a failed
	 * action rolls back, which would bring them back as well. */
	for (int i = 0; i < 3; i++) {
		rs_status r = store_schema_restore(db, b->triggers[i]);
		if (rc == RS_OK)
			rc = r;
		b->triggers[i] = NULL;
	}
	for (int i = 0; i < 2; i++) {
		rs_status r = store_schema_restore(db, b->indexes[i]);
		if (rc == RS_OK)
			rc = r;
		b->indexes[i] = NULL;
	}
	sqlite3_free(b->journal_sql);
	b->journal_sql = NULL;
	if (b->cache)
		store_cache_restore(db, b->cache);
	return rc;
}
