/*
 * kmsg01 (LTP's kmsg01): /dev/kmsg. A line written to it comes back to
 * every reader as one record "PRI,SEQ,USEC,FLAGS;text" with the level
 * written and sequence numbers rising; a non-blocking reader at the end
 * gets EAGAIN and poll says nothing is ready; a blocking read at the end
 * sleeps until another process logs a line (300 ms later) and returns
 * it; poll sleeps until a line is logged and reports POLLIN; a buffer too
 * small for the next record is EINVAL, and that record is gone (Linux
 * moves the reader past it first).
 */
#include <poll.h>

#include "harness.h"

static char rec[8192];

/* One record from fd into rec (NUL-ended); the read's result. */
static ssize_t read_rec(int fd, size_t size)
{
	ssize_t n = read(fd, rec, size);

	rec[n > 0 ? n : 0] = 0;
	return n;
}

/* Read records until one holds marker; checks each record's form and
 * that sequence numbers rise. Returns 1 if found, 0 at EAGAIN. */
static int read_until(int fd, const char *marker, unsigned long long *last_seq)
{
	for (;;) {
		unsigned long long seq, usec;
		unsigned pri;
		char flag;
		ssize_t n = read_rec(fd, sizeof(rec) - 1);

		if (n < 0 && errno == EPIPE)
			continue;	/* records overwritten meanwhile: go on */
		if (n < 0) {
			if (errno != EAGAIN)
				t_report(__FILE__, __LINE__, TFAIL, "read: %s", t_errname(errno));
			return 0;
		}
		if (sscanf(rec, "%u,%llu,%llu,%c", &pri, &seq, &usec, &flag) != 4 || !strchr(rec, ';') ||
		    rec[n - 1] != '\n') {
			t_report(__FILE__, __LINE__, TFAIL, "record not PRI,SEQ,USEC,FLAGS;text\\n: %.60s",
				 rec);
			return 0;
		}
		if (*last_seq != ~0ULL && seq <= *last_seq) {
			t_report(__FILE__, __LINE__, TFAIL, "sequence %llu after %llu", seq, *last_seq);
			return 0;
		}
		*last_seq = seq;
		if (strstr(rec, marker)) {
			EXPECT_MSG((pri & 7) == 6, "level 6 (info) as written: %.40s", rec);
			return 1;
		}
	}
}

static void log_line(const char *marker)
{
	char line[128];
	int fd = open("/dev/kmsg", O_WRONLY);

	if (fd < 0)
		t_brk(TBROK, "open /dev/kmsg for writing: %s", t_errname(errno));
	snprintf(line, sizeof(line), "<6>%s\n", marker);
	if (write(fd, line, strlen(line)) != (ssize_t)strlen(line))
		t_brk(TBROK, "write /dev/kmsg: %s", t_errname(errno));
	close(fd);
}

/* A child that logs marker after ms. */
static pid_t log_later(const char *marker, unsigned ms)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		t_msleep(ms);
		log_line(marker);
		_exit(0);
	}
	return pid;
}

/* Read everything there is now, without blocking (poll says when). */
static void drain(int fd, unsigned long long *seq)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	while (poll(&p, 1, 0) == 1 && (p.revents & POLLIN)) {
		if (read_rec(fd, sizeof(rec) - 1) < 0 && errno != EPIPE)
			break;
		(void)seq;
	}
}

static void run(void)
{
	char m1[64], m2[64], m3[64], m4[64];
	unsigned long long seq = ~0ULL, seqb = ~0ULL;
	struct pollfd p;
	long long t0;
	pid_t pid;
	int fd, fdb;

	snprintf(m1, sizeof(m1), "kmsg01-%d-first", getpid());
	snprintf(m2, sizeof(m2), "kmsg01-%d-blocked", getpid());
	snprintf(m3, sizeof(m3), "kmsg01-%d-polled", getpid());
	snprintf(m4, sizeof(m4), "kmsg01-%d-small", getpid());

	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		t_brk(TBROK, "open /dev/kmsg: %s", t_errname(errno));
	log_line(m1);
	EXPECT_MSG(read_until(fd, m1, &seq), "the line written is read back as a record");
	/* At the end now (unless the kernel just logged something). */
	drain(fd, &seq);
	EXPECT_FAIL(read_rec(fd, sizeof(rec) - 1), EAGAIN);

	/* A blocking reader at the end sleeps until a line comes. */
	fdb = open("/dev/kmsg", O_RDONLY);
	if (fdb < 0)
		t_brk(TBROK, "open /dev/kmsg: %s", t_errname(errno));
	drain(fdb, &seqb);
	pid = log_later(m2, 300);
	t0 = t_now_us();
	EXPECT_MSG(read_until(fdb, m2, &seqb), "a blocking read returns the line logged later");
	EXPECT_MSG(t_now_us() - t0 >= 200000, "the read slept until the line came (%lld us)",
		   t_now_us() - t0);
	t_reap(pid);

	/* poll sleeps until a line is logged. */
	drain(fdb, &seqb);
	p.fd = fdb;
	p.events = POLLIN;
	p.revents = 0;
	EXPECT_EQ(poll(&p, 1, 0), 0);
	pid = log_later(m3, 300);
	EXPECT_EQ(poll(&p, 1, 5000), 1);
	EXPECT(p.revents & POLLIN);
	EXPECT_MSG(read_until(fdb, m3, &seqb), "the polled line is read");
	t_reap(pid);

	/* Too small a buffer: EINVAL, and the record is skipped. */
	drain(fd, &seq);
	log_line(m4);
	EXPECT_FAIL(read_rec(fd, 8), EINVAL);
	EXPECT_MSG(!read_until(fd, m4, &seq), "the record refused to a small buffer is gone");
	close(fdb);
	close(fd);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
