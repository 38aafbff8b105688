/*
 * open12: O_APPEND makes every write land at the end whatever the offset,
 * O_CLOEXEC sets FD_CLOEXEC, O_NONBLOCK and O_APPEND show in F_GETFL and the
 * access mode bits come back unchanged.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	char buf[16] = "";
	int fd;

	t_write_file("f", "12345", 0644);
	fd = SAFE(open("f", O_RDWR | O_APPEND | O_CLOEXEC | O_NONBLOCK));
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND | O_NONBLOCK),
		  O_RDWR | O_APPEND | O_NONBLOCK);
	SAFE(lseek(fd, 0, SEEK_SET));
	EXPECT_EQ(write(fd, "ab", 2), 2);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 7);
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_size, 7);
	SAFE(pread(fd, buf, sizeof(buf), 0));
	EXPECT(strcmp(buf, "12345ab") == 0);
	close(fd);
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	EXPECT_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDONLY);
	close(fd);
}

const struct t_test t_test = { .run = run };
