/*
 * netns_netlink: rtnetlink in a new network namespace. RTM_GETLINK shows
 * lo without IFF_UP and RTM_GETADDR lists no address; RTM_NEWLINK with
 * IFF_UP in ifi_flags and ifi_change (what `ip link set lo up` sends)
 * brings it up, acknowledged with error 0; then lo has IFF_UP and
 * IFF_RUNNING and 127.0.0.1 is listed. As nobody RTM_NEWLINK is EPERM.
 */
#include <net/if.h>
#include <sched.h>
#include <stdbool.h>
#include <sys/socket.h>

#include "harness.h"

/* Linux's netlink ABI (musl ships no <linux/netlink.h>). */
#define NETLINK_ROUTE 0
#define NLMSG_ERROR 2
#define NLMSG_DONE 3
#define NLM_F_REQUEST 0x1
#define NLM_F_ACK 0x4
#define NLM_F_DUMP 0x300
#define RTM_NEWLINK 16
#define RTM_GETLINK 18
#define RTM_NEWADDR 20
#define RTM_GETADDR 22
#define NL_ALIGN(n) (((n) + 3) & ~3u)

struct nlmsghdr { unsigned nlmsg_len; unsigned short nlmsg_type, nlmsg_flags; unsigned nlmsg_seq, nlmsg_pid; };
struct sockaddr_nl { unsigned short nl_family, pad; unsigned nl_pid, nl_groups; };
struct ifinfomsg { unsigned char ifi_family, pad; unsigned short ifi_type; int ifi_index; unsigned ifi_flags, ifi_change; };
struct ifaddrmsg { unsigned char ifa_family, ifa_prefixlen, ifa_flags, ifa_scope; unsigned ifa_index; };
struct nlmsgerr { int error; struct nlmsghdr msg; };
#define NLMSG_DATA(h) ((void *)((char *)(h) + NL_ALIGN(sizeof(struct nlmsghdr))))
#define NLMSG_OK(h, n) ((n) >= (ssize_t)sizeof(struct nlmsghdr) && (h)->nlmsg_len >= sizeof(struct nlmsghdr) && (h)->nlmsg_len <= (size_t)(n))
#define NLMSG_NEXT(h, n) ((n) -= NL_ALIGN((h)->nlmsg_len), (struct nlmsghdr *)((char *)(h) + NL_ALIGN((h)->nlmsg_len)))

struct req {
	struct nlmsghdr h;
	struct ifinfomsg ifi;
};

static int nl_open(void)
{
	return SAFE(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
}

/* Send one request; the first reply's buffer in buf, its length returned. */
static ssize_t nl_talk(int s, void *req, size_t len, char *buf, size_t size)
{
	struct sockaddr_nl k = { .nl_family = AF_NETLINK };

	SAFE(sendto(s, req, len, 0, (struct sockaddr *)&k, sizeof(k)));
	return SAFE(recv(s, buf, size, 0));
}

static unsigned lo_flags_nl(int s)
{
	struct req r = { 0 };
	static char buf[16384];
	ssize_t n;

	r.h.nlmsg_len = sizeof(r);
	r.h.nlmsg_type = RTM_GETLINK;
	r.h.nlmsg_flags = NLM_F_REQUEST;
	r.h.nlmsg_seq = 1;
	r.ifi.ifi_family = AF_UNSPEC;
	r.ifi.ifi_index = 1;
	n = nl_talk(s, &r, sizeof(r), buf, sizeof(buf));
	for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n))
		if (h->nlmsg_type == RTM_NEWLINK)
			return ((struct ifinfomsg *)NLMSG_DATA(h))->ifi_flags;
	t_res(TFAIL, "no RTM_NEWLINK answer for lo");
	return 0;
}

static int v4_addrs(int s)
{
	struct {
		struct nlmsghdr h;
		struct ifaddrmsg a;
	} r = { 0 };
	static char buf[16384];
	int count = 0;
	bool done = false;

	r.h.nlmsg_len = sizeof(r);
	r.h.nlmsg_type = RTM_GETADDR;
	r.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	r.h.nlmsg_seq = 2;
	r.a.ifa_family = AF_INET;
	struct sockaddr_nl k = { .nl_family = AF_NETLINK };
	SAFE(sendto(s, &r, sizeof(r), 0, (struct sockaddr *)&k, sizeof(k)));
	while (!done) {
		ssize_t n = SAFE(recv(s, buf, sizeof(buf), 0));

		for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR)
				done = true;
			else if (h->nlmsg_type == RTM_NEWADDR)
				count++;
		}
	}
	return count;
}

static int set_up(int s)
{
	struct req r = { 0 };
	char buf[4096];
	ssize_t n;

	r.h.nlmsg_len = sizeof(r);
	r.h.nlmsg_type = RTM_NEWLINK;
	r.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	r.h.nlmsg_seq = 3;
	r.ifi.ifi_family = AF_UNSPEC;
	r.ifi.ifi_index = 1;
	r.ifi.ifi_flags = IFF_UP;
	r.ifi.ifi_change = IFF_UP;
	n = nl_talk(s, &r, sizeof(r), buf, sizeof(buf));
	struct nlmsghdr *h = (void *)buf;
	if (!NLMSG_OK(h, n) || h->nlmsg_type != NLMSG_ERROR)
		return -1000;
	return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
}

static void as_nobody(void)
{
	int s = nl_open();

	EXPECT_EQ(set_up(s), -EPERM);
	close(s);
}

static void run(void)
{
	int s;

	if (unshare(CLONE_NEWNET) < 0)
		t_brk(TCONF | TERRNO, "unshare(CLONE_NEWNET)");
	s = nl_open();
	EXPECT_MSG(!(lo_flags_nl(s) & IFF_UP), "lo is down in a new namespace");
	EXPECT_EQ(v4_addrs(s), 0);
	t_run_as_nobody(as_nobody);
	EXPECT_EQ(set_up(s), 0);
	EXPECT_MSG((lo_flags_nl(s) & (IFF_UP | IFF_RUNNING)) == (IFF_UP | IFF_RUNNING),
		   "lo is up after RTM_NEWLINK");
	EXPECT_EQ(v4_addrs(s), 1);
	close(s);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
