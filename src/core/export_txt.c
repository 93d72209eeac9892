/* The summary report as plain text: not written yet. */
#include "export_report.h"

rs_status export_render_txt(rs_db *db, const rs_export_opts *o, FILE *out)
{
	(void)db;
	(void)o;
	(void)out;
	return rs_fail(RS_ERR_INVALID,
		       "format 'txt' is not available yet (coming with the export issue)");
}
