/*
 * Layer entry names: normalized beneath the layer root, or refused; and
 * OCI whiteouts recognized. See image.h. The unpacker then resolves the
 * result without following symlinks, so a name that passes here still
 * cannot reach outside the layer.
 */
#include <errno.h>
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
