/*
 * The unpacker against the test images on the image store (run by name
 * with the store attached: `ktest=oci_unpack_images`, see scripts/test.sh):
 * busybox.tar, debian.tar and debian-oci.tar unpack into a layer cache on
 * tmpfs, the second time from the cache; debian-zstd.tar's zstd layer too; layers.tar leaves whiteouts and
 * an opaque directory; every image under bad/ fails with a message and
 * leaves no layer and no temporary directory behind.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <linuxabi/uapi/fcntl.h>
#include <string.h>

#include "../../oci/load.h"
#include "../../oci/unpack.h"
#include "../../oci/worker.h"

static int unpack_job(void *arg)
{
	return oci_unpack_image(arg);
}

static int unpack(const char *image, struct oci_unpack *u)
{
	memset(u, 0, sizeof(*u));
	u->image_path = image;
	u->cache_dir = "/tmp/ktest-layers";
	return oci_run_in_worker(unpack_job, u);
}

/* Entries in a directory other than . and .. */
static bool dir_count_actor(struct dir_context *ctx, const char *name, int len, s64 pos, u64 ino,
			    unsigned type)
{
	if (!((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.')))
		(*(int *)((char *)ctx + sizeof(*ctx)))++;
	return true;
}

static int count_entries(const char *dir)
{
	struct {
		struct dir_context ctx;
		int n;
	} c = { { dir_count_actor, 0 }, 0 };
	struct file *f = vfs_open(LINUX_AT_FDCWD, dir, LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0, 0);

	if (IS_ERR(f))
		return -1;
	for (;;) {
		s64 before = c.ctx.pos;

		if (vfs_iterate_dir(f, &c.ctx) || c.ctx.pos == before)
			break;
	}
	fput(f);
	return c.n;
}

KTEST_FLAGS(oci_unpack_images, KTEST_MANUAL)
{
	static struct oci_unpack u;
	static const char *const bad[] = {
		"digest-mismatch", "missing-layer", "manifest-nowhere", "invalid-json", "truncated-gzip",
		"truncated-tar", "dotdot", "absolute", "symlink-escape", "symlink-dir-escape",
		"hardlink-shadow", "hardlink-later", "device-node", "sparse-10g", "gzip-bomb",
		"truncated-zstd", "zstd-window", "zstd-media-gzip" };
	char path[128], xv[4];
	struct kstat st;
	struct path p;
	int err, layers_before;

	vfs_mkdirat(LINUX_AT_FDCWD, "/tmp", 01777);
	vfs_mkdirat(LINUX_AT_FDCWD, "/images", 0755);
	err = vfs_mount("/dev/vda", "/images", "ext4", MNT_RDONLY, NULL);
	KT_ASSERT_MSG(!err || err == -EBUSY, "mount the store: %d", err);

	err = unpack("/images/busybox.tar", &u);
	KT_ASSERT_MSG(!err, "busybox.tar: %s", u.err);
	KT_ASSERT_EQ(u.layers_unpacked, 1);
	KT_ASSERT_MSG(u.entries > 200, "only %llu entries", (unsigned long long)u.entries);
	snprintf(path, sizeof(path), "/tmp/ktest-layers/sha256/%s/bin/busybox", u.config.diff_ids[0].hex);
	KT_ASSERT(!vfs_statat(LINUX_AT_FDCWD, path, 0, &st) && st.size > 1000000 && (st.mode & 0111));
	oci_unpack_release(&u);
	err = unpack("/images/busybox.tar", &u);
	KT_ASSERT(!err && u.layers_cached == 1 && u.layers_unpacked == 0);
	oci_unpack_release(&u);

	err = unpack("/images/debian.tar", &u);
	KT_ASSERT_MSG(!err, "debian.tar: %s", u.err);
	printk(KERN_INFO "ktest: debian.tar: %llu entries, %llu MB\n", (unsigned long long)u.entries,
	       (unsigned long long)(u.bytes_written >> 20));
	oci_unpack_release(&u);
	err = unpack("/images/debian-oci.tar", &u);   /* the same layer: cached */
	KT_ASSERT_MSG(!err && u.layers_cached == 1, "debian-oci.tar: %s", u.err);
	oci_unpack_release(&u);

	err = unpack("/images/debian-zstd.tar", &u);   /* a zstd layer (GNU tar: not cached) */
	KT_ASSERT_MSG(!err && u.layers_unpacked == 1, "debian-zstd.tar: %s", u.err);
	snprintf(path, sizeof(path), "/tmp/ktest-layers/sha256/%s/etc/debian_version", u.config.diff_ids[0].hex);
	KT_ASSERT(!vfs_statat(LINUX_AT_FDCWD, path, 0, &st) && st.size > 2);
	oci_unpack_release(&u);

	err = unpack("/images/layers.tar", &u);
	KT_ASSERT_MSG(!err && u.layers_cached == 1 && u.layers_unpacked == 3, "layers.tar: %s", u.err);
	KT_ASSERT(u.whiteouts >= 4);
	snprintf(path, sizeof(path), "/tmp/ktest-layers/sha256/%s/etc/motd", u.config.diff_ids[2].hex);
	KT_ASSERT(!vfs_statat(LINUX_AT_FDCWD, path, LINUX_AT_SYMLINK_NOFOLLOW, &st) &&
		  S_ISCHR(st.mode) && st.rdev == 0);
	snprintf(path, sizeof(path), "/tmp/ktest-layers/sha256/%s/opt/replace", u.config.diff_ids[2].hex);
	KT_ASSERT(!kern_path(path, 0, &p));
	KT_ASSERT(vfs_getxattr(p.dentry, "trusted.overlay.opaque", xv, sizeof(xv)) == 1 && xv[0] == 'y');
	path_put(&p);
	oci_unpack_release(&u);

	/* oci_image_load: a long cache directory name (the caller's) with
	 * four layers gives the whole lowerdir (it once overflowed a buffer
	 * sized for 100 bytes a layer); the second load of the same file is
	 * answered from the kept description. */
	{
		static char out[8192], cache[200], want[300];
		char lerr[160];
		size_t len = sizeof(out);
		unsigned long hits = oci_desc_cache_hits;

		strcpy(cache, "/tmp/ktest-layers");
		for (int i = 0; i < 30; i++)
			strcat(cache, "/.");
		err = oci_image_load("/images/layers.tar", cache, NULL, out, &len, lerr, sizeof(lerr));
		KT_ASSERT_MSG(!err, "oci_image_load: %d %s", err, lerr);
		KT_ASSERT(!strcmp(out, "lowerdir"));
		KT_ASSERT(strlen(out + 9) == 4 * (strlen(cache) + 8 + 64) + 3);
		err = unpack("/images/layers.tar", &u);   /* the diff_ids, to check the top one */
		KT_ASSERT(!err);
		snprintf(want, sizeof(want), "%s/sha256/%s:", cache, u.config.diff_ids[3].hex);
		KT_ASSERT(!strncmp(out + 9, want, strlen(want)));
		oci_unpack_release(&u);
		len = sizeof(out);
		err = oci_image_load("/images/layers.tar", cache, NULL, out, &len, lerr, sizeof(lerr));
		KT_ASSERT_MSG(!err && oci_desc_cache_hits == hits + 1, "warm load: %d %s", err, lerr);
		KT_ASSERT(strlen(out + 9) == 4 * (strlen(cache) + 8 + 64) + 3);
	}

	/* ".wh..wh..opq" at the top of a layer marks the layer root opaque
	 * (it once failed: no parent to make for the root). */
	err = unpack("/images/opaque-root.tar", &u);
	KT_ASSERT_MSG(!err, "opaque-root.tar: %s", u.err);
	snprintf(path, sizeof(path), "/tmp/ktest-layers/sha256/%s", u.config.diff_ids[0].hex);
	KT_ASSERT(!kern_path(path, 0, &p));
	KT_ASSERT(vfs_getxattr(p.dentry, "trusted.overlay.opaque", xv, sizeof(xv)) == 1 && xv[0] == 'y');
	path_put(&p);
	oci_unpack_release(&u);

	layers_before = count_entries("/tmp/ktest-layers/sha256");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(path, sizeof(path), "/images/bad/%s.tar", bad[i]);
		err = unpack(path, &u);
		printk(KERN_INFO "ktest: %s: %d %s\n", bad[i], err, u.err);
		KT_ASSERT_MSG(err && u.err[0], "%s unpacked", bad[i]);
		oci_unpack_release(&u);
		KT_ASSERT_EQ(count_entries("/tmp/ktest-layers/tmp"), 0);
		KT_ASSERT_EQ(count_entries("/tmp/ktest-layers/sha256"), layers_before);
	}
	KT_ASSERT(vfs_statat(LINUX_AT_FDCWD, "/etc/passwd", 0, &st) == -ENOENT);
	KT_ASSERT(vfs_statat(LINUX_AT_FDCWD, "/tmp/escaped", 0, &st) == -ENOENT);
}
