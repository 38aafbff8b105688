/*
 * memfd_create03: file seals against writes, sizes and mappings.
 * F_SEAL_GROW refuses a write or fallocate past the end (EPERM) but not
 * one inside; F_SEAL_SHRINK refuses a smaller size; F_SEAL_WRITE is EBUSY
 * while a shared mapping that may be written exists (even PROT_READ on a
 * read-write descriptor), and once added, a shared writable mmap is EPERM,
 * a shared read-only one cannot be mprotect'ed writable (EACCES), private
 * mappings still work, hole punching is EPERM; F_SEAL_FUTURE_WRITE keeps
 * an existing writable mapping working but refuses write() and new
 * writable shared maps. F_ADD_SEALS needs a writable descriptor (EPERM),
 * known bits (EINVAL); F_SEAL_EXEC on an executable memfd adds the write
 * seals too. F_GET_SEALS on a file that is not on tmpfs is EINVAL.
 */
#include <sys/mman.h>

#include "harness.h"

static long memfd(const char *name, unsigned int flags)
{
	return syscall(SYS_memfd_create, name, flags);
}

static void run(void)
{
	long pg = t_page();
	char path[64], buf[8] = "";
	void *m, *w;
	int fd, ro, reg;

	fd = SAFE(memfd("grow", MFD_ALLOW_SEALING));
	SAFE(write(fd, "0123456789", 10));
	EXPECT_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW | F_SEAL_SHRINK));
	EXPECT_FAIL(pwrite(fd, "abcdef", 6, 8), EPERM);
	EXPECT_FAIL(pwrite(fd, "x", 1, 10), EPERM);
	EXPECT_EQ(pwrite(fd, "ab", 2, 0), 2);
	EXPECT_FAIL(fallocate(fd, 0, 0, 100), EPERM);
	EXPECT_OK(ftruncate(fd, 10));
	EXPECT_FAIL(ftruncate(fd, 9), EPERM);
	EXPECT_FAIL(ftruncate(fd, 11), EPERM);
	EXPECT_FAIL(fcntl(fd, F_ADD_SEALS, 0x40), EINVAL);
	close(fd);

	fd = SAFE(memfd("write", MFD_ALLOW_SEALING));
	SAFE(ftruncate(fd, pg));
	m = SAFE_MMAP(NULL, pg, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT_FAIL(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EBUSY);
	SAFE(munmap(m, pg));
	EXPECT_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	EXPECT_FAIL(mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), EPERM);
	m = SAFE_MMAP(NULL, pg, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT_FAIL(mprotect(m, pg, PROT_READ | PROT_WRITE), EACCES);
	SAFE(munmap(m, pg));
	m = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	EXPECT(m != MAP_FAILED);
	if (m != MAP_FAILED) {
		memcpy(m, "cow", 3);
		EXPECT_EQ(pread(fd, buf, 3, 0), 3);
		EXPECT(buf[0] == 0);
		munmap(m, pg);
	}
	EXPECT_FAIL(write(fd, "x", 1), EPERM);
	EXPECT_FAIL(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, 4), EPERM);
	close(fd);

	fd = SAFE(memfd("future", MFD_ALLOW_SEALING));
	SAFE(ftruncate(fd, pg));
	w = SAFE_MMAP(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	EXPECT_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE));
	EXPECT_FAIL(write(fd, "x", 1), EPERM);
	memcpy(w, "ok", 2);
	EXPECT_EQ(pread(fd, buf, 2, 0), 2);
	EXPECT(!memcmp(buf, "ok", 2));
	EXPECT_FAIL(mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), EPERM);
	EXPECT_OK(ftruncate(fd, 2 * pg));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ro = open(path, O_RDONLY);
	if (ro >= 0) {
		EXPECT_FAIL(fcntl(ro, F_ADD_SEALS, F_SEAL_GROW), EPERM);
		EXPECT_EQ(fcntl(ro, F_GET_SEALS), F_SEAL_FUTURE_WRITE);
		close(ro);
	}
	munmap(w, pg);
	close(fd);

	fd = SAFE(memfd("exec", MFD_ALLOW_SEALING));
	EXPECT_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_EXEC));
	EXPECT_EQ(fcntl(fd, F_GET_SEALS), F_SEAL_EXEC | F_SEAL_SHRINK | F_SEAL_GROW |
		  F_SEAL_WRITE | F_SEAL_FUTURE_WRITE);
	EXPECT_FAIL(fchmod(fd, 0644), EPERM);
	close(fd);

	t_write_file("f", "", 0644);
	reg = SAFE(open("f", O_RDWR));
	/* A tmpfs file reports F_SEAL_SEAL, any other file EINVAL. */
	errno = 0;
	long s = fcntl(reg, F_GET_SEALS);
	EXPECT_MSG(s == F_SEAL_SEAL || (s == -1 && errno == EINVAL), "F_GET_SEALS on a file: %ld", s);
	EXPECT_FAIL(fcntl(reg, F_ADD_SEALS, F_SEAL_GROW), s == -1 ? EINVAL : EPERM);
	close(reg);
}

const struct t_test t_test = { .run = run };
