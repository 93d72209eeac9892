/* The programme: checks and actions on agenda items.  The reads are in
 * store_agenda.c with the rest of the SQL. */
#include "agenda_check.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"
#include "rostrum/queue.h"
#include "rostrum/refdata.h"
#include "rostrum/text.h"
#include "storage.h"
#include "said.h"

#define CODE_CHARS                                                             \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"

static int empty(const char *s)
{
	return !s || !*s;
}

static int all_digits(const char *s)
{
	if (empty(s))
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* Sets *field and returns st: the checks below report through it. */
static rs_status at(const char **field, const char *name, rs_status st)
{
	if (st == RS_ERR_INVALID)
		*field = name;
	return st;
}

static rs_status check_code(rs_db *db, const char *code)
{
	if (empty(code))
		return RS_OK;
	if (strspn(code, CODE_CHARS) != strlen(code))
		return rs_fail(RS_ERR_INVALID,
			       "code '%s' may hold only letters, digits, '.', '_' and '-'", code);
	if (code[0] == '-') /* the command line would read it as an option */
		return rs_fail(RS_ERR_INVALID, "code '%s' begins with '-', which would read as an option",
			       code);
	if (all_digits(code))
		return rs_fail(RS_ERR_INVALID,
			       "code '%s' is only digits, which would read as an item id", code);
	int64_t other;
	rs_status rc = store_agenda_by_code(db, code, &other);
	if (rc == RS_OK && other)
		rc = rs_fail(RS_ERR_INVALID, "code '%s' is already item %lld", code,
			     (long long)other);
	return rc;
}

static rs_status check_kind(rs_agenda_new *in)
{
	if (empty(in->kind)) {
		in->kind = "session";
		return RS_OK;
	}
	const char *k = rs_agenda_kind_code(in->kind);
	if (k) {
		in->kind = k;
		return RS_OK;
	}
	char known[256] = "";
	for (size_t i = 0; i < rs_agenda_kind_n; i++) {
		size_t len = strlen(known);
		snprintf(known + len, sizeof known - len, "%s%s", i ? ", " : "",
			 rs_agenda_kinds[i]);
	}
	return rs_fail(RS_ERR_INVALID, "unknown kind '%s' (one of: %s)", in->kind, known);
}

static rs_status check_time(const char *name, const char *t)
{
	if (empty(t) || rs_valid_hhmm(t))
		return RS_OK;
	return rs_fail(RS_ERR_INVALID, "%s '%s' is not a time (HH:MM, 00:00 to 23:59)", name, t);
}

static rs_status check_parent(rs_db *db, int64_t parent_id)
{
	if (parent_id == 0)
		return RS_OK;
	rs_agenda_item p;
	rs_status rc = parent_id > 0 ? rs_agenda_get(db, parent_id, &p) : RS_ERR_INVALID;
	if (rc == RS_OK)
		rs_agenda_item_clear(&p);
	else if (rc == RS_ERR_INVALID)
		rs_fail(rc, "no parent item %lld", (long long)parent_id);
	return rc;
}

/* The input rules for each text of the item (rs_input_problem). */
static rs_status check_texts(const rs_agenda_new *in, const char **field)
{
	const struct {
		const char *name, *value;
		rs_input_kind kind;
	} texts[] = {
		{"title", in->title, RS_INPUT_LINE},	 {"code", in->code, RS_INPUT_LINE},
		{"kind", in->kind, RS_INPUT_LINE},	 {"start", in->start, RS_INPUT_LINE},
		{"end", in->end, RS_INPUT_LINE},	 {"moderator", in->moderator, RS_INPUT_LINE},
		{"description", in->description, RS_INPUT_TEXT},
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (rs_input_check(texts[i].name, texts[i].value, texts[i].kind))
			return at(field, texts[i].name, RS_ERR_INVALID);
	return RS_OK;
}

rs_status agenda_check(rs_db *db, rs_agenda_new *in, const char **field)
{
	rs_status rc;
	if ((rc = check_texts(in, field)) != RS_OK)
		return rc;
	if (rs_text_blank(in->title))
		return at(field, "title", rs_fail(RS_ERR_INVALID, "a title is required"));
	if ((rc = at(field, "code", check_code(db, in->code))) != RS_OK)
		return rc;
	if ((rc = at(field, "kind", check_kind(in))) != RS_OK)
		return rc;
	if ((rc = at(field, "start", check_time("start", in->start))) != RS_OK)
		return rc;
	if ((rc = at(field, "end", check_time("end", in->end))) != RS_OK)
		return rc;
	if (!empty(in->start) && !empty(in->end) && strcmp(in->start, in->end) >= 0)
		return at(field, "end", rs_fail(RS_ERR_INVALID, "end %s is not after start %s",
						in->end, in->start));
	return at(field, "parent", check_parent(db, in->parent_id));
}

rs_status rs_agenda_add(rs_db *db, const rs_agenda_new *in, int64_t *id)
{
	rs_agenda_new item = *in; /* check_kind canonicalises the copy */
	const char *field = NULL;
	*id = 0;
	rs_status rc = rs_action_begin(db, "agenda.add");
	if (rc)
		return rc;
	rc = agenda_check(db, &item, &field);
	if (rc == RS_OK)
		rc = store_agenda_insert(db, &item, 1, id);
	said line = {0};
	said_add(&line, "added item '%s'", item.title ? item.title : "");
	return rs_action_end(db, rc, "agenda_item", *id, line.text);
}

/* in's fields over the item's own, so the edit is checked as a whole
 * (start before end with one of them unchanged); the code is checked only
 * when it changes, and never against the item itself. */
static rs_agenda_new merged(const rs_agenda_item *it, const rs_agenda_new *in)
{
	rs_agenda_new m = {
		.code = in->code && strcmp(in->code, it->code) ? in->code : NULL,
		.title = in->title ? in->title : it->title,
		.kind = in->kind ? in->kind : it->kind,
		.start = in->start ? in->start : it->start,
		.end = in->end ? in->end : it->end,
		.moderator = in->moderator,
		.description = in->description,
	};
	return m;
}

/* 1 when rs_error() begins with "field: " already. */
static int named(const char *field)
{
	size_t n = strlen(field);
	return !strncmp(rs_error(), field, n) && !strncmp(rs_error() + n, ": ", 2);
}

void agenda_ref(const rs_agenda_item *it, char *buf, size_t size)
{
	if (!empty(it->code))
		snprintf(buf, size, "%s", it->code);
	else
		snprintf(buf, size, "%lld", (long long)it->id);
}

/* Whether the item is live (*holder: whoever has the floor on it, else
 * *current: it is the meeting's current item) and how many wait on it. */
static rs_status item_in_use(rs_db *db, int64_t item_id, char *holder, size_t size,
			     int *current, size_t *waiting)
{
	int64_t cur = 0;
	size_t dealt, n = 0;
	rs_queue_entry *h = NULL;
	rs_status rc = store_meeting_current(db, &cur);
	if (rc == RS_OK)
		rc = store_queue_load_holder(db, item_id, &h, &n);
	if (rc == RS_OK)
		rc = store_queue_counts(db, item_id, waiting, &dealt);
	snprintf(holder, size, "%s", n ? h[0].name : "");
	rs_queue_list_free(h, n);
	*current = cur == item_id;
	return rc;
}

/* A break takes no floor: an item becomes one only when nobody is on it,
 * no speech going on, not the live item, nobody waiting to speak.  The
 * refusal says what to do first. */
static rs_status check_becomes_break(rs_db *db, const rs_agenda_item *it, const char *kind)
{
	if (strcmp(kind, "break") || !rs_agenda_takes_floor(it))
		return RS_OK;
	char holder[200], ref[64];
	int current;
	size_t waiting;
	rs_status rc = item_in_use(db, it->id, holder, sizeof holder, &current, &waiting);
	agenda_ref(it, ref, sizeof ref);
	if (rc == RS_OK && *holder)
		rc = rs_fail(RS_ERR_INVALID, "'%s' is live, %s has the floor: close it first"
			     " ('agenda close %s --end-speech'), then make it a break",
			     it->title, holder, ref);
	else if (rc == RS_OK && current)
		rc = rs_fail(RS_ERR_INVALID, "'%s' is live: close it first ('agenda close %s'),"
			     " then make it a break", it->title, ref);
	else if (rc == RS_OK && waiting)
		rc = rs_fail(RS_ERR_INVALID, "'%s' has %zu waiting to speak, and nobody takes the"
			     " floor in a break: withdraw them first", it->title, waiting);
	return rc;
}

rs_status rs_agenda_edit(rs_db *db, int64_t id, const rs_agenda_new *in, int policy)
{
	if (policy < RS_POLICY_KEEP || policy >= POLICY__COUNT)
		return rs_fail(RS_ERR_INVALID, "--policy: unknown policy");
	rs_status rc = rs_action_begin(db, "agenda.edit");
	if (rc)
		return rc;
	rs_agenda_item it = {0};
	const char *field = NULL;
	rc = rs_agenda_get(db, id, &it);
	if (rc == RS_OK) {
		rs_agenda_new m = merged(&it, in);
		if ((rc = agenda_check(db, &m, &field)) == RS_OK && in->kind)
			rc = at(&field, "kind", check_becomes_break(db, &it, m.kind));
		if (rc == RS_ERR_INVALID && !named(field)) {
			char *why = strdup(rs_error());
			rs_fail(rc, "%s: %s", field, why ? why : "invalid");
			free(why);
		}
		rs_agenda_new change = *in;
		if (rc == RS_OK && in->kind)
			change.kind = m.kind; /* canonical */
		if (rc == RS_OK)
			rc = store_agenda_update(db, id, &change, policy);
	}
	said line = {0};
	said_add(&line, "edited item '%s'", it.title ? it.title : "");
	rs_agenda_item_clear(&it);
	return rs_action_end(db, rc, "agenda_item", id, line.text);
}

rs_status rs_agenda_find(rs_db *db, const char *item, int64_t *id)
{
	rs_status rc = RS_OK;
	*id = 0;
	if (all_digits(item)) {
		errno = 0;
		long long v = strtoll(item, NULL, 10);
		rs_agenda_item it;
		if (errno == 0 && v > 0 && (rc = rs_agenda_get(db, v, &it)) == RS_OK) {
			rs_agenda_item_clear(&it);
			*id = v;
		}
	} else if (!empty(item)) {
		rc = store_agenda_by_code(db, item, id);
	}
	if (rc == RS_ERR_RUNTIME)
		return rc;
	if (*id == 0)
		return rs_fail(RS_ERR_INVALID, "no agenda item '%s' (give an id or a code)",
			       item ? item : "");
	return RS_OK;
}

int rs_agenda_takes_floor(const rs_agenda_item *it)
{
	return !it->kind || strcmp(it->kind, "break") != 0;
}

void rs_agenda_item_name(const rs_agenda_item *it, char *buf, size_t size)
{
	if (snprintf(buf, size, "%s%s%s", it->code, *it->code ? " " : "", it->title) >= (int)size)
		rs_text_mark_cut(buf, size);
}

void rs_agenda_item_clear(rs_agenda_item *it)
{
	if (!it)
		return;
	free(it->code);
	free(it->title);
	free(it->kind);
	free(it->start);
	free(it->end);
	free(it->moderator);
	free(it->description);
	memset(it, 0, sizeof *it);
}

void rs_agenda_list_free(rs_agenda_item *items, size_t n)
{
	for (size_t i = 0; items && i < n; i++)
		rs_agenda_item_clear(&items[i]);
	free(items);
}

int64_t rs_agenda_forecast(const rs_agenda_item *items, size_t n, const char *date,
			   const char *tz, int64_t now, int64_t *start, int64_t *end)
{
	char today[16];
	if (empty(date)) { /* no date set: the programme is today's */
		rs_local_format(tz, now, "%Y-%m-%d", today, sizeof today);
		date = today;
	}
	int64_t cursor = -1, last = -1;
	for (size_t i = 0; i < n; i++) {
		const rs_agenda_item *it = &items[i];
		start[i] = end[i] = -1;
		if (it->depth != 0)
			continue;
		int64_t ps = rs_local_epoch(tz, date, it->start), pe = rs_local_epoch(tz, date, it->end);
		if (ps < 0 || pe < ps)
			continue;
		int64_t duration = pe - ps;
		if (it->started_at >= 0 && it->ended_at >= 0) {
			start[i] = it->started_at;
			end[i] = it->ended_at;
		} else if (it->started_at >= 0) {
			start[i] = it->started_at;
			end[i] = it->started_at + duration > now ? it->started_at + duration : now;
		} else {
			start[i] = cursor > ps ? cursor : ps;
			end[i] = start[i] + duration;
		}
		cursor = last = end[i];
	}
	return last;
}
