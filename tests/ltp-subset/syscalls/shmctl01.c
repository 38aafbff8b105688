/*
 * shmctl01: IPC_STAT through a segment's life: nattch counts attachments
 * inherited by fork and dropped at exit and exec; IPC_SET changes uid,
 * gid and the mode bits (and ctime) only; IPC_RMID with attachments marks
 * the segment SHM_DEST with key IPC_PRIVATE, keeps it usable, and frees it
 * (EINVAL afterwards) when the last attachment goes.
 */
#include <sys/wait.h>

#include "tipc.h"

static int child(int argc, char **argv)
{
	/* exec'ed: the attachment of the parent image is gone */
	struct shmid_ds ds;
	int id = atoi(argv[1]);

	if (shmctl(id, IPC_STAT, &ds) < 0)
		return 2;
	return ds.shm_nattch == 1 ? 0 : 1;
}

static void run(void)
{
	key_t key = t_ipc_key('c');
	int id = t_ipc_track(T_SHM, SAFE(shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600)));
	struct shmid_ds ds;
	struct t_chan go, done;
	char *a;
	pid_t pid;

	a = shmat(id, NULL, 0);
	if (a == (void *)-1)
		t_brk(TBROK | TERRNO, "shmat");
	t_chan_open(&go);
	t_chan_open(&done);
	pid = t_fork();
	if (!pid) {
		t_chan_post(&done);
		t_chan_wait(&go);
		_exit(0);
	}
	t_chan_wait(&done);
	EXPECT_OK(shmctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.shm_nattch, 2);
	t_chan_post(&go);
	t_reap(pid);
	EXPECT_OK(shmctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.shm_nattch, 1);

	pid = t_fork();
	if (!pid) {
		char arg[16];
		snprintf(arg, sizeof(arg), "%d", id);
		execl(t_self(), t_self(), "--child", arg, (char *)NULL);
		_exit(3);
	}
	t_reap(pid);

	/* IPC_SET */
	EXPECT_OK(shmctl(id, IPC_STAT, &ds));
	ds.shm_perm.mode = 0644 | 0777000;
	ds.shm_perm.uid = 1;
	ds.shm_perm.gid = 2;
	ds.shm_segsz = 1;
	EXPECT_OK(shmctl(id, IPC_SET, &ds));
	EXPECT_OK(shmctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.shm_perm.mode & 0777, 0644);
	EXPECT_EQ(ds.shm_perm.mode & SHM_DEST, 0);
	EXPECT_EQ(ds.shm_perm.uid, 1);
	EXPECT_EQ(ds.shm_perm.gid, 2);
	EXPECT_EQ(ds.shm_perm.cuid, geteuid());
	EXPECT_EQ(ds.shm_segsz, 4096);

	/* IPC_RMID while attached */
	EXPECT_OK(shmctl(id, IPC_RMID, NULL));
	EXPECT_OK(shmctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.shm_perm.mode & SHM_DEST, SHM_DEST);
	EXPECT_EQ(ds.shm_perm.__key, IPC_PRIVATE);
	EXPECT_EQ(ds.shm_nattch, 1);
	EXPECT_FAIL(shmget(key, 4096, 0600), ENOENT);
	strcpy(a, "still here");
	EXPECT(strcmp(a, "still here") == 0);
	EXPECT_OK(shmdt(a));
	EXPECT_FAIL(shmctl(id, IPC_STAT, &ds), EINVAL);
	t_chan_close(&go);
	t_chan_close(&done);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup, .child_main = child };
