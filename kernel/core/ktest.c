/*
 * The in-kernel test runner. Tests register with KTEST() into .ktests;
 * `ktest=all` runs every test not marked manual, `ktest=a,b` the named ones.
 * Each test runs in the boot task with interrupts on and all CPUs online.
 * Results use the same line format as every other test stage
 * (PASS:/FAIL: lines), then QEMU exits with 0 (all passed) or 1.
 */
#include <kernel/boot.h>
#include <kernel/clock.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <stdio.h>
#include <string.h>

extern const struct ktest __ktests_start[], __ktests_end[];

static bool current_failed;
static const struct ktest *running;

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* Only the first failure of a test makes its FAIL line. */
	if (!current_failed)
		printk(KERN_EMERG "FAIL: ktest/%s: %s:%d: %s\n", running ? running->name : "?",
		       file, line, msg);
	current_failed = true;
}

bool ktest_failed(void)
{
	return current_failed;
}

static bool selected(const struct ktest *t, const char *spec)
{
	size_t n = strlen(t->name);
	const char *p = spec;

	if (!strcmp(spec, "all"))
		return !(t->flags & KTEST_MANUAL);
	while (*p) {
		const char *end = strchrnul(p, ',');
		if ((size_t)(end - p) == n && !strncmp(p, t->name, n))
			return true;
		p = *end ? end + 1 : end;
	}
	return false;
}

void ktest_run_from_cmdline(void)
{
	const char *spec = cmdline_get("ktest");
	int passed = 0, failed = 0;
	u64 free_before = pmm_free_pages();

	if (!spec)
		return;
	printk(KERN_EMERG "ktest: running '%s'\n", spec);
	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++) {
		u64 t0;

		if (!selected(t, spec))
			continue;
		running = t;
		current_failed = false;
		t0 = ktime_get_ns();
		t->fn();
		if (current_failed) {
			failed++;
		} else {
			passed++;
			printk(KERN_EMERG "PASS: ktest/%s (%llu ms)\n", t->name,
			       (unsigned long long)(ktime_get_ns() - t0) / 1000000);
		}
	}
	running = NULL;
	if (!passed && !failed) {
		printk(KERN_EMERG "FAIL: ktest/%s: no such test\n", spec);
		failed = 1;
	}
	printk(KERN_EMERG "ktest: %d passed, %d failed (free pages %llu before, %llu after)\n",
	       passed, failed, (unsigned long long)free_before,
	       (unsigned long long)pmm_free_pages());
	machine_exit(failed ? EXIT_FAILURE_CODE : EXIT_SUCCESS_CODE);
}
