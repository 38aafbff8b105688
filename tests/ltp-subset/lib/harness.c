/*
 * The harness's main() and helpers; see harness.h for the model.
 *
 * Process layout while a test runs:
 *   harness (this main) -- waits with alarm(), removes the temp dir, sums up
 *     `- test process (own process group, cwd = temp dir) -- setup/run/cleanup
 *          `- whatever the test forks; killed with the group on timeout
 */
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "harness.h"

#define DEFAULT_TIMEOUT 30

struct t_results {
	int pass, fail, brok, conf;
};

static struct t_results *results;	/* MAP_SHARED, inherited by every child */
static struct t_results private_results;	/* fallback, see main() */
static int results_shared;
static pid_t test_pid;			/* the test process, 0 in the harness */
static int in_cleanup;
static char tmpdir_path[PATH_MAX];
static char self_path[PATH_MAX];
static volatile sig_atomic_t timed_out, terminated;

static const char *const err_names[] = {
#define E(x) [x] = #x
	E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(ENXIO), E(E2BIG),
	E(ENOEXEC), E(EBADF), E(ECHILD), E(EAGAIN), E(ENOMEM), E(EACCES),
	E(EFAULT), E(ENOTBLK), E(EBUSY), E(EEXIST), E(EXDEV), E(ENODEV),
	E(ENOTDIR), E(EISDIR), E(EINVAL), E(ENFILE), E(EMFILE), E(ENOTTY),
	E(ETXTBSY), E(EFBIG), E(ENOSPC), E(ESPIPE), E(EROFS), E(EMLINK),
	E(EPIPE), E(EDOM), E(ERANGE), E(EDEADLK), E(ENAMETOOLONG), E(ENOLCK),
	E(ENOSYS), E(ENOTEMPTY), E(ELOOP), E(ENOMSG), E(EIDRM), E(ENODATA),
	E(ETIME), E(EPROTO), E(EBADMSG), E(EOVERFLOW), E(EBADFD), E(EILSEQ),
	E(ENOTSOCK), E(EDESTADDRREQ), E(EMSGSIZE), E(EPROTOTYPE),
	E(ENOPROTOOPT), E(EPROTONOSUPPORT), E(ESOCKTNOSUPPORT), E(EOPNOTSUPP),
	E(EPFNOSUPPORT), E(EAFNOSUPPORT), E(EADDRINUSE), E(EADDRNOTAVAIL),
	E(ENETDOWN), E(ENETUNREACH), E(ENETRESET), E(ECONNABORTED),
	E(ECONNRESET), E(ENOBUFS), E(EISCONN), E(ENOTCONN), E(ESHUTDOWN),
	E(ETOOMANYREFS), E(ETIMEDOUT), E(ECONNREFUSED), E(EHOSTDOWN),
	E(EHOSTUNREACH), E(EALREADY), E(EINPROGRESS), E(ESTALE), E(EDQUOT),
	E(ECANCELED), E(EOWNERDEAD), E(ENOTRECOVERABLE),
#undef E
};

static const char *const sig_names[] = {
#define S(x) [x] = #x
	S(SIGHUP), S(SIGINT), S(SIGQUIT), S(SIGILL), S(SIGTRAP), S(SIGABRT),
	S(SIGBUS), S(SIGFPE), S(SIGKILL), S(SIGUSR1), S(SIGSEGV), S(SIGUSR2),
	S(SIGPIPE), S(SIGALRM), S(SIGTERM), S(SIGSTKFLT), S(SIGCHLD),
	S(SIGCONT), S(SIGSTOP), S(SIGTSTP), S(SIGTTIN), S(SIGTTOU), S(SIGURG),
	S(SIGXCPU), S(SIGXFSZ), S(SIGVTALRM), S(SIGPROF), S(SIGWINCH),
	S(SIGIO), S(SIGPWR), S(SIGSYS),
#undef S
};

const char *t_errname(int err)
{
	static char buf[16];

	if (err == 0)
		return "0";
	if (err > 0 && (size_t)err < sizeof(err_names) / sizeof(err_names[0]) &&
	    err_names[err])
		return err_names[err];
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}

const char *t_signame(int sig)
{
	static char buf[16];

	if (sig > 0 && (size_t)sig < sizeof(sig_names) / sizeof(sig_names[0]) &&
	    sig_names[sig])
		return sig_names[sig];
	snprintf(buf, sizeof(buf), "signal %d", sig);
	return buf;
}

static void write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= n;
	}
}

static const char *kind_name(int kind)
{
	switch (kind) {
	case TPASS: return "TPASS";
	case TFAIL: return "TFAIL";
	case TBROK: return "TBROK";
	case TCONF: return "TCONF";
	case TINFO: return "TINFO";
	}
	return "T???";
}

static void count(int kind)
{
	int *slot;

	if (!results)
		return;
	switch (kind) {
	case TPASS: slot = &results->pass; break;
	case TFAIL: slot = &results->fail; break;
	case TBROK: slot = &results->brok; break;
	case TCONF: slot = &results->conf; break;
	default: return;
	}
	__atomic_add_fetch(slot, 1, __ATOMIC_SEQ_CST);
}

/* The exit status for the counts so far: 0, TFAIL | TBROK, or TCONF. */
static int verdict(void)
{
	int ret = 0;

	if (results->fail)
		ret |= TFAIL;
	if (results->brok)
		ret |= TBROK;
	if (!ret && results->conf)
		ret = TCONF;
	return ret;
}

static void vreport(const char *file, int line, int kind, const char *fmt, va_list ap)
{
	char buf[1536];
	int err = errno;
	const char *base = strrchr(file, '/');
	size_t n;

	base = base ? base + 1 : file;
	n = snprintf(buf, sizeof(buf), "%s:%d: %s: ", base, line,
		     kind_name(kind & ~TERRNO));
	if (n < sizeof(buf))
		n += vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	if ((kind & TERRNO) && n < sizeof(buf))
		n += snprintf(buf + n, sizeof(buf) - n, ": %s (%s)",
			      t_errname(err), strerror(err));
	if (n > sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	write_all(1, buf, n);
	count(kind & ~TERRNO);
	errno = err;
}

void t_report(const char *file, int line, int kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(file, line, kind, fmt, ap);
	va_end(ap);
}

_Noreturn void t_abort(const char *file, int line, int kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(file, line, kind, fmt, ap);
	va_end(ap);
	if (test_pid && getpid() == test_pid) {
		if (!in_cleanup) {
			in_cleanup = 1;
			if (t_test.cleanup)
				t_test.cleanup();
		}
		if (!results_shared)
			_exit(verdict());
	}
	_exit(kind & ~TERRNO);
}

int t_check_fail(const char *file, int line, const char *expr, long ret,
		 int err, int want)
{
	if (ret == -1 && err == want) {
		t_report(file, line, TPASS, "%s failed with %s", expr, t_errname(err));
		return 1;
	}
	if (ret == -1)
		t_report(file, line, TFAIL, "%s failed with %s, expected %s",
			 expr, t_errname(err), t_errname(want));
	else
		t_report(file, line, TFAIL, "%s returned %ld, expected failure with %s",
			 expr, ret, t_errname(want));
	return 0;
}

int t_check_ok(const char *file, int line, const char *expr, long ret, int err)
{
	if (ret != -1) {
		t_report(file, line, TPASS, "%s returned %ld", expr, ret);
		return 1;
	}
	t_report(file, line, TFAIL, "%s failed with %s (%s)", expr,
		 t_errname(err), strerror(err));
	return 0;
}

int t_check_eq(const char *file, int line, const char *expr, long long got,
	       long long want)
{
	if (got == want) {
		t_report(file, line, TPASS, "%s == %lld", expr, got);
		return 1;
	}
	t_report(file, line, TFAIL, "%s is %lld, expected %lld", expr, got, want);
	return 0;
}

int t_check(const char *file, int line, int ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(file, line, ok ? TPASS : TFAIL, fmt, ap);
	va_end(ap);
	return ok;
}

long t_page(void)
{
	static long page;

	if (!page)
		page = sysconf(_SC_PAGESIZE);
	if (page <= 0)
		page = 4096;
	return page;
}

const char *t_tmpdir(void)
{
	return tmpdir_path;
}

const char *t_self(void)
{
	return self_path[0] ? self_path : NULL;
}

void *t_bad_addr(void)
{
	static void *bad;

	if (!bad)
		bad = SAFE_MMAP(NULL, t_page(), PROT_NONE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return bad;
}

const char *t_long_name(void)
{
	static char name[NAME_MAX + 32];

	if (!name[0])
		memset(name, 'x', sizeof(name) - 1);
	return name;
}

void t_write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		t_brk(TBROK | TERRNO, "open(%s)", path);
	write_all(fd, text, strlen(text));
	close(fd);
}

ssize_t t_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, got = 0;

	if (fd < 0)
		t_brk(TBROK | TERRNO, "open(%s)", path);
	while ((size_t)got < size - 1) {
		n = read(fd, buf + got, size - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += n;
	}
	buf[got] = 0;
	close(fd);
	return got;
}

int t_is_root(void)
{
	return geteuid() == 0;
}

void t_become(uid_t uid, gid_t gid)
{
	SAFE(setgroups(0, NULL));
	SAFE(setresgid(gid, gid, gid));
	SAFE(setresuid(uid, uid, uid));
}

void t_become_nobody(void)
{
	t_become(T_NOBODY, T_NOBODY);
}

pid_t t_fork(void)
{
	return SAFE(fork());
}

int t_wait(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			t_brk(TBROK | TERRNO, "waitpid(%d)", pid);
	}
	return status;
}

void t_reap(pid_t pid)
{
	int status = t_wait(pid);

	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return;
	/* A child that ended in t_brk() has been counted already. */
	if (WIFEXITED(status) && results_shared &&
	    ((WEXITSTATUS(status) == TCONF && results->conf) ||
	     (WEXITSTATUS(status) == TBROK && results->brok))) {
		t_res(TINFO, "child %d ended with %s", pid,
		      WEXITSTATUS(status) == TCONF ? "TCONF" : "TBROK");
		return;
	}
	if (WIFEXITED(status))
		t_res(TFAIL, "child %d exited with %d", pid, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		t_res(TFAIL, "child %d killed by %s", pid, t_signame(WTERMSIG(status)));
	else
		t_res(TFAIL, "child %d: unexpected status 0x%x", pid, status);
}

void t_run_as_nobody(void (*fn)(void))
{
	pid_t pid = t_fork();

	if (!pid) {
		t_become_nobody();
		fn();
		_exit(0);
	}
	t_reap(pid);
}

void t_msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

long long t_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

pid_t t_signal_repeatedly(int sig, unsigned int ms)
{
	pid_t target = getpid(), pid = t_fork();

	if (!pid) {
		for (;;) {
			t_msleep(ms);
			if (kill(target, sig) < 0)
				_exit(0);
		}
	}
	return pid;
}

void t_signal_stop(pid_t pid)
{
	kill(pid, SIGKILL);
	t_wait(pid);
}

void t_burn_cpu(unsigned int ms)
{
	struct timespec ts;
	long long start, now, wall = t_now_us();

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	start = ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
	do {
		for (volatile int i = 0; i < 10000; i++)
			;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
		now = ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
	} while (now - start < ms * 1000LL && t_now_us() - wall < 20000000);
}

void t_chan_open(struct t_chan *c)
{
	int fds[2];

	SAFE(pipe(fds));
	c->rfd = fds[0];
	c->wfd = fds[1];
}

void t_chan_post(struct t_chan *c)
{
	char b = 'x';

	while (write(c->wfd, &b, 1) != 1) {
		if (errno != EINTR)
			t_brk(TBROK | TERRNO, "t_chan_post");
	}
}

void t_chan_wait(struct t_chan *c)
{
	char b;
	ssize_t n;

	while ((n = read(c->rfd, &b, 1)) != 1) {
		if (n == 0)
			t_brk(TBROK, "t_chan_wait: peer went away");
		if (errno != EINTR)
			t_brk(TBROK | TERRNO, "t_chan_wait");
	}
}

void t_chan_close(struct t_chan *c)
{
	close(c->rfd);
	close(c->wfd);
}

/*
 * Remove the temp dir, relative to directory descriptors so that trees
 * deeper than PATH_MAX go too. Anything a test left mounted below it is
 * detached first, never descended into: a bind mount could lead outside.
 */
static void remove_at(int dfd, const char *name)
{
	struct dirent *de;
	struct stat st;
	DIR *dir;
	int fd;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlinkat(dfd, name, 0);
		return;
	}
	if (dfd == AT_FDCWD || fchdir(dfd) == 0)
		while (umount2(name, MNT_DETACH | UMOUNT_NOFOLLOW) == 0)
			;
	fchmodat(dfd, name, 0700, 0);
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	if (fd >= 0) {
		dir = fdopendir(fd);
		if (dir) {
			while ((de = readdir(dir)))
				if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
					remove_at(dirfd(dir), de->d_name);
			closedir(dir);
		} else {
			close(fd);
		}
	}
	if (unlinkat(dfd, name, AT_REMOVEDIR) < 0)
		t_res(TINFO | TERRNO, "cannot remove %s", name);
}

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

static void on_term(int sig)
{
	terminated = sig;
}

static void find_self(const char *argv0)
{
	const char *path = getenv("PATH");
	char cand[PATH_MAX];

	if (strchr(argv0, '/')) {
		if (!realpath(argv0, self_path))
			self_path[0] = 0;
		return;
	}
	while (path && *path) {
		const char *end = strchr(path, ':');
		size_t len = end ? (size_t)(end - path) : strlen(path);

		if (snprintf(cand, sizeof(cand), "%.*s/%s", (int)len, path, argv0) <
		    (int)sizeof(cand) && access(cand, X_OK) == 0 &&
		    realpath(cand, self_path))
			return;
		path = end ? end + 1 : NULL;
	}
	self_path[0] = 0;
}

static void run_test(void)
{
	struct sigaction sa;
	sigset_t all;
	int sig;

	/* Start from default dispositions and an empty mask, whatever ran us. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < 65; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &sa, NULL);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	/* And from descriptors 0-2 only: tests count on the lowest free one. */
	for (int fd = 3; fd < 1024; fd++)
		close(fd);

	if (chdir(tmpdir_path) < 0)
		t_brk(TBROK | TERRNO, "chdir(%s)", tmpdir_path);
	if (t_test.setup)
		t_test.setup();
	if (t_test.run_case) {
		for (unsigned int i = 0; i < t_test.ncases; i++)
			t_test.run_case(i);
	} else if (t_test.run) {
		t_test.run();
	} else {
		t_brk(TBROK, "test has no run function");
	}
	in_cleanup = 1;
	if (t_test.cleanup)
		t_test.cleanup();
}

int main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/');
	const char *base = getenv("TMPDIR");
	unsigned int timeout = t_test.timeout ? t_test.timeout : DEFAULT_TIMEOUT;
	struct sigaction sa;
	int status, killed = 0;
	pid_t pid, harness_pid;

	name = name ? name + 1 : argv[0];
	if (getenv("LTP_TEST_TIMEOUT") && atoi(getenv("LTP_TEST_TIMEOUT")) > 0)
		timeout = atoi(getenv("LTP_TEST_TIMEOUT"));
	find_self(argv[0]);
	if (argc >= 2 && !strncmp(argv[1], "--child", 7)) {
		if (!t_test.child_main)
			return TBROK;
		return t_test.child_main(argc - 1, argv + 1);
	}

	results = mmap(NULL, t_page(), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (results == MAP_FAILED) {
		/*
		 * XXX A kernel without shared anonymous memory: count in
		 * private memory and pass the test process's verdict back as
		 * its exit status. Reports from the test's own children are
		 * then printed but not counted.
		 */
		results = &private_results;
		t_res(TINFO | TERRNO, "no MAP_SHARED result page, counting privately");
	} else {
		results_shared = 1;
	}
	if (t_test.needs_root && geteuid() != 0) {
		t_res(TCONF, "needs root");
		return TCONF;
	}

	if (!base || !*base)
		base = "/tmp";
	if ((size_t)snprintf(tmpdir_path, sizeof(tmpdir_path), "%s/%s.XXXXXX",
			     base, name) >= sizeof(tmpdir_path))
		t_brk(TBROK, "TMPDIR too long");
	if (!mkdtemp(tmpdir_path))
		t_brk(TBROK | TERRNO, "mkdtemp(%s)", tmpdir_path);
	/* Tests drop to nobody and still create files here. */
	chmod(tmpdir_path, 0777);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: waitpid must return */
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	harness_pid = getpid();
	pid = fork();
	if (pid < 0) {
		t_res(TBROK | TERRNO, "fork");
		remove_at(AT_FDCWD, tmpdir_path);
		return TBROK;
	}
	if (pid == 0) {
		test_pid = getpid();
		setpgid(0, 0);
		/* If an outer timeout kills the harness, take the test with it. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != harness_pid)
			_exit(TBROK);
		run_test();
		_exit(results_shared ? 0 : verdict());
	}
	setpgid(pid, pid);	/* also here: no race with the child's own call */
	alarm(timeout);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			t_res(TBROK | TERRNO, "waitpid");
			status = 0;
			break;
		}
		if (timed_out || terminated) {
			if (timed_out)
				t_res(TBROK, "test timed out after %u s", timeout);
			else
				t_res(TBROK, "harness got %s", t_signame(terminated));
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			killed = 1;
			timed_out = terminated = 0;
		}
	}
	alarm(0);
	kill(-pid, SIGKILL);	/* stragglers left in the test's process group */

	if (!results_shared && WIFEXITED(status)) {
		/* The test process's verdict (see the mmap above). */
		results->fail = !!(WEXITSTATUS(status) & TFAIL);
		results->brok = !!(WEXITSTATUS(status) & TBROK);
		results->conf = WEXITSTATUS(status) == TCONF;
		results->pass = !WEXITSTATUS(status);
		status = 0;
	}
	if (WIFSIGNALED(status) && !killed)
		t_res(TBROK, "test process killed by %s", t_signame(WTERMSIG(status)));
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0 &&
		 !results->fail && !results->brok && !results->conf)
		t_res(TBROK, "test process exited with %d", WEXITSTATUS(status));
	if (!results->pass && !results->fail && !results->brok && !results->conf)
		t_res(TBROK, "test reported no results");

	remove_at(AT_FDCWD, tmpdir_path);

	{
		char line[160];
		int n = snprintf(line, sizeof(line),
				 "\nSummary: passed %d, failed %d, broken %d, skipped %d\n",
				 results->pass, results->fail, results->brok,
				 results->conf);
		write_all(1, line, n);
	}
	return verdict();
}
