/*
 * Miscellaneous process and system syscalls: uname, sethostname,
 * setdomainname, sysinfo, getrandom, prctl, arch_prctl, sched_yield,
 * sched_getaffinity/setaffinity, getcpu, getrusage, getrlimit, setrlimit,
 * prlimit64, getpriority, setpriority, reboot.
 *
 * The UTS names (hostname, domain name) live here until UTS namespaces
 * exist (XXX: one global set, guarded by uts_lock).
 */
#include <asm/process.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/panic.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/pid_ns.h>
#include <kernel/proc.h>
#include <kernel/procfs.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <kernel/clock.h>
#include <kernel/uaccess.h>
#include <kernel/version.h>
#include <kernel/vm.h>
#include <linuxabi/uapi/prctl.h>
#include <linuxabi/uapi/resource.h>
#include <kernel/uts.h>
#include <linuxabi/uapi/utsname.h>
#include <string.h>
#include "time_conv.h"

#include "../kernel/proc/internal.h"


long sys_uname(struct linux_utsname __user *name)
{
	struct linux_utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Linux", sizeof(u.sysname));
	strlcpy(u.release, KERNEL_RELEASE, sizeof(u.release));
	strlcpy(u.version, "#1 SMP " KERNEL_NAME, sizeof(u.version));
	/* setarch i686 (PER_LINUX32) makes the machine look 32-bit, as Linux. */
	strlcpy(u.machine, (current->personality & 0xff) == PER_LINUX32 ? "i686" : "x86_64",
		sizeof(u.machine));
	uts_get(false, u.nodename, sizeof(u.nodename));
	uts_get(true, u.domainname, sizeof(u.domainname));
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

static long set_uts_string(bool domain, const char __user *src, int len)
{
	char tmp[LINUX_UTS_LEN + 1];

	if (!capable_root())
		return -EPERM;
	if (len < 0 || len > LINUX_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(tmp, src, len))
		return -EFAULT;
	return uts_set(domain, tmp, len);
}

long sys_sethostname(const char __user *name, int len)
{
	return set_uts_string(false, name, len);
}

long sys_setdomainname(const char __user *name, int len)
{
	return set_uts_string(true, name, len);
}

long sys_sysinfo(struct linux_sysinfo __user *info)
{
	struct linux_sysinfo si;
	unsigned long flags;
	struct task *p;
	unsigned procs = 0;

	memset(&si, 0, sizeof(si));
	si.uptime = (ktime_get_ns() + NSEC_PER_SEC - 1) / NSEC_PER_SEC;
	/* XXX: no load average yet (loads stay 0). */
	si.totalram = pmm_total_pages() * PAGE_SIZE;
	si.freeram = pmm_free_pages() * PAGE_SIZE;
	si.mem_unit = 1;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &proc_list, proc_node)
		procs += p->signal->nr_threads;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	si.procs = procs > 0xffff ? 0xffff : procs;
	return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}

#define GRND_NONBLOCK 0x1
#define GRND_RANDOM   0x2
#define GRND_INSECURE 0x4

long sys_getrandom(void __user *buf, size_t count, unsigned flags)
{
	u8 chunk[256];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (count > 0x7ffff000)
		count = 0x7ffff000;       /* MAX_RW_COUNT */
	/* The generator is seeded at boot: never blocks. */
	while (done < count) {
		size_t n = MIN(count - done, sizeof(chunk));
		size_t left;

		if (done && signal_pending(current))
			break;
		get_random_bytes(chunk, n);
		left = copy_to_user((u8 __user *)buf + done, chunk, n);
		done += n - left;
		if (left)
			break;
	}
	memset(chunk, 0, sizeof(chunk));
	if (!done && count)
		return -EFAULT;
	return done;
}

long sys_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5)
{
	struct task *t = current;
	char comm[TASK_COMM_LEN];
	long n;

	switch (option) {
	case LINUX_PR_SET_NAME:
		memset(comm, 0, sizeof(comm));
		n = strncpy_from_user(comm, (const char __user *)arg2, sizeof(comm) - 1);
		if (n < 0)
			return -EFAULT;
		comm[sizeof(comm) - 1] = '\0';
		task_set_comm(t, comm);
		return 0;
	case LINUX_PR_GET_NAME:
		memcpy(comm, t->comm, sizeof(comm));
		return copy_to_user((void __user *)arg2, comm, sizeof(comm)) ? -EFAULT : 0;
	case LINUX_PR_SET_PDEATHSIG:
		if (!valid_signal(arg2))
			return -EINVAL;
		t->pdeath_signal = arg2;
		return 0;
	case LINUX_PR_GET_PDEATHSIG:
		return put_user(t->pdeath_signal, (int __user *)arg2);
	}
	return proc_prctl(option, arg2, arg3, arg4, arg5);
}

long sys_arch_prctl(int code, unsigned long addr)
{
	struct task *t = current;

	switch (code) {
	case LINUX_ARCH_SET_FS:
		if (addr >= VM_TASK_SIZE)
			return -EPERM;
		arch_set_user_fsbase(addr);
		return 0;
	case LINUX_ARCH_SET_GS:
		if (addr >= VM_TASK_SIZE)
			return -EPERM;
		arch_set_user_gsbase(addr);
		return 0;
	case LINUX_ARCH_GET_FS:
		return put_user(t->user_fsbase, (unsigned long __user *)addr);
	case LINUX_ARCH_GET_GS:
		return put_user(t->user_gsbase, (unsigned long __user *)addr);
	}
	return -EINVAL;
}

long sys_sched_yield(void)
{
	yield();
	return 0;
}

static u64 online_mask(void)
{
	int n = READ_ONCE(nr_cpus);

	return n >= 64 ? ~0ULL : (1ULL << n) - 1;
}

/* The task sched_*affinity names: current for 0, any user task by tid. */
static struct task *affinity_task(pid_t pid)
{
	if (!pid) {
		task_get(current);
		return current;
	}
	return find_task_by_vpid(pid);
}

long sys_sched_getaffinity(pid_t pid, unsigned len, unsigned long __user *user_mask)
{
	struct task *t;
	u64 mask;

	if (len * 8 < (unsigned)READ_ONCE(nr_cpus) || (len & (sizeof(unsigned long) - 1)))
		return -EINVAL;
	t = affinity_task(pid);
	if (!t)
		return -ESRCH;
	mask = online_mask();
	if (t->affinity >= 0)
		mask &= 1ULL << t->affinity;
	if (READ_ONCE(t->cpus_allowed))
		mask &= READ_ONCE(t->cpus_allowed);
	task_put(t);
	if (copy_to_user(user_mask, &mask, sizeof(mask)))
		return -EFAULT;
	return sizeof(mask);
}

long sys_sched_setaffinity(pid_t pid, unsigned len, const unsigned long __user *user_mask)
{
	const struct cred *c = current_cred(), *tc;
	u64 mask = 0;
	struct task *t;
	long r = 0;

	if (copy_from_user(&mask, user_mask, MIN(len, (unsigned)sizeof(mask))))
		return -EFAULT;
	t = affinity_task(pid);
	if (!t)
		return -ESRCH;
	if (t != current && c->euid != 0) {
		tc = get_task_cred(t);
		if (c->euid != tc->euid && c->euid != tc->uid)
			r = -EPERM;
		put_cred(tc);
	}
	mask &= online_mask();
	if (!r && !mask)
		r = -EINVAL;
	if (r) {
		task_put(t);
		return r;
	}
	/* The scheduler places a waking task on a CPU of its mask, and
	 * balancing moves it only within. XXX: another task already running
	 * elsewhere moves at its next wakeup, not at once as on Linux. */
	WRITE_ONCE(t->cpus_allowed, mask);
	task_put(t);
	/*
	 * The caller itself must be on an allowed CPU when the call returns:
	 * sleep, and the wakeup (try_to_wake_up) places it on one. The sleep
	 * must outlast the way into schedule(), or the timer wakes the task
	 * before it left its CPU and nothing moves: 1 ms, again if need be.
	 */
	for (int i = 0; i < 50 && t == current && !(mask & (1ULL << smp_processor_id())); i++) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(NSEC_PER_MSEC);
	}
	return 0;
}

long sys_getcpu(unsigned __user *cpu, unsigned __user *node, void __user *cache)
{
	unsigned c = smp_processor_id();

	if (cpu && put_user(c, cpu))
		return -EFAULT;
	if (node && put_user(0u, node))
		return -EFAULT;
	return 0;
}

long sys_getrusage(int who, struct linux_rusage __user *ru)
{
	struct task *t = current;
	struct linux_rusage r;
	unsigned long flags, maxrss;
	u64 ut, st = 0;

	switch (who) {
	case LINUX_RUSAGE_SELF:
		ut = proc_cpu_time_ns(t);
		maxrss = proc_maxrss_pages();
		break;
	case LINUX_RUSAGE_THREAD:
		ut = t->sum_exec_ns;
		maxrss = proc_maxrss_pages();    /* Linux: the process's too */
		break;
	case LINUX_RUSAGE_CHILDREN:
		spin_lock_irqsave(&tasklist_lock, flags);
		ut = t->signal->cutime_ns;
		st = t->signal->cstime_ns;
		maxrss = t->signal->cmaxrss;
		spin_unlock_irqrestore(&tasklist_lock, flags);
		break;
	default:
		return -EINVAL;
	}
	memset(&r, 0, sizeof(r));
	/* XXX: no user/system split, no fault/switch counts. */
	r.ru_maxrss = maxrss * (PAGE_SIZE / 1024);    /* KiB */
	ns_to_tv(ut, &r.ru_utime);
	ns_to_tv(st, &r.ru_stime);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

long sys_getrlimit(unsigned res, struct linux_rlimit __user *rlim)
{
	struct rlimit_k old;
	long r = do_prlimit(current, res, NULL, &old);

	if (r)
		return r;
	return copy_to_user(rlim, &old, sizeof(old)) ? -EFAULT : 0;
}

long sys_setrlimit(unsigned res, const struct linux_rlimit __user *rlim)
{
	struct rlimit_k n;

	if (copy_from_user(&n, rlim, sizeof(n)))
		return -EFAULT;
	return do_prlimit(current, res, &n, NULL);
}

long sys_prlimit64(pid_t pid, unsigned res, const struct linux_rlimit __user *new_rlim,
		   struct linux_rlimit __user *old_rlim)
{
	struct rlimit_k n, old;
	struct task *t;
	long r = 0;

	if (new_rlim && copy_from_user(&n, new_rlim, sizeof(n)))
		return -EFAULT;
	t = pid ? find_process(pid) : (task_get(current), current);
	if (!t)
		return -ESRCH;
	if (t->signal != current->signal && !capable_root()) {
		const struct cred *c = current_cred(), *tc = get_task_cred(t);

		if (c->uid != tc->euid || c->uid != tc->suid || c->uid != tc->uid ||
		    c->gid != tc->egid || c->gid != tc->sgid || c->gid != tc->gid)
			r = -EPERM;
		put_cred(tc);
	}
	if (!r)
		r = do_prlimit(t, res, new_rlim ? &n : NULL, old_rlim ? &old : NULL);
	task_put(t);
	if (!r && old_rlim && copy_to_user(old_rlim, &old, sizeof(old)))
		r = -EFAULT;
	return r;
}

long sys_reboot(int magic1, int magic2, unsigned cmd, void __user *arg)
{
	if (!capable_root())
		return -EPERM;
	if ((unsigned)magic1 != LINUX_REBOOT_MAGIC1 ||
	    ((unsigned)magic2 != LINUX_REBOOT_MAGIC2 && (unsigned)magic2 != LINUX_REBOOT_MAGIC2A &&
	     (unsigned)magic2 != LINUX_REBOOT_MAGIC2B && (unsigned)magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
		printk(KERN_EMERG "reboot: Power down\n");
		machine_exit(0);
	case LINUX_REBOOT_CMD_HALT:
		printk(KERN_EMERG "reboot: System halted\n");
		machine_exit(0);
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		/* XXX: no reset: under QEMU a restart ends the run like a halt. */
		printk(KERN_EMERG "reboot: Restarting system\n");
		machine_exit(0);
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;      /* XXX: Ctrl-Alt-Del is not wired to anything */
	}
	return -EINVAL;
}

long sys_getpriority(int which, int who)
{
	return proc_getpriority(which, who);
}

long sys_setpriority(int which, int who, int niceval)
{
	return proc_setpriority(which, who, niceval);
}

/* /proc/sys/kernel/hostname and domainname (procfs): read and set the names. */
void uts_get_name(bool domain, char *buf, size_t len)
{
	uts_get(domain, buf, len);
}

int uts_set_name(bool domain, const char *s, size_t len)
{
	return uts_set(domain, s, len);
}

/* ---- syslog(2): the kernel log (dmesg) ---- */

#define SYSLOG_ACTION_CLOSE 0
#define SYSLOG_ACTION_OPEN 1
#define SYSLOG_ACTION_READ 2
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_OFF 6
#define SYSLOG_ACTION_CONSOLE_ON 7
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10
#define CAP_SYSLOG 34

static DEFINE_MUTEX(syslog_mutex);
static u64 syslog_pos;             /* what SYSLOG_ACTION_READ consumed; syslog_mutex */
static int saved_console_loglevel = -1;

/* Copy n bytes of log text out, trimmed to start at a line (the ring may
 * have cut the oldest one). */
static long syslog_copy_out(char __user *ubuf, char *kbuf, size_t n, bool trim)
{
	size_t skip = 0;

	if (trim && n) {
		char *nl = memchr(kbuf, '\n', n);

		/* Only when the text does not start with a record. */
		if (kbuf[0] != '<' && nl)
			skip = (size_t)(nl + 1 - kbuf);
	}
	if (copy_to_user(ubuf, kbuf + skip, n - skip))
		return -EFAULT;
	return (long)(n - skip);
}

long sys_syslog(int type, char __user *buf, int len)
{
	char *kbuf;
	long r;

	/* dmesg_restrict 0 (Linux's default): anyone may read the whole log
	 * and ask its size; the rest takes CAP_SYSLOG (or CAP_SYS_ADMIN). */
	if (type != SYSLOG_ACTION_READ_ALL && type != SYSLOG_ACTION_SIZE_BUFFER &&
	    type != SYSLOG_ACTION_CLOSE && type != SYSLOG_ACTION_OPEN &&
	    !capable(CAP_SYSLOG) && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (len > LOG_BUF_LEN)
			len = LOG_BUF_LEN;
		kbuf = kmalloc(len, GFP_KERNEL);
		if (!kbuf)
			return -ENOMEM;
		if (type == SYSLOG_ACTION_READ) {
			u64 next;
			size_t n;

			/* Wait for something new; a signal ends the wait. */
			for (;;) {
				u64 seen;

				mutex_lock(&syslog_mutex);
				n = printk_read_log_from(syslog_pos, kbuf, len, &next);
				if (n) {
					syslog_pos = next;
					mutex_unlock(&syslog_mutex);
					break;
				}
				seen = syslog_pos;
				mutex_unlock(&syslog_mutex);
				r = printk_wait_for_more(seen);
				if (r) {
					kfree(kbuf);
					return r;
				}
			}
			r = syslog_copy_out(buf, kbuf, n, false);
		} else {
			size_t n = printk_read_log_since_clear(kbuf, len);

			r = syslog_copy_out(buf, kbuf, n, true);
			if (r >= 0 && type == SYSLOG_ACTION_READ_CLEAR)
				printk_clear_log();
		}
		kfree(kbuf);
		return r;
	case SYSLOG_ACTION_CLEAR:
		printk_clear_log();
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		mutex_lock(&syslog_mutex);
		if (saved_console_loglevel < 0)
			saved_console_loglevel = printk_get_loglevel();
		printk_set_loglevel(1);   /* minimum_console_loglevel: emergencies only */
		mutex_unlock(&syslog_mutex);
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		mutex_lock(&syslog_mutex);
		if (saved_console_loglevel >= 0)
			printk_set_loglevel(saved_console_loglevel);
		saved_console_loglevel = -1;
		mutex_unlock(&syslog_mutex);
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		mutex_lock(&syslog_mutex);
		printk_set_loglevel(len);
		saved_console_loglevel = -1;   /* an explicit level ends CONSOLE_OFF */
		mutex_unlock(&syslog_mutex);
		return 0;
	case SYSLOG_ACTION_SIZE_UNREAD: {
		u64 head = printk_log_head(), oldest = head > LOG_BUF_LEN ? head - LOG_BUF_LEN : 0;

		mutex_lock(&syslog_mutex);
		r = (long)(head - (syslog_pos > oldest ? syslog_pos : oldest));
		mutex_unlock(&syslog_mutex);
		return r;
	}
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	}
	return -EINVAL;
}
