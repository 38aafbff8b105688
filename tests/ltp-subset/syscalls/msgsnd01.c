/*
 * msgsnd01: msgsnd queues a message that msgrcv returns whole: type, text
 * and length; msg_qnum, msg_cbytes, msg_lspid and msg_stime follow; a
 * zero-length message is a message too; messages come out in order.
 */
#include "tipc.h"

struct m { long type; char text[64]; };

static void run(void)
{
	int id = t_msg_new(0600);
	struct msqid_ds ds;
	struct m s = { 5, "hello" }, r;

	EXPECT_OK(msgsnd(id, &s, 6, 0));
	s.type = 6;
	strcpy(s.text, "second");
	EXPECT_OK(msgsnd(id, &s, 7, 0));
	EXPECT_OK(msgsnd(id, &s, 0, 0));
	EXPECT_OK(msgctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.msg_qnum, 3);
	EXPECT_EQ(ds.msg_cbytes, 13);
	EXPECT_EQ(ds.msg_lspid, getpid());
	EXPECT(ds.msg_stime > 0);

	memset(&r, 0, sizeof(r));
	EXPECT_EQ(msgrcv(id, &r, sizeof(r.text), 0, 0), 6);
	EXPECT_EQ(r.type, 5);
	EXPECT(strcmp(r.text, "hello") == 0);
	EXPECT_EQ(msgrcv(id, &r, sizeof(r.text), 0, 0), 7);
	EXPECT(strcmp(r.text, "second") == 0);
	EXPECT_EQ(msgrcv(id, &r, sizeof(r.text), 0, 0), 0);
	EXPECT_EQ(r.type, 6);
	EXPECT_OK(msgctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.msg_qnum, 0);
	EXPECT_EQ(ds.msg_cbytes, 0);
	EXPECT_EQ(ds.msg_lrpid, getpid());
	EXPECT(ds.msg_rtime > 0);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
