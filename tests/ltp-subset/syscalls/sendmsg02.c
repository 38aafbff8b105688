/*
 * sendmsg02: SCM_CREDENTIALS with SO_PASSCRED: the receiver learns the
 * sender's pid, uid and gid; a process may not claim another pid (EPERM
 * as nobody). Failures: ENOTCONN on an unconnected stream socket, EFAULT
 * for a bad msghdr, EMSGSIZE for a datagram over the send buffer.
 */
#include <sys/socket.h>

#include "harness.h"

static int sv[2];

static void send_creds(int fd, pid_t pid, uid_t uid, gid_t gid, int expect_err)
{
	union { char buf[CMSG_SPACE(sizeof(struct ucred))]; struct cmsghdr align; } u;
	struct iovec iov = { "c", 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
			      .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
	struct ucred cr = { pid, uid, gid };

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_CREDENTIALS;
	cm->cmsg_len = CMSG_LEN(sizeof(cr));
	memcpy(CMSG_DATA(cm), &cr, sizeof(cr));
	if (expect_err)
		EXPECT_FAIL(sendmsg(fd, &msg, 0), expect_err);
	else
		EXPECT_EQ(sendmsg(fd, &msg, 0), 1);
}

static void as_nobody(void)
{
	send_creds(sv[0], getppid(), T_NOBODY, T_NOBODY, EPERM);
}

static void run(void)
{
	union { char buf[CMSG_SPACE(sizeof(struct ucred))]; struct cmsghdr align; } u;
	char c, *big;
	struct iovec iov = { &c, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
			      .msg_controllen = sizeof(u.buf) };
	struct ucred cr;
	struct cmsghdr *cm;
	int one = 1, s, d[2];

	SAFE(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	SAFE(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)));
	send_creds(sv[0], getpid(), getuid(), getgid(), 0);
	EXPECT_EQ(recvmsg(sv[1], &msg, 0), 1);
	cm = CMSG_FIRSTHDR(&msg);
	EXPECT(cm && cm->cmsg_type == SCM_CREDENTIALS);
	if (cm) {
		memcpy(&cr, CMSG_DATA(cm), sizeof(cr));
		EXPECT(cr.pid == getpid() && cr.uid == getuid() && cr.gid == getgid());
	}
	t_run_as_nobody(as_nobody);
	s = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
	EXPECT_FAIL(send(s, "x", 1, 0), ENOTCONN);
	/* raw: musl copies the msghdr itself */
	EXPECT_FAIL(syscall(SYS_sendmsg, sv[0], t_bad_addr(), 0), EFAULT);
	SAFE(socketpair(AF_UNIX, SOCK_DGRAM, 0, d));
	big = calloc(1, 16 << 20);
	EXPECT_FAIL(send(d[0], big, 16 << 20, 0), EMSGSIZE);
	free(big);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
