/* Who attended: the figures of the summary report's overview and of the
 * JSON's "attendance", and the sentence that says them. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#endif
#include "export_attendance.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export_report.h"
#include "rostrum/refdata.h"
#include "rostrum/text.h"

typedef struct {
	export_attendance *a;
	rs_status rc;
} att_ctx;

static void att_add(void *ctx, store_cursor *c, int n)
{
	(void)n;
	att_ctx *x = ctx;
	export_attendance *a = x->a;
	export_att *v = realloc(a->rows, (a->n + 1) * sizeof *v);
	if (!v) {
		x->rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
		return;
	}
	a->rows = v;
	export_att *r = &v[a->n];
	snprintf(r->dim, sizeof r->dim, "%s", store_cursor_text(c, EXA_DIM));
	if (!(r->key = strdup(store_cursor_text(c, EXA_KEY)))) {
		x->rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
		return;
	}
	r->registered = store_cursor_int(c, EXA_REGISTERED);
	r->present = store_cursor_int(c, EXA_PRESENT);
	r->online = store_cursor_int(c, EXA_ONLINE);
	r->checked_in = store_cursor_int(c, EXA_CHECKED_IN);
	a->n++;
	if (strcmp(r->dim, "role"))
		return;
	a->registered += r->registered; /* each person has one role */
	a->present += r->present;
	a->online += r->online;
	a->checked_in += r->checked_in;
	if (!strcmp(r->key, "stakeholder")) {
		a->stakeholders = *r;
		a->stakeholders.key = NULL;
	}
}

static const export_att *row_of(const export_attendance *a, const char *dim, const char *key)
{
	for (size_t i = 0; i < a->n; i++)
		if (!strcmp(a->rows[i].dim, dim) && !strcmp(a->rows[i].key, key))
			return &a->rows[i];
	return NULL;
}

int64_t export_att_count(const export_attendance *a, const export_att *r)
{
	return !r ? 0 : a->recorded ? r->present : r->registered;
}

/* A stakeholder sector with nobody there joins the absent list. */
static int note_sector(export_attendance *a, const char *code)
{
	const char **v = realloc(a->absent, (a->n_absent + 1) * sizeof *v);
	if (!v)
		return -1;
	a->absent = v;
	a->n_sectors++;
	if (export_att_count(a, row_of(a, "sector", code)) == 0)
		a->absent[a->n_absent++] = code;
	return 0;
}

/* The stakeholder sectors: every sector of the reference data whose people
 * come as stakeholders, then any other a stakeholder gave.  An empty roster
 * has no sector to name. */
static rs_status find_absent(export_attendance *a)
{
	if (a->registered == 0)
		return RS_OK;
	for (size_t i = 0; i < rs_sector_count(); i++) {
		const char *code = rs_sector_at(i)->code;
		if (!strcmp(rs_role_of(code, NULL), "stakeholder") && note_sector(a, code))
			return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	for (size_t i = 0; i < a->n; i++) {
		const export_att *r = &a->rows[i];
		if (!strcmp(r->dim, "sector") && !rs_sector_code(r->key) &&
		    strcmp(r->key, STORE_EXPORT_UNSET) && note_sector(a, r->key))
			return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	return RS_OK;
}

rs_status export_attendance_load(rs_db *db, int64_t item, export_attendance *a)
{
	att_ctx x = {.a = a};
	store_export_args args = {.item = item};
	memset(a, 0, sizeof *a);
	export_each(db, &x.rc, EXQ_ATTENDANCE, &args, att_add, &x);
	a->floor = item != 0;
	a->recorded = a->floor || a->checked_in > 0;
	return x.rc ? x.rc : find_absent(a);
}

void export_attendance_free(export_attendance *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->rows[i].key);
	free(a->rows);
	free(a->absent);
	memset(a, 0, sizeof *a);
}

/* ---- the sentence ---- */

typedef struct {
	char *buf;
	size_t size, used;
} words;

static void say(words *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(words *w, const char *fmt, ...)
{
	if (w->used >= w->size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(w->buf + w->used, w->size - w->used, fmt, ap);
	va_end(ap);
	if (n > 0)
		w->used += (size_t)n;
}

/* ", " between the items of a list, " and " before its last. */
static const char *sep(size_t i, size_t n)
{
	return i == 0 ? "" : i + 1 == n ? " and " : ", ";
}

static const char *plural(int64_t n)
{
	return n == 1 ? "" : "s";
}

/* "representing all stakeholder sectors except the media", or with more
 * absent than there, "from 4 of the 15 stakeholder sectors (none from
 * ...)". */
static void sectors_phrase(words *w, const export_attendance *a)
{
	if (a->n_absent == 0) {
		say(w, " representing every stakeholder sector");
		return;
	}
	if (a->n_absent * 2 <= a->n_sectors)
		say(w, " representing all stakeholder sectors except ");
	else
		say(w, " from %zu of the %zu stakeholder sectors (none from ",
		    a->n_sectors - a->n_absent, a->n_sectors);
	for (size_t i = 0; i < a->n_absent; i++)
		say(w, "%s%s", sep(i, a->n_absent), export_sector_phrase(a->absent[i]));
	if (a->n_absent * 2 > a->n_sectors)
		say(w, ")");
}

/* ", joined by 5 participants from Member States, 4 from the United
 * Nations system and 3 organisers": the roles counted apart. */
static void roles_phrase(words *w, const export_attendance *a)
{
	static const struct {
		const char *role, *noun, *from; /* the noun goes first, or always when no from */
	} roles[] = {
		{"member_state", "participant", "from Member States"},
		{"un_system", "participant", "from the United Nations system"},
		{"organiser", "organiser", ""},
	};
	const size_t n_roles = sizeof roles / sizeof roles[0];
	int64_t count[3];
	size_t n = 0, k = 0;
	for (size_t i = 0; i < n_roles; i++)
		n += (count[i] = export_att_count(a, row_of(a, "role", roles[i].role))) > 0;
	for (size_t i = 0; i < n_roles; i++) {
		if (!count[i])
			continue;
		int noun = k == 0 || !*roles[i].from;
		say(w, "%s%" PRId64 " %s%s%s%s", k ? sep(k, n) : ", joined by ", count[i],
		    noun ? roles[i].noun : "", noun ? plural(count[i]) : "",
		    noun && *roles[i].from ? " " : "", roles[i].from);
		k++;
	}
}

void export_attendance_sentence(const export_attendance *a, char *buf, size_t size)
{
	words w = {buf, size, 0};
	int64_t all = a->recorded ? a->present : a->registered;
	int64_t stakeholders = export_att_count(a, &a->stakeholders);
	buf[0] = '\0';
	if (a->floor && all == 0) {
		say(&w, "Nobody took the floor on it.");
		return;
	}
	int only_stakeholders = a->floor && stakeholders == all;
	if (only_stakeholders)
		say(&w, "The floor was taken by %" PRId64 " stakeholder%s", all, plural(all));
	else if (a->floor)
		say(&w, "The floor was taken by %" PRId64 " participant%s, ", all, plural(all));
	else if (a->recorded)
		say(&w, "The meeting was attended by %" PRId64 " participant%s (%" PRId64
			" registered), ", all, plural(all), a->registered);
	else
		say(&w, "%" PRId64 " participant%s registered, ", all, plural(all));
	if (stakeholders && !only_stakeholders)
		say(&w, "including %" PRId64 " stakeholder%s", stakeholders, plural(stakeholders));
	else if (!stakeholders)
		say(&w, "none of them stakeholders");
	if (stakeholders)
		sectors_phrase(&w, a);
	roles_phrase(&w, a);
	if (a->online)
		say(&w, "; %" PRId64 " of them %s online", a->online,
		    a->floor ? "spoke" : "took part");
	else if (!a->recorded)
		say(&w, "; attendance was not recorded at the desk");
	say(&w, ".");
}

/* ---- the JSON ---- */

static void json_counts(FILE *f, const export_att *r)
{
	fprintf(f,
		"{\"registered\":%" PRId64 ",\"present\":%" PRId64 ",\"online\":%" PRId64
		",\"checked_in\":%" PRId64 "}",
		r->registered, r->present, r->online, r->checked_in);
}

static void json_dim(FILE *f, const export_attendance *a, const char *dim)
{
	int first = 1;
	fprintf(f, ",\"by_%s\":{", dim);
	for (size_t i = 0; i < a->n; i++) {
		if (strcmp(a->rows[i].dim, dim))
			continue;
		fputs(first ? "" : ",", f);
		first = 0;
		rs_json_write_string(f, a->rows[i].key);
		fputc(':', f);
		json_counts(f, &a->rows[i]);
	}
	fputc('}', f);
}

char *export_attendance_json(const export_attendance *a)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	if (!f)
		return NULL;
	export_att all = {.registered = a->registered, .present = a->present, .online = a->online,
			  .checked_in = a->checked_in};
	fprintf(f, "{\"presence_recorded\":%s,\"participants\":", a->recorded ? "true" : "false");
	json_counts(f, &all);
	fputs(",\"stakeholders\":", f);
	json_counts(f, &a->stakeholders);
	json_dim(f, a, "role");
	json_dim(f, a, "sector");
	json_dim(f, a, "region");
	json_dim(f, a, "gender");
	fputs(",\"sectors_absent\":[", f);
	for (size_t i = 0; i < a->n_absent; i++) {
		fputs(i ? "," : "", f);
		rs_json_write_string(f, a->absent[i]);
	}
	fputs("]}", f);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}
