/*
 * semctl02: semctl's errors: EINVAL (bad id, bad command, semnum out of
 * range), ERANGE (SETVAL below 0 or above SEMVMX, SETALL with a value above
 * SEMVMX), EFAULT (bad buffer for IPC_STAT, IPC_SET, GETALL, SETALL),
 * EACCES (reading without read permission, SETVAL without write
 * permission), EPERM (IPC_SET and IPC_RMID by neither owner nor creator).
 */
#include "tipc.h"

static int id;

static void as_nobody(void)
{
	struct semid_ds ds;
	union semun arg = { .buf = &ds };

	EXPECT_FAIL(semctl(id, 0, IPC_STAT, arg), EACCES);
	EXPECT_FAIL(semctl(id, 0, GETVAL), EACCES);
	EXPECT_FAIL(semctl(id, 0, SETVAL, 1), EACCES);
	EXPECT_FAIL(semctl(id, 0, IPC_RMID), EPERM);
	memset(&ds, 0, sizeof(ds));
	EXPECT_FAIL(semctl(id, 0, IPC_SET, arg), EPERM);
}

static void run(void)
{
	unsigned short big[2] = { 1, 40000 };
	union semun arg;

	id = t_sem_new(2, 0600);
	EXPECT_FAIL(semctl(-1, 0, GETVAL), EINVAL);
	EXPECT_FAIL(semctl(id, 0, 12345), EINVAL);
	EXPECT_FAIL(semctl(id, 2, GETVAL), EINVAL);
	EXPECT_FAIL(semctl(id, -1, GETVAL), EINVAL);
	EXPECT_FAIL(semctl(id, 2, SETVAL, 1), EINVAL);
	EXPECT_FAIL(semctl(id, 0, SETVAL, -1), ERANGE);
	EXPECT_FAIL(semctl(id, 0, SETVAL, 32768), ERANGE);
	arg.array = big;
	EXPECT_FAIL(semctl(id, 0, SETALL, arg), ERANGE);
	EXPECT_EQ(semctl(id, 0, GETVAL), 0);
	arg.buf = t_bad_addr();
	EXPECT_FAIL(semctl(id, 0, IPC_STAT, arg), EFAULT);
	EXPECT_FAIL(semctl(id, 0, IPC_SET, arg), EFAULT);
	EXPECT_FAIL(semctl(id, 0, GETALL, arg), EFAULT);
	EXPECT_FAIL(semctl(id, 0, SETALL, arg), EFAULT);
	if (t_is_root())
		t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
