/*
 * sched_procstat01: /proc/PID/stat shows the scheduling fields as Linux
 * fills them (what ps -o pri,ni,rtprio,cls and top read): priority (18) is
 * 20 + nice for a fair task and -1 - rt_priority for a real-time one,
 * nice (19), rt_priority (40), policy (41); /proc/PID/task/TID/stat the
 * same per thread (nice is per thread).
 */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "harness.h"

/* Fields 18, 19, 40, 41 of a stat file. */
static void stat_fields(const char *path, long f[4])
{
	static const int want[4] = { 18, 19, 40, 41 };
	char buf[1024], *p;
	int field = 3;

	t_read_file(path, buf, sizeof(buf));
	p = strrchr(buf, ')');
	if (!p)
		t_brk(TBROK, "%s: no ')'", path);
	p += 2;
	memset(f, 0, 4 * sizeof(long));
	for (; *p; field++) {
		for (int i = 0; i < 4; i++)
			if (want[i] == field)
				f[i] = strtol(p, NULL, 10);
		p = strchr(p, ' ');
		if (!p)
			break;
		p++;
	}
}

static void check(const char *path, long pri, long ni, long rt, long pol)
{
	long f[4];

	stat_fields(path, f);
	EXPECT_MSG(f[0] == pri && f[1] == ni && f[2] == rt && f[3] == pol,
		   "%s: priority %ld nice %ld rt_priority %ld policy %ld (want %ld %ld %ld %ld)",
		   path, f[0], f[1], f[2], f[3], pri, ni, rt, pol);
}

static volatile pid_t *tid;   /* shared with the parent */

static void *niced(void *arg)
{
	setpriority(PRIO_PROCESS, 0, 13);
	*tid = syscall(SYS_gettid);
	for (;;)
		pause();
	return NULL;
}

static void run(void)
{
	struct t_chan c;
	char path[64];
	pid_t pid;

	tid = SAFE_MMAP(NULL, t_page(), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	t_chan_open(&c);
	pid = t_fork();
	if (!pid) {
		pthread_t th;

		SAFE(setpriority(PRIO_PROCESS, 0, 5));
		if (pthread_create(&th, NULL, niced, NULL))
			t_brk(TBROK, "pthread_create");
		while (!*tid)
			usleep(1000);
		t_chan_post(&c);
		for (;;)
			pause();
	}
	t_chan_wait(&c);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	check(path, 25, 5, 0, SCHED_OTHER);
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, pid);
	check(path, 25, 5, 0, SCHED_OTHER);
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, *tid);
	check(path, 33, 13, 0, SCHED_OTHER);
	{
		struct sched_param sp = { .sched_priority = 30 };

		if (syscall(SYS_sched_setscheduler, pid, SCHED_FIFO, &sp) < 0 && errno == EPERM) {
			kill(pid, SIGKILL);
			t_wait(pid);
			t_brk(TCONF, "real-time scheduling not permitted here");
		}
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	check(path, -31, 5, 30, SCHED_FIFO);
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, *tid);
	check(path, 33, 13, 0, SCHED_OTHER);
	kill(pid, SIGKILL);
	t_wait(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
