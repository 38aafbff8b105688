/*
 * procfs in-kernel tests: a process's directory appears while it lives,
 * shows Z while it is a zombie and vanishes once reaped (no stale dentry
 * served from the cache, an open file of it reads ESRCH); /proc readdir
 * lists live pids; self/thread-self links; seq_file rewind; hostname
 * written through /proc/sys.
 */
#include <kernel/procfs.h>
#include <stdlib.h>

#include "proc_test.h"
#include "vfs_test.h"

/* ktests run before userspace: /proc is mounted by start_userspace. */
static void procfs_test_setup(void)
{
	vfs_test_setup();
	procfs_mount();
}

static struct completion child_go;

static int child_waits(void *arg)
{
	wait_for_completion(&child_go);
	return 3;
}

/* The state letter of /proc/PID/stat, or 0. */
static char stat_state(pid_t pid, pid_t *ppid)
{
	char path[64], buf[512], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (vt_read(path, buf, sizeof(buf)) <= 0)
		return 0;
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ')
		return 0;
	if (ppid)
		*ppid = strtol(p + 4, NULL, 10);
	return p[2];
}

struct find_ctx {
	struct dir_context ctx;
	const char *want;
	bool found;
	int n;
};

static bool find_actor(struct dir_context *c, const char *name, int len, s64 pos, u64 ino,
		       unsigned type)
{
	struct find_ctx *f = container_of(c, struct find_ctx, ctx);

	f->n++;
	if ((int)strlen(f->want) == len && !memcmp(name, f->want, len))
		f->found = true;
	return true;
}

static bool dir_has(const char *dir, const char *name)
{
	struct find_ctx f = { .ctx.actor = find_actor, .want = name };
	struct file *d = filp_open(dir, LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);

	if (IS_ERR(d))
		return false;
	vfs_iterate_dir(d, &f.ctx);
	fput(d);
	return f.found;
}

static int lifecycle_body(void *arg)
{
	char path[64], name[16], buf[256];
	struct file *f;
	pid_t pid, ppid = 0;
	u64 pos = 0;
	int st;

	init_completion(&child_go);
	pid = pt_spawn(child_waits, NULL);
	PT_CHECK(pid > 0);
	snprintf(path, sizeof(path), "/proc/%d", pid);
	snprintf(name, sizeof(name), "%d", pid);
	PT_CHECK(vt_exists(path));
	PT_CHECK(dir_has("/proc", name));
	/* Once it sleeps in wait_for_completion: uninterruptible, D. */
	for (int i = 0; i < 500 && stat_state(pid, NULL) != 'D'; i++)
		msleep(2);
	PT_EQ(stat_state(pid, &ppid), 'D');
	PT_EQ(ppid, task_tgid_nr(current));
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = filp_open(path, LINUX_O_RDONLY, 0);
	PT_CHECK(!IS_ERR(f));

	/* A zombie still has its directory, state Z. */
	complete(&child_go);
	for (int i = 0; i < 500 && stat_state(pid, NULL) != 'Z'; i++)
		msleep(2);
	PT_EQ(stat_state(pid, NULL), 'Z');
	st = pt_wait(pid, 0, NULL);
	PT_EQ(st, 3 << 8);

	/* Reaped: gone by path (twice: no cached dentry), and the file that
	 * was open reads ESRCH. */
	snprintf(path, sizeof(path), "/proc/%d", pid);
	PT_CHECK(!vt_exists(path));
	PT_CHECK(!vt_exists(path));
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	PT_EQ(vt_read(path, buf, sizeof(buf)), -ENOENT);
	PT_CHECK(!dir_has("/proc", name));
	PT_EQ(kernel_read(f, buf, sizeof(buf), &pos), -ESRCH);
	fput(f);
	return 0;
}

KTEST(procfs_pid_lifecycle)
{
	procfs_test_setup();
	PT_RUN(lifecycle_body, NULL);
}

static int self_body(void *arg)
{
	char buf[64], want[64], path[64];
	ssize_t n;

	n = vfs_readlinkat(LINUX_AT_FDCWD, "/proc/self", buf, sizeof(buf) - 1);
	PT_CHECK(n > 0);
	buf[n] = 0;
	snprintf(want, sizeof(want), "%d", task_tgid_nr(current));
	PT_CHECK(!strcmp(buf, want));
	n = vfs_readlinkat(LINUX_AT_FDCWD, "/proc/thread-self", buf, sizeof(buf) - 1);
	PT_CHECK(n > 0);
	buf[n] = 0;
	snprintf(want, sizeof(want), "%d/task/%d", task_tgid_nr(current), current->tid);
	PT_CHECK(!strcmp(buf, want));
	/* Through the link: our own status names us. */
	PT_CHECK(vt_read("/proc/self/status", buf, sizeof(buf)) > 0);
	PT_CHECK(!strncmp(buf, "Name:\tkproc\n", 12));
	snprintf(path, sizeof(path), "/proc/self/task/%d", current->tid);
	PT_CHECK(vt_exists(path));
	PT_CHECK(!vt_exists("/proc/self/task/999999"));
	PT_CHECK(!vt_exists("/proc/self/nonesuch"));
	PT_CHECK(!vt_exists("/proc/0"));
	PT_CHECK(!vt_exists("/proc/01"));
	return 0;
}

KTEST(procfs_self)
{
	procfs_test_setup();
	PT_RUN(self_body, NULL);
}

KTEST(procfs_seq_rewind)
{
	struct file *f;
	char a[64], b[64];
	u64 pos = 0;
	ssize_t n1, n2;

	procfs_test_setup();
	f = filp_open("/proc/meminfo", LINUX_O_RDONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	/* Small reads see one snapshot; reading from 0 again regenerates. */
	n1 = kernel_read(f, a, 9, &pos);
	KT_ASSERT_EQ(n1, 9);
	KT_ASSERT(!memcmp(a, "MemTotal:", 9));
	n2 = kernel_read(f, b, 7, &pos);
	KT_ASSERT_EQ(n2, 7);
	KT_ASSERT(!memcmp(b, "       ", 7));
	pos = 0;
	KT_ASSERT_EQ(kernel_read(f, a, 9, &pos), 9);
	KT_ASSERT(!memcmp(a, "MemTotal:", 9));
	fput(f);
	/* Root may open a read-only entry for writing; the write is EIO, as Linux. */
	f = filp_open("/proc/meminfo", LINUX_O_WRONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	pos = 0;
	KT_ASSERT_EQ(kernel_write(f, "x", 1, &pos), -EIO);
	fput(f);
}

KTEST(procfs_hostname)
{
	char old[80], buf[80];

	procfs_test_setup();
	KT_ASSERT(vt_read("/proc/sys/kernel/hostname", old, sizeof(old)) > 0);
	KT_ASSERT_EQ(vt_write("/proc/sys/kernel/hostname", "ktest-host\n", LINUX_O_TRUNC), 0);
	KT_ASSERT(vt_read("/proc/sys/kernel/hostname", buf, sizeof(buf)) > 0);
	KT_ASSERT(!strcmp(buf, "ktest-host\n"));
	uts_set_name(false, old, strlen(old) - 1);
	KT_ASSERT(vt_read("/proc/sys/kernel/ostype", buf, sizeof(buf)) > 0);
	KT_ASSERT(!strcmp(buf, "Linux\n"));
	KT_ASSERT(dir_has("/proc", "self"));
	KT_ASSERT(dir_has("/proc/sys/kernel/random", "boot_id"));
}

static int perm_body(void *arg)
{
	char path[64], buf[64];
	struct cred *c;
	struct file *f;
	pid_t pid;

	init_completion(&child_go);
	pid = pt_spawn(child_waits, NULL);   /* stays root */
	PT_CHECK(pid > 0);
	c = prepare_creds();
	PT_CHECK(c);
	c->uid = c->euid = c->suid = c->fsuid = 1000;
	c->cap_effective = c->cap_permitted = 0;   /* an unprivileged user, as after setuid */
	c->gid = c->egid = c->sgid = c->fsgid = 1000;
	commit_creds(c);
	/* The change made us non-dumpable (root-owned /proc files, as Linux);
	 * a program that wants its own back says so. */
	PT_EQ(proc_prctl(4 /* PR_SET_DUMPABLE */, 1, 0, 0, 0), 0);

	/* Another user's process: stat is public, environ, fd/, maps, exe are not. */
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	PT_CHECK(vt_read(path, buf, sizeof(buf)) > 0);
	snprintf(path, sizeof(path), "/proc/%d/environ", pid);
	PT_EQ(vt_read(path, buf, sizeof(buf)), -EACCES);
	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	PT_EQ(vt_read(path, buf, sizeof(buf)), -EACCES);
	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	f = filp_open(path, LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	PT_EQ(PTR_ERR(f), -EACCES);
	snprintf(path, sizeof(path), "/proc/%d/cwd", pid);
	PT_EQ(vfs_readlinkat(LINUX_AT_FDCWD, path, buf, sizeof(buf)), -EACCES);
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	PT_EQ(vt_write(path, "x", 0), -EACCES);   /* 0644, owned by root */

	/* Our own: owned by our new ids. */
	PT_EQ(vt_read("/proc/self/environ", buf, sizeof(buf)), 0);
	f = filp_open("/proc/self/fd", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	PT_CHECK(!IS_ERR(f));
	fput(f);
	PT_EQ(vfs_readlinkat(LINUX_AT_FDCWD, "/proc/self/cwd", buf, sizeof(buf)), 1);
	PT_EQ(vt_write("/proc/sys/kernel/hostname", "nope", 0), -EACCES);
	complete(&child_go);
	PT_EQ(pt_wait(pid, 0, NULL), 3 << 8);
	return 0;
}

KTEST(procfs_permissions)
{
	procfs_test_setup();
	PT_RUN(perm_body, NULL);
}
