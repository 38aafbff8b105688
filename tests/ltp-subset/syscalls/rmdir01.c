/*
 * rmdir01: rmdir() removes an empty directory: it is gone afterwards and
 * the parent's link count drops by one; an open descriptor to it still
 * works for fstat but the directory is empty and cannot gain entries.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st, p0, p1;
	int fd;

	SAFE(mkdir("d", 0755));
	SAFE(stat(".", &p0));
	fd = SAFE(open("d", O_RDONLY | O_DIRECTORY));
	EXPECT_OK(rmdir("d"));
	EXPECT_FAIL(stat("d", &st), ENOENT);
	SAFE(stat(".", &p1));
	EXPECT_EQ(p1.st_nlink, p0.st_nlink - 1);
	EXPECT_OK(fstat(fd, &st));
	EXPECT_EQ(st.st_nlink, 0);
	EXPECT_FAIL(openat(fd, "new", O_CREAT | O_RDWR, 0644), ENOENT);
	close(fd);
}

const struct t_test t_test = { .run = run };
