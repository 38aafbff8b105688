/*
 * The test harness shared by every program in tests/ltp-subset.
 *
 * A test program defines one `const struct t_test t_test` and links with
 * harness.c, which owns main(). main() makes a private temporary directory,
 * forks one child that runs the test in it (in its own process group), and
 * waits with a timeout. Results are reported with t_res() as lines
 *     file.c:LINE: TPASS|TFAIL|TBROK|TCONF|TINFO: message
 * and counted in a MAP_SHARED anonymous page, so that any process the test
 * forks may report too. The exit status of the program is 0 when everything
 * passed, 1 on any TFAIL, 2 on any TBROK (3 with both), 32 when the test was
 * skipped (TCONF) without any failure.
 *
 * The harness itself uses only fork, wait4, kill, alarm, mmap, mkdir and
 * friends (plus prctl(PR_SET_PDEATHSIG), whose failure is ignored): no
 * threads, no /proc, nothing exotic, so that it works on a young kernel.
 * Output goes through write(2), one call per line, never stdio, so lines
 * from forked children neither interleave nor get duplicated.
 *
 * Written for this project from documented Linux behaviour; it shares no code
 * with the Linux Test Project.
 */
#ifndef LTP_SUBSET_HARNESS_H
#define LTP_SUBSET_HARNESS_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "lapi.h"

/* Result kinds; the numbers of TFAIL, TBROK and TCONF are the exit codes. */
#define TPASS 0
#define TFAIL 1
#define TBROK 2
#define TCONF 32
#define TINFO 64
#define TERRNO 0x1000	/* or-ed in: append the current errno to the message */

struct t_test {
	void (*setup)(void);		/* runs first in the test process */
	void (*cleanup)(void);		/* runs last, also after t_brk() */
	void (*run)(void);		/* the test, or */
	void (*run_case)(unsigned int n);	/* called for n = 0 .. ncases-1 */
	unsigned int ncases;
	unsigned int timeout;		/* seconds; 0 means 30 */
	int needs_root;			/* TCONF unless euid is 0 */
	/*
	 * `prog --child... ARGS...` (argv[1] starting with "--child") calls
	 * child_main(argc - 1, argv + 1) instead of running the test: lets a
	 * test execve() itself.
	 */
	int (*child_main)(int argc, char **argv);
};

extern const struct t_test t_test;

void t_report(const char *file, int line, int kind, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
_Noreturn void t_abort(const char *file, int line, int kind, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define t_res(kind, ...) t_report(__FILE__, __LINE__, (kind), __VA_ARGS__)
/* Report and end the test (or, in a forked child, just that child). */
#define t_brk(kind, ...) t_abort(__FILE__, __LINE__, (kind), __VA_ARGS__)

const char *t_errname(int err);		/* "ENOENT" */
const char *t_signame(int sig);		/* "SIGSEGV" */

/* Checks. Each reports TPASS or TFAIL with the expression's text. */
int t_check_fail(const char *file, int line, const char *expr, long ret,
		 int err, int want);
int t_check_ok(const char *file, int line, const char *expr, long ret, int err);
int t_check_eq(const char *file, int line, const char *expr, long long got,
	       long long want);
int t_check(const char *file, int line, int ok, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* EXPR must return -1 with errno WANT. Returns 1 when it did. */
#define EXPECT_FAIL(expr, want) ({ errno = 0; long r_ = (long)(expr); int e_ = errno; \
	t_check_fail(__FILE__, __LINE__, #expr, r_, e_, (want)); })
/* EXPR must not return -1. Returns EXPR's value. */
#define EXPECT_OK(expr) ({ errno = 0; long r_ = (long)(expr); int e_ = errno; \
	t_check_ok(__FILE__, __LINE__, #expr, r_, e_); r_; })
/* Integer equality; returns 1 when equal. */
#define EXPECT_EQ(got, want) \
	t_check_eq(__FILE__, __LINE__, #got, (long long)(got), (long long)(want))
#define EXPECT(cond) t_check(__FILE__, __LINE__, !!(cond), "%s", #cond)
#define EXPECT_MSG(cond, ...) t_check(__FILE__, __LINE__, !!(cond), __VA_ARGS__)
/* For calls returning an error number instead of setting errno. */
#define EXPECT_ERR(expr, want) ({ int r_ = (expr); \
	t_check_fail(__FILE__, __LINE__, #expr, r_ ? -1 : 0, r_, (want)); })

/* Setup steps: TBROK (ending the test) when EXPR returns -1. */
#define SAFE(expr) ({ long r_ = (long)(expr); \
	r_ == -1 ? t_abort(__FILE__, __LINE__, TBROK | TERRNO, "%s", #expr), r_ : r_; })
#define SAFE_MMAP(a, l, p, f, fd, o) ({ void *m_ = mmap((a), (l), (p), (f), (fd), (o)); \
	m_ == MAP_FAILED ? t_abort(__FILE__, __LINE__, TBROK | TERRNO, "mmap"), m_ : m_; })

/* Helpers. The ones that can fail end the test with TBROK. */
long t_page(void);			/* page size */
const char *t_tmpdir(void);		/* absolute path of the private directory */
const char *t_self(void);		/* absolute path of this program, or NULL */
void *t_bad_addr(void);			/* an address that faults (PROT_NONE page) */
const char *t_long_name(void);		/* a path component longer than NAME_MAX */
void t_write_file(const char *path, const char *text, mode_t mode);
ssize_t t_read_file(const char *path, char *buf, size_t size); /* NUL-ended */
int t_is_root(void);
void t_become(uid_t uid, gid_t gid);	/* setgroups(0), setgid, setuid */
void t_become_nobody(void);		/* uid and gid 65534 */
#define T_NOBODY 65534
/* fork; in the child run fn() as nobody and _exit(0); wait; TFAIL on a bad end. */
void t_run_as_nobody(void (*fn)(void));
pid_t t_fork(void);			/* fork or TBROK */
int t_wait(pid_t pid);			/* waitpid, returns the status */
void t_reap(pid_t pid);			/* wait, TFAIL unless exit status 0 */
void t_msleep(unsigned int ms);
long long t_now_us(void);		/* CLOCK_MONOTONIC in microseconds */
/*
 * Fork a child that sends SIG to the caller every MS milliseconds until
 * t_signal_stop(): interrupts a blocking call even if the first signal
 * arrives before the call starts (no racy "sleep, then signal once").
 */
pid_t t_signal_repeatedly(int sig, unsigned int ms);
void t_signal_stop(pid_t pid);
/* Spin until this process used MS of CPU time (at most 20 s of real time). */
void t_burn_cpu(unsigned int ms);

/* One-way wake-ups between processes, over a pipe. */
struct t_chan { int rfd, wfd; };
void t_chan_open(struct t_chan *c);
void t_chan_post(struct t_chan *c);	/* write one byte */
void t_chan_wait(struct t_chan *c);	/* read one byte, TBROK at EOF */
void t_chan_close(struct t_chan *c);

#endif
