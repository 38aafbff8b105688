/*
 * memhog: the kernel runs out of memory and survives. Two children touch
 * anonymous memory (4 MB and 1 MB at a time) until something gives: the
 * OOM killer must kill the bigger one, with SIGKILL, while the smaller
 * one's faults wait for the memory instead of failing, and leave this
 * parent and init alone; then the other is stopped too, and the
 * parent checks that it can still allocate and fork. Prints
 * "memhog: ok ..." or "memhog: FAIL ...". For a throwaway guest only
 * (-y): on a host it would push everything else out of memory.
 */
#include "progs.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

static void hog(size_t step_mb)
{
	for (size_t mb = 0;; mb += step_mb) {
		char *p = mmap(NULL, step_mb << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			usleep(1000);   /* address space is not the limit here */
			continue;
		}
		for (size_t i = 0; i < step_mb << 20; i += 4096)
			p[i] = 1;
	}
}

int main(int argc, char **argv)
{
	pid_t big, small, w;
	int st, killed_big = 0, other = 0;

	if (argc < 2 || strcmp(argv[1], "-y") != 0) {
		fprintf(stderr, "usage: memhog -y   (exhausts memory: a throwaway guest only)\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	big = fork();
	if (big == 0)
		hog(4);
	small = fork();
	if (small == 0)
		hog(1);
	/* The first to die must be one of ours, by SIGKILL. */
	w = waitpid(-1, &st, 0);
	if (w != big && w != small) {
		printf("memhog: FAIL: waitpid gave %d\n", (int)w);
		return 1;
	}
	killed_big = w == big;
	other = w == big ? small : big;
	kill(other, SIGKILL);
	waitpid(other, NULL, 0);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL) {
		printf("memhog: FAIL: a hog ended with status %#x, not SIGKILL\n", st);
		return 1;
	}
	/* The killer takes the biggest; the smaller hog's faults wait for
	 * the memory it frees instead of failing. */
	if (!killed_big) {
		printf("memhog: FAIL: the smaller hog died first\n");
		return 1;
	}
	/* Memory is back: a fork and 32 MB work. */
	{
		char *p = mmap(NULL, 32 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);
		pid_t c;

		if (p == MAP_FAILED) {
			printf("memhog: FAIL: no 32 MB after the kill\n");
			return 1;
		}
		memset(p, 1, 32 << 20);
		c = fork();
		if (c == 0)
			_exit(7);
		if (c < 0 || waitpid(c, &st, 0) != c || !WIFEXITED(st) || WEXITSTATUS(st) != 7) {
			printf("memhog: FAIL: fork after the kill\n");
			return 1;
		}
	}
	printf("memhog: ok: the bigger hog was killed first, by SIGKILL; the rest lives\n");
	return 0;
}
