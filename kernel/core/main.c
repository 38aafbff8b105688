/*
 * kmain: the boot CPU's path from the long-mode entry to a running system.
 * The order matters and is written down in docs/ARCHITECTURE.md: console
 * first (so everything after can report), then per-CPU data, descriptor
 * tables, firmware tables (while the boot page tables still map them),
 * memory, interrupt controllers, clocks, the scheduler, the other CPUs.
 */
#include <asm/apic.h>
#include <asm/fpu.h>
#include <asm/process.h>
#include <asm/segment.h>
#include <asm/x86.h>
#include <kernel/acpi.h>
#include <kernel/boot.h>
#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/blkdev.h>
#include <kernel/fs.h>
#include <kernel/irq.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/pci.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/procfs.h>
#include <kernel/sched.h>
#include <kernel/serial.h>
#include <kernel/smp.h>
#include <kernel/syscall.h>
#include <kernel/timer.h>
#include <kernel/vdso.h>
#include <kernel/version.h>
#include <linuxabi/uapi/fcntl.h>
#include <stdio.h>

void kmain(u32 protocol, u32 info_phys);
void serial_register_console(void);
void tty_init(void);

static struct percpu bsp_percpu;
static u8 bsp_ist[3][IST_STACK_SIZE] __aligned(16);

static void setup_loglevel(void)
{
	if (cmdline_has("quiet"))
		printk_set_loglevel(4);
	printk_set_loglevel(cmdline_get_long("loglevel", printk_get_loglevel()));
}

/* A new guard for the stack protector; called from a frame that never returns. */
static void __attribute__((no_stack_protector)) randomize_stack_guard(void)
{
	extern unsigned long __stack_chk_guard;
	u32 a, b, c, d;
	unsigned long v = 0;

	cpuid(1, &a, &b, &c, &d);
	if (c & (1u << 30)) {   /* RDRAND */
		for (int i = 0; i < 10; i++) {
			unsigned char ok;
			__asm__ __volatile__("rdrand %0; setc %1" : "=r"(v), "=qm"(ok));
			if (ok)
				break;
		}
	}
	v ^= rdtsc() * 0x9e3779b97f4a7c15ULL;
	v &= ~0xffUL;   /* a NUL byte stops string overruns from copying it */
	__stack_chk_guard = v;
}

/*
 * The image store: the ext4 volume labelled "images", mounted read-write at
 * /images before init runs (DESIGN.md, the boot path). No such volume, or
 * one that does not mount (damaged, unknown features): a message, and the
 * boot goes on without it.
 */
static void mount_image_store(void)
{
	char name[32], dev[48];
	int err = blkdev_find_ext4_label("images", name, sizeof(name));

	if (err) {
		pr_info("images: no volume labelled \"images\"\n");
		return;
	}
	snprintf(dev, sizeof(dev), "/dev/%s", name);
	err = vfs_mkdirat(LINUX_AT_FDCWD, "/images", 0755);
	if (!err || err == -EEXIST)
		err = vfs_mount(dev, "/images", "ext4", 0, NULL);
	if (err)
		pr_err("images: cannot mount %s on /images (error %d)\n", dev, err);
	else
		pr_info("images: %s mounted on /images\n", dev);
}

/*
 * The console, the initramfs, then the first user process: init= if given, else the usual candidates, as Linux tries them.
 */
static void start_userspace(void)
{
	static const char *const candidates[] = { "/init", "/sbin/init", "/etc/init", "/bin/init",
						  "/bin/sh" };
	static const char *const envp[] = { "HOME=/", "TERM=linux", NULL };
	const char *init = cmdline_get("init");
	int r;

	tty_init();
	for (int i = 0; i < boot_info.nr_modules; i++) {
		struct boot_module *m = &boot_info.modules[i];

		r = initramfs_unpack(phys_to_virt(m->phys), m->size);
		if (r)
			pr_err("initramfs: module %d (%llu bytes) not unpacked: error %d\n", i,
			       (unsigned long long)m->size, r);
		pmm_release_range(m->phys, m->phys + m->size);
	}
	/* After the archive, whose own /proc directory would otherwise be
	 * applied to the mounted procfs root. */
	procfs_mount();
	mount_image_store();
	if (init) {
		const char *argv[] = { init, NULL };
		r = proc_start_init(init, argv, envp);
		if (!r)
			return;
		panic("Requested init %s failed (error %d).", init, r);
	}
	for (size_t i = 0; i < ARRAY_SIZE(candidates); i++) {
		const char *argv[] = { candidates[i], NULL };
		r = proc_start_init(candidates[i], argv, envp);
		if (!r)
			return;
		if (r != -ENOENT)
			pr_err("Starting init: %s exists but couldn't execute it (error %d)\n",
			       candidates[i], r);
	}
	panic("No working init found. Try passing init= option to kernel.");
}

void __attribute__((no_stack_protector)) kmain(u32 protocol, u32 info_phys)
{
	void *ist[3] = { bsp_ist[0], bsp_ist[1], bsp_ist[2] };
	u64 ready_ns;

	serial_early_init();
	bsp_percpu.cpu = 0;
	bsp_percpu.online = true;
	percpu_install(&bsp_percpu);
	bootinfo_parse(protocol, info_phys);
	setup_loglevel();
	serial_register_console();
	pr_notice("%s %s (%s) booting via %s\n", KERNEL_NAME, KERNEL_RELEASE, KERNEL_BUILD_INFO,
		  boot_info.loader ? boot_info.loader : "unknown loader");
	pr_info("command line: %s\n", boot_info.cmdline);

	gdt_init_cpu(&bsp_percpu, ist);
	irq_init();
	randomize_stack_guard();
	acpi_init();
	mm_init();
	pic_disable();
	clock_init();
	lapic_init_bsp();
	ioapic_init();
	fpu_init_cpu();
	syscall_init_cpu();
	cpu_enable_protections();
	sched_init();
	timers_init_cpu();
	serial_init_irq();
	local_irq_enable();
	smp_boot_aps();

	ready_ns = ktime_get_ns();
	pr_notice("ready: %d CPUs, %llu MiB free, %llu.%03llu ms since power-on\n", nr_cpus,
		  (unsigned long long)(pmm_free_pages() >> 8),
		  (unsigned long long)(ready_ns / 1000000), (unsigned long long)(ready_ns / 1000 % 1000));

	/* The root filesystem comes first: ktests use files too. */
	vfs_init();
	blk_init();
	loop_init();
	ext4_init();
	writeback_init();
	pci_init();             /* devices and their drivers: block devices before tests and init */
	procfs_init();
	ovl_init();
	vdso_init();            /* before any exec: every program maps it */
	hung_task_init();
	ktest_run_from_cmdline();
	start_userspace();
	cpu_idle_loop();
}
