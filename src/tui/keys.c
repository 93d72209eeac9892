/* The action table (include/rostrum/actions.def) turned into the key map,
 * names for the config and the help screen. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name, *keys, *help;
} actions[ACT__COUNT] = {
#define ACTION(e, name, keys, help) [e] = {name, keys, help},
#include "rostrum/actions.def"
#undef ACTION
};

const char *action_name(tui_action a) { return actions[a].name; }
const char *action_help(tui_action a) { return actions[a].help; }

/* A key as one number: characters as themselves, curses' KEY_* above. */
#define FKEY(code) (0x200000 + (code))

static const struct {
	const char *name;
	int key;
} named[] = {
	{"Tab", '\t'}, {"BTab", FKEY(KEY_BTAB)}, {"Enter", '\n'}, {"Esc", 27},
	{"Space", ' '}, {"Up", FKEY(KEY_UP)}, {"Down", FKEY(KEY_DOWN)},
	{"Left", FKEY(KEY_LEFT)}, {"Right", FKEY(KEY_RIGHT)}, {"PgUp", FKEY(KEY_PPAGE)},
	{"PgDn", FKEY(KEY_NPAGE)}, {"Home", FKEY(KEY_HOME)}, {"End", FKEY(KEY_END)},
};

/* "n" -> 'n', "Space" -> ' ', "F5" -> KEY_F(5); -1 if unknown. */
static int key_parse(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strlen(named[i].name) == len && !strncmp(s, named[i].name, len))
			return named[i].key;
	if (len >= 2 && len <= 3 && s[0] == 'F') {
		int n = atoi(s + 1);
		if (n >= 1 && n <= 12)
			return FKEY(KEY_F(n));
	}
	wchar_t wc;
	mbstate_t st = {0};
	size_t used = mbrtowc(&wc, s, len, &st);
	return used == len ? (int)wc : -1;
}

static void key_format(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].key == key) {
			snprintf(buf, size, "%s", named[i].name);
			return;
		}
	if (key >= FKEY(KEY_F(1)) && key <= FKEY(KEY_F(12))) {
		snprintf(buf, size, "F%d", key - FKEY(KEY_F(0)));
		return;
	}
	mbstate_t st = {0};
	char mb[8] = {0};
	size_t n = wcrtomb(mb, (wchar_t)key, &st);
	snprintf(buf, size, "%s", n == (size_t)-1 ? "?" : mb);
}

enum { MAX_BOUND = 160 };
static struct {
	int key;
	tui_action action;
} map[MAX_BOUND];
static int n_map;

static void bind_keys(tui_action a, const char *keys)
{
	for (const char *p = keys; *p;) {
		size_t len = strcspn(p, " ");
		int k = len ? key_parse(p, len) : -1;
		if (k >= 0 && n_map < MAX_BOUND) {
			map[n_map].key = k;
			map[n_map].action = a;
			n_map++;
		}
		p += len;
		p += strspn(p, " ");
	}
}

static int configured(const rs_config *cfg, tui_action a, const char **keys)
{
	for (size_t i = 0; cfg && i < cfg->n_bindings; i++)
		if (!strcmp(cfg->bindings[i].action, actions[a].name)) {
			*keys = cfg->bindings[i].keys;
			return 1;
		}
	return 0;
}

void keys_init(const rs_config *cfg)
{
	n_map = 0;
	/* Configured keys first; the config refuses a key that another action
	 * has too (config.c), so no key is bound twice. */
	for (int a = 0; a < ACT__COUNT; a++) {
		const char *keys;
		if (configured(cfg, a, &keys))
			bind_keys(a, keys);
	}
	for (int a = 0; a < ACT__COUNT; a++) {
		const char *keys;
		if (!configured(cfg, a, &keys))
			bind_keys(a, actions[a].keys);
	}
}

tui_action keys_action(wint_t ch, int is_key)
{
	int key = is_key ? FKEY((int)ch) : (int)ch;
	if (key == '\r' || key == FKEY(KEY_ENTER))
		key = '\n';
	for (int i = 0; i < n_map; i++)
		if (map[i].key == key)
			return map[i].action;
	return ACT_NONE;
}

const char *keys_all_label(tui_action a, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < n_map && used + 1 < size; i++)
		if (map[i].action == a) {
			char one[24];
			key_format(map[i].key, one, sizeof one);
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? " " : "", one);
		}
	if (!used)
		snprintf(buf, size, "-");
	return buf;
}

const char *keys_label(tui_action a, char *buf, size_t size)
{
	for (int i = 0; i < n_map; i++)
		if (map[i].action == a) {
			key_format(map[i].key, buf, size);
			return buf;
		}
	snprintf(buf, size, "-");
	return buf;
}
