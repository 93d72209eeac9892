/* The balance of the floor: who has been heard, by sector, region, gender
 * and country, against the share each group should have (the roster's,
 * or a quota the meeting set).  The balanced policy orders the floor by it;
 * the equity view and `queue stats` show it. */
#ifndef ROSTRUM_BALANCE_H
#define ROSTRUM_BALANCE_H

#include "rostrum/agenda.h"
#include "rostrum/db.h"

/* BAL_PARTICIPATION (in the room or online, as each intervention was made)
 * is shown with the others but weighs nothing in the balanced order and
 * takes no quota: the floor's figures split by it. */
typedef enum { BAL_SECTOR, BAL_REGION, BAL_GENDER, BAL_COUNTRY, BAL_PARTICIPATION,
	       BAL__COUNT } rs_balance_dim;
/* "sector", "region", "gender", "country", "participation"; -1 from parse
 * when unknown. */
const char *rs_balance_dim_name(rs_balance_dim d);
int rs_balance_dim_parse(const char *s);

/* One group of one dimension: the share it should have of the floor, and
 * what it has had.  A value of "" is the group of those who gave none. */
typedef struct {
	rs_balance_dim dim;
	char value[64];
	double target;  /* 0..1: the roster's share (present, else registered) or a quota */
	int quota;      /* the target is the meeting's quota */
	double quota_share; /* the meeting's quota for the group, 0: none */
	int64_t count;  /* interventions heard (points of order are procedure: not counted) */
	int64_t seconds;
} rs_balance_group;

/* The meeting's rules of the balance and, for a scope, the groups. */
typedef struct {
	int by_time;        /* balance the share of speaking time, not of interventions */
	int scope_meeting;  /* count the whole meeting, not the item alone */
	int max_passed;     /* K: nobody is passed over more than K places of first come */
	int migrants_first; /* migrants themselves first while none has been heard */
	int seat_spread;    /* RS_SPREAD_* bits: a role's seats not all from one group */
	rs_balance_group *groups;
	size_t n_groups;
	int64_t total_count, total_seconds; /* heard in all, in the scope */
} rs_balance;

/* What `meeting set` changes of the balance: -1 leaves a rule as it is.
 * A quota (share 0 removes it) is a floor under a group's target; the
 * seats of a role are how many `nomination select` fills (0: the default,
 * one). */
typedef struct {
	rs_balance_dim dim;
	const char *value; /* a sector's code or label, a region, a gender, a country */
	double share;      /* 0..1 */
} rs_quota;
typedef struct {
	const char *role;
	int seats;
} rs_role_seats;
typedef struct {
	int by_time, scope_meeting, max_passed, migrants_first;
	const char *seat_spread; /* NULL: unchanged; rs_seat_spread_parse's words */
	rs_quota *quotas;
	size_t n_quotas;
	rs_role_seats *seats;
	size_t n_seats;
} rs_balance_change;
enum { RS_MAX_PASSED = 99, RS_MAX_SEATS = 50 };
/* Checks a change (K 0-99, quotas of a known sector or region, each
 * dimension's quotas at most 100% in all, seats 0-50), naming the option
 * at fault; the canonical sector code or region is written back. */
rs_status rs_balance_check(rs_balance_change *c);
/* The rule that spreads a role's seats when `nomination select` proposes:
 * for each dimension named, the seats are not all from one group of it
 * where an accepted nominee from another exists.  The meeting's default is
 * region ("not all from one region"). */
enum { RS_SPREAD_SECTOR = 1 << BAL_SECTOR, RS_SPREAD_REGION = 1 << BAL_REGION,
       RS_SPREAD_GENDER = 1 << BAL_GENDER };
/* "none", or sector, region and gender joined by commas (any order, once
 * each) into RS_SPREAD_* bits; -1 when s is neither. */
int rs_seat_spread_parse(const char *s);
/* The canonical words of bits: "none", "region", "sector,region,gender". */
const char *rs_seat_spread_name(int bits);
/* The seats of a role (1 when the meeting set none). */
rs_status rs_balance_seats(rs_db *db, const char *role, int *seats);

/* The rules, every group's target, and what was heard on item_id (0: the
 * whole meeting) leaving out item `excluded` (0: none): the policy counts
 * the entries it orders itself.  *b is the caller's: rs_balance_free. */
rs_status rs_balance_load(rs_db *db, int64_t item_id, int64_t excluded, rs_balance *b);
/* The same over the scope the meeting's rules give the balance: item_id's
 * speeches, or the whole meeting's.  With an item and nothing left out (a
 * head's order), the targets and the other items' tallies come from what
 * the connection keeps between calls (store_balance.c): the same figures. */
rs_status rs_balance_load_scoped(rs_db *db, int64_t item_id, int64_t excluded, rs_balance *b);
void rs_balance_free(rs_balance *b);

/* The figures of the equity view and `queue stats` for item_id (0: the
 * whole meeting): every group with its target, interventions and speaking
 * time, sorted by dimension, then largest target first.  The same as
 * rs_balance_load with nothing left out. */
rs_status rs_balance_stats(rs_db *db, int64_t item_id, rs_balance *b);
/* Whom the figures count, said once beside them: the stakeholders only,
 * the others keeping their first-come place uncounted. */
const char *rs_balance_whom(void);
/* The same as one JSON object: {"item", "basis", "scope", "max_passed",
 * "migrants_first", "total_interventions", "total_seconds", for an item
 * "pacing": {"planned", "left", "waiting", "each", "floor_seconds", "offer",
 * "floor_waiting", "programme_waiting", "programme_seconds", "programme_over", "holder_left", "ended"}
 * at now (rs_pacing_get, rs_pacing_offer: "each" the floor's share),
 * "by_sector":
 * [{"value", "label", "target", "quota", "interventions",
 * "share_interventions", "seconds", "share_time", "gap", "heard"}],
 * "by_region", "by_gender", "by_country"}; gap is the share by the
 * meeting's basis less the target. */
rs_status rs_balance_stats_json(rs_db *db, int64_t item_id, int64_t now, rs_json_cb cb,
				void *ctx);
/* A group as a moderator says it and the report names it: "Trade unions",
 * "Africa", "Women" (rs_gender_label).  A value not given has one label
 * wherever it shows (the live balance, the speakers' lists, the report's
 * figures): "Region not given", "Country not given", "Sector not given",
 * and for gender, like "undisclosed", "Not disclosed". */
const char *rs_balance_label(rs_balance_dim dim, const char *value);
const char *rs_balance_group_label(const rs_balance_group *g);
/* A group's share of the interventions, or of the speaking time. */
double rs_balance_share(const rs_balance *b, const rs_balance_group *g, int by_time);

/* The pacing of an item at now: the time left to its planned end, the
 * people waiting, and the speaking time each from the floor could have to
 * end on time.  The programme's speakers (opening, panel, summary,
 * closing) and replies keep their kind's own time on the item whatever the
 * floor's is: theirs comes off the time left, as does what the speaker
 * holding the floor still has of theirs, and the floor shares the rest.
 * When the programme alone needs more than is left after that speech, no
 * floor time ends the item on time. */
typedef struct {
	int ended;         /* the item has ended: nothing is paced (planned 0) */
	int planned;       /* the item has a planned end */
	int64_t left;      /* seconds to the planned end; negative past it */
	int waiting;       /* speakers waiting (points of order aside) */
	int programme_waiting;     /* of them, the programme's speakers and replies */
	int64_t programme_seconds; /* their allotted time, each their kind's on the item */
	int floor_waiting; /* of them, from the floor: waiting less programme_waiting */
	int64_t holder_left; /* what the speaker holding the floor has still of their
			      * allotted time (0: nobody, or over it) */
	int holder_running;  /* and it runs (not paused): it counts down with the clock */
	int64_t each;      /* (left - holder_left - programme_seconds) / floor_waiting;
			    * 0 when nobody from the floor waits, no end, or nothing
			    * left after the speech and the programme */
	int64_t programme_over; /* how far the programme alone runs past the planned end
				 * after the speech (programme_seconds + holder_left -
				 * left); 0 when it does not, none waits, or the end
				 * has passed */
	int floor_seconds; /* the floor's speaking time on the item now */
} rs_pacing;
rs_status rs_pacing_get(rs_db *db, int64_t item_id, int64_t now, rs_pacing *p);
/* The same pacing `seconds` later with nothing else changed: what a screen
 * that read it once shows on its clock ticks. */
void rs_pacing_advance(rs_pacing *p, int64_t seconds);
/* The same pacing once the speech now ends (the next speaker called): its
 * time left goes back to those waiting. */
void rs_pacing_speech_ended(rs_pacing *p);
/* What pacing offers when the next speaker is called (the speech ending:
 * rs_pacing_speech_ended): the floor's speaking time that ends the item on
 * time, `each` rounded down to a step of RS_PACING_STEP seconds and never
 * below RS_PACING_MIN; 0 when there is
 * nothing to offer (no planned end or past it, nobody from the floor
 * waiting, the programme alone filling the time left, or the floor's time
 * already no longer). */
enum { RS_PACING_STEP = 15, RS_PACING_MIN = 60 };
int rs_pacing_offer(const rs_pacing *p);
/* The speaking time of a kind on one item (pacing shortens the floor's for
 * everyone still waiting); 0 gives the item the meeting's again.  One
 * journalled action "agenda.speaking_time". */
rs_status rs_pacing_set(rs_db *db, int64_t item_id, const char *kind, int seconds);

#endif
