/*
 * sigaltstack02: sigaltstack() failures: EINVAL for unknown ss_flags,
 * ENOMEM for a size below MINSIGSTKSZ (the kernel's 2048), EFAULT for a bad pointer (raw).
 * A fault on the main stack (stack overflow) is handled on the alternate
 * stack.
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "harness.h"

static void on_segv(int sig)
{
	_exit(77);
}

static int recurse(volatile char *p)
{
	volatile char buf[1024];

	buf[0] = p ? p[0] : 0;
	if (p == (volatile char *)1)	/* never: keeps the compiler quiet */
		return 0;
	return recurse(buf) + buf[0];
}

static void run(void)
{
	stack_t ss = { 0 };
	int status;
	pid_t pid;

	ss.ss_sp = malloc(SIGSTKSZ);
	ss.ss_size = SIGSTKSZ;
	ss.ss_flags = 0x1234;
	EXPECT_FAIL(sigaltstack(&ss, NULL), EINVAL);
	ss.ss_flags = 0;
	ss.ss_size = 1024;	/* below the kernel's MINSIGSTKSZ (2048) */
	EXPECT_FAIL(sigaltstack(&ss, NULL), ENOMEM);
	EXPECT_FAIL(syscall(SYS_sigaltstack, t_bad_addr(), NULL), EFAULT);

	pid = t_fork();
	if (!pid) {
		struct sigaction sa = { .sa_handler = on_segv, .sa_flags = SA_ONSTACK };
		struct rlimit rl = { 256 * 1024, 256 * 1024 };
		setrlimit(RLIMIT_STACK, &rl);
		ss.ss_size = 64 * 1024;
		ss.ss_sp = malloc(ss.ss_size);
		SAFE(sigaltstack(&ss, NULL));
		sigaction(SIGSEGV, &sa, NULL);
		recurse(NULL);
		_exit(1);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 77,
		   "stack overflow handled on the alternate stack (status 0x%x)", status);
}

const struct t_test t_test = { .run = run };
