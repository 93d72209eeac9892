/* The programme file (`rostrum import agenda FILE`), read with libconfuse:
 *
 *     title = "International Migration Review Forum: ..."   # optional,
 *     date  = "2022-05-16"                                   # for `demo`
 *     venue = "Conference Room 4, United Nations Headquarters"
 *
 *     item "opening" {
 *             title = "Opening segment"
 *             kind  = "opening"          # default "session"
 *             start = "10:00"
 *             end   = "10:30"
 *             moderator = "..."
 *             description = "..."        # may be wrapped over lines
 *             item "opening-pga" { title = "..." }
 *     }
 *
 * One `item "CODE"` section per agenda item, in programme order; sections
 * nest (up to four levels) for sub-items.  Only `title` is required.  Line
 * breaks and runs of spaces inside title, moderator and description fold
 * into one space.  The import adds items only; title, date and venue are
 * read by rs_programme_meeting.
 *
 * libconfuse keeps no line numbers for options, and a section's own line is
 * where the parser stood when it closed.  So the file is also scanned here
 * for the line of each `item` header and of each option in it, and every
 * error reads "FILE:LINE: message". */
#include <confuse.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agenda_check.h"
#include "cfgfile.h"
#include "floor.h"
#include "rostrum/clock.h"
#include "rostrum/import.h"
#include "rostrum/queue.h"
#include "rostrum/text.h"
#include "storage.h"

#define ITEM_MAX_DEPTH 4

enum { OPT_TITLE, OPT_KIND, OPT_START, OPT_END, OPT_MODERATOR, OPT_DESCRIPTION, OPT_POLICY,
       OPT__COUNT };
static const char *const item_opt_names[OPT__COUNT] = {
	"title", "kind", "start", "end", "moderator", "description", "policy",
};

/* A programme speaker: `speaker "WHO" { ... }` inside an item, WHO an
 * email or a name on the roster.  The other options describe the person,
 * so that the programme can add someone the roster lacks. */
enum { SP_KIND, SP_SLOT, SP_NAME, SP_TITLE, SP_ORGANIZATION, SP_SECTOR, SP_REGION, SP_COUNTRY,
       SP_GENDER, SP_EMAIL, SP_ACCREDITATION, SP_LANGUAGES, SP_ROLE, SP__COUNT };
static const char *const speaker_opt_names[SP__COUNT] = {
	"kind", "slot", "name", "title", "organization", "sector", "region", "country",
	"gender", "email", "accreditation", "languages", "role",
};

static cfg_opt_t speaker_opts[] = {
	CFG_STR("kind", NULL, CFGF_NONE),    CFG_STR("slot", NULL, CFGF_NONE),
	CFG_STR("name", NULL, CFGF_NONE),    CFG_STR("title", NULL, CFGF_NONE),
	CFG_STR("organization", NULL, CFGF_NONE), CFG_STR("sector", NULL, CFGF_NONE),
	CFG_STR("region", NULL, CFGF_NONE),  CFG_STR("country", NULL, CFGF_NONE),
	CFG_STR("gender", NULL, CFGF_NONE),  CFG_STR("email", NULL, CFGF_NONE),
	CFG_STR("accreditation", NULL, CFGF_NONE), CFG_STR("languages", NULL, CFGF_NONE),
	CFG_STR("role", NULL, CFGF_NONE),
	CFG_END(),
};

#define ITEM_OPTS                                                              \
	CFG_STR("title", NULL, CFGF_NONE), CFG_STR("kind", NULL, CFGF_NONE),   \
		CFG_STR("start", NULL, CFGF_NONE), CFG_STR("end", NULL, CFGF_NONE), \
		CFG_STR("moderator", NULL, CFGF_NONE),                         \
		CFG_STR("description", NULL, CFGF_NONE),                       \
		CFG_STR("policy", NULL, CFGF_NONE),                            \
		CFG_SEC("speaker", speaker_opts, CFGF_MULTI | CFGF_TITLE)
#define ITEM_SEC(sub) CFG_SEC("item", sub, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES)

/* libconfuse copies option tables and would recurse forever on a table
 * that contains itself, so each nesting level has its own. */
static cfg_opt_t item4_opts[] = {ITEM_OPTS, CFG_END()};
static cfg_opt_t item3_opts[] = {ITEM_OPTS, ITEM_SEC(item4_opts), CFG_END()};
static cfg_opt_t item2_opts[] = {ITEM_OPTS, ITEM_SEC(item3_opts), CFG_END()};
static cfg_opt_t item1_opts[] = {ITEM_OPTS, ITEM_SEC(item2_opts), CFG_END()};
static cfg_opt_t link_opts[] = {CFG_STR("url", NULL, CFGF_NONE), CFG_END()};
/* The meeting's words (rs_meeting_word_name), in its order. */
static cfg_opt_t top_opts[] = {
	CFG_STR("title", NULL, CFGF_NONE),
	CFG_STR("date", NULL, CFGF_NONE),
	CFG_STR("venue", NULL, CFGF_NONE),
	CFG_STR("timezone", NULL, CFGF_NONE),
	CFG_STR("host", NULL, CFGF_NONE),
	CFG_STR("context", NULL, CFGF_NONE),
	CFG_STR("purpose", NULL, CFGF_NONE),
	CFG_STR("introduction", NULL, CFGF_NONE),
	CFG_STR("contact", NULL, CFGF_NONE),
	CFG_STR("report_title", NULL, CFGF_NONE),
	CFG_STR("report_subtitle", NULL, CFGF_NONE),
	CFG_SEC("link", link_opts, CFGF_MULTI | CFGF_TITLE),
	ITEM_SEC(item1_opts),
	CFG_END(),
};

/* Where an item and its options are in the file. */
typedef struct {
	int header;          /* line of `item "CODE"` */
	int opt[OPT__COUNT]; /* line of each option, 0 when absent */
	const char *code;    /* set by the import's walk; owned by the cfg */
} item_lines;

/* Where a speaker and its options are, and whose item it is. */
typedef struct {
	int header;
	int opt[SP__COUNT];
	int item; /* index into the items, file order */
} speaker_lines;

/* A parsed programme file; programme_free releases it. */
typedef struct {
	cfg_t *cfg;
	item_lines *items; /* file order, which is depth-first order */
	size_t n_items;
	speaker_lines *speakers; /* file order */
	size_t n_speakers;
	int date_line, timezone_line;
	int link_line[RS_MAX_LINKS]; /* of each `link "LABEL"`, file order */
	size_t n_link_lines;
	cfgfile file; /* where reports go */
} programme;

static void programme_free(programme *p)
{
	if (p->cfg)
		cfg_free(p->cfg);
	free(p->items);
	free(p->speakers);
	p->cfg = NULL;
	p->items = NULL;
	p->speakers = NULL;
	p->n_items = p->n_speakers = 0;
}

/* ---- Line scanner ----------------------------------------------------- */

/* Tokens as libconfuse reads them, reduced to what locating needs. */
typedef enum { TOK_END, TOK_WORD, TOK_STRING, TOK_PUNCT } tok_kind;
typedef struct {
	tok_kind kind;
	const char *s;
	size_t len;
	int line;
} token;
typedef struct {
	const char *p;
	int line;
} lexer;

static void skip_to(lexer *lx, const char *stop)
{
	for (; lx->p < stop; lx->p++)
		if (*lx->p == '\n')
			lx->line++;
}

static void skip_blanks(lexer *lx)
{
	for (;;) {
		const char *p = lx->p;
		if (isspace((unsigned char)*p)) {
			skip_to(lx, p + 1);
		} else if (*p == '#' || (p[0] == '/' && p[1] == '/')) {
			lx->p += strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");
			skip_to(lx, e ? e + 2 : p + strlen(p));
		} else {
			return;
		}
	}
}

static token next_token(lexer *lx)
{
	skip_blanks(lx);
	token t = {TOK_END, lx->p, 0, lx->line};
	char c = *lx->p;
	if (!c)
		return t;
	if (c == '"' || c == '\'') {
		const char *q = lx->p + 1;
		while (*q && *q != c)
			q += (*q == '\\' && q[1]) ? 2 : 1;
		t.kind = TOK_STRING;
		t.s = lx->p + 1;
		t.len = (size_t)(q - t.s);
		skip_to(lx, *q ? q + 1 : q);
	} else if (strchr("{}=,()+", c)) {
		t.kind = TOK_PUNCT;
		t.len = 1;
		lx->p++;
	} else {
		t.kind = TOK_WORD;
		t.len = strcspn(lx->p, " \t\r\n\"'{}=,()+#");
		lx->p += t.len;
	}
	return t;
}

static int tok_is(const token *t, tok_kind kind, const char *s)
{
	return t->kind == kind && t->len == strlen(s) && !strncmp(t->s, s, t->len);
}

/* Appends a zeroed element of `size` bytes to *v (n used, cap room);
 * returns its index, -1 without memory. */
static int grow(void **v, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 32;
		void *nv = realloc(*v, c * size);
		if (!nv)
			return -1;
		*v = nv;
		*cap = c;
	}
	memset((char *)*v + *n * size, 0, size);
	return (int)(*n)++;
}

/* What a `{` opened: an item or a speaker (by index), or the file. */
typedef struct {
	int item, speaker;
} scope;

/* Records the line of an option key in scope `in`. */
static void note_key(programme *p, scope in, const token *t)
{
	if (in.speaker >= 0) {
		for (int o = 0; o < SP__COUNT; o++)
			if (tok_is(t, TOK_WORD, speaker_opt_names[o]))
				p->speakers[in.speaker].opt[o] = t->line;
	} else if (in.item >= 0) {
		for (int o = 0; o < OPT__COUNT; o++)
			if (tok_is(t, TOK_WORD, item_opt_names[o]))
				p->items[in.item].opt[o] = t->line;
	} else if (tok_is(t, TOK_WORD, "date")) {
		p->date_line = t->line;
	} else if (tok_is(t, TOK_WORD, "timezone")) {
		p->timezone_line = t->line;
	}
}

/* Fills p->items and p->speakers from the text of a file libconfuse has
 * accepted. */
static rs_status scan_lines(const char *text, programme *p)
{
	lexer lx = {text, 1};
	scope stack[ITEM_MAX_DEPTH + 2], pending = {-1, -1}, top = {-1, -1};
	int depth = 0;
	size_t item_cap = 0, speaker_cap = 0;
	token prev = {TOK_PUNCT, "{", 1, 0};
	for (token t; (t = next_token(&lx)).kind != TOK_END; prev = t) {
		int is_key = t.kind == TOK_WORD && !tok_is(&prev, TOK_PUNCT, "=") &&
			     !tok_is(&prev, TOK_WORD, "item") && !tok_is(&prev, TOK_WORD, "speaker");
		scope here = depth ? stack[depth - 1 < ITEM_MAX_DEPTH + 1 ? depth - 1
									 : ITEM_MAX_DEPTH + 1]
				   : top;
		if (tok_is(&t, TOK_PUNCT, "{")) {
			if (depth <= ITEM_MAX_DEPTH + 1)
				stack[depth] = pending;
			depth++;
			pending = (scope){-1, -1};
		} else if (tok_is(&t, TOK_PUNCT, "}")) {
			depth -= depth > 0;
		} else if (is_key && tok_is(&t, TOK_WORD, "item")) {
			pending.speaker = -1;
			pending.item = grow((void **)&p->items, &p->n_items, &item_cap,
					    sizeof *p->items);
			if (pending.item < 0)
				return rs_fail(RS_ERR_RUNTIME, "out of memory");
			p->items[pending.item].header = t.line;
		} else if (is_key && depth == 0 && tok_is(&t, TOK_WORD, "link")) {
			if (p->n_link_lines < RS_MAX_LINKS)
				p->link_line[p->n_link_lines++] = t.line;
		} else if (is_key && tok_is(&t, TOK_WORD, "speaker") && here.speaker < 0) {
			pending.item = here.item;
			pending.speaker = grow((void **)&p->speakers, &p->n_speakers, &speaker_cap,
					       sizeof *p->speakers);
			if (pending.speaker < 0)
				return rs_fail(RS_ERR_RUNTIME, "out of memory");
			p->speakers[pending.speaker].header = t.line;
			p->speakers[pending.speaker].item = here.item;
		} else if (is_key && depth <= ITEM_MAX_DEPTH + 1) {
			note_key(p, here, &t);
		}
	}
	return RS_OK;
}

/* ---- Loading ---------------------------------------------------------- */

static rs_status check_top(programme *p)
{
	const char *path = p->file.path;
	const char *date = cfg_getstr(p->cfg, "date");
	if (date && !rs_valid_date(date)) {
		cfgfile_report(&p->file, p->date_line, "date '%s' is not a date (YYYY-MM-DD)", date);
		return rs_fail(RS_ERR_INVALID, "%s: bad date; nothing imported", path);
	}
	const char *tz = cfg_getstr(p->cfg, "timezone");
	if (tz && !rs_valid_timezone(tz)) {
		cfgfile_report(&p->file, p->timezone_line,
		       "timezone '%s' is not a time zone (UTC, or a name such as America/New_York)",
		       tz);
		return rs_fail(RS_ERR_INVALID, "%s: bad time zone; nothing imported", path);
	}
	if (cfg_size(p->cfg, "link") > RS_MAX_LINKS) {
		cfgfile_report(&p->file, p->link_line[RS_MAX_LINKS - 1], "more than %d links",
			       RS_MAX_LINKS);
		return rs_fail(RS_ERR_INVALID, "%s: too many links; nothing imported", path);
	}
	for (unsigned i = 0; i < cfg_size(p->cfg, "link"); i++) {
		cfg_t *l = cfg_getnsec(p->cfg, "link", i);
		const char *url = cfg_getstr(l, "url");
		if (rs_text_link_valid(url))
			continue;
		cfgfile_report(&p->file, i < p->n_link_lines ? p->link_line[i] : 0,
			       "link '%s': url '%s' is not an http:// or https:// link", cfg_title(l),
			       url ? url : "");
		return rs_fail(RS_ERR_INVALID, "%s: bad link; nothing imported", path);
	}
	if (cfg_size(p->cfg, "item") == 0) {
		cfgfile_report(&p->file, 0, "no agenda items (item \"CODE\" { title = \"...\" })");
		return rs_fail(RS_ERR_INVALID, "%s: no agenda items; nothing imported", path);
	}
	return RS_OK;
}

/* Parses and checks the file's syntax and top-level options, reporting
 * every problem on err.  *p is the caller's on success. */
static rs_status programme_load(const char *path, FILE *err, programme *p)
{
	char *text = NULL;
	memset(p, 0, sizeof *p);
	p->file = (cfgfile){.path = path, .err = err};
	rs_status rc = cfgfile_read(&p->file, RS_MAX_PROGRAMME_BYTES, 0, &text);
	/* Its problem is on err as FILE:LINE; what the command says after it
	 * is the outcome, as after a parse's errors (not the line again). */
	if (rc && p->file.errors && err)
		return rs_fail(rc, "%s: nothing imported", path);
	if (rc)
		return rc;
	if (!(p->cfg = cfg_init(top_opts, CFGF_NONE))) {
		free(text);
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	if (cfgfile_parse(&p->file, p->cfg, text) == RS_OK)
		rc = scan_lines(text, p);
	else
		rc = rs_fail(RS_ERR_INVALID, "%s: not a valid programme file; nothing imported",
			     path);
	free(text);
	if (rc == RS_OK)
		rc = check_top(p);
	if (rc)
		programme_free(p);
	return rc;
}

/* A copy of s with each run of white space folded into one space and the
 * ends trimmed; NULL stays NULL.  The caller frees; sets *oom on failure. */
static char *fold_space(const char *s, int *oom)
{
	if (!s)
		return NULL;
	char *out = malloc(strlen(s) + 1), *o = out;
	if (!out) {
		*oom = 1;
		return NULL;
	}
	for (const char *p = s; *p; p++) {
		if (!isspace((unsigned char)*p))
			*o++ = *p;
		else if (o > out && !isspace((unsigned char)p[1]) && p[1])
			*o++ = ' ';
	}
	*o = '\0';
	return out;
}

/* ---- Import ----------------------------------------------------------- */

typedef struct {
	rs_db *db;
	programme *p;
	size_t next; /* file-order index of the next item */
	int errors, added, speakers, people;
	int64_t now;
} walk;

static int line_of(const item_lines *ln, const char *field)
{
	if (!ln)
		return 0;
	for (int o = 0; field && o < OPT__COUNT; o++)
		if (!strcmp(field, item_opt_names[o]) && ln->opt[o])
			return ln->opt[o];
	return ln->header;
}

/* An item before the idx-th in the file with this code, NULL if none. */
static const item_lines *earlier_use(const walk *w, size_t idx, const char *code)
{
	for (size_t i = 0; i < idx && i < w->p->n_items; i++)
		if (w->p->items[i].code && !strcmp(w->p->items[i].code, code))
			return &w->p->items[i];
	return NULL;
}

/* Checks one item and, when it and its parent are good, adds it (*id). */
static rs_status check_and_add(walk *w, rs_agenda_new *in, const item_lines *ln,
			       int insert, int64_t *id)
{
	const char *field = "code";
	const item_lines *first = earlier_use(w, w->next - 1, in->code);
	rs_status rc = first ? rs_fail(RS_ERR_INVALID, "code '%s' is already used at line %d",
				       in->code, first->header)
			     : agenda_check(w->db, in, &field);
	if (rc == RS_ERR_INVALID) {
		cfgfile_report(&w->p->file, line_of(ln, field), "item '%s': %s", in->code, rs_error());
		w->errors++;
		return RS_OK;
	}
	if (rc == RS_OK && insert && (rc = store_agenda_insert(w->db, in, 0, id)) == RS_OK)
		w->added++;
	return rc;
}

/* ---- Programme speakers ------------------------------------------------ */

/* The n-th speaker section of the item at file index item (NULL if the
 * scanner did not see it: no line, then). */
static const speaker_lines *speaker_at(const programme *p, int item, unsigned n)
{
	for (size_t i = 0; i < p->n_speakers; i++)
		if (p->speakers[i].item == item && n-- == 0)
			return &p->speakers[i];
	return NULL;
}

static int speaker_line(const speaker_lines *ln, int opt)
{
	return !ln ? 0 : opt >= 0 && ln->opt[opt] ? ln->opt[opt] : ln->header;
}

static int speaker_opt(const char *field)
{
	for (int o = 0; field && o < SP__COUNT; o++)
		if (!strcmp(field, speaker_opt_names[o]))
			return o;
	return field && !strcmp(field, "organization") ? SP_ORGANIZATION : -1;
}

/* A programme speaker's kind from the item's when the file gives none. */
static const char *default_kind(const char *item_kind)
{
	if (item_kind && (!strcmp(item_kind, "opening") || !strcmp(item_kind, "closing")))
		return item_kind;
	return item_kind && !strcmp(item_kind, "reflection") ? "summary" : "panel";
}

/* Who the speaker is: an email or a name on the roster (or added earlier
 * by this file); *id = 0 when nobody. */
static rs_status find_speaker(rs_db *db, const char *who, const char *email, int64_t *id)
{
	*id = 0;
	rs_status rc = RS_OK;
	if (email && *email)
		rc = store_stakeholder_by_email(db, email, id);
	if (rc == RS_OK && !*id && strchr(who, '@'))
		rc = store_stakeholder_by_email(db, who, id);
	else if (rc == RS_OK && !*id && (rc = store_stakeholder_named(db, who, id)) == RS_OK &&
		 *id < 0)
		rc = rs_fail(RS_ERR_INVALID,
			     "more than one person on the roster is called '%s': give an email", who);
	return rc;
}

/* Adds the person a speaker section describes; *field names the option at
 * fault when the description is not enough or not valid. */
static rs_status add_speaker_person(rs_db *db, cfg_t *sp, const char *who, int64_t *id,
				    const char **field)
{
	int by_email = strchr(who, '@') != NULL;
	const char *name = cfg_getstr(sp, "name");
	if (!cfg_getstr(sp, "sector") || (by_email && !name)) {
		*field = by_email && !name ? "name" : "sector";
		return rs_fail(RS_ERR_INVALID,
			       "'%s' is not on the roster: import the roster first, or give %s to "
			       "add them",
			       who, by_email ? "name and sector" : "sector");
	}
	const char *v[] = {by_email ? name : who, cfg_getstr(sp, "title"),
			   cfg_getstr(sp, "organization"), cfg_getstr(sp, "sector"),
			   cfg_getstr(sp, "region"), cfg_getstr(sp, "country"),
			   cfg_getstr(sp, "gender"), by_email ? who : cfg_getstr(sp, "email"),
			   cfg_getstr(sp, "accreditation"), cfg_getstr(sp, "languages"),
			   cfg_getstr(sp, "role")};
	rs_stakeholder s = {0};
	char **slot[] = {&s.name,    &s.title,  &s.organization, &s.sector,
			 &s.region,  &s.country, &s.gender,      &s.email,
			 &s.accreditation, &s.languages, &s.role};
	int oom = 0;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		oom |= !(*slot[i] = strdup(v[i] ? v[i] : ""));
	s.registered_at = -1;
	rs_status rc = oom ? rs_fail(RS_ERR_RUNTIME, "out of memory")
			   : rs_stakeholder_normalise(&s, field);
	if (rc == RS_OK)
		rc = store_stakeholder_insert(db, &s, id);
	rs_stakeholder_clear(&s);
	return rc;
}

/* One `speaker "WHO" { ... }` of item item_id (0 when the item failed its
 * checks: the speaker is checked, not queued).  Problems are reported
 * with their line and counted; only a failing database stops the walk. */
static rs_status import_speaker(walk *w, cfg_t *sp, const speaker_lines *ln,
				const char *item_kind, int64_t item_id)
{
	const char *who = cfg_title(sp), *field = NULL;
	const char *kind = cfg_getstr(sp, "kind") ? cfg_getstr(sp, "kind")
						  : default_kind(item_kind);
	int oom = 0;
	char *slot = fold_space(cfg_getstr(sp, "slot"), &oom);
	int64_t id = 0, entry;
	rs_status rc = oom ? rs_fail(RS_ERR_RUNTIME, "out of memory") : RS_OK;
	if (rc == RS_OK && !rs_kind_is_programme(kind)) {
		field = "kind";
		rc = rs_fail(RS_ERR_INVALID,
			     "kind '%s' is not a programme speaker's (opening, panel, summary, "
			     "closing)",
			     kind);
	}
	if (rc == RS_OK)
		rc = find_speaker(w->db, who, cfg_getstr(sp, "email"), &id);
	if (rc == RS_OK && !id && (rc = add_speaker_person(w->db, sp, who, &id, &field)) == RS_OK)
		w->people++;
	rs_queue_new in = {.item_id = item_id, .stakeholder_id = id, .kind = kind, .slot = slot};
	if (rc == RS_OK && item_id > 0 && (rc = queue_add_within(w->db, &in, w->now, &entry)) ==
						  RS_OK)
		w->speakers++;
	free(slot);
	if (rc == RS_ERR_INVALID) {
		cfgfile_report(&w->p->file, speaker_line(ln, speaker_opt(field)), "speaker '%s': %s", who,
		       rs_error());
		w->errors++;
		return RS_OK;
	}
	return rc;
}

static rs_status import_speakers(walk *w, cfg_t *sec, int item, const char *kind,
				 int64_t item_id)
{
	rs_status rc = RS_OK;
	for (unsigned i = 0; rc == RS_OK && i < cfg_size(sec, "speaker"); i++)
		rc = import_speaker(w, cfg_getnsec(sec, "speaker", i), speaker_at(w->p, item, i),
				    kind, item_id);
	return rc;
}

/* The item's own policy, checked; RS_POLICY_MEETING when it has none. */
static rs_status item_policy(walk *w, cfg_t *sec, const item_lines *ln, int *policy)
{
	const char *p = cfg_getstr(sec, "policy");
	*policy = p ? rs_policy_parse(p) : RS_POLICY_MEETING;
	if (p && *policy < 0) {
		cfgfile_report(&w->p->file, line_of(ln, "policy"),
			       "item '%s': policy '%s' is not fifo, first_time or balanced",
			       cfg_title(sec), p);
		w->errors++;
	}
	return RS_OK;
}

static rs_status import_one(walk *w, cfg_t *sec, int64_t parent_id, int insert, int64_t *id)
{
	int index = (int)w->next;
	item_lines *ln = w->next < w->p->n_items ? &w->p->items[w->next] : NULL;
	w->next++;
	if (ln)
		ln->code = cfg_title(sec);
	int oom = 0;
	char *title = fold_space(cfg_getstr(sec, "title"), &oom);
	char *moderator = fold_space(cfg_getstr(sec, "moderator"), &oom);
	char *description = fold_space(cfg_getstr(sec, "description"), &oom);
	rs_agenda_new in = {
		.code = cfg_title(sec),
		.title = title,
		.kind = cfg_getstr(sec, "kind"),
		.start = cfg_getstr(sec, "start"),
		.end = cfg_getstr(sec, "end"),
		.moderator = moderator,
		.description = description,
		.parent_id = parent_id,
	};
	int policy;
	rs_status rc = oom ? rs_fail(RS_ERR_RUNTIME, "out of memory")
			   : check_and_add(w, &in, ln, insert, id);
	if (rc == RS_OK)
		rc = item_policy(w, sec, ln, &policy);
	if (rc == RS_OK && *id > 0 && policy >= 0)
		rc = store_agenda_update(w->db, *id, &(rs_agenda_new){0}, policy);
	if (rc == RS_OK)
		rc = import_speakers(w, sec, index, in.kind, *id);
	free(title);
	free(moderator);
	free(description);
	return rc;
}

/* Imports the items of sec depth-first under parent_id.  Items under one
 * that failed its checks are checked but not added (insert = 0). */
static rs_status import_items(walk *w, cfg_t *sec, int64_t parent_id, int insert)
{
	for (unsigned i = 0; i < cfg_size(sec, "item"); i++) {
		cfg_t *item = cfg_getnsec(sec, "item", i);
		int64_t id = 0;
		rs_status rc = import_one(w, item, parent_id, insert, &id);
		if (rc == RS_OK)
			rc = import_items(w, item, id, id > 0);
		if (rc)
			return rc;
	}
	return RS_OK;
}

/* The programme's links, into links (at most RS_MAX_LINKS, check_top). */
static size_t programme_links(cfg_t *cfg, rs_link *links)
{
	size_t n = cfg_size(cfg, "link");
	for (size_t i = 0; i < n && i < RS_MAX_LINKS; i++) {
		cfg_t *l = cfg_getnsec(cfg, "link", (unsigned)i);
		links[i] = (rs_link){.label = cfg_title(l), .url = cfg_getstr(l, "url")};
	}
	return n < RS_MAX_LINKS ? n : RS_MAX_LINKS;
}

/* The programme's meeting settings: its time zone always (the programme
 * says where the meeting is); its date, venue, words and links where the
 * meeting has none (what was set for the meeting stays).  Words may be
 * wrapped over lines: breaks fold into spaces. */
static rs_status apply_meeting(rs_db *db, cfg_t *cfg)
{
	rs_meeting m;
	rs_link links[RS_MAX_LINKS];
	char *words[RS_WORD__COUNT] = {NULL};
	int oom = 0;
	rs_status rc = rs_meeting_get(db, &m);
	if (rc)
		return rc;
	rs_meeting_change ch = {.policy = -1, .warning_seconds = -1};
	ch.timezone = cfg_getstr(cfg, "timezone");
	if (!*m.date)
		ch.date = cfg_getstr(cfg, "date");
	if (!*m.venue)
		ch.venue = cfg_getstr(cfg, "venue");
	for (int w = 0; w < RS_WORD__COUNT; w++)
		if (!*m.words[w])
			ch.words[w] = words[w] =
				fold_space(cfg_getstr(cfg, rs_meeting_word_name((rs_meeting_word)w)),
					   &oom);
	ch.links = links;
	ch.n_links = m.n_links == 0 ? programme_links(cfg, links) : 0;
	ch.set_links = ch.n_links > 0;
	int any = ch.timezone || ch.date || ch.venue || ch.set_links;
	for (int w = 0; w < RS_WORD__COUNT; w++)
		any |= ch.words[w] != NULL;
	if (oom)
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	else if (any)
		rc = store_meeting_update(db, &ch);
	for (int w = 0; w < RS_WORD__COUNT; w++)
		free(words[w]);
	rs_meeting_clear(&m);
	return rc;
}

rs_status rs_import_agenda(rs_db *db, const char *path, FILE *err, rs_agenda_import_stats *st)
{
	programme p;
	rs_agenda_import_stats none;
	if (!st)
		st = &none;
	memset(st, 0, sizeof *st);
	rs_status rc = programme_load(path, err, &p);
	if (rc)
		return rc;
	walk w = {.db = db, .p = &p, .now = rs_now()};
	char summary[256] = "";
	rc = rs_action_begin(db, "import.agenda");
	if (rc == RS_OK) {
		rc = import_items(&w, p.cfg, 0, 1);
		if (rc == RS_OK && w.errors)
			rc = rs_fail(RS_ERR_INVALID, "%s: %d error%s; nothing imported", path,
				     w.errors, w.errors == 1 ? "" : "s");
		if (rc == RS_OK)
			rc = apply_meeting(db, p.cfg);
		if (rc == RS_OK)
			rc = store_queue_enqueue_requests(db, &st->requests);
		snprintf(summary, sizeof summary,
			 "imported %d agenda item%s and %d programme speaker%s from %s; %d request%s"
			 " to speak queued",
			 w.added, w.added == 1 ? "" : "s", w.speakers, w.speakers == 1 ? "" : "s",
			 path, st->requests, st->requests == 1 ? "" : "s");
		rc = rs_action_end(db, rc, "agenda_item", 0, summary);
	}
	programme_free(&p);
	if (rc == RS_OK) {
		st->items = w.added;
		st->speakers = w.speakers;
		st->people = w.people;
	} else {
		st->requests = 0;
	}
	return rc;
}

/* Sets *dst to a copy of s, or NULL when s is NULL; 0, or -1 on OOM. */
static int dup_or_null(const char *s, char **dst)
{
	*dst = s ? strdup(s) : NULL;
	return s && !*dst ? -1 : 0;
}

rs_status rs_programme_meeting(const char *path, char **title, char **date, char **venue,
			       FILE *err)
{
	programme p;
	*title = *date = *venue = NULL;
	rs_status rc = programme_load(path, err, &p);
	if (rc)
		return rc;
	if (dup_or_null(cfg_getstr(p.cfg, "title"), title) ||
	    dup_or_null(cfg_getstr(p.cfg, "date"), date) ||
	    dup_or_null(cfg_getstr(p.cfg, "venue"), venue)) {
		free(*title);
		free(*date);
		free(*venue);
		*title = *date = *venue = NULL;
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	programme_free(&p);
	return rc;
}
