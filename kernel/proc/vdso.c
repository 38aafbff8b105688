/*
 * The vDSO, kernel side: at boot the embedded image (vdso_image.S) is
 * copied into special-mapping pages (kernel/mm/vm_special.c) and a data
 * page is set up; exec maps both into every new program, [vvar] first and
 * [vdso] right above it (the image finds its data one page below itself),
 * top-down below mmap_base where Linux 6.x puts them.
 * XXX Linux randomizes the address; nothing here is randomized yet.
 *
 * The data page (vvar.h) carries the TSC-to-ns conversion and the realtime
 * offset, published by kernel/sched/clock.c through vdso_update_clock
 * under a sequence counter, and how getcpu may find the CPU number: RDPID
 * if the CPU has it, else RDTSCP, both reading IA32_TSC_AUX, which
 * vdso_init_cpu sets to cpu | node << 12 as Linux does; without either the
 * vDSO's getcpu makes the syscall. XXX Linux's last fallback is LSL on a
 * per-CPU GDT segment whose limit encodes the CPU.
 *
 * Across CPUs the vDSO trusts the TSC exactly as the kernel's own clock
 * does (kernel/sched/clock.c: no per-CPU offsets, no sync check): what the
 * syscall returns on a CPU, the vDSO returns there too. Under QEMU's TCG
 * the vCPUs read one global counter (tests/ltp-subset clock_gettime04
 * measures no warp between two CPUs). XXX Linux checks the TSCs at CPU
 * bring-up and, without an invariant TSC on a multi-socket-capable
 * vendor, switches to HPET and makes its vDSO fall back to syscalls.
 *
 * Lock: vvar_lock (irqsave) serializes writers of the data page; clock.c
 * calls in with its own lock held (clock lock -> vvar_lock).
 */
#include <asm/x86.h>
#include <kernel/boot.h>
#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <kernel/vdso.h>
#include <kernel/vm.h>
#include <string.h>

#include "../arch/x86_64/vdso/vvar.h"
#include "elf.h"

extern const char vdso_image_start[], vdso_image_end[];

static struct vm_special *vvar_special, *vdso_special;
static DEFINE_SPINLOCK(vvar_lock);
/* The data as last published; copied to the page by vdso_init. vvar_lock. */
static struct vdso_data staged = {
	.clock_mode = VDSO_CLOCK_NONE,
	.coarse_ns = CLOCK_COARSE_NS,
	.hres_ns = 1,
};
static struct vdso_data *vvar;     /* the page's kernel address once set up; vvar_lock */

static bool cpu_has_rdpid(void)
{
	u32 a, b, c, d;

	cpuid(0, &a, &b, &c, &d);
	if (a < 7)
		return false;
	cpuid_count(7, 0, &a, &b, &c, &d);
	return c & (1u << 22);
}

static bool cpu_has_rdtscp(void)
{
	u32 a, b, c, d;

	cpuid(0x80000000, &a, &b, &c, &d);
	if (a < 0x80000001)
		return false;
	cpuid(0x80000001, &a, &b, &c, &d);
	return d & (1u << 27);
}

static bool cpu_has_tsc(void)
{
	u32 a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	return d & (1u << 4);
}

void vdso_init_cpu(int cpu)
{
	/* No NUMA here: node 0 in bits 12 and up. */
	if (cpu_has_rdtscp() || cpu_has_rdpid())
		wrmsr(MSR_TSC_AUX, (u32)cpu & 0xfff);
}

/* A new snapshot of staged into the page, seq odd while it is written. */
static void vvar_publish(void)
{
	struct vdso_data *vd = vvar;
	u32 seq;

	if (!vd)
		return;
	seq = vd->seq;
	WRITE_ONCE(vd->seq, seq + 1);
	__atomic_thread_fence(__ATOMIC_RELEASE);   /* x86: a compiler barrier */
	vd->clock_mode = staged.clock_mode;
	vd->tsc_mult = staged.tsc_mult;
	vd->tsc_shift = staged.tsc_shift;
	vd->getcpu_mode = staged.getcpu_mode;
	vd->realtime_offset = staged.realtime_offset;
	vd->coarse_ns = staged.coarse_ns;
	vd->hres_ns = staged.hres_ns;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	WRITE_ONCE(vd->seq, seq + 2);
}

void vdso_update_clock(u64 tsc_mult, u32 tsc_shift, s64 realtime_offset)
{
	unsigned long flags;

	spin_lock_irqsave(&vvar_lock, flags);
	staged.tsc_mult = tsc_mult;
	staged.tsc_shift = tsc_shift;
	staged.realtime_offset = realtime_offset;
	/* The kernel's clocks are the TSC: the vDSO may read it as soon as
	 * there is a conversion (CR4.TSD is never set). */
	staged.clock_mode = tsc_mult && cpu_has_tsc() ? VDSO_CLOCK_TSC : VDSO_CLOCK_NONE;
	vvar_publish();
	spin_unlock_irqrestore(&vvar_lock, flags);
}

/* The image is ours, but a build gone wrong should not reach user space. */
static bool image_ok(const char *img, size_t size)
{
	const struct elf64_ehdr *eh = (const void *)img;

	return size >= sizeof(*eh) && !memcmp(eh->e_ident, "\177ELF", 4) &&
	       eh->e_ident[4] == 2 /* ELFCLASS64 */ && eh->e_type == 3 /* ET_DYN */;
}

void vdso_init(void)
{
	size_t size = vdso_image_end - vdso_image_start;
	unsigned long npages = ALIGN_UP(size, PAGE_SIZE) >> PAGE_SHIFT, flags;
	const char *opt = cmdline_get("vdso");
	struct vm_special *data, *text;

	if (opt && !strcmp(opt, "0")) {
		pr_info("vdso: disabled (vdso=0)\n");
		return;
	}
	if (!image_ok(vdso_image_start, size)) {
		pr_err("vdso: the embedded image is not an ELF shared object; no vDSO\n");
		return;
	}
	data = vm_special_create("[vvar]", 1, false);
	text = vm_special_create("[vdso]", npages, true);
	if (!data || !text) {
		pr_err("vdso: out of memory; no vDSO\n");
		return;      /* XXX the one that was made stays allocated */
	}
	for (unsigned long i = 0; i < npages; i++) {
		size_t off = i << PAGE_SHIFT;

		memcpy(vm_special_page(text, i), vdso_image_start + off, MIN(size - off, PAGE_SIZE));
	}

	spin_lock_irqsave(&vvar_lock, flags);
	staged.getcpu_mode = cpu_has_rdpid()    ? VDSO_GETCPU_RDPID :
			     cpu_has_rdtscp()   ? VDSO_GETCPU_RDTSCP :
						  VDSO_GETCPU_SYSCALL;
	vvar = vm_special_page(data, 0);
	vvar_publish();
	spin_unlock_irqrestore(&vvar_lock, flags);

	vvar_special = data;
	vdso_special = text;
	pr_info("vdso: %zu-byte image, clocks %s, getcpu by %s\n", size,
		staged.clock_mode == VDSO_CLOCK_TSC ? "from the TSC" : "by syscall",
		staged.getcpu_mode == VDSO_GETCPU_RDPID    ? "RDPID" :
		staged.getcpu_mode == VDSO_GETCPU_RDTSCP   ? "RDTSCP" :
							     "syscall");
}

long vdso_map(struct mm *mm)
{
	struct vm_special *both[2] = { vvar_special, vdso_special };
	long r;

	if (!vdso_special)
		return 0;
	r = vm_special_map(mm, 0, both, 2);
	return r < 0 ? r : r + (long)PAGE_SIZE;
}
