/* Progress of long work: when to tell, and the line that tells it. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#endif
#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Seconds between two lines: often enough to see it move, rarely enough
 * to cost nothing. */
#define PROGRESS_EVERY 0.2

static double monotonic_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void rs_db_on_progress(rs_db *db, rs_progress_fn fn, void *ctx)
{
	progress_state *s = store_progress(db);
	s->fn = fn;
	s->ctx = ctx;
}

void progress_begin(rs_db *db, const char *task, const char *unit, int64_t total)
{
	progress_state *s = store_progress(db);
	const char *env = getenv("ROSTRUM_PROGRESS_AFTER");
	char *end;
	long ms = env && *env ? strtol(env, &end, 10) : -1;
	if (ms < 0 || ms > 3600000 || (env && *env && *end))
		ms = RS_PROGRESS_AFTER_MS;
	s->p = (rs_progress){.task = task, .unit = unit, .left = -1};
	s->total = total;
	s->fraction = -1;
	s->start = monotonic_s();
	s->told = 0;
	s->after = (double)ms / 1000.0;
	s->calls = 0;
	s->active = 1;
	s->shown = 0;
}

/* Tells fn, if it is time. */
static void tick(progress_state *s)
{
	if (!s->active || !s->fn)
		return;
	double now = monotonic_s();
	s->p.seconds = now - s->start;
	if (s->p.seconds < s->after || (s->shown && now - s->told < PROGRESS_EVERY))
		return;
	double f = s->fraction >= 0 ? s->fraction
		   : s->total > 0 ? (double)s->p.done / (double)s->total : -1;
	if (f > 1)
		f = 1;
	s->p.left = f > 0 ? s->p.seconds * (1 - f) / f : -1;
	s->p.over = 0;
	s->fn(s->ctx, &s->p);
	s->shown = 1;
	s->told = now;
}

void progress_add(rs_db *db, int64_t n)
{
	progress_state *s = store_progress(db);
	s->p.done += n;
	if ((++s->calls & 63) == 0)
		tick(s);
}

void progress_fraction(rs_db *db, double f)
{
	store_progress(db)->fraction = f;
}

void progress_hide(rs_db *db)
{
	progress_state *s = store_progress(db);
	if (!s->shown)
		return;
	s->p.over = 1;
	s->fn(s->ctx, &s->p);
	s->shown = 0;
}

void progress_end(rs_db *db)
{
	progress_hide(db);
	store_progress(db)->active = 0;
}

/* n with a comma between thousands: "45,000". */
static void thousands(int64_t n, char *buf, size_t size)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%lld", (long long)(n < 0 ? 0 : n));
	size_t o = 0;
	for (int i = 0; i < len && o + 2 < size; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

void rs_progress_line(const rs_progress *p, char *buf, size_t size)
{
	char done[32], rate[32], left[48] = "";
	thousands(p->done, done, sizeof done);
	thousands(p->seconds > 0 ? (int64_t)((double)p->done / p->seconds) : 0, rate, sizeof rate);
	if (p->left >= 0 && p->left < 1)
		snprintf(left, sizeof left, ", less than a second left");
	else if (p->left >= 1 && p->left < 100)
		snprintf(left, sizeof left, ", about %d s left", (int)(p->left + 0.5));
	else if (p->left >= 100)
		snprintf(left, sizeof left, ", about %d min left", (int)(p->left / 60 + 0.5));
	snprintf(buf, size, "%s: %s %s, %s %s/s%s", p->task, done, p->unit, rate, p->unit, left);
}
