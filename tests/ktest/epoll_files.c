/*
 * Event files from kernel code: eventfd counter rules; epoll interest-list
 * errors, readiness of an epoll file fed by an eventfd, nested epoll with
 * the loop check, removal of a watched file on its last fput, a wakeup
 * passing eventfd -> epoll -> poll waiter from another thread; timerfd
 * expirations and re-arming; signalfd taking a blocked signal. Runs as a
 * process (proc_test.h) so that signals and credentials exist.
 */
#include <kernel/clock.h>
#include <kernel/eventpoll.h>
#include <kernel/poll.h>
#include <kernel/timer.h>
#include <linuxabi/uapi/time.h>

#include "kernel/fs/select.h"
#include "proc_test.h"

static ssize_t rd64(struct file *f, u64 *v)
{
	return kernel_read(f, v, sizeof(*v), NULL);
}

static ssize_t wr64(struct file *f, u64 v)
{
	return kernel_write(f, &v, sizeof(v), NULL);
}

static int eventfd_body(void *unused)
{
	struct file *f = eventfd_create(5, LINUX_EFD_NONBLOCK), *s;
	u64 v = 0;

	PT_CHECK(!IS_ERR(f));
	PT_EQ(rd64(f, &v), 8);
	PT_EQ(v, 5);
	PT_EQ(rd64(f, &v), -EAGAIN);
	PT_EQ(vfs_poll(f, NULL), POLLOUT | POLLWRNORM);
	PT_EQ(kernel_read(f, &v, 4, NULL), -EINVAL);
	PT_EQ(wr64(f, ~0ULL), -EINVAL);
	PT_EQ(wr64(f, 0xfffffffffffffffeULL), 8);
	PT_EQ(vfs_poll(f, NULL), POLLIN | POLLRDNORM);
	PT_EQ(wr64(f, 1), -EAGAIN);
	PT_EQ(eventfd_signal(f, 10), 0);      /* saturates */
	PT_EQ(rd64(f, &v), 8);
	PT_EQ(v, 0xfffffffffffffffeULL);
	fput(f);

	s = eventfd_create(2, LINUX_EFD_NONBLOCK | LINUX_EFD_SEMAPHORE);
	PT_CHECK(!IS_ERR(s));
	PT_EQ(rd64(s, &v), 8);
	PT_EQ(v, 1);
	PT_EQ(rd64(s, &v), 8);
	PT_EQ(rd64(s, &v), -EAGAIN);
	fput(s);
	return 0;
}

KTEST(epoll_eventfd)
{
	PT_RUN(eventfd_body, NULL);
}

static int ctl_body(void *unused)
{
	struct linux_epoll_event ev = { .events = EPOLLIN, .data = 42 };
	struct file *ep = eventpoll_create(), *ep2 = eventpoll_create();
	struct file *efd = eventfd_create(0, LINUX_EFD_NONBLOCK), *efd2;
	struct file *reg;

	PT_CHECK(!IS_ERR(ep) && !IS_ERR(ep2) && !IS_ERR(efd));
	PT_EQ(eventpoll_ctl(ep, LINUX_EPOLL_CTL_ADD, 3, efd, &ev), 0);
	PT_EQ(eventpoll_ctl(ep, LINUX_EPOLL_CTL_ADD, 3, efd, &ev), -EEXIST);
	PT_EQ(eventpoll_ctl(ep, LINUX_EPOLL_CTL_MOD, 4, efd, &ev), -ENOENT);
	PT_EQ(eventpoll_ctl(ep, LINUX_EPOLL_CTL_DEL, 4, efd, NULL), -ENOENT);
	PT_EQ(eventpoll_ctl(ep, LINUX_EPOLL_CTL_ADD, 5, ep, &ev), -EINVAL);
	PT_EQ(eventpoll_ctl(efd, LINUX_EPOLL_CTL_ADD, 5, ep, &ev), -EINVAL);
	PT_EQ(eventpoll_ctl(ep, 42, 3, efd, &ev), -EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
	PT_EQ(eventpoll_ctl(ep, LINUX_EPOLL_CTL_ADD, 9, efd, &ev), -EINVAL);
	ev.events = EPOLLIN;
	vfs_mkdirat(LINUX_AT_FDCWD, "/tmp", 01777);
	reg = filp_open("/tmp/epoll_reg", LINUX_O_RDWR | LINUX_O_CREAT, 0600);
	PT_CHECK(!IS_ERR(reg));
	PT_EQ(eventpoll_ctl(ep, LINUX_EPOLL_CTL_ADD, 6, reg, &ev), -EPERM);
	fput(reg);
	vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/epoll_reg");

	/* Readiness flows up: eventfd -> ep -> ep2. */
	PT_EQ(vfs_poll(ep, NULL), 0);
	PT_EQ(eventpoll_ctl(ep2, LINUX_EPOLL_CTL_ADD, 7, ep, &ev), 0);
	PT_EQ(eventpoll_ctl(ep, LINUX_EPOLL_CTL_ADD, 8, ep2, &ev), -ELOOP);
	PT_EQ(vfs_poll(ep2, NULL), 0);
	PT_EQ(eventfd_signal(efd, 1), 0);
	PT_EQ(vfs_poll(ep, NULL), POLLIN | POLLRDNORM);
	PT_EQ(vfs_poll(ep2, NULL), POLLIN | POLLRDNORM);

	/* A disarmed condition is not reported though the item is queued. */
	PT_EQ(eventpoll_ctl(ep, LINUX_EPOLL_CTL_DEL, 3, efd, NULL), 0);
	PT_EQ(vfs_poll(ep, NULL), 0);

	/* The last fput of a watched file takes it off the list. */
	efd2 = eventfd_create(1, 0);
	PT_CHECK(!IS_ERR(efd2));
	PT_EQ(eventpoll_ctl(ep, LINUX_EPOLL_CTL_ADD, 10, efd2, &ev), 0);
	PT_EQ(vfs_poll(ep, NULL), POLLIN | POLLRDNORM);
	fput(efd2);
	PT_EQ(vfs_poll(ep, NULL), 0);

	/* Closing the inner epoll while the outer still watches it. */
	fput(ep);
	PT_EQ(vfs_poll(ep2, NULL), 0);
	fput(ep2);
	fput(efd);
	return 0;
}

KTEST(epoll_ctl_errors)
{
	PT_RUN(ctl_body, NULL);
}

struct poke {
	struct file *f;
	struct completion done;
};

static int poke_thread(void *arg)
{
	struct poke *p = arg;

	msleep(20);
	eventfd_signal(p->f, 3);
	complete(&p->done);
	return 0;
}

/* Sleep as poll(2) would on one file until it reports events or 2 s pass. */
static unsigned poll_one(struct file *f)
{
	struct poll_wqueues pw;
	u64 deadline = ktime_get_ns() + 2 * NSEC_PER_SEC;
	unsigned mask;

	poll_initwait(&pw);
	mask = vfs_poll(f, &pw.pt);
	while (!mask) {
		if (poll_schedule(&pw, deadline))
			break;
		mask = vfs_poll(f, NULL);
	}
	poll_freewait(&pw);
	return mask;
}

static int wake_body(void *unused)
{
	struct linux_epoll_event ev = { .events = EPOLLIN | EPOLLET };
	struct file *ep = eventpoll_create();
	struct poke p;
	u64 t0 = ktime_get_ns();

	p.f = eventfd_create(0, 0);
	PT_CHECK(!IS_ERR(ep) && !IS_ERR(p.f));
	init_completion(&p.done);
	PT_EQ(eventpoll_ctl(ep, LINUX_EPOLL_CTL_ADD, 1, p.f, &ev), 0);
	PT_CHECK(kthread_run(poke_thread, &p, "epoll-poke"));
	PT_EQ(poll_one(ep), POLLIN | POLLRDNORM);
	PT_CHECK(ktime_get_ns() - t0 >= 15 * NSEC_PER_MSEC);
	wait_for_completion(&p.done);
	fput(ep);
	fput(p.f);
	return 0;
}

KTEST(epoll_wakeup)
{
	PT_RUN(wake_body, NULL);
}

static int timerfd_body(void *unused)
{
	struct file *f = timerfd_create(LINUX_CLOCK_MONOTONIC, LINUX_TFD_NONBLOCK);
	struct timerfd_spec spec = { .value = 20 * NSEC_PER_MSEC }, cur;
	u64 v = 0, t0 = ktime_get_ns();

	PT_CHECK(!IS_ERR(f));
	PT_CHECK(IS_ERR(timerfd_create(12345, 0)));
	PT_EQ(rd64(f, &v), -EAGAIN);
	PT_EQ(timerfd_settime(f, 0, &spec, NULL), 0);
	PT_EQ(timerfd_gettime(f, &cur), 0);
	PT_CHECK(cur.value > 0 && cur.value <= 20 * NSEC_PER_MSEC && cur.interval == 0);
	PT_EQ(poll_one(f), POLLIN | POLLRDNORM);
	PT_CHECK(ktime_get_ns() - t0 >= 19 * NSEC_PER_MSEC);
	PT_EQ(rd64(f, &v), 8);
	PT_EQ(v, 1);
	PT_EQ(timerfd_gettime(f, &cur), 0);
	PT_EQ(cur.value, 0);

	/* Periodic: several expirations accumulate. */
	spec.value = spec.interval = 5 * NSEC_PER_MSEC;
	PT_EQ(timerfd_settime(f, 0, &spec, NULL), 0);
	msleep(40);
	PT_EQ(rd64(f, &v), 8);
	PT_CHECK(v >= 4);
	spec.value = spec.interval = 0;
	PT_EQ(timerfd_settime(f, 0, &spec, &cur), 0);
	PT_EQ(cur.interval, 5 * NSEC_PER_MSEC);
	msleep(15);
	PT_EQ(rd64(f, &v), -EAGAIN);

	/* Absolute, in the past: at once. */
	spec.value = 1;
	PT_EQ(timerfd_settime(f, LINUX_TFD_TIMER_ABSTIME, &spec, NULL), 0);
	PT_EQ(poll_one(f), POLLIN | POLLRDNORM);
	fput(f);
	return 0;
}

KTEST(epoll_timerfd)
{
	PT_RUN(timerfd_body, NULL);
}

static int signalfd_body(void *unused)
{
	struct linux_signalfd_siginfo si[2];
	sigset_t set = { 0 };
	struct file *f;
	ksiginfo_t info;

	/* Both blocked (unblocked, SIGUSR2's default action would kill us);
	 * only SIGUSR1 in the file's mask at first. */
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	set_current_blocked(&set);
	sigdelset(&set, SIGUSR2);
	f = signalfd_create(&set, LINUX_SFD_NONBLOCK);
	PT_CHECK(!IS_ERR(f));
	PT_EQ(kernel_read(f, si, sizeof(si), NULL), -EAGAIN);
	PT_EQ(kernel_read(f, si, 8, NULL), -EINVAL);
	PT_EQ(vfs_poll(f, NULL), 0);
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGUSR1;
	info.si_code = SI_QUEUE;
	info.f.rt.pid = 1234;
	info.f.rt.sigval.sival_int = 77;
	PT_EQ(send_sig_info(SIGUSR1, &info, current, true), 0);
	PT_EQ(vfs_poll(f, NULL), POLLIN | POLLRDNORM);
	PT_EQ(kernel_read(f, si, sizeof(si), NULL), sizeof(si[0]));
	PT_EQ(si[0].ssi_signo, SIGUSR1);
	PT_EQ(si[0].ssi_code, SI_QUEUE);
	PT_EQ(si[0].ssi_pid, 1234);
	PT_EQ(si[0].ssi_int, 77);
	PT_EQ(vfs_poll(f, NULL), 0);
	/* A signal outside the file's mask stays pending. */
	send_sig_info(SIGUSR2, NULL, current, false);
	PT_EQ(kernel_read(f, si, sizeof(si), NULL), -EAGAIN);
	sigaddset(&set, SIGUSR2);
	signalfd_set_mask(f, &set);
	PT_EQ(kernel_read(f, si, sizeof(si), NULL), sizeof(si[0]));
	PT_EQ(si[0].ssi_signo, SIGUSR2);
	PT_EQ(si[0].ssi_code, SI_KERNEL);
	PT_EQ(kernel_read(f, si, sizeof(si), NULL), -EAGAIN);
	fput(f);
	return 0;
}

KTEST(epoll_signalfd)
{
	PT_RUN(signalfd_body, NULL);
}

/* Several CPUs at once: writers signal eventfds watched through a nested
 * epoll while another thread keeps removing and re-adding one of them and
 * the test drains whatever the outer epoll says is ready. Every unit
 * written is read back exactly once. */
#define STRESS_FDS 4
#define STRESS_WRITES 20000

struct stress {
	struct file *inner, *efd[STRESS_FDS];
	struct file *donefd;            /* in the outer epoll: wakes the drainer at the end */
	int writers_left;
	bool stop;
	struct completion done;
};

static int stress_writer(void *arg)
{
	struct stress *s = arg;

	for (int i = 0; i < STRESS_WRITES; i++)
		eventfd_signal(s->efd[i % STRESS_FDS], 1);
	if (__atomic_sub_fetch(&s->writers_left, 1, __ATOMIC_ACQ_REL) == 0) {
		complete(&s->done);
		eventfd_signal(s->donefd, 1);
	}
	return 0;
}

static int stress_churn(void *arg)
{
	struct stress *s = arg;
	struct linux_epoll_event ev = { .events = EPOLLIN };

	while (!READ_ONCE(s->stop)) {
		eventpoll_ctl(s->inner, LINUX_EPOLL_CTL_DEL, STRESS_FDS - 1, s->efd[STRESS_FDS - 1], NULL);
		eventpoll_ctl(s->inner, LINUX_EPOLL_CTL_ADD, STRESS_FDS - 1, s->efd[STRESS_FDS - 1], &ev);
	}
	__atomic_add_fetch(&s->writers_left, -1, __ATOMIC_ACQ_REL);
	return 0;
}

static u64 stress_drain(struct stress *s)
{
	u64 total = 0, v;

	for (int i = 0; i < STRESS_FDS; i++)
		if (rd64(s->efd[i], &v) == 8)
			total += v;
	return total;
}

static int stress_body(void *unused)
{
	struct linux_epoll_event ev = { .events = EPOLLIN | EPOLLET };
	struct stress s = { .writers_left = 2 };
	struct file *outer = eventpoll_create();
	u64 total = 0;
	int lost_wakeups = 0;

	init_completion(&s.done);
	s.inner = eventpoll_create();
	PT_CHECK(!IS_ERR(outer) && !IS_ERR(s.inner));
	for (int i = 0; i < STRESS_FDS; i++) {
		s.efd[i] = eventfd_create(0, LINUX_EFD_NONBLOCK);
		PT_CHECK(!IS_ERR(s.efd[i]));
		PT_EQ(eventpoll_ctl(s.inner, LINUX_EPOLL_CTL_ADD, i, s.efd[i], &ev), 0);
	}
	PT_EQ(eventpoll_ctl(outer, LINUX_EPOLL_CTL_ADD, 100, s.inner, &ev), 0);
	s.donefd = eventfd_create(0, LINUX_EFD_NONBLOCK);
	PT_CHECK(!IS_ERR(s.donefd));
	PT_EQ(eventpoll_ctl(outer, LINUX_EPOLL_CTL_ADD, 101, s.donefd, &ev), 0);
	PT_CHECK(kthread_run(stress_churn, &s, "epoll-churn"));
	PT_CHECK(kthread_run(stress_writer, &s, "epoll-w1"));
	PT_CHECK(kthread_run(stress_writer, &s, "epoll-w2"));
	/* No early return until the threads are gone: they use s, which
	 * lives on this stack. */
	while (!completion_done(&s.done)) {
		/* poll_one's 2 s timeout would mean a lost wakeup. */
		if (poll_one(outer) != (POLLIN | POLLRDNORM))
			lost_wakeups++;
		total += stress_drain(&s);
	}
	total += stress_drain(&s);
	WRITE_ONCE(s.stop, true);
	while (__atomic_load_n(&s.writers_left, __ATOMIC_ACQUIRE) != -1)
		msleep(1);
	PT_EQ(lost_wakeups, 0);
	PT_EQ(total, 2 * STRESS_WRITES);
	fput(outer);
	/* The inner epoll goes last but one: its items go with it. */
	fput(s.inner);
	fput(s.donefd);
	for (int i = 0; i < STRESS_FDS; i++)
		fput(s.efd[i]);
	return 0;
}

KTEST(epoll_stress)
{
	PT_RUN(stress_body, NULL);
}

/*
 * Nesting limit counted both ways: a chain grown from the top (each new,
 * empty epoll added below the previous bottom one) must stop at
 * EP_MAX_NESTS (4) levels of epoll-in-epoll, as Linux does; without the
 * upward count it grew without bound.
 */
static int depth_body(void *unused)
{
	struct linux_epoll_event ev = { .events = EPOLLIN };
	struct file *e[7];
	int ok = 0;

	for (int i = 0; i < 7; i++) {
		e[i] = eventpoll_create();
		PT_CHECK(!IS_ERR(e[i]));
	}
	/* e0 > e1 > e2 > e3 > e4 is four levels of nesting: allowed. */
	for (int i = 0; i < 6; i++) {
		if (eventpoll_ctl(e[i], LINUX_EPOLL_CTL_ADD, 20 + i, e[i + 1], &ev))
			break;
		ok++;
	}
	PT_EQ(ok, 4);
	PT_EQ(eventpoll_ctl(e[4], LINUX_EPOLL_CTL_ADD, 30, e[5], &ev), -ELOOP);
	for (int i = 6; i >= 0; i--)
		fput(e[i]);
	return 0;
}

KTEST(epoll_nest_depth_up)
{
	PT_RUN(depth_body, NULL);
}
