/*
 * Linux's x86_64 signal ABI: struct sigaction as the rt_sigaction syscall
 * takes it (not the C library's), stack_t, siginfo_t, and the signal frame
 * the kernel builds on the user stack (struct rt_sigframe: the restorer
 * address, a ucontext with the sigcontext register layout, the siginfo,
 * then the FPU/XSAVE image that sigcontext.fpstate points at). glibc's
 * and musl's restorers and their ucontext_t readers depend on every
 * offset here; kernel/proc/signal.c builds and reads these.
 *
 * The constants (SA_*, SIG_BLOCK, SS_*, si_code values) are in
 * kernel/include/kernel/signal.h: the kernel uses Linux's values as its own.
 */
#ifndef LINUXABI_UAPI_SIGNAL_H
#define LINUXABI_UAPI_SIGNAL_H

#include <kernel/types.h>

/* rt_sigaction's struct (include/uapi/asm-generic/signal.h order on x86_64). */
struct linux_sigaction {
	u64 handler;             /* SIG_DFL 0, SIG_IGN 1, or a function */
	u64 flags;
	u64 restorer;
	u64 mask;                /* sigset_t: one word with _NSIG 64 */
};

struct linux_stack {             /* stack_t */
	u64 ss_sp;
	int ss_flags;
	int __pad;
	u64 ss_size;
};

union linux_sigval {
	int sival_int;
	u64 sival_ptr;
};

/* siginfo_t: 128 bytes; the union starts at offset 16. */
struct linux_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int __pad0;
	union {
		int _pad[28];
		struct {                 /* SI_USER, SI_TKILL, kill() */
			int pid;
			u32 uid;
		} kill;
		struct {                 /* POSIX timers */
			int tid;
			int overrun;
			union linux_sigval sigval;
			int sys_private;
		} timer;
		struct {                 /* SI_QUEUE, sigqueue() */
			int pid;
			u32 uid;
			union linux_sigval sigval;
		} rt;
		struct {                 /* SIGCHLD */
			int pid;
			u32 uid;
			int status;
			int __pad;
			long utime;      /* clock ticks */
			long stime;
		} chld;
		struct {                 /* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
			u64 addr;
			short addr_lsb;
		} fault;
		struct {                 /* SIGPOLL */
			long band;
			int fd;
		} poll;
		struct {                 /* SIGSYS */
			u64 call_addr;
			int syscall;
			u32 arch;
		} sys;
	} f;
};

/* struct sigcontext (arch/x86/include/uapi/asm/sigcontext.h, 64-bit). */
struct linux_sigcontext {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip;
	u64 eflags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;             /* user address of the FXSAVE/XSAVE image, 0: none */
	u64 reserved1[8];
};

struct linux_ucontext {
	u64 uc_flags;            /* UC_* */
	u64 uc_link;
	struct linux_stack uc_stack;
	struct linux_sigcontext uc_mcontext;
	u64 uc_sigmask;
};

#define UC_FP_XSTATE         0x1
#define UC_SIGCONTEXT_SS     0x2
#define UC_STRICT_RESTORE_SS 0x4

/* The frame at the handler's rsp: "ret" from the handler pops pretcode. */
struct linux_rt_sigframe {
	u64 pretcode;            /* sa_restorer, which calls rt_sigreturn */
	struct linux_ucontext uc;
	struct linux_siginfo info;
	/* the FPU image follows, 64-byte aligned, below or above as room allows */
};

/* In the FXSAVE image's software-reserved bytes (offset 464): tells user
 * space (and sigreturn) that an XSAVE image follows the legacy area. */
struct linux_fpx_sw_bytes {
	u32 magic1;              /* FP_XSTATE_MAGIC1 */
	u32 extended_size;       /* xstate_size + FP_XSTATE_MAGIC2_SIZE */
	u64 xfeatures;           /* XCR0 components present */
	u32 xstate_size;         /* bytes of the XSAVE image */
	u32 padding[7];
};

#define FP_XSTATE_MAGIC1 0x46505853U
#define FP_XSTATE_MAGIC2 0x46505845U
#define FP_XSTATE_MAGIC2_SIZE 4
#define FP_SW_BYTES_OFFSET 464

_Static_assert(sizeof(struct linux_siginfo) == 128, "siginfo_t is 128 bytes");
_Static_assert(__builtin_offsetof(struct linux_siginfo, f) == 16, "siginfo union at 16");
_Static_assert(__builtin_offsetof(struct linux_siginfo, f.chld.utime) == 32, "si_utime");
_Static_assert(sizeof(struct linux_sigcontext) == 256, "sigcontext is 256 bytes");
_Static_assert(sizeof(struct linux_ucontext) == 304, "ucontext is 304 bytes");
_Static_assert(__builtin_offsetof(struct linux_ucontext, uc_mcontext) == 40, "uc_mcontext at 40");
_Static_assert(__builtin_offsetof(struct linux_rt_sigframe, info) == 312, "frame info at 312");
_Static_assert(sizeof(struct linux_fpx_sw_bytes) == 48, "fpx_sw_bytes");

#endif
