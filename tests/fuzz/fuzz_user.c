/*
 * libFuzzer target: -u / User against an image's /etc/passwd and
 * /etc/group (oci_resolve_user in oci/spec.c, which parses both texts).
 * The input is "SPEC\0PASSWD\0GROUP" (missing parts are NULL). Also
 * built with MemorySanitizer (fuzz_user_msan), which sees reads of
 * fields a short passwd line never set.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../oci/image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *part[3] = { NULL, NULL, NULL }, home[64], err[128];
	unsigned uid, gid;
	size_t start = 0;
	int n = 0;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = 0;
	for (size_t i = 0; i <= size && n < 3; i++) {
		if (i == size || buf[i] == 0) {
			part[n++] = buf + start;
			start = i + 1;
		}
	}
	if (!oci_resolve_user(part[0], part[1], part[2], &uid, &gid, home, sizeof(home), err, sizeof(err)))
		if (!memchr(home, 0, sizeof(home)) || (uid == 0xffffffffU))
			abort();   /* an unterminated home, or uid -1 (reserved) */
	free(buf);
	return 0;
}
