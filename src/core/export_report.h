/* Internal to the core: what the summary-report renderers (Markdown, HTML,
 * plain text) share.  Each renderer is one file, export_<format>.c, with one
 * entry point below; export.c checks the options and dispatches.  The
 * helpers format raw text: each renderer escapes it for its own format. */
#ifndef ROSTRUM_EXPORT_REPORT_H
#define ROSTRUM_EXPORT_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rostrum/export.h"
#include "store_export.h"

/* The renderers.  o is never NULL and o->item_id is 0 or an existing item
 * (export.c checks); out is a stream the caller closes.  RS_OK or the
 * first failure, rs_error saying why. */
rs_status export_render_md(rs_db *db, const rs_export_opts *o, FILE *out);
rs_status export_render_html(rs_db *db, const rs_export_opts *o, FILE *out);
rs_status export_render_txt(rs_db *db, const rs_export_opts *o, FILE *out);

/* RS_OK, or a runtime failure if a write to out has failed. */
rs_status export_check_written(FILE *out);

/* s, or NULL when it is NULL or empty. */
const char *export_opt(const char *s);

/* "m:ss", or "h:mm:ss" from an hour on; negative counts as 0. */
void export_fmt_duration(int64_t sec, char *buf, size_t size);

/* part of whole as "12.5%", or an em dash when whole is 0. */
void export_fmt_share(int64_t part, int64_t whole, char *buf, size_t size);

/* "Monday, 16 May 2022" for "2022-05-16"; 0 if date is not a date. */
int export_fmt_long_date(const char *date, char *buf, size_t size);

/* "10:00–10:30", "from 10:00", "until 10:30" or "" (start and end may be
 * NULL).  Raw text: the times come from the database. */
void export_fmt_time_span(const char *start, const char *end, char *buf, size_t size);

/* The wall-clock "HH:MM" of epoch t in time zone tz (the meeting's). */
void export_fmt_clock(const char *tz, int64_t t, char *buf, size_t size);

/* "Rapporteur" for "rapporteur": a nomination role as a label. */
void export_fmt_role(const char *role, char *buf, size_t size);

/* "Round table 1 (GCM objectives 2, 5, 6, 12, 18)". */
void export_fmt_round_table(int rt, char *buf, size_t size);

/* Calls fn(ctx, c, n) on each row of query q (n counts from 0) while *rc is
 * RS_OK; fn reports a failure by setting *rc.  Returns the number of rows,
 * or -1 with *rc set.  Does nothing and returns -1 if *rc is set already. */
typedef void (*export_row_fn)(void *ctx, store_cursor *c, int n);
int export_each(rs_db *db, rs_status *rc, store_export_query q, const store_export_args *a,
		export_row_fn fn, void *ctx);

/* The balance statistics (EXQ_STATS), loaded once per report. */
typedef struct {
	char dim[8];  /* "sector", "region" or "gender" */
	char *key;    /* the code or value; "unknown" when unset */
	int64_t registered, interventions, seconds, present;
} export_stat;

typedef struct {
	export_stat *rows; /* by dimension, most registered first */
	size_t n;
	int64_t roster, interventions, seconds, present; /* totals over the roster */
} export_stats;

/* Loads the statistics for item (0: the whole meeting) into *s, which the
 * caller frees with export_stats_free even on failure. */
rs_status export_stats_load(rs_db *db, int64_t item, export_stats *s);
void export_stats_free(export_stats *s);
/* Attendance counts "present" only where presence was recorded at all. */
#define EXPORT_PRESENCE_RECORDED(s) ((s)->present > 0)
/* The label to show: the sector's label, or the value as it is. */
const char *export_stat_label(const export_stat *r);

#endif
