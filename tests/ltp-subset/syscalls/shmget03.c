/*
 * shmget03: at the limit of segments (SHMMNI, read with IPC_INFO) shmget
 * fails with ENOSPC; SHM_INFO's used_ids counts the segments in use.
 */
#include "tipc.h"

static int *ids, n;

static void cleanup(void)
{
	while (n > 0)
		shmctl(ids[--n], IPC_RMID, NULL);
}

static void run(void)
{
	struct shminfo info;
	struct shm_info si;
	int used, id = 0;

	SAFE(shmctl(0, IPC_INFO, (struct shmid_ds *)&info));
	SAFE(shmctl(0, SHM_INFO, (struct shmid_ds *)&si));
	used = si.used_ids;
	if (info.shmmni > 100000)
		t_brk(TCONF, "shmmni %lu too large to fill", info.shmmni);
	ids = calloc(info.shmmni + 1, sizeof(int));
	while (n <= (int)info.shmmni) {
		id = shmget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
		if (id < 0)
			break;
		ids[n++] = id;
	}
	EXPECT_MSG(id < 0 && errno == ENOSPC, "shmget fails with ENOSPC at the limit (%s)",
		   t_errname(errno));
	EXPECT_EQ(n + used, info.shmmni);
	SAFE(shmctl(0, SHM_INFO, (struct shmid_ds *)&si));
	EXPECT_EQ(si.used_ids, info.shmmni);
	cleanup();
	id = shmget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	EXPECT_MSG(id >= 0, "room again after removal");
	if (id >= 0)
		shmctl(id, IPC_RMID, NULL);
}

const struct t_test t_test = { .run = run, .cleanup = cleanup, .timeout = 120 };
