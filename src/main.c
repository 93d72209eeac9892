/* rostrum: the entry point hands the command line to the CLI. */
#include <locale.h>

#include "cli.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* Exports must not depend on who runs them: numbers keep a decimal point
	 * whatever the locale (text stays UTF-8 through LC_CTYPE). */
	setlocale(LC_NUMERIC, "C");
	return cli_main(argc, argv);
}
