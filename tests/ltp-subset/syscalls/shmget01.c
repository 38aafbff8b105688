/*
 * shmget01: shmget creates a segment with the size, mode, owner and
 * creator asked for; a key finds the same segment again; IPC_PRIVATE
 * always makes a new one; the ids are distinct.
 */
#include "tipc.h"

static void run(void)
{
	key_t key = t_ipc_key('a');
	struct shmid_ds ds;
	int id, id2, p1, p2;

	id = t_ipc_track(T_SHM, EXPECT_OK(shmget(key, 10000, IPC_CREAT | IPC_EXCL | 0640)));
	if (id < 0)
		return;
	EXPECT_OK(shmctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.shm_segsz, 10000);
	EXPECT_EQ(ds.shm_perm.mode & 0777, 0640);
	EXPECT_EQ(ds.shm_perm.__key, key);
	EXPECT_EQ(ds.shm_perm.uid, geteuid());
	EXPECT_EQ(ds.shm_perm.cuid, geteuid());
	EXPECT_EQ(ds.shm_perm.gid, getegid());
	EXPECT_EQ(ds.shm_perm.cgid, getegid());
	EXPECT_EQ(ds.shm_nattch, 0);
	EXPECT_EQ(ds.shm_cpid, getpid());
	EXPECT_EQ(ds.shm_lpid, 0);
	EXPECT_EQ(ds.shm_atime, 0);
	EXPECT(ds.shm_ctime > 0);

	/* The same key, without and with IPC_CREAT, finds it; a smaller size too. */
	id2 = EXPECT_OK(shmget(key, 0, 0));
	EXPECT_EQ(id2, id);
	id2 = EXPECT_OK(shmget(key, 4096, IPC_CREAT | 0600));
	EXPECT_EQ(id2, id);

	p1 = t_ipc_track(T_SHM, EXPECT_OK(shmget(IPC_PRIVATE, 4096, 0600)));
	p2 = t_ipc_track(T_SHM, EXPECT_OK(shmget(IPC_PRIVATE, 4096, 0600)));
	EXPECT(p1 != p2 && p1 != id && p2 != id);
	EXPECT_OK(shmctl(p1, IPC_STAT, &ds));
	EXPECT_EQ(ds.shm_perm.__key, IPC_PRIVATE);
	EXPECT_EQ(ds.shm_segsz, 4096);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
