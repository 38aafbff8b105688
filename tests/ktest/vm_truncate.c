/*
 * Truncation and file mappings (kernel/mm/vm_rmap.c): ftruncate shrinking
 * a mapped file clears the entries past the new end in every mm that maps
 * it (shared pages and private copy-on-write copies alike), so the next
 * touch is SIGBUS (-EIO); the partial last page keeps its head and reads
 * zeros past EOF; growing the file again makes the tail read zeros.
 * vm_file_truncate runs on the root tmpfs; vm_file_truncate_ext4 (manual:
 * needs an ext4 image on /dev/vda, e.g. a copy of build/store.img) on ext4.
 */
#include <kernel/fs.h>
#include <linuxabi/uapi/fcntl.h>
#include <string.h>

#include "vfs_test.h"
#include "vm_test.h"

static const char *trunc_path;

static int trunc_body(struct mm *mm)
{
	static char buf[4 * PAGE_SIZE];
	struct file *f = filp_open(trunc_path, LINUX_O_CREAT | LINUX_O_RDWR | LINUX_O_TRUNC, 0644);
	struct mm *child;
	long s, p;
	u64 pos = 0, v;
	char c;

	VT_CHECK(!IS_ERR(f));
	memset(buf, 'a', sizeof(buf));
	VT_EQ(kernel_write(f, buf, sizeof(buf), &pos), sizeof(buf));
	s = vm_mmap(mm, 0, 4 * PAGE_SIZE, PROT_RW, LINUX_MAP_SHARED, f, 0);
	p = vm_mmap(mm, 0, 4 * PAGE_SIZE, PROT_RW, LINUX_MAP_PRIVATE, f, 0);
	VT_CHECK(s > 0 && p > 0);
	for (int i = 0; i < 4; i++)
		VT_EQ(vt_get(s + i * PAGE_SIZE, &v), 0);
	/* A private copy of page 2, and page 3 mapped from the cache. */
	VT_EQ(vt_put(p + 2 * PAGE_SIZE, 0x6262626262626262ULL), 0);
	VT_EQ(vt_get(p + 3 * PAGE_SIZE, &v), 0);
	VT_CHECK(vt_page(mm, p + 2 * PAGE_SIZE)->flags & PG_anon);
	/* A second mm (fork) maps the same pages. */
	child = mm_fork(mm);
	VT_CHECK(child);

	VT_EQ(vfs_ftruncate(f, PAGE_SIZE + 100), 0);
	/* Past the end: gone from both mms, and SIGBUS on the next touch. */
	VT_EQ(vt_pte(mm, s + 2 * PAGE_SIZE) & PTE_P, 0);
	VT_EQ(vt_pte(mm, s + 3 * PAGE_SIZE) & PTE_P, 0);
	VT_EQ(vt_pte(mm, p + 2 * PAGE_SIZE) & PTE_P, 0);
	VT_EQ(vt_pte(mm, p + 3 * PAGE_SIZE) & PTE_P, 0);
	VT_EQ(mm_handle_fault(mm, s + 2 * PAGE_SIZE, PF_USER), -EIO);
	VT_EQ(mm_handle_fault(mm, p + 2 * PAGE_SIZE, PF_USER | PF_WRITE), -EIO);
	VT_EQ(vm_access(child, s + 3 * PAGE_SIZE, &c, 1, false), -EFAULT);
	VT_EQ(vm_access(child, p + 2 * PAGE_SIZE, &c, 1, false), -EFAULT);
	/* The partial last page stays, zeros past EOF. */
	VT_EQ(copy_from_user(&c, (void __user *)(s + PAGE_SIZE + 99), 1), 0);
	VT_EQ(c, 'a');
	VT_EQ(copy_from_user(&c, (void __user *)(s + PAGE_SIZE + 100), 1), 0);
	VT_EQ(c, 0);
	VT_EQ(vm_access(child, s + PAGE_SIZE + 100, &c, 1, false), 1);
	VT_EQ(c, 0);
	VT_EQ(vm_access(child, s, &c, 1, false), 1);
	VT_EQ(c, 'a');

	/* Grown again: the new part reads zeros through every mapping. */
	VT_EQ(vfs_ftruncate(f, 4 * PAGE_SIZE), 0);
	VT_EQ(vt_get(s + 3 * PAGE_SIZE, &v), 0);
	VT_EQ(v, 0);
	VT_EQ(vt_get(p + 2 * PAGE_SIZE, &v), 0);
	VT_EQ(v, 0);
	VT_EQ(vm_access(child, s + 2 * PAGE_SIZE + 8, &v, 8, false), 8);
	VT_EQ(v, 0);
	mm_put(child);
	/* Unmapped VMAs leave the file's list (no stale entries to walk). */
	VT_EQ(vm_munmap(mm, s, 4 * PAGE_SIZE), 0);
	VT_EQ(vm_munmap(mm, p, 4 * PAGE_SIZE), 0);
	VT_EQ(f->f_inode->i_mapping->i_mmap_nr, 0);
	VT_EQ(vfs_ftruncate(f, 0), 0);
	fput(f);
	return 0;
}

static void run_trunc(const char *path)
{
	struct fs_struct *saved = current->fs;

	if (!saved) {
		current->fs = fs_struct_create();
		KT_ASSERT(current->fs);
	}
	trunc_path = path;
	KT_ASSERT(vt_run(trunc_body));
	vfs_unlinkat(LINUX_AT_FDCWD, path);
	if (!saved) {
		fs_struct_put(current->fs);
		current->fs = NULL;
	}
}

KTEST(vm_file_truncate)
{
	run_trunc("/vm_ktest_trunc");
}

KTEST_FLAGS(vm_file_truncate_ext4, KTEST_MANUAL)
{
	vfs_test_setup();
	vfs_mkdirat(LINUX_AT_FDCWD, "/mnt_trunc", 0755);
	KT_ASSERT_EQ(vfs_mount("/dev/vda", "/mnt_trunc", "ext4", 0, NULL), 0);
	run_trunc("/mnt_trunc/vm_ktest_trunc");
	KT_ASSERT_EQ(vfs_umount("/mnt_trunc", 0), 0);
}
