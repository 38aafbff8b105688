/*
 * chown01: root can give a file any owner and group; -1 leaves that id
 * unchanged; chown() follows symlinks while lchown() changes the link.
 */
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;

	t_write_file("f", "", 0644);
	SAFE(symlink("f", "l"));
	EXPECT_OK(chown("f", 1000, 2000));
	SAFE(stat("f", &st));
	EXPECT(st.st_uid == 1000 && st.st_gid == 2000);
	EXPECT_OK(chown("f", -1, 3000));
	SAFE(stat("f", &st));
	EXPECT(st.st_uid == 1000 && st.st_gid == 3000);
	EXPECT_OK(chown("f", 4000, -1));
	SAFE(stat("f", &st));
	EXPECT(st.st_uid == 4000 && st.st_gid == 3000);
	EXPECT_OK(chown("l", 5, 6));
	SAFE(stat("f", &st));
	EXPECT(st.st_uid == 5 && st.st_gid == 6);
	EXPECT_OK(lchown("l", 7, 8));
	SAFE(lstat("l", &st));
	EXPECT(st.st_uid == 7 && st.st_gid == 8);
	SAFE(stat("f", &st));
	EXPECT(st.st_uid == 5 && st.st_gid == 6);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
