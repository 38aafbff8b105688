/*
 * open11: flag combinations on new and existing files: O_CREAT alone keeps
 * an existing file's data, O_TRUNC empties it, O_EXCL without O_CREAT on an
 * existing file is ignored, O_CREAT on a new file uses mode & ~umask.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	int fd;

	umask(022);
	t_write_file("old", "content", 0644);
	fd = EXPECT_OK(open("old", O_RDWR | O_CREAT, 0600));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_size, 7);
	EXPECT_EQ(st.st_mode & 0777, 0644);	/* mode ignored for existing */
	close(fd);
	fd = EXPECT_OK(open("old", O_RDONLY | O_EXCL));
	close(fd);
	fd = EXPECT_OK(open("old", O_WRONLY | O_TRUNC));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_size, 0);
	close(fd);
	fd = EXPECT_OK(open("new", O_WRONLY | O_CREAT | O_EXCL, 0777));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_mode & 0777, 0755);
	EXPECT_EQ(st.st_size, 0);
	close(fd);
	fd = EXPECT_OK(open("new2", O_RDONLY | O_CREAT, 0));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_mode & 0777, 0);
	close(fd);
}

const struct t_test t_test = { .run = run };
