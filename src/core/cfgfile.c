/* The libconfuse front end shared by the config and the programme readers
 * (cfgfile.h says what it does and why). */
#include "cfgfile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/text.h"

static cfgfile *current;

cfgfile *cfgfile_current(void)
{
	return current;
}

void cfgfile_report(cfgfile *f, int line, const char *fmt, ...)
{
	char msg[512], where[64] = "";
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		snprintf(where, sizeof where, ":%d", line);
	rs_report(f->err, "%s%s: %s", f->path, where, msg);
	if (!f->errors++)
		rs_fail(RS_ERR_INVALID, "%s%s: %s", f->path, where, msg);
}

/* ---- reading ------------------------------------------------------------ */

/* The whole file, NUL-terminated, at most max bytes (*len of them). */
static rs_status slurp(cfgfile *f, long max, int may_be_missing, char **text, size_t *len)
{
	*text = NULL;
	FILE *in = fopen(f->path, "rb");
	if (!in) {
		int e = errno, missing = e == ENOENT || e == ENOTDIR;
		if (missing && may_be_missing)
			return RS_OK;
		cfgfile_report(f, 0, "cannot read: %s", strerror(e));
		return missing || e == EACCES ? RS_ERR_INVALID : RS_ERR_RUNTIME;
	}
	size_t cap = 65536, n = 0, got;
	char *buf = malloc(cap);
	while (buf && (got = fread(buf + n, 1, cap - n - 1, in)) > 0) {
		n += got;
		if ((long)n > max)
			break;
		if (cap - n - 1 < 4096) {
			char *b = realloc(buf, cap *= 2);
			if (!b)
				free(buf);
			buf = b;
		}
	}
	int e = ferror(in) ? errno : 0;
	fclose(in);
	if (!buf)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	if (e || (long)n > max) {
		free(buf);
		if (e)
			cfgfile_report(f, 0, "cannot read: %s", strerror(e));
		else
			cfgfile_report(f, 0, "larger than %ld bytes, the most such a file may be", max);
		return e == EISDIR || !e ? RS_ERR_INVALID : RS_ERR_RUNTIME;
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return RS_OK;
}

/* Every line passes the input rules of a text (tab allowed, no other
 * control character, UTF-8, no NUL byte); the first bad line is reported. */
static int check_lines(cfgfile *f, const char *s, size_t n)
{
	int line = 1;
	for (size_t i = 0; i <= n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t len = (nl ? (size_t)(nl - s) : n) - i;
		const char *why = len > RS_MAX_TEXT_BYTES ? "a line longer than the longest text"
							  : rs_input_problem(s + i, len, RS_INPUT_TEXT);
		if (why) {
			cfgfile_report(f, line, "%s", why);
			return -1;
		}
		if (!nl)
			break;
		i += len + 1;
		line++;
	}
	return 0;
}

/* ---- making the text safe for libconfuse ---------------------------------- */

/* The characters that end an unquoted word in libconfuse's lexer. */
static int ends_word(char c)
{
	return c == '\0' || strchr(" #\"'\t\n\r={}()+,*", c) != NULL;
}

/* A `//` comment starts only where a word could start, and only when the
 * slashes are not themselves the start of a longer word (as the lexer's
 * longest match decides: `//x` is a word, `// x` a comment). */
static int line_comment_at(const char *s, size_t i, size_t n)
{
	size_t j = i;
	while (j < n && s[j] == '/')
		j++;
	return j - i >= 2 && (j == n || ends_word(s[j]));
}

/* The text being made safe: read from `in`, written to `out`. */
typedef struct {
	cfgfile *f;
	const char *in;
	size_t i, n;
	char *out;
	size_t o;
	int line;
} scan;

static void put(scan *sc, char c)
{
	sc->out[sc->o++] = c;
	sc->line += c == '\n';
}

/* 1 when the escape at in[i] ('\\' first) makes a NUL byte: \0, \00,
 * \000, \x0, \x00. */
static int nul_escape(const char *s)
{
	size_t k = 1, digits;
	if (s[1] == 'x') {
		k = 2;
		digits = strspn(s + 2, "0123456789abcdefABCDEF");
		digits = digits > 2 ? 2 : digits;
	} else {
		digits = strspn(s + 1, "01234567");
		digits = digits > 3 ? 3 : digits;
	}
	return digits > 0 && strspn(s + k, "0") >= digits;
}

/* Copies a quoted string opened at in[i]; in double quotes, '$' before
 * '{' is escaped.  -1 after a report (never closed, a NUL escape). */
static int copy_string(scan *sc)
{
	int at = sc->line;
	char q = sc->in[sc->i];
	put(sc, sc->in[sc->i++]);
	while (sc->i < sc->n) {
		char c = sc->in[sc->i];
		if (c == '\\' && sc->i + 1 < sc->n) {
			if (q == '"' && nul_escape(sc->in + sc->i)) {
				cfgfile_report(sc->f, sc->line, "an escape that makes a NUL byte");
				return -1;
			}
			put(sc, c);
			put(sc, sc->in[sc->i + 1]);
			sc->i += 2;
			continue;
		}
		if (q == '"' && c == '$' && sc->in[sc->i + 1] == '{')
			put(sc, '\\'); /* never an environment variable */
		put(sc, c);
		sc->i++;
		if (c == q)
			return 0;
	}
	cfgfile_report(sc->f, at, "unterminated string");
	return -1;
}

/* Blanks a comment at in[i] (to the end of the line, or to its closing
 * star-slash), keeping the newlines.  -1 after a report (never closed). */
static int blank_comment(scan *sc, int block)
{
	int at = sc->line;
	if (!block) {
		for (; sc->i < sc->n && sc->in[sc->i] != '\n'; sc->i++)
			put(sc, ' ');
		return 0;
	}
	const char *end = strstr(sc->in + sc->i + 2, "*/");
	if (!end) {
		cfgfile_report(sc->f, at, "unterminated comment");
		return -1;
	}
	for (size_t stop = (size_t)(end - sc->in) + 2; sc->i < stop; sc->i++)
		put(sc, sc->in[sc->i] == '\n' ? '\n' : ' ');
	return 0;
}

/* The lines of the braces still open. */
struct braces {
	int line[16];
	int depth;
};

static void track_brace(struct braces *b, char c, int line)
{
	if (c == '{' && b->depth < 16)
		b->line[b->depth] = line;
	b->depth += c == '{';
	b->depth -= c == '}' && b->depth > 0;
}

/* Makes the text safe (see cfgfile.h) into sc->out; -1 after a report. */
static int make_safe(scan *sc)
{
	struct braces open = {.depth = 0};
	int word_start = 1;
	while (sc->i < sc->n) {
		const char *s = sc->in;
		char c = s[sc->i];
		int r = 0;
		if (c == '"' || c == '\'') {
			r = copy_string(sc);
			word_start = 1;
		} else if (c == '#' || (word_start && c == '/' && line_comment_at(s, sc->i, sc->n))) {
			r = blank_comment(sc, 0);
		} else if (word_start && c == '/' && s[sc->i + 1] == '*') {
			r = blank_comment(sc, 1);
		} else if (c == '$' && s[sc->i + 1] == '{') {
			cfgfile_report(sc->f, sc->line,
				       "'${' outside quotes: put the value in double quotes (rostrum "
				       "never reads environment variables from a file)");
			r = -1;
		} else {
			track_brace(&open, c, sc->line);
			word_start = ends_word(c);
			put(sc, c);
			sc->i++;
		}
		if (r)
			return -1;
	}
	if (open.depth > 0) {
		cfgfile_report(sc->f, open.line[open.depth > 16 ? 15 : open.depth - 1],
			       "'{' is never closed");
		return -1;
	}
	sc->out[sc->o] = '\0';
	return 0;
}

rs_status cfgfile_read(cfgfile *f, long max, int may_be_missing, char **text)
{
	size_t n = 0;
	char *raw = NULL;
	rs_status rc = slurp(f, max, may_be_missing, &raw, &n);
	*text = NULL;
	if (rc || !raw)
		return rc;
	if (check_lines(f, raw, n)) {
		free(raw);
		return RS_ERR_INVALID;
	}
	/* Escaping '$' adds a byte at most per two. */
	scan sc = {.f = f, .in = raw, .n = n, .out = malloc(n + n / 2 + 1), .line = 1};
	if (!sc.out) {
		free(raw);
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	int bad = make_safe(&sc);
	free(raw);
	if (bad) {
		free(sc.out);
		return RS_ERR_INVALID;
	}
	*text = sc.out;
	return RS_OK;
}

/* ---- parsing -------------------------------------------------------------- */

static void on_confuse_error(cfg_t *cfg, const char *fmt, va_list ap)
{
	cfgfile *f = current;
	int line = cfg ? cfg->line : 0;
	if (!f)
		return;
	if (!strcmp(fmt, "no such option '%s'")) {
		const char *name = va_arg(ap, const char *);
		const char *noun = f->unknown_noun ? f->unknown_noun(cfg) : NULL;
		cfgfile_report(f, line, "unknown %s '%s'", noun ? noun : "option", name);
		return;
	}
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	cfgfile_report(f, line, "%s", msg);
}

rs_status cfgfile_parse(cfgfile *f, cfg_t *tree, char *text)
{
	int before = f->errors;
	cfg_set_error_function(tree, on_confuse_error);
	current = f;
	int r = cfg_parse_buf(tree, text);
	current = NULL;
	if (r != CFG_SUCCESS && f->errors == before)
		cfgfile_report(f, 0, "not a valid file");
	return r == CFG_SUCCESS && f->errors == before ? RS_OK : RS_ERR_INVALID;
}
