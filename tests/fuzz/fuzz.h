/* What the libFuzzer targets share: a private folder for their files, the
 * input written to a file (the readers under test read paths), and a
 * meeting to import into. */
#ifndef ROSTRUM_FUZZ_H
#define ROSTRUM_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rostrum/agenda.h"
#include "rostrum/meeting.h"

/* A path in the target's own folder (made once, in /dev/shm when there),
 * allocated for the life of the process. */
static inline const char *fuzz_path(const char *name)
{
	static char dir[64];
	if (!dir[0]) {
		snprintf(dir, sizeof dir, "%s/rostrum-fuzz-XXXXXX",
			 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
		if (!mkdtemp(dir))
			abort();
	}
	size_t size = strlen(dir) + strlen(name) + 2;
	char *path = malloc(size);
	if (!path)
		abort();
	snprintf(path, size, "%s/%s", dir, name);
	return path;
}

/* Writes the input to path, whole. */
static inline void fuzz_write(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
}

/* A new meeting at path with one agenda item "t" (removed first). */
static inline rs_db *fuzz_meeting(const char *path)
{
	rs_db *db = NULL;
	rs_agenda_new in = {.code = "t", .title = "Thematic", .start = "10:00", .end = "11:00"};
	int64_t id;
	rs_db_remove(path);
	if (rs_meeting_create(path, "Fuzz", "2022-05-16", NULL, NULL, &db) != RS_OK ||
	    rs_agenda_add(db, &in, &id) != RS_OK) {
		fprintf(stderr, "fuzz: cannot make a meeting: %s\n", rs_error());
		abort();
	}
	return db;
}

/* A target's meeting and its input file, made at the first input. */
typedef struct {
	rs_db *db;
	const char *db_path, *input;
} fuzz_files;

static inline void fuzz_open(fuzz_files *f, const char *db_name, const char *input_name)
{
	if (f->db)
		return;
	f->db_path = fuzz_path(db_name);
	f->input = fuzz_path(input_name);
	f->db = fuzz_meeting(f->db_path);
}

#endif
