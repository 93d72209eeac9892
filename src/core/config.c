/* The configuration file, read with libconfuse through the front end the
 * programme reader shares (cfgfile.h: the size limit, the input rules,
 * comments, no environment variables, FILE:LINE messages).
 *
 * The reference data keeps the label pointers it is given for the life of
 * the process, so the strings handed to it are interned here and never
 * freed; everything else is copied into rs_config and the libconfuse tree
 * is freed before rs_config_load returns. */
#include "rostrum/config.h"

#include "rostrum/clock.h"

#include <confuse.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cfgfile.h"
#include "rostrum/text.h"

/* ---- actions.def -------------------------------------------------- */

static const char *const action_names[] = {
#define ACTION(id, name, keys, help) name,
#include "rostrum/actions.def"
#undef ACTION
};
#define N_ACTIONS (sizeof action_names / sizeof action_names[0])

/* Each action's keys when the file does not bind it. */
static const char *const default_keys[N_ACTIONS] = {
#define ACTION(id, name, keys, help) keys,
#include "rostrum/actions.def"
#undef ACTION
};

int rs_action_name_known(const char *name)
{
	for (size_t i = 0; name && i < N_ACTIONS; i++)
		if (!strcmp(name, action_names[i]))
			return 1;
	return 0;
}

/* ---- error reporting ---------------------------------------------- */

/* The file being read (libconfuse's callbacks carry no user pointer), and
 * the line of each action the file binds (0: not bound there). */
static cfgfile *reading;
static int bind_line[N_ACTIONS];

static void report(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Every message is one "FILE:LINE: message" line; the first also becomes
 * rs_error() for callers that pass no stream. */
static void report(int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cfgfile_report(reading, line, "%s", msg);
}

/* What an unknown name is called, by the section it appears in. */
static const char *unknown_noun(const cfg_t *cfg)
{
	const char *sec = cfg ? cfg->name : NULL;
	if (sec && !strcmp(sec, "bind"))
		return "action";
	if (sec && !strcmp(sec, "speaking-time"))
		return "intervention kind";
	return NULL;
}

/* A text value passes the input rules of a one-line field. */
static int line_ok(cfg_t *cfg, const char *what, const char *value)
{
	const char *why = value ? rs_input_problem(value, strlen(value), RS_INPUT_LINE) : NULL;
	if (why)
		report(cfg->line, "%s: %s", what, why);
	return why == NULL;
}

/* ---- value checks (libconfuse callbacks) -------------------------- */

static int duration_in(cfg_t *cfg, cfg_opt_t *opt, const char *value, long *out, long min)
{
	long v = rs_parse_duration(value);
	if (v < min || v > RS_MAX_SECONDS) {
		report(cfg->line, "%s: expected M:SS or seconds from %ld to %d, got \"%s\"",
		       opt->name, min, RS_MAX_SECONDS, value);
		return -1;
	}
	*out = v;
	return 0;
}

static int speaking_time_cb(cfg_t *cfg, cfg_opt_t *opt, const char *value, void *result)
{
	return duration_in(cfg, opt, value, result, 1);
}

static int warning_cb(cfg_t *cfg, cfg_opt_t *opt, const char *value, void *result)
{
	return duration_in(cfg, opt, value, result, 0);
}

static int policy_cb(cfg_t *cfg, cfg_opt_t *opt, const char *value, void *result)
{
	int p = rs_policy_parse(value);
	if (p < 0) {
		report(cfg->line, "%s: expected fifo, first_time or balanced, got \"%s\"",
		       opt->name, value);
		return -1;
	}
	*(long *)result = p;
	return 0;
}

static const char *const key_names[] = {
	"Tab", "BTab", "Enter", "Esc", "Space", "Up", "Down", "Left",
	"Right", "PgUp", "PgDn", "Home", "End",
};

/* One printable character (any UTF-8 sequence of one code point). */
static int one_character(const char *k, size_t len)
{
	unsigned char c = (unsigned char)k[0];
	size_t want = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
	if (want != len || (want == 1 && (c <= ' ' || c == 0x7f)))
		return 0;
	for (size_t i = 1; i < len; i++)
		if (((unsigned char)k[i] & 0xc0) != 0x80)
			return 0;
	return 1;
}

/* The key names of actions.def: a character, a named key, or F1..F12. */
static int key_name_ok(const char *k, size_t len)
{
	if (one_character(k, len))
		return 1;
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strlen(key_names[i]) == len && !strncmp(k, key_names[i], len))
			return 1;
	if (k[0] != 'F' || len < 2 || len > 3 || strspn(k + 1, "0123456789") != len - 1)
		return 0;
	int f = atoi(k + 1);
	return f >= 1 && f <= 12 && k[1] != '0';
}

static int keys_valid(cfg_t *cfg, cfg_opt_t *opt)
{
	const char *s = cfg_opt_getnstr(opt, 0);
	if (!line_ok(cfg, opt->name, s))
		return -1;
	for (size_t i = 0; i < N_ACTIONS; i++)
		if (!strcmp(opt->name, action_names[i]))
			bind_line[i] = cfg->line;
	for (s += strspn(s, " "); *s; s += strspn(s, " ")) {
		size_t len = strcspn(s, " ");
		if (!key_name_ok(s, len)) {
			report(cfg->line, "%s: unknown key '%.*s'", opt->name, (int)len, s);
			return -1;
		}
		s += len;
	}
	return 0;
}

static int sector_code_ok(const char *code)
{
	return code[0] && strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(code);
}

/* Runs at the label, inside the section: the title's own line is lost by
 * libconfuse, and the label is the nearest line that names it. */
static int label_valid(cfg_t *cfg, cfg_opt_t *opt)
{
	const char *code = cfg_title(cfg);
	if (!line_ok(cfg, "sector", code) || !line_ok(cfg, "label", cfg_opt_getnstr(opt, 0)))
		return -1;
	if (!sector_code_ok(code)) {
		report(cfg->line, "sector \"%s\": the code must be lowercase letters, digits or _",
		       code);
		return -1;
	}
	if (!cfg_opt_getnstr(opt, 0)[0]) {
		report(cfg->line, "sector \"%s\": the label is empty", code);
		return -1;
	}
	return 0;
}

/* Runs at the section's closing brace. */
static int sector_valid(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = cfg_opt_getnsec(opt, cfg_opt_size(opt) - 1);
	if (!cfg_size(sec, "label")) {
		report(cfg->line, "sector \"%s\": label missing", cfg_title(sec));
		return -1;
	}
	return 0;
}

static int regions_valid(cfg_t *cfg, cfg_opt_t *opt)
{
	for (unsigned i = 0; i < cfg_opt_size(opt); i++)
		if (!line_ok(cfg, "regions", cfg_opt_getnstr(opt, i)))
			return -1;
		else if (!cfg_opt_getnstr(opt, i)[0]) {
			report(cfg->line, "regions: region %u is empty", i + 1);
			return -1;
		}
	return 0;
}

static int database_valid(cfg_t *cfg, cfg_opt_t *opt)
{
	return line_ok(cfg, opt->name, cfg_opt_getnstr(opt, 0)) ? 0 : -1;
}

/* ---- the option tree ---------------------------------------------- */

/* Only what the file sets is applied to the reference data and listed in
 * bindings, hence CFGF_NODEFAULT below: defaults stay where they live. */
static cfg_t *new_tree(void)
{
	size_t nk = rs_kind_count();
	cfg_opt_t *times = calloc(nk + 1, sizeof *times);
	if (!times)
		return NULL;
	for (size_t i = 0; i < nk; i++)
		times[i] = (cfg_opt_t)CFG_INT_CB(rs_kind_at(i)->code, 0, CFGF_NODEFAULT,
						 speaking_time_cb);
	times[nk] = (cfg_opt_t)CFG_END();

	cfg_opt_t bind[] = {
#define ACTION(id, name, keys, help) CFG_STR(name, 0, CFGF_NODEFAULT),
#include "rostrum/actions.def"
#undef ACTION
		CFG_END()};
	for (size_t i = 0; i < N_ACTIONS; i++)
		bind[i].validcb = keys_valid;

	cfg_opt_t sector[] = {CFG_STR("label", 0, CFGF_NODEFAULT), CFG_END()};

	cfg_opt_t opts[] = {
		CFG_STR("database", 0, CFGF_NONE),
		CFG_INT_CB("warning", 30, CFGF_NONE, warning_cb),
		CFG_BOOL("colour", cfg_true, CFGF_NONE),
		CFG_INT_CB("policy", POLICY_FIFO, CFGF_NONE, policy_cb),
		CFG_SEC("speaking-time", times, CFGF_NONE),
		/* A sector given twice is a mistake: libconfuse would otherwise
		 * fill the first one's place with the second, unchecked. */
		CFG_SEC("sector", sector, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
		CFG_STR_LIST("regions", 0, CFGF_NODEFAULT),
		CFG_SEC("bind", bind, CFGF_NONE),
		CFG_END()};

	cfg_t *tree = cfg_init(opts, CFGF_NONE); /* copies every array */
	free(times);
	if (!tree)
		return NULL;
	cfg_set_validate_func(tree, "database", database_valid);
	cfg_set_validate_func(tree, "sector", sector_valid);
	cfg_set_validate_func(tree, "sector|label", label_valid);
	cfg_set_validate_func(tree, "regions", regions_valid);
	return tree;
}

/* ---- interned strings --------------------------------------------- */

/* Strings given to the reference data, kept for the life of the process
 * (refdata cannot drop them); equal strings are shared, so reloading the
 * same file does not grow this. */
struct interned {
	struct interned *next;
	char s[];
};
static struct interned *interned;

static const char *intern(const char *s)
{
	for (struct interned *p = interned; p; p = p->next)
		if (!strcmp(p->s, s))
			return p->s;
	size_t len = strlen(s) + 1;
	struct interned *p = malloc(sizeof *p + len);
	if (!p)
		return NULL;
	memcpy(p->s, s, len);
	p->next = interned;
	interned = p;
	return p->s;
}

/* ---- applying a parsed tree --------------------------------------- */

static char *dup_or_null(const char *s)
{
	if (!s)
		return NULL;
	char *d = malloc(strlen(s) + 1);
	return d ? strcpy(d, s) : NULL;
}

static rs_status apply_speaking_times(cfg_t *tree)
{
	cfg_t *sec = cfg_getsec(tree, "speaking-time");
	for (size_t i = 0; i < rs_kind_count(); i++) {
		const char *code = rs_kind_at(i)->code;
		if (cfg_size(sec, code))
			rs_kind_set_seconds(code, (int)cfg_getint(sec, code));
	}
	return RS_OK;
}

static rs_status apply_sectors(cfg_t *tree)
{
	for (unsigned i = 0; i < cfg_size(tree, "sector"); i++) {
		cfg_t *sec = cfg_getnsec(tree, "sector", i);
		const char *code = intern(cfg_title(sec));
		const char *label = intern(cfg_getstr(sec, "label"));
		if (!code || !label)
			return rs_fail(RS_ERR_RUNTIME, "out of memory");
		if (rs_sector_set(code, label) < 0) {
			report(sec->line, "sector \"%s\": too many sectors", code);
			return RS_ERR_INVALID;
		}
	}
	return RS_OK;
}

static rs_status apply_regions(cfg_t *tree)
{
	unsigned n = cfg_size(tree, "regions");
	if (!n)
		return RS_OK;
	rs_region_reset();
	for (unsigned i = 0; i < n; i++) {
		const char *label = intern(cfg_getnstr(tree, "regions", i));
		if (!label)
			return rs_fail(RS_ERR_RUNTIME, "out of memory");
		if (rs_region_add(label) < 0) {
			report(tree->line, "regions: too many regions");
			return RS_ERR_INVALID;
		}
	}
	return RS_OK;
}

/* Action i's keys as the file leaves them: its own, or its defaults. */
static const char *keys_of(cfg_t *bind, size_t i)
{
	return cfg_size(bind, action_names[i]) ? cfg_getstr(bind, action_names[i])
					       : default_keys[i];
}

/* 1 when the space-separated keys hold key (len bytes). */
static int keys_hold(const char *keys, const char *key, size_t len)
{
	for (const char *s = keys + strspn(keys, " "); *s; s += strspn(s, " ")) {
		size_t n = strcspn(s, " ");
		if (n == len && !strncmp(s, key, len))
			return 1;
		s += n;
	}
	return 0;
}

/* The file's key for action a that action b has too, by the file or by
 * default, said at a's line: one key acts for one action, and the TUI
 * would give it to one of them, the other left without it (checkin = "i c"
 * took close-item's only key).  A pair bound both in the file is said
 * once, at the later line. */
static int key_clash(cfg_t *bind, size_t a, size_t b)
{
	const char *keys = keys_of(bind, a), *other = keys_of(bind, b);
	for (const char *s = keys + strspn(keys, " "); *s; s += strspn(s, " ")) {
		size_t len = strcspn(s, " ");
		if (keys_hold(other, s, len)) {
			if (bind_line[b])
				report(bind_line[a], "%s: key '%.*s' is %s's too (line %d); a key acts "
						     "for one action",
				       action_names[a], (int)len, s, action_names[b], bind_line[b]);
			else
				report(bind_line[a], "%s: key '%.*s' is %s's by default; bind %s to "
						     "another key (or to \"\") to give it to %s",
				       action_names[a], (int)len, s, action_names[b], action_names[b],
				       action_names[a]);
			return 1;
		}
		s += len;
	}
	return 0;
}

/* Every key the file binds acts for one action only. */
static rs_status check_key_clashes(cfg_t *tree)
{
	cfg_t *bind = cfg_getsec(tree, "bind");
	int clashes = 0;
	for (size_t a = 0; a < N_ACTIONS; a++)
		for (size_t b = 0; bind_line[a] && b < N_ACTIONS; b++)
			if (b != a && (!bind_line[b] || bind_line[b] < bind_line[a] ||
				       (bind_line[b] == bind_line[a] && b < a)))
				clashes += key_clash(bind, a, b);
	return clashes ? RS_ERR_INVALID : RS_OK;
}

static rs_status apply_bindings(cfg_t *tree, rs_config *cfg)
{
	cfg_t *sec = cfg_getsec(tree, "bind");
	cfg->bindings = calloc(N_ACTIONS, sizeof *cfg->bindings);
	if (!cfg->bindings)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	for (size_t i = 0; i < N_ACTIONS; i++) {
		if (!cfg_size(sec, action_names[i]))
			continue;
		rs_binding *b = &cfg->bindings[cfg->n_bindings++];
		b->action = dup_or_null(action_names[i]);
		b->keys = dup_or_null(cfg_getstr(sec, action_names[i]));
		if (!b->action || !b->keys)
			return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	return RS_OK;
}

static rs_status apply(cfg_t *tree, rs_config *cfg)
{
	cfg->warning_seconds = (int)cfg_getint(tree, "warning");
	cfg->colour = cfg_getbool(tree, "colour") == cfg_true;
	cfg->policy = (rs_policy)cfg_getint(tree, "policy");
	const char *db = cfg_getstr(tree, "database");
	if (db) {
		cfg->database = cfg_tilde_expand(db);
		if (!cfg->database)
			return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	rs_status st = apply_speaking_times(tree);
	if (st == RS_OK)
		st = apply_sectors(tree);
	if (st == RS_OK)
		st = apply_regions(tree);
	if (st == RS_OK)
		st = apply_bindings(tree, cfg);
	return st;
}

/* ---- loading ------------------------------------------------------ */

static void set_defaults(rs_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->warning_seconds = 30;
	cfg->colour = 1;
	cfg->policy = POLICY_FIFO;
}

/* Parses the file's text and applies it to cfg. */
static rs_status parse_and_apply(char *text, rs_config *cfg)
{
	cfg_t *tree = new_tree();
	if (!tree)
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	rs_status st = cfgfile_parse(reading, tree, text);
	if (st == RS_OK) /* before anything is applied: a refused file changes nothing */
		st = check_key_clashes(tree);
	if (st == RS_OK)
		st = apply(tree, cfg);
	cfg_free(tree);
	return st;
}

rs_status rs_config_load(const char *path, int must_exist, rs_config *cfg, FILE *err)
{
	set_defaults(cfg);
	if (!path)
		return RS_OK;
	cfgfile f = {.path = path, .err = err, .unknown_noun = unknown_noun};
	char *text = NULL;
	reading = &f;
	memset(bind_line, 0, sizeof bind_line);
	rs_status st = cfgfile_read(&f, RS_MAX_CONFIG_BYTES, !must_exist, &text);
	if (st == RS_OK && text)
		st = parse_and_apply(text, cfg);
	reading = NULL;
	free(text);
	if (st == RS_ERR_RUNTIME && f.errors)
		st = RS_ERR_INVALID; /* the file is at fault: exit 2 */
	if (st != RS_OK) {
		rs_config_free(cfg);
		set_defaults(cfg);
	}
	return st;
}

void rs_config_free(rs_config *cfg)
{
	if (!cfg)
		return;
	for (size_t i = 0; i < cfg->n_bindings; i++) {
		free(cfg->bindings[i].action);
		free(cfg->bindings[i].keys);
	}
	free(cfg->bindings);
	free(cfg->database);
	cfg->bindings = NULL;
	cfg->n_bindings = 0;
	cfg->database = NULL;
	cfg->priv = NULL;
}
