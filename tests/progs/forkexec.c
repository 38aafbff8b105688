/*
 * forkexec: fork, exec and wait. Exit statuses 0..255 come back through
 * wait4; children killed by signals (sent, or raised by a fault) report
 * WIFSIGNALED with the signal; exec passes argv and envp and fails with the
 * errno Linux gives; WNOHANG, ECHILD, getppid, vfork. The program execs
 * itself (argv[0] must be a path) with "child ..." arguments for the exec
 * cases.
 */
#include "progs.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

extern char **environ;

static void report(const char *what, int status)
{
	if (WIFEXITED(status))
		say("%s: exited %d", what, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		say("%s: killed by signal %d", what, WTERMSIG(status));
	else
		say("%s: status 0x%x", what, status);
}

/* Fork a child that runs fn(arg) and _exits with its result; wait for it. */
static void run(const char *what, int (*fn)(long), long arg)
{
	int status = 0;
	pid_t pid = fork();

	if (pid < 0) {
		say("%s: fork: %s", what, errname(errno));
		progs_failures++;
		return;
	}
	if (pid == 0)
		_exit(fn(arg));
	pid_t w = waitpid(pid, &status, 0);
	CHECK(w == pid, "%s: waitpid returns the child", what);
	report(what, status);
}

static int exit_with(long code) { return (int)code; }
static int kill_self(long sig) { kill(getpid(), (int)sig); pause(); return 99; }
static int null_write(long unused) { *(volatile int *)0 = 1; return 98; }
static int do_abort(long unused) { abort(); }
static int ppid_check(long parent) { return getppid() == (pid_t)parent ? 0 : 1; }

static const char *self;

static int exec_self(long code)
{
	char num[16];
	char *args[] = { "forkexec-child", "child", num, "last arg", NULL };
	char *env[] = { "CHILD_ENV=1", "OTHER=x y", NULL };

	snprintf(num, sizeof(num), "%ld", code);
	execve(self, args, env);
	say("execve self failed: %s", errname(errno));
	return 126;
}

static int exec_errno(long which)
{
	char *args[] = { "x", NULL };
	const char *path = which == 0 ? "/nonexistent/prog" :
			   which == 1 ? "/" : "/tmp";

	execve(path, args, environ);
	say("execve %s: %s", path, errname(errno));
	return 127;
}

static int exec_true(long unused)
{
	char *args[] = { "true", NULL };

	execve("/bin/true", args, environ);
	return 127;
}

/* The exec'd child: prints what it received and exits with argv[2]. */
static int child_main(int argc, char **argv)
{
	say("child: argc=%d argv[0]=%s argv[2]=%s argv[3]=%s", argc, argv[0],
	    argv[2], argc > 3 ? argv[3] : "(none)");
	for (char **e = environ; *e; e++)
		say("child: env %s", *e);
	/* File descriptors survive exec unless close-on-exec. */
	say("child: fd 9 %s, fd 10 %s",
	    fcntl(9, F_GETFD) >= 0 ? "open" : errname(errno),
	    fcntl(10, F_GETFD) >= 0 ? "open" : errname(errno));
	return atoi(argv[2]);
}

int main(int argc, char **argv)
{
	int status;

	if (argc >= 3 && strcmp(argv[1], "child") == 0)
		return child_main(argc, argv);
	self = argv[0];

	static const int codes[] = { 0, 1, 7, 42, 128, 255 };
	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		char what[32];
		snprintf(what, sizeof(what), "exit(%d)", codes[i]);
		run(what, exit_with, codes[i]);
	}
	run("exit(256) truncates", exit_with, 256);
	run("SIGTERM", kill_self, SIGTERM);
	run("SIGKILL", kill_self, SIGKILL);
	run("SIGUSR1", kill_self, SIGUSR1);
	run("NULL write", null_write, 0);
	run("abort", do_abort, 0);
	run("getppid is the parent", ppid_check, getpid());

	/* Descriptors across exec: 9 stays, 10 is close-on-exec. */
	CHECK(dup2(1, 9) == 9, "dup2(1, 9)");
	CHECK(fcntl(dup2(1, 10), F_SETFD, FD_CLOEXEC) == 0, "dup2(1, 10) + FD_CLOEXEC");
	run("exec self", exec_self, 42);
	close(9);
	close(10);
	run("exec /nonexistent", exec_errno, 0);
	run("exec a directory", exec_errno, 1);
	run("exec /bin/true", exec_true, 0);

	/* vfork: the parent sleeps until the child execs or exits. */
	pid_t pid = vfork();
	if (pid == 0)
		_exit(5);
	CHECK(pid > 0, "vfork");
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid after vfork");
	report("vfork child", status);

	/* WNOHANG on a running child returns 0; a second wait finds it. */
	int fds[2];
	CHECK(pipe(fds) == 0, "pipe");
	pid = fork();
	if (pid == 0) {
		char c;
		close(fds[1]);
		read(fds[0], &c, 1);	/* wait for the parent's word */
		_exit(3);
	}
	close(fds[0]);
	CHECK(waitpid(pid, &status, WNOHANG) == 0, "WNOHANG on a running child returns 0");
	write(fds[1], "x", 1);
	close(fds[1]);
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid after the child finished");
	report("WNOHANG child", status);

	/* Many children, reaped in any order with wait(). */
	int sum = 0;
	for (int i = 1; i <= 10; i++) {
		pid = fork();
		if (pid == 0)
			_exit(i);
		if (pid < 0)
			say("fork %d: %s", i, errname(errno));
	}
	for (int i = 0; i < 10; i++) {
		if (wait(&status) > 0 && WIFEXITED(status))
			sum += WEXITSTATUS(status);
	}
	say("ten children: exit statuses sum to %d", sum);

	errno = 0;
	CHECK(wait(&status) == -1 && errno == ECHILD, "wait without children: ECHILD");
	CHECK(waitpid(getpid() + 100000, &status, 0) == -1 && errno == ECHILD,
	      "waitpid on a stranger: ECHILD");
	return finish("forkexec");
}
