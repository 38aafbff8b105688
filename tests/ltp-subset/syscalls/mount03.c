/*
 * mount03: mount flags take effect: MS_NOEXEC makes execve fail with
 * EACCES, MS_NODEV makes opening a device node fail with EACCES, MS_BIND
 * shows a directory's contents at a second place (writes visible in both).
 */
#include <sys/mount.h>
#include <sys/sysmacros.h>

#include "harness.h"

static int n_mounts;

static void cleanup(void)
{
	umount2("bind", MNT_DETACH);
	umount2("m", MNT_DETACH);
}

static void run(void)
{
	char *const args[] = { "x", NULL };
	char buf[65536];
	int in, out;
	ssize_t n;

	SAFE(mkdir("m", 0755));
	SAFE(mkdir("src", 0755));
	SAFE(mkdir("bind", 0755));
	if (mount("ltp", "m", "tmpfs", MS_NOEXEC | MS_NODEV, NULL) < 0)
		t_brk(TCONF | TERRNO, "mount(tmpfs)");
	n_mounts++;
	if (t_self()) {
		in = SAFE(open(t_self(), O_RDONLY));
		out = SAFE(open("m/prog", O_WRONLY | O_CREAT, 0755));
		while ((n = read(in, buf, sizeof(buf))) > 0)
			SAFE(write(out, buf, n));
		close(in);
		close(out);
		EXPECT_FAIL(execve("m/prog", args, NULL), EACCES);
	}
	SAFE(mknod("m/null", S_IFCHR | 0666, makedev(1, 3)));
	EXPECT_FAIL(open("m/null", O_RDWR), EACCES);
	EXPECT_OK(mount("src", "bind", NULL, MS_BIND, NULL));
	t_write_file("bind/via-bind", "", 0644);
	EXPECT_OK(access("src/via-bind", F_OK));
	EXPECT_OK(umount("bind"));
	EXPECT_FAIL(access("bind/via-bind", F_OK), ENOENT);
	EXPECT_OK(umount("m"));
}

const struct t_test t_test = { .run = run, .cleanup = cleanup, .needs_root = 1 };
