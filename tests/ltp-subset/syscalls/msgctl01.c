/*
 * msgctl01: the msgctl commands and their errors: IPC_STAT; IPC_SET of
 * uid, gid, mode bits and msg_qbytes (lowering is allowed, raising past
 * MSGMNB needs CAP_SYS_RESOURCE: EPERM as nobody-owned queue's owner);
 * IPC_INFO and MSG_INFO; MSG_STAT and MSG_STAT_ANY by index; IPC_RMID;
 * EINVAL (bad id or command), EFAULT, EACCES (IPC_STAT without read
 * permission), EPERM (IPC_SET/IPC_RMID by neither owner nor creator).
 */
#include "tipc.h"

static int id, own;

static void as_nobody(void)
{
	struct msqid_ds ds;

	EXPECT_FAIL(msgctl(id, IPC_STAT, &ds), EACCES);
	EXPECT_FAIL(msgctl(id, IPC_RMID, NULL), EPERM);
	memset(&ds, 0, sizeof(ds));
	EXPECT_FAIL(msgctl(id, IPC_SET, &ds), EPERM);
	/* the owner of a queue may lower msg_qbytes but not raise it */
	EXPECT_OK(msgctl(own, IPC_STAT, &ds));
	ds.msg_qbytes = 100;
	EXPECT_OK(msgctl(own, IPC_SET, &ds));
	ds.msg_qbytes = 16385;
	EXPECT_FAIL(msgctl(own, IPC_SET, &ds), EPERM);
}

static void run(void)
{
	struct msqid_ds ds;
	struct msginfo mi;
	int r;

	id = t_msg_new(0600);
	EXPECT_OK(msgctl(id, IPC_STAT, &ds));
	ds.msg_perm.mode = 0666;
	ds.msg_perm.uid = 5;
	ds.msg_perm.gid = 6;
	ds.msg_qbytes = 1000;
	EXPECT_OK(msgctl(id, IPC_SET, &ds));
	memset(&ds, 0, sizeof(ds));
	EXPECT_OK(msgctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.msg_perm.mode & 0777, 0666);
	EXPECT_EQ(ds.msg_perm.uid, 5);
	EXPECT_EQ(ds.msg_perm.gid, 6);
	EXPECT_EQ(ds.msg_qbytes, 1000);
	ds.msg_perm.mode = 0600;
	EXPECT_OK(msgctl(id, IPC_SET, &ds));

	r = EXPECT_OK(msgctl(0, IPC_INFO, (struct msqid_ds *)&mi));
	EXPECT(r >= 0);
	EXPECT_EQ(mi.msgmax, 8192);
	EXPECT_EQ(mi.msgmnb, 16384);
	EXPECT(mi.msgmni > 0);
	r = EXPECT_OK(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi));
	EXPECT(r >= (id & 0x7fff));
	EXPECT(mi.msgpool >= 1);

	r = EXPECT_OK(msgctl(id & 0x7fff, MSG_STAT, &ds));
	EXPECT_EQ(r, id);
	r = EXPECT_OK(msgctl(id & 0x7fff, MSG_STAT_ANY, &ds));
	EXPECT_EQ(r, id);

	EXPECT_FAIL(msgctl(-1, IPC_STAT, &ds), EINVAL);
	EXPECT_FAIL(msgctl(id, 12345, &ds), EINVAL);
	EXPECT_FAIL(msgctl(id, IPC_STAT, t_bad_addr()), EFAULT);
	EXPECT_FAIL(msgctl(id, IPC_SET, t_bad_addr()), EFAULT);
	if (t_is_root()) {
		own = t_msg_new(0600);
		SAFE(msgctl(own, IPC_STAT, &ds));
		ds.msg_perm.uid = T_NOBODY;
		SAFE(msgctl(own, IPC_SET, &ds));
		t_run_as_nobody(as_nobody);
	}
	EXPECT_OK(msgctl(id, IPC_RMID, NULL));
	EXPECT_FAIL(msgctl(id, IPC_STAT, &ds), EINVAL);
	EXPECT_FAIL(msgctl(id, IPC_RMID, NULL), EINVAL);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
