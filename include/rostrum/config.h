/* The configuration file (libconfuse).  Every option has its default here in
 * code, so rostrum runs with no file at all. */
#ifndef ROSTRUM_CONFIG_H
#define ROSTRUM_CONFIG_H

#include <stdio.h>

#include "rostrum/refdata.h"
#include "rostrum/rostrum.h"

typedef struct {
	char *action; /* a name from actions.def */
	char *keys;   /* space-separated key names */
} rs_binding;

typedef struct {
	char *database;      /* NULL: not set */
	int warning_seconds; /* countdown turns to warning this long before the end */
	int colour;          /* 0: monochrome (bold/reverse) */
	rs_policy policy;    /* for new meetings */
	rs_binding *bindings;
	size_t n_bindings;
	void *priv; /* unused: labels live in a process-long store of config.c */
} rs_config;

/* Fills *cfg with the defaults, then reads path over them.  A missing file
 * is an error only when must_exist (the user named it with --config).
 * Errors go to err as "FILE:LINE: message", and RS_ERR_INVALID is returned.
 * Speaking times and labels are applied to the reference data. */
rs_status rs_config_load(const char *path, int must_exist, rs_config *cfg, FILE *err);
void rs_config_free(rs_config *cfg);

/* 1 if name is an action of actions.def. */
int rs_action_name_known(const char *name);

#endif
