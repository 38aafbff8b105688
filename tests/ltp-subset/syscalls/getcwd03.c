/*
 * getcwd03: getcwd() of a directory whose path is longer than a page
 * (4096 bytes) fails with ENAMETOOLONG from the kernel; relative
 * operations there still work; back in a short directory getcwd works.
 */
#include "harness.h"

#define COMPONENT "dir-with-a-fairly-long-name-for-depth-0123456789-abcdefghijklmnopqrstuvwxyz"

static void run(void)
{
	char buf[16384];
	int depth = 0, top;
	size_t len = strlen(t_tmpdir());

	top = SAFE(open(".", O_RDONLY | O_DIRECTORY));
	while (len < 5000) {
		SAFE(mkdir(COMPONENT, 0755));
		SAFE(chdir(COMPONENT));
		len += strlen(COMPONENT) + 1;
		depth++;
	}
	t_res(TINFO, "cwd is %d levels, %zu bytes deep", depth, len);
	EXPECT_FAIL(syscall(SYS_getcwd, buf, sizeof(buf)), ENAMETOOLONG);
	t_write_file("leaf", "deep", 0644);
	EXPECT_OK(access("leaf", R_OK));
	SAFE(fchdir(top));
	EXPECT_EQ(syscall(SYS_getcwd, buf, sizeof(buf)), strlen(t_tmpdir()) + 1);
}

const struct t_test t_test = { .run = run };
