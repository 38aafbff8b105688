/*
 * clone05: CLONE_VFORK suspends the parent until the child exits; with
 * CLONE_PARENT_SETTID and CLONE_CHILD_SETTID the child's tid is stored in
 * both places; CLONE_CHILD_CLEARTID zeroes the word when the child exits
 * (shared memory with CLONE_VM).
 */
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "harness.h"

#define STACK (256 * 1024)

static volatile int order;
static pid_t ptid, ctid, cleartid;

static int vfork_child(void *arg)
{
	t_msleep(100);
	order = 1;
	return 0;
}

static int settid_child(void *arg)
{
	return 0;
}

static void run(void)
{
	char *stack = malloc(STACK);
	int status;
	pid_t pid;

	pid = SAFE(clone(vfork_child, stack + STACK, CLONE_VM | CLONE_VFORK | SIGCHLD, NULL));
	EXPECT_MSG(order == 1, "parent resumed only after the CLONE_VFORK child exited");
	SAFE(waitpid(pid, &status, 0));

	pid = SAFE(clone(settid_child, stack + STACK,
			 CLONE_VM | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | SIGCHLD,
			 NULL, &ptid, NULL, &ctid));
	SAFE(waitpid(pid, &status, 0));
	EXPECT_EQ(ptid, pid);
	EXPECT_EQ(ctid, pid);

	cleartid = -1;
	pid = SAFE(clone(settid_child, stack + STACK,
			 CLONE_VM | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD,
			 NULL, NULL, NULL, &cleartid));
	SAFE(waitpid(pid, &status, 0));
	EXPECT_EQ(cleartid, 0);
	free(stack);
}

const struct t_test t_test = { .run = run };
