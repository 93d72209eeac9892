/* `rostrum demo`: the bundled 2022 hearing, built once, then opened. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "rostrum/import.h"
#include "rostrum/meeting.h"

int cli_demo(cli_ctx *c, int argc, char **argv, const cli_command *cmd)
{
	(void)c;
	(void)cmd;
	(void)argc;
	(void)argv;
	fprintf(stderr, "rostrum: demo: not yet\n");
	return 1;
}
