/* The last error, and the lines the importers and readers report: what a
 * user typed or a file held is echoed inert (no control character reaches
 * the terminal; invalid UTF-8 shows as U+FFFD), here, once for all. */
#include "rostrum/rostrum.h"

#include <stdarg.h>
#include <stdio.h>

#include "rostrum/text.h"

static char last_error[1024];

const char *rs_error(void)
{
	return last_error;
}

rs_status rs_fail(rs_status st, const char *fmt, ...)
{
	char raw[sizeof last_error];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	rs_text_inert_to(last_error, sizeof last_error, raw, 0);
	return st;
}

void rs_vreport(FILE *out, const char *fmt, va_list ap)
{
	char raw[1024], inert[1024];
	if (!out)
		return;
	vsnprintf(raw, sizeof raw, fmt, ap);
	rs_text_inert_to(inert, sizeof inert, raw, 0);
	fputs(inert, out);
	fputc('\n', out);
}

void rs_report(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rs_vreport(out, fmt, ap);
	va_end(ap);
}
