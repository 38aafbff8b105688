/*
 * pipe09: two children write many small records to one pipe concurrently;
 * each record (under PIPE_BUF) arrives whole, and the reader gets all of
 * them from both writers, then EOF.
 */
#include <limits.h>

#include "harness.h"

#define RECS 2000
#define RECLEN 64

static void writer(int fd, char tag)
{
	char rec[RECLEN];

	memset(rec, tag, sizeof(rec));
	for (int i = 0; i < RECS; i++)
		if (write(fd, rec, sizeof(rec)) != sizeof(rec))
			_exit(1);
	_exit(0);
}

static void run(void)
{
	char rec[RECLEN];
	int p[2], a = 0, b = 0, torn = 0;
	pid_t pa, pb;
	size_t got = 0;
	ssize_t n;

	SAFE(pipe(p));
	if (!(pa = t_fork()))
		writer(p[1], 'a');
	if (!(pb = t_fork()))
		writer(p[1], 'b');
	close(p[1]);
	for (;;) {
		n = read(p[0], rec + got, RECLEN - got);
		if (n <= 0)
			break;
		got += n;
		if (got < RECLEN)
			continue;
		got = 0;
		if (memchr(rec, rec[0] == 'a' ? 'b' : 'a', RECLEN))
			torn++;
		else if (rec[0] == 'a')
			a++;
		else
			b++;
	}
	EXPECT_EQ(n, 0);
	EXPECT_EQ(torn, 0);
	EXPECT_EQ(a, RECS);
	EXPECT_EQ(b, RECS);
	t_reap(pa);
	t_reap(pb);
}

const struct t_test t_test = { .run = run };
