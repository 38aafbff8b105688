/*
 * User address spaces (kernel/mm/vm*.c). A struct mm is a set of VMAs (in an
 * rbtree) over one page table; threads share it, fork copies it with
 * copy-on-write. Pages are faulted in on demand: anonymous memory zeroed,
 * file mappings from the file's page cache (fs.h: file_get_page).
 *
 * This header is the contract with the rest of the kernel; kernel/mm owns
 * the structure layouts and may add to them. Outside kernel/mm the structs
 * below are read-only, and only under mm->lock (procfs walking the VMAs).
 *
 * Files:
 *   vm.c          struct mm: create, fork, put, activate, TLB shootdown
 *   vm_vma.c      the VMA tree, address choice, split/merge
 *   vm_map.c      mmap, munmap, mprotect, brk, mremap, madvise, msync, mincore
 *   vm_pgtable.c  walking and editing the user half of the page tables
 *   fault.c       page faults, populate, vm_access
 *   shmem_anon.c  the page store behind MAP_SHARED|MAP_ANONYMOUS
 *
 * Page references: every user PTE holds one reference on its page (the
 * shared zero page excepted). Anonymous pages carry PG_anon and go back with
 * put_page; page-cache pages with file_put_page.
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <kernel/list.h>
#include <kernel/mutex.h>
#include <kernel/rbtree.h>
#include <kernel/types.h>
#include <kernel/vmlayout.h>
#include <linuxabi/uapi/mman.h>

struct mm;
struct file;
struct task;
struct shmem_anon;

/* The highest user address + 1 that can be mapped: Linux keeps the last
 * page below the canonical hole unmapped (TASK_SIZE), for SYSRET's sake. */
#define VM_TASK_SIZE (USER_SPACE_END - PAGE_SIZE)
/* Lowest address mmap picks or accepts without privilege (vm.mmap_min_addr). */
#define VM_MMAP_MIN_ADDR 0x10000UL
/* Unmapped gap kept below a MAP_GROWSDOWN mapping (Linux's stack_guard_gap). */
#define VM_STACK_GUARD_GAP (256UL * PAGE_SIZE)
/* RLIMIT_STACK's default (8 MiB), until set with vm_set_stack_rlimit. */
#define VM_DEFAULT_STACK_RLIMIT (8UL << 20)
/* vm.max_map_count */
#define VM_MAX_MAP_COUNT 65530

/* VMA flags, with Linux's VM_* meanings (and values, for readability). */
#define VM_READ       0x00000001UL
#define VM_WRITE      0x00000002UL
#define VM_EXEC       0x00000004UL
#define VM_SHARED     0x00000008UL   /* writes go to the backing object */
#define VM_MAYREAD    0x00000010UL   /* mprotect may add PROT_READ */
#define VM_MAYWRITE   0x00000020UL
#define VM_MAYEXEC    0x00000040UL
#define VM_MAYSHARE   0x00000080UL   /* mapped MAP_SHARED (maps shows 's') */
#define VM_GROWSDOWN  0x00000100UL
#define VM_LOCKED     0x00002000UL
#define VM_DONTCOPY   0x00020000UL   /* MADV_DONTFORK */
#define VM_NORESERVE  0x00200000UL
#define VM_WIPEONFORK 0x02000000UL
#define VM_DONTDUMP   0x04000000UL

struct vma {
	struct rb_node node;        /* in mm->vmas, by address; mm->lock */
	unsigned long start, end;   /* [start, end), page-aligned; mm->lock */
	unsigned long flags;        /* VM_*; mm->lock */
	struct file *file;          /* file mapping (a reference), or NULL */
	struct shmem_anon *shm;     /* MAP_SHARED|MAP_ANONYMOUS store (a reference), or NULL */
	u64 pgoff;                  /* page index in file/shm of start */
	struct mm *mm;
	/* On the file's mapping->i_mmap while linked in mm (i_mmap_lock). */
	struct list_head i_mmap_node;
};

struct mm {
	struct mutex lock;          /* the VMA tree, every field below it, and the
	                             * user page-table entries (faults sleep here) */
	u64 *pml4;                  /* the page tables; fixed for the mm's life */
	int refcount;               /* mm_get/mm_put; atomic */
	u64 cpu_mask;               /* CPUs that loaded pml4 since (bit per CPU); atomic.
	                             * A clear bit means that CPU holds no TLB entry of it. */
	struct rb_root vmas;        /* struct vma by address */
	unsigned long map_count;    /* VMAs in the tree */
	unsigned long total_vm;     /* pages mapped (all VMAs) */
	unsigned long mmap_base;    /* top-down mmap searches start below this */
	unsigned long start_brk, brk;
	unsigned long stack_rlimit; /* RLIMIT_STACK: how far a GROWSDOWN VMA may grow */
	unsigned long start_stack, arg_start, arg_end, env_start, env_end;
	unsigned long def_flags;    /* VM_* every new mapping gets (VM_LOCKED: MCL_FUTURE) */
	bool randomize;             /* ASLR for this mm (Linux's PF_RANDOMIZE at exec) */
	unsigned long mmap_rnd;     /* random offset below the mmap base (bytes) */
	/* Pages mapped (the shared zero page aside) and their peak, for
	 * getrusage's ru_maxrss (Linux's RSS counters and hiwater_rss). */
	unsigned long rss, hiwater_rss;
};

struct mm *mm_create(void);                 /* empty address space, or NULL */
struct mm *mm_fork(struct mm *old);         /* copy-on-write copy, or NULL */
void mm_get(struct mm *mm);                 /* another user (thread, vfork) */
/*
 * Last put frees it all. A task that stops using its mm clears task->mm
 * first; the put then also unloads the page tables from this CPU.
 */
void mm_put(struct mm *mm);
/* Load mm's page tables on this CPU (NULL: the kernel's). Any context. */
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
/* mremap(2): returns the new address or -errno. */
long vm_mremap(struct mm *mm, unsigned long old_addr, size_t old_len, size_t new_len,
	       int flags, unsigned long new_addr);
int vm_madvise(struct mm *mm, unsigned long start, size_t len, int advice);
int vm_msync(struct mm *mm, unsigned long start, size_t len, int flags);
/* mincore(2) for start (page-aligned) and npages pages: vec[i] = 1 when resident. */
int vm_mincore(struct mm *mm, unsigned long start, unsigned long npages, unsigned char *vec);
/* mlock(2)/munlock(2): populate (lock); ENOMEM for holes. Nothing is ever
 * swapped, so locking is only VM_LOCKED bookkeeping. */
int vm_mlock(struct mm *mm, unsigned long start, size_t len, bool lock);
/* mlockall (lock, LINUX_MCL_* flags, checked by the caller) / munlockall. */
int vm_mlockall(struct mm *mm, int flags, bool lock);

/*
 * Resolve a page fault at addr in the current task's mm (err: the x86 error
 * code). Returns 0 if the access can now proceed, or the signal Linux would
 * send: -EFAULT (SIGSEGV, SEGV_MAPERR: no mapping), -EACCES (SIGSEGV,
 * SEGV_ACCERR: mapping forbids it), -EIO (SIGBUS: beyond the file's end),
 * -ENOMEM (out of memory). Called with interrupts on, may sleep.
 */
int mm_handle_fault(struct mm *mm, unsigned long addr, unsigned long err);

/*
 * Read or write another address space's memory (procfs cmdline/environ,
 * ptrace-like uses, exec building a stack before switching), faulting pages
 * in as a user access would. Returns the bytes copied (short at the first
 * inaccessible page) or -EFAULT when none were.
 */
long vm_access(struct mm *mm, unsigned long addr, void *buf, size_t len, bool write);

/*
 * Truncation (Linux's unmap_mapping_range, as truncate_pagecache uses it):
 * clear every page-table entry, in every mm, that maps page index >= first
 * of m, private copy-on-write copies included, so the next touch faults
 * and, past the end of the file, gets SIGBUS. Call with the new i_size
 * already set and no mm->lock held (it takes each mapping mm's lock).
 */
struct address_space;
void vm_unmap_mapping_from(struct address_space *m, u64 first);

/*
 * Another process's memory (kernel/mm/vm_remote.c). vm_ptrace_may_access:
 * Linux's ptrace access check (PTRACE_MODE_ATTACH_REALCREDS). vm_mm_access:
 * t's mm referenced (mm_put), NULL when it has none (exited),
 * ERR_PTR(-EACCES) when the check fails (Linux's mm_access).
 * vm_access_iter: copy len bytes between [addr, +len) of mm and the
 * iterator (write: into mm), faulting pages in as mm's owner would;
 * returns the bytes moved, short at the first remote page the access may
 * not touch or local fault, -EFAULT when nothing moved.
 */
struct iov_iter;
bool vm_ptrace_may_access(struct task *t);
struct mm *vm_mm_access(struct task *t);
long vm_access_iter(struct mm *mm, unsigned long addr, struct iov_iter *it, size_t len,
		    bool write);

/*
 * Address-space layout randomization (kernel/mm/vm_aslr.c), Linux's x86_64
 * amounts: the mmap base 28 bits of pages lower, the stack top 22 bits of
 * pages lower and the stack pointer up to 8 KiB lower, the break up to
 * 32 MiB higher (randomize_va_space 2 only), a PIE (with an interpreter)
 * 28 bits of pages above ELF_ET_DYN_BASE. vm_randomize_va_space is the
 * sysctl kernel.randomize_va_space (boot: 2, 0 with `norandmaps`).
 * Exec calls vm_aslr_exec on the new mm first with personality's
 * ADDR_NO_RANDOMIZE; the rest are no-ops for an mm without it.
 */
#define VM_STACK_RND_MAX (0x3fffffUL << PAGE_SHIFT)
#define LINUX_ADDR_NO_RANDOMIZE 0x0040000
int vm_get_randomize_va_space(void);
int vm_set_randomize_va_space(int v);      /* 0..2, else -EINVAL */
void vm_aslr_exec(struct mm *mm, unsigned long personality);
unsigned long vm_aslr_stack_top(struct mm *mm, unsigned long top);
unsigned long vm_aslr_align_stack(struct mm *mm, unsigned long sp);
unsigned long vm_aslr_pie_offset(struct mm *mm);

/* Where exec puts things; the loader records them for /proc later. */
void vm_set_layout(struct mm *mm, unsigned long start_stack, unsigned long arg_start,
		   unsigned long arg_end, unsigned long env_start, unsigned long env_end);
/* RLIMIT_STACK changed (setrlimit, or exec with the process's limit): the
 * stack's growth limit, and for a fresh mm the mmap base below the stack. */
void vm_set_stack_rlimit(struct mm *mm, unsigned long bytes);

/* VMA walk for /proc/PID/maps and friends: fn sees a copy of each VMA in
 * address order, mm->lock held (fn must not touch user memory); a non-zero
 * return stops the walk and is returned. */
struct vma_info {
	unsigned long start, end, flags;
	u64 pgoff;
	struct file *file;          /* borrowed for the call only */
	bool shm;                   /* shared anonymous ("/dev/zero (deleted)") */
	const void *shm_obj;        /* that object's identity (futex keys); never dereference */
	const char *name;           /* a special mapping's name ("[vdso]"), else NULL */
};
int vm_for_each_vma(struct mm *mm, int (*fn)(const struct vma_info *v, void *arg), void *arg);

/*
 * SysV shared memory (kernel/ipc/shm.c): a segment is a shared anonymous
 * object whose VMAs report to the segment as they come and go (shmat, fork,
 * a split: open; shmdt, munmap, exit, exec: close), which is how Linux
 * counts shm_nattch. The callbacks run with the mm's lock held and may take
 * the IPC locks (lock order: mm->lock -> ipc ids mutex).
 */
struct vm_shm_ops {
	void (*open)(void *owner);
	void (*close)(void *owner);
};
/* A segment's object of npages pages (a reference; vm_shm_put), or NULL. */
struct shmem_anon *vm_shm_create(u64 npages, const struct vm_shm_ops *ops, void *owner);
void vm_shm_put(struct shmem_anon *s);
u64 vm_shm_resident(struct shmem_anon *s);   /* pages allocated so far */
/*
 * shmat's mapping: len bytes of s at addr (0: the kernel picks; else exact,
 * page-aligned). Without remap a fixed range that overlaps a mapping is
 * -EINVAL (Linux's shmat); with it the old mappings go. prot is PROT_READ
 * with or without PROT_WRITE/PROT_EXEC; a read-only attach can never be
 * made writable by mprotect (EACCES). Returns the address or -errno.
 */
long vm_shm_attach(struct mm *mm, struct shmem_anon *s, unsigned long addr, size_t len,
		   int prot, bool remap);
/* shmdt: unmap the segment attached at addr (page-aligned) and its other
 * pieces within the segment's size; -EINVAL when none starts there. */
int vm_shm_detach(struct mm *mm, unsigned long addr);

/*
 * Special mappings (kernel/mm/vm_special.c): a fixed set of kernel pages
 * that every process maps, the vDSO's text and its data page
 * (kernel/proc/vdso.c), like Linux's _install_special_mapping. One copy
 * of the pages is shared by all processes: a special VMA is never
 * writable (no VM_MAYWRITE: mprotect(PROT_WRITE) is EACCES; XXX Linux lets
 * a debugger write breakpoints into a private copy of [vdso]), fork
 * refaults it from the pages, munmap and mremap treat it as any shared
 * mapping (beyond the pages is SIGBUS), /proc/PID/maps shows its name.
 */
struct vm_special;
/* npages zeroed pages, mapped readable and (exec) executable; NULL when out
 * of memory. Lives forever. */
struct vm_special *vm_special_create(const char *name, unsigned long npages, bool exec);
/* The kernel's address of page index of s (for the kernel to fill). */
void *vm_special_page(struct vm_special *s, unsigned long index);
/* Map specials[0..n) back to back, at addr (page-aligned, must be free) or,
 * with addr 0, where mmap would put them (top-down below mmap_base).
 * Returns the start address or -errno. */
long vm_special_map(struct mm *mm, unsigned long addr, struct vm_special *const *specials, int n);

/* Provided by kernel/fs for files whose mappings are anonymous memory
 * (/dev/zero: MAP_PRIVATE is plain anonymous memory, MAP_SHARED one object
 * shared by its sharers, as Linux's shmem_zero_setup). A weak default in
 * kernel/mm says no file is. */
bool file_mmap_anon(struct file *f);

#endif
