/*
 * capget01: capget() with _LINUX_CAPABILITY_VERSION_3 returns root's
 * capability sets (CAP_SETUID effective); after setuid to nobody they are
 * empty; an unknown version makes capget fail with EINVAL and write the
 * preferred version back; capset cannot raise a permitted capability
 * (EPERM).
 */
#include "harness.h"

#define CAP_V3 0x20080522
#define CAP_SETUID_BIT 7

struct cap_header { uint32_t version; int pid; };
struct cap_data { uint32_t effective, permitted, inheritable; };

static void run(void)
{
	struct cap_header h = { CAP_V3, 0 };
	struct cap_data d[2];
	pid_t pid;

	EXPECT_OK(syscall(SYS_capget, &h, d));
	EXPECT(d[0].effective & (1U << CAP_SETUID_BIT));
	h.version = 0x12345678;
	EXPECT_FAIL(syscall(SYS_capget, &h, d), EINVAL);
	EXPECT_EQ(h.version, CAP_V3);
	pid = t_fork();
	if (!pid) {
		t_become_nobody();
		h.version = CAP_V3;
		h.pid = 0;
		SAFE(syscall(SYS_capget, &h, d));
		EXPECT(d[0].effective == 0 && d[0].permitted == 0 && d[1].permitted == 0);
		d[0].effective = d[0].permitted = 1U << CAP_SETUID_BIT;
		EXPECT_FAIL(syscall(SYS_capset, &h, d), EPERM);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
