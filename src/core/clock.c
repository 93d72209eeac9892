#include "rostrum/clock.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * algorithm); avoids timegm(), which C11 lacks, and TZ games. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The inverse: the date of a day since 1970-01-01. */
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
	static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 ? 28 + leap : len[m - 1];
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int rs_valid_date(const char *s)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return 0;
	return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

int rs_valid_hhmm(const char *s)
{
	int h, m;
	if (!s || strlen(s) != 5 || s[2] != ':')
		return 0;
	if (digits(s, 2, &h) || digits(s + 3, 2, &m))
		return 0;
	return h < 24 && m < 60;
}

/* Reads ISO 8601 s into its wall-clock time counted as if in UTC (*wall)
 * and the offset it gives (*offset, seconds east; *zoned = 0 when it gives
 * neither Z nor an offset); -1 if malformed. */
static int parse_iso(const char *s, int64_t *wall, int64_t *offset, int *zoned)
{
	int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
	if (!s || strlen(s) < 10)
		return -1;
	char date[11];
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!rs_valid_date(date))
		return -1;
	digits(s, 4, &y);
	digits(s + 5, 2, &mo);
	digits(s + 8, 2, &d);
	const char *p = s + 10;
	*offset = 0;
	*zoned = 0;
	if (*p == 'T' || *p == ' ') {
		p++;
		if (digits(p, 2, &h) || p[2] != ':' || digits(p + 3, 2, &mi))
			return -1;
		p += 5;
		if (*p == ':') {
			if (digits(p + 1, 2, &se))
				return -1;
			p += 3;
			if (*p == '.') /* fractions of a second are dropped */
				while (isdigit((unsigned char)*++p))
					;
		}
		if (h > 23 || mi > 59 || se > 60)
			return -1;
		if (*p == 'Z') {
			p++;
			*zoned = 1;
		} else if (*p == '+' || *p == '-') {
			int oh, om;
			const char *q = p + 1;
			if (digits(q, 2, &oh))
				return -1;
			q += 2;
			if (*q == ':')
				q++;
			if (digits(q, 2, &om))
				return -1;
			*offset = (oh * 3600 + om * 60) * (*p == '+' ? 1 : -1);
			*zoned = 1;
			p = q + 2;
		}
	}
	if (*p != '\0')
		return -1;
	*wall = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	return 0;
}

int rs_parse_iso(const char *s, int64_t *out)
{
	int64_t wall, offset;
	int zoned;
	if (parse_iso(s, &wall, &offset, &zoned))
		return -1;
	*out = wall - offset;
	return 0;
}

/* The time $ROSTRUM_NOW pins: epoch seconds or ISO 8601; -1 when it is
 * set to neither. */
static int64_t pinned(const char *pin)
{
	char *end;
	errno = 0;
	long long v = strtoll(pin, &end, 10);
	if (isdigit((unsigned char)*pin) && *end == '\0')
		return errno ? -1 : v;
	int64_t t;
	return rs_parse_iso(pin, &t) == 0 && t >= 0 ? t : -1;
}

int64_t rs_now(void)
{
	const char *pin = getenv("ROSTRUM_NOW");
	int64_t t = pin && *pin ? pinned(pin) : -1;
	return t >= 0 ? t : (int64_t)time(NULL);
}

rs_status rs_clock_check(void)
{
	const char *pin = getenv("ROSTRUM_NOW");
	if (!pin || !*pin || pinned(pin) >= 0)
		return RS_OK;
	return rs_fail(RS_ERR_INVALID,
		       "ROSTRUM_NOW: '%s' is neither epoch seconds nor an ISO 8601 time "
		       "(2022-05-16T10:00:00Z)",
		       pin);
}

void rs_iso_utc(int64_t t, char *buf, size_t size)
{
	if (t < 0) {
		if (size)
			buf[0] = '\0';
		return;
	}
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	/* strftime's "%Y-%m-%dT%H:%M:%SZ", without its locale machinery: the
	 * exports write four of these per speech. */
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Runs with $TZ set to tz ("", "local" or NULL: the machine's zone, left
 * as it is), then puts $TZ back.  Not thread-safe: rostrum has one. */
typedef struct {
	char *saved;
	int had, swapped;
} tz_swap;

static void tz_enter(tz_swap *s, const char *tz)
{
	memset(s, 0, sizeof *s);
	if (!tz || !*tz || !strcmp(tz, "local"))
		return;
	const char *old = getenv("TZ");
	s->had = old != NULL;
	s->saved = old ? strdup(old) : NULL;
	if (old && !s->saved)
		return; /* out of memory: stay in the zone we are in */
	setenv("TZ", tz, 1);
	tzset();
	s->swapped = 1;
}

static void tz_leave(tz_swap *s)
{
	if (!s->swapped)
		return;
	if (s->had)
		setenv("TZ", s->saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(s->saved);
}

/* The instant a wall-clock time in tz names, by mktime in the zone (the
 * zone's rules say whether summer time applies); -1 if it cannot say. */
static int64_t zone_mktime(const char *tz, int y, int mo, int d, int h, int mi, int se)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	tm.tm_isdst = -1;
	tz_swap s;
	tz_enter(&s, tz);
	time_t t = mktime(&tm);
	tz_leave(&s);
	return t == (time_t)-1 ? -1 : (int64_t)t;
}

int64_t rs_local_epoch(const char *tz, const char *date, const char *hhmm)
{
	if (!rs_valid_date(date) || !rs_valid_hhmm(hhmm))
		return -1;
	int y = 0, mo = 0, d = 0, h = 0, mi = 0;
	digits(date, 4, &y);
	digits(date + 5, 2, &mo);
	digits(date + 8, 2, &d);
	digits(hhmm, 2, &h);
	digits(hhmm + 3, 2, &mi);
	return zone_mktime(tz, y, mo, d, h, mi, 0);
}

/* A cache kept for the last zone asked about (cached, of n bytes): emptied
 * when tz is another.  Returns the zone's name ("" for none). */
static const char *zone_cache_for(char *cached, size_t n, void *cache, size_t size,
				  const char *tz)
{
	const char *key = tz ? tz : "";
	if (strcmp(cached, key)) {
		memset(cache, 0, size);
		snprintf(cached, n, "%s", key);
	}
	return key;
}

/* tz's offset from UTC at t, in seconds.  Looking it up means switching
 * $TZ and reading the zone file again, so offsets are kept per quarter of
 * an hour (zones change their offset only on such a boundary) for the
 * last zone asked about. */
static int64_t local_offset(const char *tz, int64_t t)
{
	enum { SLOTS = 256, SPAN = 900 };
	static char cached_tz[72];
	static struct {
		int64_t quarter;
		int64_t offset;
		int used;
	} cache[SLOTS];
	const char *key = zone_cache_for(cached_tz, sizeof cached_tz, cache, sizeof cache, tz);
	int64_t quarter = t >= 0 ? t / SPAN : (t - SPAN + 1) / SPAN;
	size_t slot = (size_t)(quarter % SLOTS + SLOTS) % SLOTS;
	if (cache[slot].used && cache[slot].quarter == quarter)
		return cache[slot].offset;
	time_t tt = (time_t)t;
	struct tm tm;
	tz_swap s;
	tz_enter(&s, tz);
	int ok = localtime_r(&tt, &tm) != NULL;
	tz_leave(&s);
	if (!ok)
		return 0;
	int64_t local = days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * 86400 +
			tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	cache[slot].quarter = quarter;
	cache[slot].offset = local - t;
	cache[slot].used = strlen(key) < sizeof cached_tz; /* a long name is not kept */
	return local - t;
}

/* tz's offset all through the wall-clock day `day` (days since the epoch),
 * or NO_OFFSET when it changes within it (a night the clocks change).
 * Kept per day for the last zone asked about: a file of registration
 * times asks the zone once or twice a day it covers, not once a row. */
#define NO_OFFSET INT64_MIN
static int64_t day_offset(const char *tz, int64_t day)
{
	enum { SLOTS = 128 };
	static char cached_tz[72];
	static struct {
		int64_t day;
		int64_t offset;
		int used;
	} cache[SLOTS];
	const char *key = zone_cache_for(cached_tz, sizeof cached_tz, cache, sizeof cache, tz);
	size_t slot = (size_t)(day % SLOTS + SLOTS) % SLOTS;
	if (cache[slot].used && cache[slot].day == day)
		return cache[slot].offset;
	/* Every instant whose wall-clock time falls on that day, whatever
	 * the zone's offset (-12:00 to +14:00), lies between these two. */
	int64_t first = local_offset(tz, day * 86400 - 14 * 3600);
	int64_t last = local_offset(tz, (day + 1) * 86400 + 14 * 3600);
	int64_t offset = first == last ? first : NO_OFFSET;
	cache[slot].day = day;
	cache[slot].offset = offset;
	cache[slot].used = strlen(key) < sizeof cached_tz;
	return offset;
}

int rs_parse_iso_in(const char *s, const char *tz, int64_t *out, int *local)
{
	int64_t wall, offset;
	int zoned;
	if (parse_iso(s, &wall, &offset, &zoned))
		return -1;
	if (local)
		*local = !zoned;
	if (zoned || !tz || !*tz || !strcmp(tz, "UTC")) {
		*out = wall - offset;
		return 0;
	}
	int64_t day = wall >= 0 ? wall / 86400 : (wall - 86399) / 86400;
	offset = day_offset(tz, day);
	if (offset != NO_OFFSET) {
		*out = wall - offset;
		return 0;
	}
	/* The day the clocks change: as the programme's times are read. */
	int64_t secs = wall - day * 86400;
	int y, mo, d;
	civil_from_days(day, &y, &mo, &d);
	int64_t t = zone_mktime(tz, y, mo, d, (int)(secs / 3600), (int)(secs / 60 % 60),
				(int)(secs % 60));
	if (t < 0 && wall >= 0)
		return -1;
	*out = t;
	return 0;
}

void rs_local_format(const char *tz, int64_t t, const char *fmt, char *buf, size_t size)
{
	if (!size)
		return;
	buf[0] = '\0';
	struct tm tm;
	int ok;
	if (strstr(fmt, "%Z") || strstr(fmt, "%z")) { /* the zone's own name: the long way */
		time_t tt = (time_t)t;
		tz_swap s;
		tz_enter(&s, tz);
		ok = localtime_r(&tt, &tm) != NULL && strftime(buf, size, fmt, &tm) != 0;
		tz_leave(&s);
	} else {
		time_t tt = (time_t)(t + local_offset(tz, t));
		ok = gmtime_r(&tt, &tm) && strftime(buf, size, fmt, &tm) != 0;
	}
	if (!ok)
		buf[0] = '\0';
}

int rs_valid_timezone(const char *tz)
{
	if (!tz || !*tz || strlen(tz) > 64)
		return 0;
	if (!strcmp(tz, "UTC"))
		return 1;
	/* A name from the tz database: letters, digits and "_+-/", never a path
	 * out of the zoneinfo folder. */
	if (tz[0] == '/' || strstr(tz, "..") ||
	    strspn(tz, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+-/") !=
		    strlen(tz))
		return 0;
	const char *dir = getenv("TZDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", tz);
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

long rs_parse_duration(const char *s)
{
	long v = 0;
	size_t n = s ? strspn(s, "0123456789") : 0;
	if (n == 0 || n > 6)
		return -1;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	if (s[n] == '\0')
		return v;
	if (s[n] != ':' || strspn(s + n + 1, "0123456789") != 2 || s[n + 3] != '\0')
		return -1;
	long ss = (s[n + 1] - '0') * 10 + (s[n + 2] - '0');
	return ss < 60 ? v * 60 + ss : -1;
}

void rs_duration_text(int64_t seconds, char *buf, size_t size)
{
	const char *sign = seconds < 0 ? "-" : "";
	int64_t s = seconds < 0 ? -seconds : seconds;
	if (s >= 3600)
		snprintf(buf, size, "%s%lld:%02lld:%02lld", sign, (long long)(s / 3600),
			 (long long)(s / 60 % 60), (long long)(s % 60));
	else
		snprintf(buf, size, "%s%lld:%02lld", sign, (long long)(s / 60), (long long)(s % 60));
}

void rs_overrun_text(int64_t seconds, char *buf, size_t size)
{
	if (seconds >= 24 * 3600) {
		snprintf(buf, size, "days past the planned end");
		return;
	}
	char d[24];
	rs_duration_text(seconds, d, sizeof d);
	snprintf(buf, size, "%s over the planned end", d);
}
