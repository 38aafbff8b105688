/*
 * umask01: umask() returns the previous mask and only the low 9 bits are
 * kept; for every mask the mode of a created file is 0777 & ~mask.
 */
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	int bad = 0, fd;

	umask(0);
	EXPECT_EQ(umask(022), 0);
	EXPECT_EQ(umask(07777), 022);
	EXPECT_EQ(umask(0), 0777);
	for (mode_t m = 0; m <= 0777; m++) {
		umask(m);
		fd = creat("f", 0777);
		if (fd < 0 || fstat(fd, &st) < 0 || (st.st_mode & 0777) != (0777 & ~m))
			bad++;
		close(fd);
		unlink("f");
	}
	EXPECT_MSG(bad == 0, "created file modes follow all 512 masks (%d wrong)", bad);
}

const struct t_test t_test = { .run = run };
