/* /proc/cmdline: the kernel command line as the boot loader passed it. */
#include <kernel/boot.h>

#include "internal.h"

int proc_cmdline_show(struct seq_file *m, struct proc_inode *pi)
{
	seq_printf(m, "%s\n", boot_info.cmdline);
	return 0;
}
