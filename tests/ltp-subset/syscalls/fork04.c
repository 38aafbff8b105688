/*
 * fork04: the child inherits a copy of the environment, the cwd, the umask,
 * the signal dispositions and the signal mask; changes in the child do not
 * reach the parent.
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	sigset_t set, cur;
	struct sigaction sa;
	pid_t pid;
	struct stat st;

	setenv("LTP_FORK04", "parent", 1);
	umask(027);
	signal(SIGUSR1, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	SAFE(mkdir("sub", 0755));
	SAFE(chdir("sub"));
	pid = t_fork();
	if (!pid) {
		const char *v = getenv("LTP_FORK04");
		EXPECT_MSG(v && !strcmp(v, "parent"), "environment inherited");
		EXPECT_EQ(umask(0), 027);
		sigaction(SIGUSR1, NULL, &sa);
		EXPECT(sa.sa_handler == SIG_IGN);
		sigprocmask(SIG_BLOCK, NULL, &cur);
		EXPECT(sigismember(&cur, SIGUSR2));
		EXPECT_OK(stat("../sub", &st));
		setenv("LTP_FORK04", "child", 1);
		SAFE(chdir("/"));
		t_write_file("/dev/null", "", 0644);
		_exit(0);
	}
	t_reap(pid);
	EXPECT(!strcmp(getenv("LTP_FORK04"), "parent"));
	EXPECT_EQ(umask(022), 027);
	EXPECT_OK(stat("../sub", &st));
}

const struct t_test t_test = { .run = run };
