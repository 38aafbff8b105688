/*
 * memfd (kernel/fs/memfd.c): anonymous tmpfs files from memfd_create(2)
 * and the file seals of fcntl(F_ADD_SEALS/F_GET_SEALS), which tmpfs
 * enforces on write, truncate and fallocate and the memory-mapping code
 * on mmap (memfd_mmap_check).
 */
#ifndef KERNEL_MEMFD_H
#define KERNEL_MEMFD_H

#include <kernel/types.h>

struct file;

/* A new memfd file (O_RDWR); name is the user's, already copied and
 * checked (at most 249 bytes); flags are LINUX_MFD_* minus MFD_CLOEXEC.
 * ERR_PTR on failure. */
struct file *memfd_create_file(const char *name, unsigned flags);
/* F_ADD_SEALS / F_GET_SEALS on any file: -EINVAL for one without seals. */
long memfd_fcntl(struct file *f, unsigned cmd, unsigned long arg);
/* A MAP_SHARED mapping of f with *vmflags (VM_*), mm->lock held: -EPERM
 * for a writable one under F_SEAL_WRITE/FUTURE_WRITE, and a read-only one
 * loses VM_MAYWRITE so that mprotect cannot make it writable. */
int memfd_mmap_check(struct file *f, unsigned long *vmflags);

#endif
