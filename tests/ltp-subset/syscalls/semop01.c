/*
 * semop01: semop applies a list of operations atomically: all or none
 * (a list whose last operation would block changes nothing with
 * IPC_NOWAIT), in order (later operations see earlier ones on the same
 * semaphore); it sets sempid and sem_otime; wait-for-zero passes on zero.
 */
#include "tipc.h"

static int val(int id, int n)
{
	return semctl(id, n, GETVAL);
}

static void run(void)
{
	int id = t_sem_new(3, 0600);
	struct semid_ds ds;
	union semun arg = { .buf = &ds };
	struct sembuf up[3] = { { 0, 2, 0 }, { 1, 1, 0 }, { 2, 5, 0 } };
	struct sembuf fail[2] = { { 0, -1, IPC_NOWAIT }, { 1, -2, IPC_NOWAIT } };
	struct sembuf seq[3] = { { 2, -5, 0 }, { 2, 0, 0 }, { 2, 3, 0 } };
	struct sembuf zero = { 0, 0, IPC_NOWAIT };

	EXPECT_OK(semop(id, up, 3));
	EXPECT_EQ(val(id, 0), 2);
	EXPECT_EQ(val(id, 1), 1);
	EXPECT_EQ(val(id, 2), 5);
	EXPECT_EQ(semctl(id, 1, GETPID), getpid());
	EXPECT_OK(semctl(id, 0, IPC_STAT, arg));
	EXPECT(ds.sem_otime > 0);

	EXPECT_FAIL(semop(id, fail, 2), EAGAIN);
	EXPECT_EQ(val(id, 0), 2);	/* the first op was not applied */
	EXPECT_EQ(val(id, 1), 1);

	EXPECT_OK(semop(id, seq, 3));	/* -5 then wait for 0 then +3 */
	EXPECT_EQ(val(id, 2), 3);

	EXPECT_FAIL(semop(id, &zero, 1), EAGAIN);
	zero.sem_num = 2;
	zero.sem_op = -3;
	EXPECT_OK(semop(id, &zero, 1));
	zero.sem_op = 0;
	EXPECT_OK(semop(id, &zero, 1));
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
