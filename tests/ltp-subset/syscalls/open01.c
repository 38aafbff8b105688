/*
 * open01: open(O_CREAT) keeps the sticky bit of the mode, O_DIRECTORY opens
 * a directory and refuses a regular file with ENOTDIR.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	int fd;

	umask(0);
	fd = EXPECT_OK(open("f", O_RDWR | O_CREAT, 01444));
	if (fd >= 0) {
		SAFE(fstat(fd, &st));
		EXPECT(S_ISREG(st.st_mode));
		EXPECT_EQ(st.st_mode & 07777, 01444);
		close(fd);
	}
	SAFE(mkdir("d", 0755));
	fd = EXPECT_OK(open("d", O_RDONLY | O_DIRECTORY));
	if (fd >= 0) {
		SAFE(fstat(fd, &st));
		EXPECT(S_ISDIR(st.st_mode));
		close(fd);
	}
	EXPECT_FAIL(open("f", O_RDONLY | O_DIRECTORY), ENOTDIR);
}

const struct t_test t_test = { .run = run };
