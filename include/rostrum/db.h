/* The database: one SQLite file per meeting.  Opening migrates the schema;
 * every user action is one transaction with its journal event. */
#ifndef ROSTRUM_DB_H
#define ROSTRUM_DB_H

#include "rostrum/rostrum.h"

#define RS_SCHEMA_VERSION 11

typedef struct rs_db rs_db;

/* Creates a new database file (mode 0600; never overwrites an existing one)
 * at the current schema.  *out is the caller's, closed with rs_db_close. */
rs_status rs_db_create(const char *path, rs_db **out);

/* Opens an existing database and migrates it to RS_SCHEMA_VERSION.  Refuses
 * a file that does not exist or whose schema is newer than this binary. */
rs_status rs_db_open(const char *path, rs_db **out);

/* Like rs_db_create, but stops the migrations at `version` (tests of the
 * migrations from every older schema use it). */
rs_status rs_db_create_at(const char *path, int version, rs_db **out);

void rs_db_close(rs_db *db);
/* Deletes a database file and its -wal and -shm companions. */
void rs_db_remove(const char *path);
int rs_db_schema_version(rs_db *db);
const char *rs_db_path(const rs_db *db);

/* Changes whenever another connection commits (PRAGMA data_version): the
 * TUI polls it on the clock tick to see other terminals' changes. */
int64_t rs_db_data_version(rs_db *db);

/* One user action = one transaction.  rs_action_begin takes the write lock
 * (BEGIN IMMEDIATE) and opens a journal event naming the OS user and the
 * action; every row changed until commit is recorded against that event by
 * triggers.  rs_action_end commits when st is RS_OK, rolls back otherwise,
 * and returns the status it was given (or the commit's failure). */
rs_status rs_action_begin(rs_db *db, const char *action);
rs_status rs_action_end(rs_db *db, rs_status st, const char *object_type,
			int64_t object_id, const char *summary);

/* The OS user recorded in the journal. */
const char *rs_os_user(void);

#endif
