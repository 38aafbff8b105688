/*
 * statx01: statx() fills the requested basic fields consistently with
 * stat(): mask covers STATX_BASIC_STATS, same inode, size, mode, uid, nlink,
 * mtime; device numbers split into major/minor. Raw syscall (musl 1.2.3 has
 * no statx wrapper).
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "harness.h"

static void run(void)
{
	struct t_statx sx;
	struct stat st;

	t_write_file("f", "hello world", 0640);
	SAFE(stat("f", &st));
	memset(&sx, 0xff, sizeof(sx));
	EXPECT_OK(syscall(SYS_statx, AT_FDCWD, "f", 0, T_STATX_BASIC_STATS, &sx));
	EXPECT_EQ(sx.stx_mask & T_STATX_BASIC_STATS, T_STATX_BASIC_STATS);
	EXPECT_EQ(sx.stx_ino, st.st_ino);
	EXPECT_EQ(sx.stx_size, 11);
	EXPECT_EQ(sx.stx_mode, st.st_mode);
	EXPECT_EQ(sx.stx_uid, st.st_uid);
	EXPECT_EQ(sx.stx_gid, st.st_gid);
	EXPECT_EQ(sx.stx_nlink, 1);
	EXPECT_EQ(sx.stx_blocks, st.st_blocks);
	EXPECT_EQ(sx.stx_mtime.tv_sec, st.st_mtim.tv_sec);
	EXPECT_EQ(sx.stx_mtime.tv_nsec, st.st_mtim.tv_nsec);
	EXPECT_EQ(sx.stx_dev_major, major(st.st_dev));
	EXPECT_EQ(sx.stx_dev_minor, minor(st.st_dev));
}

const struct t_test t_test = { .run = run };
