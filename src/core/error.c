#include "rostrum/rostrum.h"

#include <stdarg.h>
#include <stdio.h>

static char last_error[1024];

const char *rs_error(void)
{
	return last_error;
}

rs_status rs_fail(rs_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(last_error, sizeof last_error, fmt, ap);
	va_end(ap);
	return st;
}
