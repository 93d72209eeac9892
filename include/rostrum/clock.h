/* Wall-clock time, pinnable for tests. */
#ifndef ROSTRUM_CLOCK_H
#define ROSTRUM_CLOCK_H

#include <stdint.h>
#include <stddef.h>

#include "rostrum/rostrum.h"

/* Seconds since the epoch.  $ROSTRUM_NOW (epoch seconds or an ISO 8601 UTC
 * time) pins it, so tests and golden exports are reproducible. */
int64_t rs_now(void);
/* RS_OK when $ROSTRUM_NOW is unset, empty or a time rs_now reads; else
 * RS_ERR_INVALID, rs_error() naming it and its value: a front end refuses to
 * run on a clock it would silently not pin. */
rs_status rs_clock_check(void);

/* "2022-05-16T10:00:00Z" into buf (at least 21 bytes); "" for t < 0. */
void rs_iso_utc(int64_t t, char *buf, size_t size);

/* Parses ISO 8601 "YYYY-MM-DDTHH:MM[:SS][Z|+hh:mm]" or "YYYY-MM-DD HH:MM:SS"
 * (UTC when no offset is given); 0 on success, -1 if malformed. */
int rs_parse_iso(const char *s, int64_t *out);
/* The same, but a time without Z or an offset is a wall-clock time in tz
 * ("UTC" or a tz database name; NULL or "" read as UTC), as the venue's
 * clocks showed it; *local (may be NULL) says whether s was such a time.
 * A time the clocks skip or repeat is read as the programme's times are
 * (rs_local_epoch). */
int rs_parse_iso_in(const char *s, const char *tz, int64_t *out, int *local);

/* Checks "YYYY-MM-DD" (a real calendar date) and "HH:MM" (00:00-23:59). */
int rs_valid_date(const char *s);
int rs_valid_hhmm(const char *s);

/* Planned times are wall-clock times at the venue: "HH:MM" on date
 * "YYYY-MM-DD" in time zone tz ("UTC", "Europe/Zurich", or "" / "local" for
 * the machine's) to epoch seconds; -1 if malformed. */
int64_t rs_local_epoch(const char *tz, const char *date, const char *hhmm);
/* "M:SS" or plain seconds to seconds; -1 if neither.  Speaking times and
 * the warning show as M:SS on a clock: RS_MAX_SECONDS (99:59) keeps them to
 * two digits of minutes. */
long rs_parse_duration(const char *s);
#define RS_MAX_SECONDS 5999
/* "M:SS", or "H:MM:SS" from an hour; a minus sign before a negative. */
void rs_duration_text(int64_t seconds, char *buf, size_t size);
/* seconds past a planned end in words: "2:30 over the planned end", or
 * "days past the planned end" from a day on (a past meeting opened
 * again: the hours say nothing). */
void rs_overrun_text(int64_t seconds, char *buf, size_t size);

/* 1 if tz is "UTC" or a zone of the system's tz database
 * ("America/New_York"). */
int rs_valid_timezone(const char *tz);
/* The wall-clock time of t in tz, formatted with strftime's fmt.  Offsets
 * are cached per zone, so a clock that ticks costs no zone file read; %Z
 * and %z take the long way. */
void rs_local_format(const char *tz, int64_t t, const char *fmt, char *buf, size_t size);

#endif
