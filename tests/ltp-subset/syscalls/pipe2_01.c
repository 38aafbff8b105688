/*
 * pipe2_01: pipe2() with O_CLOEXEC sets FD_CLOEXEC on both ends, with
 * O_NONBLOCK sets it on both ends (EAGAIN on an empty read and a full
 * write), without flags sets neither; other flags fail with EINVAL.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	char buf[4096] = "";
	int p[2];

	EXPECT_OK(pipe2(p, O_CLOEXEC));
	EXPECT(fcntl(p[0], F_GETFD) == FD_CLOEXEC && fcntl(p[1], F_GETFD) == FD_CLOEXEC);
	EXPECT(!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
	close(p[0]);
	close(p[1]);
	EXPECT_OK(pipe2(p, O_NONBLOCK));
	EXPECT((fcntl(p[0], F_GETFL) & O_NONBLOCK) && (fcntl(p[1], F_GETFL) & O_NONBLOCK));
	EXPECT(fcntl(p[0], F_GETFD) == 0 && fcntl(p[1], F_GETFD) == 0);
	EXPECT_FAIL(read(p[0], buf, 1), EAGAIN);
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	EXPECT_FAIL(write(p[1], buf, sizeof(buf)), EAGAIN);
	EXPECT_OK(pipe2(p, 0));
	EXPECT_FAIL(pipe2(p, O_RDWR | O_APPEND), EINVAL);
	EXPECT_FAIL(pipe2(p, 0x8000000), EINVAL);
}

const struct t_test t_test = { .run = run };
