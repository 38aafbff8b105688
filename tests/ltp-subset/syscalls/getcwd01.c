/*
 * getcwd01: the raw getcwd system call returns the length including the
 * NUL; failures: ERANGE (buffer too small), EFAULT (bad buffer), ENOENT
 * (the cwd was removed); the libc getcwd(NULL, 0) allocates.
 */
#include <stdlib.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	char buf[4096], *p;
	size_t len = strlen(t_tmpdir());

	EXPECT_EQ(syscall(SYS_getcwd, buf, sizeof(buf)), len + 1);
	EXPECT(!strcmp(buf, t_tmpdir()));
	EXPECT_FAIL(syscall(SYS_getcwd, buf, len), ERANGE);
	EXPECT_FAIL(syscall(SYS_getcwd, buf, 0), ERANGE);
	EXPECT_FAIL(syscall(SYS_getcwd, t_bad_addr(), sizeof(buf)), EFAULT);
	p = getcwd(NULL, 0);
	EXPECT_MSG(p && !strcmp(p, t_tmpdir()), "getcwd(NULL, 0) = %s", p ? p : "NULL");
	free(p);
	SAFE(mkdir("gone", 0755));
	SAFE(chdir("gone"));
	SAFE(rmdir("../gone"));
	EXPECT_FAIL(syscall(SYS_getcwd, buf, sizeof(buf)), ENOENT);
}

const struct t_test t_test = { .run = run };
