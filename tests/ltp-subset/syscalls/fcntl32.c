/*
 * fcntl32: with O_ASYNC and F_SETOWN set on a pipe's read end, data
 * arriving sends SIGIO to the owner.
 */
#include <fcntl.h>
#include <signal.h>

#include "harness.h"

static volatile sig_atomic_t got_io;

static void on_io(int sig)
{
	got_io++;
}

static void run(void)
{
	int p[2];

	signal(SIGIO, on_io);
	SAFE(pipe(p));
	SAFE(fcntl(p[0], F_SETOWN, getpid()));
	SAFE(fcntl(p[0], F_SETFL, O_ASYNC | O_NONBLOCK));
	EXPECT(fcntl(p[0], F_GETFL) & O_ASYNC);
	EXPECT_EQ(got_io, 0);
	SAFE(write(p[1], "x", 1));
	for (int i = 0; i < 500 && !got_io; i++)
		t_msleep(10);
	EXPECT_MSG(got_io > 0, "SIGIO delivered on data arrival");
}

const struct t_test t_test = { .run = run };
