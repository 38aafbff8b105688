/*
 * msgget02: msgget's errors: ENOENT (no key, no IPC_CREAT), EEXIST
 * (IPC_CREAT|IPC_EXCL on an existing key), EACCES (mode forbids the
 * caller; asking for no access passes), ENOENT after removal.
 */
#include "tipc.h"

static key_t key;

static void as_nobody(void)
{
	EXPECT_FAIL(msgget(key, 0600), EACCES);
	EXPECT_FAIL(msgget(key, 0200), EACCES);
	EXPECT_OK(msgget(key, 0));
}

static void run(void)
{
	int id;

	key = t_ipc_key('g');
	EXPECT_FAIL(msgget(key, 0600), ENOENT);
	id = t_ipc_track(T_MSG, SAFE(msgget(key, IPC_CREAT | IPC_EXCL | 0600)));
	EXPECT_FAIL(msgget(key, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	if (t_is_root())
		t_run_as_nobody(as_nobody);
	SAFE(msgctl(id, IPC_RMID, NULL));
	EXPECT_FAIL(msgget(key, 0600), ENOENT);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
