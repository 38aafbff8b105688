/*
 * setitimer02: ITIMER_VIRTUAL counts user CPU time and raises SIGVTALRM,
 * ITIMER_PROF counts user+system CPU time and raises SIGPROF; neither
 * fires while the process sleeps.
 */
#include <signal.h>
#include <sys/time.h>

#include "harness.h"

static volatile int vt, prof;

static void on_vt(int sig)
{
	vt++;
}

static void on_prof(int sig)
{
	prof++;
}

static void run(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };

	signal(SIGVTALRM, on_vt);
	signal(SIGPROF, on_prof);
	EXPECT_OK(setitimer(ITIMER_VIRTUAL, &it, NULL));
	EXPECT_OK(setitimer(ITIMER_PROF, &it, NULL));
	t_msleep(200);
	EXPECT_MSG(vt == 0 && prof == 0, "no CPU timer fired while sleeping");
	t_burn_cpu(200);
	EXPECT_EQ(vt, 1);
	EXPECT_EQ(prof, 1);
}

const struct t_test t_test = { .run = run };
