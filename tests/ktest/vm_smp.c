/*
 * One mm used from two CPUs at once, as threads do: a change made on one
 * CPU (munmap, MAP_FIXED replacement, mprotect, the write-protection fork
 * does) must reach the other CPU's TLB before the call returns; and both
 * CPUs faulting the same range at once end with every page right.
 *
 * The helper thread is bound to CPU 1 and keeps the mm loaded by spinning
 * (sleeping would switch it out and flush its TLB, hiding a missing
 * shootdown). Needs two CPUs; with one the tests pass trivially.
 */
#include <asm/x86.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>

#include "vm_test.h"

struct tlb_ctx {
	struct mm *mm;
	unsigned long addr;
	/* Round r: 4r main has prepared; 4r+1 the thread has the entry in its
	 * TLB; 4r+2 main has changed it; 4r+3 the thread has looked again. */
	volatile int step;
	int rounds;
	u64 seen[8];
	int failed[8];            /* the read after main's change faulted */
	bool cpu_ok;
};

static void wait_step(volatile int *step, int want)
{
	while (__atomic_load_n(step, __ATOMIC_ACQUIRE) != want)
		cpu_relax();
}

static void set_step(volatile int *step, int v)
{
	__atomic_store_n(step, v, __ATOMIC_RELEASE);
}

static int tlb_thread(void *arg)
{
	struct tlb_ctx *c = arg;
	u64 v;

	mm_get(c->mm);
	vt_switch(c->mm);
	c->cpu_ok = smp_processor_id() == 1;
	for (int r = 0; r < c->rounds; r++) {
		wait_step(&c->step, 4 * r);
		/* Load the translation into this CPU's TLB. */
		for (int i = 0; i < 16; i++)
			vt_get(c->addr, &v);
		set_step(&c->step, 4 * r + 1);
		wait_step(&c->step, 4 * r + 2);
		c->failed[r] = vt_get(c->addr, &c->seen[r]);
		/* A write through a possibly stale writable entry. */
		if (!c->failed[r])
			vt_put(c->addr + 8, 0xbad);
		set_step(&c->step, 4 * r + 3);
	}
	vt_switch(NULL);
	mm_put(c->mm);
	return 0;
}

static int tlb_body(struct mm *mm)
{
	struct tlb_ctx c = { .mm = mm, .rounds = 4, .step = -1 };
	struct task *t;
	struct mm *child = NULL;
	long a = vt_mmap(mm, 0, PAGE_SIZE, PROT_RW, MAP_PA), other;
	u64 v;

	if (nr_cpus < 2) {
		printk("vm_tlb_shootdown: one CPU, nothing to test\n");
		return 0;
	}
	VT_CHECK(a > 0);
	c.addr = a;
	VT_EQ(vt_put(a, 111), 0);
	t = kthread_create(tlb_thread, &c, "vm-tlb");
	VT_CHECK(t);
	kthread_bind(t, 1);
	wake_up_process(t);

	/* Round 0: another page moves there (mremap replaces the old one;
	 * the new frame exists before the old is freed, so a stale entry
	 * would still show 111). */
	other = vt_mmap(mm, 0, PAGE_SIZE, PROT_RW, MAP_PA | LINUX_MAP_POPULATE);
	VT_CHECK(other > 0);
	VT_EQ(vt_put(other, 222), 0);
	set_step(&c.step, 0);
	wait_step(&c.step, 1);
	VT_CHECK(mm->cpu_mask & 2);
	VT_EQ(vm_mremap(mm, other, PAGE_SIZE, PAGE_SIZE, LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_FIXED, a),
	      a);
	set_step(&c.step, 2);

	/* Round 1: fork write-protects it; the thread's write must COW. */
	wait_step(&c.step, 3);
	VT_EQ(vt_put(a + 8, 0), 0);
	set_step(&c.step, 4);
	wait_step(&c.step, 5);
	child = mm_fork(mm);
	VT_CHECK(child);
	set_step(&c.step, 6);

	/* Round 2: mprotect(PROT_NONE). */
	wait_step(&c.step, 7);
	set_step(&c.step, 8);
	wait_step(&c.step, 9);
	VT_EQ(vm_mprotect(mm, a, PAGE_SIZE, LINUX_PROT_NONE), 0);
	set_step(&c.step, 10);

	/* Round 3: munmap. */
	wait_step(&c.step, 11);
	VT_EQ(vm_mprotect(mm, a, PAGE_SIZE, PROT_RW), 0);
	set_step(&c.step, 12);
	wait_step(&c.step, 13);
	VT_EQ(vm_munmap(mm, a, PAGE_SIZE), 0);
	set_step(&c.step, 14);

	wait_step(&c.step, 15);
	kthread_join(t);
	VT_CHECK(c.cpu_ok);
	VT_EQ(vm_access(child, a + 8, &v, sizeof(v), false), (long)sizeof(v));
	printk("vm_tlb_shootdown: rounds: %d/%llu %d %d %d, child %llu\n", c.failed[0],
	       (unsigned long long)c.seen[0], c.failed[1], c.failed[2], c.failed[3],
	       (unsigned long long)v);
	VT_EQ(c.failed[0], 0);
	VT_EQ(c.seen[0], 222);
	VT_EQ(c.failed[1], 0);
	/* The child's copy never saw the thread's write after the fork. */
	VT_EQ(vm_access(child, a + 8, &v, sizeof(v), false), (long)sizeof(v));
	VT_EQ(v, 0);
	mm_put(child);
	VT_CHECK(c.failed[2] != 0);
	VT_CHECK(c.failed[3] != 0);
	return 0;
}

KTEST(vm_tlb_shootdown)
{
	vt_run(tlb_body);
}

/* ---- concurrent faults ----------------------------------------------------------- */

#define CF_PAGES 256

struct cf_ctx {
	struct mm *mm;
	unsigned long addr;
	int slot;
	int errors;
};

static int cf_fill(struct cf_ctx *c)
{
	int errors = 0;

	/* Both CPUs touch every page, each its own word: the same pages
	 * fault on both sides at the same time. */
	for (int i = 0; i < CF_PAGES; i++)
		if (vt_put(c->addr + i * PAGE_SIZE + c->slot * 8, (u64)i << 8 | c->slot))
			errors++;
	return errors;
}

static int cf_thread(void *arg)
{
	struct cf_ctx *c = arg;

	mm_get(c->mm);
	vt_switch(c->mm);
	c->errors = cf_fill(c);
	vt_switch(NULL);
	mm_put(c->mm);
	return 0;
}

static int cf_body(struct mm *mm)
{
	long a = vt_mmap(mm, 0, CF_PAGES * PAGE_SIZE, PROT_RW, MAP_PA);
	struct cf_ctx c1 = { .mm = mm, .addr = a, .slot = 1 }, c0 = { .mm = mm, .addr = a, .slot = 0 };
	struct task *t;

	VT_CHECK(a > 0);
	t = kthread_create(cf_thread, &c1, "vm-cf");
	VT_CHECK(t);
	kthread_bind(t, nr_cpus > 1 ? 1 : 0);
	wake_up_process(t);
	c0.errors = cf_fill(&c0);
	kthread_join(t);
	VT_EQ(c0.errors, 0);
	VT_EQ(c1.errors, 0);
	for (int i = 0; i < CF_PAGES; i++) {
		u64 v0, v1;

		VT_EQ(vt_get(a + i * PAGE_SIZE, &v0), 0);
		VT_EQ(vt_get(a + i * PAGE_SIZE + 8, &v1), 0);
		VT_EQ(v0, (u64)i << 8);
		VT_EQ(v1, (u64)i << 8 | 1);
	}
	return 0;
}

KTEST(vm_concurrent_faults)
{
	vt_run(cf_body);
}
