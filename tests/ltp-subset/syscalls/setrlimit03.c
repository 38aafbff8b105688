/*
 * setrlimit03: limits that refuse resources to an unprivileged process:
 * RLIMIT_NPROC 1 makes fork() fail with EAGAIN, RLIMIT_AS makes a large
 * mmap() fail with ENOMEM, RLIMIT_DATA makes growing the heap with brk
 * fail (the break stays) and private writable mmap fail with ENOMEM.
 */
#include <sys/mman.h>
#include <sys/resource.h>

#include "harness.h"

#define UID 54321

static void run(void)
{
	pid_t pid = t_fork();

	if (!pid) {
		struct rlimit rl = { 1, 1 };
		SAFE(setrlimit(RLIMIT_NPROC, &rl));
		t_become(UID, UID);
		EXPECT_FAIL(fork(), EAGAIN);
		_exit(0);
	}
	t_reap(pid);
	pid = t_fork();
	if (!pid) {
		struct rlimit rl = { 256 << 20, 256 << 20 };
		t_become(UID, UID);
		SAFE(setrlimit(RLIMIT_AS, &rl));
		EXPECT_FAIL(mmap(NULL, 512 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
			    ENOMEM);
		EXPECT_OK(mmap(NULL, 1 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
		_exit(0);
	}
	t_reap(pid);
	pid = t_fork();
	if (!pid) {
		struct rlimit rl = { 16 << 20, 16 << 20 };
		char *cur;
		t_become(UID, UID);
		SAFE(setrlimit(RLIMIT_DATA, &rl));
		cur = (char *)syscall(SYS_brk, 0);
		EXPECT_MSG((char *)syscall(SYS_brk, cur + (64 << 20)) == cur,
			   "brk beyond RLIMIT_DATA leaves the break");
		EXPECT_FAIL(mmap(NULL, 64 << 20, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
