/*
 * memfd_create01: memfd_create() gives an anonymous file: read/write,
 * ftruncate and mmap work; with MFD_ALLOW_SEALING, F_ADD_SEALS adds seals
 * that F_GET_SEALS reports: F_SEAL_WRITE makes write() fail with EPERM,
 * F_SEAL_SHRINK/F_SEAL_GROW forbid size changes (EPERM), F_SEAL_SEAL
 * forbids more seals; without MFD_ALLOW_SEALING adding seals gives EPERM.
 * Failures: EINVAL for unknown flags and a name over 249 bytes.
 */
#include <sys/mman.h>

#include "harness.h"

static long memfd(const char *name, unsigned int flags)
{
	return syscall(SYS_memfd_create, name, flags);
}

static void run(void)
{
	char name[300], buf[8] = "";
	struct stat st;
	int fd, plain;

	fd = EXPECT_OK(memfd("ltp", MFD_CLOEXEC | MFD_ALLOW_SEALING));
	if (fd < 0)
		return;
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(write(fd, "memfd", 5), 5);
	EXPECT_EQ(pread(fd, buf, 5, 0), 5);
	EXPECT(!strcmp(buf, "memfd"));
	EXPECT_OK(ftruncate(fd, 8192));
	SAFE(fstat(fd, &st));
	EXPECT(S_ISREG(st.st_mode) && st.st_size == 8192);
	EXPECT_EQ(fcntl(fd, F_GET_SEALS), 0);
	EXPECT_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW));
	EXPECT_FAIL(ftruncate(fd, 100), EPERM);
	EXPECT_FAIL(ftruncate(fd, 10000), EPERM);
	EXPECT_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	EXPECT_FAIL(write(fd, "x", 1), EPERM);
	EXPECT_FAIL(mmap(NULL, 4096, PROT_WRITE, MAP_SHARED, fd, 0), EPERM);
	EXPECT_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL));
	EXPECT_EQ(fcntl(fd, F_GET_SEALS),
		  F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
	EXPECT_FAIL(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EPERM);
	plain = SAFE(memfd("plain", 0));
	EXPECT_EQ(fcntl(plain, F_GET_SEALS), F_SEAL_SEAL);
	EXPECT_FAIL(fcntl(plain, F_ADD_SEALS, F_SEAL_WRITE), EPERM);
	EXPECT_FAIL(memfd("bad", 0x1000), EINVAL);
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	EXPECT_FAIL(memfd(name, 0), EINVAL);
}

const struct t_test t_test = { .run = run };
