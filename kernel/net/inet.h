/*
 * Private to kernel/net: AF_INET and AF_INET6 over an in-kernel loopback
 * (inet.c: addresses, ports, binding, options, interface ioctls; tcp.c;
 * udp.c). No packets exist: a TCP connection is two byte rings, one per
 * direction, and a UDP datagram goes straight onto the receiver's queue.
 *
 * Addresses are kept in IPv6 form: an IPv4 address a.b.c.d is
 * ::ffff:a.b.c.d (so 0.0.0.0 is ::ffff:0.0.0.0, distinct from ::). Ports
 * are in host order.
 *
 * Network namespaces: every socket carries its net; port lookups and
 * conflicts only see sockets of the same net, and nothing is routed while
 * that net's lo is down (kernel/net_ns.h).
 *
 * Locking: inet_lock (a mutex) guards every inet_sock field not marked
 * otherwise, the port table and all queues' bookkeeping. Data itself is
 * copied without it: a TCP ring has one writer (serialised by the sending
 * socket's send_mutex) and one reader (the receiving socket's recv_mutex),
 * and each only touches its own part of the ring, whose bounds change
 * under inet_lock. Order: send_mutex / recv_mutex before inet_lock.
 * Lifetimes: refs (under inet_lock) count the owning socket, the peer's
 * pointer and accept-queue membership; a ring is freed with its socket.
 */
#ifndef KERNEL_NET_INET_H
#define KERNEL_NET_INET_H

#include <kernel/list.h>
#include <kernel/mutex.h>
#include <kernel/net.h>
#include <kernel/net_ns.h>
#include <kernel/waitqueue.h>

struct in6 {
	u8 b[16];
};

/* Linux's TCP states (TCP_INFO's tcpi_state). */
enum {
	TCP_ESTABLISHED = 1, TCP_SYN_SENT, TCP_SYN_RECV, TCP_FIN_WAIT1, TCP_FIN_WAIT2,
	TCP_TIME_WAIT, TCP_CLOSE, TCP_CLOSE_WAIT, TCP_LAST_ACK, TCP_LISTEN, TCP_CLOSING,
};

#define RCV_SHUTDOWN  1
#define SEND_SHUTDOWN 2
#define SHUTDOWN_MASK 3

struct inet_dgram {
	struct list_head node;        /* in the receiver's dgrams */
	struct in6 from;
	u16 from_port;
	size_t len;
	char data[];
};

struct inet_sock {
	int refs;
	struct net *net;              /* its namespace (referenced): ports and lo are per net */
	struct socket *sock;          /* NULL: released, or an embryo not accepted yet */
	int family, type, protocol;   /* constant */
	bool v6only;
	bool dead;                    /* released: nothing is delivered here any more */
	struct in6 laddr;             /* bound (or source) address */
	u16 lport;                    /* 0: unbound */
	bool addr_bound, port_bound;  /* bind() chose them (not autobind) */
	struct list_head port_node;   /* in the port table while lport != 0 */
	bool reuseaddr, reuseport;    /* as of bind, for conflicts */
	uid_t uid;                    /* for SO_REUSEPORT */
	struct in6 daddr;             /* the peer (connected) */
	u16 dport;
	bool connected;               /* UDP: has a default peer */
	int err;                      /* pending error (positive), reported once */
	unsigned shutdown;            /* RCV_SHUTDOWN | SEND_SHUTDOWN */
	struct wait_queue_head wq;    /* data, room, connections, state changes */
	struct mutex send_mutex, recv_mutex;
	int ip_tos, ip_ttl, mtu_disc; /* IP-level options, kept for getsockopt */
	bool recverr, pktinfo;

	/* TCP */
	int state;                    /* TCP_* */
	bool fin_rcvd;                /* the peer sent FIN: reads end at 0 (SOCK_DONE) */
	struct inet_sock *peer;       /* referenced; kept after the peer died */
	struct inet_sock *stale_peer; /* referenced: the peer of a reset connection, until release */
	char *ring;                   /* received bytes; allocated on first data */
	size_t ring_cap, ring_head, ring_len;
	bool ring_vmalloc;
	bool reader_copying;          /* a reader copies out unlocked: the ring stays put */
	int rcvbuf;                   /* sizes the ring (the socket's SO_RCVBUF) */
	struct list_head acceptq;     /* listening: embryos waiting for accept */
	unsigned acceptq_len;
	int backlog;
	struct list_head accept_node; /* in the listener's acceptq */
	bool nodelay, cork, quickack;
	bool has_oob;                 /* an urgent byte (MSG_OOB) is pending */
	char oob_byte;
	int maxseg, keepidle, keepintvl, keepcnt, syncnt, linger2, user_timeout;
	int defer_accept, window_clamp, notsent_lowat;

	/* UDP */
	struct list_head dgrams;      /* received, unread */
	size_t dgram_bytes;           /* their charge against rcvbuf */
	unsigned dgram_count;
};

extern struct mutex inet_lock;

/* Take inet_lock on the data path: spin briefly first, since its holders
 * hold it for a few instructions and a contended mutex costs a switch. */
void inet_lock_data(void);

/* sock_wait_locked for inet_lock, retaking it with inet_lock_data. */
#define inet_wait_locked(wq, cond, timeout_ns)                                 \
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
			mutex_unlock(&inet_lock);                              \
			__left = schedule_timeout(__left);                     \
			inet_lock_data();                                      \
		}                                                              \
		finish_wait((wq), &__e);                                       \
		__ret;                                                         \
	})

static inline struct inet_sock *inet_sk(struct socket *sock)
{
	return sock->sk;
}

/* inet.c */
struct inet_sock *inet_sock_alloc(struct net *net, int family, int type, int protocol);
void inet_get(struct inet_sock *in);
void inet_put(struct inet_sock *in);            /* inet_lock held */
bool in6_is_any(const struct in6 *a);           /* :: */
bool in6_is_v4mapped(const struct in6 *a);
bool in6_is_v4any(const struct in6 *a);         /* ::ffff:0.0.0.0 */
bool in6_eq(const struct in6 *a, const struct in6 *b);
void in6_set_v4(struct in6 *a, u32 be_addr);
bool in6_is_local(const struct in6 *a);         /* an address of lo */
/*
 * Parse a user address for this socket into addr/port: -EINVAL (short),
 * -EAFNOSUPPORT (family). *unspec is set for AF_UNSPEC (when allowed).
 * A v6 socket accepts AF_INET for UDP sends (dgram_send).
 */
int inet_parse_addr(struct inet_sock *in, const void *uaddr, int len, struct in6 *addr,
		    u16 *port, bool *unspec, bool dgram_send);
/* Where a connection or datagram to daddr really goes: ::/0.0.0.0 mean
 * the loopback address; -ENETUNREACH for anything not on lo. */
int inet_route(struct inet_sock *in, struct in6 *daddr);
/* The source address a socket uses towards daddr (already routed). */
void inet_source(struct inet_sock *in, const struct in6 *daddr, struct in6 *saddr);
/* Write addr/port as the socket's family's sockaddr; its length. */
int inet_fill_addr(struct inet_sock *in, void *out, const struct in6 *addr, u16 port);
/* inet_lock held: give in a free ephemeral port (for connect, listen, send). */
int inet_autobind_locked(struct inet_sock *in);
int inet_bind(struct socket *sock, void *addr, int len);
/* inet_lock held: may in listen on its port (-EADDRINUSE)? */
int inet_listen_check_locked(struct inet_sock *in);
int inet_getname(struct socket *sock, void *addr, bool peer);
/* Does a socket bound to (in->laddr, in->lport) take traffic for daddr? */
bool inet_addr_match(struct inet_sock *in, const struct in6 *daddr);
/* inet_lock held: the sockets of a protocol bound to port (for lookups). */
struct list_head *inet_port_list(int protocol);
void inet_unhash_locked(struct inet_sock *in);
int inet_setsockopt(struct socket *sock, int level, int name, void *val, unsigned len);
int inet_getsockopt(struct socket *sock, int level, int name, void *val, unsigned *len);
/* SIOCGIF* and friends, for any socket (socket.c calls it). */
long inet_dev_ioctl(struct net *net, unsigned cmd, unsigned long arg);

/* tcp.c, udp.c */
extern const struct proto_ops tcp_ops;
extern const struct proto_ops udp_ops;
int tcp_init_sock(struct socket *sock, struct inet_sock *in);
int udp_init_sock(struct socket *sock, struct inet_sock *in);
void tcp_free_ring(struct inet_sock *in);
void udp_free_queue(struct inet_sock *in);

#endif
