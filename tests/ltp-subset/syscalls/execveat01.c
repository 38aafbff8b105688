/*
 * execveat01: execveat() runs a program named relative to a dirfd, or the
 * file an O_PATH descriptor refers to with AT_EMPTY_PATH; with
 * AT_SYMLINK_NOFOLLOW a symlink gives ELOOP; unknown flags give EINVAL;
 * a relative path with a file dirfd gives ENOTDIR.
 */
#include <libgen.h>
#include <sys/wait.h>

#include "harness.h"

static int child_main(int argc, char **argv)
{
	return 21;
}

static int run_exec(int dfd, const char *path, int flags)
{
	char *const args[] = { "x", "--child", NULL };
	pid_t pid = t_fork();

	if (!pid) {
		syscall(SYS_execveat, dfd, path, args, NULL, flags);
		_exit(errno);
	}
	return t_wait(pid);
}

static void run(void)
{
	char dir[4096], *base;
	int d, pfd, f, st;

	if (!t_self())
		t_brk(TCONF, "cannot find this program's own path");
	snprintf(dir, sizeof(dir), "%s", t_self());
	base = strrchr(dir, '/');
	*base++ = 0;
	d = SAFE(open(dir, O_RDONLY | O_DIRECTORY));
	pfd = SAFE(open(t_self(), O_PATH));
	f = SAFE(open(t_self(), O_RDONLY));
	SAFE(symlink(t_self(), "link"));
	st = run_exec(d, base, 0);
	EXPECT_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 21, "dirfd-relative exec ran (0x%x)", st);
	st = run_exec(pfd, "", AT_EMPTY_PATH);
	EXPECT_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 21, "AT_EMPTY_PATH exec ran (0x%x)", st);
	st = run_exec(AT_FDCWD, "link", AT_SYMLINK_NOFOLLOW);
	EXPECT_MSG(WIFEXITED(st) && WEXITSTATUS(st) == ELOOP, "AT_SYMLINK_NOFOLLOW: ELOOP");
	st = run_exec(AT_FDCWD, "link", 0x1);
	EXPECT_MSG(WIFEXITED(st) && WEXITSTATUS(st) == EINVAL, "bad flags: EINVAL");
	st = run_exec(f, "x", 0);
	EXPECT_MSG(WIFEXITED(st) && WEXITSTATUS(st) == ENOTDIR, "file dirfd: ENOTDIR");
}

const struct t_test t_test = { .run = run, .child_main = child_main };
