/*
 * timerfd01: a CLOCK_MONOTONIC timerfd armed for 100 ms becomes readable
 * after it expires and read() returns the expiration count (8 bytes);
 * a periodic timer accumulates expirations; timerfd_gettime reports the
 * remaining time and interval; disarming with a zero value stops it;
 * TFD_TIMER_ABSTIME with a past time expires at once.
 */
#include <poll.h>
#include <sys/timerfd.h>
#include <time.h>

#include "harness.h"

static void run(void)
{
	struct itimerspec its = { { 0, 0 }, { 0, 100000000 } }, cur;
	struct pollfd pfd;
	struct timespec now;
	uint64_t n;
	long long t0;
	int fd;

	fd = EXPECT_OK(timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC));
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	t0 = t_now_us();
	EXPECT_OK(timerfd_settime(fd, 0, &its, NULL));
	SAFE(timerfd_gettime(fd, &cur));
	EXPECT(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 &&
	       cur.it_value.tv_nsec <= 100000000);
	EXPECT_EQ(read(fd, &n, 8), 8);
	EXPECT_EQ(n, 1);
	EXPECT(t_now_us() - t0 >= 90000);
	its.it_interval.tv_nsec = 20000000;
	its.it_value.tv_nsec = 20000000;
	SAFE(timerfd_settime(fd, 0, &its, NULL));
	t_msleep(150);
	EXPECT_EQ(read(fd, &n, 8), 8);
	EXPECT_MSG(n >= 3, "periodic timer expired %llu times", (unsigned long long)n);
	SAFE(timerfd_gettime(fd, &cur));
	EXPECT(cur.it_interval.tv_nsec == 20000000);
	memset(&its, 0, sizeof(its));
	SAFE(timerfd_settime(fd, 0, &its, NULL));
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	EXPECT_EQ(poll(&pfd, 1, 100), 0);
	SAFE(clock_gettime(CLOCK_MONOTONIC, &now));
	its.it_value.tv_sec = now.tv_sec - 1;
	its.it_value.tv_nsec = 1;
	SAFE(timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL));
	EXPECT_EQ(poll(&pfd, 1, 1000), 1);
}

const struct t_test t_test = { .run = run };
