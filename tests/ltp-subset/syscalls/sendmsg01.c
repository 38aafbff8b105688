/*
 * sendmsg01: SCM_RIGHTS over an AF_UNIX socket passes open descriptors:
 * the receiver gets new descriptor numbers for the same open files
 * (shared offset), MSG_CMSG_CLOEXEC sets FD_CLOEXEC on them; scatter and
 * gather iovecs carry the data.
 */
#include <sys/socket.h>

#include "harness.h"

static void run(void)
{
	char data[] = "abc", rbuf[2], rbuf2[8];
	union { char buf[CMSG_SPACE(2 * sizeof(int))]; struct cmsghdr align; } u;
	struct iovec iov[2] = { { data, 1 }, { data + 1, 2 } };
	struct iovec riov[2] = { { rbuf, 2 }, { rbuf2, 8 } };
	struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 2, .msg_control = u.buf,
			      .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *cm;
	int sv[2], fds[2], got[2] = { -1, -1 }, fd;
	char c;

	t_write_file("f", "0123456789", 0644);
	fds[0] = SAFE(open("f", O_RDONLY));
	fds[1] = SAFE(open("f", O_RDONLY));
	SAFE(lseek(fds[0], 4, SEEK_SET));
	SAFE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(fds));
	memcpy(CMSG_DATA(cm), fds, sizeof(fds));
	EXPECT_EQ(sendmsg(sv[0], &msg, 0), 3);
	memset(&u, 0, sizeof(u));
	msg = (struct msghdr){ .msg_iov = riov, .msg_iovlen = 2, .msg_control = u.buf,
			       .msg_controllen = sizeof(u.buf) };
	EXPECT_EQ(recvmsg(sv[1], &msg, MSG_CMSG_CLOEXEC), 3);
	EXPECT(!memcmp(rbuf, "ab", 2) && rbuf2[0] == 'c');
	cm = CMSG_FIRSTHDR(&msg);
	EXPECT(cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS &&
	       cm->cmsg_len == CMSG_LEN(sizeof(got)));
	if (!cm)
		return;
	memcpy(got, CMSG_DATA(cm), sizeof(got));
	EXPECT(got[0] != fds[0] && got[1] != fds[1] && got[0] >= 0);
	EXPECT_EQ(fcntl(got[0], F_GETFD), FD_CLOEXEC);
	fd = got[0];
	EXPECT_EQ(read(fd, &c, 1), 1);
	EXPECT_EQ(c, '4');
	EXPECT_EQ(lseek(fds[0], 0, SEEK_CUR), 5);
}

const struct t_test t_test = { .run = run };
