/*
 * pthread02: signals and threads: tgkill() targets one thread (its handler
 * records its own tid); a signal blocked in every thread but one is
 * delivered to that one; exit() from a thread ends the whole process
 * (exit_group) with that status.
 */
#include <pthread.h>
#include <stdlib.h>
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static volatile pid_t handled_by;
static volatile int thread_tid, stop;

static void handler(int sig)
{
	handled_by = syscall(SYS_gettid);
}

static void *spinner(void *arg)
{
	thread_tid = syscall(SYS_gettid);
	while (!stop)
		t_msleep(5);
	return NULL;
}

static void *exiter(void *arg)
{
	exit(9);
}

static void run(void)
{
	pthread_t th;
	sigset_t set;
	int status;
	pid_t pid;

	signal(SIGUSR1, handler);
	SAFE(-(pthread_create(&th, NULL, spinner, NULL) != 0));
	while (!thread_tid)
		t_msleep(1);
	SAFE(syscall(SYS_tgkill, getpid(), thread_tid, SIGUSR1));
	for (int i = 0; i < 1000 && !handled_by; i++)
		t_msleep(5);
	EXPECT_EQ(handled_by, thread_tid);
	/* Block in the main thread: a process-directed signal goes to the other. */
	handled_by = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	for (int i = 0; i < 1000 && !handled_by; i++)
		t_msleep(5);
	EXPECT_EQ(handled_by, thread_tid);
	stop = 1;
	pthread_join(th, NULL);

	pid = t_fork();
	if (!pid) {
		pthread_create(&th, NULL, exiter, NULL);
		for (;;)
			pause();
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 9,
		   "exit() in a thread ended the process (status 0x%x)", status);
}

const struct t_test t_test = { .run = run };
