/*
 * The socket syscalls: socket, socketpair, bind, listen, connect, accept,
 * accept4, getsockname, getpeername, sendto, recvfrom, sendmsg, recvmsg,
 * sendmmsg, recvmmsg, shutdown, setsockopt, getsockopt. They check and copy
 * arguments (addresses, msghdrs, iovecs, control buffers, option values)
 * and call the generic socket layer (kernel/net/socket.c), which hands the
 * work to the address family.
 */
#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/net.h>
#include <kernel/proc.h>
#include <kernel/uaccess.h>
#include <linuxabi/uapi/fcntl.h>
#include <linuxabi/uapi/socket.h>
#include <linuxabi/uapi/time.h>
#include <string.h>

#define SOCK_MAX 11                /* socket types are below this */
#define OPTMEM_MAX 20480           /* net.core.optmem_max: control buffer bound */
#define OPT_BUF 256                /* option values we understand fit here */
#define INT_MAX_LEN 0x7fffffff

static int move_addr_to_kernel(const void __user *uaddr, int ulen, void *kaddr)
{
	if (ulen < 0 || ulen > LINUX_SOCKADDR_MAX)
		return -EINVAL;
	if (!ulen)
		return 0;
	if (copy_from_user(kaddr, uaddr, ulen))
		return -EFAULT;
	return 0;
}

/* Copy min(*ulen, klen) bytes out and store klen in *ulen, as Linux. */
static int move_addr_to_user(const void *kaddr, int klen, void __user *uaddr, int __user *ulen)
{
	int len;

	if (get_user(len, ulen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (len > klen)
		len = klen;
	if (len && copy_to_user(uaddr, kaddr, len))
		return -EFAULT;
	return put_user(klen, ulen);
}

long sys_socket(int family, int type, int protocol)
{
	unsigned flags = type & ~LINUX_SOCK_TYPE_MASK;
	struct socket *sock;
	struct file *f;
	int err, fd;

	if (flags & ~(LINUX_SOCK_CLOEXEC | LINUX_SOCK_NONBLOCK))
		return -EINVAL;
	type &= LINUX_SOCK_TYPE_MASK;
	if (type >= SOCK_MAX)
		return -EINVAL;
	err = sock_create(family, type, protocol, &sock);
	if (err)
		return err;
	f = sock_alloc_file(sock, flags & LINUX_SOCK_NONBLOCK);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_install_new(f, !!(flags & LINUX_SOCK_CLOEXEC));
	if (fd < 0)
		fput(f);
	return fd;
}

long sys_socketpair(int family, int type, int protocol, int __user *usv)
{
	unsigned flags = type & ~LINUX_SOCK_TYPE_MASK;
	struct socket *a, *b;
	struct file *fa, *fb;
	unsigned cloexec;
	int err, fd[2];

	if (flags & ~(LINUX_SOCK_CLOEXEC | LINUX_SOCK_NONBLOCK))
		return -EINVAL;
	type &= LINUX_SOCK_TYPE_MASK;
	if (type >= SOCK_MAX)
		return -EINVAL;
	cloexec = !!(flags & LINUX_SOCK_CLOEXEC);
	err = sock_create(family, type, protocol, &a);
	if (err == -EAFNOSUPPORT && (family == LINUX_AF_INET || family == LINUX_AF_INET6))
		return -EOPNOTSUPP;   /* what Linux's inet says, while AF_INET is missing here */
	if (err)
		return err;
	if (!a->ops->socketpair) {
		sock_release(a);
		return -EOPNOTSUPP;
	}
	err = sock_create(family, type, protocol, &b);
	if (err) {
		sock_release(a);
		return err;
	}
	fa = sock_alloc_file(a, flags & LINUX_SOCK_NONBLOCK);
	if (IS_ERR(fa)) {
		sock_release(b);
		return PTR_ERR(fa);
	}
	fb = sock_alloc_file(b, flags & LINUX_SOCK_NONBLOCK);
	if (IS_ERR(fb)) {
		fput(fa);
		return PTR_ERR(fb);
	}
	fd[0] = fd_alloc(0, cloexec);
	if (fd[0] < 0) {
		err = fd[0];
		goto out_files;
	}
	fd[1] = fd_alloc(0, cloexec);
	if (fd[1] < 0) {
		err = fd[1];
		fd_free_reserved(fd[0]);
		goto out_files;
	}
	if (copy_to_user(usv, fd, sizeof(fd))) {
		err = -EFAULT;
		goto out_fds;
	}
	err = a->ops->socketpair(a, b);
	if (err)
		goto out_fds;
	fd_install(fd[0], fa);
	fd_install(fd[1], fb);
	return 0;
out_fds:
	fd_free_reserved(fd[0]);
	fd_free_reserved(fd[1]);
out_files:
	fput(fa);
	fput(fb);
	return err;
}

long sys_bind(int fd, void __user *uaddr, int len)
{
	char addr[LINUX_SOCKADDR_MAX];
	struct socket *sock;
	struct file *f;
	int err;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	memset(addr, 0, sizeof(addr));
	err = move_addr_to_kernel(uaddr, len, addr);
	if (!err)
		err = sock->ops->bind ? sock->ops->bind(sock, addr, len) : -EOPNOTSUPP;
	fput(f);
	return err;
}

long sys_listen(int fd, int backlog)
{
	struct socket *sock;
	struct file *f;
	int err;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	err = sock->ops->listen ? sock->ops->listen(sock, backlog) : -EOPNOTSUPP;
	fput(f);
	return err;
}

long sys_connect(int fd, void __user *uaddr, int len)
{
	char addr[LINUX_SOCKADDR_MAX];
	struct socket *sock;
	struct file *f;
	int err;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	memset(addr, 0, sizeof(addr));
	err = move_addr_to_kernel(uaddr, len, addr);
	if (!err)
		err = sock->ops->connect ?
			sock->ops->connect(sock, addr, len, READ_ONCE(f->f_flags) & LINUX_O_NONBLOCK) :
			-EOPNOTSUPP;
	fput(f);
	return err;
}

long sys_accept4(int fd, void __user *uaddr, int __user *ulen, int flags)
{
	char addr[LINUX_SOCKADDR_MAX];
	struct socket *sock, *newsock;
	struct file *f, *nf;
	int err, len, nfd;

	if (flags & ~(LINUX_SOCK_CLOEXEC | LINUX_SOCK_NONBLOCK))
		return -EINVAL;
	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	if (!sock->ops->accept) {
		err = -EOPNOTSUPP;
		goto out;
	}
	newsock = sock_alloc_like(sock);
	if (!newsock) {
		err = -ENOMEM;
		goto out;
	}
	nfd = fd_alloc(0, !!(flags & LINUX_SOCK_CLOEXEC));
	if (nfd < 0) {
		sock_release(newsock);
		err = nfd;
		goto out;
	}
	err = sock->ops->accept(sock, newsock, READ_ONCE(f->f_flags) & LINUX_O_NONBLOCK);
	if (err) {
		fd_free_reserved(nfd);
		sock_release(newsock);
		goto out;
	}
	nf = sock_alloc_file(newsock, flags & LINUX_SOCK_NONBLOCK);
	if (IS_ERR(nf)) {
		fd_free_reserved(nfd);
		err = PTR_ERR(nf);
		goto out;
	}
	if (uaddr) {
		memset(addr, 0, sizeof(addr));
		len = newsock->ops->getname(newsock, addr, true);
		err = len < 0 ? -ECONNABORTED : move_addr_to_user(addr, len, uaddr, ulen);
		if (err) {
			fd_free_reserved(nfd);
			fput(nf);
			goto out;
		}
	}
	fd_install(nfd, nf);
	err = nfd;
out:
	fput(f);
	return err;
}

long sys_accept(int fd, void __user *uaddr, int __user *ulen)
{
	return sys_accept4(fd, uaddr, ulen, 0);
}

static long getname_common(int fd, void __user *uaddr, int __user *ulen, bool peer)
{
	char addr[LINUX_SOCKADDR_MAX];
	struct socket *sock;
	struct file *f;
	int err, len;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	memset(addr, 0, sizeof(addr));
	len = sock->ops->getname ? sock->ops->getname(sock, addr, peer) : -EOPNOTSUPP;
	err = len < 0 ? len : move_addr_to_user(addr, len, uaddr, ulen);
	fput(f);
	return err;
}

long sys_getsockname(int fd, void __user *uaddr, int __user *ulen)
{
	return getname_common(fd, uaddr, ulen, false);
}

long sys_getpeername(int fd, void __user *uaddr, int __user *ulen)
{
	return getname_common(fd, uaddr, ulen, true);
}

long sys_sendto(int fd, void __user *buf, size_t len, unsigned flags, void __user *uaddr,
		int addrlen)
{
	char addr[LINUX_SOCKADDR_MAX];
	struct kmsghdr m = { 0 };
	struct iov_iter it;
	struct socket *sock;
	struct file *f;
	int err;
	ssize_t ret;

	if (len > INT_MAX_LEN)
		len = INT_MAX_LEN;
	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	iov_iter_ubuf(&it, buf, len);
	m.iter = &it;
	if (uaddr) {
		memset(addr, 0, sizeof(addr));
		err = move_addr_to_kernel(uaddr, addrlen, addr);
		if (err) {
			fput(f);
			return err;
		}
		m.name = addr;
		m.namelen = addrlen;
	}
	ret = sock_sendmsg(sock, &m, flags);
	fput(f);
	return ret;
}

long sys_recvfrom(int fd, void __user *buf, size_t len, unsigned flags, void __user *uaddr,
		  int __user *addrlen)
{
	char addr[LINUX_SOCKADDR_MAX];
	struct kmsghdr m = { 0 };
	struct iov_iter it;
	struct socket *sock;
	struct file *f;
	int err;
	ssize_t ret;

	if (len > INT_MAX_LEN)
		len = INT_MAX_LEN;
	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	iov_iter_ubuf(&it, buf, len);
	m.iter = &it;
	memset(addr, 0, sizeof(addr));
	m.name = addr;
	ret = sock_recvmsg(sock, &m, flags);
	if (ret >= 0 && uaddr) {
		err = move_addr_to_user(addr, m.namelen, uaddr, addrlen);
		if (err)
			ret = err;
	}
	fput(f);
	return ret;
}

/* A user msghdr in kernel form: iovec copy, address, control buffer. */
struct msg_state {
	struct linux_msghdr um;
	struct uvec fast[UIO_FASTIOV], *iov;
	struct iov_iter it;
	char addr[LINUX_SOCKADDR_MAX];
	char ctl_fast[128];
	char *ctl;
};

static void msg_state_free(struct msg_state *s)
{
	if (s->iov && s->iov != s->fast)
		kfree(s->iov);
	if (s->ctl && s->ctl != s->ctl_fast)
		kfree(s->ctl);
	s->iov = NULL;
	s->ctl = NULL;
}

static int msg_import(struct msg_state *s, const struct linux_msghdr __user *umsg,
		      struct kmsghdr *m, bool send)
{
	int err;

	memset(m, 0, sizeof(*m));
	s->iov = NULL;
	s->ctl = NULL;
	if (copy_from_user(&s->um, umsg, sizeof(s->um)))
		return -EFAULT;
	if (s->um.msg_iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	if (s->um.msg_namelen < 0)
		return -EINVAL;
	if (s->um.msg_namelen > LINUX_SOCKADDR_MAX)
		s->um.msg_namelen = LINUX_SOCKADDR_MAX;
	err = import_uvec(s->um.msg_iov, s->um.msg_iovlen, s->fast, &s->iov, &s->it);
	if (err < 0)
		return err;
	m->iter = &s->it;
	memset(s->addr, 0, sizeof(s->addr));
	if (send) {
		if (s->um.msg_name && s->um.msg_namelen) {
			err = move_addr_to_kernel(s->um.msg_name, s->um.msg_namelen, s->addr);
			if (err)
				return err;
			m->name = s->addr;
			m->namelen = s->um.msg_namelen;
		}
		if (s->um.msg_controllen > INT_MAX_LEN || s->um.msg_controllen > OPTMEM_MAX)
			return -ENOBUFS;
		if (s->um.msg_controllen) {
			s->ctl = s->um.msg_controllen <= sizeof(s->ctl_fast) ? s->ctl_fast :
				kmalloc(s->um.msg_controllen, GFP_KERNEL);
			if (!s->ctl)
				return -ENOBUFS;
			if (copy_from_user(s->ctl, s->um.msg_control, s->um.msg_controllen))
				return -EFAULT;
			m->control = s->ctl;
			m->controllen = s->um.msg_controllen;
		}
	} else {
		m->name = s->addr;
		m->ucontrol = s->um.msg_control;
		m->ucontrollen = s->um.msg_controllen;
	}
	return 0;
}

static ssize_t do_sendmsg(struct socket *sock, struct linux_msghdr __user *umsg, unsigned flags)
{
	struct msg_state *s = kmalloc(sizeof(*s), GFP_KERNEL);
	struct kmsghdr m;
	ssize_t ret;

	if (!s)
		return -ENOMEM;
	ret = msg_import(s, umsg, &m, true);
	if (!ret)
		ret = sock_sendmsg(sock, &m, flags);
	msg_state_free(s);
	kfree(s);
	return ret;
}

static ssize_t do_recvmsg(struct socket *sock, struct linux_msghdr __user *umsg, unsigned flags)
{
	struct msg_state *s = kmalloc(sizeof(*s), GFP_KERNEL);
	struct kmsghdr m;
	ssize_t ret;

	if (!s)
		return -ENOMEM;
	ret = msg_import(s, umsg, &m, false);
	if (ret)
		goto out;
	ret = sock_recvmsg(sock, &m, flags);
	if (ret < 0)
		goto out;
	if (s->um.msg_name) {
		int err = move_addr_to_user(s->addr, m.namelen, s->um.msg_name, &umsg->msg_namelen);

		if (err) {
			ret = err;
			goto out;
		}
	}
	{
		u64 used = m.ucontrol_used;
		unsigned mf = m.flags & ~LINUX_MSG_CMSG_CLOEXEC;

		if (put_user(mf, &umsg->msg_flags) || put_user(used, &umsg->msg_controllen))
			ret = -EFAULT;
	}
out:
	msg_state_free(s);
	kfree(s);
	return ret;
}

long sys_sendmsg(int fd, struct linux_msghdr __user *umsg, unsigned flags)
{
	struct socket *sock;
	struct file *f;
	int err;
	ssize_t ret;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	ret = do_sendmsg(sock, umsg, flags);
	fput(f);
	return ret;
}

long sys_recvmsg(int fd, struct linux_msghdr __user *umsg, unsigned flags)
{
	struct socket *sock;
	struct file *f;
	int err;
	ssize_t ret;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	ret = do_recvmsg(sock, umsg, flags);
	fput(f);
	return ret;
}

long sys_sendmmsg(int fd, struct linux_mmsghdr __user *vec, unsigned vlen, unsigned flags)
{
	struct socket *sock;
	struct file *f;
	unsigned n = 0;
	int err;
	ssize_t ret = 0;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	for (; n < vlen; n++) {
		ret = do_sendmsg(sock, &vec[n].msg_hdr, flags);
		if (ret < 0)
			break;
		if (put_user((unsigned)ret, &vec[n].msg_len)) {
			ret = -EFAULT;
			break;
		}
	}
	fput(f);
	return n ? (long)n : ret;
}

long sys_recvmmsg(int fd, struct linux_mmsghdr __user *vec, unsigned vlen, unsigned flags,
		  struct linux_timespec __user *utimeout)
{
	struct linux_timespec ts;
	struct socket *sock;
	u64 deadline = 0;
	struct file *f;
	unsigned n = 0;
	int err;
	ssize_t ret = 0;

	if (utimeout) {
		if (copy_from_user(&ts, utimeout, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
			return -EINVAL;
		deadline = ktime_get_ns() + (u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
	}
	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	/* XXX: the timeout is checked between datagrams only, as Linux's
	 * (documented) behaviour; a blocking receive is not cut short. */
	for (; n < vlen; n++) {
		ret = do_recvmsg(sock, &vec[n].msg_hdr, flags);
		if (ret < 0)
			break;
		if (put_user((unsigned)ret, &vec[n].msg_len)) {
			ret = -EFAULT;
			break;
		}
		if (flags & LINUX_MSG_WAITFORONE)
			flags |= LINUX_MSG_DONTWAIT;
		if (deadline && ktime_get_ns() >= deadline) {
			n++;
			break;
		}
	}
	fput(f);
	return n ? (long)n : ret;
}

long sys_shutdown(int fd, int how)
{
	struct socket *sock;
	struct file *f;
	int err;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	if (how < LINUX_SHUT_RD || how > LINUX_SHUT_RDWR)
		err = -EINVAL;
	else
		err = sock->ops->shutdown ? sock->ops->shutdown(sock, how) : -EOPNOTSUPP;
	fput(f);
	return err;
}

long sys_setsockopt(int fd, int level, int name, void __user *uval, int len)
{
	char val[OPT_BUF];
	struct socket *sock;
	struct file *f;
	int err;

	if (len < 0)
		return -EINVAL;
	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	memset(val, 0, sizeof(val));
	if (copy_from_user(val, uval, MIN((unsigned)len, (unsigned)sizeof(val))))
		err = (unsigned)len < sizeof(int) ? -EINVAL : -EFAULT;
	else
		err = sock_setsockopt(sock, level, name, val, MIN((unsigned)len, (unsigned)sizeof(val)));
	fput(f);
	return err;
}

long sys_getsockopt(int fd, int level, int name, void __user *uval, int __user *ulen)
{
	char val[OPT_BUF];
	struct socket *sock;
	struct file *f;
	unsigned klen;
	int err, len;

	sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	if (get_user(len, ulen)) {
		err = -EFAULT;
		goto out;
	}
	if (len < 0) {
		err = -EINVAL;
		goto out;
	}
	memset(val, 0, sizeof(val));
	klen = MIN((unsigned)len, (unsigned)sizeof(val));
	err = sock_getsockopt(sock, level, name, val, &klen);
	if (err)
		goto out;
	if (copy_to_user(uval, val, klen) || put_user((int)klen, ulen))
		err = -EFAULT;
out:
	fput(f);
	return err;
}
