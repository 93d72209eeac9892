/* The meeting and its programme: init, imports, agenda items, the
 * meeting's own settings, the journal and undo. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strndup */
#endif
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/agenda.h"
#include "rostrum/clock.h"
#include "rostrum/import.h"
#include "rostrum/journal.h"
#include "rostrum/meeting.h"

/* ---- init, import ------------------------------------------------------ */

CLI_COMMAND(cmd_init)
{
	CLI_PARSE("title date venue", 0, 0);
	return cli_status(rs_meeting_create(c->db_path, o.title, o.date, o.venue, &c->config, &c->db));
}

CLI_COMMAND(cmd_import_roster)
{
	CLI_PARSE("dry-run", 1, 1);
	rs_import_stats s;
	cli_show_progress(c);
	rs_status rc = rs_import_roster(c->db, o.pos[0], o.dry_run, stderr, &s);
	if (rc)
		return cli_fail(rc); /* after the importer's lines, its summary */
	printf("%s%d added, %d updated, %d unchanged, %d request%s to speak queued",
	       o.dry_run ? "dry run: would be " : "", s.added, s.updated, s.unchanged, s.requests,
	       s.requests == 1 ? "" : "s");
	/* What the file's changes did to requests already on the lists. */
	if (s.moved)
		printf(", %d moved", s.moved);
	if (s.withdrawn)
		printf(", %d withdrawn", s.withdrawn);
	if (s.retimed)
		printf(", %d retimed", s.retimed);
	printf(", %d nomination%s", s.nominations, s.nominations == 1 ? "" : "s");
	if (s.checked_in)
		printf(", %d checked in", s.checked_in);
	if (s.desk_kept)
		printf(", the desk's decisions kept on %d row%s", s.desk_kept,
		       s.desk_kept == 1 ? "" : "s");
	putchar('\n');
	return 0;
}

CLI_COMMAND(cmd_import_agenda)
{
	CLI_PARSE("", 1, 1);
	rs_agenda_import_stats s;
	rs_status rc = rs_import_agenda(c->db, o.pos[0], stderr, &s);
	if (rc)
		return cli_fail(rc); /* after the importer's lines, its summary */
	printf("%d agenda item%s added, %d programme speaker%s queued (%d added to the roster), "
	       "%d request%s to speak queued\n",
	       s.items, s.items == 1 ? "" : "s", s.speakers, s.speakers == 1 ? "" : "s", s.people,
	       s.requests, s.requests == 1 ? "" : "s");
	return 0;
}

/* ---- agenda ---------------------------------------------------------------- */

CLI_COMMAND(cmd_agenda_add)
{
	CLI_PARSE("title code start end kind parent moderator description", 0, 0);
	rs_agenda_new in = {o.code, o.title, o.kind, o.start, o.end, o.moderator, o.description, 0};
	if (!o.title)
		return cli_usage(cmd, "--title is required");
	if (o.parent && cli_item(c, "--parent", o.parent, &in.parent_id))
		return 2;
	int64_t id;
	rs_status rc = rs_agenda_add(c->db, &in, &id);
	if (rc)
		return cli_fail(rc);
	cli_print_id(id);
	return 0;
}

static void print_item(const rs_agenda_item *it, int64_t current)
{
	printf("%lld\t%*s", (long long)it->id, it->depth * 2, "");
	cli_print_text(it->code);
	printf("\t%s-%s\t%s\t", it->start, it->end, it->kind);
	cli_print_text(it->title);
	if (it->id == current)
		fputs("\t(current)", stdout);
	putchar('\n');
}

CLI_COMMAND(cmd_agenda_list)
{
	CLI_PARSE("json", 0, 0);
	if (o.json)
		return cli_json_list(c->db, rs_agenda_each_json);
	rs_agenda_item *items;
	size_t n;
	int64_t current = 0;
	rs_status rc = rs_agenda_list(c->db, &items, &n);
	if (rc == RS_OK && (rc = rs_meeting_current_item(c->db, &current)) != RS_OK)
		rs_agenda_list_free(items, n);
	if (rc)
		return cli_fail(rc);
	for (size_t i = 0; i < n; i++)
		print_item(&items[i], current);
	rs_agenda_list_free(items, n);
	return 0;
}

/* --end-speech and --carry-speech, of which one at most. */
static int speech_rule(const cli_command *cmd, const cli_opts *o, rs_speech_rule *rule)
{
	if (o->end_speech && o->carry_speech)
		return cli_usage(cmd, "--end-speech or --carry-speech, not both");
	*rule = o->end_speech ? RS_SPEECH_END : o->carry_speech ? RS_SPEECH_CARRY : RS_SPEECH_REFUSE;
	return 0;
}

CLI_COMMAND(cmd_agenda_open)
{
	CLI_PARSE("end-speech carry-speech", 1, 1);
	int64_t item;
	rs_speech_rule rule = RS_SPEECH_REFUSE;
	if (speech_rule(cmd, &o, &rule) || cli_item(c, NULL, o.pos[0], &item))
		return 2;
	return cli_status(rs_meeting_open_item(c->db, item, rule, RS_EXPECT_ANY));
}

CLI_COMMAND(cmd_agenda_close)
{
	CLI_PARSE("end-speech", 1, 1);
	int64_t item;
	if (cli_item(c, NULL, o.pos[0], &item))
		return 2;
	return cli_status(rs_meeting_close_item(c->db, item,
						o.end_speech ? RS_SPEECH_END : RS_SPEECH_REFUSE,
						RS_EXPECT_ANY));
}

/* --policy P, or "meeting" to follow the meeting's again. */
static int item_policy(const cli_command *cmd, const char *arg, int *policy)
{
	*policy = RS_POLICY_KEEP;
	if (!arg)
		return 0;
	*policy = !strcmp(arg, "meeting") ? RS_POLICY_MEETING : rs_policy_parse(arg);
	if (*policy == -1 && strcmp(arg, "meeting"))
		return cli_usage(cmd, "--policy: '%s' is not fifo, first_time, balanced or meeting",
				 arg);
	return 0;
}

/* agenda set ITEM --speaking-time KIND=M:SS: one action of its own, so
 * alone on the command. */
static int item_speaking_time(cli_ctx *c, const cli_command *cmd, const cli_opts *o)
{
	if (o->n_times > 1 || o->title || o->code || o->start || o->end || o->kind ||
	    o->moderator || o->description || o->policy)
		return cli_usage(cmd, "--speaking-time: one KIND=M:SS, and no other change");
	const char *arg = o->times[0], *eq = strchr(arg, '=');
	long s = eq ? rs_parse_duration(eq + 1) : -1;
	if (!eq || s < 0 || s > RS_MAX_SECONDS)
		return cli_usage(cmd, "--speaking-time: expected KIND=M:SS (0:00: the meeting's),"
				      " got '%s'",
				 arg);
	char kind[32];
	snprintf(kind, sizeof kind, "%.*s", (int)(eq - arg), arg);
	int64_t item;
	if (cli_item(c, NULL, o->pos[0], &item))
		return 2;
	return cli_status(rs_pacing_set(c->db, item, kind, (int)s));
}

CLI_COMMAND(cmd_agenda_set)
{
	CLI_PARSE("title code start end kind moderator description policy speaking-time", 1, 1);
	int64_t item;
	int policy;
	if (cli_nothing_to_change(cmd, &o))
		return 2;
	if (o.n_times)
		return item_speaking_time(c, cmd, &o);
	if (item_policy(cmd, o.policy, &policy) || cli_item(c, NULL, o.pos[0], &item))
		return 2;
	rs_agenda_new in = {o.code, o.title, o.kind, o.start, o.end, o.moderator, o.description, 0};
	return cli_status(rs_agenda_edit(c->db, item, &in, policy));
}

/* ---- the meeting's own settings ------------------------------------------- */

static void print_duration(const char *label, long s)
{
	printf("%s\t%ld:%02ld\n", label, s / 60, s % 60);
}

/* The report's words ("report-title"), then "link" lines: label and URL. */
static void print_words(const rs_meeting *m)
{
	for (int w = 0; w < RS_WORD__COUNT; w++) {
		for (const char *p = rs_meeting_word_name((rs_meeting_word)w); *p; p++)
			putchar(*p == '_' ? '-' : *p);
		putchar('\t');
		cli_print_text(m->words[w]);
		putchar('\n');
	}
	for (size_t i = 0; i < m->n_links; i++) {
		fputs("link\t", stdout);
		cli_print_text(m->link_labels[i]);
		putchar('\t');
		cli_print_text(m->link_urls[i]);
		putchar('\n');
	}
}

/* The balance's rules as `meeting show` prints them. */
static void print_balance_rules(rs_db *db)
{
	rs_balance b;
	if (rs_balance_load(db, 0, 0, &b) != RS_OK)
		return;
	printf("balance-basis\t%s\nbalance-scope\t%s\nmax-passed\t%d\nmigrants-first\t%s\n"
	       "seat-spread\t%s\n",
	       b.by_time ? "time" : "interventions", b.scope_meeting ? "meeting" : "item",
	       b.max_passed, b.migrants_first ? "yes" : "no", rs_seat_spread_name(b.seat_spread));
	for (size_t i = 0; i < b.n_groups; i++)
		if (b.groups[i].quota_share > 0) {
			printf("quota\t%s:", rs_balance_dim_name(b.groups[i].dim));
			cli_print_text(b.groups[i].value);
			printf("=%g%%\n", b.groups[i].quota_share * 100);
		}
	rs_balance_free(&b);
}

static int print_meeting(cli_ctx *c)
{
	rs_meeting m;
	int times[16];
	rs_status rc = rs_meeting_get(c->db, &m);
	if (rc)
		return cli_fail(rc);
	if ((rc = rs_meeting_speaking_times(c->db, times, rs_kind_count())) == RS_OK) {
		const char *label[] = {"title", "date", "venue", "timezone"};
		const char *value[] = {m.title, m.date, m.venue, m.timezone};
		for (size_t i = 0; i < 4; i++) {
			printf("%s\t", label[i]);
			cli_print_text(value[i]);
			putchar('\n');
		}
		printf("policy\t%s\n", rs_policy_name(m.policy));
		printf("require-accreditation\t%s\n", m.require_accreditation ? "yes" : "no");
		print_duration("warning", m.warning_seconds);
		for (size_t i = 0; i < rs_kind_count(); i++) {
			char label_kind[48];
			snprintf(label_kind, sizeof label_kind, "speaking-time %s", rs_kind_at(i)->code);
			print_duration(label_kind, times[i]);
		}
		printf("current item\t%lld\n", (long long)m.current_item);
		print_balance_rules(c->db);
		print_words(&m);
	}
	rs_meeting_clear(&m);
	return cli_status(rc);
}

static int print_json_line(const char *json, void *ctx)
{
	(void)ctx;
	puts(json);
	return 0;
}

CLI_COMMAND(cmd_meeting_show)
{
	CLI_PARSE("json", 0, 0);
	return o.json ? cli_status(rs_meeting_each_json(c->db, print_json_line, NULL))
		      : print_meeting(c);
}

/* --speaking-time KIND=M:SS into ch->times. */
static int speaking_time(const cli_command *cmd, const char *arg, rs_meeting_change *ch)
{
	const char *eq = strchr(arg, '=');
	for (size_t i = 0; eq && i < rs_kind_count(); i++) {
		const rs_kind *k = rs_kind_at(i);
		if (strlen(k->code) != (size_t)(eq - arg) || strncmp(k->code, arg, eq - arg))
			continue;
		long s = rs_parse_duration(eq + 1);
		if (s < 1 || s > RS_MAX_SECONDS)
			return cli_usage(cmd, "--speaking-time: %s: expected M:SS from 0:01 to 99:59, "
					      "got '%s'",
					 k->code, eq + 1);
		ch->times[i] = (int)s;
		return 0;
	}
	return cli_usage(cmd, "--speaking-time: expected KIND=M:SS with KIND one of opening, panel, "
			      "floor, point_of_order, reply, summary, closing; got '%s'",
			 arg);
}

/* --link LABEL=URL, or a URL alone: split at the first '=' unless the
 * value starts as a link does (a URL's query may hold '='). */
static int parse_links(const cli_command *cmd, const cli_opts *o, rs_link *links, char **labels)
{
	for (int i = 0; i < o->n_links; i++) {
		const char *v = o->links[i], *eq = strchr(v, '=');
		int bare = !strncmp(v, "http://", 7) || !strncmp(v, "https://", 8) || !eq;
		links[i].url = bare ? v : eq + 1;
		links[i].label = NULL;
		if (!bare && !(links[i].label = labels[i] = strndup(v, (size_t)(eq - v))))
			return cli_usage(cmd, "--link: out of memory");
	}
	return 0;
}

/* "yes"/"no" (and 1/0, true/false) into *v; -1 if neither. */
static int yes_no(const char *s)
{
	if (!strcmp(s, "yes") || !strcmp(s, "true") || !strcmp(s, "1"))
		return 1;
	if (!strcmp(s, "no") || !strcmp(s, "false") || !strcmp(s, "0"))
		return 0;
	return -1;
}

/* --quota DIM:VALUE=PERCENT ("sector:migrant=15", "region:Africa=20%"). */
static int parse_quota(const cli_command *cmd, char *arg, rs_quota *q)
{
	char *colon = strchr(arg, ':'), *eq = strrchr(arg, '=');
	if (!colon || !eq || eq < colon)
		return cli_usage(cmd, "--quota: expected DIM:VALUE=PERCENT (DIM sector, region,"
				      " gender or country), got '%s'",
				 arg);
	*colon = *eq = '\0';
	int dim = rs_balance_dim_parse(arg);
	char *end;
	double pct = strtod(eq + 1, &end);
	if (*end == '%')
		end++;
	if (dim < 0)
		return cli_usage(cmd, "--quota: '%s' is not sector, region, gender or country", arg);
	if (end == eq + 1 || *end || pct < 0 || pct > 100)
		return cli_usage(cmd, "--quota: %s: expected a percentage from 0 to 100, got '%s'",
				 colon + 1, eq + 1);
	*q = (rs_quota){(rs_balance_dim)dim, colon + 1, pct / 100};
	return 0;
}

/* --seats ROLE=N. */
static int parse_seats(const cli_command *cmd, char *arg, rs_role_seats *r)
{
	char *eq = strrchr(arg, '='), *end;
	long n = eq ? strtol(eq + 1, &end, 10) : -1;
	if (!eq || eq == arg || end == eq + 1 || *end || n < 0)
		return cli_usage(cmd, "--seats: expected ROLE=N, got '%s'", arg);
	*eq = '\0';
	*r = (rs_role_seats){arg, (int)n};
	return 0;
}

/* The balance options of `meeting set` into *b; 1 if any was given. */
static int parse_balance(const cli_command *cmd, const cli_opts *o, rs_balance_change *b,
			 int *status)
{
	*status = 0;
	int any = o->balance_basis || o->balance_scope || o->max_passed || o->migrants_first ||
		  o->n_quotas || o->n_seats || o->seat_spread;
	b->seat_spread = o->seat_spread;
	b->by_time = b->scope_meeting = b->max_passed = b->migrants_first = -1;
	if (o->balance_basis && (b->by_time = !strcmp(o->balance_basis, "time") ? 1
					     : !strcmp(o->balance_basis, "interventions") ? 0
											   : -2) < 0)
		*status = cli_usage(cmd, "--balance-basis: 'interventions' or 'time', not '%s'",
				    o->balance_basis);
	else if (o->balance_scope && (b->scope_meeting = !strcmp(o->balance_scope, "meeting") ? 1
						 : !strcmp(o->balance_scope, "item")	      ? 0
											      : -2) < 0)
		*status = cli_usage(cmd, "--balance-scope: 'item' or 'meeting', not '%s'",
				    o->balance_scope);
	else if (o->migrants_first && (b->migrants_first = yes_no(o->migrants_first)) < 0)
		*status = cli_usage(cmd, "--migrants-first: 'yes' or 'no', not '%s'",
				    o->migrants_first);
	else if (o->max_passed) {
		char *end;
		long k = strtol(o->max_passed, &end, 10);
		if (end == o->max_passed || *end || k < 0 || k > INT32_MAX)
			*status = cli_usage(cmd, "--max-passed: a number of places, not '%s'",
					    o->max_passed);
		b->max_passed = (int)(k > INT32_MAX ? INT32_MAX : k);
	}
	for (int i = 0; !*status && i < o->n_quotas; i++)
		*status = parse_quota(cmd, (char *)o->quotas[i], &b->quotas[i]);
	for (int i = 0; !*status && i < o->n_seats; i++)
		*status = parse_seats(cmd, (char *)o->seats[i], &b->seats[i]);
	b->n_quotas = (size_t)o->n_quotas;
	b->n_seats = (size_t)o->n_seats;
	return any;
}

CLI_COMMAND(cmd_meeting_set)
{
	CLI_PARSE("title date venue timezone policy warning speaking-time host purpose context"
		  " introduction contact report-title report-subtitle link no-links balance-basis"
		  " balance-scope max-passed migrants-first quota seats seat-spread"
		  " require-accreditation",
		  0, 0);
	if (cli_nothing_to_change(cmd, &o))
		return 2;
	rs_quota quotas[32];
	rs_role_seats seats[16];
	rs_balance_change bal = {.quotas = quotas, .seats = seats};
	int bad_balance;
	int has_balance = parse_balance(cmd, &o, &bal, &bad_balance);
	if (bad_balance)
		return bad_balance;
	rs_meeting_change ch = {.title = o.title, .date = o.date, .venue = o.venue,
				.timezone = o.timezone, .policy = -1, .warning_seconds = -1,
				.words = {o.host, o.context, o.purpose, o.introduction, o.contact,
					  o.report_title, o.report_subtitle},
				.set_links = o.n_links > 0 || o.no_links,
				.n_links = (size_t)o.n_links,
				.balance = has_balance ? &bal : NULL};
	rs_link links[32];
	char *labels[32] = {NULL};
	if (o.no_links && o.n_links)
		return cli_usage(cmd, "--link or --no-links, not both");
	if (o.policy && (ch.policy = rs_policy_parse(o.policy)) < 0)
		return cli_usage(cmd, "--policy: '%s' is not fifo, first_time or balanced", o.policy);
	if (o.warning && (ch.warning_seconds = (int)rs_parse_duration(o.warning)) < 0)
		return cli_usage(cmd, "--warning: expected M:SS or seconds, got '%s'", o.warning);
	if (o.require_accreditation) {
		ch.set_require_accreditation = 1;
		if ((ch.require_accreditation = yes_no(o.require_accreditation)) < 0)
			return cli_usage(cmd, "--require-accreditation: yes or no, not '%s'",
					 o.require_accreditation);
	}
	for (int i = 0; i < o.n_times; i++)
		if (speaking_time(cmd, o.times[i], &ch))
			return 2;
	int bad = parse_links(cmd, &o, links, labels);
	ch.links = links;
	int status = bad ? 2 : cli_status(rs_meeting_set(c->db, &ch));
	for (int i = 0; i < o.n_links; i++)
		free(labels[i]);
	return status;
}

/* ---- the journal ------------------------------------------------------------ */

typedef struct {
	char tz[64];
} journal_print;

static int print_event(const rs_event *e, void *ctx)
{
	journal_print *jp = ctx;
	char when[32];
	rs_local_format(jp->tz, e->at, "%Y-%m-%d %H:%M:%S", when, sizeof when);
	printf("%lld\t%s\t", (long long)e->id, when);
	const char *fields[] = {e->user, e->session, e->action, e->summary};
	for (size_t i = 0; i < 4; i++) {
		cli_print_text(fields[i]);
		if (i < 3)
			putchar('\t');
	}
	if (e->undone_by)
		printf("\t(undone by %lld)", (long long)e->undone_by);
	putchar('\n');
	return 0;
}

/* --since: an ISO 8601 time, or HH:MM[:SS] at the venue on the meeting's
 * date (today when it has none). */
static int since_time(const cli_command *cmd, const rs_meeting *m, const char *arg, int64_t *t)
{
	*t = 0;
	if (!arg || rs_parse_iso(arg, t) == 0)
		return 0;
	char date[16], hhmm[6];
	if (*m->date)
		snprintf(date, sizeof date, "%s", m->date);
	else
		rs_local_format(m->timezone, rs_now(), "%Y-%m-%d", date, sizeof date);
	snprintf(hhmm, sizeof hhmm, "%.5s", arg);
	int sec = strlen(arg) == 8 && arg[5] == ':' ? atoi(arg + 6) : 0;
	*t = (strlen(arg) == 5 || strlen(arg) == 8) ? rs_local_epoch(m->timezone, date, hhmm) : -1;
	if (*t < 0 || sec > 59)
		return cli_usage(cmd, "--since: expected an ISO 8601 time or HH:MM[:SS], got '%s'",
				 arg);
	*t += sec;
	return 0;
}

CLI_COMMAND(cmd_journal)
{
	CLI_PARSE("since session json", 0, 0);
	rs_meeting m;
	rs_status rc = rs_meeting_get(c->db, &m);
	if (rc)
		return cli_fail(rc);
	int64_t since;
	journal_print jp;
	snprintf(jp.tz, sizeof jp.tz, "%s", m.timezone);
	int bad = since_time(cmd, &m, o.since, &since);
	rs_meeting_clear(&m);
	if (bad)
		return 2;
	if (!o.json)
		return cli_status(rs_journal_each(c->db, since, o.session, print_event, &jp));
	cli_json_array a;
	cli_json_open(&a);
	rc = rs_journal_each_json(c->db, since, o.session, cli_json_element, &a);
	cli_json_close(&a);
	return cli_status(rc);
}

CLI_COMMAND(cmd_undo)
{
	CLI_PARSE("session", 0, 0);
	rs_event ev;
	rs_status rc = rs_undo_last_of(c->db, o.session, &ev);
	if (rc)
		return cli_fail(rc);
	printf("undone: %s (event %lld)\n", ev.summary[0] ? ev.summary : ev.action,
	       (long long)ev.id);
	return 0;
}
