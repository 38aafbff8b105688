/*
 * shmctl02: shmctl's errors: EINVAL (bad id, bad command, removed id),
 * EFAULT (bad buffer for IPC_STAT and IPC_SET), EACCES (IPC_STAT without
 * read permission), EPERM (IPC_SET and IPC_RMID by neither owner nor
 * creator, SHM_LOCK by them without privilege is fine only for the owner).
 * Also IPC_INFO, SHM_INFO, SHM_STAT and SHM_STAT_ANY.
 */
#include "tipc.h"

static int id;

static void as_nobody(void)
{
	struct shmid_ds ds;

	EXPECT_FAIL(shmctl(id, IPC_STAT, &ds), EACCES);
	EXPECT_FAIL(shmctl(id, IPC_RMID, NULL), EPERM);
	memset(&ds, 0, sizeof(ds));
	EXPECT_FAIL(shmctl(id, IPC_SET, &ds), EPERM);
	EXPECT_FAIL(shmctl(id, SHM_LOCK, NULL), EPERM);
}

static void run(void)
{
	struct shmid_ds ds;
	struct shminfo info;
	struct shm_info si;
	int gone, maxidx, r;

	id = t_shm_new(4096, 0600);
	EXPECT_FAIL(shmctl(-1, IPC_STAT, &ds), EINVAL);
	EXPECT_FAIL(shmctl(id, 12345, &ds), EINVAL);
	gone = SAFE(shmget(IPC_PRIVATE, 4096, 0600));
	SAFE(shmctl(gone, IPC_RMID, NULL));
	EXPECT_FAIL(shmctl(gone, IPC_STAT, &ds), EINVAL);
	EXPECT_FAIL(shmctl(gone, IPC_RMID, NULL), EINVAL);
	EXPECT_FAIL(shmctl(id, IPC_STAT, t_bad_addr()), EFAULT);
	EXPECT_FAIL(shmctl(id, IPC_SET, t_bad_addr()), EFAULT);

	maxidx = EXPECT_OK(shmctl(0, IPC_INFO, (struct shmid_ds *)&info));
	EXPECT(maxidx >= 0);
	EXPECT_EQ(info.shmmin, 1);
	EXPECT(info.shmmni >= 1 && info.shmmax > 0 && info.shmall > 0);
	maxidx = EXPECT_OK(shmctl(0, SHM_INFO, (struct shmid_ds *)&si));
	EXPECT(si.used_ids >= 1);
	EXPECT(maxidx >= (id & 0x7fff));

	r = EXPECT_OK(shmctl(id & 0x7fff, SHM_STAT, &ds));
	EXPECT_EQ(r, id);
	EXPECT_EQ(ds.shm_segsz, 4096);
	r = EXPECT_OK(shmctl(id & 0x7fff, SHM_STAT_ANY, &ds));
	EXPECT_EQ(r, id);

	EXPECT_OK(shmctl(id, SHM_LOCK, NULL));
	EXPECT_OK(shmctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.shm_perm.mode & SHM_LOCKED, SHM_LOCKED);
	EXPECT_OK(shmctl(id, SHM_UNLOCK, NULL));
	EXPECT_OK(shmctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.shm_perm.mode & SHM_LOCKED, 0);

	if (t_is_root())
		t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
