/*
 * chmod05: when the owner is not in the file's group and not privileged,
 * chmod() silently clears the set-group-ID bit it asks for; the owner can
 * set the sticky bit and set-user-ID on its own file.
 */
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	struct stat st;

	EXPECT_OK(chmod("f", 02755));
	SAFE(stat("f", &st));
	EXPECT_EQ(st.st_mode & 07777, 0755);
	EXPECT_OK(chmod("f", 05755));
	SAFE(stat("f", &st));
	EXPECT_EQ(st.st_mode & 07777, 05755);
}

static void run(void)
{
	t_write_file("f", "", 0644);
	SAFE(chown("f", T_NOBODY, 0));	/* group root: nobody is not a member */
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
