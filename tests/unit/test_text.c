/* Text safety helpers: inert text, CSV defusing, JSON and HTML escaping,
 * display width. */
#include "testutil.h"

#include <locale.h>

#include "rostrum/text.h"

#define FFFD "\xEF\xBF\xBD"
#define LINE_BREAK "\xE2\x8F\x8E" /* U+23CE, a line break shown on one line */

/* What f wrote into a memory stream, as a string the test frees. */
static char *captured(void (*f)(FILE *, const char *), const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	assert_non_null(m);
	f(m, s);
	fclose(m);
	return buf;
}

static void assert_inert(const char *in, int keep, const char *want)
{
	char *got = rs_text_inert(in, keep);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void inert_replaces_controls(void **state)
{
	(void)state;
	assert_inert("plain é 王芳", 0, "plain é 王芳");
	assert_inert("\033[2Jclear", 0, FFFD "[2Jclear");
	assert_inert("a\nb\tc", 1, "a\nb\tc");
	assert_inert("a\nb\tc", 0, "a" LINE_BREAK "b" FFFD "c");
	assert_inert("crlf\r\nlf\ncr\r", 0, "crlf" LINE_BREAK "lf" LINE_BREAK "cr" FFFD);
	assert_inert("cr\r del\x7f", 1, "cr" FFFD " del" FFFD);
	assert_inert("c1 \xC2\x9B", 0, "c1 " FFFD); /* U+009B, the 8-bit CSI */
	assert_inert(NULL, 0, "");
}

static void inert_replaces_invalid_utf8(void **state)
{
	(void)state;
	assert_inert("\xFF", 0, FFFD);
	assert_inert("\xC0\xAF", 0, FFFD FFFD);         /* overlong '/' */
	assert_inert("\xED\xA0\x80", 0, FFFD FFFD FFFD); /* a surrogate */
	assert_inert("cut \xE7\x8E", 0, "cut " FFFD FFFD);
	assert_inert("\xF0\x9F\x98\x80", 0, "\xF0\x9F\x98\x80"); /* an emoji stays */
}

static void assert_defused(const char *in, const char *want)
{
	char *got = rs_csv_defuse(in);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void csv_formulas_defused(void **state)
{
	(void)state;
	assert_defused("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")");
	assert_defused("+1", "'+1");
	assert_defused("-1", "'-1");
	assert_defused("@SUM(A1)", "'@SUM(A1)");
	assert_defused("\tx", "'\tx");
	assert_defused("\rx", "'\rx");
	assert_defused("a=b", "a=b");
	assert_defused("", "");
}

static void json_strings_escaped(void **state)
{
	(void)state;
	char *s = captured(rs_json_write_string, "say \"hi\" \\ \033[2J\n");
	assert_string_equal(s, "\"say \\\"hi\\\" \\\\ \\u001b[2J\\u000a\"");
	free(s);
	s = captured(rs_json_write_string, "王芳 \xFF");
	assert_string_equal(s, "\"王芳 \\ufffd\"");
	free(s);
	s = captured(rs_json_write_string, NULL);
	assert_string_equal(s, "null");
	free(s);
}

static void json_del_and_c1_escaped(void **state)
{
	(void)state;
	char *s = captured(rs_json_write_string, "a\x7f b\xc2\x85 c\xc2\x9b" "31m");
	assert_string_equal(s, "\"a\\u007f b\\u0085 c\\u009b31m\"");
	free(s);
	s = rs_json_inert("{\"name\":\"a\x7f\xc2\x9b \xff\",\"n\":1}");
	assert_string_equal(s, "{\"name\":\"a\\u007f\\u009b \\ufffd\",\"n\":1}");
	free(s);
}

static void input_rules(void **state)
{
	(void)state;
	assert_null(rs_input_problem("António 王芳", strlen("António 王芳"), RS_INPUT_LINE));
	assert_string_equal(rs_input_problem("ab\0c", 4, RS_INPUT_LINE), "a NUL byte");
	assert_string_equal(rs_input_problem("ab\xff" "c", 4, RS_INPUT_LINE), "invalid UTF-8 (byte 3)");
	assert_string_equal(rs_input_problem("\xc3", 1, RS_INPUT_LINE), "invalid UTF-8 (byte 1)");
	assert_string_equal(rs_input_problem("\xed\xa0\x80", 3, RS_INPUT_LINE),
			    "invalid UTF-8 (byte 1)"); /* a surrogate */
	assert_string_equal(rs_input_problem("a\x1b[2J", 5, RS_INPUT_TEXT),
			    "a control character U+001B (byte 2)");
	assert_string_equal(rs_input_problem("a\x7f", 2, RS_INPUT_TEXT),
			    "a control character U+007F (byte 2)");
	assert_string_equal(rs_input_problem("a\xc2\x85", 3, RS_INPUT_TEXT),
			    "a control character U+0085 (byte 2)");
	assert_string_equal(rs_input_problem("a\nb", 3, RS_INPUT_LINE),
			    "a line break (byte 2): this field is one line");
	assert_null(rs_input_problem("a\r\n\tb", 5, RS_INPUT_TEXT));
	assert_string_equal(rs_input_problem("a\rb", 3, RS_INPUT_TEXT),
			    "a control character U+000D (byte 2)");
	char big[RS_MAX_LINE_BYTES + 2];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_null(rs_input_problem(big, RS_MAX_LINE_BYTES, RS_INPUT_LINE));
	assert_string_equal(rs_input_problem(big, RS_MAX_LINE_BYTES + 1, RS_INPUT_LINE),
			    "1001 bytes; at most 1000");
	assert_int_equal(rs_input_check("--name", "a\tb", RS_INPUT_LINE), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "--name: a tab (byte 2): this field is one line");
}

/* What an error quotes reaches the terminal inert. */
static void errors_are_inert(void **state)
{
	(void)state;
	rs_fail(RS_ERR_INVALID, "unknown sector '%s'", "\x1b]52;c;SGVsbG8=\x07");
	assert_string_equal(rs_error(), "unknown sector '" FFFD "]52;c;SGVsbG8=" FFFD "'");
	char *out = NULL;
	size_t size;
	FILE *f = open_memstream(&out, &size);
	rs_report(f, "%s:%d: %s", "a\x9b.csv", 3, "bad\nline");
	fclose(f);
	assert_string_equal(out, "a" FFFD ".csv:3: bad" LINE_BREAK "line\n");
	free(out);
}

static void html_escaped(void **state)
{
	(void)state;
	char *s = captured(rs_html_write, "<script>alert('x' & \"y\")</script>");
	assert_string_equal(s, "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;");
	free(s);
}

static void fold_as_people_type(void **state)
{
	(void)state;
	const char *cases[][2] = {
		{"Łukasz Søren Đức", "lukasz soren duc"},
		{"Élodie ÖMER Zoë", "elodie omer zoe"},
		{"Straße Æsir Œuvre Þór", "strasse aesir oeuvre thor"},
		{"Nguyễn Thị Lan", "nguyen thi lan"},
		/* Greek in plain lower case (FTS5 folds no Greek accent) */
		{"Ελένη ΠΑΠΑΔΟΠΟΎΛΟΥ Άρης", "ελενη παπαδοπουλου αρησ"}, /* ς as σ, typed or not */
		/* each CJK character a word: a given name is found alone */
		{"王芳 🌊 Ахмед", "王 芳 🌊 Ахмед"},
		{"李小龍", "李 小 龍"},
		{"Zoë李小龍 🌍 田中さくら", "zoe 李 小 龍 🌍 田 中 さ く ら"},
		{"김민준(Kim)", "김 민 준 (kim)"},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *f = rs_text_fold(cases[i][0]);
		assert_string_equal(f, cases[i][1]);
		free(f);
	}
	char *f = rs_text_fold("a\xff" "b");
	assert_string_equal(f, "a\xff" "b"); /* a stray byte is kept, not read past */
	free(f);
}

static void names_as_they_are_also_typed(void **state)
{
	(void)state;
	const char *cases[][2] = {
		{"Aoife O'Neill", "ONeill"},
		{"Mary O\u2019Brien-Smith", "OBrienSmith"},
		{"Karim Al-Masri", "AlMasri"},
		{"Jonas \u00d3 Briain", "\u00d3Briain"},
		{"Amina al Masri", "alMasri"},
		{"Ana Ruiz", ""},  /* no particle: three letters */
		{"- O'", "O"},     /* a joiner alone is nothing */
		{"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *j = rs_text_name_joins(cases[i][0]);
		assert_non_null(j);
		assert_string_equal(j, cases[i][1]);
		free(j);
	}
}

static void widths(void **state)
{
	(void)state;
	assert_int_equal(rs_text_width("王芳"), 4);
	assert_int_equal(rs_text_width("é"), 1);
	assert_int_equal(rs_text_width("abc"), 3);
	assert_int_equal(rs_text_width("a\033b"), 3);
	assert_int_equal(rs_text_width("\xFF"), 1);
	assert_int_equal(rs_text_width(""), 0);
	/* U+FE0F asks for the emoji's picture: two columns, never cut in two. */
	const char sun[] = "\xE2\x98\x80\xEF\xB8\x8F"; /* U+2600 U+FE0F */
	char line[32];
	snprintf(line, sizeof line, "%s Sunny", sun);
	assert_int_equal(rs_text_width(line), 8);
	int used = -1;
	assert_int_equal(rs_text_fit(line, strlen(line), 1, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(rs_text_fit(line, strlen(line), 2, &used), strlen(sun));
	assert_int_equal(used, 2);
	/* The same under a UTF-8 locale, where wcwidth() knows them. */
	if (setlocale(LC_CTYPE, "C.UTF-8")) {
		assert_int_equal(rs_text_width("王芳"), 4);
		assert_int_equal(rs_text_width("é"), 1);
		assert_int_equal(rs_text_width("e\xCC\x81"), 1); /* e + combining acute */
		setlocale(LC_CTYPE, "C");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(inert_replaces_controls),
		cmocka_unit_test(inert_replaces_invalid_utf8),
		cmocka_unit_test(csv_formulas_defused),
		cmocka_unit_test(json_strings_escaped),
		cmocka_unit_test(json_del_and_c1_escaped),
		cmocka_unit_test(input_rules),
		cmocka_unit_test(errors_are_inert),
		cmocka_unit_test(html_escaped),
		cmocka_unit_test(fold_as_people_type),
		cmocka_unit_test(names_as_they_are_also_typed),
		cmocka_unit_test(widths),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
