/* libFuzzer: the text rules and the sanitisers every output goes through
 * (rs_input_problem, rs_text_inert, rs_json_inert, rs_csv_defuse,
 * rs_text_fit, rs_fail).  Beyond not crashing, each keeps its promise: what
 * it returns holds no control character and is valid UTF-8. */
#include "fuzz.h"

#include "rostrum/text.h"

/* 1 when s passes the rules of a text but for its length. */
static int clean_text(const char *s)
{
	const char *why = rs_input_problem(s, strlen(s), RS_INPUT_TEXT);
	return !why || strstr(why, "; at most ");
}

static int clean_line(const char *s)
{
	const char *why = rs_input_problem(s, strlen(s), RS_INPUT_LINE);
	return !why || strstr(why, "; at most ");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	const char *line = rs_input_problem(s, size, RS_INPUT_LINE);
	const char *text = rs_input_problem(s, size, RS_INPUT_TEXT);
	if (!line && text) /* a text allows all a line does */
		abort();
	char *inert = rs_text_inert(s, 0), *inert_nl = rs_text_inert(s, 1);
	char *json = rs_json_inert(s), *csv = rs_csv_defuse(s);
	if (!inert || !clean_line(inert) || !inert_nl || !clean_text(inert_nl))
		abort();
	if (!json || !clean_line(json) || !csv || (csv[0] && strchr("=+-@\t\r", csv[0])))
		abort();
	int used = 0;
	size_t fit = rs_text_fit(s, size, 20, &used);
	if (fit > size || used > 20 || rs_text_width(s) < 0)
		abort();
	rs_fail(RS_ERR_INVALID, "%s", s);
	if (!clean_line(rs_error()))
		abort();
	free(inert);
	free(inert_nl);
	free(json);
	free(csv);
	free(s);
	return 0;
}
