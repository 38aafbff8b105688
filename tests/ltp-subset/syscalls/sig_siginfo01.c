/*
 * sig_siginfo01: what a SA_SIGINFO handler is told.
 *  - kill(): SI_USER, si_pid and si_uid of the sender (a child, running
 *    as root, and with real uid nobody: si_uid is the real uid); tkill() and tgkill(): SI_TKILL; sigqueue():
 *    SI_QUEUE with si_value; rt_sigqueueinfo() to oneself with a made-up
 *    negative si_code: that code and value; raise(): SI_TKILL.
 *  - SIGCHLD for each way a child changes state: CLD_EXITED (si_status
 *    the exit code), CLD_KILLED (the signal), CLD_DUMPED (SIGQUIT with a
 *    core limit > 0 in a writable directory), CLD_STOPPED (the stop
 *    signal), CLD_CONTINUED (SIGCONT); si_pid the child, si_uid its real
 *    uid (65534 for a child that became nobody). waitid() reports the same.
 */
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <dirent.h>
#include <time.h>

#include "harness.h"

static volatile int n_got, g_signo, g_code, g_status, g_value;
static volatile pid_t g_pid;
static volatile uid_t g_uid;

static void handler(int sig, siginfo_t *si, void *uc)
{
	n_got++;
	g_signo = si->si_signo;
	g_code = si->si_code;
	g_pid = si->si_pid;
	g_uid = si->si_uid;
	if (sig == SIGCHLD)
		g_status = si->si_status;
	else
		g_value = si->si_value.sival_int;
}

static void clear(void)
{
	n_got = g_signo = g_code = g_status = g_value = 0;
	g_pid = 0;
	g_uid = (uid_t)-1;
}

/* Wait (with the signal unblocked) until the handler ran n times. */
static void await(int n)
{
	for (int i = 0; i < 200 && n_got < n; i++) {
		struct timespec ts = { 0, 10000000 };

		nanosleep(&ts, NULL);
	}
}

static void from_child(int as_nobody)
{
	pid_t me = getpid(), pid;

	clear();
	pid = t_fork();
	if (!pid) {
		/* Real uid nobody, effective root (still allowed to signal us):
		 * si_uid is the sender's real uid. */
		if (as_nobody && setresuid(T_NOBODY, 0, 0))
			_exit(1);
		kill(me, SIGUSR1);
		_exit(0);
	}
	await(1);
	t_reap(pid);
	EXPECT_MSG(g_signo == SIGUSR1 && g_code == SI_USER && g_pid == pid &&
		   g_uid == (as_nobody ? T_NOBODY : 0),
		   "kill() from a child%s: signo %d code %d pid ok %d uid %d", as_nobody ? " (nobody)" : "",
		   g_signo, g_code, g_pid == pid, (int)g_uid);
}

static void self_sends(void)
{
	union sigval v = { .sival_int = 4242 };
	siginfo_t si;
	pid_t me = getpid();

	clear();
	SAFE(syscall(SYS_tkill, me, SIGUSR1));
	EXPECT_MSG(n_got == 1 && g_code == SI_TKILL && g_pid == me && g_uid == 0,
		   "tkill(): SI_TKILL from us (code %d)", g_code);
	clear();
	SAFE(syscall(SYS_tgkill, me, me, SIGUSR1));
	EXPECT_MSG(n_got == 1 && g_code == SI_TKILL && g_pid == me, "tgkill(): SI_TKILL (code %d)", g_code);
	clear();
	SAFE(raise(SIGUSR1));
	EXPECT_MSG(n_got == 1 && g_code == SI_TKILL, "raise(): SI_TKILL (code %d)", g_code);
	clear();
	SAFE(sigqueue(me, SIGUSR1, v));
	EXPECT_MSG(n_got == 1 && g_code == SI_QUEUE && g_value == 4242 && g_pid == me && g_uid == 0,
		   "sigqueue(): SI_QUEUE with the value (code %d value %d)", g_code, g_value);
	clear();
	memset(&si, 0, sizeof(si));
	si.si_code = -42;
	si.si_pid = 777;
	si.si_uid = 888;
	si.si_value.sival_int = 99;
	SAFE(syscall(SYS_rt_sigqueueinfo, me, SIGUSR1, &si));
	EXPECT_MSG(n_got == 1 && g_code == -42 && g_pid == 777 && g_uid == 888 && g_value == 99,
		   "rt_sigqueueinfo() to oneself: the caller's fields (code %d pid %d uid %d value %d)",
		   g_code, g_pid, (int)g_uid, g_value);
}

static void remove_cores(void)
{
	DIR *d = opendir(".");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, "core", 4))
			unlink(e->d_name);
	closedir(d);
}

enum { EXITED, KILLED, DUMPED, STOPPED_CONT, NOBODY_EXIT };

static void chld_case(int kind)
{
	siginfo_t wi;
	pid_t pid;
	struct t_chan c;

	t_chan_open(&c);
	clear();
	pid = t_fork();
	if (!pid) {
		struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY }, zero = { 0, 0 };

		setrlimit(RLIMIT_CORE, kind == DUMPED ? &rl : &zero);
		if (kind == NOBODY_EXIT)
			t_become_nobody();
		t_chan_post(&c);
		if (kind == EXITED || kind == NOBODY_EXIT)
			_exit(7);
		for (;;)
			pause();
	}
	t_chan_wait(&c);
	switch (kind) {
	case EXITED:
	case NOBODY_EXIT:
		await(1);
		EXPECT_MSG(g_code == CLD_EXITED && g_status == 7 && g_pid == pid &&
			   g_uid == (kind == NOBODY_EXIT ? T_NOBODY : 0),
			   "SIGCHLD CLD_EXITED%s: code %d status %d uid %d", kind == NOBODY_EXIT ? " (nobody)" : "",
			   g_code, g_status, (int)g_uid);
		break;
	case KILLED:
		kill(pid, SIGTERM);
		await(1);
		EXPECT_MSG(g_code == CLD_KILLED && g_status == SIGTERM && g_pid == pid && g_uid == 0,
			   "SIGCHLD CLD_KILLED: code %d status %d", g_code, g_status);
		break;
	case DUMPED:
		kill(pid, SIGQUIT);
		await(1);
		EXPECT_MSG(g_code == CLD_DUMPED && g_status == SIGQUIT && g_pid == pid,
			   "SIGCHLD CLD_DUMPED: code %d status %d", g_code, g_status);
		break;
	case STOPPED_CONT:
		kill(pid, SIGTSTP);
		await(1);
		EXPECT_MSG(g_code == CLD_STOPPED && g_status == SIGTSTP && g_pid == pid && g_uid == 0,
			   "SIGCHLD CLD_STOPPED: code %d status %d", g_code, g_status);
		memset(&wi, 0, sizeof(wi));
		SAFE(waitid(P_PID, pid, &wi, WSTOPPED | WNOHANG));
		EXPECT_MSG(wi.si_code == CLD_STOPPED && wi.si_status == SIGTSTP && wi.si_pid == pid,
			   "waitid WSTOPPED: code %d status %d", wi.si_code, wi.si_status);
		clear();
		kill(pid, SIGCONT);
		await(1);
		EXPECT_MSG(g_code == CLD_CONTINUED && g_status == SIGCONT && g_pid == pid,
			   "SIGCHLD CLD_CONTINUED: code %d status %d", g_code, g_status);
		memset(&wi, 0, sizeof(wi));
		SAFE(waitid(P_PID, pid, &wi, WCONTINUED | WNOHANG));
		EXPECT_MSG(wi.si_code == CLD_CONTINUED && wi.si_status == SIGCONT && wi.si_pid == pid,
			   "waitid WCONTINUED: code %d status %d", wi.si_code, wi.si_status);
		clear();
		kill(pid, SIGKILL);
		await(1);
		EXPECT_MSG(g_code == CLD_KILLED && g_status == SIGKILL, "SIGCHLD after SIGKILL: code %d status %d",
			   g_code, g_status);
		break;
	}
	memset(&wi, 0, sizeof(wi));
	SAFE(waitid(P_PID, pid, &wi, WEXITED));
	EXPECT_MSG(wi.si_signo == SIGCHLD && wi.si_pid == pid && wi.si_code == g_code &&
		   wi.si_status == g_status && wi.si_uid == (kind == NOBODY_EXIT ? T_NOBODY : 0),
		   "waitid WEXITED agrees: code %d status %d", wi.si_code, wi.si_status);
	if (kind == DUMPED)
		remove_cores();
	t_chan_close(&c);
}

static void run(void)
{
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_RESTART };

	SAFE(sigaction(SIGUSR1, &sa, NULL));
	from_child(0);
	from_child(1);
	self_sends();
	SAFE(sigaction(SIGCHLD, &sa, NULL));
	for (int k = EXITED; k <= NOBODY_EXIT; k++)
		chld_case(k);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
