/*
 * semop04: a sleeping semop interrupted by a caught signal fails with EINTR
 * even with SA_RESTART (semop is never restarted); semtimedop gives up
 * with EAGAIN after its timeout (a zero timeout at once), and rejects a
 * bad timespec with EINVAL; the interrupted or timed-out operation leaves
 * the counts as they were.
 */
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>

#include "tipc.h"

static void on_sig(int sig) { (void)sig; }

static int semtimedop_raw(int id, struct sembuf *ops, size_t n, const struct timespec *ts)
{
	return syscall(SYS_semtimedop, id, ops, n, ts);
}

static void run(void)
{
	int id = t_sem_new(1, 0600);
	struct sembuf op = { 0, -1, 0 };
	struct sigaction sa = { .sa_handler = on_sig, .sa_flags = SA_RESTART };
	struct timespec ts = { 0, 200 * 1000 * 1000 };
	long long t0;
	pid_t sender;

	SAFE(sigaction(SIGUSR1, &sa, NULL));
	sender = t_signal_repeatedly(SIGUSR1, 50);
	EXPECT_FAIL(semop(id, &op, 1), EINTR);
	t_signal_stop(sender);
	EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
	EXPECT_EQ(semctl(id, 0, GETVAL), 0);

	t0 = t_now_us();
	EXPECT_FAIL(semtimedop_raw(id, &op, 1, &ts), EAGAIN);
	EXPECT_MSG(t_now_us() - t0 >= 190000, "semtimedop waited its timeout");
	ts.tv_nsec = 0;
	EXPECT_FAIL(semtimedop_raw(id, &op, 1, &ts), EAGAIN);
	ts.tv_nsec = 1000000000;
	EXPECT_FAIL(semtimedop_raw(id, &op, 1, &ts), EINVAL);
	ts.tv_nsec = 0;
	ts.tv_sec = -1;
	EXPECT_FAIL(semtimedop_raw(id, &op, 1, &ts), EINVAL);
	EXPECT_FAIL(semtimedop_raw(id, &op, 1, t_bad_addr()), EFAULT);
	/* A timeout is no obstacle when the operation can proceed. */
	SAFE(semctl(id, 0, SETVAL, 1));
	ts.tv_sec = 0;
	EXPECT_OK(semtimedop_raw(id, &op, 1, &ts));
	EXPECT_EQ(semctl(id, 0, GETVAL), 0);
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
