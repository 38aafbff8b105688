/*
 * write07: on a full file system write() returns a short count and then
 * fails with ENOSPC (a 256 KiB tmpfs); after freeing space writing works
 * again. Also: rmdir() of the mount point fails with EBUSY.
 */
#include <sys/mount.h>

#include "harness.h"

static int mounted;

static void cleanup(void)
{
	if (mounted)
		umount2("mnt", MNT_DETACH);
}

static void run(void)
{
	static char buf[65536];
	long total = 0;
	ssize_t n;
	int fd;

	SAFE(mkdir("mnt", 0755));
	if (mount("ltp", "mnt", "tmpfs", 0, "size=256k") < 0)
		t_brk(TCONF | TERRNO, "mount(tmpfs)");
	mounted = 1;
	EXPECT_FAIL(rmdir("mnt"), EBUSY);
	memset(buf, 'f', sizeof(buf));
	fd = SAFE(open("mnt/fill", O_WRONLY | O_CREAT, 0644));
	while ((n = write(fd, buf, sizeof(buf))) > 0)
		total += n;
	EXPECT_MSG(n == -1 && errno == ENOSPC, "write ends with ENOSPC after %ld bytes", total);
	EXPECT(total > 0 && total <= 256 * 1024);
	close(fd);
	fd = open("mnt/more", O_WRONLY | O_CREAT, 0644);
	if (fd < 0) {
		EXPECT_EQ(errno, ENOSPC);
	} else {
		EXPECT_FAIL(write(fd, buf, 4096), ENOSPC);
		close(fd);
	}
	SAFE(unlink("mnt/fill"));
	unlink("mnt/more");
	fd = SAFE(open("mnt/again", O_WRONLY | O_CREAT, 0644));
	EXPECT_EQ(write(fd, buf, 4096), 4096);
	close(fd);
	SAFE(umount("mnt"));
	mounted = 0;
}

const struct t_test t_test = { .run = run, .cleanup = cleanup, .needs_root = 1 };
