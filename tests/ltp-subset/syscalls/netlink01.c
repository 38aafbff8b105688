/*
 * netlink01: NETLINK_ROUTE describes the loopback interface: an
 * RTM_GETLINK dump lists lo (UP, LOOPBACK, its index) and ends with
 * NLMSG_DONE; getifaddrs() finds 127.0.0.1 and ::1 on lo; if_nameindex()
 * lists lo with if_nametoindex("lo"); binding port id 0 picks one that
 * getsockname() shows; an unknown netlink protocol is EPROTONOSUPPORT.
 */
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "harness.h"

/* Linux's netlink ABI (musl ships no <linux/netlink.h>). */
#define NETLINK_ROUTE 0
#define NLMSG_DONE 3
#define NLM_F_REQUEST 0x1
#define NLM_F_DUMP 0x300
#define RTM_NEWLINK 16
#define RTM_GETLINK 18
#define IFLA_IFNAME 3
#define AL4(n) (((n) + 3) & ~3u)

struct nl_hdr { unsigned len; unsigned short type, flags; unsigned seq, pid; };
struct nl_addr { unsigned short family, pad; unsigned pid, groups; };
struct ifinfo { unsigned char family, pad; unsigned short type; int index; unsigned flags, change; };
struct rt_attr { unsigned short len, type; };

static void run(void)
{
	struct { struct nl_hdr h; struct ifinfo i; } req = {
		.h = { .len = sizeof(req), .type = RTM_GETLINK,
		       .flags = NLM_F_REQUEST | NLM_F_DUMP, .seq = 42 },
	};
	struct nl_addr sa = { .family = AF_NETLINK };
	socklen_t len = sizeof(sa);
	static char buf[65536];
	struct ifaddrs *ifa, *p;
	struct if_nameindex *ni;
	int s, lo_link = 0, done = 0, v4 = 0, v6 = 0, in_list = 0;
	unsigned idx = if_nametoindex("lo");

	EXPECT_FAIL(socket(AF_NETLINK, SOCK_RAW, 31), EPROTONOSUPPORT);
	s = SAFE(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
	EXPECT_OK(bind(s, (struct sockaddr *)&sa, sizeof(sa)));
	EXPECT_OK(getsockname(s, (struct sockaddr *)&sa, &len));
	EXPECT(sa.family == AF_NETLINK && sa.pid != 0);
	EXPECT_EQ(send(s, &req, sizeof(req), 0), sizeof(req));
	while (!done) {
		ssize_t n = recv(s, buf, sizeof(buf), 0);
		size_t off = 0;

		if (n <= 0)
			break;
		while (off + sizeof(struct nl_hdr) <= (size_t)n) {
			struct nl_hdr *h = (struct nl_hdr *)(buf + off);

			if (h->len < sizeof(*h) || off + h->len > (size_t)n)
				break;
			if (h->seq == 42 && h->type == NLMSG_DONE)
				done = 1;
			if (h->seq == 42 && h->type == RTM_NEWLINK) {
				struct ifinfo *i = (struct ifinfo *)(h + 1);
				size_t a = sizeof(*h) + sizeof(*i);

				while (a + sizeof(struct rt_attr) <= h->len) {
					struct rt_attr *r = (struct rt_attr *)((char *)h + a);

					if (r->len < sizeof(*r))
						break;
					if (r->type == IFLA_IFNAME && !strcmp((char *)(r + 1), "lo") &&
					    (i->flags & (IFF_UP | IFF_LOOPBACK)) == (IFF_UP | IFF_LOOPBACK) &&
					    (unsigned)i->index == idx)
						lo_link = 1;
					a += AL4(r->len);
				}
			}
			off += AL4(h->len);
		}
	}
	EXPECT_MSG(done, "the dump ends with NLMSG_DONE");
	EXPECT_MSG(lo_link, "RTM_NEWLINK for lo, up, index %u", idx);
	close(s);

	if (getifaddrs(&ifa) < 0)
		t_brk(TBROK | TERRNO, "getifaddrs");
	for (p = ifa; p; p = p->ifa_next) {
		if (!p->ifa_addr || strcmp(p->ifa_name, "lo"))
			continue;
		if (p->ifa_addr->sa_family == AF_INET &&
		    ((struct sockaddr_in *)p->ifa_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
			v4 = 1;
		if (p->ifa_addr->sa_family == AF_INET6 &&
		    IN6_IS_ADDR_LOOPBACK(&((struct sockaddr_in6 *)p->ifa_addr)->sin6_addr))
			v6 = 1;
	}
	freeifaddrs(ifa);
	EXPECT_MSG(v4 && v6, "getifaddrs: lo has 127.0.0.1 and ::1");
	ni = if_nameindex();
	EXPECT(ni != NULL);
	for (struct if_nameindex *q = ni; q && q->if_index; q++)
		if (!strcmp(q->if_name, "lo") && q->if_index == idx)
			in_list = 1;
	if (ni)
		if_freenameindex(ni);
	EXPECT_MSG(in_list, "if_nameindex lists lo");
}

const struct t_test t_test = { .run = run };
