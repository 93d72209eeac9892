/* Exports: the summary report and the speakers' list. */
#ifndef ROSTRUM_EXPORT_H
#define ROSTRUM_EXPORT_H

#include <stdio.h>

#include "rostrum/db.h"

typedef enum { EXPORT_MD, EXPORT_HTML, EXPORT_TXT, EXPORT_JSON, EXPORT_CSV } rs_export_format;

/* "md", "html", "txt", "json", "csv" to a format; -1 if unknown. */
int rs_export_format_parse(const char *s);

/* How the summary report's body is organised: one section per agenda item,
 * or one per theme across the items. */
typedef enum { EXPORT_BY_ITEM, EXPORT_BY_THEME } rs_export_organise;
/* Who the summary report says spoke, recommended or pledged: people by
 * name (and times), "a representative of trade unions", or nobody. */
typedef enum { EXPORT_NAMES, EXPORT_SECTORS, EXPORT_ANONYMOUS } rs_export_attribution;

/* "item", "theme" / "names", "sectors", "none"; -1 if unknown. */
int rs_export_organise_parse(const char *s);
int rs_export_attribution_parse(const char *s);

typedef struct {
	int64_t item_id; /* 0: the whole meeting */
	int no_contacts; /* leave out e-mail addresses */
	int organise;    /* rs_export_organise */
	int attribution; /* rs_export_attribution; the annexes follow it too */
	int descriptions; /* show the programme's descriptions of the items */
} rs_export_opts;

rs_status rs_export_summary(rs_db *db, rs_export_format f, const rs_export_opts *o, FILE *out);
/* EXPORT_CSV (RFC 4180, formula prefixes defused) or EXPORT_JSON. */
rs_status rs_export_speakers(rs_db *db, rs_export_format f, const rs_export_opts *o, FILE *out);

/* Writes through a temporary file beside path and renames it into place,
 * so an existing file is replaced only by a complete export.  path "-" or
 * NULL writes to stdout. */
typedef rs_status (*rs_export_fn)(rs_db *db, rs_export_format f, const rs_export_opts *o,
				  FILE *out);
rs_status rs_export_to_path(rs_db *db, rs_export_fn fn, rs_export_format f,
			    const rs_export_opts *o, const char *path);

#endif
