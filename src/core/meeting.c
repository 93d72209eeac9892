#include "rostrum/meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/agenda.h"
#include "rostrum/clock.h"
#include "storage.h"

rs_status rs_meeting_init(rs_db *db, const char *title, const char *date, const char *venue)
{
	if (date && *date && !rs_valid_date(date))
		return rs_fail(RS_ERR_INVALID, "--date: expected YYYY-MM-DD, got '%s'", date);
	rs_status rc = rs_action_begin(db, "meeting.init");
	if (rc)
		return rc;
	rc = store_meeting_insert(db, title && *title ? title : "Meeting", date, venue);
	return rs_action_end(db, rc, "meeting", 1, title);
}

rs_status rs_meeting_create(const char *path, const char *title, const char *date,
			    const char *venue, rs_db **out)
{
	if (date && *date && !rs_valid_date(date))
		return rs_fail(RS_ERR_INVALID, "--date: expected YYYY-MM-DD, got '%s'", date);
	rs_status rc = rs_db_create(path, out);
	if (rc)
		return rc;
	if ((rc = rs_meeting_init(*out, title, date, venue)) != RS_OK) {
		rs_db_close(*out);
		*out = NULL;
		rs_db_remove(path);
	}
	return rc;
}

void rs_meeting_clear(rs_meeting *m)
{
	free(m->title);
	free(m->date);
	free(m->venue);
	free(m->timezone);
	memset(m, 0, sizeof *m);
}

rs_status rs_meeting_get(rs_db *db, rs_meeting *m)
{
	memset(m, 0, sizeof *m);
	return store_meeting_get(db, m);
}

rs_status rs_meeting_set_policy(rs_db *db, rs_policy p)
{
	rs_status rc = rs_action_begin(db, "meeting.policy");
	if (rc)
		return rc;
	rc = store_meeting_set_policy(db, p);
	return rs_action_end(db, rc, "meeting", 1, rs_policy_name(p));
}

rs_status rs_meeting_current_item(rs_db *db, int64_t *item_id)
{
	return store_meeting_current(db, item_id);
}

rs_status rs_meeting_open_item(rs_db *db, int64_t item_id)
{
	rs_status rc = rs_action_begin(db, "agenda.open");
	if (rc)
		return rc;
	rs_agenda_item it = {0};
	int64_t current = 0;
	rc = item_id > 0 ? rs_agenda_get(db, item_id, &it) : RS_ERR_INVALID;
	if (rc == RS_ERR_INVALID)
		rs_fail(rc, "no agenda item %lld", (long long)item_id);
	if (rc == RS_OK)
		rc = store_meeting_current(db, &current);
	if (rc == RS_OK && current == item_id)
		rc = rs_fail(RS_ERR_INVALID, "'%s' is already the current item", it.title);
	if (rc == RS_OK)
		rc = store_meeting_open(db, item_id, current, rs_now());
	char summary[160];
	snprintf(summary, sizeof summary, "opened '%s'", it.title ? it.title : "");
	rs_agenda_item_clear(&it);
	return rs_action_end(db, rc, "agenda_item", item_id, summary);
}
