/*
 * sched_rt_throttle02: SCHED_FIFO 99 spinners on every CPU do not lock the
 * system up: their SCHED_OTHER parent still wakes from a 1.5 s sleep,
 * kills them and reaps them (throttling leaves fair tasks 5% of each
 * CPU). TCONF where throttling is off.
 */
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

#define MAX_SPIN 64

static void run(void)
{
	int n = sysconf(_SC_NPROCESSORS_ONLN);
	pid_t pids[MAX_SPIN];
	struct t_chan c;
	char buf[32];
	long long t0;

	if (access("/proc/sys/kernel/sched_rt_runtime_us", R_OK) == 0 &&
	    t_read_file("/proc/sys/kernel/sched_rt_runtime_us", buf, sizeof(buf)) > 0 &&
	    atol(buf) < 0)
		t_brk(TCONF, "real-time throttling is off (sched_rt_runtime_us -1)");
	if (n < 1)
		n = 1;
	if (n > MAX_SPIN)
		n = MAX_SPIN;
	t_chan_open(&c);
	for (int i = 0; i < n; i++) {
		pids[i] = t_fork();
		if (!pids[i]) {
			struct sched_param sp = { .sched_priority = 99 };
			cpu_set_t set;

			CPU_ZERO(&set);
			CPU_SET(i, &set);
			sched_setaffinity(0, sizeof(set), &set);
			if (syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp) < 0) {
				t_chan_post(&c);
				_exit(errno == EPERM ? 32 : 1);
			}
			t_chan_post(&c);
			for (;;)
				;
		}
	}
	for (int i = 0; i < n; i++)
		t_chan_wait(&c);
	t0 = t_now_us();
	usleep(1500000);
	for (int i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	for (int i = 0; i < n; i++) {
		int st = t_wait(pids[i]);

		if (WIFEXITED(st) && WEXITSTATUS(st) == 32)
			t_brk(TCONF, "real-time scheduling not permitted here");
		EXPECT_MSG(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "spinner %d killed", i);
	}
	t_res(TINFO, "slept 1.5 s in %lld ms with %d FIFO-99 spinners", (t_now_us() - t0) / 1000, n);
	EXPECT_MSG(t_now_us() - t0 < 20000000LL, "the parent got through in time");
}

const struct t_test t_test = { .run = run, .needs_root = 1, .timeout = 60 };
