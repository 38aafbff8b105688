/*
 * getdents01: getdents64() lists ".", ".." and every entry exactly once,
 * with d_type matching the file type and d_ino matching stat(); d_reclen
 * keeps records 8-byte aligned; a second pass after EOF returns 0, and
 * lseek(fd, 0, SEEK_SET) rewinds.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

struct dent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static int list(int fd, int *seen, ino_t *ino_f)
{
	char buf[4096];
	long n;
	int total = 0, aligned = 1;

	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct dent64 *d = (struct dent64 *)(buf + off);
			if (d->d_reclen % 8)
				aligned = 0;
			if (!strcmp(d->d_name, "."))
				seen[0]++, total += d->d_type == DT_DIR;
			else if (!strcmp(d->d_name, ".."))
				seen[1]++, total += d->d_type == DT_DIR;
			else if (!strcmp(d->d_name, "file"))
				seen[2]++, total += d->d_type == DT_REG, *ino_f = d->d_ino;
			else if (!strcmp(d->d_name, "sub"))
				seen[3]++, total += d->d_type == DT_DIR;
			else if (!strcmp(d->d_name, "link"))
				seen[4]++, total += d->d_type == DT_LNK;
			else if (!strcmp(d->d_name, "fifo"))
				seen[5]++, total += d->d_type == DT_FIFO;
			else
				seen[6]++;
			off += d->d_reclen;
		}
	}
	EXPECT_MSG(aligned, "d_reclen values are multiples of 8");
	return n < 0 ? -1 : total;
}

static void run(void)
{
	int seen[7] = { 0 }, fd, types;
	ino_t ino = 0;
	struct stat st;
	char buf[512];

	SAFE(mkdir("d", 0755));
	t_write_file("d/file", "", 0644);
	SAFE(mkdir("d/sub", 0755));
	SAFE(symlink("file", "d/link"));
	SAFE(mkfifo("d/fifo", 0644));
	fd = SAFE(open("d", O_RDONLY | O_DIRECTORY));
	types = list(fd, seen, &ino);
	EXPECT_MSG(seen[0] == 1 && seen[1] == 1 && seen[2] == 1 && seen[3] == 1 &&
		   seen[4] == 1 && seen[5] == 1 && seen[6] == 0,
		   "each entry listed once (%d %d %d %d %d %d, extra %d)",
		   seen[0], seen[1], seen[2], seen[3], seen[4], seen[5], seen[6]);
	EXPECT_EQ(types, 6);
	SAFE(stat("d/file", &st));
	EXPECT_EQ(ino, st.st_ino);
	EXPECT_EQ(syscall(SYS_getdents64, fd, buf, sizeof(buf)), 0);
	EXPECT_OK(lseek(fd, 0, SEEK_SET));
	EXPECT(syscall(SYS_getdents64, fd, buf, sizeof(buf)) > 0);
}

const struct t_test t_test = { .run = run };
