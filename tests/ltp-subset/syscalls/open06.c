/*
 * open06: opening a FIFO O_WRONLY|O_NONBLOCK with no reader fails with
 * ENXIO; O_RDONLY|O_NONBLOCK succeeds at once, after which the writer open
 * succeeds too.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	int r, w;

	SAFE(mkfifo("fifo", 0644));
	EXPECT_FAIL(open("fifo", O_WRONLY | O_NONBLOCK), ENXIO);
	r = EXPECT_OK(open("fifo", O_RDONLY | O_NONBLOCK));
	w = EXPECT_OK(open("fifo", O_WRONLY | O_NONBLOCK));
	if (r >= 0 && w >= 0) {
		char c = 0;
		EXPECT_EQ(write(w, "z", 1), 1);
		EXPECT_EQ(read(r, &c, 1), 1);
		EXPECT_EQ(c, 'z');
		EXPECT_FAIL(read(r, &c, 1), EAGAIN);
	}
	if (w >= 0)
		close(w);
	if (r >= 0)
		close(r);
}

const struct t_test t_test = { .run = run };
