/* libFuzzer: the programme file (rs_programme_meeting and rs_import_agenda:
 * the libconfuse front end, the line scanner, the items' and speakers'
 * checks).  A programme that imports leaves a new meeting for the next. */
#include "fuzz.h"

#include "rostrum/import.h"

static fuzz_files f;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_open(&f, "programme.db", "in.conf");
	fuzz_write(f.input, data, size);
	char *title, *date, *venue;
	if (rs_programme_meeting(f.input, &title, &date, &venue, NULL) == RS_OK) {
		free(title);
		free(date);
		free(venue);
	}
	rs_agenda_import_stats st;
	rs_status rc = rs_import_agenda(f.db, f.input, NULL, &st);
	if (rc == RS_ERR_RUNTIME) { /* a file is imported or refused; the meeting never fails */
		fprintf(stderr, "fuzz: %s\n", rs_error());
		abort();
	}
	if (rc == RS_OK) {
		rs_db_close(f.db);
		f.db = fuzz_meeting(f.db_path);
	}
	return 0;
}
