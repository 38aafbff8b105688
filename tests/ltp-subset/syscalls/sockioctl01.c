/*
 * sockioctl01: socket ioctls: FIONREAD on TCP (bytes queued) and UDP (the
 * next datagram's size), SIOCOUTQ, SIOCATMARK; the loopback interface
 * through SIOCGIFCONF (lo with 127.0.0.1), SIOCGIFFLAGS (UP, LOOPBACK,
 * RUNNING), SIOCGIFADDR, SIOCGIFNETMASK (255.0.0.0), SIOCGIFMTU,
 * SIOCGIFINDEX (= if_nametoindex("lo")), SIOCGIFNAME back to "lo"; an
 * unknown interface is ENODEV, a terminal ioctl ENOTTY.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "harness.h"

#ifndef SIOCOUTQ
#define SIOCOUTQ TIOCOUTQ
#endif

static void run(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sin);
	struct ifreq ifr, reqs[64];
	struct ifconf ifc;
	int l, c, a, u, n, found = 0;
	unsigned idx;

	l = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(bind(l, (struct sockaddr *)&sin, sizeof(sin)));
	SAFE(getsockname(l, (struct sockaddr *)&sin, &len));
	SAFE(listen(l, 1));
	c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(connect(c, (struct sockaddr *)&sin, sizeof(sin)));
	a = SAFE(accept(l, NULL, NULL));
	SAFE(write(c, "12345", 5));
	t_msleep(20);
	EXPECT_OK(ioctl(a, FIONREAD, &n));
	EXPECT_EQ(n, 5);
	EXPECT_OK(ioctl(c, SIOCOUTQ, &n));
	EXPECT_EQ(n, 0);
	EXPECT_OK(ioctl(a, SIOCATMARK, &n));
	EXPECT_EQ(n, 0);

	u = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	sin.sin_port = 0;
	SAFE(bind(u, (struct sockaddr *)&sin, sizeof(sin)));
	len = sizeof(sin);
	SAFE(getsockname(u, (struct sockaddr *)&sin, &len));
	SAFE(sendto(u, "abc", 3, 0, (struct sockaddr *)&sin, sizeof(sin)));
	SAFE(sendto(u, "defgh", 5, 0, (struct sockaddr *)&sin, sizeof(sin)));
	EXPECT_OK(ioctl(u, FIONREAD, &n));
	EXPECT_EQ(n, 3);

	memset(&ifc, 0, sizeof(ifc));
	ifc.ifc_len = sizeof(reqs);
	ifc.ifc_req = reqs;
	EXPECT_OK(ioctl(u, SIOCGIFCONF, &ifc));
	for (int i = 0; i < ifc.ifc_len / (int)sizeof(struct ifreq); i++)
		if (!strcmp(reqs[i].ifr_name, "lo") &&
		    ((struct sockaddr_in *)&reqs[i].ifr_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
			found = 1;
	EXPECT_MSG(found, "SIOCGIFCONF lists lo with 127.0.0.1");

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	EXPECT_OK(ioctl(u, SIOCGIFFLAGS, &ifr));
	EXPECT_EQ(ifr.ifr_flags & (IFF_UP | IFF_LOOPBACK | IFF_RUNNING), IFF_UP | IFF_LOOPBACK | IFF_RUNNING);
	EXPECT_OK(ioctl(u, SIOCGIFADDR, &ifr));
	EXPECT_EQ(((struct sockaddr_in *)&ifr.ifr_addr)->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	EXPECT_OK(ioctl(u, SIOCGIFNETMASK, &ifr));
	EXPECT_EQ(((struct sockaddr_in *)&ifr.ifr_netmask)->sin_addr.s_addr, htonl(0xff000000));
	EXPECT_OK(ioctl(u, SIOCGIFMTU, &ifr));
	EXPECT_EQ(ifr.ifr_mtu, 65536);
	EXPECT_OK(ioctl(u, SIOCGIFINDEX, &ifr));
	idx = if_nametoindex("lo");
	EXPECT_MSG(idx > 0 && (unsigned)ifr.ifr_ifindex == idx, "lo's index %d / %u", ifr.ifr_ifindex, idx);
	memset(ifr.ifr_name, 0, sizeof(ifr.ifr_name));
	EXPECT_OK(ioctl(u, SIOCGIFNAME, &ifr));
	EXPECT(!strcmp(ifr.ifr_name, "lo"));
	strcpy(ifr.ifr_name, "nosuch0");
	EXPECT_FAIL(ioctl(u, SIOCGIFFLAGS, &ifr), ENODEV);
	EXPECT_FAIL(ioctl(u, SIOCGIFINDEX, &ifr), ENODEV);
	EXPECT_EQ(if_nametoindex("nosuch0"), 0);
	EXPECT_FAIL(ioctl(u, 0x5401 /* TCGETS */, reqs), ENOTTY);
}

const struct t_test t_test = { .run = run };
