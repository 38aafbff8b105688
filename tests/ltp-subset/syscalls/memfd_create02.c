/*
 * memfd_create02: what memfd_create() makes and what it refuses. The file
 * is a regular file of mode 0777 with no links, read/write, seekable, its
 * descriptor without FD_CLOEXEC unless MFD_CLOEXEC; /proc/self/fd shows it
 * as "/memfd:NAME (deleted)" (where /proc is mounted); a name may hold any
 * byte but NUL (a '/' too) and be 249 bytes long, not 250 (EINVAL); a bad
 * name pointer is EFAULT; unknown flags, huge-page size bits without
 * MFD_HUGETLB, and MFD_EXEC with MFD_NOEXEC_SEAL are EINVAL.
 * MFD_NOEXEC_SEAL makes a 0666 file sealed with F_SEAL_EXEC (chmod +x is
 * EPERM, other seals may still be added); MFD_EXEC a 0777 one with
 * F_SEAL_SEAL. Without MFD_ALLOW_SEALING, F_GET_SEALS is F_SEAL_SEAL.
 */
#include <sys/mman.h>

#include "harness.h"

static long memfd(const char *name, unsigned int flags)
{
	return syscall(SYS_memfd_create, name, flags);
}

static void run(void)
{
	char name[300], link[64], path[64];
	struct stat st;
	ssize_t n;
	int fd;

	fd = EXPECT_OK(memfd("ltp-name", 0));
	if (fd < 0)
		return;
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_mode, S_IFREG | 0777);
	EXPECT_EQ(st.st_nlink, 0);
	EXPECT_EQ(st.st_size, 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	EXPECT_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	EXPECT_EQ(fcntl(fd, F_GET_SEALS), F_SEAL_SEAL);
	EXPECT_EQ(write(fd, "abc", 3), 3);
	EXPECT_EQ(lseek(fd, 0, SEEK_END), 3);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0 && errno == ENOENT) {
		t_res(TINFO, "no /proc: link name not checked");
	} else {
		EXPECT(n > 0);
		link[n > 0 ? n : 0] = 0;
		EXPECT_MSG(!strcmp(link, "/memfd:ltp-name (deleted)"), "link is '%s'", link);
	}
	close(fd);

	memset(name, 'n', sizeof(name));
	name[249] = 0;
	fd = EXPECT_OK(memfd(name, MFD_CLOEXEC));
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	close(fd);
	name[249] = 'n';
	name[250] = 0;
	EXPECT_FAIL(memfd(name, 0), EINVAL);
	fd = EXPECT_OK(memfd("a/b c", 0));
	close(fd);
	fd = EXPECT_OK(memfd("", 0));
	close(fd);
	EXPECT_FAIL(memfd(t_bad_addr(), 0), EFAULT);
	EXPECT_FAIL(memfd("x", 0x100), EINVAL);
	EXPECT_FAIL(memfd("x", 21U << 26), EINVAL);
	EXPECT_FAIL(memfd("x", MFD_EXEC | MFD_NOEXEC_SEAL), EINVAL);

	fd = EXPECT_OK(memfd("noexec", MFD_NOEXEC_SEAL));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_mode, S_IFREG | 0666);
	EXPECT_EQ(fcntl(fd, F_GET_SEALS), F_SEAL_EXEC);
	EXPECT_FAIL(fchmod(fd, 0755), EPERM);
	EXPECT_OK(fchmod(fd, 0600));
	EXPECT_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW));
	EXPECT_EQ(fcntl(fd, F_GET_SEALS), F_SEAL_EXEC | F_SEAL_GROW);
	close(fd);
	fd = EXPECT_OK(memfd("exec", MFD_EXEC));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_mode, S_IFREG | 0777);
	EXPECT_EQ(fcntl(fd, F_GET_SEALS), F_SEAL_SEAL);
	close(fd);
}

const struct t_test t_test = { .run = run };
