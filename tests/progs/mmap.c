/*
 * mmap: anonymous private memory is copy-on-write across fork; anonymous
 * MAP_SHARED memory is shared across fork; a file mapping (MAP_SHARED)
 * writes through to the file and MAP_PRIVATE does not; an access after
 * munmap raises SIGSEGV with si_code SEGV_MAPERR and si_addr the address,
 * a write to a read-only mapping SEGV_ACCERR; munmap of a middle part
 * splits a mapping; mprotect changes rights; brk grows the heap.
 */
#include "progs.h"

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define PAGE 4096

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static void *volatile got_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_addr = si->si_addr;
	siglongjmp(jb, 1);
}

static const char *code_name(int c)
{
	return c == SEGV_MAPERR ? "SEGV_MAPERR" : c == SEGV_ACCERR ? "SEGV_ACCERR" : "other";
}

/* Touch addr (write if write != 0); report a fault as the handler saw it. */
static void probe(const char *what, volatile char *addr, int write)
{
	got_sig = 0;
	got_code = 0;
	got_addr = NULL;
	if (sigsetjmp(jb, 1) == 0) {
		if (write)
			*addr = 1;
		else
			(void)*addr;
		say("%s: no fault", what);
	} else {
		say("%s: signal %d %s, si_addr %s", what, got_sig, code_name(got_code),
		    got_addr == (void *)addr ? "is the address" : "WRONG");
	}
}

static int wait_child(pid_t pid)
{
	int status = 0;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + WTERMSIG(status);
}

int main(void)
{
	struct sigaction sa;
	int sync1[2], sync2[2];
	char c;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	CHECK(sigaction(SIGSEGV, &sa, NULL) == 0, "sigaction(SIGSEGV)");

	/* 1. Private anonymous memory: copy-on-write across fork. */
	size_t len = 16 * PAGE;
	char *priv = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(priv != MAP_FAILED, "mmap private anonymous 64 KiB");
	CHECK(((unsigned long)priv & (PAGE - 1)) == 0, "mapping is page aligned");
	int zero = 1;
	for (size_t i = 0; i < len; i++)
		zero &= priv[i] == 0;
	CHECK(zero, "fresh anonymous memory reads as zero");
	memset(priv, 'A', len);
	CHECK(pipe(sync1) == 0 && pipe(sync2) == 0, "pipes");
	pid_t pid = fork();
	if (pid == 0) {
		int ok = priv[0] == 'A' && priv[len - 1] == 'A';
		memset(priv, 'B', len / 2);	/* child's own copy */
		write(sync1[1], "1", 1);
		read(sync2[0], &c, 1);		/* parent has written 'C' */
		ok &= priv[0] == 'B' && priv[len - 1] == 'A';
		_exit(ok ? 0 : 1);
	}
	read(sync1[0], &c, 1);
	CHECK(priv[0] == 'A', "parent does not see the child's write");
	priv[len - 1] = 'C';
	write(sync2[1], "2", 1);
	CHECK(wait_child(pid) == 0, "child saw its own writes, not the parent's");
	CHECK(munmap(priv, len) == 0, "munmap private");

	/* 2. Shared anonymous memory: one copy across fork. */
	volatile int *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(shared != MAP_FAILED, "mmap shared anonymous");
	shared[0] = 1;
	pid = fork();
	if (pid == 0) {
		shared[1] = shared[0] + 41;
		_exit(0);
	}
	CHECK(wait_child(pid) == 0 && shared[1] == 42, "parent sees the child's write to MAP_SHARED");
	munmap((void *)shared, PAGE);

	/* 3. File mappings. */
	char path[] = "/tmp/progs-mmap.XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0, "mkstemp");
	unlink(path);
	static const char text[] = "hello, mapped file\n";
	CHECK(write(fd, text, sizeof(text) - 1) == sizeof(text) - 1, "write file");
	CHECK(ftruncate(fd, 2 * PAGE) == 0, "ftruncate to two pages");
	char *fm = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(fm != MAP_FAILED, "mmap file MAP_SHARED");
	CHECK(memcmp(fm, text, sizeof(text) - 1) == 0, "mapping shows the file's contents");
	CHECK(fm[PAGE + 10] == 0, "past the written data reads zero");
	memcpy(fm, "HELLO", 5);
	fm[PAGE] = 'Z';
	CHECK(msync(fm, 2 * PAGE, MS_SYNC) == 0, "msync");
	char buf[32] = { 0 };
	CHECK(pread(fd, buf, 5, 0) == 5 && memcmp(buf, "HELLO", 5) == 0, "read() sees the write through the mapping");
	CHECK(pread(fd, buf, 1, PAGE) == 1 && buf[0] == 'Z', "second page written through too");
	CHECK(pwrite(fd, "w", 1, 7) == 1 && fm[7] == 'w', "mapping sees a write() to the file");
	char *pm = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(pm != MAP_FAILED, "mmap file MAP_PRIVATE");
	pm[0] = 'p';
	CHECK(pread(fd, buf, 1, 0) == 1 && buf[0] == 'H' && fm[0] == 'H', "MAP_PRIVATE write stays private");
	munmap(pm, PAGE);
	munmap(fm, 2 * PAGE);
	char *ro = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(ro != MAP_FAILED && ro[0] == 'H', "mmap file read-only");
	probe("write to a read-only file mapping", ro, 1);
	munmap(ro, PAGE);
	close(fd);

	/* 4. Faults: after munmap, and protection. */
	char *m = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED, "mmap 4 pages");
	memset(m, 7, 4 * PAGE);
	CHECK(munmap(m + PAGE, PAGE) == 0, "munmap the second page");
	probe("read page 0", m, 0);
	probe("read the unmapped page", m + PAGE + 123, 0);
	probe("write the unmapped page", m + PAGE, 1);
	probe("read page 2", m + 2 * PAGE, 0);
	CHECK(m[3 * PAGE] == 7, "page 3 kept its contents");
	CHECK(mprotect(m + 2 * PAGE, PAGE, PROT_READ) == 0, "mprotect page 2 read-only");
	probe("write the read-only page", m + 2 * PAGE + 5, 1);
	probe("read the read-only page", m + 2 * PAGE + 5, 0);
	CHECK(mprotect(m + 2 * PAGE, PAGE, PROT_NONE) == 0, "mprotect page 2 PROT_NONE");
	probe("read the PROT_NONE page", m + 2 * PAGE, 0);
	CHECK(mprotect(m + 2 * PAGE, PAGE, PROT_READ | PROT_WRITE) == 0, "mprotect page 2 read-write");
	probe("write page 2 again", m + 2 * PAGE, 1);
	CHECK(m[2 * PAGE + 1] == 7, "contents survived the protection changes");
	CHECK(munmap(m, 4 * PAGE) == 0, "munmap a range with a hole");
	probe("read after munmap", m + 3 * PAGE, 0);
	probe("write NULL", NULL, 1);

	/* 5. Errors. */
	errno = 0;
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL,
	      "mmap length 0: EINVAL");
	errno = 0;
	CHECK(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 12345, 0) == MAP_FAILED && errno == EBADF,
	      "mmap a bad fd: EBADF");
	errno = 0;
	CHECK(syscall(SYS_munmap, (char *)m + 1, PAGE) == -1 && errno == EINVAL, "munmap unaligned: EINVAL");
	errno = 0;
	CHECK(mmap((void *)0x10001000, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 123) == MAP_FAILED &&
	      errno == EINVAL, "mmap unaligned offset: EINVAL");
	void *fixed = mmap((void *)0x10000000, PAGE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(fixed == (void *)0x10000000, "MAP_FIXED at 0x10000000");
	munmap(fixed, PAGE);

	/* 6. A larger mapping, touched page by page, and the heap. */
	size_t big = 8 << 20;
	char *bm = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(bm != MAP_FAILED, "mmap 8 MiB");
	unsigned long sum = 0;
	for (size_t i = 0; i < big; i += PAGE)
		bm[i] = (char)(i >> 12);
	for (size_t i = 0; i < big; i += PAGE)
		sum += (unsigned char)bm[i];
	say("8 MiB touched, checksum %lu", sum);
	munmap(bm, big);
	/* The raw brk syscall: musl's sbrk() refuses non-zero increments. */
	char *brk0 = (char *)syscall(SYS_brk, 0);
	CHECK((char *)syscall(SYS_brk, brk0 + 3 * PAGE) == brk0 + 3 * PAGE, "brk grows the heap");
	memset(brk0, 1, 3 * PAGE);
	CHECK((char *)syscall(SYS_brk, brk0) == brk0, "brk shrinks it back");
	char *heap = malloc(1 << 20);
	CHECK(heap != NULL, "malloc 1 MiB");
	memset(heap, 3, 1 << 20);
	free(heap);
	return finish("mmap");
}
