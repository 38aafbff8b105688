/*
 * shmat02: shmat's errors: EINVAL for a bad or removed id, a misaligned
 * address without SHM_RND, SHM_REMAP without an address, an address range
 * already mapped (without SHM_REMAP); EACCES when the mode forbids the
 * caller (read for SHM_RDONLY, read and write otherwise); SHM_REMAP
 * replaces an existing mapping.
 */
#include <sys/mman.h>

#include "tipc.h"

static int id_ro;

static void as_nobody(void)
{
	EXPECT(shmat(id_ro, NULL, 0) == (void *)-1 && errno == EACCES);
	void *p = shmat(id_ro, NULL, SHM_RDONLY);
	EXPECT_MSG(p != (void *)-1, "nobody may attach a 0644 segment read-only");
	if (p != (void *)-1)
		shmdt(p);
}

static void run(void)
{
	long pg = t_page();
	int id = t_shm_new(pg, 0600), gone;
	char *m, *p;

	errno = 0;
	EXPECT(shmat(-1, NULL, 0) == (void *)-1 && errno == EINVAL);
	gone = SAFE(shmget(IPC_PRIVATE, pg, 0600));
	SAFE(shmctl(gone, IPC_RMID, NULL));
	errno = 0;
	EXPECT(shmat(gone, NULL, 0) == (void *)-1 && errno == EINVAL);

	m = SAFE_MMAP(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	errno = 0;
	EXPECT(shmat(id, m + 1, 0) == (void *)-1 && errno == EINVAL);
	errno = 0;
	EXPECT(shmat(id, NULL, SHM_REMAP) == (void *)-1 && errno == EINVAL);
	errno = 0;
	EXPECT(shmat(id, m, 0) == (void *)-1 && errno == EINVAL);
	m[0] = 'p';
	p = shmat(id, m, SHM_REMAP);
	EXPECT(p == m);
	if (p == m) {
		EXPECT_EQ(p[0], 0);	/* the segment, not the old page */
		EXPECT_OK(shmdt(p));
	}
	munmap(m, 2 * pg);

	if (t_is_root()) {
		id_ro = t_shm_new(pg, 0644);
		t_run_as_nobody(as_nobody);
	}
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
