/*
 * shmdt01: shmdt detaches: the range is unmapped afterwards (a touch is
 * SIGSEGV), shm_nattch drops, shm_dtime and shm_lpid are set; data written
 * before stays in the segment for the next attach.
 */
#include <sys/wait.h>

#include "tipc.h"

static void run(void)
{
	int id = t_shm_new(8192, 0600);
	struct shmid_ds ds;
	char *a, *b;
	pid_t pid;
	int st;

	a = shmat(id, NULL, 0);
	b = shmat(id, NULL, 0);
	if (a == (void *)-1 || b == (void *)-1)
		t_brk(TBROK | TERRNO, "shmat");
	EXPECT_OK(shmctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.shm_nattch, 2);
	EXPECT(ds.shm_atime > 0);
	EXPECT_EQ(ds.shm_lpid, getpid());
	strcpy(a, "kept");
	EXPECT_OK(shmdt(a));
	EXPECT_OK(shmctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.shm_nattch, 1);
	EXPECT(ds.shm_dtime > 0);

	pid = t_fork();
	if (!pid) {
		*(volatile char *)a = 1;
		_exit(0);
	}
	st = t_wait(pid);
	EXPECT_MSG(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "detached range faults");
	EXPECT(strcmp(b, "kept") == 0);
	EXPECT_OK(shmdt(b));
	EXPECT_OK(shmctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.shm_nattch, 0);
	a = shmat(id, NULL, SHM_RDONLY);
	EXPECT(a != (void *)-1 && strcmp(a, "kept") == 0);
	EXPECT_OK(shmdt(a));
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
