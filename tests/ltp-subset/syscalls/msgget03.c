/*
 * msgget03: at the limit of queues (MSGMNI, read with IPC_INFO) msgget
 * fails with ENOSPC; MSG_INFO's msgpool counts the queues in use.
 */
#include "tipc.h"

static int *ids, n;

static void cleanup(void)
{
	while (n > 0)
		msgctl(ids[--n], IPC_RMID, NULL);
}

static void run(void)
{
	struct msginfo mi;
	int used, id = 0, mni;

	SAFE(msgctl(0, IPC_INFO, (struct msqid_ds *)&mi));
	mni = mi.msgmni;
	SAFE(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi));
	used = mi.msgpool;
	if (mni > 100000)
		t_brk(TCONF, "msgmni %d too large to fill", mni);
	ids = calloc(mni + 1, sizeof(int));
	while (n <= mni) {
		id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
		if (id < 0)
			break;
		ids[n++] = id;
	}
	EXPECT_MSG(id < 0 && errno == ENOSPC, "msgget fails with ENOSPC at the limit (%s)",
		   t_errname(errno));
	EXPECT_EQ(n + used, mni);
	SAFE(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi));
	EXPECT_EQ(mi.msgpool, mni);
	cleanup();
}

const struct t_test t_test = { .run = run, .cleanup = cleanup, .timeout = 120 };
