/*
 * select01: select() reports a regular file as always readable and
 * writable, a pipe's read end readable only with data, its write end
 * writable; it clears the bits of descriptors that are not ready and
 * returns the total count; the timeout is honoured and (on Linux) updated
 * to the time not slept (raw calls there: musl does not copy it back).
 */
#include <sys/select.h>

#include "harness.h"

static void run(void)
{
	struct timeval tv;
	fd_set r, w;
	int fd, p[2];
	long long t0;

	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDWR));
	SAFE(pipe(p));
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(fd, &r);
	FD_SET(p[0], &r);
	FD_SET(fd, &w);
	FD_SET(p[1], &w);
	tv = (struct timeval){ 0, 0 };
	EXPECT_EQ(select(p[1] + 1, &r, &w, NULL, &tv), 3);
	EXPECT(FD_ISSET(fd, &r) && !FD_ISSET(p[0], &r));
	EXPECT(FD_ISSET(fd, &w) && FD_ISSET(p[1], &w));
	SAFE(write(p[1], "x", 1));
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	EXPECT_EQ(select(p[0] + 1, &r, NULL, NULL, &tv), 1);
	EXPECT(FD_ISSET(p[0], &r));
	SAFE(read(p[0], &t0, 1));
	FD_SET(p[0], &r);
	tv = (struct timeval){ 0, 150000 };
	t0 = t_now_us();
	EXPECT_EQ(syscall(SYS_select, p[0] + 1, &r, NULL, NULL, &tv), 0);
	EXPECT(t_now_us() - t0 >= 140000);
	EXPECT_MSG(tv.tv_sec == 0 && tv.tv_usec == 0, "timeout updated to 0 left");
	EXPECT(!FD_ISSET(p[0], &r));
	tv = (struct timeval){ 5, 0 };
	SAFE(write(p[1], "x", 1));
	FD_SET(p[0], &r);
	EXPECT_EQ(syscall(SYS_select, p[0] + 1, &r, NULL, NULL, &tv), 1);
	EXPECT_MSG(tv.tv_sec >= 4, "timeout left is ~5 s");
}

const struct t_test t_test = { .run = run };
