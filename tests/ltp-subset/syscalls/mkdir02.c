/*
 * mkdir02: mkdir() creates an empty directory owned by the caller with
 * mode & ~umask, link count 2, and increments the parent's link count.
 */
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st, parent0, parent1;

	SAFE(stat(".", &parent0));
	umask(022);
	EXPECT_OK(mkdir("d", 0777));
	SAFE(stat("d", &st));
	EXPECT(S_ISDIR(st.st_mode));
	EXPECT_EQ(st.st_mode & 07777, 0755);
	EXPECT_EQ(st.st_nlink, 2);
	EXPECT_EQ(st.st_uid, geteuid());
	SAFE(stat(".", &parent1));
	EXPECT_EQ(parent1.st_nlink, parent0.st_nlink + 1);
	umask(0);
	EXPECT_OK(mkdir("e", 01777));
	SAFE(stat("e", &st));
	EXPECT_EQ(st.st_mode & 07777, 01777);
	EXPECT_OK(rmdir("d"));
}

const struct t_test t_test = { .run = run };
