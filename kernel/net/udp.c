/*
 * UDP over the in-kernel loopback: a send finds the socket bound to the
 * destination (address, port), preferring a connected socket whose peer
 * is the sender and then an exact address over a wildcard, and queues the
 * datagram on it; a receiver over its SO_RCVBUF drops it, as Linux does.
 * Nobody bound there is Linux's ICMP port unreachable: the send succeeds
 * and a connected sender gets ECONNREFUSED on its next call.
 *
 * XXX: no IP_PKTINFO/IPV6_PKTINFO control messages, no error queue, no
 * broadcast or multicast (lo has neither), no UDP GSO/GRO.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/poll.h>
#include <kernel/proc.h>
#include <kernel/uaccess.h>
#include <string.h>

#include "inet.h"

#define LINUX_SOL_UDP 17
#define LINUX_UDP_CORK 1
#define LINUX_FIONREAD 0x541B
#define LINUX_SIOCOUTQ 0x5411
#define LINUX_MSG_ERRQUEUE 0x2000

#define UDP_MAX4 65507          /* 65535 less the IPv4 and UDP headers */
#define UDP_MAX6 65527          /* 65535 less the UDP header */
#define DGRAM_OVERHEAD 768      /* about an skb's truesize beyond its data */

int udp_init_sock(struct socket *sock, struct inet_sock *in)
{
	sock->ops = &udp_ops;
	return 0;
}

void udp_free_queue(struct inet_sock *in)
{
	while (!list_empty(&in->dgrams)) {
		struct inet_dgram *d = list_first_entry(&in->dgrams, struct inet_dgram, node);

		list_del(&d->node);
		kfree(d);
	}
	in->dgram_bytes = 0;
	in->dgram_count = 0;
}

static int udp_release(struct socket *sock)
{
	struct inet_sock *in = inet_sk(sock);

	mutex_lock(&inet_lock);
	in->sock = NULL;
	in->dead = true;
	inet_unhash_locked(in);
	udp_free_queue(in);
	wake_up_all(&in->wq);
	inet_put(in);
	mutex_unlock(&inet_lock);
	sock->sk = NULL;
	return 0;
}

static void unconnect_locked(struct socket *sock, struct inet_sock *in)
{
	in->connected = false;
	memset(&in->daddr, 0, sizeof(in->daddr));
	in->dport = 0;
	if (!in->addr_bound) {
		memset(&in->laddr, 0, sizeof(in->laddr));
		if (in->family == LINUX_AF_INET)
			in6_set_v4(&in->laddr, 0);
	}
	if (!in->port_bound) {
		inet_unhash_locked(in);
		in->lport = 0;
	}
	sock->state = SS_UNCONNECTED;
}

static int udp_connect(struct socket *sock, void *uaddr, int len, int flags)
{
	struct inet_sock *in = inet_sk(sock);
	struct in6 daddr, saddr;
	bool unspec;
	u16 dport;
	int err;

	if (len >= (int)sizeof(u16) && ((struct linux_sockaddr *)uaddr)->sa_family == LINUX_AF_UNSPEC) {
		mutex_lock(&inet_lock);
		unconnect_locked(sock, in);
		mutex_unlock(&inet_lock);
		return 0;
	}
	err = inet_parse_addr(in, uaddr, len, &daddr, &dport, &unspec, true);
	if (err)
		return err;
	if (in->family == LINUX_AF_INET6 && in->v6only && in6_is_v4mapped(&daddr) &&
	    ((struct linux_sockaddr *)uaddr)->sa_family == LINUX_AF_INET)
		return -EAFNOSUPPORT;
	mutex_lock(&inet_lock);
	err = inet_route(in, &daddr);
	if (err)
		goto out;
	err = inet_autobind_locked(in);
	if (err)
		goto out;
	inet_source(in, &daddr, &saddr);
	if (!in->addr_bound)
		in->laddr = saddr;
	in->daddr = daddr;
	in->dport = dport;
	in->connected = true;
	sock->state = SS_CONNECTED;
out:
	mutex_unlock(&inet_lock);
	return err;
}

/* inet_lock held: the socket a datagram from (saddr, sport) to (daddr, dport) reaches. */
static struct inet_sock *udp_lookup(struct net *net, const struct in6 *saddr, u16 sport, const struct in6 *daddr,
				    u16 dport)
{
	struct list_head *table = inet_port_list(LINUX_IPPROTO_UDP);
	struct inet_sock *o, *best = NULL;
	int best_score = -1;

	list_for_each_entry(o, &table[dport % 256], port_node) {
		int score = 0;

		if (o->lport != dport || o->dead || o->net != net || !inet_addr_match(o, daddr))
			continue;
		if (o->connected) {
			if (o->dport != sport || !in6_eq(&o->daddr, saddr))
				continue;
			score += 4;
		}
		if (in6_eq(&o->laddr, daddr))
			score += 2;
		if (score > best_score) {
			best = o;
			best_score = score;
		}
	}
	return best;
}

static ssize_t udp_sendmsg(struct socket *sock, struct kmsghdr *m, unsigned flags)
{
	struct inet_sock *in = inet_sk(sock), *to;
	size_t len = iov_iter_count(m->iter);
	struct inet_dgram *d;
	struct in6 daddr, saddr;
	u16 dport;
	ssize_t err;

	if (len > 0xffff)
		return -EMSGSIZE;
	if (flags & LINUX_MSG_OOB)
		return -EOPNOTSUPP;
	if (m->name) {
		bool unspec;

		err = inet_parse_addr(in, m->name, m->namelen, &daddr, &dport, &unspec, true);
		if (err)
			return err;
		if (unspec && in->family == LINUX_AF_INET6) {
			m->name = NULL;   /* Linux: AF_UNSPEC means "the connected peer" */
		} else {
			if (!dport)
				return -EINVAL;
			if (in->family == LINUX_AF_INET6 && in->v6only && in6_is_v4mapped(&daddr))
				return -ENETUNREACH;
		}
	}
	d = kmalloc(sizeof(*d) + len, GFP_KERNEL);
	if (!d)
		return -ENOBUFS;
	if (len && copy_from_iter(d->data, len, m->iter) != len) {
		kfree(d);
		return -EFAULT;
	}
	d->len = len;
	mutex_lock(&inet_lock);
	if (!m->name) {
		if (!in->connected) {
			err = -EDESTADDRREQ;
			goto out;
		}
		daddr = in->daddr;
		dport = in->dport;
	}
	if (in->err) {
		err = -in->err;
		in->err = 0;
		goto out;
	}
	if (in->shutdown & SEND_SHUTDOWN) {
		err = -EPIPE;
		goto out;
	}
	if (in6_is_v4mapped(&daddr) && daddr.b[12] == 255 && daddr.b[13] == 255 &&
	    daddr.b[14] == 255 && daddr.b[15] == 255 && !sock->broadcast) {
		err = -EACCES;   /* Linux: broadcast needs SO_BROADCAST */
		goto out;
	}
	/* Linux binds a port (inet_send_prepare) before routing: a send that
	 * fails with ENETUNREACH leaves the socket bound. */
	err = inet_autobind_locked(in);
	if (err)
		goto out;
	err = inet_route(in, &daddr);
	if (err)
		goto out;
	if (len > (in6_is_v4mapped(&daddr) ? UDP_MAX4 : UDP_MAX6)) {
		err = -EMSGSIZE;
		goto out;
	}
	inet_source(in, &daddr, &saddr);
	err = len;
	to = udp_lookup(in->net, &saddr, in->lport, &daddr, dport);
	if (!to) {
		/* ICMP port unreachable: reported to a connected socket only. */
		if (in->connected || in->recverr)
			in->err = ECONNREFUSED;
		goto out;
	}
	if (to->dgram_bytes > (size_t)(to->sock ? to->sock->rcvbuf : SOCK_DEF_BUF) ||
	    (to->shutdown & RCV_SHUTDOWN))
		goto out;   /* dropped, as a full or shut receiver drops */
	d->from = saddr;
	d->from_port = in->lport;
	list_add_tail(&d->node, &to->dgrams);
	to->dgram_bytes += len + DGRAM_OVERHEAD;
	to->dgram_count++;
	d = NULL;
	wake_up_all(&to->wq);
out:
	mutex_unlock(&inet_lock);
	kfree(d);
	return err;
}

static ssize_t udp_recvmsg(struct socket *sock, struct kmsghdr *m, unsigned flags)
{
	struct inet_sock *in = inet_sk(sock);
	struct inet_dgram *d = NULL;
	ssize_t ret;
	size_t n;

	if (flags & LINUX_MSG_ERRQUEUE)
		return -EAGAIN;
	if (flags & LINUX_MSG_OOB)
		return -EOPNOTSUPP;
	mutex_lock(&inet_lock);
	for (;;) {
		if (in->err) {
			ret = -in->err;
			in->err = 0;
			goto out;
		}
		if (!list_empty(&in->dgrams))
			break;
		if (in->shutdown & RCV_SHUTDOWN) {
			ret = 0;
			goto out;
		}
		if (sock_nonblock(sock, flags)) {
			ret = -EAGAIN;
			goto out;
		}
		ret = sock_wait_locked(&in->wq, !list_empty(&in->dgrams) || in->err ||
				       (in->shutdown & RCV_SHUTDOWN),
				       &inet_lock, sock->rcvtimeo_ns);
		if (ret) {
			if (ret == -ERESTARTSYS && sock->rcvtimeo_ns)
				ret = -EINTR;
			goto out;
		}
	}
	d = list_first_entry(&in->dgrams, struct inet_dgram, node);
	n = MIN(d->len, iov_iter_count(m->iter));
	if (n && copy_to_iter(d->data, n, m->iter) != n) {
		ret = -EFAULT;
		d = NULL;
		goto out;
	}
	if (n < d->len)
		m->flags |= LINUX_MSG_TRUNC;
	ret = (flags & LINUX_MSG_TRUNC) ? (ssize_t)d->len : (ssize_t)n;
	if (m->name)
		m->namelen = inet_fill_addr(in, m->name, &d->from, d->from_port);
	if (flags & LINUX_MSG_PEEK) {
		d = NULL;
	} else {
		list_del(&d->node);
		in->dgram_bytes -= d->len + DGRAM_OVERHEAD;
		in->dgram_count--;
	}
out:
	mutex_unlock(&inet_lock);
	kfree(d);
	return ret;
}

static unsigned udp_poll(struct file *f, struct socket *sock, struct poll_table *pt)
{
	struct inet_sock *in = inet_sk(sock);
	unsigned mask = POLLOUT | POLLWRNORM | POLLWRBAND;

	poll_wait(f, &in->wq, pt);
	mutex_lock(&inet_lock);
	if (in->err)
		mask |= POLLERR;
	if (in->shutdown & RCV_SHUTDOWN)
		mask |= POLLIN | POLLRDNORM | POLLRDHUP;
	if (in->shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (!list_empty(&in->dgrams))
		mask |= POLLIN | POLLRDNORM;
	mutex_unlock(&inet_lock);
	return mask;
}

static long udp_ioctl(struct socket *sock, unsigned cmd, unsigned long arg)
{
	struct inet_sock *in = inet_sk(sock);
	int v = 0;

	switch (cmd) {
	case LINUX_FIONREAD:
		mutex_lock(&inet_lock);
		if (!list_empty(&in->dgrams))
			v = list_first_entry(&in->dgrams, struct inet_dgram, node)->len;
		mutex_unlock(&inet_lock);
		return put_user(v, (int __user *)arg);
	case LINUX_SIOCOUTQ:
		return put_user(0, (int __user *)arg);   /* sent datagrams are delivered at once */
	}
	return -ENOIOCTLCMD;
}

static int udp_shutdown(struct socket *sock, int how)
{
	struct inet_sock *in = inet_sk(sock);
	int err = 0;

	mutex_lock(&inet_lock);
	if (!in->connected)
		err = -ENOTCONN;   /* Linux still records it, and wakes pollers */
	in->shutdown |= how + 1;
	wake_up_all(&in->wq);
	mutex_unlock(&inet_lock);
	return err;
}

static int udp_setsockopt(struct socket *sock, int level, int name, void *val, unsigned len)
{
	if (level != LINUX_SOL_UDP)
		return inet_setsockopt(sock, level, name, val, len);
	if (len < sizeof(int))
		return -EINVAL;
	if (name == LINUX_UDP_CORK)
		return 0;   /* XXX: corking is not modelled; each send is one datagram */
	return -ENOPROTOOPT;
}

static int udp_getsockopt(struct socket *sock, int level, int name, void *val, unsigned *len)
{
	int v = 0;

	if (level != LINUX_SOL_UDP)
		return inet_getsockopt(sock, level, name, val, len);
	if (name != LINUX_UDP_CORK)
		return -ENOPROTOOPT;
	*len = MIN(*len, (unsigned)sizeof(int));
	memcpy(val, &v, *len);
	return 0;
}

const struct proto_ops udp_ops = {
	.family = LINUX_AF_INET,
	.release = udp_release,
	.bind = inet_bind,
	.connect = udp_connect,
	.getname = inet_getname,
	.poll = udp_poll,
	.ioctl = udp_ioctl,
	.shutdown = udp_shutdown,
	.setsockopt = udp_setsockopt,
	.getsockopt = udp_getsockopt,
	.sendmsg = udp_sendmsg,
	.recvmsg = udp_recvmsg,
};
