/*
 * Sockets (kernel/net). socket.c is the generic layer: a struct socket per
 * socket file (an anonymous S_IFSOCK inode on the pseudo mount, so fstat
 * shows a socket and read/write/poll/close work on it), the table of
 * address families, and the socket-level (SOL_SOCKET) options every family
 * shares. A family registers a net_proto_family whose create() fills in
 * sock->ops and sock->sk; the syscall layer (linuxabi/net.c) copies user
 * arguments into kernel form and calls the sock_* functions below.
 *
 * Addresses passed to ops are kernel copies (at most LINUX_SOCKADDR_MAX
 * bytes). Data moves through kmsg->iter; control messages go in as a
 * kernel copy of the sender's buffer and come out through put_cmsg()
 * straight into the receiver's user buffer.
 *
 * A struct socket lives exactly as long as its file: release runs on the
 * file's last fput. Fields set at creation are constant afterwards; the
 * option fields are written by setsockopt without a lock (single words).
 */
#ifndef KERNEL_NET_H
#define KERNEL_NET_H

#include <kernel/fs.h>
#include <kernel/types.h>
#include <kernel/waitqueue.h>
#include <linuxabi/uapi/socket.h>

struct socket;
struct poll_table;

/* A send or receive in kernel form. */
struct kmsghdr {
	void *name;                   /* send: destination (kernel copy) or NULL; recv: buffer */
	int namelen;                  /* send: its length; recv: set to the address length (0: none) */
	struct iov_iter *iter;        /* the data */
	void *control;                /* send: kernel copy of the control buffer */
	size_t controllen;
	void __user *ucontrol;        /* recv: the user's control buffer */
	size_t ucontrollen;           /* recv: its size */
	size_t ucontrol_used;         /* recv: bytes written there */
	unsigned flags;               /* recv: MSG_* flags to report (MSG_TRUNC, MSG_CTRUNC) */
	unsigned recv_flags;          /* recv: the caller's flags (MSG_CMSG_CLOEXEC) */
};

struct proto_ops {
	int family;
	int (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, void *addr, int len);
	int (*connect)(struct socket *sock, void *addr, int len, int flags);
	int (*socketpair)(struct socket *a, struct socket *b);
	/* newsock is fresh (type, ops set); flags: O_NONBLOCK of the listener */
	int (*accept)(struct socket *sock, struct socket *newsock, int flags);
	/* Write the address into addr (LINUX_SOCKADDR_MAX bytes); its length or -errno. */
	int (*getname)(struct socket *sock, void *addr, bool peer);
	unsigned (*poll)(struct file *f, struct socket *sock, struct poll_table *pt);
	long (*ioctl)(struct socket *sock, unsigned cmd, unsigned long arg);
	int (*listen)(struct socket *sock, int backlog);
	int (*shutdown)(struct socket *sock, int how);       /* how: SHUT_* (checked) */
	/* Options at levels other than SOL_SOCKET, and SOL_SOCKET ones the
	 * generic layer does not know (SO_PEERCRED). optval is a kernel copy. */
	int (*setsockopt)(struct socket *sock, int level, int name, void *val, unsigned len);
	int (*getsockopt)(struct socket *sock, int level, int name, void *val, unsigned *len);
	/* Bytes sent or -errno; flags MSG_*. */
	ssize_t (*sendmsg)(struct socket *sock, struct kmsghdr *m, unsigned flags);
	/* Bytes received (for MSG_TRUNC datagrams, the datagram's length) or -errno. */
	ssize_t (*recvmsg)(struct socket *sock, struct kmsghdr *m, unsigned flags);
};

#define SS_UNCONNECTED 1
#define SS_CONNECTING  2
#define SS_CONNECTED   3
#define SS_LISTENING   4

struct socket {
	int family, type, protocol;       /* constant */
	int state;                        /* SS_*; the family's lock */
	struct file *file;                /* constant once made; not referenced */
	const struct proto_ops *ops;      /* constant once created */
	void *sk;                         /* the family's state */
	struct net *net;                  /* the creator's network namespace (referenced); constant */
	/* SOL_SOCKET options */
	int sndbuf, rcvbuf;
	bool reuseaddr, reuseport, keepalive, broadcast, passcred, dontroute, oobinline;
	int priority, rcvlowat;
	struct linux_linger linger;
	u64 rcvtimeo_ns, sndtimeo_ns;     /* 0: no timeout */
	int err;                          /* SO_ERROR, reset when read; the family's lock */
};

#define SOCK_DEF_BUF 212992          /* net.core.[rw]mem_default */
#define SOCK_MIN_SNDBUF 4608
#define SOCK_MIN_RCVBUF 2304
#define SOCK_MAX_BUF (4 * 1024 * 1024)   /* net.core.[rw]mem_max as a cap */

struct net_proto_family {
	int family;
	/* Set sock->ops and sock->sk for this type/protocol; -ESOCKTNOSUPPORT,
	 * -EPROTONOSUPPORT ... as Linux. */
	int (*create)(struct socket *sock, int protocol, bool kern);
};
int sock_register(const struct net_proto_family *fam);

/* Create an unattached socket (no file yet). */
int sock_create(int family, int type, int protocol, struct socket **res);
/* Give sock a file (flags: O_NONBLOCK); on failure sock is released. */
struct file *sock_alloc_file(struct socket *sock, unsigned flags);
/* A new socket of the same family/type/ops (for accept); no sk yet. */
struct socket *sock_alloc_like(struct socket *sock);
/* Release a socket that has no file. */
void sock_release(struct socket *sock);
/* The socket behind a file, or NULL. */
struct socket *sock_from_file(struct file *f);
/* The socket of fd, with a reference on its file in *fp: -EBADF/-ENOTSOCK. */
struct socket *sockfd_lookup(int fd, struct file **fp, int *err);

ssize_t sock_sendmsg(struct socket *sock, struct kmsghdr *m, unsigned flags);
ssize_t sock_recvmsg(struct socket *sock, struct kmsghdr *m, unsigned flags);
int sock_setsockopt(struct socket *sock, int level, int name, void *val, unsigned len);
int sock_getsockopt(struct socket *sock, int level, int name, void *val, unsigned *len);
/* Is the socket in non-blocking mode for this call? */
bool sock_nonblock(struct socket *sock, unsigned flags);

/* Append a control message to the receiver's buffer; sets MSG_CTRUNC when it
 * does not fit. Returns 0 or -EFAULT. */
int put_cmsg(struct kmsghdr *m, int level, int type, const void *data, size_t len);

/* Sleep until cond, with the family's mutex m dropped while asleep; timeout
 * in ns (0: none). 0, -ERESTARTSYS (signal) or -EAGAIN (timed out). The
 * wait queue's lock is taken inside prepare_to_wait, never around m. */
#define sock_wait_locked(wq, cond, m, timeout_ns)                              \
	({                                                                     \
		struct wait_queue_entry __e;                                   \
		int __ret = 0;                                                 \
		u64 __left = (timeout_ns) ? (timeout_ns) : SCHEDULE_TIMEOUT_MAX; \
		init_wait_entry(&__e, 0);                                      \
		for (;;) {                                                     \
			prepare_to_wait((wq), &__e, TASK_INTERRUPTIBLE);       \
			if (cond)                                              \
				break;                                         \
			if (signal_pending(current)) {                         \
				__ret = -ERESTARTSYS;                          \
				break;                                         \
			}                                                      \
			if (!__left) {                                         \
				__ret = -EAGAIN;                               \
				break;                                         \
			}                                                      \
			mutex_unlock(m);                                       \
			__left = schedule_timeout(__left);                     \
			mutex_lock(m);                                         \
		}                                                              \
		finish_wait((wq), &__e);                                       \
		__ret;                                                         \
	})

void net_init(void);

#endif
