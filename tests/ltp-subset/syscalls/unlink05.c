/*
 * unlink05: unlink() removes a name: the file is gone, other hard links
 * keep the data with st_nlink reduced, an open descriptor keeps working
 * after the last name is gone, and unlinking a symlink removes the link,
 * not its target.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	char buf[8] = "";
	int fd;

	t_write_file("f", "data", 0644);
	SAFE(link("f", "g"));
	EXPECT_OK(unlink("f"));
	EXPECT_FAIL(stat("f", &st), ENOENT);
	SAFE(stat("g", &st));
	EXPECT_EQ(st.st_nlink, 1);
	fd = SAFE(open("g", O_RDONLY));
	EXPECT_OK(unlink("g"));
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 4);
	EXPECT(!strcmp(buf, "data"));
	close(fd);
	t_write_file("t", "", 0644);
	SAFE(symlink("t", "l"));
	EXPECT_OK(unlink("l"));
	EXPECT_FAIL(lstat("l", &st), ENOENT);
	EXPECT_OK(stat("t", &st));
	SAFE(mkfifo("fifo", 0644));
	EXPECT_OK(unlink("fifo"));
}

const struct t_test t_test = { .run = run };
