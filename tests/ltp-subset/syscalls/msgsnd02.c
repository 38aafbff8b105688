/*
 * msgsnd02: msgsnd's errors: EINVAL (bad id, type < 1, size above MSGMAX,
 * removed queue), EFAULT (bad buffer), EACCES (no write permission),
 * EAGAIN (queue full with IPC_NOWAIT: by bytes, and by count, since each
 * message counts as a byte against msg_qbytes).
 */
#include <sys/syscall.h>

#include "tipc.h"

struct m { long type; char text[8192]; };
static int id;

static void as_nobody(void)
{
	struct m s = { 1, "x" };

	EXPECT_FAIL(msgsnd(id, &s, 1, IPC_NOWAIT), EACCES);
}

static void run(void)
{
	static struct m s = { 1, "x" };
	struct msqid_ds ds;
	int gone, n = 0;

	id = t_msg_new(0644);
	EXPECT_FAIL(msgsnd(-1, &s, 1, 0), EINVAL);
	s.type = 0;
	EXPECT_FAIL(msgsnd(id, &s, 1, 0), EINVAL);
	s.type = -3;
	EXPECT_FAIL(msgsnd(id, &s, 1, 0), EINVAL);
	s.type = 1;
	EXPECT_FAIL(msgsnd(id, &s, 8193, 0), EINVAL);
	EXPECT_FAIL(msgsnd(id, t_bad_addr(), 1, 0), EFAULT);
	gone = SAFE(msgget(IPC_PRIVATE, 0600));
	SAFE(msgctl(gone, IPC_RMID, NULL));
	EXPECT_FAIL(msgsnd(gone, &s, 1, 0), EINVAL);

	/* Two 8192-byte messages fill the default 16384 bytes. */
	EXPECT_OK(msgsnd(id, &s, 8192, IPC_NOWAIT));
	EXPECT_OK(msgsnd(id, &s, 8192, IPC_NOWAIT));
	EXPECT_FAIL(msgsnd(id, &s, 1, IPC_NOWAIT), EAGAIN);
	/* An empty message still fits: only the bytes are full. */
	EXPECT_OK(msgsnd(id, &s, 0, IPC_NOWAIT));

	/* A small msg_qbytes: empty messages fill it by count. */
	SAFE(msgctl(id, IPC_RMID, NULL));
	id = t_msg_new(0644);
	SAFE(msgctl(id, IPC_STAT, &ds));
	ds.msg_qbytes = 10;
	SAFE(msgctl(id, IPC_SET, &ds));
	while (n < 100 && msgsnd(id, &s, 0, IPC_NOWAIT) == 0)
		n++;
	EXPECT_EQ(n, 10);
	EXPECT_EQ(errno, EAGAIN);
	if (t_is_root())
		t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
