/*
 * semget01: semget creates an array of nsems semaphores, all zero, with the
 * mode, owner and creator asked for; a key finds it again (nsems 0 or
 * anything up to its size); IPC_PRIVATE always makes a new one.
 */
#include "tipc.h"

static void run(void)
{
	key_t key = t_ipc_key('d');
	struct semid_ds ds;
	union semun arg = { .buf = &ds };
	unsigned short vals[5] = { 1, 1, 1, 1, 1 };
	int id, id2, p1, p2;

	id = t_ipc_track(T_SEM, EXPECT_OK(semget(key, 5, IPC_CREAT | IPC_EXCL | 0640)));
	if (id < 0)
		return;
	EXPECT_OK(semctl(id, 0, IPC_STAT, arg));
	EXPECT_EQ(ds.sem_nsems, 5);
	EXPECT_EQ(ds.sem_perm.mode & 0777, 0640);
	EXPECT_EQ(ds.sem_perm.__key, key);
	EXPECT_EQ(ds.sem_perm.uid, geteuid());
	EXPECT_EQ(ds.sem_perm.cgid, getegid());
	EXPECT_EQ(ds.sem_otime, 0);
	EXPECT(ds.sem_ctime > 0);
	arg.array = vals;
	EXPECT_OK(semctl(id, 0, GETALL, arg));
	EXPECT(vals[0] == 0 && vals[1] == 0 && vals[2] == 0 && vals[3] == 0 && vals[4] == 0);

	id2 = EXPECT_OK(semget(key, 0, 0));
	EXPECT_EQ(id2, id);
	id2 = EXPECT_OK(semget(key, 3, IPC_CREAT | 0600));
	EXPECT_EQ(id2, id);

	p1 = t_ipc_track(T_SEM, EXPECT_OK(semget(IPC_PRIVATE, 1, 0600)));
	p2 = t_ipc_track(T_SEM, EXPECT_OK(semget(IPC_PRIVATE, 1, 0600)));
	EXPECT(p1 != p2 && p1 != id);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
