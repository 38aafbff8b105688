/*
 * The generic socket layer: socket files, the family table, SOL_SOCKET
 * options and control-message output. Families (unix.c; inet.c, tcp.c, udp.c)
 * plug in through sock_register and struct proto_ops (kernel/include/
 * kernel/net.h). A socket file is an anonymous S_IFSOCK inode on the
 * pseudo mount (like a pipe), whose read/write are recv/send with no
 * flags, whose poll is the family's, and whose last close releases the
 * socket.
 *
 * family_lock guards the family table (registration happens once at
 * first use; lookups read it under the lock).
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/net.h>
#include <kernel/net_ns.h>
#include <kernel/poll.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/uaccess.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* kernel/fs's pseudo mount (pipes live there too). XXX: declared here
 * rather than in kernel/include/kernel/fs.h, which the VFS owns. */
struct vfsmount *pseudo_mnt(void);

static const struct net_proto_family *families[LINUX_AF_MAX];
static DEFINE_SPINLOCK(family_lock);
static bool families_ready;

int sock_register(const struct net_proto_family *fam)
{
	int err = 0;

	if (fam->family <= 0 || fam->family >= LINUX_AF_MAX)
		return -EINVAL;
	spin_lock(&family_lock);
	if (families[fam->family])
		err = -EEXIST;
	else
		families[fam->family] = fam;
	spin_unlock(&family_lock);
	return err;
}

/* The built-in families register on first use: no init-order dependency. */
static void net_families_init(void)
{
	static DEFINE_MUTEX(init_mutex);

	if (READ_ONCE(families_ready))
		return;
	mutex_lock(&init_mutex);
	if (!families_ready) {
		unix_family_init();
		inet_family_init();
		netlink_family_init();
		WRITE_ONCE(families_ready, true);
	}
	mutex_unlock(&init_mutex);
}

void net_init(void)
{
	net_families_init();
}

static const struct file_operations socket_file_ops;

struct socket *sock_from_file(struct file *f)
{
	return f && f->f_op == &socket_file_ops ? f->private_data : NULL;
}

struct socket *sockfd_lookup(int fd, struct file **fp, int *err)
{
	struct file *f = fget(fd);
	struct socket *sock;

	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	sock = sock_from_file(f);
	if (!sock) {
		fput(f);
		*err = -ENOTSOCK;
		return NULL;
	}
	*fp = f;
	return sock;
}

static struct socket *sock_alloc(void)
{
	struct socket *sock = kzalloc(sizeof(*sock), GFP_KERNEL);

	if (!sock)
		return NULL;
	sock->net = get_net(current_net());   /* a socket is of its creator's namespace */
	sock->state = SS_UNCONNECTED;
	sock->sndbuf = SOCK_DEF_BUF;
	sock->rcvbuf = SOCK_DEF_BUF;
	return sock;
}

int sock_create(int family, int type, int protocol, struct socket **res)
{
	const struct net_proto_family *fam;
	struct socket *sock;
	int err;

	if (family < 0 || family >= LINUX_AF_MAX)
		return -EAFNOSUPPORT;
	if (type < 0 || type >= LINUX_SOCK_TYPE_MASK + 1)
		return -EINVAL;
	net_families_init();
	spin_lock(&family_lock);
	fam = families[family];
	spin_unlock(&family_lock);
	if (!fam)
		return -EAFNOSUPPORT;
	sock = sock_alloc();
	if (!sock)
		return -ENOMEM;
	sock->family = family;
	sock->type = type;
	sock->protocol = protocol;
	err = fam->create(sock, protocol, false);
	if (err) {
		put_net(sock->net);
		kfree(sock);
		return err;
	}
	*res = sock;
	return 0;
}

struct socket *sock_alloc_like(struct socket *old)
{
	struct socket *sock = sock_alloc();

	if (!sock)
		return NULL;
	sock->family = old->family;
	sock->type = old->type;
	sock->protocol = old->protocol;
	sock->ops = old->ops;
	put_net(sock->net);   /* accepted: of the listener's namespace */
	sock->net = get_net(old->net);
	return sock;
}

void sock_release(struct socket *sock)
{
	if (!sock)
		return;
	if (sock->ops && sock->sk)
		sock->ops->release(sock);
	put_net(sock->net);
	kfree(sock);
}

struct file *sock_alloc_file(struct socket *sock, unsigned flags)
{
	const struct cred *c = current_cred();
	struct inode *inode;
	struct file *f;
	char name[32];

	inode = new_inode(pseudo_mnt()->mnt_sb);
	if (!inode) {
		sock_release(sock);
		return ERR_PTR(-ENFILE);
	}
	inode->i_mode = S_IFSOCK | 0777;
	inode->i_uid = c ? c->fsuid : 0;
	inode->i_gid = c ? c->fsgid : 0;
	inode->i_fop = &socket_file_ops;
	snprintf(name, sizeof(name), "socket:[%llu]", (unsigned long long)inode->i_ino);
	f = alloc_file_pseudo(inode, name, LINUX_O_RDWR | (flags & LINUX_O_NONBLOCK),
			      &socket_file_ops);
	if (IS_ERR(f)) {
		iput(inode);
		sock_release(sock);
		return f;
	}
	f->private_data = sock;
	sock->file = f;
	return f;
}

bool sock_nonblock(struct socket *sock, unsigned flags)
{
	return (flags & LINUX_MSG_DONTWAIT) ||
	       (sock->file && (READ_ONCE(sock->file->f_flags) & LINUX_O_NONBLOCK));
}

ssize_t sock_sendmsg(struct socket *sock, struct kmsghdr *m, unsigned flags)
{
	if (!sock->ops->sendmsg)
		return -EOPNOTSUPP;
	return sock->ops->sendmsg(sock, m, flags);
}

ssize_t sock_recvmsg(struct socket *sock, struct kmsghdr *m, unsigned flags)
{
	if (!sock->ops->recvmsg)
		return -EOPNOTSUPP;
	m->recv_flags = flags;
	return sock->ops->recvmsg(sock, m, flags);
}

int put_cmsg(struct kmsghdr *m, int level, int type, const void *data, size_t len)
{
	struct linux_cmsghdr h;
	size_t room = m->ucontrollen - m->ucontrol_used;
	size_t clen = LINUX_CMSG_LEN(len), space = LINUX_CMSG_SPACE(len);
	char __user *p = (char __user *)m->ucontrol + m->ucontrol_used;

	if (!m->ucontrol || room < sizeof(h)) {
		m->flags |= LINUX_MSG_CTRUNC;
		return 0;
	}
	if (room < clen) {
		m->flags |= LINUX_MSG_CTRUNC;
		clen = room;
	}
	h.cmsg_len = clen;
	h.cmsg_level = level;
	h.cmsg_type = type;
	if (copy_to_user(p, &h, sizeof(h)) ||
	    copy_to_user(p + LINUX_CMSG_HDRLEN, data, clen - LINUX_CMSG_HDRLEN))
		return -EFAULT;
	m->ucontrol_used += MIN(space, room);
	return 0;
}

/* ---- SOL_SOCKET options ---- */

#define SOCK_MEM_MAX 212992   /* net.core.[rw]mem_max default */

/*
 * As Linux: SO_*BUF caps the request, taken as unsigned (so a negative one
 * is huge), at [rw]mem_max; *BUFFORCE reads a negative one as 0 and skips
 * that cap. Then the value is doubled for bookkeeping overhead, with a floor.
 */
static int clamp_buf(int v, int min, bool force)
{
	u64 val;

	if (force)
		val = v < 0 ? 0 : (u64)v;
	else
		val = MIN((u64)(u32)v, (u64)SOCK_MEM_MAX);
	val = MIN(val, (u64)(INT32_MAX / 2));
	return (int)MAX(val * 2, (u64)min);
}

static int timeval_to_ns(const void *val, unsigned len, u64 *ns)
{
	struct linux_timeval_sock tv;

	if (len < sizeof(tv))
		return -EINVAL;
	memcpy(&tv, val, sizeof(tv));
	if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EDOM;
	if (tv.tv_sec < 0) {
		*ns = 0;   /* Linux: a negative time means "no timeout" (after a warning) */
		return 0;
	}
	/* A time too long to count in ns waits forever, as Linux saturates. */
	if ((u64)tv.tv_sec >= ~0ULL / 1000000000ULL - 1) {
		*ns = 0;
		return 0;
	}
	*ns = (u64)tv.tv_sec * 1000000000ULL + (u64)tv.tv_usec * 1000;
	return 0;
}

int sock_setsockopt(struct socket *sock, int level, int name, void *val, unsigned len)
{
	int v;

	if (level != LINUX_SOL_SOCKET) {
		if (!sock->ops->setsockopt)
			return -ENOPROTOOPT;
		return sock->ops->setsockopt(sock, level, name, val, len);
	}
	switch (name) {
	case LINUX_SO_RCVTIMEO:
		return timeval_to_ns(val, len, &sock->rcvtimeo_ns);
	case LINUX_SO_SNDTIMEO:
		return timeval_to_ns(val, len, &sock->sndtimeo_ns);
	case LINUX_SO_LINGER:
		if (len < sizeof(struct linux_linger))
			return -EINVAL;
		memcpy(&sock->linger, val, sizeof(sock->linger));
		return 0;
	}
	if (len < sizeof(int))
		return -EINVAL;
	memcpy(&v, val, sizeof(int));
	switch (name) {
	case LINUX_SO_DEBUG:
		return 0;
	case LINUX_SO_REUSEADDR:
		sock->reuseaddr = v != 0;
		return 0;
	case LINUX_SO_REUSEPORT:
		sock->reuseport = v != 0;
		return 0;
	case LINUX_SO_KEEPALIVE:
		sock->keepalive = v != 0;
		return 0;
	case LINUX_SO_BROADCAST:
		sock->broadcast = v != 0;
		return 0;
	case LINUX_SO_DONTROUTE:
		sock->dontroute = v != 0;
		return 0;
	case LINUX_SO_OOBINLINE:
		sock->oobinline = v != 0;
		return 0;
	case LINUX_SO_PASSCRED:
		sock->passcred = v != 0;
		return 0;
	case LINUX_SO_PRIORITY:
		if ((v < 0 || v > 6) && !capable_root())
			return -EPERM;
		sock->priority = v;
		return 0;
	case LINUX_SO_RCVLOWAT:
		sock->rcvlowat = v < 0 ? 0x7fffffff : (v ? v : 1);
		return 0;
	case LINUX_SO_SNDLOWAT:
		return -ENOPROTOOPT;   /* as Linux: not changeable */
	case LINUX_SO_SNDBUFFORCE:
	case LINUX_SO_RCVBUFFORCE:
		if (!capable_root())
			return -EPERM;
		/* fall through */
	case LINUX_SO_SNDBUF:
	case LINUX_SO_RCVBUF:
		if (name == LINUX_SO_SNDBUF || name == LINUX_SO_SNDBUFFORCE)
			WRITE_ONCE(sock->sndbuf, clamp_buf(v, SOCK_MIN_SNDBUF,
							   name == LINUX_SO_SNDBUFFORCE));
		else
			WRITE_ONCE(sock->rcvbuf, clamp_buf(v, SOCK_MIN_RCVBUF,
							   name == LINUX_SO_RCVBUFFORCE));
		return 0;
	case LINUX_SO_TYPE:
	case LINUX_SO_ERROR:
	case LINUX_SO_PROTOCOL:
	case LINUX_SO_DOMAIN:
	case LINUX_SO_ACCEPTCONN:
	case LINUX_SO_PEERCRED:
		return -ENOPROTOOPT;
	}
	if (sock->ops->setsockopt)
		return sock->ops->setsockopt(sock, level, name, val, len);
	return -ENOPROTOOPT;
}

/* val has room for LINUX_SOCKADDR_MAX bytes; *len is the caller's length in,
 * the length to copy out on return. */
int sock_getsockopt(struct socket *sock, int level, int name, void *val, unsigned *len)
{
	int v;

	if (level != LINUX_SOL_SOCKET) {
		if (!sock->ops->getsockopt)
			return -ENOPROTOOPT;
		return sock->ops->getsockopt(sock, level, name, val, len);
	}
	switch (name) {
	case LINUX_SO_RCVTIMEO:
	case LINUX_SO_SNDTIMEO: {
		u64 ns = name == LINUX_SO_RCVTIMEO ? sock->rcvtimeo_ns : sock->sndtimeo_ns;
		struct linux_timeval_sock tv = { ns / 1000000000ULL, (ns % 1000000000ULL) / 1000 };

		/* A short buffer gets the first bytes, as Linux copies min(len). */
		*len = MIN(*len, (unsigned)sizeof(tv));
		memcpy(val, &tv, *len);
		return 0;
	}
	case LINUX_SO_LINGER:
		*len = MIN(*len, (unsigned)sizeof(sock->linger));
		memcpy(val, &sock->linger, *len);
		return 0;
	case LINUX_SO_PEERCRED:
		if (!sock->ops->getsockopt)
			return -ENOPROTOOPT;
		return sock->ops->getsockopt(sock, level, name, val, len);
	case LINUX_SO_DEBUG: v = 0; break;
	case LINUX_SO_REUSEADDR: v = sock->reuseaddr; break;
	case LINUX_SO_REUSEPORT: v = sock->reuseport; break;
	case LINUX_SO_KEEPALIVE: v = sock->keepalive; break;
	case LINUX_SO_BROADCAST: v = sock->broadcast; break;
	case LINUX_SO_DONTROUTE: v = sock->dontroute; break;
	case LINUX_SO_OOBINLINE: v = sock->oobinline; break;
	case LINUX_SO_PASSCRED: v = sock->passcred; break;
	case LINUX_SO_PRIORITY: v = sock->priority; break;
	case LINUX_SO_RCVLOWAT: v = sock->rcvlowat ? sock->rcvlowat : 1; break;
	case LINUX_SO_SNDLOWAT: v = 1; break;
	case LINUX_SO_SNDBUF: v = READ_ONCE(sock->sndbuf); break;
	case LINUX_SO_RCVBUF: v = READ_ONCE(sock->rcvbuf); break;
	case LINUX_SO_TYPE: v = sock->type; break;
	case LINUX_SO_PROTOCOL: v = sock->protocol; break;
	case LINUX_SO_DOMAIN: v = sock->family; break;
	case LINUX_SO_ACCEPTCONN: v = sock->state == SS_LISTENING; break;
	case LINUX_SO_ERROR:
		/* A family keeping its own pending error reports it first. */
		if (sock->ops->getsockopt) {
			int r = sock->ops->getsockopt(sock, level, name, val, len);

			if (r != -ENOPROTOOPT)
				return r;
		}
		v = __atomic_exchange_n(&sock->err, 0, __ATOMIC_RELAXED);
		if (v < 0)
			v = -v;
		break;
	default:
		if (sock->ops->getsockopt)
			return sock->ops->getsockopt(sock, level, name, val, len);
		return -ENOPROTOOPT;
	}
	/* Linux copies min(len, sizeof(int)) of an int option (len < 0 is EINVAL). */
	*len = MIN(*len, (unsigned)sizeof(int));
	memcpy(val, &v, *len);
	return 0;
}

/* ---- the socket file ---- */

static ssize_t sock_read_iter(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct socket *sock = f->private_data;
	struct kmsghdr m = { .iter = to };

	if (!iov_iter_count(to))
		return 0;
	return sock_recvmsg(sock, &m, 0);
}

static ssize_t sock_write_iter(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct socket *sock = f->private_data;
	struct kmsghdr m = { .iter = from };

	if (!iov_iter_count(from))
		return 0;   /* XXX: Linux sends a zero-length datagram on SOCK_DGRAM */
	return sock_sendmsg(sock, &m, 0);
}

static unsigned sock_poll(struct file *f, struct poll_table *pt)
{
	struct socket *sock = f->private_data;

	if (!sock->ops->poll)
		return DEFAULT_POLLMASK;
	return sock->ops->poll(f, sock, pt);
}

static long sock_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
	struct socket *sock = f->private_data;
	long r = -ENOIOCTLCMD;

	if (sock->ops->ioctl)
		r = sock->ops->ioctl(sock, cmd, arg);
	/* As Linux: interface requests (SIOCGIF*) work on any socket. */
	if (r == -ENOIOCTLCMD)
		r = inet_dev_ioctl(sock->net, cmd, arg);
	return r == -ENOIOCTLCMD ? -ENOTTY : r;
}

static int sock_file_release(struct inode *inode, struct file *f)
{
	struct socket *sock = f->private_data;

	sock->file = NULL;
	sock_release(sock);
	return 0;
}

static const struct file_operations socket_file_ops = {
	.read_iter = sock_read_iter,
	.write_iter = sock_write_iter,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.release = sock_file_release,
	.fasync = true,
};
