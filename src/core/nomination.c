#include "rostrum/nomination.h"

#include <stdlib.h>
#include <string.h>

#include "rostrum/text.h"
#include "said.h"
#include "storage.h"

/* The most of a role or statement an edit's summary quotes. */
#define STATEMENT_SAID 40

/* "Ana Ruiz's nomination as rapporteur", and " by Ben Okoro" with
 * by_whom (a candidacy's state is every nominator's; an edit is one's). */
static void nomination_said(said *s, const rs_nomination *n, int by_whom)
{
	said_add(s, "%s's nomination as %s", n->nominee_name, n->role);
	if (by_whom && n->nominator_id > 0)
		said_add(s, " by %s", n->nominator_name);
}

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
	/* "rapporteur: Ana Ruiz, nominated by Ben Okoro" */
	said line = {0};
	rs_nomination n = {0};
	if (rc == RS_OK && (rc = store_nomination_get(db, *id, &n)) == RS_OK)
		said_add(&line, "%s: %s%s%s", n.role, n.nominee_name,
			 nominator == nominee ? ", self-nominated"
			 : nominator > 0     ? ", nominated by "
					     : "",
			 nominator > 0 && nominator != nominee ? n.nominator_name : "");
	rs_nomination_clear(&n);
	return rs_action_end(db, rc, "nomination", rc ? 0 : *id, line.text);
}

rs_status rs_nomination_set(rs_db *db, int64_t id, rs_nomination_state to)
{
	rs_status rc = rs_action_begin(db, "nomination.set");
	if (rc)
		return rc;
	rs_nomination n;
	rc = store_nomination_get(db, id, &n);
	if (rc == RS_OK && !rs_nomination_transition_ok(n.state, to))
		rc = rs_fail(RS_ERR_INVALID, "nomination %lld is %s and cannot become %s",
			     (long long)id, rs_nomination_state_name(n.state),
			     rs_nomination_state_name(to));
	if (rc == RS_OK)
		rc = store_nomination_set_candidacy(db, id, n.state, to);
	/* "Ana Ruiz's nomination as rapporteur: accepted" */
	said line = {0};
	if (n.nominee_name) {
		nomination_said(&line, &n, 0);
		said_add(&line, ": %s", rs_nomination_state_name(to));
	}
	rs_nomination_clear(&n);
	return rs_action_end(db, rc, "nomination", id, line.text);
}

/* What an edit changed, "role 'rapporteur' → 'chair', statement '' → '…'"
 * ("nothing" when nothing did). */
static void edit_said(said *s, const rs_nomination *was, const rs_nomination *now)
{
	int role = strcmp(was->role, now->role) != 0;
	int statement = strcmp(was->statement, now->statement) != 0;
	if (role)
		said_change(s, "role", was->role, now->role, STATEMENT_SAID);
	if (statement) {
		said_add(s, "%s", role ? ", " : "");
		said_change(s, "statement", was->statement, now->statement, STATEMENT_SAID);
	}
	if (!role && !statement)
		said_add(s, "nothing changed");
}

/* Edit (delete when del) nomination id, as one journalled action. */
static rs_status on_nomination(rs_db *db, const char *action, int64_t id, const char *role,
			       const char *statement, int del)
{
	rs_status rc = rs_action_begin(db, action);
	if (rc)
		return rc;
	rs_nomination was, now = {0};
	rc = store_nomination_get(db, id, &was);
	if (rc == RS_OK)
		rc = del ? store_nomination_delete(db, id)
			 : store_nomination_edit(db, id, role, statement);
	if (rc == RS_OK && !del)
		rc = store_nomination_get(db, id, &now);
	/* "deleted: Ana Ruiz's nomination as rapporteur by Ben Okoro", or
	 * "Ana Ruiz's ... by Ben Okoro: role 'rapporteur' → 'chair'" */
	said line = {0};
	said_add(&line, "%s", del ? "deleted: " : "");
	if (was.nominee_name)
		nomination_said(&line, &was, 1);
	if (rc == RS_OK && !del) {
		said_add(&line, ": ");
		edit_said(&line, &was, &now);
	}
	rs_nomination_clear(&was);
	rs_nomination_clear(&now);
	return rs_action_end(db, rc, "nomination", id, line.text);
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

void rs_nomination_clear(rs_nomination *n)
{
	free(n->nominee_name);
	free(n->nominator_name);
	free(n->role);
	free(n->statement);
	memset(n, 0, sizeof *n);
}

void rs_nomination_list_free(rs_nomination *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		rs_nomination_clear(&v[i]);
	free(v);
}
