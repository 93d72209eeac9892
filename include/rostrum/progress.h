/* Progress of long work (an import, an export), for a front end to show:
 * the core says how far it is; the front end decides where it goes. */
#ifndef ROSTRUM_PROGRESS_H
#define ROSTRUM_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

#include "rostrum/db.h"

typedef struct {
	const char *task; /* "import roster", "export summary" */
	const char *unit; /* "rows" */
	int64_t done;     /* units done so far */
	double seconds;   /* since the work began */
	double left;      /* seconds left, as estimated; < 0 when unknown */
	int over;         /* take the line away: the work ended, or a message follows */
} rs_progress;

typedef void (*rs_progress_fn)(void *ctx, const rs_progress *p);

/* Work on db that runs past RS_PROGRESS_AFTER_MS (or $ROSTRUM_PROGRESS_AFTER,
 * in milliseconds) tells fn how it goes, about five times a second; then
 * once with `over` set when it ends, or before the work writes a message
 * of its own (a bad row), after which it tells again.  Work that ends
 * sooner tells nothing.  fn NULL: nobody is told (the default). */
#define RS_PROGRESS_AFTER_MS 1000
void rs_db_on_progress(rs_db *db, rs_progress_fn fn, void *ctx);

/* p as one line: "import roster: 45,000 rows, 52,100 rows/s, about 2 s
 * left" (the time left only when known). */
void rs_progress_line(const rs_progress *p, char *buf, size_t size);

#endif
