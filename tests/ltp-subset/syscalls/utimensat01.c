/*
 * utimensat01: utimensat() sets atime and mtime to the nanosecond, leaves
 * one alone with UTIME_OMIT, sets the current time with UTIME_NOW or a
 * NULL array, changes a link itself with AT_SYMLINK_NOFOLLOW, and fails
 * with EINVAL for tv_nsec out of range or unknown flags.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

#include "harness.h"

static void run(void)
{
	struct timespec ts[2] = { { 1000000000, 123456789 }, { 1100000000, 987654321 } };
	struct stat st;
	time_t now;

	t_write_file("f", "", 0644);
	SAFE(symlink("f", "l"));
	EXPECT_OK(utimensat(AT_FDCWD, "f", ts, 0));
	SAFE(stat("f", &st));
	EXPECT(st.st_atim.tv_sec == 1000000000 && st.st_atim.tv_nsec == 123456789);
	EXPECT(st.st_mtim.tv_sec == 1100000000 && st.st_mtim.tv_nsec == 987654321);
	ts[0].tv_sec = 5;
	ts[0].tv_nsec = 0;
	ts[1].tv_nsec = UTIME_OMIT;
	EXPECT_OK(utimensat(AT_FDCWD, "f", ts, 0));
	SAFE(stat("f", &st));
	EXPECT(st.st_atim.tv_sec == 5 && st.st_mtim.tv_sec == 1100000000);
	now = time(NULL);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = UTIME_NOW;
	EXPECT_OK(utimensat(AT_FDCWD, "f", ts, 0));
	SAFE(stat("f", &st));
	EXPECT(st.st_atim.tv_sec == 5 && st.st_mtim.tv_sec >= now - 1);
	EXPECT_OK(utimensat(AT_FDCWD, "f", NULL, 0));
	SAFE(stat("f", &st));
	EXPECT(st.st_atim.tv_sec >= now - 1);
	ts[0].tv_sec = 77;
	ts[0].tv_nsec = 0;
	ts[1].tv_sec = 88;
	ts[1].tv_nsec = 0;
	EXPECT_OK(utimensat(AT_FDCWD, "l", ts, AT_SYMLINK_NOFOLLOW));
	SAFE(lstat("l", &st));
	EXPECT_EQ(st.st_mtim.tv_sec, 88);
	SAFE(stat("f", &st));
	EXPECT(st.st_mtim.tv_sec != 88);
	ts[0].tv_nsec = 1000000000;
	EXPECT_FAIL(utimensat(AT_FDCWD, "f", ts, 0), EINVAL);
	ts[0].tv_nsec = -1;
	EXPECT_FAIL(utimensat(AT_FDCWD, "f", ts, 0), EINVAL);
	EXPECT_FAIL(utimensat(AT_FDCWD, "f", NULL, 0x4), EINVAL);
}

const struct t_test t_test = { .run = run };
