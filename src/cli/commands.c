/* Every command of SPEC.md's contract: parse, call the core, print. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/agenda.h"
#include "rostrum/clock.h"
#include "rostrum/export.h"
#include "rostrum/import.h"
#include "rostrum/meeting.h"
#include "rostrum/nomination.h"
#include "rostrum/outcome.h"
#include "rostrum/queue.h"
#include "rostrum/stakeholder.h"
#include "tui.h"

/* Option values of one command; repeated --by and --gcm accumulate. */
typedef struct {
	const char *title, *date, *venue, *code, *start, *end, *kind, *parent;
	const char *name, *sector, *org, *region, *country, *gender, *email, *accreditation;
	const char *role, *statement, *type, *format, *output, *item;
	const char *by[64];
	int n_by;
	int gcm[23 * 2];
	int n_gcm;
	int json, dry_run, no_contacts;
	char **pos; /* positional arguments */
	int n_pos;
} opts;

enum { O_TITLE = 256, O_DATE, O_VENUE, O_CODE, O_START, O_END, O_KIND, O_PARENT, O_NAME,
       O_SECTOR, O_ORG, O_REGION, O_COUNTRY, O_GENDER, O_EMAIL, O_ACCREDITATION, O_ROLE,
       O_STATEMENT, O_TYPE, O_FORMAT, O_ITEM, O_BY, O_GCM, O_JSON, O_DRY_RUN, O_NO_CONTACTS };

static const struct option all_options[] = {
	{"title", required_argument, NULL, O_TITLE}, {"date", required_argument, NULL, O_DATE},
	{"venue", required_argument, NULL, O_VENUE}, {"code", required_argument, NULL, O_CODE},
	{"start", required_argument, NULL, O_START}, {"end", required_argument, NULL, O_END},
	{"kind", required_argument, NULL, O_KIND}, {"parent", required_argument, NULL, O_PARENT},
	{"name", required_argument, NULL, O_NAME}, {"sector", required_argument, NULL, O_SECTOR},
	{"org", required_argument, NULL, O_ORG}, {"region", required_argument, NULL, O_REGION},
	{"country", required_argument, NULL, O_COUNTRY},
	{"gender", required_argument, NULL, O_GENDER}, {"email", required_argument, NULL, O_EMAIL},
	{"accreditation", required_argument, NULL, O_ACCREDITATION},
	{"role", required_argument, NULL, O_ROLE},
	{"statement", required_argument, NULL, O_STATEMENT},
	{"type", required_argument, NULL, O_TYPE}, {"format", required_argument, NULL, O_FORMAT},
	{"item", required_argument, NULL, O_ITEM}, {"by", required_argument, NULL, O_BY},
	{"gcm", required_argument, NULL, O_GCM}, {"json", no_argument, NULL, O_JSON},
	{"dry-run", no_argument, NULL, O_DRY_RUN},
	{"no-contacts", no_argument, NULL, O_NO_CONTACTS},
	{NULL, 0, NULL, 0},
};

static const char **string_slot(opts *o, int code)
{
	const char **slots[] = {&o->title, &o->date, &o->venue, &o->code, &o->start, &o->end,
				&o->kind, &o->parent, &o->name, &o->sector, &o->org, &o->region,
				&o->country, &o->gender, &o->email, &o->accreditation, &o->role,
				&o->statement, &o->type, &o->format, &o->item};
	return code >= O_TITLE && code <= O_ITEM ? slots[code - O_TITLE] : NULL;
}

static int option_allowed(const char *allowed, const char *name)
{
	size_t len = strlen(name);
	for (const char *p = strstr(allowed, name); p; p = strstr(p + 1, name))
		if ((p == allowed || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return 1;
	return 0;
}

static int add_gcm(const cli_command *cmd, opts *o, const char *arg)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (*end || v < 1 || v > 23)
		return cli_usage(cmd, "--gcm: '%s' is not a GCM objective (1-23)", arg);
	if (o->n_gcm < (int)(sizeof o->gcm / sizeof o->gcm[0]))
		o->gcm[o->n_gcm++] = (int)v;
	return 0;
}

/* Parses argv (argv[0] is the command word) accepting only the long options
 * named in `allowed` (space-separated, plus "o" for -o FILE), and exactly
 * min..max positional arguments. */
static int parse(const cli_command *cmd, int argc, char **argv, const char *allowed, int min,
		 int max, opts *o)
{
	memset(o, 0, sizeof *o);
	optind = 0;
	opterr = 0;
	int ch, idx;
	while ((ch = getopt_long(argc, argv, "-o:", all_options, &idx)) != -1) {
		if (ch == 1) { /* "-" mode: positionals arrive in order */
			argv[1 + o->n_pos] = optarg;
			o->n_pos++;
			continue;
		}
		if (ch == '?' || ch == ':')
			return cli_usage(cmd, "unknown option or missing value near '%s'",
					 argv[optind - 1]);
		if (ch == 'o' ? !option_allowed(allowed, "o")
			      : !option_allowed(allowed, all_options[idx].name))
			return cli_usage(cmd, "option '%s' does not apply here", argv[optind - 1]);
		const char **slot = string_slot(o, ch);
		if (slot)
			*slot = optarg;
		else if (ch == 'o')
			o->output = optarg;
		else if (ch == O_BY && o->n_by < (int)(sizeof o->by / sizeof o->by[0]))
			o->by[o->n_by++] = optarg;
		else if (ch == O_GCM && add_gcm(cmd, o, optarg))
			return 2;
		else if (ch == O_JSON)
			o->json = 1;
		else if (ch == O_DRY_RUN)
			o->dry_run = 1;
		else if (ch == O_NO_CONTACTS)
			o->no_contacts = 1;
	}
	o->pos = argv + 1;
	if (o->n_pos < min || o->n_pos > max)
		return cli_usage(cmd, o->n_pos < min ? "missing argument" : "too many arguments");
	return 0;
}

#define PARSE(allowed, min, max)                                               \
	opts o;                                                                \
	if (parse(cmd, argc, argv, allowed, min, max, &o))                     \
		return 2

/* The exit status of a core call, its error printed. */
static int status(rs_status rc)
{
	return rc == RS_OK ? 0 : cli_fail((int)rc);
}

/* ---- init, import ------------------------------------------------------ */

static int cmd_init(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	PARSE("title date venue", 0, 0);
	return status((rs_meeting_create(c->db_path, o.title, o.date, o.venue, &c->db)));
}

static int cmd_import_roster(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	PARSE("dry-run", 1, 1);
	rs_import_stats s;
	rs_status rc = rs_import_roster(c->db, o.pos[0], o.dry_run, stderr, &s);
	if (rc)
		return cli_fail(rc); /* after the importer's lines, its summary */
	printf("%s%d added, %d updated, %d unchanged, %d requests to speak queued, "
	       "%d nominations\n",
	       o.dry_run ? "dry run: would be " : "", s.added, s.updated, s.unchanged, s.requests,
	       s.nominations);
	return 0;
}

static int cmd_import_agenda(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	PARSE("", 1, 1);
	int n = 0;
	rs_status rc = rs_import_agenda(c->db, o.pos[0], stderr, &n);
	if (rc)
		return cli_fail(rc); /* after the importer's lines, its summary */
	printf("%d agenda items added\n", n);
	return 0;
}

/* ---- agenda, stakeholders ---------------------------------------------- */

static int cmd_agenda_add(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	PARSE("title code start end kind parent", 0, 0);
	rs_agenda_new in = {o.code, o.title, o.kind, o.start, o.end, NULL, NULL, 0};
	if (!o.title)
		return cli_usage(cmd, "--title is required");
	if (o.parent && cli_item(c, o.parent, &in.parent_id))
		return 2;
	int64_t id;
	rs_status rc = rs_agenda_add(c->db, &in, &id);
	if (rc)
		return cli_fail(rc);
	cli_print_id(id);
	return 0;
}

static void print_item(const rs_agenda_item *it)
{
	printf("%lld\t%*s", (long long)it->id, it->depth * 2, "");
	cli_print_text(it->code);
	printf("\t%s-%s\t%s\t", it->start, it->end, it->kind);
	cli_print_text(it->title);
	putchar('\n');
}

static int cmd_agenda_list(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	PARSE("json", 0, 0);
	if (o.json) {
		cli_json_array a;
		cli_json_open(&a);
		rs_status rc = rs_agenda_each_json(c->db, cli_json_element, &a);
		cli_json_close(&a);
		return rc ? cli_fail(rc) : 0;
	}
	rs_agenda_item *items;
	size_t n;
	rs_status rc = rs_agenda_list(c->db, &items, &n);
	if (rc)
		return cli_fail(rc);
	for (size_t i = 0; i < n; i++)
		print_item(&items[i]);
	rs_agenda_list_free(items, n);
	return 0;
}

static int cmd_stakeholder_add(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	PARSE("name sector org region country gender email accreditation", 0, 0);
	if (!o.name)
		return cli_usage(cmd, "--name is required");
	rs_stakeholder s = {0};
	const char *in[] = {o.name, o.sector ? o.sector : "other", o.org, o.region, o.country,
			    o.gender, o.email, o.accreditation};
	char **out[] = {&s.name, &s.sector, &s.organization, &s.region, &s.country,
			&s.gender, &s.email, &s.accreditation};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
		*out[i] = strdup(in[i] ? in[i] : "");
	s.registered_at = -1;
	int64_t id;
	rs_status rc = rs_stakeholder_add(c->db, &s, &id);
	rs_stakeholder_clear(&s);
	if (rc)
		return cli_fail(rc);
	cli_print_id(id);
	return 0;
}

static int print_stakeholder(const rs_stakeholder *s, void *ctx)
{
	(void)ctx;
	const char *f[] = {s->name, s->organization, s->sector, s->region, s->country,
			   s->gender, s->email};
	printf("%lld", (long long)s->id);
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		putchar('\t');
		cli_print_text(f[i]);
	}
	putchar('\n');
	return 0;
}

static int cmd_stakeholder_list(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	PARSE("json", 0, 0);
	if (o.json) {
		cli_json_array a;
		cli_json_open(&a);
		rs_status rc = rs_stakeholder_each_json(c->db, cli_json_element, &a);
		cli_json_close(&a);
		return rc ? cli_fail(rc) : 0;
	}
	/* Read in windows: a roster of 100,000 never sits in memory whole. */
	enum { WINDOW = 1000 };
	int64_t total;
	rs_status rc = rs_stakeholder_count(c->db, &total);
	if (rc)
		return cli_fail(rc);
	for (int64_t off = 0; rc == RS_OK && off < total; off += WINDOW)
		rc = rs_stakeholder_window(c->db, NULL, off, WINDOW, print_stakeholder, NULL);
	return status(rc);
}

/* ---- queue ------------------------------------------------------------- */

static int cmd_queue_add(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	PARSE("kind", 2, 2);
	int64_t item, who, id;
	if (cli_item(c, o.pos[0], &item) || cli_who(c, o.pos[1], &who))
		return 2;
	rs_status rc = rs_queue_add(c->db, item, who, o.kind, &id);
	if (rc)
		return cli_fail(rc);
	cli_print_id(id);
	return 0;
}

typedef rs_status (*floor_fn)(rs_db *, int64_t, int64_t *);

static int floor_command(cli_ctx *c, int argc, char **argv, const cli_command *cmd, floor_fn fn)
{
	PARSE("", 1, 1);
	int64_t item, entry;
	if (cli_item(c, o.pos[0], &item))
		return 2;
	return status((fn(c->db, item, &entry)));
}

static int cmd_queue_start(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	return floor_command(c, argc, argv, cmd, rs_queue_start);
}
static int cmd_queue_next(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	return floor_command(c, argc, argv, cmd, rs_queue_next);
}
static int cmd_queue_end(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	return floor_command(c, argc, argv, cmd, rs_queue_end);
}
static int cmd_queue_pause(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	return floor_command(c, argc, argv, cmd, rs_queue_pause);
}
static int cmd_queue_resume(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	return floor_command(c, argc, argv, cmd, rs_queue_resume);
}

static int entry_command(cli_ctx *c, int argc, char **argv, const cli_command *cmd,
			 rs_status (*fn)(rs_db *, int64_t))
{
	PARSE("", 1, 1);
	int64_t entry;
	if (cli_entry(o.pos[0], &entry))
		return 2;
	return status((fn(c->db, entry)));
}

static int cmd_queue_withdraw(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	return entry_command(c, argc, argv, cmd, rs_queue_withdraw);
}
static int cmd_queue_absent(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	return entry_command(c, argc, argv, cmd, rs_queue_absent);
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
	printf("\t%s\t%s\n", e->sector, e->reason);
}

static int cmd_queue_list(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	PARSE("json", 1, 1);
	int64_t item;
	if (cli_item(c, o.pos[0], &item))
		return 2;
	if (o.json) {
		cli_json_array a;
		cli_json_open(&a);
		rs_status rc = rs_queue_each_json(c->db, item, cli_json_element, &a);
		cli_json_close(&a);
		return rc ? cli_fail(rc) : 0;
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

static int cmd_queue_policy(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	PARSE("", 0, 1);
	if (o.n_pos == 1) {
		int p = rs_policy_parse(o.pos[0]);
		if (p < 0)
			return cli_usage(cmd, "'%s' is not fifo, first_time or balanced",
					 o.pos[0]);
		return status((rs_meeting_set_policy(c->db, (rs_policy)p)));
	}
	rs_meeting m;
	rs_status rc = rs_meeting_get(c->db, &m);
	if (rc)
		return cli_fail(rc);
	printf("%s\n", rs_policy_name(m.policy));
	rs_meeting_clear(&m);
	return 0;
}

/* ---- nominations and outcomes ----------------------------------------- */

static int cmd_nominate(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	PARSE("by role statement", 1, 1);
	int64_t nominee, by = 0, id;
	if (o.n_by > 1)
		return cli_usage(cmd, "--by: one nominator per nomination");
	if (cli_who(c, o.pos[0], &nominee) || (o.n_by && cli_who(c, o.by[0], &by)))
		return 2;
	rs_status rc = rs_nominate(c->db, nominee, by, o.role, o.statement, &id);
	if (rc)
		return cli_fail(rc);
	cli_print_id(id);
	return 0;
}

static int cmd_nomination_set(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	PARSE("", 2, 2);
	int64_t id;
	int to = rs_nomination_state_parse(o.pos[1]);
	if (cli_entry(o.pos[0], &id))
		return 2;
	if (to < 0)
		return cli_usage(cmd,
				 "STATE: '%s' is not accepted, declined, selected or not_selected",
				 o.pos[1]);
	return status((rs_nomination_set(c->db, id, (rs_nomination_state)to)));
}

static int outcome_command(cli_ctx *c, int argc, char **argv, const cli_command *cmd, rs_outcome_type type,
			   const char *allowed)
{
	PARSE(allowed, 2, 2);
	int64_t by[64], id;
	rs_outcome_new in = {type, 0, o.pos[1], by, (size_t)o.n_by, o.gcm, (size_t)o.n_gcm, o.type};
	if (cli_item(c, o.pos[0], &in.item_id))
		return 2;
	for (int i = 0; i < o.n_by; i++)
		if (cli_who(c, o.by[i], &by[i]))
			return 2;
	rs_status rc = rs_outcome_add(c->db, &in, &id);
	if (rc)
		return cli_fail(rc);
	cli_print_id(id);
	return 0;
}

static int cmd_note(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	return outcome_command(c, argc, argv, cmd, OUT_NOTE, "");
}
static int cmd_recommend(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	return outcome_command(c, argc, argv, cmd, OUT_RECOMMENDATION, "by gcm");
}
static int cmd_pledge(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	return outcome_command(c, argc, argv, cmd, OUT_PLEDGE, "by gcm type");
}

/* ---- exports ------------------------------------------------------------ */

static int export_command(cli_ctx *c, int argc, char **argv, const cli_command *cmd, rs_export_fn fn,
			  const char *dflt, const char *formats)
{
	PARSE("format o item no-contacts", 0, 0);
	const char *name = o.format ? o.format : dflt;
	int f = rs_export_format_parse(name);
	if (f < 0 || !option_allowed(formats, name))
		return cli_usage(cmd, "--format: '%s' is not one of %s", name,
				 formats);
	rs_export_opts eo = {0, o.no_contacts};
	if (o.item && cli_item(c, o.item, &eo.item_id))
		return 2;
	return status((rs_export_to_path(c->db, fn, (rs_export_format)f, &eo, o.output)));
}

static int cmd_export_summary(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	return export_command(c, argc, argv, cmd, rs_export_summary, "md", "md html txt json");
}
static int cmd_export_speakers(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	return export_command(c, argc, argv, cmd, rs_export_speakers, "csv", "csv json");
}

/* ---- the screens ---------------------------------------------------------- */

static int cmd_tui(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	PARSE("", 0, 0);
	int rc = tui_run(c->db, &c->config, c->no_color);
	return rc ? cli_fail(rc) : 0;
}

static int cmd_display(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	PARSE("", 0, 0);
	int rc = display_run(c->db, &c->config, c->no_color);
	return rc ? cli_fail(rc) : 0;
}

int cli_demo(cli_ctx *c, int argc, char **argv, const cli_command *cmd);


/* The table: --help, the man page and the README list the same commands (a
 * test compares them). */
const cli_command cli_commands[] = {
	{"init", "[--title T] [--date YYYY-MM-DD] [--venue V]", "create a database; never overwrites", cmd_init, 0},
	{"import roster", "FILE [--dry-run]", "import the registration-form CSV", cmd_import_roster, 1},
	{"import agenda", "FILE", "import the programme file", cmd_import_agenda, 1},
	{"agenda add", "--title T [--code C] [--start HH:MM] [--end HH:MM] [--kind K] [--parent ITEM]", "add an agenda item", cmd_agenda_add, 1},
	{"agenda list", "[--json]", "the programme", cmd_agenda_list, 1},
	{"stakeholder add", "--name N [--sector S] [--org O] [--region R] [--country CC] [--gender G] [--email E] [--accreditation A]", "add a stakeholder", cmd_stakeholder_add, 1},
	{"stakeholder list", "[--json]", "the roster", cmd_stakeholder_list, 1},
	{"queue add", "ITEM WHO [--kind K]", "put a speaker on an item's list", cmd_queue_add, 1},
	{"queue start", "ITEM", "give the floor to the proposed speaker", cmd_queue_start, 1},
	{"queue next", "ITEM", "end the speech, call the next speaker", cmd_queue_next, 1},
	{"queue end", "ITEM", "end the current speech", cmd_queue_end, 1},
	{"queue pause", "ITEM", "pause the speaker's clock", cmd_queue_pause, 1},
	{"queue resume", "ITEM", "resume the speaker's clock", cmd_queue_resume, 1},
	{"queue withdraw", "ENTRY", "withdraw a waiting entry", cmd_queue_withdraw, 1},
	{"queue absent", "ENTRY", "mark a waiting entry absent", cmd_queue_absent, 1},
	{"queue list", "ITEM [--json]", "the list, with the policy's proposal and why", cmd_queue_list, 1},
	{"queue policy", "[fifo|first_time|balanced]", "show or set the ordering policy", cmd_queue_policy, 1},
	{"nominate", "WHO [--by WHO] [--role R] [--statement S]", "nominate someone (rapporteur by default)", cmd_nominate, 1},
	{"nomination set", "NOMINATION STATE", "accepted, declined, selected or not_selected", cmd_nomination_set, 1},
	{"note", "ITEM TEXT", "record a key point", cmd_note, 1},
	{"recommend", "ITEM TEXT [--by WHO]... [--gcm N]...", "record a recommendation", cmd_recommend, 1},
	{"pledge", "ITEM TEXT --by WHO [--by WHO]... [--type policy|resources|partnership] [--gcm N]...", "record a pledge", cmd_pledge, 1},
	{"export summary", "[--format md|html|txt|json] [-o FILE] [--item ITEM] [--no-contacts]", "the summary report", cmd_export_summary, 1},
	{"export speakers", "[--format csv|json] [-o FILE] [--item ITEM] [--no-contacts]", "the speakers' list", cmd_export_speakers, 1},
	{"display", "", "read-only live view for a projector", cmd_display, 1},
	{"demo", "", "the TUI on a demo database of the 2022 hearing", cli_demo, 0},
	{"tui", "", "the TUI (also: no command)", cmd_tui, 1},
};
const size_t cli_command_count = sizeof cli_commands / sizeof cli_commands[0];
