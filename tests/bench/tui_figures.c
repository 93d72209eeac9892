/* `make bench`, the screens: rostrum's TUI run as a moderator runs it, in a
 * pseudo-terminal of 80x24 (TERM xterm-256color, UTF-8), timed from
 * outside as the person at it sees it: from a key (or the program's start,
 * or another terminal's command) to the last byte of the frame that
 * answers it, a frame being whole once QUIET passes with no byte more.
 * Each figure is the median of RUNS, beside a baseline measured here in
 * the same run.  Asserts nothing. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

enum { COLS = 80, ROWS = 24, RUNS = 7, LATENCY_RUNS = 5 };
#define QUIET 0.06    /* seconds without a byte: the frame is whole */
#define LIMIT 60.0    /* seconds before giving up on a frame */
#define TICK_SECONDS 10.0
#define SETTLE 3.0    /* seconds a screen is given to draw a change made untimed */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static char home[600]; /* HOME and XDG_CONFIG_HOME of every child: no user config */

static void fail(const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* The environment a moderator's terminal gives rostrum. */
static void child_env(void)
{
	setenv("TERM", "xterm-256color", 1);
	setenv("LANG", "C.UTF-8", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", home, 1);
	setenv("ROSTRUM_SESSION", "bench-tui", 1);
	unsetenv("NO_COLOR");
	unsetenv("ROSTRUM_NOW");
}

/* ---- the terminal ------------------------------------------------------- */

typedef struct {
	int fd;
	pid_t pid;
	char *out; /* what the screen was sent since the mark */
	size_t n, cap;
	double last; /* when the last byte came */
	double sent; /* when the last keys were sent */
} tty;

static void tty_start(tty *t, const char *bin, const char *db)
{
	memset(t, 0, sizeof *t);
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m))
		fail("pseudo-terminal");
	struct winsize ws = {.ws_row = ROWS, .ws_col = COLS};
	ioctl(m, TIOCSWINSZ, &ws);
	char slave[128];
	snprintf(slave, sizeof slave, "%s", ptsname(m));
	pid_t pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		setsid();
		int s = open(slave, O_RDWR);
		if (s < 0)
			_exit(126);
		ioctl(s, TIOCSCTTY, 0);
		dup2(s, 0);
		dup2(s, 1);
		dup2(s, 2);
		if (s > 2)
			close(s);
		close(m);
		child_env();
		execl(bin, bin, "--db", db, (char *)NULL);
		_exit(127);
	}
	t->fd = m;
	t->pid = pid;
}

/* Reads what the screen is sent within `wait` seconds; the bytes read. */
static size_t tty_pump(tty *t, double wait)
{
	struct pollfd p = {t->fd, POLLIN, 0};
	if (poll(&p, 1, (int)(wait * 1000 + 0.5)) <= 0)
		return 0;
	char buf[65536];
	ssize_t k = read(t->fd, buf, sizeof buf);
	if (k <= 0)
		return 0;
	t->last = now_s();
	if (t->n + (size_t)k + 1 > t->cap) {
		size_t cap = (t->n + (size_t)k + 1) * 2;
		char *grown = realloc(t->out, cap);
		if (!grown)
			fail("memory");
		t->out = grown;
		t->cap = cap;
	}
	memcpy(t->out + t->n, buf, (size_t)k);
	t->n += (size_t)k;
	return (size_t)k;
}

static void tty_mark(tty *t)
{
	t->n = 0;
}

static int tty_saw(const tty *t, const char *text)
{
	size_t k = strlen(text);
	for (size_t i = 0; t->n >= k && i <= t->n - k; i++)
		if (!memcmp(t->out + i, text, k))
			return 1;
	return 0;
}

/* When the frame that shows text (NULL: any frame after the mark) was
 * whole: the time of its last byte.  -1 when it never came. */
static double tty_frame(tty *t, const char *text)
{
	double deadline = now_s() + LIMIT;
	int seen = 0;
	while (now_s() < deadline) {
		size_t k = tty_pump(t, seen ? QUIET : 0.2);
		if (!seen && t->n && (!text || tty_saw(t, text)))
			seen = 1;
		else if (seen && !k)
			return t->last;
	}
	fprintf(stderr, "bench: the screen never showed %s\n", text ? text : "a frame");
	return -1;
}

static void tty_send(tty *t, const char *keys)
{
	tty_mark(t);
	/* Before the write: a process woken by it may run, and answer, before
	 * write returns. */
	t->sent = now_s();
	if (write(t->fd, keys, strlen(keys)) != (ssize_t)strlen(keys))
		fail("write to the terminal");
}

/* Time from a key to the frame that answers it. */
static double tty_key(tty *t, const char *keys)
{
	tty_send(t, keys);
	double done = tty_frame(t, NULL);
	return done < 0 ? -1 : done - t->sent;
}

static void tty_stop(tty *t)
{
	tty_send(t, "\033\033q");
	double deadline = now_s() + 5;
	int status;
	while (waitpid(t->pid, &status, WNOHANG) == 0) {
		if (now_s() > deadline) {
			kill(t->pid, SIGTERM);
			waitpid(t->pid, &status, 0);
			break;
		}
		tty_pump(t, 0.05);
	}
	close(t->fd);
	free(t->out);
}

/* ---- the command line ------------------------------------------------------ */

/* Runs argv (NULL-terminated) with stdout into out (size bytes, may be
 * NULL); the seconds from its start to its end.  Exits the bench if it
 * fails. */
static double run(char *const argv[], char *out, size_t size)
{
	int p[2];
	if (pipe(p))
		fail("pipe");
	double t0 = now_s();
	pid_t pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		child_env();
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	size_t n = 0;
	char buf[4096];
	ssize_t k;
	while ((k = read(p[0], buf, sizeof buf)) > 0)
		for (ssize_t i = 0; i < k; i++)
			if (out && n + 1 < size)
				out[n++] = buf[i];
	close(p[0]);
	int status;
	waitpid(pid, &status, 0);
	double t = now_s() - t0;
	if (out && size)
		out[n] = '\0';
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench: %s %s failed\n", argv[0], argv[1] ? argv[1] : "");
		exit(1);
	}
	return t;
}

/* rostrum --db db ARGS... */
static double cli(const char *bin, const char *db, char *out, size_t size, ...)
{
	char *argv[16] = {(char *)bin, "--db", (char *)db};
	int n = 3;
	va_list ap;
	va_start(ap, size);
	for (char *a; n < 15 && (a = va_arg(ap, char *));)
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	return run(argv, out, size);
}

/* ---- the figures ----------------------------------------------------------- */

/* sqlite3 started on the file, counting the roster: the least a program
 * that shows the meeting must do (the sqlite3 shell, else a note). */
static double baseline_open_count(const char *db)
{
	const char *shell = sqlite3_shell();
	if (!shell)
		return -1;
	char *argv[] = {(char *)shell, (char *)db, "SELECT count(*) FROM stakeholder", NULL};
	double v[RUNS];
	char out[64];
	for (int i = 0; i < RUNS; i++)
		v[i] = run(argv, out, sizeof out);
	return median(v, RUNS);
}

/* The sqlite3 shell started on a WAL file of one row, updating it
 * durably: the least a command that records a call must do. */
static double baseline_shell_update(const char *db)
{
	const char *shell = sqlite3_shell();
	if (!shell)
		return -1;
	char path[700];
	snprintf(path, sizeof path, "%s.update", db);
	char *make[] = {(char *)shell, path, "PRAGMA journal_mode=WAL;"
			" CREATE TABLE t(id INTEGER PRIMARY KEY, v INTEGER); INSERT INTO t VALUES (1, 0);",
			NULL};
	char out[64];
	run(make, out, sizeof out);
	char *update[] = {(char *)shell, path,
			  "PRAGMA synchronous=FULL; UPDATE t SET v = v + 1 WHERE id = 1;", NULL};
	double v[RUNS];
	for (int i = 0; i < RUNS; i++)
		v[i] = run(update, out, sizeof out);
	static const char *const suffixes[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < COUNT(suffixes); i++) {
		char f[720];
		snprintf(f, sizeof f, "%s%s", path, suffixes[i]);
		unlink(f);
	}
	return median(v, RUNS);
}

/* From exec to the first whole frame, and the bytes it took. */
static double first_frame(const char *bin, const char *db, double *bytes)
{
	double v[RUNS], b[RUNS];
	for (int i = 0; i < RUNS; i++) {
		tty t;
		double t0 = now_s();
		tty_start(&t, bin, db);
		double done = tty_frame(&t, "Agenda");
		v[i] = done < 0 ? LIMIT : done - t0;
		b[i] = (double)t.n;
		tty_stop(&t);
	}
	*bytes = median(b, RUNS);
	return median(v, RUNS);
}

static void set_policy(const char *bin, const char *db, const char *policy)
{
	cli(bin, db, NULL, 0, "meeting", "set", "--policy", policy, NULL);
}

/* Pumps the screen for `seconds`: whatever a change made it draw, drawn. */
static void tty_settle(tty *t, double seconds)
{
	double t0 = now_s();
	while (now_s() - t0 < seconds)
		tty_pump(t, seconds - (now_s() - t0));
	tty_mark(t);
}

/* The name of the people who make the changes: no one else's, so a screen
 * that shows it shows the change (and nothing before it showed it). */
#define CHANGER "Qx Benchmark"

/* Waits (drawing what comes) until `phase` seconds into a half-second of
 * the wall clock: the TUI looks for changes on its idle turns, each at a
 * half-second of the wall clock (term_tick_ms), so how soon it shows a
 * change depends on when in the half-second the change came.  The runs
 * spread their changes over it, so the median is not one phase's (a run
 * that kept the phase of the work before it moved by 70 ms when that work
 * got faster). */
static void at_phase(tty *t, double phase)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	double in = (double)(ts.tv_nsec % 500000000) / 1e9, wait = phase - in;
	tty_settle(t, wait < 0 ? wait + 0.5 : wait);
}

/* A command of another terminal (a point of order by someone new on the
 * item) until this screen shows it, made `phase` seconds into a
 * half-second; *command the command's own time.  The entry is withdrawn
 * after, so the next one is shown anew. */
static double latency(const char *bin, const char *db, const char *item, const char *who,
		      tty *t, double phase, double *command)
{
	char entry[32];
	at_phase(t, phase);
	tty_mark(t);
	double t0 = now_s();
	*command = cli(bin, db, entry, sizeof entry, "queue", "add", item, who, "--kind",
		       "point_of_order", NULL);
	double shown = tty_frame(t, CHANGER);
	entry[strcspn(entry, "\n")] = '\0';
	cli(bin, db, NULL, 0, "queue", "withdraw", entry, NULL);
	tty_settle(t, SETTLE);
	return shown < 0 ? -1 : shown - t0;
}

static void cross_terminal(const char *bin, const char *db, const char *item, tty *t)
{
	static const char *const policies[] = {"fifo", "first_time", "balanced"};
	enum { N = COUNT(policies) * LATENCY_RUNS };
	char who[N][32];
	for (int i = 0; i < N; i++) {
		cli(bin, db, who[i], sizeof who[i], "stakeholder", "add", "--name", CHANGER,
		    "--sector", "academia", NULL);
		who[i][strcspn(who[i], "\n")] = '\0';
	}
	int n = 0;
	for (size_t p = 0; p < COUNT(policies); p++) {
		set_policy(bin, db, policies[p]);
		tty_settle(t, SETTLE); /* the list in the policy's order */
		double v[LATENCY_RUNS], cmd[LATENCY_RUNS];
		for (int i = 0; i < LATENCY_RUNS; i++, n++)
			v[i] = latency(bin, db, item, who[n], t, (i + 0.5) * 0.5 / LATENCY_RUNS,
				       &cmd[i]);
		report(U_TIME, median(v, LATENCY_RUNS), median(cmd, LATENCY_RUNS),
		       "the CLI command alone", "TUI shows a CLI queue add, %s (README: <= 1 s)",
		       policies[p]);
	}
	set_policy(bin, db, "fifo");
	tty_settle(t, SETTLE);
}

/* The CPU time a process has used, in seconds (the scheduler's own count,
 * in nanoseconds; else the coarser one of /proc/PID/stat). */
static double cpu_seconds(pid_t pid)
{
	char path[64];
	unsigned long long ns, ut, st;
	snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
	FILE *f = fopen(path, "r");
	int ok = f && fscanf(f, "%llu", &ns) == 1;
	if (f)
		fclose(f);
	if (ok)
		return (double)ns / 1e9;
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	ok = f && fscanf(f, "%*d %*s %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
			 &ut, &st) == 2;
	if (f)
		fclose(f);
	return ok ? (double)(ut + st) / (double)sysconf(_SC_CLK_TCK) : 0;
}

/* What a change elsewhere that this screen does not show costs it: the
 * desk checks someone in (and out) who is on no list the screen shows
 * (the CPU time the TUI spent, less what it spends idle as long). */
static void desk_work(const char *bin, const char *db, const char *who, tty *t)
{
	static const char *const policies[] = {"fifo", "balanced"};
	enum { N = 4 };
	for (size_t p = 0; p < COUNT(policies); p++) {
		set_policy(bin, db, policies[p]);
		tty_settle(t, SETTLE);
		double c0 = cpu_seconds(t->pid);
		tty_settle(t, N * SETTLE);
		double idle = cpu_seconds(t->pid) - c0, cmd[N];
		c0 = cpu_seconds(t->pid);
		for (int i = 0; i < N; i++) {
			cmd[i] = i % 2 ? cli(bin, db, NULL, 0, "stakeholder", "checkin", who, "--undo",
					     NULL)
				       : cli(bin, db, NULL, 0, "stakeholder", "checkin", who, NULL);
			tty_settle(t, SETTLE);
		}
		double work = (cpu_seconds(t->pid) - c0 - idle) / N;
		report(U_TIME, work > 0 ? work : 0, median(cmd, N), "the check-in command alone",
		       "TUI's CPU for a check-in elsewhere, %s", policies[p]);
	}
	set_policy(bin, db, "fifo");
	tty_settle(t, SETTLE);
}

/* Bytes sent while the clock ticks, someone speaking, nothing else. */
static double tick_bytes(tty *t)
{
	tty_frame(t, NULL);
	tty_mark(t);
	double t0 = now_s();
	while (now_s() - t0 < TICK_SECONDS)
		tty_pump(t, TICK_SECONDS - (now_s() - t0));
	return (double)t->n / TICK_SECONDS;
}

static void roster_keys(tty *t)
{
	/* The last three keys in one write, as a fast typist's reach a
	 * terminal over SSH: one burst. */
	static const char *const typed[] = {"a", "n", "t", "o", "nio"};
	static const char *const shown[] = {"key \"a\"", "key making \"an\"",
					    "key making \"ant\"", "key making \"anto\"",
					    "\"nio\" at once, making \"antonio\""};
	double keys[COUNT(typed)][RUNS], end[RUNS], switches[2 * RUNS], first[RUNS];
	for (int r = 0; r < RUNS; r++) {
		switches[2 * r] = tty_key(t, "1");  /* the agenda */
		switches[2 * r + 1] = tty_key(t, "5"); /* the notes */
		first[r] = tty_key(t, "2");         /* the roster, counted */
		tty_key(t, "/");
		for (size_t k = 0; k < COUNT(typed); k++)
			keys[k][r] = tty_key(t, typed[k]);
		end[r] = tty_key(t, "\033OF");
		tty_key(t, "\033"); /* the filter cleared */
	}
	double base = median(switches, 2 * RUNS);
	const char *bw = "pane switch, same harness";
	report(U_TIME, median(first, RUNS), base, bw, "pane switch to the roster (100,000)");
	for (size_t k = 0; k < COUNT(typed); k++)
		report(U_TIME, median(keys[k], RUNS), base, bw, "roster filter: %s", shown[k]);
	report(U_TIME, median(end, RUNS), base, bw, "roster filter \"antonio\": End");
}

/* `rostrum queue next ITEM` as a venue script runs it, a process each
 * time, with ~10,000 waiting, under fifo and balanced. */
static void cli_next(const char *bin, const char *db, const char *item)
{
	static const char *const policies[] = {"fifo", "balanced"};
	double base = baseline_shell_update(db);
	for (size_t p = 0; p < COUNT(policies); p++) {
		set_policy(bin, db, policies[p]);
		double v[RUNS];
		for (int i = 0; i < RUNS; i++)
			v[i] = cli(bin, db, NULL, 0, "queue", "next", item, NULL);
		report(U_TIME, median(v, RUNS), base,
		       base < 0 ? "(no sqlite3 shell here)" : "sqlite3 shell, one-row durable UPDATE",
		       "rostrum queue next, ~10,000 waiting, %s (CLI)", policies[p]);
	}
	set_policy(bin, db, "fifo");
}

void tui_figures(const char *bin, const char *db, const char *item)
{
	snprintf(home, sizeof home, "%s.home", db);
	mkdir(home, 0700);
	double open_count = baseline_open_count(db), bytes;
	const char *bw = open_count < 0 ? "(no sqlite3 shell here)" : "sqlite3 open + count(*)";
	set_policy(bin, db, "fifo");
	/* The calls' figures moved the meeting on to a short item, which ended
	 * this one: it is opened again, as a moderator would, before a call. */
	cli(bin, db, NULL, 0, "agenda", "open", item, NULL);
	/* Someone called now has their whole time (3:00) while the frames and
	 * the ticks are measured: the countdown in its colours before the
	 * warning's. */
	cli(bin, db, NULL, 0, "queue", "next", item, NULL);
	report(U_TIME, first_frame(bin, db, &bytes), open_count, bw, "TUI first frame, fifo");
	set_policy(bin, db, "balanced");
	double full;
	report(U_TIME, first_frame(bin, db, &full), open_count, bw, "TUI first frame, balanced");
	set_policy(bin, db, "fifo");

	tty t;
	tty_start(&t, bin, db);
	tty_frame(&t, "Agenda");
	report(U_BYTES, tick_bytes(&t), bytes, "the first frame, fifo (bytes)",
	       "bytes per second, someone speaking (clock ticks)");
	cross_terminal(bin, db, item, &t);
	/* Person 1 of the roadmap's roster asks to speak on items 2 and 12. */
	desk_work(bin, db, "p000001@example.org", &t);
	roster_keys(&t);
	tty_stop(&t);
	cli_next(bin, db, item);
	rmdir(home);
}
