/*
 * chown02: changing the owner of an executable regular file clears the
 * set-user-ID bit, and the set-group-ID bit when group-execute is set; a
 * set-group-ID bit without group-execute (mandatory locking mark) stays.
 */
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;

	t_write_file("a", "", 0644);
	SAFE(chmod("a", 06755));
	EXPECT_OK(chown("a", 1000, 1000));
	SAFE(stat("a", &st));
	EXPECT_EQ(st.st_mode & 07777, 0755);
	t_write_file("b", "", 0644);
	SAFE(chmod("b", 02644));
	EXPECT_OK(chown("b", 1000, 1000));
	SAFE(stat("b", &st));
	EXPECT_EQ(st.st_mode & 07777, 02644);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
