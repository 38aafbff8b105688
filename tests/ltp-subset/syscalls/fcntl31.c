/*
 * fcntl31: F_SETOWN/F_GETOWN store the process (positive) or process group
 * (negative) that receives SIGIO for a descriptor; F_SETSIG/F_GETSIG store
 * the signal number (0 meaning SIGIO), with EINVAL for an invalid one.
 */
#include <fcntl.h>
#include <signal.h>

#include "harness.h"

static void run(void)
{
	int p[2];

	SAFE(pipe(p));
	EXPECT_EQ(fcntl(p[0], F_GETOWN), 0);
	EXPECT_OK(fcntl(p[0], F_SETOWN, getpid()));
	EXPECT_EQ(fcntl(p[0], F_GETOWN), getpid());
	EXPECT_OK(fcntl(p[0], F_SETOWN, -getpgrp()));
	EXPECT_EQ(fcntl(p[0], F_GETOWN), -getpgrp());
	EXPECT_EQ(fcntl(p[0], F_GETSIG), 0);
	EXPECT_OK(fcntl(p[0], F_SETSIG, SIGUSR1));
	EXPECT_EQ(fcntl(p[0], F_GETSIG), SIGUSR1);
	EXPECT_FAIL(fcntl(p[0], F_SETSIG, 200), EINVAL);
}

const struct t_test t_test = { .run = run };
