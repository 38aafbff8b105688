/*
 * sig_thread01: signals and threads.
 *  - pthread_kill() runs the handler in the thread named (its tid).
 *  - tgkill() to a thread that does not block the signal while every
 *    other thread does: that thread handles it.
 *  - A thread-directed signal the thread blocks stays pending for that
 *    thread only: sigpending() shows it there, not in another thread;
 *    unblocking it runs the handler in that thread.
 *  - A process-directed kill() goes to the one thread that does not
 *    block it (the main thread and two others block it).
 *  - sigwaitinfo() in a thread takes a process-directed signal that
 *    every thread blocks.
 *  - exit_group() from a thread ends the whole process with its status,
 *    while the main thread sleeps; a fatal signal sent with tgkill() to a
 *    thread kills the whole process.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "harness.h"

static volatile pid_t handled_tid;
static volatile int handled;

static pid_t gettid_(void)
{
	return syscall(SYS_gettid);
}

static void handler(int sig)
{
	handled_tid = gettid_();
	handled++;
}

struct worker {
	pthread_t th;
	volatile pid_t tid;
	int block;                /* block SIGUSR1 in this thread */
	volatile int pending_usr1;
	volatile int stop;
	volatile int waited_sig;
	int mode;                 /* 0: spin on stop, 1: sigwaitinfo SIGUSR2 */
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(w->block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
	w->tid = gettid_();
	if (w->mode == 1) {
		siginfo_t si;

		sigemptyset(&set);
		sigaddset(&set, SIGUSR2);
		w->waited_sig = sigwaitinfo(&set, &si);
		return NULL;
	}
	while (!w->stop) {
		sigset_t p;

		sigpending(&p);
		w->pending_usr1 = sigismember(&p, SIGUSR1);
		t_msleep(5);
	}
	return NULL;
}

static void start(struct worker *w, int block, int mode)
{
	memset((void *)w, 0, sizeof(*w));
	w->block = block;
	w->mode = mode;
	if (pthread_create(&w->th, NULL, worker_main, w))
		t_brk(TBROK, "pthread_create");
	while (!w->tid)
		t_msleep(1);
}

static void stop(struct worker *w)
{
	w->stop = 1;
	pthread_join(w->th, NULL);
}

static void wait_handled(int n)
{
	for (int i = 0; i < 1000 && handled < n; i++)
		t_msleep(2);
}

static void *exit_group_thread(void *arg)
{
	t_msleep(50);
	syscall(SYS_exit_group, 23);
	return NULL;
}

static void *idle_thread(void *arg)
{
	pid_t tid = gettid_();

	write((int)(long)arg, &tid, sizeof(tid));
	for (;;)
		pause();
	return NULL;
}

static void run(void)
{
	struct sigaction sa = { .sa_handler = handler };
	struct worker a, b, c;
	sigset_t set, p;
	pid_t pid;
	int st;

	SAFE(sigaction(SIGUSR1, &sa, NULL));
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);

	/* pthread_kill: runs in the named thread even though main does not block it */
	start(&a, 0, 0);
	handled = 0;
	EXPECT_EQ(pthread_kill(a.th, SIGUSR1), 0);
	wait_handled(1);
	EXPECT_MSG(handled == 1 && handled_tid == a.tid, "pthread_kill: handled in the target thread");

	/* tgkill to the one thread that does not block it */
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	start(&b, 1, 0);
	handled = 0;
	SAFE(syscall(SYS_tgkill, getpid(), a.tid, SIGUSR1));
	wait_handled(1);
	EXPECT_MSG(handled == 1 && handled_tid == a.tid, "tgkill: handled by the thread");

	/* thread-directed, blocked: pending in that thread only */
	handled = 0;
	SAFE(syscall(SYS_tgkill, getpid(), b.tid, SIGUSR1));
	t_msleep(50);
	sigpending(&p);
	EXPECT_MSG(b.pending_usr1 && !sigismember(&p, SIGUSR1) && handled == 0,
		   "a blocked thread-directed signal is pending in that thread only");
	stop(&b);   /* exits with it pending: it is discarded with the thread */
	sigpending(&p);
	EXPECT_MSG(!sigismember(&p, SIGUSR1), "a dead thread's pending signal does not move");

	/* process-directed: the one thread not blocking it (a) */
	start(&b, 1, 0);
	start(&c, 1, 0);
	handled = 0;
	SAFE(kill(getpid(), SIGUSR1));
	wait_handled(1);
	EXPECT_MSG(handled == 1 && handled_tid == a.tid, "kill(): handled by the only thread that accepts it");
	stop(&a);
	stop(&b);
	stop(&c);

	/* everyone blocks it: a process-directed signal stays process-pending,
	 * and sigwaitinfo in a thread takes it */
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	start(&a, 1, 1);
	t_msleep(20);
	SAFE(kill(getpid(), SIGUSR2));
	pthread_join(a.th, NULL);
	EXPECT_EQ(a.waited_sig, SIGUSR2);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);

	/* exit_group from a thread */
	pid = t_fork();
	if (!pid) {
		pthread_t th;

		pthread_create(&th, NULL, exit_group_thread, NULL);
		for (;;)
			pause();
	}
	st = t_wait(pid);
	EXPECT_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 23, "exit_group from a thread: status %#x", st);

	/* a fatal signal to one (non-leader) thread kills them all */
	{
		int fds[2];
		pid_t tid = 0;

		SAFE(pipe(fds));
		pid = t_fork();
		if (!pid) {
			pthread_t th;

			pthread_create(&th, NULL, idle_thread, (void *)(long)fds[1]);
			for (;;)
				pause();
		}
		close(fds[1]);
		if (read(fds[0], &tid, sizeof(tid)) != sizeof(tid))
			t_brk(TBROK, "no tid from the child");
		close(fds[0]);
		SAFE(syscall(SYS_tgkill, pid, tid, SIGTERM));
		st = t_wait(pid);
	}
	EXPECT_MSG(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "tgkill SIGTERM to one thread: status %#x", st);
}

const struct t_test t_test = { .run = run };
