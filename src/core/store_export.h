/* Internal to the core: the reads the exports make.  The JSON documents are
 * built whole by SQLite (the shapes of store_json.h); the Markdown writer
 * walks small read-only cursors.  No SQLite types here. */
#ifndef ROSTRUM_STORE_EXPORT_H
#define ROSTRUM_STORE_EXPORT_H

#include "rostrum/db.h"

/* What a query is restricted to; fields a query does not use are ignored. */
typedef struct {
	int64_t item;     /* 0: every agenda item */
	int floor_only;   /* speakers: only those who took the floor */
	const char *type; /* outcomes: note, recommendation, pledge, next_step */
	int no_contacts;  /* summary JSON: e-mail addresses become null */
} store_export_args;

typedef enum { STORE_JSON_SUMMARY, STORE_JSON_SPEAKERS } store_json_doc;

/* The whole document as one JSON text in *out (caller frees). */
rs_status store_export_json(rs_db *db, store_json_doc d, const store_export_args *a, char **out);

/* The queries behind the cursors, with their columns. */
typedef enum {
	EXQ_MEETING,     /* one row, or none before `init` */
	EXQ_ITEMS,       /* programme order, depth-first; a.item */
	EXQ_SPEAKERS,    /* programme then speaking order; a.item, a.floor_only */
	EXQ_OUTCOMES,    /* programme order, then id; a.item, a.type */
	EXQ_NOMINATIONS, /* one row per nominee and role, highest tally first */
	EXQ_STATS,       /* sector, region, gender; most registered first; a.item */
	EXQ_CROSS_REFERENCE, /* recommendations and pledges per GCM objective:
			      * round table, objective, recommendations
			      * first, then programme order; a.item */
} store_export_query;

enum { EXM_TITLE, EXM_DATE, EXM_VENUE, EXM_TIMEZONE, EXM_FIRST_START, EXM_LAST_END };
/* EXI_START and EXI_END are the planned "HH:MM" (text); EXI_STARTED_AT and
 * EXI_ENDED_AT the actual times, as epoch seconds (store_cursor_int), NULL
 * (store_cursor_text) until the item is started or ended.  New columns go
 * at the end: the HTML renderer reads these by name too. */
enum {
	EXI_ID, EXI_DEPTH, EXI_CODE, EXI_TITLE, EXI_KIND, EXI_START, EXI_END,
	EXI_MODERATOR, EXI_DESCRIPTION, EXI_STARTED_AT, EXI_ENDED_AT
};
/* EXS_ID to EXS_SECONDS are the speakers' CSV columns, in order. */
enum {
	EXS_ID, EXS_ITEM, EXS_ITEM_CODE, EXS_NAME, EXS_ORGANIZATION, EXS_SECTOR, EXS_REGION,
	EXS_GENDER, EXS_KIND, EXS_STATE, EXS_REQUESTED_AT, EXS_STARTED_AT, EXS_ENDED_AT,
	EXS_SECONDS, EXS_ITEM_TITLE
};
/* EXO_BY: "Name (Organization), Name" in stakeholder id order; EXO_GCM
 * "5, 7" (both NULL when none). */
enum { EXO_ID, EXO_TEXT, EXO_PLEDGE_TYPE, EXO_BY, EXO_GCM, EXO_ITEM_TITLE };
enum { EXN_NAME, EXN_ORGANIZATION, EXN_ROLE, EXN_TALLY, EXN_STATE, EXN_NOMINATORS };
/* EXT_DIM is "sector", "region" or "gender"; EXT_KEY "unknown" when unset. */
/* EXT_PRESENT: of those registered, how many are marked present. */
enum { EXT_DIM, EXT_KEY, EXT_REGISTERED, EXT_INTERVENTIONS, EXT_SECONDS, EXT_PRESENT };
/* EXG_ROUND_TABLE 1-4; EXG_TYPE "recommendation" or "pledge"; EXG_BY as
 * EXO_BY. */
enum {
	EXG_ROUND_TABLE, EXG_OBJECTIVE, EXG_TITLE, EXG_TYPE, EXG_TEXT, EXG_PLEDGE_TYPE, EXG_BY,
	EXG_ITEM_CODE, EXG_ITEM_TITLE, EXG_OUTCOME_ID
};

typedef struct store_cursor store_cursor;

/* *out is the caller's: store_cursor_close. */
rs_status store_cursor_open(rs_db *db, store_export_query q, const store_export_args *a,
			    store_cursor **out);
/* 1: a row is current; 0: no more rows; -1: failed (rs_error says why). */
int store_cursor_next(store_cursor *c);
/* A column of the current row: NULL for SQL NULL; valid until the next
 * store_cursor_next or close. */
const char *store_cursor_text(store_cursor *c, int col);
int64_t store_cursor_int(store_cursor *c, int col);
void store_cursor_close(store_cursor *c);

#endif
