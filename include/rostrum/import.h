/* Importing the registration-form CSV and the programme file. */
#ifndef ROSTRUM_IMPORT_H
#define ROSTRUM_IMPORT_H

#include <stdio.h>

#include "rostrum/db.h"

typedef struct {
	int rows;        /* data rows read */
	int added;       /* new stakeholders */
	int updated;     /* existing (matched by email) with changed fields */
	int unchanged;   /* existing, nothing changed */
	int requests;    /* requests to speak put on an item's queue */
	int moved;       /* form requests still waiting moved to the item the file names now */
	int withdrawn;   /* form requests still waiting withdrawn as the file says */
	int retimed;     /* form requests still waiting given the file's new registered_at */
	int nominations; /* nominations recorded */
	int unplaced;    /* requests to speak from the floor on no list: naming no item,
			  * or one the programme does not have */
	int checked_in;  /* marked present by the file's present or checked_in_at */
	int desk_kept;   /* rows where the file said otherwise than the desk decided
			  * since (an accreditation dated at the desk, a check-in): kept */
} rs_import_stats;

/* Imports a registration-form CSV (SPEC.md) as one journalled action.  Every
 * bad row is reported on err as "FILE:LINE: column: reason" and the file is
 * rejected whole (RS_ERR_INVALID, database unchanged).  With dry_run the
 * stats say what would happen and nothing is written.  Requests to speak
 * that name no item (or one the programme lacks) are reported on err with
 * their lines, and stay listed (rs_queue_each_unplaced) until placed.
 * Times without an offset are wall-clock times in the meeting's time zone
 * as it stands.  A known person's form request that is still waiting
 * follows what the file changes of it (moved, withdrawn, retimed; each
 * reported with its lines); none other is touched. */
rs_status rs_import_roster(rs_db *db, const char *path, int dry_run, FILE *err,
			   rs_import_stats *stats);

typedef struct {
	int items;    /* agenda items added */
	int speakers; /* programme speakers queued */
	int people;   /* of them, people the roster did not have */
	int requests; /* the form's requests to speak now on an item's list */
} rs_agenda_import_stats;

/* Imports a programme file (format in README.md) as one journalled action:
 * its items, each item's programme speakers queued in the programme's
 * order, the meeting's time zone.  Errors as "FILE:LINE: message"; any
 * error leaves the database as it was.  *st (may be NULL) says what was
 * done. */
rs_status rs_import_agenda(rs_db *db, const char *path, FILE *err, rs_agenda_import_stats *st);

/* The meeting a programme file describes (its optional top-level title,
 * date and venue), for `rostrum demo` and `init --programme`.  The file is
 * checked whole as by rs_import_agenda, errors reported the same way on err.
 * Each out-string is a new copy, or NULL when the file does not give it; the
 * caller frees them. */
rs_status rs_programme_meeting(const char *path, char **title, char **date, char **venue,
			       FILE *err);

#endif
