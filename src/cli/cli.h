/* The command-line front end: SPEC.md's contract, on the core.  No rule of
 * the domain lives here: commands parse arguments, call one core function
 * and print its result. */
#ifndef ROSTRUM_CLI_H
#define ROSTRUM_CLI_H

#include <stdint.h>

#include "rostrum/agenda.h"
#include "rostrum/config.h"
#include "rostrum/db.h"

typedef struct {
	const char *db_path;     /* resolved: --db, $ROSTRUM_DB, config, XDG */
	int db_given;            /* by --db or $ROSTRUM_DB */
	const char *config_path; /* NULL: none found */
	rs_config config;
	int no_color;
	rs_db *db; /* opened for commands that need it */
} cli_ctx;

/* One command of the contract.  run gets argv from the command's first word
 * on (argv[0] is the verb, or the sub-verb for two-word commands).  args
 * and help make --help, the man page's and README's command lists and the
 * bash completion (a test compares them). */
typedef struct cli_command {
	const char *name; /* "queue add" */
	const char *args; /* "ITEM WHO [--kind K]" */
	const char *help;
	int (*run)(cli_ctx *c, int argc, char **argv, const struct cli_command *cmd);
	int db; /* CLI_NO_DB, CLI_WRITES, CLI_READS or CLI_WATCHES */
} cli_command;

/* What a command does with the database: nothing (it makes its own, or
 * none); changes it (opened for writing, which upgrades an older schema);
 * reads it (opened read-only, every read in one snapshot); watches it
 * (read-only, live: `display`). */
enum { CLI_NO_DB, CLI_WRITES, CLI_READS, CLI_WATCHES };

extern const cli_command cli_commands[];
extern const size_t cli_command_count;

int cli_main(int argc, char **argv);

/* $XDG_<kind>_HOME/rostrum/<file> with XDG's fallbacks (a static buffer,
 * two calls deep). */
const char *cli_xdg_path(const char *var, const char *fallback, const char *file);

/* Option values of one command; repeated --by, --gcm and --speaking-time
 * accumulate.  Flags are 1 when given. */
typedef struct {
	const char *title, *date, *venue, *code, *start, *end, *kind, *parent;
	const char *name, *sector, *org, *region, *country, *gender, *email, *accreditation;
	const char *role, *statement, *type, *format, *output, *item;
	const char *slot, *to, *expect, *policy, *moderator, *description, *timezone;
	const char *warning, *text, *session, *since, *languages;
	const char *host, *purpose, *context, *introduction, *contact, *report_title;
	const char *report_subtitle, *organise, *attribution;
	const char *balance_basis, *balance_scope, *max_passed, *migrants_first, *seed;
	const char *seat_spread;
	const char *participation, *language, *require_accreditation;
	const char *by[64];
	int n_by;
	int gcm[23 * 2];
	int n_gcm;
	const char *times[16];
	int n_times;
	const char *links[32]; /* --link LABEL=URL */
	int n_links;
	const char *themes[32];
	int n_themes;
	const char *quotas[32]; /* --quota DIM:VALUE=PERCENT */
	int n_quotas;
	const char *seats[16]; /* --seats ROLE=N, or N */
	int n_seats;
	const char *swaps[32]; /* --swap SLOT=WHO */
	int n_swaps;
	int json, dry_run, no_contacts, end_speech, carry_speech, no_gcm, undo;
	int no_links, no_theme, descriptions, confirm;
	int present, absent, count, interpreters;
	char **pos; /* positional arguments */
	int n_pos;
	int n_options; /* options given, of any kind */
} cli_opts;

/* Parses argv (argv[0] is the command word) accepting only the long options
 * named in `allowed` (space-separated, plus "o" for -o FILE), and exactly
 * min..max positional arguments; arguments after "--" are positional
 * whatever they begin with.  An option's value that begins with '-' is
 * joined to it ("--name=-Dash"): the word after an option that begins with
 * '-' is refused as its value, which it would be only when the option was
 * given none.  Prints the usage error and returns 2. */
int cli_parse(const cli_command *cmd, int argc, char **argv, const char *allowed, int min,
	      int max, cli_opts *o);
/* A command that changes what its options say, given none: the usage
 * error "nothing to change", 2 (a change of nothing is not journalled). */
int cli_nothing_to_change(const cli_command *cmd, const cli_opts *o);
#define CLI_PARSE(allowed, min, max)                                           \
	cli_opts o;                                                            \
	if (cli_parse(cmd, argc, argv, allowed, min, max, &o))                 \
		return 2
/* 1 if name is one of the space-separated words of list. */
int cli_word_in(const char *list, const char *name);

/* Helpers the commands share (cli_util.c). */
int cli_usage(const cli_command *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cli_fail(int status);      /* prints rs_error() and returns status */
int cli_status(rs_status rc);  /* 0, or rs_error() printed and rc */
/* ITEM and WHO as ids; refused (2) with the core's words, after the
 * option's name when they are an option's value ("--by: no stakeholder
 * 999"); option is NULL for an argument. */
int cli_item(cli_ctx *c, const char *option, const char *arg, int64_t *id);
int cli_who(cli_ctx *c, const char *option, const char *arg, int64_t *id);
int cli_entry(const char *arg, int64_t *id);
/* The same for another kind of id named as the usage names it: NAME
 * "NOMINATION", what "a nomination". */
int cli_id(const char *arg, const char *name, const char *what, int64_t *id);
/* --expect ENTRY: an entry id, or "none" / 0 for nobody; RS_EXPECT_ANY
 * when the option was not given. */
int cli_expect(const char *arg, int64_t *expect);
/* Long work on the database (an import, an export) shows its progress on
 * stderr when that is a terminal, and nothing when it is not. */
void cli_show_progress(cli_ctx *c);
void cli_print_id(int64_t id);
void cli_print_text(const char *s); /* user text, control characters made inert */
/* Streams a JSON array: cli_json_open, then each element, then close. */
typedef struct {
	int n;
} cli_json_array;
void cli_json_open(cli_json_array *a);
int cli_json_element(const char *json, void *array);
void cli_json_close(cli_json_array *a);
/* The JSON array of a core list that takes (db, cb, ctx); the exit status. */
int cli_json_list(rs_db *db, rs_status (*each)(rs_db *, rs_json_cb, void *));
/* The commands, by file. */
#define CLI_COMMAND(fn) int fn(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
/* cmd_meeting.c */
CLI_COMMAND(cmd_init);
CLI_COMMAND(cmd_import_roster);
CLI_COMMAND(cmd_import_agenda);
CLI_COMMAND(cmd_agenda_add);
CLI_COMMAND(cmd_agenda_list);
CLI_COMMAND(cmd_agenda_open);
CLI_COMMAND(cmd_agenda_close);
CLI_COMMAND(cmd_agenda_set);
CLI_COMMAND(cmd_meeting_show);
CLI_COMMAND(cmd_meeting_set);
CLI_COMMAND(cmd_journal);
CLI_COMMAND(cmd_undo);
/* cmd_queue.c */
CLI_COMMAND(cmd_queue_add);
CLI_COMMAND(cmd_queue_start);
CLI_COMMAND(cmd_queue_next);
CLI_COMMAND(cmd_queue_end);
CLI_COMMAND(cmd_queue_pause);
CLI_COMMAND(cmd_queue_resume);
CLI_COMMAND(cmd_queue_give);
CLI_COMMAND(cmd_queue_withdraw);
CLI_COMMAND(cmd_queue_absent);
CLI_COMMAND(cmd_queue_requeue);
CLI_COMMAND(cmd_queue_move);
CLI_COMMAND(cmd_queue_list);
CLI_COMMAND(cmd_queue_policy);
CLI_COMMAND(cmd_queue_stats);
CLI_COMMAND(cmd_queue_requests);
CLI_COMMAND(cmd_queue_place);
CLI_COMMAND(cmd_queue_set);
/* cmd_record.c */
CLI_COMMAND(cmd_stakeholder_add);
CLI_COMMAND(cmd_stakeholder_list);
CLI_COMMAND(cmd_stakeholder_edit);
CLI_COMMAND(cmd_stakeholder_delete);
CLI_COMMAND(cmd_stakeholder_checkin);
CLI_COMMAND(cmd_stakeholder_accredit);
CLI_COMMAND(cmd_nominate);
CLI_COMMAND(cmd_nomination_set);
CLI_COMMAND(cmd_nomination_list);
CLI_COMMAND(cmd_nomination_edit);
CLI_COMMAND(cmd_nomination_delete);
CLI_COMMAND(cmd_note);
CLI_COMMAND(cmd_recommend);
CLI_COMMAND(cmd_pledge);
CLI_COMMAND(cmd_nextstep);
CLI_COMMAND(cmd_respond);
CLI_COMMAND(cmd_outcome_list);
CLI_COMMAND(cmd_outcome_edit);
CLI_COMMAND(cmd_outcome_delete);
CLI_COMMAND(cmd_export_summary);
CLI_COMMAND(cmd_export_speakers);
/* cmd_seats.c */
CLI_COMMAND(cmd_nomination_select);
CLI_COMMAND(cmd_panel_propose);
CLI_COMMAND(cmd_panel_confirm);
/* commands.c and demo.c */
CLI_COMMAND(cmd_completion);
CLI_COMMAND(cli_demo);

#endif
