/* The exports on a real database: the summary as JSON and Markdown, the
 * speakers' list as CSV and JSON, and the atomic write. */
#include "testutil.h"

#include <dirent.h>
#include <sqlite3.h>

#include "rostrum/export.h"
#include "rostrum/text.h"

/* A meeting with nested items, speeches (one paused, one still going at
 * ROSTRUM_NOW = 5000), outcomes, nominations and hostile text.  Written
 * through a second connection inside one journal event, as the public
 * add-functions would. */
static const char fixture_sql[] =
	"BEGIN;"
	"INSERT INTO event(at, user, action) VALUES (0, 'test', 'test.setup');"
	"INSERT INTO meeting(id, title, date, venue, timezone, created_at) VALUES"
	" (1, 'Quarterly meeting', '2022-05-16', 'Conference Room 4', 'America/New_York', 0);"
	"INSERT INTO agenda_item(id, parent_id, position, code, title, start, end, moderator,"
	" description) VALUES"
	" (1, NULL, 1, 'OPEN', 'Opening segment', '10:00', '10:30', 'The Chair', 'Welcome.'),"
	" (2, NULL, 2, 'TD1', 'Thematic discussion I', '10:30', '13:00', NULL, NULL),"
	" (3, 2, 1, 'TD1a', 'Panel', NULL, NULL, NULL, NULL);"
	"INSERT INTO stakeholder(id, name, organization, sector, region, gender, email) VALUES"
	" (1, 'Amina Diallo', 'Migrant Forum', 'migrant', 'Africa', 'woman', 'amina@example.org'),"
	" (2, '王芳', 'Academy', 'academia', 'Asia and the Pacific', 'woman', NULL),"
	" (3, 'Carlos Ruiz', 'Union', 'trade_union', 'Latin America and the Caribbean', 'man', NULL),"
	" (4, 'Sam Lee', 'CSO | Network', 'civil_society', NULL, 'agender', NULL),"
	" (5, '<script>alert(1)</script>', '=HYPERLINK(\"x\")', 'other', 'Europe and North America',"
	"  NULL, NULL);"
	"INSERT INTO queue_entry(id, item_id, stakeholder_id, kind, state, requested_at,"
	" state_changed_at, started_at, paused_at, paused_seconds, ended_at) VALUES"
	" (1, 1, 1, 'opening', 'spoken', 1000, 2400, 2000, NULL, 100, 2400),"
	" (2, 2, 2, 'floor', 'spoken', 1100, 3185, 3000, NULL, 0, 3185),"
	" (3, 2, 3, 'floor', 'withdrawn', 1050, 1500, NULL, NULL, 0, NULL),"
	" (4, 2, 5, 'floor', 'spoken', 1200, 3260, 3200, NULL, 0, 3260),"
	" (5, 3, 4, 'panel', 'speaking', 1300, 4000, 4000, NULL, 30, NULL);"
	"INSERT INTO outcome(id, item_id, type, text, pledge_type, created_at) VALUES"
	" (1, 1, 'note', 'Stakeholders welcomed the hearing.', NULL, 0),"
	" (2, 2, 'note', 'Escape \x1b[2J cleared the screen', NULL, 0),"
	" (3, 2, 'recommendation', 'Expand regular pathways', NULL, 0),"
	" (4, 2, 'pledge', 'Fund local integration', 'partnership', 0),"
	" (5, 2, 'next_step', 'Circulate the summary', NULL, 0),"
	" (6, 2, 'note', substr(replace(hex(zeroblob(5000)), '0', 'y'), 1, 10000), NULL, 0),"
	" (7, 2, 'note', '# not a heading' || char(10) || '> nor a quote', NULL, 0);"
	"INSERT INTO outcome_party(outcome_id, stakeholder_id) VALUES (3, 3), (3, 1), (4, 2);"
	"INSERT INTO outcome_gcm VALUES (3, 7), (3, 5), (4, 16);"
	"INSERT INTO nomination(id, nominee_id, nominator_id, state, created_at) VALUES"
	" (1, 2, 1, 'selected', 0), (2, 2, 3, 'accepted', 0), (3, 4, 1, 'nominated', 0);"
	"UPDATE event SET open = 0;"
	"COMMIT;";

static void exec_on(const char *path, const char *sql)
{
	sqlite3 *h;
	char *msg = NULL;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("fixture: %s", msg);
	sqlite3_close(h);
}

static int setup(void **state)
{
	setenv("ROSTRUM_NOW", "5000", 1);
	rs_db *db = tu_new_db();
	exec_on(rs_db_path(db), fixture_sql);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	rs_db_close(*state);
	return 0;
}

/* The export's output as a string the test frees. */
static char *run(rs_export_fn fn, rs_db *db, rs_export_format f, int64_t item, int no_contacts)
{
	rs_export_opts o = {.item_id = item, .no_contacts = no_contacts};
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	assert_non_null(m);
	rs_status rc = fn(db, f, &o, m);
	fclose(m);
	if (rc != RS_OK)
		fail_msg("export: %s", rs_error());
	return buf;
}

/* json_extract(json, path) as text ("" for SQL NULL); the test frees it. */
static char *jget(const char *json, const char *path)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
	/* "json_array_length:PATH" asks for the length of the array at PATH. */
	int len = !strncmp(path, "json_array_length:", 18);
	assert_int_equal(sqlite3_prepare_v2(h,
					    len ? "SELECT json_array_length(?1, ?2) WHERE json_valid(?1)"
						: "SELECT json_extract(?1, ?2) WHERE json_valid(?1)",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path + (len ? 18 : 0), -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("not valid JSON, or no %s", path);
	const unsigned char *v = sqlite3_column_text(st, 0);
	char *out = strdup(v ? (const char *)v : "");
	sqlite3_finalize(st);
	sqlite3_close(h);
	return out;
}

static int jlen(const char *json, const char *path)
{
	char p[128];
	snprintf(p, sizeof p, "json_array_length:%s", path);
	char *v = jget(json, p);
	int n = atoi(v);
	free(v);
	return n;
}

static void assert_json(const char *json, const char *path, const char *want)
{
	char *got = jget(json, path);
	if (strcmp(got, want))
		fail_msg("%s: got '%s', want '%s'", path, got, want);
	free(got);
}

static void json_summary_has_the_spec_shape(void **state)
{
	char *j = run(rs_export_summary, *state, EXPORT_JSON, 0, 0);
	assert_json(j, "$.meeting.title", "Quarterly meeting");
	assert_json(j, "$.meeting.date", "2022-05-16");
	assert_int_equal(jlen(j, "$.agenda"), 3);
	assert_int_equal(jlen(j, "$.stakeholders"), 5);
	assert_int_equal(jlen(j, "$.nominations"), 3);
	assert_json(j, "$.agenda[0].code", "OPEN");
	assert_json(j, "$.agenda[0].start", "2022-05-16T10:00");
	assert_json(j, "$.agenda[2].code", "TD1a");
	assert_json(j, "$.agenda[2].parent", "2");
	/* Speaking order: by start, the withdrawn request (never started) last. */
	assert_json(j, "$.agenda[1].interventions[0].name", "王芳");
	assert_json(j, "$.agenda[1].interventions[1].id", "4");
	assert_json(j, "$.agenda[1].interventions[2].state", "withdrawn");
	assert_json(j, "$.agenda[1].interventions[0].started_at", "1970-01-01T00:50:00Z");
	assert_json(j, "$.agenda[1].recommendations[0].by", "[1,3]");
	assert_json(j, "$.agenda[1].recommendations[0].gcm", "[5,7]");
	assert_json(j, "$.agenda[1].pledges[0].pledge_type", "partnership");
	assert_json(j, "$.agenda[1].next_steps[0].text", "Circulate the summary");
	assert_json(j, "$.agenda[0].notes[0].text", "Stakeholders welcomed the hearing.");
	assert_json(j, "$.stakeholders[0].email", "amina@example.org");
	assert_json(j, "$.nominations[0].nominee_name", "王芳");
	assert_json(j, "$.nominations[0].tally", "2");
	assert_json(j, "$.statistics.by_sector.migrant.registered", "1");
	assert_json(j, "$.statistics.by_sector.academia.interventions", "1");
	assert_json(j, "$.statistics.by_sector.trade_union.interventions", "0");
	assert_json(j, "$.statistics.by_gender.woman.registered", "2");
	assert_json(j, "$.statistics.by_gender.agender.registered", "1");
	assert_json(j, "$.statistics.by_gender.unknown.registered", "1");
	assert_json(j, "$.statistics.by_region.unknown.interventions", "1");
	free(j);
}

static void seconds_exclude_pauses(void **state)
{
	char *j = run(rs_export_summary, *state, EXPORT_JSON, 0, 0);
	assert_json(j, "$.agenda[0].interventions[0].seconds", "300"); /* 400 - 100 paused */
	assert_json(j, "$.agenda[1].interventions[0].seconds", "185");
	assert_json(j, "$.agenda[1].interventions[2].seconds", "0");
	assert_json(j, "$.agenda[2].interventions[0].seconds", "970"); /* still speaking */
	assert_json(j, "$.statistics.by_gender.woman.seconds", "485");
	assert_json(j, "$.statistics.by_sector.civil_society.seconds", "970");
	free(j);
}

static void no_contacts_drops_emails(void **state)
{
	char *j = run(rs_export_summary, *state, EXPORT_JSON, 0, 1);
	assert_json(j, "$.stakeholders[0].name", "Amina Diallo");
	assert_json(j, "$.stakeholders[0].email", "");
	assert_null(strstr(j, "example.org"));
	free(j);
}

static void one_item(void **state)
{
	char *j = run(rs_export_summary, *state, EXPORT_JSON, 2, 0);
	assert_int_equal(jlen(j, "$.agenda"), 1);
	assert_int_equal(jlen(j, "$.agenda[0].interventions"), 3);
	assert_json(j, "$.agenda[0].id", "2");
	assert_json(j, "$.statistics.by_sector.academia.interventions", "1");
	assert_json(j, "$.statistics.by_sector.migrant.interventions", "0");
	assert_json(j, "$.statistics.by_sector.migrant.registered", "1");
	assert_json(j, "$.stakeholders[4].id", "5");
	free(j);
	rs_export_opts o = {.item_id = 99};
	assert_int_equal(rs_export_summary(*state, EXPORT_JSON, &o, stdout), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "99"));
}

static void byte_identical_twice(void **state)
{
	for (rs_export_format f = EXPORT_MD; f <= EXPORT_JSON; f += EXPORT_JSON - EXPORT_MD) {
		char *a = run(rs_export_summary, *state, f, 0, 0);
		char *b = run(rs_export_summary, *state, f, 0, 0);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	char *a = run(rs_export_speakers, *state, EXPORT_CSV, 0, 0);
	char *b = run(rs_export_speakers, *state, EXPORT_CSV, 0, 0);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static void markdown_has_the_report_sections(void **state)
{
	static const char *const want[] = {
		"# Quarterly meeting\n",
		"Monday, 16 May 2022\n",
		"10:00–13:00 (New York time)",
		"Venue: Conference Room 4",
		"## Overview\n",
		"5 participants registered, including 5 stakeholders from 5 of the 15 stakeholder"
		" sectors (none from migrant and diaspora organizations, faith-based organizations,",
		"; attendance was not recorded at the desk. 4 interventions",
		"- **Stakeholders by sector:** ",
		"Academia (1)",
		"## Opening segment\n",
		"**Time:** 10:00–10:30 · **Moderator:** The Chair",
		"### Key points\n\n- Stakeholders welcomed the hearing.\n",
		"### Who took the floor\n",
		"| Amina Diallo | Migrant Forum | Migrants and migrant associations | opening speaker | 5:00 |",
		"## Thematic discussion I\n",
		"### Panel\n",
		"| Sam Lee | CSO \\| Network | Civil society organizations | panellist | 16:10 (speaking) |",
		"- Expand regular pathways — by Amina Diallo (Migrant Forum; Migrants and migrant"
		" associations), Carlos Ruiz (Union; Trade unions) (GCM objectives 5, 7)\n",
		"- Fund local integration — by 王芳 (Academy; Academia) (partnership; GCM objective"
		" 16)\n",
		"## Rapporteur nominations\n",
		"| 王芳 | Academy | Academia | rapporteur | Amina Diallo, Carlos Ruiz | 2 | selected |",
		"## Rapporteur for the plenary\n\n**Rapporteur:** 王芳 (Academy; Academia),"
		" nominated by 2 participants.\n",
		"## Cross-reference by GCM objective and IMRF round table\n\n"
		"### Round table 1 (GCM objectives 2, 5, 6, 12, 18)\n\n"
		"**Objective 5: Enhance availability and flexibility of pathways for regular"
		" migration**\n\n- Recommendation: Expand regular pathways — Amina Diallo",
		"### Round table 3 (GCM objectives 14, 15, 16, 19, 20, 22)\n\n"
		"**Objective 16: Empower migrants and societies to realize full inclusion and social"
		" cohesion**\n\n- Pledge: Fund local integration — 王芳 (Academy; Academia)"
		" (partnership) (Thematic discussion I)\n",
		"## Next steps\n\n- Circulate the summary (Thematic discussion I)\n",
		"## Annex: speakers' list\n",
		"## Annex: balance\n",
		"### By gender\n",
		"| Women | 2 | 40.0% | 2 | 50.0% | 8:05 | 32.0% |",
		"| Not disclosed | 1 | 20.0% |", /* a gender not given */
	};
	char *md = run(rs_export_summary, *state, EXPORT_MD, 0, 0);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!strstr(md, want[i]))
			fail_msg("missing: %s\n---\n%s", want[i], md);
	/* The withdrawn request did not take the floor: it is in the annex of
	 * requests not heard, not in the speakers' list. */
	const char *annex = strstr(md, "## Annex: speakers' list\n");
	const char *unheard = strstr(md, "## Annex: requests not reached, absent and withdrawn\n");
	assert_non_null(annex);
	assert_non_null(unheard);
	assert_true(strstr(annex, "| Carlos Ruiz |") > unheard);
	assert_non_null(strstr(unheard, "| Carlos Ruiz | Union | Trade unions |"
					" Latin America and the Caribbean | man | from the floor | withdrawn |"));
	/* The programme's description is shown only where asked for. */
	assert_null(strstr(md, "Welcome."));
	free(md);
}

static void markdown_one_item(void **state)
{
	char *md = run(rs_export_summary, *state, EXPORT_MD, 1, 0);
	assert_non_null(strstr(md, "## Opening segment\n"));
	assert_null(strstr(md, "Thematic discussion I\n"));
	assert_null(strstr(md, "## Next steps"));
	free(md);
}

static void hostile_text_is_inert(void **state)
{
	char *md = run(rs_export_summary, *state, EXPORT_MD, 0, 0);
	assert_null(strchr(md, '\x1b'));
	for (const char *p = md; (p = strchr(p, '<')); p++)
		assert_true(p > md && p[-1] == '\\'); /* no raw HTML */
	assert_non_null(strstr(md, "\\<script>alert(1)\\</script>"));
	assert_non_null(strstr(md, "Escape \xEF\xBF\xBD\\[2J cleared"));
	/* A line break of the text is a hard break (a trailing backslash), the
	 * next line still escaped where it could open a block. */
	assert_non_null(strstr(md, "- \\# not a heading\\\n  \\> nor a quote\n"));
	char *y = calloc(10001, 1);
	memset(y, 'y', 10000);
	assert_non_null(strstr(md, y));
	free(y);
	free(md);

	char *j = run(rs_export_summary, *state, EXPORT_JSON, 0, 0);
	assert_null(strchr(j, '\x1b'));
	assert_non_null(strstr(j, "\\u001b[2J"));
	free(j);

	char *csv = run(rs_export_speakers, *state, EXPORT_CSV, 0, 0);
	assert_non_null(strstr(csv, "\"'=HYPERLINK(\"\"x\"\")\""));
	free(csv);
}

static void speakers_csv(void **state)
{
	char *csv = run(rs_export_speakers, *state, EXPORT_CSV, 0, 0);
	static const char header[] =
		"\"id\",\"item\",\"item_code\",\"name\",\"organization\",\"sector\","
		"\"region\",\"gender\",\"kind\",\"state\",\"requested_at\","
		"\"started_at\",\"ended_at\",\"seconds\",\"participation\","
		"\"language\",\"stakeholder\"\r\n";
	assert_true(strncmp(csv, header, strlen(header)) == 0);
	int lines = 0;
	for (const char *p = csv; (p = strstr(p, "\r\n")); p += 2)
		lines++;
	assert_int_equal(lines, 6);
	assert_non_null(strstr(csv, "\r\n\"1\",\"1\",\"OPEN\",\"Amina Diallo\",\"Migrant Forum\","
				    "\"migrant\",\"Africa\",\"woman\",\"opening\",\"spoken\","
				    "\"1970-01-01T00:16:40Z\",\"1970-01-01T00:33:20Z\","
				    "\"1970-01-01T00:40:00Z\",\"300\",\"in_room\",\"\",\"1\"\r\n"));
	free(csv);
	csv = run(rs_export_speakers, *state, EXPORT_CSV, 3, 0);
	assert_non_null(strstr(csv, "\"Sam Lee\""));
	assert_null(strstr(csv, "Amina"));
	free(csv);
}

static void speakers_json(void **state)
{
	char *j = run(rs_export_speakers, *state, EXPORT_JSON, 0, 0);
	/* Programme order, then speaking order. */
	static const char *const ids[] = {"1", "2", "4", "3", "5"};
	char path[32];
	for (int i = 0; i < 5; i++) {
		snprintf(path, sizeof path, "$[%d].id", i);
		assert_json(j, path, ids[i]);
	}
	assert_json(j, "$[4].seconds", "970");
	free(j);
}

static void empty_database(void **state)
{
	(void)state;
	rs_db *db = tu_new_db();
	char *j = run(rs_export_summary, db, EXPORT_JSON, 0, 0);
	assert_string_equal(j, "{\"meeting\":null,\"agenda\":[],\"requests_on_no_item\":[],"
			       "\"stakeholders\":[],"
			       "\"nominations\":[],\"attendance\":{\"presence_recorded\":false,"
			       "\"participants\":{\"registered\":0,\"present\":0,\"online\":0,"
			       "\"checked_in\":0},\"stakeholders\":{\"registered\":0,\"present\":0,"
			       "\"online\":0,\"checked_in\":0},"
			       "\"by_role\":{},\"by_sector\":{},\"by_region\":{},\"by_gender\":{},"
			       "\"sectors_absent\":[]},\"statistics\":{\"by_sector\":{},"
			       "\"by_region\":{},\"by_gender\":{},\"by_role\":{}},"
			       "\"cross_reference\":[],"
			       "\"themes\":[],\"report\":{\"organise\":\"item\","
			       "\"attribution\":\"names\",\"descriptions\":false,\"item\":null}}\n");
	free(j);
	char *md = run(rs_export_summary, db, EXPORT_MD, 0, 0);
	assert_true(strncmp(md, "# Summary report\n", 17) == 0);
	assert_null(strstr(md, "## Annex"));
	free(md);
	char *csv = run(rs_export_speakers, db, EXPORT_CSV, 0, 0);
	assert_non_null(strstr(csv, "\"seconds\",\"participation\",\"language\",\"stakeholder\"\r\n"));
	free(csv);
	rs_db_close(db);
}

static void formats(void **state)
{
	assert_int_equal(rs_export_format_parse("md"), EXPORT_MD);
	assert_int_equal(rs_export_format_parse("csv"), EXPORT_CSV);
	assert_int_equal(rs_export_format_parse("pdf"), -1);
	assert_int_equal(rs_export_format_parse(NULL), -1);
	char *html = run(rs_export_summary, *state, EXPORT_HTML, 0, 0);
	assert_true(!strncmp(html, "<!DOCTYPE html>\n", 16));
	assert_non_null(strstr(html, "</html>\n"));
	free(html);
	assert_int_equal(rs_export_summary(*state, EXPORT_CSV, NULL, stdout), RS_ERR_INVALID);
	assert_int_equal(rs_export_speakers(*state, EXPORT_MD, NULL, stdout), RS_ERR_INVALID);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = calloc(1, 1 << 20);
	assert_non_null(buf);
	size_t n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* Writes half a report, then fails. */
static rs_status failing_export(rs_db *db, rs_export_format f, const rs_export_opts *o,
				FILE *out)
{
	(void)db, (void)f, (void)o;
	fputs("# half a rep", out);
	return rs_fail(RS_ERR_RUNTIME, "simulated failure");
}

static void atomic_write(void **state)
{
	char dir[128], path[160];
	snprintf(dir, sizeof dir, "%s", tu_tmpdir());
	snprintf(path, sizeof path, "%s/report.md", dir);
	FILE *f = fopen(path, "w");
	fputs("old report\n", f);
	fclose(f);

	assert_int_equal(rs_export_to_path(*state, failing_export, EXPORT_MD, NULL, path),
			 RS_ERR_RUNTIME);
	rs_export_opts bad = {.item_id = 99};
	assert_int_equal(rs_export_to_path(*state, rs_export_summary, EXPORT_MD, &bad, path),
			 RS_ERR_INVALID);
	char *s = slurp(path);
	assert_string_equal(s, "old report\n");
	free(s);
	assert_int_equal(count_files(dir), 1); /* no temporary file left behind */

	assert_int_equal(rs_export_to_path(*state, rs_export_summary, EXPORT_MD, NULL, path), RS_OK);
	s = slurp(path);
	assert_true(strncmp(s, "# Quarterly meeting\n", 20) == 0);
	free(s);
	assert_int_equal(count_files(dir), 1);

	snprintf(path, sizeof path, "%s/missing/report.md", dir);
	assert_int_equal(rs_export_to_path(*state, rs_export_summary, EXPORT_MD, NULL, path),
			 RS_ERR_RUNTIME);
	assert_non_null(strstr(rs_error(), path));
}

/* A table of columns longer than the text renderer gathers (1,000 rows):
 * every speech in order under one header, the widths the first rows set
 * holding for the rest (a longer name wraps within its column), no line
 * past 78 columns. */
static void text_table_of_thousands(void **state)
{
	exec_on(rs_db_path(*state),
		"BEGIN; INSERT INTO event(at, user, action) VALUES (0, 'test', 'test.many');"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)"
		" INSERT INTO stakeholder(id, name, organization, sector)"
		" SELECT 100 + i, 'Speaker ' || printf('%04d', i) || CASE WHEN i > 1400"
		"  THEN ' of the longest name in the whole list of speakers' ELSE '' END,"
		" 'Org', 'academia' FROM n;"
		"INSERT INTO queue_entry(id, item_id, stakeholder_id, kind, state, requested_at,"
		" state_changed_at, started_at, ended_at)"
		" SELECT id, 2, id, 'floor', 'spoken', 1000 + id, 9000 + id * 10, 9000 + id * 10,"
		" 9005 + id * 10 FROM stakeholder WHERE id > 100;"
		"UPDATE event SET open = 0; COMMIT;");
	char *txt = run(rs_export_summary, *state, EXPORT_TXT, 2, 0);
	const char *p = strstr(txt, "WHO TOOK THE FLOOR"); /* a part: a label */
	assert_non_null(p);
	const char *head = strstr(p, "Name");
	assert_non_null(head);
	for (int i = 1; i <= 1500; i++) {
		char who[32];
		snprintf(who, sizeof who, "Speaker %04d", i);
		const char *at = strstr(p, who);
		if (!at)
			fail_msg("%s missing, or out of order", who);
		p = at;
	}
	assert_null(strstr(head + 4, "Name  ")); /* one header for the table */
	for (char *line = txt, *end; *line; line = end + (*end != '\0')) {
		end = line + strcspn(line, "\n");
		char c = *end;
		*end = '\0';
		if (rs_text_width(line) > 78)
			fail_msg("a line of %d columns: %s", rs_text_width(line), line);
		*end = c;
	}
	free(txt);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(json_summary_has_the_spec_shape),
		T(seconds_exclude_pauses),
		T(no_contacts_drops_emails),
		T(one_item),
		T(byte_identical_twice),
		T(markdown_has_the_report_sections),
		T(markdown_one_item),
		T(hostile_text_is_inert),
		T(speakers_csv),
		T(speakers_json),
		cmocka_unit_test(empty_database),
		T(formats),
		T(atomic_write),
		T(text_table_of_thousands),
	};
#undef T
	return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
