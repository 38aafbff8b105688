/*
 * setpriority01: PRIO_PROCESS names one thread: setting a thread's nice
 * by its thread id leaves the other threads; PRIO_PGRP reaches every
 * thread of every process in the group, and getpriority(PRIO_PGRP)
 * reports the best (lowest nice) of them; PRIO_USER likewise for a uid.
 */
#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "harness.h"

static volatile pid_t tid;
static volatile int stop, got;

static void *worker(void *arg)
{
	tid = syscall(SYS_gettid);
	while (!stop)
		usleep(1000);
	got = getpriority(PRIO_PROCESS, 0);
	return NULL;
}

static void run(void)
{
	pthread_t th;
	pid_t pid;

	if (pthread_create(&th, NULL, worker, NULL))
		t_brk(TBROK, "pthread_create");
	while (!tid)
		usleep(1000);
	EXPECT_OK(setpriority(PRIO_PROCESS, tid, 6));
	EXPECT_EQ(getpriority(PRIO_PROCESS, tid), 6);
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 0);
	/* The group: this process (both threads); the lowest nice wins. */
	SAFE(setpgid(0, 0));
	EXPECT_EQ(getpriority(PRIO_PGRP, 0), 0);
	EXPECT_OK(setpriority(PRIO_PGRP, 0, 9));
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 9);
	EXPECT_EQ(getpriority(PRIO_PROCESS, tid), 9);
	stop = 1;
	pthread_join(th, NULL);
	EXPECT_EQ(got, 9);
	pid = t_fork();
	if (!pid) {
		t_become(4321, 4321);
		SAFE(setpriority(PRIO_PROCESS, 0, 12));
		EXPECT_EQ(getpriority(PRIO_USER, 4321), 12);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
