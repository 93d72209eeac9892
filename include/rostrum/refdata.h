/* Reference data of SPEC.md: sectors, regions, accreditation, gender,
 * intervention kinds, agenda kinds, queue and nomination states, GCM
 * objectives.  Defaults live here; the config may rename or add labels. */
#ifndef ROSTRUM_REFDATA_H
#define ROSTRUM_REFDATA_H

#include <stddef.h>

typedef struct {
	const char *code;
	const char *label;
} rs_ref;

/* Sectors (code and label).  The config may relabel one or add more. */
size_t rs_sector_count(void);
const rs_ref *rs_sector_at(size_t i);
/* The canonical code for a code or a label, any case; NULL if unknown. */
const char *rs_sector_code(const char *code_or_label);
const char *rs_sector_label(const char *code);
int rs_sector_set(const char *code, const char *label); /* 0, -1 if full */
/* The label a person is found by in the roster's search (beside the
 * code): SPEC's own for its 17 sectors, whatever the config renames, so
 * that a row's search key never depends on which terminal's config wrote
 * it; the config's for a sector it added (it has no other); NULL when the
 * code is unknown. */
const char *rs_sector_searched_label(const char *code);

/* Regions: labels only; matching is case-insensitive. */
size_t rs_region_count(void);
const char *rs_region_at(size_t i);
const char *rs_region_canonical(const char *s); /* NULL if unknown */
void rs_region_reset(void);                    /* empties the list */
int rs_region_add(const char *label);          /* 0, -1 if full */

/* Accreditation codes; NULL if unknown.  `refused` is a pending request
 * that drew an objection. */
const char *rs_accreditation_code(const char *s);
extern const rs_ref rs_accreditations[];
extern const size_t rs_accreditation_n;
/* 1 for the codes that entitle a stakeholder to take the floor where the
 * meeting requires accreditation: ecosoc, gcm, imrf_new. */
int rs_accreditation_accredited(const char *code);
const char *rs_accreditation_label(const char *code); /* the code if unknown */

/* How a participant takes part: `in_room` or `online` (also "in the room",
 * "room", "on-site", "remote", "virtual"); NULL if unknown.  The label is
 * what a screen says: "in the room", "online". */
const char *rs_participation_code(const char *s);
const char *rs_participation_label(const char *code);
extern const rs_ref rs_participations[]; /* in_room, online */
extern const size_t rs_participation_n;

/* The role a participant comes in: a `stakeholder`, or one of the roles a
 * report counts apart: `member_state`, `un_system`, `organiser` (the chair,
 * moderators, the secretariat).  A person with no role of their own takes
 * their sector's: member_state and un_system for those sectors, stakeholder
 * for every other.  rs_role_code accepts a code or a label, any case ("UN
 * system", "organizer"); NULL if unknown. */
const char *rs_role_code(const char *s);
const char *rs_role_of(const char *sector, const char *role);
/* Whether a role (rs_role_of's; NULL or "" as a stakeholder) counts in the
 * balance of the floor and the report's balance annex: stakeholders only,
 * the other roles being counted apart. */
int rs_role_is_stakeholder(const char *role);
/* "Member State", "United Nations system", "organiser": one of a role,
 * beside a person's sector or in a reason; the code itself for any other. */
const char *rs_role_name(const char *role);
/* "Member States", "United Nations system", "Organisers" (plural, for
 * counts), "Stakeholders": a group's label, capitalised as the sectors'
 * are, in the report's lists and tables alike. */
const char *rs_role_label(const char *code);
extern const rs_ref rs_roles[];
extern const size_t rs_role_n;

/* The interpretation languages: the six UN official languages by their
 * form codes (ar zh en fr ru es).  rs_language_code takes a code or a name
 * ("French"), any case; NULL if unknown.  rs_language_name: "French" (the
 * code itself when unknown). */
const char *rs_language_code(const char *s);
const char *rs_language_name(const char *code);
extern const rs_ref rs_languages[];
extern const size_t rs_language_n;

/* Gender: maps form text to woman/man/non-binary/undisclosed; anything
 * else is kept as given (statistics group it under its own value). */
const char *rs_gender_code(const char *s);
/* A group of one gender as a report names it, and every live view of the
 * balance with it (rs_balance_label): "Women", "Men", "Non-binary", "Not
 * disclosed" (also for a gender not given); any other value as it is. */
const char *rs_gender_label(const char *code);
/* One person's gender in a list of people: "woman", "man", "non-binary",
 * any other value as it is, and the group's "Not disclosed" when none is
 * given or it is undisclosed. */
const char *rs_gender_of_person(const char *code);

/* Intervention kinds with their default speaking time in seconds. */
typedef struct {
	const char *code;
	const char *label;
	int seconds;
	const char *word; /* in a report's table: "panellist", "opening speaker" */
} rs_kind;
size_t rs_kind_count(void);
const rs_kind *rs_kind_at(size_t i);
const rs_kind *rs_kind_find(const char *code);
int rs_kind_set_seconds(const char *code, int seconds);

/* Agenda item kinds. */
const char *rs_agenda_kind_code(const char *s);
extern const char *const rs_agenda_kinds[];
extern const size_t rs_agenda_kind_n;

/* Queue entry states. */
typedef enum {
	QS_WAITING,
	QS_SPEAKING,
	QS_PAUSED,
	QS_SPOKEN,
	QS_WITHDRAWN,
	QS_ABSENT,
	QS__COUNT
} rs_queue_state;
const char *rs_queue_state_name(rs_queue_state s);
int rs_queue_state_parse(const char *s); /* -1 if unknown */
/* The state machine of SPEC.md: waiting -> speaking <-> paused -> spoken;
 * waiting -> withdrawn | absent; absent -> waiting (re-queued). */
int rs_queue_transition_ok(rs_queue_state from, rs_queue_state to);

/* Nomination states. */
typedef enum {
	NS_NOMINATED,
	NS_ACCEPTED,
	NS_DECLINED,
	NS_SELECTED,
	NS_NOT_SELECTED,
	NS__COUNT
} rs_nomination_state;
const char *rs_nomination_state_name(rs_nomination_state s);
int rs_nomination_state_parse(const char *s);
/* nominated -> accepted | declined; accepted -> selected | not_selected. */
int rs_nomination_transition_ok(rs_nomination_state from, rs_nomination_state to);

/* Pledge types: policy, resources, partnership; NULL if unknown. */
const char *rs_pledge_type_code(const char *s);

/* GCM objectives 1-23 and the IMRF round table (1-4) that clusters each. */
int rs_gcm_valid(int objective);
int rs_gcm_round_table(int objective);
const char *rs_gcm_title(int objective);

/* Queue ordering policies. */
typedef enum { POLICY_FIFO, POLICY_FIRST_TIME, POLICY_BALANCED, POLICY__COUNT } rs_policy;
const char *rs_policy_name(rs_policy p);
int rs_policy_parse(const char *s); /* -1 if unknown */

#endif
