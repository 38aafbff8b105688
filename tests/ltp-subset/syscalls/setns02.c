/*
 * setns02: joining another process's uts and ipc namespaces through its
 * /proc/PID/ns files: afterwards the caller sees that namespace's host
 * name and its SysV objects (a message queue and a shared memory segment
 * made there), and no longer its own.
 */
#include <sched.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/syscall.h>

#include "harness.h"

#define KEY 0x5e7502

static void run(void)
{
	struct t_chan ready, done;
	char path[64], name[65];
	int ufd, ifd, msq, shm;
	pid_t pid;

	t_chan_open(&ready);
	t_chan_open(&done);
	pid = t_fork();
	if (!pid) {
		if (unshare(CLONE_NEWUTS | CLONE_NEWIPC) < 0)
			t_brk(TCONF | TERRNO, "unshare(CLONE_NEWUTS|CLONE_NEWIPC)");
		SAFE(sethostname("setns02-inside", 14));
		SAFE(msgget(KEY, IPC_CREAT | 0600));
		SAFE(shmget(KEY, 4096, IPC_CREAT | 0600));
		t_chan_post(&ready);
		t_chan_wait(&done);
		_exit(0);
	}
	t_chan_wait(&ready);
	snprintf(path, sizeof(path), "/proc/%d/ns/uts", pid);
	ufd = SAFE(open(path, O_RDONLY));
	snprintf(path, sizeof(path), "/proc/%d/ns/ipc", pid);
	ifd = SAFE(open(path, O_RDONLY));

	pid_t j = t_fork();
	if (!j) {
		EXPECT_FAIL(msgget(KEY, 0), ENOENT);
		EXPECT_OK(syscall(SYS_setns, ufd, CLONE_NEWUTS));
		EXPECT_OK(syscall(SYS_setns, ifd, 0));
		SAFE(gethostname(name, sizeof(name)));
		EXPECT_MSG(!strcmp(name, "setns02-inside"), "host name after setns is %s", name);
		msq = msgget(KEY, 0);
		EXPECT_MSG(msq >= 0, "the namespace's message queue is seen");
		shm = shmget(KEY, 0, 0);
		EXPECT_MSG(shm >= 0, "the namespace's shm segment is seen");
		_exit(0);
	}
	t_reap(j);
	EXPECT_FAIL(msgget(KEY, 0), ENOENT);
	t_chan_post(&done);
	t_reap(pid);
	close(ufd);
	close(ifd);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
