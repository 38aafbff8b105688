/*
 * Helpers for the process tests (tests/ktest/proc_*.c): run a test body
 * as a process (a task with credentials, signal state, an fd table and a
 * place in the process tree, running kernel code: proc_spawn_kernel), and
 * spawn and reap children from it.
 */
#ifndef TESTS_KTEST_PROC_TEST_H
#define TESTS_KTEST_PROC_TEST_H

#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/mutex.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <string.h>

#include "kernel/proc/internal.h"

/* Inside a process body: fail with the line number (the body's return
 * value is its exit code, which pt_run reports). */
#define PT_CHECK(c) do { if (!(c)) { printk("proc test: %s:%d: %s\n", __FILE__, __LINE__, #c); return __LINE__; } } while (0)
#define PT_EQ(a, b) do { long long __a = (long long)(a), __b = (long long)(b); \
	if (__a != __b) { printk("proc test: %s:%d: %s == %s: %lld != %lld\n", __FILE__, __LINE__, #a, #b, __a, __b); \
		return __LINE__; } } while (0)

struct pt_run_ctx {
	int (*fn)(void *);
	void *arg;
	int result;
	struct completion done;
};

static int pt_run_body(void *arg)
{
	struct pt_run_ctx *c = arg;

	c->result = c->fn(c->arg);
	complete(&c->done);
	return 0;
}

/* Run fn(arg) as a parentless process; returns its result (0: passed). */
static inline int pt_run(int (*fn)(void *), void *arg)
{
	struct pt_run_ctx c = { .fn = fn, .arg = arg, .result = -1 };
	struct task *p;

	init_completion(&c.done);
	p = proc_spawn_kernel(pt_run_body, &c, NULL);
	if (!p)
		return -ENOMEM;
	wait_for_completion(&c.done);
	task_put(p);
	return c.result;
}

#define PT_RUN(fn, arg) do { int __r = pt_run(fn, arg); KT_ASSERT_MSG(__r == 0, "failed at line %d", __r); } while (0)

/* A child of the current process running fn; its pid. */
static inline pid_t pt_spawn(int (*fn)(void *), void *arg)
{
	struct task *p = proc_spawn_kernel(fn, arg, current);
	pid_t pid;

	if (!p)
		return -ENOMEM;
	pid = p->tgid;
	task_put(p);
	return pid;
}

/* Wait for pid (P_PID) or anything (pid 0); the wait4 status, or -errno. */
static inline int pt_wait(pid_t pid, int options, struct wait_result *res)
{
	struct wait_result r;
	long n = do_wait(pid ? P_PID : P_ALL, pid, options | WEXITED, res ? res : &r);

	if (n <= 0)
		return n ? (int)n : -EAGAIN;
	return (res ? res : &r)->status;
}

#endif
