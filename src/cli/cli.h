/* The command-line front end: SPEC.md's contract, on the core. */
#ifndef ROSTRUM_CLI_H
#define ROSTRUM_CLI_H

int cli_main(int argc, char **argv);

#endif
