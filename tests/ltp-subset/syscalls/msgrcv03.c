/*
 * msgrcv03: MSG_COPY (with IPC_NOWAIT) returns a copy of the message at
 * position msgtyp, counted from 0, leaving the queue as it was; ENOMSG past
 * the last message; EINVAL without IPC_NOWAIT or with MSG_EXCEPT.
 */
#include "tipc.h"

#ifndef MSG_COPY
#define MSG_COPY 040000
#endif

struct m { long type; char text[16]; };

static void run(void)
{
	int id = t_msg_new(0600);
	struct msqid_ds ds;
	struct m s, r;

	for (int i = 0; i < 3; i++) {
		s.type = 10 + i;
		snprintf(s.text, sizeof(s.text), "msg%d", i);
		SAFE(msgsnd(id, &s, 5, 0));
	}
	memset(&r, 0, sizeof(r));
	EXPECT_EQ(msgrcv(id, &r, sizeof(r.text), 1, MSG_COPY | IPC_NOWAIT), 5);
	EXPECT(r.type == 11 && strcmp(r.text, "msg1") == 0);
	EXPECT_EQ(msgrcv(id, &r, sizeof(r.text), 0, MSG_COPY | IPC_NOWAIT), 5);
	EXPECT(r.type == 10 && strcmp(r.text, "msg0") == 0);
	SAFE(msgctl(id, IPC_STAT, &ds));
	EXPECT_EQ(ds.msg_qnum, 3);
	EXPECT_FAIL(msgrcv(id, &r, sizeof(r.text), 3, MSG_COPY | IPC_NOWAIT), ENOMSG);
	EXPECT_FAIL(msgrcv(id, &r, sizeof(r.text), 0, MSG_COPY), EINVAL);
	EXPECT_FAIL(msgrcv(id, &r, sizeof(r.text), 0, MSG_COPY | MSG_EXCEPT | IPC_NOWAIT), EINVAL);
	EXPECT_EQ(msgrcv(id, &r, sizeof(r.text), 0, IPC_NOWAIT), 5);
	EXPECT(r.type == 10);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
