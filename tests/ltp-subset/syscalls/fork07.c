/*
 * fork07: parent and child share open file descriptions: a read in the
 * child moves the offset the parent sees, and writes from both through an
 * inherited O_APPEND descriptor all land in the file.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

#define CHILDREN 10

static void run(void)
{
	struct stat st;
	pid_t pids[CHILDREN];
	char c;
	int fd, afd;

	t_write_file("f", "abcdef", 0644);
	fd = SAFE(open("f", O_RDONLY));
	pids[0] = t_fork();
	if (!pids[0]) {
		SAFE(read(fd, &c, 1));
		SAFE(read(fd, &c, 1));
		_exit(0);
	}
	t_reap(pids[0]);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 2);
	SAFE(read(fd, &c, 1));
	EXPECT_EQ(c, 'c');

	afd = SAFE(open("log", O_WRONLY | O_CREAT | O_APPEND, 0644));
	for (int i = 0; i < CHILDREN; i++) {
		pids[i] = t_fork();
		if (!pids[i]) {
			for (int j = 0; j < 100; j++)
				SAFE(write(afd, "0123456789", 10));
			_exit(0);
		}
	}
	for (int i = 0; i < CHILDREN; i++)
		t_reap(pids[i]);
	SAFE(fstat(afd, &st));
	EXPECT_EQ(st.st_size, CHILDREN * 100 * 10);
}

const struct t_test t_test = { .run = run };
