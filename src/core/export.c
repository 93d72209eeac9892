/* The exports: the summary report (dispatched to the renderers of
 * export_report.h, or JSON) and the speakers' list (CSV or JSON), written
 * atomically to a path or to stdout. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen, fsync, fileno, strndup */
#endif
#include "rostrum/export.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rostrum/clock.h"
#include "rostrum/refdata.h"
#include "rostrum/text.h"
#include "export_attendance.h"
#include "export_report.h"
#include "progress.h"
#include "store_export.h"

int rs_export_organise_parse(const char *s)
{
	return !s ? -1 : !strcmp(s, "item") ? EXPORT_BY_ITEM : !strcmp(s, "theme") ? EXPORT_BY_THEME
											 : -1;
}

int rs_export_attribution_parse(const char *s)
{
	static const char *const names[] = {[EXPORT_NAMES] = "names", [EXPORT_SECTORS] = "sectors",
					    [EXPORT_ANONYMOUS] = "none"};
	for (int i = 0; s && i < 3; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

static const char *const format_names[] = {
	[EXPORT_MD] = "md", [EXPORT_HTML] = "html", [EXPORT_TXT] = "txt",
	[EXPORT_JSON] = "json", [EXPORT_CSV] = "csv",
};

int rs_export_format_parse(const char *s)
{
	for (int i = 0; s && i < (int)(sizeof format_names / sizeof format_names[0]); i++)
		if (!strcmp(s, format_names[i]))
			return i;
	return -1;
}

/* ------------------------------------------------------------------ */
/* JSON and dispatch.                                                  */

static rs_status write_json(rs_db *db, store_json_doc d, const rs_export_opts *o, FILE *out)
{
	store_export_args a = {.item = o->item_id, .no_contacts = o->no_contacts,
			       .attribution = o->attribution, .organise = o->organise,
			       .descriptions = o->descriptions};
	char *attendance = NULL;
	export_attendance att;
	rs_status rc = d == STORE_JSON_SUMMARY ? export_attendance_load(db, 0, &att) : RS_OK;
	if (d == STORE_JSON_SUMMARY) {
		if (rc == RS_OK && !(attendance = export_attendance_json(&att)))
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
		export_attendance_free(&att);
	}
	a.attendance = attendance;
	if (rc == RS_OK)
		rc = store_export_json(db, d, &a, out);
	free(attendance);
	if (rc == RS_OK && fputc('\n', out) == EOF)
		rc = rs_fail(RS_ERR_RUNTIME, "write failed: %s", strerror(errno));
	return rc ? rc : export_check_written(out);
}

static rs_status check_item(rs_db *db, int64_t item)
{
	store_cursor *c;
	store_export_args a = {.item = item};
	if (item == 0)
		return RS_OK;
	rs_status rc = store_cursor_open(db, EXQ_ITEMS, &a, &c);
	if (rc)
		return rc;
	int r = store_cursor_next(c);
	store_cursor_close(c);
	if (r < 0)
		return RS_ERR_RUNTIME;
	return r ? RS_OK : rs_fail(RS_ERR_INVALID, "no agenda item %" PRId64, item);
}

static rs_status unsupported(const char *what, rs_export_format f, const char *choices)
{
	if ((unsigned)f >= sizeof format_names / sizeof format_names[0])
		return rs_fail(RS_ERR_INVALID, "%s: unknown format", what);
	return rs_fail(RS_ERR_INVALID, "%s: format '%s' is not supported (%s)", what,
		       format_names[f], choices);
}

/* An export begins once its item is known to exist, in little memory
 * (store_export_begin).  It is long work: its progress counts the rows it
 * reads, of about as many as the meeting holds.  export_end when it is
 * over (*cache is what to put back). */
static rs_status export_begin(rs_db *db, const rs_export_opts *o, const char *task,
			      int64_t *cache)
{
	int64_t rows = 0;
	rs_status rc = check_item(db, o->item_id);
	if (rc == RS_OK)
		rc = store_export_begin(db, &rows, cache);
	if (rc == RS_OK)
		progress_begin(db, task, "rows", rows);
	return rc;
}

static rs_status export_end(rs_db *db, rs_status rc, int64_t cache)
{
	progress_end(db);
	store_export_end(db, cache);
	return rc;
}

static rs_status summary(rs_db *db, rs_export_format f, const rs_export_opts *o, FILE *out)
{
	switch (f) {
	case EXPORT_MD:
		return export_render_md(db, o, out);
	case EXPORT_HTML:
		return export_render_html(db, o, out);
	case EXPORT_TXT:
		return export_render_txt(db, o, out);
	default:
		return write_json(db, STORE_JSON_SUMMARY, o, out);
	}
}

rs_status rs_export_summary(rs_db *db, rs_export_format f, const rs_export_opts *o, FILE *out)
{
	static const rs_export_opts defaults = {0};
	if (!o)
		o = &defaults;
	if (f != EXPORT_MD && f != EXPORT_HTML && f != EXPORT_TXT && f != EXPORT_JSON)
		return unsupported("export summary", f, "md, html, txt or json");
	int64_t cache;
	rs_status rc = export_begin(db, o, "export summary", &cache);
	return rc ? rc : export_end(db, summary(db, f, o, out), cache);
}

/* ------------------------------------------------------------------ */
/* The speakers' list as CSV.                                          */

/* One RFC 4180 field: inert, defused, quoted; a comma before all but the
 * first.  0 on success, -1 when out of memory or on a write error. */
static int csv_cell(FILE *out, const char *s, int first)
{
	char *inert = rs_text_inert(s ? s : "", 1);
	char *safe = inert ? rs_csv_defuse(inert) : NULL;
	free(inert);
	if (!safe)
		return -1;
	int r = (first ? 0 : fputc(',', out) == EOF) || csv_fwrite(out, safe, strlen(safe));
	free(safe);
	return r ? -1 : 0;
}

/* The speaker's id last, the roster's key (namesakes are common): the
 * columns before it as they were, for the scripts that read by place. */
#define CSV_COLUMNS (EXS_SECONDS + 4)
static const char *const csv_header[CSV_COLUMNS] = {
	"id", "item", "item_code", "name", "organization", "sector", "region", "gender",
	"kind", "state", "requested_at", "started_at", "ended_at", "seconds", "participation",
	"language", "stakeholder",
};
/* The cursor's column of each CSV column. */
static const int csv_source[CSV_COLUMNS] = {
	EXS_ID, EXS_ITEM, EXS_ITEM_CODE, EXS_NAME, EXS_ORGANIZATION, EXS_SECTOR, EXS_REGION,
	EXS_GENDER, EXS_KIND, EXS_STATE, EXS_REQUESTED_AT, EXS_STARTED_AT, EXS_ENDED_AT,
	EXS_SECONDS, EXS_PARTICIPATION, EXS_LANGUAGE, EXS_STAKEHOLDER,
};

static int csv_row(FILE *out, store_cursor *c)
{
	int r = 0;
	for (int col = 0; col < CSV_COLUMNS && r == 0; col++)
		r = csv_cell(out, store_cursor_text(c, csv_source[col]), col == 0);
	return r || fputs("\r\n", out) == EOF ? -1 : 0;
}

static rs_status write_csv(rs_db *db, const rs_export_opts *o, FILE *out)
{
	store_cursor *c;
	store_export_args a = {.item = o->item_id};
	int r = 0;
	for (int col = 0; col < CSV_COLUMNS && r == 0; col++)
		r = csv_cell(out, csv_header[col], col == 0);
	if (r || fputs("\r\n", out) == EOF)
		return rs_fail(RS_ERR_RUNTIME, "write failed: %s", strerror(errno));
	rs_status rc = store_cursor_open(db, EXQ_SPEAKERS, &a, &c);
	if (rc)
		return rc;
	int w = 0;
	while (w == 0 && (r = store_cursor_next(c)) == 1) {
		w = csv_row(out, c);
		progress_add(db, 1);
	}
	store_cursor_close(c);
	if (w)
		return rs_fail(RS_ERR_RUNTIME, "write failed: %s", strerror(errno));
	return r < 0 ? RS_ERR_RUNTIME : export_check_written(out);
}

rs_status rs_export_speakers(rs_db *db, rs_export_format f, const rs_export_opts *o, FILE *out)
{
	static const rs_export_opts defaults = {0};
	if (!o)
		o = &defaults;
	if (f != EXPORT_CSV && f != EXPORT_JSON)
		return unsupported("export speakers", f, "csv or json");
	int64_t cache;
	rs_status rc = export_begin(db, o, "export speakers", &cache);
	if (rc)
		return rc;
	rc = f == EXPORT_CSV ? write_csv(db, o, out) : write_json(db, STORE_JSON_SPEAKERS, o, out);
	return export_end(db, rc, cache);
}

/* ------------------------------------------------------------------ */
/* Where an export may go (-o).                                        */

/* Flushes the temporary file to disk and closes it (always). */
static rs_status finish_temp(FILE *out, const char *path)
{
	int bad = fflush(out) != 0 || ferror(out) || fsync(fileno(out)) != 0;
	int err = errno;
	if (fclose(out) != 0 && !bad) {
		bad = 1;
		err = errno;
	}
	return bad ? rs_fail(RS_ERR_RUNTIME, "%s: write failed: %s", path, strerror(err)) : RS_OK;
}

/* path's folder, resolved, and its last name: "/real/dir" and "m.db" (the
 * caller frees *dir); -1 when the folder cannot be resolved. */
static int split_real(const char *path, char **dir, const char **base)
{
	const char *slash = strrchr(path, '/');
	char *d = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	*base = slash ? slash + 1 : path;
	*dir = d ? realpath(d, NULL) : NULL;
	free(d);
	return *dir ? 0 : -1;
}

/* 1 when path names the database or one of its companion files, by the
 * file itself (a hard link, another spelling) or by name (one that does
 * not exist yet, as -wal may not). */
static int is_database(rs_db *db, const char *path, const struct stat *target)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	const char *dbpath = rs_db_path(db);
	char *tdir = NULL, *ddir = NULL;
	const char *tbase = path, *dbase = dbpath;
	int t_ok = split_real(path, &tdir, &tbase) == 0, d_ok = split_real(dbpath, &ddir, &dbase) == 0;
	int same_dir = t_ok && d_ok && !strcmp(tdir, ddir);
	int found = 0;
	for (size_t i = 0; !found && i < sizeof suffix / sizeof suffix[0]; i++) {
		char name[4096];
		struct stat sb;
		if (snprintf(name, sizeof name, "%s%s", dbpath, suffix[i]) >= (int)sizeof name)
			continue;
		found = target && stat(name, &sb) == 0 && sb.st_dev == target->st_dev &&
			sb.st_ino == target->st_ino;
		size_t n = strlen(dbase);
		found |= same_dir && !strncmp(tbase, dbase, n) && !strcmp(tbase + n, suffix[i]);
	}
	free(tdir);
	free(ddir);
	return found;
}

/* 1 when the file at path starts as an SQLite database does. */
static int is_sqlite(const char *path)
{
	char head[16] = {0};
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(head, 1, sizeof head, f) : 0;
	if (f)
		fclose(f);
	return n == sizeof head && !memcmp(head, "SQLite format 3", 16);
}

/* How an export reaches path.  A regular file (or none) is replaced whole;
 * a terminal, a pipe or a device that takes a stream (/dev/null) is written
 * in place; a folder, a link, a block device or a socket is refused, as is
 * the meeting's database and any other SQLite file. */
typedef enum { TARGET_REPLACE, TARGET_STREAM } target_kind;

static rs_status check_target(rs_db *db, const char *path, target_kind *kind, mode_t *mode)
{
	struct stat sb;
	int exists = lstat(path, &sb) == 0;
	if (!exists && errno != ENOENT)
		return rs_fail(RS_ERR_RUNTIME, "-o %s: %s", path, strerror(errno));
	if (is_database(db, path, exists ? &sb : NULL))
		return rs_fail(RS_ERR_INVALID, "-o %s: that is the meeting's database; an export "
					       "never replaces it", path);
	*kind = TARGET_REPLACE;
	*mode = 0600;
	if (!exists)
		return RS_OK;
	if (S_ISLNK(sb.st_mode))
		return rs_fail(RS_ERR_INVALID, "-o %s: a symbolic link; give the file it points to",
			       path);
	if (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode)) {
		*kind = TARGET_STREAM;
		return RS_OK;
	}
	if (!S_ISREG(sb.st_mode))
		return rs_fail(RS_ERR_INVALID, "-o %s: not a file an export can be written to (%s)",
			       path, S_ISDIR(sb.st_mode) ? "a folder" : "a device or socket");
	if (is_sqlite(path))
		return rs_fail(RS_ERR_INVALID, "-o %s: an SQLite database; an export never "
					       "replaces one", path);
	/* The old file's permissions, never its setuid, setgid or sticky bits. */
	*mode = sb.st_mode & 0777;
	return RS_OK;
}

static rs_status export_to_stream(rs_db *db, rs_export_fn fn, rs_export_format f,
				  const rs_export_opts *o, FILE *out, const char *name)
{
	rs_status rc = fn(db, f, o, out);
	if (rc == RS_OK && (fflush(out) != 0 || ferror(out)))
		rc = rs_fail(RS_ERR_RUNTIME, "%s: write failed: %s", name, strerror(errno));
	return rc;
}

/* Writes in place to a terminal, a pipe or a character device. */
static rs_status export_in_place(rs_db *db, rs_export_fn fn, rs_export_format f,
				 const rs_export_opts *o, const char *path)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!out) {
		rs_status rc = rs_fail(RS_ERR_RUNTIME, "-o %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return rc;
	}
	rs_status rc = export_to_stream(db, fn, f, o, out, path);
	if (fclose(out) != 0 && rc == RS_OK)
		rc = rs_fail(RS_ERR_RUNTIME, "%s: write failed: %s", path, strerror(errno));
	return rc;
}

/* A new file beside path (mode 0600 until set), filled, then renamed over
 * path: an existing file is replaced only by a complete export. */
static rs_status export_replace(rs_db *db, rs_export_fn fn, rs_export_format f,
				const rs_export_opts *o, const char *path, mode_t mode)
{
	size_t size = strlen(path) + sizeof ".XXXXXX";
	char *tmp = malloc(size);
	if (!tmp)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	snprintf(tmp, size, "%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		rs_status rc = rs_fail(RS_ERR_RUNTIME, "%s: cannot create a temporary file: %s",
				       path, strerror(errno));
		free(tmp);
		return rc;
	}
	FILE *out = fchmod(fd, mode) == 0 ? fdopen(fd, "w") : NULL;
	rs_status rc;
	if (!out) {
		rc = rs_fail(RS_ERR_RUNTIME, "%s: %s", path, strerror(errno));
		close(fd);
	} else if ((rc = fn(db, f, o, out)) != RS_OK) {
		fclose(out);
	} else if ((rc = finish_temp(out, path)) == RS_OK && rename(tmp, path) != 0) {
		rc = rs_fail(RS_ERR_RUNTIME, "%s: cannot replace: %s", path, strerror(errno));
	}
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

rs_status rs_export_to_path(rs_db *db, rs_export_fn fn, rs_export_format f,
			    const rs_export_opts *o, const char *path)
{
	target_kind kind = TARGET_REPLACE;
	mode_t mode = 0600;
	int to_stdout = !path || !strcmp(path, "-");
	rs_status rc = to_stdout ? RS_OK : check_target(db, path, &kind, &mode);
	if (rc == RS_OK)
		rc = rs_db_read_begin(db); /* one moment of the meeting, whole */
	if (rc)
		return rc;
	if (to_stdout)
		rc = export_to_stream(db, fn, f, o, stdout, "stdout");
	else if (kind == TARGET_STREAM)
		rc = export_in_place(db, fn, f, o, path);
	else
		rc = export_replace(db, fn, f, o, path, mode);
	rs_db_read_end(db);
	return rc;
}
