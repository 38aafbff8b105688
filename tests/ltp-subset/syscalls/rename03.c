/*
 * rename03: rename() onto an existing name replaces it atomically: an
 * existing file is replaced by a file, an existing empty directory by a
 * directory; the replaced file's data stays reachable through an open fd.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st, src;
	char buf[8] = "";
	int fd;

	t_write_file("new", "NEW", 0644);
	t_write_file("old", "OLD", 0644);
	fd = SAFE(open("old", O_RDONLY));
	SAFE(stat("new", &src));
	EXPECT_OK(rename("new", "old"));
	SAFE(stat("old", &st));
	EXPECT_EQ(st.st_ino, src.st_ino);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 3);
	EXPECT(!strcmp(buf, "OLD"));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_nlink, 0);
	SAFE(mkdir("d1", 0755));
	t_write_file("d1/inside", "", 0644);
	SAFE(mkdir("d2", 0755));
	EXPECT_OK(rename("d1", "d2"));
	EXPECT_OK(stat("d2/inside", &st));
	EXPECT_FAIL(stat("d1", &st), ENOENT);
	/* Renaming onto itself (or another link to the same file) is a no-op. */
	SAFE(link("old", "same"));
	EXPECT_OK(rename("old", "same"));
	EXPECT_OK(stat("old", &st));
	EXPECT_EQ(st.st_nlink, 2);
}

const struct t_test t_test = { .run = run };
