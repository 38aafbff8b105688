/*
 * mknod01: root can create each kind of node with mknod(): regular file,
 * FIFO, character and block device, socket; the mode and rdev are stored.
 */
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "harness.h"

static void run(void)
{
	static const struct { const char *name; mode_t type; } kinds[] = {
		{ "reg", S_IFREG }, { "fifo", S_IFIFO }, { "chr", S_IFCHR },
		{ "blk", S_IFBLK }, { "sock", S_IFSOCK }, { "default", 0 },
	};
	struct stat st;

	umask(0);
	for (unsigned int i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		EXPECT_OK(mknod(kinds[i].name, kinds[i].type | 0640, makedev(7, 9)));
		SAFE(lstat(kinds[i].name, &st));
		EXPECT_MSG((st.st_mode & S_IFMT) == (kinds[i].type ? kinds[i].type : S_IFREG) &&
			   (st.st_mode & 07777) == 0640, "%s: mode 0%o", kinds[i].name,
			   st.st_mode);
		if (kinds[i].type == S_IFCHR || kinds[i].type == S_IFBLK)
			EXPECT(major(st.st_rdev) == 7 && minor(st.st_rdev) == 9);
	}
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
