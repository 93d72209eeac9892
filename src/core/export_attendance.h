/* Internal to the core: who attended, as the summary report says it (seed
 * 000: "attended by 180 participants, including about 150 stakeholders ...
 * representing all categories of stakeholders ..., except media, joined by
 * members of the Network").  Who attended is one rule (store_json.h's
 * SQL_ATTENDED): checked in at the desk, or took the floor.  Stakeholders
 * are counted apart from those who come in another role (Member States,
 * the UN system, organisers: rs_role_of); the sectors with nobody there are
 * named.  Every format (the walk's Markdown, HTML and text, and the JSON)
 * reads the same figures. */
#ifndef ROSTRUM_EXPORT_ATTENDANCE_H
#define ROSTRUM_EXPORT_ATTENDANCE_H

#include <stddef.h>
#include <stdint.h>

#include "rostrum/db.h"

/* One group: a role, or the stakeholders of a sector, region or gender. */
typedef struct {
	char dim[8]; /* "role", "sector", "region", "gender" */
	char *key;   /* a code or value; STORE_EXPORT_UNSET when unset */
	int64_t registered;
	int64_t present;    /* attended: checked in, or took the floor */
	int64_t online;     /* of those, online */
	int64_t checked_in; /* at the desk */
} export_att;

typedef struct {
	export_att *rows; /* by dimension (roles first), most registered first */
	size_t n;
	int64_t registered, present, online, checked_in; /* everyone */
	export_att stakeholders; /* the role "stakeholder" (key NULL) */
	/* The desk checked someone in: attendance was recorded.  Until then
	 * the figures count registrations (the speakers alone are no count of
	 * who came). */
	int recorded;
	/* The figures count those who took the floor on one item (registered
	 * and present alike; online: spoke online on it), not who came: who
	 * was in the room for one item is recorded nowhere. */
	int floor;
	/* The stakeholder sectors (those whose people come as stakeholders,
	 * rs_role_of) and those of them with nobody present, or, where
	 * presence was never recorded, with nobody registered: codes, valid
	 * while the attendance is. */
	const char **absent;
	size_t n_absent, n_sectors;
} export_attendance;

/* Loads the figures of the whole meeting (item 0), or of those who took
 * the floor on item; *a is the caller's to free with
 * export_attendance_free, even on failure. */
rs_status export_attendance_load(rs_db *db, int64_t item, export_attendance *a);
void export_attendance_free(export_attendance *a);

/* The count a figure stands for: those who attended where attendance was
 * recorded, else those registered. */
int64_t export_att_count(const export_attendance *a, const export_att *r);

/* The report's sentence, raw text (sector labels may come from the
 * config): "The meeting was attended by 120 participants (150
 * registered), including 104 stakeholders representing all stakeholder
 * sectors except the media, joined by 5 participants from Member States
 * and 3 organisers; 18 took part online."; before anyone is checked in,
 * "150 participants registered, ...; attendance was not recorded at the
 * desk."  On one item: "The floor was taken by 29 participants, including
 * 27 stakeholders ...; 1 of them spoke online.", or "Nobody took the floor
 * on it." */
void export_attendance_sentence(const export_attendance *a, char *buf, size_t size);

/* The figures as one JSON object (the summary's "attendance"): a new
 * string the caller frees; NULL without memory. */
char *export_attendance_json(const export_attendance *a);

#endif
