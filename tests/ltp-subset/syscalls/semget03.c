/*
 * semget03: at the limit of arrays (SEMMNI, read with IPC_INFO) semget
 * fails with ENOSPC; SEM_INFO's semusz counts the arrays in use and semaem
 * the semaphores.
 */
#include "tipc.h"

static int *ids, n;

static void cleanup(void)
{
	while (n > 0)
		semctl(ids[--n], 0, IPC_RMID);
}

static void run(void)
{
	struct seminfo si;
	union semun arg = { .__buf = &si };
	int used, used_sems, id = 0, mni;

	SAFE(semctl(0, 0, IPC_INFO, arg));
	mni = si.semmni;
	SAFE(semctl(0, 0, SEM_INFO, arg));
	used = si.semusz;
	used_sems = si.semaem;
	if (mni > 100000)
		t_brk(TCONF, "semmni %d too large to fill", mni);
	ids = calloc(mni + 1, sizeof(int));
	while (n <= mni) {
		id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
		if (id < 0)
			break;
		ids[n++] = id;
	}
	EXPECT_MSG(id < 0 && errno == ENOSPC, "semget fails with ENOSPC at the limit (%s)",
		   t_errname(errno));
	EXPECT_EQ(n + used, mni);
	SAFE(semctl(0, 0, SEM_INFO, arg));
	EXPECT_EQ(si.semusz, mni);
	EXPECT_EQ(si.semaem, used_sems + n);
	cleanup();
}

const struct t_test t_test = { .run = run, .cleanup = cleanup, .timeout = 120 };
