/* What the command line needs of the screens, without curses: the CLI
 * starts them and knows nothing else of them. */
#ifndef ROSTRUM_TUI_RUN_H
#define ROSTRUM_TUI_RUN_H

#include "rostrum/config.h"
#include "rostrum/db.h"

/* The TUI and the projector view on db until the user quits; 0, or an
 * rs_status with rs_error() set (no terminal, say).  With interpreters the
 * view is one line for the booths: the language of who speaks and who is
 * next. */
int tui_run(rs_db *db, const rs_config *cfg, int no_color);
int display_run(rs_db *db, const rs_config *cfg, int no_color, int interpreters);

#endif
