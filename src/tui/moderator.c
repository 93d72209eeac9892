/* The moderator's keys, from whichever pane has the focus: the floor of
 * the live item (or of the next to run, which "next" opens), its points of
 * order, its policy, and the form's requests that name no item.  Every
 * floor action names the speaker this terminal shows, so a press that raced
 * another terminal's is refused, not applied to a speech nobody here saw. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/agenda.h"
#include "rostrum/balance.h"
#include "rostrum/clock.h"
#include "rostrum/meeting.h"
#include "rostrum/queue.h"
#include "rostrum/refdata.h"
#include "rostrum/stakeholder.h"

int64_t tui_seen_holder(const tui *t)
{
	return t->speaker.active ? t->speaker.entry.id : 0;
}

/* The name of entry id, who holds the floor after the action: the entry
 * is read alone (the screen reads the list's head when it reloads). */
static void entry_name(tui *t, int64_t id, char *buf, size_t size)
{
	rs_queue_entry *v;
	size_t n;
	buf[0] = '\0';
	if (!id || rs_queue_entry_get(t->db, id, &v, &n) != RS_OK)
		return;
	if (n)
		snprintf(buf, size, "%s", v[0].name);
	rs_queue_list_free(v, n);
}

int tui_floor(tui *t, rs_floor_op op, int64_t target)
{
	return tui_floor_seen(t, op, target, tui_seen_holder(t));
}

/* What a floor action did, on the status line: who speaks now. */
static int floor_report(tui *t, rs_floor_op op, rs_status st, int64_t id)
{
	if (st != RS_OK)
		return tui_report(t, st, "%s", "");
	if (op == RS_FLOOR_PAUSE || op == RS_FLOOR_RESUME)
		return tui_report(t, st, op == RS_FLOOR_PAUSE ? "paused" : "resumed");
	/* A point of order's interruption is said as the journal says it:
	 * whose speech waits, and when it comes back. */
	const char *said = rs_action_said(t->db);
	if (strstr(said, "point of order"))
		return tui_report(t, st, "%s", said);
	if (!id)
		return tui_report(t, st, "speech ended; %s",
				  op == RS_FLOOR_END ? "n calls the next" : "nobody waiting");
	char name[200];
	entry_name(t, id, name, sizeof name);
	return tui_report(t, st, "now speaking: %s", name);
}

int tui_floor_seen(tui *t, rs_floor_op op, int64_t target, int64_t seen)
{
	int64_t id = 0;
	rs_status st = rs_queue_floor(t->db, op, target, seen, &id);
	return floor_report(t, op, st, id);
}

/* ---- calling the next speaker, and pacing's offer ------------------------ */

/* The next called after whoever seen holds the floor (0: nobody). */
static int call_next(tui *t, int64_t seen)
{
	return tui_floor_seen(t, seen ? RS_FLOOR_NEXT : RS_FLOOR_START, t->floor_item, seen);
}

/* y: the floor's time on the item becomes the offer (one journalled
 * action), then the next is called; n: the next is called and the offer
 * not made again here unless the pace asks for less; Esc: nothing. */
static int shorten_done(tui *t, void *ctx, const char *answer)
{
	(void)ctx;
	if (!answer) {
		tui_say(t, "nobody called; the floor's time unchanged");
		return DIRTY_STATUS;
	}
	if (*answer == 'n') {
		t->pace.declined = t->pace.offered;
		return call_next(t, t->pace.holder);
	}
	/* The time and the call are one action: refused (the floor changed
	 * meanwhile), neither is done. */
	int64_t id = 0;
	rs_floor_op op = t->pace.holder ? RS_FLOOR_NEXT : RS_FLOOR_START;
	rs_status st = rs_queue_floor_paced(t->db, op, t->floor_item, t->pace.holder,
					    t->pace.offered, &id);
	int dirty = floor_report(t, op, st, id);
	if (!t->message_error) { /* "the floor: 1:45 each; now speaking: ..." */
		char each[24], head[48];
		rs_duration_text(t->pace.offered, each, sizeof each);
		snprintf(head, sizeof head, "the floor: %s each; ", each);
		size_t n = strlen(head), len = strlen(t->message);
		if (n + len >= sizeof t->message)
			len = sizeof t->message - n - 1;
		memmove(t->message + n, t->message, len);
		memcpy(t->message, head, n);
		t->message[n + len] = '\0';
	}
	return dirty | DIRTY_DATA;
}

/* The figures an offer comes from, on one line of the question: "28:20
 * left, 17 waiting: 1:40 each; the floor has 3:00.", or with programme
 * speakers waiting, their own time apart: "51:40 left: 35:00 for the
 * programme's 7, 1:40 each for the floor's 10." */
static void offer_detail(const rs_pacing *p, char *buf, size_t size)
{
	char left[24], each[24], d[24];
	rs_duration_text(p->left, left, sizeof left);
	rs_duration_text(p->each, each, sizeof each);
	if (p->programme_waiting) {
		rs_duration_text(p->programme_seconds, d, sizeof d);
		snprintf(buf, size, "%s left: %s for the programme's %d, %s each for the floor's %d.",
			 left, d, p->programme_waiting, each, p->floor_waiting);
	} else {
		rs_duration_text(p->floor_seconds, d, sizeof d);
		snprintf(buf, size, "%s left, %d waiting: %s each; the floor has %s.", left,
			 p->waiting, each, d);
	}
}

/* Calling the next speaker when the floor's time would run the item past
 * its planned end first offers the time that ends it on time
 * (rs_pacing_offer), unless that offer was declined here already. */
static int next_speaker(tui *t)
{
	if (t->pace.item != t->floor_item) {
		t->pace.item = t->floor_item;
		t->pace.declined = 0;
	}
	rs_pacing p;
	int offer = 0;
	if (rs_pacing_get(t->db, t->floor_item, rs_now(), &p) == RS_OK) {
		rs_pacing_speech_ended(&p); /* n ends it: the question's figures are after it */
		offer = rs_pacing_offer(&p);
	}
	if (!offer || (t->pace.declined && offer >= t->pace.declined))
		return call_next(t, tui_seen_holder(t));
	t->pace.offered = offer;
	t->pace.holder = tui_seen_holder(t);
	char o[24], floor[24], question[96], detail[160], answers[120];
	rs_duration_text(offer, o, sizeof o);
	rs_duration_text(p.floor_seconds, floor, sizeof floor);
	snprintf(question, sizeof question, "Shorten the floor to %s each to end on time?", o);
	offer_detail(&p, detail, sizeof detail);
	snprintf(answers, sizeof answers, "y shorten, call next   n keep %s, call next   Esc call nobody",
		 floor);
	modal_ask(t, question, detail, answers, shorten_done, NULL);
	return DIRTY_STATUS;
}

/* ---- points of order ----------------------------------------------------- */

static int point_done(tui *t, void *ctx, const char *who)
{
	(void)ctx;
	if (!who)
		return DIRTY_NONE;
	rs_status st = rs_queue_add(t->db, t->floor_item, strtoll(who, NULL, 10), "point_of_order",
				    NULL);
	return tui_report(t, st, "%s, queued first", rs_action_said(t->db));
}

/* ---- the policy ------------------------------------------------------------ */

/* Values of the policy chooser: an rs_policy for the item, that plus
 * POLICY__COUNT for the meeting's, or RS_POLICY_MEETING + POLICY__COUNT*2
 * for "the item follows the meeting's". */
enum { FOLLOW = 2 * POLICY__COUNT };

static int policy_done(tui *t, void *ctx, const char *text)
{
	(void)ctx;
	if (!text)
		return DIRTY_NONE;
	int v = atoi(text);
	rs_status st;
	if (v >= POLICY__COUNT && v < FOLLOW) {
		st = rs_meeting_set_policy(t->db, (rs_policy)(v - POLICY__COUNT));
		return tui_report(t, st, "the meeting's floor: %s",
				  rs_policy_name((rs_policy)(v - POLICY__COUNT)));
	}
	rs_agenda_new none = {0};
	int policy = v == FOLLOW ? RS_POLICY_MEETING : v;
	st = rs_agenda_edit(t->db, t->floor_item, &none, policy);
	return tui_report(t, st, "the floor of %s: %s", t->floor_title,
			  v == FOLLOW ? "the meeting's policy" : rs_policy_name((rs_policy)v));
}

/* The item's own policy (RS_POLICY_MEETING when it follows the meeting's)
 * and the meeting's, as they stand; -1 each when unread. */
static void policies_now(tui *t, int *item, int *meeting)
{
	rs_agenda_item it = {0};
	rs_meeting m = {0};
	*item = *meeting = -1;
	if (t->floor_item > 0 && rs_agenda_get(t->db, t->floor_item, &it) == RS_OK) {
		*item = it.policy;
		rs_agenda_item_clear(&it);
	}
	if (rs_meeting_get(t->db, &m) == RS_OK) {
		*meeting = (int)m.policy;
		rs_meeting_clear(&m);
	}
}

static int choose_policy(tui *t)
{
	static const char *const why[POLICY__COUNT] = {
		"first come, first heard",
		"those not heard yet in the meeting first",
		"the sector, region and gender heard least first",
	};
	char rows[2 * POLICY__COUNT + 1][160];
	const char *labels[2 * POLICY__COUNT + 1];
	int64_t values[2 * POLICY__COUNT + 1];
	int n = 0, item, meeting, initial = 0;
	/* The choice as it stands is marked, and selected first: Enter alone
	 * changes nothing. */
	policies_now(t, &item, &meeting);
	for (int p = 0; p < POLICY__COUNT; p++, n++) {
		snprintf(rows[n], sizeof rows[n], "this item: %s%s (%s)", rs_policy_name(p),
			 item == p ? " (now)" : "", why[p]);
		initial = item == p ? n : initial;
		values[n] = p;
	}
	snprintf(rows[n], sizeof rows[n], "this item: follow the meeting's policy%s",
		 item == RS_POLICY_MEETING ? " (now)" : "");
	initial = item == RS_POLICY_MEETING ? n : initial;
	values[n++] = FOLLOW;
	for (int p = 0; p < POLICY__COUNT; p++, n++) {
		snprintf(rows[n], sizeof rows[n], "the meeting: %s%s (%s)", rs_policy_name(p),
			 meeting == p ? " (now)" : "", why[p]);
		values[n] = POLICY__COUNT + p;
	}
	for (int i = 0; i < n; i++)
		labels[i] = rows[i];
	char title[300];
	snprintf(title, sizeof title, "How is the floor of %s ordered?", t->floor_title);
	modal_choose(t, title, labels, values, n, initial, policy_done, NULL);
	return DIRTY_STATUS;
}

/* ---- requests to speak from the form that name no item ------------------ */

typedef struct {
	char **rows;
	int64_t *ids;
	int n, cap;
	const char *tz;
} requests;

static int collect_request(const rs_stakeholder *s, void *ctx)
{
	requests *r = ctx;
	if (r->n == r->cap) {
		int cap = r->cap ? r->cap * 2 : 16;
		char **rows = realloc(r->rows, (size_t)cap * sizeof *rows);
		int64_t *ids = rows ? realloc(r->ids, (size_t)cap * sizeof *ids) : NULL;
		if (rows)
			r->rows = rows;
		if (!rows || !ids)
			return 1;
		r->ids = ids;
		r->cap = cap;
	}
	char row[600], when[32] = "";
	if (s->registered_at >= 0)
		rs_local_format(r->tz, s->registered_at, "%d %b %H:%M", when, sizeof when);
	snprintf(row, sizeof row, "%s — %s, %s%s%s", s->name,
		 *s->organization ? s->organization : "no organisation", s->sector,
		 *when ? "; asked " : "", when);
	if (!(r->rows[r->n] = strdup(row)))
		return 1;
	r->ids[r->n++] = s->id;
	return 0;
}

static int place_done(tui *t, void *ctx, const char *who)
{
	(void)ctx;
	if (!who)
		return DIRTY_NONE;
	return tui_report_said(t, rs_queue_place_request(t->db, t->floor_item,
							 strtoll(who, NULL, 10), NULL));
}

static int choose_request(tui *t)
{
	requests r = {.tz = t->timezone};
	rs_status st = rs_queue_each_unplaced(t->db, collect_request, &r);
	int dirty = DIRTY_STATUS;
	if (st != RS_OK)
		dirty = tui_report(t, st, "%s", "");
	else if (!r.n)
		dirty = tui_report(t, rs_fail(RS_ERR_INVALID, "every request to speak from the form "
							      "is on a list"), "%s", "");
	else {
		char title[300];
		snprintf(title, sizeof title, "Requests that name no item: place one on %s",
			 t->floor_title);
		modal_choose_typed(t, title, (const char *const *)r.rows, r.ids, r.n, 0, place_done,
				   NULL);
	}
	for (int i = 0; i < r.n; i++)
		free(r.rows[i]);
	free(r.rows);
	free(r.ids);
	return dirty;
}

/* Back in the queue: someone marked absent (not in the room when called)
 * is there again.  The chooser offers those of the item's latest dealt
 * with that the state machine lets wait again, newest first; `queue
 * requeue ENTRY` reaches any. */
enum { REQUEUE_READ = 64 };

static int requeue_done(tui *t, void *ctx, const char *entry)
{
	(void)ctx;
	if (!entry)
		return DIRTY_NONE;
	return tui_report_said(t, rs_queue_requeue(t->db, strtoll(entry, NULL, 10)));
}

static int choose_requeue(tui *t)
{
	rs_queue_entry *v;
	size_t n;
	rs_status st = rs_queue_prefix(t->db, t->floor_item, 0, REQUEUE_READ, &v, &n, NULL);
	if (st != RS_OK)
		return tui_report(t, st, "%s", "");
	char (*rows)[300] = malloc((n ? n : 1) * sizeof *rows);
	const char **labels = malloc((n ? n : 1) * sizeof *labels);
	int64_t *ids = malloc((n ? n : 1) * sizeof *ids);
	int k = 0, dirty = DIRTY_STATUS;
	for (size_t i = n; rows && labels && ids && i-- > 0 && k < REQUEUE_READ;) /* newest first */
		if (rs_queue_transition_ok(v[i].state, QS_WAITING)) {
			snprintf(rows[k], sizeof rows[k], "%s — %s, %s", v[i].name,
				 *v[i].organization ? v[i].organization : "no organisation",
				 rs_queue_state_name(v[i].state));
			labels[k] = rows[k];
			ids[k++] = v[i].id;
		}
	if (!rows || !labels || !ids)
		dirty = tui_report(t, rs_fail(RS_ERR_RUNTIME, "out of memory"), "%s", "");
	else if (!k)
		dirty = tui_report(t, rs_fail(RS_ERR_INVALID, "nobody absent to put back"), "%s", "");
	else
		modal_choose_typed(t, "Back in the queue: who? (marked absent)",
				   (const char *const *)labels, ids, k, 0, requeue_done, NULL);
	free(rows);
	free(labels);
	free(ids);
	rs_queue_list_free(v, n);
	return dirty;
}

/* ---- the keys ------------------------------------------------------------------ */

int moderator_action(tui *t, tui_action a)
{
	switch (a) {
	case ACT_NEXT_SPEAKER:
	case ACT_PAUSE:
	case ACT_END_SPEECH:
	case ACT_POINT_OF_ORDER:
	case ACT_POLICY:
	case ACT_REQUESTS:
	case ACT_REQUEUE:
		break;
	case ACT_GIVE_FLOOR:
	case ACT_ABSENT:
	case ACT_WITHDRAW:
	case ACT_MOVE_UP:
	case ACT_MOVE_DOWN:
	case ACT_LANGUAGE:
	case ACT_PARTICIPATION:
		return tui_report(t, rs_fail(RS_ERR_INVALID, "%s: select the entry in Queue (3)",
					     action_help(a)),
				  "%s", "");
	default:
		return -1;
	}
	if (!t->floor_item)
		return tui_report(t, rs_fail(RS_ERR_INVALID, "no item to run: every item has ended"),
				  "%s", "");
	switch (a) {
	case ACT_NEXT_SPEAKER:
		return next_speaker(t);
	case ACT_PAUSE:
		return tui_floor(t, t->speaker.active && t->speaker.entry.state == QS_PAUSED
					    ? RS_FLOOR_RESUME
					    : RS_FLOOR_PAUSE,
				 t->floor_item);
	case ACT_END_SPEECH:
		return tui_floor(t, RS_FLOOR_END, t->floor_item);
	case ACT_POINT_OF_ORDER:
		modal_pick_stakeholder(t, "Point of order: who? (goes first)", 0, point_done, NULL);
		return DIRTY_STATUS;
	case ACT_POLICY:
		return choose_policy(t);
	case ACT_REQUEUE:
		return choose_requeue(t);
	default:
		return choose_request(t);
	}
}
