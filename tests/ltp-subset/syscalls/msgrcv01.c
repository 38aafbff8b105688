/*
 * msgrcv01: msgrcv picks by type: 0 the first message; > 0 the first of
 * that type; > 0 with MSG_EXCEPT the first of any other type; < 0 the
 * first of the lowest type not above |msgtyp|; MSG_NOERROR truncates a long
 * message (the rest is lost), without it that is E2BIG and the message
 * stays; no match with IPC_NOWAIT is ENOMSG.
 */
#include "tipc.h"

struct m { long type; char text[32]; };

static void send(int id, long type, const char *text)
{
	struct m s;

	s.type = type;
	strcpy(s.text, text);
	SAFE(msgsnd(id, &s, strlen(text) + 1, 0));
}

static void run(void)
{
	int id = t_msg_new(0600);
	struct m r;

	send(id, 3, "a3");
	send(id, 1, "b1");
	send(id, 2, "c2");
	send(id, 1, "d1");
	send(id, 5, "e5");

	EXPECT_EQ(msgrcv(id, &r, sizeof(r.text), 2, 0), 3);
	EXPECT(strcmp(r.text, "c2") == 0);
	EXPECT_EQ(msgrcv(id, &r, sizeof(r.text), 3, MSG_EXCEPT), 3);
	EXPECT(strcmp(r.text, "b1") == 0);
	EXPECT_EQ(msgrcv(id, &r, sizeof(r.text), -4, 0), 3);
	EXPECT(strcmp(r.text, "d1") == 0 && r.type == 1);
	EXPECT_FAIL(msgrcv(id, &r, sizeof(r.text), 4, IPC_NOWAIT), ENOMSG);
	EXPECT_FAIL(msgrcv(id, &r, sizeof(r.text), -2, IPC_NOWAIT), ENOMSG);
	EXPECT_EQ(msgrcv(id, &r, sizeof(r.text), -10, 0), 3);
	EXPECT(strcmp(r.text, "a3") == 0);

	EXPECT_FAIL(msgrcv(id, &r, 1, 0, 0), E2BIG);
	memset(&r, 0, sizeof(r));
	EXPECT_EQ(msgrcv(id, &r, 1, 0, MSG_NOERROR), 1);
	EXPECT(r.type == 5 && r.text[0] == 'e' && r.text[1] == 0);
	EXPECT_FAIL(msgrcv(id, &r, sizeof(r.text), 0, IPC_NOWAIT), ENOMSG);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
