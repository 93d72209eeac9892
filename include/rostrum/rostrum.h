/* rostrum: status codes and the error message shared by every core module. */
#ifndef ROSTRUM_ROSTRUM_H
#define ROSTRUM_ROSTRUM_H

#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>

#define ROSTRUM_VERSION "0.1.0"

/* Every core function that can fail returns one of these.  The values are
 * the CLI's exit status, so a front end can pass them straight through. */
typedef enum {
	RS_OK = 0,
	RS_ERR_RUNTIME = 1, /* I/O, database, out of memory */
	RS_ERR_INVALID = 2  /* bad input, unknown object, illegal transition */
} rs_status;

/* The last error's one-line message (no trailing newline).  Set by the
 * failing function; valid until the next failure.  Single-threaded by design:
 * rostrum runs one input loop per process.  The message is inert: control
 * characters and invalid UTF-8 of the values it quotes show as U+FFFD. */
const char *rs_error(void);
rs_status rs_fail(rs_status st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Writes one line to out (nothing when out is NULL): the message, made
 * inert as rs_error's, then a newline.  Every line a reader or importer
 * reports ("FILE:LINE: message") goes through here. */
void rs_report(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rs_vreport(FILE *out, const char *fmt, va_list ap);

#endif
