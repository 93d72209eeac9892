/* Internal to the core: the inline SVG bar charts of the HTML summary
 * report.  Per row a label and up to three bars, one per series, with a
 * legend, gridlines, an axis and accessible titles.  The walk
 * (export_walk.c) says what a chart shows; this file only draws it. */
#ifndef ROSTRUM_EXPORT_CHART_H
#define ROSTRUM_EXPORT_CHART_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rostrum/db.h"

enum { CHART_SERIES = 3 };

typedef enum { CHART_SHARE, CHART_MINUTES } chart_unit;

/* v[i] < 0: no value (no bar, "—"). */
typedef struct chart_row {
	char *label; /* inert; the owner of the rows frees it */
	int64_t v[CHART_SERIES];
} chart_row;

typedef struct {
	const char *id;    /* element id: "chart-sector" */
	const char *kind;  /* class: "balance" or "timing" */
	const char *title; /* accessible name */
	const char *caption;
	const char *const *series; /* legend */
	int n_series;
	chart_unit unit; /* CHART_SHARE: tenths of a percent; CHART_MINUTES: seconds */
	const chart_row *rows;
	size_t n_rows;
} chart_spec;

/* One <figure> holding the <svg>, then its caption, on out.  Text is made
 * inert and escaped here.  *rc gets the first failure (out of memory). */
void chart_write(FILE *out, const chart_spec *s, rs_status *rc);

/* v (tenths of a percent for CHART_SHARE, seconds for CHART_MINUTES) as
 * the chart labels it: "12.5%" ("10%" with trim), "90 min", or "—" when
 * v < 0.  Numbers are written with integer arithmetic only: the locale
 * would pick the decimal separator. */
void chart_value(chart_unit unit, int64_t v, int trim, char *buf, size_t size);

/* part of whole in tenths of a percent, rounded; 0 when whole is 0. */
int64_t chart_permille(int64_t part, int64_t whole);

/* Frees the labels of rows[0..n) and rows. */
void chart_rows_free(chart_row *rows, size_t n);

#endif
