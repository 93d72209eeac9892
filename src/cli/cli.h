/* The command-line front end: SPEC.md's contract, on the core.  No rule of
 * the domain lives here: commands parse arguments, call one core function
 * and print its result. */
#ifndef ROSTRUM_CLI_H
#define ROSTRUM_CLI_H

#include <stdint.h>

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
 * on (argv[0] is the verb, or the sub-verb for two-word commands). */
typedef struct cli_command {
	const char *name; /* "queue add" */
	const char *args; /* "ITEM WHO [--kind K]" */
	const char *help;
	int (*run)(cli_ctx *c, int argc, char **argv, const struct cli_command *cmd);
	int needs_db;
} cli_command;

extern const cli_command cli_commands[];
extern const size_t cli_command_count;

int cli_main(int argc, char **argv);

/* $XDG_<kind>_HOME/rostrum/<file> with XDG's fallbacks (a static buffer,
 * two calls deep). */
const char *cli_xdg_path(const char *var, const char *fallback, const char *file);

/* Helpers the commands share (cli_util.c). */
int cli_usage(const cli_command *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cli_fail(int status);                /* prints rs_error() and returns status */
int cli_item(cli_ctx *c, const char *arg, int64_t *id);
int cli_who(cli_ctx *c, const char *arg, int64_t *id);
int cli_entry(const char *arg, int64_t *id);
void cli_print_id(int64_t id);
void cli_print_text(const char *s); /* user text, control characters made inert */
/* Streams a JSON array: cli_json_open, then each element, then close. */
typedef struct {
	int n;
} cli_json_array;
void cli_json_open(cli_json_array *a);
int cli_json_element(const char *json, void *array);
void cli_json_close(cli_json_array *a);

#endif
