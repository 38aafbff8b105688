/*
 * rename09: as an unprivileged user: EACCES without write permission on
 * the source or the target directory, EPERM for another user's file in a
 * sticky directory.
 */
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(rename("ro/f", "rw/f"), EACCES);
	EXPECT_FAIL(rename("rw/mine", "ro/mine"), EACCES);
	EXPECT_FAIL(rename("sticky/roots", "rw/x"), EPERM);
	EXPECT_OK(rename("rw/mine", "rw/mine2"));
}

static void run(void)
{
	SAFE(mkdir("ro", 0755));
	t_write_file("ro/f", "", 0666);
	SAFE(mkdir("rw", 0777));
	SAFE(chmod("rw", 0777));
	t_write_file("rw/mine", "", 0666);
	SAFE(chown("rw/mine", T_NOBODY, T_NOBODY));
	SAFE(mkdir("sticky", 0777));
	SAFE(chmod("sticky", 01777));
	t_write_file("sticky/roots", "", 0666);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
