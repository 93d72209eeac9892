/* Text safety and small string helpers shared by exports and front ends. */
#ifndef ROSTRUM_TEXT_H
#define ROSTRUM_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* Copies s with every control character (C0, DEL, C1, and so ESC of any
 * escape sequence) replaced by U+FFFD, and invalid UTF-8 bytes likewise;
 * newline and tab are kept when keep_newlines.  Returns a new string, the
 * caller's to free; NULL only when out of memory. */
char *rs_text_inert(const char *s, int keep_newlines);

/* A CSV cell that a spreadsheet would take for a formula (= + - @, or a
 * leading tab or CR) gets a leading apostrophe.  New string, caller frees. */
char *rs_csv_defuse(const char *s);

/* Writes s as a JSON string literal, quotes included. */
void rs_json_write_string(FILE *out, const char *s);
/* Writes s with & < > " ' escaped for HTML. */
void rs_html_write(FILE *out, const char *s);

/* s as a person types it to search: lower case, and every Latin letter
 * with a diacritic or stroke as plain ASCII ("Łukasz Søren Đức" ->
 * "lukasz soren duc"); other scripts as they are.  A new string, the
 * caller's to free; NULL only when out of memory. */
char *rs_text_fold(const char *s);

/* Display width of a UTF-8 string in terminal columns (wcwidth), with
 * control characters counted as one column (they are shown as U+FFFD). */
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

#endif
