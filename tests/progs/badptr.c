/*
 * badptr: 50-odd system calls, each given a garbage pointer of five kinds:
 * NULL, 1, a kernel address (0xffff800000000000, the direct map), a
 * non-canonical address (0xdead000000000000) and a user address that is
 * not mapped (mapped, then unmapped). Prints the errno each returns. The
 * expected output is what Linux returns (EFAULT mostly); a kernel must
 * neither crash nor let the call succeed. Raw syscall() throughout, so
 * the C library's wrappers (which differ) are out of the picture. Calls
 * that could replace or end the process (execve, wait4) run in a child.
 */
#include "progs.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>

#define FUTEX_WAIT 0

static const char *dir, *self;
static char path_file[64], path_link[64], path_new[64];
static int fd_file, fd_dir, pipe_r, pipe_w;

/* Each case gets the bad pointer and returns the raw result (-1/errno). */
typedef long (*case_fn)(void *p);

static long c_read(void *p) { lseek(fd_file, 0, SEEK_SET); return syscall(SYS_read, fd_file, p, 16); }
static long c_write(void *p) { return syscall(SYS_write, pipe_w, p, 16); }
static long c_pread64(void *p) { return syscall(SYS_pread64, fd_file, p, 16, 0); }
static long c_pwrite64(void *p) { return syscall(SYS_pwrite64, fd_file, p, 16, 0); }
static long c_readv_iov(void *p) { return syscall(SYS_readv, fd_file, p, 1); }
static long c_readv_base(void *p)
{
	struct iovec iov = { p, 16 };
	lseek(fd_file, 0, SEEK_SET);
	return syscall(SYS_readv, fd_file, &iov, 1);
}
static long c_writev_iov(void *p) { return syscall(SYS_writev, pipe_w, p, 1); }
static long c_open(void *p) { return syscall(SYS_open, p, O_RDONLY); }
static long c_openat(void *p) { return syscall(SYS_openat, AT_FDCWD, p, O_RDONLY); }
static long c_creat(void *p) { return syscall(SYS_creat, p, 0644); }
static long c_stat_path(void *p) { struct stat st; return syscall(SYS_stat, p, &st); }
static long c_stat_buf(void *p) { return syscall(SYS_stat, path_file, p); }
static long c_fstat_buf(void *p) { return syscall(SYS_fstat, fd_file, p); }
static long c_lstat_path(void *p) { struct stat st; return syscall(SYS_lstat, p, &st); }
static long c_newfstatat(void *p) { struct stat st; return syscall(SYS_newfstatat, AT_FDCWD, p, &st, 0); }
static long c_access(void *p) { return syscall(SYS_access, p, F_OK); }
static long c_faccessat(void *p) { return syscall(SYS_faccessat, AT_FDCWD, p, F_OK); }
static long c_pipe(void *p) { return syscall(SYS_pipe, p); }
static long c_pipe2(void *p) { return syscall(SYS_pipe2, p, O_CLOEXEC); }
static long c_readlink_path(void *p) { char b[64]; return syscall(SYS_readlink, p, b, sizeof(b)); }
static long c_readlink_buf(void *p) { return syscall(SYS_readlink, path_link, p, 64); }
static long c_getcwd(void *p) { return syscall(SYS_getcwd, p, 256); }
static long c_chdir(void *p) { return syscall(SYS_chdir, p); }
static long c_mkdir(void *p) { return syscall(SYS_mkdir, p, 0755); }
static long c_rmdir(void *p) { return syscall(SYS_rmdir, p); }
static long c_unlink(void *p) { return syscall(SYS_unlink, p); }
static long c_rename_old(void *p) { return syscall(SYS_rename, p, path_new); }
static long c_rename_new(void *p) { return syscall(SYS_rename, path_file, p); }
static long c_link(void *p) { return syscall(SYS_link, path_file, p); }
static long c_symlink(void *p) { return syscall(SYS_symlink, p, path_new); }
static long c_chmod(void *p) { return syscall(SYS_chmod, p, 0644); }
static long c_chown(void *p) { return syscall(SYS_chown, p, 0, 0); }
static long c_truncate(void *p) { return syscall(SYS_truncate, p, 0); }
static long c_utimensat(void *p) { return syscall(SYS_utimensat, AT_FDCWD, path_file, p, 0); }
static long c_uname(void *p) { return syscall(SYS_uname, p); }
static long c_gettimeofday(void *p) { return syscall(SYS_gettimeofday, p, NULL); }
static long c_clock_gettime(void *p) { return syscall(SYS_clock_gettime, CLOCK_MONOTONIC, p); }
static long c_clock_getres(void *p) { return syscall(SYS_clock_getres, CLOCK_MONOTONIC, p); }
static long c_nanosleep(void *p) { return syscall(SYS_nanosleep, p, NULL); }
static long c_getrlimit(void *p) { return syscall(SYS_getrlimit, RLIMIT_NOFILE, p); }
static long c_prlimit64(void *p) { return syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, p); }
static long c_getrusage(void *p) { return syscall(SYS_getrusage, RUSAGE_SELF, p); }
static long c_sysinfo(void *p) { return syscall(SYS_sysinfo, p); }
static long c_times(void *p) { return syscall(SYS_times, p) == -1 ? -1 : 0; }
static long c_sigaction_act(void *p) { return syscall(SYS_rt_sigaction, SIGUSR1, p, NULL, 8); }
static long c_sigaction_old(void *p) { return syscall(SYS_rt_sigaction, SIGUSR1, NULL, p, 8); }
static long c_sigprocmask_set(void *p) { return syscall(SYS_rt_sigprocmask, SIG_BLOCK, p, NULL, 8); }
static long c_sigprocmask_old(void *p) { return syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, p, 8); }
static long c_sigpending(void *p) { return syscall(SYS_rt_sigpending, p, 8); }
static long c_sigaltstack(void *p) { return syscall(SYS_sigaltstack, p, NULL); }
static long c_getdents64(void *p) { lseek(fd_dir, 0, SEEK_SET); return syscall(SYS_getdents64, fd_dir, p, 4096); }
static long c_poll(void *p) { return syscall(SYS_poll, p, 1, 0); }
static long c_select(void *p)
{
	struct timeval tv = { 0, 0 };
	return syscall(SYS_select, 1, p, NULL, NULL, &tv);
}
static long c_time(void *p) { return syscall(SYS_time, p) == -1 ? -1 : 0; }
static long c_getrandom(void *p) { return syscall(SYS_getrandom, p, 16, 0); }
static long c_arch_prctl(void *p) { return syscall(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, p); }
static long c_sched_getaffinity(void *p) { return syscall(SYS_sched_getaffinity, 0, 128, p); }
static long c_getitimer(void *p) { return syscall(SYS_getitimer, ITIMER_REAL, p); }
static long c_setitimer(void *p) { return syscall(SYS_setitimer, ITIMER_REAL, p, NULL); }
static long c_futex(void *p) { struct timespec t = { 0, 1 }; return syscall(SYS_futex, p, FUTEX_WAIT, 1, &t, NULL, 0); }
static long c_statfs(void *p) { return syscall(SYS_statfs, "/", p); }
static long c_chroot(void *p) { return syscall(SYS_chroot, p); }
static long c_mount(void *p) { return syscall(SYS_mount, "none", p, "tmpfs", 0, NULL); }

/* In a child: the result comes back as the exit status (0 or errno). */
static long in_child(long (*fn)(void *), void *p)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		long r = fn(p);
		_exit(r < 0 ? errno : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -2;
	if (!WIFEXITED(status))
		return -3;
	errno = WEXITSTATUS(status);
	return errno ? -1 : 0;
}
static long do_execve_path(void *p) { char *a[] = { "x", NULL }; return syscall(SYS_execve, p, a, NULL); }
/* An existing program, so the argv check is what fails. Linux runs it
 * with an empty argv when argv is NULL: main() then exits 0 at once. */
static long do_execve_argv(void *p) { return syscall(SYS_execve, self, p, NULL); }
static long do_wait4(void *p)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	return syscall(SYS_wait4, pid, p, 0, NULL);
}
static long c_execve_path(void *p) { return in_child(do_execve_path, p); }
static long c_execve_argv(void *p) { return in_child(do_execve_argv, p); }
static long c_wait4(void *p) { return in_child(do_wait4, p); }

static const struct { const char *name; case_fn fn; } cases[] = {
#define C(n) { #n, c_##n }
	C(read), C(write), C(pread64), C(pwrite64), C(readv_iov), C(readv_base),
	C(writev_iov), C(open), C(openat), C(creat), C(stat_path), C(stat_buf),
	C(fstat_buf), C(lstat_path), C(newfstatat), C(access), C(faccessat),
	C(pipe), C(pipe2), C(readlink_path), C(readlink_buf), C(getcwd),
	C(chdir), C(mkdir), C(rmdir), C(unlink), C(rename_old), C(rename_new),
	C(link), C(symlink), C(chmod), C(chown), C(truncate), C(utimensat),
	C(uname), C(gettimeofday), C(clock_gettime), C(clock_getres),
	C(nanosleep), C(getrlimit), C(prlimit64), C(getrusage), C(sysinfo),
	C(times), C(sigaction_act), C(sigaction_old), C(sigprocmask_set),
	C(sigprocmask_old), C(sigpending), C(sigaltstack), C(getdents64),
	C(poll), C(select), C(time), C(getrandom), C(arch_prctl),
	C(sched_getaffinity), C(getitimer), C(setitimer), C(futex), C(statfs),
	C(chroot), C(mount), C(execve_path), C(execve_argv), C(wait4),
#undef C
};

/*
 * SYSCALL from 32-bit compatibility mode (far jump to the 32-bit user code
 * segment 0x23). Linux on Intel raises #UD (SIGILL); on AMD it runs the
 * i386 call; a kernel without a 32-bit entry must answer -ENOSYS and go
 * back. Anything but those is a kernel bug (it once jumped to address 0 in
 * ring 0). Runs in a child: only "the child came back or died of SIGILL"
 * is printed, the same on every machine.
 */
static char compat_stack[4096] __attribute__((aligned(16)));   /* below 4 GiB: static */
static unsigned long saved_rsp;

static void compat_syscall_child(void)
{
	unsigned int eax = 20;   /* i386 getpid */

	/* 32-bit code addresses its stack through esp: switch to one below
	 * 4 GiB, keeping the 64-bit rsp in memory (upper register halves
	 * are not promised across the mode switch). */
	__asm__ __volatile__(
		"movq %%rsp, %1\n\t"
		"movq %2, %%rsp\n\t"
		"pushq $0x23\n\t"
		"leaq 1f(%%rip), %%rcx\n\t"
		"pushq %%rcx\n\t"
		"lretq\n\t"
		".code32\n"
		"1:\n\t"
		"syscall\n\t"
		"pushl $0x33\n\t"
		"call 2f\n"
		"2:\n\t"
		"addl $(3f - 2b), (%%esp)\n\t"
		"lret\n\t"
		".code64\n"
		"3:\n\t"
		"movq %1, %%rsp\n\t"
		: "+a"(eax), "+m"(saved_rsp) : "r"(compat_stack + sizeof(compat_stack))
		: "rcx", "r11", "memory");
	_exit(0);
}

static void check_compat_syscall(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0)
		compat_syscall_child();
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid &&
	      ((WIFEXITED(status) && WEXITSTATUS(status) == 0) ||
	       (WIFSIGNALED(status) && WTERMSIG(status) == SIGILL)),
	      "a compat-mode syscall returns or raises SIGILL, and the kernel lives");
}

int main(int argc, char **argv)
{
	char tmpl[] = "/tmp/progs-badptr.XXXXXX";
	int fds[2];

	/* exec'd by execve_argv with a NULL argv: Linux since 5.18 passes
	 * argc 1 with argv[0] "", older kernels argc 0. */
	if (argc == 0 || argv[0][0] == '\0')
		return 0;
	self = argv[0];

	dir = mkdtemp(tmpl);
	CHECK(dir != NULL, "mkdtemp");
	snprintf(path_file, sizeof(path_file), "%s/file", dir);
	snprintf(path_link, sizeof(path_link), "%s/link", dir);
	snprintf(path_new, sizeof(path_new), "%s/new", dir);
	fd_file = open(path_file, O_RDWR | O_CREAT, 0644);
	CHECK(fd_file >= 0 && write(fd_file, "0123456789abcdefghij", 20) == 20, "test file");
	CHECK(symlink("file", path_link) == 0, "test symlink");
	fd_dir = open(dir, O_RDONLY | O_DIRECTORY);
	CHECK(fd_dir >= 0, "open the directory");
	CHECK(pipe(fds) == 0, "pipe");
	pipe_r = fds[0];
	pipe_w = fds[1];
	signal(SIGPIPE, SIG_IGN);

	void *unmapped = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(unmapped != MAP_FAILED && munmap(unmapped, 4096) == 0, "an unmapped user page");

	static const char *kinds[] = { "NULL", "1", "kernel", "noncanonical", "unmapped" };
	void *ptrs[] = { NULL, (void *)1, (void *)0xffff800000000000UL,
			 (void *)0xdead000000000000UL, unmapped };

	int n = 0;
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char line[512];
		int len = snprintf(line, sizeof(line), "%-18s", cases[i].name);
		for (unsigned k = 0; k < 5; k++) {
			errno = 0;
			long r = cases[i].fn(ptrs[k]);
			len += snprintf(line + len, sizeof(line) - len, " %s=%s", kinds[k],
					r >= 0 ? "ok" : r == -1 ? errname(errno) : "CHILD-DIED");
			/* Put things back that a call may have changed. */
			syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 8);
		}
		say("%s", line);
		n++;
	}
	say("%d calls x 5 pointers", n);

	/* A buffer that runs from a mapped page into an unmapped one: a file
	 * read stops short, a pipe read fails (Linux). */
	char *two = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(two != MAP_FAILED && munmap(two + 4096, 4096) == 0, "page followed by a hole");
	errno = 0;
	long r = pread(fd_file, two + 4096 - 8, 16, 0);
	say("file read across into the hole: %ld %s", r, r < 0 ? errname(errno) : "");
	write(pipe_w, "0123456789abcdef", 16);
	errno = 0;
	r = read(pipe_r, two + 4096 - 8, 16);
	say("pipe read across into the hole: %ld %s", r, r < 0 ? errname(errno) : "");
	errno = 0;
	r = write(pipe_w, two + 4096 - 8, 16);
	say("pipe write from across the hole: %ld %s", r, r < 0 ? errname(errno) : "");

	check_compat_syscall();

	/* Clean up what the calls may have made. */
	unlink(path_new);
	unlink(path_link);
	unlink(path_file);
	rmdir(dir);
	return finish("badptr");
}
