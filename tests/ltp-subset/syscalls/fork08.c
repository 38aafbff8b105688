/*
 * fork08: descriptors are copied, not shared as table entries: a child
 * closing or replacing its copy leaves the parent's descriptor working.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	char buf[8] = "";
	int fd;
	pid_t pid;

	t_write_file("f", "parent", 0644);
	t_write_file("g", "child", 0644);
	fd = SAFE(open("f", O_RDONLY));
	pid = t_fork();
	if (!pid) {
		close(fd);
		int g = SAFE(open("g", O_RDONLY));
		SAFE(dup2(g, fd));
		_exit(0);
	}
	t_reap(pid);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 6);
	EXPECT(!strcmp(buf, "parent"));
}

const struct t_test t_test = { .run = run };
