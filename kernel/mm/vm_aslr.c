/*
 * Address-space layout randomization with Linux's x86_64 amounts
 * (arch/x86/mm/mmap.c, fs/binfmt_elf.c): at exec an mm gets `randomize`
 * when kernel.randomize_va_space is non-zero and the personality lacks
 * ADDR_NO_RANDOMIZE (setarch -R); then
 *   mmap base   28 bits of pages below its place under the stack gap
 *               (the gap also leaves room for the stack's own offset);
 *   stack top   22 bits of pages lower, and the stack pointer up to 8 KiB
 *               lower below the argument strings (arch_align_stack);
 *   PIE base    ELF_ET_DYN_BASE + 28 bits of pages (a program with an
 *               interpreter; one without is placed by mmap, so moves too);
 *   break       up to 32 MiB above the end of the data (value 2 only).
 * The vDSO is mapped top-down below the mmap base and moves with it.
 * `norandmaps` on the command line starts the sysctl at 0.
 * XXX: Linux also randomizes the vDSO's place relative to the stack and
 * keeps the sysctl's value per exec (snapshot); here a change applies to
 * the next exec at once, which is the same thing for a new process.
 */
#include <kernel/boot.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/random.h>
#include <kernel/vm.h>

#include "vm_internal.h"

#define MMAP_RND_BITS 28
#define BRK_RND_RANGE 0x02000000UL

int vm_randomize_va_space = -1;   /* -1: not read from the command line yet */

static int va_space(void)
{
	int v = __atomic_load_n(&vm_randomize_va_space, __ATOMIC_RELAXED);

	if (v < 0) {
		int expect = -1;

		v = cmdline_has("norandmaps") ? 0 : 2;
		if (!__atomic_compare_exchange_n(&vm_randomize_va_space, &expect, v, false,
						 __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			v = expect;
	}
	return v;
}

int vm_get_randomize_va_space(void)
{
	return va_space();
}

int vm_set_randomize_va_space(int v)
{
	if (v < 0 || v > 2)
		return -EINVAL;
	__atomic_store_n(&vm_randomize_va_space, v, __ATOMIC_RELAXED);
	return 0;
}

void vm_aslr_exec(struct mm *mm, unsigned long personality)
{
	mutex_lock(&mm->lock);
	mm->randomize = va_space() && !(personality & LINUX_ADDR_NO_RANDOMIZE);
	mm->mmap_rnd = mm->randomize ? vm_aslr_pie_offset(mm) : 0;
	if (!mm->map_count)
		vm_mm_recompute_base(mm);
	mutex_unlock(&mm->lock);
}

unsigned long vm_aslr_pie_offset(struct mm *mm)
{
	if (!mm->randomize)
		return 0;
	return (get_random_u64() & ((1UL << MMAP_RND_BITS) - 1)) << PAGE_SHIFT;
}

unsigned long vm_aslr_stack_top(struct mm *mm, unsigned long top)
{
	top = ALIGN_UP(top, PAGE_SIZE);
	if (!mm->randomize)
		return top;
	return top - (get_random_u64() & VM_STACK_RND_MAX);
}

unsigned long vm_aslr_align_stack(struct mm *mm, unsigned long sp)
{
	if (mm->randomize)
		sp -= get_random_u32() % 8192;
	return sp & ~0xfUL;
}

/* Linux's randomize_page(start, range) for the break (caller: vm_set_brk_start). */
unsigned long vm_aslr_brk(struct mm *mm, unsigned long start)
{
	unsigned long range = BRK_RND_RANGE >> PAGE_SHIFT;

	if (!mm->randomize || va_space() < 2)
		return start;
	return start + ((get_random_u64() % range) << PAGE_SHIFT);
}
