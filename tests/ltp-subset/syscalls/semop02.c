/*
 * semop02: semop's errors: E2BIG (more than SEMOPM operations), EFBIG
 * (sem_num beyond the array), EINVAL (bad id, nsops 0, removed array),
 * EFAULT (bad sops), ERANGE (a value past SEMVMX), EAGAIN (would block
 * with IPC_NOWAIT), EACCES (no alter permission to change, no read
 * permission to wait for zero).
 */
#include <sys/syscall.h>

#include "tipc.h"

static int id;

static void as_nobody(void)
{
	struct sembuf op = { 0, 1, 0 };

	EXPECT_FAIL(semop(id, &op, 1), EACCES);
	op.sem_num = 1;
	op.sem_op = 0;
	op.sem_flg = IPC_NOWAIT;
	EXPECT_OK(semop(id, &op, 1));	/* mode 0604: others may read */
}

static void run(void)
{
	static struct sembuf many[501];
	struct sembuf op = { 0, 1, 0 };
	int gone;

	id = t_sem_new(2, 0604);
	EXPECT_FAIL(semop(id, many, 501), E2BIG);
	op.sem_num = 2;
	EXPECT_FAIL(semop(id, &op, 1), EFBIG);
	op.sem_num = 0;
	EXPECT_FAIL(semop(-1, &op, 1), EINVAL);
	EXPECT_FAIL(syscall(SYS_semop, id, &op, 0), EINVAL);
	EXPECT_FAIL(semop(id, t_bad_addr(), 1), EFAULT);
	gone = SAFE(semget(IPC_PRIVATE, 1, 0600));
	SAFE(semctl(gone, 0, IPC_RMID));
	EXPECT_FAIL(semop(gone, &op, 1), EINVAL);

	op.sem_op = 32767;
	EXPECT_OK(semop(id, &op, 1));
	op.sem_op = 1;
	EXPECT_FAIL(semop(id, &op, 1), ERANGE);
	EXPECT_EQ(semctl(id, 0, GETVAL), 32767);

	op.sem_num = 1;
	op.sem_op = -1;
	op.sem_flg = IPC_NOWAIT;
	EXPECT_FAIL(semop(id, &op, 1), EAGAIN);
	if (t_is_root())
		t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
