/* Wall-clock times at the venue, and the day's forecast: an item running
 * late pushes the rest; one ending early does not pull the next forward. */
#include "testutil.h"

#include "rostrum/agenda.h"
#include "rostrum/clock.h"

#define NY "America/New_York"
#define T0 1652709600 /* 2022-05-16T14:00:00Z, 10:00 in New York */
#define MIN 60

static void local_epoch_in_named_zones(void **state)
{
	(void)state;
	assert_int_equal(rs_local_epoch(NY, "2022-05-16", "10:00"), T0);
	assert_int_equal(rs_local_epoch("UTC", "2022-05-16", "14:00"), T0);
	assert_int_equal(rs_local_epoch("Europe/Zurich", "2022-05-16", "16:00"), T0); /* CEST */
	assert_int_equal(rs_local_epoch("Europe/Zurich", "2022-01-16", "15:00"),
			 T0 - 120 * 86400); /* CET in winter: one hour less ahead */
	assert_int_equal(rs_local_epoch(NY, "2022-05-16", "25:00"), -1);
	assert_int_equal(rs_local_epoch(NY, "2022-02-30", "10:00"), -1);
	assert_int_equal(rs_local_epoch(NY, "", "10:00"), -1);
	assert_int_equal(rs_local_epoch(NY, "2022-05-16", NULL), -1);
}

/* A time the file gives without an offset is the venue's wall clock; one
 * with Z or an offset is that instant wherever the venue is. */
static void iso_times_without_an_offset_are_the_venues(void **state)
{
	(void)state;
	int64_t t;
	int local = -1;
	assert_int_equal(rs_parse_iso_in("2022-05-16T10:00:00", NY, &t, &local), 0);
	assert_int_equal(t, T0);
	assert_int_equal(local, 1);
	assert_int_equal(rs_parse_iso_in("2022-05-16T10:00", NY, &t, &local), 0);
	assert_int_equal(t, T0);
	assert_int_equal(rs_parse_iso_in("2022-05-16 10:00:00", NY, &t, NULL), 0);
	assert_int_equal(t, T0);
	assert_int_equal(rs_parse_iso_in("2022-05-16T14:00:00Z", NY, &t, &local), 0);
	assert_int_equal(t, T0);
	assert_int_equal(local, 0);
	assert_int_equal(rs_parse_iso_in("2022-05-16T16:00+02:00", NY, &t, &local), 0);
	assert_int_equal(t, T0);
	assert_int_equal(local, 0);
	assert_int_equal(rs_parse_iso_in("2022-05-16T16:00:00", "Europe/Zurich", &t, NULL), 0);
	assert_int_equal(t, T0);
	assert_int_equal(rs_parse_iso_in("2022-05-16T14:00:00", "UTC", &t, &local), 0);
	assert_int_equal(t, T0);
	assert_int_equal(local, 1);
	assert_int_equal(rs_parse_iso_in("2022-05-16T14:00:00", NULL, &t, NULL), 0);
	assert_int_equal(t, T0);
	/* The nights the clocks change in New York: EST before, EDT after;
	 * the hour skipped and the hour repeated read as the programme's
	 * times are (mktime's rules). */
	assert_int_equal(rs_parse_iso_in("2022-03-13T01:30:00", NY, &t, NULL), 0);
	assert_int_equal(t, 1647153000); /* 06:30Z */
	assert_int_equal(rs_parse_iso_in("2022-03-13T03:30:00", NY, &t, NULL), 0);
	assert_int_equal(t, 1647156600); /* 07:30Z */
	assert_int_equal(rs_parse_iso_in("2022-03-13T02:30:00", NY, &t, NULL), 0);
	assert_int_equal(t, rs_local_epoch(NY, "2022-03-13", "02:30"));
	assert_int_equal(rs_parse_iso_in("2022-11-06T01:30:00", NY, &t, NULL), 0);
	assert_int_equal(t, rs_local_epoch(NY, "2022-11-06", "01:30"));
	assert_int_equal(rs_parse_iso_in("2022-11-06T12:00:00", NY, &t, NULL), 0);
	assert_int_equal(t, 1667754000); /* 17:00Z */
	assert_int_equal(rs_parse_iso_in("2022-11-05T12:00:00", NY, &t, NULL), 0);
	assert_int_equal(t, 1667664000); /* 16:00Z, the day before */
	assert_int_equal(rs_parse_iso_in("2022-05-16T25:00", NY, &t, NULL), -1);
	assert_int_equal(rs_parse_iso_in("yesterday", NY, &t, NULL), -1);
	/* rs_parse_iso itself still reads UTC. */
	assert_int_equal(rs_parse_iso("2022-05-16T14:00:00", &t), 0);
	assert_int_equal(t, T0);
}

static void local_zone_is_the_machines_and_tz_is_put_back(void **state)
{
	(void)state;
	setenv("TZ", "Asia/Tokyo", 1);
	assert_int_equal(rs_local_epoch("", "2022-05-16", "23:00"), T0);
	assert_int_equal(rs_local_epoch("local", "2022-05-16", "23:00"), T0);
	assert_int_equal(rs_local_epoch(NULL, "2022-05-16", "23:00"), T0);
	assert_int_equal(rs_local_epoch(NY, "2022-05-16", "10:00"), T0);
	assert_string_equal(getenv("TZ"), "Asia/Tokyo");
	char buf[32];
	rs_local_format("", T0, "%H:%M", buf, sizeof buf);
	assert_string_equal(buf, "23:00");
	unsetenv("TZ");
	rs_local_format("UTC", T0, "%H:%M", buf, sizeof buf);
	assert_null(getenv("TZ"));
	assert_string_equal(buf, "14:00");
}

static void local_format_in_the_venues_zone(void **state)
{
	(void)state;
	char buf[64];
	rs_local_format(NY, T0 + 30 * MIN, "%Y-%m-%d %H:%M %Z", buf, sizeof buf);
	assert_string_equal(buf, "2022-05-16 10:30 EDT");
	rs_local_format("Europe/Zurich", T0, "%H:%M", buf, sizeof buf);
	assert_string_equal(buf, "16:00");
	char tiny[3];
	rs_local_format(NY, T0, "%H:%M", tiny, sizeof tiny); /* does not fit: "" */
	assert_string_equal(tiny, "");
}

/* The 2022 hearing's morning: opening 10:00-10:30 (with a sub-item),
 * thematic discussion I 10:30-13:00, an unscheduled item, lunch 13:00-15:00. */
#define N 5
static rs_agenda_item day[N];

static void plan(void)
{
	static const struct {
		int depth;
		const char *start, *end;
	} p[N] = {{0, "10:00", "10:30"}, {1, "10:05", "10:10"}, {0, "10:30", "13:00"},
		  {0, "", ""}, {0, "13:00", "15:00"}};
	for (int i = 0; i < N; i++) {
		memset(&day[i], 0, sizeof day[i]);
		day[i].id = i + 1;
		day[i].depth = p[i].depth;
		day[i].start = (char *)p[i].start;
		day[i].end = (char *)p[i].end;
		day[i].started_at = day[i].ended_at = -1;
	}
}

/* The forecast at `now`, minutes from 10:00 New York, with the end of day. */
static int64_t forecast(int64_t now_min, int64_t *s, int64_t *e)
{
	int64_t last = rs_agenda_forecast(day, N, "2022-05-16", NY, T0 + now_min * MIN, s, e);
	for (int i = 0; i < N; i++) {
		s[i] = s[i] < 0 ? -1 : (s[i] - T0) / MIN;
		e[i] = e[i] < 0 ? -1 : (e[i] - T0) / MIN;
	}
	return last < 0 ? -1 : (last - T0) / MIN;
}

static void on_time(void **state)
{
	(void)state;
	int64_t s[N], e[N];
	plan();
	assert_int_equal(forecast(-60, s, e), 300);
	assert_int_equal(s[0], 0);
	assert_int_equal(e[0], 30);
	assert_int_equal(s[1], -1); /* a sub-item: its parent's time */
	assert_int_equal(s[2], 30);
	assert_int_equal(e[2], 180);
	assert_int_equal(s[3], -1); /* not scheduled */
	assert_int_equal(s[4], 180);
	assert_int_equal(e[4], 300);
}

static void running_late_pushes_the_rest_and_the_end_of_the_day(void **state)
{
	(void)state;
	int64_t s[N], e[N];
	plan();
	day[0].started_at = T0;
	assert_int_equal(forecast(50, s, e), 320); /* still speaking at 10:50 */
	assert_int_equal(e[0], 50);
	assert_int_equal(s[2], 50);
	assert_int_equal(e[2], 200);
	assert_int_equal(s[4], 200);
	assert_int_equal(forecast(20, s, e), 300); /* within its time: on time */
	assert_int_equal(e[0], 30);

	day[0].ended_at = T0 + 50 * MIN; /* it ended at 10:50 */
	assert_int_equal(forecast(55, s, e), 320);
	assert_int_equal(s[0], 0);
	assert_int_equal(e[0], 50);
	assert_int_equal(s[2], 50);

	day[2].started_at = T0 + 60 * MIN; /* the next started at 11:00 */
	assert_int_equal(forecast(70, s, e), 330);
	assert_int_equal(s[2], 60);
	assert_int_equal(e[2], 210);
	assert_int_equal(s[4], 210);
}

static void ending_early_does_not_pull_the_next_forward(void **state)
{
	(void)state;
	int64_t s[N], e[N];
	plan();
	day[0].started_at = T0;
	day[0].ended_at = T0 + 15 * MIN;
	assert_int_equal(forecast(15, s, e), 300);
	assert_int_equal(e[0], 15);
	assert_int_equal(s[2], 30);
	assert_int_equal(e[2], 180);
}

static void no_date_means_today_and_nothing_planned_is_minus_one(void **state)
{
	(void)state;
	int64_t s[N], e[N];
	plan();
	assert_int_equal(rs_agenda_forecast(day, N, "", NY, T0 - 3600, s, e), T0 + 300 * MIN);
	assert_int_equal(s[0], T0);
	for (int i = 0; i < N; i++)
		day[i].start = day[i].end = (char *)"";
	assert_int_equal(rs_agenda_forecast(day, N, "2022-05-16", NY, T0, s, e), -1);
	assert_int_equal(s[0], -1);
	assert_int_equal(e[4], -1);
	assert_int_equal(rs_agenda_forecast(day, 0, "2022-05-16", NY, T0, s, e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(local_epoch_in_named_zones),
		cmocka_unit_test(iso_times_without_an_offset_are_the_venues),
		cmocka_unit_test(local_zone_is_the_machines_and_tz_is_put_back),
		cmocka_unit_test(local_format_in_the_venues_zone),
		cmocka_unit_test(on_time),
		cmocka_unit_test(running_late_pushes_the_rest_and_the_end_of_the_day),
		cmocka_unit_test(ending_early_does_not_pull_the_next_forward),
		cmocka_unit_test(no_date_means_today_and_nothing_planned_is_minus_one),
	};
	return cmocka_run_group_tests_name("forecast", tests, NULL, NULL);
}
