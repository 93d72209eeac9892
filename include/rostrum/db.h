/* The database: one SQLite file per meeting.  Opening for writing migrates
 * an older schema (and writes nothing else); opening read-only never
 * writes.  Every user action is one transaction with its journal event. */
#ifndef ROSTRUM_DB_H
#define ROSTRUM_DB_H

#include "rostrum/rostrum.h"

#define RS_SCHEMA_VERSION 27

typedef struct rs_db rs_db;

/* Creates a new database file (mode 0600; never overwrites an existing one)
 * at the current schema.  *out is the caller's, closed with rs_db_close. */
rs_status rs_db_create(const char *path, rs_db **out);

/* What a new database holds before it takes its name (rs_db_build). */
typedef rs_status (*rs_db_fill)(rs_db *db, void *ctx);

/* Builds a new database atomically: the schema at `version`, then fill
 * (may be NULL), in a temporary file beside path (mode 0600) that is
 * renamed to path only when complete and never over an existing file.
 * However the process ends, path is either absent or whole.  Then opens
 * it: *out is the caller's. */
rs_status rs_db_build(const char *path, int version, rs_db_fill fill, void *ctx, rs_db **out);

/* Like rs_db_create, but stops the migrations at `version` (tests of the
 * migrations from every older schema use it). */
rs_status rs_db_create_at(const char *path, int version, rs_db **out);

/* Opens an existing database for reading and writing; migrates an older
 * schema to RS_SCHEMA_VERSION (the only write an open makes).  Refuses,
 * leaving the file untouched: a path that does not exist or is not a
 * regular file, an empty file, a file that is not a rostrum database, and
 * a schema newer than this binary. */
rs_status rs_db_open(const char *path, rs_db **out);

/* Opens an existing database read-only (the reads and `display`): never
 * writes or migrates, works where the reader cannot write (a folder of
 * another user's); refuses what rs_db_open refuses, and an older schema,
 * which a command that writes upgrades. */
rs_status rs_db_open_readonly(const char *path, rs_db **out);

/* One snapshot for several reads (a report, a list): every read until
 * rs_db_read_end sees the database as it was at the first.  Inside an
 * action or another snapshot it does nothing (and so does the end). */
rs_status rs_db_read_begin(rs_db *db);
void rs_db_read_end(rs_db *db);

/* A write waits for another connection's write (another terminal, an
 * import) at most this long by default; $ROSTRUM_WAIT (seconds, 0 to 3600)
 * changes it.  Past it the write fails (RS_ERR_RUNTIME), nothing done. */
#define RS_DB_WAIT_SECONDS 60
/* While a statement waits, fn is called about every 200 ms with how long
 * it has waited, so a screen can keep drawing and say so. */
typedef void (*rs_wait_fn)(void *ctx, int waited_ms);
void rs_db_on_wait(rs_db *db, rs_wait_fn fn, void *ctx);

/* Housekeeping for a moment nobody waits on (a terminal's idle turn, the
 * end of a command): copies a long write-ahead log back into the database,
 * work no action pays for (db.c says why).  Cheap when there is none. */
void rs_db_idle(rs_db *db);
/* The write-ahead log's length in pages after this connection's last
 * commit (0 once rs_db_idle copied it all back): what the idle turn has
 * left to do. */
int rs_db_log_pages(const rs_db *db);

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
/* What the journal says of the last action this connection ended, its
 * summary ("withdrawn: Ana Ruiz from 'Thematic discussion I'"), "" when it
 * failed: a screen tells what it just did in the journal's words. */
const char *rs_action_said(const rs_db *db);

/* The OS user recorded in the journal. */
const char *rs_os_user(void);

#endif
