/*
 * cpio newc unpacking: an archive built here with directories, files,
 * a symlink, hard links, a device node and a FIFO, unpacked below a test
 * directory and checked (modes, owners, times, link counts); then
 * malformed archives (truncated, bad magic, absurd name sizes, missing
 * NUL, gzip) which must fail with an error, and hostile names ("..",
 * absolute symlinks) which must stay inside the target directory.
 */
#include <kernel/gunzip.h>

#include "vfs_test.h"

static bool gunzip_available(void)
{
	void *out = NULL;
	size_t n = 0;
	int r = gunzip("", 0, &out, &n, 16);

	if (!r)
		vfree(out);
	return r != -ENOSYS;
}

struct cpio_buf {
	char *p;
	size_t len, cap;
};

static void cb_put(struct cpio_buf *b, const void *d, size_t n)
{
	if (b->len + n > b->cap)
		return;
	memcpy(b->p + b->len, d, n);
	b->len += n;
}

static void cb_pad(struct cpio_buf *b)
{
	while (b->len % 4)
		cb_put(b, "", 1);
}

static void cb_entry(struct cpio_buf *b, unsigned ino, unsigned mode, unsigned uid, unsigned gid,
		     unsigned nlink, unsigned mtime, const char *name, const char *data,
		     size_t dlen, unsigned rmaj, unsigned rmin)
{
	char hdr[111];

	snprintf(hdr, sizeof(hdr),
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", ino, mode, uid,
		 gid, nlink, mtime, (unsigned)dlen, 0, 0, rmaj, rmin, (unsigned)strlen(name) + 1,
		 0);
	cb_put(b, hdr, 110);
	cb_put(b, name, strlen(name) + 1);
	cb_pad(b);
	if (dlen)
		cb_put(b, data, dlen);
	cb_pad(b);
}

static void cb_trailer(struct cpio_buf *b)
{
	cb_entry(b, 0, 0, 0, 0, 1, 0, "TRAILER!!!", NULL, 0, 0, 0);
}

KTEST(vfs_cpio_unpack)
{
	struct cpio_buf b = { kmalloc(8192, GFP_KERNEL), 0, 8192 };
	struct kstat st, st2;
	char buf[64];

	KT_ASSERT(b.p);
	vfs_test_setup();
	vt_rm_rf("/tmp/c");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/c", 0755), 0);
	cb_entry(&b, 1, S_IFDIR | 0750, 5, 6, 2, 1000, ".", NULL, 0, 0, 0);
	cb_entry(&b, 2, S_IFDIR | 0755, 0, 0, 2, 2000, "bin", NULL, 0, 0, 0);
	cb_entry(&b, 3, S_IFREG | 04755, 0, 0, 1, 3000, "bin/prog", "#!/bin/sh\n", 10, 0, 0);
	cb_entry(&b, 4, S_IFLNK | 0777, 0, 0, 1, 4000, "bin/sh", "prog", 4, 0, 0);
	cb_entry(&b, 5, S_IFREG | 0600, 7, 8, 2, 5000, "bin/l1", NULL, 0, 0, 0);
	cb_entry(&b, 5, S_IFREG | 0600, 7, 8, 2, 5000, "bin/l2", "linked", 6, 0, 0);
	cb_entry(&b, 10, S_IFDIR | 0755, 0, 0, 2, 2000, "dev", NULL, 0, 0, 0);
	cb_entry(&b, 6, S_IFCHR | 0620, 0, 5, 1, 6000, "dev/console", NULL, 0, 5, 1);
	cb_entry(&b, 7, S_IFIFO | 0644, 0, 0, 1, 7000, "./fifo", NULL, 0, 0, 0);
	cb_entry(&b, 8, S_IFDIR | 01777, 0, 0, 2, 8000, "/tmp", NULL, 0, 0, 0);
	cb_trailer(&b);
	KT_ASSERT_EQ(cpio_unpack_at("/tmp/c", b.p, b.len), 0);

	KT_ASSERT_EQ(vt_stat("/tmp/c/bin/prog", &st, false), 0);
	KT_ASSERT_EQ(st.mode, S_IFREG | 04755);   /* exact, no umask */
	KT_ASSERT_EQ(st.size, 10);
	KT_ASSERT_EQ(st.mtime.tv_sec, 3000);
	KT_ASSERT_EQ(vt_read("/tmp/c/bin/sh", buf, sizeof(buf)), 10);
	KT_ASSERT(!strcmp(buf, "#!/bin/sh\n"));
	KT_ASSERT_EQ(vt_stat("/tmp/c/bin/sh", &st, false), 0);
	KT_ASSERT(S_ISLNK(st.mode));
	KT_ASSERT_EQ(vt_stat("/tmp/c/bin/l1", &st, false), 0);
	KT_ASSERT_EQ(vt_stat("/tmp/c/bin/l2", &st2, false), 0);
	KT_ASSERT_EQ(st.ino, st2.ino);
	KT_ASSERT_EQ(st.nlink, 2);
	KT_ASSERT_EQ(st.uid, 7);
	KT_ASSERT_EQ(st.gid, 8);
	KT_ASSERT_EQ(vt_read("/tmp/c/bin/l1", buf, sizeof(buf)), 6);
	KT_ASSERT(!strcmp(buf, "linked"));
	KT_ASSERT_EQ(vt_stat("/tmp/c/dev/console", &st, false), 0);
	KT_ASSERT(S_ISCHR(st.mode));
	KT_ASSERT_EQ(st.rdev, MKDEV(5, 1));
	KT_ASSERT_EQ(st.gid, 5);
	KT_ASSERT_EQ(vt_stat("/tmp/c/fifo", &st, false), 0);
	KT_ASSERT(S_ISFIFO(st.mode));
	KT_ASSERT_EQ(vt_stat("/tmp/c/tmp", &st, false), 0);
	KT_ASSERT_EQ(st.mode, S_IFDIR | 01777);
	KT_ASSERT_EQ(vt_stat("/tmp/c/bin", &st, false), 0);
	KT_ASSERT_EQ(st.mtime.tv_sec, 2000);   /* set after its contents */
	KT_ASSERT(!vt_exists("/bin/prog"));     /* "/tmp" in the archive stayed inside */

	/* A second archive over the first replaces files of another type. */
	b.len = 0;
	cb_entry(&b, 9, S_IFREG | 0644, 0, 0, 1, 1, "bin/sh", "real", 4, 0, 0);
	cb_trailer(&b);
	KT_ASSERT_EQ(cpio_unpack_at("/tmp/c", b.p, b.len), 0);
	KT_ASSERT_EQ(vt_stat("/tmp/c/bin/sh", &st, false), 0);
	KT_ASSERT(S_ISREG(st.mode));
	kfree(b.p);
	vt_rm_rf("/tmp/c");
}

KTEST(vfs_cpio_malformed)
{
	struct cpio_buf b = { kmalloc(4096, GFP_KERNEL), 0, 4096 };
	char hdr[111];
	size_t full;

	KT_ASSERT(b.p);
	vfs_test_setup();
	vt_rm_rf("/tmp/cm");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/cm", 0755), 0);

	/* Truncated anywhere: an error, never a crash. */
	cb_entry(&b, 1, S_IFREG | 0644, 0, 0, 1, 0, "file", "0123456789", 10, 0, 0);
	cb_trailer(&b);
	full = b.len;
	for (size_t cut = 1; cut < full; cut += 7)
		KT_ASSERT(cpio_unpack_at("/tmp/cm", b.p, cut) <= 0);
	KT_ASSERT_EQ(cpio_unpack_at("/tmp/cm", b.p, full), 0);
	KT_ASSERT_EQ(cpio_unpack_at("/tmp/cm", b.p, 100), -EINVAL);

	/* Bad magic, bad hex */
	memcpy(b.p, "070707", 6);
	KT_ASSERT_EQ(cpio_unpack_at("/tmp/cm", b.p, full), -EINVAL);
	memcpy(b.p, "070701", 6);
	b.p[10] = 'g';
	KT_ASSERT_EQ(cpio_unpack_at("/tmp/cm", b.p, full), -EINVAL);

	/* Name size zero, huge, or without its NUL */
	snprintf(hdr, sizeof(hdr), "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 1, S_IFREG | 0644, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
	KT_ASSERT_EQ(cpio_unpack_at("/tmp/cm", hdr, 110), -EINVAL);
	snprintf(hdr, sizeof(hdr), "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 1, S_IFREG | 0644, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xffffffffu, 0);
	KT_ASSERT_EQ(cpio_unpack_at("/tmp/cm", hdr, 110), -EINVAL);
	b.len = 0;
	cb_entry(&b, 1, S_IFREG | 0644, 0, 0, 1, 0, "abc", NULL, 0, 0, 0);
	b.p[110 + 3] = 'x';   /* overwrite the NUL */
	KT_ASSERT_EQ(cpio_unpack_at("/tmp/cm", b.p, b.len), -EINVAL);
	/* A file size past the end */
	snprintf(hdr, sizeof(hdr), "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 1, S_IFREG | 0644, 0, 0, 1, 0, 0x7fffffff, 0, 0, 0, 0, 2, 0);
	b.len = 0;
	cb_put(&b, hdr, 110);
	cb_put(&b, "a", 2);
	KT_ASSERT_EQ(cpio_unpack_at("/tmp/cm", b.p, b.len), -EINVAL);

	/* gzip: a clear error until zlib is in */
	KT_ASSERT_EQ(cpio_unpack_at("/tmp/cm", "\x1f\x8b\x08\x00", 4), -EINVAL);

	/* Hostile names stay inside: "..", and an absolute symlink then a
	 * file through it. */
	b.len = 0;
	cb_entry(&b, 1, S_IFREG | 0644, 0, 0, 1, 0, "../escape", "x", 1, 0, 0);
	cb_entry(&b, 2, S_IFREG | 0644, 0, 0, 1, 0, "a/../../escape2", "x", 1, 0, 0);
	cb_entry(&b, 3, S_IFLNK | 0777, 0, 0, 1, 0, "evil", "/", 1, 0, 0);
	cb_entry(&b, 4, S_IFDIR | 0755, 0, 0, 1, 0, "evil/vfs_cpio_owned", NULL, 0, 0, 0);
	cb_entry(&b, 5, S_IFLNK | 0777, 0, 0, 1, 0, "up", "../../..", 8, 0, 0);
	cb_entry(&b, 6, S_IFREG | 0644, 0, 0, 1, 0, "up/vfs_cpio_owned2", "x", 1, 0, 0);
	cb_trailer(&b);
	cpio_unpack_at("/tmp/cm", b.p, b.len);
	KT_ASSERT(!vt_exists("/tmp/escape"));
	KT_ASSERT(!vt_exists("/escape2"));
	KT_ASSERT(!vt_exists("/tmp/escape2"));
	KT_ASSERT(!vt_exists("/vfs_cpio_owned"));
	KT_ASSERT(vt_exists("/tmp/cm/vfs_cpio_owned"));
	KT_ASSERT(!vt_exists("/vfs_cpio_owned2"));
	KT_ASSERT(vt_exists("/tmp/cm/vfs_cpio_owned2"));
	kfree(b.p);
	vt_rm_rf("/tmp/cm");
}

/* gzip: the archive "d/ d/g" ("gzipped\n", mtime 1000000) compressed with
 * gzip -n -9 on the host, then the same with a plain archive after it. */
static const unsigned char gz_archive[] = {
	  0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x33, 0x30,
	  0x37, 0x30, 0x37, 0x30, 0x34, 0x30, 0x70, 0x34, 0x37, 0x31, 0x30, 0x34,
	  0x32, 0x00, 0x02, 0x13, 0x43, 0x57, 0x17, 0x03, 0xec, 0x00, 0x24, 0xef,
	  0x66, 0x62, 0x64, 0x82, 0x26, 0xec, 0xe6, 0x6a, 0x80, 0x1f, 0x18, 0xc1,
	  0x18, 0x29, 0x0c, 0x06, 0x48, 0xf6, 0x19, 0x81, 0xc5, 0x2d, 0x0c, 0x1d,
	  0x4d, 0x70, 0xe8, 0x33, 0x44, 0xb3, 0xcf, 0x82, 0x48, 0xfb, 0xe0, 0x1a,
	  0x52, 0xf4, 0xd3, 0x19, 0x18, 0x18, 0xd2, 0xab, 0x32, 0x0b, 0x0a, 0x52,
	  0x53, 0xb8, 0x60, 0x76, 0x13, 0x05, 0x88, 0x55, 0x87, 0x0e, 0x9c, 0x60,
	  0x8c, 0x90, 0x20, 0x47, 0x4f, 0x1f, 0xd7, 0x20, 0x45, 0x45, 0x45, 0x86,
	  0x41, 0x0c, 0x00, 0x5d, 0x4f, 0x03, 0xec, 0x00, 0x02, 0x00, 0x00
};

KTEST(vfs_cpio_gzip)
{
	struct cpio_buf b = { kmalloc(1024, GFP_KERNEL), 0, 1024 };
	struct kstat st;
	char buf[32];
	int r;

	KT_ASSERT(b.p);
	vfs_test_setup();
	vt_rm_rf("/tmp/cg");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/cg", 0755), 0);
	cb_put(&b, gz_archive, sizeof(gz_archive));
	cb_pad(&b);
	cb_entry(&b, 1, S_IFREG | 0600, 0, 0, 1, 0, "plain", "p", 1, 0, 0);
	cb_trailer(&b);
	r = cpio_unpack_at("/tmp/cg", b.p, b.len);
	if (r == -EINVAL && !gunzip_available()) {
		/* A kernel without zlib: the clear error is all we can check. */
		kfree(b.p);
		vt_rm_rf("/tmp/cg");
		return;
	}
	KT_ASSERT_EQ(r, 0);
	KT_ASSERT_EQ(vt_read("/tmp/cg/d/g", buf, sizeof(buf)), 8);
	KT_ASSERT(!strcmp(buf, "gzipped\n"));
	KT_ASSERT_EQ(vt_stat("/tmp/cg/d/g", &st, false), 0);
	KT_ASSERT_EQ(st.mtime.tv_sec, 1000000);
	KT_ASSERT(vt_exists("/tmp/cg/plain"));
	/* Corrupt the compressed data: an error, nothing worse. */
	b.p[40] ^= 0x55;
	KT_ASSERT(cpio_unpack_at("/tmp/cg", b.p, b.len) < 0);
	kfree(b.p);
	vt_rm_rf("/tmp/cg");
}
