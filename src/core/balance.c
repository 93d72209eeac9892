/* The balance of the floor as figures (the equity view, `queue stats`) and
 * the pacing of an item.  The SQL is in store_balance.c. */
#include "rostrum/balance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"
#include "rostrum/meeting.h"
#include "rostrum/refdata.h"
#include "rostrum/text.h"
#include "storage.h"
#include "said.h"

static const char *const dim_names[BAL__COUNT] = {"sector", "region", "gender", "country",
						  "participation"};

const char *rs_balance_dim_name(rs_balance_dim d)
{
	return d < BAL__COUNT ? dim_names[d] : "";
}

int rs_balance_dim_parse(const char *s)
{
	for (int d = 0; s && d < BAL__COUNT; d++)
		if (!strcmp(s, dim_names[d]))
			return d;
	return -1;
}

const char *rs_balance_label(rs_balance_dim dim, const char *value)
{
	value = value ? value : "";
	if (dim == BAL_SECTOR && *value) {
		const char *label = rs_sector_label(value);
		return label ? label : value;
	}
	if (dim == BAL_PARTICIPATION)
		return *value ? rs_participation_label(value) : "Participation not given";
	if (dim == BAL_GENDER)
		return rs_gender_label(value); /* the report's words, "Women" */
	if (*value)
		return value;
	return dim == BAL_REGION    ? "Region not given"
	       : dim == BAL_COUNTRY ? "Country not given"
				    : "Sector not given";
}

const char *rs_balance_group_label(const rs_balance_group *g)
{
	return rs_balance_label(g->dim, g->value);
}

double rs_balance_share(const rs_balance *b, const rs_balance_group *g, int by_time)
{
	if (by_time)
		return b->total_seconds ? (double)g->seconds / (double)b->total_seconds : 0;
	return b->total_count ? (double)g->count / (double)b->total_count : 0;
}

/* By dimension; within one, the largest target first, then the most
 * heard, then by name: the order of the equity view and the JSON. */
static int cmp_group(const void *pa, const void *pb)
{
	const rs_balance_group *a = pa, *b = pb;
	if (a->dim != b->dim)
		return a->dim < b->dim ? -1 : 1;
	if (a->target != b->target)
		return a->target > b->target ? -1 : 1;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->value, b->value);
}

rs_status rs_balance_stats(rs_db *db, int64_t item_id, rs_balance *b)
{
	rs_status rc = rs_balance_load(db, item_id, 0, b);
	if (rc == RS_OK)
		qsort(b->groups, b->n_groups, sizeof *b->groups, cmp_group);
	return rc;
}

const char *rs_balance_whom(void)
{
	return "stakeholders only: Member States, the UN system and organisers keep their "
	       "first-come place and are not counted";
}

static void json_number(FILE *f, const char *key, double v)
{
	fprintf(f, "\"%s\":%.17g", key, v);
}

static void json_group(FILE *f, const rs_balance *b, const rs_balance_group *g)
{
	fputs("{\"value\":", f);
	rs_json_write_string(f, g->value);
	fputs(",\"label\":", f);
	rs_json_write_string(f, rs_balance_group_label(g));
	fputc(',', f);
	json_number(f, "target", g->target);
	fprintf(f, ",\"quota\":%s,\"interventions\":%lld,", g->quota ? "true" : "false",
		(long long)g->count);
	json_number(f, "share_interventions", rs_balance_share(b, g, 0));
	fprintf(f, ",\"seconds\":%lld,", (long long)g->seconds);
	json_number(f, "share_time", rs_balance_share(b, g, 1));
	fputc(',', f);
	json_number(f, "gap", rs_balance_share(b, g, b->by_time) - g->target);
	fprintf(f, ",\"heard\":%s}", g->count ? "true" : "false");
}

static void json_pacing(FILE *f, const rs_pacing *p)
{
	fprintf(f,
		",\"pacing\":{\"planned\":%s,\"left\":%lld,\"waiting\":%d,\"each\":%lld,"
		"\"floor_seconds\":%d,\"offer\":%d,\"floor_waiting\":%d,"
		"\"programme_waiting\":%d,\"programme_seconds\":%lld,\"programme_over\":%lld,"
		"\"holder_left\":%lld,\"ended\":%s}",
		p->planned ? "true" : "false", (long long)p->left, p->waiting, (long long)p->each,
		p->floor_seconds, rs_pacing_offer(p), p->floor_waiting, p->programme_waiting,
		(long long)p->programme_seconds, (long long)p->programme_over,
		(long long)p->holder_left, p->ended ? "true" : "false");
}

/* floor: the floor now in words, as the text form's first line says it
 * (rs_floor_said). */
static void json_stats(FILE *f, int64_t item_id, const char *floor, const rs_balance *b,
		       const rs_pacing *p)
{
	if (item_id)
		fprintf(f, "{\"item\":%lld,", (long long)item_id);
	else
		fputs("{\"item\":null,", f);
	fputs("\"floor\":", f);
	rs_json_write_string(f, floor);
	fputc(',', f);
	fprintf(f,
		"\"basis\":\"%s\",\"scope\":\"%s\",\"max_passed\":%d,\"migrants_first\":%s,"
		"\"total_interventions\":%lld,\"total_seconds\":%lld",
		b->by_time ? "time" : "interventions", b->scope_meeting ? "meeting" : "item",
		b->max_passed, b->migrants_first ? "true" : "false", (long long)b->total_count,
		(long long)b->total_seconds);
	if (p)
		json_pacing(f, p);
	for (int d = 0; d < BAL__COUNT; d++) {
		fprintf(f, ",\"by_%s\":[", dim_names[d]);
		int first = 1;
		for (size_t i = 0; i < b->n_groups; i++) {
			if ((int)b->groups[i].dim != d)
				continue;
			if (!first)
				fputc(',', f);
			first = 0;
			json_group(f, b, &b->groups[i]);
		}
		fputc(']', f);
	}
	fputc('}', f);
}

rs_status rs_balance_stats_json(rs_db *db, int64_t item_id, int64_t now, rs_json_cb cb,
				void *ctx)
{
	rs_balance b;
	rs_pacing p;
	rs_floor_state floor;
	char said[RS_SUMMARY_MAX];
	rs_status rc = item_id ? rs_pacing_get(db, item_id, now, &p) : RS_OK;
	if (rc == RS_OK)
		rc = rs_floor_state_read(db, &floor);
	if (rc == RS_OK)
		rc = rs_balance_stats(db, item_id, &b);
	if (rc)
		return rc;
	rs_floor_said(&floor, said, sizeof said);
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	if (!f) {
		rs_balance_free(&b);
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	json_stats(f, item_id, said, &b, item_id ? &p : NULL);
	int bad = fclose(f) != 0;
	rs_balance_free(&b);
	if (bad || !buf) {
		free(buf);
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	if (cb(buf, ctx))
		rc = rs_fail(RS_ERR_RUNTIME, "cannot write the statistics");
	free(buf);
	return rc;
}

static rs_status check_quota(rs_quota *q, double *sum)
{
	if (!q->value || !*q->value)
		return rs_fail(RS_ERR_INVALID, "--quota: %s: a quota needs a value",
			       rs_balance_dim_name(q->dim));
	if (q->dim == BAL_PARTICIPATION)
		return rs_fail(RS_ERR_INVALID, "--quota: participation is shown, not balanced: no"
					       " quota");
	if (q->dim == BAL_SECTOR && !(q->value = rs_sector_code(q->value)))
		return rs_fail(RS_ERR_INVALID, "--quota: sector: unknown sector");
	if (q->dim == BAL_REGION && !(q->value = rs_region_canonical(q->value)))
		return rs_fail(RS_ERR_INVALID, "--quota: region: unknown region");
	if (q->share < 0 || q->share > 1)
		return rs_fail(RS_ERR_INVALID, "--quota: %s %s: a share from 0%% to 100%%",
			       rs_balance_dim_name(q->dim), q->value);
	sum[q->dim] += q->share;
	return RS_OK;
}

int rs_seat_spread_parse(const char *s)
{
	if (!strcmp(s, "none"))
		return 0;
	int bits = 0;
	const char *p = s;
	for (;;) {
		size_t len = strcspn(p, ",");
		int dim = -1;
		for (int d = BAL_SECTOR; d <= BAL_GENDER; d++)
			if (len == strlen(rs_balance_dim_name((rs_balance_dim)d)) &&
			    !strncmp(p, rs_balance_dim_name((rs_balance_dim)d), len))
				dim = d;
		if (dim < 0 || bits & (1 << dim))
			return -1;
		bits |= 1 << dim;
		if (!p[len])
			return bits;
		p += len + 1;
	}
}

const char *rs_seat_spread_name(int bits)
{
	static const char *const names[] = {
		"none",	  "sector",	   "region",	    "sector,region",
		"gender", "sector,gender", "region,gender", "sector,region,gender",
	};
	return names[bits & 7];
}

rs_status rs_balance_check(rs_balance_change *c)
{
	int spread = c->seat_spread ? rs_seat_spread_parse(c->seat_spread) : 0;
	if (spread < 0)
		return rs_fail(RS_ERR_INVALID, "--seat-spread: 'none', or sector, region and gender"
					       " joined by commas, not '%s'", c->seat_spread);
	if (c->seat_spread)
		c->seat_spread = rs_seat_spread_name(spread);
	if (c->max_passed > RS_MAX_PASSED)
		return rs_fail(RS_ERR_INVALID, "--max-passed: from 0 to %d places, not %d",
			       RS_MAX_PASSED, c->max_passed);
	double sum[BAL__COUNT] = {0};
	for (size_t i = 0; i < c->n_quotas; i++) {
		rs_status rc = check_quota(&c->quotas[i], sum);
		if (rc)
			return rc;
	}
	for (int d = 0; d < BAL__COUNT; d++)
		if (sum[d] > 1 + 1e-9)
			return rs_fail(RS_ERR_INVALID, "--quota: the %s quotas add up to more than 100%%",
				       dim_names[d]);
	for (size_t i = 0; i < c->n_seats; i++) {
		if (!c->seats[i].role || !*c->seats[i].role)
			return rs_fail(RS_ERR_INVALID, "--seats: a role needs a name");
		if (c->seats[i].seats < 0 || c->seats[i].seats > RS_MAX_SEATS)
			return rs_fail(RS_ERR_INVALID, "--seats: %s: from 1 to %d seats (0: one, the"
						       " default), not %d",
				       c->seats[i].role, RS_MAX_SEATS, c->seats[i].seats);
	}
	return RS_OK;
}

/* What the time left gives the floor once the programme's speakers have
 * had their own: each one's share (0 when nobody from the floor waits, the
 * item has no planned end or nothing is left), and how far the programme
 * alone runs past the end. */
static int64_t pacing_rest(const rs_pacing *p)
{
	return p->left - p->holder_left - p->programme_seconds;
}

static void pacing_share(rs_pacing *p)
{
	int64_t rest = pacing_rest(p);
	p->each = p->planned && p->floor_waiting > 0 && rest > 0 ? rest / p->floor_waiting : 0;
	p->programme_over = p->planned && p->left >= 0 && p->programme_waiting && rest < 0 ? -rest
												  : 0;
}

rs_status rs_pacing_get(rs_db *db, int64_t item_id, int64_t now, rs_pacing *p)
{
	memset(p, 0, sizeof *p);
	rs_meeting m;
	rs_agenda_item it;
	rs_status rc = rs_meeting_get_with_item(db, item_id, &m, &it);
	if (rc)
		return rc;
	int64_t end = it.ended_at >= 0 ? -1 : rs_agenda_planned_end(&m, &it, now);
	p->ended = it.ended_at >= 0;
	rs_agenda_item_clear(&it);
	rs_meeting_clear(&m);
	rs_queue_entry holder;
	int held = 0;
	rc = store_pacing(db, item_id, p, &holder, &held);
	if (rc)
		return rc;
	if (held) {
		rs_countdown c = rs_queue_countdown(&holder, 0, now);
		p->holder_left = c.left > 0 ? c.left : 0;
		p->holder_running = !c.paused;
	}
	p->floor_waiting = p->waiting - p->programme_waiting;
	p->planned = end >= 0;
	p->left = p->planned ? end - now : 0;
	pacing_share(p);
	return RS_OK;
}

void rs_pacing_advance(rs_pacing *p, int64_t seconds)
{
	if (!p->planned)
		return;
	p->left -= seconds;
	if (p->holder_running)
		p->holder_left = p->holder_left > seconds ? p->holder_left - seconds : 0;
	pacing_share(p);
}

void rs_pacing_speech_ended(rs_pacing *p)
{
	p->holder_left = 0;
	p->holder_running = 0;
	pacing_share(p);
}

int rs_pacing_offer(const rs_pacing *p)
{
	/* The offer comes with a call, which ends the speech now: its time
	 * left goes back to those waiting. */
	rs_pacing at_call = *p;
	rs_pacing_speech_ended(&at_call);
	/* Past the planned end, or with the programme filling what is left, no
	 * floor time ends the item on time: the pace says by how much it runs
	 * over, and the moderator decides. */
	if (!at_call.planned || at_call.floor_waiting <= 0 || pacing_rest(&at_call) <= 0)
		return 0;
	int64_t offer = at_call.each / RS_PACING_STEP * RS_PACING_STEP;
	if (offer < RS_PACING_MIN)
		offer = RS_PACING_MIN;
	return offer < at_call.floor_seconds ? (int)offer : 0;
}

rs_status rs_pacing_set(rs_db *db, int64_t item_id, const char *kind, int seconds)
{
	if (!kind || !rs_kind_find(kind))
		return rs_fail(RS_ERR_INVALID, "--speaking-time: unknown kind '%s'", kind ? kind : "");
	if (seconds < 0 || seconds > RS_MAX_SECONDS)
		return rs_fail(RS_ERR_INVALID,
			       "--speaking-time: %s: from 0:01 to 99:59 (0:00 for the meeting's),"
			       " not %d seconds",
			       kind, seconds);
	rs_agenda_item it;
	rs_status rc = rs_agenda_get(db, item_id, &it);
	if (rc == RS_ERR_INVALID)
		return rs_fail(rc, "no agenda item %lld", (long long)item_id);
	if (rc)
		return rc;
	said line = {0};
	if (seconds)
		said_add(&line, "%s on '%s': %d:%02d each", kind, it.title, seconds / 60,
			 seconds % 60);
	else
		said_add(&line, "%s on '%s': the meeting's time", kind, it.title);
	rs_agenda_item_clear(&it);
	if ((rc = rs_action_begin(db, "agenda.speaking_time")) != RS_OK)
		return rc;
	rc = store_item_speaking_time(db, item_id, kind, seconds);
	return rs_action_end(db, rc, "agenda_item", item_id, line.text);
}
