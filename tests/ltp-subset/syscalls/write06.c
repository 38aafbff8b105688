/*
 * write06: with O_APPEND each write goes to the current end of file even
 * when another descriptor extends the file or the offset was moved.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	char buf[32] = "";
	int a, b;

	a = SAFE(open("f", O_WRONLY | O_CREAT | O_APPEND, 0644));
	b = SAFE(open("f", O_WRONLY));
	SAFE(write(a, "AA", 2));
	SAFE(write(b, "bbbb", 4));	/* b at offset 0: overwrites, extends */
	SAFE(write(a, "CC", 2));	/* goes after "bbbb" */
	SAFE(lseek(a, 0, SEEK_SET));
	SAFE(write(a, "DD", 2));
	EXPECT_EQ(lseek(a, 0, SEEK_CUR), 8);
	t_read_file("f", buf, sizeof(buf));
	EXPECT_MSG(strcmp(buf, "bbbbCCDD") == 0, "contents \"%s\"", buf);
	close(a);
	close(b);
}

const struct t_test t_test = { .run = run };
