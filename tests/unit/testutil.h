/* Shared by the cmocka tests: real SQLite files in a fresh temporary folder. */
#ifndef ROSTRUM_TESTUTIL_H
#define ROSTRUM_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rostrum/db.h"

/* A new temporary folder per call; the path is static until the next call. */
static inline const char *tu_tmpdir(void)
{
	static char dir[64];
	snprintf(dir, sizeof dir, "/tmp/rostrum-test-XXXXXX");
	if (!mkdtemp(dir))
		fail_msg("mkdtemp failed");
	return dir;
}

/* A path inside a new temporary folder. */
static inline char *tu_path(const char *name)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", tu_tmpdir(), name);
	return path;
}

/* A fresh database at the current schema; the test closes it. */
static inline rs_db *tu_new_db(void)
{
	rs_db *db = NULL;
	rs_status rc = rs_db_create(tu_path("t.db"), &db);
	if (rc != RS_OK)
		fail_msg("create: %s", rs_error());
	return db;
}

/* The directory of the shared fixtures (registrations*.csv). */
static inline const char *tu_fixture(const char *name)
{
	static char path[512];
	const char *dir = getenv("ROSTRUM_SHARED_FIXTURES");
	snprintf(path, sizeof path, "%s/%s", dir ? dir : "../shared/fixtures", name);
	return path;
}

#endif
