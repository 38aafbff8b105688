/*
 * Concurrency: several kthreads create, rename (across two directories,
 * over each other's names), link, unlink, mkdir, rmdir and list the same
 * directories at once. Errors like ENOENT/EEXIST/ENOTEMPTY are expected;
 * what must hold is no crash, no deadlock, and consistent counts at the
 * end (each directory's nlink and an empty tree once all is removed).
 */
#include <kernel/random.h>

#include "vfs_test.h"

#define STRESS_THREADS 4
#define STRESS_ROUNDS 400

static bool count_actor(struct dir_context *c, const char *name, int len, s64 pos, u64 ino,
			unsigned type)
{
	return true;
}

static int stress_fn(void *arg)
{
	static const char *const dirs[] = { "/tmp/st/a", "/tmp/st/b", "/tmp/st/a/sub" };
	long *bad = arg;
	char p1[48], p2[48];

	for (int i = 0; i < STRESS_ROUNDS; i++) {
		u32 r = get_random_u32();
		const char *d1 = dirs[r % 3], *d2 = dirs[(r >> 2) % 3];
		int err = 0;

		snprintf(p1, sizeof(p1), "%s/n%u", d1, (r >> 4) % 8);
		snprintf(p2, sizeof(p2), "%s/n%u", d2, (r >> 8) % 8);
		switch ((r >> 12) % 7) {
		case 0:
			err = vt_write(p1, "data", 0);
			break;
		case 1:
			err = vfs_renameat2(LINUX_AT_FDCWD, p1, LINUX_AT_FDCWD, p2, 0);
			break;
		case 2:
			err = vfs_unlinkat(LINUX_AT_FDCWD, p1);
			break;
		case 3:
			err = vfs_mkdirat(LINUX_AT_FDCWD, p1, 0755);
			break;
		case 4:
			err = vfs_rmdirat(LINUX_AT_FDCWD, p1);
			break;
		case 5:
			err = vfs_linkat(LINUX_AT_FDCWD, p1, LINUX_AT_FDCWD, p2, 0);
			break;
		case 6: {
			struct dir_context ctx = { .actor = count_actor };
			struct file *f = filp_open(d1, LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);

			if (!IS_ERR(f)) {
				err = vfs_iterate_dir(f, &ctx);
				fput(f);
			}
			break;
		}
		}
		if (err && err != -ENOENT && err != -EEXIST && err != -ENOTEMPTY &&
		    err != -ENOTDIR && err != -EISDIR && err != -EPERM && err != -EINVAL &&
		    err != -EBUSY)
			*bad = err;
	}
	return 0;
}

KTEST(vfs_stress_names)
{
	struct task *t[STRESS_THREADS];
	long bad[STRESS_THREADS] = { 0 };
	struct kstat st;

	vfs_test_setup();
	vt_rm_rf("/tmp/st");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/st", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/st/a", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/st/b", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/st/a/sub", 0755), 0);
	for (int i = 0; i < STRESS_THREADS; i++) {
		t[i] = kthread_run(stress_fn, &bad[i], "vfs-stress");
		KT_ASSERT(t[i]);
	}
	for (int i = 0; i < STRESS_THREADS; i++)
		kthread_join(t[i]);
	for (int i = 0; i < STRESS_THREADS; i++)
		KT_ASSERT_MSG(!bad[i], "thread %d: unexpected error %ld", i, bad[i]);
	/* Link counts must agree with what is there. */
	KT_ASSERT_EQ(vt_stat("/tmp/st", &st, true), 0);
	KT_ASSERT_EQ(st.nlink, 4);
	vt_rm_rf("/tmp/st/a");
	vt_rm_rf("/tmp/st/b");
	KT_ASSERT_EQ(vt_stat("/tmp/st", &st, true), 0);
	KT_ASSERT_EQ(st.nlink, 2);
	KT_ASSERT_EQ(st.size, 40);
	KT_ASSERT_EQ(vfs_rmdirat(LINUX_AT_FDCWD, "/tmp/st"), 0);
}
