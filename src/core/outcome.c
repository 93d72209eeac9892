#include "rostrum/outcome.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"
#include "rostrum/refdata.h"
#include "rostrum/text.h"
#include "storage.h"

static const char *const type_names[OUT__COUNT] = {"note", "recommendation", "pledge",
						   "next_step", "response"};

const char *rs_outcome_type_name(rs_outcome_type t)
{
	return (unsigned)t < OUT__COUNT ? type_names[t] : "?";
}

/* Themes are names: each must hold more than blanks. */
static rs_status check_themes(const char *const *themes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!themes[i] || !themes[i][strspn(themes[i], " \t\n")])
			return rs_fail(RS_ERR_INVALID, "--theme: a theme needs a name");
	return RS_OK;
}

static rs_status validate(const rs_outcome_new *o)
{
	if ((unsigned)o->type >= OUT__COUNT)
		return rs_fail(RS_ERR_INVALID, "unknown outcome type");
	if (!o->text || !*o->text)
		return rs_fail(RS_ERR_INVALID, "TEXT: must not be empty");
	if (rs_input_check("TEXT", o->text, RS_INPUT_TEXT))
		return RS_ERR_INVALID;
	if (o->type == OUT_PLEDGE && o->n_by == 0)
		return rs_fail(RS_ERR_INVALID, "--by: a pledge needs at least one pledger");
	if (o->pledge_type && o->type != OUT_PLEDGE)
		return rs_fail(RS_ERR_INVALID, "--type: only pledges have a type");
	if (o->pledge_type && !rs_pledge_type_code(o->pledge_type))
		return rs_fail(RS_ERR_INVALID,
			       "--type: '%s' is not one of policy, resources, partnership",
			       o->pledge_type);
	for (size_t i = 0; i < o->n_gcm; i++)
		if (!rs_gcm_valid(o->gcm[i]))
			return rs_fail(RS_ERR_INVALID, "--gcm: %d is not a GCM objective (1-23)",
				       o->gcm[i]);
	if ((o->type == OUT_RESPONSE) != (o->responds_to > 0))
		return rs_fail(RS_ERR_INVALID, o->responds_to > 0
						   ? "only a response answers an outcome"
						   : "a response answers an outcome: name it");
	if (o->type == OUT_RESPONSE && o->n_gcm)
		return rs_fail(RS_ERR_INVALID, "--gcm: a response has no GCM objectives");
	return check_themes(o->themes, o->n_themes);
}

/* The item of the outcome a response answers, which must not be a
 * response itself. */
static rs_status answered_item(rs_db *db, int64_t answered, int64_t *item)
{
	rs_outcome a;
	rs_status rc = rs_outcome_get(db, answered, &a);
	if (rc == RS_OK && a.type == OUT_RESPONSE)
		rc = rs_fail(RS_ERR_INVALID, "outcome %lld is a response: answer what it answers",
			     (long long)answered);
	*item = a.item_id;
	rs_outcome_clear(&a);
	return rc;
}

/* What the journal says of an outcome: "recommendation: Expand regular
 * pathways for labour migration, with…" (its first words, whole
 * characters; a line break as a space). */
static void outcome_said(const char *what, const char *text, char *buf, size_t size)
{
	enum { WORDS = 60 };
	size_t used = (size_t)snprintf(buf, size, "%s%s", what, *what ? ": " : "");
	const char *p = text ? text : "";
	size_t n = 0;
	while (p[n] && n < WORDS)
		n++;
	while (p[n] && n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
		n--; /* not inside a character */
	for (size_t i = 0; i < n && used + 1 < size; i++)
		buf[used++] = p[i] == '\n' || p[i] == '\r' || p[i] == '\t' ? ' ' : p[i];
	buf[used < size ? used : size - 1] = '\0';
	if (p[n] && used + 4 < size)
		snprintf(buf + used, size - used, "…");
}

rs_status rs_outcome_add(rs_db *db, const rs_outcome_new *o, int64_t *id)
{
	rs_status rc = validate(o);
	if (rc)
		return rc;
	char action[32];
	snprintf(action, sizeof action, "%s.add", rs_outcome_type_name(o->type));
	if ((rc = rs_action_begin(db, action)) != RS_OK)
		return rc;
	rs_outcome_new in = *o;
	if (o->type == OUT_RESPONSE)
		rc = answered_item(db, o->responds_to, &in.item_id);
	if (rc == RS_OK && (rc = store_exists(db, "agenda_item", in.item_id)) == RS_ERR_INVALID)
		rs_fail(rc, "no agenda item %lld", (long long)in.item_id);
	for (size_t i = 0; rc == RS_OK && i < o->n_by; i++)
		if ((rc = store_exists(db, "stakeholder", o->by[i])) == RS_ERR_INVALID)
			rs_fail(rc, "--by: no stakeholder %lld", (long long)o->by[i]);
	if (rc == RS_OK)
		rc = store_outcome_insert(db, &in, rs_now(), id);
	char said[160];
	outcome_said(rs_outcome_type_name(o->type), o->text, said, sizeof said);
	return rs_action_end(db, rc, rs_outcome_type_name(o->type), rc ? 0 : *id, said);
}

/* Edit (text) or delete (text NULL) outcome id, as one action. */
static rs_status on_outcome(rs_db *db, const char *action, int64_t id, const char *text)
{
	rs_status rc = rs_action_begin(db, action);
	if (rc)
		return rc;
	int64_t response = 0;
	if ((rc = store_exists(db, "outcome", id)) == RS_ERR_INVALID)
		rs_fail(rc, "no outcome %lld", (long long)id);
	if (rc == RS_OK && !text && (rc = store_outcome_response(db, id, &response)) == RS_OK &&
	    response > 0)
		rc = rs_fail(RS_ERR_INVALID, "outcome %lld has a response (%lld): delete it first",
			     (long long)id, (long long)response);
	/* A deletion says what was deleted: the row is gone from every list. */
	char said[160];
	rs_outcome was = {0};
	if (rc == RS_OK && !text && rs_outcome_get(db, id, &was) == RS_OK)
		outcome_said("deleted", was.text, said, sizeof said);
	else
		outcome_said("", text, said, sizeof said);
	rs_outcome_clear(&was);
	if (rc == RS_OK)
		rc = text ? store_outcome_set_text(db, id, text) : store_outcome_delete(db, id);
	return rs_action_end(db, rc, "outcome", id, said);
}

rs_status rs_outcome_set_text(rs_db *db, int64_t id, const char *text)
{
	if (!text || !*text)
		return rs_fail(RS_ERR_INVALID, "TEXT: must not be empty");
	if (rs_input_check("TEXT", text, RS_INPUT_TEXT))
		return RS_ERR_INVALID;
	return on_outcome(db, "outcome.edit", id, text);
}

/* The edit checked against what the outcome is: a pledge keeps a
 * pledger, only a pledge has a type, objectives are 1-23. */
static rs_status check_edit(rs_db *db, const rs_outcome *o, const rs_outcome_change *c)
{
	if (c->text && !*c->text)
		return rs_fail(RS_ERR_INVALID, "--text: must not be empty");
	if (rs_input_check("--text", c->text, RS_INPUT_TEXT))
		return RS_ERR_INVALID;
	if (c->set_by && c->n_by == 0 && o->type == OUT_PLEDGE)
		return rs_fail(RS_ERR_INVALID, "--by: a pledge needs at least one pledger");
	if (c->pledge_type && o->type != OUT_PLEDGE)
		return rs_fail(RS_ERR_INVALID, "--type: only pledges have a type");
	if (c->pledge_type && *c->pledge_type && !rs_pledge_type_code(c->pledge_type))
		return rs_fail(RS_ERR_INVALID,
			       "--type: '%s' is not one of policy, resources, partnership",
			       c->pledge_type);
	for (size_t i = 0; c->set_gcm && i < c->n_gcm; i++)
		if (!rs_gcm_valid(c->gcm[i]))
			return rs_fail(RS_ERR_INVALID, "--gcm: %d is not a GCM objective (1-23)",
				       c->gcm[i]);
	if (c->set_gcm && c->n_gcm && o->type == OUT_RESPONSE)
		return rs_fail(RS_ERR_INVALID, "--gcm: a response has no GCM objectives");
	rs_status rc = c->set_themes ? check_themes(c->themes, c->n_themes) : RS_OK;
	for (size_t i = 0; rc == RS_OK && c->set_by && i < c->n_by; i++)
		if ((rc = store_exists(db, "stakeholder", c->by[i])) == RS_ERR_INVALID)
			rs_fail(rc, "--by: no stakeholder %lld", (long long)c->by[i]);
	return rc;
}

static rs_status apply_edit(rs_db *db, int64_t id, const rs_outcome_change *c)
{
	rs_status rc = RS_OK;
	if (c->text)
		rc = store_outcome_set_text(db, id, c->text);
	if (rc == RS_OK && c->set_by)
		rc = store_outcome_set_parties(db, id, c->by, c->n_by);
	if (rc == RS_OK && c->set_gcm)
		rc = store_outcome_set_objectives(db, id, c->gcm, c->n_gcm);
	if (rc == RS_OK && c->set_themes)
		rc = store_outcome_set_themes(db, id, c->themes, c->n_themes);
	if (rc == RS_OK && c->pledge_type)
		rc = store_outcome_set_type(db, id, *c->pledge_type
							? rs_pledge_type_code(c->pledge_type)
							: NULL);
	return rc;
}

rs_status rs_outcome_edit(rs_db *db, int64_t id, const rs_outcome_change *c)
{
	rs_status rc = rs_action_begin(db, "outcome.edit");
	if (rc)
		return rc;
	rs_outcome o = {0};
	rc = rs_outcome_get(db, id, &o);
	if (rc == RS_OK)
		rc = check_edit(db, &o, c);
	if (rc == RS_OK)
		rc = apply_edit(db, id, c);
	rs_outcome_clear(&o);
	/* The new text's first words, or what else changed. */
	char said[160];
	if (c->text)
		outcome_said("", c->text, said, sizeof said);
	else
		snprintf(said, sizeof said, "%s%s%s%s", c->set_by ? "parties " : "",
			 c->set_gcm ? "GCM objectives " : "", c->pledge_type ? "pledge type " : "",
			 c->set_themes ? "themes " : "");
	size_t len = strlen(said);
	if (len && said[len - 1] == ' ')
		said[len - 1] = '\0';
	return rs_action_end(db, rc, "outcome", id, said);
}

rs_status rs_outcome_delete(rs_db *db, int64_t id)
{
	return on_outcome(db, "outcome.delete", id, NULL);
}

void rs_outcome_clear(rs_outcome *o)
{
	free(o->text);
	free(o->pledge_type);
	free(o->by);
	free(o->gcm);
	for (size_t i = 0; i < o->n_themes; i++)
		free(o->themes[i]);
	free(o->themes);
	memset(o, 0, sizeof *o);
}

void rs_outcome_list_free(rs_outcome *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		rs_outcome_clear(&v[i]);
	free(v);
}
