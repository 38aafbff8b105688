/*
 * Linux's layouts and constants for epoll, eventfd, timerfd and signalfd
 * (include/uapi/linux/eventpoll.h, eventfd.h, timerfd.h, signalfd.h).
 */
#ifndef LINUXABI_UAPI_EPOLL_H
#define LINUXABI_UAPI_EPOLL_H

#include <kernel/types.h>

/* epoll_event: packed on x86_64 (12 bytes), as Linux's EPOLL_PACKED. */
struct linux_epoll_event {
	u32 events;
	u64 data;
} __attribute__((packed));

#define LINUX_EPOLL_CTL_ADD 1
#define LINUX_EPOLL_CTL_DEL 2
#define LINUX_EPOLL_CTL_MOD 3

#define LINUX_EPOLL_CLOEXEC 02000000

#define EPOLLIN        0x00000001u
#define EPOLLPRI       0x00000002u
#define EPOLLOUT       0x00000004u
#define EPOLLERR       0x00000008u
#define EPOLLHUP       0x00000010u
#define EPOLLNVAL      0x00000020u
#define EPOLLRDNORM    0x00000040u
#define EPOLLRDBAND    0x00000080u
#define EPOLLWRNORM    0x00000100u
#define EPOLLWRBAND    0x00000200u
#define EPOLLMSG       0x00000400u
#define EPOLLRDHUP     0x00002000u
#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP    (1u << 29)
#define EPOLLONESHOT   (1u << 30)
#define EPOLLET        (1u << 31)

/* eventfd2 flags */
#define LINUX_EFD_SEMAPHORE 1
#define LINUX_EFD_CLOEXEC   02000000
#define LINUX_EFD_NONBLOCK  04000

/* timerfd */
#define LINUX_TFD_CLOEXEC   02000000
#define LINUX_TFD_NONBLOCK  04000
#define LINUX_TFD_TIMER_ABSTIME 1
#define LINUX_TFD_TIMER_CANCEL_ON_SET 2

/* signalfd4 */
#define LINUX_SFD_CLOEXEC   02000000
#define LINUX_SFD_NONBLOCK  04000

struct linux_signalfd_siginfo {
	u32 ssi_signo;
	s32 ssi_errno;
	s32 ssi_code;
	u32 ssi_pid;
	u32 ssi_uid;
	s32 ssi_fd;
	u32 ssi_tid;
	u32 ssi_band;
	u32 ssi_overrun;
	u32 ssi_trapno;
	s32 ssi_status;
	s32 ssi_int;
	u64 ssi_ptr;
	u64 ssi_utime;
	u64 ssi_stime;
	u64 ssi_addr;
	u16 ssi_addr_lsb;
	u16 __pad2;
	s32 ssi_syscall;
	u64 ssi_call_addr;
	u32 ssi_arch;
	u8 __pad[28];
};
_Static_assert(sizeof(struct linux_signalfd_siginfo) == 128, "signalfd_siginfo is 128 bytes");
_Static_assert(sizeof(struct linux_epoll_event) == 12, "epoll_event is 12 bytes");

#endif
