/* `rostrum demo`: the bundled 2022 hearing, built once, then opened. */
#include "cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rostrum/agenda.h"
#include "rostrum/import.h"
#include "rostrum/journal.h"
#include "rostrum/meeting.h"
#include "tui_run.h"

#define PROGRAMME "programmes/imrf-2022.conf"
#define ROSTER "rosters/imrf-2022.csv"
/* The registration form's requests for a panel seat on thematic discussion
 * I, apart so the hearing's own roster stays as the reports know it. */
#define PANEL_REQUESTS "rosters/imrf-2022-panel.csv"

static int readable(const char *dir, const char *file)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof path, "%s/%s", dir, file) >= (int)sizeof path)
		return 0;
	return access(path, R_OK) == 0;
}

/* The bundled data: $ROSTRUM_DATA, then data/ in a source tree the binary
 * was built in (beside it, or up to two folders above: build/san/rostrum),
 * then the installed copy. */
static const char *data_dir(void)
{
	static char dir[PATH_MAX];
	const char *env = getenv("ROSTRUM_DATA");
	if (env && *env)
		return env;
	ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 16);
	if (n <= 0)
		return ROSTRUM_DATADIR;
	dir[n] = '\0';
	for (int up = 0; up < 3; up++) {
		char *slash = strrchr(dir, '/');
		if (!slash)
			break;
		strcpy(slash, "/data");
		if (readable(dir, PROGRAMME))
			return dir;
		*slash = '\0';
	}
	return ROSTRUM_DATADIR;
}

typedef struct {
	const char *programme, *roster, *panel; /* the form's panel requests */
} demo_files;

static rs_status import_demo(rs_db *db, void *ctx)
{
	const demo_files *f = ctx;
	rs_import_stats stats;
	rs_status rc = rs_import_agenda(db, f->programme, stderr, NULL);
	if (rc == RS_OK)
		rc = rs_import_roster(db, f->roster, 0, stderr, &stats);
	return rc ? rc : rs_import_roster(db, f->panel, 0, stderr, &stats);
}

/* The demo database, whole or not at all. */
static rs_status build(const char *path, const char *dir, const rs_config *cfg)
{
	char programme[PATH_MAX], roster[PATH_MAX], panel[PATH_MAX];
	if (snprintf(programme, sizeof programme, "%s/%s", dir, PROGRAMME) >= PATH_MAX ||
	    snprintf(roster, sizeof roster, "%s/%s", dir, ROSTER) >= PATH_MAX ||
	    snprintf(panel, sizeof panel, "%s/%s", dir, PANEL_REQUESTS) >= PATH_MAX)
		return rs_fail(RS_ERR_RUNTIME, "%s: path too long", dir);
	char *title = NULL, *date = NULL, *venue = NULL;
	rs_db *db = NULL;
	demo_files files = {programme, roster, panel};
	rs_status rc = rs_programme_meeting(programme, &title, &date, &venue, stderr);
	/* The hearing as built is the demo's starting point, not an action of
	 * whoever opens it: `u` in the TUI must not undo the imports. */
	rs_session_set("rostrum demo (the hearing as built)");
	if (rc == RS_OK)
		rc = rs_meeting_create_with(path, title, date, venue, cfg, import_demo, &files, &db);
	rs_session_set(NULL);
	free(title);
	free(date);
	free(venue);
	rs_db_close(db);
	return rc;
}

CLI_COMMAND(cli_demo)
{
	if (argc > 1)
		return cli_usage(cmd, "'%s': takes no arguments", argv[1]);
	const char *path = c->db_given ? c->db_path
				       : cli_xdg_path("XDG_DATA_HOME", ".local/share", "demo.db");
	struct stat sb;
	if (stat(path, &sb) != 0) {
		rs_status rc = build(path, data_dir(), &c->config);
		if (rc)
			return *rs_error() ? cli_fail(rc) : (int)rc;
		rs_report(stderr, "rostrum: demo: built %s from the 2022 hearing", path);
	}
	if (rs_db_open(path, &c->db) != RS_OK)
		return cli_fail(2);
	int rc = tui_run(c->db, &c->config, c->no_color);
	return rc ? cli_fail(rc) : 0;
}
