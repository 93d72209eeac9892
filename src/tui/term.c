/* The terminal itself, shared by the TUI and the display: start-up, the
 * signals that end a session, and the half-second wake-up. */
#include "tui.h"

#include <term.h>

#include <langinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <unistd.h>

/* Set by SIGHUP (the SSH link dropped), SIGTERM or SIGINT; acted on in the
 * loop, between actions, so the transaction in flight always completes. */
static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	stop_signal = sig;
}

static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

int term_stop_requested(void)
{
	return stop_signal != 0;
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	atexit(restore_terminal);
}

/* The sequences the supported terminals send for the keys in the help,
 * whatever their description says: vt100's names no PgUp, PgDn, Home, End
 * or Shift-Tab, and xterm's names Home and End as SS3 H and F while tmux
 * and PuTTY send CSI 1~ and 4~.  Each is taught to curses as its key where
 * the description left it unbound, never over a key it binds. */
static void define_missing_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} keys[] = {
		{"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME}, {"\033[H", KEY_HOME}, {"\033OH", KEY_HOME},
		{"\033[4~", KEY_END},  {"\033[8~", KEY_END},  {"\033[F", KEY_END},  {"\033OF", KEY_END},
		{"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE}, {"\033[Z", KEY_BTAB},
		{"\033[A", KEY_UP}, {"\033[B", KEY_DOWN}, {"\033[C", KEY_RIGHT}, {"\033[D", KEY_LEFT},
		{"\033OA", KEY_UP}, {"\033OB", KEY_DOWN}, {"\033OC", KEY_RIGHT}, {"\033OD", KEY_LEFT},
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (key_defined(keys[i].seq) == 0)
			define_key(keys[i].seq, keys[i].key);
}

/* What to do about a terminal type rostrum cannot use, unknown or dumb. */
#define TERM_REMEDY "use a terminal such as xterm-256color, screen-256color or vt100"

int term_start(const rs_config *cfg, int no_color, const char *what, int *colour, int *utf8)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return rs_fail(RS_ERR_RUNTIME, "%s needs a terminal (scripts use the commands of "
					       "'rostrum --help')",
			       what);
	/* Asked first, as newterm would: a newterm that fails keeps what it
	 * allocated (a leak the sanitizer reports), a setupterm given err does
	 * not; the description it loads is let go, newterm loads its own. */
	int err = 0;
	int known = setupterm(NULL, STDOUT_FILENO, &err) == OK;
	if (known)
		del_curterm(cur_term);
	SCREEN *scr = known ? newterm(NULL, stdout, stdin) : NULL;
	if (!scr)
		return rs_fail(RS_ERR_RUNTIME,
			       "terminal type '%s' is not known here (no terminfo entry); " TERM_REMEDY
			       " (TERM=xterm-256color rostrum)",
			       getenv("TERM") ? getenv("TERM") : "");
	/* A terminal that cannot move the cursor (TERM=dumb) would get every
	 * frame written after the last: garbage, not a screen. */
	char cup[] = "cup";
	const char *move = tigetstr(cup);
	if (!move || move == (char *)-1) {
		endwin();
		delscreen(scr);
		return rs_fail(RS_ERR_RUNTIME,
			       "terminal type '%s' cannot place text on the screen; " TERM_REMEDY,
			       getenv("TERM") ? getenv("TERM") : "");
	}
	const char *nc = getenv("NO_COLOR");
	*colour = !no_color && !(nc && *nc) && (!cfg || cfg->colour) && has_colors();
	*utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	if (*colour) {
		start_color();
		use_default_colors();
	}
	draw_init_colours(*colour);
	/* raw, not cbreak: Ctrl-S and Ctrl-Q reach the program instead of
	 * freezing the screen (XON/XOFF), and Ctrl-C arrives as a key the loop
	 * can ask about when a draft would be lost. */
	raw();
	noecho();
	nonl();
	set_escdelay(25);
	curs_set(0);
	leaveok(stdscr, TRUE);
	keypad(stdscr, TRUE);
	define_missing_keys();
	install_signals();
	return 0;
}

int term_blocks(int utf8)
{
	char colors[] = "colors";
	return utf8 && tigetnum(colors) >= 8;
}

void term_suspend(void)
{
	endwin();
	raise(SIGTSTP);
	/* resumed: the loop repaints everything */
}

int term_tick_ms(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	int ms = 500 - (int)(tv.tv_usec / 1000) % 500;
	return ms < 20 ? 20 : ms;
}

/* The bytes of an escape sequence after ESC: a CSI ("[" then parameters
 * up to a final byte in @..~) or an SS3 ("O" then one byte). */
static void swallow_sequence(WINDOW *w, wint_t intro)
{
	wint_t c;
	int r;
	if (intro == 'O') {
		wget_wch(w, &c);
		return;
	}
	while ((r = wget_wch(w, &c)) != ERR)
		if (r == OK && c >= 0x40 && c <= 0x7e)
			return;
}

int term_get_key(WINDOW *w, wint_t *ch)
{
	int r = wget_wch(w, ch);
	if (r != OK || *ch != 27)
		return r;
	/* ncurses gave back ESC: the rest of a sequence, if any, is buffered
	 * already, and none of it is waited for. */
	wtimeout(w, 0);
	wint_t next;
	int r2 = wget_wch(w, &next);
	if (r2 == ERR)
		return OK; /* Esc alone */
	if (r2 == OK && (next == '[' || next == 'O')) {
		swallow_sequence(w, next);
		return ERR;
	}
	if (r2 == KEY_CODE_YES)
		ungetch((int)next);
	else
		unget_wch((wchar_t)next);
	return OK;
}

int term_resized(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) || !ws.ws_row || !ws.ws_col ||
	    (ws.ws_row == LINES && ws.ws_col == COLS))
		return 0;
	resizeterm(ws.ws_row, ws.ws_col);
	return 1;
}
