/*
 * creat05: creat() fails with EMFILE when the process has no free
 * descriptor, and the file is not created.
 */
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct rlimit rl = { 16, 16 };
	struct stat st;
	int fd;

	SAFE(setrlimit(RLIMIT_NOFILE, &rl));
	do
		fd = open(".", O_RDONLY);
	while (fd >= 0);
	EXPECT_EQ(errno, EMFILE);
	EXPECT_FAIL(creat("new", 0644), EMFILE);
	EXPECT_FAIL(stat("new", &st), ENOENT);
}

const struct t_test t_test = { .run = run };
