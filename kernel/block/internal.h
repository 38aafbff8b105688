/*
 * Private interfaces between the files of kernel/block.
 */
#ifndef KERNEL_BLOCK_INTERNAL_H
#define KERNEL_BLOCK_INTERNAL_H

#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <string.h>

#define atomic_inc(p) __atomic_add_fetch((p), 1, __ATOMIC_ACQ_REL)
#define atomic_dec(p) __atomic_sub_fetch((p), 1, __ATOMIC_ACQ_REL)
#define atomic_add(p, v) __atomic_add_fetch((p), (v), __ATOMIC_RELAXED)

/* devtmpfs (kernel/fs/devtmpfs.c): nodes of any type. */
int devtmpfs_mknode(const char *name, umode_t mode, dev_t dev);
void devtmpfs_rmnode(const char *name);

void buffer_init(void);

#endif
