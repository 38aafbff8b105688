/*
 * User address spaces: the life of a struct mm (create, fork, get/put),
 * loading its page tables on a CPU (mm_activate, called on every context
 * switch), and TLB shootdown for user ranges.
 *
 * Which CPUs may cache an mm's translations: no PCIDs are used, so a CR3
 * load drops every non-global entry, and only a CPU that has the mm's
 * tables loaded right now can hold entries of it. Each CPU records which
 * mm it has loaded (cpu_loaded[], written by that CPU alone with interrupts
 * off), and each mm keeps a bitmask of those CPUs (cpu_mask). A flush
 * invalidates locally when loaded here, and sends a shootdown only when
 * another CPU's bit is set: single-threaded processes never send IPIs.
 * Ordering: mm_activate sets the bit (a locked instruction, a full
 * barrier) before loading CR3; a flusher writes the PTEs, fences, then
 * reads the mask. A CPU the flusher does not see has not yet loaded CR3, so
 * it will walk the new PTEs.
 *
 * The shootdown reuses smp.c's kernel-range TLB IPI (invlpg of a user
 * address on a CPU that has another mm loaded is harmless), which keeps one
 * request lock for all TLB IPIs.
 *
 * The last mm_put tears everything down; before freeing the page tables it
 * makes sure no CPU still has them in CR3 (a thread that dropped its
 * reference may still run in the kernel on them until its next switch).
 */
#include <asm/x86.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/paging.h>
#include <kernel/panic.h>
#include <kernel/percpu.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/vm.h>
#include <string.h>

#include "vm_internal.h"

struct page *vm_zero_page;

/* The mm whose tables each CPU has in CR3 (NULL: kernel_pml4). Written only
 * by its own CPU with interrupts off; read by others (mm teardown). */
static struct mm *cpu_loaded[MAX_CPUS];

/* Above this many pages a local flush reloads CR3 (non-global entries only). */
#define LOCAL_FLUSH_MAX 32

static void local_flush_user(unsigned long start, unsigned long end)
{
	start &= PAGE_MASK;
	if (end <= start)
		return;
	if ((end - start) >> PAGE_SHIFT > LOCAL_FLUSH_MAX) {
		write_cr3(read_cr3());
		return;
	}
	for (unsigned long va = start; va < end; va += PAGE_SIZE)
		invlpg(va);
}

bool vm_mm_loaded_here(struct mm *mm)
{
	return cpu_loaded[smp_processor_id()] == mm;
}

void vm_flush_range(struct mm *mm, unsigned long start, unsigned long end)
{
	int cpu;

	if (end <= start)
		return;
	preempt_disable();
	cpu = smp_processor_id();
	if (cpu_loaded[cpu] == mm)
		local_flush_user(start, end);
	/* The PTE stores before the mask load: see the top of the file. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (__atomic_load_n(&mm->cpu_mask, __ATOMIC_RELAXED) & ~(1ULL << cpu))
		tlb_shootdown_kernel(start, end);
	preempt_enable();
}

void mm_activate(struct mm *mm)
{
	unsigned long flags = local_irq_save();
	int cpu = smp_processor_id();
	struct mm *prev = cpu_loaded[cpu];
	phys_addr_t pa = virt_to_phys(mm ? mm->pml4 : kernel_pml4);

	if (prev == mm && (read_cr3() & PTE_ADDR_MASK) == pa) {
		local_irq_restore(flags);
		return;
	}
	if (mm)
		__atomic_fetch_or(&mm->cpu_mask, 1ULL << cpu, __ATOMIC_SEQ_CST);
	write_cr3(pa);
	/* prev's bit goes before cpu_loaded changes: a teardown that sees
	 * cpu_loaded[cpu] != prev knows this CPU is done with prev. */
	if (prev && prev != mm)
		__atomic_fetch_and(&prev->cpu_mask, ~(1ULL << cpu), __ATOMIC_SEQ_CST);
	__atomic_store_n(&cpu_loaded[cpu], mm, __ATOMIC_RELEASE);
	local_irq_restore(flags);
}

/* On a CPU that still has mm loaded: switch to the kernel's tables. */
static void unload_mm_here(void *arg)
{
	struct mm *mm = arg;
	int cpu = smp_processor_id();

	if (cpu_loaded[cpu] != mm)
		return;
	write_cr3(virt_to_phys(kernel_pml4));
	__atomic_fetch_and(&mm->cpu_mask, ~(1ULL << cpu), __ATOMIC_SEQ_CST);
	__atomic_store_n(&cpu_loaded[cpu], NULL, __ATOMIC_RELEASE);
}

static unsigned long mmap_base_for(struct mm *mm, unsigned long stack_rlimit)
{
	unsigned long pad = VM_STACK_GUARD_GAP + (mm->randomize ? VM_STACK_RND_MAX : 0);
	unsigned long gap = stack_rlimit + pad;

	/* Linux's mmap_base(): the stack limit plus its guard (and how far
	 * the stack top may be randomized), at least 128 MiB and at most
	 * 5/6 of the address space; then the random offset (vm_aslr.c). */
	if (gap < stack_rlimit || gap > VM_TASK_SIZE / 6 * 5)
		gap = VM_TASK_SIZE / 6 * 5;
	if (gap < (128UL << 20))
		gap = 128UL << 20;
	return ALIGN_DOWN(VM_TASK_SIZE - gap - mm->mmap_rnd, PAGE_SIZE);
}

void vm_mm_recompute_base(struct mm *mm)
{
	mm->mmap_base = mmap_base_for(mm, mm->stack_rlimit);
}

static bool vm_init_zero_page(void)
{
	struct page *p;

	if (__atomic_load_n(&vm_zero_page, __ATOMIC_ACQUIRE))
		return true;
	p = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!p)
		return false;
	/* Never freed: the extra reference keeps any stray put from doing so. */
	get_page(p);
	if (!__atomic_compare_exchange_n(&vm_zero_page, &(struct page *){ NULL }, p, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		put_page(p);
		put_page(p);
	}
	return true;
}

struct mm *mm_create(void)
{
	struct mm *mm;

	if (!vm_init_zero_page())
		return NULL;
	mm = kzalloc(sizeof(*mm), GFP_KERNEL);
	if (!mm)
		return NULL;
	mm->pml4 = paging_create_pml4();
	if (!mm->pml4) {
		kfree(mm);
		return NULL;
	}
	mutex_init(&mm->lock, "mm");
	mm->refcount = 1;
	mm->vmas = RB_ROOT;
	mm->stack_rlimit = VM_DEFAULT_STACK_RLIMIT;
	mm->mmap_base = mmap_base_for(mm, mm->stack_rlimit);
	return mm;
}

void mm_get(struct mm *mm)
{
	__atomic_fetch_add(&mm->refcount, 1, __ATOMIC_RELAXED);
}

void vm_page_release(struct page *page)
{
	if (page == vm_zero_page)
		return;
	if (page->flags & PG_anon)
		put_page(page);
	else
		file_put_page(page);
}

/* Until kernel/fs provides them: page-cache pages use the same counting,
 * and no file maps as anonymous memory. */
__weak bool file_mmap_anon(struct file *f)
{
	return false;
}

__weak void file_put_page(struct page *p)
{
	put_page(p);
}

static void mm_teardown(struct mm *mm)
{
	struct vma *v, *n;
	u64 mask;
	int cpu;

	/* Nobody may run on these tables any more: unload them everywhere. */
	preempt_disable();
	cpu = smp_processor_id();
	unload_mm_here(mm);
	preempt_enable();
	mask = __atomic_load_n(&mm->cpu_mask, __ATOMIC_ACQUIRE);
	for (int c = 0; mask && c < MAX_CPUS; c++) {
		if (!(mask & (1ULL << c)) || c == cpu)
			continue;
		/* Only a task that put its mm without clearing task->mm first
		 * leaves it loaded elsewhere (a bug in the caller): make that
		 * CPU let go before the tables are freed. */
		if (__atomic_load_n(&cpu_loaded[c], __ATOMIC_ACQUIRE) == mm) {
			pr_warn("vm: mm %p freed while loaded on CPU %d\n", mm, c);
			smp_call_function_single(c, unload_mm_here, mm, true);
		}
	}
	/* A CPU this task moved away from in between has not loaded it either:
	 * only tasks holding a reference load an mm. */
	preempt_disable();
	unload_mm_here(mm);
	preempt_enable();

	/* No CPU holds a translation now: release pages without flushing. */
	rbtree_postorder_for_each_entry_safe(v, n, &mm->vmas, node) {
		struct vm_gather g;

		vm_gather_init(&g, mm);
		g.noflush = true;
		vm_zap_range(&g, v->start, v->end);
		vm_gather_finish(&g);
		vma_destroy(v);
	}
	mm->vmas = RB_ROOT;
	paging_destroy_pml4(mm->pml4);
	kfree(mm);
}

void mm_put(struct mm *mm)
{
	if (!mm)
		return;
	/* The caller stopped using mm (task->mm cleared): do not keep running
	 * on tables that may be freed under us by another CPU's last put. */
	if (current && current->mm != mm) {
		unsigned long flags = local_irq_save();

		if (vm_mm_loaded_here(mm))
			unload_mm_here(mm);
		local_irq_restore(flags);
	}
	if (__atomic_sub_fetch(&mm->refcount, 1, __ATOMIC_ACQ_REL) == 0)
		mm_teardown(mm);
}

/* fork: copy the private mappings' entries of one VMA, write-protecting
 * both sides so the first write copies. */
struct fork_ctx {
	struct mm *child;
	int err;
	bool wrprotected;
};

static void fork_copy_pte(pte_t *pte, unsigned long va, void *arg)
{
	struct fork_ctx *c = arg;
	pte_t old = *pte, new;
	pte_t *cpte;

	if (c->err || !pte_mapped(old))
		return;
	cpte = vm_pte_alloc(c->child->pml4, va);
	if (!cpte) {
		c->err = -ENOMEM;
		return;
	}
	if (old & PTE_W) {
		/* Atomically, so a dirty bit the hardware sets is not lost. */
		__atomic_fetch_and(pte, ~PTE_W, __ATOMIC_SEQ_CST);
		c->wrprotected = true;
	}
	new = old & ~(PTE_W | PTE_A | PTE_D);
	if (pte_page(old) != vm_zero_page)
		get_page(pte_page(old));
	*cpte = new;
	vm_rss_add(c->child, pte_page(old), 1);
}

struct mm *mm_fork(struct mm *old)
{
	struct mm *mm = mm_create();
	struct fork_ctx ctx = { .child = mm };
	struct vma *v;

	if (!mm)
		return NULL;
	mutex_lock(&old->lock);
	mm->mmap_base = old->mmap_base;
	mm->randomize = old->randomize;
	mm->mmap_rnd = old->mmap_rnd;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->stack_rlimit = old->stack_rlimit;
	mm->start_stack = old->start_stack;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->env_start = old->env_start;
	mm->env_end = old->env_end;

	for (v = vm_first_vma(old); v; v = vma_next(v)) {
		struct vma *nv;

		if (v->flags & VM_DONTCOPY)
			continue;
		nv = vma_dup(v);
		if (!nv) {
			ctx.err = -ENOMEM;
			break;
		}
		nv->mm = mm;
		nv->flags &= ~VM_LOCKED;      /* mlock is not inherited */
		vm_vma_link(mm, nv);
		/* Shared mappings refault from their object; wiped ones start
		 * empty; private ones share their pages copy-on-write. */
		if ((v->flags & (VM_SHARED | VM_WIPEONFORK)) || v->shm)
			continue;
		vm_pte_range(old->pml4, v->start, v->end, fork_copy_pte, &ctx);
		if (ctx.err)
			break;
	}
	/* Threads of old on other CPUs may still hold writable entries. */
	if (ctx.wrprotected)
		vm_flush_range(old, 0, VM_TASK_SIZE);
	mutex_unlock(&old->lock);
	if (ctx.err) {
		mm_put(mm);
		return NULL;
	}
	return mm;
}

void vm_set_layout(struct mm *mm, unsigned long start_stack, unsigned long arg_start,
		   unsigned long arg_end, unsigned long env_start, unsigned long env_end)
{
	mutex_lock(&mm->lock);
	mm->start_stack = start_stack;
	mm->arg_start = arg_start;
	mm->arg_end = arg_end;
	mm->env_start = env_start;
	mm->env_end = env_end;
	mutex_unlock(&mm->lock);
}

void vm_set_stack_rlimit(struct mm *mm, unsigned long bytes)
{
	mutex_lock(&mm->lock);
	mm->stack_rlimit = bytes;
	/* Only an empty address space (exec) picks a new base, as Linux does. */
	if (!mm->map_count)
		mm->mmap_base = mmap_base_for(mm, bytes);
	mutex_unlock(&mm->lock);
}

int vm_for_each_vma(struct mm *mm, int (*fn)(const struct vma_info *v, void *arg), void *arg)
{
	int r = 0;

	mutex_lock(&mm->lock);
	for (struct vma *v = vm_first_vma(mm); v && !r; v = vma_next(v)) {
		struct vma_info info = {
			.start = v->start, .end = v->end, .flags = v->flags,
			.pgoff = v->pgoff, .file = v->file, .shm = v->shm != NULL,
			.shm_obj = v->shm,
			.name = v->shm ? shmem_anon_name(v->shm) : NULL,
		};
		if (info.name)
			info.shm = false;   /* a special mapping, not /dev/zero */
		r = fn(&info, arg);
	}
	mutex_unlock(&mm->lock);
	return r;
}
