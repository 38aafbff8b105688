/*
 * personality01 (LTP's personality01/02): personality(0xffffffff) reads
 * the execution domain without changing it; a set returns the previous
 * value; PER_LINUX32 makes uname report i686; fork inherits it; execve
 * keeps it but drops READ_IMPLIES_EXEC; under READ_IMPLIES_EXEC a readable
 * mapping is executable too.
 */
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "harness.h"

static int child_main(int argc, char **argv)
{
	struct utsname u;
	int p = personality(0xffffffff);

	if (uname(&u))
		return 2;
	/* PER_LINUX32 kept, READ_IMPLIES_EXEC dropped by execve. */
	if (p != PER_LINUX32 || strcmp(u.machine, "i686")) {
		fprintf(stderr, "after exec: personality %#x, machine %s\n", p, u.machine);
		return 1;
	}
	return 0;
}

/* The permissions /proc/self/maps shows for the mapping at p ("r-xp"). */
static void perms_of(void *p, char *perms)
{
	char buf[16384], *line;
	unsigned long lo, hi;

	perms[0] = 0;
	if (t_read_file("/proc/self/maps", buf, sizeof(buf)) < 0)
		return;
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 && (unsigned long)p >= lo &&
		    (unsigned long)p < hi)
			return;
	perms[0] = 0;
}

static void run(void)
{
	struct utsname u;
	int p0 = personality(0xffffffff);
	pid_t pid;

	EXPECT_EQ(p0, PER_LINUX);
	EXPECT_EQ(personality(0xffffffff), p0);
	EXPECT_EQ(personality(PER_LINUX32), p0);
	EXPECT_EQ(personality(0xffffffff), PER_LINUX32);
	SAFE(uname(&u));
	EXPECT(!strcmp(u.machine, "i686"));
	pid = t_fork();
	if (!pid) {
		struct utsname cu;

		_exit(personality(0xffffffff) == PER_LINUX32 && !uname(&cu) &&
		      !strcmp(cu.machine, "i686") ? 0 : 1);
	}
	t_reap(pid);
	EXPECT_EQ(personality(PER_LINUX32 | READ_IMPLIES_EXEC), PER_LINUX32);
	pid = t_fork();
	if (!pid) {
		execl(t_self(), t_self(), "--child", (char *)NULL);
		_exit(3);
	}
	EXPECT_EQ(t_wait(pid), 0);
	EXPECT_EQ(personality(PER_LINUX), PER_LINUX32 | READ_IMPLIES_EXEC);
	pid = t_fork();
	if (!pid) {
		char perms[8];
		void *m;

		personality(PER_LINUX | READ_IMPLIES_EXEC);
		m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			_exit(2);
		perms_of(m, perms);
		_exit(!strcmp(perms, "r-xp") ? 0 : 1);
	}
	EXPECT_EQ(t_wait(pid), 0);
	SAFE(uname(&u));
	EXPECT(!strcmp(u.machine, "x86_64"));
}

const struct t_test t_test = { .run = run, .child_main = child_main };
