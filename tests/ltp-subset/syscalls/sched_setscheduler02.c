/*
 * sched_setscheduler02: without CAP_SYS_NICE (as nobody, RLIMIT_RTPRIO 0):
 * entering SCHED_FIFO or SCHED_RR is EPERM, changing a task of another
 * user (the root parent) is EPERM even to SCHED_OTHER, and a set
 * SCHED_RESET_ON_FORK flag cannot be cleared (EPERM) though switching
 * among the fair policies with it kept works. With RLIMIT_RTPRIO 10,
 * nobody may enter SCHED_FIFO up to priority 10 but not above (EPERM).
 * Raw calls, as musl's wrapper is ENOSYS.
 */
#include <sched.h>
#include <sys/resource.h>

#include "harness.h"

#ifndef SCHED_RESET_ON_FORK
#define SCHED_RESET_ON_FORK 0x40000000
#endif

static pid_t root_pid;

static void as_nobody(void)
{
	struct sched_param sp = { .sched_priority = 10 };

	EXPECT_FAIL(syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp), EPERM);
	EXPECT_FAIL(syscall(SYS_sched_setscheduler, 0, SCHED_RR, &sp), EPERM);
	sp.sched_priority = 0;
	EXPECT_FAIL(syscall(SYS_sched_setscheduler, root_pid, SCHED_OTHER, &sp), EPERM);
	EXPECT_FAIL(syscall(SYS_sched_setparam, root_pid, &sp), EPERM);
	EXPECT_OK(syscall(SYS_sched_setscheduler, 0, SCHED_BATCH | SCHED_RESET_ON_FORK, &sp));
	EXPECT_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_BATCH | SCHED_RESET_ON_FORK);
	EXPECT_FAIL(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &sp), EPERM);
	EXPECT_OK(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER | SCHED_RESET_ON_FORK, &sp));
	EXPECT_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_OTHER | SCHED_RESET_ON_FORK);
}

static void as_nobody_rtprio10(void)
{
	struct sched_param sp = { .sched_priority = 11 };

	EXPECT_FAIL(syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp), EPERM);
	sp.sched_priority = 10;
	if (syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp) < 0 && errno == EPERM)
		t_brk(TCONF, "real-time scheduling not permitted here");
	EXPECT_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_FIFO);
	sp.sched_priority = 5;
	EXPECT_OK(syscall(SYS_sched_setparam, 0, &sp));
	sp.sched_priority = 0;
	EXPECT_OK(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &sp));
}

static void run(void)
{
	struct rlimit rl = { 10, 10 };
	pid_t pid;

	root_pid = getpid();
	pid = t_fork();
	if (!pid) {
		if (setrlimit(RLIMIT_RTPRIO, &rl) < 0 && errno == EPERM) {
			/* Raising the hard limit needs CAP_SYS_RESOURCE. */
			t_res(TINFO, "RLIMIT_RTPRIO cannot be raised here: that part skipped");
			_exit(0);
		}
		t_run_as_nobody(as_nobody_rtprio10);
		_exit(0);
	}
	t_reap(pid);
	rl.rlim_cur = rl.rlim_max = 0;
	SAFE(setrlimit(RLIMIT_RTPRIO, &rl));
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
