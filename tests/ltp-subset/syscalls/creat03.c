/*
 * creat03: the mode given to creat() is stored with the special bits too:
 * the sticky bit and set-user-ID, filtered by the umask.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	static const mode_t modes[] = { 01777, 04755, 0444, 0 };
	struct stat st;
	char name[16];
	int fd;

	umask(0);
	for (unsigned int i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		snprintf(name, sizeof(name), "f%u", i);
		fd = SAFE(creat(name, modes[i]));
		SAFE(fstat(fd, &st));
		EXPECT_MSG((st.st_mode & 07777) == modes[i], "mode %04o, wanted %04o",
			   st.st_mode & 07777, modes[i]);
		close(fd);
	}
	umask(0077);
	fd = SAFE(creat("masked", 04777));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_mode & 07777, 04700);
	close(fd);
}

const struct t_test t_test = { .run = run };
