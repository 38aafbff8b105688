/*
 * /proc/sys: the handful of sysctls programs read (and hostname, which
 * root may write), as static tables of files.
 */
#include <kernel/kstrtox.h>
#include <kernel/random.h>
#include <kernel/version.h>

#include "internal.h"

static int show_str(struct seq_file *m, const char *s)
{
	seq_printf(m, "%s\n", s);
	return 0;
}

static int hostname_show(struct seq_file *m, struct proc_inode *pi)
{
	char name[65];

	uts_get_name(false, name, sizeof(name));
	return show_str(m, name);
}

static int domainname_show(struct seq_file *m, struct proc_inode *pi)
{
	char name[65];

	uts_get_name(true, name, sizeof(name));
	return show_str(m, name);
}

static ssize_t uts_write(char *buf, size_t n, bool domain)
{
	size_t len = n;
	int err;

	if (current_cred()->euid != 0)
		return -EPERM;
	if (len && buf[len - 1] == '\n')
		len--;
	err = uts_set_name(domain, buf, len);
	return err ? err : (ssize_t)n;
}

static ssize_t hostname_write(struct proc_inode *pi, char *buf, size_t n)
{
	return uts_write(buf, n, false);
}

static ssize_t domainname_write(struct proc_inode *pi, char *buf, size_t n)
{
	return uts_write(buf, n, true);
}

static int osrelease_show(struct seq_file *m, struct proc_inode *pi) { return show_str(m, KERNEL_RELEASE); }
static int ostype_show(struct seq_file *m, struct proc_inode *pi) { return show_str(m, "Linux"); }
static int pid_max_show(struct seq_file *m, struct proc_inode *pi) { return show_str(m, "4194304"); }
static int threads_max_show(struct seq_file *m, struct proc_inode *pi) { return show_str(m, "126553"); }
static int ngroups_max_show(struct seq_file *m, struct proc_inode *pi) { return show_str(m, "65536"); }
static int cap_last_cap_show(struct seq_file *m, struct proc_inode *pi) { return show_str(m, "40"); }
static int version_show(struct seq_file *m, struct proc_inode *pi) { return show_str(m, "#1 SMP " KERNEL_NAME); }
static int zero_show(struct seq_file *m, struct proc_inode *pi) { return show_str(m, "0"); }
static int overcommit_ratio_show(struct seq_file *m, struct proc_inode *pi) { return show_str(m, "50"); }
static int max_map_count_show(struct seq_file *m, struct proc_inode *pi) { return show_str(m, "65530"); }
static int file_max_show(struct seq_file *m, struct proc_inode *pi) { return show_str(m, "9223372036854775807"); }
static int nr_open_show(struct seq_file *m, struct proc_inode *pi) { return show_str(m, "1048576"); }
static int somaxconn_show(struct seq_file *m, struct proc_inode *pi) { return show_str(m, "4096"); }

static int randomize_va_space_show(struct seq_file *m, struct proc_inode *pi)
{
	seq_printf(m, "%d\n", vm_get_randomize_va_space());
	return 0;
}

/* kernel.randomize_va_space (kernel/mm/vm_aslr.c): 0, 1 or 2, root only
 * (the file is 0644 root's, as Linux's proc_dointvec_minmax entry). */
static ssize_t randomize_va_space_write(struct proc_inode *pi, char *buf, size_t n)
{
	size_t len = n;
	long v;
	int err;

	if (current_cred()->euid != 0)
		return -EPERM;
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		buf[--len] = 0;
	if (kstrtol(buf, 10, &v) || v < 0 || v > 2)
		return -EINVAL;
	err = vm_set_randomize_va_space((int)v);
	return err ? err : (ssize_t)n;
}

static void show_uuid(struct seq_file *m, const u8 *u)
{
	seq_printf(m, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x\n", u[0],
		   u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13],
		   u[14], u[15]);
}

static void make_uuid(u8 *u)
{
	get_random_bytes(u, 16);
	u[6] = (u[6] & 0x0f) | 0x40;   /* version 4 */
	u[8] = (u[8] & 0x3f) | 0x80;   /* RFC 4122 variant */
}

static int boot_id_show(struct seq_file *m, struct proc_inode *pi)
{
	static u8 boot_id[16];
	static int made;   /* 0 no, 1 being made, 2 done */
	int expect = 0;

	if (__atomic_compare_exchange_n(&made, &expect, 1, false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE)) {
		make_uuid(boot_id);
		__atomic_store_n(&made, 2, __ATOMIC_RELEASE);
	}
	while (__atomic_load_n(&made, __ATOMIC_ACQUIRE) != 2)
		yield();
	show_uuid(m, boot_id);
	return 0;
}

static int uuid_show(struct seq_file *m, struct proc_inode *pi)
{
	u8 u[16];

	make_uuid(u);
	show_uuid(m, u);
	return 0;
}

static const struct proc_entry random_entries[] = {
	PROC_FILE("boot_id", 0444, boot_id_show),
	PROC_FILE("uuid", 0444, uuid_show),
};

static const struct proc_entry kernel_entries[] = {
	PROC_FILE("cap_last_cap", 0444, cap_last_cap_show),
	PROC_RW("domainname", 0644, domainname_show, domainname_write),
	PROC_RW("hostname", 0644, hostname_show, hostname_write),
	PROC_FILE("ngroups_max", 0444, ngroups_max_show),
	PROC_FILE("osrelease", 0444, osrelease_show),
	PROC_FILE("ostype", 0444, ostype_show),
	PROC_FILE("pid_max", 0444, pid_max_show),
	PROC_DIR("random", 0555, random_entries),
	PROC_RW("randomize_va_space", 0644, randomize_va_space_show, randomize_va_space_write),
	PROC_FILE("threads-max", 0444, threads_max_show),
	PROC_FILE("version", 0444, version_show),
};

static const struct proc_entry vm_entries[] = {
	PROC_FILE("max_map_count", 0444, max_map_count_show),
	PROC_FILE("overcommit_memory", 0444, zero_show),
	PROC_FILE("overcommit_ratio", 0444, overcommit_ratio_show),
};

static const struct proc_entry fs_entries[] = {
	PROC_FILE("file-max", 0444, file_max_show),
	PROC_FILE("nr_open", 0444, nr_open_show),
};

static const struct proc_entry net_core_entries[] = {
	PROC_FILE("somaxconn", 0444, somaxconn_show),
};

static const struct proc_entry net_entries[] = {
	PROC_DIR("core", 0555, net_core_entries),
};

static const struct proc_entry sys_entries[] = {
	PROC_DIR("fs", 0555, fs_entries),
	PROC_DIR("kernel", 0555, kernel_entries),
	PROC_DIR("net", 0555, net_entries),
	PROC_DIR("vm", 0555, vm_entries),
};

static struct dentry *sys_lookup(struct inode *dir, struct dentry *d, unsigned flags)
{
	return proc_lookup_table(dir, d, sys_entries, ARRAY_SIZE(sys_entries));
}

static int sys_readdir(struct file *f, struct dir_context *ctx)
{
	return proc_readdir_table(f, ctx, sys_entries, ARRAY_SIZE(sys_entries));
}

const struct inode_operations proc_sys_iops = { .lookup = sys_lookup, .setattr = proc_setattr };
const struct file_operations proc_sys_fops = {
	.iterate = sys_readdir,
	.llseek = dcache_dir_llseek,
};
