/*
 * sig_wait01: the wait status of each default action, for every signal
 * (1-31 and the real-time ones 35-64; 32-34 belong to the C libraries).
 * A child with default dispositions and RLIMIT_CORE 0 sleeps in pause();
 * the parent sends the signal and waits with WUNTRACED | WCONTINUED:
 *  - term: WIFSIGNALED with that signal, no WCOREDUMP;
 *  - core: the same (with a core limit of 0 nothing is dumped, and Linux
 *    does not set the core bit); with an unlimited limit in a writable
 *    directory, SIGQUIT, SIGSEGV and SIGABRT set WCOREDUMP;
 *  - stop (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU): WIFSTOPPED with it; then
 *    SIGCONT gives WIFCONTINUED, and SIGKILL ends it;
 *  - ignore (SIGCHLD, SIGCONT, SIGURG, SIGWINCH): nothing happens; a later
 *    SIGKILL ends it.
 * Also a child that exits normally and one whose thread calls exit_group.
 */
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "harness.h"

enum { TERM, CORE, STOP, IGN };

static int action(int sig)
{
	switch (sig) {
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE:
	case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return CORE;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return STOP;
	case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
		return IGN;
	}
	return TERM;
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

static pid_t sleeper(rlim_t core)
{
	struct t_chan c;
	pid_t pid;

	t_chan_open(&c);
	pid = t_fork();
	if (!pid) {
		struct rlimit rl = { core, core };

		setrlimit(RLIMIT_CORE, &rl);
		t_chan_post(&c);
		for (;;)
			pause();
	}
	t_chan_wait(&c);
	t_chan_close(&c);
	return pid;
}

/* Next status of pid, waited for with WUNTRACED | WCONTINUED; or -1 if
 * nothing happens within ms. */
static int next_status(pid_t pid, int ms)
{
	int st;

	for (int i = 0; i <= ms / 5; i++) {
		pid_t r = waitpid(pid, &st, WUNTRACED | WCONTINUED | WNOHANG);

		if (r == pid)
			return st;
		if (r < 0)
			t_brk(TBROK | TERRNO, "waitpid");
		t_msleep(5);
	}
	return -1;
}

static void one(int sig)
{
	pid_t pid = sleeper(0);
	int st, bad = 0;

	SAFE(kill(pid, sig));
	switch (action(sig)) {
	case TERM:
	case CORE:
		st = t_wait(pid);
		bad = !(WIFSIGNALED(st) && WTERMSIG(st) == sig && !WCOREDUMP(st));
		break;
	case STOP:
		st = next_status(pid, 5000);
		bad = !(st != -1 && WIFSTOPPED(st) && WSTOPSIG(st) == sig);
		SAFE(kill(pid, SIGCONT));
		st = next_status(pid, 5000);
		bad |= !(st != -1 && WIFCONTINUED(st));
		SAFE(kill(pid, SIGKILL));
		st = t_wait(pid);
		bad |= !(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
		break;
	case IGN:
		st = next_status(pid, 100);
		bad = st != -1;
		SAFE(kill(pid, SIGKILL));
		st = t_wait(pid);
		bad |= !(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
		break;
	}
	if (bad)
		t_res(TFAIL, "signal %d (%s): last status %#x", sig, t_signame(sig), st);
	else
		t_res(TPASS, "signal %d (%s): %s", sig, t_signame(sig),
		      (const char *[]){ "terminated", "terminated, no core", "stopped, continued",
					"ignored" }[action(sig)]);
}

static void *exiter(void *arg)
{
	syscall(SYS_exit_group, 5);
	return NULL;
}

static void run(void)
{
	static const int core_sigs[] = { SIGQUIT, SIGSEGV, SIGABRT };
	pid_t pid;
	int st;

	for (int sig = 1; sig <= 64; sig++)
		if (sig < 32 || sig >= 35)
			one(sig);

	for (unsigned i = 0; i < sizeof(core_sigs) / sizeof(core_sigs[0]); i++) {
		pid = sleeper(RLIM_INFINITY);
		SAFE(kill(pid, core_sigs[i]));
		st = t_wait(pid);
		EXPECT_MSG(WIFSIGNALED(st) && WTERMSIG(st) == core_sigs[i] && WCOREDUMP(st),
			   "%s with an unlimited core limit: core dumped (status %#x)",
			   t_signame(core_sigs[i]), st);
		remove_cores();
	}

	pid = t_fork();
	if (!pid)
		_exit(201);
	st = t_wait(pid);
	EXPECT_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 201, "_exit(201): status %#x", st);

	pid = t_fork();
	if (!pid) {
		pthread_t th;

		pthread_create(&th, NULL, exiter, NULL);
		for (;;)
			pause();
	}
	st = t_wait(pid);
	EXPECT_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 5, "exit_group(5) from a thread: status %#x", st);
}

const struct t_test t_test = { .run = run, .timeout = 120 };
