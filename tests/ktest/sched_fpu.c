/*
 * FPU state tests: two threads on one CPU fill the SSE (and, when
 * enabled, AVX) registers with their own patterns and check them after
 * many forced and preemptive switches; kernel_fpu_begin/end preserves a
 * task's live registers; a thread whose first SSE use traps (#NM) gets a
 * state lazily.
 */
#include <asm/fpu.h>
#include <kernel/clock.h>
#include <kernel/ktest.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>
#include <string.h>

#define NREGS 16

static bool have_avx(void)
{
	return fpu_xfeatures & 4;
}

/* 32 bytes a register: xmm uses the low 16. */
static void regs_load(const u8 *buf)
{
	if (have_avx())
		__asm__ __volatile__(
			"vmovdqu 0(%0), %%ymm0\n\tvmovdqu 32(%0), %%ymm1\n\t"
			"vmovdqu 64(%0), %%ymm2\n\tvmovdqu 96(%0), %%ymm3\n\t"
			"vmovdqu 128(%0), %%ymm4\n\tvmovdqu 160(%0), %%ymm5\n\t"
			"vmovdqu 192(%0), %%ymm6\n\tvmovdqu 224(%0), %%ymm7\n\t"
			"vmovdqu 256(%0), %%ymm8\n\tvmovdqu 288(%0), %%ymm9\n\t"
			"vmovdqu 320(%0), %%ymm10\n\tvmovdqu 352(%0), %%ymm11\n\t"
			"vmovdqu 384(%0), %%ymm12\n\tvmovdqu 416(%0), %%ymm13\n\t"
			"vmovdqu 448(%0), %%ymm14\n\tvmovdqu 480(%0), %%ymm15\n\t"
			:: "r"(buf) : "memory");
	else
		__asm__ __volatile__(
			"movdqu 0(%0), %%xmm0\n\tmovdqu 32(%0), %%xmm1\n\t"
			"movdqu 64(%0), %%xmm2\n\tmovdqu 96(%0), %%xmm3\n\t"
			"movdqu 128(%0), %%xmm4\n\tmovdqu 160(%0), %%xmm5\n\t"
			"movdqu 192(%0), %%xmm6\n\tmovdqu 224(%0), %%xmm7\n\t"
			"movdqu 256(%0), %%xmm8\n\tmovdqu 288(%0), %%xmm9\n\t"
			"movdqu 320(%0), %%xmm10\n\tmovdqu 352(%0), %%xmm11\n\t"
			"movdqu 384(%0), %%xmm12\n\tmovdqu 416(%0), %%xmm13\n\t"
			"movdqu 448(%0), %%xmm14\n\tmovdqu 480(%0), %%xmm15\n\t"
			:: "r"(buf) : "memory");
}

static void regs_store(u8 *buf)
{
	if (have_avx())
		__asm__ __volatile__(
			"vmovdqu %%ymm0, 0(%0)\n\tvmovdqu %%ymm1, 32(%0)\n\t"
			"vmovdqu %%ymm2, 64(%0)\n\tvmovdqu %%ymm3, 96(%0)\n\t"
			"vmovdqu %%ymm4, 128(%0)\n\tvmovdqu %%ymm5, 160(%0)\n\t"
			"vmovdqu %%ymm6, 192(%0)\n\tvmovdqu %%ymm7, 224(%0)\n\t"
			"vmovdqu %%ymm8, 256(%0)\n\tvmovdqu %%ymm9, 288(%0)\n\t"
			"vmovdqu %%ymm10, 320(%0)\n\tvmovdqu %%ymm11, 352(%0)\n\t"
			"vmovdqu %%ymm12, 384(%0)\n\tvmovdqu %%ymm13, 416(%0)\n\t"
			"vmovdqu %%ymm14, 448(%0)\n\tvmovdqu %%ymm15, 480(%0)\n\t"
			:: "r"(buf) : "memory");
	else
		__asm__ __volatile__(
			"movdqu %%xmm0, 0(%0)\n\tmovdqu %%xmm1, 32(%0)\n\t"
			"movdqu %%xmm2, 64(%0)\n\tmovdqu %%xmm3, 96(%0)\n\t"
			"movdqu %%xmm4, 128(%0)\n\tmovdqu %%xmm5, 160(%0)\n\t"
			"movdqu %%xmm6, 192(%0)\n\tmovdqu %%xmm7, 224(%0)\n\t"
			"movdqu %%xmm8, 256(%0)\n\tmovdqu %%xmm9, 288(%0)\n\t"
			"movdqu %%xmm10, 320(%0)\n\tmovdqu %%xmm11, 352(%0)\n\t"
			"movdqu %%xmm12, 384(%0)\n\tmovdqu %%xmm13, 416(%0)\n\t"
			"movdqu %%xmm14, 448(%0)\n\tmovdqu %%xmm15, 480(%0)\n\t"
			:: "r"(buf) : "memory");
}

static void fill_pattern(u8 *buf, int seed)
{
	for (int i = 0; i < NREGS * 32; i++)
		buf[i] = (u8)(seed * 37 + i * 11 + (i >> 5));
}

/* Bytes that matter: all 32 with AVX, the low 16 of each slot without. */
static bool same_regs(const u8 *a, const u8 *b)
{
	int w = have_avx() ? 32 : 16;

	for (int r = 0; r < NREGS; r++)
		if (memcmp(a + r * 32, b + r * 32, w))
			return false;
	return true;
}

static volatile bool fpu_stop;

static int fpu_thread(void *arg)
{
	int seed = (int)(long)arg;
	static u8 want_buf[2][NREGS * 32], got_buf[2][NREGS * 32];
	u8 *want = want_buf[seed & 1], *got = got_buf[seed & 1];
	int errors = 0;

	if (fpu_task_enable())
		return -1;
	fill_pattern(want, seed);
	regs_load(want);
	for (int i = 0; i < 300 && !errors; i++) {
		if (i & 1) {
			yield();
		} else {
			/* Spin past a tick so preemption switches us too. */
			u64 end = ktime_get_ns() + 200 * NSEC_PER_USEC;
			while (ktime_get_ns() < end)
				;
		}
		regs_store(got);
		if (!same_regs(want, got))
			errors++;
	}
	return errors;
}

KTEST(sched_fpu_switch)
{
	struct task *t[2];
	int cpu = nr_cpus - 1;
	u64 sw0 = sched_nr_switches(cpu);

	for (int i = 0; i < 2; i++) {
		t[i] = kthread_create(fpu_thread, (void *)(long)(i + 1), "ktest-fpu");
		KT_ASSERT(t[i]);
		kthread_bind(t[i], cpu);
	}
	wake_up_process(t[0]);
	wake_up_process(t[1]);
	KT_ASSERT_EQ(kthread_join(t[0]), 0);
	KT_ASSERT_EQ(kthread_join(t[1]), 0);
	KT_ASSERT(sched_nr_switches(cpu) > sw0 + 100);
}

static int kernel_fpu_thread(void *arg)
{
	static u8 want[NREGS * 32], got[NREGS * 32], junk[NREGS * 32];

	if (fpu_task_enable())
		return -1;
	fill_pattern(want, 5);
	fill_pattern(junk, 9);
	regs_load(want);
	kernel_fpu_begin();
	regs_load(junk);          /* kernel code clobbers the registers */
	kernel_fpu_end();
	regs_store(got);
	return same_regs(want, got) ? 0 : 1;
}

static int kernel_fpu_plain_thread(void *arg)
{
	static u8 buf[NREGS * 32];

	/* No state of its own: begin/end lend the registers. */
	kernel_fpu_begin();
	fill_pattern(buf, 3);
	regs_load(buf);
	kernel_fpu_end();
	return current->fpu ? 1 : 0;
}

KTEST(sched_kernel_fpu)
{
	struct task *t = kthread_run(kernel_fpu_thread, NULL, "ktest-kfpu");

	KT_ASSERT(t);
	KT_ASSERT_EQ(kthread_join(t), 0);
	t = kthread_run(kernel_fpu_plain_thread, NULL, "ktest-kfpu2");
	KT_ASSERT(t);
	KT_ASSERT_EQ(kthread_join(t), 0);
}

static int fpu_lazy_thread(void *arg)
{
	int seed = (int)(long)arg;
	static u8 want_buf[2][NREGS * 32], got_buf[2][NREGS * 32];
	u8 *want = want_buf[seed & 1], *got = got_buf[seed & 1];
	int errors = 0;

	if (current->fpu)
		return -1;
	fill_pattern(want, seed);
	regs_load(want);          /* first use: #NM allocates the state */
	if (!current->fpu)
		return -2;
	for (int i = 0; i < 100 && !errors; i++) {
		yield();
		regs_store(got);
		if (!same_regs(want, got))
			errors++;
	}
	return errors;
}

/* Relies on the #NM trap (traps.c -> fpu_handle_nm) to give state on first use. */
KTEST(sched_fpu_lazy)
{
	struct task *t[2];
	int cpu = nr_cpus - 1;

	for (int i = 0; i < 2; i++) {
		t[i] = kthread_create(fpu_lazy_thread, (void *)(long)(i + 1), "ktest-fpul");
		KT_ASSERT(t[i]);
		kthread_bind(t[i], cpu);
	}
	wake_up_process(t[0]);
	wake_up_process(t[1]);
	KT_ASSERT_EQ(kthread_join(t[0]), 0);
	KT_ASSERT_EQ(kthread_join(t[1]), 0);
}
