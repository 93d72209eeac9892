/* The summary report, walked once for every format: the sections in their
 * order, and every rule of what a section shows and when it is left out.
 * What the walk writes goes through the format's ops (export_report.h);
 * the renderers decide only how a heading, a list or a table looks. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strndup */
#endif
#include "export_attendance.h"
#include "export_report.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/agenda.h"
#include "rostrum/balance.h"
#include "rostrum/meeting.h"
#include "rostrum/refdata.h"
#include "rostrum/text.h"

/* The requests not heard on one item, counted for a report that attributes
 * nothing: the rows come in item order, so an item's counts are written
 * when the next item starts. */
typedef struct {
	int64_t item;
	char *title;
	int64_t n[3]; /* not reached, absent, withdrawn */
} unheard_count;

typedef struct {
	rs_db *db;
	const rs_export_opts *o;
	const export_ops *ops;
	export_out *r;       /* r->rc: the first failure */
	int level;           /* heading level of the current subsection */
	const char *section; /* its title, written before its first row */
	int selected;        /* selected rapporteurs written so far */
	int64_t points;      /* points of order heard (EXQ_POINTS) */
	int64_t languages;   /* speeches whose language was recorded (EXQ_LANGUAGES) */
	char tz[64];         /* the meeting's time zone, for actual times */
	int rt, objective;   /* cross-reference: the group being written */
	int64_t floor_seconds; /* an item's speaking time, summed over its rows */
	export_stats st;     /* loaded once */
	export_attendance att; /* who registered, who came; loaded once */
	export_table people;   /* the participants' annex, as its columns fit */
	chart_row *timing;   /* planned against actual, one row per item */
	size_t n_timing;
	char *words[RS_WORD__COUNT]; /* the meeting's, NULL when unset */
	const char *theme;   /* by theme: the theme being written ("": none) */
	struct {             /* a section opened with its first row */
		const char *id, *title;
		int open;
	} pending;
	unheard_count unheard;
	int unheard_rows;    /* rows of the annex of requests not heard so far */
	/* The item the last annex row named, and its name (item_label): the
	 * rows of one item come together, thousands of them at forum scale. */
	int64_t named_item;
	char item_named[256];
} walk;

static int named(const walk *w)
{
	return w->o->attribution == EXPORT_NAMES;
}

static void oom(walk *w)
{
	if (w->r->rc == RS_OK)
		w->r->rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
}

/* ------------------------------------------------------------------ */
/* Writing through the ops.                                            */

/* s as text, its http(s) links as links (rs_text_find_link). */
static void text_as(walk *w, const char *s, int flags)
{
	size_t at, len;
	while (s && (len = rs_text_find_link(s, &at)) > 0) {
		char *before = strndup(s, at), *url = strndup(s + at, len);
		if (before && url) {
			w->ops->text(w->r, before, flags);
			w->ops->link(w->r, url);
		} else {
			oom(w);
		}
		free(before);
		free(url);
		s += at + len;
	}
	if (s && *s)
		w->ops->text(w->r, s, flags);
}

static void text(walk *w, const char *s)
{
	text_as(w, s, 0);
}

/* Text that keeps its line breaks: notes, descriptions. */
static void lines(walk *w, const char *s)
{
	text_as(w, s, EXPORT_LINES);
}

static void span(walk *w, export_span s)
{
	if (w->ops->span_begin)
		w->ops->span_begin(w->r, s);
}

static void span_end(walk *w)
{
	if (w->ops->span_end)
		w->ops->span_end(w->r);
}

/* " (text)" as tags. */
static void tag(walk *w, const char *s)
{
	text(w, " ");
	span(w, EXPORT_TAGS);
	text(w, "(");
	text(w, s);
	text(w, ")");
	span_end(w);
}

/* The longest an item's name runs, in display columns: a table's column
 * and an entry's tag stay readable. */
#define ITEM_NAME_COLUMNS 40

/* An item as a reader names it outside its own heading: its title's name,
 * what comes before ": " ("Thematic discussion I" of "Thematic discussion
 * I: Assessing the progress, ..."), else its title; either cut after a word
 * with "…" when longer than ITEM_NAME_COLUMNS.  Never its code: the code
 * is how the command line names it, not the report (the JSON keeps it). */
static void item_name(const char *title, char *buf, size_t size)
{
	const char *t = title ? title : "";
	const char *colon = strstr(t, ": ");
	size_t len = colon && colon != t ? (size_t)(colon - t) : strlen(t);
	int cut = rs_text_fit(t, len, ITEM_NAME_COLUMNS, NULL) < len;
	if (cut) {
		size_t fit = rs_text_fit(t, len, ITEM_NAME_COLUMNS - 1, NULL); /* and "…" */
		size_t word = fit;
		while (word > 0 && t[word] != ' ')
			word--;
		len = word > 0 ? word : fit;
		while (len > 0 && strchr(" ,;:", t[len - 1]))
			len--;
	}
	snprintf(buf, size, "%.*s%s", (int)len, t, cut ? "…" : "");
}

/* " (Thematic discussion I)": the item an entry came from, by its name
 * (item_name): the whole title after every entry repeated a hundred
 * characters each time. */
static void item_tag(walk *w, const char *title)
{
	char name[256];
	item_name(title, name, sizeof name);
	tag(w, name);
}

static void section_begin(walk *w, const char *id, const char *cls)
{
	if (w->ops->section_begin)
		w->ops->section_begin(w->r, id, cls);
}

static void section_end(walk *w)
{
	if (w->ops->section_end)
		w->ops->section_end(w->r);
}

static void block(walk *w, export_block b, const char *cls)
{
	w->ops->block_begin(w->r, b, cls, NULL);
}

static void block_end(walk *w)
{
	w->ops->block_end(w->r);
}

/* A paragraph of the walk's own words. */
static void para(walk *w, const char *cls, const char *s)
{
	block(w, EXPORT_PARA, cls);
	text(w, s);
	block_end(w);
}

static void field(walk *w, const char *label)
{
	w->ops->block_begin(w->r, EXPORT_FIELD, NULL, label);
}

static void cell(walk *w, const char *s)
{
	w->ops->cell(w->r, s);
}

/* What put writes, made with printf: the walk's own words and numbers. */
static void putf(walk *w, void (*put)(walk *, const char *), const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void putf(walk *w, void (*put)(walk *, const char *), const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	put(w, buf);
}

/* A code as a reader says it (rs_text_code_words). */
static void code_cell(walk *w, const char *code)
{
	char buf[64];
	rs_text_code_words(code, buf, sizeof buf);
	cell(w, buf);
}

typedef void (*row_fn)(walk *w, store_cursor *c, int n);

typedef struct {
	walk *w;
	row_fn fn;
} walk_rows;

static void walk_row(void *ctx, store_cursor *c, int n)
{
	walk_rows *x = ctx;
	x->fn(x->w, c, n);
}

/* Calls fn on each row of q (n counts from 0); returns the number of rows,
 * or -1 with the failure in w->r->rc. */
static int each(walk *w, store_export_query q, const store_export_args *a, row_fn fn)
{
	walk_rows x = {w, fn};
	return export_each(w->db, &w->r->rc, q, a, walk_row, &x);
}

/* The pending section (a theme's), opened before its first row. */
static void open_pending(walk *w)
{
	if (!w->pending.title || w->pending.open)
		return;
	section_begin(w, w->pending.id, "theme");
	w->ops->heading(w->r, 2, w->pending.title);
	w->pending.open = 1;
}

/* A section of one table: its section, heading and table, before its first
 * row. */
static void table_section(walk *w, const char *id, const char *title, const export_table *t)
{
	section_begin(w, id, NULL);
	w->ops->heading(w->r, 2, title);
	w->ops->table_begin(w->r, t);
}

/* The heading of a part of an item's or a theme's section ("Key points",
 * "Who took the floor"), at w->level: a heading where the format has no
 * way of its own to set it apart from a sub-item's. */
static void part(walk *w, const char *title)
{
	if (w->ops->part)
		w->ops->part(w->r, w->level, title);
	else
		w->ops->heading(w->r, w->level, title);
}

/* The current part's heading and list, before its first row only; then
 * the row's list entry. */
static void list_item(walk *w, int n)
{
	if (n == 0) {
		open_pending(w);
		part(w, w->section);
		w->ops->list_begin(w->r, NULL);
	}
	block(w, EXPORT_ITEM, NULL);
}

/* A person's sector, with the role they came in where it is not their
 * sector's own: "Other relevant stakeholders (organiser)", so that every
 * list of people says whom the balance counts apart. */
static void sector_words(const char *sector, const char *role, char *buf, size_t size)
{
	if (role && strcmp(role, "stakeholder") && strcmp(role, sector ? sector : ""))
		snprintf(buf, size, "%s (%s)", rs_sector_label(sector), rs_role_name(role));
	else
		snprintf(buf, size, "%s", rs_sector_label(sector));
}

/* A person's name as the report writes it, with their title as the
 * programme and the seeds give it: "H.E. Mr. Abdulla Shahid". */
static void person_name(const char *title, const char *name, char *buf, size_t size)
{
	title = export_opt(title);
	snprintf(buf, size, "%s%s%s", title ? title : "", title ? " " : "", name ? name : "");
}

static void name_cell(walk *w, const char *title, const char *name)
{
	char buf[2 * RS_MAX_LINE_BYTES + 2];
	person_name(title, name, buf, sizeof buf);
	cell(w, buf);
}

/* A person named in a sentence with what the speakers' list gives in its
 * columns: "Dr. Name (Organization; Sector)", "Name (Sector)". */
static void person(walk *w, const char *title, const char *name, const char *org,
		   const char *sector, const char *role)
{
	char words[256], who[2 * RS_MAX_LINE_BYTES + 2];
	sector_words(sector, role, words, sizeof words);
	person_name(title, name, who, sizeof who);
	text(w, who);
	text(w, " (");
	if (export_opt(org)) {
		text(w, org);
		text(w, "; ");
	}
	text(w, words);
	text(w, ")");
}

static void party_row(walk *w, store_cursor *c, int n)
{
	if (n > 0)
		text(w, ", ");
	person(w, store_cursor_text(c, EXW_TITLE), store_cursor_text(c, EXW_NAME),
	       store_cursor_text(c, EXW_ORGANIZATION), store_cursor_text(c, EXW_SECTOR),
	       store_cursor_text(c, EXW_ROLE));
}

/* " — by Name (Org; Sector), Name (Sector)", " — by representatives of
 * trade unions and the media", or nothing: whoever outcome id names, as
 * the report's attribution says. */
static void attribute(walk *w, const char *lead, int64_t id, const char *sectors,
		      int64_t parties)
{
	store_export_args a = {.outcome = id};
	if (named(w) && parties > 0) {
		text(w, lead);
		each(w, EXQ_PARTIES, &a, party_row);
	}
	if (w->o->attribution != EXPORT_SECTORS || !sectors || !*sectors)
		return;
	text(w, lead);
	text(w, parties > 1 ? "representatives of " : "a representative of ");
	for (const char *p = sectors; *p;) {
		size_t len = strcspn(p, ",");
		char *code = strndup(p, len);
		if (!code) {
			oom(w);
			return;
		}
		if (p != sectors)
			text(w, p[len] ? ", " : " and ");
		text(w, export_sector_phrase(code));
		free(code);
		p += len + (p[len] == ',');
	}
}

/* ------------------------------------------------------------------ */
/* The title block and the overview.                                   */

static void title_row(walk *w, store_cursor *c, int n)
{
	(void)n;
	const char *date = export_opt(store_cursor_text(c, EXM_DATE));
	const char *start = export_opt(store_cursor_text(c, EXM_FIRST_START));
	const char *end = export_opt(store_cursor_text(c, EXM_LAST_END));
	const char *meeting = store_cursor_text(c, EXM_TITLE);
	const char *report = export_opt(store_cursor_text(c, EXM_REPORT_TITLE));
	const char *subtitle = export_opt(store_cursor_text(c, EXM_REPORT_SUBTITLE));
	char long_date[64], span[128], time[256];
	snprintf(w->tz, sizeof w->tz, "%s", store_cursor_text(c, EXM_TIMEZONE));
	for (int i = 0; i < RS_WORD__COUNT; i++) {
		const char *v = export_opt(store_cursor_text(c, EXM_HOST + i));
		if (v && !(w->words[i] = strdup(v)))
			oom(w);
	}
	export_title t = {.title = report ? report : meeting,
			  .subtitle = subtitle ? subtitle : "Summary report",
			  .meeting = report && strcmp(report, meeting) ? meeting : NULL,
			  .host = w->words[RS_WORD_HOST],
			  .venue = export_opt(store_cursor_text(c, EXM_VENUE))};
	rs_agenda_item it = {0};
	if (w->o->item_id) {
		/* The record of one item is titled by it, in its time, the
		 * meeting's title under it: never the meeting's report. */
		if ((w->r->rc = rs_agenda_get(w->db, w->o->item_id, &it)) != RS_OK)
			return;
		t.meeting = t.title;
		t.title = it.title;
		t.subtitle = "Record of one agenda item";
		start = export_opt(it.start);
		end = export_opt(it.end);
	}
	if (date)
		t.date = export_fmt_long_date(date, long_date, sizeof long_date) ? long_date : date;
	if (start || end) {
		char zone[96];
		export_fmt_time_span(start, end, span, sizeof span);
		export_fmt_zone(w->tz, zone, sizeof zone);
		snprintf(time, sizeof time, "%s (%s)", span, zone);
		t.time = time;
	}
	w->ops->begin(w->r, &t);
	rs_agenda_item_clear(&it);
}

static void title(walk *w)
{
	static const export_title none = {.subtitle = "Summary report"};
	if (each(w, EXQ_MEETING, NULL, title_row) == 0)
		w->ops->begin(w->r, &none);
}

/* "By sector: Academia (5 registered, 2 present), ..." as a list entry:
 * the stakeholders of a dimension, or ("role") those counted apart. */
static void attendance_dim(walk *w, const char *dim, const char *title)
{
	int n = 0;
	for (size_t i = 0; i < w->att.n; i++) {
		const export_att *r = &w->att.rows[i];
		if (strcmp(r->dim, dim) || (!strcmp(dim, "role") && !strcmp(r->key, "stakeholder")))
			continue;
		if (n++ == 0) {
			block(w, EXPORT_ITEM, NULL);
			span(w, EXPORT_STRONG);
			text(w, title);
			span_end(w);
			text(w, " ");
		} else {
			text(w, ", ");
		}
		text(w, export_group_label(r->dim, r->key));
		if (!w->att.recorded)
			putf(w, text, " (%" PRId64 ")", r->registered);
		else if (r->online)
			putf(w, text, " (%" PRId64 " registered, %" PRId64 " present, %" PRId64 " online)",
			     r->registered, r->present, r->online);
		else
			putf(w, text, " (%" PRId64 " registered, %" PRId64 " present)", r->registered,
			     r->present);
	}
	if (n)
		block_end(w);
}

/* A paragraph of the meeting's own words, if it has them. */
static void words(walk *w, rs_meeting_word which, const char *cls)
{
	if (!w->words[which])
		return;
	block(w, EXPORT_PARA, cls);
	lines(w, w->words[which]);
	block_end(w);
}

/* A link as a labelled field: the links make one line where lines are
 * long, a line each in plain text. */
static void link_row(walk *w, store_cursor *c, int n)
{
	const char *label = export_opt(store_cursor_text(c, EXL_LABEL));
	if (n == 0)
		w->ops->fields_begin(w->r);
	field(w, label ? label : "Link");
	w->ops->link(w->r, store_cursor_text(c, EXL_URL));
	block_end(w);
}

/* The meeting's links (its web page, the recording), then the contact
 * line: where to read more, whom to write to. */
static void links_and_contact(walk *w)
{
	if (each(w, EXQ_LINKS, NULL, link_row) > 0)
		w->ops->fields_end(w->r);
	if (!w->words[RS_WORD_CONTACT])
		return;
	block(w, EXPORT_PARA, "contact");
	span(w, EXPORT_STRONG);
	text(w, "Contact:");
	span_end(w);
	text(w, " ");
	lines(w, w->words[RS_WORD_CONTACT]);
	block_end(w);
}

/* The meeting's context and purpose in its own words, who attended, what
 * the report outlines, where to read more. */
static void points_row(walk *w, store_cursor *c, int n)
{
	(void)n;
	w->points = store_cursor_int(c, 0);
}

/* ", 2 of them points of order (procedure, which the balance of the floor
 * leaves out)": so the report's count and the live balance's agree to a
 * reader. */
static void points_of_order(walk *w)
{
	store_export_args a = {.item = w->o->item_id};
	w->points = 0;
	each(w, EXQ_POINTS, &a, points_row);
	if (w->points == 1 && w->st.interventions == 1)
		text(w, " (a point of order)");
	else if (w->points == 1)
		text(w, " (1 of them a point of order)");
	else if (w->points > 1)
		putf(w, text, " (%" PRId64 " of them points of order)", w->points);
}

static void overview(walk *w)
{
	char total[32];
	export_fmt_duration(w->st.seconds, total, sizeof total);
	section_begin(w, "overview", NULL);
	w->ops->heading(w->r, 2, "Overview");
	words(w, RS_WORD_CONTEXT, "context");
	words(w, RS_WORD_PURPOSE, "purpose");
	char attended[2048];
	export_attendance_sentence(&w->att, attended, sizeof attended);
	block(w, EXPORT_PARA, NULL);
	if (w->att.floor)
		text(w, "This is the record of one agenda item of the meeting; its figures count"
			" that item alone. ");
	text(w, attended);
	if (w->st.interventions == 0) {
		if (!w->att.floor) /* "Nobody took the floor on it." */
			text(w, " No interventions were made.");
	} else {
		if (w->st.interventions == 1)
			text(w, " One intervention was made");
		else
			putf(w, text, " %" PRId64 " interventions were made", w->st.interventions);
		points_of_order(w);
		putf(w, text, ", for a total speaking time of %s.", total);
	}
	block_end(w);
	/* Who came is the meeting's: an item's record has its floor alone. */
	if (w->att.registered > 0 && !w->att.floor) {
		para(w, NULL, w->att.recorded ? "Attendance, present against registered:"
					      : "Registration:");
		w->ops->list_begin(w->r, "attendance");
		attendance_dim(w, "sector", "Stakeholders by sector:");
		attendance_dim(w, "region", "By region:");
		attendance_dim(w, "gender", "By gender:");
		attendance_dim(w, "role", "Counted apart:");
		w->ops->list_end(w->r);
	}
	/* What the report outlines is the meeting's report's: an item's
	 * record keeps the meeting's context and purpose, which frame it. */
	if (!w->o->item_id)
		words(w, RS_WORD_INTRODUCTION, "introduction");
	links_and_contact(w);
	section_end(w);
}

/* Who will carry the outcomes to the plenary, near the top of the report
 * under "Rapporteur(s) for the plenary", one paragraph for each role:
 * "Rapporteur: Name (Organization; Sector), nominated by 3 participants."
 * or "Rapporteurs: A (Org; Sector), nominated by 3 participants; B
 * (Sector), nominated by 2." */
static void plenary_row(walk *w, store_cursor *c, int n)
{
	(void)n;
	int64_t tally = store_cursor_int(c, EXN_TALLY), in_role = store_cursor_int(c, EXN_ROLE_N);
	char role[64];
	if (w->selected++ == 0) {
		section_begin(w, "plenary", NULL);
		w->ops->heading(w->r, 2, store_cursor_int(c, EXN_ALL) > 1 ? "Rapporteurs for the plenary"
									: "Rapporteur for the plenary");
	}
	if (store_cursor_int(c, EXN_ROLE_AT) == 1) {
		export_fmt_role(store_cursor_text(c, EXN_ROLE), role, sizeof role);
		block(w, EXPORT_PARA, "selected");
		span(w, EXPORT_STRONG);
		text(w, role); /* "for the plenary" is the heading's */
		if (in_role > 1 && role[0] && role[strlen(role) - 1] != 's')
			text(w, "s");
		text(w, ":");
		span_end(w);
	} else {
		text(w, ";");
	}
	text(w, " ");
	if (named(w)) {
		person(w, store_cursor_text(c, EXN_TITLE), store_cursor_text(c, EXN_NAME),
		       store_cursor_text(c, EXN_ORGANIZATION), store_cursor_text(c, EXN_SECTOR),
		       store_cursor_text(c, EXN_PERSON_ROLE));
	} else {
		text(w, "a representative of ");
		text(w, export_sector_phrase(store_cursor_text(c, EXN_SECTOR)));
	}
	if (tally > 0)
		putf(w, text, ", nominated by %" PRId64 " participant%s", tally, tally == 1 ? "" : "s");
	if (store_cursor_int(c, EXN_ROLE_AT) == in_role) {
		text(w, ".");
		block_end(w);
	}
}

/* Who will carry the outcomes to the plenary; not a word of it in a
 * report that attributes nothing, nor in an item's record (the meeting
 * chose them, not the item). */
static void plenary(walk *w)
{
	if (w->o->attribution == EXPORT_ANONYMOUS || w->o->item_id)
		return;
	each(w, EXQ_SELECTED, NULL, plenary_row);
	if (w->selected)
		section_end(w);
}

/* ------------------------------------------------------------------ */
/* The agenda items.                                                   */

/* " (partnership; GCM objectives 5, 7)": the pledge type and the GCM
 * objectives (the list "5, 7"), either or both; nothing if neither. */
static void tags(walk *w, const char *type, const char *gcm)
{
	int has_gcm = gcm && *gcm;
	if (!type && !has_gcm)
		return;
	text(w, " ");
	span(w, EXPORT_TAGS);
	text(w, "(");
	text(w, type);
	if (has_gcm)
		putf(w, text, "%sGCM objective%s %s", type ? "; " : "", strchr(gcm, ',') ? "s" : "", gcm);
	text(w, ")");
	span_end(w);
}

static void outcome_by(walk *w, store_cursor *c, const char *lead)
{
	attribute(w, lead, store_cursor_int(c, EXO_ID), store_cursor_text(c, EXO_SECTORS),
		  store_cursor_int(c, EXO_PARTIES));
}

/* "Response: The Network responded that ...", on a line of its own. */
static void response_row(walk *w, store_cursor *c, int n)
{
	(void)n;
	w->ops->line_break(w->r);
	span(w, EXPORT_STRONG);
	text(w, "Response:");
	span_end(w);
	text(w, " ");
	lines(w, store_cursor_text(c, EXO_TEXT));
	outcome_by(w, c, " — ");
}

/* The organisers' responses to outcome id, under it. */
static void responses(walk *w, int64_t id)
{
	store_export_args a = {.type = "response", .outcome = id};
	each(w, EXQ_OUTCOMES, &a, response_row);
}

static void outcome_row(walk *w, store_cursor *c, int n)
{
	list_item(w, n);
	lines(w, store_cursor_text(c, EXO_TEXT));
	outcome_by(w, c, " — by ");
	tags(w, store_cursor_text(c, EXO_PLEDGE_TYPE), store_cursor_text(c, EXO_GCM));
	if (w->theme)
		item_tag(w, store_cursor_text(c, EXO_ITEM_TITLE));
	responses(w, store_cursor_int(c, EXO_ID));
	block_end(w);
}

/* Next steps, a section of their own, name the item they came from. */
static void next_step_row(walk *w, store_cursor *c, int n)
{
	if (n == 0) {
		section_begin(w, "next-steps", NULL);
		w->ops->heading(w->r, 2, "Next steps");
		w->ops->list_begin(w->r, NULL);
	}
	block(w, EXPORT_ITEM, NULL);
	lines(w, store_cursor_text(c, EXO_TEXT));
	item_tag(w, store_cursor_text(c, EXO_ITEM_TITLE));
	responses(w, store_cursor_int(c, EXO_ID));
	block_end(w);
}

/* A list under a heading of the outcomes of one type; nothing if none. */
static void outcomes(walk *w, int64_t item, const char *type, const char *title, row_fn fn)
{
	store_export_args a = {.item = item, .type = type, .theme = w->theme};
	w->section = title;
	if (each(w, EXQ_OUTCOMES, &a, fn) > 0)
		w->ops->list_end(w->r);
}

/* A person's sector cell (sector_words). */
static void sector_cell(walk *w, const char *sector, const char *role)
{
	char words[256];
	sector_words(sector, role, words, sizeof words);
	cell(w, words);
}

/* The time cell: "2:00", with the state when the speech is not over. */
static void time_cell(walk *w, store_cursor *c)
{
	char time[64];
	const char *state = store_cursor_text(c, EXS_STATE);
	export_fmt_duration(store_cursor_int(c, EXS_SECONDS), time, sizeof time);
	if (state && strcmp(state, "spoken"))
		snprintf(time + strlen(time), sizeof time - strlen(time), " (%s)", state);
	cell(w, time);
}

/* What a programme speaker spoke as, their slot in the programme, where
 * the report names people (an office names its holder): "Africa regional
 * review", "President of the 76th Session of the United Nations General
 * Assembly"; a slot that names a sector as the sector's label, unless it
 * is the speaker's own sector, which the Sector column gives.  NULL: none
 * to show. */
static const char *slot_words(walk *w, store_cursor *c)
{
	const char *slot = export_opt(store_cursor_text(c, EXS_SLOT));
	const char *sector = slot ? rs_sector_code(slot) : NULL;
	if (!named(w) || !slot)
		return NULL;
	if (!sector)
		return slot;
	const char *own = store_cursor_text(c, EXS_SECTOR);
	return own && !strcmp(sector, own) ? NULL : rs_sector_label(sector);
}

/* "from the floor", or "from the floor, online" for an intervention made
 * online; "panellist", "point of order" (the kind's word); a programme
 * speaker's slot after it: "panellist (Africa regional review)". */
static void kind_cell(walk *w, store_cursor *c)
{
	const char *way = store_cursor_text(c, EXS_PARTICIPATION);
	const rs_kind *k = rs_kind_find(store_cursor_text(c, EXS_KIND));
	const char *slot = slot_words(w, c);
	char code[64], kind[RS_MAX_LINE_BYTES + 128];
	rs_text_code_words(store_cursor_text(c, EXS_KIND), code, sizeof code);
	snprintf(kind, sizeof kind, "%s%s%s%s%s", k ? k->word : code, slot ? " (" : "",
		 slot ? slot : "", slot ? ")" : "", way && !strcmp(way, "online") ? ", online" : "");
	cell(w, kind);
}

static const export_col floor_cols[] = {
	{.label = "Name"}, {.label = "Organization"}, {.label = "Sector"}, {.label = "Kind"},
	{.label = "Time", .num = 1},
};
static const export_table floor_table = {floor_cols, 5, NULL};
/* The same speeches where people are not named. */
static const export_table floor_sector_table = {floor_cols + 2, 3, NULL};

static void floor_row(walk *w, store_cursor *c, int n)
{
	w->floor_seconds += store_cursor_int(c, EXS_SECONDS);
	if (w->o->attribution == EXPORT_ANONYMOUS)
		return;
	if (n == 0) {
		part(w, "Who took the floor");
		w->ops->table_begin(w->r, named(w) ? &floor_table : &floor_sector_table);
	}
	w->ops->row_begin(w->r);
	if (named(w)) {
		name_cell(w, store_cursor_text(c, EXS_TITLE), store_cursor_text(c, EXS_NAME));
		cell(w, store_cursor_text(c, EXS_ORGANIZATION));
	}
	sector_cell(w, store_cursor_text(c, EXS_SECTOR), store_cursor_text(c, EXS_ROLE));
	kind_cell(w, c);
	time_cell(w, c);
	w->ops->row_end(w->r);
}

/* Who took the floor on an item and for how long, as the attribution
 * allows; the count and the time in all, always. */
static void floor_table_of(walk *w, int64_t item)
{
	store_export_args a = {.item = item, .floor_only = 1};
	char total[32];
	w->floor_seconds = 0;
	int n = each(w, EXQ_SPEAKERS, &a, floor_row);
	if (n <= 0)
		return;
	if (w->o->attribution != EXPORT_ANONYMOUS)
		w->ops->table_end(w->r);
	export_fmt_duration(w->floor_seconds, total, sizeof total);
	block(w, EXPORT_PARA, "meta");
	putf(w, text, "%d intervention%s, %s in all.", n, n == 1 ? "" : "s", total);
	block_end(w);
}

/* " (actual 10:32–12:58)" beside the planned time, once the item started,
 * or " (actual from 15:03)" while it goes on; an item reopened sat more
 * than once: " (actual 15:03–17:15, 18:05–18:08)", not the span of what
 * ran between. */
static void actual(walk *w, int64_t item)
{
	rs_sitting *v;
	size_t n;
	rs_status rc = rs_agenda_sittings(w->db, item, &v, &n);
	if (rc) {
		if (w->r->rc == RS_OK)
			w->r->rc = rc;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char from[16], to[16] = "", span[64];
		export_fmt_clock(w->tz, v[i].started_at, from, sizeof from);
		if (v[i].ended_at >= 0)
			export_fmt_clock(w->tz, v[i].ended_at, to, sizeof to);
		export_fmt_time_span(from, *to ? to : NULL, span, sizeof span);
		putf(w, text, "%s%s", i ? ", " : " (actual ", span);
	}
	if (n)
		text(w, ")");
	free(v);
}

static void item_meta(walk *w, store_cursor *c)
{
	const char *start = export_opt(store_cursor_text(c, EXI_START));
	const char *end = export_opt(store_cursor_text(c, EXI_END));
	/* A moderator is a person; the programme's description is its own
	 * (future tense), shown only where asked for. */
	const char *moderator = named(w) ? export_opt(store_cursor_text(c, EXI_MODERATOR)) : NULL;
	const char *description =
		w->o->descriptions ? export_opt(store_cursor_text(c, EXI_DESCRIPTION)) : NULL;
	char span[128];
	if (start || end || moderator) {
		w->ops->fields_begin(w->r);
		if (start || end) {
			field(w, "Time");
			export_fmt_time_span(start, end, span, sizeof span);
			text(w, span);
			actual(w, store_cursor_int(c, EXI_ID));
			block_end(w);
		}
		if (moderator) {
			field(w, "Moderator");
			text(w, moderator);
			block_end(w);
		}
		w->ops->fields_end(w->r);
	}
	if (description) {
		block(w, EXPORT_PARA, "description");
		lines(w, description);
		block_end(w);
	}
}

/* Minutes since midnight of "HH:MM"; -1 if s holds no time. */
static int64_t clock_minutes(const char *s)
{
	int h, m;
	if (!s || sscanf(s, "%2d:%2d", &h, &m) != 2 || h > 23 || m > 59)
		return -1;
	return h * 60 + m;
}

/* An item with a planned or an actual duration joins the timing annex:
 * v[0] the planned seconds, v[1] the actual ones, its sittings added up
 * (-1: none). */
static void timing_add(walk *w, store_cursor *c)
{
	int64_t from = clock_minutes(export_opt(store_cursor_text(c, EXI_START)));
	int64_t to = clock_minutes(export_opt(store_cursor_text(c, EXI_END)));
	int held = store_cursor_text(c, EXI_ACTUAL_SECONDS) != NULL;
	int64_t planned = from >= 0 && to > from ? (to - from) * 60 : -1;
	int64_t actual = held ? store_cursor_int(c, EXI_ACTUAL_SECONDS) : -1;
	if (planned < 0 && actual < 0)
		return;
	chart_row *v = realloc(w->timing, (w->n_timing + 1) * sizeof *v);
	if (!v) {
		oom(w);
		return;
	}
	w->timing = v;
	chart_row *r = &v[w->n_timing];
	*r = (chart_row){.v = {planned, actual < 0 ? -1 : actual, -1}};
	if (!(r->label = export_inert(store_cursor_text(c, EXI_TITLE), 0)))
		oom(w);
	w->n_timing++;
}

/* An item joins the timing annex whatever the body shows. */
static void timing_row_of(walk *w, store_cursor *c, int n)
{
	(void)n;
	timing_add(w, c);
}

static void item(walk *w, store_cursor *c, int n)
{
	(void)n;
	int64_t id = store_cursor_int(c, EXI_ID);
	int depth = (int)store_cursor_int(c, EXI_DEPTH);
	int level = w->o->item_id ? 2 : 2 + (depth < 2 ? depth : 2);
	char sid[32];
	timing_add(w, c);
	if (!store_cursor_int(c, EXI_SHOWN))
		return; /* nothing under it to show: no heading */
	snprintf(sid, sizeof sid, "item-%" PRId64, id);
	section_begin(w, sid, "item");
	w->ops->heading(w->r, level, store_cursor_text(c, EXI_TITLE));
	item_meta(w, c);
	w->level = level + 1;
	outcomes(w, id, "note", "Key points", outcome_row);
	floor_table_of(w, id);
	outcomes(w, id, "recommendation", "Recommendations", outcome_row);
	outcomes(w, id, "pledge", "Pledges", outcome_row);
	section_end(w);
}

/* One theme's key points, recommendations and pledges across the items,
 * under a heading of its own if it has any. */
static void theme_body(walk *w, const char *theme, const char *title, const char *id)
{
	w->theme = theme;
	w->pending.id = id;
	w->pending.title = title;
	w->pending.open = 0;
	w->level = 3;
	outcomes(w, w->o->item_id, "note", "Key points", outcome_row);
	outcomes(w, w->o->item_id, "recommendation", "Recommendations", outcome_row);
	outcomes(w, w->o->item_id, "pledge", "Pledges", outcome_row);
	if (w->pending.open)
		section_end(w);
	w->pending.title = NULL;
	w->theme = NULL;
}

static void theme_row(walk *w, store_cursor *c, int n)
{
	char id[32];
	snprintf(id, sizeof id, "theme-%d", n + 1);
	char *theme = strdup(store_cursor_text(c, EXH_THEME));
	if (!theme) {
		oom(w);
		return;
	}
	theme_body(w, theme, theme, id);
	free(theme);
}

/* The body: one section per agenda item, or per theme across the items
 * (then those with no theme), as the report is organised. */
static void body(walk *w)
{
	store_export_args a = {.item = w->o->item_id, .attribution = w->o->attribution,
			       .descriptions = w->o->descriptions};
	if (w->o->organise != EXPORT_BY_THEME) {
		each(w, EXQ_ITEMS, &a, item);
		return;
	}
	each(w, EXQ_ITEMS, &a, timing_row_of);
	each(w, EXQ_THEMES, &a, theme_row);
	theme_body(w, "", "Other points", "theme-other");
}

/* ------------------------------------------------------------------ */
/* Nominations and next steps.                                         */

static const export_col nomination_cols[] = {
	{.label = "Nominee"}, {.label = "Organization"}, {.label = "Sector"}, {.label = "Role"},
	{.label = "Nominated by"}, {.label = "Tally", .num = 1}, {.label = "State"},
};
/* Seven columns, one of them a list of names: in plain text each
 * nominee is an entry of a list. */
static const export_table nomination_table = {
	nomination_cols, 7, "- {0} ([{1}; ]{2}) — {3} ({6}), tally {5}; nominated by {4}"};
static const export_col nomination_sector_cols[] = {
	{.label = "Nominee's sector"}, {.label = "Role"}, {.label = "Tally", .num = 1},
	{.label = "State"},
};
static const export_table nomination_sector_table = {nomination_sector_cols, 4, NULL};

static void nomination_row(walk *w, store_cursor *c, int n)
{
	if (n == 0)
		table_section(w, "nominations", "Rapporteur nominations",
			      named(w) ? &nomination_table : &nomination_sector_table);
	w->ops->row_begin(w->r);
	if (named(w)) {
		name_cell(w, store_cursor_text(c, EXN_TITLE), store_cursor_text(c, EXN_NAME));
		cell(w, store_cursor_text(c, EXN_ORGANIZATION));
	}
	sector_cell(w, store_cursor_text(c, EXN_SECTOR), store_cursor_text(c, EXN_PERSON_ROLE));
	cell(w, store_cursor_text(c, EXN_ROLE));
	if (named(w))
		cell(w, store_cursor_text(c, EXN_NOMINATORS));
	putf(w, cell, "%" PRId64, store_cursor_int(c, EXN_TALLY));
	code_cell(w, store_cursor_text(c, EXN_STATE));
	w->ops->row_end(w->r);
}

/* Not a word of the nominations in a report that attributes nothing, nor
 * in an item's record: the meeting's rapporteurs are nominated for it. */
static void nominations(walk *w)
{
	if (w->o->attribution == EXPORT_ANONYMOUS || w->o->item_id ||
	    each(w, EXQ_NOMINATIONS, NULL, nomination_row) <= 0)
		return;
	w->ops->table_end(w->r);
	if (!w->selected)
		para(w, NULL, "No rapporteur has been selected yet.");
	section_end(w);
}

static void next_steps(walk *w)
{
	store_export_args a = {.item = w->o->item_id, .type = "next_step"};
	if (each(w, EXQ_OUTCOMES, &a, next_step_row) > 0) {
		w->ops->list_end(w->r);
		section_end(w);
	}
}

/* ------------------------------------------------------------------ */
/* Cross-reference: recommendations and pledges by GCM objective,       */
/* grouped by IMRF round table.                                         */

/* A heading per round table and a label per objective as they change,
 * each objective's entries a list. */
static void xref_group(walk *w, store_cursor *c, int n)
{
	int rt = (int)store_cursor_int(c, EXG_ROUND_TABLE);
	int objective = (int)store_cursor_int(c, EXG_OBJECTIVE);
	if (n > 0 && rt == w->rt && objective == w->objective)
		return;
	if (n > 0)
		w->ops->list_end(w->r);
	if (n == 0 || rt != w->rt) {
		char title[96];
		export_fmt_round_table(rt, title, sizeof title);
		w->ops->heading(w->r, 3, title);
	}
	block(w, EXPORT_LABEL, NULL);
	putf(w, text, "Objective %d: ", objective);
	text(w, store_cursor_text(c, EXG_TITLE));
	block_end(w);
	w->ops->list_begin(w->r, NULL);
	w->rt = rt;
	w->objective = objective;
}

static void xref_row(walk *w, store_cursor *c, int n)
{
	const char *type = store_cursor_text(c, EXG_TYPE);
	const char *pledge_type = export_opt(store_cursor_text(c, EXG_PLEDGE_TYPE));
	if (n == 0) {
		section_begin(w, "cross-reference", NULL);
		w->ops->heading(w->r, 2, "Cross-reference by GCM objective and IMRF round table");
	}
	xref_group(w, c, n);
	block(w, EXPORT_ITEM, NULL);
	text(w, type && !strcmp(type, "pledge") ? "Pledge: " : "Recommendation: ");
	lines(w, store_cursor_text(c, EXG_TEXT));
	attribute(w, " — ", store_cursor_int(c, EXG_OUTCOME_ID), store_cursor_text(c, EXG_SECTORS),
		  store_cursor_int(c, EXG_PARTIES));
	if (pledge_type)
		tag(w, pledge_type);
	item_tag(w, store_cursor_text(c, EXG_ITEM_TITLE));
	block_end(w);
}

static void cross_reference(walk *w)
{
	store_export_args a = {.item = w->o->item_id};
	if (each(w, EXQ_CROSS_REFERENCE, &a, xref_row) > 0) {
		w->ops->list_end(w->r);
		section_end(w);
	}
}

/* ------------------------------------------------------------------ */
/* The annexes: the speakers' list, the balance, the timing.           */

static const export_col speaker_cols[] = {
	{.label = "No.", .num = 1}, {.label = "Item"}, {.label = "Name"},
	{.label = "Organization"}, {.label = "Sector"}, {.label = "Region"},
	{.label = "Gender"}, {.label = "Kind"}, {.label = "Time", .num = 1},
	{.label = "Language"},
};
/* Nine columns do not fit 78 without breaking every word: in plain text
 * each speech is one numbered entry. */
static const export_table speaker_table = {
	speaker_cols, 10, "{2}[ ({3})] — {4}[, {5}][, {6}] — {1}, {7}[, in {9}], {8}"};
/* Without the Language column, last: no speech's language was recorded,
 * and a column blank on every row says nothing. */
static const export_table speaker_table_unsaid = {
	speaker_cols, 9, "{2}[ ({3})] — {4}[, {5}][, {6}] — {1}, {7}, {8}"};
static const export_col speaker_sector_cols[] = {
	{.label = "No.", .num = 1}, {.label = "Item"}, {.label = "Sector"},
	{.label = "Region"}, {.label = "Gender"}, {.label = "Kind"}, {.label = "Time", .num = 1},
	{.label = "Language"},
};
static const export_table speaker_sector_table = {
	speaker_sector_cols, 8, "{2}[, {3}][, {4}] — {1}, {5}[, in {7}], {6}"};
static const export_table speaker_sector_table_unsaid = {
	speaker_sector_cols, 7, "{2}[, {3}][, {4}] — {1}, {5}, {6}"};

/* The item a speech or a request was on: its code, else its title; a
 * request from the form that named none, "no item". */
static const char *item_label(walk *w, store_cursor *c)
{
	const char *title = export_opt(store_cursor_text(c, EXS_ITEM_TITLE));
	if (!title)
		return "no item"; /* a form's request that named none */
	int64_t id = store_cursor_int(c, EXS_ITEM);
	if (id != w->named_item) {
		item_name(title, w->item_named, sizeof w->item_named);
		w->named_item = id;
	}
	return w->item_named;
}

/* The cells every annex row of a speech or a request starts with: its
 * number, its item, and who it was as the attribution allows. */
static void who_cells(walk *w, store_cursor *c, int n)
{
	putf(w, cell, "%d", n + 1);
	cell(w, item_label(w, c));
	if (named(w)) {
		name_cell(w, store_cursor_text(c, EXS_TITLE), store_cursor_text(c, EXS_NAME));
		cell(w, store_cursor_text(c, EXS_ORGANIZATION));
	}
	sector_cell(w, store_cursor_text(c, EXS_SECTOR), store_cursor_text(c, EXS_ROLE));
	cell(w, rs_balance_label(BAL_REGION, store_cursor_text(c, EXS_REGION)));
	cell(w, rs_gender_of_person(store_cursor_text(c, EXS_GENDER)));
	kind_cell(w, c);
}

static void annex_speaker_row(walk *w, store_cursor *c, int n)
{
	if (n == 0 && w->languages)
		table_section(w, "annex-speakers", "Annex: speakers' list",
			      named(w) ? &speaker_table : &speaker_sector_table);
	else if (n == 0)
		table_section(w, "annex-speakers", "Annex: speakers' list",
			      named(w) ? &speaker_table_unsaid : &speaker_sector_table_unsaid);
	w->ops->row_begin(w->r);
	who_cells(w, c, n);
	time_cell(w, c);
	/* A language is stated where someone said it; the speaker's first
	 * registered one is no record of the speech. */
	const char *lang = store_cursor_text(c, EXS_LANGUAGE);
	int said = store_cursor_int(c, EXS_LANGUAGE_RECORDED) != 0;
	if (w->languages)
		cell(w, lang && said ? rs_language_name(lang) : "");
	w->ops->row_end(w->r);
}

static void languages_row(walk *w, store_cursor *c, int n)
{
	(void)n;
	w->languages = store_cursor_int(c, 0);
}

/* The annexes follow the attribution: no list of speakers where the report
 * attributes nothing. */
static void annex_speakers(walk *w)
{
	store_export_args a = {.item = w->o->item_id, .floor_only = 1};
	if (w->o->attribution == EXPORT_ANONYMOUS)
		return;
	w->languages = 0;
	each(w, EXQ_LANGUAGES, &a, languages_row);
	if (each(w, EXQ_SPEAKERS, &a, annex_speaker_row) > 0) {
		w->ops->table_end(w->r);
		section_end(w);
	}
}

static const export_col unheard_cols[] = {
	{.label = "No.", .num = 1}, {.label = "Item"}, {.label = "Name"},
	{.label = "Organization"}, {.label = "Sector"}, {.label = "Region"},
	{.label = "Gender"}, {.label = "Kind"}, {.label = "State"},
};
static const export_table unheard_table = {
	unheard_cols, 9, "{2}[ ({3})] — {4}[, {5}][, {6}] — {1}, {7}, {8}"};
static const export_col unheard_sector_cols[] = {
	{.label = "No.", .num = 1}, {.label = "Item"}, {.label = "Sector"},
	{.label = "Region"}, {.label = "Gender"}, {.label = "Kind"}, {.label = "State"},
};
static const export_table unheard_sector_table = {
	unheard_sector_cols, 7, "{2}[, {3}][, {4}] — {1}, {5}, {6}"};
static const export_col unheard_count_cols[] = {
	{.label = "Item"}, {.label = "Not reached", .num = 1}, {.label = "Absent", .num = 1},
	{.label = "Withdrawn", .num = 1},
};
static const export_table unheard_count_table = {unheard_count_cols, 4, NULL};

/* What a request that was not heard came to: still waiting when the
 * report was made is "not reached". */
static const char *unheard_state(const char *state)
{
	return state && !strcmp(state, "waiting") ? "not reached" : state;
}

static void unheard_open(walk *w, const export_table *t)
{
	table_section(w, "annex-unheard", "Annex: requests not reached, absent and withdrawn", t);
}

static void unheard_row(walk *w, store_cursor *c, int n)
{
	(void)n;
	if (w->unheard_rows == 0)
		unheard_open(w, named(w) ? &unheard_table : &unheard_sector_table);
	w->ops->row_begin(w->r);
	who_cells(w, c, w->unheard_rows++);
	cell(w, unheard_state(store_cursor_text(c, EXS_STATE)));
	w->ops->row_end(w->r);
}

static void unheard_count_flush(walk *w, unheard_count *k)
{
	if (!k->title)
		return;
	w->ops->row_begin(w->r);
	cell(w, k->title);
	for (int i = 0; i < 3; i++)
		putf(w, cell, "%" PRId64, k->n[i]);
	w->ops->row_end(w->r);
	free(k->title);
	k->title = NULL;
	memset(k->n, 0, sizeof k->n);
}

/* The rows come by item (the requests on no item last, as item 0). */
static void unheard_count_row(walk *w, store_cursor *c, int n)
{
	(void)n;
	unheard_count *k = &w->unheard;
	const char *state = store_cursor_text(c, EXS_STATE);
	if (w->unheard_rows++ == 0)
		unheard_open(w, &unheard_count_table);
	if (!k->title || k->item != store_cursor_int(c, EXS_ITEM)) {
		unheard_count_flush(w, k);
		k->item = store_cursor_int(c, EXS_ITEM);
		if (!(k->title = strdup(item_label(w, c))))
			oom(w);
	}
	k->n[!strcmp(state, "waiting") ? 0 : !strcmp(state, "absent") ? 1 : 2]++;
}

/* The requests to speak that were not heard, by item: never reached,
 * absent when called, withdrawn; then, in the report of the whole meeting,
 * the form's requests that named no item and were put on no list: never
 * reached either. */
static void annex_unheard(walk *w)
{
	store_export_args a = {.item = w->o->item_id, .unheard = 1};
	row_fn fn = w->o->attribution == EXPORT_ANONYMOUS ? unheard_count_row : unheard_row;
	int unplaced = 0;
	each(w, EXQ_SPEAKERS, &a, fn);
	if (!w->o->item_id)
		unplaced = each(w, EXQ_UNPLACED, NULL, fn);
	unheard_count_flush(w, &w->unheard);
	if (w->unheard_rows == 0 || w->r->rc)
		return;
	w->ops->table_end(w->r);
	if (unplaced > 0)
		para(w, "meta", "No item: a request to speak made in the registration form on no"
				" particular item, and put on no item's list.");
	section_end(w);
}

/* A group of stakeholders: its shares are of the stakeholders'. */
static void balance_row(walk *w, const export_stat *r)
{
	const export_stat *all = &w->st.stakeholders;
	char roster[16], iv[16], time[32], time_share[16];
	export_fmt_share(r->registered, all->registered, roster, sizeof roster);
	export_fmt_share(r->interventions, all->interventions, iv, sizeof iv);
	export_fmt_duration(r->seconds, time, sizeof time);
	export_fmt_share(r->seconds, all->seconds, time_share, sizeof time_share);
	w->ops->row_begin(w->r);
	cell(w, export_group_label(r->dim, r->key));
	putf(w, cell, "%" PRId64, r->registered);
	cell(w, roster);
	putf(w, cell, "%" PRId64, r->interventions);
	cell(w, iv);
	cell(w, time);
	cell(w, time_share);
	w->ops->row_end(w->r);
}

/* A group's share of the stakeholders registered, whom the balance counts
 * (not of the roster: the roles counted apart are in it too). */
#define SHARE_OF_STAKEHOLDERS "Share of stakeholders"

/* The balance of one dimension as a chart of shares against the
 * stakeholders', for formats that draw charts. */
static void balance_chart(walk *w, const char *dim, const char *title)
{
	static const char *const series[] = {SHARE_OF_STAKEHOLDERS, "Share of interventions",
					     "Share of speaking time"};
	char id[32];
	chart_row *rows = w->ops->chart ? calloc(w->st.n ? w->st.n : 1, sizeof *rows) : NULL;
	size_t n = 0;
	if (!rows) {
		if (w->ops->chart)
			oom(w);
		return;
	}
	for (size_t i = 0; i < w->st.n && w->r->rc == RS_OK; i++) {
		const export_stat *r = &w->st.rows[i];
		if (strcmp(r->dim, dim))
			continue;
		chart_row *v = &rows[n++];
		if (!(v->label = export_inert(export_group_label(r->dim, r->key), 0)))
			oom(w);
		v->v[0] = chart_permille(r->registered, w->st.stakeholders.registered);
		v->v[1] = chart_permille(r->interventions, w->st.stakeholders.interventions);
		v->v[2] = chart_permille(r->seconds, w->st.stakeholders.seconds);
	}
	snprintf(id, sizeof id, "chart-%s", dim);
	chart_spec s = {.id = id, .kind = "balance", .title = title,
			.caption = "Grey: share of the stakeholders registered; blue: share of "
				   "their interventions; dark blue: share of their speaking time.",
			.series = series, .n_series = 3, .unit = CHART_SHARE,
			.rows = rows, .n_rows = n};
	if (w->r->rc == RS_OK && n > 0)
		w->ops->chart(w->r, &s);
	chart_rows_free(rows, n);
}

static void balance_dim(walk *w, const char *dim, const char *column, const char *chart_title)
{
	const export_col cols[] = {
		{.label = column, .narrow = ""}, {.label = "Registered", .num = 1},
		{.label = SHARE_OF_STAKEHOLDERS, .narrow = "Share", .num = 1},
		{.label = "Interventions", .num = 1}, {.label = "Share", .num = 1},
		{.label = "Speaking time", .narrow = "Time", .num = 1},
		{.label = "Share", .num = 1},
	};
	const export_table t = {cols, 7, NULL};
	char title[32];
	snprintf(title, sizeof title, "By %s", dim);
	w->ops->heading(w->r, 3, title);
	w->ops->table_begin(w->r, &t);
	for (size_t i = 0; i < w->st.n; i++)
		if (!strcmp(w->st.rows[i].dim, dim))
			balance_row(w, &w->st.rows[i]);
	w->ops->table_end(w->r);
	balance_chart(w, dim, chart_title);
}

/* Whom the balance counts, as the overview does: the stakeholders, their
 * share of the interventions and of the time, and those who came in
 * another role counted apart ("20 of the 25 interventions"). */
static void balance_population(walk *w)
{
	const export_stat *k = &w->st.stakeholders;
	char time[32], all[32];
	block(w, EXPORT_PARA, NULL);
	text(w, "The stakeholders' share of the interventions and of the speaking time by sector,"
		" region and gender, against each group's share of the stakeholders registered.");
	if (k->registered < w->st.roster || k->interventions < w->st.interventions) {
		export_fmt_duration(k->seconds, time, sizeof time);
		export_fmt_duration(w->st.seconds, all, sizeof all);
		putf(w, text, " They made %" PRId64 " of the %" PRId64 " interventions (%s of %s);",
		     k->interventions, w->st.interventions, time, all);
		text(w, " those who came as Member States, the United Nations system or organisers"
			" are counted apart, as in the overview.");
	}
	block_end(w);
}

static const export_col apart_cols[] = {
	{.label = "Role", .narrow = ""}, {.label = "Registered", .num = 1},
	{.label = "Interventions", .num = 1}, {.label = "Speaking time", .narrow = "Time", .num = 1},
};
static const export_table apart_table = {apart_cols, 4, NULL};

/* The roles counted apart from the balance, with what they said. */
static void balance_apart(walk *w)
{
	int n = 0;
	for (size_t i = 0; i < w->st.n; i++) {
		const export_stat *r = &w->st.rows[i];
		char time[32];
		if (strcmp(r->dim, "role") || !strcmp(r->key, "stakeholder"))
			continue;
		if (n++ == 0) {
			w->ops->heading(w->r, 3, "Counted apart");
			w->ops->table_begin(w->r, &apart_table);
		}
		export_fmt_duration(r->seconds, time, sizeof time);
		w->ops->row_begin(w->r);
		cell(w, export_group_label(r->dim, r->key));
		putf(w, cell, "%" PRId64, r->registered);
		putf(w, cell, "%" PRId64, r->interventions);
		cell(w, time);
		w->ops->row_end(w->r);
	}
	if (n)
		w->ops->table_end(w->r);
}

/* The balance of the floor: left out where nobody took it (a break, an
 * item not reached yet), with nothing to count but zeros. */
static void annex_balance(walk *w)
{
	if (w->r->rc || w->st.roster == 0 || w->st.interventions == 0)
		return;
	section_begin(w, "annex-balance", NULL);
	w->ops->heading(w->r, 2, "Annex: balance");
	balance_population(w);
	if (w->st.stakeholders.registered > 0) {
		balance_dim(w, "sector", "Sector", "Balance by sector");
		balance_dim(w, "region", "Region", "Balance by region");
		balance_dim(w, "gender", "Gender", "Balance by gender");
	}
	balance_apart(w);
	section_end(w);
}

/* "+5 min", "−3 min" or "0 min": actual less planned. */
static void fmt_difference(int64_t planned, int64_t actual, char *buf, size_t size)
{
	int64_t d = actual - planned;
	char mins[32];
	chart_value(CHART_MINUTES, d < 0 ? -d : d, 0, mins, sizeof mins);
	snprintf(buf, size, "%s%s", d >= 30 ? "+" : d <= -30 ? "−" : "", mins);
}

static const export_col timing_cols[] = {
	{.label = "Agenda item"}, {.label = "Planned", .num = 1},
	{.label = "Actual", .num = 1}, {.label = "Difference", .num = 1},
};
static const export_table timing_table = {timing_cols, 4, NULL};

static void timing_row(walk *w, const chart_row *r)
{
	char planned[32], actual[32], diff[48];
	chart_value(CHART_MINUTES, r->v[0], 0, planned, sizeof planned);
	chart_value(CHART_MINUTES, r->v[1], 0, actual, sizeof actual);
	if (r->v[0] >= 0 && r->v[1] >= 0)
		fmt_difference(r->v[0], r->v[1], diff, sizeof diff);
	else
		snprintf(diff, sizeof diff, "—");
	w->ops->row_begin(w->r);
	cell(w, r->label);
	cell(w, planned);
	cell(w, actual);
	cell(w, diff);
	w->ops->row_end(w->r);
}

/* Planned against actual time per agenda item: a table, and its chart in
 * formats that draw charts. */
static void annex_timing(walk *w)
{
	static const char *const series[] = {"Planned", "Actual"};
	chart_spec s = {.id = "chart-timing", .kind = "timing",
			.title = "Planned against actual time per agenda item",
			.caption = "Grey: the time the programme planned; blue: the time the item "
				   "took, from its opening to its close (each sitting added up where "
				   "it was reopened).",
			.series = series, .n_series = 2, .unit = CHART_MINUTES,
			.rows = w->timing, .n_rows = w->n_timing};
	if (w->r->rc || w->n_timing == 0)
		return;
	section_begin(w, "annex-timing", NULL);
	w->ops->heading(w->r, 2, "Annex: planned and actual time");
	w->ops->table_begin(w->r, &timing_table);
	for (size_t i = 0; i < w->n_timing; i++)
		timing_row(w, &w->timing[i]);
	w->ops->table_end(w->r);
	if (w->ops->chart)
		w->ops->chart(w->r, &s);
	section_end(w);
}

/* The list of participants a secretariat encloses (seed 004: "attended by
 * 96 participants ... (list of participants enclosed)"): those who
 * attended, in the room or online, by name as the roster sorts, and how
 * many more registered; before attendance is recorded, everyone
 * registered.  Not the registered who never came: a list of them, their
 * e-mail addresses with them, is no record of the meeting (the JSON keeps
 * everyone, as data).  Names only where the report names people; e-mail
 * unless --no-contacts. */
static const export_col participant_cols[] = {
	{.label = "No.", .num = 1}, {.label = "Name"}, {.label = "Organization"},
	{.label = "Sector"}, {.label = "Present"}, {.label = "E-mail", .code = 1},
};
static const export_col registered_cols[] = {
	{.label = "No.", .num = 1}, {.label = "Name"}, {.label = "Organization"},
	{.label = "Sector"}, {.label = "E-mail", .code = 1},
};
static const char *const participant_records[] = {
	"{1}[ ({2})] — {3}", "{1}[ ({2})] — {3}[; {4}]", "{1}[ ({2})] — {3}[; {4}][; {5}]",
};

static void participant_row(walk *w, store_cursor *c, int n)
{
	int contacts = !w->o->no_contacts;
	int present = w->att.recorded;
	if (n == 0) {
		w->people.cols = present ? participant_cols : registered_cols;
		w->people.n = 4 + present + contacts;
		w->people.record = participant_records[present + contacts];
		table_section(w, "annex-participants",
			      present ? "Annex: participants" : "Annex: registered participants",
			      &w->people);
	}
	w->ops->row_begin(w->r);
	putf(w, cell, "%d", n + 1);
	name_cell(w, store_cursor_text(c, EXP_TITLE), store_cursor_text(c, EXP_NAME));
	cell(w, store_cursor_text(c, EXP_ORGANIZATION));
	sector_cell(w, store_cursor_text(c, EXP_SECTOR), store_cursor_text(c, EXP_ROLE));
	if (present)
		cell(w, rs_participation_label(store_cursor_text(c, EXP_PARTICIPATION)));
	if (contacts)
		cell(w, store_cursor_text(c, EXP_EMAIL));
	w->ops->row_end(w->r);
}

static void annex_participants(walk *w)
{
	store_export_args a = {.no_contacts = w->o->no_contacts, .attended = w->att.recorded};
	int64_t absent = w->att.registered - w->att.present;
	if (!named(w) || w->o->item_id || each(w, EXQ_PARTICIPANTS, &a, participant_row) <= 0)
		return;
	w->ops->table_end(w->r);
	if (w->att.recorded && absent > 0) {
		block(w, EXPORT_PARA, "meta");
		putf(w, text, "%" PRId64 " participant%s attended; %" PRId64 " more registered but did"
			      " not attend.", w->att.present, w->att.present == 1 ? "" : "s", absent);
		block_end(w);
	}
	section_end(w);
}

/* ------------------------------------------------------------------ */

rs_status export_walk(rs_db *db, const rs_export_opts *o, const export_ops *ops, export_out *r)
{
	walk w = {.db = db, .o = o, .ops = ops, .r = r};
	title(&w);
	if (r->rc == RS_OK)
		r->rc = export_stats_load(db, o->item_id, &w.st);
	if (r->rc == RS_OK)
		r->rc = export_attendance_load(db, o->item_id, &w.att);
	if (r->rc == RS_OK)
		overview(&w);
	plenary(&w);
	body(&w);
	nominations(&w);
	next_steps(&w);
	cross_reference(&w);
	annex_speakers(&w);
	annex_unheard(&w);
	annex_balance(&w);
	annex_timing(&w);
	annex_participants(&w);
	ops->end(r);
	export_stats_free(&w.st);
	export_attendance_free(&w.att);
	chart_rows_free(w.timing, w.n_timing);
	for (int i = 0; i < RS_WORD__COUNT; i++)
		free(w.words[i]);
	return r->rc ? r->rc : export_check_written(r->f);
}
