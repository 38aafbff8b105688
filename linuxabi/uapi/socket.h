/*
 * Linux's x86_64 socket ABI: address families, socket types and their
 * flags, MSG_* flags, SOL_SOCKET options, struct msghdr/cmsghdr/ucred and
 * sockaddr_un, under LINUX_ names so nothing here is accidentally a kernel
 * type or clashes with a C library's names.
 */
#ifndef LINUXABI_UAPI_SOCKET_H
#define LINUXABI_UAPI_SOCKET_H

#include <kernel/types.h>

#define LINUX_AF_UNSPEC 0
#define LINUX_AF_UNIX   1
#define LINUX_AF_INET   2
#define LINUX_AF_INET6  10
#define LINUX_AF_NETLINK 16
#define LINUX_AF_PACKET 17
#define LINUX_AF_MAX    46

#define LINUX_SOCK_STREAM    1
#define LINUX_SOCK_DGRAM     2
#define LINUX_SOCK_RAW       3
#define LINUX_SOCK_RDM       4
#define LINUX_SOCK_SEQPACKET 5
#define LINUX_SOCK_DCCP      6
#define LINUX_SOCK_PACKET    10
#define LINUX_SOCK_TYPE_MASK 0xf
#define LINUX_SOCK_CLOEXEC   02000000   /* = O_CLOEXEC */
#define LINUX_SOCK_NONBLOCK  00004000   /* = O_NONBLOCK */

#define LINUX_IPPROTO_IP  0
#define LINUX_IPPROTO_TCP 6
#define LINUX_IPPROTO_UDP 17

#define LINUX_MSG_OOB          0x1
#define LINUX_MSG_PEEK         0x2
#define LINUX_MSG_DONTROUTE    0x4
#define LINUX_MSG_CTRUNC       0x8
#define LINUX_MSG_TRUNC        0x20
#define LINUX_MSG_DONTWAIT     0x40
#define LINUX_MSG_EOR          0x80
#define LINUX_MSG_WAITALL      0x100
#define LINUX_MSG_NOSIGNAL     0x4000
#define LINUX_MSG_MORE         0x8000
#define LINUX_MSG_WAITFORONE   0x10000
#define LINUX_MSG_CMSG_CLOEXEC 0x40000000

#define LINUX_SHUT_RD   0
#define LINUX_SHUT_WR   1
#define LINUX_SHUT_RDWR 2

#define LINUX_SOL_SOCKET 1
#define LINUX_SO_DEBUG       1
#define LINUX_SO_REUSEADDR   2
#define LINUX_SO_TYPE        3
#define LINUX_SO_ERROR       4
#define LINUX_SO_DONTROUTE   5
#define LINUX_SO_BROADCAST   6
#define LINUX_SO_SNDBUF      7
#define LINUX_SO_RCVBUF      8
#define LINUX_SO_KEEPALIVE   9
#define LINUX_SO_OOBINLINE   10
#define LINUX_SO_NO_CHECK    11
#define LINUX_SO_PRIORITY    12
#define LINUX_SO_LINGER      13
#define LINUX_SO_BSDCOMPAT   14
#define LINUX_SO_REUSEPORT   15
#define LINUX_SO_PASSCRED    16
#define LINUX_SO_PEERCRED    17
#define LINUX_SO_RCVLOWAT    18
#define LINUX_SO_SNDLOWAT    19
#define LINUX_SO_RCVTIMEO    20   /* SO_RCVTIMEO_OLD: struct timeval */
#define LINUX_SO_SNDTIMEO    21
#define LINUX_SO_ACCEPTCONN  30
#define LINUX_SO_SNDBUFFORCE 32
#define LINUX_SO_RCVBUFFORCE 33
#define LINUX_SO_PROTOCOL    38
#define LINUX_SO_DOMAIN      39

#define LINUX_SCM_RIGHTS      1
#define LINUX_SCM_CREDENTIALS 2

#define LINUX_SOMAXCONN 4096

struct linux_sockaddr {
	u16 sa_family;
	char sa_data[14];
};

/* Big enough for any address (struct sockaddr_storage). */
#define LINUX_SOCKADDR_MAX 128

#define LINUX_UNIX_PATH_MAX 108
struct linux_sockaddr_un {
	u16 sun_family;
	char sun_path[LINUX_UNIX_PATH_MAX];
};

struct linux_msghdr {
	void __user *msg_name;
	int msg_namelen;
	void __user *msg_iov;         /* struct iovec * */
	u64 msg_iovlen;
	void __user *msg_control;
	u64 msg_controllen;
	unsigned msg_flags;
};

struct linux_mmsghdr {
	struct linux_msghdr msg_hdr;
	unsigned msg_len;
};

struct linux_cmsghdr {
	u64 cmsg_len;                 /* header included, unpadded */
	int cmsg_level;
	int cmsg_type;
};
#define LINUX_CMSG_ALIGN(len) (((len) + 7) & ~(u64)7)
#define LINUX_CMSG_HDRLEN LINUX_CMSG_ALIGN(sizeof(struct linux_cmsghdr))
#define LINUX_CMSG_LEN(len) (LINUX_CMSG_HDRLEN + (len))
#define LINUX_CMSG_SPACE(len) (LINUX_CMSG_HDRLEN + LINUX_CMSG_ALIGN(len))

struct linux_ucred {
	s32 pid;
	u32 uid;
	u32 gid;
};

struct linux_timeval_sock {
	s64 tv_sec;
	s64 tv_usec;
};

struct linux_linger {
	int l_onoff;
	int l_linger;
};

#endif
