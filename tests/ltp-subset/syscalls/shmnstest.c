/*
 * shmnstest: SysV IPC namespaces. After unshare(CLONE_NEWIPC) the parent
 * namespace's shared memory segments, message queues and semaphore sets
 * are not seen (their keys give ENOENT, their ids EINVAL), the new
 * namespace starts empty and its objects do not leak out; clone with
 * CLONE_NEWIPC|CLONE_SYSVSEM is EINVAL. A segment still mapped when the
 * last process of its namespace leaves it stays usable until unmapped.
 */
#include <sched.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "harness.h"

#define KEY 0x5e7503

static void run(void)
{
	int shm = SAFE(shmget(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600));
	int msq = SAFE(msgget(KEY, IPC_CREAT | IPC_EXCL | 0600));
	int sem = SAFE(semget(KEY, 1, IPC_CREAT | IPC_EXCL | 0600));
	pid_t pid;

	pid = t_fork();
	if (!pid) {
		struct shmid_ds ds;
		char *p;
		int fd;

		fd = SAFE(open("/proc/self/ns/ipc", O_RDONLY));
		if (unshare(CLONE_NEWIPC) < 0)
			t_brk(TCONF | TERRNO, "unshare(CLONE_NEWIPC)");
		EXPECT_FAIL(shmget(KEY, 0, 0), ENOENT);
		EXPECT_FAIL(msgget(KEY, 0), ENOENT);
		EXPECT_FAIL(semget(KEY, 0, 0), ENOENT);
		EXPECT_FAIL(shmctl(shm, IPC_STAT, &ds), EINVAL);
		/* Objects made here stay here. */
		SAFE(msgget(KEY + 1, IPC_CREAT | 0600));
		/* A segment mapped by a process that leaves the namespace
		 * (setns back to the parent's) stays until unmapped. */
		int s2 = SAFE(shmget(KEY + 2, 4096, IPC_CREAT | 0600));
		p = shmat(s2, NULL, 0);
		if (p == (void *)-1)
			t_brk(TBROK | TERRNO, "shmat");
		strcpy(p, "still here");
		EXPECT_OK(syscall(SYS_setns, fd, CLONE_NEWIPC));
		close(fd);
		/* That was the last task of the namespace: the segment is
		 * still mapped and intact. */
		EXPECT_MSG(!strcmp(p, "still here"), "mapped segment survives its namespace");
		strcpy(p, "written after");
		EXPECT_OK(shmdt(p));
		_exit(0);
	}
	t_reap(pid);
	EXPECT_FAIL(msgget(KEY + 1, 0), ENOENT);
	EXPECT_FAIL(shmget(KEY + 2, 0, 0), ENOENT);
	EXPECT_OK(shmget(KEY, 0, 0));

	/* A fresh namespace of a clone child is empty too. */
	pid = syscall(SYS_clone, CLONE_NEWIPC | CLONE_SYSVSEM | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		_exit(0);
	EXPECT_MSG(pid < 0 && errno == EINVAL, "clone(CLONE_NEWIPC|CLONE_SYSVSEM) is EINVAL");
	pid = syscall(SYS_clone, CLONE_NEWIPC | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		EXPECT_FAIL(semget(KEY, 0, 0), ENOENT);
		_exit(0);
	}
	if (pid < 0)
		t_brk(TBROK | TERRNO, "clone(CLONE_NEWIPC)");
	t_reap(pid);

	SAFE(shmctl(shm, IPC_RMID, NULL));
	SAFE(msgctl(msq, IPC_RMID, NULL));
	SAFE(semctl(sem, 0, IPC_RMID));
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
