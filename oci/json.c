/*
 * The one door to jansson (oci/internal use): loading JSON text into a
 * json_t. jansson is compiled with SSE (JSON reals are doubles), so its
 * code may run only in a kernel thread that owns FPU state
 * (fpu_task_enable): anywhere else it would clobber a user task's
 * registers. oci_json_load refuses other callers instead of corrupting them.
 */
#include <jansson.h>
#include <kernel/errno.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <stdio.h>

#include "json.h"
#include <string.h>

static bool json_seeded;

bool oci_json_context_ok(void)
{
	struct task *t = current;

	return t && t->fpu && !t->mm;
}

json_t *oci_json_load(const void *buf, size_t len, char *err, size_t errlen)
{
	json_error_t je;
	json_t *j;

	if (!oci_json_context_ok()) {
		printk(KERN_ERR "oci: JSON parse refused outside an FPU-owning kernel thread\n");
		snprintf(err, errlen, "JSON parsed outside the OCI worker");
		return NULL;
	}
	if (!json_seeded) {
		u32 seed;

		get_random_bytes(&seed, sizeof(seed));
		json_object_seed(seed | 1);
		json_seeded = true;
	}
	j = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (!j)
		snprintf(err, errlen, "invalid JSON at line %d column %d: %s", je.line, je.column,
			 je.text);
	return j;
}
