/*
 * 4-level x86_64 page tables. The kernel half (PML4 entries 256..511) is
 * shared by every address space: its PML4 entries are created at boot and
 * never change, so a new address space just copies them.
 */
#ifndef KERNEL_PAGING_H
#define KERNEL_PAGING_H

#include <kernel/mm.h>
#include <kernel/types.h>

typedef u64 pte_t;

#define PTE_P      (1ULL << 0)
#define PTE_W      (1ULL << 1)
#define PTE_U      (1ULL << 2)
#define PTE_PWT    (1ULL << 3)
#define PTE_PCD    (1ULL << 4)
#define PTE_A      (1ULL << 5)
#define PTE_D      (1ULL << 6)
#define PTE_PS     (1ULL << 7)
#define PTE_G      (1ULL << 8)
#define PTE_NX     (1ULL << 63)
#define PTE_ADDR_MASK 0x000ffffffffff000ULL

/* Flags for kernel mappings */
#define PAGE_KERNEL    (PTE_P | PTE_W | PTE_G | PTE_NX)
#define PAGE_KERNEL_RO (PTE_P | PTE_G | PTE_NX)
#define PAGE_KERNEL_X  (PTE_P | PTE_G)
#define PAGE_KERNEL_IO (PTE_P | PTE_W | PTE_G | PTE_NX | PTE_PCD | PTE_PWT)

extern u64 *kernel_pml4;            /* direct-map address of the kernel's PML4 (physically below 4 GiB) */
extern bool cpu_has_nx;

/* Map [va, va+len) to [pa, pa+len) with 4 KiB pages. -ENOMEM leaves what was
 * mapped before the failure mapped. */
int paging_map(u64 *pml4, unsigned long va, phys_addr_t pa, size_t len, u64 flags);
/* Unmap; returns how many pages were present. Does not free the frames.
 * paging_unmap and paging_protect flush the TLB for the range: on every CPU
 * for kernel addresses and for anything in kernel_pml4 (the AP trampoline);
 * for user addresses only on this CPU, and only when pml4 is loaded. */
size_t paging_unmap(u64 *pml4, unsigned long va, size_t len);
int paging_protect(u64 *pml4, unsigned long va, size_t len, u64 flags);
/* The PTE mapping va (NULL if none); with create, page tables are allocated.
 * Without create the entry may be a 2 MiB / 1 GiB one (PTE_PS: the direct
 * map); with create large pages on the way are split into 4 KiB ones. */
pte_t *paging_walk(u64 *pml4, unsigned long va, bool create);
/* -EFAULT when va is not mapped. */
int paging_virt_to_phys(u64 *pml4, unsigned long va, phys_addr_t *pa);
/* Map MMIO [pa, pa+len) uncached into the kernel; returns its virtual address. */
void *ioremap(phys_addr_t pa, size_t len);
void paging_init_cpu(void);         /* APs: load kernel_pml4, set PAT/NX as the BSP */

/* Flush kernel mappings [start, end) on every CPU. */
void flush_tlb_kernel_range(unsigned long start, unsigned long end);
/* Flush [start, end) on this CPU only (what a TLB shootdown IPI runs). */
void flush_tlb_local(unsigned long start, unsigned long end);

/* Undo ioremap (addr as returned by it). */
void iounmap(void *addr);
/* A new address space: an empty user half and the kernel half shared with
 * kernel_pml4. NULL when out of memory. */
u64 *paging_create_pml4(void);
/* Free the user half's page-table pages and the PML4 (not the frames mapped;
 * the caller unmaps and frees those first). Must not be loaded in any CR3. */
void paging_destroy_pml4(u64 *pml4);

#endif
