/* `make bench`: what bench.c shares with the figures of the other files. */
#ifndef ROSTRUM_BENCH_H
#define ROSTRUM_BENCH_H

typedef enum { U_TIME, U_MIB, U_BYTES } unit;

/* Seconds on a monotonic clock. */
double now_s(void);
/* One row of the table: a figure beside its baseline measured in the same
 * run (seconds, MiB or bytes; a baseline < 0 is none). */
void report(unit u, double value, double baseline, const char *base_what, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* The sqlite3 shell's path, else NULL (a figure that needs it shows "-"). */
const char *sqlite3_shell(void);
/* The median of v[0..n), sorted in place. */
double median(double *v, size_t n);

/* tui_figures.c: the TUI and the CLI as processes, in a pseudo-terminal:
 * first frame, bytes per clock tick, roster keystrokes at 100,000, a change
 * made by the CLI until the TUI shows it.  bin is the rostrum to run, db a
 * meeting with the roadmap's roster and lists, item the code of the item
 * whose list the moderator watches (someone speaking on it). */
void tui_figures(const char *bin, const char *db, const char *item);

#endif
