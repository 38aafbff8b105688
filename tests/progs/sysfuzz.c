/*
 * sysfuzz: random system calls, to show that no sequence of them brings
 * the kernel down (a panic, a hang, a kernel WARNING). Not a conformance
 * test: nothing about the results is checked here; the boot that runs it
 * (initramfs/init's sysfuzz= parameter, scripts/test.sh's sysfuzz stage)
 * fails on any panic, BUG or WARNING line on the console, and on a kernel
 * that does not come back to power off.
 *
 *   sysfuzz -y [-s SEED] [-t SECONDS] [-c CHILDREN] [-n CALLS] [-r]
 *
 * -y is required: between rounds it kills every process but init and
 * itself, so it is for a throwaway guest, never a host.
 *
 * The parent (root) makes a scratch directory with a few files, a FIFO
 * and a subdirectory, then runs rounds: CHILDREN processes, each calling
 * up to CALLS random system calls (default 4 x 3000) as user nobody, in
 * a session of their own with stdin/stdout/stderr on /dev/null, cwd in
 * the scratch directory; a child that ends is replaced, and one that makes
 * no progress for 500 ms (blocked) is killed and replaced. -r keeps root
 * instead (more of the kernel is reachable; the calls that could end the
 * run are still left out). After a round (5 s) everything but init and
 * the parent is killed (kill(-1, SIGKILL)) and the scratch directory,
 * /dev/shm and the SysV IPC objects are emptied. Children dying of signals is normal (they unmap their own
 * code, install handlers at random addresses...).
 *
 * Numbers: mostly one of x86_64's syscalls (0-334, 424-450, our 1001-1006),
 * sometimes anything. Arguments: small integers, descriptors from the
 * pool the child opened (and bad ones), pointers into a scratch buffer of
 * random bytes, to path names, to the last byte before an inaccessible
 * page, NULL, kernel and non-canonical addresses, sizes around page and
 * power-of-two boundaries, flag words with random bits, random 64-bit
 * values. Left out: reboot, kexec_*, *_module, syslog (CONSOLE_OFF would
 * hide what the test looks for), and with -r the calls that kill or
 * change everything (kill and friends with pid <= 0 are turned into
 * getpid). A forked or cloned child that returns into the loop exits at
 * once, so the calls cannot multiply.
 *
 * The seed (printed) makes a child's sequence of calls repeatable, but
 * not the run: the children run at once and interfere.
 */
#include "progs.h"

#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#define SCRATCH "/tmp/sysfuzz"
#define BUF_SIZE (64 * 1024)
#define NFDS 24

static unsigned long long rng;
static unsigned char *buf;          /* BUF_SIZE of random bytes, then a PROT_NONE page */
static int fds[NFDS];
static int nfds;
static pid_t my_pid, my_tid;
/* One counter a child slot, in memory shared with the parent: its
 * watchdog sees which children make progress. */
static volatile unsigned long *shared_calls;

static const char *const paths[] = {
	"f0", "f1", "d0", "d0/f2", "fifo", "link", "nonexistent", ".", "..", "/",
	"/proc/self/status", "/proc/self/maps", "/proc/self/fd", "/proc/self/mem", "/proc/1/stat",
	"/dev/null", "/dev/zero", "/dev/ptmx", "/dev/urandom", "/dev/kmsg", "/etc/passwd",
	"/sys/devices/system/cpu/online", "/tmp", "/proc/sys/kernel/ostype", "/sys/fs/cgroup",
	"/dev/shm", "d0/../f1", "f0/", "",
};
#define NPATHS (sizeof(paths) / sizeof(paths[0]))

/* The system call itself, raw: no errno, so nothing in the loop touches
 * thread-local storage (a random arch_prctl(ARCH_SET_FS) would make that
 * fault). */
static long raw_syscall(long nr, unsigned long a0, unsigned long a1, unsigned long a2,
			unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long r10 __asm__("r10") = a3;
	register unsigned long r8 __asm__("r8") = a4;
	register unsigned long r9 __asm__("r9") = a5;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a0), "S"(a1), "d"(a2), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

static unsigned long long rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static unsigned long pick(unsigned long n)
{
	return n ? rnd() % n : 0;
}

/* Path names live in the scratch buffer, so calls may also scribble on them. */
static char *path_arg(void)
{
	size_t off = BUF_SIZE / 2 + pick(NPATHS) * 64;
	const char *p = paths[(off - BUF_SIZE / 2) / 64];

	strcpy((char *)buf + off, p);
	return (char *)buf + off;
}

static unsigned long fd_arg(void)
{
	switch (pick(8)) {
	case 0: return (unsigned long)-1;
	case 1: return (unsigned long)-100;       /* AT_FDCWD */
	case 2: return pick(1100);
	default: return nfds ? (unsigned long)fds[pick(nfds)] : 0;
	}
}

static unsigned long size_arg(void)
{
	static const unsigned long sizes[] = {
		0, 1, 2, 7, 8, 15, 16, 63, 64, 100, 511, 512, 4095, 4096, 4097, 8192,
		65535, 65536, 1 << 20, 16 << 20, 0x7fffffff, 0x80000000UL, 0xffffffffUL,
		~0UL, ~0UL >> 1, (unsigned long)-4096,
	};
	return sizes[pick(sizeof(sizes) / sizeof(sizes[0]))] + (pick(4) == 0 ? pick(3) : 0);
}

static unsigned long ptr_arg(void)
{
	switch (pick(12)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return 0xffff800000000000UL;        /* the kernel's direct map */
	case 3: return 0xffffffff80000000UL;        /* the kernel image */
	case 4: return 0xdead000000000000UL;        /* non-canonical */
	case 5: return (unsigned long)(buf + BUF_SIZE - 1 - pick(16)); /* before PROT_NONE */
	case 6: return (unsigned long)(buf + BUF_SIZE);                  /* PROT_NONE */
	case 7: return (unsigned long)path_arg();
	case 8: return 0x7ffffffff000UL + pick(4096); /* the top of user space */
	default: return (unsigned long)(buf + (pick(BUF_SIZE / 2) & ~7UL));
	}
}

static unsigned long arg(void)
{
	switch (pick(10)) {
	case 0: return pick(16);
	case 1: return fd_arg();
	case 2: case 3: return ptr_arg();
	case 4: return size_arg();
	case 5: return 1UL << pick(64);                              /* one flag bit */
	case 6: return rnd() & rnd();                                /* sparse bits */
	case 7: return rnd();
	case 8: return (unsigned long)(long)(int)rnd();              /* a 32-bit value */
	default: return pick(4096);
	}
}

static bool excluded(long nr, bool root)
{
	switch (nr) {
	case SYS_reboot: case SYS_kexec_load: case SYS_kexec_file_load:
	case SYS_init_module: case SYS_finit_module: case SYS_delete_module:
	case SYS_syslog:
		return true;
	case SYS_swapoff: case SYS_swapon: case SYS_acct: case SYS_vhangup:
	case SYS_umount2: case SYS_mount: case SYS_pivot_root: case SYS_chroot:
	case SYS_settimeofday: case SYS_clock_settime: case SYS_clock_adjtime:
	case SYS_adjtimex: case SYS_sethostname: case SYS_setdomainname:
		return root;   /* root could take the test's world away */
	}
	return false;
}

static long nr_arg(bool root)
{
	for (;;) {
		long nr;

		switch (pick(40)) {
		case 0: nr = (long)rnd(); break;                 /* anything */
		case 1: nr = 1001 + pick(6); break;              /* containers */
		case 2: case 3: nr = 424 + pick(27); break;
		default: nr = pick(335);
		}
		/* Calls that end the child or throw it somewhere random would
		 * cut most runs short: let one in twenty through. */
		if ((nr == SYS_exit || nr == SYS_exit_group || nr == SYS_rt_sigreturn) && pick(20))
			continue;
		if (!excluded(nr, root))
			return nr;
	}
}

/* Calls that signal others: as root, nothing outside ourselves. */
static bool hits_others(long nr, unsigned long a0)
{
	switch (nr) {
	case SYS_kill: case SYS_rt_sigqueueinfo:
		return (long)a0 <= 0 || (pid_t)a0 != my_pid;
	case SYS_tkill: case SYS_tgkill: case SYS_rt_tgsigqueueinfo: case SYS_pidfd_send_signal:
	case SYS_ptrace: case SYS_process_vm_writev: case SYS_setpriority: case SYS_ioprio_set:
	case SYS_sched_setscheduler: case SYS_sched_setparam: case SYS_sched_setattr:
	case SYS_prlimit64: case SYS_setns: case SYS_unshare: case SYS_setsid: case SYS_setpgid:
		return true;
	}
	return false;
}

static void open_pool(void)
{
	int p[2];

	nfds = 0;
	for (int i = 0; i < 10 && nfds < NFDS; i++) {
		int fd = open(paths[pick(NPATHS)], (int)pick(3) | (pick(2) ? O_NONBLOCK : 0));

		if (fd >= 0)
			fds[nfds++] = fd;
	}
	if (pipe(p) == 0) {
		fds[nfds++] = p[0];
		fds[nfds++] = p[1];
	}
	fds[nfds++] = (int)syscall(SYS_socket, 1 + pick(2) * 9, 1 + pick(2), 0);   /* unix/inet6 */
	fds[nfds++] = (int)syscall(SYS_epoll_create1, 0);
	fds[nfds++] = (int)syscall(SYS_eventfd2, 0, 0);
	fds[nfds++] = (int)syscall(SYS_memfd_create, "sysfuzz", 0);
	fds[nfds++] = (int)syscall(SYS_timerfd_create, 1, 0);
	fds[nfds++] = (int)syscall(SYS_inotify_init1, 0);
}

static __attribute__((noreturn)) void child(unsigned long long seed, long calls, bool root,
					    volatile unsigned long *counter)
{
	struct rlimit fsz = { 1 << 20, 1 << 20 }, nofile = { 256, 256 }, core = { 0, 0 };
	int null = open("/dev/null", O_RDWR);

	setsid();
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2)
			close(null);
	}
	setrlimit(RLIMIT_FSIZE, &fsz);
	setrlimit(RLIMIT_NOFILE, &nofile);
	setrlimit(RLIMIT_CORE, &core);
	if (chdir(SCRATCH) != 0)
		_exit(2);
	if (!root && (setgroups(0, NULL) || setgid(65534) || setuid(65534)))
		_exit(2);
	rng = seed ? seed : 1;
	buf = mmap(NULL, BUF_SIZE + 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		_exit(2);
	mprotect(buf + BUF_SIZE, 4096, PROT_NONE);
	for (size_t i = 0; i < BUF_SIZE; i += 8)
		*(unsigned long long *)(buf + i) = pick(4) ? rnd() : 0;
	my_pid = getpid();
	my_tid = (pid_t)syscall(SYS_gettid);
	open_pool();
	for (long i = 0; i < calls; i++) {
		long nr = nr_arg(root);
		unsigned long a[6];

		for (int k = 0; k < 6; k++)
			a[k] = arg();
		if (root && hits_others(nr, a[0]))
			nr = SYS_getpid;
		raw_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		/* A fork or clone that came back here: the copy ends at once. */
		if ((pid_t)raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0) != my_tid) {
			if ((pid_t)raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0) != my_pid)
				raw_syscall(SYS_exit_group, 0, 0, 0, 0, 0, 0);
			raw_syscall(SYS_exit, 0, 0, 0, 0, 0, 0);    /* a new thread of ours */
		}
		__atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
		if (i % 256 == 255)
			open_pool();                   /* new descriptors as old ones get closed */
	}
	_exit(0);
}

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	if (flag == FTW_DP || flag == FTW_D)
		chmod(p, 0700), rmdir(p);
	else
		unlink(p);
	return 0;
}

/* What the children leave behind that outlives them: SysV segments,
 * semaphore sets and queues, and files in /dev/shm. Without this,
 * rounds pile them up until memory runs out. */
static void clean_ipc(void)
{
	struct shmid_ds shm;
	struct semid_ds sem;
	struct msqid_ds msq;
	union { int val; struct semid_ds *buf; } arg = { .buf = &sem };

	for (int i = 0; i < 4096; i++) {
		int id = shmctl(i, SHM_STAT, &shm);

		if (id >= 0)
			shmctl(id, IPC_RMID, NULL);
		id = semctl(i, 0, SEM_STAT, arg);
		if (id >= 0)
			semctl(id, 0, IPC_RMID);
		id = msgctl(i, MSG_STAT, &msq);
		if (id >= 0)
			msgctl(id, IPC_RMID, NULL);
	}
	nftw("/dev/shm", rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	mkdir("/dev/shm", 01777);
	chmod("/dev/shm", 01777);
}

static void make_scratch(void)
{
	clean_ipc();
	nftw(SCRATCH, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	mkdir(SCRATCH, 0777);
	chmod(SCRATCH, 0777);
	close(open(SCRATCH "/f0", O_CREAT | O_WRONLY, 0666));
	close(open(SCRATCH "/f1", O_CREAT | O_WRONLY, 0666));
	mkdir(SCRATCH "/d0", 0777);
	close(open(SCRATCH "/d0/f2", O_CREAT | O_WRONLY, 0666));
	mkfifo(SCRATCH "/fifo", 0666);
	symlink("f0", SCRATCH "/link");
	chmod(SCRATCH "/f0", 0666);
	chmod(SCRATCH "/f1", 0666);
	chmod(SCRATCH "/d0", 0777);
	chmod(SCRATCH "/d0/f2", 0666);
}

int main(int argc, char **argv)
{
	unsigned long long seed = (unsigned long long)time(NULL);
	long seconds = 30, nchild = 4, calls = 3000, rounds = 0, signalled = 0, spawned = 0;
	unsigned long total = 0;
	bool root = false, yes = false;
	struct timespec t0, t;
	int opt;

	while ((opt = getopt(argc, argv, "s:t:c:n:ry")) != -1) {
		switch (opt) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 't': seconds = atol(optarg); break;
		case 'c': nchild = atol(optarg); break;
		case 'n': calls = atol(optarg); break;
		case 'r': root = true; break;
		case 'y': yes = true; break;
		default:
			yes = false;
			seconds = -1;
		}
	}
	if (nchild < 1 || nchild > 64)
		nchild = 4;
	if (!yes || seconds < 0) {
		fprintf(stderr, "usage: sysfuzz -y [-s SEED] [-t SECONDS] [-c CHILDREN] [-n CALLS] [-r]\n"
				"  (-y: this kills every process but init and itself: a throwaway guest only)\n");
		return 2;
	}
	if (getuid() != 0) {
		fprintf(stderr, "sysfuzz: run it as root (children drop to nobody)\n");
		return 2;
	}
	shared_calls = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared_calls == MAP_FAILED)
		return 2;
	/* Orphans of the children come back to us to be reaped (if the
	 * kernel has subreapers). */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	signal(SIGPIPE, SIG_IGN);
	printf("sysfuzz: seed %llu, %ld s, %ld children x %ld calls a round, as %s\n", seed, seconds,
	       nchild, calls, root ? "root" : "nobody");
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		pid_t pids[64] = { 0 };
		unsigned long seen[64] = { 0 };
		long stuck_ms[64] = { 0 };

		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec >= seconds)
			break;
		make_scratch();
		/* A round: 5 s with nchild children running. One that ends
		 * is replaced; one that makes no call for 500 ms (blocked in a
		 * pause, a read, a futex...) is killed and replaced. */
		for (int ms = 0; ms < 5000; ms += 20) {
			int st;
			pid_t w;

			for (long c = 0; c < nchild; c++) {
				if (pids[c])
					continue;
				pids[c] = fork();
				if (pids[c] == 0)
					child(seed + (unsigned long long)spawned * 104729, calls, root,
					      &shared_calls[c]);
				if (pids[c] < 0)
					pids[c] = 0;
				spawned++;
				seen[c] = shared_calls[c];
				stuck_ms[c] = 0;
			}
			usleep(20000);
			while ((w = waitpid(-1, &st, WNOHANG)) > 0) {
				signalled += WIFSIGNALED(st);
				for (long c = 0; c < nchild; c++)
					if (pids[c] == w)
						pids[c] = 0;
			}
			for (long c = 0; c < nchild; c++) {
				if (!pids[c])
					continue;
				if (shared_calls[c] != seen[c]) {
					seen[c] = shared_calls[c];
					stuck_ms[c] = 0;
				} else if ((stuck_ms[c] += 20) >= 500) {
					kill(pids[c], SIGKILL);
					stuck_ms[c] = -100000;   /* once */
				}
			}
		}
		/* Everything but init and us: the children and whatever they
		 * forked or left behind. */
		kill(-1, SIGKILL);
		for (;;) {
			int st;

			if (waitpid(-1, &st, 0) < 0)
				break;
		}
		rounds++;
	}
	for (long c = 0; c < nchild; c++)
		total += shared_calls[c];
	nftw(SCRATCH, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	printf("sysfuzz: done: %ld rounds, %ld children, %lu calls, %ld children died of a signal\n",
	       rounds, spawned, total, signalled);
	return 0;
}
