/*
 * All allocators at once on every CPU: one kernel thread bound to each
 * online CPU allocates and frees pages, kmalloc objects of random sizes,
 * objects of a shared cache and vmalloc areas, stamping each with its owner
 * and checking the stamp before freeing. A share of the objects is passed
 * through a common exchange so they are freed by a CPU other than the one
 * that allocated them (the path that moves objects between magazines and
 * pages between per-CPU lists).
 */
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <string.h>

#define STRESS_SLOTS  64
#define STRESS_TOTAL_ITERS 60000   /* shared by the threads: TCG runs vCPUs on few host CPUs */
#define EXCHANGE_SLOTS 32
#define STAMP_MAGIC   0x5741u

enum kind { K_NONE, K_KMALLOC, K_PAGES, K_CACHE, K_VMALLOC };

struct stamp {
	u16 magic;
	u16 cpu;
	u32 size;
	u64 serial;
};

struct item {
	enum kind kind;
	void *ptr;
	u32 size;      /* bytes; for K_PAGES the order */
};

struct stress_arg {
	int cpu;
	u64 seed;
	long errors;
	long wrong_cpu;
	u64 ops;
	struct item slots[STRESS_SLOTS];
};

static struct kmem_cache *stress_cache;
#define STRESS_CACHE_SIZE 200

static DEFINE_SPINLOCK(exchange_lock);
static struct item exchange[EXCHANGE_SLOTS];   /* exchange_lock */

static u64 stress_rand(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static size_t item_bytes(const struct item *it)
{
	return it->kind == K_PAGES ? PAGE_SIZE << it->size : it->size;
}

/* The stamp at the start, a fill byte derived from it at the end. */
static void stamp(struct item *it, int cpu, u64 serial)
{
	struct stamp *s = it->ptr;
	size_t n = item_bytes(it);

	s->magic = STAMP_MAGIC;
	s->cpu = cpu;
	s->size = n;
	s->serial = serial;
	memset((u8 *)it->ptr + sizeof(*s), (u8)serial, MIN(n - sizeof(*s), (size_t)64));
	((u8 *)it->ptr)[n - 1] = (u8)(serial >> 8);
}

static bool stamp_ok(const struct item *it)
{
	const struct stamp *s = it->ptr;
	size_t n = item_bytes(it);
	const u8 *b = it->ptr;

	if (s->magic != STAMP_MAGIC || s->size != n || b[n - 1] != (u8)(s->serial >> 8))
		return false;
	/* The fill stops short of the last byte, which stamp() set apart. */
	for (size_t i = sizeof(*s); i < MIN(n - 1, sizeof(*s) + 64); i++)
		if (b[i] != (u8)s->serial)
			return false;
	return true;
}

static void item_free(struct item *it)
{
	switch (it->kind) {
	case K_KMALLOC:
		kfree(it->ptr);
		break;
	case K_PAGES:
		free_pages_addr(it->ptr, it->size);
		break;
	case K_CACHE:
		kmem_cache_free(stress_cache, it->ptr);
		break;
	case K_VMALLOC:
		vfree(it->ptr);
		break;
	case K_NONE:
		break;
	}
	it->kind = K_NONE;
	it->ptr = NULL;
}

static void item_alloc(struct item *it, u64 *seed)
{
	u64 r = stress_rand(seed);

	switch (r % 16) {
	case 0 ... 8:
		it->kind = K_KMALLOC;
		/* Mostly small, sometimes past the slab sizes. */
		it->size = (r >> 8) % 8 ? 16 + (r >> 16) % 2048 : 16 + (r >> 16) % 40000;
		it->ptr = kmalloc(it->size, GFP_KERNEL);
		break;
	case 9 ... 11:
		it->kind = K_PAGES;
		it->size = (r >> 8) % 4;
		it->ptr = get_free_pages(GFP_KERNEL, it->size);
		break;
	case 12 ... 14:
		it->kind = K_CACHE;
		it->size = STRESS_CACHE_SIZE;
		it->ptr = kmem_cache_alloc(stress_cache, GFP_KERNEL);
		break;
	default:
		it->kind = K_VMALLOC;
		it->size = 16 + (r >> 8) % (48 << 10);
		it->ptr = vmalloc(it->size);
		break;
	}
	if (!it->ptr)
		it->kind = K_NONE;
}

static int stress_thread(void *p)
{
	struct stress_arg *a = p;

	for (int iter = 0; iter < STRESS_TOTAL_ITERS / nr_cpus; iter++) {
		u64 r = stress_rand(&a->seed);
		struct item *it = &a->slots[r % STRESS_SLOTS];

		if (smp_processor_id() != a->cpu)
			a->wrong_cpu++;   /* kthread_bind did not hold */
		if (it->kind != K_NONE) {
			if (!stamp_ok(it))
				a->errors++;
			if ((r >> 32) % 4 == 0) {
				/* Swap with the exchange: someone else frees ours. */
				unsigned long flags;
				struct item other;
				unsigned e = (r >> 40) % EXCHANGE_SLOTS;

				spin_lock_irqsave(&exchange_lock, flags);
				other = exchange[e];
				exchange[e] = *it;
				spin_unlock_irqrestore(&exchange_lock, flags);
				*it = other;
				if (it->kind != K_NONE && !stamp_ok(it))
					a->errors++;
			}
			item_free(it);
		} else {
			item_alloc(it, &a->seed);
			if (it->kind != K_NONE)
				stamp(it, a->cpu, a->seed);
		}
		a->ops++;
		if (iter % 512 == 0)
			yield();
	}
	for (int i = 0; i < STRESS_SLOTS; i++) {
		if (a->slots[i].kind != K_NONE && !stamp_ok(&a->slots[i]))
			a->errors++;
		item_free(&a->slots[i]);
	}
	return 0;
}

KTEST(mm_stress_smp)
{
	int n = nr_cpus;
	struct stress_arg *args = vzalloc(n * sizeof(*args));
	struct task **tasks = kcalloc(n, sizeof(*tasks), GFP_KERNEL);
	long errors = 0, wrong_cpu = 0;
	u64 ops = 0;
	int started = 0;

	KT_ASSERT(args && tasks);
	stress_cache = kmem_cache_create("mm_stress", STRESS_CACHE_SIZE, 0, NULL);
	KT_ASSERT(stress_cache);

	for (int cpu = 0; cpu < n; cpu++) {
		args[cpu].cpu = cpu;
		args[cpu].seed = 0x9e3779b97f4a7c15ULL * (cpu + 1);
		tasks[cpu] = kthread_create(stress_thread, &args[cpu], "mm_stress");
		if (!tasks[cpu])
			break;
		kthread_bind(tasks[cpu], cpu);
		wake_up_process(tasks[cpu]);
		started++;
	}
	for (int cpu = 0; cpu < started; cpu++) {
		kthread_join(tasks[cpu]);
		errors += args[cpu].errors;
		wrong_cpu += args[cpu].wrong_cpu;
		ops += args[cpu].ops;
	}
	for (int e = 0; e < EXCHANGE_SLOTS; e++) {
		if (exchange[e].kind != K_NONE && !stamp_ok(&exchange[e]))
			errors++;
		item_free(&exchange[e]);
	}
	kmem_cache_destroy(stress_cache);
	printk(KERN_INFO "mm_stress_smp: %d threads, %llu operations\n", started,
	       (unsigned long long)ops);
	vfree(args);
	kfree(tasks);

	KT_ASSERT_EQ(started, n);
	KT_ASSERT_EQ(errors, 0);
	KT_ASSERT_EQ(wrong_cpu, 0);
}
