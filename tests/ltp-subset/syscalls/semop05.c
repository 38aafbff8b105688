/*
 * semop05: SEM_UNDO: the adjustments of a process are applied when it
 * exits (a child that took a semaphore gives it back; one that added
 * takes it away, clamped at zero); SETVAL clears the adjustments of that
 * semaphore; the child's adjustments are its own (fork does not inherit
 * the parent's); an adjustment past SEMAEM is ERANGE.
 */
#include <sys/wait.h>

#include "tipc.h"

static void run(void)
{
	int id = t_sem_new(3, 0600);
	struct sembuf op;
	pid_t pid;

	SAFE(semctl(id, 0, SETVAL, 5));
	pid = t_fork();
	if (!pid) {
		struct sembuf o = { 0, -3, SEM_UNDO };
		_exit(semop(id, &o, 1) < 0);
	}
	t_reap(pid);
	EXPECT_EQ(semctl(id, 0, GETVAL), 5);

	pid = t_fork();
	if (!pid) {
		struct sembuf o = { 1, 4, SEM_UNDO };
		_exit(semop(id, &o, 1) < 0);
	}
	t_reap(pid);
	EXPECT_EQ(semctl(id, 1, GETVAL), 0);

	/* clamped: the child adds 2 (undo -2), someone takes 1, exit leaves 0 */
	{
		struct t_chan go, done;
		t_chan_open(&go);
		t_chan_open(&done);
		pid = t_fork();
		if (!pid) {
			struct sembuf o = { 2, 2, SEM_UNDO };
			if (semop(id, &o, 1) < 0)
				_exit(1);
			t_chan_post(&done);
			t_chan_wait(&go);
			_exit(0);
		}
		t_chan_wait(&done);
		op = (struct sembuf){ 2, -1, 0 };
		EXPECT_OK(semop(id, &op, 1));
		t_chan_post(&go);
		t_reap(pid);
		EXPECT_EQ(semctl(id, 2, GETVAL), 0);
		t_chan_close(&go);
		t_chan_close(&done);
	}

	/* The parent's own adjustments are not the child's. */
	op = (struct sembuf){ 1, 3, SEM_UNDO };
	EXPECT_OK(semop(id, &op, 1));
	pid = t_fork();
	if (!pid)
		_exit(0);
	t_reap(pid);
	EXPECT_EQ(semctl(id, 1, GETVAL), 3);
	/* SETVAL forgets the adjustment: our exit will not subtract 3. */
	SAFE(semctl(id, 1, SETVAL, 0));
	pid = t_fork();
	if (!pid) {
		struct sembuf o = { 1, 32767, SEM_UNDO };
		if (semop(id, &o, 1) < 0)
			_exit(1);
		o.sem_op = -32767;
		o.sem_flg = 0;
		if (semop(id, &o, 1) < 0)
			_exit(2);
		/* the adjustment is -32767: one more +1 makes it -32768 (SEMAEM + 1,
		 * still allowed), the next is ERANGE */
		o.sem_op = 1;
		o.sem_flg = SEM_UNDO;
		if (semop(id, &o, 1) < 0)
			_exit(3);
		o.sem_op = 1;
		if (semop(id, &o, 1) == 0 || errno != ERANGE)
			_exit(4);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
