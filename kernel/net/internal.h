/*
 * Private to kernel/net: the built-in families' registration hooks, called
 * once by socket.c before the first socket is made.
 */
#ifndef KERNEL_NET_INTERNAL_H
#define KERNEL_NET_INTERNAL_H

void unix_family_init(void);

#endif
