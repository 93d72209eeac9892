/* What changed since a screen last looked (watch.h): the journal's rows
 * after the last one seen, by table, and the items whose lists they are
 * on.  A burst of changes longer than a screen would re-read anyway (an
 * import) is taken as a change to everything. */
#include "rostrum/watch.h"
#include "store_watch.h"

#include <string.h>

/* Rows of the journal read one by one; past this, everything changed. */
enum { WATCH_ROWS = 256, WATCH_PEOPLE = 16 };

static const struct {
	const char *tbl;
	unsigned what;
} tables[] = {
	{"meeting", RS_CHANGED_MEETING},       {"speaking_time", RS_CHANGED_MEETING},
	{"balance_quota", RS_CHANGED_MEETING}, {"role_seats", RS_CHANGED_MEETING},
	{"meeting_link", RS_CHANGED_MEETING},  {"agenda_item", RS_CHANGED_AGENDA},
	{"item_speaking_time", RS_CHANGED_AGENDA | RS_CHANGED_QUEUE},
	{"stakeholder", RS_CHANGED_ROSTER},    {"queue_entry", RS_CHANGED_QUEUE},
	{"queue_transition", RS_CHANGED_QUEUE}, {"nomination", RS_CHANGED_NOMINATIONS},
	{"outcome", RS_CHANGED_OUTCOMES},      {"outcome_party", RS_CHANGED_OUTCOMES},
	{"outcome_gcm", RS_CHANGED_OUTCOMES},  {"outcome_theme", RS_CHANGED_OUTCOMES},
};

int rs_changes_item(const rs_changes *c, int64_t item)
{
	if (c->all_items)
		return 1;
	for (int i = 0; i < c->n_items; i++)
		if (c->items[i] == item)
			return 1;
	return 0;
}

int rs_changes_touch(const rs_changes *c, unsigned what, int64_t item)
{
	unsigned hit = c->what & what;
	unsigned listed = hit & (RS_CHANGED_QUEUE | RS_CHANGED_ROSTER);
	if (item >= 0 && listed && !rs_changes_item(c, item))
		hit &= ~listed;
	return hit != 0;
}

static void add_item(int64_t item, void *ctx)
{
	rs_changes *c = ctx;
	if (rs_changes_item(c, item))
		return;
	if (c->n_items == RS_CHANGED_ITEMS)
		c->all_items = 1;
	else
		c->items[c->n_items++] = item;
}

typedef struct {
	rs_changes *c;
	int64_t people[WATCH_PEOPLE];
	int n_people;
} reading;

static void add_change(const char *tbl, int64_t row_id, int64_t item, void *ctx)
{
	reading *r = ctx;
	unsigned what = RS_CHANGED_ALL;
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
		if (!strcmp(tbl, tables[i].tbl))
			what = tables[i].what;
	r->c->what |= what;
	if (what == RS_CHANGED_ALL)
		r->c->all_items = 1;
	else if (item > 0)
		add_item(item, r->c);
	else if (what & RS_CHANGED_QUEUE)
		r->c->all_items = 1; /* an entry whose item is not known */
	if (what == RS_CHANGED_ROSTER && r->n_people < WATCH_PEOPLE)
		r->people[r->n_people++] = row_id;
	else if (what == RS_CHANGED_ROSTER)
		r->c->all_items = 1;
}

rs_status rs_watch_start(rs_db *db, rs_watch *w)
{
	w->data_version = rs_db_data_version(db);
	return store_watch_mark(db, &w->change_id, &w->event_id);
}

int rs_watch_moved(rs_db *db, const rs_watch *w)
{
	return rs_db_data_version(db) != w->data_version;
}

rs_status rs_watch_poll(rs_db *db, rs_watch *w, rs_changes *c)
{
	memset(c, 0, sizeof *c);
	int64_t version, change_id, event_id;
	rs_db_read_begin(db);
	rs_status rc = store_watch_mark(db, &change_id, &event_id);
	/* Read in the same snapshot as the marks: a commit after them is
	 * the next poll's. */
	version = rs_db_data_version(db);
	reading r = {.c = c};
	int more = 0;
	int64_t last = w->change_id;
	if (rc == RS_OK && change_id > w->change_id)
		rc = store_watch_changes(db, w->change_id, WATCH_ROWS, add_change, &r, &last, &more);
	/* Those whose names and ways the lists show: the items they are on. */
	for (int i = 0; rc == RS_OK && !more && !c->all_items && i < r.n_people; i++)
		rc = store_watch_person_items(db, r.people[i], add_item, c);
	rs_db_read_end(db);
	if (rc)
		return rc;
	/* Nothing in the journal, yet another connection committed (the file
	 * written by other means); or too much to say item by item. */
	int unexplained = version != w->data_version && change_id == w->change_id &&
			  event_id == w->event_id;
	if (more || unexplained || change_id < w->change_id) {
		c->what = RS_CHANGED_ALL;
		c->all_items = 1;
	}
	*w = (rs_watch){version, change_id, event_id};
	return RS_OK;
}
