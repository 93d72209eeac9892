/* Rapporteur (and other role) nominations. */
#ifndef ROSTRUM_NOMINATION_H
#define ROSTRUM_NOMINATION_H

#include "rostrum/agenda.h"
#include "rostrum/db.h"
#include "rostrum/refdata.h"

typedef struct {
	int64_t id, nominee_id, nominator_id; /* nominator 0: none recorded */
	char *nominee_name, *nominator_name, *role, *statement;
	rs_nomination_state state;
	int tally; /* distinct nominators of this nominee for this role */
} rs_nomination;

/* Records a nomination (role "rapporteur" when NULL; "" is refused); the same nominator
 * nominating the same person for the same role twice is refused. */
rs_status rs_nominate(rs_db *db, int64_t nominee, int64_t nominator, const char *role,
		      const char *statement, int64_t *id);
/* Moves a nomination to `to`.  Acceptance, refusal and selection are the
 * nominee's candidacy for the role, so every nomination of that person for
 * that role in the same state moves with it. */
rs_status rs_nomination_set(rs_db *db, int64_t id, rs_nomination_state to);
/* A nomination's role and statement (NULL: unchanged; a statement of ""
 * clears it), or the nomination deleted (one made in error), each one
 * journalled action. */
rs_status rs_nomination_edit(rs_db *db, int64_t id, const char *role, const char *statement);
rs_status rs_nomination_delete(rs_db *db, int64_t id);
/* By role, then tally (highest first), then nominee name. */
rs_status rs_nomination_list(rs_db *db, rs_nomination **out, size_t *n);
void rs_nomination_list_free(rs_nomination *v, size_t n);
/* Frees one nomination's strings (and zeroes it). */
void rs_nomination_clear(rs_nomination *n);
rs_status rs_nomination_each_json(rs_db *db, rs_json_cb cb, void *ctx);

#endif
