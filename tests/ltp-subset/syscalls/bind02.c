/*
 * bind02: AF_UNIX bind() creates a socket file (S_ISSOCK) with mode
 * affected by the umask; unprivileged bind into a directory without write
 * permission fails with EACCES; a path in a missing directory gives
 * ENOENT; abstract addresses (leading NUL) create no file.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include "harness.h"

static void as_nobody(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = "ro/sock" };
	int s = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));

	EXPECT_FAIL(bind(s, (struct sockaddr *)&sun, sizeof(sun)), EACCES);
}

static void run(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = "sock" };
	struct stat st;
	socklen_t len;
	int s;

	umask(077);
	s = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
	EXPECT_OK(bind(s, (struct sockaddr *)&sun, sizeof(sun)));
	SAFE(stat("sock", &st));
	EXPECT(S_ISSOCK(st.st_mode));
	EXPECT_EQ(st.st_mode & 0777, 0700);
	strcpy(sun.sun_path, "missing/sock");
	s = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
	EXPECT_FAIL(bind(s, (struct sockaddr *)&sun, sizeof(sun)), ENOENT);
	memset(sun.sun_path, 0, sizeof(sun.sun_path));
	memcpy(sun.sun_path, "\0ltp-abstract-bind02", 20);
	len = offsetof(struct sockaddr_un, sun_path) + 20;
	EXPECT_OK(bind(s, (struct sockaddr *)&sun, len));
	EXPECT_FAIL(stat("ltp-abstract-bind02", &st), ENOENT);
	SAFE(mkdir("ro", 0755));
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
