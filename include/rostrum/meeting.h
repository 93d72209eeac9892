/* The meeting: one per database. */
#ifndef ROSTRUM_MEETING_H
#define ROSTRUM_MEETING_H

#include "rostrum/agenda.h"
#include "rostrum/balance.h"
#include "rostrum/config.h"
#include "rostrum/db.h"
#include "rostrum/journal.h" /* RS_SUMMARY_MAX */
#include "rostrum/queue.h" /* RS_EXPECT_ANY */
#include "rostrum/refdata.h"

/* The meeting's own words, which its summary report shows: who hosted it,
 * its context and purpose, an introduction ("This report outlines ..."),
 * a contact line, and the report's title and subtitle when they are not
 * the meeting's title and "Summary report". */
typedef enum {
	RS_WORD_HOST, RS_WORD_CONTEXT, RS_WORD_PURPOSE, RS_WORD_INTRODUCTION, RS_WORD_CONTACT,
	RS_WORD_REPORT_TITLE, RS_WORD_REPORT_SUBTITLE, RS_WORD__COUNT
} rs_meeting_word;
/* "host", ..., "report_title": the programme file's option (the command
 * line's is the same with '-' for '_'). */
const char *rs_meeting_word_name(rs_meeting_word w);

/* A link of the meeting (its web page, the recording): an http(s) URL
 * (rs_text_link_valid) and what it is. */
typedef struct {
	const char *label; /* NULL or "": none */
	const char *url;
} rs_link;
enum { RS_MAX_LINKS = 32 };

/* The meeting and its own settings: every terminal and every export reads
 * these, whatever its config says (the config only seeds a new meeting). */
typedef struct {
	char *title;
	char *date;  /* YYYY-MM-DD or "" */
	char *venue;
	char *timezone; /* where the meeting is held: "UTC", "America/New_York" */
	rs_policy policy;    /* the floor's order, unless an item has its own */
	int warning_seconds; /* the countdown warns this long before the end */
	int64_t current_item; /* 0: none */
	char *words[RS_WORD__COUNT]; /* "" when unset */
	char **link_labels, **link_urls; /* n_links each, in order; a label may be "" */
	size_t n_links;
	/* A stakeholder needs an accreditation to take the floor (policy.h). */
	int require_accreditation;
} rs_meeting;

/* Creates the meeting row of a new database (title defaults to "Meeting");
 * date must be YYYY-MM-DD when given.  Its policy and warning come from cfg
 * (NULL: the defaults), its speaking times from the reference data (which
 * the config sets). */
rs_status rs_meeting_init(rs_db *db, const char *title, const char *date, const char *venue,
			  const rs_config *cfg);
/* Creates the database file at path (never overwriting) with its meeting,
 * atomically (rs_db_build): however it ends, path is absent or whole.
 * *out is the caller's. */
rs_status rs_meeting_create(const char *path, const char *title, const char *date,
			    const char *venue, const rs_config *cfg, rs_db **out);
/* The same, with fill (may be NULL) run on the new meeting before it takes
 * its name: the demo's programme and roster arrive with it or not at all. */
rs_status rs_meeting_create_with(const char *path, const char *title, const char *date,
				 const char *venue, const rs_config *cfg, rs_db_fill fill,
				 void *ctx, rs_db **out);
/* Fills *m (strings owned by the caller: rs_meeting_clear). */
rs_status rs_meeting_get(rs_db *db, rs_meeting *m);
void rs_meeting_clear(rs_meeting *m);
rs_status rs_meeting_set_policy(rs_db *db, rs_policy p);

/* What rs_meeting_set changes: NULL (or -1) leaves a field as it is.
 * times[i] is the speaking time in seconds of rs_kind_at(i), 0 unchanged.
 * words[w] "" clears a word; the links are replaced whole when set_links. */
typedef struct {
	const char *title, *date, *venue, *timezone;
	int policy;
	int warning_seconds;
	int times[16];
	const char *words[RS_WORD__COUNT];
	const rs_link *links;
	size_t n_links;
	int set_links;
	rs_balance_change *balance; /* NULL: the balance as it is */
	int set_require_accreditation, require_accreditation;
} rs_meeting_change;
/* Checks every field (date YYYY-MM-DD, a time zone the system knows,
 * speaking times and warning of at most 99:59, links http(s), at most
 * RS_MAX_LINKS, the balance by rs_balance_check) and applies them as one
 * journalled action "meeting.set"; on a bad field nothing changes. */
rs_status rs_meeting_set(rs_db *db, const rs_meeting_change *ch);
/* The meeting's speaking time of each kind: seconds[i] for rs_kind_at(i). */
rs_status rs_meeting_speaking_times(rs_db *db, int *seconds, size_t n);

/* The meeting as one JSON object (title, date, venue, timezone, policy,
 * warning_seconds, speaking_times by kind, current_item, its words by
 * name and its links), passed to cb. */
rs_status rs_meeting_each_json(rs_db *db, rs_json_cb cb, void *ctx);

/* The meeting and one of its items, both the caller's to clear (on
 * failure nothing is left to clear). */
rs_status rs_meeting_get_with_item(rs_db *db, int64_t item_id, rs_meeting *m,
				   rs_agenda_item *it);

/* The planned end of an item at the venue (its end HH:MM on the meeting's
 * date, today's at now when the meeting has none), epoch seconds; -1 when
 * the item has no planned end. */
int64_t rs_agenda_planned_end(const rs_meeting *m, const rs_agenda_item *it, int64_t now);

/* The item the meeting is on (0: none yet). */
rs_status rs_meeting_current_item(rs_db *db, int64_t *item_id);

/* The floor's state, said by one rule wherever a screen or a command says
 * it (the TUI's status line, the projector, queue stats): "floor open" in
 * a break, or before any item was live, was not true. */
typedef enum {
	RS_FLOOR_NO_ITEM, /* no item is live */
	RS_FLOOR_BREAK,   /* the live item is a break: nobody takes the floor */
	RS_FLOOR_OPEN,    /* the live item takes speakers, nobody has the floor */
	RS_FLOOR_HELD,    /* someone has the floor, speaking or paused */
} rs_floor_kind;

typedef struct {
	rs_floor_kind kind;
	int64_t item_id;               /* the live item, 0 if none */
	char item[RS_SUMMARY_MAX];     /* its code and title */
	/* With none live, the first item still to run that takes the floor
	 * (calling a speaker opens it); in a break, the one after the break;
	 * 0 when none is left. */
	int64_t next_id;
	char next[RS_SUMMARY_MAX];     /* its code and title */
	char next_at[8];               /* its planned start, HH:MM, or "" */
	char until[8];                 /* a break's planned end, else next_at */
	size_t next_waiting;           /* none live: how many wait on the next item */
	char holder[RS_SUMMARY_MAX];   /* who has the floor */
	int paused;
	char interrupted[RS_SUMMARY_MAX]; /* whose speech a point of order interrupts, or "" */
} rs_floor_state;

/* Reads the state now (the meeting's live item, its floor, the
 * programme); *st is filled whole, names cut between characters. */
rs_status rs_floor_state_read(rs_db *db, rs_floor_state *st);
/* The state in at most 14 characters, for a status line: "no item live",
 * "break to 15:00" (or "a break" with no time planned), "floor open",
 * "floor held", "floor paused". */
void rs_floor_brief(const rs_floor_state *st, char *buf, size_t size);
/* The state in a sentence, for the room and the operator: "No item is live
 * yet; next: opening Opening segment, at 10:00", "A break until 15:00:
 * nobody takes the floor; next: thematic-2 ...", "The floor is open",
 * "Ana Ruiz has the floor".  Names are one line; the sentence is at most
 * RS_SUMMARY_MAX - 1 bytes. */
void rs_floor_said(const rs_floor_state *st, char *buf, size_t size);
/* What the state lets happen, as the calls refuse it: someone speaks
 * (called, paused, ended) only on a live item that takes the floor; the
 * floor is asked for or given anywhere but in a break. */
int rs_floor_takes_speech(const rs_floor_state *st);
int rs_floor_takes_requests(const rs_floor_state *st);

/* What opening or closing an item does to a speech still going on the
 * item being left: refuse (the operator must say), end it, or carry it
 * over to the item opened. */
typedef enum { RS_SPEECH_REFUSE, RS_SPEECH_END, RS_SPEECH_CARRY } rs_speech_rule;

/* Opens an item, as one journalled action "agenda.open": it becomes the
 * current item and gets its actual start (if it had none; an item opened
 * again after it ended runs again, its end cleared); the item that was
 * current gets its actual end (if it had started and not ended).  Refused
 * (RS_ERR_INVALID) for an unknown item or the current one, and, under
 * RS_SPEECH_REFUSE, while someone holds the floor on the current item. */
rs_status rs_meeting_open_item(rs_db *db, int64_t item_id, rs_speech_rule rule, int64_t expect);
/* Closes an item, as one journalled action "agenda.close": it gets its
 * actual end and the meeting has no current item if it was the current
 * one.  A speech going on is refused or ended (rule; carrying is refused).
 * For both, a speech ended or carried over must be the one of entry
 * expect, the speaker the operator was asked about (RS_EXPECT_ANY: any,
 * as a script says): else "the floor changed meanwhile", nothing done. */
rs_status rs_meeting_close_item(rs_db *db, int64_t item_id, rs_speech_rule rule, int64_t expect);

#endif
