/*
 * Private to kernel/net: the built-in families' registration hooks, called
 * once by socket.c before the first socket is made.
 */
#ifndef KERNEL_NET_INTERNAL_H
#define KERNEL_NET_INTERNAL_H

void unix_family_init(void);
void inet_family_init(void);
void netlink_family_init(void);
/* SIOCGIF* for the loopback interface, on any socket (inet.c). */
struct net;
long inet_dev_ioctl(struct net *net, unsigned cmd, unsigned long arg);

#endif
