/* `rostrum completion`: the bash completion script, made from the command
 * table so that it cannot drift from --help.  For each command it lists
 * the options, which of them take a value, and what each value and each
 * positional argument is (read from the args text: ITEM, STATE, FILE, a|b|c
 * choices); item codes are read from the database when completing. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "rostrum/refdata.h"

/* The bash variable suffix of a command: "queue add" -> "queue_add". */
static void key_of(const char *name, char *buf, size_t size)
{
	snprintf(buf, size, "%s", name);
	for (char *p = buf; *p; p++)
		if (*p == ' ' || *p == '-')
			*p = '_';
}

/* The next word of args, without brackets or a "..." suffix; 0 at the end. */
static int next_word(const char **p, char *buf, size_t size)
{
	while (**p == ' ' || **p == '[' || **p == ']')
		(*p)++;
	if (!**p)
		return 0;
	size_t n = strcspn(*p, " []");
	snprintf(buf, size, "%.*s", (int)n, *p);
	*p += n;
	char *dots = strstr(buf, "...");
	if (dots)
		*dots = '\0';
	return 1;
}

/* What a value or positional word completes to, as a shell word list; the
 * special words ITEM and FILE are completed by the script itself. */
static void values_of(const char *key, const char *word, char *out, size_t size)
{
	out[0] = '\0';
	if (strchr(word, '|')) {
		snprintf(out, size, "%s", word);
		for (char *p = out; *p; p++)
			if (*p == '|')
				*p = ' ';
	} else if (!strcmp(word, "ITEM") || !strcmp(word, "FILE")) {
		snprintf(out, size, "@%s", word);
	} else if (!strcmp(word, "STATE")) {
		for (int s = NS_ACCEPTED; s < NS__COUNT; s++)
			snprintf(out + strlen(out), size - strlen(out), "%s ",
				 rs_nomination_state_name((rs_nomination_state)s));
	} else if (!strcmp(word, "KIND") || (!strcmp(word, "KIND=M:SS"))) {
		for (size_t i = 0; i < rs_kind_count(); i++)
			snprintf(out + strlen(out), size - strlen(out), "%s%s ", rs_kind_at(i)->code,
				 strchr(word, '=') ? "=" : "");
	} else if (!strcmp(word, "K") && !strncmp(key, "agenda", 6)) {
		for (size_t i = 0; i < rs_agenda_kind_n; i++)
			snprintf(out + strlen(out), size - strlen(out), "%s ", rs_agenda_kinds[i]);
	} else if (!strcmp(word, "P")) {
		for (int p = 0; p < POLICY__COUNT; p++)
			snprintf(out + strlen(out), size - strlen(out), "%s ",
				 rs_policy_name((rs_policy)p));
	}
}

static void print_command(const cli_command *cmd)
{
	char key[64], word[256], values[512], opts[1024] = "", valued[1024] = "";
	key_of(cmd->name, key, sizeof key);
	const char *p = cmd->args;
	int n_pos = 0;
	while (next_word(&p, word, sizeof word)) {
		if (word[0] == '-') { /* --opt, -o, or --a|--b */
			for (char *f = strtok(word, "|"); f; f = strtok(NULL, "|"))
				snprintf(opts + strlen(opts), sizeof opts - strlen(opts), "%s ", f);
			const char *after = p;
			char value[256];
			if (strchr(word, '|') || !next_word(&after, value, sizeof value) ||
			    value[0] == '-')
				continue; /* a flag */
			p = after;
			snprintf(valued + strlen(valued), sizeof valued - strlen(valued), "%s ", word);
			values_of(key, value, values, sizeof values);
			char opt_key[64];
			key_of(word + (word[1] == '-' ? 2 : 1), opt_key, sizeof opt_key);
			if (values[0])
				printf("_rostrum_val_%s__%s='%s'\n", key, opt_key, values);
		} else {
			values_of(key, word, values, sizeof values);
			printf("_rostrum_pos_%s_%d='%s'\n", key, n_pos++, values);
		}
	}
	printf("_rostrum_opts_%s='%s'\n_rostrum_valued_%s='%s'\n", key, opts, key, valued);
}

static const char script[] =
	"_rostrum_values()\n"
	"{\n"
	"\tlocal what=$1 cur=$2\n"
	"\tcase $what in\n"
	"\t@FILE) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n"
	"\t@ITEM) COMPREPLY=($(compgen -W \"$(rostrum \"${_rostrum_globals[@]}\" agenda list 2>/dev/null"
	" | awk -F'\\t' '{gsub(/ /, \"\", $2); if ($2 != \"\") print $2}')\" -- \"$cur\")) ;;\n"
	"\t*) COMPREPLY=($(compgen -W \"$what\" -- \"$cur\")) ;;\n"
	"\tesac\n"
	"}\n"
	"\n"
	"_rostrum()\n"
	"{\n"
	"\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} i=1 key var\n"
	"\t_rostrum_globals=()\n"
	"\twhile [[ $i -lt $COMP_CWORD ]]; do\n"
	"\t\tcase ${COMP_WORDS[i]} in\n"
	"\t\t--db|--config) _rostrum_globals+=(\"${COMP_WORDS[i]}\" \"${COMP_WORDS[i+1]}\"); i=$((i + 2)) ;;\n"
	"\t\t--db=*|--config=*) _rostrum_globals+=(\"${COMP_WORDS[i]}\"); i=$((i + 1)) ;;\n"
	"\t\t--no-color) i=$((i + 1)) ;;\n"
	"\t\t*) break ;;\n"
	"\t\tesac\n"
	"\tdone\n"
	"\tif [[ $i -ge $COMP_CWORD ]]; then\n"
	"\t\tcase $prev in --db|--config) _rostrum_values @FILE \"$cur\"; return ;; esac\n"
	"\t\tCOMPREPLY=($(compgen -W \"$_rostrum_first --db --config --no-color --help --version\" -- \"$cur\"))\n"
	"\t\treturn\n"
	"\tfi\n"
	"\tkey=${COMP_WORDS[i]}\n"
	"\tif [[ \" $_rostrum_groups \" == *\" $key \"* ]]; then\n"
	"\t\tif [[ $((i + 1)) -ge $COMP_CWORD ]]; then\n"
	"\t\t\tvar=_rostrum_sub_${key//-/_}; COMPREPLY=($(compgen -W \"${!var}\" -- \"$cur\")); return\n"
	"\t\tfi\n"
	"\t\tkey=\"${key}_${COMP_WORDS[i+1]}\"; i=$((i + 2))\n"
	"\telse\n"
	"\t\ti=$((i + 1))\n"
	"\tfi\n"
	"\tkey=${key//-/_}\n"
	"\tvar=_rostrum_valued_$key\n"
	"\tif [[ $prev == -* && \" ${!var} \" == *\" $prev \"* ]]; then\n"
	"\t\tlocal opt=${prev#-}; opt=${opt#-}; opt=${opt//-/_}\n"
	"\t\tvar=_rostrum_val_${key}__$opt\n"
	"\t\t[[ -n ${!var} ]] && _rostrum_values \"${!var}\" \"$cur\"\n"
	"\t\treturn\n"
	"\tfi\n"
	"\tif [[ $cur == -* ]]; then\n"
	"\t\tvar=_rostrum_opts_$key; COMPREPLY=($(compgen -W \"${!var}\" -- \"$cur\")); return\n"
	"\tfi\n"
	"\tlocal n=0 j valued_var=_rostrum_valued_$key\n"
	"\tfor ((j = i; j < COMP_CWORD; j++)); do\n"
	"\t\tcase ${COMP_WORDS[j]} in\n"
	"\t\t--) ;;\n"
	"\t\t-*) [[ \" ${!valued_var} \" == *\" ${COMP_WORDS[j]} \"* ]] && j=$((j + 1)) ;;\n"
	"\t\t*) n=$((n + 1)) ;;\n"
	"\t\tesac\n"
	"\tdone\n"
	"\tvar=_rostrum_pos_${key}_$n\n"
	"\t[[ -n ${!var} ]] && _rostrum_values \"${!var}\" \"$cur\"\n"
	"}\n"
	"complete -F _rostrum rostrum\n";

CLI_COMMAND(cmd_completion)
{
	CLI_PARSE("", 0, 0);
	(void)c;
	char first[1024] = "", groups[512] = "";
	puts("# bash completion for rostrum, made by `rostrum completion` from its command table.");
	for (size_t i = 0; i < cli_command_count; i++) {
		const cli_command *k = &cli_commands[i];
		const char *space = strchr(k->name, ' ');
		char word[64];
		snprintf(word, sizeof word, "%.*s", (int)(space ? space - k->name : (long)strlen(k->name)),
			 k->name);
		if (!cli_word_in(first, word))
			snprintf(first + strlen(first), sizeof first - strlen(first), "%s ", word);
		if (space && !cli_word_in(groups, word))
			snprintf(groups + strlen(groups), sizeof groups - strlen(groups), "%s ", word);
	}
	printf("_rostrum_first='%s'\n_rostrum_groups='%s'\n", first, groups);
	for (const char *g = groups; *g;) {
		char group[64], subs[512] = "";
		size_t n = strcspn(g, " ");
		snprintf(group, sizeof group, "%.*s", (int)n, g);
		for (size_t i = 0; i < cli_command_count; i++) {
			const char *name = cli_commands[i].name;
			if (!strncmp(name, group, n) && name[n] == ' ')
				snprintf(subs + strlen(subs), sizeof subs - strlen(subs), "%s ", name + n + 1);
		}
		char key[64];
		key_of(group, key, sizeof key);
		printf("_rostrum_sub_%s='%s'\n", key, subs);
		g += n + (g[n] == ' ');
	}
	for (size_t i = 0; i < cli_command_count; i++)
		print_command(&cli_commands[i]);
	fputs(script, stdout);
	return 0;
}
