/*
 * sysinfo01: sysinfo() reports a positive uptime close to CLOCK_BOOTTIME,
 * total RAM at least free RAM, a mem_unit, at least one process; EFAULT
 * for a bad pointer.
 */
#include <sys/sysinfo.h>
#include <time.h>

#include "harness.h"

static void run(void)
{
	struct sysinfo si;
	struct timespec ts;

	EXPECT_OK(sysinfo(&si));
	SAFE(clock_gettime(CLOCK_BOOTTIME, &ts));
	EXPECT(si.uptime > 0);
	EXPECT_MSG((long)si.uptime >= ts.tv_sec - 2 && (long)si.uptime <= ts.tv_sec + 2,
		   "uptime %ld vs boottime %ld", si.uptime, (long)ts.tv_sec);
	EXPECT(si.totalram > 0 && si.totalram >= si.freeram);
	EXPECT(si.mem_unit >= 1);
	EXPECT(si.procs >= 1);
	EXPECT_FAIL(syscall(SYS_sysinfo, t_bad_addr()), EFAULT);
}

const struct t_test t_test = { .run = run };
