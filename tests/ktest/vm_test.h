/*
 * Helpers for the user-address-space ktests (tests/ktest/vm_*.c). A test
 * body runs with a fresh mm installed as the boot task's current->mm and
 * loaded in CR3, so copy_*_user go through the real fault path; the
 * wrapper always puts the kernel's tables back, whatever the body did.
 * Bodies use VT_* checks, which record the failure and return -1.
 */
#ifndef TESTS_KTEST_VM_TEST_H
#define TESTS_KTEST_VM_TEST_H

#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>

#include "kernel/mm/vm_internal.h"

#define VT_CHECK(cond)                                                       \
	do {                                                                 \
		if (!(cond)) {                                               \
			ktest_fail(__FILE__, __LINE__, "%s", #cond);         \
			return -1;                                           \
		}                                                            \
	} while (0)

#define VT_EQ(a, b)                                                                        \
	do {                                                                               \
		long long __a = (long long)(a), __b = (long long)(b);                      \
		if (__a != __b) {                                                          \
			ktest_fail(__FILE__, __LINE__, "%s == %s: %lld (%#llx) != %lld (%#llx)", \
				   #a, #b, __a, __a, __b, __b);                            \
			return -1;                                                         \
		}                                                                          \
	} while (0)

#define PROT_RW (LINUX_PROT_READ | LINUX_PROT_WRITE)
#define MAP_PA  (LINUX_MAP_PRIVATE | LINUX_MAP_ANONYMOUS)
#define MAP_SA  (LINUX_MAP_SHARED | LINUX_MAP_ANONYMOUS)

/* Make mm the current task's address space (NULL: none). */
static inline void vt_switch(struct mm *mm)
{
	current->mm = mm;
	mm_activate(mm);
}

/* Run body(mm) on a fresh mm; false when the body failed. */
static inline bool vt_run(int (*body)(struct mm *mm))
{
	struct mm *saved = current->mm, *mm = mm_create();
	int r;

	if (!mm) {
		ktest_fail(__FILE__, __LINE__, "mm_create failed");
		return false;
	}
	vt_switch(mm);
	r = body(mm);
	vt_switch(saved);
	mm_put(mm);
	return r == 0;
}

static inline long vt_mmap(struct mm *mm, unsigned long addr, size_t len, int prot, int flags)
{
	return vm_mmap(mm, addr, len, prot, flags, NULL, 0);
}

/* Read/write one u64 of user memory through the fault path; -1 on fault. */
static inline int vt_put(unsigned long addr, u64 v)
{
	return copy_to_user((void __user *)addr, &v, sizeof(v)) ? -1 : 0;
}

static inline int vt_get(unsigned long addr, u64 *v)
{
	return copy_from_user(v, (const void __user *)addr, sizeof(*v)) ? -1 : 0;
}

/* The page mapped at addr in mm, or NULL. */
static inline struct page *vt_page(struct mm *mm, unsigned long addr)
{
	pte_t *pte = vm_pte_lookup(mm->pml4, addr & PAGE_MASK);

	return pte && pte_mapped(*pte) ? pte_page(*pte) : NULL;
}

static inline pte_t vt_pte(struct mm *mm, unsigned long addr)
{
	pte_t *pte = vm_pte_lookup(mm->pml4, addr & PAGE_MASK);

	return pte ? *pte : 0;
}

#endif
