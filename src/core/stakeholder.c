/* The stakeholder roster: validation and the actions on one stakeholder.
 * The SQL lives in store_stakeholder.c. */
#include "rostrum/stakeholder.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"
#include "rostrum/refdata.h"
#include "rostrum/text.h"
#include "storage.h"

/* The six UN official languages, as the form's `languages` codes. */
static const char *const languages[] = {"ar", "zh", "en", "fr", "ru", "es"};
#define N_LANGUAGES (sizeof languages / sizeof languages[0])

void rs_stakeholder_clear(rs_stakeholder *s)
{
	char **const strings[] = {
		&s->name, &s->title, &s->organization, &s->sector, &s->region, &s->country,
		&s->gender, &s->email, &s->accreditation, &s->languages, &s->speak_on,
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
	return !p || !*p;
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

static int language_known(const char *code)
{
	for (size_t i = 0; i < N_LANGUAGES; i++)
		if (!strcmp(code, languages[i]))
			return 1;
	return 0;
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
		if (!language_known(tok)) {
			rs_status rc = rs_fail(RS_ERR_INVALID,
					       "unknown language '%s' (use ar zh en fr ru es)", tok);
			free(out);
			return rc;
		}
		if (*out)
			strcat(out, ";");
		strcat(out, tok);
	}
	free(s->languages);
	s->languages = out;
	return RS_OK;
}

static rs_status check_name(rs_stakeholder *s)
{
	return blank(s->name) ? rs_fail(RS_ERR_INVALID, "required") : RS_OK;
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
	};
	char *const texts[] = {
		s->name, s->title, s->organization, s->sector, s->region, s->country,
		s->gender, s->email, s->accreditation, s->languages, s->speak_on,
	};
	static const char *const text_fields[] = {
		"name", "title", "organization", "sector", "region", "country",
		"gender", "email", "accreditation", "languages", "speak_on",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		if (rs_input_check(NULL, texts[i], RS_INPUT_LINE)) {
			if (field)
				*field = text_fields[i];
			return RS_ERR_INVALID;
		}
		trim(texts[i]);
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

/* Inside the open action: refuses an email someone other than self (0:
 * nobody yet) already has. */
static rs_status check_email_free(rs_db *db, const rs_stakeholder *s, int64_t self)
{
	if (blank(s->email))
		return RS_OK;
	int64_t other;
	rs_status rc = store_stakeholder_by_email(db, s->email, &other);
	if (rc == RS_OK && other > 0 && other != self)
		rc = rs_fail(RS_ERR_INVALID, "email %s is already stakeholder %lld", s->email,
			     (long long)other);
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
	rc = check_email_free(db, s, 0);
	if (rc == RS_OK)
		rc = store_stakeholder_insert(db, s, &new_id);
	rc = rs_action_end(db, rc, "stakeholder", new_id, s->name);
	if (rc == RS_OK) {
		s->id = new_id;
		if (id)
			*id = new_id;
	}
	return rc;
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
	if ((rc = store_exists(db, "stakeholder", s->id)) == RS_ERR_INVALID)
		rs_fail(rc, "no stakeholder %lld", (long long)s->id);
	if (rc == RS_OK)
		rc = check_email_free(db, s, s->id);
	if (rc == RS_OK)
		rc = store_stakeholder_update(db, s, &changed);
	return rs_action_end(db, rc, "stakeholder", s->id, s->name);
}

/* What refers to a stakeholder, as "2 queue entries and 1 nomination";
 * "" when nothing does. */
static void refs_text(char *buf, size_t size, const int counts[3])
{
	static const char *const one[] = {"queue entry", "nomination", "outcome"};
	static const char *const many[] = {"queue entries", "nominations", "outcomes"};
	int left = (counts[0] > 0) + (counts[1] > 0) + (counts[2] > 0);
	buf[0] = '\0';
	for (int i = 0, k = 0; i < 3; i++) {
		if (counts[i] <= 0)
			continue;
		size_t len = strlen(buf);
		k++;
		snprintf(buf + len, size - len, "%s%d %s", k == 1 ? "" : k == left ? " and " : ", ",
			 counts[i], counts[i] == 1 ? one[i] : many[i]);
	}
}

rs_status rs_stakeholder_delete(rs_db *db, int64_t id)
{
	rs_status rc = rs_action_begin(db, "stakeholder.delete");
	if (rc)
		return rc;
	rs_stakeholder s = {0};
	int counts[3] = {0, 0, 0};
	char refs[160] = "";
	rc = rs_stakeholder_get(db, id, &s);
	if (rc == RS_OK)
		rc = store_stakeholder_refs(db, id, counts);
	if (rc == RS_OK)
		refs_text(refs, sizeof refs, counts);
	if (rc == RS_OK && *refs)
		rc = rs_fail(RS_ERR_INVALID, "%s has %s; they stay", s.name, refs);
	if (rc == RS_OK)
		rc = store_stakeholder_delete(db, id);
	rc = rs_action_end(db, rc, "stakeholder", id, s.name);
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
	long long v = strtoll(who, &end, 10);
	if (v <= 0 || *end)
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

rs_status rs_stakeholder_checkin(rs_db *db, int64_t id, int present)
{
	rs_status rc = rs_action_begin(db, present ? "stakeholder.checkin" : "stakeholder.checkout");
	if (rc)
		return rc;
	rs_stakeholder s = {0};
	int changed = 0;
	rc = rs_stakeholder_get(db, id, &s);
	if (rc == RS_OK)
		rc = store_stakeholder_checkin(db, id, present, rs_now(), &changed);
	if (rc == RS_OK && !changed)
		rc = rs_fail(RS_ERR_INVALID, "%s is %s checked in", s.name, present ? "already" : "not");
	char summary[160];
	snprintf(summary, sizeof summary, "%s %s", present ? "checked in" : "checked out",
		 s.name ? s.name : "");
	rs_stakeholder_clear(&s);
	return rs_action_end(db, rc, "stakeholder", id, summary);
}
