/* Who fills the seats: rapporteurs from the nominations (`nomination
 * select`), panellists from the form's panel requests (`panel propose`,
 * `panel confirm`). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/balance.h"
#include "rostrum/lot.h"
#include "rostrum/panel.h"
#include "rostrum/selection.h"

/* ---- rapporteurs --------------------------------------------------------------- */

/* "re-draw\trostrum nomination select --role R --seats N --seed S": the
 * command that draws s again (with --confirm, decides it). */
static void print_select_command(const char *label, const rs_selection *s, const char *then)
{
	printf("%s\trostrum nomination select --role ", label);
	cli_print_text(s->role);
	printf(" --seats %d --seed %llu%s\n", s->seats, (unsigned long long)s->seed, then);
}

static void print_selection(const rs_selection *s, int decided)
{
	cli_print_text(s->role);
	printf(": %d seat%s, seed %llu\n", s->seats, s->seats == 1 ? "" : "s",
	       (unsigned long long)s->seed);
	if (s->lot_used)
		printf("lot\t%d tied at tally %d for %d seat%s\n", s->tied, s->cut_tally,
		       s->tied_seats, s->tied_seats == 1 ? "" : "s");
	else
		printf("lot\tnot needed\n");
	for (size_t i = 0; i < s->n; i++) {
		const rs_seat_candidate *c = &s->c[i];
		printf("%s%s\t%lld\t", c->chosen ? "" : "not ", decided ? "selected" : "proposed",
		       (long long)c->nominee_id);
		cli_print_text(c->name);
		putchar('\t');
		cli_print_text(c->reason);
		putchar('\n');
	}
	for (int d = 0; d < 3; d++) {
		printf("balance\t");
		cli_print_text(s->balance[d]);
		putchar('\n');
	}
	printf("rule\t");
	cli_print_text(s->rule);
	putchar('\n');
	print_select_command("re-draw", s, "");
	if (!decided)
		print_select_command("confirm", s, " --confirm");
}

CLI_COMMAND(cmd_nomination_select)
{
	CLI_PARSE("role seats seed confirm", 0, 0);
	long seats = 0;
	uint64_t seed = 0;
	char *end = NULL;
	if (!o.role)
		return cli_usage(cmd, "--role: which role's seats to fill (e.g. --role rapporteur)");
	if (o.n_seats > 1)
		return cli_usage(cmd, "--seats: give it once");
	if (o.n_seats && ((seats = strtol(o.seats[0], &end, 10)) < 1 || seats > RS_MAX_SEATS ||
			  end == o.seats[0] || *end))
		return cli_usage(cmd, "--seats: a number of seats from 1 to %d, not '%s'",
				 RS_MAX_SEATS, o.seats[0]);
	if (o.seed && !rs_lot_parse_seed(o.seed, &seed))
		return cli_usage(cmd, "--seed: a whole number from 0 to 18446744073709551615,"
				      " not '%s'", o.seed);
	rs_selection s;
	rs_status rc = o.confirm ? rs_selection_confirm(c->db, o.role, (int)seats,
							o.seed ? &seed : NULL, &s)
				 : rs_selection_propose(c->db, o.role, (int)seats,
							o.seed ? &seed : NULL, &s);
	if (rc)
		return cli_fail(rc);
	print_selection(&s, o.confirm);
	rs_selection_free(&s);
	return 0;
}

/* ---- panels -------------------------------------------------------------------- */

static void print_panel(const rs_panel *pl, const char *item, const char *done)
{
	int filled = 0;
	for (size_t i = 0; i < pl->n_slots; i++)
		filled += pl->slots[i].chosen >= 0;
	cli_print_text(item);
	printf(": %zu slots, %d %s from %zu panel requests (fair shares: %d a region,"
	       " %d a gender)\n", pl->n_slots, filled, done, pl->n_people, pl->region_cap,
	       pl->gender_cap);
	for (size_t i = 0; i < pl->n_slots; i++) {
		const rs_panel_slot *s = &pl->slots[i];
		const rs_panel_person *p = s->chosen >= 0 ? &pl->people[s->chosen] : NULL;
		cli_print_text(s->slot);
		if (p) {
			printf("\t%lld\t", (long long)p->id);
			const char *fields[] = {p->name, p->country, p->region, p->gender};
			for (size_t f = 0; f < 4; f++) {
				cli_print_text(fields[f]);
				putchar('\t');
			}
		} else {
			printf("\t-\t-\t-\t-\t-\t");
		}
		cli_print_text(s->reason);
		if (p && p->id != s->holder_id && !s->settled) {
			printf("; replaces ");
			cli_print_text(s->holder);
		}
		putchar('\n');
	}
}

/* The proposal for the panel of item code `code`; 0, else the exit status. */
static int propose(cli_ctx *c, const char *code, rs_panel *pl)
{
	int64_t item;
	if (cli_item(c, NULL, code, &item))
		return 2;
	rs_status rc = rs_panel_propose(c->db, item, pl);
	return rc ? cli_fail(rc) : 0;
}

CLI_COMMAND(cmd_panel_propose)
{
	CLI_PARSE("", 1, 1);
	rs_panel pl;
	int status = propose(c, o.pos[0], &pl);
	if (status)
		return status;
	print_panel(&pl, o.pos[0], "proposed");
	rs_panel_free(&pl);
	return 0;
}

/* --swap SLOT=WHO, applied to the proposal in the order given. */
static int apply_swaps(cli_ctx *c, const cli_command *cmd, const cli_opts *o, rs_panel *pl)
{
	for (int i = 0; i < o->n_swaps; i++) {
		const char *eq = strchr(o->swaps[i], '=');
		if (!eq || eq == o->swaps[i] || !eq[1])
			return cli_usage(cmd, "--swap: expected SLOT=WHO, got '%s'", o->swaps[i]);
		char *slot = strndup(o->swaps[i], (size_t)(eq - o->swaps[i]));
		int64_t who;
		int bad = !slot || cli_who(c, "--swap", eq + 1, &who) ||
			  cli_status(rs_panel_swap(c->db, pl, slot, who));
		free(slot);
		if (bad)
			return 2;
	}
	return 0;
}

CLI_COMMAND(cmd_panel_confirm)
{
	CLI_PARSE("swap", 1, 1);
	rs_panel pl;
	int status = propose(c, o.pos[0], &pl);
	if (status)
		return status;
	status = apply_swaps(c, cmd, &o, &pl);
	if (!status && !(status = cli_status(rs_panel_confirm(c->db, &pl))))
		print_panel(&pl, o.pos[0], "confirmed");
	rs_panel_free(&pl);
	return status;
}
