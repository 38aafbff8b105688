/*
 * truncate03: documented truncate() failures: EACCES (no write permission,
 * as nobody), ENOTDIR, EFAULT, ENAMETOOLONG, ENOENT, EISDIR, ELOOP, EINVAL
 * (negative length), EFBIG (length above RLIMIT_FSIZE, with SIGXFSZ
 * ignored).
 */
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(truncate("f", 0), EACCES);
}

static void run(void)
{
	struct rlimit rl = { 4096, RLIM_INFINITY };

	t_write_file("f", "data", 0644);
	SAFE(mkdir("d", 0755));
	SAFE(symlink("loop", "loop"));
	EXPECT_FAIL(truncate("f/x", 0), ENOTDIR);
	EXPECT_FAIL(truncate(t_bad_addr(), 0), EFAULT);
	EXPECT_FAIL(truncate(t_long_name(), 0), ENAMETOOLONG);
	EXPECT_FAIL(truncate("missing", 0), ENOENT);
	EXPECT_FAIL(truncate("d", 0), EISDIR);
	EXPECT_FAIL(truncate("loop", 0), ELOOP);
	EXPECT_FAIL(truncate("f", -1), EINVAL);
	t_run_as_nobody(as_nobody);
	signal(SIGXFSZ, SIG_IGN);
	SAFE(setrlimit(RLIMIT_FSIZE, &rl));
	EXPECT_FAIL(truncate("f", 8192), EFBIG);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
