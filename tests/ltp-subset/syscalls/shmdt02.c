/*
 * shmdt02: shmdt fails with EINVAL for an address where no segment is
 * attached: an ordinary mapping, an unaligned address, an address inside
 * (not at the start of) an attachment, one already detached.
 */
#include <sys/mman.h>

#include "tipc.h"

static void run(void)
{
	long pg = t_page();
	int id = t_shm_new(2 * pg, 0600);
	char *m, *a;

	m = SAFE_MMAP(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_FAIL(shmdt(m), EINVAL);
	munmap(m, pg);
	a = shmat(id, NULL, 0);
	if (a == (void *)-1)
		t_brk(TBROK | TERRNO, "shmat");
	EXPECT_FAIL(shmdt(a + 1), EINVAL);
	EXPECT_FAIL(shmdt(a + pg), EINVAL);
	EXPECT_OK(shmdt(a));
	EXPECT_FAIL(shmdt(a), EINVAL);
	EXPECT_FAIL(shmdt((void *)&run), EINVAL);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
