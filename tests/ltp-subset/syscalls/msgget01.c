/*
 * msgget01: msgget creates an empty queue with the mode, owner and creator
 * asked for and msg_qbytes at MSGMNB (16384 by default); a key finds it
 * again; IPC_PRIVATE always makes a new one.
 */
#include "tipc.h"

static void run(void)
{
	key_t key = t_ipc_key('f');
	struct msqid_ds ds;
	int id, id2, p1, p2;

	id = t_ipc_track(T_MSG, EXPECT_OK(msgget(key, IPC_CREAT | IPC_EXCL | 0640)));
	if (id < 0)
		return;
	EXPECT_OK(msgctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.msg_perm.mode & 0777, 0640);
	EXPECT_EQ(ds.msg_perm.__key, key);
	EXPECT_EQ(ds.msg_perm.uid, geteuid());
	EXPECT_EQ(ds.msg_perm.cuid, geteuid());
	EXPECT_EQ(ds.msg_qnum, 0);
	EXPECT_EQ(ds.msg_qbytes, 16384);
	EXPECT_EQ(ds.msg_lspid, 0);
	EXPECT_EQ(ds.msg_lrpid, 0);
	EXPECT_EQ(ds.msg_stime, 0);
	EXPECT(ds.msg_ctime > 0);
	id2 = EXPECT_OK(msgget(key, 0));
	EXPECT_EQ(id2, id);
	id2 = EXPECT_OK(msgget(key, IPC_CREAT | 0600));
	EXPECT_EQ(id2, id);
	p1 = t_ipc_track(T_MSG, EXPECT_OK(msgget(IPC_PRIVATE, 0600)));
	p2 = t_ipc_track(T_MSG, EXPECT_OK(msgget(IPC_PRIVATE, 0600)));
	EXPECT(p1 != p2 && p1 != id);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
