/*
 * Private interfaces between the files of the user-address-space layer
 * (kernel/mm/vm*.c, fault.c, shmem_anon.c); the public contract is
 * kernel/include/kernel/vm.h.
 *
 * Locking: mm->lock (a mutex: faults sleep in file_get_page and in page
 * allocation) guards the VMA tree and every user leaf page-table entry of
 * that mm. Everything here expects it held unless it says otherwise. The
 * hardware walks the tables concurrently; entries are replaced whole.
 * Lock order: mm->lock -> shmem_anon.lock -> (page allocator, vfs page
 * cache locks); tlb_lock (smp.c) is taken inside all of them.
 *
 * TLB rule: an entry that loses permissions or changes its frame is
 * flushed on every CPU that has the mm loaded (vm_flush_range) before the
 * old page's reference is dropped; an entry that only gains permissions is
 * not, and the spurious fault another CPU may take finds the entry already
 * good and just flushes its own stale copy.
 */
#ifndef KERNEL_MM_VM_INTERNAL_H
#define KERNEL_MM_VM_INTERNAL_H

#include <kernel/mm.h>
#include <kernel/paging.h>
#include <kernel/types.h>
#include <kernel/vm.h>

/* A software bit in a non-present user PTE: the frame is still mapped (and
 * referenced) but the VMA is PROT_NONE. Bit 9 is ignored by the hardware. */
#define PTE_PROTNONE (1ULL << 9)

/* x86 page-fault error code bits */
#define PF_PROT  0x1
#define PF_WRITE 0x2
#define PF_USER  0x4
#define PF_RSVD  0x8
#define PF_INSTR 0x10

/* What an access needs (vm_fault_locked). */
#define FAULT_WRITE 0x1
#define FAULT_EXEC  0x2

/* The shared all-zero page for reads of untouched private anonymous memory
 * (never freed, never PG_anon, not reference counted). */
extern struct page *vm_zero_page;

static inline bool pte_mapped(pte_t e) { return e & (PTE_P | PTE_PROTNONE); }
static inline struct page *pte_page(pte_t e) { return phys_to_page(e & PTE_ADDR_MASK); }
static inline unsigned long vma_pages(const struct vma *v) { return (v->end - v->start) >> PAGE_SHIFT; }
static inline bool vma_accessible(const struct vma *v)
{
	return v->flags & (VM_READ | VM_WRITE | VM_EXEC);
}
static inline bool vma_is_private_anon(const struct vma *v)
{
	return !v->file && !v->shm;
}
/* The page index (in file or shm) that maps addr. */
static inline u64 vma_index(const struct vma *v, unsigned long addr)
{
	return v->pgoff + ((addr - v->start) >> PAGE_SHIFT);
}

/* vm.c */
/* Invalidate [start, end) of mm in every TLB that may hold it. Process
 * context; may send IPIs. */
void vm_flush_range(struct mm *mm, unsigned long start, unsigned long end);
/* This CPU has mm's tables loaded (caller keeps preemption off to rely on it). */
bool vm_mm_loaded_here(struct mm *mm);
/* Drop one reference a PTE held on page (anon: put_page, else file_put_page). */
void vm_page_release(struct page *page);

/* vm_vma.c */
struct vma *vma_alloc(void);                  /* zeroed, or NULL */
struct vma *vma_dup(const struct vma *v);     /* copy with file/shm references, not in a tree */
void vma_destroy(struct vma *v);              /* drops file/shm references, frees */
/* The first VMA with end > addr, or NULL. */
struct vma *vm_find_vma(struct mm *mm, unsigned long addr);
/* The VMA containing addr, or NULL. */
struct vma *vm_vma_lookup(struct mm *mm, unsigned long addr);
struct vma *vma_prev(struct vma *v);
struct vma *vma_next(struct vma *v);
struct vma *vm_first_vma(struct mm *mm);
/* n pages of page's kind enter (or, n < 0, leave) mm's page tables:
 * keep the RSS count and its peak (the zero page does not count, as on
 * Linux). Caller holds mm->lock. */
static inline void vm_rss_add(struct mm *mm, struct page *page, long n)
{
	if (page == vm_zero_page)
		return;
	mm->rss += n;
	if (mm->rss > mm->hiwater_rss)
		mm->hiwater_rss = mm->rss;
}
/* May mm map len more bytes at addr with VM_* flags under current's
 * RLIMIT_AS and RLIMIT_DATA (vm_rlimit.c)? Caller holds mm->lock. */
bool vm_may_expand(struct mm *mm, unsigned long flags, unsigned long addr, unsigned long len);
void vm_vma_link(struct mm *mm, struct vma *v);
void vm_vma_unlink(struct mm *mm, struct vma *v);
/* Split v at addr (strictly inside): v keeps [start, addr), the new VMA
 * (returned, linked) gets [addr, end). NULL when out of memory. */
struct vma *vm_vma_split(struct mm *mm, struct vma *v, unsigned long addr);
/* Merge v with its neighbours where they are compatible; returns the VMA
 * that now covers v's range. */
struct vma *vm_vma_merge(struct mm *mm, struct vma *v);
/* Lowest address a VMA claims, with the guard gap below a GROWSDOWN one. */
unsigned long vma_start_gap(const struct vma *v);
/* Is [start, end) free of VMAs and their guard gaps? */
bool vm_range_free(struct mm *mm, unsigned long start, unsigned long end);
/* Linux's get_unmapped_area for an mmap of len (page-aligned) with these
 * MAP_* flags: the address, or -errno (IS_ERR_VALUE). */
unsigned long vm_get_unmapped_area(struct mm *mm, unsigned long addr, size_t len, int flags);

/* vm_pgtable.c */
/* The leaf entry for va, or NULL when a table above it is missing. */
pte_t *vm_pte_lookup(u64 *pml4, unsigned long va);
/* The same, creating tables; NULL when out of memory. */
pte_t *vm_pte_alloc(u64 *pml4, unsigned long va);
/* Calls fn on every non-zero leaf entry in [start, end), skipping missing
 * tables. */
typedef void (*vm_pte_fn)(pte_t *pte, unsigned long va, void *arg);
void vm_pte_range(u64 *pml4, unsigned long start, unsigned long end, vm_pte_fn fn, void *arg);
/* The leaf flags for a page in a VMA with these VM_* flags. */
u64 vm_pte_prot(unsigned long vmflags, bool writable);
/* May a present page of v be writable without a copy? */
bool vm_page_writable(const struct vma *v, struct page *page);

/* Pages unmapped but not yet released: released only after the TLB flush
 * of the range they came from. */
#define VM_GATHER_MAX 128
struct vm_gather {
	struct mm *mm;
	bool noflush;                 /* mm loaded nowhere (teardown) */
	unsigned long start, end;     /* range to flush; start >= end: none */
	unsigned n;
	struct page *pages[VM_GATHER_MAX];
};
void vm_gather_init(struct vm_gather *g, struct mm *mm);
void vm_gather_range(struct vm_gather *g, unsigned long start, unsigned long end);
void vm_gather_page(struct vm_gather *g, struct page *page);
void vm_gather_finish(struct vm_gather *g);    /* flush, then release */
/* Clear every entry in [start, end) into g. */
void vm_zap_range(struct vm_gather *g, unsigned long start, unsigned long end);
/* Move the entries of [old, old+len) to [new, ...) (tables created as
 * needed; -ENOMEM leaves the moved part moved). Flushes old. */
int vm_move_ptes(struct mm *mm, unsigned long old, unsigned long new, size_t len);
/* Rewrite the protection of every mapped entry in [start, end) for v's
 * (new) flags. Flushes if anything lost a permission. */
void vm_change_prot(struct mm *mm, struct vma *v, unsigned long start, unsigned long end);

/* fault.c */
/* Make addr accessible as asked (FAULT_*) in mm. mm->lock held. */
int vm_fault_locked(struct mm *mm, unsigned long addr, unsigned access);
/* Fault in every page of [start, end) as a populate would. mm->lock held. */
int vm_populate_locked(struct mm *mm, unsigned long start, unsigned long end, bool write_all);
int vm_expand_stack(struct mm *mm, struct vma *v, unsigned long addr);

/* vm_rmap.c: the VMA on or off its file's i_mmap list (mm->lock held;
 * no-ops for VMAs without a file, and when already on/off). */
void vma_rmap_add(struct vma *v);
void vma_rmap_del(struct vma *v);

/* vm_aslr.c: the break's start moved up at random (ASLR), page-aligned in. */
unsigned long vm_aslr_brk(struct mm *mm, unsigned long start);

/* vm.c: mmap_base again from stack_rlimit, randomize and mmap_rnd. */
void vm_mm_recompute_base(struct mm *mm);

/* vm_map.c */
int vm_do_munmap(struct mm *mm, unsigned long start, size_t len);

/* shmem_anon.c: page store of a MAP_SHARED|MAP_ANONYMOUS mapping, shared by
 * every VMA (and process, after fork) that maps it. */
struct shmem_anon *shmem_anon_create(u64 npages);
void shmem_anon_get(struct shmem_anon *s);
void shmem_anon_put(struct shmem_anon *s);
u64 shmem_anon_size(struct shmem_anon *s);     /* in pages */
/* Page index with a reference (allocated zeroed on first use); NULL past
 * the end; ERR_PTR(-ENOMEM). */
struct page *shmem_anon_page(struct shmem_anon *s, u64 index);
bool shmem_anon_present(struct shmem_anon *s, u64 index);
/* Free the pages [from, to) (MADV_REMOVE); they read back as zero. */
void shmem_anon_punch(struct shmem_anon *s, u64 from, u64 to);
/* SysV segments: every VMA that comes to map s (attach, fork, split)
 * reports open, every one that goes reports close (vma_dup, vma_destroy). */
bool shmem_anon_is_sysv(const struct shmem_anon *s);
void shmem_anon_vma_open(struct shmem_anon *s);
void shmem_anon_vma_close(struct shmem_anon *s);
/* Special mappings (vm_special.c) are stores with a name for /proc maps. */
void shmem_anon_set_name(struct shmem_anon *s, const char *name);
const char *shmem_anon_name(const struct shmem_anon *s);

#endif
