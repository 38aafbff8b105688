/*
 * JSON for the OCI code (oci/json.c over jansson). Only for files built
 * with jansson's include path (mk/jansson.mk), only in the OCI worker
 * thread (see json.c).
 */
#ifndef OCI_JSON_H
#define OCI_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* The running task may use jansson: a kernel thread with its own FPU state. */
bool oci_json_context_ok(void);
/* Parse len bytes (duplicate keys rejected). NULL with a message in err. */
json_t *oci_json_load(const void *buf, size_t len, char *err, size_t errlen);

#endif
