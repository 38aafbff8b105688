/* /proc/version: what uname(2) says, in Linux's sentence. */
#include <kernel/version.h>

#include "internal.h"

int proc_version_show(struct seq_file *m, struct proc_inode *pi)
{
	seq_printf(m, "Linux version %s (" KERNEL_NAME "@build) (%s) #1 SMP " KERNEL_NAME "\n",
		   KERNEL_RELEASE, KERNEL_BUILD_INFO);
	return 0;
}
