/* What the commands share: option parsing, the usual lookups, printing. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rostrum/agenda.h"
#include "rostrum/progress.h"
#include "rostrum/queue.h"
#include "rostrum/stakeholder.h"
#include "rostrum/text.h"

enum { O_TITLE = 256, O_DATE, O_VENUE, O_CODE, O_START, O_END, O_KIND, O_PARENT, O_NAME,
       O_SECTOR, O_ORG, O_REGION, O_COUNTRY, O_GENDER, O_EMAIL, O_ACCREDITATION, O_ROLE,
       O_STATEMENT, O_TYPE, O_FORMAT, O_ITEM, O_SLOT, O_TO, O_EXPECT, O_POLICY, O_MODERATOR,
       O_DESCRIPTION, O_TIMEZONE, O_WARNING, O_TEXT, O_SESSION, O_SINCE, O_LANGUAGES,
       O_HOST, O_PURPOSE, O_CONTEXT, O_INTRODUCTION, O_CONTACT, O_REPORT_TITLE,
       O_REPORT_SUBTITLE, O_ORGANISE, O_ATTRIBUTION, O_BALANCE_BASIS, O_BALANCE_SCOPE,
       O_MAX_PASSED, O_MIGRANTS_FIRST, O_SEED, O_SEAT_SPREAD, O_PARTICIPATION, O_LANGUAGE,
       O_REQUIRE_ACCREDITATION,
       O_LAST_STRING = O_REQUIRE_ACCREDITATION,
       O_QUOTA, O_SEATS, O_BY, O_GCM, O_SPEAKING_TIME, O_LINK, O_THEME, O_JSON, O_DRY_RUN, O_NO_CONTACTS,
       O_END_SPEECH, O_CARRY_SPEECH, O_NO_GCM, O_UNDO, O_NO_LINKS, O_NO_THEME,
       O_DESCRIPTIONS, O_CONFIRM, O_SWAP, O_PRESENT, O_ABSENT, O_COUNT, O_INTERPRETERS };

#define STR_OPT(name, code) {name, required_argument, NULL, code}
#define FLAG(name, code) {name, no_argument, NULL, code}
static const struct option all_options[] = {
	STR_OPT("title", O_TITLE), STR_OPT("date", O_DATE), STR_OPT("venue", O_VENUE),
	STR_OPT("code", O_CODE), STR_OPT("start", O_START), STR_OPT("end", O_END),
	STR_OPT("kind", O_KIND), STR_OPT("parent", O_PARENT), STR_OPT("name", O_NAME),
	STR_OPT("sector", O_SECTOR), STR_OPT("org", O_ORG), STR_OPT("region", O_REGION),
	STR_OPT("country", O_COUNTRY), STR_OPT("gender", O_GENDER), STR_OPT("email", O_EMAIL),
	STR_OPT("accreditation", O_ACCREDITATION), STR_OPT("role", O_ROLE),
	STR_OPT("statement", O_STATEMENT), STR_OPT("type", O_TYPE), STR_OPT("format", O_FORMAT),
	STR_OPT("item", O_ITEM), STR_OPT("slot", O_SLOT), STR_OPT("to", O_TO),
	STR_OPT("expect", O_EXPECT), STR_OPT("policy", O_POLICY),
	STR_OPT("moderator", O_MODERATOR), STR_OPT("description", O_DESCRIPTION),
	STR_OPT("timezone", O_TIMEZONE), STR_OPT("warning", O_WARNING), STR_OPT("text", O_TEXT),
	STR_OPT("session", O_SESSION), STR_OPT("since", O_SINCE),
	STR_OPT("languages", O_LANGUAGES), STR_OPT("host", O_HOST),
	STR_OPT("purpose", O_PURPOSE), STR_OPT("context", O_CONTEXT),
	STR_OPT("introduction", O_INTRODUCTION), STR_OPT("contact", O_CONTACT),
	STR_OPT("report-title", O_REPORT_TITLE), STR_OPT("report-subtitle", O_REPORT_SUBTITLE),
	STR_OPT("organise", O_ORGANISE), STR_OPT("attribution", O_ATTRIBUTION),
	STR_OPT("balance-basis", O_BALANCE_BASIS), STR_OPT("balance-scope", O_BALANCE_SCOPE),
	STR_OPT("max-passed", O_MAX_PASSED), STR_OPT("migrants-first", O_MIGRANTS_FIRST),
	STR_OPT("seed", O_SEED), STR_OPT("seat-spread", O_SEAT_SPREAD), STR_OPT("quota", O_QUOTA),
	STR_OPT("seats", O_SEATS),
	STR_OPT("participation", O_PARTICIPATION), STR_OPT("language", O_LANGUAGE),
	STR_OPT("require-accreditation", O_REQUIRE_ACCREDITATION),
	FLAG("present", O_PRESENT), FLAG("absent", O_ABSENT), FLAG("count", O_COUNT),
	FLAG("interpreters", O_INTERPRETERS),
	STR_OPT("link", O_LINK), STR_OPT("theme", O_THEME),
	FLAG("no-links", O_NO_LINKS), FLAG("no-theme", O_NO_THEME),
	FLAG("descriptions", O_DESCRIPTIONS), STR_OPT("by", O_BY), STR_OPT("gcm", O_GCM),
	STR_OPT("speaking-time", O_SPEAKING_TIME), FLAG("json", O_JSON),
	FLAG("dry-run", O_DRY_RUN), FLAG("no-contacts", O_NO_CONTACTS),
	FLAG("end-speech", O_END_SPEECH), FLAG("carry-speech", O_CARRY_SPEECH),
	FLAG("no-gcm", O_NO_GCM), FLAG("undo", O_UNDO), FLAG("confirm", O_CONFIRM),
	STR_OPT("swap", O_SWAP), {NULL, 0, NULL, 0},
};

static const char **string_slot(cli_opts *o, int code)
{
	const char **slots[] = {
		&o->title, &o->date, &o->venue, &o->code, &o->start, &o->end, &o->kind,
		&o->parent, &o->name, &o->sector, &o->org, &o->region, &o->country, &o->gender,
		&o->email, &o->accreditation, &o->role, &o->statement, &o->type, &o->format,
		&o->item, &o->slot, &o->to, &o->expect, &o->policy, &o->moderator,
		&o->description, &o->timezone, &o->warning, &o->text, &o->session, &o->since,
		&o->languages, &o->host, &o->purpose, &o->context, &o->introduction, &o->contact,
		&o->report_title, &o->report_subtitle, &o->organise, &o->attribution,
		&o->balance_basis, &o->balance_scope, &o->max_passed, &o->migrants_first,
		&o->seed, &o->seat_spread, &o->participation, &o->language,
		&o->require_accreditation,
	};
	return code >= O_TITLE && code <= O_LAST_STRING ? slots[code - O_TITLE] : NULL;
}

int cli_word_in(const char *list, const char *name)
{
	size_t len = strlen(name);
	for (const char *p = strstr(list, name); p; p = strstr(p + 1, name))
		if ((p == list || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return 1;
	return 0;
}

static int add_gcm(const cli_command *cmd, cli_opts *o, const char *arg)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (*end || v < 1 || v > 23)
		return cli_usage(cmd, "--gcm: '%s' is not a GCM objective (1-23)", arg);
	if (o->n_gcm < (int)(sizeof o->gcm / sizeof o->gcm[0]))
		o->gcm[o->n_gcm++] = (int)v;
	return 0;
}

/* One more value of a repeatable option, at most max. */
static int add_value(const cli_command *cmd, const char *name, const char **v, int *n, int max)
{
	if (*n >= max)
		return cli_usage(cmd, "%s: at most %d", name, max);
	v[(*n)++] = optarg;
	return 0;
}

/* A repeatable option or a flag; 2 after a usage error. */
static int take_other(const cli_command *cmd, cli_opts *o, int ch)
{
	switch (ch) {
	case 'o':
		o->output = optarg;
		return 0;
	case O_BY:
		if (o->n_by >= (int)(sizeof o->by / sizeof o->by[0]))
			return cli_usage(cmd, "--by: at most 64 people");
		o->by[o->n_by++] = optarg;
		return 0;
	case O_GCM:
		return add_gcm(cmd, o, optarg) ? 2 : 0;
	case O_SPEAKING_TIME:
		return add_value(cmd, "--speaking-time", o->times, &o->n_times, 16);
	case O_LINK:
		return add_value(cmd, "--link", o->links, &o->n_links, 32);
	case O_THEME:
		return add_value(cmd, "--theme", o->themes, &o->n_themes, 32);
	case O_QUOTA:
		return add_value(cmd, "--quota", o->quotas, &o->n_quotas, 32);
	case O_SEATS:
		return add_value(cmd, "--seats", o->seats, &o->n_seats, 16);
	case O_SWAP:
		return add_value(cmd, "--swap", o->swaps, &o->n_swaps, 32);
	}
	int *flag = ch == O_JSON ? &o->json : ch == O_DRY_RUN ? &o->dry_run
		  : ch == O_NO_CONTACTS ? &o->no_contacts : ch == O_END_SPEECH ? &o->end_speech
		  : ch == O_CARRY_SPEECH ? &o->carry_speech : ch == O_NO_GCM ? &o->no_gcm
		  : ch == O_UNDO ? &o->undo : ch == O_NO_LINKS ? &o->no_links
		  : ch == O_NO_THEME ? &o->no_theme : ch == O_DESCRIPTIONS ? &o->descriptions
		  : ch == O_CONFIRM ? &o->confirm
		  : ch == O_PRESENT ? &o->present : ch == O_ABSENT ? &o->absent
		  : ch == O_COUNT ? &o->count : ch == O_INTERPRETERS ? &o->interpreters : NULL;
	if (flag)
		*flag = 1;
	return 0;
}

/* The option whose code getopt gave, as it is written: "--title", "-o". */
static const char *option_name(int code, char *buf, size_t size)
{
	for (const struct option *op = all_options; op->name; op++)
		if (op->val == code) {
			snprintf(buf, size, "--%s", op->name);
			return buf;
		}
	snprintf(buf, size, "-%c", code);
	return buf;
}

/* The value an option took from the word after it, when that word begins
 * with '-': the option was given no value and would take the next option
 * (or "--") as one.  A value that begins with '-' is joined to its option,
 * "--name=-Dash"; "-" alone is no option (-o -: stdout). */
static int took_an_option(int argc, char **argv, const char *value)
{
	return optind <= argc && value == argv[optind - 1] && value[0] == '-' && value[1];
}

static int missing_value(const cli_command *cmd, int code)
{
	char name[40];
	option_name(code, name, sizeof name);
	return cli_usage(cmd, "%s: missing value (a value that begins with '-' is joined to it: "
			      "%s%s-VALUE)", name, name, code == 'o' ? "" : "=");
}

/* What getopt refused at argv[at]: an option given no value at the end of
 * the line, or a flag given one (optopt names the option either way), or
 * a word beginning with '-' that is no option of rostrum's ("-5% in
 * arrivals": text, which goes after "--"). */
static int refused_word(const cli_command *cmd, char **argv, int at)
{
	char name[40];
	int named = optopt == 'o' || (optopt > 255 && !strncmp(argv[at], "--", 2));
	if (named && strchr(argv[at], '='))
		return cli_usage(cmd, "%s takes no value",
				 option_name(optopt, name, sizeof name));
	if (named)
		return missing_value(cmd, optopt);
	return cli_usage(cmd, "unknown option '%s' (text that begins with '-' goes after '--')",
			 argv[at]);
}

int cli_parse(const cli_command *cmd, int argc, char **argv, const char *allowed, int min,
	      int max, cli_opts *o)
{
	memset(o, 0, sizeof *o);
	optind = 0;
	opterr = 0;
	int ch, idx, at;
	/* "-": positionals arrive in order as ch 1; getopt stops at "--".  The
	 * word getopt reads next is argv[optind] (1 on the first call). */
	while ((at = optind ? optind : 1),
	       (ch = getopt_long(argc, argv, "-o:", all_options, &idx)) != -1) {
		if (ch == 1) {
			argv[1 + o->n_pos++] = optarg;
			continue;
		}
		if (ch == '?' || ch == ':')
			return refused_word(cmd, argv, at);
		if (ch == 'o' ? !cli_word_in(allowed, "o")
			      : !cli_word_in(allowed, all_options[idx].name))
			return cli_usage(cmd, "option '%s' does not apply here", argv[at]);
		if (optarg && took_an_option(argc, argv, optarg))
			return missing_value(cmd, ch);
		o->n_options++;
		const char **slot = string_slot(o, ch);
		if (slot)
			*slot = optarg;
		else if (take_other(cmd, o, ch))
			return 2;
	}
	for (; optind < argc; optind++) /* after "--": positional, whatever they are */
		argv[1 + o->n_pos++] = argv[optind];
	o->pos = argv + 1;
	if (o->n_pos < min || o->n_pos > max)
		return cli_usage(cmd, o->n_pos < min ? "missing argument" : "too many arguments");
	return 0;
}

int cli_nothing_to_change(const cli_command *cmd, const cli_opts *o)
{
	return o->n_options ? 0 : cli_usage(cmd, "nothing to change");
}

int cli_usage(const cli_command *cmd, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	rs_report(stderr, "rostrum: %s: %s (usage: rostrum %s %s)", cmd->name, what, cmd->name,
		  cmd->args);
	return 2;
}

int cli_fail(int status)
{
	rs_report(stderr, "rostrum: %s", rs_error());
	return status;
}

int cli_status(rs_status rc)
{
	return rc == RS_OK ? 0 : cli_fail((int)rc);
}

/* rs_error() after the option's name, if any; 2. */
static int fail_at(const char *option)
{
	if (!option)
		return cli_fail(2);
	rs_report(stderr, "rostrum: %s: %s", option, rs_error());
	return 2;
}

int cli_item(cli_ctx *c, const char *option, const char *arg, int64_t *id)
{
	return rs_agenda_find(c->db, arg, id) == RS_OK ? 0 : fail_at(option);
}

int cli_who(cli_ctx *c, const char *option, const char *arg, int64_t *id)
{
	return rs_stakeholder_find(c->db, arg, id) == RS_OK ? 0 : fail_at(option);
}

/* A positive decimal id, or -1 (also past the largest an id can be). */
static int64_t parse_id(const char *arg)
{
	char *end;
	errno = 0;
	long long v = strtoll(arg, &end, 10);
	return isdigit((unsigned char)*arg) && !*end && !errno && v > 0 ? v : -1;
}

int cli_id(const char *arg, const char *name, const char *what, int64_t *id)
{
	if ((*id = parse_id(arg)) > 0)
		return 0;
	rs_report(stderr, "rostrum: %s: expected %s id, got '%s'", name, what, arg);
	return 2;
}

int cli_entry(const char *arg, int64_t *id)
{
	return cli_id(arg, "ENTRY", "a queue entry", id);
}

int cli_expect(const char *arg, int64_t *expect)
{
	if (!arg) {
		*expect = RS_EXPECT_ANY;
		return 0;
	}
	if (!strcmp(arg, "none") || !strcmp(arg, "0")) {
		*expect = 0;
		return 0;
	}
	if ((*expect = parse_id(arg)) > 0)
		return 0;
	rs_report(stderr, "rostrum: --expect: expected the entry holding the floor, or none; got '%s'",
		  arg);
	return 2;
}

/* One line on stderr, rewritten in place: "\r" back to its start, the
 * line, and the rest of the old one erased (EL); erased whole when over. */
static void show_progress(void *ctx, const rs_progress *p)
{
	char line[160] = "";
	(void)ctx;
	if (!p->over)
		rs_progress_line(p, line, sizeof line);
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
}

void cli_show_progress(cli_ctx *c)
{
	if (isatty(STDERR_FILENO))
		rs_db_on_progress(c->db, show_progress, NULL);
}

void cli_print_id(int64_t id)
{
	printf("%lld\n", (long long)id);
}

void cli_print_text(const char *s)
{
	char *t = rs_text_inert(s ? s : "", 0);
	fputs(t ? t : "", stdout);
	free(t);
}

void cli_json_open(cli_json_array *a)
{
	a->n = 0;
	fputs("[", stdout);
}

int cli_json_element(const char *json, void *array)
{
	cli_json_array *a = array;
	printf("%s%s", a->n++ ? ",\n " : "\n ", json);
	return 0;
}

void cli_json_close(cli_json_array *a)
{
	fputs(a->n ? "\n]\n" : "]\n", stdout);
}

int cli_json_list(rs_db *db, rs_status (*each)(rs_db *, rs_json_cb, void *))
{
	cli_json_array a;
	cli_json_open(&a);
	rs_status rc = each(db, cli_json_element, &a);
	cli_json_close(&a);
	return cli_status(rc);
}
