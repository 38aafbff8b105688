/*
 * open14: O_TMPFILE makes an unnamed regular file in a directory: it has no
 * name (the directory stays empty), data can be written and read back, and
 * linkat(AT_EMPTY_PATH) gives it a name; with O_EXCL it can never be linked.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static int entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	int n = 0;

	if (!d)
		t_brk(TBROK | TERRNO, "opendir");
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void run(void)
{
	char buf[8] = "";
	struct stat st;
	int fd, fd2;

	SAFE(mkdir("d", 0755));
	fd = open("d", O_TMPFILE | O_RDWR, 0600);
	if (fd < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "O_TMPFILE not supported by this file system");
	if (fd < 0)
		t_brk(TFAIL | TERRNO, "open(O_TMPFILE)");
	EXPECT_EQ(entries("d"), 0);
	SAFE(fstat(fd, &st));
	EXPECT(S_ISREG(st.st_mode));
	EXPECT_EQ(st.st_nlink, 0);
	EXPECT_EQ(st.st_mode & 0777, 0600);
	EXPECT_EQ(write(fd, "tmp", 3), 3);
	EXPECT_EQ(pread(fd, buf, 3, 0), 3);
	EXPECT(strcmp(buf, "tmp") == 0);
	EXPECT_OK(linkat(fd, "", AT_FDCWD, "d/named", AT_EMPTY_PATH));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_nlink, 1);
	EXPECT_EQ(entries("d"), 1);
	close(fd);
	memset(buf, 0, sizeof(buf));
	t_read_file("d/named", buf, sizeof(buf));
	EXPECT(strcmp(buf, "tmp") == 0);

	fd2 = SAFE(open("d", O_TMPFILE | O_RDWR | O_EXCL, 0600));
	EXPECT_FAIL(linkat(fd2, "", AT_FDCWD, "d/never", AT_EMPTY_PATH), ENOENT);
	close(fd2);
	EXPECT_FAIL(open("d", O_TMPFILE | O_RDONLY, 0600), EINVAL);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
