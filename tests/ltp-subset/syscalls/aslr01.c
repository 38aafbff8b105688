/*
 * aslr01: address-space layout randomization. The same program run three
 * times sees its stack, an anonymous mmap and (randomize_va_space 2) the
 * break at different places, and a PIE its code too; with
 * personality(ADDR_NO_RANDOMIZE), as `setarch -R` sets it, two runs see
 * all of them at the same addresses.
 */
#include <elf.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "harness.h"

#define RUNS 3

struct layout {
	unsigned long stack, mmap, brk, text;
};

static int child_main(int argc, char **argv)
{
	volatile int local = 0;
	void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	printf("%lx %lx %lx %lx\n", (unsigned long)&local, (unsigned long)m,
	       (unsigned long)syscall(SYS_brk, 0), (unsigned long)&child_main);
	return 0;
}

static void run_child(struct layout *l)
{
	char buf[256] = "";
	int p[2], status;
	ssize_t n, got = 0;
	pid_t pid;

	SAFE(pipe(p));
	pid = t_fork();
	if (!pid) {
		dup2(p[1], 1);
		close(p[0]);
		execl(t_self(), "aslr01", "--child", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	while ((n = read(p[0], buf + got, sizeof(buf) - 1 - got)) > 0)
		got += n;
	close(p[0]);
	status = t_wait(pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) ||
	    sscanf(buf, "%lx %lx %lx %lx", &l->stack, &l->mmap, &l->brk, &l->text) != 4)
		t_brk(TBROK, "child failed (status 0x%x, output '%s')", status, buf);
}

/* Do the runs' values of field off differ somewhere? */
static int differ(const struct layout *l, int n, size_t off)
{
	for (int i = 1; i < n; i++)
		if (*(const unsigned long *)((const char *)&l[i] + off) !=
		    *(const unsigned long *)((const char *)&l[0] + off))
			return 1;
	return 0;
}

static int is_pie(void)
{
	Elf64_Ehdr eh;
	int fd = SAFE(open(t_self(), O_RDONLY));
	ssize_t n = read(fd, &eh, sizeof(eh));

	close(fd);
	return n == (ssize_t)sizeof(eh) && eh.e_type == ET_DYN;
}

static void run(void)
{
	struct layout l[RUNS];
	char va[16] = "";
	int level, persona;

	if (!t_self())
		t_brk(TCONF, "cannot find this program to re-execute");
	if (t_read_file("/proc/sys/kernel/randomize_va_space", va, sizeof(va)) <= 0)
		t_brk(TBROK, "no /proc/sys/kernel/randomize_va_space");
	level = atoi(va);
	persona = personality(0xffffffff);

	if (level > 0 && !(persona & ADDR_NO_RANDOMIZE)) {
		for (int i = 0; i < RUNS; i++)
			run_child(&l[i]);
		EXPECT_MSG(differ(l, RUNS, offsetof(struct layout, stack)), "stack randomized");
		EXPECT_MSG(differ(l, RUNS, offsetof(struct layout, mmap)), "mmap randomized");
		if (level > 1)
			EXPECT_MSG(differ(l, RUNS, offsetof(struct layout, brk)), "brk randomized");
		if (is_pie())
			EXPECT_MSG(differ(l, RUNS, offsetof(struct layout, text)),
				   "PIE load address randomized");
	} else {
		t_res(TINFO, "randomization is off here (level %d, personality 0x%x)", level,
		      persona);
	}

	SAFE(personality(persona | ADDR_NO_RANDOMIZE));
	run_child(&l[0]);
	run_child(&l[1]);
	SAFE(personality(persona));
	EXPECT_MSG(!differ(l, 2, offsetof(struct layout, stack)), "ADDR_NO_RANDOMIZE: same stack");
	EXPECT_MSG(!differ(l, 2, offsetof(struct layout, mmap)), "ADDR_NO_RANDOMIZE: same mmap");
	EXPECT_MSG(!differ(l, 2, offsetof(struct layout, brk)), "ADDR_NO_RANDOMIZE: same brk");
	EXPECT_MSG(!differ(l, 2, offsetof(struct layout, text)), "ADDR_NO_RANDOMIZE: same text");
}

const struct t_test t_test = { .run = run, .child_main = child_main };
