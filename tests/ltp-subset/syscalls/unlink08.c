/*
 * unlink08: as an unprivileged user: EACCES without write permission on the
 * directory, EACCES without search permission on a component, EPERM for
 * another user's file in a sticky directory; removing one's own works.
 */
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(unlink("ro/f"), EACCES);
	EXPECT_FAIL(unlink("nosearch/f"), EACCES);
	EXPECT_FAIL(unlink("sticky/roots"), EPERM);
	t_write_file("sticky/mine", "", 0644);
	EXPECT_OK(unlink("sticky/mine"));
}

static void run(void)
{
	SAFE(mkdir("ro", 0755));
	t_write_file("ro/f", "", 0666);
	SAFE(mkdir("nosearch", 0777));
	t_write_file("nosearch/f", "", 0666);
	SAFE(chmod("nosearch", 0666));
	SAFE(mkdir("sticky", 0777));
	SAFE(chmod("sticky", 01777));
	t_write_file("sticky/roots", "", 0666);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
