/*
 * shmctl03: shm_nattch counts mappings as Linux does, one per VMA: an
 * attach split in two by mprotect counts twice, munmap of one piece drops
 * one, and shmdt at the attach address removes every remaining piece of
 * that attachment (nattch back to 0).
 */
#include <sys/mman.h>

#include "tipc.h"

static long nattch(int id)
{
	struct shmid_ds ds;

	if (shmctl(id, IPC_STAT, &ds) < 0)
		return -1;
	return (long)ds.shm_nattch;
}

static void run(void)
{
	long pg = t_page();
	int id = t_shm_new(4 * pg, 0600);
	char *a;

	a = shmat(id, NULL, 0);
	if (a == (void *)-1)
		t_brk(TBROK | TERRNO, "shmat");
	EXPECT_EQ(nattch(id), 1);
	EXPECT_OK(mprotect(a + pg, pg, PROT_READ));
	EXPECT_EQ(nattch(id), 3);	/* [a, a+pg) [a+pg, a+2pg) [a+2pg, a+4pg) */
	EXPECT_OK(munmap(a + 2 * pg, 2 * pg));
	EXPECT_EQ(nattch(id), 2);
	a[0] = 1;
	EXPECT_OK(shmdt(a));
	EXPECT_EQ(nattch(id), 0);
	EXPECT_FAIL(shmdt(a), EINVAL);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
