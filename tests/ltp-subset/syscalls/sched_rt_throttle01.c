/*
 * sched_rt_throttle01: real-time throttling. While a SCHED_FIFO thread
 * spins on CPU 0 for 2 s, a SCHED_OTHER thread pinned there still gets
 * CPU time (Linux's default sched_rt_runtime_us 950000 of every 1000000
 * leaves fair tasks 5%): here, at least 20 ms of it. TCONF where
 * throttling is off (sched_rt_runtime_us -1).
 */
#include <pthread.h>
#include <sched.h>
#include <time.h>

#include "harness.h"

static volatile int stop;
static volatile long long other_cpu_ns;

static long long thread_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *other(void *arg)
{
	while (!stop)
		other_cpu_ns = thread_cpu_ns();
	return NULL;
}

static void child(void)
{
	struct sched_param sp = { .sched_priority = 10 };
	long long before, after, end;
	pthread_t th;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	SAFE(sched_setaffinity(0, sizeof(set), &set));
	if (pthread_create(&th, NULL, other, NULL))
		t_brk(TBROK, "pthread_create");
	while (!other_cpu_ns)
		usleep(1000);
	if (syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp) < 0) {
		stop = 1;
		pthread_join(th, NULL);
		if (errno == EPERM)
			t_brk(TCONF, "real-time scheduling not permitted here");
		t_brk(TBROK | TERRNO, "sched_setscheduler");
	}
	before = other_cpu_ns;
	end = t_now_us() + 2000000;
	while (t_now_us() < end)
		;
	after = other_cpu_ns;
	sp.sched_priority = 0;
	SAFE(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &sp));
	stop = 1;
	pthread_join(th, NULL);
	t_res(TINFO, "SCHED_OTHER thread got %lld ms during 2 s of FIFO spinning",
	      (after - before) / 1000000);
	EXPECT_MSG(after - before >= 20000000LL, "the fair thread made progress");
}

static void run(void)
{
	char buf[32];
	pid_t pid;

	if (access("/proc/sys/kernel/sched_rt_runtime_us", R_OK) == 0 &&
	    t_read_file("/proc/sys/kernel/sched_rt_runtime_us", buf, sizeof(buf)) > 0 &&
	    atol(buf) < 0)
		t_brk(TCONF, "real-time throttling is off (sched_rt_runtime_us -1)");
	pid = t_fork();
	if (!pid) {
		child();
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1, .timeout = 60 };
