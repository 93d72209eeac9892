/* libFuzzer: the registration CSV import (rs_import_roster), as a dry run
 * so the meeting never changes between inputs.  Any input must be
 * imported or refused; never a crash, a leak or undefined behaviour. */
#include "fuzz.h"

#include "rostrum/import.h"

static fuzz_files f;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_open(&f, "csv.db", "in.csv");
	fuzz_write(f.input, data, size);
	rs_import_stats st;
	if (rs_import_roster(f.db, f.input, 1, NULL, &st) == RS_ERR_RUNTIME) {
		fprintf(stderr, "fuzz: %s\n", rs_error()); /* imported or refused, never failed */
		abort();
	}
	return 0;
}
