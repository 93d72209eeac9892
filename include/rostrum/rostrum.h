/* rostrum: status codes and the error message shared by every core module. */
#ifndef ROSTRUM_ROSTRUM_H
#define ROSTRUM_ROSTRUM_H

#include <stdint.h>
#include <stddef.h>

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
 * rostrum runs one input loop per process. */
const char *rs_error(void);
rs_status rs_fail(rs_status st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
