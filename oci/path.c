/*
 * Layer entry names: normalized beneath the layer root, or refused; OCI
 * whiteouts recognized; and what each entry becomes worked out (the part
 * of the unpacker that needs no files, so it is host-tested and fuzzed).
 * See image.h. The unpacker then resolves the
 * result without following symlinks, so a name that passes here still
 * cannot reach outside the layer.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "image.h"

#define WH_PREFIX ".wh."
#define WH_OPAQUE ".wh..wh..opq"

int oci_entry_path(const char *name, char *out, size_t outlen)
{
	const char *p = name;
	size_t o = 0;

	if (!name || !outlen)
		return -EINVAL;
	if (*p == '/')
		return -EINVAL;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);

		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* "" (repeated slash) or "." : nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			return -EINVAL;
		} else {
			if (o + (o ? 1 : 0) + n + 1 > outlen || o + n >= OCI_PATH_MAX)
				return -EINVAL;
			if (o)
				out[o++] = '/';
			memcpy(out + o, p, n);
			o += n;
		}
		p += n;
		if (*p)
			p++;
	}
	out[o] = 0;
	return 0;
}

int oci_whiteout_kind(const char *path, char *target, size_t tlen)
{
	const char *base = strrchr(path, '/');
	size_t dirlen = base ? (size_t)(base - path) : 0;

	base = base ? base + 1 : path;
	if (strncmp(base, WH_PREFIX, strlen(WH_PREFIX)))
		return OCI_WH_NONE;
	if (!strcmp(base, WH_OPAQUE)) {
		if (dirlen + 1 > tlen)
			return -EINVAL;
		memcpy(target, path, dirlen);
		target[dirlen] = 0;
		return OCI_WH_OPAQUE;
	}
	base += strlen(WH_PREFIX);
	/* ".wh." alone, ".wh..", ".wh..." and other ".wh..wh." names are not valid. */
	if (!*base || !strcmp(base, ".") || !strcmp(base, "..") || !strncmp(base, WH_PREFIX, 4))
		return -EINVAL;
	if (dirlen + 1 + strlen(base) + 1 > tlen)
		return -EINVAL;
	memcpy(target, path, dirlen);
	if (dirlen)
		target[dirlen++] = '/';
	strcpy(target + dirlen, base);
	return OCI_WH_FILE;
}

int oci_entry_plan(const struct oci_entry *e, char *path, char *target, enum oci_action *act,
		   char *err, size_t errlen)
{
	int wk;

	if (oci_entry_path(e->name, path, OCI_PATH_MAX + 1)) {
		snprintf(err, errlen, "%.200s: unsafe path (absolute, \"..\" or too long)", e->name);
		return -EPERM;
	}
	if (e->type == OCI_E_REG && (e->size < 0 || (unsigned long long)e->size > OCI_MAX_FILE)) {
		snprintf(err, errlen, "%.200s: absurd size %lld", path, e->size);
		return -EFBIG;
	}
	if (!*path) {
		*act = OCI_ACT_ROOT;
		return 0;
	}
	wk = oci_whiteout_kind(path, target, OCI_PATH_MAX + 1);
	if (wk < 0) {
		snprintf(err, errlen, "%.200s: invalid whiteout", path);
		return -EINVAL;
	}
	if (wk == OCI_WH_OPAQUE || wk == OCI_WH_FILE) {
		*act = wk == OCI_WH_OPAQUE ? OCI_ACT_OPAQUE : OCI_ACT_WHITEOUT;
		return 0;
	}
	switch (e->type) {
	case OCI_E_DIR: *act = OCI_ACT_DIR; return 0;
	case OCI_E_REG: *act = OCI_ACT_FILE; return 0;
	case OCI_E_SYMLINK: *act = OCI_ACT_SYMLINK; return 0;
	case OCI_E_FIFO: *act = OCI_ACT_FIFO; return 0;
	case OCI_E_HARDLINK:
		if (!e->link || oci_entry_path(e->link, target, OCI_PATH_MAX + 1) || !*target) {
			snprintf(err, errlen, "%.200s: hardlink to an unsafe path %.200s", path,
				 e->link ? e->link : "(none)");
			return -EPERM;
		}
		*act = OCI_ACT_HARDLINK;
		return 0;
	case OCI_E_CHR:
		if (e->rdev_major == 0 && e->rdev_minor == 0) {
			*act = OCI_ACT_DEV_WHITEOUT;
			return 0;
		}
		/* fallthrough */
	case OCI_E_BLK:
		snprintf(err, errlen, "%.200s: device node %u:%u refused", path, e->rdev_major,
			 e->rdev_minor);
		return -EPERM;
	default:
		snprintf(err, errlen, "%.200s: unsupported entry type", path);
		return -EINVAL;
	}
}
