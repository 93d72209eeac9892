/* Text safety: what reaches a terminal, a spreadsheet, a JSON or HTML file
 * carries no control sequences, formulas or markup from user input. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* wcwidth, open_memstream */
#endif
#include "rostrum/text.h"

#include <ctype.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#define REPLACEMENT 0xFFFDu
#define LINE_BREAK_MARK 0x23CEu /* "⏎" */

/* Decodes one UTF-8 sequence at s (strict: no overlong forms, surrogates or
 * code points past U+10FFFF).  Returns the bytes consumed (1 for an invalid
 * byte, with *cp = -1); s must not point at the terminating NUL. */
static size_t utf8_decode(const unsigned char *s, int32_t *cp)
{
	static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
	size_t n = s[0] < 0x80 ? 1 : s[0] < 0xC2 ? 0 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3
		 : s[0] < 0xF5 ? 4 : 0;
	*cp = -1;
	if (n == 0)
		return 1;
	uint32_t v = n == 1 ? s[0] : s[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 1;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 1;
	*cp = (int32_t)v;
	return n;
}

/* Unicode's controls of text direction (embeddings, overrides, isolates)
 * and its line and paragraph separators: invisible, they reverse or break
 * the lines a name or a note is published in ("Ali \u202E nassaH"). */
static int is_layout_control(int32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x2028 || cp == 0x2029;
}

static int is_control(int32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || is_layout_control(cp);
}

int rs_text_is_control(long cp)
{
	return is_control((int32_t)cp);
}

static size_t utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t rs_text_inert_to(char *out, size_t size, const char *s, int keep_newlines)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t o = 0;
	while (*p && size > 0) {
		int32_t cp;
		size_t n = utf8_decode(p, &cp);
		if (!keep_newlines && cp == '\r' && p[1] == '\n') {
			p++; /* one line break, marked once below */
			continue;
		}
		int keep = cp >= 0 && (!is_control(cp) ||
				       (keep_newlines && (cp == '\n' || cp == '\t')));
		char rep[4];
		/* A line break on one line shows as one, not as the mark of
		 * something wrong. */
		size_t m = keep ? n : utf8_encode(cp == '\n' ? LINE_BREAK_MARK : REPLACEMENT, rep);
		if (o + m >= size)
			break;
		memcpy(out + o, keep ? (const char *)p : rep, m);
		o += m;
		p += n;
	}
	if (size > 0)
		out[o] = '\0';
	return o;
}

char *rs_text_inert(const char *s, int keep_newlines)
{
	/* Worst case: every byte becomes a 3-byte U+FFFD. */
	size_t size = strlen(s ? s : "") * 3 + 1;
	char *out = malloc(size);
	if (out)
		rs_text_inert_to(out, size, s, keep_newlines);
	return out;
}

const char *rs_input_problem(const char *s, size_t len, rs_input_kind kind)
{
	static char why[96];
	size_t max = kind == RS_INPUT_TEXT ? RS_MAX_TEXT_BYTES : RS_MAX_LINE_BYTES;
	if (memchr(s, '\0', len))
		return "a NUL byte";
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t n = utf8_decode((const unsigned char *)s + i, &cp);
		if (cp < 0 || i + n > len) {
			snprintf(why, sizeof why, "invalid UTF-8 (byte %zu)", i + 1);
			return why;
		}
		int allowed = kind == RS_INPUT_TEXT &&
			      (cp == '\n' || cp == '\t' || (cp == '\r' && s[i + 1] == '\n'));
		if (is_control(cp) && !allowed) {
			if (kind == RS_INPUT_LINE && (cp == '\n' || cp == '\t' || cp == '\r'))
				snprintf(why, sizeof why, "a %s (byte %zu): this field is one line",
					 cp == '\t' ? "tab" : "line break", i + 1);
			else if (cp == 0x2028 || cp == 0x2029)
				snprintf(why, sizeof why, "a %s separator U+%04X (byte %zu): %s",
					 cp == 0x2028 ? "line" : "paragraph", (unsigned)cp, i + 1,
					 kind == RS_INPUT_TEXT ? "use a line break" : "this field is one line");
			else if (is_layout_control(cp))
				snprintf(why, sizeof why,
					 "a control of text direction U+%04X (byte %zu)", (unsigned)cp,
					 i + 1);
			else
				snprintf(why, sizeof why, "a control character U+%04X (byte %zu)",
					 (unsigned)cp, i + 1);
			return why;
		}
		i += n;
	}
	if (len > max) {
		snprintf(why, sizeof why, "%zu bytes; at most %zu", len, max);
		return why;
	}
	return NULL;
}

rs_status rs_input_check(const char *field, const char *s, rs_input_kind kind)
{
	const char *why = s ? rs_input_problem(s, strlen(s), kind) : NULL;
	if (!why)
		return RS_OK;
	return field ? rs_fail(RS_ERR_INVALID, "%s: %s", field, why)
		     : rs_fail(RS_ERR_INVALID, "%s", why);
}

#include "fold_table.h"

static const char *fold_letter(int32_t cp)
{
	size_t lo = 0, hi = sizeof fold_table / sizeof fold_table[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (fold_table[mid].cp == (unsigned)cp)
			return fold_table[mid].ascii;
		if (fold_table[mid].cp < (unsigned)cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Chinese, Japanese and Korean write a name without spaces: each of their
 * characters is a word of its own to the search, so a given name is found
 * as a family name is ("小龍" in "李小龍"). */
static int written_unspaced(int32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}

char *rs_text_fold(const char *s)
{
	/* A folded letter takes at most 3 bytes; its UTF-8 at least 2.  A
	 * character written unspaced takes a space before it and one after
	 * (3 or 4 bytes, 5 or 6 with them). */
	size_t n = strlen(s ? s : "");
	char *out = malloc(n * 2 + 1), *o = out;
	if (!out)
		return NULL;
	int apart = 0; /* the last character was written unspaced */
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
		int32_t cp;
		size_t len = utf8_decode(p, &cp);
		const char *ascii = cp >= 0x80 ? fold_letter(cp) : NULL;
		int unspaced = written_unspaced(cp);
		if ((unspaced || apart) && o > out && o[-1] != ' ' && cp != ' ')
			*o++ = ' ';
		apart = unspaced;
		if (cp >= 0 && cp < 0x80) {
			*o++ = (char)tolower(*p);
		} else if (ascii) {
			strcpy(o, ascii);
			o += strlen(ascii);
		} else {
			memcpy(o, p, len);
			o += len;
		}
		p += len;
	}
	*o = '\0';
	return out;
}

size_t rs_text_whole(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

void rs_text_mark_cut(char *s, size_t size)
{
	if (!size)
		return;
	int mark = size > 4;
	size_t n = rs_text_whole(s, size - (mark ? 4 : 1));
	memcpy(s + n, mark ? "\xe2\x80\xa6" : "", mark ? 4 : 1);
}

char *rs_csv_defuse(const char *s)
{
	s = s ? s : "";
	int risky = s[0] && strchr("=+-@\t\r", s[0]) != NULL;
	size_t len = strlen(s);
	char *out = malloc(len + 2);
	if (!out)
		return NULL;
	if (risky)
		out[0] = '\'';
	memcpy(out + risky, s, len + 1);
	return out;
}

/* NULL is written as the JSON literal null; invalid UTF-8 as U+FFFD so the
 * output is always valid JSON. */
void rs_json_write_string(FILE *out, const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	const unsigned char *p = (const unsigned char *)s;
	fputc('"', out);
	while (*p) {
		int32_t cp;
		size_t n = utf8_decode(p, &cp);
		if (cp == '"' || cp == '\\')
			fprintf(out, "\\%c", (char)cp);
		else if (cp >= 0 && is_control(cp))
			fprintf(out, "\\u%04x", (unsigned)cp);
		else if (cp < 0)
			fputs("\\ufffd", out);
		else
			fwrite(p, 1, n, out);
		p += n;
	}
	fputc('"', out);
}

int rs_json_inert_write(FILE *out, const char *json, size_t len)
{
	const unsigned char *p = (const unsigned char *)json, *end = p + len;
	while (p < end) {
		/* The longest run that stays as it is: printable ASCII and any
		 * other character but the controls, in one write. */
		const unsigned char *run = p;
		int32_t cp = 0;
		size_t n = 1;
		while (p < end) {
			if (*p >= 0x20 && *p < 0x7F) {
				p++;
				continue;
			}
			n = utf8_decode(p, &cp);
			if (cp < 0 || is_control(cp))
				break;
			p += n;
		}
		if (p > run && fwrite(run, 1, (size_t)(p - run), out) != (size_t)(p - run))
			return -1;
		if (p == end)
			break;
		if (cp < 0 ? fputs("\\ufffd", out) < 0 : fprintf(out, "\\u%04x", (unsigned)cp) < 0)
			return -1;
		p += n;
	}
	return 0;
}

char *rs_json_inert(const char *json)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *m = open_memstream(&buf, &size);
	if (!m)
		return NULL;
	int bad = json && rs_json_inert_write(m, json, strlen(json)) != 0;
	if (fclose(m) != 0 || bad) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* NULL writes nothing. */
void rs_html_write(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*s, out);
		}
	}
}

/* Wide East Asian ranges, for when wcwidth() cannot tell (the C locale). */
static int is_wide(int32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFD);
}

static int char_width(int32_t cp)
{
	if (cp < 0 || is_control(cp))
		return 1; /* shown as U+FFFD */
	if (cp >= 0x0300 && cp <= 0x036F)
		return 0; /* combining diacritics */
	int w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	return is_wide(cp) ? 2 : 1;
}

/* Decodes UTF-8 itself, so the count does not depend on the locale; the
 * caller should still setlocale(LC_ALL, "") (main does) for wcwidth() to
 * know the widths of the whole of Unicode. */
/* The character at p and the variation selector after it, if any: its
 * bytes in *n, its columns returned.  U+FE0F asks for the emoji's own
 * picture, two columns wide where the character alone is one ("☀️" beside
 * "☀"), as terminals and editors show it; cutting between the two would
 * leave half an emoji. */
static int glyph_width(const unsigned char *p, size_t *n)
{
	int32_t cp, vs;
	*n = utf8_decode(p, &cp);
	int w = char_width(cp);
	if (p[*n] && cp >= 0 && !is_control(cp)) {
		size_t m = utf8_decode(p + *n, &vs);
		if (vs == 0xFE0F) {
			*n += m;
			w = w < 2 ? 2 : w;
		}
	}
	return w;
}

int rs_text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	int width = 0;
	while (*p) {
		size_t n;
		width += glyph_width(p, &n);
		p += n;
	}
	return width;
}

size_t rs_text_fit(const char *s, size_t len, int width, int *used)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t off = 0;
	int w = 0;
	while (off < len && p[off]) {
		size_t n;
		int cw = glyph_width(p + off, &n);
		if (off + n > len || w + cw > width)
			break;
		w += cw;
		off += n;
	}
	if (used)
		*used = w;
	return off;
}

/* What a link may hold: RFC 3986's unreserved and reserved characters and
 * '%', ASCII only; no brackets, quotes, blanks or angle brackets, so that a
 * link can be written between <> or "" as it is. */
static int link_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("-._~:/?#@!$&()*+,;=%", c));
}

/* s starts a link: "http://" or "https://" (any case) and a host. */
static size_t link_scheme(const char *s)
{
	size_t n = !strncasecmp(s, "https://", 8) ? 8 : !strncasecmp(s, "http://", 7) ? 7 : 0;
	char h = s[n];
	return n && ((h >= 'a' && h <= 'z') || (h >= 'A' && h <= 'Z') || (h >= '0' && h <= '9'))
		       ? n
		       : 0;
}

/* The link's length without what ends a sentence around it: trailing
 * punctuation, and a ')' the link did not open. */
static size_t link_trim(const char *s, size_t len)
{
	for (;;) {
		int open = 0;
		for (size_t i = 0; i < len; i++)
			open += (s[i] == '(') - (s[i] == ')');
		if (len && (strchr(".,;:!?*", s[len - 1]) || (s[len - 1] == ')' && open < 0)))
			len--;
		else
			return len;
	}
}

size_t rs_text_find_link(const char *s, size_t *at)
{
	for (const char *p = s; p && *p; p++) {
		int word = p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '/');
		size_t n = word ? 0 : link_scheme(p), len = n;
		if (!n)
			continue;
		while (link_char(p[len]))
			len++;
		len = link_trim(p, len);
		if (len > n) {
			*at = (size_t)(p - s);
			return len;
		}
	}
	return 0;
}

int rs_text_link_valid(const char *url)
{
	size_t at = 0;
	return url && rs_text_find_link(url, &at) == strlen(url) && at == 0;
}

void rs_text_printf(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out, size, fmt, ap);
	va_end(ap);
}

void rs_text_code_words(const char *code, char *out, size_t size)
{
	if (!size)
		return;
	snprintf(out, size, "%s", code ? code : "");
	for (char *p = out; *p; p++)
		if (*p == '_')
			*p = ' ';
}

/* Blank: what the eye sees as nothing, the spaces of Unicode too (a note
 * of three no-break spaces published an empty bullet). */
static int is_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000 || cp == 0xFEFF;
}

int rs_text_blank(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		int32_t cp;
		p += utf8_decode(p, &cp);
		if (!is_space(cp))
			return 0;
	}
	return 1;
}

/* What joins the parts of a name written as one word: O'Neill, O’Neill,
 * Al-Masri, Jean‑Pierre. */
static int name_joiner(int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x02BC || cp == '-' || cp == 0x2010 ||
	       cp == 0x2011;
}

/* The characters (not bytes) of the word at p, up to a space, joiners
 * left out; *bytes its length, *joined whether a joiner is in it. */
static size_t word_chars(const char *p, size_t *bytes, int *joined)
{
	size_t chars = 0, i = 0;
	*joined = 0;
	while (p[i] && p[i] != ' ') {
		int32_t cp;
		i += utf8_decode((const unsigned char *)p + i, &cp);
		if (name_joiner(cp))
			*joined = 1;
		else
			chars++;
	}
	*bytes = i;
	return chars;
}

/* Appends the n bytes at p to *o without the joiners. */
static void put_unjoined(char **o, const char *p, size_t n)
{
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t len = utf8_decode((const unsigned char *)p + i, &cp);
		if (!name_joiner(cp)) {
			memcpy(*o, p + i, len);
			*o += len;
		}
		i += len;
	}
}

char *rs_text_name_joins(const char *name)
{
	const char *s = name ? name : "";
	/* Each word at most three times (joined, leading a pair, following a
	 * particle), each with a space. */
	char *out = malloc(strlen(s) * 4 + 2), *o = out;
	if (!out)
		return NULL;
	const char *p = s + strspn(s, " ");
	while (*p) {
		size_t n, m;
		int joined, next_joined;
		size_t chars = word_chars(p, &n, &joined);
		const char *next = p + n + strspn(p + n, " ");
		if (joined && chars > 0) {
			if (o > out)
				*o++ = ' ';
			put_unjoined(&o, p, n);
		}
		/* "Ó Briain", "Al Masri": a particle of one or two letters. */
		if (chars >= 1 && chars <= 2 && *next && word_chars(next, &m, &next_joined) > 0) {
			if (o > out)
				*o++ = ' ';
			put_unjoined(&o, p, n);
			put_unjoined(&o, next, m);
		}
		p = next;
	}
	*o = '\0';
	return out;
}
