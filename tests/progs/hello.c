/*
 * hello: the first program a new kernel runs. Prints its arguments and
 * environment and checks the auxiliary vector the kernel built: AT_PAGESZ
 * 4096, AT_RANDOM pointing at 16 bytes, AT_PHDR/AT_ENTRY/AT_EXECFN present,
 * the vector terminated by AT_NULL right after envp's NULL. Run by
 * tests/e2e as `env -i HOME=/root TERM=dumb hello one 'two words'`.
 */
#include "progs.h"

#include <elf.h>
#include <sys/auxv.h>

int main(int argc, char **argv, char **envp)
{
	char **p;
	Elf64_auxv_t *av;
	int have_pagesz = 0, have_random = 0, have_phdr = 0, have_entry = 0;
	int have_execfn = 0, n_aux = 0;
	unsigned long pagesz = 0, uid = ~0UL, secure = ~0UL;
	const unsigned char *rnd = NULL;
	const char *execfn = NULL;

	say("hello, world");
	say("argc=%d", argc);
	say("argv[0]=%s", base_name(argv[0]));
	for (int i = 1; i < argc; i++)
		say("argv[%d]=%s", i, argv[i]);
	CHECK(argv[argc] == NULL, "argv[argc] is NULL");
	for (p = envp; *p; p++)
		say("env: %s", *p);

	/* The auxiliary vector starts after envp's terminating NULL. */
	for (av = (Elf64_auxv_t *)(p + 1); av->a_type != AT_NULL; av++) {
		n_aux++;
		switch (av->a_type) {
		case AT_PAGESZ: have_pagesz = 1; pagesz = av->a_un.a_val; break;
		case AT_RANDOM: have_random = 1; rnd = (const void *)av->a_un.a_val; break;
		case AT_PHDR: have_phdr = av->a_un.a_val != 0; break;
		case AT_ENTRY: have_entry = av->a_un.a_val != 0; break;
		case AT_EXECFN: have_execfn = 1; execfn = (const char *)av->a_un.a_val; break;
		case AT_UID: uid = av->a_un.a_val; break;
		case AT_SECURE: secure = av->a_un.a_val; break;
		}
	}
	CHECK(n_aux >= 5 && n_aux < 64, "auxv has a sane number of entries");
	CHECK(have_pagesz && pagesz == 4096, "AT_PAGESZ is 4096");
	CHECK(getauxval(AT_PAGESZ) == 4096, "getauxval(AT_PAGESZ) is 4096");
	CHECK(sysconf(_SC_PAGESIZE) == 4096, "sysconf(_SC_PAGESIZE) is 4096");
	CHECK(have_random && rnd != NULL, "AT_RANDOM present");
	if (rnd) {
		int nonzero = 0;
		for (int i = 0; i < 16; i++)
			nonzero |= rnd[i];
		CHECK(nonzero, "AT_RANDOM points at 16 bytes, not all zero");
	}
	CHECK(have_phdr, "AT_PHDR present");
	CHECK(have_entry, "AT_ENTRY present");
	CHECK(have_execfn && execfn && strcmp(execfn, argv[0]) == 0,
	      "AT_EXECFN is the path given to execve");
	CHECK(uid == (unsigned long)getuid(), "AT_UID matches getuid()");
	CHECK(secure == 0, "AT_SECURE is 0");
	CHECK(getpid() > 0, "getpid() is positive");
	return finish("hello");
}
