/*
 * File mappings over the page cache (a tmpfs file made with the vfs's
 * kernel API): private mappings read the file and copy on write, shared
 * ones write to the file itself, SIGBUS (-EIO) past the end of the file,
 * mmap's EACCES/ENODEV/EPERM rules for the file's open mode and type, and
 * shared file pages across fork; /dev/zero maps as anonymous memory.
 * kmain runs vfs_init before the ktests.
 */
#include <kernel/fs.h>
#include <kernel/printk.h>
#include <linuxabi/uapi/fcntl.h>
#include <string.h>

#include "vm_test.h"

#define FILE_BYTES (2 * PAGE_SIZE + 100)
static const char *const path = "/vm_ktest_file";

static struct file *make_file(void)
{
	static char buf[FILE_BYTES];
	struct file *f = filp_open(path, LINUX_O_CREAT | LINUX_O_RDWR | LINUX_O_TRUNC, 0644);
	u64 pos = 0;

	if (IS_ERR(f))
		return f;
	for (size_t i = 0; i < FILE_BYTES; i++)
		buf[i] = 'A' + i / PAGE_SIZE;
	if (kernel_write(f, buf, FILE_BYTES, &pos) != FILE_BYTES) {
		fput(f);
		return ERR_PTR(-EIO);
	}
	return f;
}

static char file_byte(struct file *f, u64 off)
{
	char c = 0;

	kernel_read(f, &c, 1, &off);
	return c;
}

static int file_body(struct mm *mm)
{
	struct file *f = make_file(), *ro, *wo, *dir;
	long p, s, s2;
	char c;
	u64 v;

	VT_CHECK(!IS_ERR(f));

	/* Private: the file's bytes; a write copies; past EOF zeroes, then SIGBUS. */
	p = vm_mmap(mm, 0, 4 * PAGE_SIZE, PROT_RW, LINUX_MAP_PRIVATE, f, 0);
	VT_CHECK(p > 0);
	VT_EQ(copy_from_user(&c, (void __user *)(p + PAGE_SIZE + 5), 1), 0);
	VT_EQ(c, 'B');
	VT_CHECK(!(vt_page(mm, p + PAGE_SIZE)->flags & PG_anon));
	VT_CHECK(!(vt_pte(mm, p + PAGE_SIZE) & PTE_W));
	VT_EQ(copy_from_user(&c, (void __user *)(p + 2 * PAGE_SIZE + 100), 1), 0);
	VT_EQ(c, 0);
	VT_CHECK(vt_get(p + 3 * PAGE_SIZE, &v) != 0);
	VT_EQ(mm_handle_fault(mm, p + 3 * PAGE_SIZE, PF_USER), -EIO);
	c = 'x';
	VT_EQ(copy_to_user((void __user *)p, &c, 1), 0);
	VT_CHECK(vt_page(mm, p)->flags & PG_anon);
	VT_EQ(file_byte(f, 0), 'A');

	/* Shared: writes reach the file and every other mapping of it. */
	s = vm_mmap(mm, 0, 2 * PAGE_SIZE, PROT_RW, LINUX_MAP_SHARED, f, PAGE_SIZE);
	VT_CHECK(s > 0);
	VT_EQ(copy_from_user(&c, (void __user *)s, 1), 0);
	VT_EQ(c, 'B');
	c = 'y';
	VT_EQ(copy_to_user((void __user *)(s + 7), &c, 1), 0);
	VT_EQ(file_byte(f, PAGE_SIZE + 7), 'y');
	VT_CHECK(vt_page(mm, s) == vt_page(mm, p + PAGE_SIZE));
	VT_EQ(copy_from_user(&c, (void __user *)(p + PAGE_SIZE + 7), 1), 0);
	VT_EQ(c, 'y');
	s2 = vm_mmap(mm, 0, PAGE_SIZE, LINUX_PROT_READ, LINUX_MAP_SHARED, f, PAGE_SIZE);
	VT_CHECK(s2 > 0);
	VT_EQ(copy_from_user(&c, (void __user *)(s2 + 7), 1), 0);
	VT_EQ(c, 'y');

	/* Shared file pages stay shared across fork. */
	{
		struct mm *child = mm_fork(mm);

		VT_CHECK(child);
		c = 'z';
		VT_EQ(vm_access(child, s + 8, &c, 1, true), 1);
		mm_put(child);
		VT_EQ(copy_from_user(&c, (void __user *)(s + 8), 1), 0);
		VT_EQ(c, 'z');
		VT_EQ(file_byte(f, PAGE_SIZE + 8), 'z');
	}

	/* Offsets must be page-aligned. */
	VT_EQ(vm_mmap(mm, 0, PAGE_SIZE, LINUX_PROT_READ, LINUX_MAP_SHARED, f, 10), -EINVAL);

	/* Open modes. */
	ro = filp_open(path, LINUX_O_RDONLY, 0);
	VT_CHECK(!IS_ERR(ro));
	VT_EQ(vm_mmap(mm, 0, PAGE_SIZE, PROT_RW, LINUX_MAP_SHARED, ro, 0), -EACCES);
	s = vm_mmap(mm, 0, PAGE_SIZE, LINUX_PROT_READ, LINUX_MAP_SHARED, ro, 0);
	VT_CHECK(s > 0);
	VT_EQ(vm_mprotect(mm, s, PAGE_SIZE, PROT_RW), -EACCES);
	p = vm_mmap(mm, 0, PAGE_SIZE, PROT_RW, LINUX_MAP_PRIVATE, ro, 0);
	VT_CHECK(p > 0);
	fput(ro);
	wo = filp_open(path, LINUX_O_WRONLY, 0);
	VT_CHECK(!IS_ERR(wo));
	VT_EQ(vm_mmap(mm, 0, PAGE_SIZE, LINUX_PROT_READ, LINUX_MAP_PRIVATE, wo, 0), -EACCES);
	VT_EQ(vm_mmap(mm, 0, PAGE_SIZE, PROT_RW, LINUX_MAP_SHARED, wo, 0), -EACCES);
	fput(wo);
	dir = filp_open("/", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	VT_CHECK(!IS_ERR(dir));
	VT_EQ(vm_mmap(mm, 0, PAGE_SIZE, LINUX_PROT_READ, LINUX_MAP_PRIVATE, dir, 0), -ENODEV);
	fput(dir);
	/* The mappings hold their own references. */
	fput(f);
	VT_EQ(copy_from_user(&c, (void __user *)(s2 + 7), 1), 0);
	VT_EQ(c, 'y');
	return 0;
}

KTEST(vm_file_mappings)
{
	struct fs_struct *saved = current->fs;

	/* The boot task has no root or cwd of its own: lend it one. */
	if (!saved) {
		current->fs = fs_struct_create();
		KT_ASSERT(current->fs);   /* vfs_init runs before the ktests */
	}
	vt_run(file_body);
	if (!saved) {
		fs_struct_put(current->fs);
		current->fs = NULL;
	}
}

static int devzero_body(struct mm *mm)
{
	struct file *z = filp_open("/dev/zero", LINUX_O_RDWR, 0);
	struct mm *child;
	long s, p;
	u64 v;

	VT_CHECK(!IS_ERR(z));
	s = vm_mmap(mm, 0, PAGE_SIZE, PROT_RW, LINUX_MAP_SHARED, z, 0);
	p = vm_mmap(mm, 0, PAGE_SIZE, PROT_RW, LINUX_MAP_PRIVATE, z, 0);
	VT_CHECK(s > 0 && p > 0);
	fput(z);
	VT_EQ(vt_put(s, 5), 0);
	VT_EQ(vt_put(p, 6), 0);
	/* Shared stays shared with a child, private is copied. */
	child = mm_fork(mm);
	VT_CHECK(child);
	v = 9;
	VT_EQ(vm_access(child, s, &v, 8, true), 8);
	VT_EQ(vm_access(child, p, &v, 8, true), 8);
	mm_put(child);
	VT_EQ(vt_get(s, &v), 0);
	VT_EQ(v, 9);
	VT_EQ(vt_get(p, &v), 0);
	VT_EQ(v, 6);
	return 0;
}

KTEST(vm_devzero)
{
	struct fs_struct *saved = current->fs;

	if (!saved)
		current->fs = fs_struct_create();
	if (current->fs)
		vt_run(devzero_body);
	if (!saved && current->fs) {
		fs_struct_put(current->fs);
		current->fs = NULL;
	}
}
