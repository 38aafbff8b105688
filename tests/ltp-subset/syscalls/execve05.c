/*
 * execve05: a "#!" script runs its interpreter with argv = interpreter,
 * everything after the interpreter name as one argument (spaces kept), the
 * script path as given to execve, then the arguments after argv[0]. The
 * interpreter is this very program.
 */
#include <sys/wait.h>

#include "harness.h"

static int child_main(int argc, char **argv)
{
	/* argv: "--child opt arg" "./script" "a1" "a2" */
	if (argc != 4)
		return 10;
	if (strcmp(argv[0], "--child opt arg"))
		return 11;
	if (strcmp(argv[1], "./script"))
		return 12;
	if (strcmp(argv[2], "a1") || strcmp(argv[3], "a2"))
		return 13;
	return 0;
}

static void run(void)
{
	char text[4200];
	char *const args[] = { "script-name", "a1", "a2", NULL };
	int status;
	pid_t pid;

	if (!t_self())
		t_brk(TCONF, "cannot find this program's own path");
	snprintf(text, sizeof(text), "#!%s --child opt arg\n", t_self());
	t_write_file("script", text, 0755);
	pid = t_fork();
	if (!pid) {
		execve("./script", args, NULL);
		_exit(127);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "interpreter got the documented argv (status 0x%x)", status);
}

const struct t_test t_test = { .run = run, .child_main = child_main };
