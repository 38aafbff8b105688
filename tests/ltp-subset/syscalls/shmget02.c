/*
 * shmget02: shmget's errors: ENOENT (no such key without IPC_CREAT),
 * EEXIST (IPC_CREAT|IPC_EXCL on an existing key), EINVAL (size 0, size
 * beyond SHMMAX, an existing segment asked for with a larger size), EACCES
 * (mode forbids the caller; a flag of 0 asks for no access and passes),
 * and ENOENT again once the segment was removed.
 */
#include "tipc.h"

static key_t key;

static void as_nobody(void)
{
	EXPECT_FAIL(shmget(key, 4096, 0600), EACCES);
	/* Asking for no access at all is allowed (ipcperms of nothing). */
	EXPECT_OK(shmget(key, 4096, 0));
}

static void run(void)
{
	int id;

	key = t_ipc_key('b');
	EXPECT_FAIL(shmget(key, 4096, 0600), ENOENT);
	id = t_ipc_track(T_SHM, SAFE(shmget(key, 8192, IPC_CREAT | IPC_EXCL | 0600)));
	EXPECT_FAIL(shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	EXPECT_FAIL(shmget(key, 8193, 0600), EINVAL);
	EXPECT_FAIL(shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600), EINVAL);
	EXPECT_FAIL(shmget(IPC_PRIVATE, (size_t)-1, IPC_CREAT | 0600), EINVAL);
	if (t_is_root())
		t_run_as_nobody(as_nobody);
	SAFE(shmctl(id, IPC_RMID, NULL));
	EXPECT_FAIL(shmget(key, 4096, 0600), ENOENT);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
