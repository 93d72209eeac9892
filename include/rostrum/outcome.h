/* What note-takers capture per agenda item: key points (notes),
 * recommendations, pledges, next steps, and the organisers' responses to
 * them.  Any of them may carry themes: free tags the report can be
 * organised by. */
#ifndef ROSTRUM_OUTCOME_H
#define ROSTRUM_OUTCOME_H

#include "rostrum/agenda.h"
#include "rostrum/db.h"

typedef enum {
	OUT_NOTE, OUT_RECOMMENDATION, OUT_PLEDGE, OUT_NEXT_STEP,
	OUT_RESPONSE, /* the organisers' answer to another outcome */
	OUT__COUNT
} rs_outcome_type;
/* The type's code ("next_step"), as stored, in actions and in JSON. */
const char *rs_outcome_type_name(rs_outcome_type t);
/* The type as people say it ("next step"): the journal's words, a
 * screen's. */
const char *rs_outcome_type_words(rs_outcome_type t);

typedef struct {
	rs_outcome_type type;
	int64_t item_id;
	const char *text;
	const int64_t *by; /* stakeholder ids: recommenders or pledgers */
	size_t n_by;
	const int *gcm; /* GCM objectives 1-23 */
	size_t n_gcm;
	const char *pledge_type; /* pledges only: policy, resources, partnership */
	int64_t responds_to;     /* responses only: the outcome answered */
	const char *const *themes; /* free tags, each with some text */
	size_t n_themes;
} rs_outcome_new;

/* Validates (text not empty; a pledge needs a pledger; objectives 1-23;
 * pledge type known; a response answers an outcome that is not itself a
 * response, on that outcome's item, whatever item_id says, and has no
 * objectives) and stores it as one journalled action. */
rs_status rs_outcome_add(rs_db *db, const rs_outcome_new *o, int64_t *id);

/* Replaces an outcome's text ("outcome.edit") or deletes it with its
 * parties, objectives and themes ("outcome.delete"), each one journalled
 * action; an outcome that has a response is not deleted before it. */
rs_status rs_outcome_set_text(rs_db *db, int64_t id, const char *text);
rs_status rs_outcome_delete(rs_db *db, int64_t id);

typedef struct {
	int64_t id, item_id;
	rs_outcome_type type;
	char *text, *pledge_type;
	int64_t created_at;
	int64_t *by; /* stakeholder ids, in the order entered */
	char **by_names; /* their names, one for each of by */
	size_t n_by;
	int *gcm; /* ascending */
	size_t n_gcm;
	int64_t responds_to; /* 0: none */
	char **themes;       /* by name */
	size_t n_themes;
} rs_outcome;

/* An item's outcomes (all items when item_id is 0) by item, type, id. */
rs_status rs_outcome_list(rs_db *db, int64_t item_id, rs_outcome **out, size_t *n);
void rs_outcome_list_free(rs_outcome *v, size_t n);
/* One outcome (RS_ERR_INVALID if none); rs_outcome_clear frees it. */
rs_status rs_outcome_get(rs_db *db, int64_t id, rs_outcome *out);
void rs_outcome_clear(rs_outcome *o);
/* An outcome as the journal's lines name it: its type and its item, "next
 * step on 'Thematic discussion I'" (what an editor edits). */
void rs_outcome_name(rs_db *db, const rs_outcome *o, char *buf, size_t size);
/* The same list as JSON objects (the export's, plus item and item_code). */
rs_status rs_outcome_each_json(rs_db *db, int64_t item_id, rs_json_cb cb, void *ctx);

/* What rs_outcome_edit changes: text and pledge_type when not NULL
 * (pledge_type "" clears it); the parties (recommenders or pledgers) when
 * set_by, the GCM objectives when set_gcm, the themes when set_themes,
 * each replaced whole. */
typedef struct {
	const char *text;
	const int64_t *by;
	size_t n_by;
	int set_by;
	const int *gcm;
	size_t n_gcm;
	int set_gcm;
	const char *pledge_type;
	const char *const *themes;
	size_t n_themes;
	int set_themes;
} rs_outcome_change;
/* One journalled action "outcome.edit", checked as rs_outcome_add checks
 * (a pledge keeps a pledger; only a pledge has a type). */
rs_status rs_outcome_edit(rs_db *db, int64_t id, const rs_outcome_change *c);

#endif
