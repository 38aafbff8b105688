/*
 * sig_transcript01: a transcript of what a program observes about
 * signals, compared byte for byte with the one the host Linux gave
 * (transcripts/sig_transcript01.log, embedded at build time; `make -C
 * tests/ltp-subset transcripts` rewrites it from the host).
 *
 * The program (this one, run as `--child-transcript` with its output in a
 * pipe) logs one line per observation: signal numbers, si_code, si_status,
 * si_value, errno values, raw wait statuses, masks, the sigaltstack and
 * uc_stack fields, the trap fields of fault frames, the order of nested
 * deliveries, the layout of the signal frame (siginfo's offset from the
 * ucontext). Nothing in it depends on pids, addresses or timing: pids are
 * logged as "self"/"child"/"other", addresses as offsets from a known
 * base, and every wait is for a state, not for a time.
 */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>

#include "harness.h"

#ifdef T_GOLDEN
__asm__(".section .rodata\n"
	".globl t_golden\n"
	"t_golden:\n"
	".incbin \"" T_GOLDEN "\"\n"
	".byte 0\n"
	".previous\n");
extern const char t_golden[];
#endif

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif

static void L(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void L(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	write(1, buf, n);
}

static pid_t self_pid, child_pid;

static const char *who(pid_t p)
{
	return p == 0 ? "0" : p == self_pid ? "self" : p == child_pid ? "child" : "other";
}

static const char *en(int e)
{
	return e ? t_errname(e) : "0";
}

/* The standard signals (1-31) of a set, as a hex mask. */
static unsigned long low(const sigset_t *s)
{
	unsigned long m = 0;

	for (int i = 1; i < 32; i++)
		if (sigismember(s, i))
			m |= 1UL << i;
	return m;
}

static unsigned long blocked_now(void)
{
	sigset_t s;

	sigprocmask(SIG_BLOCK, NULL, &s);
	return low(&s);
}

/* ---- handlers ---- */

static volatile int seq[64], nseq;
static volatile unsigned long fault_ip, resume_ip, page_base;
static char *alt;
#define ALT_SZ (128 * 1024)

static void info_handler(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;

	L("  handler sig=%d signo=%d code=%d pid=%s uid=%d value=%d errno_field=%d blocked=%#lx",
	  sig, si->si_signo, si->si_code, who(si->si_pid), (int)si->si_uid,
	  si->si_code == SI_QUEUE || si->si_code < -10 ? si->si_value.sival_int : 0, si->si_errno,
	  blocked_now());
	L("  frame: uc_flags=%#lx si-uc=%ld csgsfs=%#llx uc_sigmask=%#lx uc_stack.flags=%#x",
	  uc->uc_flags, (long)((char *)si - (char *)uc),
	  (unsigned long long)uc->uc_mcontext.gregs[REG_CSGSFS], low(&uc->uc_sigmask),
	  (unsigned)uc->uc_stack.ss_flags);
}

static void seq_handler(int sig, siginfo_t *si, void *ucp)
{
	if (nseq < 64)
		seq[nseq++] = sig * 100 + (si->si_code == SI_QUEUE ? si->si_value.sival_int : 0);
}

static void fault_handler(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;
	unsigned long a = (unsigned long)si->si_addr;
	char where[64];

	if (a >= fault_ip && a < fault_ip + 16)
		snprintf(where, sizeof(where), "ip+%lu", a - fault_ip);
	else if (page_base && a >= page_base && a < page_base + 65536)
		snprintf(where, sizeof(where), "base+%#lx", a - page_base);
	else
		snprintf(where, sizeof(where), "%#lx", a);
	L("  fault sig=%d code=%d addr=%s trapno=%lld err=%#llx cr2_is_addr=%d rip_is=%s", sig,
	  si->si_code, where, (long long)uc->uc_mcontext.gregs[REG_TRAPNO],
	  sig == SIGSEGV && si->si_code == SI_KERNEL ? 0ULL :
	  (unsigned long long)uc->uc_mcontext.gregs[REG_ERR],
	  (unsigned long)uc->uc_mcontext.gregs[REG_CR2] == a,
	  (unsigned long)uc->uc_mcontext.gregs[REG_RIP] == fault_ip ? "fault" :
	  (unsigned long)uc->uc_mcontext.gregs[REG_RIP] == resume_ip ? "next" : "other");
	uc->uc_mcontext.gregs[REG_RIP] = resume_ip;
}

static volatile int depth;

static void alt_handler(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;
	stack_t o;
	char local;

	depth++;
	sigaltstack(NULL, &o);
	L("  alt handler sig=%d depth=%d on_alt=%d query.flags=%#x query.size=%zu uc_stack.flags=%#x "
	  "uc_stack.size=%zu",
	  sig, depth, &local >= alt && &local < alt + ALT_SZ, (unsigned)o.ss_flags, o.ss_size,
	  (unsigned)uc->uc_stack.ss_flags, uc->uc_stack.ss_size);
	if (sig == SIGUSR1)
		raise(SIGUSR2);
	depth--;
}

/* ---- sections ---- */

static void set_action(int sig, void *fn, int flags)
{
	struct sigaction sa = { .sa_flags = flags };

	if (flags & SA_SIGINFO)
		sa.sa_sigaction = fn;
	else
		sa.sa_handler = fn;
	if (sigaction(sig, &sa, NULL))
		L("sigaction(%d) failed: %s", sig, en(errno));
}

static void section_errors(void)
{
	struct sigaction sa = { .sa_handler = SIG_IGN };
	sigset_t s;
	siginfo_t si;
	stack_t ss = { .ss_size = 100 };
	int r;

	L("== errors");
	r = sigaction(SIGKILL, &sa, NULL);
	L("sigaction(SIGKILL, SIG_IGN) = %d %s", r, en(r ? errno : 0));
	r = sigaction(SIGSTOP, &sa, NULL);
	L("sigaction(SIGSTOP, SIG_IGN) = %d %s", r, en(r ? errno : 0));
	r = syscall(SYS_rt_sigaction, 65, NULL, NULL, 8);
	L("rt_sigaction(65) = %d %s", r, en(r ? errno : 0));
	r = syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 4);
	L("rt_sigaction(sigsetsize 4) = %d %s", r, en(r ? errno : 0));
	r = syscall(SYS_rt_sigprocmask, 7, NULL, NULL, 8);
	L("rt_sigprocmask(how 7, NULL) = %d %s", r, en(r ? errno : 0));
	sigemptyset(&s);
	r = syscall(SYS_rt_sigprocmask, 7, &s, NULL, 8);
	L("rt_sigprocmask(how 7, set) = %d %s", r, en(r ? errno : 0));
	r = kill(getpid(), 65);
	L("kill(self, 65) = %d %s", r, en(r ? errno : 0));
	r = kill(0x3ffffff0, 0);
	L("kill(unused pid, 0) = %d %s", r, en(r ? errno : 0));
	r = syscall(SYS_tgkill, getpid(), 0x3ffffff0, SIGUSR1);
	L("tgkill(self, unused tid) = %d %s", r, en(r ? errno : 0));
	r = syscall(SYS_tgkill, 0, getpid(), SIGUSR1);
	L("tgkill(0, self) = %d %s", r, en(r ? errno : 0));
	memset(&si, 0, sizeof(si));
	si.si_code = SI_USER;
	r = syscall(SYS_rt_sigqueueinfo, getppid(), SIGUSR1, &si);
	L("rt_sigqueueinfo(parent, SI_USER) = %d %s", r, en(r ? errno : 0));
	r = sigaltstack(&ss, NULL);
	L("sigaltstack(size 100) = %d %s", r, en(r ? errno : 0));
	ss.ss_flags = 99;
	ss.ss_size = 65536;
	r = sigaltstack(&ss, NULL);
	L("sigaltstack(flags 99) = %d %s", r, en(r ? errno : 0));
	r = syscall(SYS_rt_sigtimedwait, &s, NULL, &(struct timespec){ 0, -1 }, 8);
	L("rt_sigtimedwait(bad timeout) = %d %s", r, en(r ? errno : 0));
	r = syscall(SYS_rt_sigpending, &s, 16);
	L("rt_sigpending(sigsetsize 16) = %d %s", r, en(r ? errno : 0));
}

static void section_info(void)
{
	union sigval v = { .sival_int = 77 };
	siginfo_t si;
	sigset_t s;

	L("== siginfo to self");
	set_action(SIGUSR1, info_handler, SA_SIGINFO);
	set_action(40, info_handler, SA_SIGINFO);
	L("kill:");
	kill(getpid(), SIGUSR1);
	L("tgkill:");
	syscall(SYS_tgkill, getpid(), getpid(), SIGUSR1);
	L("sigqueue:");
	sigqueue(getpid(), 40, v);
	L("rt_sigqueueinfo code -60:");
	memset(&si, 0, sizeof(si));
	si.si_code = -60;
	si.si_value.sival_int = 5;
	si.si_errno = 3;
	syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &si);
	L("sa_mask and SA_NODEFER:");
	{
		struct sigaction sa = { .sa_sigaction = info_handler, .sa_flags = SA_SIGINFO | SA_NODEFER };

		sigemptyset(&sa.sa_mask);
		sigaddset(&sa.sa_mask, SIGHUP);
		sigaddset(&sa.sa_mask, SIGKILL);   /* silently dropped */
		sigaction(SIGUSR1, &sa, NULL);
		kill(getpid(), SIGUSR1);
		sigaction(SIGUSR1, NULL, &sa);
		L("sa_mask read back: %#lx flags&NODEFER|SIGINFO|RESTART|ONSTACK|RESETHAND: %#x", low(&sa.sa_mask),
		  (unsigned)(sa.sa_flags & (SA_NODEFER | SA_SIGINFO | SA_RESTART | SA_ONSTACK | SA_RESETHAND)));
	}
	L("pending while blocked:");
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGHUP);
	sigprocmask(SIG_BLOCK, &s, NULL);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGHUP);
	kill(getpid(), SIGWINCH);   /* default ignore, not blocked: dropped */
	sigpending(&s);
	L("sigpending: %#lx", low(&s));
	set_action(SIGHUP, SIG_IGN, 0);   /* discards the pending SIGHUP */
	sigpending(&s);
	L("after SIG_IGN of SIGHUP: %#lx", low(&s));
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGHUP);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	set_action(SIGHUP, SIG_DFL, 0);
}

static const int rt_sends[][2] = { { 50, 1 }, { 40, 2 }, { 41, 3 }, { 40, 4 }, { 50, 5 }, { 41, 6 } };

static void queue_all(void)
{
	for (unsigned i = 0; i < sizeof(rt_sends) / sizeof(rt_sends[0]); i++) {
		union sigval v = { .sival_int = rt_sends[i][1] };

		sigqueue(getpid(), rt_sends[i][0], v);
		if (i == 2) {
			kill(getpid(), SIGUSR2);
			kill(getpid(), SIGUSR1);
			kill(getpid(), SIGUSR2);
		}
	}
}

static void section_order(void)
{
	static const int sigs[] = { SIGUSR1, SIGUSR2, 40, 41, 50 };
	struct sigaction sa = { .sa_sigaction = seq_handler, .sa_flags = SA_SIGINFO };
	sigset_t all, old;
	char line[400];
	int n;

	L("== delivery order");
	sigemptyset(&all);
	for (int i = 0; i < 5; i++)
		sigaddset(&all, sigs[i]);
	for (int pass = 0; pass < 2; pass++) {
		sa.sa_mask = all;
		if (pass)
			sigemptyset(&sa.sa_mask);
		for (int i = 0; i < 5; i++)
			sigaction(sigs[i], &sa, NULL);
		nseq = 0;
		sigprocmask(SIG_BLOCK, &all, &old);
		queue_all();
		sigprocmask(SIG_SETMASK, &old, NULL);
		n = snprintf(line, sizeof(line), "%s:", pass ? "nested" : "one at a time");
		for (int i = 0; i < nseq; i++)
			n += snprintf(line + n, sizeof(line) - n, " %d/%d", seq[i] / 100, seq[i] % 100);
		L("%s", line);
	}
	L("sigwaitinfo order:");
	sigprocmask(SIG_BLOCK, &all, &old);
	queue_all();
	for (;;) {
		siginfo_t si;
		struct timespec z = { 0, 0 };
		int s = sigtimedwait(&all, &si, &z);

		if (s < 0) {
			L("  then %s", en(errno));
			break;
		}
		L("  %d code=%d value=%d", s, si.si_code, si.si_code == SI_QUEUE ? si.si_value.sival_int : 0);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	for (int i = 0; i < 5; i++)
		set_action(sigs[i], SIG_DFL, 0);
}

#define FAULT(insn, a)                                                             \
	__asm__ volatile("leaq 1f(%%rip), %%rax\n\tmovq %%rax, %0\n\t"            \
			 "leaq 2f(%%rip), %%rax\n\tmovq %%rax, %1\n\t"             \
			 "1: " insn "\n2:\n"                                       \
			 : "=m"(fault_ip), "=m"(resume_ip)                         \
			 : "r"(a)                                                  \
			 : "rax", "rdx", "memory", "cc")

static void section_faults(void)
{
	long pg = t_page();
	char *m;
	int fd;

	L("== faults");
	set_action(SIGSEGV, fault_handler, SA_SIGINFO);
	set_action(SIGBUS, fault_handler, SA_SIGINFO);
	set_action(SIGFPE, fault_handler, SA_SIGINFO);
	set_action(SIGILL, fault_handler, SA_SIGINFO);
	set_action(SIGTRAP, fault_handler, SA_SIGINFO);
	m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	page_base = (unsigned long)m;
	m[0] = (char)0xc3;
	munmap(m + pg, pg);
	mprotect(m + 2 * pg, pg, PROT_READ);
	mprotect(m + 3 * pg, pg, PROT_NONE);
	L("read unmapped:");
	FAULT("movb (%2), %%al", m + pg + 1);
	L("write unmapped:");
	FAULT("movb %%al, (%2)", m + pg + 2);
	L("write read-only:");
	FAULT("movb %%al, (%2)", m + 2 * pg + 3);
	L("read PROT_NONE:");
	FAULT("movb (%2), %%al", m + 3 * pg + 4);
	L("jump to no-exec:");
	FAULT("jmp *%2", m);
	L("null:");
	FAULT("movq (%2), %%rax", (char *)0);
	L("non-canonical:");
	FAULT("movq (%2), %%rax", (char *)0x8000000000000000UL);
	L("hlt:");
	FAULT("hlt", (char *)0);
	L("ud2:");
	FAULT("ud2", (char *)0);
	L("int3:");
	FAULT("int3", (char *)0);
	L("divide by zero:");
	FAULT("xorl %%edx, %%edx\n\tmovl $1, %%eax\n\tidivl %%edx", (char *)0);
	fd = open("tf", O_RDWR | O_CREAT | O_TRUNC, 0600);
	write(fd, "x", 1);
	m = mmap(NULL, 2 * pg, PROT_READ, MAP_SHARED, fd, 0);
	page_base = (unsigned long)m;
	L("past the end of a file:");
	FAULT("movb (%2), %%al", m + pg + 5);
	close(fd);
	unlink("tf");
	L("blocked SIGSEGV from a fault kills (child):");
	child_pid = fork();
	if (!child_pid) {
		sigset_t s;

		sigemptyset(&s);
		sigaddset(&s, SIGSEGV);
		sigprocmask(SIG_BLOCK, &s, NULL);
		*(volatile char *)8 = 1;
		_exit(0);
	}
	{
		int st;

		waitpid(child_pid, &st, 0);
		L("  status %#x", st);
	}
	for (int s = 1; s < 32; s++)
		if (s != SIGKILL && s != SIGSTOP)
			set_action(s, SIG_DFL, 0);
}

/* raw: musl's sigaltstack() refuses SS_ONSTACK, which Linux accepts */
static int raw_sigaltstack(const stack_t *ss, stack_t *old)
{
	return syscall(SYS_sigaltstack, ss, old);
}

static void section_altstack(void)
{
	stack_t ss = { 0 }, o;

	L("== alternate stack");
	alt = mmap(NULL, ALT_SZ, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	raw_sigaltstack(NULL, &o);
	L("initial: flags=%#x size=%zu", (unsigned)o.ss_flags, o.ss_size);
	set_action(SIGUSR1, alt_handler, SA_SIGINFO | SA_ONSTACK);
	set_action(SIGUSR2, alt_handler, SA_SIGINFO | SA_ONSTACK);
	L("no stack set:");
	raise(SIGUSR1);
	for (int mode = 0; mode < 3; mode++) {
		unsigned flags = (unsigned[]){ 0, SS_ONSTACK, SS_AUTODISARM }[mode];

		ss.ss_sp = alt;
		ss.ss_size = ALT_SZ;
		ss.ss_flags = flags;
		L("set with flags %#x: %d", flags, raw_sigaltstack(&ss, NULL));
		raw_sigaltstack(NULL, &o);
		L("query: flags=%#x size=%zu", (unsigned)o.ss_flags, o.ss_size);
		raise(SIGUSR1);
		raw_sigaltstack(NULL, &o);
		L("after: flags=%#x size=%zu", (unsigned)o.ss_flags, o.ss_size);
	}
	ss.ss_flags = SS_DISABLE;
	L("disable: %d", raw_sigaltstack(&ss, NULL));
	raw_sigaltstack(NULL, &o);
	L("query: flags=%#x size=%zu", (unsigned)o.ss_flags, o.ss_size);
	raise(SIGUSR1);
	set_action(SIGUSR1, SIG_DFL, 0);
	set_action(SIGUSR2, SIG_DFL, 0);
}

/* waitid(WNOWAIT) then waitpid for the same state change: both views. */
static int wait_both(int flags, int *st)
{
	siginfo_t si;
	int r;

	memset(&si, 0, sizeof(si));
	r = waitid(P_PID, child_pid, &si, flags | WNOWAIT);
	if (r < 0 || si.si_pid == 0)
		return r < 0 ? r : 0;
	L("  waitid: signo=%d code=%d status=%d pid=%s uid=%d", si.si_signo, si.si_code, si.si_status,
	  who(si.si_pid), (int)si.si_uid);
	r = waitpid(child_pid, st, (flags & WSTOPPED ? WUNTRACED : 0) | (flags & WCONTINUED) |
		    (flags & WNOHANG));
	L("  status %#x", *st);
	return r;
}

static void section_wait(void)
{
	struct rlimit zero = { 0, 0 };

	L("== wait statuses (core limit 0)");
	setrlimit(RLIMIT_CORE, &zero);
	for (int sig = 1; sig <= 64; sig++) {
		int p[2], st, r;
		char c;

		if (sig >= 32 && sig < 35)
			continue;
		if (sig > 35 && sig < 64 && sig != 40)
			continue;
		pipe(p);
		child_pid = fork();
		if (!child_pid) {
			close(p[0]);
			write(p[1], "r", 1);
			for (;;)
				pause();
		}
		close(p[1]);
		read(p[0], &c, 1);
		close(p[0]);
		L("signal %d:", sig);
		kill(child_pid, sig);
		if (sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH) {
			/* ignored by default: nothing may happen */
			r = 0;
			for (int i = 0; i < 10 && r == 0; i++) {
				poll(NULL, 0, 5);
				r = wait_both(WEXITED | WSTOPPED | WCONTINUED | WNOHANG, &st);
			}
			if (!r) {
				L("  still running");
				kill(child_pid, SIGTERM);
				wait_both(WEXITED, &st);
			}
			continue;
		}
		wait_both(WEXITED | WSTOPPED, &st);
		if (WIFSTOPPED(st)) {
			kill(child_pid, SIGCONT);
			wait_both(WCONTINUED, &st);
			kill(child_pid, SIGKILL);
			wait_both(WEXITED, &st);
		}
	}
	L("exit 3, SIGCHLD taken with sigwaitinfo:");
	{
		sigset_t s;
		siginfo_t si;
		int st;

		sigemptyset(&s);
		sigaddset(&s, SIGCHLD);
		sigprocmask(SIG_BLOCK, &s, NULL);
		child_pid = fork();
		if (!child_pid)
			_exit(3);
		memset(&si, 0, sizeof(si));
		sigwaitinfo(&s, &si);
		L("  SIGCHLD: signo=%d code=%d status=%d pid=%s uid=%d", si.si_signo, si.si_code,
		  si.si_status, who(si.si_pid), (int)si.si_uid);
		wait_both(WEXITED, &st);
		sigprocmask(SIG_UNBLOCK, &s, NULL);
	}
}

static void on_alarm(int sig)
{
}

static void section_restart(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 100000 } };
	struct timespec ts = { 5, 0 }, rem;
	int p[2], r;
	char c;

	L("== interrupted calls (SIGALRM handler, SA_RESTART)");
	set_action(SIGALRM, on_alarm, SA_RESTART);
	setitimer(ITIMER_REAL, &it, NULL);
	r = nanosleep(&ts, &rem);
	L("nanosleep: %d %s rem<5s=%d", r, en(r ? errno : 0), rem.tv_sec < 5);
	setitimer(ITIMER_REAL, &it, NULL);
	r = poll(NULL, 0, 5000);
	L("poll: %d %s", r, en(r < 0 ? errno : 0));
	setitimer(ITIMER_REAL, &it, NULL);
	r = syscall(SYS_pause);
	L("pause: %d %s", r, en(r < 0 ? errno : 0));
	pipe(p);
	child_pid = fork();
	if (!child_pid) {
		struct timespec t = { 0, 400000000 };

		nanosleep(&t, NULL);
		write(p[1], "x", 1);
		_exit(0);
	}
	setitimer(ITIMER_REAL, &it, NULL);
	r = read(p[0], &c, 1);
	L("pipe read with SA_RESTART: %d %s", r, en(r < 0 ? errno : 0));
	waitpid(child_pid, NULL, 0);
	set_action(SIGALRM, on_alarm, 0);
	setitimer(ITIMER_REAL, &it, NULL);
	r = read(p[0], &c, 1);
	L("pipe read without: %d %s", r, en(r < 0 ? errno : 0));
	close(p[0]);
	close(p[1]);
	set_action(SIGALRM, SIG_DFL, 0);
}

static volatile int thread_hit[3];
static volatile pid_t thread_tid[3];

static void thread_handler(int sig)
{
	pid_t t = syscall(SYS_gettid);

	for (int i = 0; i < 3; i++)
		if (thread_tid[i] == t)
			thread_hit[i]++;
}

static volatile int threads_stop;

static void *thr(void *arg)
{
	int i = (int)(long)arg;
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	pthread_sigmask(i == 2 ? SIG_UNBLOCK : SIG_BLOCK, &s, NULL);
	thread_tid[i] = syscall(SYS_gettid);
	while (!threads_stop)
		poll(NULL, 0, 5);
	return NULL;
}

static void section_threads(void)
{
	pthread_t th[3];
	sigset_t s;

	L("== threads");
	set_action(SIGUSR1, thread_handler, 0);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &s, NULL);
	thread_tid[0] = syscall(SYS_gettid);
	for (int i = 1; i < 3; i++) {
		pthread_create(&th[i], NULL, thr, (void *)(long)i);
		while (!thread_tid[i])
			poll(NULL, 0, 1);
	}
	kill(getpid(), SIGUSR1);
	while (!thread_hit[2])
		poll(NULL, 0, 1);
	L("kill: handled by threads %d %d %d", thread_hit[0], thread_hit[1], thread_hit[2]);
	syscall(SYS_tgkill, getpid(), thread_tid[1], SIGUSR1);
	poll(NULL, 0, 50);
	L("tgkill to a blocking thread: %d %d %d", thread_hit[0], thread_hit[1], thread_hit[2]);
	sigpending(&s);
	L("main's sigpending: %#lx", low(&s));
	threads_stop = 1;
	for (int i = 1; i < 3; i++)
		pthread_join(th[i], NULL);
	sigpending(&s);
	L("after the threads exit: %#lx", low(&s));
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &s, NULL);
	set_action(SIGUSR1, SIG_DFL, 0);
}


static volatile int mask_seen_n;

static void mask_handler(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;

	L("  handler sig=%d code=%d blocked=%#lx uc_sigmask=%#lx", sig, si->si_code, blocked_now(),
	  low(&uc->uc_sigmask));
	mask_seen_n++;
}

static void log_waited(const char *what, int sig, int code_filter)
{
	sigset_t s;
	siginfo_t si;
	struct timespec t = { 5, 0 };
	int r;

	sigemptyset(&s);
	sigaddset(&s, sig);
	memset(&si, 0, sizeof(si));
	r = sigtimedwait(&s, &si, &t);
	L("%s: sig=%d code=%d pid=%s uid=%d overrun_or_status=%d value=%d", what, r, si.si_code,
	  who(si.si_pid), (int)si.si_uid,
	  si.si_code == SI_TIMER ? si.si_overrun : si.si_signo == SIGCHLD ? si.si_status : 0,
	  si.si_code == SI_TIMER ? si.si_value.sival_int : 0);
	(void)code_filter;
}

static void *stop_thread(void *arg)
{
	for (;;)
		pause();
	return NULL;
}

static void section_misc(void)
{
	struct sigaction sa = { .sa_sigaction = mask_handler, .sa_flags = SA_SIGINFO };
	sigset_t s, old, m;
	int p[2], r, st;

	L("== kernel-sent signals (blocked, taken with sigtimedwait)");
	sigemptyset(&s);
	sigaddset(&s, SIGPIPE);
	sigaddset(&s, SIGXFSZ);
	sigaddset(&s, SIGALRM);
	sigaddset(&s, SIGCHLD);
	sigaddset(&s, 45);
	sigprocmask(SIG_BLOCK, &s, &old);
	pipe(p);
	close(p[0]);
	r = write(p[1], "x", 1);
	L("write to a pipe without readers: %d %s", r, en(r < 0 ? errno : 0));
	close(p[1]);
	log_waited("SIGPIPE", SIGPIPE, 0);
	{
		/* in a child: our stdout may be a file, which the limit would hit */
		struct { int r1, r2, e2, sig, code, pid_is_self, uid, t1, te1, t2, te2, sig2; } res;
		int q[2];

		memset(&res, 0, sizeof(res));
		pipe(q);
		child_pid = fork();
		if (!child_pid) {
			struct rlimit fs = { 10, 10 };
			struct timespec t = { 5, 0 };
			int fd = open("big", O_WRONLY | O_CREAT | O_TRUNC, 0600);
			siginfo_t si;
			sigset_t x;

			setrlimit(RLIMIT_FSIZE, &fs);
			res.r1 = write(fd, "0123456789abcdef", 16);
			res.r2 = write(fd, "x", 1);
			res.e2 = errno;
			sigemptyset(&x);
			sigaddset(&x, SIGXFSZ);
			memset(&si, 0, sizeof(si));
			res.sig = sigtimedwait(&x, &si, &t);
			res.code = si.si_code;
			res.pid_is_self = si.si_pid == getpid();
			res.uid = si.si_uid;
			res.t1 = ftruncate(fd, 100);
			res.te1 = errno;
			res.t2 = ftruncate(fd, 5);
			res.te2 = errno;
			res.sig2 = sigtimedwait(&x, &si, &t);
			write(q[1], &res, sizeof(res));
			_exit(0);
		}
		close(q[1]);
		read(q[0], &res, sizeof(res));
		close(q[0]);
		waitpid(child_pid, &st, 0);
		unlink("big");
		L("write across RLIMIT_FSIZE: %d; at it: %d %s", res.r1, res.r2, en(res.r2 < 0 ? res.e2 : 0));
		L("SIGXFSZ: sig=%d code=%d from itself=%d uid=%d", res.sig, res.code, res.pid_is_self, res.uid);
		L("ftruncate past it: %d %s; below it: %d %s; SIGXFSZ again: %d", res.t1,
		  en(res.t1 < 0 ? res.te1 : 0), res.t2, en(res.t2 < 0 ? res.te2 : 0), res.sig2);
	}
	setitimer(ITIMER_REAL, &(struct itimerval){ { 0, 0 }, { 0, 50000 } }, NULL);
	log_waited("setitimer SIGALRM", SIGALRM, 0);
	{
		struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = 45 };
		struct itimerspec its = { { 0, 0 }, { 0, 50000000 } };
		timer_t tid;

		ev.sigev_value.sival_int = 123;
		if (timer_create(CLOCK_MONOTONIC, &ev, &tid) == 0) {
			timer_settime(tid, 0, &its, NULL);
			log_waited("timer signal", 45, 0);
			timer_delete(tid);
		}
	}
	child_pid = fork();
	if (!child_pid)
		_exit(9);
	log_waited("SIGCHLD of an exit", SIGCHLD, 0);
	r = kill(child_pid, SIGKILL);
	L("kill of a zombie: %d %s", r, en(r < 0 ? errno : 0));
	waitpid(child_pid, &st, 0);
	r = kill(child_pid, 0);
	L("kill of a reaped child: %d %s", r, en(r < 0 ? errno : 0));
	sigprocmask(SIG_SETMASK, &old, NULL);

	L("== masks in handlers");
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGHUP);
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGUSR2);
	sigprocmask(SIG_BLOCK, &s, &old);
	kill(getpid(), SIGUSR1);
	sigemptyset(&m);
	sigaddset(&m, SIGTERM);
	L("sigsuspend:");
	r = sigsuspend(&m);
	L("  returns %d %s, blocked after: %#lx", r, en(errno), blocked_now());
	kill(getpid(), SIGUSR1);
	L("ppoll with a mask:");
	r = ppoll(NULL, 0, NULL, &m);
	L("  returns %d %s, blocked after: %#lx", r, en(errno), blocked_now());
	kill(getpid(), SIGUSR1);
	L("pselect with a mask:");
	r = pselect(0, NULL, NULL, NULL, NULL, &m);
	L("  returns %d %s, blocked after: %#lx", r, en(errno), blocked_now());
	sigprocmask(SIG_SETMASK, &old, NULL);
	set_action(SIGUSR1, SIG_DFL, 0);

	L("== raw rt_sigaction flags");
	{
		struct { void *h; unsigned long flags; void *restorer; unsigned long mask; } k, o;

		memset(&k, 0, sizeof(k));
		k.h = (void *)mask_handler;
		k.flags = SA_SIGINFO | 0x400 | 0x800 | 0x00100000 | SA_ONSTACK | SA_RESETHAND;
		k.mask = (1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1)) | (1UL << (SIGHUP - 1));
		r = syscall(SYS_rt_sigaction, SIGUSR2, &k, NULL, 8);
		memset(&o, 0, sizeof(o));
		syscall(SYS_rt_sigaction, SIGUSR2, NULL, &o, 8);
		L("set %d: flags read back %#lx mask %#lx", r, o.flags, o.mask);
		k.h = SIG_DFL;
		k.flags = 0;
		syscall(SYS_rt_sigaction, SIGUSR2, &k, NULL, 8);
	}

	L("== SIGCHLD flags");
	{
		struct sigaction c = { .sa_handler = SIG_IGN };
		pid_t pid;

		sigaction(SIGCHLD, &c, NULL);
		pid = fork();
		if (!pid)
			_exit(1);
		r = waitpid(pid, &st, 0);
		L("SIGCHLD SIG_IGN: waitpid %s %s", r == pid ? "child" : "-1", en(r < 0 ? errno : 0));
		c.sa_handler = SIG_DFL;
		c.sa_flags = SA_NOCLDWAIT;
		sigaction(SIGCHLD, &c, NULL);
		pid = fork();
		if (!pid)
			_exit(1);
		r = waitpid(pid, &st, 0);
		L("SA_NOCLDWAIT: waitpid %s %s", r == pid ? "child" : "-1", en(r < 0 ? errno : 0));
		c.sa_flags = 0;
		sigaction(SIGCHLD, &c, NULL);
	}

	L("== group stop of a threaded child");
	child_pid = fork();
	if (!child_pid) {
		pthread_t th;

		pthread_create(&th, NULL, stop_thread, NULL);
		pthread_create(&th, NULL, stop_thread, NULL);
		for (;;)
			pause();
	}
	poll(NULL, 0, 50);
	kill(child_pid, SIGSTOP);
	wait_both(WSTOPPED, &st);
	kill(child_pid, SIGCONT);
	wait_both(WCONTINUED, &st);
	kill(child_pid, SIGTERM);
	wait_both(WEXITED, &st);

	L("== bad sigreturn frame (child)");
	child_pid = fork();
	if (!child_pid) {
		/* rt_sigreturn with the stack pointing at garbage */
		static unsigned long junk[512];

		memset(junk, 0xff, sizeof(junk));
		__asm__ volatile("mov %0, %%rsp\n\tmov $15, %%eax\n\tsyscall" : : "r"(junk + 256) : "memory");
		_exit(0);
	}
	wait_both(WEXITED, &st);
}


static volatile int got_mask;

static void mark_handler(int sig)
{
	got_mask |= 1 << sig;
}

static void section_jobs(void)
{
	int p[2], st, r;

	L("== job control");
	/* SIGKILL to a stopped child */
	child_pid = fork();
	if (!child_pid) {
		raise(SIGSTOP);
		_exit(0);
	}
	wait_both(WSTOPPED, &st);
	kill(child_pid, SIGKILL);
	wait_both(WEXITED, &st);

	/* SIGCONT with a handler in the stopped child; then, told to, it
	 * exits 4 (not before: its exit would race with our WCONTINUED wait) */
	{
		int q[2];

		pipe(p);
		pipe(q);
		child_pid = fork();
		if (!child_pid) {
			struct sigaction sa = { .sa_handler = mark_handler };
			char c;

			close(p[0]);
			close(q[1]);
			sigaction(SIGCONT, &sa, NULL);
			raise(SIGSTOP);
			r = got_mask;
			write(p[1], &r, sizeof(r));
			read(q[0], &c, 1);
			_exit(4);
		}
		close(p[1]);
		close(q[0]);
		wait_both(WSTOPPED, &st);
		kill(child_pid, SIGCONT);
		wait_both(WCONTINUED, &st);
		r = 0;
		read(p[0], &r, sizeof(r));
		close(p[0]);
		L("  the child's SIGCONT handler ran: %d", !!(r & (1 << SIGCONT)));
		write(q[1], "x", 1);
		close(q[1]);
		wait_both(WEXITED, &st);
	}

	/* an orphaned process group with a stopped member gets SIGHUP and SIGCONT */
	L("orphaned stopped process group:");
	pipe(p);
	child_pid = fork();
	if (!child_pid) {
		pid_t b;
		int s2;

		setpgid(0, 0);
		b = fork();
		if (!b) {
			struct sigaction sa = { .sa_handler = mark_handler };

			sigaction(SIGHUP, &sa, NULL);
			sigaction(SIGCONT, &sa, NULL);
			raise(SIGSTOP);
			/* continued by the kernel: report what came */
			r = got_mask;
			write(p[1], &r, sizeof(r));
			_exit(0);
		}
		waitpid(b, &s2, WUNTRACED);
		_exit(WIFSTOPPED(s2) ? 0 : 1);   /* orphans b's group */
	}
	close(p[1]);
	wait_both(WEXITED, &st);
	r = 0;
	if (read(p[0], &r, sizeof(r)) == sizeof(r))
		L("  the stopped member got SIGHUP=%d SIGCONT=%d", !!(r & (1 << SIGHUP)), !!(r & (1 << SIGCONT)));
	else
		L("  nothing from the stopped member");
	close(p[0]);

	/* a signal sent to the parent during vfork waits until the child is gone */
	L("vfork:");
	got_mask = 0;
	{
		struct sigaction sa = { .sa_handler = mark_handler };
		pid_t parent = getpid();

		sigaction(SIGUSR1, &sa, NULL);
		child_pid = vfork();
		if (!child_pid) {
			kill(parent, SIGUSR1);
			_exit(6);
		}
		L("  after vfork: handled=%d", !!(got_mask & (1 << SIGUSR1)));
		wait_both(WEXITED, &st);
		set_action(SIGUSR1, SIG_DFL, 0);
	}
}

static int child_main(int argc, char **argv)
{
	self_pid = getpid();
	L("sig_transcript01");
	section_errors();
	section_info();
	section_order();
	section_faults();
	section_altstack();
	section_wait();
	section_restart();
	section_threads();
	section_misc();
	section_jobs();
	L("end");
	return 0;
}

/* Run the transcript in a child, collect it, compare. */
static void run(void)
{
	static char got[1 << 17];
	size_t n = 0;
	const char *save = getenv("LTP_TRANSCRIPT_SAVE");
	int p[2], st;
	ssize_t r;
	pid_t pid;

	SAFE(pipe(p));
	pid = t_fork();
	if (!pid) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execl(t_self(), t_self(), "--child-transcript", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	while (n < sizeof(got) - 1 && (r = read(p[0], got + n, sizeof(got) - 1 - n)) > 0)
		n += r;
	got[n] = 0;
	close(p[0]);
	st = t_wait(pid);
	EXPECT_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the transcript ran to its end (status %#x)", st);
	if (save) {
		int fd = open(save, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0 || write(fd, got, n) != (ssize_t)n)
			t_brk(TBROK | TERRNO, "writing %s", save);
		close(fd);
	}
#ifdef T_GOLDEN
	{
		const char *a = got, *b = t_golden;
		int line = 1;

		while (*a && *a == *b) {
			if (*a == '\n')
				line++;
			a++, b++;
		}
		if (!*a && !*b) {
			t_res(TPASS, "the transcript matches the host's, byte for byte (%zu bytes, %d lines)", n,
			      line - 1);
		} else {
			const char *ga = a, *gb = b;

			while (ga > got && ga[-1] != '\n')
				ga--;
			while (gb > t_golden && gb[-1] != '\n')
				gb--;
			t_res(TFAIL, "the transcript differs from the host's at line %d", line);
			t_res(TINFO, "host: %.*s", (int)strcspn(gb, "\n"), gb);
			t_res(TINFO, "here: %.*s", (int)strcspn(ga, "\n"), ga);
		}
	}
#else
	t_res(TCONF, "built without the host's transcript (transcripts/sig_transcript01.log)");
#endif
}

const struct t_test t_test = { .run = run, .child_main = child_main, .timeout = 120 };
