/*
 * utime01: utime() with a buffer sets both times to the given seconds;
 * with NULL sets them to now; utimes() takes microseconds.
 */
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <utime.h>

#include "harness.h"

static void run(void)
{
	struct utimbuf ub = { 111111, 222222 };
	struct timeval tv[2] = { { 333333, 500000 }, { 444444, 250000 } };
	struct stat st;
	time_t now;

	t_write_file("f", "", 0644);
	EXPECT_OK(utime("f", &ub));
	SAFE(stat("f", &st));
	EXPECT(st.st_atime == 111111 && st.st_mtime == 222222);
	now = time(NULL);
	EXPECT_OK(utime("f", NULL));
	SAFE(stat("f", &st));
	EXPECT(st.st_atime >= now - 1 && st.st_mtime >= now - 1);
	EXPECT_OK(utimes("f", tv));
	SAFE(stat("f", &st));
	EXPECT(st.st_atim.tv_sec == 333333 && st.st_atim.tv_nsec == 500000000);
	EXPECT(st.st_mtim.tv_sec == 444444 && st.st_mtim.tv_nsec == 250000000);
	EXPECT_FAIL(utime("missing", &ub), ENOENT);
}

const struct t_test t_test = { .run = run };
