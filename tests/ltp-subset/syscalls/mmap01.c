/*
 * mmap01: a MAP_SHARED file mapping shows the file's contents; bytes stored
 * past EOF in the last page are zero-filled on mapping and never written to
 * the file (its size does not change).
 */
#include <sys/mman.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	char buf[64] = "";
	char *p;
	int fd, zero = 1;

	t_write_file("f", "0123456789", 0644);
	fd = SAFE(open("f", O_RDWR));
	p = mmap(NULL, t_page(), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	EXPECT(p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	EXPECT(!memcmp(p, "0123456789", 10));
	for (long i = 10; i < t_page(); i++)
		if (p[i])
			zero = 0;
	EXPECT_MSG(zero, "tail of the last page reads as zeros");
	memcpy(p + 10, "beyond-eof", 10);
	p[0] = 'X';
	SAFE(msync(p, t_page(), MS_SYNC));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_size, 10);
	EXPECT_EQ(pread(fd, buf, sizeof(buf), 0), 10);
	EXPECT(!memcmp(buf, "X123456789", 10));
	SAFE(munmap(p, t_page()));
}

const struct t_test t_test = { .run = run };
