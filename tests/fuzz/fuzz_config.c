/* libFuzzer: the configuration file (rs_config_load: the libconfuse front
 * end, the options' checks, applying them).  Any input must load or be
 * refused with a FILE:LINE message. */
#include "fuzz.h"

#include "rostrum/config.h"

static const char *path;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path)
		path = fuzz_path("in.conf");
	fuzz_write(path, data, size);
	rs_config cfg;
	rs_status rc = rs_config_load(path, 1, &cfg, NULL);
	if (rc != RS_OK && rc != RS_ERR_INVALID)
		abort();
	if (rc == RS_ERR_INVALID && strncmp(rs_error(), path, strlen(path)) != 0)
		abort(); /* every refusal names the file */
	rs_config_free(&cfg);
	return 0;
}
