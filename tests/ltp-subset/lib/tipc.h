/*
 * Helpers for the System V IPC tests (shm*, sem*, msg*): every object a
 * test makes is recorded and removed by t_ipc_cleanup() (the tests' cleanup
 * hook, which the harness also runs after a TBROK), so a failing test leaves
 * nothing behind on the host.
 */
#ifndef LTP_SUBSET_TIPC_H
#define LTP_SUBSET_TIPC_H

#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include "harness.h"

/* glibc and musl leave union semun to the caller. */
union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

enum { T_SHM, T_SEM, T_MSG };
static struct { int kind, id; } t_ipc_objs[64];
static int t_ipc_n;

static inline int t_ipc_track(int kind, int id)
{
	if (id >= 0 && t_ipc_n < 64) {
		t_ipc_objs[t_ipc_n].kind = kind;
		t_ipc_objs[t_ipc_n].id = id;
		t_ipc_n++;
	}
	return id;
}

static inline void t_ipc_cleanup(void)
{
	for (int i = 0; i < t_ipc_n; i++) {
		int id = t_ipc_objs[i].id;
		switch (t_ipc_objs[i].kind) {
		case T_SHM: shmctl(id, IPC_RMID, NULL); break;
		case T_SEM: semctl(id, 0, IPC_RMID); break;
		case T_MSG: msgctl(id, IPC_RMID, NULL); break;
		}
	}
	t_ipc_n = 0;
}

/* New private objects, or TBROK. */
static inline int t_shm_new(size_t size, int mode)
{
	return t_ipc_track(T_SHM, SAFE(shmget(IPC_PRIVATE, size, IPC_CREAT | mode)));
}
static inline int t_sem_new(int nsems, int mode)
{
	return t_ipc_track(T_SEM, SAFE(semget(IPC_PRIVATE, nsems, IPC_CREAT | mode)));
}
static inline int t_msg_new(int mode)
{
	return t_ipc_track(T_MSG, SAFE(msgget(IPC_PRIVATE, IPC_CREAT | mode)));
}

/* A key of our own: ftok on a file in the test's private directory. */
static inline key_t t_ipc_key(int proj)
{
	char path[4096];
	key_t k;

	snprintf(path, sizeof(path), "%s/ipc-key", t_tmpdir());
	close(SAFE(open(path, O_CREAT | O_RDWR, 0644)));
	k = ftok(path, proj);
	if (k == -1)
		t_brk(TBROK | TERRNO, "ftok");
	return k;
}

#endif
