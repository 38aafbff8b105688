/*
 * Per-CPU areas. The boot CPU's is static (it is needed before any
 * allocator); the APs' are allocated by smp.c.
 */
#include <asm/x86.h>
#include <kernel/percpu.h>
#include <kernel/vdso.h>

struct percpu *percpu_ptrs[MAX_CPUS];
int nr_cpus = 1;

void percpu_install(struct percpu *p)
{
	p->self = p;
	percpu_ptrs[p->cpu] = p;
	wrmsr(MSR_GS_BASE, (u64)p);
	/* The user's GS base lives here while in the kernel; 0 to start. */
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	vdso_init_cpu(p->cpu);   /* TSC_AUX for the vDSO's getcpu */
}
