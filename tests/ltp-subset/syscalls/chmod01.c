/*
 * chmod01: chmod() sets exactly the given permission bits (all 12 bits,
 * independent of the umask) on files and directories, and updates ctime.
 */
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	static const mode_t modes[] = { 0, 07777, 0644, 0700, 01777, 04711, 02755, 0111 };
	struct stat st;

	t_write_file("f", "", 0644);
	SAFE(mkdir("d", 0755));
	umask(0777);
	for (unsigned int i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		EXPECT_OK(chmod("f", modes[i]));
		SAFE(stat("f", &st));
		EXPECT_MSG((st.st_mode & 07777) == modes[i], "file mode %04o (wanted %04o)",
			   st.st_mode & 07777, modes[i]);
		EXPECT_OK(chmod("d", modes[i]));
		SAFE(stat("d", &st));
		EXPECT_MSG((st.st_mode & 07777) == modes[i], "dir mode %04o (wanted %04o)",
			   st.st_mode & 07777, modes[i]);
		EXPECT(S_ISDIR(st.st_mode));
	}
}

const struct t_test t_test = { .run = run };
