/*
 * A minimal host test harness. A test program is one file whose main()
 * calls unit_run("family.case", fn) for each case and returns unit_exit().
 * Each case prints exactly one line on stdout,
 *     PASS: unit/<name>
 *     FAIL: unit/<name>: <first failed check> (N failed checks)
 * and the details of up to UNIT_MAX_REPORTS failed checks go to stderr.
 * Exit status: 0 when all passed, 1 when some case failed; any other
 * status means a crash (run.sh reports it).
 *
 * Randomness is a fixed-seed generator reset before each case, so runs are
 * reproducible; UNIT_SEED=<n> in the environment picks another seed.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * kernel/include/kernel/compiler.h defines this too; glibc's <sys/cdefs.h>
 * has already defined it by now. Tests include kernel headers after the
 * host's, so let the kernel's definition win without a redefinition error.
 */
#undef __always_inline

#define UNIT_MAX_REPORTS 8

static const char *unit_case_name;
static unsigned long unit_case_failures;
static char unit_first_failure[400];
static int unit_failed_cases;
static uint64_t unit_rng_state;
static uint64_t unit_seed = 0x9e3779b97f4a7c15ULL;

__attribute__((format(printf, 3, 4)))
static void unit_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[sizeof(unit_first_failure)];
	va_list ap;
	int n;

	n = snprintf(msg, sizeof(msg), "%s:%d: ", file, line);
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	va_end(ap);
	/* The FAIL line must stay one line. */
	for (char *p = msg; *p; p++) {
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	}
	if (unit_case_failures == 0)
		memcpy(unit_first_failure, msg, sizeof(msg));
	if (unit_case_failures < UNIT_MAX_REPORTS)
		fprintf(stderr, "  %s: %s\n", unit_case_name, msg);
	unit_case_failures++;
}

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond))						\
			unit_fail(__FILE__, __LINE__, __VA_ARGS__);	\
	} while (0)

/* The failure count of the running case, to stop a loop after the first few. */
#define UNIT_FAILURES() (unit_case_failures)

/* splitmix64 */
static inline uint64_t unit_rand64(void)
{
	uint64_t z = (unit_rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0. */
static inline uint64_t unit_rand_below(uint64_t n)
{
	return unit_rand64() % n;
}

static void unit_run(const char *name, void (*fn)(void))
{
	static int seeded;

	if (!seeded) {
		const char *s = getenv("UNIT_SEED");

		if (s && *s)
			unit_seed = strtoull(s, NULL, 0);
		seeded = 1;
	}
	unit_case_name = name;
	unit_case_failures = 0;
	unit_first_failure[0] = '\0';
	unit_rng_state = unit_seed;

	fn();

	if (unit_case_failures) {
		printf("FAIL: unit/%s: %s (%lu failed check%s, seed %#llx)\n", name,
		       unit_first_failure, unit_case_failures,
		       unit_case_failures == 1 ? "" : "s", (unsigned long long)unit_seed);
		unit_failed_cases++;
	} else {
		printf("PASS: unit/%s\n", name);
	}
	fflush(stdout);
}

static int unit_exit(void)
{
	return unit_failed_cases ? 1 : 0;
}

#endif
