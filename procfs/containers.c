/*
 * /proc/containers: the container list (oci/container.c keeps it; the
 * format is in linuxabi/uapi/container.h). Not a Linux file: this
 * kernel's containers are kernel objects.
 */
#include <kernel/container.h>

#include "internal.h"

int proc_containers_show(struct seq_file *m, struct proc_inode *pi)
{
	return ctr_show(m);
}
