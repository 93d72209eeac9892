/* The configuration file: real files in a temporary folder, errors read
 * back as the user would see them. */
#include "testutil.h"

#include "rostrum/config.h"

/* Writes text to a fresh file and returns its path (static, as tu_path). */
static const char *write_conf(const char *text)
{
	const char *path = tu_path("rostrum.conf");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Loads text; returns the status and leaves the error output in out. */
static rs_status load_text(const char *text, rs_config *cfg, char *out, size_t size)
{
	FILE *err = fmemopen(out, size, "w");
	assert_non_null(err);
	rs_status st = rs_config_load(write_conf(text), 1, cfg, err);
	fclose(err);
	return st;
}

/* Asserts that text fails with exactly one message, at "FILE:line: ...",
 * which contains needle. */
static void assert_error_at(const char *text, int line, const char *needle)
{
	char out[1024] = "", want[256];
	rs_config cfg;
	assert_int_equal(load_text(text, &cfg, out, sizeof out), RS_ERR_INVALID);
	snprintf(want, sizeof want, "rostrum.conf:%d: ", line);
	if (!strstr(out, want) || !strstr(out, needle))
		fail_msg("wanted line %d and \"%s\", got: %s", line, needle, out);
	assert_non_null(strchr(out, '\n'));
	assert_null(strchr(strchr(out, '\n') + 1, '\n')); /* one line */
	assert_non_null(strstr(rs_error(), needle));
	rs_config_free(&cfg);
}

static void assert_defaults(const rs_config *cfg)
{
	assert_null(cfg->database);
	assert_int_equal(cfg->warning_seconds, 30);
	assert_int_equal(cfg->colour, 1);
	assert_int_equal(cfg->policy, POLICY_FIFO);
}

static void no_file_gives_defaults(void **state)
{
	(void)state;
	rs_config cfg;
	assert_int_equal(rs_config_load(NULL, 1, &cfg, stderr), RS_OK);
	assert_defaults(&cfg);
	assert_int_equal(cfg.n_bindings, 0);
	rs_config_free(&cfg);
	assert_int_equal(rs_config_load(tu_path("absent.conf"), 0, &cfg, stderr), RS_OK);
	assert_defaults(&cfg);
	rs_config_free(&cfg);
}

static void missing_file_is_an_error_when_named(void **state)
{
	(void)state;
	char out[512] = "", want[256];
	const char *path = tu_path("absent.conf");
	rs_config cfg;
	FILE *err = fmemopen(out, sizeof out, "w");
	assert_int_equal(rs_config_load(path, 1, &cfg, err), RS_ERR_INVALID);
	fclose(err);
	snprintf(want, sizeof want, "%s: cannot read: No such file or directory\n", path);
	assert_string_equal(out, want);
	assert_defaults(&cfg);
	rs_config_free(&cfg);
}

static void empty_file_gives_defaults(void **state)
{
	(void)state;
	char out[64] = "";
	rs_config cfg;
	assert_int_equal(load_text("", &cfg, out, sizeof out), RS_OK);
	assert_defaults(&cfg);
	rs_config_free(&cfg);
	assert_string_equal(out, "");
}

/* The shipped example documents the defaults: loading it changes nothing. */
static void shipped_example_is_the_defaults(void **state)
{
	(void)state;
	rs_config cfg;
	assert_int_equal(rs_config_load("config/rostrum.conf", 1, &cfg, stderr), RS_OK);
	assert_defaults(&cfg);
	assert_int_equal(rs_kind_find("opening")->seconds, 300);
	assert_int_equal(rs_kind_find("floor")->seconds, 180);
	assert_int_equal(rs_kind_find("point_of_order")->seconds, 60);
	assert_int_equal(rs_kind_find("reply")->seconds, 120);
	assert_string_equal(rs_sector_label("nhri"), "National human rights institutions");
	assert_int_equal(rs_sector_count(), 17);
	assert_int_equal(rs_region_count(), 5);
	assert_string_equal(rs_region_at(4), "Latin America and the Caribbean");
	/* Every action is listed, with the keys of actions.def. */
	static const char *const defaults[][2] = {
#define ACTION(id, name, keys, help) {name, keys},
#include "rostrum/actions.def"
#undef ACTION
	};
	size_t n = sizeof defaults / sizeof defaults[0];
	assert_int_equal(cfg.n_bindings, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(cfg.bindings[i].action, defaults[i][0]);
		assert_string_equal(cfg.bindings[i].keys, defaults[i][1]);
	}
	rs_config_free(&cfg);
}

static void scalar_options_take_effect(void **state)
{
	(void)state;
	char out[256] = "";
	rs_config cfg;
	assert_int_equal(load_text("# a comment\n"
				   "database = \"/srv/imrf.db\"\n"
				   "warning = \"1:15\"\n"
				   "colour = false\n"
				   "policy = balanced\n",
				   &cfg, out, sizeof out),
			 RS_OK);
	assert_string_equal(cfg.database, "/srv/imrf.db");
	assert_int_equal(cfg.warning_seconds, 75);
	assert_int_equal(cfg.colour, 0);
	assert_int_equal(cfg.policy, POLICY_BALANCED);
	rs_config_free(&cfg);
	assert_null(cfg.database);
	assert_int_equal(load_text("warning = 0\npolicy = \"first_time\"\n", &cfg, out, sizeof out),
			 RS_OK);
	assert_int_equal(cfg.warning_seconds, 0);
	assert_int_equal(cfg.policy, POLICY_FIRST_TIME);
	rs_config_free(&cfg);
	assert_string_equal(out, "");
}

static void database_expands_home(void **state)
{
	(void)state;
	char out[64] = "", want[512];
	const char *home = getenv("HOME");
	if (!home)
		skip();
	rs_config cfg;
	assert_int_equal(load_text("database = \"~/x.db\"\n", &cfg, out, sizeof out), RS_OK);
	snprintf(want, sizeof want, "%s/x.db", home);
	assert_string_equal(cfg.database, want);
	rs_config_free(&cfg);
}

static void speaking_times_apply_to_refdata(void **state)
{
	(void)state;
	char out[64] = "";
	rs_config cfg;
	assert_int_equal(load_text("speaking-time {\n floor = \"2:30\"\n reply = 45\n}\n",
				   &cfg, out, sizeof out),
			 RS_OK);
	assert_int_equal(rs_kind_find("floor")->seconds, 150);
	assert_int_equal(rs_kind_find("reply")->seconds, 45);
	assert_int_equal(rs_kind_find("opening")->seconds, 300); /* untouched */
	rs_config_free(&cfg);
	rs_kind_set_seconds("floor", 180);
	rs_kind_set_seconds("reply", 120);
}

static void sectors_relabel_and_add(void **state)
{
	(void)state;
	char out[64] = "";
	rs_config cfg;
	assert_int_equal(load_text("sector \"nhri\" { label = \"NHRIs\" }\n"
				   "sector \"philanthropy\" {\n  label = \"Foundations\"\n}\n",
				   &cfg, out, sizeof out),
			 RS_OK);
	rs_config_free(&cfg); /* the labels outlive the config */
	assert_string_equal(rs_sector_label("nhri"), "NHRIs");
	assert_string_equal(rs_sector_label("philanthropy"), "Foundations");
	assert_string_equal(rs_sector_code("foundations"), "philanthropy");
	assert_int_equal(rs_sector_count(), 18);
	/* Loading again reuses the new code rather than adding it twice. */
	assert_int_equal(load_text("sector philanthropy { label = \"Philanthropy\" }\n",
				   &cfg, out, sizeof out),
			 RS_OK);
	rs_config_free(&cfg);
	assert_int_equal(rs_sector_count(), 18);
	assert_string_equal(rs_sector_label("philanthropy"), "Philanthropy");
	rs_sector_set("nhri", "National human rights institutions");
}

static void regions_replace_the_list(void **state)
{
	(void)state;
	char out[64] = "";
	rs_config cfg;
	assert_int_equal(load_text("regions = {\"West Africa\", \"Sahel\"}\n", &cfg, out, sizeof out),
			 RS_OK);
	rs_config_free(&cfg);
	assert_int_equal(rs_region_count(), 2);
	assert_string_equal(rs_region_canonical("sahel"), "Sahel");
	assert_null(rs_region_canonical("Africa"));
	static const char *const five[] = {"Africa", "Arab States", "Asia and the Pacific",
					   "Europe and North America",
					   "Latin America and the Caribbean"};
	rs_region_reset();
	for (size_t i = 0; i < 5; i++)
		rs_region_add(five[i]);
}

static void bindings_list_what_the_file_sets(void **state)
{
	(void)state;
	char out[64] = "";
	rs_config cfg;
	assert_int_equal(load_text("bind {\n  next-speaker = \"n F5\"\n  quit = \"Q é\"\n"
				   "  help = \"\"\n}\n",
				   &cfg, out, sizeof out),
			 RS_OK);
	assert_int_equal(cfg.n_bindings, 3); /* in actions.def order */
	assert_string_equal(cfg.bindings[0].action, "next-speaker");
	assert_string_equal(cfg.bindings[0].keys, "n F5");
	assert_string_equal(cfg.bindings[1].action, "help");
	assert_string_equal(cfg.bindings[1].keys, "");
	assert_string_equal(cfg.bindings[2].action, "quit");
	assert_string_equal(cfg.bindings[2].keys, "Q é");
	rs_config_free(&cfg);
	assert_int_equal(cfg.n_bindings, 0);
}

static void action_names_come_from_actions_def(void **state)
{
	(void)state;
	assert_true(rs_action_name_known("next-speaker"));
	assert_true(rs_action_name_known("quit"));
	assert_false(rs_action_name_known("next_speaker"));
	assert_false(rs_action_name_known(""));
	assert_false(rs_action_name_known(NULL));
}

/* Each bad file fails with one message naming its line.  The first rows
 * check that comments do not shift the lines (libconfuse 3.3 counts each
 * `#` line three times). */
static const struct {
	const char *text;
	int line;
	const char *needle;
} bad_files[] = {
	{"# one\n# two\n// three\n/* four\n five */\n\ncolour = maybe\n", 7,
	 "invalid boolean value for option 'colour'"},
	{"policy = \"fifo\" # ok\nfoo = 1\n", 2, "unknown option 'foo'"},
	{"url = \"a#b//c\" # not a comment inside\nwarning = x\n", 1, "unknown option 'url'"},
	/* values, inside sections and out */
	{"# times\nspeaking-time {\n\topening = \"5:00\"\n\tfloor = \"3:75\"\n}\n", 4,
	 "floor: expected M:SS or seconds"},
	{"speaking-time {\n\tfloor = 0\n}\n", 2, "floor: expected"},
	{"speaking-time {\n\n\tlunch = \"1:00\"\n}\n", 3, "unknown intervention kind 'lunch'"},
	{"colour = true\n\npolicy = \"random\"\n", 3,
	 "policy: expected fifo, first_time or balanced, got \"random\""},
	{"warning = -5\n", 1, "warning: expected"},
	{"warning = 12abc\n", 1, "warning: expected"},
	{"regions = {\"Africa\",\n \"\"}\n", 2, "region 2 is empty"},
	/* bindings */
	{"bind {\n\tquit = \"q\"\n\n\tfly = \"f\"\n}\n", 4, "unknown action 'fly'"},
	{"bind {\n\tquit = \"Ctrl-q\"\n}\n", 2, "quit: unknown key 'Ctrl-q'"},
	{"bind {\n\tquit = \"F13\"\n}\n", 2, "unknown key 'F13'"},
	/* one key for two actions: the file's against a default, and two of the file's */
	{"bind {\n\tquit = \"q\"\n\tcheckin = \"i c\"\n}\n", 3,
	 "checkin: key 'c' is close-item's by default; bind close-item to another key"},
	{"bind {\n\tquit = \"Q\"\n\n\tabsent = \"X Q\"\n}\n", 4,
	 "absent: key 'Q' is quit's too (line 2)"},
	/* sectors */
	{"\nsector \"Big NGOs\" {\n\tlabel = \"Big\"\n}\n", 3,
	 "sector \"Big NGOs\": the code must be"},
	{"sector \"ngo\" { label = \"\" }\n", 1, "the label is empty"},
	{"sector \"ngo\" {\n}\n", 2, "label missing"},
	/* a sector given twice (the second without its label, another between) */
	{"sector \"ngo\" {\n\tlabel = \"NGO\"\n}\nsector \"media\" { label = \"Media\" }\n"
	 "sector \"ngo\" {\n}\n", 5, "duplicate title 'ngo'"},
	{"sector \"ngo\" {\n\tname = \"x\"\n}\n", 2, "unknown option 'name'"},
	/* things left open are named where they start */
	{"colour = true\ndatabase = \"/tmp/x.db\nwarning = 10\n\n", 2, "unterminated string"},
	{"/* never closed\n\ncolour = true\n", 1, "unterminated comment"},
	{"colour = true\nbind {\n\tquit = \"q\"\n\nwarning = 3\n", 2, "'{' is never closed"},
};

static void bad_files_name_the_line(void **state)
{
	(void)state;
	size_t n = rs_sector_count();
	for (size_t i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++)
		assert_error_at(bad_files[i].text, bad_files[i].line, bad_files[i].needle);
	assert_int_equal(rs_sector_count(), n); /* nothing applied */
}

/* A file with an error changes nothing, not even the valid lines before
 * it. */
static void errors_leave_refdata_and_config_alone(void **state)
{
	(void)state;
	char out[256] = "";
	rs_config cfg;
	assert_int_equal(load_text("warning = 5\nspeaking-time { floor = 60 }\n"
				   "regions = {\"Sahel\"}\nbogus = 1\n",
				   &cfg, out, sizeof out),
			 RS_ERR_INVALID);
	assert_defaults(&cfg);
	assert_int_equal(rs_kind_find("floor")->seconds, 180);
	assert_int_equal(rs_region_count(), 5);
	rs_config_free(&cfg);
}

static void reloading_works(void **state)
{
	(void)state;
	char out[64] = "";
	rs_config cfg;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(load_text("warning = 10\nbind { quit = \"Q\" }\n", &cfg, out,
					   sizeof out),
				 RS_OK);
		assert_int_equal(cfg.warning_seconds, 10);
		assert_int_equal(cfg.n_bindings, 1);
		rs_config_free(&cfg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_file_gives_defaults),
		cmocka_unit_test(missing_file_is_an_error_when_named),
		cmocka_unit_test(empty_file_gives_defaults),
		cmocka_unit_test(shipped_example_is_the_defaults),
		cmocka_unit_test(scalar_options_take_effect),
		cmocka_unit_test(database_expands_home),
		cmocka_unit_test(speaking_times_apply_to_refdata),
		cmocka_unit_test(sectors_relabel_and_add),
		cmocka_unit_test(regions_replace_the_list),
		cmocka_unit_test(bindings_list_what_the_file_sets),
		cmocka_unit_test(action_names_come_from_actions_def),
		cmocka_unit_test(bad_files_name_the_line),
		cmocka_unit_test(errors_leave_refdata_and_config_alone),
		cmocka_unit_test(reloading_works),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
