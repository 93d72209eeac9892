/* libFuzzer: the programme file (rs_programme_meeting and rs_import_agenda:
 * the libconfuse front end, the line scanner, the items' and speakers'
 * checks).  A programme that imports leaves a new meeting for the next. */
#include "fuzz.h"

#include "rostrum/import.h"

static rs_db *db;
static const char *dbpath, *path;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db) {
		dbpath = fuzz_path("programme.db");
		path = fuzz_path("in.conf");
		db = fuzz_meeting(dbpath);
	}
	fuzz_write(path, data, size);
	char *title, *date, *venue;
	if (rs_programme_meeting(path, &title, &date, &venue, NULL) == RS_OK) {
		free(title);
		free(date);
		free(venue);
	}
	rs_agenda_import_stats st;
	rs_status rc = rs_import_agenda(db, path, NULL, &st);
	if (rc == RS_ERR_RUNTIME) { /* a file is imported or refused; the meeting never fails */
		fprintf(stderr, "fuzz: %s\n", rs_error());
		abort();
	}
	if (rc == RS_OK) {
		rs_db_close(db);
		db = fuzz_meeting(dbpath);
	}
	return 0;
}
