/* Text safety and small string helpers shared by exports and front ends. */
#ifndef ROSTRUM_TEXT_H
#define ROSTRUM_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "rostrum/rostrum.h"

/* Copies s with every control character (C0, DEL, C1, and so ESC of any
 * escape sequence; the controls of text direction and the line and
 * paragraph separators U+2028/U+2029) replaced by U+FFFD, and invalid UTF-8 bytes likewise;
 * newline and tab are kept when keep_newlines, else a newline shows as
 * U+23CE ("⏎").  Returns a new string, the caller's to free; NULL only
 * when out of memory. */
char *rs_text_inert(const char *s, int keep_newlines);
/* 1 for a character rs_text_inert replaces: C0, DEL, C1, and the controls
 * of text direction and the line and paragraph separators; for what draws
 * a character at a time (a field being typed). */
int rs_text_is_control(long cp);

/* snprintf into out, which may cut a long name short without a fuss: for
 * reasons and other text that is read, not parsed. */
void rs_text_printf(char *out, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A CSV cell that a spreadsheet would take for a formula (= + - @, or a
 * leading tab or CR) gets a leading apostrophe.  New string, caller frees. */
char *rs_csv_defuse(const char *s);

/* Writes s as a JSON string literal, quotes included: every control
 * character (C0, DEL, C1) escaped, invalid UTF-8 as \ufffd. */
void rs_json_write_string(FILE *out, const char *s);
/* A copy of a JSON text (as SQLite makes it, which leaves DEL and C1 raw)
 * with every control character escaped and invalid UTF-8 as \ufffd: the
 * same document, safe to print.  The caller frees; NULL when out of
 * memory. */
char *rs_json_inert(const char *json);
/* The same written to out: the first len bytes of json (a NUL-terminated
 * JSON text, cut only between characters).  0, or -1 on a write error. */
int rs_json_inert_write(FILE *out, const char *json, size_t len);
/* Writes s with & < > " ' escaped for HTML. */
void rs_html_write(FILE *out, const char *s);

/* s as a person types it to search: lower case, and every Latin letter
 * with a diacritic or stroke as plain ASCII ("Łukasz Søren Đức" ->
 * "lukasz soren duc"), Greek in plain lower case ("Ελένη" -> "ελενη"),
 * each Chinese, Japanese or Korean character a word ("李小龍" -> "李 小 龍");
 * other scripts as they are.  A new string, the caller's to free; NULL
 * only when out of memory. */
char *rs_text_fold(const char *s);
/* The words a name is also typed as, for the search: a word joined by an
 * apostrophe or a hyphen written as one ("O'Neill" -> "ONeill",
 * "Al-Masri" -> "AlMasri"), a particle of one or two letters written onto
 * the word after it ("Ó Briain" -> "ÓBriain"); space-separated, "" when
 * none.  A new string, the caller's to free; NULL only when out of memory. */
char *rs_text_name_joins(const char *name);
/* How many of s's first n bytes end on a character's boundary (s has at
 * least n + 1 bytes): a cut there splits no character. */
size_t rs_text_whole(const char *s, size_t n);
/* s, which filled its buffer of size bytes and was cut there, ends between
 * characters with "…" (when size leaves room for it): text cut says so. */
void rs_text_mark_cut(char *s, size_t size);

/* 1 when s is NULL, empty or only white space (Unicode's spaces too). */
int rs_text_blank(const char *s);

/* Display width of a UTF-8 string in terminal columns (wcwidth), with
 * control characters counted as one column (they are shown as U+FFFD) and
 * a character followed by U+FE0F (an emoji's picture) as two. */
int rs_text_width(const char *s);

/* The number of bytes of the longest prefix of s (at most len bytes) that
 * fits in width columns, whole characters only, counted as rs_text_width
 * does; *used (may be NULL) gets the columns that prefix takes. */
size_t rs_text_fit(const char *s, size_t len, int width, int *used);

/* The first http(s) link in s: its length, and its offset in *at; 0 when s
 * holds none.  A link starts a word with "http://" or "https://" and a
 * host, and runs over the characters RFC 3986 allows (ASCII only, no
 * brackets, quotes, blanks or angle brackets), less the punctuation that
 * ends a sentence and a ')' it did not open.  Other schemes (javascript:,
 * data:) are never links. */
size_t rs_text_find_link(const char *s, size_t *at);
/* 1 if url is one whole such link. */
int rs_text_link_valid(const char *url);

/* ---- Input rules: one place for every reader --------------------------
 * The CSV import, the programme and the config files, the command line and
 * the TUI's forms all pass text through rs_input_problem, so they refuse
 * the same things with the same words.  The limits (README.md, "Input
 * limits"): */
#define RS_MAX_LINE_BYTES 1000  /* a one-line field: names, titles, codes, e-mails */
#define RS_MAX_TEXT_BYTES 20000 /* a text: notes, outcomes, descriptions, statements */
#define RS_MAX_CSV_COLUMNS 200
#define RS_MAX_CSV_ROWS 200000
#define RS_MAX_CSV_BYTES (64L << 20)       /* 64 MiB */
#define RS_MAX_PROGRAMME_BYTES (4L << 20)  /* 4 MiB */
#define RS_MAX_CONFIG_BYTES (1L << 20)     /* 1 MiB */

typedef enum {
	RS_INPUT_LINE, /* one line: no control character at all */
	RS_INPUT_TEXT  /* several lines: newline (CR LF too) and tab allowed */
} rs_input_kind;

/* NULL when the len bytes at s (with s[len] == '\0') are acceptable as
 * kind: valid UTF-8, no NUL byte, no C0 or C1 control character or DEL
 * (but what a text allows), no control of text direction (U+202A-U+202E,
 * U+2066-U+2069) nor U+2028/U+2029, at most the kind's limit in bytes.  Otherwise
 * the reason, in a static buffer: "a NUL byte", "invalid UTF-8 (byte 5)",
 * "a control character U+001B (byte 3)", "2345 bytes; at most 1000". */
const char *rs_input_problem(const char *s, size_t len, rs_input_kind kind);
/* The same for a C string (NULL is acceptable): RS_OK, or RS_ERR_INVALID
 * with rs_error() "field: reason" (the reason alone when field is NULL). */
rs_status rs_input_check(const char *field, const char *s, rs_input_kind kind);

/* Copies s into out (size bytes with the NUL) as rs_text_inert does,
 * newlines kept when keep_newlines, whole characters only; returns the
 * bytes written. */
size_t rs_text_inert_to(char *out, size_t size, const char *s, int keep_newlines);

/* A code as a reader says it, into out: "point_of_order" as "point of
 * order", "not_selected" as "not selected" (NULL as ""). */
void rs_text_code_words(const char *code, char *out, size_t size);

#endif
