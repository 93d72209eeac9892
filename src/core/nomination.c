#include "rostrum/nomination.h"

#include <stdlib.h>
#include <string.h>

#include "rostrum/text.h"
#include "storage.h"

rs_status rs_nominate(rs_db *db, int64_t nominee, int64_t nominator, const char *role,
		      const char *statement, int64_t *id)
{
	if (role && !*role)
		return rs_fail(RS_ERR_INVALID, "--role: a nomination needs a role (none given: "
					       "rapporteur)");
	if (!role)
		role = "rapporteur";
	if (rs_input_check("--role", role, RS_INPUT_LINE) ||
	    rs_input_check("--statement", statement, RS_INPUT_TEXT))
		return RS_ERR_INVALID;
	rs_status rc = rs_action_begin(db, "nomination.add");
	if (rc)
		return rc;
	if ((rc = store_exists(db, "stakeholder", nominee)) == RS_ERR_INVALID)
		rs_fail(rc, "no stakeholder %lld", (long long)nominee);
	if (rc == RS_OK && nominator > 0 &&
	    (rc = store_exists(db, "stakeholder", nominator)) == RS_ERR_INVALID)
		rs_fail(rc, "--by: no stakeholder %lld", (long long)nominator);
	if (rc == RS_OK)
		rc = store_nomination_insert(db, nominee, nominator, role, statement, id);
	if (rc == RS_OK && *id == 0)
		rc = rs_fail(RS_ERR_INVALID, "stakeholder %lld is already nominated as %s %s",
			     (long long)nominee, role,
			     nominator > 0 ? "by that nominator" : "with no nominator recorded");
	return rs_action_end(db, rc, "nomination", rc ? 0 : *id, role);
}

rs_status rs_nomination_set(rs_db *db, int64_t id, rs_nomination_state to)
{
	rs_status rc = rs_action_begin(db, "nomination.set");
	if (rc)
		return rc;
	rs_nomination_state from;
	rc = store_nomination_state(db, id, &from);
	if (rc == RS_OK && !rs_nomination_transition_ok(from, to))
		rc = rs_fail(RS_ERR_INVALID, "nomination %lld is %s and cannot become %s",
			     (long long)id, rs_nomination_state_name(from),
			     rs_nomination_state_name(to));
	if (rc == RS_OK)
		rc = store_nomination_set_candidacy(db, id, from, to);
	return rs_action_end(db, rc, "nomination", id, rs_nomination_state_name(to));
}

/* Edit (delete when del) nomination id, as one journalled action. */
static rs_status on_nomination(rs_db *db, const char *action, int64_t id, const char *role,
			       const char *statement, int del)
{
	rs_status rc = rs_action_begin(db, action);
	if (rc)
		return rc;
	rs_nomination_state state;
	rc = store_nomination_state(db, id, &state);
	if (rc == RS_OK)
		rc = del ? store_nomination_delete(db, id)
			 : store_nomination_edit(db, id, role, statement);
	return rs_action_end(db, rc, "nomination", id, del ? "deleted" : role);
}

rs_status rs_nomination_edit(rs_db *db, int64_t id, const char *role, const char *statement)
{
	if (role && !*role)
		return rs_fail(RS_ERR_INVALID, "--role: a nomination needs a role");
	if (!role && !statement)
		return rs_fail(RS_ERR_INVALID, "nothing to change (--role, --statement)");
	if (rs_input_check("--role", role, RS_INPUT_LINE) ||
	    rs_input_check("--statement", statement, RS_INPUT_TEXT))
		return RS_ERR_INVALID;
	return on_nomination(db, "nomination.edit", id, role, statement, 0);
}

rs_status rs_nomination_delete(rs_db *db, int64_t id)
{
	return on_nomination(db, "nomination.delete", id, NULL, NULL, 1);
}

void rs_nomination_list_free(rs_nomination *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].nominee_name);
		free(v[i].nominator_name);
		free(v[i].role);
		free(v[i].statement);
	}
	free(v);
}
