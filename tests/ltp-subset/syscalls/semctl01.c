/*
 * semctl01: the semctl commands: SETVAL/GETVAL, SETALL/GETALL, GETPID,
 * GETNCNT/GETZCNT (zero when nobody waits), IPC_STAT and IPC_SET (uid,
 * gid, mode bits, ctime), IPC_INFO and SEM_INFO (the limits; the highest
 * index in use as result), SEM_STAT and SEM_STAT_ANY (by index, giving
 * the id), IPC_RMID.
 */
#include "tipc.h"

static void run(void)
{
	int id = t_sem_new(4, 0600), r;
	unsigned short set[4] = { 1, 2, 3, 32767 }, get[4];
	struct semid_ds ds;
	struct seminfo si;
	union semun arg;

	EXPECT_OK(semctl(id, 2, SETVAL, 7));
	EXPECT_EQ(semctl(id, 2, GETVAL), 7);
	EXPECT_EQ(semctl(id, 2, GETPID), getpid());
	EXPECT_EQ(semctl(id, 0, GETPID), 0);
	arg.array = set;
	EXPECT_OK(semctl(id, 0, SETALL, arg));
	arg.array = get;
	EXPECT_OK(semctl(id, 0, GETALL, arg));
	EXPECT(memcmp(set, get, sizeof(set)) == 0);
	EXPECT_EQ(semctl(id, 0, GETPID), getpid());
	EXPECT_EQ(semctl(id, 3, GETNCNT), 0);
	EXPECT_EQ(semctl(id, 3, GETZCNT), 0);

	arg.buf = &ds;
	EXPECT_OK(semctl(id, 0, IPC_STAT, arg));
	EXPECT_EQ(ds.sem_nsems, 4);
	ds.sem_perm.mode = 0664;
	ds.sem_perm.uid = 3;
	ds.sem_perm.gid = 4;
	EXPECT_OK(semctl(id, 0, IPC_SET, arg));
	memset(&ds, 0, sizeof(ds));
	EXPECT_OK(semctl(id, 0, IPC_STAT, arg));
	EXPECT_EQ(ds.sem_perm.mode & 0777, 0664);
	EXPECT_EQ(ds.sem_perm.uid, 3);
	EXPECT_EQ(ds.sem_perm.gid, 4);
	EXPECT_EQ(ds.sem_perm.cuid, geteuid());

	arg.__buf = &si;
	r = EXPECT_OK(semctl(0, 0, IPC_INFO, arg));
	EXPECT(r >= 0);
	EXPECT(si.semmsl > 0 && si.semopm > 0 && si.semmni > 0);
	EXPECT_EQ(si.semvmx, 32767);
	r = EXPECT_OK(semctl(0, 0, SEM_INFO, arg));
	EXPECT(r >= (id & 0x7fff));
	EXPECT(si.semusz >= 1);
	EXPECT(si.semaem >= 4);

	arg.buf = &ds;
	r = EXPECT_OK(semctl(id & 0x7fff, 0, SEM_STAT, arg));
	EXPECT_EQ(r, id);
	EXPECT_EQ(ds.sem_nsems, 4);
	r = EXPECT_OK(semctl(id & 0x7fff, 0, SEM_STAT_ANY, arg));
	EXPECT_EQ(r, id);

	EXPECT_OK(semctl(id, 0, IPC_RMID));
	EXPECT_FAIL(semctl(id, 0, GETVAL), EINVAL);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
