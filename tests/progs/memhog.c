/*
 * memhog: the kernel runs out of memory and survives, and the OOM killer
 * takes the biggest process, not whoever happens to fault. One child
 * touches 60% of RAM and then sits still; a second one then touches
 * memory a megabyte at a time, up to 60% of RAM too, which cannot fit
 * beside the first. The second one's faults are what run out, but the
 * first one is the bigger: it must die by SIGKILL while the second lives
 * on (its faults wait for the memory). Then the second is stopped, and
 * the parent checks it can still allocate and fork. Prints
 * "memhog: ok ..." or "memhog: FAIL ...". For a throwaway guest only
 * (-y): on a host it would push everything else out of memory.
 */
#include "progs.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>

/* Touch mb megabytes, a megabyte at a time; then tell fd and sleep. */
static void hog(size_t mb, int fd)
{
	for (size_t done = 0; done < mb;) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);

		if (p == MAP_FAILED) {
			usleep(1000);
			continue;
		}
		for (size_t i = 0; i < 1 << 20; i += 4096)
			p[i] = 1;
		done++;
	}
	if (write(fd, "x", 1) != 1)
		_exit(3);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	struct sysinfo si;
	size_t mb;
	pid_t big, small;
	int p[2], st;
	char c;

	if (argc < 2 || strcmp(argv[1], "-y") != 0) {
		fprintf(stderr, "usage: memhog -y   (exhausts memory: a throwaway guest only)\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	if (sysinfo(&si) || pipe(p)) {
		printf("memhog: FAIL: sysinfo or pipe\n");
		return 1;
	}
	mb = (size_t)((unsigned long long)si.totalram * si.mem_unit * 6 / 10 >> 20);
	big = fork();
	if (big == 0)
		hog(mb, p[1]);
	if (read(p[0], &c, 1) != 1) {
		printf("memhog: FAIL: the first hog did not get its %zu MB\n", mb);
		return 1;
	}
	small = fork();
	if (small == 0)
		hog(mb, p[1]);
	/* The first hog must die, by SIGKILL; the second must get its memory. */
	if (waitpid(big, &st, 0) != big || !WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL) {
		printf("memhog: FAIL: the bigger hog ended with status %#x, not SIGKILL\n", st);
		kill(small, SIGKILL);
		return 1;
	}
	if (read(p[0], &c, 1) != 1 || waitpid(small, &st, WNOHANG) != 0) {
		printf("memhog: FAIL: the second hog did not live to get its %zu MB\n", mb);
		kill(small, SIGKILL);
		return 1;
	}
	kill(small, SIGKILL);
	waitpid(small, NULL, 0);
	/* Memory is back: a fork and 32 MB work. */
	{
		char *q = mmap(NULL, 32 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);
		pid_t k;

		if (q == MAP_FAILED) {
			printf("memhog: FAIL: no 32 MB after the kill\n");
			return 1;
		}
		memset(q, 1, 32 << 20);
		k = fork();
		if (k == 0)
			_exit(7);
		if (k < 0 || waitpid(k, &st, 0) != k || !WIFEXITED(st) || WEXITSTATUS(st) != 7) {
			printf("memhog: FAIL: fork after the kill\n");
			return 1;
		}
	}
	printf("memhog: ok: %zu MB twice: the bigger (idle) hog was killed, the faulting one lived\n",
	       mb);
	return 0;
}
