/*
 * syslog11 (LTP's syslog11/syslog12): syslog(2) argument checks and the
 * log's format. SIZE_BUFFER is positive; READ_ALL returns records
 * "<L>[ seconds.micros] text" ending in newlines; a bad type, a NULL
 * buffer or a negative length is EINVAL, a bad console level EINVAL;
 * CONSOLE_LEVEL, CONSOLE_OFF and CONSOLE_ON work for root; SIZE_UNREAD
 * answers; without privilege CLEAR is EPERM.
 */
#include <sys/klog.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(klogctl(5, NULL, 0), EPERM);
	EXPECT_FAIL(klogctl(8, NULL, 4), EPERM);
}

static void run(void)
{
	int size = klogctl(10, NULL, 0), n, level;
	char *buf, *p;

	EXPECT(size > 0);
	if (size <= 0)
		return;
	buf = malloc(size + 1);
	if (!buf)
		t_brk(TBROK, "malloc");
	n = EXPECT_OK(klogctl(3, buf, size));
	EXPECT(n > 0);
	if (n > 0) {
		buf[n] = 0;
		EXPECT_MSG(buf[n - 1] == '\n', "the last record ends in a newline");
		p = strchr(buf, '<');
		EXPECT_MSG(p && sscanf(p, "<%d>[", &level) == 1 && level >= 0,
			   "records start <L>[: %.40s", buf);
	}
	EXPECT_EQ(klogctl(3, buf, 0), 0);
	EXPECT_FAIL(klogctl(3, NULL, 10), EINVAL);
	EXPECT_FAIL(klogctl(3, buf, -1), EINVAL);
	EXPECT_FAIL(klogctl(100, buf, 10), EINVAL);
	EXPECT_FAIL(klogctl(-1, buf, 10), EINVAL);
	EXPECT_FAIL(klogctl(8, NULL, 0), EINVAL);
	EXPECT_FAIL(klogctl(8, NULL, 9), EINVAL);
	EXPECT(klogctl(9, NULL, 0) >= 0);
	/* Console level changes, restored as they were (the default 7 is what
	 * Debian and our kernel start with; OFF/ON bring back the level). */
	EXPECT_OK(klogctl(6, NULL, 0));
	EXPECT_OK(klogctl(7, NULL, 0));
	t_run_as_nobody(as_nobody);
	free(buf);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
