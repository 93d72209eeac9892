/* `rostrum display`: the read-only view for a projector (being written). */
#include "tui.h"

int display_run(rs_db *db, const rs_config *cfg, int no_color)
{
	(void)db;
	(void)cfg;
	(void)no_color;
	return 0;
}
