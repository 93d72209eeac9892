/* Internal to the core: the one front end of the two libconfuse readers
 * (the config, config.c; the programme, import_agenda.c).  Everything that
 * libconfuse does not do, or does wrong, is done here once:
 *
 *  - the file is read whole, at most a limit, and every line passes the
 *    input rules (UTF-8, no NUL byte, no control character but tab);
 *  - comments are blanked out (newlines kept), since libconfuse 3.3 counts
 *    lines wrong after them;
 *  - "${NAME}" is never expanded from the environment: inside double
 *    quotes the '$' is escaped, outside quotes it is refused;
 *  - an escape that makes a NUL byte (\0, \x00) is refused, as libconfuse
 *    would silently cut the string there;
 *  - an unterminated string or comment, or a '{' never closed, is reported
 *    at the line where it starts (libconfuse would name the end of the
 *    file, or accept it);
 *  - every message reads "FILE:LINE: message", inert (rs_report). */
#ifndef ROSTRUM_CFGFILE_H
#define ROSTRUM_CFGFILE_H

#include <confuse.h>
#include <stdio.h>

#include "rostrum/rostrum.h"

typedef struct cfgfile {
	const char *path;
	FILE *err;  /* where reports go; NULL: none (rs_error still says) */
	int errors; /* lines reported so far */
	/* What an unknown name is called in a section (the config's bind
	 * section has actions); NULL or a NULL answer: "option". */
	const char *(*unknown_noun)(const cfg_t *section);
} cfgfile;

/* Reads f->path (at most max bytes) into *text, checked and made safe as
 * above; *text is the caller's to free.  A file that does not exist gives
 * RS_OK with *text NULL when may_be_missing.  RS_ERR_INVALID after a
 * report (a missing or unreadable path too); RS_ERR_RUNTIME when reading
 * fails otherwise or memory runs out. */
rs_status cfgfile_read(cfgfile *f, long max, int may_be_missing, char **text);

/* Parses text (from cfgfile_read) into tree, libconfuse's messages
 * reported as FILE:LINE.  RS_OK, or RS_ERR_INVALID once anything was
 * reported during the parse (by libconfuse or by a callback). */
rs_status cfgfile_parse(cfgfile *f, cfg_t *tree, char *text);

/* Reports "FILE:LINE: message" (line 0: "FILE: message"); the first
 * report of a file also becomes rs_error(). */
void cfgfile_report(cfgfile *f, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The file being parsed, for libconfuse's callbacks (which carry no user
 * pointer); NULL outside cfgfile_parse. */
cfgfile *cfgfile_current(void);

#endif
