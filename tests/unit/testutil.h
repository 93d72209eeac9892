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
#include "rostrum/stakeholder.h"
#include "store.h" /* store_define_functions */

/* A test's own connections to a file (SQL run as another program would)
 * have rostrum's SQL functions: the tallies' triggers call rs_role_of, so
 * a write to the roster or the floor needs it. */
static int tu_functions(sqlite3 *h, char **err, const struct sqlite3_api_routines *api)
{
	(void)err;
	(void)api;
	return store_define_functions(h);
}

__attribute__((constructor)) static void tu_functions_everywhere(void)
{
	sqlite3_auto_extension((void (*)(void))tu_functions);
}

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

/* Pins the clock (rs_now) at epoch second t. */
static inline void tu_at(int64_t t)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)t);
	setenv("ROSTRUM_NOW", buf, 1);
}

/* The teardown of a fixture whose first member is its rs_db *: closes it,
 * frees the fixture, unpins the clock. */
static inline int tu_teardown(void **state)
{
	rs_db **db = *state;
	rs_db_close(*db);
	free(*state);
	unsetenv("ROSTRUM_NOW");
	return 0;
}

/* Adds a stakeholder through the public API; returns the id. */
static inline int64_t tu_person(rs_db *db, const char *name, const char *sector,
				const char *email)
{
	rs_stakeholder s = {0};
	s.name = strdup(name);
	s.sector = strdup(sector);
	s.email = strdup(email);
	s.registered_at = -1;
	int64_t id = 0;
	if (rs_stakeholder_add(db, &s, &id) != RS_OK)
		fail_msg("add %s: %s", name, rs_error());
	rs_stakeholder_clear(&s);
	return id;
}

/* Fails the test, showing both, unless needle is in haystack. */
static inline void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		fail_msg("expected \"%s\" in:\n%s", needle, haystack);
}

#endif
