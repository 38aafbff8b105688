/*
 * In-kernel tests. KTEST(name) { ... } registers a test in the .ktests
 * section; `ktest=all` runs every test not marked manual, `ktest=NAME[,NAME]`
 * runs the named ones. Each test prints `PASS: ktest/NAME` or
 * `FAIL: ktest/NAME: reason`, then the kernel exits QEMU with status 0 when
 * all passed, 1 otherwise. The assertion macros return from the test on
 * failure.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include <kernel/types.h>

#define KTEST_MANUAL 1   /* only run when named: e.g. deliberate faults */

struct ktest {
	const char *name;
	void (*fn)(void);
	unsigned flags;
	const char *file;
};

void ktest_fail(const char *file, int line, const char *fmt, ...) __printf(3, 4);
bool ktest_failed(void);
void ktest_run_from_cmdline(void);   /* does nothing without ktest= */

#define KTEST_FLAGS(tname, fl)                                                    \
	static void ktest_fn_##tname(void);                                       \
	static const struct ktest ktest_desc_##tname __used __section(".ktests") \
		__aligned(8) = { #tname, ktest_fn_##tname, (fl), __FILE__ };      \
	static void ktest_fn_##tname(void)

#define KTEST(tname) KTEST_FLAGS(tname, 0)

#define KT_ASSERT(cond)                                                      \
	do {                                                                 \
		if (!(cond)) {                                               \
			ktest_fail(__FILE__, __LINE__, "%s", #cond);         \
			return;                                              \
		}                                                            \
	} while (0)

#define KT_ASSERT_MSG(cond, fmt, ...)                                        \
	do {                                                                 \
		if (!(cond)) {                                               \
			ktest_fail(__FILE__, __LINE__, fmt, ##__VA_ARGS__);  \
			return;                                              \
		}                                                            \
	} while (0)

#define KT_ASSERT_EQ(a, b)                                                                 \
	do {                                                                               \
		long long __a = (long long)(a), __b = (long long)(b);                      \
		if (__a != __b) {                                                          \
			ktest_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b,   \
				   __a, __b);                                              \
			return;                                                            \
		}                                                                          \
	} while (0)

#endif
