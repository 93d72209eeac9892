/* The speaker queue: adding, the floor, the list and its order. */
#include "cli.h"

#include "rostrum/balance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"
#include "rostrum/meeting.h"
#include "rostrum/queue.h"

CLI_COMMAND(cmd_queue_add)
{
	CLI_PARSE("kind slot to participation language", 2, 2);
	rs_queue_new in = {.kind = o.kind, .slot = o.slot, .participation = o.participation,
			   .language = o.language};
	int64_t id;
	if (cli_item(c, NULL, o.pos[0], &in.item_id) || cli_who(c, NULL, o.pos[1], &in.stakeholder_id) ||
	    (o.to && cli_id(o.to, "--to", "a queue entry", &in.reply_to)))
		return 2;
	rs_status rc = rs_queue_add_entry(c->db, &in, &id);
	if (rc)
		return cli_fail(rc);
	cli_print_id(id);
	return 0;
}

CLI_COMMAND(cmd_queue_set)
{
	CLI_PARSE("participation language", 1, 1);
	int64_t id;
	if (cli_entry(o.pos[0], &id))
		return 2;
	return cli_status(rs_queue_set(c->db, id, o.participation, o.language));
}

/* start, next, end, pause, resume on ITEM; give on ENTRY.  --expect names
 * the entry the operator saw holding the floor. */
static int floor_command(cli_ctx *c, int argc, char **argv, const cli_command *cmd,
			 rs_floor_op op)
{
	CLI_PARSE("expect", 1, 1);
	int64_t target, expect, entry;
	if (cli_expect(o.expect, &expect))
		return 2;
	if (op == RS_FLOOR_GIVE ? cli_entry(o.pos[0], &target) : cli_item(c, NULL, o.pos[0], &target))
		return 2;
	return cli_status(rs_queue_floor(c->db, op, target, expect, &entry));
}

CLI_COMMAND(cmd_queue_start)
{
	return floor_command(c, argc, argv, cmd, RS_FLOOR_START);
}
CLI_COMMAND(cmd_queue_next)
{
	return floor_command(c, argc, argv, cmd, RS_FLOOR_NEXT);
}
CLI_COMMAND(cmd_queue_end)
{
	return floor_command(c, argc, argv, cmd, RS_FLOOR_END);
}
CLI_COMMAND(cmd_queue_pause)
{
	return floor_command(c, argc, argv, cmd, RS_FLOOR_PAUSE);
}
CLI_COMMAND(cmd_queue_resume)
{
	return floor_command(c, argc, argv, cmd, RS_FLOOR_RESUME);
}
CLI_COMMAND(cmd_queue_give)
{
	return floor_command(c, argc, argv, cmd, RS_FLOOR_GIVE);
}

static int entry_command(int argc, char **argv, const cli_command *cmd,
			 rs_status (*fn)(rs_db *, int64_t), rs_db *db)
{
	CLI_PARSE("", 1, 1);
	int64_t entry;
	if (cli_entry(o.pos[0], &entry))
		return 2;
	return cli_status(fn(db, entry));
}

CLI_COMMAND(cmd_queue_withdraw)
{
	return entry_command(argc, argv, cmd, rs_queue_withdraw, c->db);
}
CLI_COMMAND(cmd_queue_absent)
{
	return entry_command(argc, argv, cmd, rs_queue_absent, c->db);
}
CLI_COMMAND(cmd_queue_requeue)
{
	return entry_command(argc, argv, cmd, rs_queue_requeue, c->db);
}

CLI_COMMAND(cmd_queue_move)
{
	CLI_PARSE("to", 1, 1);
	int64_t entry;
	char *end = NULL;
	long to = o.to ? strtol(o.to, &end, 10) : 0;
	if (!o.to || *end || to < 1)
		return cli_usage(cmd, "--to: expected a place on the list (1 is first)");
	if (cli_entry(o.pos[0], &entry))
		return 2;
	return cli_status(rs_queue_move_to(c->db, entry, (int)to));
}

static void print_entry(const rs_queue_entry *e, int64_t now)
{
	int64_t s = rs_queue_entry_seconds(e, now);
	if (e->position)
		printf("%d", e->position);
	printf("\t%lld\t%s\t%s\t%lld:%02lld\t", (long long)e->id, rs_queue_state_name(e->state),
	       e->kind, (long long)(s / 60), (long long)(s % 60));
	cli_print_text(e->name);
	putchar('\t');
	cli_print_text(e->organization);
	printf("\t%s\t%s\t%s\t", e->sector, e->participation, e->language);
	cli_print_text(e->reason);
	putchar('\n');
}

CLI_COMMAND(cmd_queue_list)
{
	CLI_PARSE("json", 1, 1);
	int64_t item;
	if (cli_item(c, NULL, o.pos[0], &item))
		return 2;
	if (o.json) {
		cli_json_array a;
		cli_json_open(&a);
		rs_status rc = rs_queue_each_json(c->db, item, cli_json_element, &a);
		cli_json_close(&a);
		return cli_status(rc);
	}
	rs_queue_entry *v;
	size_t n;
	rs_status rc = rs_queue_list(c->db, item, &v, &n);
	if (rc)
		return cli_fail(rc);
	int64_t now = rs_now();
	for (size_t i = 0; i < n; i++)
		print_entry(&v[i], now);
	rs_queue_list_free(v, n);
	return 0;
}

static int print_stats_json(const char *json, void *ctx)
{
	(void)ctx;
	puts(json);
	return 0;
}

static void print_share(double v)
{
	printf("\t%.1f%%", v * 100);
}

/* Whom the figures count, then one line per group: dimension, group,
 * target, interventions and share, speaking time and share, and "not
 * heard" for a group with a target and no intervention yet. */
static void print_stats(const rs_balance *b)
{
	printf("basis\t%s\nscope\t%s\ncounted\t%s\ninterventions\t%lld\n"
	       "speaking time\t%lld:%02lld\n",
	       b->by_time ? "time" : "interventions", b->scope_meeting ? "meeting" : "item",
	       rs_balance_whom(), (long long)b->total_count, (long long)(b->total_seconds / 60),
	       (long long)(b->total_seconds % 60));
	for (size_t i = 0; i < b->n_groups; i++) {
		const rs_balance_group *g = &b->groups[i];
		printf("%s\t", rs_balance_dim_name(g->dim));
		cli_print_text(rs_balance_group_label(g));
		print_share(g->target);
		printf("%s\t%lld", g->quota ? " (quota)" : "", (long long)g->count);
		print_share(rs_balance_share(b, g, 0));
		printf("\t%lld:%02lld", (long long)(g->seconds / 60), (long long)(g->seconds % 60));
		print_share(rs_balance_share(b, g, 1));
		printf("%s\n", !g->count && g->target > 0 ? "\tnot heard" : "");
	}
}

/* seconds as m:ss, '-' before them when negative; buf returned. */
static const char *mmss(int64_t seconds, char *buf, size_t size)
{
	snprintf(buf, size, "%s%lld:%02lld", seconds < 0 ? "-" : "",
		 (long long)(llabs(seconds) / 60), (long long)(llabs(seconds) % 60));
	return buf;
}

/* The pace as rs_pacing has it: the programme's own time apart, and when
 * the programme alone runs past the planned end, by how much (no time for
 * the floor ends the item on time then, and none is offered). */
static void print_pacing(const rs_pacing *p)
{
	char b[48];
	if (p->planned && !p->ended && p->left < 0)
		rs_overrun_text(-p->left, b, sizeof b);
	printf("time left\t%s\n", p->ended     ? "the item has ended"
				  : !p->planned ? "no planned end"
				  : p->left < 0 ? b
						: mmss(p->left, b, sizeof b));
	if (p->holder_left)
		printf("speech now\t%s to run\n", mmss(p->holder_left, b, sizeof b));
	printf("waiting\t%d\n", p->waiting);
	if (p->programme_waiting)
		printf("programme\t%d waiting, %s\n", p->programme_waiting,
		       mmss(p->programme_seconds, b, sizeof b));
	if (p->programme_over)
		printf("programme alone\truns past the planned end by %s\n",
		       mmss(p->programme_over, b, sizeof b));
	if (p->each > 0)
		printf("each\t%s\n", mmss(p->each, b, sizeof b));
	printf("floor time\t%s\n", mmss(p->floor_seconds, b, sizeof b));
	int offer = rs_pacing_offer(p);
	if (offer)
		printf("to end on time\t%s\n", mmss(offer, b, sizeof b));
}

/* The floor now, in the words the screens use: a break, no item live. */
static void print_floor(const rs_floor_state *st)
{
	char said[RS_SUMMARY_MAX];
	rs_floor_said(st, said, sizeof said);
	printf("floor\t");
	cli_print_text(said);
	printf("\n");
}

CLI_COMMAND(cmd_queue_stats)
{
	CLI_PARSE("json", 0, 1);
	int64_t item = 0;
	if (o.n_pos && cli_item(c, NULL, o.pos[0], &item))
		return 2;
	int64_t now = rs_now();
	if (o.json)
		return cli_status(rs_balance_stats_json(c->db, item, now, print_stats_json, NULL));
	rs_pacing p;
	rs_balance b;
	rs_status rc = item ? rs_pacing_get(c->db, item, now, &p) : RS_OK;
	if (rc == RS_OK)
		rc = rs_balance_stats(c->db, item, &b);
	rs_floor_state floor;
	if (rc == RS_OK && (rc = rs_floor_state_read(c->db, &floor)) != RS_OK)
		rs_balance_free(&b);
	if (rc)
		return cli_fail(rc);
	print_floor(&floor);
	if (item)
		print_pacing(&p);
	print_stats(&b);
	rs_balance_free(&b);
	return 0;
}

CLI_COMMAND(cmd_queue_policy)
{
	CLI_PARSE("", 0, 1);
	if (o.n_pos == 1) {
		int p = rs_policy_parse(o.pos[0]);
		if (p < 0)
			return cli_usage(cmd, "'%s' is not fifo, first_time or balanced",
					 o.pos[0]);
		return cli_status(rs_meeting_set_policy(c->db, (rs_policy)p));
	}
	rs_meeting m;
	rs_status rc = rs_meeting_get(c->db, &m);
	if (rc)
		return cli_fail(rc);
	printf("%s\n", rs_policy_name(m.policy));
	rs_meeting_clear(&m);
	return 0;
}

static int print_request(const rs_stakeholder *s, void *ctx)
{
	const char *tz = ctx;
	char when[32] = "";
	if (s->registered_at >= 0)
		rs_local_format(tz, s->registered_at, "%Y-%m-%d %H:%M", when, sizeof when);
	printf("%lld\t", (long long)s->id);
	const char *f[] = {s->name, s->organization, s->sector, when, s->speak_on};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		cli_print_text(f[i]);
		putchar(i + 1 < sizeof f / sizeof f[0] ? '\t' : '\n');
	}
	return 0;
}

CLI_COMMAND(cmd_queue_requests)
{
	CLI_PARSE("json", 0, 0);
	if (o.json)
		return cli_json_list(c->db, rs_queue_each_unplaced_json);
	rs_meeting m;
	rs_status rc = rs_meeting_get(c->db, &m);
	if (rc)
		return cli_fail(rc);
	rc = rs_queue_each_unplaced(c->db, print_request, m.timezone);
	rs_meeting_clear(&m);
	return cli_status(rc);
}

CLI_COMMAND(cmd_queue_place)
{
	CLI_PARSE("", 2, 2);
	int64_t item, who, id;
	if (cli_item(c, NULL, o.pos[0], &item) || cli_who(c, NULL, o.pos[1], &who))
		return 2;
	rs_status rc = rs_queue_place_request(c->db, item, who, &id);
	if (rc)
		return cli_fail(rc);
	cli_print_id(id);
	return 0;
}
