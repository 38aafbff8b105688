/*
 * pidns16: signals from outside a pid namespace to its init. The sender
 * has no number inside, so the init's SA_SIGINFO handler sees si_pid 0
 * for kill() (SI_USER) and sigqueue() (SI_QUEUE, value kept), while a
 * signal from its own child carries that child's number (2); SIGCHLD for
 * the child's exit carries 2 as well. SIGSTOP and SIGKILL from outside
 * are not dropped as they are from inside: the caller sees the init stop
 * (and continue) and then die of SIGKILL, and waitid() reports its outside
 * pid.
 */
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static volatile sig_atomic_t n_usr1, n_chld;
static volatile pid_t last_pid, chld_pid;
static volatile int last_code, last_value;
static struct t_chan up, down;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	last_pid = si->si_pid;
	last_code = si->si_code;
	last_value = si->si_value.sival_int;
	n_usr1++;
}

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	chld_pid = si->si_pid;
	n_chld++;
}

static void wait_usr1(int n)
{
	for (int i = 0; i < 1000 && n_usr1 < n; i++)
		t_msleep(5);
}

static void ns_init(void)
{
	struct sigaction sa;
	pid_t c;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	SAFE(sigaction(SIGUSR1, &sa, NULL));
	sa.sa_sigaction = on_chld;
	SAFE(sigaction(SIGCHLD, &sa, NULL));
	t_chan_post(&up);

	wait_usr1(1);
	EXPECT_EQ(n_usr1, 1);
	EXPECT_EQ(last_pid, 0);
	EXPECT_EQ(last_code, SI_USER);
	t_chan_post(&up);
	wait_usr1(2);
	EXPECT_EQ(n_usr1, 2);
	EXPECT_EQ(last_pid, 0);
	EXPECT_EQ(last_code, SI_QUEUE);
	EXPECT_EQ(last_value, 1234);

	c = fork();
	if (c == 0) {
		kill(1, SIGUSR1);
		_exit(0);
	}
	wait_usr1(3);
	EXPECT_EQ(n_usr1, 3);
	EXPECT_EQ(last_pid, 2);
	EXPECT_EQ(last_code, SI_USER);
	for (int i = 0; i < 1000 && !n_chld; i++)
		t_msleep(5);
	EXPECT_EQ(chld_pid, 2);
	t_reap(c);
	t_chan_post(&up);
	for (;;)
		pause();
}

static void run(void)
{
	union sigval v = { .sival_int = 1234 };
	siginfo_t si;
	int status;
	pid_t pid;

	t_chan_open(&up);
	t_chan_open(&down);
	pid = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (pid < 0)
		t_brk(TBROK | TERRNO, "clone(CLONE_NEWPID)");
	if (pid == 0) {
		ns_init();
		_exit(1);
	}
	t_chan_wait(&up);
	SAFE(kill(pid, SIGUSR1));
	t_chan_wait(&up);
	SAFE(sigqueue(pid, SIGUSR1, v));
	t_chan_wait(&up);

	SAFE(kill(pid, SIGSTOP));
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	EXPECT_MSG(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "SIGSTOP from outside stops the init");
	SAFE(kill(pid, SIGCONT));
	EXPECT_EQ(waitpid(pid, &status, WCONTINUED), pid);
	EXPECT(WIFCONTINUED(status));
	SAFE(kill(pid, SIGKILL));
	memset(&si, 0, sizeof(si));
	EXPECT_OK(waitid(P_PID, pid, &si, WEXITED));
	EXPECT_EQ(si.si_pid, pid);
	EXPECT_MSG(si.si_code == CLD_KILLED && si.si_status == SIGKILL,
		   "SIGKILL from outside kills the init");
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
