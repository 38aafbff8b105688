/*
 * execve03: documented execve() failures: ENOENT, ENOTDIR, ENAMETOOLONG,
 * EFAULT (path, argv), EACCES (a directory, a file without execute
 * permission, a file on a path component without search permission as
 * nobody), ENOEXEC (a file with an unknown format), ELOOP.
 */
#include <sys/stat.h>

#include "harness.h"

static char *const args[] = { "x", NULL };
static char *const env[] = { NULL };

static void as_nobody(void)
{
	EXPECT_FAIL(execve("closed/prog", args, env), EACCES);
}

static void run(void)
{
	SAFE(mkdir("d", 0755));
	t_write_file("noexec", "#!/bin/sh\n", 0644);
	t_write_file("garbage", "this is not a program\n", 0755);
	SAFE(mkdir("closed", 0700));
	t_write_file("closed/prog", "", 0755);
	SAFE(symlink("loop", "loop"));
	EXPECT_FAIL(execve("missing", args, env), ENOENT);
	EXPECT_FAIL(execve("noexec/x", args, env), ENOTDIR);
	EXPECT_FAIL(execve(t_long_name(), args, env), ENAMETOOLONG);
	EXPECT_FAIL(execve(t_bad_addr(), args, env), EFAULT);
	EXPECT_FAIL(execve("garbage", t_bad_addr(), env), EFAULT);
	EXPECT_FAIL(execve("d", args, env), EACCES);
	EXPECT_FAIL(execve("noexec", args, env), EACCES);
	EXPECT_FAIL(execve("garbage", args, env), ENOEXEC);
	EXPECT_FAIL(execve("loop", args, env), ELOOP);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
