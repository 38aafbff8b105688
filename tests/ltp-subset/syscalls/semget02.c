/*
 * semget02: semget's errors: ENOENT (no key, no IPC_CREAT), EEXIST
 * (IPC_CREAT|IPC_EXCL on an existing key), EINVAL (nsems 0 for a new
 * array, nsems negative or above SEMMSL, more than the existing array has),
 * EACCES (mode forbids the caller).
 */
#include "tipc.h"

static key_t key;

static void as_nobody(void)
{
	EXPECT_FAIL(semget(key, 1, 0600), EACCES);
	EXPECT_OK(semget(key, 1, 0));
}

static void run(void)
{
	int id;

	key = t_ipc_key('e');
	EXPECT_FAIL(semget(key, 1, 0600), ENOENT);
	id = t_ipc_track(T_SEM, SAFE(semget(key, 2, IPC_CREAT | IPC_EXCL | 0600)));
	EXPECT_FAIL(semget(key, 2, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	EXPECT_FAIL(semget(key, 3, 0600), EINVAL);
	EXPECT_FAIL(semget(IPC_PRIVATE, 0, IPC_CREAT | 0600), EINVAL);
	EXPECT_FAIL(semget(IPC_PRIVATE, -1, IPC_CREAT | 0600), EINVAL);
	EXPECT_FAIL(semget(IPC_PRIVATE, 32001, IPC_CREAT | 0600), EINVAL);
	if (t_is_root())
		t_run_as_nobody(as_nobody);
	SAFE(semctl(id, 0, IPC_RMID));
	EXPECT_FAIL(semget(key, 1, 0600), ENOENT);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
