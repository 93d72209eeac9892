/* What the desk and the note-takers record: stakeholders, nominations,
 * outcomes, and the exports. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"
#include "rostrum/export.h"
#include "rostrum/journal.h"
#include "rostrum/meeting.h"
#include "rostrum/nomination.h"
#include "rostrum/outcome.h"
#include "rostrum/stakeholder.h"

/* ---- stakeholders ------------------------------------------------------------ */

#define STAKEHOLDER_OPTIONS                                                    \
	"name title sector org region country gender email accreditation languages role" \
	" participation"

/* The options given, over the fields of *s (which owns its strings): the
 * add and the edit of one person read the same options. */
static int set_fields(const cli_opts *o, rs_stakeholder *s)
{
	const char *in[] = {o->name, o->title, o->sector, o->org, o->region, o->country,
			    o->gender, o->email, o->accreditation, o->languages, o->role,
			    o->participation};
	char **out[] = {&s->name, &s->title, &s->sector, &s->organization, &s->region,
			&s->country, &s->gender, &s->email, &s->accreditation, &s->languages,
			&s->role, &s->participation};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		if (!in[i] && *out[i])
			continue;
		char *copy = strdup(in[i] ? in[i] : "");
		if (!copy)
			return -1;
		free(*out[i]);
		*out[i] = copy;
	}
	return 0;
}

CLI_COMMAND(cmd_stakeholder_add)
{
	CLI_PARSE(STAKEHOLDER_OPTIONS " present", 0, 0);
	if (!o.name)
		return cli_usage(cmd, "--name is required");
	rs_stakeholder s = {0};
	if (!o.sector)
		o.sector = "other";
	s.registered_at = -1;
	s.present = o.present; /* a walk-in: added and checked in at once */
	s.checked_in_at = -1;
	int64_t id;
	rs_status rc = set_fields(&o, &s) ? rs_fail(RS_ERR_RUNTIME, "out of memory")
					  : rs_stakeholder_add(c->db, &s, &id);
	rs_stakeholder_clear(&s);
	if (rc)
		return cli_fail(rc);
	cli_print_id(id);
	return 0;
}

CLI_COMMAND(cmd_stakeholder_edit)
{
	CLI_PARSE(STAKEHOLDER_OPTIONS, 1, 1);
	int64_t id;
	if (cli_nothing_to_change(cmd, &o) || cli_who(c, NULL, o.pos[0], &id))
		return 2;
	rs_stakeholder s;
	rs_status rc = rs_stakeholder_get(c->db, id, &s);
	if (rc)
		return cli_fail(rc);
	if (set_fields(&o, &s))
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	else
		rc = rs_stakeholder_update(c->db, &s);
	rs_stakeholder_clear(&s);
	return cli_status(rc);
}

CLI_COMMAND(cmd_stakeholder_delete)
{
	CLI_PARSE("", 1, 1);
	int64_t id;
	if (cli_who(c, NULL, o.pos[0], &id))
		return 2;
	return cli_status(rs_stakeholder_delete(c->db, id));
}

/* "João Campbell (12)": whom a desk command acted on. */
static void print_person(cli_ctx *c, int64_t id, const char *done, int64_t at)
{
	rs_stakeholder s;
	rs_meeting m = {0};
	char when[32] = "";
	if (rs_stakeholder_get(c->db, id, &s) != RS_OK)
		return;
	if (at >= 0 && rs_meeting_get(c->db, &m) == RS_OK)
		rs_local_format(m.timezone, at, " at %H:%M", when, sizeof when);
	rs_meeting_clear(&m);
	cli_print_text(s.name);
	printf(" (%lld) %s%s\n", (long long)id, done, when);
	rs_stakeholder_clear(&s);
}

CLI_COMMAND(cmd_stakeholder_checkin)
{
	CLI_PARSE("undo", 1, 1);
	int64_t id;
	if (rs_stakeholder_match(c->db, o.pos[0], &id))
		return cli_fail(2);
	rs_status rc = rs_stakeholder_checkin(c->db, id, !o.undo);
	if (rc)
		return cli_fail(rc);
	rs_stakeholder s;
	int64_t at = -1;
	if (!o.undo && rs_stakeholder_get(c->db, id, &s) == RS_OK) {
		at = s.checked_in_at;
		rs_stakeholder_clear(&s);
	}
	print_person(c, id, o.undo ? "checked out" : "checked in", at);
	return 0;
}

CLI_COMMAND(cmd_stakeholder_accredit)
{
	CLI_PARSE("", 2, 2);
	int64_t id;
	char from[RS_STATE_MAX], done[2 * RS_STATE_MAX + 16];
	if (rs_stakeholder_match(c->db, o.pos[0], &id))
		return cli_fail(2);
	rs_status rc = rs_stakeholder_accredit(c->db, id, o.pos[1], from);
	if (rc)
		return cli_fail(rc);
	snprintf(done, sizeof done, "%s" RS_CHANGED "%s", from, rs_accreditation_code(o.pos[1]));
	print_person(c, id, done, -1);
	return 0;
}

static int print_stakeholder(const rs_stakeholder *s, void *ctx)
{
	(void)ctx;
	const char *f[] = {s->name, s->organization, s->sector, s->region, s->country,
			   s->gender, s->email, s->accreditation,
			   s->present ? rs_participation_label(s->participation) : "absent"};
	printf("%lld", (long long)s->id);
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		putchar('\t');
		cli_print_text(f[i]);
	}
	putchar('\n');
	return 0;
}

CLI_COMMAND(cmd_stakeholder_list)
{
	CLI_PARSE("json present absent participation accreditation count", 0, 0);
	if (o.present && o.absent)
		return cli_usage(cmd, "--present or --absent, not both");
	rs_roster_view v = {.present = o.present ? 1 : o.absent ? 0 : -1,
			    .participation = o.participation, .accreditation = o.accreditation};
	rs_roster_list *l = NULL;
	rs_status rc = rs_roster_view_check(&v);
	if (rc == RS_OK && (o.count || !o.json))
		rc = rs_roster_list_open(c->db, &v, &l);
	if (rc)
		return cli_fail(rc);
	if (o.count) {
		printf("%lld\n", (long long)rs_roster_list_total(l));
		rs_roster_list_free(l);
		return 0;
	}
	if (o.json) {
		cli_json_array a;
		cli_json_open(&a);
		rc = rs_roster_each_json(c->db, &v, cli_json_element, &a);
		cli_json_close(&a);
		return cli_status(rc);
	}
	/* Read in windows, each on from the last: a roster of 100,000 never
	 * sits in memory whole. */
	enum { WINDOW = 1000 };
	int64_t total = rs_roster_list_total(l);
	for (int64_t top = 0; rc == RS_OK && top < total; top += WINDOW)
		rc = rs_roster_list_read(l, top, WINDOW, print_stakeholder, NULL);
	rs_roster_list_free(l);
	return cli_status(rc);
}

/* ---- nominations -------------------------------------------------------------- */

CLI_COMMAND(cmd_nominate)
{
	CLI_PARSE("by role statement", 1, 1);
	int64_t nominee, by = 0, id;
	if (o.n_by > 1)
		return cli_usage(cmd, "--by: one nominator per nomination");
	if (cli_who(c, NULL, o.pos[0], &nominee) || (o.n_by && cli_who(c, "--by", o.by[0], &by)))
		return 2;
	rs_status rc = rs_nominate(c->db, nominee, by, o.role, o.statement, &id);
	if (rc)
		return cli_fail(rc);
	cli_print_id(id);
	return 0;
}

CLI_COMMAND(cmd_nomination_set)
{
	CLI_PARSE("", 2, 2);
	int64_t id;
	int to = rs_nomination_state_parse(o.pos[1]);
	if (cli_id(o.pos[0], "NOMINATION", "a nomination", &id))
		return 2;
	if (to < 0)
		return cli_usage(cmd,
				 "STATE: '%s' is not accepted, declined, selected or not_selected",
				 o.pos[1]);
	return cli_status(rs_nomination_set(c->db, id, (rs_nomination_state)to));
}

CLI_COMMAND(cmd_nomination_edit)
{
	CLI_PARSE("role statement", 1, 1);
	int64_t id;
	if (cli_id(o.pos[0], "NOMINATION", "a nomination", &id))
		return 2;
	return cli_status(rs_nomination_edit(c->db, id, o.role, o.statement));
}

CLI_COMMAND(cmd_nomination_delete)
{
	CLI_PARSE("", 1, 1);
	int64_t id;
	if (cli_id(o.pos[0], "NOMINATION", "a nomination", &id))
		return 2;
	return cli_status(rs_nomination_delete(c->db, id));
}

CLI_COMMAND(cmd_nomination_list)
{
	CLI_PARSE("json", 0, 0);
	if (o.json)
		return cli_json_list(c->db, rs_nomination_each_json);
	rs_nomination *v;
	size_t n;
	rs_status rc = rs_nomination_list(c->db, &v, &n);
	if (rc)
		return cli_fail(rc);
	for (size_t i = 0; i < n; i++) {
		printf("%lld\t", (long long)v[i].id);
		cli_print_text(v[i].nominee_name);
		printf("\t%s\t%s\t%d\t", v[i].role, rs_nomination_state_name(v[i].state), v[i].tally);
		cli_print_text(v[i].nominator_name);
		putchar('\n');
	}
	rs_nomination_list_free(v, n);
	return 0;
}

/* ---- outcomes -------------------------------------------------------------------- */

/* The --by people as ids, into by[64]. */
static int who_list(cli_ctx *c, const cli_opts *o, int64_t *by)
{
	for (int i = 0; i < o->n_by; i++)
		if (cli_who(c, "--by", o->by[i], &by[i]))
			return 2;
	return 0;
}

/* An outcome of type on ITEM, or (a response) answering OUTCOME. */
static int outcome_command(cli_ctx *c, int argc, char **argv, const cli_command *cmd,
			   rs_outcome_type type, const char *allowed)
{
	CLI_PARSE(allowed, 2, 2);
	int64_t by[64], id;
	rs_outcome_new in = {.type = type, .text = o.pos[1], .by = by, .n_by = (size_t)o.n_by,
			     .gcm = o.gcm, .n_gcm = (size_t)o.n_gcm, .pledge_type = o.type,
			     .themes = o.themes, .n_themes = (size_t)o.n_themes};
	int bad = type == OUT_RESPONSE ? cli_id(o.pos[0], "OUTCOME", "an outcome", &in.responds_to)
				       : cli_item(c, NULL, o.pos[0], &in.item_id);
	if (bad || who_list(c, &o, by))
		return 2;
	rs_status rc = rs_outcome_add(c->db, &in, &id);
	if (rc)
		return cli_fail(rc);
	cli_print_id(id);
	return 0;
}

CLI_COMMAND(cmd_note)
{
	return outcome_command(c, argc, argv, cmd, OUT_NOTE, "theme");
}
CLI_COMMAND(cmd_recommend)
{
	return outcome_command(c, argc, argv, cmd, OUT_RECOMMENDATION, "by gcm theme");
}
CLI_COMMAND(cmd_pledge)
{
	return outcome_command(c, argc, argv, cmd, OUT_PLEDGE, "by gcm type theme");
}
CLI_COMMAND(cmd_nextstep)
{
	return outcome_command(c, argc, argv, cmd, OUT_NEXT_STEP, "theme");
}
CLI_COMMAND(cmd_respond)
{
	return outcome_command(c, argc, argv, cmd, OUT_RESPONSE, "by theme");
}

static void print_numbers(const char *label, const int64_t *v, size_t n)
{
	printf("\t%s", n ? label : "");
	for (size_t i = 0; i < n; i++)
		printf("%s%lld", i ? "," : "", (long long)v[i]);
}

/* "by Ana Ruiz (174), Ben Okoro (175)": the parties by name, each with the
 * id --by takes. */
static void print_parties(const rs_outcome *o)
{
	printf("\t%s", o->n_by ? "by " : "");
	for (size_t i = 0; i < o->n_by; i++) {
		printf("%s", i ? ", " : "");
		cli_print_text(o->by_names[i]);
		printf(" (%lld)", (long long)o->by[i]);
	}
}

CLI_COMMAND(cmd_outcome_list)
{
	CLI_PARSE("json", 0, 1);
	int64_t item = 0;
	if (o.n_pos && cli_item(c, NULL, o.pos[0], &item))
		return 2;
	if (o.json) {
		cli_json_array a;
		cli_json_open(&a);
		rs_status rc = rs_outcome_each_json(c->db, item, cli_json_element, &a);
		cli_json_close(&a);
		return cli_status(rc);
	}
	rs_outcome *v;
	size_t n;
	rs_status rc = rs_outcome_list(c->db, item, &v, &n);
	if (rc)
		return cli_fail(rc);
	for (size_t i = 0; i < n; i++) {
		printf("%lld\t%lld\t%s\t", (long long)v[i].id, (long long)v[i].item_id,
		       rs_outcome_type_name(v[i].type));
		cli_print_text(v[i].text);
		print_parties(&v[i]);
		int64_t gcm[23 * 2];
		for (size_t g = 0; g < v[i].n_gcm && g < 46; g++)
			gcm[g] = v[i].gcm[g];
		print_numbers("gcm ", gcm, v[i].n_gcm < 46 ? v[i].n_gcm : 46);
		/* A pledge's type last: the columns before it as they were. */
		printf("\t%s", v[i].pledge_type ? v[i].pledge_type : "");
		putchar('\n');
	}
	rs_outcome_list_free(v, n);
	return 0;
}

CLI_COMMAND(cmd_outcome_edit)
{
	CLI_PARSE("text by gcm no-gcm type theme no-theme", 1, 1);
	int64_t id, by[64];
	if (cli_id(o.pos[0], "ID", "an outcome", &id) || who_list(c, &o, by))
		return 2;
	if ((o.no_gcm && o.n_gcm) || (o.no_theme && o.n_themes))
		return cli_usage(cmd, o.no_gcm && o.n_gcm ? "--gcm or --no-gcm, not both"
							  : "--theme or --no-theme, not both");
	rs_outcome_change ch = {.text = o.text, .by = by, .n_by = (size_t)o.n_by,
				.set_by = o.n_by > 0, .gcm = o.gcm, .n_gcm = (size_t)o.n_gcm,
				.set_gcm = o.n_gcm > 0 || o.no_gcm, .pledge_type = o.type,
				.themes = o.themes, .n_themes = (size_t)o.n_themes,
				.set_themes = o.n_themes > 0 || o.no_theme};
	if (!ch.text && !ch.set_by && !ch.set_gcm && !ch.pledge_type && !ch.set_themes)
		return cli_usage(cmd, "nothing to change");
	return cli_status(rs_outcome_edit(c->db, id, &ch));
}

CLI_COMMAND(cmd_outcome_delete)
{
	CLI_PARSE("", 1, 1);
	int64_t id;
	if (cli_id(o.pos[0], "ID", "an outcome", &id))
		return 2;
	return cli_status(rs_outcome_delete(c->db, id));
}

/* ---- exports ------------------------------------------------------------------- */

/* --organise and --attribution into eo. */
static int report_choices(const cli_command *cmd, const cli_opts *o, rs_export_opts *eo)
{
	if (o->organise && (eo->organise = rs_export_organise_parse(o->organise)) < 0)
		return cli_usage(cmd, "--organise: '%s' is not item or theme", o->organise);
	if (o->attribution && (eo->attribution = rs_export_attribution_parse(o->attribution)) < 0)
		return cli_usage(cmd, "--attribution: '%s' is not names, sectors or none",
				 o->attribution);
	return 0;
}

static int export_command(cli_ctx *c, int argc, char **argv, const cli_command *cmd,
			  rs_export_fn fn, const char *dflt, const char *formats)
{
	CLI_PARSE(fn == rs_export_summary
			  ? "format o item no-contacts organise attribution descriptions"
			  : "format o item no-contacts",
		  0, 0);
	const char *name = o.format ? o.format : dflt;
	int f = rs_export_format_parse(name);
	if (f < 0 || !cli_word_in(formats, name))
		return cli_usage(cmd, "--format: '%s' is not one of %s", name, formats);
	rs_export_opts eo = {.no_contacts = o.no_contacts, .descriptions = o.descriptions};
	if (report_choices(cmd, &o, &eo))
		return 2;
	if (o.item && cli_item(c, "--item", o.item, &eo.item_id))
		return 2;
	cli_show_progress(c);
	return cli_status(rs_export_to_path(c->db, fn, (rs_export_format)f, &eo, o.output));
}

CLI_COMMAND(cmd_export_summary)
{
	return export_command(c, argc, argv, cmd, rs_export_summary, "md", "md html txt json");
}
CLI_COMMAND(cmd_export_speakers)
{
	return export_command(c, argc, argv, cmd, rs_export_speakers, "csv", "csv json");
}
