/*
 * exit01: every exit status 0..255 reaches the parent (only the low 8 bits
 * of the value passed to exit), exit() flushes stdio buffers and runs
 * atexit handlers while _exit() does neither.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "harness.h"

static void at_exit_handler(void)
{
	t_write_file("atexit-ran", "", 0644);
}

static void run(void)
{
	int status, bad = 0;
	char buf[32] = "";
	pid_t pid;

	for (int code = 0; code < 256; code += 17) {
		pid = t_fork();
		if (!pid)
			exit(code + 256);
		status = t_wait(pid);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != code)
			bad++;
	}
	EXPECT_MSG(bad == 0, "exit statuses arrive modulo 256 (%d wrong)", bad);

	pid = t_fork();
	if (!pid) {
		FILE *f = fopen("stdio-out", "w");
		atexit(at_exit_handler);
		fputs("buffered", f);
		exit(0);
	}
	t_reap(pid);
	t_read_file("stdio-out", buf, sizeof(buf));
	EXPECT_MSG(!strcmp(buf, "buffered"), "exit() flushed stdio");
	EXPECT_OK(access("atexit-ran", F_OK));
	unlink("atexit-ran");

	pid = t_fork();
	if (!pid) {
		FILE *f = fopen("stdio-out2", "w");
		atexit(at_exit_handler);
		fputs("lost", f);
		_exit(0);
	}
	t_reap(pid);
	t_read_file("stdio-out2", buf, sizeof(buf));
	EXPECT_MSG(buf[0] == 0, "_exit() did not flush stdio");
	EXPECT_FAIL(access("atexit-ran", F_OK), ENOENT);
}

const struct t_test t_test = { .run = run };
