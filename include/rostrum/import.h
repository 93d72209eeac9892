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
	int nominations; /* nominations recorded */
} rs_import_stats;

/* Imports a registration-form CSV (SPEC.md) as one journalled action.  Every
 * bad row is reported on err as "FILE:LINE: column: reason" and the file is
 * rejected whole (RS_ERR_INVALID, database unchanged).  With dry_run the
 * stats say what would happen and nothing is written. */
rs_status rs_import_roster(rs_db *db, const char *path, int dry_run, FILE *err,
			   rs_import_stats *stats);

/* Imports a programme file (format in README.md) as one journalled action;
 * errors as "FILE:LINE: message".  *n_items gets the number of items added. */
rs_status rs_import_agenda(rs_db *db, const char *path, FILE *err, int *n_items);

/* The meeting a programme file describes (its optional top-level title,
 * date and venue), for `rostrum demo` and `init --programme`.  The file is
 * checked whole as by rs_import_agenda, errors reported the same way on err.
 * Each out-string is a new copy, or NULL when the file does not give it; the
 * caller frees them. */
rs_status rs_programme_meeting(const char *path, char **title, char **date, char **venue,
			       FILE *err);

#endif
