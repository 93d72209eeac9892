/* Global options, the database and config paths, and dispatch. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rostrum/clock.h"
#include "rostrum/rostrum.h"

/* "name args", wrapped at 78 columns under the command's name, then what
 * it does, indented: no usage line is ever cut. */
static void print_usage_line(FILE *out, const cli_command *c)
{
	int col = fprintf(out, "  %s", c->name), indent = col + 1;
	for (const char *p = c->args; *p;) {
		while (*p == ' ')
			p++;
		/* A bracketed group stays whole: "[--kind K]". */
		size_t n = *p == '[' ? strcspn(p, "]") + 1 : strcspn(p, " ");
		if (p[n] == '.' && p[n + 1] == '.' && p[n + 2] == '.')
			n += 3;
		if (col + 1 + (int)n > 78 && col > indent)
			col = fprintf(out, "\n%*s", indent, "") - 1;
		col += fprintf(out, " %.*s", (int)n, p);
		p += n;
	}
	fprintf(out, "\n      %s\n", c->help);
}

static void print_help(FILE *out)
{
	fprintf(out,
		"usage: rostrum [--db PATH] [--config PATH] [--no-color] [COMMAND ...]\n"
		"\n"
		"  (no command)\n      the TUI\n");
	for (size_t i = 0; i < cli_command_count; i++)
		print_usage_line(out, &cli_commands[i]);
	fprintf(out,
		"  --help  --version\n"
		"\n"
		"ITEM is an agenda item's id or code; WHO a stakeholder's id, email or name;\n"
		"ENTRY a queue entry's id.  Text that begins with '-' goes after '--'\n"
		"(rostrum note ITEM -- '-5%% in arrivals'); an option's value, joined to\n"
		"it (--name=-Dash).  Exit status: 0 success, 1 runtime failure, 2 bad\n"
		"usage or invalid input.\n");
}

/* $XDG_<kind>_HOME/rostrum/<file>, with the XDG fallbacks; static buffer. */
const char *cli_xdg_path(const char *var, const char *fallback, const char *file)
{
	static char buf[2][4096];
	static int which;
	char *b = buf[which ^= 1];
	const char *base = getenv(var);
	if (base && *base)
		snprintf(b, sizeof buf[0], "%s/rostrum/%s", base, file);
	else
		snprintf(b, sizeof buf[0], "%s/%s/rostrum/%s", getenv("HOME") ? getenv("HOME") : ".",
			 fallback, file);
	return b;
}

/* Makes the folders above path (mode 0700), for a database in XDG's. */
static void make_parents(const char *path)
{
	char *p = strdup(path);
	for (char *s = p ? strchr(p + 1, '/') : NULL; s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			break;
		*s = '/';
	}
	free(p);
}

static const cli_command *find_command(int argc, char **argv, int *words)
{
	for (size_t i = 0; i < cli_command_count; i++) {
		const cli_command *c = &cli_commands[i];
		const char *space = strchr(c->name, ' ');
		size_t len = space ? (size_t)(space - c->name) : strlen(c->name);
		if (strncmp(argv[0], c->name, len) || argv[0][len])
			continue;
		if (!space) {
			*words = 1;
			return c;
		}
		if (argc > 1 && !strcmp(argv[1], space + 1)) {
			*words = 2;
			return c;
		}
	}
	return NULL;
}

/* "add, list, start, ..." of the commands in group word, in the table's
 * order. */
static const char *subcommands(const char *word)
{
	static char list[512];
	size_t used = 0, len = strlen(word);
	list[0] = '\0';
	for (size_t i = 0; i < cli_command_count && used < sizeof list; i++)
		if (!strncmp(cli_commands[i].name, word, len) && cli_commands[i].name[len] == ' ')
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
						 used ? ", " : "", cli_commands[i].name + len + 1);
	return list;
}

static int unknown_command(int argc, char **argv)
{
	int group = 0;
	for (size_t i = 0; i < cli_command_count; i++)
		if (!strncmp(cli_commands[i].name, argv[0], strlen(argv[0])) &&
		    cli_commands[i].name[strlen(argv[0])] == ' ')
			group = 1;
	if (group && argc > 1)
		rs_report(stderr, "rostrum: %s: unknown subcommand '%s' (see rostrum --help)",
			  argv[0], argv[1]);
	else if (group)
		rs_report(stderr, "rostrum: %s: which one? %s", argv[0], subcommands(argv[0]));
	else
		rs_report(stderr, "rostrum: unknown command '%s' (see rostrum --help)", argv[0]);
	return 2;
}

/* Reads --db, --config, --no-color, --help, --version before the command. */
static int global_options(cli_ctx *c, int *argc, char ***argv, int *done)
{
	int i = 1;
	*done = 0;
	for (; i < *argc && (*argv)[i][0] == '-'; i++) {
		const char *a = (*argv)[i];
		const char **slot = !strcmp(a, "--db") ? &c->db_path
				    : !strcmp(a, "--config") ? &c->config_path : NULL;
		if (slot) {
			if (i + 1 >= *argc) {
				rs_report(stderr, "rostrum: %s: needs a PATH", a);
				return 2;
			}
			*slot = (*argv)[++i];
		} else if (!strncmp(a, "--db=", 5) || !strncmp(a, "--config=", 9)) {
			*(a[2] == 'd' ? &c->db_path : &c->config_path) = strchr(a, '=') + 1;
		} else if (!strcmp(a, "--no-color")) {
			c->no_color = 1;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			print_help(stdout);
			*done = 1;
			return 0;
		} else if (!strcmp(a, "--version")) {
			printf("rostrum %s\n", ROSTRUM_VERSION);
			*done = 1;
			return 0;
		} else {
			rs_report(stderr, "rostrum: unknown option '%s' (see rostrum --help)", a);
			return 2;
		}
	}
	*argc -= i;
	*argv += i;
	return 0;
}

static int load_config(cli_ctx *c)
{
	int must_exist = c->config_path != NULL;
	if (!c->config_path)
		c->config_path = cli_xdg_path("XDG_CONFIG_HOME", ".config", "rostrum.conf");
	return rs_config_load(c->config_path, must_exist, &c->config, stderr) == RS_OK ? 0 : 2;
}

static void resolve_db(cli_ctx *c)
{
	const char *env = getenv("ROSTRUM_DB");
	c->db_given = c->db_path || (env && *env);
	if (c->db_path)
		return;
	if (env && *env)
		c->db_path = env;
	else if (c->config.database)
		c->db_path = c->config.database;
	else
		c->db_path = cli_xdg_path("XDG_DATA_HOME", ".local/share", "rostrum.db");
}

/* --help or -h after a command's name (before any '--'). */
static int asks_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

/* "rostrum note --help", "rostrum queue --help": the usage of that command,
 * or of each in the group, on stdout; 2 when there is no such command. */
static int command_help(int argc, char **argv)
{
	int words, shown = 0;
	const cli_command *cmd = find_command(argc, argv, &words);
	size_t len = strlen(argv[0]);
	for (size_t i = 0; i < cli_command_count; i++) {
		const cli_command *k = &cli_commands[i];
		if (cmd ? k == cmd : !strncmp(k->name, argv[0], len) && k->name[len] == ' ') {
			print_usage_line(stdout, k);
			shown++;
		}
	}
	return shown ? 0 : unknown_command(1, argv);
}

static int run(cli_ctx *c, int argc, char **argv)
{
	if (asks_help(argc, argv))
		return command_help(argc, argv);
	int words;
	const cli_command *cmd = find_command(argc, argv, &words);
	if (!cmd)
		return unknown_command(argc, argv);
	if (cmd->db == CLI_NO_DB) {
		make_parents(c->db_path);
		return cmd->run(c, argc - words + 1, argv + words - 1, cmd);
	}
	rs_status rc = cmd->db == CLI_WRITES ? rs_db_open(c->db_path, &c->db)
					     : rs_db_open_readonly(c->db_path, &c->db);
	if (rc == RS_OK && cmd->db == CLI_READS)
		rc = rs_db_read_begin(c->db);
	if (rc)
		return cli_fail(rc);
	int status = cmd->run(c, argc - words + 1, argv + words - 1, cmd);
	rs_db_read_end(c->db);
	return status;
}

/* What was printed must have reached stdout: a full disk or a closed pipe
 * is a failure (exit 1), even after the action itself succeeded.  A
 * command that failed has said why already. */
static int flush_stdout(int status)
{
	if ((fflush(stdout) == 0 && !ferror(stdout)) || status)
		return status;
	fprintf(stderr, "rostrum: stdout: write failed: %s\n", strerror(errno ? errno : EIO));
	return 1;
}

int cli_main(int argc, char **argv)
{
	cli_ctx c = {0};
	int done;
	int status = global_options(&c, &argc, &argv, &done);
	if (status || done)
		return flush_stdout(status);
	if (rs_clock_check() != RS_OK)
		return cli_fail(2);
	if ((status = load_config(&c)) != 0) {
		rs_config_free(&c.config);
		return status;
	}
	resolve_db(&c);
	if (argc == 0) {
		static char *tui[] = {"tui", NULL};
		argc = 1;
		argv = tui;
	}
	errno = 0;
	status = run(&c, argc, argv);
	rs_db_close(c.db);
	rs_config_free(&c.config);
	return flush_stdout(status);
}
