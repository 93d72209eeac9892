/* What the summary-report renderers share: formatting, cursor walking and
 * the balance statistics. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strdup */
#endif
#include "export_report.h"
#include "progress.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/balance.h"
#include "rostrum/clock.h"
#include "rostrum/refdata.h"
#include "rostrum/text.h"

rs_status export_check_written(FILE *out)
{
	if (ferror(out))
		return rs_fail(RS_ERR_RUNTIME, "write failed: %s", strerror(errno));
	return RS_OK;
}

const char *export_opt(const char *s)
{
	return s && *s ? s : NULL;
}

char *export_inert(const char *s, int lines)
{
	char *t = rs_text_inert(s, 1);
	for (char *p = t; p && *p; p++)
		if (*p == '\t' || (*p == '\n' && !lines))
			*p = ' ';
	return t;
}


void export_fmt_duration(int64_t sec, char *buf, size_t size)
{
	if (sec < 0)
		sec = 0;
	if (sec >= 3600)
		snprintf(buf, size, "%" PRId64 ":%02d:%02d", sec / 3600, (int)(sec / 60 % 60),
			 (int)(sec % 60));
	else
		snprintf(buf, size, "%d:%02d", (int)(sec / 60), (int)(sec % 60));
}

void export_fmt_share(int64_t part, int64_t whole, char *buf, size_t size)
{
	if (whole <= 0)
		snprintf(buf, size, "—");
	else
		snprintf(buf, size, "%.1f%%", 100.0 * (double)part / (double)whole);
}

int export_fmt_long_date(const char *date, char *buf, size_t size)
{
	static const char *const days[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
					   "Thursday", "Friday", "Saturday"};
	static const char *const months[] = {"January", "February", "March", "April",
					     "May", "June", "July", "August",
					     "September", "October", "November", "December"};
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	int y, m, d;
	if (!rs_valid_date(date) || sscanf(date, "%d-%d-%d", &y, &m, &d) != 3)
		return 0;
	int yy = m < 3 ? y - 1 : y; /* Sakamoto's day of the week */
	int wd = (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + d) % 7;
	snprintf(buf, size, "%s, %d %s %d", days[wd], d, months[m - 1], y);
	return 1;
}

void export_fmt_time_span(const char *start, const char *end, char *buf, size_t size)
{
	if (start && end)
		snprintf(buf, size, "%s–%s", start, end);
	else if (start || end)
		snprintf(buf, size, "%s%s", start ? "from " : "until ", start ? start : end);
	else if (size)
		*buf = '\0';
}

void export_fmt_clock(const char *tz, int64_t t, char *buf, size_t size)
{
	rs_local_format(tz, t, "%H:%M", buf, size);
}

const char *export_sector_phrase(const char *code)
{
	static const char *const phrases[][2] = {
		{"migrant", "migrants and migrant associations"},
		{"civil_society", "civil society organizations"},
		{"diaspora", "migrant and diaspora organizations"},
		{"faith", "faith-based organizations"},
		{"local_authority", "local and regional authorities"},
		{"private_sector", "the private sector"},
		{"trade_union", "trade unions"},
		{"parliamentarian", "parliamentarians"},
		{"nhri", "national human rights institutions"},
		{"red_cross", "the International Red Cross and Red Crescent Movement"},
		{"academia", "academia"},
		{"media", "the media"},
		{"youth", "children and youth organizations"},
		{"human_rights_mechanism", "human rights mechanisms"},
		{"member_state", "Member States"},
		{"un_system", "the United Nations system"},
		{"other", "other relevant stakeholders"},
	};
	for (size_t i = 0; code && i < sizeof phrases / sizeof phrases[0]; i++)
		if (!strcmp(code, phrases[i][0]))
			return phrases[i][1];
	return rs_sector_label(code);
}

void export_fmt_role(const char *role, char *buf, size_t size)
{
	snprintf(buf, size, "%s", role && *role ? role : "rapporteur");
	if (*buf >= 'a' && *buf <= 'z')
		*buf = (char)(*buf - 'a' + 'A');
}

/* The zones of tzdata's Etc area, which name an offset and no city:
 * "UTC" for UTC itself and its aliases, "UTC−5" for Etc/GMT+5.  POSIX
 * counts the offset west of Greenwich, so the sign in the name is the
 * reverse of the one people read (Etc/GMT+5 is five hours behind UTC).
 * 0 when tz is no such zone. */
static int fmt_offset_zone(const char *tz, char *buf, size_t size)
{
	static const char *const utc[] = {"UTC", "UCT", "Universal", "Zulu", "GMT",
					  "GMT0", "GMT+0", "GMT-0", "Greenwich"};
	const char *z = strncmp(tz, "Etc/", 4) ? tz : tz + 4;
	for (size_t i = 0; i < sizeof utc / sizeof utc[0]; i++)
		if (!strcmp(z, utc[i])) {
			snprintf(buf, size, "UTC");
			return 1;
		}
	if (strncmp(z, "GMT", 3) || (z[3] != '+' && z[3] != '-') || z[4] < '0' || z[4] > '9' ||
	    strspn(z + 4, "0123456789") != strlen(z + 4) || strlen(z + 4) > 2)
		return 0;
	snprintf(buf, size, "UTC%s%d", z[3] == '+' ? "−" : "+", atoi(z + 4));
	return 1;
}

void export_fmt_zone(const char *tz, char *buf, size_t size)
{
	const char *city = tz ? strrchr(tz, '/') : NULL;
	if (tz && fmt_offset_zone(tz, buf, size))
		return;
	if (!city) {
		snprintf(buf, size, "%s", tz ? tz : "");
		return;
	}
	snprintf(buf, size, "%s time", city + 1);
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = ' ';
}

void export_fmt_round_table(int rt, char *buf, size_t size)
{
	size_t len = (size_t)snprintf(buf, size, "Round table %d (GCM objectives", rt);
	const char *sep = " ";
	for (int g = 1; g <= 23 && len < size; g++)
		if (rs_gcm_round_table(g) == rt) {
			len += (size_t)snprintf(buf + len, size - len, "%s%d", sep, g);
			sep = ", ";
		}
	if (len < size)
		snprintf(buf + len, size - len, ")");
}

int export_each(rs_db *db, rs_status *rc, store_export_query q, const store_export_args *a,
		export_row_fn fn, void *ctx)
{
	store_cursor *c;
	if (*rc || (*rc = store_cursor_open(db, q, a, &c)) != RS_OK)
		return -1;
	int n = 0, r = 0;
	while (*rc == RS_OK && (r = store_cursor_next(c)) == 1) {
		fn(ctx, c, n++);
		progress_add(db, 1);
	}
	if (r < 0 && *rc == RS_OK)
		*rc = RS_ERR_RUNTIME;
	store_cursor_close(c);
	return *rc ? -1 : n;
}

/* ------------------------------------------------------------------ */
/* Statistics.                                                         */

typedef struct {
	export_stats *s;
	rs_status rc;
} stats_load_ctx;

static void stats_add(void *ctx, store_cursor *c, int n)
{
	(void)n;
	stats_load_ctx *x = ctx;
	export_stats *s = x->s;
	export_stat *v = realloc(s->rows, (s->n + 1) * sizeof *v);
	if (!v) {
		x->rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
		return;
	}
	s->rows = v;
	export_stat *r = &v[s->n];
	snprintf(r->dim, sizeof r->dim, "%s", store_cursor_text(c, EXT_DIM));
	r->key = strdup(store_cursor_text(c, EXT_KEY));
	if (!r->key) {
		x->rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
		return;
	}
	r->registered = store_cursor_int(c, EXT_REGISTERED);
	r->interventions = store_cursor_int(c, EXT_INTERVENTIONS);
	r->seconds = store_cursor_int(c, EXT_SECONDS);
	r->present = store_cursor_int(c, EXT_PRESENT);
	s->n++;
	if (strcmp(r->dim, "role"))
		return;
	s->roster += r->registered; /* each person has exactly one role */
	s->interventions += r->interventions;
	s->seconds += r->seconds;
	s->present += r->present;
	if (!strcmp(r->key, "stakeholder")) {
		s->stakeholders = *r;
		s->stakeholders.key = NULL;
	}
}

rs_status export_stats_load(rs_db *db, int64_t item, export_stats *s)
{
	stats_load_ctx x = {.s = s};
	store_export_args a = {.item = item};
	memset(s, 0, sizeof *s);
	export_each(db, &x.rc, EXQ_STATS, &a, stats_add, &x);
	return x.rc;
}

void export_stats_free(export_stats *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->rows[i].key);
	free(s->rows);
	memset(s, 0, sizeof *s);
}

const char *export_group_label(const char *dim, const char *key)
{
	const char *value = strcmp(key, STORE_EXPORT_UNSET) ? key : "";
	int d = rs_balance_dim_parse(dim);
	if (!strcmp(dim, "role"))
		return rs_role_label(key);
	return d < 0 ? key : rs_balance_label((rs_balance_dim)d, value);
}
