/* The stakeholder roster: validation and the actions on one stakeholder.
 * The SQL lives in store_stakeholder.c. */
#include "rostrum/stakeholder.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"
#include "rostrum/meeting.h"
#include "rostrum/refdata.h"
#include "rostrum/text.h"
#include "said.h"
#include "storage.h"

/* The most of one value a journal line quotes ("organization 'Red Cross'"). */
#define VALUE_SAID 40
/* The most of a label it quotes: the reference data's longest sector
 * label, "Local and regional authorities and communities", whole. */
#define LABEL_SAID 60

/* A person's one-line texts, by the names messages and the journal give
 * them; label (NULL: the text itself) says a stored code as the screens
 * show it: "in the room", not "in_room". */
static const struct {
	const char *field;
	size_t at;
	const char *(*label)(const char *code);
} person_texts[] = {
	{"name", offsetof(rs_stakeholder, name), NULL},
	{"title", offsetof(rs_stakeholder, title), NULL},
	{"organization", offsetof(rs_stakeholder, organization), NULL},
	{"sector", offsetof(rs_stakeholder, sector), rs_sector_label},
	{"region", offsetof(rs_stakeholder, region), NULL},
	{"country", offsetof(rs_stakeholder, country), NULL},
	{"gender", offsetof(rs_stakeholder, gender), rs_gender_of_person},
	{"email", offsetof(rs_stakeholder, email), NULL},
	{"accreditation", offsetof(rs_stakeholder, accreditation), rs_accreditation_label},
	{"languages", offsetof(rs_stakeholder, languages), NULL},
	{"speak_on", offsetof(rs_stakeholder, speak_on), NULL},
	{"participation", offsetof(rs_stakeholder, participation), rs_participation_label},
	{"role", offsetof(rs_stakeholder, role), rs_role_name},
};
#define N_PERSON_TEXTS (sizeof person_texts / sizeof person_texts[0])

static char **text_slot(rs_stakeholder *s, size_t i)
{
	return (char **)((char *)s + person_texts[i].at);
}

static const char *text_of(const rs_stakeholder *s, size_t i)
{
	const char *t = *(char *const *)((const char *)s + person_texts[i].at);
	return t ? t : "";
}

/* Text i as a line says it: a code by its label. */
static const char *text_said(const rs_stakeholder *s, size_t i)
{
	const char *t = text_of(s, i);
	return person_texts[i].label && *t ? person_texts[i].label(t) : t;
}

void rs_stakeholder_clear(rs_stakeholder *s)
{
	char **const strings[] = {
		&s->name, &s->title, &s->organization, &s->sector, &s->region, &s->country,
		&s->gender, &s->email, &s->accreditation, &s->languages, &s->speak_on,
		&s->participation, &s->role, &s->sort_key,
	};
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		free(*strings[i]);
	memset(s, 0, sizeof *s);
}

/* Trims ASCII white space at both ends of *p, in place.  NULL stays NULL. */
static void trim(char *p)
{
	if (!p)
		return;
	size_t n = strlen(p), a = 0;
	while (a < n && isspace((unsigned char)p[a]))
		a++;
	while (n > a && isspace((unsigned char)p[n - 1]))
		n--;
	memmove(p, p + a, n - a);
	p[n - a] = '\0';
}

static int blank(const char *p)
{
	return rs_text_blank(p);
}

static void lower(char *p)
{
	for (; p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
}

/* Replaces *field (owned) with a copy of value unless it is the same string. */
static rs_status replace(char **field, const char *value)
{
	if (*field == value)
		return RS_OK;
	char *copy = strdup(value);
	if (!copy)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	free(*field);
	*field = copy;
	return RS_OK;
}

/* *field by its canonical spelling from lookup (NULL when unknown). */
static rs_status canonical(char **field, const char *(*lookup)(const char *), const char *what,
			   int required)
{
	if (blank(*field))
		return required ? rs_fail(RS_ERR_INVALID, "required") : RS_OK;
	const char *canon = lookup(*field);
	if (!canon)
		return rs_fail(RS_ERR_INVALID, "unknown %s '%s'", what, *field);
	return replace(field, canon);
}

static rs_status check_sector(rs_stakeholder *s)
{
	return canonical(&s->sector, rs_sector_code, "sector", 1);
}

static rs_status check_region(rs_stakeholder *s)
{
	return canonical(&s->region, rs_region_canonical, "region", 0);
}

static rs_status check_country(rs_stakeholder *s)
{
	if (blank(s->country))
		return RS_OK;
	const char *c = s->country;
	if (strlen(c) != 2 || !isalpha((unsigned char)c[0]) || !isalpha((unsigned char)c[1]))
		return rs_fail(RS_ERR_INVALID, "'%s' is not a two-letter country code", c);
	s->country[0] = (char)toupper((unsigned char)c[0]);
	s->country[1] = (char)toupper((unsigned char)c[1]);
	return RS_OK;
}

static rs_status check_gender(rs_stakeholder *s)
{
	/* Unknown values are kept as given: rs_gender_code returns its input. */
	return replace(&s->gender, rs_gender_code(s->gender ? s->gender : ""));
}

static rs_status check_accreditation(rs_stakeholder *s)
{
	const char *code = rs_accreditation_code(s->accreditation);
	if (!code)
		return rs_fail(RS_ERR_INVALID, "unknown accreditation '%s'", s->accreditation);
	return replace(&s->accreditation, code);
}

/* One '@' with something before it, a dot somewhere after it (not right
 * after the '@' nor last), and no white space or control characters. */
static int email_shaped(const char *e)
{
	const char *at = strchr(e, '@');
	if (!at || at == e || strchr(at + 1, '@'))
		return 0;
	const char *dot = strrchr(at + 1, '.');
	if (!dot || dot == at + 1 || dot[1] == '\0')
		return 0;
	for (const char *p = e; *p; p++)
		if (isspace((unsigned char)*p) || iscntrl((unsigned char)*p))
			return 0;
	return 1;
}

static rs_status check_email(rs_stakeholder *s)
{
	if (blank(s->email))
		return RS_OK;
	if (!email_shaped(s->email))
		return rs_fail(RS_ERR_INVALID, "'%s' is not an email address", s->email);
	lower(s->email);
	return RS_OK;
}

/* "EN; fr;" becomes "en;fr": items trimmed and lower-cased, empty ones
 * dropped, each checked against the six codes. */
static rs_status check_languages(rs_stakeholder *s)
{
	if (blank(s->languages))
		return RS_OK;
	char *out = calloc(1, strlen(s->languages) + 1); /* ours until swapped in */
	if (!out)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	char *save = NULL;
	for (char *tok = strtok_r(s->languages, ";", &save); tok;
	     tok = strtok_r(NULL, ";", &save)) {
		trim(tok);
		lower(tok);
		if (!*tok)
			continue;
		const char *code = rs_language_code(tok);
		if (!code) {
			rs_status rc = rs_fail(RS_ERR_INVALID,
					       "unknown language '%s' (use ar zh en fr ru es)", tok);
			free(out);
			return rc;
		}
		if (*out)
			strcat(out, ";");
		strcat(out, code); /* a name ("French") is longer than its code */
	}
	free(s->languages);
	s->languages = out;
	return RS_OK;
}

static rs_status check_name(rs_stakeholder *s)
{
	return blank(s->name) ? rs_fail(RS_ERR_INVALID, "required") : RS_OK;
}

/* Blank stays blank: the writer keeps what was stored (or in_room). */
static rs_status check_participation(rs_stakeholder *s)
{
	if (blank(s->participation))
		return RS_OK;
	const char *code = rs_participation_code(s->participation);
	if (!code)
		return rs_fail(RS_ERR_INVALID, "'%s' is not in_room or online", s->participation);
	return replace(&s->participation, code);
}

/* Blank stays blank: the role of the person's sector. */
static rs_status check_role(rs_stakeholder *s)
{
	return canonical(&s->role, rs_role_code, "role", 0);
}

rs_status rs_stakeholder_normalise(rs_stakeholder *s, const char **field)
{
	static const struct {
		const char *field;
		rs_status (*check)(rs_stakeholder *);
	} checks[] = {
		{"name", check_name},
		{"sector", check_sector},
		{"region", check_region},
		{"country", check_country},
		{"gender", check_gender},
		{"email", check_email},
		{"accreditation", check_accreditation},
		{"languages", check_languages},
		{"participation", check_participation},
		{"role", check_role},
	};
	for (size_t i = 0; i < N_PERSON_TEXTS; i++) {
		char *text = *text_slot(s, i);
		if (rs_input_check(NULL, text, RS_INPUT_LINE)) {
			if (field)
				*field = person_texts[i].field;
			return RS_ERR_INVALID;
		}
		trim(text);
	}
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		rs_status rc = checks[i].check(s);
		if (rc) {
			if (field)
				*field = checks[i].field;
			return rc;
		}
	}
	return RS_OK;
}

/* "10:02" (today) or "15 May 10:02" at the venue, for a check-in time. */
static void venue_time(rs_db *db, int64_t t, char *buf, size_t size)
{
	rs_meeting m;
	char day[16], today[16];
	const char *tz = rs_meeting_get(db, &m) == RS_OK ? m.timezone : "UTC";
	rs_local_format(tz, t, "%Y-%m-%d", day, sizeof day);
	rs_local_format(tz, rs_now(), "%Y-%m-%d", today, sizeof today);
	rs_local_format(tz, t, strcmp(day, today) ? "%d %b %H:%M" : "%H:%M", buf, size);
	rs_meeting_clear(&m);
}

rs_status rs_stakeholder_email_holder(rs_db *db, const char *email, int64_t self,
				      rs_stakeholder *holder, char *why, size_t size)
{
	memset(holder, 0, sizeof *holder);
	if (size)
		why[0] = '\0';
	int64_t other = 0;
	rs_status rc = blank(email) ? RS_OK : store_stakeholder_by_email(db, email, &other);
	if (rc || other <= 0 || other == self)
		return rc;
	if ((rc = rs_stakeholder_get(db, other, holder)) != RS_OK)
		return rc;
	char since[32] = "";
	if (!self && holder->present && holder->checked_in_at >= 0)
		venue_time(db, holder->checked_in_at, since, sizeof since);
	/* Here already, they need no check-in: the walk-in is someone else,
	 * or the same person twice, and the address is at fault either way. */
	int here = !self && holder->present;
	rs_text_printf(why, size, "%s is %s's (%lld)%s%s%s%s", email, holder->name,
		       (long long)holder->id, here ? ", checked in already" : "",
		       *since ? " since " : "", since,
		       self || here ? ": give another address, or none" : ": check them in instead");
	return RS_OK;
}

/* Inside the open action: refuses an email someone other than self (0:
 * somebody new) already has, saying whose it is and what to do. */
static rs_status check_email_free(rs_db *db, const rs_stakeholder *s, int64_t self)
{
	rs_stakeholder holder;
	char why[300];
	rs_status rc = rs_stakeholder_email_holder(db, s->email, self, &holder, why, sizeof why);
	if (rc == RS_OK && holder.id)
		rc = rs_fail(RS_ERR_INVALID, "email: %s", why);
	rs_stakeholder_clear(&holder);
	return rc;
}

/* rs_stakeholder_normalise, with the field at fault named in the message
 * as callers without their own prefix need. */
static rs_status normalise_named(rs_stakeholder *s)
{
	const char *field = NULL;
	rs_status rc = rs_stakeholder_normalise(s, &field);
	if (rc == RS_ERR_INVALID) {
		char *reason = strdup(rs_error());
		rc = rs_fail(rc, "%s: %s", field, reason ? reason : "invalid");
		free(reason);
	}
	return rc;
}

rs_status rs_stakeholder_add(rs_db *db, rs_stakeholder *s, int64_t *id)
{
	rs_status rc = normalise_named(s);
	if (rc)
		return rc;
	rc = rs_action_begin(db, "stakeholder.add");
	if (rc)
		return rc;
	int64_t new_id = 0;
	int changed = 0;
	rc = check_email_free(db, s, 0);
	if (rc == RS_OK)
		rc = store_stakeholder_insert(db, s, &new_id);
	if (rc == RS_OK && s->present)
		rc = store_stakeholder_presence(db, new_id, 1, s->checked_in_at, rs_now(), &changed);
	/* "Walk In (Red Cross), checked in" */
	said line = {0};
	said_person(&line, s);
	if (s->present)
		said_add(&line, ", checked in%s",
			 s->participation && !strcmp(s->participation, "online") ? " online" : "");
	rc = rs_action_end(db, rc, "stakeholder", new_id, line.text);
	if (rc == RS_OK) {
		s->id = new_id;
		if (id)
			*id = new_id;
	}
	return rc;
}

/* What an edit changed, as stored: "Karim Nasser (Red Cross): organization
 * 'Red Cross' → 'Red Crescent', email '' → 'k@rc.org'" (the person as they
 * were; "nothing changed" when nothing did). */
static void edit_said(said *out, const rs_stakeholder *was, const rs_stakeholder *now)
{
	said_person(out, was);
	said_add(out, ":");
	int n = 0;
	for (size_t i = 0; i < N_PERSON_TEXTS; i++) {
		if (!strcmp(text_of(was, i), text_of(now, i)))
			continue;
		char field[32];
		rs_text_code_words(person_texts[i].field, field, sizeof field);
		said_add(out, "%s ", n++ ? "," : "");
		said_change(out, field, text_said(was, i), text_said(now, i),
			    person_texts[i].label ? LABEL_SAID : VALUE_SAID);
	}
	if (!n)
		said_add(out, " nothing changed");
}

rs_status rs_stakeholder_update(rs_db *db, rs_stakeholder *s)
{
	rs_status rc = normalise_named(s);
	if (rc)
		return rc;
	rc = rs_action_begin(db, "stakeholder.edit");
	if (rc)
		return rc;
	int changed = 0;
	rs_stakeholder was = {0}, now = {0};
	rc = rs_stakeholder_get(db, s->id, &was);
	if (rc == RS_OK)
		rc = check_email_free(db, s, s->id);
	if (rc == RS_OK)
		rc = store_stakeholder_update(db, s, 0, rs_now(), &changed);
	if (rc == RS_OK)
		rc = rs_stakeholder_get(db, s->id, &now);
	said line = {0};
	if (rc == RS_OK)
		edit_said(&line, &was, &now);
	rs_stakeholder_clear(&was);
	rs_stakeholder_clear(&now);
	return rs_action_end(db, rc, "stakeholder", s->id, line.text);
}

/* What refers to a person, gathered to be said: how many of each kind
 * (STORE_REF_*), the first few of each, and an entry still waiting, which
 * the desk can withdraw. */
enum { REFS_SAID = 3 };
typedef struct {
	int n[STORE_REF__KINDS];
	int64_t id[STORE_REF__KINDS][REFS_SAID];
	said entry[REFS_SAID]; /* "37 (thematic-2, waiting)" */
	int64_t waiting;
	/* Withdrawn requests never heard (store_ref's removable): they go
	 * with the person; the item of the first, to say it. */
	int removable;
	int64_t removable_item;
} person_refs;

static void gather_ref(const store_ref *ref, void *ctx)
{
	person_refs *p = ctx;
	int i = p->n[ref->kind]++;
	if (ref->kind == STORE_REF_ENTRY && !p->waiting && !strcmp(ref->state, "waiting"))
		p->waiting = ref->id;
	if (ref->kind == STORE_REF_ENTRY && ref->removable && !p->removable++)
		p->removable_item = ref->item_id;
	if (i >= REFS_SAID)
		return;
	p->id[ref->kind][i] = ref->id;
	if (ref->kind != STORE_REF_ENTRY)
		return;
	said_add(&p->entry[i], "%lld (", (long long)ref->id);
	said_quote(&p->entry[i], ref->item, VALUE_SAID);
	said_add(&p->entry[i], ", %s)", ref->state);
}

/* "37 (thematic-2, waiting), 41 (panel-1, spoken) and 2 more": the first
 * few of kind k, an entry with its item and state. */
static void refs_list(said *out, const person_refs *p, int k)
{
	int shown = p->n[k] < REFS_SAID ? p->n[k] : REFS_SAID;
	for (int i = 0; i < shown; i++) {
		const char *sep = !i ? "" : i < shown - 1 || p->n[k] > shown ? ", " : " and ";
		if (k == STORE_REF_ENTRY)
			said_add(out, "%s%s", sep, p->entry[i].text);
		else
			said_add(out, "%s%lld", sep, (long long)p->id[k][i]);
	}
	if (p->n[k] > shown)
		said_add(out, " and %d more", p->n[k] - shown);
}

/* Why name must stay on the roster: what names them. */
static void refs_said(said *out, const char *name, const person_refs *p)
{
	const int *n = p->n;
	said_quote(out, name, VALUE_SAID);
	said_add(out, " stays on the roster: ");
	if (n[STORE_REF_ENTRY]) {
		said_add(out, "the speakers' lists keep their queue entr%s ",
			 n[STORE_REF_ENTRY] == 1 ? "y" : "ies");
		refs_list(out, p, STORE_REF_ENTRY);
	}
	if (n[STORE_REF_NOMINATION]) {
		said_add(out, "%snomination%s ", n[STORE_REF_ENTRY] ? "; " : "",
			 n[STORE_REF_NOMINATION] == 1 ? "" : "s");
		refs_list(out, p, STORE_REF_NOMINATION);
		said_add(out, " name%s them", n[STORE_REF_NOMINATION] == 1 ? "s" : "");
	}
	if (n[STORE_REF_OUTCOME]) {
		said_add(out, "%soutcome%s ", n[STORE_REF_ENTRY] || n[STORE_REF_NOMINATION] ? "; " : "",
			 n[STORE_REF_OUTCOME] == 1 ? "" : "s");
		refs_list(out, p, STORE_REF_OUTCOME);
		said_add(out, " name%s them as a party", n[STORE_REF_OUTCOME] == 1 ? "s" : "");
	}
}

/* What the desk can do ("" when nothing can free them): the lists keep
 * every request to speak (the report's annex names those withdrawn), so
 * an entry is never removed, but one still waiting can be withdrawn; a
 * nomination made in error can be deleted, an outcome's parties named
 * again. */
static void remedy_said(said *out, const person_refs *p)
{
	const int *n = p->n;
	if (p->waiting)
		said_add(out, "; to keep them off the floor, withdraw a waiting entry (queue withdraw "
			      "%lld, or w in the Queue pane while its item runs)", (long long)p->waiting);
	else if (!n[STORE_REF_ENTRY] && n[STORE_REF_NOMINATION])
		said_add(out, "; delete a nomination made in error first (nomination delete %lld)",
			 (long long)p->id[STORE_REF_NOMINATION][0]);
	else if (!n[STORE_REF_ENTRY])
		said_add(out, "; name other parties first (outcome edit %lld --by WHO)",
			 (long long)p->id[STORE_REF_OUTCOME][0]);
}

/* What a deletion takes away: "Ana Ruiz (ana@x.org)", and ", with their
 * withdrawn request on 'Thematic discussion II'" (", with their 2 withdrawn
 * requests") when requests never heard go with them. */
static void going_said(said *out, rs_db *db, const rs_stakeholder *s, const person_refs *p)
{
	said_person(out, s);
	if (p->removable == 1) {
		said_add(out, ", with their withdrawn request");
		said_item(out, db, "on", p->removable_item);
	} else if (p->removable) {
		said_add(out, ", with their %d withdrawn requests", p->removable);
	}
}

/* Inside a read or the delete's action: refused while anything refers
 * to them but their withdrawn requests never heard, saying what and what
 * to do (refs_said); else *going says what the deletion takes away. */
static rs_status check_deletable(rs_db *db, const rs_stakeholder *s, said *going)
{
	person_refs p = {0};
	rs_status rc = store_stakeholder_refs(db, s->id, gather_ref, &p);
	if (rc)
		return rc;
	if (!(p.n[STORE_REF_ENTRY] - p.removable + p.n[STORE_REF_NOMINATION] +
	      p.n[STORE_REF_OUTCOME])) {
		going_said(going, db, s, &p);
		return RS_OK;
	}
	/* Said apart, so that a long list never cuts off what to do. */
	said why = {0}, remedy = {0};
	refs_said(&why, s->name, &p);
	remedy_said(&remedy, &p);
	return rs_fail(RS_ERR_INVALID, "%s%s", why.text, remedy.text);
}

rs_status rs_stakeholder_deletable(rs_db *db, int64_t id, char *going, size_t size)
{
	rs_stakeholder s = {0};
	said line = {0};
	rs_db_read_begin(db);
	rs_status rc = rs_stakeholder_get(db, id, &s);
	if (rc == RS_OK)
		rc = check_deletable(db, &s, &line);
	rs_db_read_end(db);
	rs_stakeholder_clear(&s);
	if (size)
		rs_text_printf(going, size, "%s", line.text);
	return rc;
}

rs_status rs_stakeholder_delete(rs_db *db, int64_t id)
{
	rs_status rc = rs_action_begin(db, "stakeholder.delete");
	if (rc)
		return rc;
	rs_stakeholder s = {0};
	said line = {0};
	rc = rs_stakeholder_get(db, id, &s);
	if (rc == RS_OK)
		rc = check_deletable(db, &s, &line);
	if (rc == RS_OK)
		rc = store_stakeholder_delete(db, id);
	rc = rs_action_end(db, rc, "stakeholder", id, line.text);
	rs_stakeholder_clear(&s);
	return rc;
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static rs_status find_by_id(rs_db *db, const char *who, int64_t *id)
{
	char *end = NULL;
	errno = 0;
	long long v = strtoll(who, &end, 10);
	if (v <= 0 || *end || errno) /* past the largest id: none has it */
		return rs_fail(RS_ERR_INVALID, "no stakeholder %s", who);
	rs_stakeholder s = {0};
	rs_status rc = rs_stakeholder_get(db, (int64_t)v, &s);
	rs_stakeholder_clear(&s);
	if (rc == RS_OK)
		*id = (int64_t)v;
	return rc;
}

rs_status rs_stakeholder_find(rs_db *db, const char *who, int64_t *id)
{
	if (!who)
		who = "";
	if (all_digits(who))
		return find_by_id(db, who, id);
	if (strchr(who, '@')) {
		int64_t found;
		rs_status rc = store_stakeholder_by_email(db, who, &found);
		if (rc)
			return rc;
		if (found <= 0)
			return rs_fail(RS_ERR_INVALID, "no stakeholder with email '%s'", who);
		*id = found;
		return RS_OK;
	}
	int64_t found;
	rs_status rc = *who ? store_stakeholder_named(db, who, &found) : RS_OK;
	if (rc)
		return rc;
	if (*who && found < 0)
		return rs_fail(RS_ERR_INVALID,
			       "more than one stakeholder is called '%s' (give an id or an email)", who);
	if (!*who || found == 0)
		return rs_fail(RS_ERR_INVALID, "no stakeholder '%s' (give an id, an email or a name)",
			       who);
	*id = found;
	return RS_OK;
}

/* One journalled action on one person: `step` changes them (read first,
 * as *s) and says whether anything changed; a step that changes nothing
 * is refused with `unchanged`'s words; `summary` is the journal's. */
typedef struct {
	const char *action;
	rs_status (*step)(rs_db *db, const rs_stakeholder *s, const char *arg, int *changed);
	void (*unchanged)(rs_db *db, const rs_stakeholder *s, const char *arg, char *buf,
			  size_t size);
	/* The journal's summary: "NAME (ORGANIZATION): verb ARG" (ARG in
	 * words when words is set: "in the room", not "in_room"), or with
	 * from_accreditation "NAME (ORGANIZATION): accreditation 'Not
	 * accredited' → 'ECOSOC consultative status'", by their labels, as an
	 * edit of the field says it. */
	const char *verb;
	int from_accreditation;
	const char *(*words)(const char *arg);
} person_action;

/* *before (may be NULL) gets the person as they were; the caller clears
 * it, whatever the outcome. */
static rs_status on_person(rs_db *db, int64_t id, const person_action *a, const char *arg,
			   rs_stakeholder *before)
{
	rs_status rc = rs_action_begin(db, a->action);
	if (rc)
		return rc;
	rs_stakeholder s = {0};
	int changed = 0;
	rc = rs_stakeholder_get(db, id, &s);
	if (rc == RS_OK)
		rc = a->step(db, &s, arg, &changed);
	if (rc == RS_OK && !changed) {
		char why[300];
		a->unchanged(db, &s, arg, why, sizeof why);
		rc = rs_fail(RS_ERR_INVALID, "%s", why);
	}
	said summary = {0};
	said_person(&summary, &s);
	said_add(&summary, ": ");
	if (a->from_accreditation)
		said_change(&summary, "accreditation", rs_accreditation_label(s.accreditation),
			    rs_accreditation_label(arg), LABEL_SAID);
	else
		said_add(&summary, "%s%s", a->verb, a->words ? a->words(arg) : arg);
	if (before)
		*before = s;
	else
		rs_stakeholder_clear(&s);
	return rs_action_end(db, rc, "stakeholder", id, summary.text);
}

static rs_status step_checkin(rs_db *db, const rs_stakeholder *s, const char *arg, int *changed)
{
	return store_stakeholder_presence(db, s->id, *arg == 'i', -1, rs_now(), changed);
}

static void checked_already(rs_db *db, const rs_stakeholder *s, const char *arg, char *buf,
			    size_t size)
{
	char when[32] = "";
	if (*arg != 'i') {
		snprintf(buf, size, "%s is not checked in", s->name);
		return;
	}
	if (s->checked_in_at >= 0)
		venue_time(db, s->checked_in_at, when, sizeof when);
	snprintf(buf, size, "%s is already checked in%s%s", s->name, *when ? " since " : "", when);
}

rs_status rs_stakeholder_checkin(rs_db *db, int64_t id, int present)
{
	static const person_action in = {"stakeholder.checkin", step_checkin, checked_already,
					 "checked ", 0, NULL};
	static const person_action out = {"stakeholder.checkout", step_checkin, checked_already,
					  "checked ", 0, NULL};
	return on_person(db, id, present ? &in : &out, present ? "in" : "out", NULL);
}

static rs_status step_participation(rs_db *db, const rs_stakeholder *s, const char *arg,
				    int *changed)
{
	return store_stakeholder_participation(db, s->id, arg, changed);
}

static void takes_part_already(rs_db *db, const rs_stakeholder *s, const char *arg, char *buf,
			       size_t size)
{
	(void)db;
	snprintf(buf, size, "%s already takes part %s", s->name, rs_participation_label(arg));
}

rs_status rs_stakeholder_set_participation(rs_db *db, int64_t id, const char *participation)
{
	static const person_action a = {"stakeholder.participation", step_participation,
					takes_part_already, "", 0, rs_participation_label};
	const char *code = rs_participation_code(participation);
	if (!code)
		return rs_fail(RS_ERR_INVALID, "participation: '%s' is not in_room or online",
			       participation ? participation : "");
	return on_person(db, id, &a, code, NULL);
}

static rs_status step_accredit(rs_db *db, const rs_stakeholder *s, const char *arg, int *changed)
{
	return store_stakeholder_accredit(db, s->id, arg, rs_now(), changed);
}

static void accredited_already(rs_db *db, const rs_stakeholder *s, const char *arg, char *buf,
			       size_t size)
{
	(void)db;
	snprintf(buf, size, "%s's accreditation is already %s", s->name, arg);
}

rs_status rs_stakeholder_accredit(rs_db *db, int64_t id, const char *state, char *from)
{
	static const person_action a = {"stakeholder.accredit", step_accredit, accredited_already,
					"", 1, NULL};
	const char *code = state && *state ? rs_accreditation_code(state) : NULL;
	if (!code) {
		char choices[200] = "";
		rs_stakeholder_choices("accreditation", choices, sizeof choices);
		return rs_fail(RS_ERR_INVALID, "STATE: '%s' is not an accreditation (%s)",
			       state ? state : "", choices);
	}
	rs_stakeholder before = {0};
	rs_status rc = on_person(db, id, &a, code, &before);
	if (from)
		snprintf(from, RS_STATE_MAX, "%s", before.accreditation ? before.accreditation : "");
	rs_stakeholder_clear(&before);
	return rc;
}

/* 1 when every word of the folded query q starts a word of the folded
 * text f. */
static int words_start_words(const char *f, const char *q)
{
	for (const char *w = q; *w;) {
		while (*w == ' ')
			w++;
		size_t len = strcspn(w, " ");
		if (!len)
			break;
		int found = 0;
		for (const char *p = f; *p && !found; p += strcspn(p, " "), p += *p == ' ')
			found = !strncmp(p, w, len);
		if (!found)
			return 0;
		w += len;
	}
	return 1;
}

typedef struct {
	const char *q; /* folded */
	int64_t ids[4];
	char names[3][200];
	int n;
} name_hits;

static int hit_name(const rs_stakeholder *s, void *ctx)
{
	name_hits *h = ctx;
	char *f = rs_text_fold(s->name);
	if (f && words_start_words(f, h->q)) {
		if (h->n < 3)
			snprintf(h->names[h->n], sizeof h->names[h->n], "%s (%lld%s%.80s)", s->name,
				 (long long)s->id, *s->organization ? ", " : "", s->organization);
		if (h->n < 4)
			h->ids[h->n] = s->id;
		h->n++;
	}
	free(f);
	return 0;
}

/* The one person whose name holds every word of who (folded). */
static rs_status match_name(rs_db *db, const char *who, int64_t *id)
{
	char *q = rs_text_fold(who);
	if (!q)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	name_hits h = {.q = q};
	rs_roster_view v = {.text = who, .present = -1};
	rs_status rc = rs_roster_window(db, &v, NULL, -1, hit_name, &h);
	free(q);
	if (rc)
		return rc;
	if (h.n == 1) {
		*id = h.ids[0];
		return RS_OK;
	}
	if (h.n == 0)
		return rs_fail(RS_ERR_INVALID, "no stakeholder '%s' (give an id, an email or a name)",
			       who);
	return rs_fail(RS_ERR_INVALID, "'%s' matches %d people: %s, %s%s%s%s (give more of the "
				       "name, an id or an email)",
		       who, h.n, h.names[0], h.names[1], h.n > 2 ? ", " : "",
		       h.n > 2 ? h.names[2] : "", h.n > 3 ? ", ..." : "");
}

rs_status rs_stakeholder_match(rs_db *db, const char *who, int64_t *id)
{
	rs_status rc = rs_stakeholder_find(db, who, id);
	if (rc != RS_ERR_INVALID || !who || !*who || all_digits(who) || strchr(who, '@'))
		return rc;
	char *first = strdup(rs_error());
	int64_t found;
	rs_status again = store_stakeholder_named(db, who, &found);
	if (again == RS_OK && found == 0)
		again = match_name(db, who, id);
	else if (again == RS_OK) /* several have the whole name: that refusal stands */
		again = rs_fail(RS_ERR_INVALID, "%s", first ? first : "ambiguous name");
	free(first);
	return again;
}

rs_status rs_roster_view_check(rs_roster_view *v)
{
	if (v->participation && !(v->participation = rs_participation_code(v->participation)))
		return rs_fail(RS_ERR_INVALID, "--participation: in_room or online");
	if (v->accreditation && strcmp(v->accreditation, "accredited") &&
	    !(v->accreditation = rs_accreditation_code(v->accreditation))) {
		char choices[200] = "";
		rs_stakeholder_choices("accreditation", choices, sizeof choices);
		return rs_fail(RS_ERR_INVALID, "--accreditation: %s, or accredited", choices);
	}
	return RS_OK;
}

int rs_stakeholder_field_value(const char *field, size_t i, const char **code,
			       const char **label)
{
	if (!field)
		return 0;
	if (!strcmp(field, "sector") && i < rs_sector_count()) {
		*code = rs_sector_at(i)->code;
		*label = rs_sector_at(i)->label;
	} else if (!strcmp(field, "region") && i < rs_region_count()) {
		*code = *label = rs_region_at(i);
	} else if (!strcmp(field, "accreditation") && i < rs_accreditation_n) {
		*code = rs_accreditations[i].code;
		*label = rs_accreditations[i].label;
	} else if (!strcmp(field, "participation") && i < rs_participation_n) {
		*code = rs_participations[i].code;
		*label = rs_participations[i].label;
	} else if (!strcmp(field, "role") && i < rs_role_n) {
		*code = rs_roles[i].code;
		*label = rs_roles[i].label;
	} else {
		return 0;
	}
	return 1;
}

/* Appends "one of: a, b, c" of the field's codes to buf. */
static void list_codes(const char *field, char *buf, size_t size)
{
	size_t used = (size_t)snprintf(buf, size, "one of: ");
	const char *code, *label;
	for (size_t i = 0; used < size && rs_stakeholder_field_value(field, i, &code, &label); i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", code);
}

void rs_stakeholder_choices(const char *field, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!field || !size)
		return;
	if (!strcmp(field, "sector")) {
		list_codes(field, buf, size);
		snprintf(buf + strlen(buf), size - strlen(buf), " (or its label)");
	} else if (!strcmp(field, "region") || !strcmp(field, "accreditation")) {
		list_codes(field, buf, size);
	} else if (!strcmp(field, "country")) {
		snprintf(buf, size, "a two-letter country code, e.g. KE");
	} else if (!strcmp(field, "email")) {
		snprintf(buf, size, "an address such as name@example.org");
	} else if (!strcmp(field, "languages")) {
		snprintf(buf, size, "codes of ar zh en fr ru es, separated by ;");
	} else if (!strcmp(field, "participation")) {
		snprintf(buf, size, "in_room or online (blank: as it was)");
	} else if (!strcmp(field, "role")) {
		snprintf(buf, size, "stakeholder, member_state, un_system or organiser (blank: by"
				    " sector)");
	}
}
