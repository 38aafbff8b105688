/*
 * open10: a file created in a set-group-ID directory gets the directory's
 * group; a directory created there inherits the set-group-ID bit; outside
 * it the creator's group is used.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

#define GROUP 1234

static void run(void)
{
	struct stat st;

	SAFE(mkdir("sgid", 0777));
	SAFE(chown("sgid", 0, GROUP));
	SAFE(chmod("sgid", 02777));
	SAFE(mkdir("plain", 0777));

	t_write_file("sgid/file", "", 0644);
	SAFE(stat("sgid/file", &st));
	EXPECT_EQ(st.st_gid, GROUP);
	SAFE(mkdir("sgid/sub", 0755));
	SAFE(stat("sgid/sub", &st));
	EXPECT_EQ(st.st_gid, GROUP);
	EXPECT(st.st_mode & S_ISGID);
	t_write_file("plain/file", "", 0644);
	SAFE(stat("plain/file", &st));
	EXPECT_EQ(st.st_gid, getegid());
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
