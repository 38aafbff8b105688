/*
 * memfd_create(2) flags and the file seals of fcntl(F_ADD_SEALS), Linux's
 * values (include/uapi/linux/memfd.h, fcntl.h).
 */
#ifndef LINUXABI_UAPI_MEMFD_H
#define LINUXABI_UAPI_MEMFD_H

#define LINUX_MFD_CLOEXEC       0x0001U
#define LINUX_MFD_ALLOW_SEALING 0x0002U
#define LINUX_MFD_HUGETLB       0x0004U
#define LINUX_MFD_NOEXEC_SEAL   0x0008U
#define LINUX_MFD_EXEC          0x0010U
#define LINUX_MFD_HUGE_SHIFT    26
#define LINUX_MFD_HUGE_MASK     0x3fU
#define LINUX_MFD_NAME_PREFIX   "memfd:"
#define LINUX_MFD_NAME_MAX_LEN  (255 - 6)   /* NAME_MAX - strlen("memfd:") */

#define LINUX_F_SEAL_SEAL         0x0001
#define LINUX_F_SEAL_SHRINK       0x0002
#define LINUX_F_SEAL_GROW         0x0004
#define LINUX_F_SEAL_WRITE        0x0008
#define LINUX_F_SEAL_FUTURE_WRITE 0x0010
#define LINUX_F_SEAL_EXEC         0x0020

#endif
