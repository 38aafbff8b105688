/*
 * File tests through the kernel-level calls: create, read, write, append,
 * truncate, unlink while open, hard links and link counts, rename (plain,
 * over a file, NOREPLACE, EXCHANGE, into its own subdirectory), rmdir of
 * a non-empty directory, readdir that survives deletions, the page cache
 * seen through file_get_page, the fd table, O_TMPFILE.
 */
#include "vfs_test.h"

KTEST(vfs_files_rw)
{
	struct kstat st;
	struct file *f, *g;
	char buf[64];
	u64 pos = 0;

	vfs_test_setup();
	vt_rm_rf("/tmp/f");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/f", 0755), 0);
	KT_ASSERT_EQ(vt_write("/tmp/f/a", "hello", 0), 0);
	KT_ASSERT_EQ(vt_write("/tmp/f/a", " world", LINUX_O_APPEND), 0);
	KT_ASSERT_EQ(vt_read("/tmp/f/a", buf, sizeof(buf)), 11);
	KT_ASSERT(!strcmp(buf, "hello world"));
	KT_ASSERT_EQ(vt_stat("/tmp/f/a", &st, true), 0);
	KT_ASSERT_EQ(st.size, 11);
	KT_ASSERT_EQ(st.mode, S_IFREG | 0644);   /* umask 022 */
	KT_ASSERT_EQ(st.nlink, 1);
	KT_ASSERT_EQ(vt_write("/tmp/f/a", "HE", 0), 0);   /* overwrite in place */
	KT_ASSERT_EQ(vt_read("/tmp/f/a", buf, sizeof(buf)), 11);
	KT_ASSERT(!strcmp(buf, "HEllo world"));
	KT_ASSERT_EQ(vt_write("/tmp/f/a", "x", LINUX_O_TRUNC), 0);
	KT_ASSERT_EQ(vt_read("/tmp/f/a", buf, sizeof(buf)), 1);

	/* A sparse file: the hole reads as zeroes; truncate shrinks and grows. */
	f = filp_open("/tmp/f/sparse", LINUX_O_RDWR | LINUX_O_CREAT, 0600);
	KT_ASSERT(!IS_ERR(f));
	pos = 3 * PAGE_SIZE + 10;
	KT_ASSERT_EQ(kernel_write(f, "end", 3, &pos), 3);
	KT_ASSERT_EQ(file_size(f), 3 * PAGE_SIZE + 13);
	pos = PAGE_SIZE;
	memset(buf, 1, sizeof(buf));
	KT_ASSERT_EQ(kernel_read(f, buf, sizeof(buf), &pos), sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		KT_ASSERT_EQ(buf[i], 0);
	KT_ASSERT_EQ(vfs_ftruncate(f, 5), 0);
	KT_ASSERT_EQ(file_size(f), 5);
	KT_ASSERT_EQ(vfs_ftruncate(f, 100), 0);
	pos = 0;
	KT_ASSERT_EQ(kernel_read(f, buf, sizeof(buf), &pos), sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		KT_ASSERT_EQ(buf[i], 0);
	/* The page cache page is what file_get_page maps. */
	pos = 0;
	KT_ASSERT_EQ(kernel_write(f, "mapped", 6, &pos), 6);
	{
		struct page *p = file_get_page(f, 0);

		KT_ASSERT(!IS_ERR_OR_NULL(p));
		KT_ASSERT(!memcmp(page_address(p), "mapped", 6));
		memcpy(page_address(p), "MAPPED", 6);   /* as a MAP_SHARED store would */
		file_put_page(p);
		KT_ASSERT_EQ(file_get_page(f, 1), NULL);   /* past EOF */
	}
	pos = 0;
	KT_ASSERT_EQ(kernel_read(f, buf, 6, &pos), 6);
	KT_ASSERT(!memcmp(buf, "MAPPED", 6));
	fput(f);

	/* Unlink while open: the data stays reachable through the file. */
	KT_ASSERT_EQ(vt_write("/tmp/f/tmp", "still here", 0), 0);
	f = filp_open("/tmp/f/tmp", LINUX_O_RDONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_ASSERT_EQ(vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/f/tmp"), 0);
	KT_ASSERT(!vt_exists("/tmp/f/tmp"));
	pos = 0;
	KT_ASSERT_EQ(kernel_read(f, buf, sizeof(buf) - 1, &pos), 10);
	KT_ASSERT_EQ(f->f_inode->i_nlink, 0);
	fput(f);
	KT_ASSERT_EQ(vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/f/tmp"), -ENOENT);

	/* Errors of open */
	f = filp_open("/tmp/f", LINUX_O_WRONLY, 0);
	KT_ASSERT_EQ(PTR_ERR(f), -EISDIR);
	f = filp_open("/tmp/f/a", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	KT_ASSERT_EQ(PTR_ERR(f), -ENOTDIR);
	f = filp_open("/tmp/f/new/", LINUX_O_WRONLY | LINUX_O_CREAT, 0644);
	KT_ASSERT_EQ(PTR_ERR(f), -EISDIR);
	f = filp_open("/tmp/f/a", LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_EXCL, 0644);
	KT_ASSERT_EQ(PTR_ERR(f), -EEXIST);
	f = filp_open("/tmp/f/x", LINUX_O_RDONLY | LINUX_O_CREAT | LINUX_O_DIRECTORY, 0644);
	KT_ASSERT_EQ(PTR_ERR(f), -EINVAL);
	f = filp_open("/tmp/f/a", LINUX_O_RDONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	pos = 0;
	KT_ASSERT_EQ(kernel_write(f, "x", 1, &pos), -EBADF);
	KT_ASSERT_EQ(file_accmode(f), LINUX_O_RDONLY);
	KT_ASSERT(f->f_flags & LINUX_O_LARGEFILE);
	fput(f);

	/* O_TMPFILE: unnamed until linkat gives it one. */
	f = filp_open("/tmp/f", LINUX_O_TMPFILE | LINUX_O_RDWR, 0600);
	KT_ASSERT(!IS_ERR(f));
	pos = 0;
	KT_ASSERT_EQ(kernel_write(f, "anon", 4, &pos), 4);
	KT_ASSERT_EQ(f->f_inode->i_nlink, 0);
	g = filp_open("/tmp/f", LINUX_O_TMPFILE | LINUX_O_RDONLY, 0600);
	KT_ASSERT_EQ(PTR_ERR(g), -EINVAL);
	fput(f);
	vt_rm_rf("/tmp/f");
}

KTEST(vfs_files_names)
{
	struct kstat st, st2;
	char buf[64];

	vfs_test_setup();
	vt_rm_rf("/tmp/n");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/n", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/n/d", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/n/d/sub", 0755), 0);
	KT_ASSERT_EQ(vt_stat("/tmp/n/d", &st, true), 0);
	KT_ASSERT_EQ(st.nlink, 3);   /* ".", its entry, sub's ".." */
	KT_ASSERT_EQ(vt_write("/tmp/n/a", "A", 0), 0);
	KT_ASSERT_EQ(vt_write("/tmp/n/b", "B", 0), 0);

	/* Hard links */
	KT_ASSERT_EQ(vfs_linkat(LINUX_AT_FDCWD, "/tmp/n/a", LINUX_AT_FDCWD, "/tmp/n/a2", 0), 0);
	KT_ASSERT_EQ(vt_stat("/tmp/n/a", &st, true), 0);
	KT_ASSERT_EQ(vt_stat("/tmp/n/a2", &st2, true), 0);
	KT_ASSERT_EQ(st.ino, st2.ino);
	KT_ASSERT_EQ(st.nlink, 2);
	KT_ASSERT_EQ(vfs_linkat(LINUX_AT_FDCWD, "/tmp/n/d", LINUX_AT_FDCWD, "/tmp/n/d2", 0), -EPERM);
	KT_ASSERT_EQ(vfs_linkat(LINUX_AT_FDCWD, "/tmp/n/a", LINUX_AT_FDCWD, "/tmp/n/b", 0), -EEXIST);
	KT_ASSERT_EQ(vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/n/a"), 0);
	KT_ASSERT_EQ(vt_stat("/tmp/n/a2", &st2, true), 0);
	KT_ASSERT_EQ(st2.nlink, 1);

	/* unlink/rmdir mismatches */
	KT_ASSERT_EQ(vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/n/d"), -EISDIR);
	KT_ASSERT_EQ(vfs_rmdirat(LINUX_AT_FDCWD, "/tmp/n/b"), -ENOTDIR);
	KT_ASSERT_EQ(vfs_rmdirat(LINUX_AT_FDCWD, "/tmp/n/d"), -ENOTEMPTY);
	KT_ASSERT_EQ(vfs_rmdirat(LINUX_AT_FDCWD, "/tmp/n/d/sub/."), -EINVAL);
	KT_ASSERT_EQ(vfs_rmdirat(LINUX_AT_FDCWD, "/tmp/n/d/sub/.."), -ENOTEMPTY);
	KT_ASSERT_EQ(vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/n/b/"), -ENOTDIR);

	/* rename */
	KT_ASSERT_EQ(vfs_renameat2(LINUX_AT_FDCWD, "/tmp/n/a2", LINUX_AT_FDCWD, "/tmp/n/c", 0), 0);
	KT_ASSERT(!vt_exists("/tmp/n/a2"));
	KT_ASSERT_EQ(vt_read("/tmp/n/c", buf, sizeof(buf)), 1);
	KT_ASSERT_EQ(buf[0], 'A');
	KT_ASSERT_EQ(vfs_renameat2(LINUX_AT_FDCWD, "/tmp/n/c", LINUX_AT_FDCWD, "/tmp/n/b",
				   LINUX_RENAME_NOREPLACE), -EEXIST);
	KT_ASSERT_EQ(vfs_renameat2(LINUX_AT_FDCWD, "/tmp/n/c", LINUX_AT_FDCWD, "/tmp/n/b",
				   LINUX_RENAME_EXCHANGE), 0);
	KT_ASSERT_EQ(vt_read("/tmp/n/b", buf, sizeof(buf)), 1);
	KT_ASSERT_EQ(buf[0], 'A');
	KT_ASSERT_EQ(vt_read("/tmp/n/c", buf, sizeof(buf)), 1);
	KT_ASSERT_EQ(buf[0], 'B');
	KT_ASSERT_EQ(vfs_renameat2(LINUX_AT_FDCWD, "/tmp/n/c", LINUX_AT_FDCWD, "/tmp/n/b", 0), 0);
	KT_ASSERT(!vt_exists("/tmp/n/c"));
	KT_ASSERT_EQ(vt_read("/tmp/n/b", buf, sizeof(buf)), 1);
	KT_ASSERT_EQ(buf[0], 'B');
	KT_ASSERT_EQ(vfs_renameat2(LINUX_AT_FDCWD, "/tmp/n/d", LINUX_AT_FDCWD, "/tmp/n/d/sub/x", 0),
		     -EINVAL);
	KT_ASSERT_EQ(vfs_renameat2(LINUX_AT_FDCWD, "/tmp/n/d", LINUX_AT_FDCWD, "/tmp/n/b", 0),
		     -ENOTDIR);
	KT_ASSERT_EQ(vfs_renameat2(LINUX_AT_FDCWD, "/tmp/n/b", LINUX_AT_FDCWD, "/tmp/n/d", 0),
		     -EISDIR);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/n/e", 0755), 0);
	KT_ASSERT_EQ(vfs_renameat2(LINUX_AT_FDCWD, "/tmp/n/e", LINUX_AT_FDCWD, "/tmp/n/d", 0),
		     -ENOTEMPTY);
	KT_ASSERT_EQ(vfs_renameat2(LINUX_AT_FDCWD, "/tmp/n/d/sub", LINUX_AT_FDCWD, "/tmp/n/e", 0),
		     0);   /* over an empty directory */
	KT_ASSERT_EQ(vt_stat("/tmp/n/d", &st, true), 0);
	KT_ASSERT_EQ(st.nlink, 2);
	KT_ASSERT_EQ(vfs_renameat2(LINUX_AT_FDCWD, "/tmp/n/e", LINUX_AT_FDCWD, "/tmp/n/d/e2", 0), 0);
	KT_ASSERT_EQ(vt_stat("/tmp/n/d", &st, true), 0);
	KT_ASSERT_EQ(st.nlink, 3);
	KT_ASSERT_EQ(vfs_renameat2(LINUX_AT_FDCWD, "/tmp/n/nope", LINUX_AT_FDCWD, "/tmp/n/x", 0),
		     -ENOENT);
	KT_ASSERT_EQ(vfs_renameat2(LINUX_AT_FDCWD, "/tmp/n/b", LINUX_AT_FDCWD, "/tmp/n/b", 0), 0);
	vt_rm_rf("/tmp/n");
	KT_ASSERT(!vt_exists("/tmp/n"));
}

/* readdir: names seen, and deleting behind the cursor skips nothing. */
struct collect {
	struct dir_context ctx;
	int count;
	int limit;
	char seen[200];
};

static bool collect_actor(struct dir_context *c, const char *name, int len, s64 pos, u64 ino,
			  unsigned type)
{
	struct collect *k = container_of(c, struct collect, ctx);

	if (k->count >= k->limit)
		return false;
	k->count++;
	if (len >= 2 && name[0] == 'f') {
		int n = 0;

		for (int i = 1; i < len; i++)
			n = n * 10 + (name[i] - '0');
		if (n < 200)
			k->seen[n]++;
	}
	return true;
}

KTEST(vfs_files_readdir)
{
	struct collect *k = kzalloc(sizeof(*k), GFP_KERNEL);
	struct file *d;
	char name[32];

	KT_ASSERT(k);
	vfs_test_setup();
	vt_rm_rf("/tmp/r");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/r", 0755), 0);
	for (int i = 0; i < 150; i++) {
		snprintf(name, sizeof(name), "/tmp/r/f%d", i);
		KT_ASSERT_EQ(vt_write(name, "x", 0), 0);
	}
	d = filp_open("/tmp/r", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	KT_ASSERT(!IS_ERR(d));
	k->ctx.actor = collect_actor;
	/* Read in batches of 20 and delete what was read, as rm -r does. */
	for (int round = 0; round < 20; round++) {
		int before = k->count;

		k->limit = k->count + 20;
		KT_ASSERT_EQ(vfs_iterate_dir(d, &k->ctx), 0);
		if (k->count == before)
			break;
		for (int i = 0; i < 150; i++) {
			if (k->seen[i] == 1) {
				snprintf(name, sizeof(name), "/tmp/r/f%d", i);
				vfs_unlinkat(LINUX_AT_FDCWD, name);
				k->seen[i] = 2;
			}
		}
		/* New entries made during the walk may appear; old ones must not repeat. */
		if (round == 2)
			KT_ASSERT_EQ(vt_write("/tmp/r/f199", "late", 0), 0);
	}
	fput(d);
	KT_ASSERT_EQ(k->count, 2 + 150 + 1);   /* ".", "..", all, and the late one */
	for (int i = 0; i < 150; i++)
		KT_ASSERT_MSG(k->seen[i] == 2, "f%d seen %d times", i, k->seen[i]);
	KT_ASSERT_EQ(vfs_rmdirat(LINUX_AT_FDCWD, "/tmp/r"), -ENOTEMPTY);
	KT_ASSERT_EQ(vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/r/f199"), 0);
	KT_ASSERT_EQ(vfs_rmdirat(LINUX_AT_FDCWD, "/tmp/r"), 0);
	kfree(k);
}

KTEST(vfs_files_fdtable)
{
	struct files_struct *saved = current->files, *mine, *copy;
	struct file *f = NULL;
	int fds[200];

	vfs_test_setup();
	mine = files_create();
	KT_ASSERT(mine);
	current->files = mine;
	KT_ASSERT_EQ(vt_write("/tmp/fdt", "x", 0), 0);
	f = filp_open("/tmp/fdt", LINUX_O_RDONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	for (int i = 0; i < 200; i++) {
		fds[i] = fd_install_new(file_get(f), i & 1);
		KT_ASSERT_EQ(fds[i], i);   /* lowest free, grows past the first 64 */
	}
	KT_ASSERT_EQ(fd_get_cloexec(3), 1);
	KT_ASSERT_EQ(fd_get_cloexec(4), 0);
	KT_ASSERT_EQ(fd_close(5), 0);
	KT_ASSERT_EQ(fd_close(5), -EBADF);
	KT_ASSERT_EQ(fd_install_new(file_get(f), 0), 5);
	KT_ASSERT_EQ(fd_dup2(f, 1000, 1), 1000);
	KT_ASSERT_EQ(fd_get_cloexec(1000), 1);
	KT_ASSERT_EQ(fd_dup2(f, 2000, 0), -EBADF);   /* beyond RLIMIT_NOFILE */
	KT_ASSERT_EQ(fd_alloc(990, 0), 990);
	fd_free_reserved(990);
	KT_ASSERT(fget(990) == NULL);
	copy = files_fork(mine);
	KT_ASSERT(copy);
	files_close_on_exec(copy);
	current->files = copy;
	{
		struct file *g = fget(3);   /* odd fds were close-on-exec */

		KT_ASSERT(g == NULL);
		g = fget(4);
		KT_ASSERT(g == f);
		fput(g);
		KT_ASSERT(fget(1000) == NULL);
	}
	current->files = mine;
	files_put(copy);
	KT_ASSERT_EQ(fd_close_range(10, ~0u, false), 0);
	KT_ASSERT(fget(10) == NULL);
	KT_ASSERT(fget(1000) == NULL);
	{
		struct file *g = fget(9);

		KT_ASSERT(g == f);
		fput(g);
	}
	current->files = saved;
	files_put(mine);
	KT_ASSERT_EQ(f->f_count, 1);   /* every table reference is gone */
	fput(f);
	vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/fdt");
}

/* Record locks between two owners (two fd tables), OFD locks and flock. */
KTEST(vfs_files_locks)
{
	struct files_struct *saved = current->files, *a = files_create(), *b = files_create();
	struct linux_flock fl = { 0 };
	struct file *f, *g;

	vfs_test_setup();
	KT_ASSERT(a && b);
	KT_ASSERT_EQ(vt_write("/tmp/lk", "0123456789", 0), 0);
	f = filp_open("/tmp/lk", LINUX_O_RDWR, 0);
	g = filp_open("/tmp/lk", LINUX_O_RDWR, 0);
	KT_ASSERT(!IS_ERR(f) && !IS_ERR(g));

	current->files = a;
	fl = (struct linux_flock){ .l_type = LINUX_F_WRLCK, .l_whence = LINUX_SEEK_SET,
				   .l_start = 2, .l_len = 3 };
	KT_ASSERT_EQ(vfs_fcntl_lock(f, LINUX_F_SETLK, &fl), 0);
	current->files = b;
	fl = (struct linux_flock){ .l_type = LINUX_F_RDLCK, .l_start = 4, .l_len = 1 };
	KT_ASSERT_EQ(vfs_fcntl_lock(g, LINUX_F_SETLK, &fl), -EAGAIN);
	fl = (struct linux_flock){ .l_type = LINUX_F_RDLCK, .l_start = 0, .l_len = 0 };
	KT_ASSERT_EQ(vfs_fcntl_lock(g, LINUX_F_GETLK, &fl), 0);
	KT_ASSERT_EQ(fl.l_type, LINUX_F_WRLCK);
	KT_ASSERT_EQ(fl.l_start, 2);
	KT_ASSERT_EQ(fl.l_len, 3);
	fl = (struct linux_flock){ .l_type = LINUX_F_WRLCK, .l_start = 5, .l_len = 0 };
	KT_ASSERT_EQ(vfs_fcntl_lock(g, LINUX_F_SETLK, &fl), 0);   /* [5, EOF) is free */
	/* Owner a unlocks the middle of its range: [2,3) and [4,5) remain. */
	current->files = a;
	fl = (struct linux_flock){ .l_type = LINUX_F_UNLCK, .l_start = 3, .l_len = 1 };
	KT_ASSERT_EQ(vfs_fcntl_lock(f, LINUX_F_SETLK, &fl), 0);
	current->files = b;
	fl = (struct linux_flock){ .l_type = LINUX_F_WRLCK, .l_start = 3, .l_len = 1 };
	KT_ASSERT_EQ(vfs_fcntl_lock(g, LINUX_F_SETLK, &fl), 0);
	fl = (struct linux_flock){ .l_type = LINUX_F_WRLCK, .l_start = 4, .l_len = 1 };
	KT_ASSERT_EQ(vfs_fcntl_lock(g, LINUX_F_SETLK, &fl), -EAGAIN);
	/* Closing any fd of the file drops the owner's POSIX locks. */
	locks_remove_posix(f, a);
	KT_ASSERT_EQ(vfs_fcntl_lock(g, LINUX_F_SETLK, &fl), 0);
	fl = (struct linux_flock){ .l_type = LINUX_F_WRLCK, .l_whence = 9 };
	KT_ASSERT_EQ(vfs_fcntl_lock(g, LINUX_F_SETLK, &fl), -EINVAL);
	locks_remove_posix(g, b);

	/* flock: per open file, independent of POSIX locks. */
	KT_ASSERT_EQ(vfs_flock(f, 2 /* LOCK_EX */), 0);
	KT_ASSERT_EQ(vfs_flock(g, 1 | 4 /* LOCK_SH|LOCK_NB */), -EWOULDBLOCK);
	KT_ASSERT_EQ(vfs_flock(f, 1 /* LOCK_SH: convert */), 0);
	KT_ASSERT_EQ(vfs_flock(g, 1 | 4), 0);
	KT_ASSERT_EQ(vfs_flock(g, 8 /* LOCK_UN */), 0);
	KT_ASSERT_EQ(vfs_flock(g, 3), -EINVAL);
	current->files = saved;
	fput(f);   /* drops f's flock lock */
	KT_ASSERT_EQ(vfs_flock(g, 2 | 4), 0);
	fput(g);
	files_put(a);
	files_put(b);
	vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/lk");
}
