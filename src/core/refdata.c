#include "rostrum/refdata.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define MAX_SECTORS 64
#define MAX_REGIONS 32

/* SPEC's sectors by their own labels: what `sectors` starts as, and what
 * the roster's search key says of a sector whatever the config renames. */
#define SPEC_SECTORS                                                           \
	{"migrant", "Migrants and migrant associations"},                      \
	{"civil_society", "Civil society organizations"},                      \
	{"diaspora", "Migrant and diaspora organizations"},                    \
	{"faith", "Faith-based organizations"},                                \
	{"local_authority", "Local and regional authorities and communities"}, \
	{"private_sector", "Private sector"},                                  \
	{"trade_union", "Trade unions"},                                       \
	{"parliamentarian", "Parliamentarians"},                               \
	{"nhri", "National human rights institutions"},                        \
	{"red_cross", "International Red Cross and Red Crescent Movement"},    \
	{"academia", "Academia"},                                              \
	{"media", "Media"},                                                    \
	{"youth", "Children and youth organizations"},                         \
	{"human_rights_mechanism", "Human rights mechanisms"},                 \
	{"member_state", "Member States"},                                     \
	{"un_system", "United Nations system"},                                \
	{"other", "Other relevant stakeholders"}
static const rs_ref spec_sectors[] = {SPEC_SECTORS};
#define N_SPEC_SECTORS (sizeof spec_sectors / sizeof spec_sectors[0])
static rs_ref sectors[MAX_SECTORS] = {SPEC_SECTORS};
static size_t n_sectors = N_SPEC_SECTORS;

static const char *regions[MAX_REGIONS] = {
	"Africa", "Arab States", "Asia and the Pacific",
	"Europe and North America", "Latin America and the Caribbean",
};
static size_t n_regions = 5;

size_t rs_sector_count(void) { return n_sectors; }
const rs_ref *rs_sector_at(size_t i) { return i < n_sectors ? &sectors[i] : NULL; }

const char *rs_sector_code(const char *s)
{
	if (!s)
		return NULL;
	for (size_t i = 0; i < n_sectors; i++)
		if (!strcasecmp(s, sectors[i].code) || !strcasecmp(s, sectors[i].label))
			return sectors[i].code;
	return NULL;
}

const char *rs_sector_label(const char *code)
{
	for (size_t i = 0; code && i < n_sectors; i++)
		if (!strcmp(code, sectors[i].code))
			return sectors[i].label;
	return code;
}

const char *rs_sector_searched_label(const char *code)
{
	for (size_t i = 0; code && i < N_SPEC_SECTORS; i++)
		if (!strcmp(code, spec_sectors[i].code))
			return spec_sectors[i].label;
	const char *label = rs_sector_label(code);
	return label && code && strcmp(label, code) ? label : NULL;
}

/* The strings are owned by the caller (the config keeps them alive). */
int rs_sector_set(const char *code, const char *label)
{
	for (size_t i = 0; i < n_sectors; i++)
		if (!strcmp(code, sectors[i].code)) {
			sectors[i].label = label;
			return 0;
		}
	if (n_sectors == MAX_SECTORS)
		return -1;
	sectors[n_sectors].code = code;
	sectors[n_sectors].label = label;
	n_sectors++;
	return 0;
}

size_t rs_region_count(void) { return n_regions; }
const char *rs_region_at(size_t i) { return i < n_regions ? regions[i] : NULL; }

const char *rs_region_canonical(const char *s)
{
	for (size_t i = 0; s && i < n_regions; i++)
		if (!strcasecmp(s, regions[i]))
			return regions[i];
	return NULL;
}

void rs_region_reset(void) { n_regions = 0; }

int rs_region_add(const char *label)
{
	if (rs_region_canonical(label))
		return 0;
	if (n_regions == MAX_REGIONS)
		return -1;
	regions[n_regions++] = label;
	return 0;
}

const rs_ref rs_accreditations[] = {
	{"ecosoc", "ECOSOC consultative status"},
	{"gcm", "Accredited to the GCM process"},
	{"imrf_new", "Newly accredited through the open call"},
	{"pending", "Awaiting non-objection"},
	{"refused", "Refused (an objection was raised)"},
	{"none", "Not accredited"},
};
const size_t rs_accreditation_n = sizeof rs_accreditations / sizeof rs_accreditations[0];

int rs_accreditation_accredited(const char *code)
{
	static const char *const entitled[] = {"ecosoc", "gcm", "imrf_new"};
	for (size_t i = 0; code && i < sizeof entitled / sizeof entitled[0]; i++)
		if (!strcmp(code, entitled[i]))
			return 1;
	return 0;
}

/* The code or label of a table, any case: the table's code, or NULL. */
static const char *ref_lookup(const rs_ref *t, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (!strcasecmp(s, t[i].code) || !strcasecmp(s, t[i].label))
			return t[i].code;
	return NULL;
}

static const char *ref_label(const rs_ref *t, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(code, t[i].code))
			return t[i].label;
	return code;
}

const char *rs_accreditation_label(const char *code)
{
	return ref_label(rs_accreditations, rs_accreditation_n, code);
}

const rs_ref rs_participations[] = {
	{"in_room", "in the room"}, {"online", "online"},
};
#define N_PARTICIPATIONS (sizeof rs_participations / sizeof rs_participations[0])
const size_t rs_participation_n = N_PARTICIPATIONS;

const char *rs_participation_code(const char *s)
{
	static const rs_ref more[] = {
		{"in_room", "in-room"}, {"in_room", "in room"}, {"in_room", "room"},
		{"in_room", "on-site"}, {"in_room", "onsite"}, {"online", "remote"},
		{"online", "virtual"},
	};
	const char *c = ref_lookup(rs_participations, N_PARTICIPATIONS, s);
	return c ? c : ref_lookup(more, sizeof more / sizeof more[0], s);
}

const char *rs_participation_label(const char *code)
{
	return ref_label(rs_participations, N_PARTICIPATIONS, code);
}

const rs_ref rs_roles[] = {
	{"stakeholder", "Stakeholders"},
	{"member_state", "Member States"},
	{"un_system", "United Nations system"},
	{"organiser", "Organisers"},
};
const size_t rs_role_n = sizeof rs_roles / sizeof rs_roles[0];

const char *rs_role_code(const char *s)
{
	static const rs_ref more[] = {
		{"stakeholder", "stakeholder"}, {"member_state", "Member State"},
		{"un_system", "UN system"}, {"un_system", "UN"}, {"organiser", "organizer"},
		{"organiser", "organizers"}, {"organiser", "organiser"},
	};
	const char *c = ref_lookup(rs_roles, rs_role_n, s);
	return c ? c : ref_lookup(more, sizeof more / sizeof more[0], s);
}

const char *rs_role_of(const char *sector, const char *role)
{
	if (role && *role)
		return role;
	if (sector && (!strcmp(sector, "member_state") || !strcmp(sector, "un_system")))
		return sector;
	return "stakeholder";
}

int rs_role_is_stakeholder(const char *role)
{
	return !role || !*role || !strcmp(role, "stakeholder");
}

const char *rs_role_name(const char *role)
{
	return !strcmp(role, "member_state") ? "Member State"
	       : !strcmp(role, "un_system")  ? "United Nations system"
	       : !strcmp(role, "organiser")  ? "organiser"
					     : role;
}

const char *rs_role_label(const char *code)
{
	return ref_label(rs_roles, rs_role_n, code);
}

const rs_ref rs_languages[] = {
	{"ar", "Arabic"}, {"zh", "Chinese"}, {"en", "English"},
	{"fr", "French"}, {"ru", "Russian"}, {"es", "Spanish"},
};
const size_t rs_language_n = sizeof rs_languages / sizeof rs_languages[0];

const char *rs_language_code(const char *s)
{
	return ref_lookup(rs_languages, rs_language_n, s);
}

const char *rs_language_name(const char *code)
{
	return ref_label(rs_languages, rs_language_n, code);
}

const char *rs_accreditation_code(const char *s)
{
	if (!s || !*s)
		return "none";
	return ref_lookup(rs_accreditations, rs_accreditation_n, s);
}

const char *rs_gender_code(const char *s)
{
	static const struct {
		const char *in, *code;
	} map[] = {
		{"woman", "woman"}, {"female", "woman"}, {"f", "woman"}, {"w", "woman"},
		{"man", "man"}, {"male", "man"}, {"m", "man"},
		{"non-binary", "non-binary"}, {"nonbinary", "non-binary"},
		{"non binary", "non-binary"}, {"nb", "non-binary"},
		{"undisclosed", "undisclosed"}, {"prefer not to say", "undisclosed"},
		{"", "undisclosed"},
	};
	if (!s)
		return "undisclosed";
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcasecmp(s, map[i].in))
			return map[i].code;
	return s;
}

const char *rs_gender_label(const char *code)
{
	static const rs_ref labels[] = {
		{"woman", "Women"}, {"man", "Men"}, {"non-binary", "Non-binary"},
		{"undisclosed", "Not disclosed"},
	};
	if (!code || !*code) /* not given: as undisclosed */
		code = "undisclosed";
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(code, labels[i].code))
			return labels[i].label;
	return code;
}

const char *rs_gender_of_person(const char *code)
{
	if (!code || !*code || !strcmp(code, "undisclosed"))
		return rs_gender_label("undisclosed");
	return code;
}

static rs_kind kinds[] = {
	{"opening", "Opening", 300, "opening speaker"},
	{"panel", "Panellist", 300, "panellist"},
	{"floor", "Intervention from the floor", 180, "from the floor"},
	{"point_of_order", "Point of order", 60, "point of order"},
	{"reply", "Reply", 120, "reply"},
	{"summary", "Moderator's summation", 300, "summation"},
	{"closing", "Closing", 300, "closing speaker"},
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

size_t rs_kind_count(void) { return N_KINDS; }
const rs_kind *rs_kind_at(size_t i) { return i < N_KINDS ? &kinds[i] : NULL; }

const rs_kind *rs_kind_find(const char *code)
{
	for (size_t i = 0; code && i < N_KINDS; i++)
		if (!strcasecmp(code, kinds[i].code))
			return &kinds[i];
	return NULL;
}

int rs_kind_set_seconds(const char *code, int seconds)
{
	for (size_t i = 0; i < N_KINDS; i++)
		if (!strcmp(code, kinds[i].code)) {
			kinds[i].seconds = seconds;
			return 0;
		}
	return -1;
}

const char *const rs_agenda_kinds[] = {
	"opening", "session", "panel", "discussion", "reflection", "break", "closing", "other",
};
const size_t rs_agenda_kind_n = sizeof rs_agenda_kinds / sizeof rs_agenda_kinds[0];

const char *rs_agenda_kind_code(const char *s)
{
	for (size_t i = 0; s && i < rs_agenda_kind_n; i++)
		if (!strcasecmp(s, rs_agenda_kinds[i]))
			return rs_agenda_kinds[i];
	return NULL;
}

static const char *const queue_states[QS__COUNT] = {
	"waiting", "speaking", "paused", "spoken", "withdrawn", "absent",
};

const char *rs_queue_state_name(rs_queue_state s)
{
	return (unsigned)s < QS__COUNT ? queue_states[s] : "?";
}

int rs_queue_state_parse(const char *s)
{
	for (int i = 0; s && i < QS__COUNT; i++)
		if (!strcmp(s, queue_states[i]))
			return i;
	return -1;
}

int rs_queue_transition_ok(rs_queue_state from, rs_queue_state to)
{
	switch (from) {
	case QS_WAITING:
		return to == QS_SPEAKING || to == QS_WITHDRAWN || to == QS_ABSENT;
	case QS_SPEAKING:
		return to == QS_PAUSED || to == QS_SPOKEN;
	case QS_PAUSED:
		return to == QS_SPEAKING || to == QS_SPOKEN;
	case QS_ABSENT:
		return to == QS_WAITING;
	default:
		return 0;
	}
}

static const char *const nomination_states[NS__COUNT] = {
	"nominated", "accepted", "declined", "selected", "not_selected",
};

const char *rs_nomination_state_name(rs_nomination_state s)
{
	return (unsigned)s < NS__COUNT ? nomination_states[s] : "?";
}

int rs_nomination_state_parse(const char *s)
{
	for (int i = 0; s && i < NS__COUNT; i++)
		if (!strcmp(s, nomination_states[i]))
			return i;
	return -1;
}

int rs_nomination_transition_ok(rs_nomination_state from, rs_nomination_state to)
{
	if (from == NS_NOMINATED)
		return to == NS_ACCEPTED || to == NS_DECLINED;
	if (from == NS_ACCEPTED)
		return to == NS_SELECTED || to == NS_NOT_SELECTED;
	return 0;
}

const char *rs_pledge_type_code(const char *s)
{
	static const char *const types[] = {"policy", "resources", "partnership"};
	for (size_t i = 0; s && i < 3; i++)
		if (!strcasecmp(s, types[i]))
			return types[i];
	return NULL;
}

int rs_gcm_valid(int objective) { return objective >= 1 && objective <= 23; }

int rs_gcm_round_table(int objective)
{
	/* The IMRF modalities resolution (A/RES/73/326) clusters the objectives. */
	static const int rt[24] = {0, 4, 1, 4, 2, 1, 1, 4, 2, 2, 2, 2, 1,
				   2, 3, 3, 3, 4, 1, 3, 3, 2, 3, 4};
	return rs_gcm_valid(objective) ? rt[objective] : 0;
}

const char *rs_gcm_title(int objective)
{
	static const char *const titles[24] = {
		"",
		"Collect and utilize accurate and disaggregated data as a basis for evidence-based policies",
		"Minimize the adverse drivers and structural factors that compel people to leave their country of origin",
		"Provide accurate and timely information at all stages of migration",
		"Ensure that all migrants have proof of legal identity and adequate documentation",
		"Enhance availability and flexibility of pathways for regular migration",
		"Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work",
		"Address and reduce vulnerabilities in migration",
		"Save lives and establish coordinated international efforts on missing migrants",
		"Strengthen the transnational response to smuggling of migrants",
		"Prevent, combat and eradicate trafficking in persons in the context of international migration",
		"Manage borders in an integrated, secure and coordinated manner",
		"Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral",
		"Use migration detention only as a measure of last resort and work towards alternatives",
		"Enhance consular protection, assistance and cooperation throughout the migration cycle",
		"Provide access to basic services for migrants",
		"Empower migrants and societies to realize full inclusion and social cohesion",
		"Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration",
		"Invest in skills development and facilitate mutual recognition of skills, qualifications and competences",
		"Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries",
		"Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants",
		"Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration",
		"Establish mechanisms for the portability of social security entitlements and earned benefits",
		"Strengthen international cooperation and global partnerships for safe, orderly and regular migration",
	};
	return rs_gcm_valid(objective) ? titles[objective] : "";
}

static const char *const policies[POLICY__COUNT] = {"fifo", "first_time", "balanced"};

const char *rs_policy_name(rs_policy p)
{
	return (unsigned)p < POLICY__COUNT ? policies[p] : "?";
}

int rs_policy_parse(const char *s)
{
	for (int i = 0; s && i < POLICY__COUNT; i++)
		if (!strcmp(s, policies[i]))
			return i;
	return -1;
}
