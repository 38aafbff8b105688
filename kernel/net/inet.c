/*
 * AF_INET and AF_INET6: socket creation, addresses, the port table,
 * bind/getsockname/getpeername, IP-level options and the interface ioctls
 * of the one interface there is, "lo" (index 1, 127.0.0.1/8 and ::1).
 * TCP (tcp.c) and UDP (udp.c) plug in below; see inet.h for the model
 * and the locking.
 *
 * Binding follows Linux's rules: 0.0.0.0, 127.0.0.0/8, ::, ::1 and (on a
 * dual-stack v6 socket) ::ffff:127.x.y.z / ::ffff:0.0.0.0 are local, any
 * other address is EADDRNOTAVAIL; two sockets may share a port only when
 * their addresses do not overlap, or both set SO_REUSEADDR (TCP: and the
 * other does not listen), or both set SO_REUSEPORT as the same user.
 * Ephemeral ports come from 32768-60999 (net.ipv4.ip_local_port_range).
 *
 * XXX: no TIME_WAIT: a port is free as soon as its last socket closes.
 * XXX: one namespace for the whole system (Linux: per network namespace).
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <kernel/random.h>
#include <kernel/uaccess.h>
#include <asm/x86.h>
#include <string.h>

#include "inet.h"
#include "internal.h"

#define PORT_LOW   32768
#define PORT_HIGH  60999
#define PORT_BUCKETS 256
#define PROT_SOCK  1024          /* net.ipv4.ip_unprivileged_port_start */

#define LINUX_SOL_IP   0
#define LINUX_SOL_IPV6 41
#define LINUX_SOL_TCP  6
#define LINUX_SO_BINDTODEVICE 25

#define LINUX_IP_TOS 1
#define LINUX_IP_TTL 2
#define LINUX_IP_PKTINFO 8
#define LINUX_IP_MTU_DISCOVER 10
#define LINUX_IP_RECVERR 11
#define LINUX_IP_MTU 14
#define LINUX_IPV6_UNICAST_HOPS 16
#define LINUX_IPV6_MTU_DISCOVER 23
#define LINUX_IPV6_MTU 24
#define LINUX_IPV6_RECVERR 25
#define LINUX_IPV6_V6ONLY 26
#define LINUX_IPV6_RECVPKTINFO 49
#define LINUX_IPV6_TCLASS 67

struct linux_sockaddr_in {
	u16 sin_family;
	u16 sin_port;        /* network order */
	u32 sin_addr;        /* network order */
	u8 sin_zero[8];
};

struct linux_sockaddr_in6 {
	u16 sin6_family;
	u16 sin6_port;
	u32 sin6_flowinfo;
	u8 sin6_addr[16];
	u32 sin6_scope_id;
};
#define SIN6_LEN_RFC2133 24

DEFINE_MUTEX(inet_lock);

void inet_lock_data(void)
{
	for (int i = 0; i < 1000; i++) {
		if (mutex_trylock(&inet_lock))
			return;
		cpu_relax();
	}
	mutex_lock(&inet_lock);
}

static struct list_head port_table[2][PORT_BUCKETS];   /* [tcp, udp] */
static unsigned port_next;                              /* inet_lock */

static inline u16 be16(u16 v)
{
	return (u16)((v >> 8) | (v << 8));
}

static inline u32 be32(u32 v)
{
	return __builtin_bswap32(v);
}

/* ---- addresses ---- */

static const struct in6 in6_loopback = { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 } };

bool in6_is_any(const struct in6 *a)
{
	for (int i = 0; i < 16; i++)
		if (a->b[i])
			return false;
	return true;
}

bool in6_is_v4mapped(const struct in6 *a)
{
	for (int i = 0; i < 10; i++)
		if (a->b[i])
			return false;
	return a->b[10] == 0xff && a->b[11] == 0xff;
}

bool in6_is_v4any(const struct in6 *a)
{
	return in6_is_v4mapped(a) && !a->b[12] && !a->b[13] && !a->b[14] && !a->b[15];
}

bool in6_eq(const struct in6 *a, const struct in6 *b)
{
	return !memcmp(a->b, b->b, 16);
}

void in6_set_v4(struct in6 *a, u32 be_addr)
{
	memset(a->b, 0, 10);
	a->b[10] = a->b[11] = 0xff;
	memcpy(a->b + 12, &be_addr, 4);
}

bool in6_is_local(const struct in6 *a)
{
	if (in6_is_v4mapped(a))
		return a->b[12] == 127 || in6_is_v4any(a);
	return in6_eq(a, &in6_loopback) || in6_is_any(a);
}

int inet_parse_addr(struct inet_sock *in, const void *uaddr, int len, struct in6 *addr,
		    u16 *port, bool *unspec, bool dgram_send)
{
	u16 family;

	*unspec = false;
	if (len < (int)sizeof(u16))
		return -EINVAL;
	memcpy(&family, uaddr, sizeof(family));
	/* Linux's v6 sockets check the v6 length first, whatever the family. */
	if (in->family == LINUX_AF_INET6 && family != LINUX_AF_UNSPEC && len < SIN6_LEN_RFC2133)
		return -EINVAL;
	if (in->family == LINUX_AF_INET || (dgram_send && family == LINUX_AF_INET)) {
		struct linux_sockaddr_in sin;

		if (len < (int)sizeof(sin))
			return -EINVAL;
		memcpy(&sin, uaddr, sizeof(sin));
		if (family == LINUX_AF_UNSPEC)
			*unspec = true;
		else if (family != LINUX_AF_INET)
			return -EAFNOSUPPORT;
		in6_set_v4(addr, sin.sin_addr);
		*port = be16(sin.sin_port);
		return 0;
	}
	if (family == LINUX_AF_UNSPEC) {
		*unspec = true;
		memset(addr, 0, sizeof(*addr));
		*port = 0;
		return 0;
	}
	if (len < SIN6_LEN_RFC2133)
		return -EINVAL;
	if (family != LINUX_AF_INET6)
		return -EAFNOSUPPORT;
	{
		struct linux_sockaddr_in6 sin6 = { 0 };

		memcpy(&sin6, uaddr, MIN(len, (int)sizeof(sin6)));
		memcpy(addr->b, sin6.sin6_addr, 16);
		*port = be16(sin6.sin6_port);
	}
	return 0;
}

int inet_route(struct inet_sock *in, struct in6 *daddr)
{
	/* Linux: with lo down its routes are gone, and there is no other. */
	if (!net_lo_up(in->net))
		return -ENETUNREACH;
	if (in6_is_v4mapped(daddr)) {
		if (in->family == LINUX_AF_INET6 && in->v6only)
			return -ENETUNREACH;
		if (in6_is_v4any(daddr))
			in6_set_v4(daddr, be32(0x7f000001));   /* Linux: 0.0.0.0 is this host */
		if (daddr->b[12] != 127)
			return -ENETUNREACH;   /* XXX: only lo exists */
		return 0;
	}
	if (in6_is_any(daddr))
		*daddr = in6_loopback;   /* as Linux: connecting to :: means ::1 */
	if (!in6_eq(daddr, &in6_loopback))
		return -ENETUNREACH;
	return 0;
}

void inet_source(struct inet_sock *in, const struct in6 *daddr, struct in6 *saddr)
{
	if (!in6_is_any(&in->laddr) && !in6_is_v4any(&in->laddr)) {
		*saddr = in->laddr;
		return;
	}
	/* lo's route: 127.0.0.0/8 has source 127.0.0.1; ::1 itself. */
	if (in6_is_v4mapped(daddr))
		in6_set_v4(saddr, be32(0x7f000001));
	else
		*saddr = in6_loopback;
}

int inet_fill_addr(struct inet_sock *in, void *out, const struct in6 *addr, u16 port)
{
	if (in->family == LINUX_AF_INET) {
		struct linux_sockaddr_in sin = { 0 };

		sin.sin_family = LINUX_AF_INET;
		sin.sin_port = be16(port);
		memcpy(&sin.sin_addr, addr->b + 12, 4);
		memcpy(out, &sin, sizeof(sin));
		return sizeof(sin);
	} else {
		struct linux_sockaddr_in6 sin6 = { 0 };

		sin6.sin6_family = LINUX_AF_INET6;
		sin6.sin6_port = be16(port);
		memcpy(sin6.sin6_addr, addr->b, 16);
		memcpy(out, &sin6, sizeof(sin6));
		return sizeof(sin6);
	}
}

/* ---- objects ---- */

struct inet_sock *inet_sock_alloc(struct net *net, int family, int type, int protocol)
{
	struct inet_sock *in = kzalloc(sizeof(*in), GFP_KERNEL);

	if (!in)
		return NULL;
	in->refs = 1;
	in->net = get_net(net);
	in->family = family;
	in->type = type;
	in->protocol = protocol;
	in->state = TCP_CLOSE;
	in->ip_ttl = -1;
	if (family == LINUX_AF_INET)
		in6_set_v4(&in->laddr, 0);
	in->uid = current_cred() ? current_cred()->euid : 0;
	INIT_LIST_HEAD(&in->port_node);
	INIT_LIST_HEAD(&in->acceptq);
	INIT_LIST_HEAD(&in->accept_node);
	INIT_LIST_HEAD(&in->dgrams);
	init_waitqueue_head(&in->wq);
	mutex_init(&in->send_mutex, "inet_send");
	mutex_init(&in->recv_mutex, "inet_recv");
	return in;
}

void inet_get(struct inet_sock *in)
{
	in->refs++;
}

void inet_put(struct inet_sock *in)
{
	if (--in->refs)
		return;
	tcp_free_ring(in);
	udp_free_queue(in);
	put_net(in->net);
	kfree(in);
}

/* ---- the port table ---- */

static void port_table_init(void)
{
	for (int p = 0; p < 2; p++)
		for (int i = 0; i < PORT_BUCKETS; i++)
			INIT_LIST_HEAD(&port_table[p][i]);
	port_next = get_random_u32();
}

static struct list_head *bucket(int protocol, u16 port)
{
	return &port_table[protocol == LINUX_IPPROTO_UDP][port % PORT_BUCKETS];
}

struct list_head *inet_port_list(int protocol)
{
	return port_table[protocol == LINUX_IPPROTO_UDP];
}

/* Does a socket bound to addr a receive what is sent to daddr? */
bool inet_addr_match(struct inet_sock *in, const struct in6 *daddr)
{
	if (in6_eq(&in->laddr, daddr))
		return true;
	if (in6_is_any(&in->laddr))
		return in6_is_v4mapped(daddr) ? !in->v6only : true;
	if (in6_is_v4any(&in->laddr))
		return in6_is_v4mapped(daddr);
	return false;
}

/* Do two bindings on one port take some address in common? */
static bool addr_overlap(struct inet_sock *a, struct inet_sock *b)
{
	if (in6_eq(&a->laddr, &b->laddr))
		return true;
	if (in6_is_any(&a->laddr) || in6_is_v4any(&a->laddr))
		return inet_addr_match(a, &b->laddr) ||
		       (in6_is_any(&b->laddr) && !b->v6only && in6_is_v4any(&a->laddr));
	if (in6_is_any(&b->laddr) || in6_is_v4any(&b->laddr))
		return inet_addr_match(b, &a->laddr);
	return false;
}

/* inet_lock held: would in bound at (in->laddr, port) clash with another
 * socket? Checked at bind and again at listen: SO_REUSEADDR never shares
 * with a listener (so of two sockets sharing a port only one may listen). */
static bool port_conflict(struct inet_sock *in, u16 port)
{
	struct inet_sock *o;
	bool reuse = in->reuseaddr;

	list_for_each_entry(o, bucket(in->protocol, port), port_node) {
		if (o == in || o->lport != port || o->dead || o->net != in->net)
			continue;
		if (!addr_overlap(in, o))
			continue;
		if (in->reuseport && o->reuseport && in->uid == o->uid)
			continue;
		if (reuse && o->reuseaddr &&
		    (in->protocol == LINUX_IPPROTO_UDP || o->state != TCP_LISTEN))
			continue;
		return true;
	}
	return false;
}

static bool port_used(struct net *net, int protocol, u16 port)
{
	struct inet_sock *o;

	list_for_each_entry(o, bucket(protocol, port), port_node)
		if (o->lport == port && o->net == net)
			return true;
	return false;
}

static void hash_locked(struct inet_sock *in, u16 port)
{
	in->lport = port;
	list_add_tail(&in->port_node, bucket(in->protocol, port));
}

void inet_unhash_locked(struct inet_sock *in)
{
	if (!list_empty(&in->port_node))
		list_del_init(&in->port_node);
}

int inet_autobind_locked(struct inet_sock *in)
{
	unsigned range = PORT_HIGH - PORT_LOW + 1;

	if (in->lport)
		return 0;
	for (unsigned i = 0; i < range; i++) {
		u16 port = PORT_LOW + (port_next++ % range);

		if (!port_used(in->net, in->protocol, port)) {
			hash_locked(in, port);
			return 0;
		}
	}
	return -EADDRINUSE;   /* XXX: Linux shares ports between distinct 4-tuples */
}

/* inet_lock held: re-check the port of a socket about to listen. */
int inet_listen_check_locked(struct inet_sock *in)
{
	return port_conflict(in, in->lport) ? -EADDRINUSE : 0;
}

int inet_bind(struct socket *sock, void *uaddr, int len)
{
	struct inet_sock *in = inet_sk(sock);
	struct in6 addr;
	bool unspec;
	u16 port;
	int err;

	if (in->family == LINUX_AF_INET && len >= (int)sizeof(struct linux_sockaddr_in)) {
		struct linux_sockaddr_in *sin = uaddr;

		/* Linux takes AF_UNSPEC for an AF_INET bind only with INADDR_ANY. */
		if (sin->sin_family == LINUX_AF_UNSPEC && sin->sin_addr)
			return -EAFNOSUPPORT;
	}
	err = inet_parse_addr(in, uaddr, len, &addr, &port, &unspec, false);
	if (err)
		return err;
	if (unspec && in->family == LINUX_AF_INET6)
		return -EAFNOSUPPORT;
	if (in->family == LINUX_AF_INET6 && in6_is_v4mapped(&addr) && in->v6only)
		return -EINVAL;
	if (!in6_is_local(&addr))
		return -EADDRNOTAVAIL;
	/* Linux lets 127.0.0.1 be bound while lo is down too (measured). */
	if (port && port < PROT_SOCK && !capable_root())
		return -EACCES;
	mutex_lock(&inet_lock);
	if (in->lport || (in->protocol == LINUX_IPPROTO_TCP && in->state != TCP_CLOSE)) {
		err = -EINVAL;
		goto out;
	}
	in->laddr = addr;
	in->reuseaddr = sock->reuseaddr;
	in->reuseport = sock->reuseport;
	in->uid = current_cred()->euid;
	if (port) {
		if (port_conflict(in, port)) {
			err = -EADDRINUSE;
			goto out_reset;
		}
		hash_locked(in, port);
	} else {
		unsigned range = PORT_HIGH - PORT_LOW + 1;

		err = -EADDRINUSE;
		for (unsigned i = 0; i < range; i++) {
			u16 p = PORT_LOW + (port_next++ % range);

			if (!port_conflict(in, p)) {
				hash_locked(in, p);
				err = 0;
				break;
			}
		}
		if (err)
			goto out_reset;
	}
	in->addr_bound = !in6_is_any(&addr) && !in6_is_v4any(&addr);
	in->port_bound = port != 0;
	goto out;
out_reset:
	memset(&in->laddr, 0, sizeof(in->laddr));
	if (in->family == LINUX_AF_INET)
		in6_set_v4(&in->laddr, 0);
out:
	mutex_unlock(&inet_lock);
	return err;
}

int inet_getname(struct socket *sock, void *uaddr, bool peer)
{
	struct inet_sock *in = inet_sk(sock);
	int len;

	mutex_lock(&inet_lock);
	if (peer) {
		bool ok = in->protocol == LINUX_IPPROTO_TCP ?
			in->dport && in->state != TCP_CLOSE && in->state != TCP_SYN_SENT &&
			in->state != TCP_LISTEN :
			in->connected && in->dport;   /* Linux: no port, no peer */

		if (!ok) {
			mutex_unlock(&inet_lock);
			return -ENOTCONN;
		}
		len = inet_fill_addr(in, uaddr, &in->daddr, in->dport);
	} else {
		len = inet_fill_addr(in, uaddr, &in->laddr, in->lport);
	}
	mutex_unlock(&inet_lock);
	return len;
}

/* ---- options ---- */

static int get_int(const void *val, unsigned len, int *v)
{
	if (len < sizeof(int)) {
		if (!len)
			return -EINVAL;
		*v = *(const u8 *)val;   /* Linux takes a char for the IP options */
		return 0;
	}
	memcpy(v, val, sizeof(int));
	return 0;
}

static void put_int(void *val, unsigned *len, int v)
{
	*len = MIN(*len, (unsigned)sizeof(int));
	memcpy(val, &v, *len);
}

int inet_setsockopt(struct socket *sock, int level, int name, void *val, unsigned len)
{
	struct inet_sock *in = inet_sk(sock);
	int v = 0, err;

	if (level == LINUX_SOL_SOCKET) {
		if (name == LINUX_SO_BINDTODEVICE) {
			char dev[17] = { 0 };

			if (!capable_root())
				return -EPERM;
			memcpy(dev, val, MIN(len, 16u));
			if (!dev[0] || !strcmp(dev, "lo"))
				return 0;
			return -ENODEV;
		}
		return -ENOPROTOOPT;
	}
	if (level == LINUX_SOL_IP) {
		err = get_int(val, len, &v);
		if (err)
			return err;
		switch (name) {
		case LINUX_IP_TOS:
			in->ip_tos = v & 0xff;
			return 0;
		case LINUX_IP_TTL:
			if (v != -1 && (v < 1 || v > 255))
				return -EINVAL;
			in->ip_ttl = v;
			return 0;
		case LINUX_IP_PKTINFO:
			in->pktinfo = v != 0;   /* XXX: no IP_PKTINFO control messages yet */
			return 0;
		case LINUX_IP_MTU_DISCOVER:
			if (v < 0 || v > 5)
				return -EINVAL;
			in->mtu_disc = v;
			return 0;
		case LINUX_IP_RECVERR:
			in->recverr = v != 0;   /* XXX: no error queue */
			return 0;
		}
		return -ENOPROTOOPT;
	}
	if (level == LINUX_SOL_IPV6) {
		if (in->family != LINUX_AF_INET6)
			return -ENOPROTOOPT;
		if (len < sizeof(int))
			return -EINVAL;
		memcpy(&v, val, sizeof(int));
		switch (name) {
		case LINUX_IPV6_V6ONLY:
			mutex_lock(&inet_lock);
			err = in->lport ? -EINVAL : 0;
			if (!err)
				in->v6only = v != 0;
			mutex_unlock(&inet_lock);
			return err;
		case LINUX_IPV6_UNICAST_HOPS:
			if (v < -1 || v > 255)
				return -EINVAL;
			in->ip_ttl = v;
			return 0;
		case LINUX_IPV6_TCLASS:
			if (v < -1 || v > 0xff)
				return -EINVAL;
			in->ip_tos = v < 0 ? 0 : v;
			return 0;
		case LINUX_IPV6_RECVPKTINFO:
			in->pktinfo = v != 0;
			return 0;
		case LINUX_IPV6_RECVERR:
			in->recverr = v != 0;
			return 0;
		case LINUX_IPV6_MTU_DISCOVER:
			if (v < 0 || v > 5)
				return -EINVAL;
			in->mtu_disc = v;
			return 0;
		}
		return -ENOPROTOOPT;
	}
	return -ENOPROTOOPT;
}

int inet_getsockopt(struct socket *sock, int level, int name, void *val, unsigned *len)
{
	struct inet_sock *in = inet_sk(sock);

	if (level == LINUX_SOL_SOCKET) {
		if (name == LINUX_SO_ERROR) {
			int v;

			mutex_lock(&inet_lock);
			v = in->err;
			in->err = 0;
			mutex_unlock(&inet_lock);
			if (!v)
				v = __atomic_exchange_n(&sock->err, 0, __ATOMIC_RELAXED);
			put_int(val, len, v < 0 ? -v : v);
			return 0;
		}
		if (name == LINUX_SO_BINDTODEVICE) {
			*len = 0;
			return 0;
		}
		if (name == LINUX_SO_PEERCRED) {
			/* Linux: no peer credentials on inet sockets, so "nobody". */
			struct linux_ucred c = { 0, (u32)-1, (u32)-1 };

			*len = MIN(*len, (unsigned)sizeof(c));
			memcpy(val, &c, *len);
			return 0;
		}
		return -ENOPROTOOPT;
	}
	if (level == LINUX_SOL_IP) {
		switch (name) {
		case LINUX_IP_TOS:
			put_int(val, len, in->ip_tos);
			return 0;
		case LINUX_IP_TTL:
			put_int(val, len, in->ip_ttl < 0 ? 64 : in->ip_ttl);
			return 0;
		case LINUX_IP_PKTINFO:
			put_int(val, len, in->pktinfo);
			return 0;
		case LINUX_IP_MTU_DISCOVER:
			put_int(val, len, in->mtu_disc);
			return 0;
		case LINUX_IP_RECVERR:
			put_int(val, len, in->recverr);
			return 0;
		case LINUX_IP_MTU:
			if (in->protocol == LINUX_IPPROTO_TCP ? in->state != TCP_ESTABLISHED &&
			    in->state != TCP_CLOSE_WAIT : !in->connected)
				return -ENOTCONN;
			put_int(val, len, 65536);
			return 0;
		}
		return -ENOPROTOOPT;
	}
	if (level == LINUX_SOL_IPV6) {
		if (in->family != LINUX_AF_INET6)
			return -EOPNOTSUPP;
		switch (name) {
		case LINUX_IPV6_V6ONLY:
			put_int(val, len, in->v6only);
			return 0;
		case LINUX_IPV6_UNICAST_HOPS:
			put_int(val, len, in->ip_ttl < 0 ? 64 : in->ip_ttl);
			return 0;
		case LINUX_IPV6_TCLASS:
			put_int(val, len, in->ip_tos);
			return 0;
		case LINUX_IPV6_RECVPKTINFO:
			put_int(val, len, in->pktinfo);
			return 0;
		case LINUX_IPV6_RECVERR:
			put_int(val, len, in->recverr);
			return 0;
		case LINUX_IPV6_MTU_DISCOVER:
			put_int(val, len, in->mtu_disc);
			return 0;
		}
		return -ENOPROTOOPT;
	}
	/* Linux: ip_getsockopt says EOPNOTSUPP for a foreign level, ipv6's ENOPROTOOPT. */
	return in->family == LINUX_AF_INET ? -EOPNOTSUPP : -ENOPROTOOPT;
}

/* ---- interface ioctls: "lo" only ---- */

#define LINUX_SIOCGIFNAME    0x8910
#define LINUX_SIOCGIFCONF    0x8912
#define LINUX_SIOCGIFFLAGS   0x8913
#define LINUX_SIOCSIFFLAGS   0x8914
#define LINUX_SIOCGIFADDR    0x8915
#define LINUX_SIOCSIFADDR    0x8916
#define LINUX_SIOCGIFDSTADDR 0x8917
#define LINUX_SIOCGIFBRDADDR 0x8919
#define LINUX_SIOCGIFNETMASK 0x891b
#define LINUX_SIOCSIFNETMASK 0x891c
#define LINUX_SIOCGIFMETRIC  0x891d
#define LINUX_SIOCGIFMTU     0x8921
#define LINUX_SIOCGIFHWADDR  0x8927
#define LINUX_SIOCGIFINDEX   0x8933
#define LINUX_SIOCGIFTXQLEN  0x8942

#define IFF_UP       0x1
#define IFF_LOOPBACK 0x8
#define IFF_RUNNING  0x40
#define ARPHRD_LOOPBACK 772
#define LINUX_IFNAMSIZ 16

struct linux_ifreq {
	char ifr_name[LINUX_IFNAMSIZ];
	union {
		struct linux_sockaddr addr;
		short flags;
		int ivalue;
		char newname[LINUX_IFNAMSIZ];
		u8 pad[24];
	};
};

struct linux_ifconf {
	int ifc_len;
	int pad;
	void __user *ifc_buf;
};

static void lo_addr(struct linux_sockaddr *sa, u32 host_addr)
{
	struct linux_sockaddr_in sin = { 0 };

	sin.sin_family = LINUX_AF_INET;
	sin.sin_addr = be32(host_addr);
	memcpy(sa, &sin, sizeof(sin));
}

long inet_dev_ioctl(struct net *net, unsigned cmd, unsigned long arg)
{
	struct linux_ifreq ifr;
	void __user *uarg = (void __user *)arg;

	if (cmd == LINUX_SIOCGIFCONF) {
		struct linux_ifconf ifc;

		if (copy_from_user(&ifc, uarg, sizeof(ifc)))
			return -EFAULT;
		if (!ifc.ifc_buf) {
			ifc.ifc_len = sizeof(ifr);   /* what one entry needs */
		} else if (ifc.ifc_len >= (int)sizeof(ifr)) {
			memset(&ifr, 0, sizeof(ifr));
			strcpy(ifr.ifr_name, "lo");
			lo_addr(&ifr.addr, 0x7f000001);
			if (copy_to_user(ifc.ifc_buf, &ifr, sizeof(ifr)))
				return -EFAULT;
			ifc.ifc_len = sizeof(ifr);
		} else {
			ifc.ifc_len = 0;
		}
		if (copy_to_user(uarg, &ifc, sizeof(ifc)))
			return -EFAULT;
		return 0;
	}
	switch (cmd) {
	case LINUX_SIOCGIFNAME:
	case LINUX_SIOCGIFFLAGS:
	case LINUX_SIOCSIFFLAGS:
	case LINUX_SIOCGIFADDR:
	case LINUX_SIOCSIFADDR:
	case LINUX_SIOCGIFDSTADDR:
	case LINUX_SIOCGIFBRDADDR:
	case LINUX_SIOCGIFNETMASK:
	case LINUX_SIOCSIFNETMASK:
	case LINUX_SIOCGIFMETRIC:
	case LINUX_SIOCGIFMTU:
	case LINUX_SIOCGIFHWADDR:
	case LINUX_SIOCGIFINDEX:
	case LINUX_SIOCGIFTXQLEN:
		break;
	default:
		return -ENOIOCTLCMD;
	}
	if (copy_from_user(&ifr, uarg, sizeof(ifr)))
		return -EFAULT;
	if (cmd == LINUX_SIOCGIFNAME) {
		if (ifr.ivalue != 1)
			return -ENODEV;
		memset(ifr.ifr_name, 0, sizeof(ifr.ifr_name));
		strcpy(ifr.ifr_name, "lo");
		goto out;
	}
	ifr.ifr_name[LINUX_IFNAMSIZ - 1] = 0;
	if (strcmp(ifr.ifr_name, "lo"))
		return -ENODEV;
	if (cmd == LINUX_SIOCSIFFLAGS) {
		/* `ifconfig lo up`, `ip link set lo up` (busybox ip uses this). */
		if (!capable_root())
			return -EPERM;
		net_lo_set_up(net, ifr.flags & IFF_UP);
		return 0;
	}
	memset(ifr.pad, 0, sizeof(ifr.pad));
	switch (cmd) {
	case LINUX_SIOCGIFFLAGS:
		ifr.flags = (short)net_lo_flags(net, false);
		break;
	case LINUX_SIOCSIFADDR:
	case LINUX_SIOCSIFNETMASK:
		/* /init's `ifconfig lo 127.0.0.1`. XXX: lo keeps 127.0.0.1/8
		 * whatever is asked. */
		if (!capable_root())
			return -EPERM;
		return 0;
	case LINUX_SIOCGIFADDR:
		lo_addr(&ifr.addr, 0x7f000001);
		break;
	case LINUX_SIOCGIFNETMASK:
		lo_addr(&ifr.addr, 0xff000000);
		break;
	case LINUX_SIOCGIFDSTADDR:
	case LINUX_SIOCGIFBRDADDR:
		return -EADDRNOTAVAIL;   /* lo is neither point-to-point nor broadcast */
	case LINUX_SIOCGIFMETRIC:
		ifr.ivalue = 0;
		break;
	case LINUX_SIOCGIFMTU:
		ifr.ivalue = 65536;
		break;
	case LINUX_SIOCGIFHWADDR:
		ifr.addr.sa_family = ARPHRD_LOOPBACK;
		break;
	case LINUX_SIOCGIFINDEX:
		ifr.ivalue = 1;
		break;
	case LINUX_SIOCGIFTXQLEN:
		ifr.ivalue = 1000;
		break;
	}
out:
	if (copy_to_user(uarg, &ifr, sizeof(ifr)))
		return -EFAULT;
	return 0;
}

/* ---- create ---- */

static int inet_create(struct socket *sock, int protocol, bool kern)
{
	struct inet_sock *in;
	int err;

	if (protocol < 0 || protocol >= 256)
		return -EINVAL;
	switch (sock->type) {
	case LINUX_SOCK_STREAM:
		if (protocol && protocol != LINUX_IPPROTO_TCP)
			return -EPROTONOSUPPORT;
		protocol = LINUX_IPPROTO_TCP;
		break;
	case LINUX_SOCK_DGRAM:
		if (protocol == 1 || protocol == 58)   /* ICMP, ICMPv6 "ping" sockets */
			return -EACCES;                 /* net.ipv4.ping_group_range "1 0" */
		if (protocol && protocol != LINUX_IPPROTO_UDP)
			return -EPROTONOSUPPORT;
		protocol = LINUX_IPPROTO_UDP;
		break;
	case LINUX_SOCK_RAW:
		if (!capable_root())
			return -EPERM;
		return -EPROTONOSUPPORT;   /* XXX: no raw sockets */
	default:
		return -ESOCKTNOSUPPORT;
	}
	in = inet_sock_alloc(sock->net, sock->family, sock->type, protocol);
	if (!in)
		return -ENOMEM;
	in->sock = sock;
	sock->sk = in;
	sock->protocol = protocol;
	err = protocol == LINUX_IPPROTO_TCP ? tcp_init_sock(sock, in) : udp_init_sock(sock, in);
	if (err) {
		sock->sk = NULL;
		mutex_lock(&inet_lock);
		inet_put(in);
		mutex_unlock(&inet_lock);
	}
	return err;
}

static const struct net_proto_family inet_family = {
	.family = LINUX_AF_INET,
	.create = inet_create,
};

static const struct net_proto_family inet6_family = {
	.family = LINUX_AF_INET6,
	.create = inet_create,
};

void inet_family_init(void)
{
	port_table_init();
	sock_register(&inet_family);
	sock_register(&inet6_family);
}
