/*
 * proc01: read every file under /proc/self (and the system-wide files ps,
 * top and free read): each regular file reads to its end or fails with an
 * errno Linux uses for unreadable proc files, never hangs or faults; every
 * symlink reads; the files procps parses are there and not empty; reading
 * again after lseek(0) starts over.
 */
#include "harness.h"

#include <dirent.h>

#define READ_CAP (256 * 1024)   /* pagemap and friends are huge: sample them */

static int files, links, failures;

static int allowed_errno(int e)
{
	return e == EACCES || e == EPERM || e == EINVAL || e == EIO || e == ENXIO ||
	       e == ESRCH || e == EOPNOTSUPP || e == ENODATA || e == ENOENT;
}

static void read_one(const char *path)
{
	static char buf[65536];
	size_t total = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NONBLOCK);

	if (fd < 0) {
		if (!allowed_errno(errno)) {
			t_res(TFAIL | TERRNO, "open %s", path);
			failures++;
		}
		return;
	}
	while (total < READ_CAP && (n = read(fd, buf, sizeof(buf))) > 0)
		total += n;
	if (total < READ_CAP && n < 0 && !allowed_errno(errno) && errno != EAGAIN) {
		t_res(TFAIL | TERRNO, "read %s", path);
		failures++;
	}
	close(fd);
	files++;
}

static void walk(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d) {
		if (!allowed_errno(errno)) {
			t_res(TFAIL | TERRNO, "opendir %s", dir);
			failures++;
		}
		return;
	}
	while ((e = readdir(d))) {
		char path[4096], target[4096];
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &st) < 0)
			continue;   /* gone meanwhile (fd/3 of the directory stream) */
		if (S_ISLNK(st.st_mode)) {
			if (readlink(path, target, sizeof(target)) < 0 && !allowed_errno(errno)) {
				t_res(TFAIL | TERRNO, "readlink %s", path);
				failures++;
			}
			links++;
		} else if (S_ISDIR(st.st_mode)) {
			if (depth < 4)
				walk(path, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			read_one(path);
		}
	}
	closedir(d);
}

static void must_read(const char *path)
{
	char buf[8192];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (!EXPECT_MSG(fd >= 0, "open %s", path))
		return;
	n = read(fd, buf, sizeof(buf));
	EXPECT_MSG(n > 0, "%s is not empty", path);
	/* After a rewind the text starts over. */
	if (n > 0) {
		char again[16];

		EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
		/* (uptime and loadavg change as they are read) */
		EXPECT_MSG(read(fd, again, sizeof(again)) > 0 &&
			   (!memcmp(again, buf, 4) || strstr(path, "uptime") ||
			    strstr(path, "loadavg")),
			   "%s reads again from 0", path);
	}
	close(fd);
}

static void run(void)
{
	static const char *const self_files[] = {
		"stat", "statm", "status", "cmdline", "comm", "maps", "mounts", "mountinfo",
		"cgroup", "limits", "oom_score_adj", "uid_map", "gid_map", "smaps_rollup",
	};
	static const char *const sys_files[] = {
		"/proc/meminfo", "/proc/cpuinfo", "/proc/stat", "/proc/uptime", "/proc/loadavg",
		"/proc/version", "/proc/cmdline", "/proc/filesystems", "/proc/mounts",
		"/proc/sys/kernel/osrelease", "/proc/sys/kernel/ostype", "/proc/sys/kernel/pid_max",
		"/proc/sys/kernel/hostname",
	};
	static const char *const link_names[] = { "/proc/self/exe", "/proc/self/cwd",
						  "/proc/self/root", "/proc/self/ns/mnt" };
	char path[256], target[256];

	for (size_t i = 0; i < sizeof(self_files) / sizeof(self_files[0]); i++) {
		snprintf(path, sizeof(path), "/proc/self/%s", self_files[i]);
		must_read(path);
	}
	for (size_t i = 0; i < sizeof(sys_files) / sizeof(sys_files[0]); i++)
		must_read(sys_files[i]);
	for (size_t i = 0; i < sizeof(link_names) / sizeof(link_names[0]); i++)
		EXPECT_MSG(readlink(link_names[i], target, sizeof(target)) > 0, "readlink %s",
			   link_names[i]);
	walk("/proc/self", 0);
	EXPECT_MSG(failures == 0, "read %d files and %d links under /proc/self", files, links);
	EXPECT(files >= 20 && links >= 4);
}

const struct t_test t_test = { .run = run, .timeout = 60 };
