/*
 * mlockall01 (LTP's mlockall01-03, munlockall01): mlockall(MCL_CURRENT)
 * locks every mapping (VmLck in /proc/self/status covers them), munlockall
 * unlocks them all; MCL_FUTURE locks mappings made later and is not
 * inherited by fork; bad flags (0, MCL_ONFAULT alone, unknown bits) are
 * EINVAL.
 */
#include <sys/mman.h>

#include "harness.h"

#ifndef MCL_ONFAULT
#define MCL_ONFAULT 4
#endif

static long vmlck_kb(void)
{
	char buf[4096], *p;

	if (t_read_file("/proc/self/status", buf, sizeof(buf)) < 0)
		t_brk(TBROK | TERRNO, "read /proc/self/status");
	p = strstr(buf, "VmLck:");
	return p ? strtol(p + 6, NULL, 10) : -1;
}

static void run(void)
{
	size_t len = 64 * t_page();
	pid_t pid;
	void *m;

	EXPECT_FAIL(mlockall(0), EINVAL);
	EXPECT_FAIL(mlockall(MCL_ONFAULT), EINVAL);
	EXPECT_FAIL(mlockall(0x100 | MCL_CURRENT), EINVAL);
	EXPECT_EQ(vmlck_kb(), 0);

	pid = t_fork();
	if (!pid) {
		EXPECT_OK(mlockall(MCL_CURRENT));
		EXPECT(vmlck_kb() > 0);
		m = SAFE_MMAP(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		{
			long before = vmlck_kb();

			EXPECT_OK(munlockall());
			EXPECT_EQ(vmlck_kb(), 0);
			EXPECT(before > 0);
		}
		munmap(m, len);

		EXPECT_OK(mlockall(MCL_FUTURE));
		EXPECT_EQ(vmlck_kb(), 0);
		m = SAFE_MMAP(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		EXPECT_EQ(vmlck_kb(), (long)(len / 1024));
		pid = t_fork();
		if (!pid) {
			void *c = mmap(NULL, len, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			/* mlock is not inherited, nor is MCL_FUTURE. */
			_exit(c != MAP_FAILED && vmlck_kb() == 0 ? 0 : 1);
		}
		t_reap(pid);
		EXPECT_OK(munlockall());
		EXPECT_EQ(vmlck_kb(), 0);
		m = SAFE_MMAP(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		EXPECT_EQ(vmlck_kb(), 0);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
