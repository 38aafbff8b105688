/*
 * FPU, SSE and AVX state. See asm/fpu.h for the model: CR0.TS is set
 * while the current task has no state of its own, the first use traps
 * (#NM) and allocates one; tasks with state get it saved and restored on
 * every switch (eagerly: XXX Linux defers the restore to the return to
 * user space and skips it when the registers still hold the task's state).
 *
 * The save image is XSAVE's standard (non-compacted) format when the CPU
 * has XSAVE, with XCR0 = x87 | SSE | AVX | AVX-512 as far as offered;
 * otherwise FXSAVE's 512 bytes. Its size comes from CPUID leaf 0xD for the
 * features actually enabled.
 *
 * Per-CPU variables here (ts_set, kfpu_active) are touched only by their
 * own CPU with preemption or interrupts off.
 */
#include <asm/fpu.h>
#include <asm/x86.h>
#include <kernel/errno.h>
#include <kernel/irq.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/percpu.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <string.h>

#define XFEATURE_X87    (1ULL << 0)
#define XFEATURE_SSE    (1ULL << 1)
#define XFEATURE_AVX    (1ULL << 2)
#define XFEATURE_AVX512 (7ULL << 5)   /* opmask, ZMM_Hi256, Hi16_ZMM: all or none */
#define CR0_NE          (1UL << 5)

#define FCW_DEFAULT   0x037f          /* all x87 exceptions masked, 64-bit precision */
#define MXCSR_DEFAULT 0x1f80          /* all SSE exceptions masked, round to nearest */

u32 fpu_xstate_size = 512;
u64 fpu_xfeatures = XFEATURE_X87 | XFEATURE_SSE;
bool fpu_use_xsave;

static bool ts_set[MAX_CPUS];         /* CR0.TS as last written by this CPU */
static bool kfpu_active[MAX_CPUS];    /* inside kernel_fpu_begin/end */

static void fpu_ts(bool on)
{
	int c = smp_processor_id();

	if (ts_set[c] == on)
		return;
	if (on)
		write_cr0(read_cr0() | CR0_TS);
	else
		__asm__ __volatile__("clts" ::: "memory");
	ts_set[c] = on;
}

/* TS must be clear. */
static void fpu_save(struct fpu_state *f)
{
	if (fpu_use_xsave)
		__asm__ __volatile__("xsave64 (%0)" :: "r"(f->area), "a"((u32)fpu_xfeatures),
				     "d"((u32)(fpu_xfeatures >> 32)) : "memory");
	else
		__asm__ __volatile__("fxsave64 (%0)" :: "r"(f->area) : "memory");
}

/* TS must be clear. */
static void fpu_restore(struct fpu_state *f)
{
	if (fpu_use_xsave)
		__asm__ __volatile__("xrstor64 (%0)" :: "r"(f->area), "a"((u32)fpu_xfeatures),
				     "d"((u32)(fpu_xfeatures >> 32)) : "memory");
	else
		__asm__ __volatile__("fxrstor64 (%0)" :: "r"(f->area) : "memory");
}

static void fpu_load_clean(void)
{
	u32 mxcsr = MXCSR_DEFAULT;

	__asm__ __volatile__("fninit; ldmxcsr %0" :: "m"(mxcsr) : "memory");
}

void fpu_init_cpu(void)
{
	int cpu = smp_processor_id();
	u32 a, b, c, d;
	bool has_xsave, has_avx;
	u64 cr0, cr4, xcr0 = XFEATURE_X87 | XFEATURE_SSE;
	u32 size = 512;

	cpuid(1, &a, &b, &c, &d);
	has_xsave = c & (1u << 26);
	has_avx = c & (1u << 28);
	if (!(d & (1u << 24)) || !(d & (1u << 25)))
		panic("fpu: CPU %d lacks FXSR/SSE, which x86_64 guarantees", cpu);

	cr0 = read_cr0();
	cr0 &= ~(CR0_EM | CR0_TS);
	cr0 |= CR0_MP | CR0_NE;          /* native x87 errors; WAIT honours TS */
	write_cr0(cr0);
	cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;
	if (has_xsave)
		cr4 |= CR4_OSXSAVE;
	write_cr4(cr4);

	if (has_xsave) {
		u64 supported;

		cpuid_count(0xd, 0, &a, &b, &c, &d);
		supported = a | ((u64)d << 32);
		if (has_avx && (supported & XFEATURE_AVX))
			xcr0 |= XFEATURE_AVX;
		cpuid_count(7, 0, &a, &b, &c, &d);
		if ((b & (1u << 16)) && (xcr0 & XFEATURE_AVX) &&
		    (supported & XFEATURE_AVX512) == XFEATURE_AVX512)
			xcr0 |= XFEATURE_AVX512;
		/* Every CPU uses the boot CPU's choice, so images move freely. */
		if (cpu != 0)
			xcr0 = fpu_xfeatures;
		write_xcr0(xcr0);
		cpuid_count(0xd, 0, &a, &b, &c, &d);
		size = b;                /* for the features now in XCR0 */
	}
	fpu_load_clean();

	if (cpu == 0) {
		fpu_use_xsave = has_xsave;
		fpu_xfeatures = xcr0;
		fpu_xstate_size = size;
		pr_info("fpu: %s, features %#llx, %u-byte state\n", has_xsave ? "xsave" : "fxsave",
			(unsigned long long)xcr0, size);
	} else if (size > fpu_xstate_size || has_xsave != fpu_use_xsave) {
		panic("fpu: CPU %d's state (%u bytes) differs from the boot CPU's", cpu, size);
	}

	/* No task owns the registers yet: trap the first use. */
	ts_set[cpu] = false;
	fpu_ts(true);
}

static struct fpu_state *fpu_state_new(gfp_t gfp)
{
	struct fpu_state *f = kzalloc(sizeof(*f) + 63 + fpu_xstate_size, gfp);

	if (!f)
		return NULL;
	f->size = fpu_xstate_size;
	f->area = (u8 *)ALIGN_UP((unsigned long)(f + 1), 64);
	/* The legacy area's control words; an all-zero XSAVE header
	 * (XSTATE_BV = 0) puts every other component in its init state. */
	*(u16 *)f->area = FCW_DEFAULT;
	*(u32 *)(f->area + 24) = MXCSR_DEFAULT;
	return f;
}

/* Make f current's state and load it. */
static void fpu_install_current(struct fpu_state *f)
{
	preempt_disable();
	current->fpu = f;
	fpu_ts(false);
	fpu_restore(f);
	preempt_enable();
}

int fpu_task_alloc(struct task *t, bool atomic)
{
	struct fpu_state *f;

	if (t->fpu)
		return 0;
	f = fpu_state_new(atomic ? GFP_ATOMIC : GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	if (t == current)
		fpu_install_current(f);
	else
		t->fpu = f;
	return 0;
}

int fpu_task_enable(void)
{
	return fpu_task_alloc(current, false);
}

int fpu_task_copy(struct task *dst, struct task *src)
{
	struct fpu_state *f;

	if (!src->fpu)
		return 0;
	f = fpu_state_new(GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	preempt_disable();
	if (src == current)
		fpu_save(src->fpu);      /* its live registers are the truth */
	memcpy(f->area, src->fpu->area, f->size);
	preempt_enable();
	dst->fpu = f;
	return 0;
}

void fpu_task_free(struct task *t)
{
	kfree(t->fpu);
	t->fpu = NULL;
}

void fpu_switch(struct task *prev, struct task *next)
{
	if (prev->fpu && prev->state != TASK_DEAD)
		fpu_save(prev->fpu);
	if (next->fpu) {
		fpu_ts(false);
		fpu_restore(next->fpu);
	} else {
		fpu_ts(true);
	}
}

bool fpu_handle_nm(struct pt_regs *regs)
{
	struct task *t = current;

	if (!t || kfpu_active[smp_processor_id()])
		return false;
	if (!t->fpu) {
		t->fpu = fpu_state_new(GFP_ATOMIC);
		if (!t->fpu)
			return false;
	}
	fpu_ts(false);
	fpu_restore(t->fpu);
	return true;
}

void kernel_fpu_begin(void)
{
	struct task *t = current;
	int c;

	WARN_ON(in_interrupt());
	preempt_disable();
	c = smp_processor_id();
	BUG_ON(kfpu_active[c]);
	kfpu_active[c] = true;
	if (t && t->fpu)
		fpu_save(t->fpu);
	else
		fpu_ts(false);
	fpu_load_clean();
}

void kernel_fpu_end(void)
{
	struct task *t = current;
	int c = smp_processor_id();

	BUG_ON(!kfpu_active[c]);
	if (t && t->fpu)
		fpu_restore(t->fpu);
	else
		fpu_ts(true);
	kfpu_active[c] = false;
	preempt_enable();
}
