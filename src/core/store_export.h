/* Internal to the core: the reads the exports make.  The JSON documents are
 * written row by row, each row's JSON made by SQLite (the shapes of
 * store_json.h); the reports walk small read-only cursors.  No SQLite types
 * here. */
#ifndef ROSTRUM_STORE_EXPORT_H
#define ROSTRUM_STORE_EXPORT_H

#include <stdio.h>

#include "rostrum/db.h"

/* The key of a group whose value is not given (a region left blank) in
 * EXQ_STATS, EXQ_ATTENDANCE and the summary JSON's statistics and
 * attendance; the reports label it as the live balance does
 * (rs_balance_label). */
#define STORE_EXPORT_UNSET "unknown"

/* What a query is restricted to; fields a query does not use are ignored. */
typedef struct {
	int64_t item;     /* 0: every agenda item */
	int floor_only;   /* speakers: only those who took the floor */
	int unheard;      /* speakers: only requests not reached, absent or withdrawn */
	int attended;     /* participants: only those who attended (SQL_ATTENDED) */
	const char *type; /* outcomes: note, recommendation, pledge, next_step, response */
	const char *theme; /* outcomes: NULL any; "" those with no theme; else that theme */
	int64_t outcome;  /* outcomes: only the responses to this one (0: any) */
	int no_contacts;  /* summary JSON: e-mail addresses become null */
	int attribution;  /* rs_export_attribution: items (who is shown), summary JSON */
	int descriptions; /* items: descriptions count as content */
	int organise;     /* summary JSON: rs_export_organise, as the report says */
	const char *attendance; /* summary JSON: its "attendance", as JSON (NULL: null) */
} store_export_args;

typedef enum { STORE_JSON_SUMMARY, STORE_JSON_SPEAKERS } store_json_doc;

/* Writes the document to out row by row from cursors (each row's JSON as
 * SQLite makes it, made inert): whatever the meeting's size, only a row is
 * held at a time.  No newline after it. */
rs_status store_export_json(rs_db *db, store_json_doc d, const store_export_args *a, FILE *out);

/* An export begins: the connection's page cache made small for a streamed
 * read (*cache gets its size before, for store_export_end), and *rows
 * about how many rows a summary of the whole meeting reads, for its
 * progress (people, requests to speak, outcomes, nominations, items). */
rs_status store_export_begin(rs_db *db, int64_t *rows, int64_t *cache);
/* Puts the page cache back as it was. */
void store_export_end(rs_db *db, int64_t cache);

/* The queries behind the cursors, with their columns. */
typedef enum {
	EXQ_MEETING,     /* one row, or none before `init` */
	EXQ_ITEMS,       /* programme order, depth-first; a.item */
	EXQ_SPEAKERS,    /* programme then speaking order; a.item, a.floor_only */
	EXQ_OUTCOMES,    /* programme order, then id; a.item, a.type */
	EXQ_NOMINATIONS, /* one row per nominee and role, highest tally first */
	EXQ_STATS,       /* the stakeholders by sector, region, gender, then
			  * everyone by role; most registered first; a.item */
	EXQ_CROSS_REFERENCE, /* recommendations and pledges per GCM objective:
			      * round table, objective, recommendations
			      * first, then programme order; a.item */
	EXQ_LINKS,       /* the meeting's links, in order */
	EXQ_THEMES,      /* the themes of key points, recommendations and
			  * pledges, in the order they first come; a.item */
	EXQ_ATTENDANCE,  /* who registered and who is here: by role, then the
			  * stakeholders by sector, region and gender, most
			  * registered first; a.item: who took the floor on it */
	EXQ_PARTICIPANTS, /* everyone registered (a.attended: who attended), by
			   * name as the roster sorts */
	EXQ_POINTS,      /* one row: the points of order heard; a.item */
	EXQ_PARTIES,     /* the parties to an outcome, in stakeholder id
			  * order; a.outcome */
	EXQ_SELECTED,    /* the nominees selected: EXQ_NOMINATIONS's columns, by
			  * role (the role of the highest tally first), highest
			  * tally first, then EXN_ROLE_N and
			  * EXN_ROLE_AT (how many in the role, which one from
			  * 1) and EXN_ALL (how many in all) */
	EXQ_UNPLACED,    /* the form's requests to speak that named no item, as
			  * EXQ_SPEAKERS's rows (no entry, no item), oldest first */
	EXQ_LANGUAGES,   /* one row: the speeches heard whose language someone
			  * recorded; a.item */
} store_export_query;

/* EXM_HOST to EXM_REPORT_SUBTITLE are the words, in rs_meeting_word order. */
enum {
	EXM_TITLE, EXM_DATE, EXM_VENUE, EXM_TIMEZONE, EXM_FIRST_START, EXM_LAST_END, EXM_HOST,
	EXM_CONTEXT, EXM_PURPOSE, EXM_INTRODUCTION, EXM_CONTACT, EXM_REPORT_TITLE,
	EXM_REPORT_SUBTITLE
};
enum { EXL_LABEL, EXL_URL };
enum { EXH_THEME };
/* EXI_START and EXI_END are the planned "HH:MM" (text); EXI_STARTED_AT and
 * EXI_ENDED_AT the actual times, as epoch seconds (store_cursor_int), NULL
 * (store_cursor_text) until the item is started or ended.  New columns go
 * at the end: the HTML renderer reads these by name too. */
/* EXI_SHOWN: 1 when the item or an item under it has something to show:
 * a time, outcomes, speeches, a moderator (a.attribution names) or a
 * description (a.descriptions).  EXI_ACTUAL_SECONDS: the time the item
 * sat, its sittings (rs_agenda_sittings) added up; NULL until it is closed. */
enum {
	EXI_ID, EXI_DEPTH, EXI_CODE, EXI_TITLE, EXI_KIND, EXI_START, EXI_END,
	EXI_MODERATOR, EXI_DESCRIPTION, EXI_STARTED_AT, EXI_ENDED_AT, EXI_SHOWN,
	EXI_ACTUAL_SECONDS
};
/* EXS_ID to EXS_SECONDS, then EXS_PARTICIPATION and EXS_LANGUAGE, are the
 * speakers' CSV columns, in order; EXS_ROLE the speaker's, as rs_role_of
 * says; EXS_SLOT what a programme speaker represents (NULL or "": none);
 * EXS_TITLE the speaker's ("H.E. Mr."); EXS_LANGUAGE_RECORDED 1 where
 * someone said the language, 0 where it is the speaker's first registered
 * one; EXS_STAKEHOLDER the speaker's id, the CSV's last column. */
enum {
	EXS_ID, EXS_ITEM, EXS_ITEM_CODE, EXS_NAME, EXS_ORGANIZATION, EXS_SECTOR, EXS_REGION,
	EXS_GENDER, EXS_KIND, EXS_STATE, EXS_REQUESTED_AT, EXS_STARTED_AT, EXS_ENDED_AT,
	EXS_SECONDS, EXS_ITEM_TITLE, EXS_PARTICIPATION, EXS_LANGUAGE, EXS_ROLE, EXS_SLOT,
	EXS_TITLE, EXS_LANGUAGE_RECORDED, EXS_STAKEHOLDER
};
/* EXO_GCM "5, 7" (NULL when none); EXO_SECTORS the parties' sectors, each
 * once, "trade_union,migrant" in stakeholder id order; EXO_PARTIES how
 * many parties (EXQ_PARTIES names them). */
enum {
	EXO_ID, EXO_TEXT, EXO_PLEDGE_TYPE, EXO_GCM, EXO_ITEM_TITLE, EXO_SECTORS, EXO_PARTIES
};
/* EXW_ROLE the party's, as rs_role_of says; EXW_TITLE theirs ("Dr."). */
enum { EXW_NAME, EXW_ORGANIZATION, EXW_SECTOR, EXW_ROLE, EXW_TITLE };
/* EXN_ROLE the nomination's ("rapporteur"); EXN_NOMINATORS "Name, Name"
 * as the roster sorts them, a name two people on the roster share
 * followed by the organization ("Sita Shrestha (Parliamentary Caucus on
 * Migration (BD))"); EXN_PERSON_ROLE the nominee's, as rs_role_of says. */
enum {
	EXN_NAME, EXN_ORGANIZATION, EXN_ROLE, EXN_TALLY, EXN_STATE, EXN_NOMINATORS, EXN_SECTOR,
	EXN_PERSON_ROLE, EXN_TITLE, EXN_ROLE_N, EXN_ROLE_AT, EXN_ALL
};
/* EXT_DIM is "sector", "region" or "gender" (the stakeholders alone), or
 * "role" (everyone); EXT_KEY STORE_EXPORT_UNSET when unset. */
/* EXT_PRESENT: of those registered, how many attended (SQL_ATTENDED). */
enum { EXT_DIM, EXT_KEY, EXT_REGISTERED, EXT_INTERVENTIONS, EXT_SECONDS, EXT_PRESENT };
/* EXA_DIM is "role", "sector", "region" or "gender" (the last three of the
 * stakeholders alone); EXA_KEY STORE_EXPORT_UNSET when unset; EXA_PRESENT: how many
 * attended (SQL_ATTENDED), EXA_ONLINE of them online; EXA_CHECKED_IN: how
 * many the desk checked in. */
enum { EXA_DIM, EXA_ORD, EXA_KEY, EXA_REGISTERED, EXA_PRESENT, EXA_ONLINE, EXA_CHECKED_IN };
/* EXP_PRESENT: 0 or 1, whether they attended (SQL_ATTENDED);
 * EXP_PARTICIPATION in_room or online, how; EXP_ROLE as rs_role_of says;
 * EXP_TITLE theirs. */
enum { EXP_NAME, EXP_ORGANIZATION, EXP_SECTOR, EXP_PRESENT, EXP_PARTICIPATION, EXP_EMAIL,
       EXP_ROLE, EXP_TITLE };
/* EXG_ROUND_TABLE 1-4; EXG_TYPE "recommendation" or "pledge"; EXG_SECTORS
 * and EXG_PARTIES as EXO_SECTORS and EXO_PARTIES. */
enum {
	EXG_ROUND_TABLE, EXG_OBJECTIVE, EXG_TITLE, EXG_TYPE, EXG_TEXT, EXG_PLEDGE_TYPE,
	EXG_ITEM_CODE, EXG_ITEM_TITLE, EXG_OUTCOME_ID, EXG_SECTORS, EXG_PARTIES
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
