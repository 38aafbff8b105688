/*
 * arch_prctl01: ARCH_GET_FS returns the thread pointer in use (non-zero
 * for a libc with TLS, and equal to the value read back after ARCH_SET_FS
 * of the same value); ARCH_GET_GS works; an unknown code is EINVAL, a
 * non-canonical FS base is EPERM, a bad pointer is EFAULT.
 */
#include "harness.h"

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

static void run(void)
{
	unsigned long fs = 0, fs2 = 0, gs = 1;

	EXPECT_OK(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs));
	EXPECT(fs != 0);
	EXPECT_OK(syscall(SYS_arch_prctl, ARCH_SET_FS, fs));
	SAFE(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs2));
	EXPECT(fs2 == fs);
	EXPECT_OK(syscall(SYS_arch_prctl, ARCH_GET_GS, &gs));
	EXPECT_FAIL(syscall(SYS_arch_prctl, 0x9999, &fs), EINVAL);
	EXPECT_FAIL(syscall(SYS_arch_prctl, ARCH_SET_FS, 0x8000000000000000UL), EPERM);
	EXPECT_FAIL(syscall(SYS_arch_prctl, ARCH_GET_FS, t_bad_addr()), EFAULT);
}

const struct t_test t_test = { .run = run };
