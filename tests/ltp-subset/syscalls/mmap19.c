/*
 * mmap19: MAP_PRIVATE file mappings are copy-on-write: stores are not
 * written to the file nor seen by a MAP_SHARED mapping of it; until the
 * first store a private mapping does see changes made through write().
 */
#include <sys/mman.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	char *priv, *shared, buf[8] = "";
	int fd;

	t_write_file("f", "original", 0644);
	fd = SAFE(open("f", O_RDWR));
	priv = SAFE_MMAP(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	shared = SAFE_MMAP(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	SAFE(pwrite(fd, "O", 1, 0));
	EXPECT_EQ(priv[0], 'O');
	priv[1] = 'R';
	EXPECT_EQ(shared[1], 'r');
	EXPECT_EQ(pread(fd, buf, 2, 0), 2);
	EXPECT(!memcmp(buf, "Or", 2));
	shared[2] = 'I';
	EXPECT_EQ(priv[2], 'i');	/* our page is a private copy now */
	EXPECT_EQ(pread(fd, buf, 3, 0), 3);
	EXPECT(!memcmp(buf, "OrI", 3));
}

const struct t_test t_test = { .run = run };
