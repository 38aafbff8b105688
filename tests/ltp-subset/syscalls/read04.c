/*
 * read04: data written through one descriptor is visible at once through
 * another descriptor of the same file (shared page cache, no buffering).
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	char buf[32] = "";
	int w, r;

	w = SAFE(open("f", O_WRONLY | O_CREAT, 0644));
	r = SAFE(open("f", O_RDONLY));
	EXPECT_EQ(read(r, buf, sizeof(buf)), 0);
	SAFE(write(w, "first", 5));
	EXPECT_EQ(read(r, buf, sizeof(buf)), 5);
	EXPECT(memcmp(buf, "first", 5) == 0);
	SAFE(write(w, "second", 6));
	EXPECT_EQ(read(r, buf, sizeof(buf)), 6);
	EXPECT(memcmp(buf, "second", 6) == 0);
	close(w);
	close(r);
}

const struct t_test t_test = { .run = run };
