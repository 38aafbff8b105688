/*
 * The OCI worker: a kernel thread that owns FPU state (jansson computes
 * with doubles) and an fs_struct of its own (the unpacker confines itself
 * with it, which must not move anyone else's root), running one job and
 * returning its result.
 */
#include <asm/fpu.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/sched.h>

#include "worker.h"

struct job {
	int (*fn)(void *arg);
	void *arg;
};

static int worker_main(void *p)
{
	struct job *j = p;
	struct fs_struct *fs, *old;
	int r;

	if (fpu_task_enable())
		return -ENOMEM;
	fs = fs_struct_create();
	if (!fs)
		return -ENOMEM;
	old = current->fs;
	current->fs = fs;
	current->flags |= PF_OCI_WORKER;
	r = j->fn(j->arg);
	current->fs = old;
	fs_struct_put(fs);
	return r;
}

int oci_run_in_worker(int (*fn)(void *arg), void *arg)
{
	struct job j = { fn, arg };
	struct task *t = kthread_run(worker_main, &j, "oci-worker");

	if (!t)
		return -ENOMEM;
	return kthread_join(t);
}
