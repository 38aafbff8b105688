/*
 * bench: micro-benchmarks of the system calls everything else is built
 * on, for scripts/bench.sh, which runs this program under our kernel and
 * under Debian's Linux kernel in the same QEMU and prints the ratios.
 * Each line is "bench NAME: N ns/op (ITERS ops)", or "X MB/s (BYTES
 * bytes)", "N files/s (N files)" or "N calls/s (N calls)" for the
 * throughput figures, with a fixed iteration count per benchmark
 * (`bench -s SCALE` divides them, for quick runs; `-m MULT` multiplies them,
 * for scripts/profile.py); a benchmark that cannot run prints "bench NAME: n/a (WHY)". TCP
 * loopback: tcp_pingpong is a 1-byte round trip, tcp_stream_64k 64 KiB
 * streamed to another process, and pipe_stream_64k the same through a pipe.
 *
 *   bench [-v] [-s SCALE] [-m MULT] [-d DEV] [-i DEV] [NAME...]
 *
 * -v: after each figure, a line "stats NAME: ..." with what /proc/stat
 * counted during the timed run: context switches and interrupts (IPIs
 * included) per op, and each CPU's busy time in ticks, which tells
 * whether two parties ran on one CPU or on two.
 *
 * -d DEV: the disk benchmarks mount DEV (an empty ext4 volume: the host
 * makes it) on /mnt/bench; without it they print n/a. Before mounting,
 * the modules named in /lib/modules/bench/order (one file name a line,
 * in that directory) are loaded with finit_module: Debian's kernel has
 * virtio_blk as a module, and scripts/bench.sh adds it to Linux's
 * initramfs only. A module that is already there (EEXIST) is fine.
 *
 * -i DEV: the container-start benchmarks (runimg_cold, runimg_warm, in
 * ms/op) use the image disk DEV (see "container start" below and
 * scripts/bench-runimg.sh); without it they print n/a.
 */
#include "progs.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include "../../linuxabi/uapi/container.h"

static const char *self;
static long scale = 1, mult = 1;
static int verbose;

/* What /proc/stat says: totals of ctxt and intr, busy ticks per CPU. */
#define STAT_CPUS 8
struct pstat {
	unsigned long long ctxt, intr, busy[STAT_CPUS];
	int ncpu;
};

static void pstat_read(struct pstat *ps)
{
	char line[512];
	FILE *f = fopen("/proc/stat", "r");

	memset(ps, 0, sizeof(*ps));
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long v[10] = { 0 };
		int cpu;

		if (sscanf(line, "cpu%d %llu %llu %llu %llu %llu %llu %llu %llu", &cpu, &v[0], &v[1],
			   &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) == 9) {
			if (cpu >= 0 && cpu < STAT_CPUS) {
				/* user nice system idle iowait irq softirq steal */
				ps->busy[cpu] = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
				if (cpu + 1 > ps->ncpu)
					ps->ncpu = cpu + 1;
			}
		} else {
			sscanf(line, "ctxt %llu", &ps->ctxt);
			sscanf(line, "intr %llu", &ps->intr);
		}
	}
	fclose(f);
}

static void pstat_say(const char *name, const struct pstat *a, const struct pstat *b, long iters)
{
	char cpus[128] = "";
	size_t len = 0;

	for (int c = 0; c < b->ncpu && len < sizeof(cpus) - 24; c++)
		len += snprintf(cpus + len, sizeof(cpus) - len, " cpu%d %llu", c, b->busy[c] - a->busy[c]);
	say("stats %s: %.2f ctxt/op %.2f intr/op busy ticks%s", name,
	    (double)(b->ctxt - a->ctxt) / iters, (double)(b->intr - a->intr) / iters, cpus);
}

/* The timed interval: main sets both around a benchmark; a benchmark with
 * setup or teardown that must not count moves them (bench_start/stop). */
static long long t_start, t_stop;
/* Bytes moved by a MB/s benchmark (it may stop short, e.g. at EOF). */
static long long moved;

#define DISK_DIR "/mnt/bench"
static const char *disk_dev;
static const char *disk_error;	/* why the disk benchmarks cannot run */

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* A connected TCP pair over 127.0.0.1: *c in this process, *a for a child. */
static int tcp_pair(int *c, int *a)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sin);
	int l, one = 1;

	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0)
		return errno;
	if (bind(l, (struct sockaddr *)&sin, sizeof(sin)) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&sin, &len))
		return errno;
	*c = socket(AF_INET, SOCK_STREAM, 0);
	if (*c < 0 || connect(*c, (struct sockaddr *)&sin, sizeof(sin)))
		return errno;
	*a = accept(l, NULL, NULL);
	if (*a < 0)
		return errno;
	setsockopt(*c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(*a, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	close(l);
	return 0;
}

/* One op: a 1-byte round trip over TCP loopback between two processes. */
static int b_tcp_pingpong(long iters)
{
	int c, a, status, err = tcp_pair(&c, &a);
	char ch = 0;

	if (err)
		return err;
	pid_t pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0) {
		close(c);
		while (read(a, &ch, 1) == 1)
			write(a, &ch, 1);
		_exit(0);
	}
	close(a);
	for (long i = 0; i < iters; i++) {
		if (write(c, &ch, 1) != 1 || read(c, &ch, 1) != 1)
			return EIO;
	}
	close(c);
	waitpid(pid, &status, 0);
	return 0;
}

#define STREAM_CHUNK 65536

/* One op: 64 KiB through TCP loopback to a reader in another process
 * (the time includes the reader draining the last bytes). */
static int b_tcp_stream_64k(long iters)
{
	static char buf[STREAM_CHUNK];
	int c, a, status, err = tcp_pair(&c, &a);

	if (err)
		return err;
	pid_t pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0) {
		close(c);
		while (read(a, buf, sizeof(buf)) > 0)
			;
		_exit(0);
	}
	close(a);
	for (long i = 0; i < iters; i++) {
		for (size_t off = 0; off < sizeof(buf);) {
			ssize_t w = write(c, buf + off, sizeof(buf) - off);
			if (w <= 0)
				return errno ? errno : EIO;
			off += w;
		}
		moved += sizeof(buf);
	}
	close(c);
	waitpid(pid, &status, 0);
	return 0;
}

/* The same through a pipe, for comparison. */
static int b_pipe_stream_64k(long iters)
{
	static char buf[STREAM_CHUNK];
	int p[2], status;

	if (pipe(p))
		return errno;
	pid_t pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0) {
		close(p[1]);
		while (read(p[0], buf, sizeof(buf)) > 0)
			;
		_exit(0);
	}
	close(p[0]);
	for (long i = 0; i < iters; i++) {
		for (size_t off = 0; off < sizeof(buf);) {
			ssize_t w = write(p[1], buf + off, sizeof(buf) - off);
			if (w <= 0)
				return errno ? errno : EIO;
			off += w;
		}
		moved += sizeof(buf);
	}
	close(p[1]);
	waitpid(pid, &status, 0);
	return 0;
}

/* Each benchmark does iters operations, returns 0 or an errno. */
static int b_getpid(long iters)
{
	for (long i = 0; i < iters; i++)
		syscall(SYS_getpid);
	return 0;
}

/* CLOCK_MONOTONIC through the C library: the vDSO where the kernel has
 * one (no system call), else the syscall; clock_gettime_sys is always the
 * syscall, for scale. Reported in calls per second. */
static int b_clock_gettime(long iters)
{
	struct timespec ts;

	for (long i = 0; i < iters; i++)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	return 0;
}

static int b_clock_gettime_sys(long iters)
{
	struct timespec ts;

	for (long i = 0; i < iters; i++)
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return 0;
}

static int b_open_close(long iters)
{
	for (long i = 0; i < iters; i++) {
		int fd = open("/etc/passwd", O_RDONLY);
		if (fd < 0)
			return errno;
		close(fd);
	}
	return 0;
}

static int b_read_zero(long iters)
{
	static char buf[4096];
	int fd = open("/dev/zero", O_RDONLY);

	if (fd < 0)
		return errno;
	for (long i = 0; i < iters; i++) {
		if (read(fd, buf, sizeof(buf)) != sizeof(buf)) {
			close(fd);
			return errno ? errno : EIO;
		}
	}
	close(fd);
	return 0;
}

static int b_pipe_pingpong(long iters)
{
	int a[2], b[2], status;
	char c = 0;

	if (pipe(a) || pipe(b))
		return errno;
	pid_t pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0) {
		close(a[1]);
		close(b[0]);
		while (read(a[0], &c, 1) == 1)
			write(b[1], &c, 1);
		_exit(0);
	}
	close(a[0]);
	close(b[1]);
	for (long i = 0; i < iters; i++) {
		write(a[1], &c, 1);
		read(b[0], &c, 1);
	}
	close(a[1]);
	close(b[0]);
	waitpid(pid, &status, 0);
	return 0;
}

static int b_fork_wait(long iters)
{
	for (long i = 0; i < iters; i++) {
		int status;
		pid_t pid = fork();
		if (pid < 0)
			return errno;
		if (pid == 0)
			_exit(0);
		waitpid(pid, &status, 0);
	}
	return 0;
}

static int b_fork_exec_wait(long iters)
{
	for (long i = 0; i < iters; i++) {
		int status;
		pid_t pid = fork();
		if (pid < 0)
			return errno;
		if (pid == 0) {
			char *args[] = { (char *)self, "-x", NULL };
			execv(self, args);
			_exit(127);
		}
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			return ENOEXEC;
	}
	return 0;
}

static int b_mmap_touch_1m(long iters)
{
	for (long i = 0; i < iters; i++) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return errno;
		for (int off = 0; off < (1 << 20); off += 4096)
			p[off] = 1;
		munmap(p, 1 << 20);
	}
	return 0;
}

static int b_stat(long iters)
{
	struct stat st;

	for (long i = 0; i < iters; i++) {
		if (stat("/etc/passwd", &st) < 0)
			return errno;
	}
	return 0;
}

static void bench_start(void);
static void bench_stop(void);

static void *thread_noop(void *arg)
{
	return arg;
}

static int b_thread_create_join(long iters)
{
	for (long i = 0; i < iters; i++) {
		pthread_t t;
		int err = pthread_create(&t, NULL, thread_noop, NULL);
		if (err)
			return err;
		pthread_join(t, NULL);
	}
	return 0;
}

/* futex ping-pong: fx is 1 when it is the partner thread's turn, 0 when
 * it is main's; each side sleeps in FUTEX_WAIT until the other flips it. */
static int fx;
static long fx_iters;

static long futex(int *uaddr, int op, int val)
{
	return syscall(SYS_futex, uaddr, op | 128 /* FUTEX_PRIVATE_FLAG */, val, NULL, NULL, 0);
}

static void *futex_partner(void *arg)
{
	for (long i = 0; i < fx_iters; i++) {
		while (__atomic_load_n(&fx, __ATOMIC_ACQUIRE) != 1)
			futex(&fx, 0 /* FUTEX_WAIT */, 0);
		__atomic_store_n(&fx, 0, __ATOMIC_RELEASE);
		futex(&fx, 1 /* FUTEX_WAKE */, 1);
	}
	return arg;
}

static int b_futex_pingpong(long iters)
{
	pthread_t t;

	fx = 0;
	fx_iters = iters;
	int err = pthread_create(&t, NULL, futex_partner, NULL);
	if (err)
		return err;
	for (long i = 0; i < iters; i++) {
		__atomic_store_n(&fx, 1, __ATOMIC_RELEASE);
		futex(&fx, 1, 1);
		while (__atomic_load_n(&fx, __ATOMIC_ACQUIRE) != 0)
			futex(&fx, 0, 1);
	}
	pthread_join(t, NULL);
	return 0;
}

static int b_unix_pingpong(long iters)
{
	int sv[2], status;
	char c = 0;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return errno;
	pid_t pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0) {
		close(sv[0]);
		while (read(sv[1], &c, 1) == 1)
			write(sv[1], &c, 1);
		_exit(0);
	}
	close(sv[1]);
	int err = 0;
	for (long i = 0; i < iters && !err; i++) {
		if (write(sv[0], &c, 1) != 1 || read(sv[0], &c, 1) != 1)
			err = errno ? errno : EIO;
	}
	close(sv[0]);
	waitpid(pid, &status, 0);
	return err;
}

/* One process writes iters chunks of 64 KiB, its child reads them all:
 * the time runs until the child has read the last byte (it exits then). */
#define CHUNK 65536
static char chunk[CHUNK];

static int b_unix_stream_64k(long iters)
{
	int sv[2], status;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return errno;
	pid_t pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0) {
		long long got = 0;
		ssize_t n;
		close(sv[0]);
		while ((n = read(sv[1], chunk, CHUNK)) > 0)
			got += n;
		_exit(got == (long long)iters * CHUNK ? 0 : 1);
	}
	close(sv[1]);
	int err = 0;
	for (long i = 0; i < iters && !err; i++) {
		size_t off = 0;
		while (off < CHUNK) {
			ssize_t n = write(sv[0], chunk + off, CHUNK - off);
			if (n <= 0) {
				err = errno ? errno : EIO;
				break;
			}
			off += n;
		}
	}
	close(sv[0]);
	waitpid(pid, &status, 0);
	if (!err && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
		err = EIO;
	moved = (long long)iters * CHUNK;
	return err;
}

/* epoll_wait (timeout 0) over 1,000 eventfds of which one is readable
 * (level-triggered, never read, so every call returns it). */
#define NPOLL 1000

static int b_epoll_1000(long iters)
{
	static int fds[NPOLL];
	struct rlimit rl;
	struct epoll_event ev, out[8];
	int ep, n = 0, err = 0;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < NPOLL + 16 && rl.rlim_max >= NPOLL + 16) {
		rl.rlim_cur = NPOLL + 16;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	ep = epoll_create1(0);
	if (ep < 0)
		return errno;
	for (; n < NPOLL; n++) {
		fds[n] = eventfd(0, 0);
		if (fds[n] < 0) {
			err = errno;
			goto out;
		}
		ev.events = EPOLLIN;
		ev.data.u32 = n;
		if (epoll_ctl(ep, EPOLL_CTL_ADD, fds[n], &ev)) {
			err = errno;
			close(fds[n]);
			goto out;
		}
	}
	uint64_t one = 1;
	if (write(fds[NPOLL / 2], &one, sizeof(one)) != sizeof(one)) {
		err = errno ? errno : EIO;
		goto out;
	}
	bench_start();
	for (long i = 0; i < iters; i++) {
		int got = epoll_wait(ep, out, 8, 0);
		if (got != 1 || out[0].data.u32 != NPOLL / 2) {
			err = got < 0 ? errno : EIO;
			break;
		}
	}
	bench_stop();
out:
	while (n > 0)
		close(fds[--n]);
	close(ep);
	return err;
}

static volatile sig_atomic_t caught;

static void on_usr1(int sig)
{
	caught++;
	(void)sig;
}

/* kill(self) with a handler installed: the signal is delivered on the
 * way out of kill, the handler runs, rt_sigreturn comes back. */
static int b_signal_self(long iters)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, &old))
		return errno;
	caught = 0;
	pid_t me = getpid();
	for (long i = 0; i < iters; i++)
		kill(me, SIGUSR1);
	sigaction(SIGUSR1, &old, NULL);
	return caught == iters ? 0 : EINTR;
}

/* ---- disk: ext4 on DISK_DIR ---- */

static void load_modules(void)
{
	FILE *f = fopen("/lib/modules/bench/order", "r");
	char name[128], path[256];

	if (!f)
		return;
	while (fscanf(f, "%127s", name) == 1) {
		snprintf(path, sizeof(path), "/lib/modules/bench/%s", name);
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			say("bench: cannot open module %s: %s", path, errname(errno));
			continue;
		}
		if (syscall(SYS_finit_module, fd, "", 0) && errno != EEXIST)
			say("bench: finit_module %s: %s", name, errname(errno));
		close(fd);
	}
	fclose(f);
}

static int disk_mount(void)
{
	/* A module's device may show up in /dev a moment after it loads. */
	for (int tries = 0; tries < 100; tries++) {
		if (mount(disk_dev, DISK_DIR, "ext4", 0, NULL) == 0)
			return 0;
		if (errno != ENOENT && errno != ENXIO)
			break;
		usleep(50000);
	}
	return errno;
}

static void disk_setup(void)
{
	static char why[128];

	load_modules();
	mkdir("/mnt", 0755);
	mkdir(DISK_DIR, 0755);
	int err = disk_mount();
	if (err) {
		snprintf(why, sizeof(why), "mount %s on %s as ext4: %s", disk_dev, DISK_DIR, errname(err));
		disk_error = why;
		say("bench: %s", why);
	}
}

/* iters chunks of 64 KiB into a new file, then fsync: the time includes
 * the fsync (the data is on the disk when it stops). */
static int b_disk_write_64m(long iters)
{
	int fd = open(DISK_DIR "/big", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return errno;
	memset(chunk, 0x5a, CHUNK);
	for (long i = 0; i < iters; i++) {
		if (write(fd, chunk, CHUNK) != CHUNK) {
			int err = errno ? errno : ENOSPC;
			close(fd);
			return err;
		}
	}
	if (fsync(fd)) {
		int err = errno;
		close(fd);
		return err;
	}
	close(fd);
	moved = (long long)iters * CHUNK;
	return 0;
}

/* The file disk_write_64m left, read back cold: the volume is unmounted
 * and mounted again first (untimed), which empties the page cache of it
 * under both kernels. */
static int b_disk_read_64m(long iters)
{
	ssize_t n;

	sync();
	if (umount(DISK_DIR))
		return errno;
	int err = disk_mount();
	if (err) {
		disk_error = "the volume did not mount again";
		return err;
	}
	int fd = open(DISK_DIR "/big", O_RDONLY);
	if (fd < 0)
		return errno;
	bench_start();
	moved = 0;
	while ((n = read(fd, chunk, CHUNK)) > 0)
		moved += n;
	bench_stop();
	err = n < 0 ? errno : 0;
	close(fd);
	if (!err && moved != (long long)iters * CHUNK)
		err = EIO;	/* not what disk_write_64m wrote */
	unlink(DISK_DIR "/big");
	return err;
}

/* iters empty files created in one directory, then all unlinked. */
static int b_disk_create_unlink(long iters)
{
	char path[64];
	int err = 0;
	long made = 0;

	if (mkdir(DISK_DIR "/d", 0755) && errno != EEXIST)
		return errno;
	for (; made < iters; made++) {
		snprintf(path, sizeof(path), DISK_DIR "/d/file-%06ld", made);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0) {
			err = errno;
			break;
		}
		close(fd);
	}
	for (long i = 0; i < made; i++) {
		snprintf(path, sizeof(path), DISK_DIR "/d/file-%06ld", i);
		if (unlink(path) && !err)
			err = errno;
	}
	return err;
}

/* busybox tar x of the tarball the host put on the disk (tree.tar: the
 * Debian root of scripts/mkimage, about 110 MB), then sync: the tree is on
 * the disk when the time stops. */
static int b_disk_tar_x(long iters)
{
	struct stat st;
	int status;
	pid_t pid;

	(void)iters;
	if (stat(DISK_DIR "/tree.tar", &st)) {
		disk_error = "no tree.tar on the disk (scripts/bench.sh puts it there)";
		return errno;
	}
	if (mkdir(DISK_DIR "/tar-x", 0755))
		return errno;
	pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0) {
		execl("/bin/busybox", "tar", "-xf", DISK_DIR "/tree.tar", "-C", DISK_DIR "/tar-x",
		      (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return errno;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return EIO;
	sync();
	moved = st.st_size;
	return 0;
}


/* ---- container start: an image on the image disk (-i DEV) ----
 *
 * The disk (scripts/bench-runimg.sh makes it) is ext4 labelled "images"
 * with debian.tar (mkimage's docker-save archive, one gzip layer) and
 * debian-layer.tar.gz (that layer alone). Our kernel mounts it on /images
 * itself; under Linux bench mounts it there. Under our kernel a start is
 * `runimg debian.tar /bin/true` (the layer cache is /images/.layers, on
 * the same disk); under Linux, which has no runimg, the same work done by
 * hand with busybox: `tar xzf` of the layer into /images/linux-root and
 * `chroot /images/linux-root /bin/true`. Cold: the layer unpacked first
 * (cache or tree removed beforehand, untimed); warm: reused. */
#define IMAGE_DIR "/images"
#define LINUX_ROOT IMAGE_DIR "/linux-root"
static const char *image_dev;
static const char *image_error;

/* Our kernel has the container calls (linuxabi/uapi/container.h, number
 * 1000): with no arguments they fail with EFAULT or EINVAL, Linux's with
 * ENOSYS. */
static int have_runimg(void)
{
	return syscall(1000, 0, 0, 0, 0, 0, 0) < 0 && errno != ENOSYS;
}

/* Run argv (PATH searched), output to /dev/null; 0 or an errno. */
static int run_quiet(char *const argv[])
{
	int st;
	pid_t p = fork();

	if (p < 0)
		return errno;
	if (p == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(p, &st, 0) < 0)
		return errno;
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		say("bench: %s %s: %s %d", argv[0], argv[1] ? argv[1] : "",
		    WIFEXITED(st) ? "exit status" : "signal", WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
		return EIO;
	}
	return 0;
}

static void image_setup(void)
{
	static char why[128];
	struct stat st;

	if (stat(IMAGE_DIR "/debian.tar", &st) == 0)
		return;   /* our kernel mounted the "images" volume */
	load_modules();
	mkdir(IMAGE_DIR, 0755);
	for (int tries = 0; tries < 100; tries++) {
		if (mount(image_dev, IMAGE_DIR, "ext4", 0, NULL) == 0)
			break;
		if (errno != ENOENT && errno != ENXIO)
			break;
		usleep(50000);
	}
	if (stat(IMAGE_DIR "/debian.tar", &st)) {
		snprintf(why, sizeof(why), "no %s/debian.tar (mount %s: %s)", IMAGE_DIR, image_dev,
			 errname(errno));
		image_error = why;
		say("bench: %s", why);
	}
}

static int container_unpack_linux(void)
{
	char *mk[] = { "mkdir", "-p", LINUX_ROOT, NULL };
	char *tar[] = { "tar", "xzf", IMAGE_DIR "/debian-layer.tar.gz", "-C", LINUX_ROOT, NULL };
	int err = run_quiet(mk);

	return err ? err : run_quiet(tar);
}

static int container_start(void)
{
	char *runimg[] = { "runimg", "--rm", IMAGE_DIR "/debian.tar", "/bin/true", NULL };
	char *chroot[] = { "chroot", LINUX_ROOT, "/bin/true", NULL };

	return run_quiet(have_runimg() ? runimg : chroot);
}

static int b_runimg_cold(long iters)
{
	char *rm_cache[] = { "rm", "-rf", IMAGE_DIR "/.layers", NULL };
	char *rm_root[] = { "rm", "-rf", LINUX_ROOT, NULL };
	int err = 0;

	for (long i = 0; i < iters && !err; i++) {
		err = run_quiet(have_runimg() ? rm_cache : rm_root);
		sync();
		if (err)
			break;
		bench_start();
		if (!have_runimg())
			err = container_unpack_linux();
		if (!err)
			err = container_start();
		bench_stop();
	}
	return err;
}

static int b_runimg_warm(long iters)
{
	struct stat st;
	int err = 0;

	/* Made by runimg_cold, unless it was not run. */
	if (!have_runimg() && stat(LINUX_ROOT "/bin", &st))
		err = container_unpack_linux();
	if (!err)
		err = container_start();   /* untimed: fills the cache, warms the page cache */
	sync();
	bench_start();
	for (long i = 0; i < iters && !err; i++)
		err = container_start();
	bench_stop();
	return err;
}

/* The kernel's half of a warm start alone (ours only): oci_image_load of
 * debian.tar with its layer cached (archive index, manifest, config and
 * its digest, cache lookup), without runimg's mounts and exec. */
static int b_runimg_load(long iters)
{
	static char out[16384], err[256];
	int e = 0;

	if (!have_runimg())
		return ENOSYS;
	e = container_start();   /* untimed: the layer is in the cache */
	bench_start();
	for (long i = 0; i < iters && !e; i++) {
		struct oci_load req = { .image = (uintptr_t)IMAGE_DIR "/debian.tar", .progress_fd = -1,
					.out = (uintptr_t)out, .out_len = sizeof(out),
					.err = (uintptr_t)err, .err_len = sizeof(err) };

		if (syscall(LINUX_NR_oci_image_load, &req) < 0) {
			e = errno;
			say("bench: oci_image_load: %s", err);
		}
	}
	bench_stop();
	return e;
}

enum unit { NS_PER_OP, MB_PER_S, FILES_PER_S, SECONDS, CALLS_PER_S, MS_PER_OP };

static const struct {
	const char *name;
	int (*fn)(long);
	long iters;
	enum unit unit;
	int disk;	/* 1: needs -d, 2: needs -i; no warm-up run */
} benches[] = {
	{ "getpid", b_getpid, 200000, NS_PER_OP, 0 },
	{ "clock_gettime", b_clock_gettime, 1000000, CALLS_PER_S, 0 },
	{ "clock_gettime_sys", b_clock_gettime_sys, 200000, CALLS_PER_S, 0 },
	{ "open_close", b_open_close, 20000, NS_PER_OP, 0 },
	{ "read_zero_4k", b_read_zero, 20000, NS_PER_OP, 0 },
	{ "pipe_pingpong", b_pipe_pingpong, 5000, NS_PER_OP, 0 },
	{ "fork_wait", b_fork_wait, 500, NS_PER_OP, 0 },
	{ "fork_exec_wait", b_fork_exec_wait, 200, NS_PER_OP, 0 },
	{ "mmap_touch_1m", b_mmap_touch_1m, 200, NS_PER_OP, 0 },
	{ "stat", b_stat, 20000, NS_PER_OP, 0 },
	{ "thread_create_join", b_thread_create_join, 1000, NS_PER_OP, 0 },
	{ "futex_pingpong", b_futex_pingpong, 5000, NS_PER_OP, 0 },
	{ "unix_pingpong", b_unix_pingpong, 5000, NS_PER_OP, 0 },
	{ "unix_stream_64k", b_unix_stream_64k, 512, MB_PER_S, 0 },
	{ "epoll_1000", b_epoll_1000, 20000, NS_PER_OP, 0 },
	{ "signal_self", b_signal_self, 20000, NS_PER_OP, 0 },
	{ "tcp_pingpong", b_tcp_pingpong, 5000, NS_PER_OP, 0 },
	{ "tcp_stream_64k", b_tcp_stream_64k, 2000, MB_PER_S, 0 },
	{ "pipe_stream_64k", b_pipe_stream_64k, 2000, MB_PER_S, 0 },
	/* The read follows the write: it reads the file the write left. */
	{ "disk_write_64m", b_disk_write_64m, 1024, MB_PER_S, 1 },
	{ "disk_read_64m", b_disk_read_64m, 1024, MB_PER_S, 1 },
	{ "disk_create_unlink", b_disk_create_unlink, 1000, FILES_PER_S, 1 },
	{ "disk_tar_x", b_disk_tar_x, 1, SECONDS, 1 },
	{ "runimg_cold", b_runimg_cold, 1, MS_PER_OP, 2 },
	{ "runimg_warm", b_runimg_warm, 10, MS_PER_OP, 2 },
	{ "runimg_load", b_runimg_load, 10, MS_PER_OP, 2 },
};

static void bench_start(void)
{
	t_start = now_ns();
}

static void bench_stop(void)
{
	t_stop = now_ns();
}

int main(int argc, char **argv)
{
	int i = 1;

	if (argc > 1 && strcmp(argv[1], "-x") == 0)
		return 0;	/* the exec'd child of fork_exec_wait */
	self = argv[0];
	if (argc > i && strcmp(argv[i], "-v") == 0) {
		verbose = 1;
		i++;
	}
	if (argc > i + 1 && strcmp(argv[i], "-s") == 0) {
		scale = atol(argv[i + 1]);
		if (scale < 1)
			scale = 1;
		i += 2;
	}
	/* -m MULT: MULT times the iterations, for scripts/profile.py. */
	if (argc > i + 1 && strcmp(argv[i], "-m") == 0) {
		mult = atol(argv[i + 1]);
		if (mult < 1)
			mult = 1;
		i += 2;
	}
	if (argc > i + 1 && strcmp(argv[i], "-d") == 0) {
		disk_dev = argv[i + 1];
		i += 2;
		disk_setup();
	}
	if (argc > i + 1 && strcmp(argv[i], "-i") == 0) {
		image_dev = argv[i + 1];
		i += 2;
		image_setup();
	}
	for (unsigned b = 0; b < sizeof(benches) / sizeof(benches[0]); b++) {
		int wanted = i >= argc;
		for (int j = i; j < argc; j++)
			wanted |= strcmp(argv[j], benches[b].name) == 0;
		if (!wanted)
			continue;
		long iters = benches[b].iters / scale * mult;
		if (iters < 1)
			iters = 1;
		if (benches[b].disk == 2 && !image_dev && i >= argc)
			continue;   /* a run of everything: these have their own (bench-runimg.sh) */
		if (benches[b].disk == 2 && (!image_dev || image_error)) {
			say("bench %s: n/a (%s)", benches[b].name,
			    image_dev ? image_error : "no image disk: bench -i DEV");
			continue;
		}
		if (benches[b].disk == 1 && (!disk_dev || disk_error)) {
			say("bench %s: n/a (%s)", benches[b].name,
			    disk_dev ? disk_error : "no disk: bench -d DEV");
			continue;
		}
		if (!benches[b].disk)
			benches[b].fn(iters > 10 ? iters / 10 : 1);	/* warm up */
		struct pstat ps0, ps1;
		if (verbose)
			pstat_read(&ps0);
		moved = 0;
		t_stop = -1;
		t_start = now_ns();
		int err = benches[b].fn(iters);
		if (t_stop < 0)
			t_stop = now_ns();
		if (verbose)
			pstat_read(&ps1);
		long long ns = t_stop - t_start;
		if (ns < 1)
			ns = 1;
		if (err)
			say("bench %s: n/a (%s)", benches[b].name, errname(err));
		else if (benches[b].unit == MB_PER_S)
			say("bench %s: %.1f MB/s (%lld bytes)", benches[b].name,
			    moved / 1048576.0 / (ns / 1e9), moved);
		else if (benches[b].unit == SECONDS)
			say("bench %s: %.2f s (%lld bytes)", benches[b].name, ns / 1e9, moved);
		else if (benches[b].unit == CALLS_PER_S)
			say("bench %s: %.0f calls/s (%ld calls)", benches[b].name, iters / (ns / 1e9), iters);
		else if (benches[b].unit == MS_PER_OP)
			say("bench %s: %.1f ms/op (%ld ops)", benches[b].name, ns / 1e6 / iters, iters);
		else if (benches[b].unit == FILES_PER_S)
			say("bench %s: %.0f files/s (%ld files)", benches[b].name, iters / (ns / 1e9), iters);
		else
			say("bench %s: %lld ns/op (%ld ops)", benches[b].name, ns / iters, iters);
		if (verbose && !err)
			pstat_say(benches[b].name, &ps0, &ps1, iters);
	}
	if (disk_dev && !disk_error)
		umount(DISK_DIR);
	return 0;
}
