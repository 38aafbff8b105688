/*
 * msgrcv02: blocking: a receiver sleeps until a message of its type
 * arrives; a sender on a full queue sleeps until a receiver makes room;
 * removal of the queue wakes both with EIDRM; a caught signal interrupts a
 * sleeping msgrcv with EINTR (no SA_RESTART). Also msgrcv's errors: EINVAL
 * (bad id, negative size), EFAULT (bad buffer: the message is lost),
 * EACCES (no read permission).
 */
#include <signal.h>

#include "tipc.h"

struct m { long type; char text[8192]; };
static int id;

static void on_sig(int sig) { (void)sig; }

static void as_nobody(void)
{
	struct m r;

	EXPECT_FAIL(msgrcv(id, &r, 10, 0, IPC_NOWAIT), EACCES);
}

static void run(void)
{
	static struct m s, r;
	struct sigaction sa = { .sa_handler = on_sig };
	struct msqid_ds ds;
	pid_t pid, sender;

	id = t_msg_new(0600);
	pid = t_fork();
	if (!pid) {
		struct m x;
		ssize_t n = msgrcv(id, &x, sizeof(x.text), 7, 0);
		_exit(n == 2 && x.type == 7 && x.text[0] == 'z' ? 0 : 1);
	}
	t_msleep(50);
	s.type = 3;
	strcpy(s.text, "n");
	SAFE(msgsnd(id, &s, 2, 0));	/* not its type */
	s.type = 7;
	strcpy(s.text, "z");
	SAFE(msgsnd(id, &s, 2, 0));
	t_reap(pid);
	EXPECT_EQ(msgrcv(id, &r, sizeof(r.text), 0, IPC_NOWAIT), 2);	/* type 3 */

	/* A full queue: the sender waits for room. */
	s.type = 1;
	SAFE(msgsnd(id, &s, 8192, 0));
	SAFE(msgsnd(id, &s, 8192, 0));
	pid = t_fork();
	if (!pid)
		_exit(msgsnd(id, &s, 100, 0) == 0 ? 0 : 1);
	t_msleep(100);
	SAFE(msgctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.msg_qnum, 2);
	EXPECT_EQ(msgrcv(id, &r, sizeof(r.text), 0, 0), 8192);
	t_reap(pid);
	SAFE(msgctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.msg_qnum, 2);
	EXPECT_EQ(ds.msg_cbytes, 8292);

	/* Removal wakes a sleeping sender and a sleeping receiver. */
	pid = t_fork();
	if (!pid) {
		int r1 = msgsnd(id, &s, 8192, 0);
		_exit(r1 == -1 && errno == EIDRM ? 0 : 1);
	}
	sender = pid;
	{
		int q = t_msg_new(0600);
		pid = t_fork();
		if (!pid) {
			struct m x;
			ssize_t n = msgrcv(q, &x, 10, 0, 0);
			_exit(n == -1 && errno == EIDRM ? 0 : 1);
		}
		t_msleep(100);
		EXPECT_OK(msgctl(id, IPC_RMID, NULL));
		EXPECT_OK(msgctl(q, IPC_RMID, NULL));
		t_reap(sender);
		t_reap(pid);
	}

	id = t_msg_new(0600);
	SAFE(sigaction(SIGUSR1, &sa, NULL));
	sender = t_signal_repeatedly(SIGUSR1, 50);
	EXPECT_FAIL(msgrcv(id, &r, 10, 0, 0), EINTR);
	t_signal_stop(sender);

	EXPECT_FAIL(msgrcv(-1, &r, 10, 0, IPC_NOWAIT), EINVAL);
	EXPECT_FAIL(msgrcv(id, &r, (size_t)-1, 0, IPC_NOWAIT), EINVAL);
	s.type = 1;
	SAFE(msgsnd(id, &s, 10, 0));
	EXPECT_FAIL(msgrcv(id, t_bad_addr(), 10, 0, IPC_NOWAIT), EFAULT);
	SAFE(msgctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.msg_qnum, 0);
	if (t_is_root())
		t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
