/*
 * User address spaces (kernel/mm/vm*.c). A struct mm is a set of VMAs (in an
 * rbtree) over one page table; threads share it, fork copies it with
 * copy-on-write. Pages are faulted in on demand: anonymous memory zeroed,
 * file mappings from the file's page cache (fs.h: file_get_page).
 *
 * This header is the contract with the rest of the kernel; kernel/mm owns
 * the structure layouts and may add to them.
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <kernel/types.h>

struct mm;
struct file;
struct task;

/* Linux's PROT_* and MAP_* values (the ABI) */
#define LINUX_PROT_READ  0x1
#define LINUX_PROT_WRITE 0x2
#define LINUX_PROT_EXEC  0x4
#define LINUX_PROT_NONE  0x0

struct mm *mm_create(void);                 /* empty address space, or NULL */
struct mm *mm_fork(struct mm *old);         /* copy-on-write copy, or NULL */
void mm_get(struct mm *mm);                 /* another user (thread, vfork) */
void mm_put(struct mm *mm);                 /* last put frees it all */
/* Load mm's page tables on this CPU (NULL: the kernel's). */
void mm_activate(struct mm *mm);

/*
 * Map len bytes at addr (a hint unless MAP_FIXED) with Linux's prot and
 * flags; file may be NULL for anonymous memory. Returns the address or
 * -errno. Used by mmap(2) and by the ELF loader.
 */
long vm_mmap(struct mm *mm, unsigned long addr, size_t len, int prot, int flags,
	     struct file *file, u64 offset);
int vm_munmap(struct mm *mm, unsigned long addr, size_t len);
int vm_mprotect(struct mm *mm, unsigned long addr, size_t len, int prot);
/* brk: the ELF loader sets the initial break; returns the new break. */
void vm_set_brk_start(struct mm *mm, unsigned long start);
unsigned long vm_brk(struct mm *mm, unsigned long new_brk);

/*
 * Resolve a page fault at addr in the current task's mm (err: the x86 error
 * code). Returns 0 if the access can now proceed, or the signal Linux would
 * send: -EFAULT (SIGSEGV, SEGV_MAPERR: no mapping), -EACCES (SIGSEGV,
 * SEGV_ACCERR: mapping forbids it), -EIO (SIGBUS: beyond the file's end),
 * -ENOMEM (out of memory). Called with interrupts on, may sleep.
 */
int mm_handle_fault(struct mm *mm, unsigned long addr, unsigned long err);

/* Where exec puts things; the loader records them for /proc later. */
void vm_set_layout(struct mm *mm, unsigned long start_stack, unsigned long arg_start,
		   unsigned long arg_end, unsigned long env_start, unsigned long env_end);

#endif
