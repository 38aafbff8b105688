/*
 * semop06: SEM_UNDO adjustments belong to the process, shared by its
 * threads (pthread_create clones with CLONE_SYSVSEM): a thread that takes
 * a semaphore with SEM_UNDO and exits gives nothing back; the
 * adjustment is applied when the whole process exits.
 */
#include <pthread.h>
#include <sys/wait.h>

#include "tipc.h"

static int id;

static void *thread_fn(void *arg)
{
	struct sembuf o = { 0, 2, SEM_UNDO };

	(void)arg;
	return (void *)(long)semop(id, &o, 1);
}

static void run(void)
{
	pid_t pid;

	id = t_sem_new(1, 0600);
	pid = t_fork();
	if (!pid) {
		pthread_t th;
		void *ret;

		if (pthread_create(&th, NULL, thread_fn, NULL))
			_exit(1);
		if (pthread_join(th, &ret) || ret)
			_exit(2);
		/* the thread is gone; its adjustment is still the process's */
		_exit(semctl(id, 0, GETVAL) == 2 ? 0 : 3);
	}
	t_reap(pid);
	EXPECT_EQ(semctl(id, 0, GETVAL), 0);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
