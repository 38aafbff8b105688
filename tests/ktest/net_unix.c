/*
 * AF_UNIX through the socket layer's kernel interface: a stream pair moves
 * bytes both ways and sees EOF after shutdown and EPIPE-free MSG_NOSIGNAL
 * failures; datagram pairs keep boundaries and truncate; a path-bound
 * listener (an S_IFSOCK node) accepts a connection queued before accept;
 * abstract names collide with EADDRINUSE; a writer kthread fills a stream
 * past its buffer while a reader drains it with a running checksum.
 */
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/net.h>
#include <kernel/poll.h>
#include <kernel/sched.h>
#include <string.h>

static ssize_t ksend(struct socket *s, const void *buf, size_t n, unsigned flags)
{
	struct iov_iter it;
	struct kmsghdr m = { .iter = &it };

	iov_iter_kvec(&it, (void *)buf, n);
	return sock_sendmsg(s, &m, flags);
}

static ssize_t krecv(struct socket *s, void *buf, size_t n, unsigned flags, unsigned *mflags)
{
	struct iov_iter it;
	struct kmsghdr m = { .iter = &it };
	ssize_t r;

	iov_iter_kvec(&it, buf, n);
	r = sock_recvmsg(s, &m, flags);
	if (mflags)
		*mflags = m.flags;
	return r;
}

static int kpair(int type, struct socket **a, struct socket **b)
{
	int err = sock_create(LINUX_AF_UNIX, type, 0, a);

	if (err)
		return err;
	err = sock_create(LINUX_AF_UNIX, type, 0, b);
	if (err) {
		sock_release(*a);
		return err;
	}
	return (*a)->ops->socketpair(*a, *b);
}

KTEST(net_unix_stream_pair)
{
	struct socket *a, *b;
	char buf[16];

	KT_ASSERT_EQ(kpair(LINUX_SOCK_STREAM, &a, &b), 0);
	KT_ASSERT_EQ(ksend(a, "hello", 5, 0), 5);
	KT_ASSERT_EQ(ksend(a, "world", 5, 0), 5);
	KT_ASSERT_EQ(krecv(b, buf, 3, LINUX_MSG_PEEK, NULL), 3);
	KT_ASSERT(!memcmp(buf, "hel", 3));
	KT_ASSERT_EQ(krecv(b, buf, sizeof(buf), 0, NULL), 10);
	KT_ASSERT(!memcmp(buf, "helloworld", 10));
	KT_ASSERT_EQ(krecv(b, buf, sizeof(buf), LINUX_MSG_DONTWAIT, NULL), -EAGAIN);
	KT_ASSERT_EQ(ksend(b, "back", 4, 0), 4);
	KT_ASSERT_EQ(krecv(a, buf, sizeof(buf), 0, NULL), 4);
	KT_ASSERT_EQ(a->ops->shutdown(a, LINUX_SHUT_WR), 0);
	KT_ASSERT_EQ(krecv(b, buf, sizeof(buf), 0, NULL), 0);
	KT_ASSERT_EQ(ksend(a, "x", 1, LINUX_MSG_NOSIGNAL), -EPIPE);
	sock_release(a);
	KT_ASSERT_EQ(ksend(b, "x", 1, LINUX_MSG_NOSIGNAL), -EPIPE);
	sock_release(b);
}

KTEST(net_unix_dgram_pair)
{
	struct socket *a, *b;
	unsigned mf = 0;
	char buf[16];

	KT_ASSERT_EQ(kpair(LINUX_SOCK_DGRAM, &a, &b), 0);
	KT_ASSERT_EQ(ksend(a, "one", 3, 0), 3);
	KT_ASSERT_EQ(ksend(a, "three", 5, 0), 5);
	KT_ASSERT_EQ(krecv(b, buf, sizeof(buf), 0, NULL), 3);
	KT_ASSERT_EQ(krecv(b, buf, 2, 0, &mf), 2);
	KT_ASSERT(mf & LINUX_MSG_TRUNC);
	KT_ASSERT_EQ(ksend(a, "abcdef", 6, 0), 6);
	KT_ASSERT_EQ(krecv(b, buf, 2, LINUX_MSG_TRUNC, NULL), 6);
	KT_ASSERT_EQ(krecv(b, buf, 2, LINUX_MSG_DONTWAIT, NULL), -EAGAIN);
	sock_release(a);
	sock_release(b);
}

KTEST(net_unix_listen_accept)
{
	struct linux_sockaddr_un sun = { .sun_family = LINUX_AF_UNIX };
	struct socket *l, *c, *n, *l2;
	char addr[LINUX_SOCKADDR_MAX], buf[8];
	struct kstat st;
	int len;

	strcpy(sun.sun_path, "/ktest-net-sock");
	KT_ASSERT_EQ(sock_create(LINUX_AF_UNIX, LINUX_SOCK_STREAM, 0, &l), 0);
	KT_ASSERT_EQ(sock_create(LINUX_AF_UNIX, LINUX_SOCK_STREAM, 0, &c), 0);
	KT_ASSERT_EQ(sock_create(LINUX_AF_UNIX, LINUX_SOCK_STREAM, 0, &l2), 0);
	KT_ASSERT_EQ(l->ops->listen(l, 1), -EINVAL);   /* not bound */
	KT_ASSERT_EQ(l->ops->bind(l, &sun, sizeof(sun)), 0);
	KT_ASSERT_EQ(vfs_statat(LINUX_AT_FDCWD, "/ktest-net-sock", 0, &st), 0);
	KT_ASSERT(S_ISSOCK(st.mode));
	KT_ASSERT_EQ(l2->ops->bind(l2, &sun, sizeof(sun)), -EADDRINUSE);
	KT_ASSERT_EQ(c->ops->connect(c, &sun, sizeof(sun), 0), -ECONNREFUSED);
	KT_ASSERT_EQ(l->ops->listen(l, 1), 0);
	KT_ASSERT_EQ(c->ops->connect(c, &sun, sizeof(sun), 0), 0);
	KT_ASSERT_EQ(ksend(c, "early", 5, 0), 5);   /* before accept */
	n = sock_alloc_like(l);
	KT_ASSERT(n);
	KT_ASSERT_EQ(l->ops->accept(l, n, 0), 0);
	l2 = sock_alloc_like(l);
	KT_ASSERT_EQ(l->ops->accept(l, l2, LINUX_O_NONBLOCK), -EAGAIN);
	sock_release(l2);   /* never got an sk: just freed */
	KT_ASSERT_EQ(krecv(n, buf, sizeof(buf), 0, NULL), 5);
	len = c->ops->getname(c, addr, true);
	KT_ASSERT_EQ(len, 2 + (int)strlen("/ktest-net-sock") + 1);
	KT_ASSERT(!strcmp(((struct linux_sockaddr_un *)addr)->sun_path, "/ktest-net-sock"));
	sock_release(c);
	KT_ASSERT_EQ(krecv(n, buf, sizeof(buf), 0, NULL), 0);
	sock_release(n);
	sock_release(l);
	vfs_unlinkat(LINUX_AT_FDCWD, "/ktest-net-sock");
}

KTEST(net_unix_abstract)
{
	struct linux_sockaddr_un sun = { .sun_family = LINUX_AF_UNIX };
	struct socket *a, *b, *c;
	char addr[LINUX_SOCKADDR_MAX];
	int alen = 2 + 1 + 9;

	memcpy(sun.sun_path, "\0ktest-abs", 10);
	KT_ASSERT_EQ(sock_create(LINUX_AF_UNIX, LINUX_SOCK_DGRAM, 0, &a), 0);
	KT_ASSERT_EQ(sock_create(LINUX_AF_UNIX, LINUX_SOCK_DGRAM, 0, &b), 0);
	KT_ASSERT_EQ(sock_create(LINUX_AF_UNIX, LINUX_SOCK_DGRAM, 0, &c), 0);
	KT_ASSERT_EQ(a->ops->bind(a, &sun, alen), 0);
	KT_ASSERT_EQ(b->ops->bind(b, &sun, alen), -EADDRINUSE);
	KT_ASSERT_EQ(b->ops->bind(b, &sun, 2), 0);    /* autobind */
	KT_ASSERT_EQ(b->ops->getname(b, addr, false), 8);
	KT_ASSERT_EQ(addr[2], 0);
	KT_ASSERT_EQ(c->ops->connect(c, &sun, alen, 0), 0);
	KT_ASSERT_EQ(ksend(c, "d", 1, 0), 1);
	sock_release(a);
	KT_ASSERT_EQ(ksend(c, "d", 1, 0), -ECONNREFUSED);
	sock_release(b);
	sock_release(c);
}

struct stream_job {
	struct socket *s;
	u64 sum;
	long moved;
};

#define STREAM_TOTAL (600 * 1024)

static int stream_writer(void *arg)
{
	struct stream_job *j = arg;
	char *buf = kmalloc(7000, GFP_KERNEL);
	long done = 0;

	if (!buf)
		return -1;
	while (done < STREAM_TOTAL) {
		size_t n = MIN((long)(1 + (done * 7) % 6999), STREAM_TOTAL - done);
		ssize_t w;

		for (size_t i = 0; i < n; i++) {
			buf[i] = (char)((done + i) * 13 + 5);
			j->sum += (u8)buf[i];
		}
		w = ksend(j->s, buf, n, LINUX_MSG_NOSIGNAL);
		if (w <= 0)
			break;
		/* a short send is fine: account what went */
		for (size_t i = w; i < n; i++)
			j->sum -= (u8)buf[i];
		done += w;
	}
	j->moved = done;
	sock_release(j->s);   /* the reader sees EOF */
	kfree(buf);
	return 0;
}

KTEST(net_unix_stream_flow)
{
	struct socket *a, *b;
	struct stream_job j = { 0 };
	struct task *t;
	char *buf = kmalloc(5000, GFP_KERNEL);
	u64 sum = 0;
	long got = 0;

	KT_ASSERT(buf);
	KT_ASSERT_EQ(kpair(LINUX_SOCK_STREAM, &a, &b), 0);
	j.s = a;
	t = kthread_run(stream_writer, &j, "ktest-unix-w");
	KT_ASSERT(t);
	for (;;) {
		ssize_t r = krecv(b, buf, 1 + got % 4999, 0, NULL);

		if (r <= 0) {
			KT_ASSERT_EQ(r, 0);
			break;
		}
		for (ssize_t i = 0; i < r; i++)
			sum += (u8)buf[i];
		got += r;
	}
	kthread_join(t);
	KT_ASSERT_EQ(got, STREAM_TOTAL);
	KT_ASSERT_EQ(j.moved, STREAM_TOTAL);
	KT_ASSERT_EQ(sum, j.sum);
	sock_release(b);
	kfree(buf);
}

/* Readiness through the socket file's f_op->poll. */
KTEST(net_unix_poll)
{
	struct socket *a, *b;
	struct file *fa, *fb;
	unsigned ma, mb;
	char c;

	KT_ASSERT_EQ(kpair(LINUX_SOCK_STREAM, &a, &b), 0);
	fa = sock_alloc_file(a, 0);
	KT_ASSERT(!IS_ERR(fa));
	fb = sock_alloc_file(b, 0);
	KT_ASSERT(!IS_ERR(fb));
	KT_ASSERT(S_ISSOCK(fa->f_inode->i_mode));
	KT_ASSERT(sock_from_file(fa) == a);
	ma = vfs_poll(fa, NULL);
	mb = vfs_poll(fb, NULL);
	KT_ASSERT((ma & POLLOUT) && !(ma & (POLLIN | POLLHUP)));
	KT_ASSERT((mb & POLLOUT) && !(mb & POLLIN));
	KT_ASSERT_EQ(kernel_write(fa, "z", 1, NULL), 1);
	KT_ASSERT(vfs_poll(fb, NULL) & POLLIN);
	KT_ASSERT_EQ(kernel_read(fb, &c, 1, NULL), 1);
	KT_ASSERT_EQ(c, 'z');
	KT_ASSERT(!(vfs_poll(fb, NULL) & POLLIN));
	KT_ASSERT_EQ(a->ops->shutdown(a, LINUX_SHUT_WR), 0);
	mb = vfs_poll(fb, NULL);
	KT_ASSERT((mb & POLLRDHUP) && (mb & POLLIN) && !(mb & POLLHUP));
	fput(fa);
	mb = vfs_poll(fb, NULL);
	KT_ASSERT((mb & POLLHUP) && (mb & POLLIN));
	fput(fb);
}
