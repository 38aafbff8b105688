/*
 * Signals as the rest of the kernel sees them (kernel/proc/signal.c owns
 * the implementation and the rest of this header). Linux's numbers.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <kernel/types.h>

struct task;
struct pt_regs;

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31
#define SIGRTMIN 32
#define _NSIG 64

/* si_code values used by the kernel's own signals */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRERR 2
#define ILL_ILLOPN 2
#define FPE_INTDIV 1
#define TRAP_BRKPT 1

/* A fault in user mode: deliver sig to the current thread (it cannot be
 * blocked or ignored: if it is, the thread group dies with it, as on Linux). */
void force_sig_fault(int sig, int code, unsigned long addr);
/* Send sig from the kernel to a process group / one task (tty, pipes). */
int kill_pgrp(int pgrp, int sig);
int send_sig(int sig, struct task *t);
/* A signal is pending and unblocked: interruptible sleeps end with -ERESTARTSYS/-EINTR. */
bool signal_pending(struct task *t);
/* Deliver pending signals on the way back to user mode (may not return: exit). */
void signal_deliver(struct pt_regs *regs);

#endif
