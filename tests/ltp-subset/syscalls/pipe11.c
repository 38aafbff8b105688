/*
 * pipe11: several children read from one pipe the parent fills; together
 * they receive every byte exactly once.
 */
#include <sys/wait.h>

#include "harness.h"

#define READERS 4
#define TOTAL 100000

static void run(void)
{
	int p[2], counts[2], total = 0;
	pid_t pids[READERS];
	char buf[4096];

	SAFE(pipe(p));
	SAFE(pipe(counts));
	for (int i = 0; i < READERS; i++) {
		pids[i] = t_fork();
		if (!pids[i]) {
			int n = 0;
			ssize_t r;
			close(p[1]);
			while ((r = read(p[0], buf, 100)) > 0)
				n += r;
			write(counts[1], &n, sizeof(n));
			_exit(0);
		}
	}
	close(p[0]);
	memset(buf, 'z', sizeof(buf));
	for (int left = TOTAL; left > 0;) {
		int chunk = left < (int)sizeof(buf) ? left : (int)sizeof(buf);
		ssize_t w = write(p[1], buf, chunk);
		if (w <= 0)
			t_brk(TBROK | TERRNO, "write");
		left -= w;
	}
	close(p[1]);
	for (int i = 0; i < READERS; i++) {
		int n;
		t_reap(pids[i]);
		SAFE(read(counts[0], &n, sizeof(n)));
		total += n;
	}
	EXPECT_EQ(total, TOTAL);
}

const struct t_test t_test = { .run = run };
