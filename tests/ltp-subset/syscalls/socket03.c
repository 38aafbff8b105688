/*
 * socket03: an AF_UNIX SOCK_SEQPACKET server: listen/accept work, each
 * send is one record (boundaries kept, a short read truncates the record
 * and MSG_TRUNC in msg_flags says so), and the peer's close reads as 0.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include "harness.h"

static void run(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = "seq" };
	char buf[16];
	struct iovec iov = { buf, 3 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	int l, c, a;

	l = SAFE(socket(AF_UNIX, SOCK_SEQPACKET, 0));
	SAFE(bind(l, (struct sockaddr *)&sun, sizeof(sun)));
	EXPECT_OK(listen(l, 2));
	c = SAFE(socket(AF_UNIX, SOCK_SEQPACKET, 0));
	EXPECT_OK(connect(c, (struct sockaddr *)&sun, sizeof(sun)));
	a = EXPECT_OK(accept(l, NULL, NULL));
	SAFE(send(c, "first", 5, 0));
	SAFE(send(c, "2nd", 3, 0));
	SAFE(send(c, "third-record", 12, 0));
	EXPECT_EQ(recv(a, buf, sizeof(buf), 0), 5);
	EXPECT_EQ(recv(a, buf, sizeof(buf), 0), 3);
	EXPECT_EQ(recvmsg(a, &msg, 0), 3);
	EXPECT(msg.msg_flags & MSG_TRUNC);
	close(c);
	EXPECT_EQ(recv(a, buf, sizeof(buf), 0), 0);
}

const struct t_test t_test = { .run = run };
