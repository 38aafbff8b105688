/*
 * creat04: an unprivileged user cannot create a file in a directory without
 * write permission (EACCES), nor recreate a read-only file it does not own.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(creat("dir/new", 0644), EACCES);
	EXPECT_FAIL(creat("ro", 0644), EACCES);
	EXPECT_OK(creat("open/new", 0644));
}

static void run(void)
{
	struct stat st;

	SAFE(mkdir("dir", 0755));
	SAFE(mkdir("open", 0777));
	SAFE(chmod("open", 0777));
	t_write_file("ro", "keep", 0644);
	t_run_as_nobody(as_nobody);
	EXPECT_FAIL(stat("dir/new", &st), ENOENT);
	SAFE(stat("ro", &st));
	EXPECT_EQ(st.st_size, 4);
	SAFE(stat("open/new", &st));
	EXPECT_EQ(st.st_uid, T_NOBODY);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
