/*
 * /proc/cpuinfo: one block per online CPU, from CPUID, in x86 Linux's
 * layout. Flags are the common ones CPUID reports (the names Linux uses).
 */
#include <asm/x86.h>
#include <kernel/clock.h>
#include <kernel/smp.h>

#include "internal.h"

struct flag_bit {
	u8 reg;      /* 0: leaf 1 edx, 1: leaf 1 ecx, 2: leaf 7 ebx, 3: 0x80000001 edx, 4: 0x80000001 ecx */
	u8 bit;
	const char *name;
};

static const struct flag_bit flag_bits[] = {
	{ 0, 0, "fpu" }, { 0, 1, "vme" }, { 0, 2, "de" }, { 0, 3, "pse" }, { 0, 4, "tsc" },
	{ 0, 5, "msr" }, { 0, 6, "pae" }, { 0, 7, "mce" }, { 0, 8, "cx8" }, { 0, 9, "apic" },
	{ 0, 11, "sep" }, { 0, 12, "mtrr" }, { 0, 13, "pge" }, { 0, 14, "mca" }, { 0, 15, "cmov" },
	{ 0, 16, "pat" }, { 0, 17, "pse36" }, { 0, 19, "clflush" }, { 0, 23, "mmx" },
	{ 0, 24, "fxsr" }, { 0, 25, "sse" }, { 0, 26, "sse2" }, { 0, 28, "ht" },
	{ 3, 11, "syscall" }, { 3, 20, "nx" }, { 3, 26, "pdpe1gb" }, { 3, 27, "rdtscp" },
	{ 3, 29, "lm" },
	{ 1, 0, "pni" }, { 1, 1, "pclmulqdq" }, { 1, 9, "ssse3" }, { 1, 12, "fma" },
	{ 1, 13, "cx16" }, { 1, 19, "sse4_1" }, { 1, 20, "sse4_2" }, { 1, 21, "x2apic" },
	{ 1, 22, "movbe" }, { 1, 23, "popcnt" }, { 1, 24, "tsc_deadline_timer" }, { 1, 25, "aes" },
	{ 1, 26, "xsave" }, { 1, 28, "avx" }, { 1, 29, "f16c" }, { 1, 30, "rdrand" },
	{ 1, 31, "hypervisor" },
	{ 4, 0, "lahf_lm" }, { 4, 5, "abm" }, { 4, 6, "sse4a" }, { 4, 8, "3dnowprefetch" },
	{ 2, 0, "fsgsbase" }, { 2, 3, "bmi1" }, { 2, 5, "avx2" }, { 2, 7, "smep" },
	{ 2, 8, "bmi2" }, { 2, 9, "erms" }, { 2, 10, "invpcid" }, { 2, 16, "avx512f" },
	{ 2, 18, "rdseed" }, { 2, 19, "adx" }, { 2, 20, "smap" }, { 2, 23, "clflushopt" },
	{ 2, 29, "sha_ni" },
};

int proc_cpuinfo_show(struct seq_file *m, struct proc_inode *pi)
{
	u32 a, b, c, d, max, ext_max, regs[5] = { 0 };
	char vendor[13], model[49];
	unsigned family, mdl, stepping;
	u64 khz = tsc_khz_get();

	cpuid(0, &max, &b, &c, &d);
	memcpy(vendor, &b, 4);
	memcpy(vendor + 4, &d, 4);
	memcpy(vendor + 8, &c, 4);
	vendor[12] = 0;
	cpuid(1, &a, &b, &regs[1], &regs[0]);
	family = (a >> 8) & 0xf;
	mdl = (a >> 4) & 0xf;
	stepping = a & 0xf;
	if (family == 0xf)
		family += (a >> 20) & 0xff;
	if (family >= 6)
		mdl |= ((a >> 16) & 0xf) << 4;
	if (max >= 7)
		cpuid_count(7, 0, &a, &regs[2], &c, &d);
	cpuid(0x80000000, &ext_max, &b, &c, &d);
	if (ext_max >= 0x80000001)
		cpuid(0x80000001, &a, &b, &regs[4], &regs[3]);
	strcpy(model, "unknown");
	if (ext_max >= 0x80000004) {
		u32 *w = (u32 *)model;

		for (u32 i = 0; i < 3; i++)
			cpuid(0x80000002 + i, &w[i * 4], &w[i * 4 + 1], &w[i * 4 + 2], &w[i * 4 + 3]);
		model[48] = 0;
	}
	for (int cpu = 0; cpu < nr_cpus; cpu++) {
		seq_printf(m, "processor\t: %d\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
			      "model name\t: %s\nstepping\t: %u\n",
			   cpu, vendor, family, mdl, model, stepping);
		seq_printf(m, "cpu MHz\t\t: %llu.%03llu\ncache size\t: 512 KB\nphysical id\t: 0\n"
			      "siblings\t: %d\ncore id\t\t: %d\ncpu cores\t: %d\napicid\t\t: %u\n"
			      "initial apicid\t: %u\nfpu\t\t: yes\nfpu_exception\t: yes\n"
			      "cpuid level\t: %u\nwp\t\t: yes\nflags\t\t:",
			   (unsigned long long)(khz / 1000), (unsigned long long)(khz % 1000),
			   nr_cpus, cpu, nr_cpus, cpu_apic_ids[cpu], cpu_apic_ids[cpu], max);
		for (size_t i = 0; i < ARRAY_SIZE(flag_bits); i++)
			if (regs[flag_bits[i].reg] & (1u << flag_bits[i].bit))
				seq_printf(m, " %s", flag_bits[i].name);
		seq_printf(m, "\nbugs\t\t:\nbogomips\t: %llu.%02llu\nclflush size\t: 64\n"
			      "cache_alignment\t: 64\naddress sizes\t: 40 bits physical, 48 bits virtual\n"
			      "power management:\n\n",
			   (unsigned long long)(khz * 2 / 1000), (unsigned long long)(khz * 2 / 10 % 100));
	}
	return 0;
}
