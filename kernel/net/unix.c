/*
 * AF_UNIX sockets: SOCK_STREAM, SOCK_DGRAM and SOCK_SEQPACKET between
 * processes of this kernel, with Linux's semantics.
 *
 * Names: a filesystem path (bind creates an S_IFSOCK node through
 * vfs_mknodat and the socket is found again by that inode), an abstract
 * name (leading NUL, no file), or an autobound abstract "\0XXXXX".
 *
 * Data: every send becomes a unix_skb queued on the receiver (stream sends
 * may be split to fit the send buffer); stream reads glue skbs together,
 * datagram and seqpacket reads take one skb each (the rest of a long
 * record is dropped, MSG_TRUNC). skbs carry the sender's credentials
 * (SCM_CREDENTIALS), in-flight files (SCM_RIGHTS, referenced) and, for
 * datagrams, the sender's address.
 *
 * Connections: connect() on a stream/seqpacket socket makes the server
 * side ("embryo") at once and queues it on the listener's backlog, so the
 * client may send before accept(); accept() gives the embryo a socket.
 *
 * Locking: one mutex, unix_lock, guards every unix_sock field, the bound
 * list and all queues. Sleeps drop it (sock_wait_locked). Files are never
 * fput and paths never put while holding it: releasing an in-flight unix
 * socket would take it again. Lifetimes: refs (under unix_lock) count the
 * owning socket, peer pointers and backlog membership.
 *
 * Data is never copied to or from user memory under unix_lock: a copy may
 * fault and wait for a disk, and unix_lock is every AF_UNIX socket's.
 * Senders fill an skb first and queue it after; readers of one socket
 * take its iolock (before unix_lock), which keeps the skb they copy from
 * at the head of the queue while unix_lock is dropped: only the socket's
 * readers take skbs off its queue (and its release, which cannot run
 * while a reader holds the file). A reader about to sleep lets go of
 * iolock, as Linux's, so other readers of the socket are not stuck behind
 * it uninterruptibly. XXX: Linux locks per socket (unix_state_lock).
 *
 * XXX: Linux's garbage collector for unix sockets passed inside each other
 * (cycles of in-flight files) does not exist: such cycles leak.
 *
 * Abstract names are per network namespace (each unix_sock carries the
 * net of its socket); path names are found through the filesystem and so
 * reach across namespaces, as on Linux.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/net.h>
#include <kernel/net_ns.h>
#include <kernel/poll.h>
#include <kernel/pid_ns.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/uaccess.h>
#include <linuxabi/uapi/fcntl.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define RCV_SHUTDOWN  1
#define SEND_SHUTDOWN 2
#define SHUTDOWN_MASK 3

#define UNIX_MAX_DGRAM_QLEN 10     /* net.unix.max_dgram_qlen */
#define SCM_MAX_FD 253
/* Stream sends are split into pieces whose skb, header included, is this
 * big: 64 KiB, an order-4 block (a 64 KiB payload would take order 5). */
#define UNIX_SKB_MAX (64 * 1024 - sizeof(struct unix_skb))

enum { US_UNCONNECTED, US_LISTENING, US_CONNECTED };

struct unix_addr {
	int len;                      /* bytes of sun, the family included */
	union {
		struct linux_sockaddr_un sun;
		/* As Linux's sockaddr_storage: room to NUL-terminate a full
		 * 108-byte path (whose kept length is then 111). */
		char raw[128];
	};
};

struct unix_skb {
	struct list_head node;        /* in the receiver's rq */
	size_t len, off;              /* bytes, bytes already read (streams) */
	struct file **fps;            /* SCM_RIGHTS in flight (referenced), or NULL */
	int nfp;
	struct linux_ucred cred;      /* the sender's (or what it claimed, if allowed) */
	struct unix_addr *from;       /* datagrams: the sender's name, or NULL */
	char data[];
};

struct unix_sock {
	int refs;
	struct socket *sock;          /* NULL: released, or an embryo not yet accepted */
	int type;
	int state;                    /* US_* */
	bool dead;                    /* released: nothing is delivered here any more */
	unsigned shutdown;            /* RCV_SHUTDOWN | SEND_SHUTDOWN */
	int err;                      /* pending error (ECONNRESET), reported once */
	struct unix_sock *peer;       /* referenced */
	struct unix_addr *addr;       /* bound name (kmalloc) or NULL */
	struct net *net;              /* its namespace (referenced): abstract names are per net */
	struct path path;             /* path-bound: the node (referenced) */
	struct inode *inode;          /* path-bound: path.dentry->d_inode */
	struct list_head bound_node;  /* in unix_bound while bound */
	struct list_head rq;          /* unix_skb: received, unread */
	size_t rq_bytes;              /* unread bytes in rq */
	unsigned rq_len;              /* skbs in rq */
	struct list_head backlog;     /* listening: embryos waiting for accept */
	unsigned backlog_len;
	int max_backlog;
	struct list_head embryo_node; /* in the listener's backlog */
	struct linux_ucred peercred;  /* SO_PEERCRED */
	bool has_peercred;
	struct linux_ucred listencred; /* a listener's, given to connecting clients */
	struct wait_queue_head wq;    /* data, room, connections, state changes */
	struct mutex iolock;          /* this socket's readers, one at a time (before unix_lock) */
};

static DEFINE_MUTEX(unix_lock);
static LIST_HEAD(unix_bound);     /* every bound unix_sock (unix_lock) */
static unsigned unix_autobind_next; /* unix_lock */

static const struct proto_ops unix_ops;

/* ---- objects ---- */

static struct unix_sock *unix_sock_alloc(struct net *net, int type)
{
	struct unix_sock *u = kzalloc(sizeof(*u), GFP_KERNEL);

	if (!u)
		return NULL;
	u->refs = 1;
	u->net = get_net(net);
	u->type = type;
	u->state = US_UNCONNECTED;
	INIT_LIST_HEAD(&u->rq);
	INIT_LIST_HEAD(&u->backlog);
	INIT_LIST_HEAD(&u->bound_node);
	INIT_LIST_HEAD(&u->embryo_node);
	init_waitqueue_head(&u->wq);
	mutex_init(&u->iolock, "unix.iolock");
	return u;
}

static void unix_get(struct unix_sock *u)
{
	u->refs++;
}

/* Caller holds unix_lock. The queues are empty by now (release drained them). */
static void unix_put(struct unix_sock *u)
{
	if (--u->refs)
		return;
	kfree(u->addr);
	put_net(u->net);
	kfree(u);
}

static void skb_free(struct unix_skb *skb)
{
	for (int i = 0; i < skb->nfp; i++)
		if (skb->fps[i])
			fput(skb->fps[i]);
	kfree(skb->fps);
	kfree(skb->from);
	kfree(skb);
}

static void skb_free_list(struct list_head *l)
{
	while (!list_empty(l)) {
		struct unix_skb *skb = list_first_entry(l, struct unix_skb, node);

		list_del(&skb->node);
		skb_free(skb);
	}
}

static void current_ucred(struct linux_ucred *c, bool effective)
{
	const struct cred *cr = current_cred();

	c->pid = task_tgid_nr(current);   /* global: translated for each reader (pid_ns.h) */
	c->uid = effective ? cr->euid : cr->uid;
	c->gid = effective ? cr->egid : cr->gid;
}

static struct unix_addr *addr_dup(const struct unix_addr *a)
{
	struct unix_addr *n;

	if (!a)
		return NULL;
	n = kmalloc(sizeof(*n), GFP_KERNEL);
	if (n)
		memcpy(n, a, sizeof(*n));
	return n;
}

/* ---- names ---- */

/* Check and normalise a sockaddr_un: *abstract, and the length to keep. */
static int unix_mkname(const void *addr, int len, struct unix_addr *out, bool *abstract)
{
	const struct linux_sockaddr_un *sun = addr;

	if (len <= (int)sizeof(u16) || len > (int)sizeof(*sun))
		return -EINVAL;
	if (sun->sun_family != LINUX_AF_UNIX)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	memcpy(&out->sun, sun, len);
	if (sun->sun_path[0] == 0) {
		*abstract = true;
		out->len = len;
		return 0;
	}
	*abstract = false;
	/* A path: NUL-terminate it after what was given (a full 108 bytes
	 * need no NUL of their own); the kept length is Linux's strlen + 1. */
	out->raw[len] = 0;
	out->len = 2 + strlen(out->sun.sun_path) + 1;
	return 0;
}

static struct unix_sock *find_abstract(struct net *net, const struct unix_addr *a)
{
	struct unix_sock *u;

	list_for_each_entry(u, &unix_bound, bound_node)
		if (!u->inode && u->net == net && u->addr && u->addr->len == a->len &&
		    !memcmp(&u->addr->sun, &a->sun, a->len))
			return u;
	return NULL;
}

static struct unix_sock *find_inode(struct inode *inode)
{
	struct unix_sock *u;

	list_for_each_entry(u, &unix_bound, bound_node)
		if (u->inode == inode)
			return u;
	return NULL;
}

/* Caller holds unix_lock; u is unbound. */
static int unix_autobind_locked(struct unix_sock *u)
{
	struct unix_addr *a = kzalloc(sizeof(*a), GFP_KERNEL);

	if (!a)
		return -ENOMEM;
	a->sun.sun_family = LINUX_AF_UNIX;
	for (unsigned tries = 0; tries < 0x100000; tries++) {
		char name[8];

		snprintf(name, sizeof(name), "%05x", unix_autobind_next++ & 0xfffff);
		memcpy(a->sun.sun_path + 1, name, 5);
		a->len = 2 + 6;
		if (!find_abstract(u->net, a)) {
			u->addr = a;
			list_add_tail(&u->bound_node, &unix_bound);
			return 0;
		}
	}
	kfree(a);
	return -ENOSPC;
}

/*
 * Find the socket named by addr, referenced, for connect/sendto. Path
 * names need write permission on the node (EACCES) and must be sockets
 * somebody bound (ECONNREFUSED).
 */
static struct unix_sock *unix_find_other(struct net *net, void *addr, int len, int type,
					 int *err)
{
	struct unix_addr a;
	struct unix_sock *other;
	struct inode *inode = NULL;
	struct path p;
	bool abstract;

	*err = unix_mkname(addr, len, &a, &abstract);
	if (*err)
		return NULL;
	if (!abstract) {
		*err = kern_path(a.sun.sun_path, LOOKUP_FOLLOW, &p);
		if (*err)
			return NULL;
		inode = p.dentry->d_inode;
		*err = inode_permission(inode, MAY_WRITE);
		if (!*err && !S_ISSOCK(inode->i_mode))
			*err = -ECONNREFUSED;
		if (*err) {
			path_put(&p);
			return NULL;
		}
	}
	mutex_lock(&unix_lock);
	other = abstract ? find_abstract(net, &a) : find_inode(inode);
	if (!other || other->dead) {
		*err = -ECONNREFUSED;
		other = NULL;
	} else if (other->type != type) {
		*err = -EPROTOTYPE;
		other = NULL;
	} else {
		unix_get(other);
	}
	mutex_unlock(&unix_lock);
	if (!abstract)
		path_put(&p);
	return other;
}

/* ---- create, release ---- */

static int unix_create(struct socket *sock, int protocol, bool kern)
{
	struct unix_sock *u;

	if (protocol && protocol != LINUX_AF_UNIX)
		return -EPROTONOSUPPORT;
	switch (sock->type) {
	case LINUX_SOCK_STREAM:
	case LINUX_SOCK_DGRAM:
	case LINUX_SOCK_SEQPACKET:
		break;
	case LINUX_SOCK_RAW:
		sock->type = LINUX_SOCK_DGRAM;   /* as Linux */
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	u = unix_sock_alloc(sock->net, sock->type);
	if (!u)
		return -ENOMEM;
	u->sock = sock;
	sock->sk = u;
	sock->ops = &unix_ops;
	return 0;
}

/*
 * Caller holds unix_lock. Mark u dead, disconnect it, move its queued skbs
 * to reap and its bound path to *path (both freed by the caller after
 * unlocking), release embryos, and drop the reference its owner held.
 */
static void unix_release_locked(struct unix_sock *u, struct list_head *reap, struct path *path)
{
	struct unix_sock *peer = u->peer;
	bool unread = !list_empty(&u->rq);

	u->dead = true;
	u->sock = NULL;
	u->shutdown = SHUTDOWN_MASK;
	if (!list_empty(&u->bound_node))
		list_del_init(&u->bound_node);
	if (u->inode && path) {
		*path = u->path;
		u->path.dentry = NULL;
		u->path.mnt = NULL;
		u->inode = NULL;
	}
	list_splice_tail_init(&u->rq, reap);
	u->rq_bytes = 0;
	u->rq_len = 0;
	if (peer) {
		if (u->type != LINUX_SOCK_DGRAM) {
			peer->shutdown = SHUTDOWN_MASK;
			if (unread || !list_empty(&u->backlog))
				peer->err = ECONNRESET;
		}
		wake_up_all(&peer->wq);
		u->peer = NULL;
		unix_put(peer);
	}
	while (!list_empty(&u->backlog)) {
		struct unix_sock *e = list_first_entry(&u->backlog, struct unix_sock, embryo_node);

		list_del_init(&e->embryo_node);
		u->backlog_len--;
		unix_release_locked(e, reap, NULL);   /* drops the backlog's reference */
	}
	wake_up_all(&u->wq);
	unix_put(u);
}

static int unix_release(struct socket *sock)
{
	struct unix_sock *u = sock->sk;
	struct path path = { 0 };
	LIST_HEAD(reap);

	mutex_lock(&unix_lock);
	unix_release_locked(u, &reap, &path);
	mutex_unlock(&unix_lock);
	sock->sk = NULL;
	skb_free_list(&reap);
	if (path.dentry)
		path_put(&path);
	return 0;
}

/* ---- bind, listen, connect, accept ---- */

static int unix_bind(struct socket *sock, void *addr, int len)
{
	struct unix_sock *u = sock->sk;
	struct unix_addr a, *na;
	struct path p;
	bool abstract;
	int err;

	if (len == (int)sizeof(u16)) {
		if (((struct linux_sockaddr_un *)addr)->sun_family != LINUX_AF_UNIX)
			return -EINVAL;
		mutex_lock(&unix_lock);
		err = u->addr ? -EINVAL : unix_autobind_locked(u);
		mutex_unlock(&unix_lock);
		return err;
	}
	err = unix_mkname(addr, len, &a, &abstract);
	if (err)
		return err;
	mutex_lock(&unix_lock);
	err = u->addr ? -EINVAL : 0;
	mutex_unlock(&unix_lock);
	if (err)
		return err;
	na = addr_dup(&a);
	if (!na)
		return -ENOMEM;
	if (abstract) {
		mutex_lock(&unix_lock);
		if (u->addr)
			err = -EINVAL;
		else if (find_abstract(u->net, &a))
			err = -EADDRINUSE;
		if (!err) {
			u->addr = na;
			list_add_tail(&u->bound_node, &unix_bound);
		}
		mutex_unlock(&unix_lock);
		if (err)
			kfree(na);
		return err;
	}
	/* The socket's inode mode (0777) less the umask, as Linux. */
	err = vfs_mknodat(LINUX_AT_FDCWD, a.sun.sun_path, S_IFSOCK | 0777, 0);
	if (err == -EEXIST)
		err = -EADDRINUSE;
	if (!err)
		err = kern_path(a.sun.sun_path, 0, &p);
	if (err) {
		kfree(na);
		return err;
	}
	mutex_lock(&unix_lock);
	if (u->addr) {
		err = -EINVAL;
	} else {
		u->addr = na;
		u->path = p;
		u->inode = p.dentry->d_inode;
		list_add_tail(&u->bound_node, &unix_bound);
	}
	mutex_unlock(&unix_lock);
	if (err) {
		/* Another thread bound this socket meanwhile: our node goes. */
		path_put(&p);
		vfs_unlinkat(LINUX_AT_FDCWD, na->sun.sun_path);
		kfree(na);
	}
	return err;
}

static int unix_listen(struct socket *sock, int backlog)
{
	struct unix_sock *u = sock->sk;
	int err = 0;

	if (u->type == LINUX_SOCK_DGRAM)
		return -EOPNOTSUPP;
	mutex_lock(&unix_lock);
	if (!u->addr || u->state == US_CONNECTED) {
		err = -EINVAL;
		goto out;
	}
	if ((unsigned)backlog > LINUX_SOMAXCONN)
		backlog = LINUX_SOMAXCONN;
	u->max_backlog = backlog;
	if (u->state != US_LISTENING) {
		u->state = US_LISTENING;
		sock->state = SS_LISTENING;
		current_ucred(&u->listencred, true);
	}
	wake_up_all(&u->wq);   /* connectors waiting for room may now fit */
out:
	mutex_unlock(&unix_lock);
	return err;
}

static void unix_pair_locked(struct unix_sock *a, struct unix_sock *b)
{
	unix_get(b);
	a->peer = b;
	unix_get(a);
	b->peer = a;
	a->state = b->state = US_CONNECTED;
}

static int unix_stream_connect(struct socket *sock, void *addr, int len, int flags)
{
	struct unix_sock *u = sock->sk, *other, *e;
	bool nonblock = flags & LINUX_O_NONBLOCK;
	int err;

	e = unix_sock_alloc(u->net, u->type);
	if (!e)
		return -ENOMEM;
	other = unix_find_other(u->net, addr, len, u->type, &err);
	if (!other) {
		put_net(e->net);
		kfree(e);
		return err;
	}
	mutex_lock(&unix_lock);
	for (;;) {
		if (u->state == US_CONNECTED) {
			err = -EISCONN;
			goto out;
		}
		if (u->state == US_LISTENING) {
			err = -EINVAL;
			goto out;
		}
		if (other->dead || other->state != US_LISTENING) {
			err = -ECONNREFUSED;
			goto out;
		}
		if (other->backlog_len <= (unsigned)other->max_backlog)
			break;
		if (nonblock) {
			err = -EAGAIN;
			goto out;
		}
		err = sock_wait_locked(&other->wq,
				       other->dead || other->state != US_LISTENING ||
				       other->backlog_len <= (unsigned)other->max_backlog ||
				       u->state != US_UNCONNECTED,
				       &unix_lock, sock->sndtimeo_ns);
		if (err)
			goto out;
	}
	/* The embryo: the accepted side, named like the listener, with the
	 * connecting process's credentials as its SO_PEERCRED. */
	if (other->addr) {
		e->addr = addr_dup(other->addr);
		if (!e->addr) {
			err = -ENOMEM;
			goto out;
		}
	}
	current_ucred(&e->peercred, true);
	e->has_peercred = true;
	u->peercred = other->listencred;
	u->has_peercred = true;
	unix_pair_locked(u, e);
	sock->state = SS_CONNECTED;
	list_add_tail(&e->embryo_node, &other->backlog);   /* e's own reference */
	other->backlog_len++;
	e = NULL;
	wake_up_all(&other->wq);
out:
	unix_put(other);
	if (e)
		unix_put(e);
	mutex_unlock(&unix_lock);
	return err;
}

static int unix_dgram_connect(struct socket *sock, void *addr, int len, int flags)
{
	struct unix_sock *u = sock->sk, *other = NULL, *old;
	int err = 0;

	if (len >= (int)sizeof(u16) &&
	    ((struct linux_sockaddr_un *)addr)->sun_family == LINUX_AF_UNSPEC) {
		mutex_lock(&unix_lock);
		goto set;   /* disconnect */
	}
	if (sock->passcred) {
		mutex_lock(&unix_lock);
		if (!u->addr)
			err = unix_autobind_locked(u);
		mutex_unlock(&unix_lock);
		if (err)
			return err;
	}
	other = unix_find_other(u->net, addr, len, u->type, &err);
	if (!other)
		return err;
	mutex_lock(&unix_lock);
set:
	old = u->peer;
	u->peer = other;   /* takes the lookup's reference */
	u->state = other ? US_CONNECTED : US_UNCONNECTED;
	sock->state = other ? SS_CONNECTED : SS_UNCONNECTED;
	if (old)
		unix_put(old);
	mutex_unlock(&unix_lock);
	return 0;
}

static int unix_connect(struct socket *sock, void *addr, int len, int flags)
{
	struct unix_sock *u = sock->sk;

	if (len < (int)sizeof(u16))
		return -EINVAL;
	if (u->type == LINUX_SOCK_DGRAM)
		return unix_dgram_connect(sock, addr, len, flags);
	if (((struct linux_sockaddr_un *)addr)->sun_family != LINUX_AF_UNIX)
		return -EINVAL;
	return unix_stream_connect(sock, addr, len, flags);
}

static int unix_socketpair(struct socket *a, struct socket *b)
{
	struct unix_sock *ua = a->sk, *ub = b->sk;

	mutex_lock(&unix_lock);
	unix_pair_locked(ua, ub);
	current_ucred(&ua->peercred, true);
	ub->peercred = ua->peercred;
	ua->has_peercred = ub->has_peercred = true;
	mutex_unlock(&unix_lock);
	a->state = b->state = SS_CONNECTED;
	return 0;
}

static int unix_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct unix_sock *u = sock->sk, *e;
	int err = 0;

	if (u->type == LINUX_SOCK_DGRAM)
		return -EOPNOTSUPP;
	mutex_lock(&unix_lock);
	for (;;) {
		if (u->state != US_LISTENING) {
			err = -EINVAL;
			goto out;
		}
		if (!list_empty(&u->backlog))
			break;
		if (flags & LINUX_O_NONBLOCK) {
			err = -EAGAIN;
			goto out;
		}
		err = sock_wait_locked(&u->wq, !list_empty(&u->backlog) || u->state != US_LISTENING,
				       &unix_lock, sock->rcvtimeo_ns);
		if (err)
			goto out;
	}
	e = list_first_entry(&u->backlog, struct unix_sock, embryo_node);
	list_del_init(&e->embryo_node);
	u->backlog_len--;
	e->sock = newsock;          /* the backlog's reference becomes the socket's */
	newsock->sk = e;
	newsock->state = SS_CONNECTED;
	wake_up_all(&u->wq);        /* room in the backlog */
out:
	mutex_unlock(&unix_lock);
	return err;
}

static int unix_getname(struct socket *sock, void *addr, bool peer)
{
	struct unix_sock *u = sock->sk, *who = u;
	int len;

	mutex_lock(&unix_lock);
	if (peer) {
		who = u->peer;
		if (!who || (u->type != LINUX_SOCK_DGRAM && u->state != US_CONNECTED)) {
			mutex_unlock(&unix_lock);
			return -ENOTCONN;
		}
	}
	if (who->addr) {
		len = who->addr->len;
		memcpy(addr, who->addr->raw, len);
	} else {
		((struct linux_sockaddr_un *)addr)->sun_family = LINUX_AF_UNIX;
		len = sizeof(u16);
	}
	mutex_unlock(&unix_lock);
	return len;
}

static int unix_shutdown(struct socket *sock, int how)
{
	struct unix_sock *u = sock->sk, *peer;
	unsigned mode = how + 1;   /* SHUT_RD 0 -> RCV, SHUT_WR 1 -> SEND, RDWR -> both */

	/* Linux's AF_UNIX accepts shutdown on an unconnected socket too. */
	mutex_lock(&unix_lock);
	u->shutdown |= mode;
	wake_up_all(&u->wq);
	peer = u->peer;
	if (peer && u->type != LINUX_SOCK_DGRAM) {
		/* The peer sees the mirror image: our write side is its read side. */
		unsigned pm = 0;

		if (mode & RCV_SHUTDOWN)
			pm |= SEND_SHUTDOWN;
		if (mode & SEND_SHUTDOWN)
			pm |= RCV_SHUTDOWN;
		peer->shutdown |= pm;
		wake_up_all(&peer->wq);
	}
	mutex_unlock(&unix_lock);
	return 0;
}

/* ---- sending ---- */

struct scm_out {
	struct file **fps;
	int nfp;
	struct linux_ucred cred;
};

static void scm_destroy(struct scm_out *s)
{
	for (int i = 0; i < s->nfp; i++)
		if (s->fps[i])
			fput(s->fps[i]);
	kfree(s->fps);
	s->fps = NULL;
	s->nfp = 0;
}

/* Parse the sender's control messages (SCM_RIGHTS, SCM_CREDENTIALS). */
static int scm_send(struct kmsghdr *m, struct scm_out *s)
{
	const struct cred *cr = current_cred();
	char *p = m->control, *end = p + m->controllen;

	current_ucred(&s->cred, false);
	while (p && end - p >= (long)sizeof(struct linux_cmsghdr)) {
		struct linux_cmsghdr h;
		size_t dlen;

		memcpy(&h, p, sizeof(h));
		if (h.cmsg_len < sizeof(h) || h.cmsg_len > (u64)(end - p))
			return -EINVAL;
		dlen = h.cmsg_len - LINUX_CMSG_HDRLEN;
		if (h.cmsg_level != LINUX_SOL_SOCKET)
			goto next;
		if (h.cmsg_type == LINUX_SCM_RIGHTS) {
			int n = dlen / sizeof(int), base = s->nfp;
			struct file **grown;

			/* As Linux's scm_fp_copy: an empty list adds nothing, and
			 * several SCM_RIGHTS messages add up to SCM_MAX_FD in all. */
			if (n <= 0)
				goto next;
			if (base + n > SCM_MAX_FD)
				return -EINVAL;
			grown = krealloc(s->fps, (base + n) * sizeof(struct file *), GFP_KERNEL);
			if (!grown)
				return -ENOMEM;
			s->fps = grown;
			for (int i = 0; i < n; i++) {
				int fd;

				memcpy(&fd, p + LINUX_CMSG_HDRLEN + i * sizeof(int), sizeof(int));
				s->fps[base + i] = fget_raw(fd);
				if (!s->fps[base + i])
					return -EBADF;
				s->nfp = base + i + 1;
			}
		} else if (h.cmsg_type == LINUX_SCM_CREDENTIALS) {
			struct linux_ucred c;

			if (dlen != sizeof(c))
				return -EINVAL;
			memcpy(&c, p + LINUX_CMSG_HDRLEN, sizeof(c));
			if (c.pid != task_tgid_vnr(current) && !capable_root())
				return -EPERM;
			if (c.uid != cr->uid && c.uid != cr->euid && c.uid != cr->suid && !capable_root())
				return -EPERM;
			if (c.gid != cr->gid && c.gid != cr->egid && c.gid != cr->sgid && !capable_root())
				return -EPERM;
			/* Kept global; a pid unknown in our namespace is 0 (Linux). */
			c.pid = pid_ns_global_nr(task_active_pid_ns(current), c.pid);
			s->cred = c;
		} else {
			return -EINVAL;
		}
next:
		p += LINUX_CMSG_ALIGN(h.cmsg_len);
	}
	return 0;
}

/* The header zeroed, the data not: skb_fill overwrites all of it, and
 * clearing 64 KiB first would double the cost of a send. */
static struct unix_skb *skb_alloc(size_t len)
{
	struct unix_skb *skb = kmalloc(sizeof(struct unix_skb) + len, GFP_KERNEL);

	if (skb)
		memset(skb, 0, sizeof(*skb));
	return skb;
}

/* Fill skb's data from the iterator; -EFAULT on a short copy. */
static int skb_fill(struct unix_skb *skb, struct kmsghdr *m, size_t len)
{
	if (len && copy_from_iter(skb->data, len, m->iter) != len)
		return -EFAULT;
	skb->len = len;
	return 0;
}

static void skb_attach_scm(struct unix_skb *skb, struct scm_out *s)
{
	skb->cred = s->cred;
	skb->fps = s->fps;
	skb->nfp = s->nfp;
	s->fps = NULL;
	s->nfp = 0;
}

static void queue_skb_locked(struct unix_sock *to, struct unix_skb *skb)
{
	list_add_tail(&skb->node, &to->rq);
	to->rq_bytes += skb->len - skb->off;
	to->rq_len++;
	/* Sync, as Linux's sk_data_ready: a writer and its reader keep to
	 * one CPU. */
	wake_up_all_sync(&to->wq);
}

static ssize_t unix_dgram_sendmsg(struct socket *sock, struct kmsghdr *m, unsigned flags)
{
	struct unix_sock *u = sock->sk, *other = NULL;
	size_t len = iov_iter_count(m->iter);
	struct scm_out scm = { 0 };
	struct unix_skb *skb = NULL;
	ssize_t err;

	if (flags & LINUX_MSG_OOB)
		return -EOPNOTSUPP;
	err = scm_send(m, &scm);
	if (err)
		goto out;
	if (len > (size_t)sock->sndbuf - 32) {
		err = -EMSGSIZE;
		goto out;
	}
	if (m->name) {
		int ferr;

		other = unix_find_other(u->net, m->name, m->namelen, u->type, &ferr);
		if (!other) {
			err = ferr;
			goto out;
		}
	}
	skb = skb_alloc(len);
	if (!skb) {
		err = -ENOMEM;
		goto out;
	}
	err = skb_fill(skb, m, len);
	if (err)
		goto out;
	skb_attach_scm(skb, &scm);
	mutex_lock(&unix_lock);
	if (sock->passcred && !u->addr) {
		err = unix_autobind_locked(u);
		if (err)
			goto out_unlock;
	}
	if (!other) {
		other = u->peer;
		if (!other) {
			err = -ENOTCONN;
			goto out_unlock;
		}
		unix_get(other);
	}
	skb->from = addr_dup(u->addr);
	for (;;) {
		if (other->dead) {
			if (u->peer == other) {
				u->peer = NULL;
				u->state = US_UNCONNECTED;
				unix_put(other);
			}
			err = -ECONNREFUSED;
			goto out_unlock;
		}
		if (other->peer && other->peer != u) {
			err = -EPERM;   /* it only talks to the socket it connected to */
			goto out_unlock;
		}
		if (other->shutdown & RCV_SHUTDOWN) {
			err = -EPIPE;
			goto out_unlock;
		}
		if (other->rq_len <= UNIX_MAX_DGRAM_QLEN)
			break;
		if (sock_nonblock(sock, flags)) {
			err = -EAGAIN;
			goto out_unlock;
		}
		err = sock_wait_locked(&other->wq,
				       other->dead || other->rq_len <= UNIX_MAX_DGRAM_QLEN ||
				       (other->shutdown & RCV_SHUTDOWN),
				       &unix_lock, sock->sndtimeo_ns);
		if (err)
			goto out_unlock;
	}
	queue_skb_locked(other, skb);
	skb = NULL;
	err = len;
out_unlock:
	if (other)
		unix_put(other);
	other = NULL;
	mutex_unlock(&unix_lock);
out:
	if (other) {
		mutex_lock(&unix_lock);
		unix_put(other);
		mutex_unlock(&unix_lock);
	}
	if (skb)
		skb_free(skb);
	scm_destroy(&scm);
	return err;
}

/* Stream and seqpacket sends to the connected peer. */
static ssize_t unix_stream_sendmsg(struct socket *sock, struct kmsghdr *m, unsigned flags)
{
	struct unix_sock *u = sock->sk, *peer;
	size_t total = iov_iter_count(m->iter), sent = 0;
	bool seqpacket = u->type == LINUX_SOCK_SEQPACKET;
	struct scm_out scm = { 0 };
	ssize_t err = 0;

	if (flags & LINUX_MSG_OOB)
		return -EOPNOTSUPP;
	if (m->name) {
		/* Linux: EISCONN when connected; a seqpacket socket ignores it */
		if (!seqpacket)
			return u->state == US_CONNECTED ? -EISCONN : -EOPNOTSUPP;
	}
	if (seqpacket && total > (size_t)sock->sndbuf - 32)
		return -EMSGSIZE;
	err = scm_send(m, &scm);
	if (err)
		goto out;
	mutex_lock(&unix_lock);
	if (u->state != US_CONNECTED || !u->peer) {
		err = -ENOTCONN;
		goto out_unlock;
	}
	peer = u->peer;
	unix_get(peer);
	while (sent < total || (!total && seqpacket && !sent)) {
		size_t room, chunk;
		struct unix_skb *skb;

		if ((u->shutdown & SEND_SHUTDOWN) || peer->dead || (peer->shutdown & RCV_SHUTDOWN)) {
			if (!(flags & LINUX_MSG_NOSIGNAL))
				send_sig(SIGPIPE, current);
			err = -EPIPE;
			break;
		}
		/* Room: the peer's unread bytes stay within our send buffer. A
		 * record (seqpacket) goes whole, or alone into an empty queue. */
		chunk = seqpacket ? total : MIN(total - sent, (size_t)UNIX_SKB_MAX);
		room = peer->rq_bytes < (size_t)sock->sndbuf ? sock->sndbuf - peer->rq_bytes : 0;
		if (seqpacket ? (room < chunk && peer->rq_bytes) : !room) {
			if (sock_nonblock(sock, flags)) {
				err = -EAGAIN;
				break;
			}
			err = sock_wait_locked(&u->wq,
					       (u->shutdown & SEND_SHUTDOWN) || peer->dead ||
					       (peer->shutdown & RCV_SHUTDOWN) ||
					       peer->rq_bytes + (seqpacket ? chunk : 1) <= (size_t)sock->sndbuf ||
					       !peer->rq_bytes,
					       &unix_lock, sock->sndtimeo_ns);
			if (err)
				break;
			continue;
		}
		if (!seqpacket && chunk > room)
			chunk = room;
		/* Filled without unix_lock (see the top). Other senders to the
		 * peer may take the room meanwhile: as on Linux, concurrent
		 * senders can overshoot the buffer by a piece each. */
		mutex_unlock(&unix_lock);
		skb = skb_alloc(chunk);
		err = skb ? skb_fill(skb, m, chunk) : -ENOMEM;
		mutex_lock(&unix_lock);
		if (err) {
			kfree(skb);
			break;
		}
		if ((u->shutdown & SEND_SHUTDOWN) || peer->dead || (peer->shutdown & RCV_SHUTDOWN)) {
			/* Closed while we copied: the loop's check says so. */
			kfree(skb);
			continue;
		}
		skb_attach_scm(skb, &scm);
		if (!sent)
			scm.cred = skb->cred;   /* later pieces carry the same credentials */
		queue_skb_locked(peer, skb);
		sent += chunk;
		if (!total)
			break;
	}
	unix_put(peer);
out_unlock:
	mutex_unlock(&unix_lock);
out:
	scm_destroy(&scm);
	if (sent)
		return sent;
	return err;
}

static ssize_t unix_sendmsg(struct socket *sock, struct kmsghdr *m, unsigned flags)
{
	if (((struct unix_sock *)sock->sk)->type == LINUX_SOCK_DGRAM)
		return unix_dgram_sendmsg(sock, m, flags);
	return unix_stream_sendmsg(sock, m, flags);
}

/* ---- receiving ---- */

/* Files and credentials collected while reading, delivered after unlocking. */
struct scm_in {
	struct file **fps;
	int nfp;
	struct linux_ucred cred;
	bool has_cred;
};

static void scm_take(struct scm_in *in, struct unix_skb *skb, bool peek)
{
	if (!in->has_cred) {
		in->cred = skb->cred;
		in->has_cred = true;
	}
	if (!skb->nfp || in->fps)
		return;
	if (peek) {
		/* A peek hands out new descriptors for the same files, as Linux. */
		in->fps = kcalloc(skb->nfp, sizeof(struct file *), GFP_KERNEL);
		if (!in->fps)
			return;
		for (int i = 0; i < skb->nfp; i++)
			in->fps[i] = file_get(skb->fps[i]);
		in->nfp = skb->nfp;
		return;
	}
	in->fps = skb->fps;
	in->nfp = skb->nfp;
	skb->fps = NULL;
	skb->nfp = 0;
}

/* Write SCM_CREDENTIALS (if asked) and SCM_RIGHTS (installing the files). */
static int scm_recv(struct socket *sock, struct kmsghdr *m, struct scm_in *in)
{
	int err = 0;

	if (sock->passcred && in->has_cred) {
		struct linux_ucred c = in->cred;

		c.pid = pid_global_to_vnr(c.pid);   /* the sender as the reader's pid namespace sees it */
		err = put_cmsg(m, LINUX_SOL_SOCKET, LINUX_SCM_CREDENTIALS, &c, sizeof(c));
	}
	if (in->nfp) {
		size_t room = m->ucontrollen > m->ucontrol_used + LINUX_CMSG_HDRLEN ?
			m->ucontrollen - m->ucontrol_used - LINUX_CMSG_HDRLEN : 0;
		int fit = MIN((int)(room / sizeof(int)), in->nfp), n = 0;
		int *fds = fit ? kcalloc(fit, sizeof(int), GFP_KERNEL) : NULL;
		unsigned cloexec = (m->recv_flags & LINUX_MSG_CMSG_CLOEXEC) ? 1 : 0;

		if (!err && fds) {
			for (; n < fit; n++) {
				int fd = fd_alloc(0, cloexec);

				if (fd < 0)
					break;
				fds[n] = fd;
			}
			if (n) {
				err = put_cmsg(m, LINUX_SOL_SOCKET, LINUX_SCM_RIGHTS, fds, n * sizeof(int));
				if (err) {
					for (int i = 0; i < n; i++)
						fd_free_reserved(fds[i]);
					n = 0;
				}
			}
			for (int i = 0; i < n; i++) {
				fd_install(fds[i], in->fps[i]);   /* takes the reference */
				in->fps[i] = NULL;
			}
		}
		if (n < in->nfp)
			m->flags |= LINUX_MSG_CTRUNC;
		kfree(fds);
	}
	for (int i = 0; i < in->nfp; i++)
		if (in->fps[i])
			fput(in->fps[i]);
	kfree(in->fps);
	in->fps = NULL;
	in->nfp = 0;
	return err;
}

static void set_from(struct kmsghdr *m, const struct unix_addr *a)
{
	/* An unbound sender leaves the length 0, as Linux. */
	if (!m->name || !a)
		return;
	memcpy(m->name, a->raw, a->len);
	m->namelen = a->len;
}

/* Caller holds unix_lock: a reader took data, so writers may go on. */
static void consumed_locked(struct unix_sock *u)
{
	/* Sync, as Linux's sk_write_space. */
	wake_up_all_sync(&u->wq);
	if (u->peer)
		wake_up_all_sync(&u->peer->wq);
}

/*
 * A reader's sleep (caller holds u->iolock and unix_lock, and has both
 * back on return): sock_wait_locked without iolock meanwhile. The caller
 * looks at the queue again afterwards: other readers may have been there.
 */
#define reader_wait(u, cond, timeout_ns)                                        \
	({                                                                      \
		int __r;                                                        \
		mutex_unlock(&(u)->iolock);                                     \
		__r = sock_wait_locked(&(u)->wq, cond, &unix_lock, timeout_ns); \
		mutex_unlock(&unix_lock);                                       \
		mutex_lock(&(u)->iolock);                                       \
		mutex_lock(&unix_lock);                                         \
		__r;                                                            \
	})

/* Copy n bytes of a queued skb to the reader, without unix_lock (see the
 * top: the reader's iolock keeps the skb). True if all of it went. */
static bool copy_out_unlocked(const void *from, size_t n, struct iov_iter *to)
{
	size_t done;

	mutex_unlock(&unix_lock);
	done = copy_to_iter(from, n, to);
	mutex_lock(&unix_lock);
	return done == n;
}

static ssize_t unix_dgram_recvmsg(struct socket *sock, struct kmsghdr *m, unsigned flags)
{
	struct unix_sock *u = sock->sk;
	struct scm_in in = { 0 };
	struct unix_skb *skb = NULL;
	ssize_t ret;
	size_t n;

	mutex_lock(&u->iolock);
	mutex_lock(&unix_lock);
	if (u->type == LINUX_SOCK_SEQPACKET && u->state != US_CONNECTED) {
		mutex_unlock(&unix_lock);
		mutex_unlock(&u->iolock);
		return -ENOTCONN;
	}
	for (;;) {
		if (!list_empty(&u->rq))
			break;
		if (u->err) {
			ret = -u->err;
			u->err = 0;
			goto out_unlock;
		}
		if (u->shutdown & RCV_SHUTDOWN) {
			ret = 0;
			goto out_unlock;
		}
		if (sock_nonblock(sock, flags)) {
			ret = -EAGAIN;
			goto out_unlock;
		}
		ret = reader_wait(u, !list_empty(&u->rq) || u->err || (u->shutdown & RCV_SHUTDOWN),
				  sock->rcvtimeo_ns);
		if (ret)
			goto out_unlock;
	}
	skb = list_first_entry(&u->rq, struct unix_skb, node);
	n = MIN(skb->len, iov_iter_count(m->iter));
	if (n && !copy_out_unlocked(skb->data, n, m->iter)) {
		ret = -EFAULT;
		skb = NULL;
		goto out_unlock;
	}
	if (n < skb->len)
		m->flags |= LINUX_MSG_TRUNC;
	ret = (flags & LINUX_MSG_TRUNC) ? (ssize_t)skb->len : (ssize_t)n;
	set_from(m, skb->from);
	scm_take(&in, skb, flags & LINUX_MSG_PEEK);
	if (flags & LINUX_MSG_PEEK) {
		skb = NULL;
	} else {
		list_del(&skb->node);
		u->rq_len--;
		u->rq_bytes -= skb->len;
		consumed_locked(u);
	}
out_unlock:
	mutex_unlock(&unix_lock);
	mutex_unlock(&u->iolock);
	if (skb)
		skb_free(skb);
	if (ret >= 0) {
		int err = scm_recv(sock, m, &in);

		if (err && !ret)
			ret = err;
	} else {
		scm_recv(sock, m, &in);
	}
	return ret;
}

static ssize_t unix_stream_recvmsg(struct socket *sock, struct kmsghdr *m, unsigned flags)
{
	struct unix_sock *u = sock->sk;
	size_t want = iov_iter_count(m->iter), copied = 0, target;
	bool peek = flags & LINUX_MSG_PEEK;
	struct scm_in in = { 0 };
	LIST_HEAD(reap);
	ssize_t err = 0;

	if (flags & LINUX_MSG_OOB)
		return -EOPNOTSUPP;
	target = (flags & LINUX_MSG_WAITALL) ? want : 1;
	if (target > want)
		target = want;
	mutex_lock(&u->iolock);
	mutex_lock(&unix_lock);
	if (u->state != US_CONNECTED) {
		err = -EINVAL;
		goto out_unlock;
	}
	while (copied < want) {
		struct unix_skb *skb;
		size_t skip = 0;
		bool found = false;

		/* With MSG_PEEK, skip what this call has already looked at. */
		list_for_each_entry(skb, &u->rq, node) {
			size_t avail = skb->len - skb->off;

			if (!peek || skip + avail > copied) {
				found = true;
				break;
			}
			skip += avail;
		}
		if (!found) {
			if (copied >= target)
				break;
			if (u->err && !copied) {
				err = -u->err;
				u->err = 0;
				break;
			}
			if (u->shutdown & RCV_SHUTDOWN)
				break;
			if (sock_nonblock(sock, flags)) {
				if (!copied)
					err = -EAGAIN;
				break;
			}
			err = reader_wait(u, u->rq_bytes > (peek ? copied : 0) || u->err ||
						 (u->shutdown & RCV_SHUTDOWN),
					  sock->rcvtimeo_ns);
			if (err) {
				if (copied)
					err = 0;
				break;
			}
			continue;
		}
		/* Never glue a message carrying files onto data already read. */
		if (copied && skb->nfp)
			break;
		{
			size_t off = skb->off + (peek ? copied - skip : 0);
			size_t n = MIN(skb->len - off, want - copied);
			bool had_fds = skb->nfp != 0;

			if (n && !copy_out_unlocked(skb->data + off, n, m->iter)) {
				if (!copied)
					err = -EFAULT;
				break;
			}
			scm_take(&in, skb, peek);
			copied += n;
			if (!peek) {
				skb->off += n;
				u->rq_bytes -= n;
				if (skb->off == skb->len) {
					list_del(&skb->node);
					u->rq_len--;
					list_add_tail(&skb->node, &reap);
				}
				consumed_locked(u);
			}
			if (had_fds)
				break;
		}
	}
out_unlock:
	mutex_unlock(&unix_lock);
	mutex_unlock(&u->iolock);
	skb_free_list(&reap);
	{
		int e2 = scm_recv(sock, m, &in);

		if (e2 && !copied && !err)
			err = e2;
	}
	if (copied)
		return copied;
	return err;
}

static ssize_t unix_recvmsg(struct socket *sock, struct kmsghdr *m, unsigned flags)
{
	struct unix_sock *u = sock->sk;

	if (flags & LINUX_MSG_OOB)
		return -EOPNOTSUPP;
	if (u->type == LINUX_SOCK_STREAM)
		return unix_stream_recvmsg(sock, m, flags);
	return unix_dgram_recvmsg(sock, m, flags);
}

/* ---- poll, ioctl, options ---- */

static unsigned unix_poll(struct file *f, struct socket *sock, struct poll_table *pt)
{
	struct unix_sock *u = sock->sk;
	unsigned mask = 0;

	poll_wait(f, &u->wq, pt);
	mutex_lock(&unix_lock);
	if (u->err)
		mask |= POLLERR;
	if (u->shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (u->shutdown & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (!list_empty(&u->rq) || !list_empty(&u->backlog))
		mask |= POLLIN | POLLRDNORM;
	if (u->type != LINUX_SOCK_DGRAM && u->state == US_UNCONNECTED)
		mask |= POLLHUP;
	if (u->state != US_LISTENING) {
		struct unix_sock *peer = u->peer;
		bool writable;

		if (u->type == LINUX_SOCK_DGRAM)
			writable = !peer || peer->dead || peer->rq_len <= UNIX_MAX_DGRAM_QLEN;
		else
			writable = !peer || peer->rq_bytes < (size_t)sock->sndbuf;
		if (writable)
			mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	}
	mutex_unlock(&unix_lock);
	return mask;
}

static long unix_ioctl(struct socket *sock, unsigned cmd, unsigned long arg)
{
	struct unix_sock *u = sock->sk;
	int v;

	if (cmd != LINUX_FIONREAD)
		return -ENOIOCTLCMD;
	mutex_lock(&unix_lock);
	if (u->state == US_LISTENING) {
		mutex_unlock(&unix_lock);
		return -EINVAL;
	}
	if (u->type == LINUX_SOCK_STREAM)
		v = u->rq_bytes;
	else
		v = list_empty(&u->rq) ? 0 :
			(int)list_first_entry(&u->rq, struct unix_skb, node)->len;
	mutex_unlock(&unix_lock);
	return put_user(v, (int __user *)arg);
}

static int unix_getsockopt(struct socket *sock, int level, int name, void *val, unsigned *len)
{
	struct unix_sock *u = sock->sk;
	struct linux_ucred c = { 0, (u32)-1, (u32)-1 };   /* Linux's "no peer" */

	if (level != LINUX_SOL_SOCKET || name != LINUX_SO_PEERCRED)
		return -ENOPROTOOPT;
	mutex_lock(&unix_lock);
	if (u->has_peercred)
		c = u->peercred;
	mutex_unlock(&unix_lock);
	c.pid = pid_global_to_vnr(c.pid);   /* XXX: Linux keeps the struct pid: 0 once it is gone here */
	*len = MIN(*len, (unsigned)sizeof(c));
	memcpy(val, &c, *len);
	return 0;
}

static const struct proto_ops unix_ops = {
	.family = LINUX_AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_connect,
	.socketpair = unix_socketpair,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.getsockopt = unix_getsockopt,
	.sendmsg = unix_sendmsg,
	.recvmsg = unix_recvmsg,
};

static const struct net_proto_family unix_family = {
	.family = LINUX_AF_UNIX,
	.create = unix_create,
};

void unix_family_init(void)
{
	sock_register(&unix_family);
}
