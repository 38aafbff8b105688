/*
 * sysfs (sysfs/): the /sys file system, read-only views of the kernel's
 * objects (CPUs, block devices, ttys) in Linux's layout. The tree is
 * described by static nodes with generators for the parts that follow the
 * devices present, and is built on demand at lookup and readdir.
 */
#ifndef KERNEL_SYSFS_H
#define KERNEL_SYSFS_H

/* Register the "sysfs" file system type (before the kernel mounts /sys). */
void sysfs_init(void);

#endif
