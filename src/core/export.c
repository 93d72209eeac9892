/* The exports: the summary report (dispatched to the renderers of
 * export_report.h, or JSON) and the speakers' list (CSV or JSON), written
 * atomically to a path or to stdout. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen, fsync, fileno */
#endif
#include "rostrum/export.h"

#include <csv.h>
#include <errno.h>
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
	char *json = NULL, *attendance = NULL;
	export_attendance att;
	rs_status rc = d == STORE_JSON_SUMMARY ? export_attendance_load(db, &att) : RS_OK;
	if (d == STORE_JSON_SUMMARY) {
		if (rc == RS_OK && !(attendance = export_attendance_json(&att)))
			rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
		export_attendance_free(&att);
	}
	a.attendance = attendance;
	if (rc == RS_OK)
		rc = store_export_json(db, d, &a, &json);
	free(attendance);
	if (rc)
		return rc;
	fputs(json, out);
	fputc('\n', out);
	free(json);
	return export_check_written(out);
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

rs_status rs_export_summary(rs_db *db, rs_export_format f, const rs_export_opts *o, FILE *out)
{
	static const rs_export_opts defaults = {0};
	if (!o)
		o = &defaults;
	if (f != EXPORT_MD && f != EXPORT_HTML && f != EXPORT_TXT && f != EXPORT_JSON)
		return unsupported("export summary", f, "md, html, txt or json");
	rs_status rc = check_item(db, o->item_id);
	if (rc)
		return rc;
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

#define CSV_COLUMNS (EXS_SECONDS + 3)
static const char *const csv_header[CSV_COLUMNS] = {
	"id", "item", "item_code", "name", "organization", "sector", "region", "gender",
	"kind", "state", "requested_at", "started_at", "ended_at", "seconds", "participation",
	"language",
};
/* The cursor's column of each CSV column. */
static const int csv_source[CSV_COLUMNS] = {
	EXS_ID, EXS_ITEM, EXS_ITEM_CODE, EXS_NAME, EXS_ORGANIZATION, EXS_SECTOR, EXS_REGION,
	EXS_GENDER, EXS_KIND, EXS_STATE, EXS_REQUESTED_AT, EXS_STARTED_AT, EXS_ENDED_AT,
	EXS_SECONDS, EXS_PARTICIPATION, EXS_LANGUAGE,
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
	while (w == 0 && (r = store_cursor_next(c)) == 1)
		w = csv_row(out, c);
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
	rs_status rc = check_item(db, o->item_id);
	if (rc)
		return rc;
	return f == EXPORT_CSV ? write_csv(db, o, out) : write_json(db, STORE_JSON_SPEAKERS, o, out);
}

/* ------------------------------------------------------------------ */
/* Atomic replacement.                                                 */

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

/* The mode a new file would get (0666 less the umask), or the mode of the
 * file being replaced. */
static void set_mode(int fd, const char *path)
{
	struct stat sb;
	mode_t mode;
	if (stat(path, &sb) == 0) {
		mode = sb.st_mode & 07777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	(void)fchmod(fd, mode);
}

static rs_status export_to_stdout(rs_db *db, rs_export_fn fn, rs_export_format f,
				  const rs_export_opts *o)
{
	rs_status rc = fn(db, f, o, stdout);
	if (rc == RS_OK && fflush(stdout) != 0)
		rc = rs_fail(RS_ERR_RUNTIME, "stdout: write failed: %s", strerror(errno));
	return rc;
}

rs_status rs_export_to_path(rs_db *db, rs_export_fn fn, rs_export_format f,
			    const rs_export_opts *o, const char *path)
{
	if (!path || !strcmp(path, "-"))
		return export_to_stdout(db, fn, f, o);
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
	set_mode(fd, path);
	FILE *out = fdopen(fd, "w");
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
