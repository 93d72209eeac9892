#include "cli.h"

#include <stdio.h>

#include "rostrum/rostrum.h"

int cli_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	puts("rostrum " ROSTRUM_VERSION);
	return 0;
}
