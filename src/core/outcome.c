#include "rostrum/outcome.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rostrum/clock.h"
#include "rostrum/refdata.h"
#include "rostrum/text.h"
#include "said.h"
#include "storage.h"

static const char *const type_names[OUT__COUNT] = {"note", "recommendation", "pledge",
						   "next_step", "response"};

static const char *const type_words[OUT__COUNT] = {"note", "recommendation", "pledge",
						   "next step", "response"};

const char *rs_outcome_type_name(rs_outcome_type t)
{
	return (unsigned)t < OUT__COUNT ? type_names[t] : "?";
}

const char *rs_outcome_type_words(rs_outcome_type t)
{
	return (unsigned)t < OUT__COUNT ? type_words[t] : "?";
}

/* Themes are names: each must hold more than blanks. */
static rs_status check_themes(const char *const *themes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (rs_text_blank(themes[i]))
			return rs_fail(RS_ERR_INVALID, "--theme: a theme needs a name");
	return RS_OK;
}

/* A party named twice is refused (as the TUI's chooser refuses it): the
 * record listed them once and said nothing. */
static rs_status check_parties(const int64_t *by, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t k = 0; k < i; k++)
			if (by[i] == by[k])
				return rs_fail(RS_ERR_INVALID, "--by: stakeholder %lld is named twice",
					       (long long)by[i]);
	return RS_OK;
}

static rs_status validate(const rs_outcome_new *o)
{
	if ((unsigned)o->type >= OUT__COUNT)
		return rs_fail(RS_ERR_INVALID, "unknown outcome type");
	if (rs_text_blank(o->text))
		return rs_fail(RS_ERR_INVALID, "TEXT: must not be empty");
	if (rs_input_check("TEXT", o->text, RS_INPUT_TEXT))
		return RS_ERR_INVALID;
	if (o->type == OUT_PLEDGE && o->n_by == 0)
		return rs_fail(RS_ERR_INVALID, "--by: a pledge needs at least one pledger");
	if (check_parties(o->by, o->n_by))
		return RS_ERR_INVALID;
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

/* The first words of an outcome the journal quotes. */
#define WORDS 60
#define WORDS_NAMED 40 /* where they name the outcome an edit changed */

/* The outcome a response answers, which must not be a response itself: its
 * item is the response's, and the journal names it, "response to note
 * 'Speakers from the floor asked…'". */
static rs_status answered(rs_db *db, int64_t id, int64_t *item, said *s)
{
	rs_outcome a;
	rs_status rc = rs_outcome_get(db, id, &a);
	if (rc == RS_OK && a.type == OUT_RESPONSE)
		rc = rs_fail(RS_ERR_INVALID, "outcome %lld is a response: answer what it answers",
			     (long long)id);
	if (rc == RS_OK) {
		*item = a.item_id;
		said_add(s, "response to %s '", rs_outcome_type_words(a.type));
		said_quote(s, a.text, WORDS_NAMED);
		said_add(s, "'");
	}
	rs_outcome_clear(&a);
	return rc;
}

/* ": " and an outcome's first words (whole characters; a line break as a
 * space). */
static void text_said(said *s, const char *text)
{
	said_add(s, ": ");
	said_quote(s, text, WORDS);
}

/* What the journal says of an outcome added or deleted: "recommendation on
 * 'Thematic discussion I': Expand regular pathways for labour migration,
 * with…". */
static void outcome_said(said *s, rs_db *db, rs_outcome_type type, int64_t item_id,
			 const char *text)
{
	said_outcome(s, db, type, item_id);
	text_said(s, text);
}

void rs_outcome_name(rs_db *db, const rs_outcome *o, char *buf, size_t size)
{
	said s = {0};
	said_outcome(&s, db, o->type, o->item_id);
	rs_text_printf(buf, size, "%s", s.text);
}

/* "a, b" of the objectives, "none" without. */
static void gcm_said(said *s, const rs_outcome *o)
{
	for (size_t i = 0; i < o->n_gcm; i++)
		said_add(s, "%s%d", i ? ", " : "", o->gcm[i]);
	if (!o->n_gcm)
		said_add(s, "none");
}

static int same_gcm(const rs_outcome *a, const rs_outcome *b)
{
	return a->n_gcm == b->n_gcm &&
	       (!a->n_gcm || !memcmp(a->gcm, b->gcm, a->n_gcm * sizeof *a->gcm));
}

static int same_parties(const rs_outcome *a, const rs_outcome *b)
{
	return a->n_by == b->n_by && (!a->n_by || !memcmp(a->by, b->by, a->n_by * sizeof *a->by));
}

static int same_themes(const rs_outcome *a, const rs_outcome *b)
{
	for (size_t i = 0; a->n_themes == b->n_themes && i < a->n_themes; i++)
		if (strcmp(a->themes[i], b->themes[i]))
			return 0;
	return a->n_themes == b->n_themes;
}

/* What an edit changed, as stored: "recommendation 'Ensure regular
 * pathways': GCM objectives 5, 12 → 7" (the outcome as it was, then each
 * change, old → new; "nothing changed" when nothing did). */
static void edit_said(said *s, const rs_outcome *was, const rs_outcome *now)
{
	said_add(s, "%s '", rs_outcome_type_words(was->type));
	said_quote(s, was->text, WORDS_NAMED);
	said_add(s, "':");
	int n = 0;
	if (strcmp(was->text, now->text)) {
		said_add(s, "%s text" RS_CHANGED "'", n++ ? "," : "");
		said_quote(s, now->text, WORDS_NAMED);
		said_add(s, "'");
	}
	if (!same_parties(was, now)) {
		said_add(s, "%s by ", n++ ? "," : "");
		said_list(s, (const char *const *)was->by_names, was->n_by, WORDS_NAMED);
		said_add(s, RS_CHANGED);
		said_list(s, (const char *const *)now->by_names, now->n_by, WORDS_NAMED);
	}
	if (!same_gcm(was, now)) {
		said_add(s, "%s GCM objectives ", n++ ? "," : "");
		gcm_said(s, was);
		said_add(s, RS_CHANGED);
		gcm_said(s, now);
	}
	if (strcmp(was->pledge_type, now->pledge_type))
		said_add(s, "%s type %s" RS_CHANGED "%s", n++ ? "," : "",
			 *was->pledge_type ? was->pledge_type : "none",
			 *now->pledge_type ? now->pledge_type : "none");
	if (!same_themes(was, now)) {
		said_add(s, "%s themes ", n++ ? "," : "");
		said_list(s, (const char *const *)was->themes, was->n_themes, WORDS_NAMED);
		said_add(s, RS_CHANGED);
		said_list(s, (const char *const *)now->themes, now->n_themes, WORDS_NAMED);
	}
	if (!n)
		said_add(s, " nothing changed");
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
	said line = {0};
	if (o->type == OUT_RESPONSE)
		rc = answered(db, o->responds_to, &in.item_id, &line);
	if (rc == RS_OK && (rc = store_exists(db, "agenda_item", in.item_id)) == RS_ERR_INVALID)
		rs_fail(rc, "no agenda item %lld", (long long)in.item_id);
	for (size_t i = 0; rc == RS_OK && i < o->n_by; i++)
		if ((rc = store_exists(db, "stakeholder", o->by[i])) == RS_ERR_INVALID)
			rs_fail(rc, "--by: no stakeholder %lld", (long long)o->by[i]);
	if (rc == RS_OK)
		rc = store_outcome_insert(db, &in, rs_now(), id);
	if (rc == RS_OK && o->type == OUT_RESPONSE)
		text_said(&line, o->text); /* after what it answers */
	else if (rc == RS_OK)
		outcome_said(&line, db, o->type, in.item_id, o->text);
	return rs_action_end(db, rc, "outcome", rc ? 0 : *id, line.text);
}

/* Edit (text) or delete (text NULL) outcome id, as one action. */
static rs_status on_outcome(rs_db *db, const char *action, int64_t id, const char *text)
{
	rs_status rc = rs_action_begin(db, action);
	if (rc)
		return rc;
	/* A deletion says what was deleted (read before the row goes), an
	 * edit what it changed. */
	rs_outcome was = {0}, now = {0};
	int64_t response = 0;
	rc = rs_outcome_get(db, id, &was);
	if (rc == RS_OK && !text && (rc = store_outcome_response(db, id, &response)) == RS_OK &&
	    response > 0)
		rc = rs_fail(RS_ERR_INVALID, "outcome %lld has a response (%lld): delete it first",
			     (long long)id, (long long)response);
	if (rc == RS_OK)
		rc = text ? store_outcome_set_text(db, id, text) : store_outcome_delete(db, id);
	if (rc == RS_OK && text)
		rc = rs_outcome_get(db, id, &now);
	said line = {0};
	if (rc == RS_OK && text)
		edit_said(&line, &was, &now);
	else if (rc == RS_OK) {
		said_add(&line, "deleted ");
		outcome_said(&line, db, was.type, was.item_id, was.text);
	}
	rs_outcome_clear(&was);
	rs_outcome_clear(&now);
	return rs_action_end(db, rc, "outcome", id, line.text);
}

rs_status rs_outcome_set_text(rs_db *db, int64_t id, const char *text)
{
	if (rs_text_blank(text))
		return rs_fail(RS_ERR_INVALID, "TEXT: must not be empty");
	if (rs_input_check("TEXT", text, RS_INPUT_TEXT))
		return RS_ERR_INVALID;
	return on_outcome(db, "outcome.edit", id, text);
}

/* The edit checked against what the outcome is: a pledge keeps a
 * pledger, only a pledge has a type, objectives are 1-23. */
static rs_status check_edit(rs_db *db, const rs_outcome *o, const rs_outcome_change *c)
{
	if (c->text && rs_text_blank(c->text))
		return rs_fail(RS_ERR_INVALID, "--text: must not be empty");
	if (rs_input_check("--text", c->text, RS_INPUT_TEXT))
		return RS_ERR_INVALID;
	if (c->set_by && c->n_by == 0 && o->type == OUT_PLEDGE)
		return rs_fail(RS_ERR_INVALID, "--by: a pledge needs at least one pledger");
	if (c->set_by && check_parties(c->by, c->n_by))
		return RS_ERR_INVALID;
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
	rs_outcome was = {0}, now = {0};
	rc = rs_outcome_get(db, id, &was);
	if (rc == RS_OK)
		rc = check_edit(db, &was, c);
	if (rc == RS_OK)
		rc = apply_edit(db, id, c);
	if (rc == RS_OK)
		rc = rs_outcome_get(db, id, &now);
	said line = {0};
	if (rc == RS_OK)
		edit_said(&line, &was, &now);
	rs_outcome_clear(&was);
	rs_outcome_clear(&now);
	return rs_action_end(db, rc, "outcome", id, line.text);
}

rs_status rs_outcome_delete(rs_db *db, int64_t id)
{
	return on_outcome(db, "outcome.delete", id, NULL);
}

void rs_outcome_clear(rs_outcome *o)
{
	free(o->text);
	free(o->pledge_type);
	for (size_t i = 0; o->by_names && i < o->n_by; i++)
		free(o->by_names[i]);
	free(o->by_names);
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
