/* Internal to the core: the summary report.  export_walk.c walks the report
 * once: the section order and every rule of what is shown live there.  It
 * writes through a per-format table of ops (export_ops below): each format
 * is one file of rendering only, export_<format>.c, with one entry point
 * below; export.c checks the options and dispatches.  The helpers format
 * raw text: each renderer makes it inert and escapes it for its format. */
#ifndef ROSTRUM_EXPORT_REPORT_H
#define ROSTRUM_EXPORT_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "export_chart.h"
#include "rostrum/export.h"
#include "store_export.h"

/* The renderers.  o is never NULL and o->item_id is 0 or an existing item
 * (export.c checks); out is a stream the caller closes.  RS_OK or the
 * first failure, rs_error saying why. */
rs_status export_render_md(rs_db *db, const rs_export_opts *o, FILE *out);
rs_status export_render_html(rs_db *db, const rs_export_opts *o, FILE *out);
rs_status export_render_txt(rs_db *db, const rs_export_opts *o, FILE *out);

/* ------------------------------------------------------------------ */
/* What the walk writes through.                                       */

/* The head of every renderer's state: the stream, and the first failure
 * (the walk stops reading once it is set; ops may set it on OOM). */
typedef struct export_out {
	FILE *f;
	rs_status rc;
} export_out;

/* text's flags. */
enum { EXPORT_LINES = 1 }; /* keep the text's line breaks (notes, descriptions) */

typedef enum {
	EXPORT_STRONG, /* a label: "Time:", "By sector:" */
	EXPORT_TAGS,   /* what qualifies an entry: "(partnership; GCM objective 5)" */
} export_span;

typedef enum {
	EXPORT_PARA,  /* a paragraph */
	EXPORT_ITEM,  /* an entry of the list list_begin opened */
	EXPORT_FIELD, /* one labelled field of the line fields_begin opened */
	EXPORT_LABEL, /* a group's label inside a section (an objective's title) */
} export_block;

/* A table's column: its header, and how its cells read. */
typedef struct {
	const char *label;
	const char *narrow; /* plain text's header, when it differs ("": none) */
	unsigned num : 1;   /* a number: right-aligned */
	unsigned code : 1;  /* a code: never wrapped */
} export_col;

typedef struct {
	const export_col *cols;
	int n;
	/* Where a table of this many columns cannot fit (plain text), each row
	 * is written as one numbered entry instead: the first column is the
	 * number, "{N}" stands for column N, "[...]" is left out when a
	 * column inside it is empty; a record that begins "- " is an entry
	 * of a list instead, not numbered, its first column one like the
	 * others.  NULL: always a table. */
	const char *record;
} export_table;

/* The title block. */
typedef struct {
	const char *title;    /* NULL: the database has no meeting yet */
	const char *subtitle; /* "Summary report" */
	const char *meeting;  /* the meeting's title under a report title of its own */
	const char *host;     /* "Hosted by ..." */
	const char *date;     /* "Monday, 16 May 2022"; NULL: none */
	const char *time;     /* "10:00–18:00 (America/New_York)"; NULL: none */
	const char *venue;    /* NULL: none */
} export_title;

/* One format.  Every text argument is raw (user text as stored, or the
 * walk's own words): the op makes it inert (export_inert) and escapes
 * it, the same way wherever it stands.  Ops marked
 * "may be NULL" are left out by formats that have no such thing. */
typedef struct export_ops {
	void (*begin)(export_out *r, const export_title *t); /* the document, its title */
	void (*end)(export_out *r);
	void (*section_begin)(export_out *r, const char *id, const char *cls); /* may be NULL */
	void (*section_end)(export_out *r);                                     /* may be NULL */
	void (*heading)(export_out *r, int level, const char *text);
	/* The heading of a part of an item's or a theme's section ("Key
	 * points", "Pledges"), one level below it; may be NULL: a heading. */
	void (*part)(export_out *r, int level, const char *text);
	/* label: EXPORT_FIELD's label ("Time"); cls: a class for formats with classes */
	void (*block_begin)(export_out *r, export_block b, const char *cls, const char *label);
	void (*block_end)(export_out *r);
	void (*fields_begin)(export_out *r);
	void (*fields_end)(export_out *r);
	void (*list_begin)(export_out *r, const char *cls);
	void (*list_end)(export_out *r);
	void (*span_begin)(export_out *r, export_span s); /* may be NULL */
	void (*span_end)(export_out *r);                  /* may be NULL */
	void (*text)(export_out *r, const char *s, int flags);
	void (*link)(export_out *r, const char *url); /* an http(s) link, checked */
	void (*line_break)(export_out *r);           /* a new line in the open block */
	void (*table_begin)(export_out *r, const export_table *t);
	void (*row_begin)(export_out *r);
	void (*cell)(export_out *r, const char *s);
	void (*row_end)(export_out *r);
	void (*table_end)(export_out *r);
	void (*chart)(export_out *r, const chart_spec *c); /* may be NULL: no charts */
} export_ops;

/* The ops every format has, from its functions PREFIX_begin, PREFIX_end, and
 * so on; the optional ones follow the macro in the format's table. */
#define EXPORT_OPS(prefix)                                                     \
	.begin = prefix##_begin, .end = prefix##_end, .heading = prefix##_heading, \
	.block_begin = prefix##_block_begin, .block_end = prefix##_block_end,  \
	.fields_begin = prefix##_fields_begin, .fields_end = prefix##_fields_end, \
	.list_begin = prefix##_list_begin, .list_end = prefix##_list_end,      \
	.text = prefix##_text, .link = prefix##_link,                          \
	.line_break = prefix##_line_break,                                     \
	.table_begin = prefix##_table_begin,                                   \
	.row_begin = prefix##_row_begin, .cell = prefix##_cell,                \
	.row_end = prefix##_row_end, .table_end = prefix##_table_end

/* Walks the whole report through ops onto r (r->f set, r->rc RS_OK).
 * Returns r->rc, or a write failure. */
rs_status export_walk(rs_db *db, const rs_export_opts *o, const export_ops *ops, export_out *r);

/* ------------------------------------------------------------------ */
/* Helpers.                                                            */

/* RS_OK, or a runtime failure if a write to out has failed. */
rs_status export_check_written(FILE *out);

/* s, or NULL when it is NULL or empty. */
const char *export_opt(const char *s);

/* User text made inert the same way for every format (rs_text_inert): with
 * lines its line breaks are kept, else they and tabs become blanks.  A new
 * string ("" for NULL), the caller frees; NULL only when out of memory. */
char *export_inert(const char *s, int lines);



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

/* A sector as the object of "a representative of": "trade unions", "the
 * private sector"; a sector the reference data does not name, its label. */
const char *export_sector_phrase(const char *code);

/* "Rapporteur" for "rapporteur": a nomination role as a label. */
void export_fmt_role(const char *role, char *buf, size_t size);

/* A time zone as the seeds name it: "New York time" for America/New_York
 * (its city, blanks for underscores); an offset as people read it: "UTC"
 * for UTC and Etc/UTC, "UTC−5" for Etc/GMT+5 (POSIX's sign reversed). */
void export_fmt_zone(const char *tz, char *buf, size_t size);

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
	char dim[8];  /* "sector", "region", "gender" (stakeholders) or "role" */
	char *key;    /* the code or value; STORE_EXPORT_UNSET when unset */
	int64_t registered, interventions, seconds;
	int64_t present; /* attended (SQL_ATTENDED) */
} export_stat;

typedef struct {
	export_stat *rows; /* by dimension, most registered first */
	size_t n;
	/* Everyone, by role: the overview's count of the interventions. */
	int64_t roster, interventions, seconds, present;
	/* The balance's population: those who came as stakeholders (the role
	 * "stakeholder", key NULL), whom sector, region and gender count. */
	export_stat stakeholders;
} export_stats;

/* Loads the statistics for item (0: the whole meeting) into *s, which the
 * caller frees with export_stats_free even on failure. */
rs_status export_stats_load(rs_db *db, int64_t item, export_stats *s);
void export_stats_free(export_stats *s);

/* The label of a group of the report's figures (dim "sector", "region",
 * "gender" or "role"; key as EXQ_STATS and EXQ_ATTENDANCE give it): a
 * sector's or a role's label ("Organisers"), a gender's ("Women"), a
 * region as it is; a value not given as the live balance says it
 * (rs_balance_label: "Region not given", "Not disclosed"). */
const char *export_group_label(const char *dim, const char *key);

#endif
