/*
 * Edges of packet pipes, splice/tee and tmpfs size limits that user-space
 * tests do not reach: a packet write over a page becomes page-sized
 * packets; packets use up the pipe's slots (a write waits, EAGAIN here,
 * with bytes free) and block shrinking it; tee of packets; splice with and
 * without offsets; tmpfs size=/nr_inodes= cut a write short, then ENOSPC,
 * statfs shows the limits, a bad size option is EINVAL.
 */
#include <kernel/poll.h>

#include "vfs_test.h"

#define VT_MS_REMOUNT 32   /* mount(2)'s MS_REMOUNT */

static ssize_t kv_read(struct file *f, void *buf, size_t n)
{
	struct iov_iter it;

	iov_iter_kvec(&it, buf, n);
	return vfs_read_fpos(f, &it);
}

static ssize_t kv_write(struct file *f, const void *buf, size_t n)
{
	struct iov_iter it;

	iov_iter_kvec(&it, (void *)buf, n);
	return vfs_write_fpos(f, &it);
}

KTEST(vfs_pipe_packets)
{
	static char buf[10000];
	struct file *p[2], *q[2];

	vfs_test_setup();
	KT_ASSERT_EQ(create_pipe_files(p, LINUX_O_NONBLOCK | LINUX_O_DIRECT), 0);
	KT_ASSERT_EQ(create_pipe_files(q, LINUX_O_NONBLOCK), 0);
	memset(buf, 'p', sizeof(buf));
	/* 5000 bytes: a page-sized packet and the rest. */
	KT_ASSERT_EQ(kv_write(p[1], buf, 5000), 5000);
	KT_ASSERT_EQ(kv_read(p[0], buf, sizeof(buf)), 4096);
	KT_ASSERT_EQ(kv_read(p[0], buf, sizeof(buf)), 904);
	KT_ASSERT_EQ(kv_read(p[0], buf, sizeof(buf)), -EAGAIN);
	/* 16 one-byte packets fill the 16 slots: the 17th has to wait. */
	for (int i = 0; i < 16; i++)
		KT_ASSERT_EQ(kv_write(p[1], "abcdefghijklmnop" + i, 1), 1);
	KT_ASSERT_EQ(kv_write(p[1], "x", 1), -EAGAIN);
	KT_ASSERT(!(vfs_poll(p[1], NULL) & POLLOUT));
	KT_ASSERT_EQ(pipe_fcntl(p[0], LINUX_F_SETPIPE_SZ, 8 * 4096), -EBUSY);
	/* tee copies bytes (not packets) without consuming them. */
	KT_ASSERT_EQ(vfs_tee(p[0], q[1], 3, 0), 3);
	KT_ASSERT_EQ(kv_read(q[0], buf, sizeof(buf)), 3);
	KT_ASSERT(!memcmp(buf, "abc", 3));
	KT_ASSERT_EQ(kv_read(p[0], buf, 1), 1);
	KT_ASSERT_EQ(buf[0], 'a');
	KT_ASSERT_EQ(kv_write(p[1], "x", 1), 1);
	/* splice from a packet pipe moves plain bytes into the other pipe */
	KT_ASSERT_EQ(vfs_splice(p[0], NULL, q[1], NULL, 100, 0), 16);
	KT_ASSERT_EQ(kv_read(q[0], buf, sizeof(buf)), 16);
	KT_ASSERT(!memcmp(buf, "bcdefghijklmnopx", 16));
	/* empty input, non-blocking: EAGAIN; tee into itself: EINVAL */
	KT_ASSERT_EQ(vfs_splice(p[0], NULL, q[1], NULL, 100, LINUX_SPLICE_F_NONBLOCK), -EAGAIN);
	KT_ASSERT_EQ(vfs_tee(p[0], p[1], 1, 0), -EINVAL);
	fput(p[0]);
	fput(p[1]);
	fput(q[0]);
	fput(q[1]);
}

KTEST(vfs_splice_files)
{
	char buf[32] = "";
	struct file *f, *p[2];
	u64 off = 2;

	vfs_test_setup();
	vt_rm_rf("/tmp/spl");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/spl", 0755), 0);
	KT_ASSERT_EQ(vt_write("/tmp/spl/in", "0123456789", 0), 0);
	f = filp_open("/tmp/spl/in", LINUX_O_RDWR, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_ASSERT_EQ(create_pipe_files(p, 0), 0);
	/* With an offset: it moves, f_pos does not. */
	KT_ASSERT_EQ(vfs_splice(f, &off, p[1], NULL, 3, 0), 3);
	KT_ASSERT_EQ(off, 5);
	KT_ASSERT_EQ(f->f_pos, 0);
	/* Without: f_pos moves. */
	KT_ASSERT_EQ(vfs_splice(f, NULL, p[1], NULL, 4, 0), 4);
	KT_ASSERT_EQ(f->f_pos, 4);
	KT_ASSERT_EQ(kv_read(p[0], buf, sizeof(buf)), 7);
	KT_ASSERT(!memcmp(buf, "2340123", 7));
	/* Back into the file at offset 8 (grows it), at EOF of the input 0. */
	KT_ASSERT_EQ(kv_write(p[1], "AB", 2), 2);
	off = 8;
	KT_ASSERT_EQ(vfs_splice(p[0], NULL, f, &off, 10, 0), 2);
	KT_ASSERT_EQ(vt_read("/tmp/spl/in", buf, sizeof(buf)), 10);
	KT_ASSERT(!memcmp(buf, "01234567AB", 10));
	off = 10;
	KT_ASSERT_EQ(vfs_splice(f, &off, p[1], NULL, 5, 0), 0);
	/* Neither end a pipe, or an offset on the pipe end. */
	KT_ASSERT_EQ(vfs_splice(f, NULL, f, NULL, 1, 0), -EINVAL);
	KT_ASSERT_EQ(vfs_splice(f, NULL, p[1], &off, 1, 0), -ESPIPE);
	fput(f);
	fput(p[0]);
	fput(p[1]);
	vt_rm_rf("/tmp/spl");
}

KTEST(vfs_tmpfs_limits)
{
	static char buf[12288];
	struct linux_statfs_k st;
	struct path pth;
	struct file *f;

	vfs_test_setup();
	vt_rm_rf("/tmp/lim");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/lim", 0755), 0);
	KT_ASSERT_EQ(vfs_mount("tmpfs", "/tmp/lim", "tmpfs", 0, "size=12q"), -EINVAL);
	KT_ASSERT_EQ(vfs_mount("tmpfs", "/tmp/lim", "tmpfs", 0, "size=5000,nr_inodes=3"), 0);
	f = filp_open("/tmp/lim/a", LINUX_O_WRONLY | LINUX_O_CREAT, 0644);
	KT_ASSERT(!IS_ERR(f));
	memset(buf, 'l', sizeof(buf));
	/* size=5000 is two pages: the write stops at the second's end. */
	KT_ASSERT_EQ(kernel_write(f, buf, sizeof(buf), NULL), 8192);
	KT_ASSERT_EQ(kernel_write(f, buf, 1, NULL), -ENOSPC);
	KT_ASSERT_EQ(kern_path("/tmp/lim", 0, &pth), 0);
	KT_ASSERT_EQ(vfs_statfs(&pth, &st), 0);
	KT_ASSERT_EQ(st.f_blocks, 2);
	KT_ASSERT_EQ(st.f_bfree, 0);
	KT_ASSERT_EQ(st.f_files, 3);
	KT_ASSERT_EQ(st.f_ffree, 1);   /* the root and "a" */
	path_put(&pth);
	/* Rewriting pages already there needs no room. */
	KT_ASSERT_EQ(kernel_write(f, buf, 4096, &(u64){ 0 }), 4096);
	fput(f);
	KT_ASSERT_EQ(vt_write("/tmp/lim/b", "", 0), 0);
	KT_ASSERT_EQ(vt_write("/tmp/lim/c", "", 0), -ENOSPC);
	/* Remount: not below what is in use (2 pages, 2 inodes). */
	KT_ASSERT_EQ(vfs_do_mount(NULL, "/tmp/lim", NULL, VT_MS_REMOUNT, "size=4k"), -EINVAL);
	KT_ASSERT_EQ(vfs_do_mount(NULL, "/tmp/lim", NULL, VT_MS_REMOUNT, "nr_inodes=2"), -EINVAL);
	KT_ASSERT_EQ(vfs_do_mount(NULL, "/tmp/lim", NULL, VT_MS_REMOUNT, "size=16k"), 0);
	f = filp_open("/tmp/lim/a", LINUX_O_WRONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_ASSERT_EQ(kernel_write(f, buf, sizeof(buf), &(u64){ 8192 }), 8192);
	fput(f);
	KT_ASSERT_EQ(vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/lim/a"), 0);
	KT_ASSERT_EQ(vt_write("/tmp/lim/c", "xyz", 0), 0);
	KT_ASSERT_EQ(vfs_umount("/tmp/lim", 0), 0);
	/* A mount without options can get a limit later; after size=0 not. */
	KT_ASSERT_EQ(vfs_mount("tmpfs", "/tmp/lim", "tmpfs", 0, NULL), 0);
	KT_ASSERT_EQ(vfs_do_mount(NULL, "/tmp/lim", NULL, VT_MS_REMOUNT, "size=8k"), 0);
	KT_ASSERT_EQ(vt_write("/tmp/lim/big", "0123456789", 0), 0);
	f = filp_open("/tmp/lim/big", LINUX_O_WRONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_ASSERT_EQ(kernel_write(f, buf, sizeof(buf), &(u64){ 0 }), 8192);
	fput(f);
	KT_ASSERT_EQ(vfs_do_mount(NULL, "/tmp/lim", NULL, VT_MS_REMOUNT, "size=0"), 0);
	KT_ASSERT_EQ(vfs_do_mount(NULL, "/tmp/lim", NULL, VT_MS_REMOUNT, "size=1m"), -EINVAL);
	KT_ASSERT_EQ(vfs_umount("/tmp/lim", 0), 0);
	vt_rm_rf("/tmp/lim");
}
