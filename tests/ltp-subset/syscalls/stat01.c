/*
 * stat01: stat() reports a regular file's type, permission bits, size,
 * owner, link count and a block count that covers the data; the times do
 * not lie in the future.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

#include "harness.h"

static void run(void)
{
	char data[10000];
	struct stat st;
	time_t now;
	int fd;

	memset(data, 'x', sizeof(data));
	umask(0);
	fd = SAFE(open("f", O_WRONLY | O_CREAT, 0640));
	SAFE(write(fd, data, sizeof(data)));
	close(fd);
	now = time(NULL);
	EXPECT_OK(stat("f", &st));
	EXPECT(S_ISREG(st.st_mode));
	EXPECT_EQ(st.st_mode & 07777, 0640);
	EXPECT_EQ(st.st_size, 10000);
	EXPECT_EQ(st.st_uid, geteuid());
	EXPECT_EQ(st.st_gid, getegid());
	EXPECT_EQ(st.st_nlink, 1);
	EXPECT_MSG(st.st_blocks * 512 >= 10000, "st_blocks %lld covers the data",
		   (long long)st.st_blocks);
	EXPECT(st.st_blksize > 0);
	EXPECT(st.st_mtime <= now + 1 && st.st_mtime > now - 60);
	EXPECT(st.st_ctime <= now + 1 && st.st_atime <= now + 1);
}

const struct t_test t_test = { .run = run };
