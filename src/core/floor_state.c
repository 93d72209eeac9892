/* The floor's state in words: one rule for the TUI's status line, the
 * projector and queue stats, so that none of them says "floor open" in a
 * break or before any item is live. */
#include "rostrum/meeting.h"

#include <stdio.h>
#include <string.h>

#include "said.h"
#include "storage.h"

/* The next top-level item still to run that takes the floor, from
 * items[from] on: with none live, the first of the programme's; after a
 * break, the one that follows it. */
static void find_next(rs_floor_state *st, const rs_agenda_item *items, size_t n, size_t from)
{
	for (size_t i = from; i < n; i++)
		if (items[i].depth == 0 && items[i].ended_at < 0 && rs_agenda_takes_floor(&items[i])) {
			st->next_id = items[i].id;
			rs_agenda_item_name(&items[i], st->next, sizeof st->next);
			snprintf(st->next_at, sizeof st->next_at, "%s", items[i].start);
			return;
		}
}

/* No item live, or a break: what comes next, from the programme. */
static rs_status read_programme(rs_db *db, rs_floor_state *st)
{
	rs_agenda_item *items;
	size_t n, from = 0;
	rs_status rc = rs_agenda_list(db, &items, &n);
	if (rc)
		return rc;
	for (size_t i = 0; st->item_id && i < n; i++)
		if (items[i].id == st->item_id) {
			from = i + 1;
			snprintf(st->until, sizeof st->until, "%s", items[i].end);
		}
	find_next(st, items, n, from);
	rs_agenda_list_free(items, n);
	if (!*st->until)
		snprintf(st->until, sizeof st->until, "%s", st->next_at);
	size_t dealt;
	if (st->kind == RS_FLOOR_NO_ITEM && st->next_id)
		rc = store_queue_counts(db, st->next_id, &st->next_waiting, &dealt);
	return rc;
}

/* The live item takes the floor: whoever holds it. */
static rs_status read_holder(rs_db *db, rs_floor_state *st)
{
	rs_queue_entry *v;
	size_t n;
	rs_status rc = store_queue_load_holder(db, st->item_id, &v, &n);
	if (rc)
		return rc;
	const rs_queue_entry *h = rs_queue_holder(v, n), *cut = rs_queue_interrupted(v, n);
	st->kind = h ? RS_FLOOR_HELD : RS_FLOOR_OPEN;
	if (h) {
		said s = {0};
		said_add(&s, "%s", h->name);
		snprintf(st->holder, sizeof st->holder, "%s", s.text);
		st->paused = h->state == QS_PAUSED;
	}
	if (cut) {
		said s = {0};
		said_add(&s, "%s", cut->name);
		snprintf(st->interrupted, sizeof st->interrupted, "%s", s.text);
	}
	rs_queue_list_free(v, n);
	return RS_OK;
}

rs_status rs_floor_state_read(rs_db *db, rs_floor_state *st)
{
	memset(st, 0, sizeof *st);
	st->kind = RS_FLOOR_NO_ITEM;
	rs_status rc = store_meeting_current(db, &st->item_id);
	if (rc || !st->item_id)
		return rc ? rc : read_programme(db, st);
	rs_agenda_item it;
	if ((rc = rs_agenda_get(db, st->item_id, &it)) != RS_OK)
		return rc;
	rs_agenda_item_name(&it, st->item, sizeof st->item);
	int takes = rs_agenda_takes_floor(&it);
	rs_agenda_item_clear(&it);
	if (takes)
		return read_holder(db, st);
	st->kind = RS_FLOOR_BREAK;
	return read_programme(db, st);
}

void rs_floor_brief(const rs_floor_state *st, char *buf, size_t size)
{
	switch (st->kind) {
	case RS_FLOOR_NO_ITEM:
		snprintf(buf, size, "no item live");
		break;
	case RS_FLOOR_BREAK:
		snprintf(buf, size, *st->until ? "break to %s" : "a break", st->until);
		break;
	case RS_FLOOR_OPEN:
		snprintf(buf, size, "floor open");
		break;
	default:
		snprintf(buf, size, st->paused ? "floor paused" : "floor held");
	}
}

void rs_floor_said(const rs_floor_state *st, char *buf, size_t size)
{
	said s = {0};
	switch (st->kind) {
	case RS_FLOOR_NO_ITEM:
		if (!st->next_id)
			said_add(&s, "No item is live, and none is left to run");
		else
			said_add(&s, "No item is live yet; next: %s%s%s", st->next,
				 *st->next_at ? ", at " : "", st->next_at);
		break;
	case RS_FLOOR_BREAK:
		said_add(&s, "A break%s%s: nobody takes the floor", *st->until ? " until " : "",
			 st->until);
		if (st->next_id)
			said_add(&s, "; next: %s", st->next);
		break;
	case RS_FLOOR_OPEN:
		said_add(&s, "The floor is open");
		break;
	default:
		said_add(&s, "%s has the floor%s", st->holder, st->paused ? ", paused" : "");
		if (*st->interrupted)
			said_add(&s, " on a point of order; %s's speech resumes after it",
				 st->interrupted);
	}
	snprintf(buf, size, "%s", s.text);
}

int rs_floor_takes_speech(const rs_floor_state *st)
{
	return st->kind != RS_FLOOR_BREAK && st->kind != RS_FLOOR_NO_ITEM;
}

int rs_floor_takes_requests(const rs_floor_state *st)
{
	return st->kind != RS_FLOOR_BREAK;
}
