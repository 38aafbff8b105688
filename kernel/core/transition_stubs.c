/*
 * TEMPORARY, while the syscall-ABI parts are written in parallel: weak
 * fallbacks for the cross-module contract functions (vm.h, fs.h, proc.h,
 * signal.h, syscall.h), so the tree links and each part can run its ktests
 * before the others land. A real definition anywhere overrides these. Each
 * fails loudly (-ENOSYS / NULL), never pretends to work. This file is
 * deleted when all parts are in (scripts/test.sh does not depend on it).
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/vm.h>

#define STUB_WARN() pr_warn("transition stub %s called\n", __func__)

/* vm.h */
__weak struct mm *mm_create(void) { STUB_WARN(); return NULL; }
__weak struct mm *mm_fork(struct mm *old) { STUB_WARN(); return NULL; }
__weak void mm_get(struct mm *mm) { STUB_WARN(); }
__weak void mm_put(struct mm *mm) { STUB_WARN(); }
__weak void mm_activate(struct mm *mm) { if (mm) STUB_WARN(); }
__weak long vm_mmap(struct mm *mm, unsigned long addr, size_t len, int prot, int flags,
		    struct file *file, u64 offset) { STUB_WARN(); return -ENOSYS; }
__weak int vm_munmap(struct mm *mm, unsigned long addr, size_t len) { STUB_WARN(); return -ENOSYS; }
__weak int vm_mprotect(struct mm *mm, unsigned long addr, size_t len, int prot) { STUB_WARN(); return -ENOSYS; }
__weak void vm_set_brk_start(struct mm *mm, unsigned long start) { STUB_WARN(); }
__weak unsigned long vm_brk(struct mm *mm, unsigned long new_brk) { STUB_WARN(); return 0; }
__weak int mm_handle_fault(struct mm *mm, unsigned long addr, unsigned long err) { return -EFAULT; }
__weak void vm_set_layout(struct mm *mm, unsigned long a, unsigned long b, unsigned long c,
			  unsigned long d, unsigned long e) { STUB_WARN(); }

/* fs.h */
__weak void vfs_init(void) { STUB_WARN(); }
__weak int initramfs_unpack(const void *data, size_t len) { STUB_WARN(); return -ENOSYS; }
__weak struct file *filp_open(const char *path, int flags, umode_t mode) { return ERR_PTR(-ENOSYS); }
__weak ssize_t kernel_read(struct file *f, void *buf, size_t n, u64 *pos) { return -ENOSYS; }
__weak ssize_t kernel_write(struct file *f, const void *buf, size_t n, u64 *pos) { return -ENOSYS; }
__weak struct file *file_get(struct file *f) { STUB_WARN(); return f; }
__weak void fput(struct file *f) { STUB_WARN(); }
__weak struct file *fget(int fd) { return NULL; }
__weak int fd_install_new(struct file *f, unsigned cloexec) { return -ENOSYS; }
__weak struct file *exec_open(const char *path) { return ERR_PTR(-ENOSYS); }
__weak void file_deny_write(struct file *f) { }
__weak void file_allow_write(struct file *f) { }
__weak struct page *file_get_page(struct file *f, u64 index) { return ERR_PTR(-ENOSYS); }
__weak u64 file_size(struct file *f) { return 0; }
__weak int file_accmode(struct file *f) { return 0; }
__weak bool file_mmap_ok(struct file *f) { return false; }
__weak bool file_noexec(struct file *f) { return true; }
__weak struct files_struct *files_create(void) { STUB_WARN(); return NULL; }
__weak struct files_struct *files_fork(struct files_struct *old) { STUB_WARN(); return NULL; }
__weak void files_get(struct files_struct *fs) { }
__weak void files_put(struct files_struct *fs) { }
__weak void files_close_on_exec(struct files_struct *fs) { }
__weak struct fs_struct *fs_struct_create(void) { STUB_WARN(); return NULL; }
__weak struct fs_struct *fs_struct_fork(struct fs_struct *old) { STUB_WARN(); return NULL; }
__weak void fs_struct_get(struct fs_struct *fs) { }
__weak void fs_struct_put(struct fs_struct *fs) { }
__weak int chrdev_register(unsigned major, unsigned minor, const char *name, umode_t mode,
			   const struct file_operations *fops) { return -ENOSYS; }

/* proc.h, signal.h */
static const struct cred root_cred_stub = { .refcount = 1 };
__weak const struct cred *current_cred(void) { return &root_cred_stub; }
__weak bool in_group_p(gid_t gid) { return gid == 0; }
__weak bool capable_root(void) { return true; }
__weak pid_t task_tgid_nr(struct task *t) { return t->tid; }
__weak pid_t task_pgrp_nr(struct task *t) { return 0; }
__weak pid_t task_session_nr(struct task *t) { return 0; }
__weak int proc_start_init(const char *path, const char *const argv[], const char *const envp[])
{
	return -ENOSYS;
}
__weak void force_sig_fault(int sig, int code, unsigned long addr)
{
	panic("user fault (signal %d, code %d, addr %lx) and no signal delivery yet", sig, code, addr);
}
__weak int kill_pgrp(int pgrp, int sig) { return -ENOSYS; }
__weak int send_sig(int sig, struct task *t) { return -ENOSYS; }
__weak bool signal_pending(struct task *t) { return false; }
__weak void signal_deliver(struct pt_regs *regs) { }
