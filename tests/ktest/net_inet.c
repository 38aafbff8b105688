/*
 * AF_INET through the socket layer's kernel interface: a TCP connection
 * over 127.0.0.1 carries 512 KiB one way (the receiver's ring growing
 * while nobody reads) and data back, a close with unread data resets the
 * peer, a listener closed with a queued connection resets it; UDP keeps
 * datagram boundaries. Done many times, the free page count comes back.
 */
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/net.h>
#include <string.h>

struct kt_sin {
	u16 family, port;
	u32 addr;
	u8 zero[8];
};

static ssize_t ksend(struct socket *s, const void *buf, size_t n, unsigned flags)
{
	struct iov_iter it;
	struct kmsghdr m = { .iter = &it };

	iov_iter_kvec(&it, (void *)buf, n);
	return sock_sendmsg(s, &m, flags);
}

static ssize_t krecv(struct socket *s, void *buf, size_t n, unsigned flags)
{
	struct iov_iter it;
	struct kmsghdr m = { .iter = &it };

	iov_iter_kvec(&it, buf, n);
	return sock_recvmsg(s, &m, flags);
}

/* A listener on 127.0.0.1 and its address; 0 or -errno. */
static int klisten(struct socket **l, struct kt_sin *sin, int backlog)
{
	int err = sock_create(LINUX_AF_INET, LINUX_SOCK_STREAM, 0, l);

	if (err)
		return err;
	memset(sin, 0, sizeof(*sin));
	sin->family = LINUX_AF_INET;
	sin->addr = 0x0100007f;   /* 127.0.0.1, network order */
	err = (*l)->ops->bind(*l, sin, sizeof(*sin));
	if (!err)
		err = (*l)->ops->listen(*l, backlog);
	if (!err && (*l)->ops->getname(*l, sin, false) < 0)
		err = -EINVAL;
	return err;
}

static int one_round(char *buf, size_t len)
{
	struct socket *l, *c, *a, *c2;
	struct kt_sin sin;
	size_t got = 0;
	int err;

	err = klisten(&l, &sin, 4);
	if (err)
		return err;
	if (sock_create(LINUX_AF_INET, LINUX_SOCK_STREAM, 0, &c) ||
	    c->ops->connect(c, &sin, sizeof(sin), 0))
		return -1;
	a = sock_alloc_like(l);
	if (!a || l->ops->accept(l, a, 0))
		return -2;
	for (size_t off = 0; off < len; off += 65536) {
		memset(buf, (int)(off >> 16), 65536);
		if (ksend(c, buf, 65536, LINUX_MSG_DONTWAIT) != 65536)
			return -3;   /* the ring grows: nothing blocks */
	}
	while (got < len) {
		ssize_t r = krecv(a, buf, 65536, LINUX_MSG_DONTWAIT);

		if (r <= 0)
			return -4;
		for (ssize_t i = 0; i < r; i++)
			if (buf[i] != (char)((got + i) >> 16))
				return -5;
		got += r;
	}
	if (ksend(a, "unread", 6, 0) != 6)
		return -6;
	sock_release(c);   /* unread data: the peer is reset */
	if (krecv(a, buf, 16, 0) != -ECONNRESET || krecv(a, buf, 16, 0) != 0)
		return -7;
	sock_release(a);
	/* A connection never accepted is reset with its listener. */
	if (sock_create(LINUX_AF_INET, LINUX_SOCK_STREAM, 0, &c2) ||
	    c2->ops->connect(c2, &sin, sizeof(sin), 0))
		return -8;
	sock_release(l);
	if (krecv(c2, buf, 16, 0) != -ECONNRESET)
		return -9;
	sock_release(c2);
	return 0;
}

KTEST(net_inet_tcp)
{
	char *buf = kmalloc(65536, GFP_KERNEL);
	u64 before, after;

	KT_ASSERT(buf != NULL);
	KT_ASSERT_EQ(one_round(buf, 512 * 1024), 0);   /* warm the caches */
	vmalloc_purge();
	before = pmm_free_pages();
	for (int i = 0; i < 20; i++)
		KT_ASSERT_EQ(one_round(buf, 512 * 1024), 0);
	vmalloc_purge();
	after = pmm_free_pages();
	KT_ASSERT_MSG(after + 64 >= before, "free pages %llu before, %llu after",
		      (unsigned long long)before, (unsigned long long)after);
	kfree(buf);
}

KTEST(net_inet_udp)
{
	struct socket *a, *b;
	struct kt_sin sa = { .family = LINUX_AF_INET, .addr = 0x0100007f }, sb = sa;
	struct iov_iter it;
	struct kmsghdr m = { .iter = &it };
	char buf[16];

	KT_ASSERT_EQ(sock_create(LINUX_AF_INET, LINUX_SOCK_DGRAM, 0, &a), 0);
	KT_ASSERT_EQ(sock_create(LINUX_AF_INET, LINUX_SOCK_DGRAM, 0, &b), 0);
	KT_ASSERT_EQ(b->ops->bind(b, &sb, sizeof(sb)), 0);
	KT_ASSERT(b->ops->getname(b, &sb, false) == sizeof(sb));
	KT_ASSERT(sb.port != 0);
	iov_iter_kvec(&it, "one", 3);
	m.name = &sb;
	m.namelen = sizeof(sb);
	KT_ASSERT_EQ(sock_sendmsg(a, &m, 0), 3);
	iov_iter_kvec(&it, "second", 6);
	KT_ASSERT_EQ(sock_sendmsg(a, &m, 0), 6);
	KT_ASSERT_EQ(krecv(b, buf, sizeof(buf), 0), 3);
	KT_ASSERT_EQ(krecv(b, buf, 2, LINUX_MSG_TRUNC), 6);
	KT_ASSERT_EQ(krecv(b, buf, sizeof(buf), LINUX_MSG_DONTWAIT), -EAGAIN);
	KT_ASSERT(a->ops->getname(a, &sa, false) == sizeof(sa));
	KT_ASSERT(sa.port != 0);   /* autobound by the send */
	sock_release(a);
	sock_release(b);
}
