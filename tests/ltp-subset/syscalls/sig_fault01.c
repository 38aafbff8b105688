/*
 * sig_fault01: the signal, si_code, si_addr and the trap fields of the
 * signal frame (uc_mcontext's trapno, err, cr2) for each kind of fault,
 * as Linux reports them to a SA_SIGINFO handler; the handler resumes after
 * the faulting instruction by rewriting the saved RIP.
 *  - SIGSEGV SEGV_MAPERR: reads and writes of an unmapped page and of
 *    address 0 (page fault, error code user|write|present bits, cr2);
 *    SEGV_ACCERR: a write to a read-only page, a read of a PROT_NONE page,
 *    a jump into a page without PROT_EXEC (si_addr the target).
 *  - SIGSEGV SI_KERNEL with si_addr 0: a non-canonical address, hlt, and
 *    `int $0x81` (general protection).
 *  - SIGBUS BUS_ADRERR: a read past the end of a mapped file.
 *  - SIGFPE FPE_INTDIV: division by zero and INT_MIN / -1; si_addr the
 *    instruction.
 *  - SIGILL ILL_ILLOPN: ud2; si_addr the instruction.
 *  - SIGTRAP SI_KERNEL: int3, with RIP after it.
 */
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "harness.h"

static volatile unsigned long fault_ip, resume_ip, got_ip;
static volatile int got_sig, got_code;
static volatile unsigned long got_addr, got_trapno, got_err, got_cr2;

static void handler(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;

	got_sig = sig;
	got_code = si->si_code;
	got_addr = (unsigned long)si->si_addr;
	got_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	got_err = uc->uc_mcontext.gregs[REG_ERR];
	got_cr2 = uc->uc_mcontext.gregs[REG_CR2];
	got_ip = uc->uc_mcontext.gregs[REG_RIP];
	uc->uc_mcontext.gregs[REG_RIP] = resume_ip;
}

/* Run INSN (which may use %2 and %3) with fault_ip at it and resume_ip
 * right after it. */
#define FAULT(insn, a, b)                                                          \
	do {                                                                       \
		got_sig = 0;                                                       \
		__asm__ volatile("leaq 1f(%%rip), %%rax\n\t"                      \
				 "movq %%rax, %0\n\t"                              \
				 "leaq 2f(%%rip), %%rax\n\t"                       \
				 "movq %%rax, %1\n\t"                              \
				 "1: " insn "\n"                                   \
				 "2:\n"                                            \
				 : "=m"(fault_ip), "=m"(resume_ip)                 \
				 : "r"(a), "r"(b)                                  \
				 : "rax", "rdx", "memory", "cc");                  \
	} while (0)

static void check(const char *what, int sig, int code, unsigned long addr, long trapno, long err,
		  int cr2_is_addr)
{
	EXPECT_MSG(got_sig == sig && got_code == code && got_addr == addr,
		   "%s: %s code %d addr %#lx (want %s code %d addr %#lx)", what,
		   t_signame(got_sig), got_code, got_addr, t_signame(sig), code, addr);
	if (trapno >= 0)
		EXPECT_MSG(got_trapno == (unsigned long)trapno, "%s: trapno %lu (want %ld)", what,
			   got_trapno, trapno);
	if (err >= 0)
		EXPECT_MSG(got_err == (unsigned long)err, "%s: err %#lx (want %#lx)", what, got_err, err);
	if (cr2_is_addr)
		EXPECT_MSG(got_cr2 == addr, "%s: cr2 %#lx (want %#lx)", what, got_cr2, addr);
}

static void run(void)
{
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
	long pg = t_page();
	char *unmapped, *ro, *none, *noexec, *file_map;
	unsigned long a;
	int fd;

	SAFE(sigaction(SIGSEGV, &sa, NULL));
	SAFE(sigaction(SIGBUS, &sa, NULL));
	SAFE(sigaction(SIGFPE, &sa, NULL));
	SAFE(sigaction(SIGILL, &sa, NULL));
	SAFE(sigaction(SIGTRAP, &sa, NULL));

	unmapped = SAFE_MMAP(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SAFE(munmap(unmapped, pg));
	a = (unsigned long)unmapped + 0x10;
	FAULT("movb (%2), %%al", a, 0);
	check("read of an unmapped page", SIGSEGV, SEGV_MAPERR, a, 14, 4, 1);
	FAULT("movb %%al, (%2)", a, 0);
	check("write to an unmapped page", SIGSEGV, SEGV_MAPERR, a, 14, 6, 1);
	FAULT("movb (%2), %%al", 0UL, 0);
	check("read of address 0", SIGSEGV, SEGV_MAPERR, 0, 14, 4, 1);

	ro = SAFE_MMAP(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	(void)*(volatile char *)ro;
	a = (unsigned long)ro + 8;
	FAULT("movb %%al, (%2)", a, 0);
	check("write to a read-only page", SIGSEGV, SEGV_ACCERR, a, 14, 7, 1);

	none = SAFE_MMAP(NULL, pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	a = (unsigned long)none + 3;
	FAULT("movb (%2), %%al", a, 0);
	check("read of a PROT_NONE page", SIGSEGV, SEGV_ACCERR, a, 14, 4, 1);

	noexec = SAFE_MMAP(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	noexec[0] = (char)0xc3;   /* ret: never runs */
	FAULT("jmp *%2", (unsigned long)noexec, 0);
	check("jump into a page without PROT_EXEC", SIGSEGV, SEGV_ACCERR, (unsigned long)noexec, 14, 0x15, 1);
	EXPECT_MSG(got_ip == (unsigned long)noexec, "no-exec fault: RIP is the target");

	FAULT("movb (%2), %%al", 0x8000000000000000UL, 0);
	check("read of a non-canonical address", SIGSEGV, SI_KERNEL, 0, 13, 0, 0);
	FAULT("hlt", 0, 0);
	check("hlt", SIGSEGV, SI_KERNEL, 0, 13, 0, 0);
	FAULT("int $0x81", 0, 0);
	/* The error code is not checked: hardware gives (0x81 << 3) | 2,
	 * QEMU's TCG (0x81 << 4) | 2, under any kernel. */
	check("int $0x81", SIGSEGV, SI_KERNEL, 0, 13, -1, 0);

	fd = SAFE(open("f", O_RDWR | O_CREAT | O_TRUNC, 0600));
	SAFE(write(fd, "x", 1));
	file_map = SAFE_MMAP(NULL, 2 * pg, PROT_READ, MAP_SHARED, fd, 0);
	a = (unsigned long)file_map + pg + 5;
	FAULT("movb (%2), %%al", a, 0);
	check("read past the end of a mapped file", SIGBUS, BUS_ADRERR, a, 14, 4, 1);
	close(fd);

	FAULT("xorl %%edx, %%edx\n\tmovl $7, %%eax\n\tidivl %k3", 0, 0);
	check("division by zero", SIGFPE, FPE_INTDIV, fault_ip + 7, 0, 0, 0);
	FAULT("movl $0x80000000, %%eax\n\tcltd\n\tidivl %k3", 0, -1);
	check("INT_MIN / -1", SIGFPE, FPE_INTDIV, fault_ip + 6, 0, 0, 0);
	FAULT("ud2", 0, 0);
	check("ud2", SIGILL, ILL_ILLOPN, fault_ip, 6, 0, 0);
	FAULT("int3", 0, 0);
	check("int3", SIGTRAP, SI_KERNEL, 0, 3, 0, 0);
	EXPECT_MSG(got_ip == resume_ip, "int3: RIP after the instruction");
	unlink("f");
}

const struct t_test t_test = { .run = run };
