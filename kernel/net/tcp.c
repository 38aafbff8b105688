/*
 * TCP over the in-kernel loopback. A connection is two inet_socks that
 * point at each other; each has a ring of received bytes which its peer
 * writes into and it reads from (inet.h has the locking). What Linux
 * makes observable is kept: the listener's accept queue and backlog,
 * ECONNREFUSED when nobody listens, FIN (shutdown or close: the peer
 * reads to EOF) and RST (close with unread data, SO_LINGER 0, writing to
 * a closed peer: ECONNRESET / EPIPE), and the states TCP_INFO shows.
 *
 * connect() finishes at once: the server side ("embryo") is made and
 * queued on the listener, so the client may send before accept(). A
 * non-blocking connect still says EINPROGRESS, as Linux on loopback does
 * (the handshake completes just after), and the socket is writable at
 * once with SO_ERROR 0, or SO_ERROR ECONNREFUSED.
 *
 * MSG_OOB: the last byte of such a send is urgent: kept apart for
 * recv(MSG_OOB) (POLLPRI) unless SO_OOBINLINE. XXX: reads do not stop at
 * the urgent mark as Linux's do.
 * XXX: no TIME_WAIT, no retransmission or keepalive timers (nothing is
 * ever lost on this loopback).
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/poll.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/uaccess.h>
#include <linuxabi/uapi/fcntl.h>
#include <string.h>

#include "inet.h"

#define LINUX_SOL_TCP 6
#define LINUX_TCP_NODELAY      1
#define LINUX_TCP_MAXSEG       2
#define LINUX_TCP_CORK         3
#define LINUX_TCP_KEEPIDLE     4
#define LINUX_TCP_KEEPINTVL    5
#define LINUX_TCP_KEEPCNT      6
#define LINUX_TCP_SYNCNT       7
#define LINUX_TCP_LINGER2      8
#define LINUX_TCP_DEFER_ACCEPT 9
#define LINUX_TCP_WINDOW_CLAMP 10
#define LINUX_TCP_INFO         11
#define LINUX_TCP_QUICKACK     12
#define LINUX_TCP_CONGESTION   13
#define LINUX_TCP_USER_TIMEOUT 18
#define LINUX_TCP_FASTOPEN     23
#define LINUX_TCP_NOTSENT_LOWAT 25

#define LINUX_FIONREAD   0x541B
#define LINUX_SIOCOUTQ   0x5411
#define LINUX_SIOCATMARK 0x8905
#define LINUX_SIOCOUTQNSD 0x894B
#define LINUX_MSG_ERRQUEUE 0x2000

#define TCP_MSS_DEFAULT 536
#define TCP_LO_MSS4 65483        /* lo's MTU 65536 less IPv4+TCP headers and timestamps */
#define TCP_LO_MSS6 65464
#define TCP_INFO_SIZE 232        /* Linux 6.1's struct tcp_info */
#define TCP_DEF_SNDBUF 16384     /* net.ipv4.tcp_wmem[1] */
#define TCP_DEF_RCVBUF 131072    /* net.ipv4.tcp_rmem[1] */
#define RING_MIN (16 * 1024)
#define RING_START (64 * 1024)  /* a ring's first size; it grows under a bulk flow */
#define RING_MAX (4 * 1024 * 1024)

/* Linux: a wait with a socket timeout that a signal cuts short is EINTR. */
static int intr_errno(int err, u64 timeo)
{
	return err == -ERESTARTSYS && timeo ? -EINTR : err;
}

int tcp_init_sock(struct socket *sock, struct inet_sock *in)
{
	sock->ops = &tcp_ops;
	sock->sndbuf = TCP_DEF_SNDBUF;
	sock->rcvbuf = TCP_DEF_RCVBUF;
	in->rcvbuf = TCP_DEF_RCVBUF;
	in->keepidle = 7200;
	in->keepintvl = 75;
	in->keepcnt = 9;
	in->syncnt = 6;
	in->linger2 = 60;
	in->notsent_lowat = -1;
	return 0;
}

/* ---- the receive ring ---- */

void tcp_free_ring(struct inet_sock *in)
{
	if (!in->ring)
		return;
	if (in->ring_vmalloc)
		vfree(in->ring);
	else
		kfree(in->ring);
	in->ring = NULL;
}

/* The most in's ring may grow to: as Linux autotunes the receive buffer
 * of a bulk flow up to tcp_rmem[2] unless SO_RCVBUF was set. */
static size_t ring_limit(struct inet_sock *in)
{
	int rcvbuf = in->sock ? in->sock->rcvbuf : in->rcvbuf;
	size_t lim = rcvbuf == TCP_DEF_RCVBUF ? RING_MAX : (size_t)rcvbuf * 2;

	lim = MIN(MAX(lim, (size_t)RING_MIN), (size_t)RING_MAX);
	return (lim + 4095) & ~(size_t)4095;
}

static char *ring_mem(size_t cap, bool *big)
{
	*big = cap > 64 * 1024;
	return *big ? vmalloc(cap) : kmalloc(cap, GFP_KERNEL);
}

static void ring_mem_free(char *r, bool big)
{
	if (big)
		vfree(r);
	else
		kfree(r);
}

/* inet_lock held (dropped and retaken): give in its ring, small at first
 * (many connections carry little). 0 or -ENOMEM. */
static int ring_alloc_locked(struct inet_sock *in)
{
	size_t cap = MIN(ring_limit(in), (size_t)RING_START);
	bool big;
	char *r;

	mutex_unlock(&inet_lock);
	r = ring_mem(cap, &big);
	inet_lock_data();
	if (!r)
		return -ENOMEM;
	if (in->ring) {
		ring_mem_free(r, big);
		return 0;
	}
	in->ring = r;
	in->ring_cap = cap;
	in->ring_head = in->ring_len = 0;
	in->ring_vmalloc = big;
	return 0;
}

/*
 * inet_lock held (dropped and retaken), by in's only writer: its ring is
 * full, so double it (a bulk flow; Linux's receive buffer autotuning).
 * Only while no reader is copying out of it, since readers copy unlocked.
 */
static void ring_grow_locked(struct inet_sock *in)
{
	size_t ncap = MIN(in->ring_cap * 2, ring_limit(in)), first;
	bool big;
	char *r, *old;

	mutex_unlock(&inet_lock);
	r = ring_mem(ncap, &big);
	inet_lock_data();
	if (!r)
		return;
	if (in->reader_copying || in->dead || in->ring_cap >= ncap) {
		ring_mem_free(r, big);
		return;
	}
	first = MIN(in->ring_len, in->ring_cap - in->ring_head);
	memcpy(r, in->ring + in->ring_head, first);
	memcpy(r + first, in->ring, in->ring_len - first);
	old = in->ring;
	ring_mem_free(old, in->ring_vmalloc);
	in->ring = r;
	in->ring_cap = ncap;
	in->ring_head = 0;
	in->ring_vmalloc = big;
}

/* inet_lock held: may a writer (blocked or polling) go on into in's ring?
 * As Linux's stream write space: not at the first free byte but once a
 * good part of the buffer is free again. */
static bool ring_writable(struct inet_sock *in)
{
	return !in->ring || in->ring_cap - in->ring_len >= in->ring_cap / 4;
}

/* ---- state changes (inet_lock held) ---- */

/* The peer's FIN reached in: reads end at EOF once the ring is empty. */
static void fin_locked(struct inet_sock *in)
{
	in->shutdown |= RCV_SHUTDOWN;
	in->fin_rcvd = true;
	if (in->state == TCP_ESTABLISHED)
		in->state = TCP_CLOSE_WAIT;
	else if (in->state == TCP_FIN_WAIT1 || in->state == TCP_FIN_WAIT2)
		in->state = TCP_CLOSE;   /* TIME_WAIT belongs to the kernel, not the socket */
	wake_up_all(&in->wq);
}

/* Close in's port unless the user bound it (Linux's SOCK_BINDPORT_LOCK). */
static void done_locked(struct inet_sock *in)
{
	in->state = TCP_CLOSE;
	in->shutdown = SHUTDOWN_MASK;
	if (!in->port_bound)
		inet_unhash_locked(in);
	wake_up_all(&in->wq);
}

/* An RST reached in. */
static void reset_locked(struct inet_sock *in)
{
	if (in->dead || in->state == TCP_CLOSE)
		return;
	if (in->state == TCP_SYN_SENT)
		in->err = ECONNREFUSED;
	else if (in->state == TCP_CLOSE_WAIT)
		in->err = EPIPE;
	else
		in->err = ECONNRESET;
	done_locked(in);
}

/* Send our FIN: the peer reads EOF after what is queued. */
static void send_fin_locked(struct inet_sock *in)
{
	struct inet_sock *peer = in->peer;

	if (in->state == TCP_ESTABLISHED)
		in->state = TCP_FIN_WAIT2;   /* the ACK comes back at once */
	else if (in->state == TCP_CLOSE_WAIT)
		in->state = TCP_CLOSE;       /* LAST_ACK, acknowledged at once */
	if (peer && !peer->dead)
		fin_locked(peer);
}

/* An embryo or connection goes away abortively: its peer gets RST. */
static void abort_locked(struct inet_sock *in)
{
	if (in->peer) {
		reset_locked(in->peer);
		inet_put(in->peer);
		in->peer = NULL;
	}
	inet_unhash_locked(in);
	in->dead = true;
	in->state = TCP_CLOSE;
	in->ring_len = 0;
	wake_up_all(&in->wq);
}

static void stop_listening_locked(struct inet_sock *in)
{
	while (!list_empty(&in->acceptq)) {
		struct inet_sock *e = list_first_entry(&in->acceptq, struct inet_sock, accept_node);

		list_del_init(&e->accept_node);
		in->acceptq_len--;
		abort_locked(e);
		inet_put(e);   /* the queue's reference */
	}
	in->state = TCP_CLOSE;
	wake_up_all(&in->wq);
}

/* ---- release, listen, connect, accept ---- */

static int tcp_release(struct socket *sock)
{
	struct inet_sock *in = inet_sk(sock);

	mutex_lock(&inet_lock);
	in->sock = NULL;
	if (in->state == TCP_LISTEN) {
		stop_listening_locked(in);
	} else if (in->peer) {
		struct inet_sock *peer = in->peer;
		bool rst = in->ring_len || (sock->linger.l_onoff && !sock->linger.l_linger);

		if (rst) {
			reset_locked(peer);
		} else if (!(in->shutdown & SEND_SHUTDOWN) || in->state == TCP_ESTABLISHED ||
			   in->state == TCP_CLOSE_WAIT) {
			send_fin_locked(in);
		}
		in->dead = true;
		wake_up_all(&peer->wq);   /* a writer blocked on our ring */
		in->peer = NULL;
		inet_put(peer);
	}
	if (in->stale_peer) {
		inet_put(in->stale_peer);
		in->stale_peer = NULL;
	}
	inet_unhash_locked(in);
	in->dead = true;
	in->state = TCP_CLOSE;
	in->ring_len = 0;
	wake_up_all(&in->wq);
	inet_put(in);
	mutex_unlock(&inet_lock);
	sock->sk = NULL;
	return 0;
}

static int tcp_listen(struct socket *sock, int backlog)
{
	struct inet_sock *in = inet_sk(sock);
	int err = 0;

	mutex_lock(&inet_lock);
	if (sock->state != SS_UNCONNECTED && sock->state != SS_LISTENING) {
		err = -EINVAL;
		goto out;
	}
	if (in->state != TCP_CLOSE && in->state != TCP_LISTEN) {
		err = -EINVAL;
		goto out;
	}
	if ((unsigned)backlog > LINUX_SOMAXCONN)
		backlog = LINUX_SOMAXCONN;
	if (in->state != TCP_LISTEN) {
		in->reuseaddr = sock->reuseaddr;
		in->reuseport = sock->reuseport;
		if (in->lport && list_empty(&in->port_node))
			in->lport = 0;   /* an autobound port an RST gave back */
		if (!in->lport)
			err = inet_autobind_locked(in);
		else
			err = inet_listen_check_locked(in);
		if (err)
			goto out;
		in->state = TCP_LISTEN;
		in->shutdown = 0;
		sock->state = SS_LISTENING;
	}
	in->backlog = backlog;
	wake_up_all(&in->wq);   /* connectors waiting for room may now fit */
out:
	mutex_unlock(&inet_lock);
	return err;
}

/* inet_lock held: the listener for (daddr, dport), preferring an exact address. */
static struct inet_sock *find_listener(struct net *net, const struct in6 *daddr, u16 dport)
{
	struct list_head *table = inet_port_list(LINUX_IPPROTO_TCP);
	struct inet_sock *o, *best = NULL;

	list_for_each_entry(o, &table[dport % 256], port_node) {
		if (o->lport != dport || o->state != TCP_LISTEN || o->dead || o->net != net)
			continue;
		if (!inet_addr_match(o, daddr))
			continue;
		if (in6_eq(&o->laddr, daddr))
			return o;
		if (!best)
			best = o;
	}
	return best;
}

/* connect(AF_UNSPEC): drop the connection (RST) or stop listening. */
static int tcp_disconnect(struct socket *sock)
{
	struct inet_sock *in = inet_sk(sock);

	mutex_lock(&in->send_mutex);
	mutex_lock(&in->recv_mutex);
	mutex_lock(&inet_lock);
	if (in->state == TCP_LISTEN) {
		stop_listening_locked(in);
	} else if (in->peer) {
		struct inet_sock *peer = in->peer;

		if (in->state != TCP_CLOSE)
			reset_locked(peer);
		in->peer = NULL;
		inet_put(peer);
	}
	if (!in->port_bound) {
		inet_unhash_locked(in);
		in->lport = 0;
	}
	if (!in->addr_bound) {
		memset(&in->laddr, 0, sizeof(in->laddr));
		if (in->family == LINUX_AF_INET)
			in6_set_v4(&in->laddr, 0);
	}
	in->state = TCP_CLOSE;
	in->shutdown = 0;
	in->fin_rcvd = false;
	in->err = 0;
	in->dport = 0;
	in->ring_head = in->ring_len = 0;
	sock->state = SS_UNCONNECTED;
	wake_up_all(&in->wq);
	mutex_unlock(&inet_lock);
	mutex_unlock(&in->recv_mutex);
	mutex_unlock(&in->send_mutex);
	return 0;
}

static int tcp_connect(struct socket *sock, void *uaddr, int len, int flags)
{
	struct inet_sock *in = inet_sk(sock), *l, *e;
	bool nonblock = flags & LINUX_O_NONBLOCK, unspec;
	struct in6 daddr, saddr;
	u16 dport;
	int err;

	if (len >= (int)sizeof(u16) && ((struct linux_sockaddr *)uaddr)->sa_family == LINUX_AF_UNSPEC)
		return tcp_disconnect(sock);
	err = inet_parse_addr(in, uaddr, len, &daddr, &dport, &unspec, false);
	if (err)
		return err;
	e = inet_sock_alloc(in->net, in->family, LINUX_SOCK_STREAM, LINUX_IPPROTO_TCP);
	if (!e)
		return -ENOMEM;
	mutex_lock(&inet_lock);
	switch (sock->state) {
	case SS_CONNECTED:
		err = -EISCONN;
		goto out;
	case SS_CONNECTING:
		/* A non-blocking connect asked again: it finished at once. */
		if (in->state == TCP_CLOSE) {
			err = in->err ? -in->err : -ECONNABORTED;
			in->err = 0;
			sock->state = SS_UNCONNECTED;
		} else {
			sock->state = SS_CONNECTED;
			err = 0;
		}
		goto out;
	}
	if (in->state != TCP_CLOSE) {
		err = -EISCONN;
		goto out;
	}
	err = inet_route(in, &daddr);
	if (err)
		goto out;
	if (in->lport && list_empty(&in->port_node))
		in->lport = 0;   /* an autobound port an RST gave back: take a new one */
	if (!in->lport) {
		err = inet_autobind_locked(in);
		if (err)
			goto out;
	}
	inet_source(in, &daddr, &saddr);
	for (;;) {
		l = find_listener(in->net, &daddr, dport);
		if (!l || !dport) {
			if (!in->port_bound) {
				inet_unhash_locked(in);
				in->lport = 0;
			}
			in->shutdown = SHUTDOWN_MASK;   /* the RST closed it (tcp_done) */
			if (nonblock) {
				/* Linux: EINPROGRESS now, the RST's ECONNREFUSED in SO_ERROR. */
				in->err = ECONNREFUSED;
				sock->state = SS_CONNECTING;
				err = -EINPROGRESS;
			} else {
				err = -ECONNREFUSED;
			}
			wake_up_all(&in->wq);
			goto out;
		}
		/* Linux's queue is full when it holds more than backlog. XXX: a
		 * non-blocking connect to a full queue is let in (Linux drops the
		 * SYN and the connection completes on a retransmission). */
		if (l->acceptq_len <= (unsigned)l->backlog || nonblock)
			break;
		inet_get(l);
		err = sock_wait_locked(&l->wq,
				       l->dead || l->state != TCP_LISTEN ||
				       l->acceptq_len <= (unsigned)l->backlog ||
				       sock->state != SS_UNCONNECTED,
				       &inet_lock, sock->sndtimeo_ns);
		inet_put(l);
		if (err) {
			err = intr_errno(err, sock->sndtimeo_ns);
			if (err == -EAGAIN)
				err = -ETIMEDOUT;
			goto out;
		}
		if (sock->state != SS_UNCONNECTED || in->state != TCP_CLOSE) {
			err = -EISCONN;
			goto out;
		}
	}
	/* The server side: named by the address the client asked for, with
	 * the listener's options. */
	e->family = l->family;   /* a v4 client of a dual-stack listener gets a v6 socket */
	e->laddr = daddr;
	e->daddr = saddr;
	e->dport = in->lport;
	e->v6only = l->v6only;
	e->reuseaddr = l->reuseaddr;
	e->reuseport = l->reuseport;
	e->uid = l->uid;
	e->port_bound = true;
	e->rcvbuf = l->sock ? l->sock->rcvbuf : l->rcvbuf;
	e->nodelay = l->nodelay;
	e->maxseg = l->maxseg;
	e->keepidle = l->keepidle;
	e->keepintvl = l->keepintvl;
	e->keepcnt = l->keepcnt;
	e->syncnt = l->syncnt;
	e->linger2 = l->linger2;
	e->notsent_lowat = l->notsent_lowat;
	e->ip_tos = l->ip_tos;
	e->ip_ttl = l->ip_ttl;
	e->state = TCP_ESTABLISHED;
	e->lport = dport;
	list_add_tail(&e->port_node, &inet_port_list(LINUX_IPPROTO_TCP)[dport % 256]);
	if (in->peer) {
		/* An earlier connection, reset. A sender or reader still busy
		 * with it may hold the pointer, so it is dropped only later. */
		if (in->stale_peer)
			inet_put(in->stale_peer);
		in->stale_peer = in->peer;
		in->peer = NULL;
		if (!in->reader_copying)
			in->ring_head = in->ring_len = 0;
	}
	inet_get(in);
	e->peer = in;
	inet_get(e);
	in->peer = e;
	if (!in->addr_bound)
		in->laddr = saddr;
	in->daddr = daddr;
	in->dport = dport;
	in->state = TCP_ESTABLISHED;
	in->shutdown = 0;
	in->fin_rcvd = false;
	list_add_tail(&e->accept_node, &l->acceptq);   /* e's own reference */
	l->acceptq_len++;
	e = NULL;
	wake_up_all(&l->wq);
	wake_up_all(&in->wq);
	if (nonblock) {
		sock->state = SS_CONNECTING;
		err = -EINPROGRESS;
	} else {
		sock->state = SS_CONNECTED;
		err = 0;
	}
out:
	if (e)
		inet_put(e);
	mutex_unlock(&inet_lock);
	return err;
}

static int tcp_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct inet_sock *in = inet_sk(sock), *e;
	int err = 0;

	mutex_lock(&inet_lock);
	for (;;) {
		if (in->state != TCP_LISTEN) {
			err = -EINVAL;
			goto out;
		}
		if (!list_empty(&in->acceptq))
			break;
		if (flags & LINUX_O_NONBLOCK) {
			err = -EAGAIN;
			goto out;
		}
		err = sock_wait_locked(&in->wq, !list_empty(&in->acceptq) || in->state != TCP_LISTEN,
				       &inet_lock, sock->rcvtimeo_ns);
		if (err) {
			err = intr_errno(err, sock->rcvtimeo_ns);
			goto out;
		}
	}
	e = list_first_entry(&in->acceptq, struct inet_sock, accept_node);
	list_del_init(&e->accept_node);
	in->acceptq_len--;
	e->sock = newsock;          /* the queue's reference becomes the socket's */
	newsock->sk = e;
	newsock->state = SS_CONNECTED;
	/* Linux's child is a clone of the listener: its socket options too. */
	newsock->sndbuf = sock->sndbuf;
	newsock->rcvbuf = sock->rcvbuf;
	newsock->reuseaddr = sock->reuseaddr;
	newsock->reuseport = sock->reuseport;
	newsock->keepalive = sock->keepalive;
	newsock->oobinline = sock->oobinline;
	newsock->dontroute = sock->dontroute;
	newsock->priority = sock->priority;
	newsock->rcvlowat = sock->rcvlowat;
	newsock->linger = sock->linger;
	newsock->rcvtimeo_ns = sock->rcvtimeo_ns;
	newsock->sndtimeo_ns = sock->sndtimeo_ns;
	wake_up_all(&in->wq);       /* room in the queue */
out:
	mutex_unlock(&inet_lock);
	return err;
}

static int tcp_shutdown(struct socket *sock, int how)
{
	struct inet_sock *in = inet_sk(sock);
	unsigned mode = how + 1;    /* SHUT_RD 0 -> RCV, SHUT_WR 1 -> SEND, RDWR -> both */
	int err = 0;

	mutex_lock(&inet_lock);
	if (sock->state == SS_CONNECTING)
		sock->state = in->state == TCP_CLOSE ? SS_UNCONNECTED : SS_CONNECTED;
	switch (in->state) {
	case TCP_CLOSE:
		err = -ENOTCONN;
		in->shutdown |= mode;   /* as Linux, so pollers see POLLHUP */
		break;
	case TCP_LISTEN:
		if (mode & RCV_SHUTDOWN) {
			stop_listening_locked(in);
			sock->state = SS_UNCONNECTED;
		}
		break;
	default:
		if ((mode & SEND_SHUTDOWN) && !(in->shutdown & SEND_SHUTDOWN)) {
			in->shutdown |= SEND_SHUTDOWN;
			send_fin_locked(in);
		}
		in->shutdown |= mode;
		break;
	}
	wake_up_all(&in->wq);
	mutex_unlock(&inet_lock);
	return err;
}

/* ---- data ---- */

static ssize_t tcp_sendmsg(struct socket *sock, struct kmsghdr *m, unsigned flags)
{
	struct inet_sock *in = inet_sk(sock), *peer = NULL, *wake = NULL;
	size_t total = iov_iter_count(m->iter), sent = 0;
	bool oob = (flags & LINUX_MSG_OOB) && total;
	ssize_t err = 0;

	/* MSG_OOB: the last byte is urgent, kept apart from the stream. */
	if (oob)
		total--;

	/* Readers are woken with inet_lock dropped (before our copies, before
	 * we sleep, at the end): a reader woken under it would only block on
	 * it again, and a contended mutex costs a switch. The wakeups are sync
	 * (as Linux's sk_data_ready and sk_write_space): writer and reader
	 * keep to one CPU. The peer stays
	 * valid: in->peer is dropped only with send_mutex held (disconnect),
	 * or kept in stale_peer until release (connect after a reset). */
	mutex_lock(&in->send_mutex);
	inet_lock_data();
	if (sock->state == SS_CONNECTING && in->state != TCP_CLOSE)
		sock->state = SS_CONNECTED;
	while (sent < total || !total) {
		size_t free, tail, n, got;

		if (in->err) {
			if (!sent) {
				err = -in->err;
				in->err = 0;
			}
			break;
		}
		if ((in->shutdown & SEND_SHUTDOWN) ||
		    (in->state != TCP_ESTABLISHED && in->state != TCP_CLOSE_WAIT) || !in->peer) {
			if (!sent)
				err = -EPIPE;
			break;
		}
		peer = in->peer;
		if (peer->dead) {
			/* The data reaches a closed socket, which answers with RST:
			 * this write succeeds, the next one sees EPIPE. */
			sent = total;
			reset_locked(in);
			break;
		}
		if (!total)
			break;
		if (!peer->ring) {
			err = ring_alloc_locked(peer);
			if (err)
				break;
			continue;
		}
		free = peer->ring_cap - peer->ring_len;
		if (!free && peer->ring_cap < ring_limit(peer) && !peer->reader_copying) {
			ring_grow_locked(peer);
			continue;
		}
		if (!free) {
			if (sock_nonblock(sock, flags)) {
				if (!sent)
					err = -EAGAIN;
				break;
			}
			if (wake) {
				wake_up_all_sync(&wake->wq);
				wake = NULL;
			}
			err = inet_wait_locked(&in->wq,
					       in->peer != peer || ring_writable(peer) ||
					       peer->dead || in->err || (in->shutdown & SEND_SHUTDOWN),
					       sock->sndtimeo_ns);
			if (err) {
				err = sent ? 0 : intr_errno(err, sock->sndtimeo_ns);
				break;
			}
			continue;
		}
		tail = (peer->ring_head + peer->ring_len) % peer->ring_cap;
		n = MIN(MIN(free, peer->ring_cap - tail), total - sent);
		/* The free part of the ring is ours alone: copy unlocked. */
		mutex_unlock(&inet_lock);
		if (wake) {
			wake_up_all_sync(&wake->wq);
			wake = NULL;
		}
		got = copy_from_iter(peer->ring + tail, n, m->iter);
		inet_lock_data();
		if (got && !peer->dead && in->peer == peer) {
			peer->ring_len += got;
			wake = peer;
		}
		sent += got;
		if (got < n) {
			if (!sent)
				err = -EFAULT;
			break;
		}
	}
	if (oob && sent == total && !err) {
		char c;

		peer = in->peer;
		if (in->state == TCP_CLOSE || !peer || peer->dead) {
			sent++;   /* gone with the rest (an RST answers it) */
		} else if (copy_from_iter(&c, 1, m->iter) == 1) {
			if (peer->sock && peer->sock->oobinline && peer->ring &&
			    peer->ring_len < peer->ring_cap) {
				peer->ring[(peer->ring_head + peer->ring_len) % peer->ring_cap] = c;
				peer->ring_len++;
			} else {
				peer->oob_byte = c;   /* a newer one replaces it, as Linux */
				peer->has_oob = true;
			}
			wake = peer;
			sent++;
		} else if (!sent) {
			err = -EFAULT;
		}
	}
	mutex_unlock(&inet_lock);
	if (wake)
		wake_up_all_sync(&wake->wq);
	mutex_unlock(&in->send_mutex);
	if (sent)
		return sent;
	if (err == -EPIPE && !(flags & LINUX_MSG_NOSIGNAL))
		send_sig(SIGPIPE, current);
	return err;
}

static ssize_t tcp_recvmsg(struct socket *sock, struct kmsghdr *m, unsigned flags)
{
	struct inet_sock *in = inet_sk(sock), *wake = NULL;
	size_t want = iov_iter_count(m->iter), copied = 0, target;
	bool peek = flags & LINUX_MSG_PEEK;
	ssize_t err = 0;

	if (flags & LINUX_MSG_ERRQUEUE)
		return -EAGAIN;   /* no error queue */
	if (flags & LINUX_MSG_OOB) {
		char c = 0;
		bool have;

		/* The urgent byte, once (Linux: EINVAL without one, or inline). */
		inet_lock_data();
		have = in->has_oob && !sock->oobinline;
		if (have) {
			c = in->oob_byte;
			if (!(flags & LINUX_MSG_PEEK))
				in->has_oob = false;
		}
		mutex_unlock(&inet_lock);
		if (!have)
			return -EINVAL;
		if (!iov_iter_count(m->iter))
			return 0;
		if (copy_to_iter(&c, 1, m->iter) != 1)
			return -EFAULT;
		return 1;
	}
	target = (flags & LINUX_MSG_WAITALL) ? want :
		(size_t)(sock->rcvlowat > 1 ? sock->rcvlowat : 1);
	target = MIN(target, want);
	mutex_lock(&in->recv_mutex);
	inet_lock_data();
	if (in->state == TCP_LISTEN) {
		err = -ENOTCONN;
		goto out;
	}
	while (copied < want) {
		size_t skip = peek ? copied : 0, avail, off, n, got;

		avail = in->ring_len > skip ? in->ring_len - skip : 0;
		if (!avail) {
			if (copied >= target)
				break;
			if (copied) {
				if (in->err || in->state == TCP_CLOSE || (in->shutdown & RCV_SHUTDOWN))
					break;
			} else {
				if (in->fin_rcvd)
					break;
				if (in->err) {
					err = -in->err;
					in->err = 0;
					break;
				}
				if (in->shutdown & RCV_SHUTDOWN)
					break;
				if (in->state == TCP_CLOSE) {
					err = -ENOTCONN;
					break;
				}
			}
			if (sock_nonblock(sock, flags)) {
				if (!copied)
					err = -EAGAIN;
				break;
			}
			if (wake) {
				wake_up_all_sync(&wake->wq);
				wake = NULL;
			}
			err = inet_wait_locked(&in->wq,
					       in->ring_len > skip || in->err || in->fin_rcvd ||
					       (in->shutdown & RCV_SHUTDOWN) || in->state == TCP_CLOSE,
					       sock->rcvtimeo_ns);
			if (err) {
				err = copied ? 0 : intr_errno(err, sock->rcvtimeo_ns);
				break;
			}
			continue;
		}
		off = (in->ring_head + skip) % in->ring_cap;
		n = MIN(MIN(avail, in->ring_cap - off), want - copied);
		/* The filled part of the ring is ours alone: copy unlocked. */
		in->reader_copying = true;   /* the ring may not move meanwhile */
		mutex_unlock(&inet_lock);
		if (wake) {
			wake_up_all_sync(&wake->wq);
			wake = NULL;
		}
		if (flags & LINUX_MSG_TRUNC)
			got = n;   /* Linux: the bytes are dropped, not copied */
		else
			got = copy_to_iter(in->ring + off, n, m->iter);
		inet_lock_data();
		in->reader_copying = false;
		if (!peek && got) {
			bool was_writable = ring_writable(in);

			in->ring_head = (in->ring_head + got) % in->ring_cap;
			in->ring_len -= got;
			/* Room for the writer: woken once a quarter is free, so
			 * it moves big pieces however small our reads are. */
			if (!was_writable && ring_writable(in) && in->peer)
				wake = in->peer;   /* woken unlocked, as in sendmsg */
		}
		copied += got;
		if (got < n) {
			if (!copied)
				err = -EFAULT;
			break;
		}
	}
out:
	mutex_unlock(&inet_lock);
	if (wake)
		wake_up_all_sync(&wake->wq);
	mutex_unlock(&in->recv_mutex);
	if (copied)
		return copied;
	return err;
}

/* ---- poll, ioctl, options ---- */

static unsigned tcp_poll(struct file *f, struct socket *sock, struct poll_table *pt)
{
	struct inet_sock *in = inet_sk(sock);
	unsigned mask = 0;

	poll_wait(f, &in->wq, pt);
	inet_lock_data();
	if (in->state == TCP_LISTEN) {
		if (!list_empty(&in->acceptq))
			mask |= POLLIN | POLLRDNORM;
		goto out;
	}
	if (in->shutdown == SHUTDOWN_MASK || in->state == TCP_CLOSE)
		mask |= POLLHUP;
	if (in->shutdown & RCV_SHUTDOWN)
		mask |= POLLIN | POLLRDNORM | POLLRDHUP;
	if (in->ring_len >= (size_t)(sock->rcvlowat > 1 ? sock->rcvlowat : 1))
		mask |= POLLIN | POLLRDNORM;
	if (!(in->shutdown & SEND_SHUTDOWN)) {
		struct inet_sock *peer = in->peer;

		if (!peer || peer->dead || ring_writable(peer))
			mask |= POLLOUT | POLLWRNORM;
	} else {
		mask |= POLLOUT | POLLWRNORM;
	}
	if (in->has_oob)
		mask |= POLLPRI;
	if (in->err)
		mask |= POLLERR;
out:
	mutex_unlock(&inet_lock);
	return mask;
}

static long tcp_ioctl(struct socket *sock, unsigned cmd, unsigned long arg)
{
	struct inet_sock *in = inet_sk(sock);
	int v;

	switch (cmd) {
	case LINUX_FIONREAD:
	case LINUX_SIOCOUTQ:
	case LINUX_SIOCOUTQNSD:
		mutex_lock(&inet_lock);
		if (in->state == TCP_LISTEN) {
			mutex_unlock(&inet_lock);
			return -EINVAL;
		}
		/* What we sent is in the peer's queue: acknowledged, so not "out". */
		v = cmd == LINUX_FIONREAD ? (int)in->ring_len : 0;
		mutex_unlock(&inet_lock);
		return put_user(v, (int __user *)arg);
	case LINUX_SIOCATMARK:
		/* at the mark: urgent data pending and nothing before it */
		inet_lock_data();
		v = in->has_oob && !in->ring_len;
		mutex_unlock(&inet_lock);
		return put_user(v, (int __user *)arg);
	}
	return -ENOIOCTLCMD;
}

static int tcp_setsockopt(struct socket *sock, int level, int name, void *val, unsigned len)
{
	struct inet_sock *in = inet_sk(sock);
	int v;

	if (level != LINUX_SOL_TCP)
		return inet_setsockopt(sock, level, name, val, len);
	if (name == LINUX_TCP_CONGESTION) {
		char algo[17] = { 0 };

		memcpy(algo, val, MIN(len, 16u));
		if (!strcmp(algo, "cubic") || !strcmp(algo, "reno"))
			return 0;
		return -ENOENT;
	}
	if (len < sizeof(int))
		return -EINVAL;
	memcpy(&v, val, sizeof(int));
	switch (name) {
	case LINUX_TCP_NODELAY:
		in->nodelay = v != 0;
		return 0;
	case LINUX_TCP_CORK:
		in->cork = v != 0;   /* nothing is held back: every byte is delivered at once */
		return 0;
	case LINUX_TCP_QUICKACK:
		in->quickack = v != 0;
		return 0;
	case LINUX_TCP_MAXSEG:
		if (v && (v < 88 || v > 32767))
			return -EINVAL;
		in->maxseg = v;
		return 0;
	case LINUX_TCP_KEEPIDLE:
	case LINUX_TCP_KEEPINTVL:
		if (v < 1 || v > 32767)
			return -EINVAL;
		if (name == LINUX_TCP_KEEPIDLE)
			in->keepidle = v;
		else
			in->keepintvl = v;
		return 0;
	case LINUX_TCP_KEEPCNT:
	case LINUX_TCP_SYNCNT:
		if (v < 1 || v > 127)
			return -EINVAL;
		if (name == LINUX_TCP_KEEPCNT)
			in->keepcnt = v;
		else
			in->syncnt = v;
		return 0;
	case LINUX_TCP_LINGER2:
		in->linger2 = v < 0 ? -1 : (v > 120 ? 120 : v);
		return 0;
	case LINUX_TCP_DEFER_ACCEPT:
		in->defer_accept = v < 0 ? 0 : v;
		return 0;
	case LINUX_TCP_WINDOW_CLAMP:
		if (v > 0 && v < SOCK_MIN_RCVBUF / 2)
			v = SOCK_MIN_RCVBUF / 2;   /* Linux's floor */
		in->window_clamp = v < 0 ? 0 : v;
		return 0;
	case LINUX_TCP_USER_TIMEOUT:
		if (v < 0)
			return -EINVAL;
		in->user_timeout = v;
		return 0;
	case LINUX_TCP_NOTSENT_LOWAT:
		in->notsent_lowat = v;
		return 0;
	case LINUX_TCP_FASTOPEN:
		return 0;   /* XXX: no fast open; the queue length is accepted */
	}
	return -ENOPROTOOPT;
}

static void tcp_info_fill(struct socket *sock, struct inet_sock *in, u8 *info)
{
	u32 *w = (u32 *)(info + 8);
	bool conn = in->state == TCP_ESTABLISHED || in->state == TCP_CLOSE_WAIT ||
		in->state == TCP_FIN_WAIT2;
	u32 mss = in->family == LINUX_AF_INET6 && !in6_is_v4mapped(&in->daddr) ?
		TCP_LO_MSS6 : TCP_LO_MSS4;

	memset(info, 0, TCP_INFO_SIZE);
	info[0] = in->state;
	if (conn) {
		info[5] = 1 | 2 | 4;          /* TIMESTAMPS | SACK | WSCALE */
		info[6] = 7 | (7 << 4);       /* window scales */
	}
	w[0] = 200000;                        /* rto, us */
	w[1] = conn ? 40000 : 0;              /* ato */
	w[2] = conn ? (in->maxseg ? MIN((u32)in->maxseg, mss) : mss) : TCP_MSS_DEFAULT;
	w[3] = TCP_MSS_DEFAULT;               /* rcv_mss */
	w[13] = conn ? 65535 : 0;             /* pmtu */
	w[14] = conn ? 65483 : 0;             /* rcv_ssthresh */
	w[15] = conn ? 20 : 0;                /* rtt, us */
	w[16] = conn ? 10 : 250000;           /* rttvar */
	w[17] = 0x7fffffff;                   /* snd_ssthresh: infinite */
	w[18] = 10;                           /* snd_cwnd */
	w[19] = conn ? mss : TCP_MSS_DEFAULT; /* advmss */
	w[20] = 3;                            /* reordering */
	w[22] = conn ? 65483 : 0;             /* rcv_space */
	(void)sock;
}

static int tcp_getsockopt(struct socket *sock, int level, int name, void *val, unsigned *len)
{
	struct inet_sock *in = inet_sk(sock);
	int v;

	if (level != LINUX_SOL_TCP)
		return inet_getsockopt(sock, level, name, val, len);
	switch (name) {
	case LINUX_TCP_INFO: {
		u8 info[TCP_INFO_SIZE];

		mutex_lock(&inet_lock);
		tcp_info_fill(sock, in, info);
		mutex_unlock(&inet_lock);
		*len = MIN(*len, (unsigned)TCP_INFO_SIZE);
		memcpy(val, info, *len);
		return 0;
	}
	case LINUX_TCP_CONGESTION:
		*len = MIN(*len, 16u);
		memset(val, 0, *len);
		memcpy(val, "cubic", MIN(*len, 5u));
		return 0;
	case LINUX_TCP_NODELAY: v = in->nodelay; break;
	case LINUX_TCP_CORK: v = in->cork; break;
	case LINUX_TCP_QUICKACK: v = 1; break;   /* loopback is always in quick-ack mode */
	case LINUX_TCP_MAXSEG:
		if (in->state == TCP_ESTABLISHED || in->state == TCP_CLOSE_WAIT) {
			u32 mss = in->family == LINUX_AF_INET6 && !in6_is_v4mapped(&in->daddr) ?
				TCP_LO_MSS6 : TCP_LO_MSS4;

			v = in->maxseg ? (int)MIN((u32)in->maxseg, mss) : (int)mss;
		} else {
			v = in->maxseg ? in->maxseg : TCP_MSS_DEFAULT;
		}
		break;
	case LINUX_TCP_KEEPIDLE: v = in->keepidle; break;
	case LINUX_TCP_KEEPINTVL: v = in->keepintvl; break;
	case LINUX_TCP_KEEPCNT: v = in->keepcnt; break;
	case LINUX_TCP_SYNCNT: v = in->syncnt; break;
	case LINUX_TCP_LINGER2: v = in->linger2; break;
	case LINUX_TCP_DEFER_ACCEPT: v = in->defer_accept; break;
	case LINUX_TCP_WINDOW_CLAMP: v = in->window_clamp; break;
	case LINUX_TCP_USER_TIMEOUT: v = in->user_timeout; break;
	case LINUX_TCP_NOTSENT_LOWAT: v = in->notsent_lowat < 0 ? 0 : in->notsent_lowat; break;
	case LINUX_TCP_FASTOPEN: v = 0; break;
	default:
		return -ENOPROTOOPT;
	}
	*len = MIN(*len, (unsigned)sizeof(int));
	memcpy(val, &v, *len);
	return 0;
}

const struct proto_ops tcp_ops = {
	.family = LINUX_AF_INET,
	.release = tcp_release,
	.bind = inet_bind,
	.connect = tcp_connect,
	.accept = tcp_accept,
	.getname = inet_getname,
	.poll = tcp_poll,
	.ioctl = tcp_ioctl,
	.listen = tcp_listen,
	.shutdown = tcp_shutdown,
	.setsockopt = tcp_setsockopt,
	.getsockopt = tcp_getsockopt,
	.sendmsg = tcp_sendmsg,
	.recvmsg = tcp_recvmsg,
};
