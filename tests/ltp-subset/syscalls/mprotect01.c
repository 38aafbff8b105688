/*
 * mprotect01: mprotect() failures (raw system call, as musl's wrapper
 * rounds the address): EINVAL for an unaligned address and for unknown
 * protection bits, ENOMEM for a range not fully mapped, EACCES for
 * PROT_WRITE on a MAP_SHARED mapping of a read-only descriptor.
 */
#include <sys/mman.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	char *p, *f;
	int fd;

	p = SAFE_MMAP(NULL, 2 * pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SAFE(munmap(p + pg, pg));
	EXPECT_FAIL(syscall(SYS_mprotect, p + 1, pg, PROT_READ), EINVAL);
	EXPECT_FAIL(syscall(SYS_mprotect, p, pg, 0x100), EINVAL);
	EXPECT_FAIL(syscall(SYS_mprotect, p, 2 * pg, PROT_READ), ENOMEM);
	EXPECT_FAIL(syscall(SYS_mprotect, p + pg, pg, PROT_READ), ENOMEM);
	t_write_file("f", "x", 0644);
	fd = SAFE(open("f", O_RDONLY));
	f = SAFE_MMAP(NULL, pg, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT_FAIL(syscall(SYS_mprotect, f, pg, PROT_READ | PROT_WRITE), EACCES);
	EXPECT_OK(syscall(SYS_mprotect, p, pg, PROT_NONE));
}

const struct t_test t_test = { .run = run };
