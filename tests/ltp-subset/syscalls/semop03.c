/*
 * semop03: a semop that cannot proceed sleeps: it is counted in semncnt
 * (decrement) or semzcnt (wait for zero) of the semaphore it waits on, and
 * completes when another process changes the value; removing the array
 * wakes sleepers with EIDRM.
 */
#include <sys/wait.h>

#include "tipc.h"

static int wait_count(int id, int cmd, int n, int want)
{
	for (int i = 0; i < 500; i++) {
		if (semctl(id, n, cmd) == want)
			return 1;
		t_msleep(10);
	}
	return 0;
}

static void run(void)
{
	int id = t_sem_new(2, 0600);
	struct sembuf op;
	pid_t dec, zero;

	dec = t_fork();
	if (!dec) {
		struct sembuf o = { 0, -2, 0 };
		if (semop(id, &o, 1) < 0)
			_exit(1);
		_exit(0);
	}
	EXPECT_MSG(wait_count(id, GETNCNT, 0, 1), "semncnt becomes 1");
	EXPECT_EQ(semctl(id, 0, GETZCNT), 0);

	SAFE(semctl(id, 1, SETVAL, 1));
	zero = t_fork();
	if (!zero) {
		struct sembuf o = { 1, 0, 0 };
		if (semop(id, &o, 1) < 0)
			_exit(1);
		_exit(0);
	}
	EXPECT_MSG(wait_count(id, GETZCNT, 1, 1), "semzcnt becomes 1");

	op = (struct sembuf){ 0, 1, 0 };
	EXPECT_OK(semop(id, &op, 1));	/* 1: not enough for -2 */
	t_msleep(50);
	EXPECT_EQ(semctl(id, 0, GETNCNT), 1);
	EXPECT_OK(semop(id, &op, 1));	/* 2: the sleeper takes both */
	t_reap(dec);
	EXPECT_EQ(semctl(id, 0, GETVAL), 0);
	EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
	EXPECT_EQ(semctl(id, 0, GETPID), dec);

	op = (struct sembuf){ 1, -1, 0 };
	EXPECT_OK(semop(id, &op, 1));
	t_reap(zero);
	EXPECT_EQ(semctl(id, 1, GETZCNT), 0);

	/* Removal wakes a sleeper with EIDRM. */
	dec = t_fork();
	if (!dec) {
		struct sembuf o = { 0, -1, 0 };
		int r = semop(id, &o, 1);
		_exit(r == -1 && errno == EIDRM ? 0 : 1);
	}
	EXPECT_MSG(wait_count(id, GETNCNT, 0, 1), "semncnt becomes 1 again");
	EXPECT_OK(semctl(id, 0, IPC_RMID));
	t_reap(dec);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
