/*
 * open07: O_NOFOLLOW refuses a symbolic link as the last component with
 * ELOOP (to a file, to a directory, dangling), but follows links earlier in
 * the path.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	int fd;

	t_write_file("file", "x", 0644);
	SAFE(mkdir("dir", 0755));
	t_write_file("dir/inner", "y", 0644);
	SAFE(symlink("file", "link_file"));
	SAFE(symlink("dir", "link_dir"));
	SAFE(symlink("nowhere", "link_dangling"));
	SAFE(symlink("link_file", "link_link"));

	EXPECT_FAIL(open("link_file", O_RDONLY | O_NOFOLLOW), ELOOP);
	EXPECT_FAIL(open("link_dir", O_RDONLY | O_NOFOLLOW), ELOOP);
	EXPECT_FAIL(open("link_dangling", O_RDONLY | O_NOFOLLOW), ELOOP);
	EXPECT_FAIL(open("link_link", O_RDONLY | O_NOFOLLOW), ELOOP);
	EXPECT_FAIL(open("link_dangling", O_WRONLY | O_CREAT | O_NOFOLLOW, 0644), ELOOP);
	fd = EXPECT_OK(open("link_dir/inner", O_RDONLY | O_NOFOLLOW));
	if (fd >= 0)
		close(fd);
	fd = EXPECT_OK(open("file", O_RDONLY | O_NOFOLLOW));
	if (fd >= 0)
		close(fd);
}

const struct t_test t_test = { .run = run };
