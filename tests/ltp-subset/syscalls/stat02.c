/*
 * stat02: stat() reports each file type: directory, FIFO, socket, symbolic
 * link target, character device; directory link count is 2 plus subdirs.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>

#include "harness.h"

static void run(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = "sock" };
	struct stat st;
	int s;

	SAFE(mkdir("d", 0755));
	SAFE(mkdir("d/a", 0755));
	SAFE(mkdir("d/b", 0755));
	SAFE(mkfifo("fifo", 0644));
	s = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
	SAFE(bind(s, (struct sockaddr *)&sun, sizeof(sun)));
	SAFE(mknod("null", S_IFCHR | 0666, makedev(1, 3)));
	SAFE(symlink("d", "link"));

	SAFE(stat("d", &st));
	EXPECT(S_ISDIR(st.st_mode));
	EXPECT_EQ(st.st_nlink, 4);
	SAFE(stat("fifo", &st));
	EXPECT(S_ISFIFO(st.st_mode));
	EXPECT_EQ(st.st_size, 0);
	SAFE(stat("sock", &st));
	EXPECT(S_ISSOCK(st.st_mode));
	SAFE(stat("null", &st));
	EXPECT(S_ISCHR(st.st_mode));
	EXPECT_EQ(major(st.st_rdev), 1);
	EXPECT_EQ(minor(st.st_rdev), 3);
	SAFE(stat("link", &st));
	EXPECT(S_ISDIR(st.st_mode));
	close(s);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
