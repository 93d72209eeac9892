#include "cli.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "rostrum/agenda.h"
#include "rostrum/stakeholder.h"
#include "rostrum/text.h"

int cli_usage(const cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "rostrum: %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (usage: rostrum %s %s)\n", cmd->name, cmd->args);
	return 2;
}

int cli_fail(int status)
{
	fprintf(stderr, "rostrum: %s\n", rs_error());
	return status;
}

int cli_item(cli_ctx *c, const char *arg, int64_t *id)
{
	return rs_agenda_find(c->db, arg, id) == RS_OK ? 0 : cli_fail(2);
}

int cli_who(cli_ctx *c, const char *arg, int64_t *id)
{
	return rs_stakeholder_find(c->db, arg, id) == RS_OK ? 0 : cli_fail(2);
}

int cli_entry(const char *arg, int64_t *id)
{
	char *end;
	long long v = strtoll(arg, &end, 10);
	if (!isdigit((unsigned char)*arg) || *end || v <= 0) {
		fprintf(stderr, "rostrum: ENTRY: expected a queue entry id, got '%s'\n", arg);
		return 2;
	}
	*id = v;
	return 0;
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
