/*
 * mount06: per-mount flags for symlinks and access times. MS_NOSYMFOLLOW
 * makes following a symlink on the mount fail with ELOOP (readlink still
 * works, links elsewhere pointing into it are fine); MS_NOATIME keeps
 * reads from changing the atime; the default (relatime) updates it only
 * when it is not after the mtime and ctime (or a day old);
 * MS_STRICTATIME updates it on every read; MS_NODIRATIME keeps readdir
 * from changing a directory's atime. Runs in a private mount namespace.
 */
#include <dirent.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>

#include "harness.h"

#ifndef MS_NOSYMFOLLOW
#define MS_NOSYMFOLLOW 256
#endif

static void set_atime(const char *path, time_t t)
{
	struct timespec ts[2] = { { t, 0 }, { 0, UTIME_OMIT } };

	SAFE(utimensat(AT_FDCWD, path, ts, 0));
}

static time_t atime_of(const char *path)
{
	struct stat st;

	SAFE(stat(path, &st));
	return st.st_atime;
}

static void read_file(const char *path)
{
	char buf[4];
	int fd = SAFE(open(path, O_RDONLY));

	SAFE(read(fd, buf, sizeof(buf)));
	close(fd);
}

static void read_dir(const char *path)
{
	DIR *d = opendir(path);

	if (!d)
		t_brk(TBROK | TERRNO, "opendir(%s)", path);
	while (readdir(d))
		;
	closedir(d);
}

static void run(void)
{
	char buf[64];
	time_t now, future;

	if (unshare(CLONE_NEWNS) < 0)
		t_brk(TCONF | TERRNO, "unshare(CLONE_NEWNS)");
	SAFE(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	SAFE(mkdir("ns", 0755));
	SAFE(mkdir("na", 0755));
	SAFE(mkdir("rel", 0755));
	SAFE(mkdir("st", 0755));

	/* nosymfollow */
	if (mount("ltp", "ns", "tmpfs", MS_NOSYMFOLLOW, NULL) < 0) {
		if (errno == EINVAL)
			t_res(TINFO, "MS_NOSYMFOLLOW not known here");
	} else {
		t_write_file("ns/target", "t", 0644);
		SAFE(symlink("target", "ns/link"));
		SAFE(symlink("ns/target", "into"));
		EXPECT_FAIL(open("ns/link", O_RDONLY), ELOOP);
		EXPECT_FAIL(access("ns/link", F_OK), ELOOP);
		EXPECT_EQ(readlink("ns/link", buf, sizeof(buf)), 6);
		EXPECT_OK(access("into", F_OK));
		SAFE(umount("ns"));
	}

	now = time(NULL);
	future = now + 3600;

	/* noatime: nothing changes. */
	SAFE(mount("ltp", "na", "tmpfs", MS_NOATIME, NULL));
	t_write_file("na/f", "data", 0644);
	set_atime("na/f", 1000);
	read_file("na/f");
	EXPECT_EQ(atime_of("na/f"), 1000);

	/* relatime (the default): an old atime is updated, a recent one
	 * after the mtime and ctime is not. */
	SAFE(mount("ltp", "rel", "tmpfs", MS_NODIRATIME, NULL));
	t_write_file("rel/f", "data", 0644);
	SAFE(mkdir("rel/d", 0755));
	set_atime("rel/f", 1000);
	read_file("rel/f");
	EXPECT(atime_of("rel/f") >= now);
	set_atime("rel/f", future);
	read_file("rel/f");
	EXPECT_EQ(atime_of("rel/f"), future);
	/* nodiratime: a directory's atime stays. */
	set_atime("rel/d", 1000);
	read_dir("rel/d");
	EXPECT_EQ(atime_of("rel/d"), 1000);

	/* strictatime: every read. */
	SAFE(mount("ltp", "st", "tmpfs", MS_STRICTATIME, NULL));
	t_write_file("st/f", "data", 0644);
	SAFE(mkdir("st/d", 0755));
	set_atime("st/f", future);
	read_file("st/f");
	EXPECT(atime_of("st/f") < future);
	set_atime("st/d", 1000);
	read_dir("st/d");
	EXPECT(atime_of("st/d") >= now);

	SAFE(umount("na"));
	SAFE(umount("rel"));
	SAFE(umount("st"));
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
