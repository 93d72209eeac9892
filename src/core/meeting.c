#include "rostrum/meeting.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agenda_check.h"
#include "floor.h"
#include "rostrum/agenda.h"
#include "rostrum/clock.h"
#include "rostrum/text.h"
#include "storage.h"
#include "said.h"

/* A date given is a day of the calendar, written YYYY-MM-DD; one written
 * so that is not ("2022-02-30") is told apart from one written otherwise. */
static rs_status check_date(const char *date)
{
	if (!date || !*date || rs_valid_date(date))
		return RS_OK;
	int shaped = strlen(date) == 10 && date[4] == '-' && date[7] == '-';
	for (int i = 0; shaped && i < 10; i++)
		shaped = i == 4 || i == 7 || isdigit((unsigned char)date[i]);
	if (shaped)
		return rs_fail(RS_ERR_INVALID, "--date: '%s' is not a day of the calendar", date);
	return rs_fail(RS_ERR_INVALID, "--date: expected YYYY-MM-DD, got '%s'", date);
}

rs_status rs_meeting_init(rs_db *db, const char *title, const char *date, const char *venue,
			  const rs_config *cfg)
{
	if (rs_input_check("--title", title, RS_INPUT_LINE) ||
	    rs_input_check("--date", date, RS_INPUT_LINE) ||
	    rs_input_check("--venue", venue, RS_INPUT_LINE))
		return RS_ERR_INVALID;
	if (check_date(date))
		return RS_ERR_INVALID;
	/* No title given is the default's; one given empty is refused, as
	 * meeting set refuses it. */
	if (title && !*title)
		return rs_fail(RS_ERR_INVALID, "--title: a meeting needs a title");
	rs_status rc = rs_action_begin(db, "meeting.init");
	if (rc)
		return rc;
	rc = store_meeting_insert(db, title && *title ? title : "Meeting", date, venue,
				  cfg ? cfg->policy : POLICY_FIFO, cfg ? cfg->warning_seconds : 30);
	return rs_action_end(db, rc, "meeting", 1, title);
}

typedef struct {
	const char *title, *date, *venue;
	const rs_config *cfg;
	rs_db_fill fill;
	void *ctx;
} meeting_seed;

static rs_status seed_meeting(rs_db *db, void *p)
{
	const meeting_seed *m = p;
	rs_status rc = rs_meeting_init(db, m->title, m->date, m->venue, m->cfg);
	return rc == RS_OK && m->fill ? m->fill(db, m->ctx) : rc;
}

rs_status rs_meeting_create_with(const char *path, const char *title, const char *date,
				 const char *venue, const rs_config *cfg, rs_db_fill fill,
				 void *ctx, rs_db **out)
{
	if (check_date(date))
		return RS_ERR_INVALID;
	meeting_seed m = {title, date, venue, cfg, fill, ctx};
	return rs_db_build(path, RS_SCHEMA_VERSION, seed_meeting, &m, out);
}

rs_status rs_meeting_create(const char *path, const char *title, const char *date,
			    const char *venue, const rs_config *cfg, rs_db **out)
{
	return rs_meeting_create_with(path, title, date, venue, cfg, NULL, NULL, out);
}

static const char *const word_names[RS_WORD__COUNT] = {
	"host", "context", "purpose", "introduction", "contact", "report_title", "report_subtitle",
};

const char *rs_meeting_word_name(rs_meeting_word w)
{
	return (unsigned)w < RS_WORD__COUNT ? word_names[w] : "?";
}

void rs_meeting_clear(rs_meeting *m)
{
	free(m->title);
	free(m->date);
	free(m->venue);
	free(m->timezone);
	for (size_t i = 0; i < RS_WORD__COUNT; i++)
		free(m->words[i]);
	for (size_t i = 0; i < m->n_links; i++) {
		free(m->link_labels[i]);
		free(m->link_urls[i]);
	}
	free(m->link_labels);
	free(m->link_urls);
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

/* The checks of rs_meeting_set, each naming its option. */
static rs_status check_change(const rs_meeting_change *ch)
{
	if (rs_input_check("--title", ch->title, RS_INPUT_LINE) ||
	    rs_input_check("--date", ch->date, RS_INPUT_LINE) ||
	    rs_input_check("--venue", ch->venue, RS_INPUT_LINE) ||
	    rs_input_check("--timezone", ch->timezone, RS_INPUT_LINE))
		return RS_ERR_INVALID;
	if (ch->title && !*ch->title)
		return rs_fail(RS_ERR_INVALID, "--title: a meeting needs a title");
	if (check_date(ch->date))
		return RS_ERR_INVALID;
	if (ch->timezone && !rs_valid_timezone(ch->timezone))
		return rs_fail(RS_ERR_INVALID,
			       "--timezone: '%s' is not a time zone (UTC, or a name such as "
			       "America/New_York or Europe/Zurich)",
			       ch->timezone);
	if (ch->policy >= POLICY__COUNT)
		return rs_fail(RS_ERR_INVALID, "--policy: unknown policy");
	if (ch->warning_seconds > RS_MAX_SECONDS)
		return rs_fail(RS_ERR_INVALID, "--warning: from 0:00 to 99:59, not %d seconds",
			       ch->warning_seconds);
	for (size_t i = 0; i < rs_kind_count(); i++)
		if (ch->times[i] < 0 || ch->times[i] > RS_MAX_SECONDS)
			return rs_fail(RS_ERR_INVALID,
				       "--speaking-time: %s: from 0:01 to 99:59, not %d seconds",
				       rs_kind_at(i)->code, ch->times[i]);
	if (ch->balance) {
		rs_status rc = rs_balance_check(ch->balance);
		if (rc)
			return rc;
	}
	if (ch->set_links && ch->n_links > RS_MAX_LINKS)
		return rs_fail(RS_ERR_INVALID, "--link: at most %d links", RS_MAX_LINKS);
	for (size_t i = 0; ch->set_links && i < ch->n_links; i++)
		if (!rs_text_link_valid(ch->links[i].url))
			return rs_fail(RS_ERR_INVALID,
				       "--link: '%s' is not an http:// or https:// link (no blanks"
				       " or quotes)",
				       ch->links[i].url ? ch->links[i].url : "");
	return RS_OK;
}

/* The most of a value or a label the line quotes. */
#define SET_SAID 40

/* ", " between what a change set, "set " before the first; s, to say it. */
static said *set_next(said *s, int *n)
{
	said_add(s, "%s", (*n)++ ? ", " : "set ");
	return s;
}

/* "title 'Regional review'": one text the change set ("" clears it). */
static void text_set(said *s, int *n, const char *what, const char *value)
{
	if (!value)
		return;
	set_next(s, n);
	if (!*value) {
		said_add(s, "no %s", what);
		return;
	}
	said_add(s, "%s '", what);
	said_quote(s, value, SET_SAID);
	said_add(s, "'");
}

/* What the change set of the balance: "balance by time, quota Children
 * and youth organizations 20%, seats Member State 2". */
static void balance_set(said *s, int *n, const rs_balance_change *b)
{
	if (b->by_time >= 0)
		said_add(set_next(s, n), "balance by %s", b->by_time ? "time" : "interventions");
	if (b->scope_meeting >= 0)
		said_add(set_next(s, n), "balance over the %s", b->scope_meeting ? "meeting" : "item");
	if (b->max_passed >= 0)
		said_add(set_next(s, n), "passed over at most %d places", b->max_passed);
	if (b->migrants_first >= 0)
		said_add(set_next(s, n), "migrants first %s", b->migrants_first ? "yes" : "no");
	if (b->seat_spread)
		said_add(set_next(s, n), "seat spread %s", b->seat_spread);
	for (size_t i = 0; i < b->n_quotas; i++) {
		set_next(s, n);
		said_add(s, "%s ", b->quotas[i].share > 0 ? "quota" : "no quota for");
		said_quote(s, rs_balance_label(b->quotas[i].dim, b->quotas[i].value), SET_SAID);
		if (b->quotas[i].share > 0)
			said_add(s, " %g%%", b->quotas[i].share * 100);
	}
	for (size_t i = 0; i < b->n_seats; i++)
		said_add(set_next(s, n), "seats %s %d", rs_role_name(b->seats[i].role),
					 b->seats[i].seats);
}

/* What a change set, in words: "set policy balanced, warning 0:45, host
 * 'IOM'" (the journal said "settings", and not which). */
static void change_said(said *s, const rs_meeting_change *ch)
{
	int n = 0;
	char words[32];
	text_set(s, &n, "title", ch->title);
	text_set(s, &n, "date", ch->date);
	text_set(s, &n, "venue", ch->venue);
	text_set(s, &n, "time zone", ch->timezone);
	if (ch->policy >= 0) {
		rs_text_code_words(rs_policy_name((rs_policy)ch->policy), words, sizeof words);
		said_add(set_next(s, &n), "policy %s", words);
	}
	if (ch->warning_seconds >= 0)
		said_add(set_next(s, &n), "warning %d:%02d", ch->warning_seconds / 60,
					  ch->warning_seconds % 60);
	for (size_t i = 0; i < rs_kind_count(); i++)
		if (ch->times[i] > 0)
			said_add(set_next(s, &n), "speaking time (%s) %d:%02d", rs_kind_at(i)->label,
						  ch->times[i] / 60, ch->times[i] % 60);
	for (int w = 0; w < RS_WORD__COUNT; w++) {
		rs_text_code_words(rs_meeting_word_name((rs_meeting_word)w), words, sizeof words);
		text_set(s, &n, words, ch->words[w]);
	}
	if (ch->set_links && ch->n_links)
		said_add(set_next(s, &n), "links (%zu)", ch->n_links);
	else if (ch->set_links)
		said_add(set_next(s, &n), "no links");
	if (ch->balance)
		balance_set(s, &n, ch->balance);
	if (ch->set_require_accreditation)
		said_add(set_next(s, &n), "accreditation %srequired",
					  ch->require_accreditation ? "" : "not ");
	if (!n)
		said_add(s, "nothing changed");
}

rs_status rs_meeting_set(rs_db *db, const rs_meeting_change *ch)
{
	rs_status rc = check_change(ch);
	if (rc)
		return rc;
	if ((rc = rs_action_begin(db, "meeting.set")) != RS_OK)
		return rc;
	rc = store_meeting_update(db, ch);
	if (rc == RS_OK && ch->balance)
		rc = store_balance_apply(db, ch->balance);
	said line = {0};
	change_said(&line, ch);
	return rs_action_end(db, rc, "meeting", 1, line.text);
}

rs_status rs_meeting_speaking_times(rs_db *db, int *seconds, size_t n)
{
	return store_meeting_speaking_times(db, seconds, n);
}

rs_status rs_meeting_get_with_item(rs_db *db, int64_t item_id, rs_meeting *m,
				   rs_agenda_item *it)
{
	rs_status rc = rs_meeting_get(db, m);
	if (rc == RS_OK && (rc = rs_agenda_get(db, item_id, it)) != RS_OK)
		rs_meeting_clear(m);
	return rc;
}

int64_t rs_agenda_planned_end(const rs_meeting *m, const rs_agenda_item *it, int64_t now)
{
	char today[16];
	const char *date = m->date;
	if (!it->end || !*it->end)
		return -1;
	if (!date || !*date) {
		rs_local_format(m->timezone, now, "%Y-%m-%d", today, sizeof today);
		date = today;
	}
	return rs_local_epoch(m->timezone, date, it->end);
}

rs_status rs_meeting_current_item(rs_db *db, int64_t *item_id)
{
	return store_meeting_current(db, item_id);
}

/* The meeting moves from current to item_id. */
static rs_status open_from(rs_db *db, int64_t item_id, int64_t current, rs_speech_rule rule,
			   int64_t expect, int64_t now)
{
	rs_status rc = RS_OK;
	if (current > 0 && (rc = floor_leave(db, current, item_id, rule, expect, now)) != RS_OK)
		return rc;
	return store_meeting_open(db, item_id, current, now);
}

rs_status meeting_open_within(rs_db *db, int64_t item_id, rs_speech_rule rule, int64_t expect,
			      int64_t now)
{
	int64_t current = 0;
	rs_status rc = store_meeting_current(db, &current);
	if (rc || current == item_id)
		return rc;
	return open_from(db, item_id, current, rule, expect, now);
}

/* The item, read to name it; an unknown one is refused. */
static rs_status find_item(rs_db *db, int64_t item_id, rs_agenda_item *it)
{
	rs_status rc = item_id > 0 ? rs_agenda_get(db, item_id, it) : RS_ERR_INVALID;
	if (rc == RS_ERR_INVALID)
		rs_fail(rc, "no agenda item %lld", (long long)item_id);
	return rc;
}

rs_status floor_refuse_break(const char *title)
{
	return rs_fail(RS_ERR_INVALID, "'%s' is a break: nobody takes the floor in it", title);
}

rs_status meeting_floor_within(rs_db *db, int64_t item_id, int64_t now)
{
	int64_t current = 0;
	rs_agenda_item it = {0};
	/* A break is refused live or not: live, "nobody is waiting" said
	 * nothing of why (the break), and a request is refused there too. */
	rs_status rc = find_item(db, item_id, &it);
	if (rc == RS_OK && !rs_agenda_takes_floor(&it))
		rc = floor_refuse_break(it.title);
	if (rc == RS_OK)
		rc = store_meeting_current(db, &current);
	if (rc == RS_OK && current != item_id && it.ended_at >= 0) {
		char ref[64];
		agenda_ref(&it, ref, sizeof ref);
		rc = rs_fail(RS_ERR_INVALID, "'%s' has ended: 'agenda open %s' reopens it first",
			     it.title, ref);
	}
	rs_agenda_item_clear(&it);
	if (rc || current == item_id)
		return rc;
	return open_from(db, item_id, current, RS_SPEECH_REFUSE, RS_EXPECT_ANY, now);
}

rs_status rs_meeting_open_item(rs_db *db, int64_t item_id, rs_speech_rule rule, int64_t expect)
{
	rs_status rc = rs_action_begin(db, "agenda.open");
	if (rc)
		return rc;
	rs_agenda_item it = {0};
	int64_t current = 0;
	rc = find_item(db, item_id, &it);
	if (rc == RS_OK)
		rc = store_meeting_current(db, &current);
	if (rc == RS_OK && current == item_id)
		rc = rs_fail(RS_ERR_INVALID, "'%s' is already the current item", it.title);
	if (rc == RS_OK)
		rc = meeting_open_within(db, item_id, rule, expect, rs_now());
	said line = {0};
	said_add(&line, "opened '%s'", it.title ? it.title : "");
	rs_agenda_item_clear(&it);
	return rs_action_end(db, rc, "agenda_item", item_id, line.text);
}

rs_status rs_meeting_close_item(rs_db *db, int64_t item_id, rs_speech_rule rule, int64_t expect)
{
	if (rule == RS_SPEECH_CARRY)
		return rs_fail(RS_ERR_INVALID, "a speech cannot be carried over to no item");
	rs_status rc = rs_action_begin(db, "agenda.close");
	if (rc)
		return rc;
	rs_agenda_item it = {0};
	int64_t now = rs_now();
	rc = find_item(db, item_id, &it);
	if (rc == RS_OK && it.started_at < 0)
		rc = rs_fail(RS_ERR_INVALID, "'%s' has not started", it.title);
	if (rc == RS_OK && it.ended_at >= 0)
		rc = rs_fail(RS_ERR_INVALID, "'%s' has already ended", it.title);
	if (rc == RS_OK)
		rc = floor_leave(db, item_id, 0, rule, expect, now);
	if (rc == RS_OK)
		rc = store_meeting_close(db, item_id, now);
	said line = {0};
	said_add(&line, "closed '%s'", it.title ? it.title : "");
	rs_agenda_item_clear(&it);
	return rs_action_end(db, rc, "agenda_item", item_id, line.text);
}
