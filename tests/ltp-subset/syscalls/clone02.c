/*
 * clone02: what CLONE_VM, CLONE_FILES, CLONE_FS and CLONE_SIGHAND share:
 * with them the child's memory writes, opened descriptors, chdir and
 * signal handlers are seen by the parent; without them none are.
 */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "harness.h"

#define STACK (256 * 1024)

static volatile int shared_var;
static int new_fd = -1;

static void handler(int sig)
{
}

static int child_fn(void *arg)
{
	shared_var = 1;
	new_fd = open(".", O_RDONLY);
	if (chdir("sub") < 0)
		return 1;
	signal(SIGUSR2, handler);
	return 0;
}

static void one(int flags, int expect_shared)
{
	char *stack = malloc(STACK);
	struct stat here, sub;
	struct sigaction sa;
	int status;
	pid_t pid;

	shared_var = 0;
	new_fd = -1;
	signal(SIGUSR2, SIG_DFL);
	SAFE(chdir(t_tmpdir()));
	pid = SAFE(clone(child_fn, stack + STACK, flags | SIGCHLD, NULL));
	SAFE(waitpid(pid, &status, __WALL));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	SAFE(stat(".", &here));
	SAFE(stat(t_tmpdir(), &sub));
	sigaction(SIGUSR2, NULL, &sa);
	if (expect_shared) {
		EXPECT_MSG(shared_var == 1, "CLONE_VM: memory write seen");
		EXPECT_MSG(new_fd >= 0 && fcntl(new_fd, F_GETFD) >= 0,
			   "CLONE_FILES: child's descriptor open in the parent");
		EXPECT_MSG(here.st_ino != sub.st_ino, "CLONE_FS: child's chdir seen");
		EXPECT_MSG(sa.sa_handler == handler, "CLONE_SIGHAND: handler seen");
	} else {
		EXPECT_MSG(shared_var == 0, "no CLONE_VM: memory write not seen");
		EXPECT_MSG(here.st_ino == sub.st_ino, "no CLONE_FS: cwd unchanged");
		EXPECT_MSG(sa.sa_handler == SIG_DFL, "no CLONE_SIGHAND: handler unchanged");
	}
	if (new_fd >= 0)
		close(new_fd);
	free(stack);
}

static void run(void)
{
	SAFE(mkdir("sub", 0755));
	one(CLONE_VM | CLONE_FILES | CLONE_FS | CLONE_SIGHAND, 1);
	one(0, 0);
}

const struct t_test t_test = { .run = run };
