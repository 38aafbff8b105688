/*
 * sendmmsg01: sendmmsg() sends several datagrams in one call and returns
 * how many; recvmmsg() receives them, filling msg_len for each; with
 * MSG_DONTWAIT and fewer queued than asked it returns what is there.
 */
#include <sys/socket.h>

#include "harness.h"

static void run(void)
{
	char *words[3] = { "alpha", "be", "gamma!" }, rbuf[3][16];
	struct iovec siov[3], riov[3];
	struct mmsghdr smsg[3], rmsg[3];
	int sv[2];

	SAFE(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	memset(smsg, 0, sizeof(smsg));
	memset(rmsg, 0, sizeof(rmsg));
	for (int i = 0; i < 3; i++) {
		siov[i] = (struct iovec){ words[i], strlen(words[i]) };
		smsg[i].msg_hdr.msg_iov = &siov[i];
		smsg[i].msg_hdr.msg_iovlen = 1;
		riov[i] = (struct iovec){ rbuf[i], sizeof(rbuf[i]) };
		rmsg[i].msg_hdr.msg_iov = &riov[i];
		rmsg[i].msg_hdr.msg_iovlen = 1;
	}
	EXPECT_EQ(sendmmsg(sv[0], smsg, 3, 0), 3);
	EXPECT(smsg[0].msg_len == 5 && smsg[1].msg_len == 2 && smsg[2].msg_len == 6);
	EXPECT_EQ(recvmmsg(sv[1], rmsg, 2, 0, NULL), 2);
	EXPECT(rmsg[0].msg_len == 5 && !memcmp(rbuf[0], "alpha", 5));
	EXPECT(rmsg[1].msg_len == 2 && !memcmp(rbuf[1], "be", 2));
	EXPECT_EQ(recvmmsg(sv[1], rmsg, 3, MSG_DONTWAIT, NULL), 1);
	EXPECT(rmsg[0].msg_len == 6 && !memcmp(rbuf[0], "gamma!", 6));
	EXPECT_FAIL(recvmmsg(sv[1], rmsg, 3, MSG_DONTWAIT, NULL), EAGAIN);
}

const struct t_test t_test = { .run = run };
