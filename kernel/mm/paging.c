/*
 * x86_64 page tables: the kernel's own (kernel_pml4), built once at boot,
 * and the operations on any 4-level table (map, unmap, protect, walk) that
 * user address spaces use too.
 *
 * kernel_pml4 replaces the boot tables of boot/boot.S:
 *   - the direct map at DIRECT_MAP_BASE: every RAM region of the firmware
 *     map (usable, ACPI reclaimable, ACPI NVS), write-back, with 1 GiB pages
 *     where the CPU has them, else 2 MiB, 4 KiB only at unaligned edges.
 *     Global, never executable. Nothing else: MMIO goes through ioremap.
 *   - the kernel image at KERNEL_VMA with 4 KiB pages: .text read-execute,
 *     .rodata/.eh_frame/.ksyms read-only, .data/.bss read-write, .boot
 *     read-write (its 32-bit code never runs again).
 *   - every PML4 entry of the kernel half (256..511) points to a PDPT from
 *     the start and never changes, so any address space shares the whole
 *     kernel half by copying those 256 entries once.
 * Nothing is identity-mapped any more: the AP trampoline page is mapped by
 * smp.c with paging_map for as long as it is needed.
 *
 * Concurrency: page-table pages are installed (and large pages split) with
 * cmpxchg on the parent entry, so walks need no lock; the loser of a race
 * frees its page. Leaf entries of a range belong to whoever owns the range
 * (a vmalloc area, an ioremap, a user mm under its own lock), which is what
 * keeps two writers of one leaf apart. Kernel-half page tables are never
 * freed.
 */
#include <asm/x86.h>
#include <kernel/boot.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/paging.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <string.h>

#include "internal.h"

u64 *kernel_pml4;
bool cpu_has_nx;
u64 direct_map_bytes;

static bool cpu_has_1g_pages;
static u64 bsp_pat;            /* the PAT the BSP runs with; APs copy it */

#define EFER_NXE (1ULL << 11)
#define CPUID_EXT_NX      (1U << 20)
#define CPUID_EXT_PDPE1GB (1U << 26)

/* A flush of more pages than this reloads the whole TLB instead. */
#define FLUSH_ALL_THRESHOLD 32

static inline unsigned level_shift(int level)
{
	return PAGE_SHIFT + 9 * (level - 1);
}

static inline u64 level_size(int level)
{
	return 1ULL << level_shift(level);
}

static inline unsigned level_index(unsigned long va, int level)
{
	return (va >> level_shift(level)) & 511;
}

/* Physical address an entry points at (table, 4 KiB page or large page). */
static inline u64 entry_addr(pte_t e, int level)
{
	if (level > 1 && (e & PTE_PS))
		return e & PTE_ADDR_MASK & ~(level_size(level) - 1);
	return e & PTE_ADDR_MASK;
}

static inline u64 *entry_table(pte_t e)
{
	return phys_to_virt(e & PTE_ADDR_MASK);
}

static inline bool is_canonical(unsigned long va)
{
	return ((long)va >> 47) == 0 || ((long)va >> 47) == -1;
}

/* Leaf flags as the hardware may see them: no address bits, no PS (bit 7
 * is PAT in a 4 KiB entry; we leave PAT alone), and no NX on a CPU whose
 * EFER.NXE is off, where bit 63 is reserved and would fault. */
static inline u64 leaf_flags(u64 flags)
{
	flags &= ~(PTE_ADDR_MASK | PTE_PS);
	if (!cpu_has_nx)
		flags &= ~PTE_NX;
	return flags | PTE_P;
}

static u64 *pt_alloc(void)
{
	struct page *p = alloc_pages(GFP_ATOMIC | __GFP_ZERO, 0);

	return p ? page_address(p) : NULL;
}

static void pt_free(u64 *table)
{
	free_pages_addr(table, 0);
}

static inline bool entry_cmpxchg(pte_t *e, pte_t old, pte_t new)
{
	return __atomic_compare_exchange_n(e, &old, new, false, __ATOMIC_SEQ_CST,
					   __ATOMIC_RELAXED);
}

/* Replace the large page *e (at level 3 or 2) by a table of the next level
 * mapping the same memory with the same attributes. The translation does
 * not change, so no TLB flush is needed. */
static int split_large(pte_t *e, pte_t old, int level)
{
	u64 *nt = pt_alloc();
	u64 base = entry_addr(old, level);
	u64 flags = old & ~PTE_ADDR_MASK;
	u64 child = level_size(level - 1);

	if (!nt)
		return -ENOMEM;
	if (level - 1 == 1)
		flags &= ~PTE_PS;
	for (int i = 0; i < 512; i++)
		nt[i] = (base + i * child) | flags;
	if (!entry_cmpxchg(e, old, virt_to_phys(nt) | PTE_P | PTE_W | (old & PTE_U)))
		pt_free(nt);
	return 0;
}

/* The level-1 entry for va, creating page tables (and splitting large
 * pages) on the way. */
static pte_t *walk_create(u64 *pml4, unsigned long va, int *err)
{
	bool user = va < USER_SPACE_END;
	u64 table_flags = PTE_P | PTE_W | (user ? PTE_U : 0);
	u64 *table = pml4;

	for (int level = 4; level > 1; level--) {
		pte_t *e = &table[level_index(va, level)];

		for (;;) {
			pte_t v = READ_ONCE(*e);

			if (!(v & PTE_P)) {
				u64 *nt = pt_alloc();

				if (!nt) {
					*err = -ENOMEM;
					return NULL;
				}
				if (!entry_cmpxchg(e, v, virt_to_phys(nt) | table_flags))
					pt_free(nt);
				continue;
			}
			if (level < 4 && (v & PTE_PS)) {
				if (split_large(e, v, level) < 0) {
					*err = -ENOMEM;
					return NULL;
				}
				continue;
			}
			/* A user mapping below a table made for the kernel
			 * (paging_map of a low address into kernel_pml4). */
			if (user && !(v & PTE_U))
				__atomic_fetch_or(e, PTE_U, __ATOMIC_RELAXED);
			table = entry_table(v);
			break;
		}
	}
	return &table[level_index(va, 1)];
}

/*
 * The present entry that maps va, at whatever level (*plevel), or NULL.
 * *next is the first address past what that entry (or the hole) covers, 0
 * if that wraps past the top of the address space.
 */
static pte_t *lookup(u64 *pml4, unsigned long va, int *plevel, unsigned long *next)
{
	u64 *table = pml4;

	for (int level = 4; level >= 1; level--) {
		pte_t *e = &table[level_index(va, level)];
		pte_t v = READ_ONCE(*e);

		*next = (va | (level_size(level) - 1)) + 1;
		if (!(v & PTE_P))
			return NULL;
		if (level == 1 || (level < 4 && (v & PTE_PS))) {
			*plevel = level;
			return e;
		}
		table = entry_table(v);
	}
	return NULL;
}

pte_t *paging_walk(u64 *pml4, unsigned long va, bool create)
{
	unsigned long next;
	int level, err = 0;

	if (!is_canonical(va))
		return NULL;
	if (create)
		return walk_create(pml4, va, &err);
	return lookup(pml4, va, &level, &next);
}

int paging_virt_to_phys(u64 *pml4, unsigned long va, phys_addr_t *pa)
{
	unsigned long next;
	int level;
	pte_t *e;

	if (!is_canonical(va))
		return -EFAULT;
	e = lookup(pml4, va, &level, &next);
	if (!e)
		return -EFAULT;
	*pa = entry_addr(*e, level) + (va & (level_size(level) - 1));
	return 0;
}

static bool pml4_is_loaded(u64 *pml4)
{
	return (read_cr3() & PTE_ADDR_MASK) == virt_to_phys(pml4);
}

/* After changing entries of [start, end) in pml4. */
static void flush_after_change(u64 *pml4, unsigned long start, unsigned long end)
{
	/* Low addresses in kernel_pml4 (the AP trampoline) may be cached on
	 * any CPU, as global entries even: flush them everywhere too. */
	if (start >= USER_SPACE_END || pml4 == kernel_pml4)
		flush_tlb_kernel_range(start, end);
	else if (pml4_is_loaded(pml4))
		/* XXX: other CPUs running this address space need a
		 * shootdown too once user mms exist (Linux: flush_tlb_mm_range). */
		flush_tlb_local(start, end);
}

int paging_map(u64 *pml4, unsigned long va, phys_addr_t pa, size_t len, u64 flags)
{
	unsigned long start = va, end;
	bool replaced = false;
	pte_t *pte = NULL;
	int err = 0;

	if ((va | pa) & (PAGE_SIZE - 1))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	end = va + len;
	if (!len)
		return 0;
	if (end < va || !is_canonical(va) || !is_canonical(end - 1) ||
	    (va < USER_SPACE_END) != (end - 1 < USER_SPACE_END))
		return -EINVAL;
	flags = leaf_flags(flags);

	for (; va < end; va += PAGE_SIZE, pa += PAGE_SIZE) {
		/* Within one page table the next entry is simply the next slot. */
		if (pte && level_index(va, 1) != 0)
			pte++;
		else if (!(pte = walk_create(pml4, va, &err)))
			break;
		if (READ_ONCE(*pte) & PTE_P)
			replaced = true;
		WRITE_ONCE(*pte, pa | flags);
	}
	if (replaced)
		flush_after_change(pml4, start, va);
	return err;
}

/* Apply fn to every present mapping in [va, end), splitting large pages
 * that are only partly inside. fn returns the new entry value. Returns the
 * number of 4 KiB pages that were present; *missing says whether any page
 * in the range was not mapped; -ENOMEM from a split goes to *err. */
static size_t change_range(u64 *pml4, unsigned long va, unsigned long end,
			   pte_t (*fn)(pte_t old, int level, u64 arg), u64 arg,
			   bool *missing, int *err)
{
	size_t pages = 0;

	while (va < end) {
		unsigned long next;
		int level;
		pte_t *e = lookup(pml4, va, &level, &next);
		pte_t old;

		if (!e) {
			*missing = true;
			if (!next || next <= va)
				break;
			va = next;
			continue;
		}
		old = READ_ONCE(*e);
		if (level > 1 && (va & (level_size(level) - 1) || next > end || !next)) {
			if (split_large(e, old, level) < 0) {
				*err = -ENOMEM;
				break;
			}
			continue;
		}
		WRITE_ONCE(*e, fn(old, level, arg));
		pages += level_size(level) >> PAGE_SHIFT;
		if (!next)
			break;
		va = next;
	}
	return pages;
}

static pte_t clear_entry(pte_t old, int level, u64 arg)
{
	return 0;
}

static pte_t protect_entry(pte_t old, int level, u64 flags)
{
	if (level > 1)
		return entry_addr(old, level) | flags | PTE_PS;
	return (old & PTE_ADDR_MASK) | flags;
}

static bool range_ok(unsigned long va, size_t len)
{
	return len && va + len > va && is_canonical(va) && is_canonical(va + len - 1);
}

size_t paging_unmap(u64 *pml4, unsigned long va, size_t len)
{
	unsigned long start = va & PAGE_MASK;
	unsigned long end = ALIGN_UP(va + len, PAGE_SIZE);
	bool missing = false;
	int err = 0;
	size_t pages;

	if (!range_ok(start, end - start))
		return 0;
	pages = change_range(pml4, start, end, clear_entry, 0, &missing, &err);
	if (err)
		printk(KERN_ERR "paging_unmap: out of memory splitting a large page in %lx-%lx\n",
		       start, end);
	if (pages)
		flush_after_change(pml4, start, end);
	return pages;
}

int paging_protect(u64 *pml4, unsigned long va, size_t len, u64 flags)
{
	unsigned long start = va & PAGE_MASK;
	unsigned long end = ALIGN_UP(va + len, PAGE_SIZE);
	bool missing = false;
	int err = 0;
	size_t pages;

	if (!range_ok(start, end - start))
		return -EINVAL;
	pages = change_range(pml4, start, end, protect_entry, leaf_flags(flags), &missing, &err);
	if (pages)
		flush_after_change(pml4, start, end);
	if (err)
		return err;
	return missing ? -EFAULT : 0;
}

/* TLB maintenance. */

void flush_tlb_all_local(void)
{
	unsigned long flags = local_irq_save();
	u64 cr4 = read_cr4();

	/* Kernel entries are global: only toggling PGE drops them. */
	if (cr4 & CR4_PGE) {
		write_cr4(cr4 & ~CR4_PGE);
		write_cr4(cr4);
	} else {
		write_cr3(read_cr3());
	}
	local_irq_restore(flags);
}

void flush_tlb_local(unsigned long start, unsigned long end)
{
	start &= PAGE_MASK;
	if (end <= start)
		return;
	if ((end - start) >> PAGE_SHIFT > FLUSH_ALL_THRESHOLD) {
		flush_tlb_all_local();
		return;
	}
	for (unsigned long va = start; va < end; va += PAGE_SIZE)
		invlpg(va);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	flush_tlb_local(start, end);
	tlb_shootdown_kernel(start, end);
}

/* Address spaces. */

u64 *paging_create_pml4(void)
{
	u64 *pml4 = pt_alloc();

	if (!pml4)
		return NULL;
	memcpy(pml4 + 256, kernel_pml4 + 256, 256 * sizeof(u64));
	return pml4;
}

/* Free the page tables below table, a table at level (3: a PDPT). */
static void free_tables(u64 *table, int level)
{
	for (int i = 0; i < 512; i++) {
		pte_t e = table[i];

		if (!(e & PTE_P) || (e & PTE_PS))
			continue;
		if (level > 2)
			free_tables(entry_table(e), level - 1);
		pt_free(entry_table(e));
	}
}

void paging_destroy_pml4(u64 *pml4)
{
	if (!pml4 || pml4 == kernel_pml4)
		return;
	if (WARN_ON(pml4_is_loaded(pml4)))
		return;
	for (int i = 0; i < 256; i++) {
		if (!(pml4[i] & PTE_P))
			continue;
		free_tables(entry_table(pml4[i]), 3);
		pt_free(entry_table(pml4[i]));
	}
	pt_free(pml4);
}

/* Boot. */

/* Map [va, end) to pa..., in the part of the tree below table (at level),
 * with the largest pages that fit. Entries already present are kept: the
 * first range to claim a page decides its attributes. */
static void direct_map_fill(u64 *table, int level, unsigned long va, unsigned long end,
			    phys_addr_t pa, u64 flags)
{
	u64 size = level_size(level);

	while (va < end) {
		pte_t *e = &table[level_index(va, level)];
		unsigned long next = (va & ~(size - 1)) + size;
		bool big_ok = level == 2 || (level == 3 && cpu_has_1g_pages);

		if (!next || next > end)
			next = end;
		if (level == 1) {
			if (!(*e & PTE_P)) {
				*e = pa | flags;
				direct_map_bytes += PAGE_SIZE;
			}
		} else if (*e & PTE_P) {
			if (!(*e & PTE_PS))
				direct_map_fill(entry_table(*e), level - 1, va, next, pa, flags);
		} else if (big_ok && !(va & (size - 1)) && next - va == size) {
			*e = pa | flags | PTE_PS;
			direct_map_bytes += size;
		} else {
			u64 *nt = pt_alloc();

			if (!nt)
				panic("mm: out of memory building the direct map");
			*e = virt_to_phys(nt) | PTE_P | PTE_W;
			direct_map_fill(nt, level - 1, va, next, pa, flags);
		}
		pa += next - va;
		va = next;
	}
}

static void direct_map_range(u64 start, u64 end, u64 flags)
{
	start = ALIGN_DOWN(start, PAGE_SIZE);
	end = ALIGN_UP(end, PAGE_SIZE);
	if (end > DIRECT_MAP_SIZE)
		end = DIRECT_MAP_SIZE;
	if (start >= end)
		return;
	direct_map_fill(kernel_pml4, 4, DIRECT_MAP_BASE + start, DIRECT_MAP_BASE + end, start,
			leaf_flags(flags));
}

static void map_kernel_part(const void *from, const void *to, u64 flags)
{
	unsigned long start = ALIGN_DOWN((unsigned long)from, PAGE_SIZE);
	unsigned long end = ALIGN_UP((unsigned long)to, PAGE_SIZE);

	if (end <= start)
		return;
	if (paging_map(kernel_pml4, start, start - KERNEL_VMA, end - start, flags) < 0)
		panic("mm: out of memory mapping the kernel image");
}

static void detect_cpu_features(void)
{
	u32 a, b, c, d;

	cpuid(0x80000000, &a, &b, &c, &d);
	if (a >= 0x80000001) {
		cpuid(0x80000001, &a, &b, &c, &d);
		cpu_has_nx = d & CPUID_EXT_NX;
		cpu_has_1g_pages = d & CPUID_EXT_PDPE1GB;
	}
	/* boot.S turned NXE on when the CPU has it; make sure, since an NX
	 * bit with NXE off is a reserved-bit fault on every access. */
	if (cpu_has_nx && !(rdmsr(MSR_EFER) & EFER_NXE))
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	bsp_pat = rdmsr(MSR_PAT);
}

void paging_init(void)
{
	detect_cpu_features();

	kernel_pml4 = pt_alloc();
	if (!kernel_pml4)
		panic("mm: no memory for the kernel page tables");
	for (int i = 256; i < 512; i++) {
		u64 *pdpt = pt_alloc();

		if (!pdpt)
			panic("mm: no memory for the kernel page tables");
		kernel_pml4[i] = virt_to_phys(pdpt) | PTE_P | PTE_W;
	}

	/* RAM, including what ACPI may reclaim and its NVS memory. Reserved
	 * firmware regions and MMIO stay out (the ACPI tables are copied
	 * before mm_init; devices use ioremap), so no device memory gets a
	 * cacheable alias. */
	for (int i = 0; i < boot_info.nr_mem; i++) {
		const struct boot_mem_region *r = &boot_info.mem[i];

		if (r->type == BOOT_MEM_USABLE || r->type == BOOT_MEM_ACPI ||
		    r->type == BOOT_MEM_NVS)
			direct_map_range(r->base, r->base + r->size, PAGE_KERNEL);
	}

	map_kernel_part((void *)(KERNEL_VMA + (unsigned long)_kernel_phys_start), _text, PAGE_KERNEL);
	map_kernel_part(_text, _rodata, PAGE_KERNEL_X);
	map_kernel_part(_rodata, _data, PAGE_KERNEL_RO);
	map_kernel_part(_data, _kernel_end, PAGE_KERNEL);

	write_cr3(virt_to_phys(kernel_pml4));
	/* Every frame is reachable now. */
	pmm_enable_high();
}

void paging_init_cpu(void)
{
	if (cpu_has_nx)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	wrmsr(MSR_PAT, bsp_pat);
	write_cr0(read_cr0() | CR0_WP);
	write_cr4(read_cr4() | CR4_PAE | CR4_PGE);
	write_cr3(virt_to_phys(kernel_pml4));
}
