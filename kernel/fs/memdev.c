/*
 * The memory devices of major 1, as Linux numbers them: /dev/null (1:3),
 * /dev/zero (1:5), /dev/full (1:7), /dev/random (1:8), /dev/urandom (1:9)
 * and /dev/kmsg (1:11, the kernel log).
 */
#include <kernel/poll.h>
#include <kernel/random.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

static ssize_t null_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	return 0;
}

static ssize_t null_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	size_t n = iov_iter_count(from);

	iov_iter_advance(from, n);
	return n;
}

static ssize_t zero_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	size_t want = iov_iter_count(to), done = 0;

	while (done < want) {
		size_t chunk = MIN(want - done, (size_t)PAGE_SIZE), got;

		got = iov_iter_zero(chunk, to);
		done += got;
		if (got < chunk)
			return done ? (ssize_t)done : -EFAULT;
		if (signal_pending(current))
			return done;
	}
	return done;
}

static ssize_t full_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	return -ENOSPC;
}

static ssize_t random_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	u8 buf[256];
	size_t want = iov_iter_count(to), done = 0;

	while (done < want) {
		size_t chunk = MIN(want - done, sizeof(buf)), got;

		get_random_bytes(buf, chunk);
		got = copy_to_iter(buf, chunk, to);
		done += got;
		if (got < chunk) {
			memset(buf, 0, sizeof(buf));
			return done ? (ssize_t)done : -EFAULT;
		}
		if (done < want && signal_pending(current))
			break;
	}
	memset(buf, 0, sizeof(buf));
	return done;
}

static ssize_t random_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	u8 buf[256];
	size_t done = 0;

	while (iov_iter_count(from)) {
		size_t chunk = MIN(iov_iter_count(from), sizeof(buf));
		size_t got = copy_from_iter(buf, chunk, from);

		add_random_bytes(buf, got);
		done += got;
		if (got < chunk)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

#define LINUX_RNDGETENTCNT 0x80045200

static long random_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
	if (cmd == LINUX_RNDGETENTCNT)
		return put_user(256, (int __user *)arg);   /* always fully seeded */
	return -ENOTTY;
}

/* ---- /dev/kmsg: the log, one record per read ---- */

/* A reader's window on the ring: a copy of the log from some position on,
 * refilled from where it ended once it is used up (blocking until there is
 * more, unless O_NONBLOCK). */
struct kmsg_state {
	char *buf;      /* the copy */
	size_t len;
	size_t off;     /* next line to hand out */
	u64 next;       /* ring position just after the copy */
	u64 seq;
	struct mutex lock;   /* one reader at a time per open file */
};

#define KMSG_SNAPSHOT (64 * 1024)

/* Copy the log from pos on; false if the ring no longer held all of it
 * (records were lost, overwritten). A copy that starts mid-line skips to
 * the first full one. */
static bool kmsg_fill(struct kmsg_state *k, u64 pos)
{
	bool lost;

	k->len = printk_read_log_from(pos, k->buf, KMSG_SNAPSHOT, &k->next);
	k->off = 0;
	lost = k->next - k->len > pos;
	if (lost || (pos && k->len == KMSG_SNAPSHOT)) {
		char *nl = memchr(k->buf, '\n', k->len);

		k->off = nl ? (size_t)(nl + 1 - k->buf) : k->len;
	}
	return !lost;
}

static int kmsg_open(struct inode *inode, struct file *f)
{
	struct kmsg_state *k;

	if (!(f->f_mode & FMODE_READ))
		return 0;
	k = kzalloc(sizeof(*k), GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	k->buf = kmalloc(KMSG_SNAPSHOT, GFP_KERNEL);
	if (!k->buf) {
		kfree(k);
		return -ENOMEM;
	}
	mutex_init(&k->lock, "kmsg");
	{
		u64 head = printk_log_head();

		/* Linux starts a reader at the oldest record the ring holds. */
		kmsg_fill(k, head > KMSG_SNAPSHOT ? head - KMSG_SNAPSHOT : 0);
	}
	f->private_data = k;
	return 0;
}

static int kmsg_release(struct inode *inode, struct file *f)
{
	struct kmsg_state *k = f->private_data;

	if (k) {
		kfree(k->buf);
		kfree(k);
	}
	return 0;
}

static ssize_t kmsg_read_locked(struct file *f, struct kmsg_state *k, struct iov_iter *to)
{
	char rec[1100];
	size_t linelen, n;
	char *nl;
	int hdr;

	while (k->off >= k->len) {
		u64 from = k->next;

		if (printk_log_head() <= from) {
			int r;

			if (f->f_flags & LINUX_O_NONBLOCK)
				return -EAGAIN;
			r = printk_wait_for_more(from);
			if (r)
				return r;
		}
		if (!kmsg_fill(k, from)) {
			/* As Linux: one EPIPE says records were overwritten
			 * before this reader got them; reading goes on. */
			k->seq++;
			return -EPIPE;
		}
	}
	nl = memchr(k->buf + k->off, '\n', k->len - k->off);
	linelen = nl ? (size_t)(nl - (k->buf + k->off)) : k->len - k->off;
	/* The log's "<L>[ sec.usec] text" becomes Linux's record
	 * "L,seq,usec,-;text". */
	{
		const char *s = k->buf + k->off, *end = s + linelen;
		unsigned long long sec = 0, usec = 0;
		int level = 6;

		if (end - s >= 3 && s[0] == '<' && s[1] >= '0' && s[1] <= '7' && s[2] == '>') {
			level = s[1] - '0';
			s += 3;
		}
		if (s < end && *s == '[') {
			const char *p = s + 1;

			while (p < end && *p == ' ')
				p++;
			while (p < end && *p >= '0' && *p <= '9')
				sec = sec * 10 + (unsigned)(*p++ - '0');
			if (p < end && *p == '.')
				p++;
			while (p < end && *p >= '0' && *p <= '9')
				usec = usec * 10 + (unsigned)(*p++ - '0');
			if (p < end && *p == ']') {
				s = p + 1;
				if (s < end && *s == ' ')
					s++;
			}
		}
		hdr = snprintf(rec, sizeof(rec), "%d,%llu,%llu,-;", level,
			       (unsigned long long)k->seq, sec * 1000000ULL + usec);
		n = MIN((size_t)(end - s), sizeof(rec) - hdr - 1);
		memcpy(rec + hdr, s, n);
	}
	rec[hdr + n] = '\n';
	n += hdr + 1;
	/* Linux moves past the record before it checks the buffer: one too
	 * small for it loses it. */
	k->off += linelen + (nl ? 1 : 0);
	k->seq++;
	if (iov_iter_count(to) < n)
		return -EINVAL;   /* the buffer must hold a whole record */
	if (copy_to_iter(rec, n, to) < n)
		return -EFAULT;
	return n;
}

static ssize_t kmsg_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct kmsg_state *k = f->private_data;
	ssize_t r;

	if (!k)
		return -EBADF;
	mutex_lock(&k->lock);
	r = kmsg_read_locked(f, k, to);
	mutex_unlock(&k->lock);
	return r;
}

static unsigned kmsg_poll(struct file *f, struct poll_table *pt)
{
	struct kmsg_state *k = f->private_data;

	if (!k)
		return POLLERR;
	poll_wait(f, printk_log_wait(), pt);
	if (READ_ONCE(k->off) < READ_ONCE(k->len) || printk_log_head() > READ_ONCE(k->next))
		return POLLIN | POLLRDNORM;
	return 0;
}

static ssize_t kmsg_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	char buf[512];
	size_t n = MIN(iov_iter_count(from), sizeof(buf) - 1), total = iov_iter_count(from);
	const char *p = buf;
	char level = '0' + LOGLEVEL_DEFAULT;

	if (copy_from_iter(buf, n, from) < n)
		return -EFAULT;
	iov_iter_advance(from, iov_iter_count(from));
	buf[n] = 0;
	/* A "<N>" prefix: N's low three bits are the level. XXX: Linux also
	 * keeps the facility (N >> 3, LOG_USER when none is given) and shows
	 * it in the record's PRI; ours are all facility 0. */
	if (p[0] == '<') {
		char *e;
		unsigned long v = strtoul(p + 1, &e, 10);

		if (e != p + 1 && *e == '>') {
			level = '0' + (v & 7);
			p = e + 1;
		}
	}
	printk("\001%c%s%s", level, p, (n && buf[n - 1] == '\n') ? "" : "\n");
	return total;
}

static const struct file_operations null_fops = {
	.llseek = noop_llseek,
	.read_iter = null_read,
	.write_iter = null_write,
};

static const struct file_operations zero_fops = {
	.llseek = noop_llseek,
	.read_iter = zero_read,
	.write_iter = null_write,
};

/* Mappings of /dev/zero are anonymous memory (kernel/mm makes MAP_SHARED
 * ones one shared object, as Linux's shmem_zero_setup). */
bool file_mmap_anon(struct file *f)
{
	return f->f_op == &zero_fops;
}

static const struct file_operations full_fops = {
	.llseek = noop_llseek,
	.read_iter = zero_read,
	.write_iter = full_write,
};

static const struct file_operations random_fops = {
	.llseek = noop_llseek,
	.read_iter = random_read,
	.write_iter = random_write,
	.ioctl = random_ioctl,
	.fasync = true,
};

static const struct file_operations kmsg_fops = {
	.llseek = noop_llseek,
	.open = kmsg_open,
	.release = kmsg_release,
	.read_iter = kmsg_read,
	.write_iter = kmsg_write,
	.poll = kmsg_poll,
};

void mem_devices_init(void)
{
	chrdev_register(1, 3, "null", 0666, &null_fops);
	chrdev_register(1, 5, "zero", 0666, &zero_fops);
	chrdev_register(1, 7, "full", 0666, &full_fops);
	chrdev_register(1, 8, "random", 0666, &random_fops);
	chrdev_register(1, 9, "urandom", 0666, &random_fops);
	chrdev_register(1, 11, "kmsg", 0644, &kmsg_fops);
}
