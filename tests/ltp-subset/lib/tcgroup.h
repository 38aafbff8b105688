/*
 * Helpers for the cgroup v2 tests: a private mount of the cgroup2
 * hierarchy (every mount shows the same tree), the directory of the
 * caller's own cgroup in it, and small file reads and writes.
 */
#ifndef LTP_SUBSET_TCGROUP_H
#define LTP_SUBSET_TCGROUP_H

#include <sys/mount.h>

#include "harness.h"

static char tcg_mnt[512], tcg_home[1024];

/* Mount cgroup2 under the test's directory; TCONF if the system has none.
 * tcg_home: the directory of the cgroup this process is in. */
static inline void tcg_setup(void)
{
	char self[512], *p;

	snprintf(tcg_mnt, sizeof(tcg_mnt), "%s/cg", t_tmpdir());
	SAFE(mkdir(tcg_mnt, 0755));
	if (mount("cgroup2", tcg_mnt, "cgroup2", 0, NULL) < 0)
		t_brk(TCONF | TERRNO, "mount cgroup2");
	if (t_read_file("/proc/self/cgroup", self, sizeof(self)) < 0)
		t_brk(TBROK | TERRNO, "read /proc/self/cgroup");
	p = strstr(self, "0::");
	if (!p)
		t_brk(TCONF, "no cgroup v2 line in /proc/self/cgroup: %s", self);
	p += 3;
	p[strcspn(p, "\n")] = 0;
	snprintf(tcg_home, sizeof(tcg_home), "%s%s", tcg_mnt, strcmp(p, "/") ? p : "");
}

static inline void tcg_cleanup(void)
{
	if (tcg_mnt[0])
		umount2(tcg_mnt, MNT_DETACH);
}

/* Write text to a file; returns 0 or -1 with errno (EXPECT_FAIL-able). */
static inline int tcg_write(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY), err;
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	err = errno;
	close(fd);
	errno = err;
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static inline void tcg_read(const char *path, char *buf, size_t size)
{
	if (t_read_file(path, buf, size) < 0)
		t_brk(TBROK | TERRNO, "read %s", path);
}

/* Move the caller's whole process into dir's cgroup. */
static inline void tcg_enter(const char *dir)
{
	char path[1200];

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	if (tcg_write(path, "0"))
		t_brk(TBROK | TERRNO, "write 0 to %s", path);
}

#endif
