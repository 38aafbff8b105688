/*
 * memfd_create(2): checks the flags and the name as Linux does, then asks
 * kernel/fs/memfd.c for the file. MFD_HUGETLB is refused with EINVAL,
 * what Linux without hugetlbfs answers (XXX: no huge pages here).
 */
#include <kernel/memfd.h>
#include <linuxabi/uapi/memfd.h>

#include "fs_common.h"

long sys_memfd_create(const char __user *uname, unsigned flags);

#define MFD_ALL_FLAGS                                                                \
	(LINUX_MFD_CLOEXEC | LINUX_MFD_ALLOW_SEALING | LINUX_MFD_HUGETLB |                \
	 LINUX_MFD_NOEXEC_SEAL | LINUX_MFD_EXEC)

long sys_memfd_create(const char __user *uname, unsigned flags)
{
	char name[LINUX_MFD_NAME_MAX_LEN + 1];
	struct file *f;
	long len;
	int fd;

	if (flags & ~(MFD_ALL_FLAGS | ((flags & LINUX_MFD_HUGETLB) ?
				       LINUX_MFD_HUGE_MASK << LINUX_MFD_HUGE_SHIFT : 0)))
		return -EINVAL;
	if ((flags & LINUX_MFD_EXEC) && (flags & LINUX_MFD_NOEXEC_SEAL))
		return -EINVAL;
	/* The name: at most 249 bytes (NAME_MAX less "memfd:"). */
	len = strncpy_from_user(name, uname, sizeof(name));
	if (len < 0)
		return -EFAULT;
	if (len >= (long)sizeof(name))
		return -EINVAL;
	if (flags & LINUX_MFD_HUGETLB)
		return -EINVAL;
	fd = fd_alloc(0, flags & LINUX_MFD_CLOEXEC);
	if (fd < 0)
		return fd;
	f = memfd_create_file(name, flags & ~LINUX_MFD_CLOEXEC);
	if (IS_ERR(f)) {
		fd_free_reserved(fd);
		return PTR_ERR(f);
	}
	fd_install(fd, f);
	return fd;
}
