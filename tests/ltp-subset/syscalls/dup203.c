/*
 * dup203: dup2() onto an open descriptor closes it first, silently: the
 * number now refers to the new file, the old file is unaffected elsewhere.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	int a, b, keep;
	char c;

	t_write_file("a", "A", 0644);
	t_write_file("b", "B", 0644);
	a = SAFE(open("a", O_RDONLY));
	b = SAFE(open("b", O_RDONLY));
	keep = SAFE(dup(b));
	EXPECT_EQ(dup2(a, b), b);
	EXPECT_EQ(read(b, &c, 1), 1);
	EXPECT_EQ(c, 'A');
	EXPECT_EQ(read(keep, &c, 1), 1);
	EXPECT_EQ(c, 'B');
}

const struct t_test t_test = { .run = run };
