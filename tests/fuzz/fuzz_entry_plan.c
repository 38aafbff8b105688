/*
 * libFuzzer target: oci_entry_plan (oci/path.c) on entries made straight
 * from the input, without a tar around them: libFuzzer seldom gets a
 * mutated name through a tar header's checksum, so fuzz_layer rarely
 * reaches the rarer names (".wh." forms, the root, long paths). Each input
 * line is one entry: a type byte (its value mod 9 is enum oci_entry_type),
 * a size byte, then NAME, optionally TAB LINK. The same invariants as
 * fuzz_layer's are checked on every plan.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OCI_NO_JSON
#include "../../oci/image.h"
#include "../../oci/layer.h"

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); abort(); } } while (0)

static void check_rel(const char *p, bool may_be_root)
{
	CHECK(strlen(p) < OCI_PATH_MAX);
	if (!*p) {
		CHECK(may_be_root);
		return;
	}
	CHECK(*p != '/');
	while (*p) {
		size_t n = strcspn(p, "/");

		CHECK(n > 0 && !(n == 1 && p[0] == '.') && !(n == 2 && p[0] == '.' && p[1] == '.'));
		p += n;
		if (*p) {
			p++;
			CHECK(*p);
		}
	}
}

static size_t dir_len(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? (size_t)(s - p) : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[OCI_PATH_MAX + 1], target[OCI_PATH_MAX + 1];
	char *buf = malloc(size + 1), *line, *save = NULL, err[256];

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = 0;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct oci_entry e = { 0 };
		enum oci_action act;
		char *tab;
		int st;

		if (strlen(line) < 2)
			continue;
		e.type = (enum oci_entry_type)((unsigned char)line[0] % 9);
		e.size = (long long)(signed char)line[1] * (1LL << 30);   /* negative, 0 and huge */
		e.rdev_major = (unsigned char)line[1] & 1;
		e.name = line + 2;
		tab = strchr(line + 2, '\t');
		if (tab) {
			*tab = 0;
			e.link = tab + 1;
		}
		st = oci_entry_plan(&e, path, target, &act, err, sizeof(err));
		if (st) {
			CHECK((st == -1 || st == -22 || st == -27) && memchr(err, 0, sizeof(err)) && err[0]);
			continue;
		}
		check_rel(path, act == OCI_ACT_ROOT);
		if (act == OCI_ACT_OPAQUE) {
			check_rel(target, true);
			CHECK(dir_len(path) == strlen(target) && !strncmp(path, target, strlen(target)));
		} else if (act == OCI_ACT_WHITEOUT) {
			const char *base = target + dir_len(target) + (strchr(target, '/') ? 1 : 0);

			check_rel(target, false);
			CHECK(dir_len(path) == dir_len(target) && !strncmp(path, target, dir_len(path)));
			CHECK(strncmp(base, ".wh.", 4));
		} else if (act == OCI_ACT_HARDLINK) {
			check_rel(target, false);
		} else if (act == OCI_ACT_DEV_WHITEOUT) {
			CHECK(e.type == OCI_E_CHR && !e.rdev_major && !e.rdev_minor);
		} else if (act == OCI_ACT_FILE) {
			CHECK(e.size >= 0 && (unsigned long long)e.size <= OCI_MAX_FILE);
		}
	}
	free(buf);
	return 0;
}
