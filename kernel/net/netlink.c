/*
 * AF_NETLINK, NETLINK_ROUTE only, and only what is needed to describe the
 * one interface there is: RTM_GETLINK and RTM_GETADDR (dump or single)
 * answer with the socket's network namespace's lo (index 1, LOOPBACK, and
 * UP|RUNNING|LOWER_UP with 127.0.0.1/8 and ::1/128 while it is up), so
 * getifaddrs(), if_nameindex() and `ip addr` work. RTM_NEWLINK changes
 * lo's IFF_UP (`ip link set lo up`). Route and neighbour dumps are empty;
 * other requests that would change something are EPERM for users and
 * EOPNOTSUPP for root.
 *
 * A request is answered at once, while it is being sent: the answer (all
 * messages of a dump and NLMSG_DONE in one datagram, as Linux packs a
 * small dump) is queued on the socket, so a reader with MSG_DONTWAIT (musl)
 * finds it.
 *
 * XXX: no multicast notifications, no messages between user sockets
 * (ECONNREFUSED), no other netlink protocols (EPROTONOSUPPORT).
 */
#include <kernel/errno.h>
#include <kernel/pid_ns.h>
#include <kernel/mm.h>
#include <kernel/net.h>
#include <kernel/net_ns.h>
#include <kernel/poll.h>
#include <kernel/proc.h>
#include <kernel/uaccess.h>
#include <string.h>

#include "internal.h"

#define NETLINK_ROUTE 0
#define SOL_NETLINK 270

#define NLMSG_NOOP  1
#define NLMSG_ERROR 2
#define NLMSG_DONE  3
#define NLM_F_REQUEST 0x1
#define NLM_F_MULTI   0x2
#define NLM_F_ACK     0x4
#define NLM_F_DUMP    0x300

#define RTM_NEWLINK  16
#define RTM_GETLINK  18
#define RTM_NEWADDR  20
#define RTM_GETADDR  22
#define RTM_GETROUTE 26
#define RTM_GETNEIGH 30
#define RTM_GETRULE  34
#define RTM_GETQDISC 38

#define IFLA_ADDRESS   1
#define IFLA_BROADCAST 2
#define IFLA_IFNAME    3
#define IFLA_MTU       4
#define IFLA_TXQLEN    13
#define IFLA_OPERSTATE 16
#define IFA_ADDRESS 1
#define IFA_LOCAL   2
#define IFA_LABEL   3
#define IFA_FLAGS   8

#define ARPHRD_LOOPBACK 772
#define IFA_F_PERMANENT 0x80
#define RT_SCOPE_HOST 254

#define NL_ALIGN(n) (((n) + 3) & ~3u)
#define NL_ANSWER_MAX 1024

struct nlmsghdr_l {
	u32 len;
	u16 type;
	u16 flags;
	u32 seq;
	u32 pid;
};

struct sockaddr_nl_l {
	u16 nl_family;
	u16 nl_pad;
	u32 nl_pid;
	u32 nl_groups;
};

struct nl_dgram {
	struct list_head node;
	size_t len;
	char data[];
};

struct nl_sock {
	struct list_head node;       /* in nl_socks */
	u32 portid;                  /* 0: not bound yet */
	u32 groups;
	struct list_head rq;         /* nl_dgram: answers not read yet */
	size_t rq_bytes;
	struct wait_queue_head wq;
};

static DEFINE_MUTEX(nl_lock);    /* nl_socks, every nl_sock field */
static LIST_HEAD(nl_socks);
static s32 nl_autobind_next = -4096;

static const struct proto_ops netlink_ops;

static bool portid_used(u32 id)
{
	struct nl_sock *n;

	list_for_each_entry(n, &nl_socks, node)
		if (n->portid == id)
			return true;
	return false;
}

/* nl_lock held: as Linux, the process id first, then negative numbers. */
static void autobind_locked(struct nl_sock *n)
{
	u32 id = task_tgid_vnr(current);   /* the pid the process knows (Linux) */

	while (portid_used(id))
		id = (u32)nl_autobind_next--;
	n->portid = id;
}

static int netlink_create(struct socket *sock, int protocol, bool kern)
{
	struct nl_sock *n;

	if (sock->type != LINUX_SOCK_RAW && sock->type != LINUX_SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol != NETLINK_ROUTE)
		return -EPROTONOSUPPORT;   /* XXX: no other netlink families */
	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	INIT_LIST_HEAD(&n->rq);
	init_waitqueue_head(&n->wq);
	mutex_lock(&nl_lock);
	list_add_tail(&n->node, &nl_socks);
	mutex_unlock(&nl_lock);
	sock->sk = n;
	sock->ops = &netlink_ops;
	return 0;
}

static int netlink_release(struct socket *sock)
{
	struct nl_sock *n = sock->sk;

	mutex_lock(&nl_lock);
	list_del(&n->node);
	while (!list_empty(&n->rq)) {
		struct nl_dgram *d = list_first_entry(&n->rq, struct nl_dgram, node);

		list_del(&d->node);
		kfree(d);
	}
	mutex_unlock(&nl_lock);
	kfree(n);
	sock->sk = NULL;
	return 0;
}

static int netlink_bind(struct socket *sock, void *addr, int len)
{
	struct nl_sock *n = sock->sk;
	struct sockaddr_nl_l sa;
	int err = 0;

	if (len < (int)sizeof(sa))
		return -EINVAL;
	memcpy(&sa, addr, sizeof(sa));
	if (sa.nl_family != LINUX_AF_NETLINK)
		return -EINVAL;
	mutex_lock(&nl_lock);
	if (n->portid) {
		if (sa.nl_pid && sa.nl_pid != n->portid)
			err = -EINVAL;
	} else if (sa.nl_pid) {
		if (portid_used(sa.nl_pid))
			err = -EADDRINUSE;
		else
			n->portid = sa.nl_pid;
	} else {
		autobind_locked(n);
	}
	if (!err)
		n->groups = sa.nl_groups;   /* XXX: no notification is ever sent */
	mutex_unlock(&nl_lock);
	return err;
}

static int netlink_connect(struct socket *sock, void *addr, int len, int flags)
{
	struct sockaddr_nl_l sa;

	if (len < (int)sizeof(u16))
		return -EINVAL;
	memcpy(&sa, addr, MIN(len, (int)sizeof(sa)));
	if (sa.nl_family == LINUX_AF_UNSPEC)
		return 0;
	if (len < (int)sizeof(sa) || sa.nl_family != LINUX_AF_NETLINK)
		return -EINVAL;
	if (sa.nl_pid)
		return -ECONNREFUSED;   /* XXX: only the kernel answers */
	return 0;
}

static int netlink_getname(struct socket *sock, void *addr, bool peer)
{
	struct nl_sock *n = sock->sk;
	struct sockaddr_nl_l sa = { .nl_family = LINUX_AF_NETLINK };

	mutex_lock(&nl_lock);
	if (!peer) {
		sa.nl_pid = n->portid;
		sa.nl_groups = n->groups;
	}
	mutex_unlock(&nl_lock);
	memcpy(addr, &sa, sizeof(sa));
	return sizeof(sa);
}

/* ---- building answers ---- */

struct nl_buf {
	char *p;
	size_t len, cap;
	bool overflow;
};

static void *put(struct nl_buf *b, size_t n)
{
	void *at;

	if (b->len + NL_ALIGN(n) > b->cap) {
		b->overflow = true;
		return NULL;
	}
	at = b->p + b->len;
	memset(at, 0, NL_ALIGN(n));
	b->len += NL_ALIGN(n);
	return at;
}

static size_t msg_begin(struct nl_buf *b, u16 type, u16 flags, u32 seq, u32 pid)
{
	size_t start = b->len;
	struct nlmsghdr_l *h = put(b, sizeof(*h));

	if (h) {
		h->type = type;
		h->flags = flags;
		h->seq = seq;
		h->pid = pid;
	}
	return start;
}

static void msg_end(struct nl_buf *b, size_t start)
{
	if (!b->overflow)
		((struct nlmsghdr_l *)(b->p + start))->len = b->len - start;
}

static void put_attr(struct nl_buf *b, u16 type, const void *data, u16 len)
{
	u16 *a = put(b, 4 + len);

	if (!a)
		return;
	a[0] = 4 + len;
	a[1] = type;
	memcpy(a + 2, data, len);
}

static void put_u32_attr(struct nl_buf *b, u16 type, u32 v)
{
	put_attr(b, type, &v, sizeof(v));
}

static void link_msg(struct net *net, struct nl_buf *b, u16 flags, u32 seq, u32 pid)
{
	size_t m = msg_begin(b, RTM_NEWLINK, flags, seq, pid);
	u8 *ifi = put(b, 16), zero[6] = { 0 };
	u8 oper = net_lo_up(net) ? 0 : 2;   /* IF_OPER_UNKNOWN (lo up), IF_OPER_DOWN */

	if (ifi) {
		u16 type = ARPHRD_LOOPBACK;
		int index = 1;
		u32 fl = net_lo_flags(net, true);

		memcpy(ifi + 2, &type, 2);
		memcpy(ifi + 4, &index, 4);
		memcpy(ifi + 8, &fl, 4);
	}
	put_attr(b, IFLA_IFNAME, "lo", 3);
	put_u32_attr(b, IFLA_TXQLEN, 1000);
	put_attr(b, IFLA_OPERSTATE, &oper, 1);
	put_u32_attr(b, IFLA_MTU, 65536);
	put_attr(b, IFLA_ADDRESS, zero, 6);
	put_attr(b, IFLA_BROADCAST, zero, 6);
	msg_end(b, m);
}

static void addr_msg(struct nl_buf *b, int family, u16 flags, u32 seq, u32 pid)
{
	size_t m = msg_begin(b, RTM_NEWADDR, flags, seq, pid);
	u8 *ifa = put(b, 8);
	int index = 1;

	if (ifa) {
		ifa[0] = family;
		ifa[1] = family == LINUX_AF_INET ? 8 : 128;
		ifa[2] = IFA_F_PERMANENT;
		ifa[3] = RT_SCOPE_HOST;
		memcpy(ifa + 4, &index, 4);
	}
	if (family == LINUX_AF_INET) {
		u8 a[4] = { 127, 0, 0, 1 };

		put_attr(b, IFA_ADDRESS, a, 4);
		put_attr(b, IFA_LOCAL, a, 4);
		put_attr(b, IFA_LABEL, "lo", 3);
	} else {
		u8 a[16] = { 0 };

		a[15] = 1;
		put_attr(b, IFA_ADDRESS, a, 16);
	}
	put_u32_attr(b, IFA_FLAGS, IFA_F_PERMANENT);
	msg_end(b, m);
}

static void error_msg(struct nl_buf *b, const struct nlmsghdr_l *req, int err, u32 pid)
{
	size_t m = msg_begin(b, NLMSG_ERROR, 0, req->seq, pid);
	int *e = put(b, sizeof(int) + sizeof(*req));

	if (e) {
		*e = err;
		memcpy(e + 1, req, sizeof(*req));
		((struct nlmsghdr_l *)(e + 1))->len = sizeof(*req);   /* as NETLINK_CAP_ACK */
	}
	msg_end(b, m);
}

#define IFLA_ALIGN(n) (((n) + 3) & ~3u)

/* RTM_NEWLINK on an existing link, as `ip link set lo up|down` sends it:
 * ifinfomsg's flags under its change mask (0 meaning all, as Linux). */
static int newlink(struct net *net, const u8 *payload, size_t plen)
{
	u32 fl, change;
	int index;

	if (!capable_root())
		return -EPERM;
	if (plen < 16)
		return -EINVAL;
	memcpy(&index, payload + 4, 4);
	memcpy(&fl, payload + 8, 4);
	memcpy(&change, payload + 12, 4);
	if (!index) {
		/* By name: IFLA_IFNAME "lo". */
		for (size_t off = 16; off + 4 <= plen;) {
			u16 alen, atype;

			memcpy(&alen, payload + off, 2);
			memcpy(&atype, payload + off + 2, 2);
			if (alen < 4 || off + alen > plen)
				return -EINVAL;
			if (atype == IFLA_IFNAME) {
				if (alen - 4 < 3 || memcmp(payload + off + 4, "lo", 3))
					return -ENODEV;
				index = 1;
			}
			off += IFLA_ALIGN(alen);
		}
		if (!index)
			return -EINVAL;   /* Linux: creating links needs IFLA_LINKINFO */
	}
	if (index != 1)
		return -ENODEV;
	/* XXX: other attributes (mtu, name, address) are ignored. */
	if (!change)
		change = ~0u;
	if (change & NET_IFF_UP)
		net_lo_set_up(net, fl & NET_IFF_UP);
	return 0;
}

/* Answer one request into b. */
static void answer(struct net *net, struct nl_buf *b, const struct nlmsghdr_l *h,
		   const u8 *payload, size_t plen, u32 pid)
{
	bool dump = (h->flags & NLM_F_DUMP) == NLM_F_DUMP;
	int err = 0;

	if (!(h->flags & NLM_F_REQUEST) || h->type < 16) {
		return;   /* Linux ignores what is not a request, and control messages */
	}
	switch (h->type) {
	case RTM_GETLINK:
		if (dump) {
			link_msg(net, b, NLM_F_MULTI, h->seq, pid);
		} else {
			int index = 0;

			if (plen >= 8)
				memcpy(&index, payload + 4, 4);
			if (index != 1 && index != 0)
				err = -ENODEV;
			else
				link_msg(net, b, 0, h->seq, pid);
		}
		break;
	case RTM_GETADDR: {
		int family = plen >= 1 ? payload[0] : LINUX_AF_UNSPEC;

		if (!dump) {
			err = -EOPNOTSUPP;
			break;
		}
		if (!net_lo_up(net))
			break;   /* Linux adds lo's addresses when it comes up */
		if (family == LINUX_AF_UNSPEC || family == LINUX_AF_INET)
			addr_msg(b, LINUX_AF_INET, NLM_F_MULTI, h->seq, pid);
		if (family == LINUX_AF_UNSPEC || family == LINUX_AF_INET6)
			addr_msg(b, LINUX_AF_INET6, NLM_F_MULTI, h->seq, pid);
		break;
	}
	case RTM_GETROUTE:
	case RTM_GETNEIGH:
	case RTM_GETRULE:
	case RTM_GETQDISC:
		if (!dump)
			err = -EOPNOTSUPP;
		break;   /* XXX: empty tables */
	case RTM_NEWLINK:
		err = newlink(net, payload, plen);
		break;
	default:
		err = capable_root() ? -EOPNOTSUPP : -EPERM;
		break;
	}
	if (err) {
		error_msg(b, h, err, pid);
		return;
	}
	if (dump) {
		size_t m = msg_begin(b, NLMSG_DONE, NLM_F_MULTI, h->seq, pid);
		int *zero = put(b, sizeof(int));

		if (zero)
			*zero = 0;
		msg_end(b, m);
	} else if (h->flags & NLM_F_ACK) {
		error_msg(b, h, 0, pid);
	}
}

static ssize_t netlink_sendmsg(struct socket *sock, struct kmsghdr *m, unsigned flags)
{
	struct nl_sock *n = sock->sk;
	size_t len = iov_iter_count(m->iter), off = 0;
	struct nl_buf b = { 0 };
	struct nl_dgram *d;
	char *req;
	u32 pid;

	if (m->name) {
		struct sockaddr_nl_l sa = { 0 };

		if (m->namelen < (int)sizeof(sa))
			return -EINVAL;
		memcpy(&sa, m->name, sizeof(sa));
		if (sa.nl_family != LINUX_AF_NETLINK)
			return -EINVAL;
		if (sa.nl_pid)
			return -ECONNREFUSED;   /* XXX: only the kernel answers */
	}
	if (len > (size_t)sock->sndbuf - 32)
		return -EMSGSIZE;
	req = kmalloc(len ? len : 1, GFP_KERNEL);
	d = kmalloc(sizeof(*d) + NL_ANSWER_MAX * 4, GFP_KERNEL);
	if (!req || !d) {
		kfree(req);
		kfree(d);
		return -ENOBUFS;
	}
	if (len && copy_from_iter(req, len, m->iter) != len) {
		kfree(req);
		kfree(d);
		return -EFAULT;
	}
	mutex_lock(&nl_lock);
	if (!n->portid)
		autobind_locked(n);
	pid = n->portid;
	mutex_unlock(&nl_lock);
	b.p = d->data;
	b.cap = NL_ANSWER_MAX * 4;
	/* A datagram may hold several requests, each aligned to 4 bytes. */
	while (len - off >= sizeof(struct nlmsghdr_l)) {
		struct nlmsghdr_l h;

		memcpy(&h, req + off, sizeof(h));
		if (h.len < sizeof(h) || h.len > len - off)
			break;
		answer(sock->net, &b, &h, (u8 *)req + off + sizeof(h), h.len - sizeof(h), pid);
		off += NL_ALIGN(h.len);
	}
	kfree(req);
	if (!b.len) {
		kfree(d);
		return len;
	}
	d->len = b.len;
	mutex_lock(&nl_lock);
	if (n->rq_bytes + d->len > (size_t)sock->rcvbuf) {
		mutex_unlock(&nl_lock);
		kfree(d);
		return -ENOBUFS;   /* XXX: Linux reports the overrun on the reader (ENOBUFS) */
	}
	list_add_tail(&d->node, &n->rq);
	n->rq_bytes += d->len;
	wake_up_all(&n->wq);
	mutex_unlock(&nl_lock);
	return len;
}

static ssize_t netlink_recvmsg(struct socket *sock, struct kmsghdr *m, unsigned flags)
{
	struct nl_sock *n = sock->sk;
	struct nl_dgram *d = NULL;
	ssize_t ret;
	size_t c;

	mutex_lock(&nl_lock);
	for (;;) {
		if (!list_empty(&n->rq))
			break;
		if (sock_nonblock(sock, flags)) {
			ret = -EAGAIN;
			goto out;
		}
		ret = sock_wait_locked(&n->wq, !list_empty(&n->rq), &nl_lock, sock->rcvtimeo_ns);
		if (ret)
			goto out;
	}
	d = list_first_entry(&n->rq, struct nl_dgram, node);
	c = MIN(d->len, iov_iter_count(m->iter));
	if (c && copy_to_iter(d->data, c, m->iter) != c) {
		ret = -EFAULT;
		d = NULL;
		goto out;
	}
	if (c < d->len)
		m->flags |= LINUX_MSG_TRUNC;
	ret = (flags & LINUX_MSG_TRUNC) ? (ssize_t)d->len : (ssize_t)c;
	if (m->name) {
		struct sockaddr_nl_l sa = { .nl_family = LINUX_AF_NETLINK };

		memcpy(m->name, &sa, sizeof(sa));
		m->namelen = sizeof(sa);
	}
	if (flags & LINUX_MSG_PEEK) {
		d = NULL;
	} else {
		list_del(&d->node);
		n->rq_bytes -= d->len;
	}
out:
	mutex_unlock(&nl_lock);
	kfree(d);
	return ret;
}

static unsigned netlink_poll(struct file *f, struct socket *sock, struct poll_table *pt)
{
	struct nl_sock *n = sock->sk;
	unsigned mask = POLLOUT | POLLWRNORM;

	poll_wait(f, &n->wq, pt);
	mutex_lock(&nl_lock);
	if (!list_empty(&n->rq))
		mask |= POLLIN | POLLRDNORM;
	mutex_unlock(&nl_lock);
	return mask;
}

static int netlink_setsockopt(struct socket *sock, int level, int name, void *val, unsigned len)
{
	if (level != SOL_NETLINK)
		return -ENOPROTOOPT;
	if (len < sizeof(int))
		return -EINVAL;
	return 0;   /* XXX: NETLINK_EXT_ACK, GET_STRICT_CHK, ... are accepted and ignored */
}

static int netlink_getsockopt(struct socket *sock, int level, int name, void *val, unsigned *len)
{
	int v = 0;

	if (level != SOL_NETLINK)
		return -ENOPROTOOPT;
	*len = MIN(*len, (unsigned)sizeof(v));
	memcpy(val, &v, *len);
	return 0;
}

static const struct proto_ops netlink_ops = {
	.family = LINUX_AF_NETLINK,
	.release = netlink_release,
	.bind = netlink_bind,
	.connect = netlink_connect,
	.getname = netlink_getname,
	.poll = netlink_poll,
	.setsockopt = netlink_setsockopt,
	.getsockopt = netlink_getsockopt,
	.sendmsg = netlink_sendmsg,
	.recvmsg = netlink_recvmsg,
};

static const struct net_proto_family netlink_family = {
	.family = LINUX_AF_NETLINK,
	.create = netlink_create,
};

void netlink_family_init(void)
{
	sock_register(&netlink_family);
}
