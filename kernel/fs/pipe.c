/*
 * Pipes and FIFOs: a ring of pages (64 KiB by default, F_SETPIPE_SZ
 * changes it) between writers and readers, with Linux's semantics:
 * a writer with O_DIRECT (pipe2(O_DIRECT), "packet mode") makes each write,
 * cut in page-sized pieces, a packet: a read returns at most one packet and
 * drops what it did not take of it (Linux's PIPE_BUF_FLAG_PACKET);
 * writes of at most PIPE_BUF bytes are atomic; a write with no reader left
 * fails with EPIPE and raises SIGPIPE; a read with no writer left returns
 * 0 once the pipe is empty; O_NONBLOCK turns waits into EAGAIN; a signal
 * ends a wait with -ERESTARTSYS when nothing was transferred yet.
 *
 * pipe(2) makes an unnamed inode on pipefs shared by two files; a FIFO is a
 * tmpfs inode whose pipe is made on first open and freed on last close.
 * Opening a FIFO waits for the other side as Linux does (read-only waits
 * for a writer, write-only for a reader; O_RDWR never waits; write-only
 * with O_NONBLOCK and no reader is ENXIO).
 *
 * pipe->lock (mutex) guards everything in the pipe; FIFO pipe creation and
 * freeing also hold the inode's i_mutex (lock order: i_mutex, pipe->lock).
 */
#include <kernel/uaccess.h>
#include <stdio.h>

#include <kernel/poll.h>
#include "internal.h"

#define PIPE_DEF_PAGES 16
#define PIPE_MAX_SIZE (1024 * 1024)   /* /proc/sys/fs/pipe-max-size */

struct pipe_inode_info {
	struct mutex lock;
	struct wait_queue_head rd_wait;   /* readers waiting for data or for a writer */
	struct wait_queue_head wr_wait;   /* writers waiting for room or for a reader */
	struct page **pages;              /* ring, allocated lazily */
	unsigned npages;
	u64 head, tail;                   /* bytes written / read so far */
	unsigned readers, writers;
	unsigned files;                   /* open files on it (FIFOs) */
	unsigned r_counter, w_counter;    /* opens so far, for FIFO open waits */
	/* Packets in the ring, oldest first: [start, end) byte positions. At
	 * most npages of them, as Linux has one buffer slot per packet. */
	struct pipe_packet { u64 start, end; } *pkts;
	unsigned npkts, pkt_first;        /* ring of npages entries */
};

static const struct file_operations pipe_fops;

static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->pages = kcalloc(PIPE_DEF_PAGES, sizeof(struct page *), GFP_KERNEL);
	if (!p->pages) {
		kfree(p);
		return NULL;
	}
	p->npages = PIPE_DEF_PAGES;
	mutex_init(&p->lock, "pipe.lock");
	init_waitqueue_head(&p->rd_wait);
	init_waitqueue_head(&p->wr_wait);
	return p;
}

void free_pipe_info(struct pipe_inode_info *p)
{
	kfree(p->pkts);
	for (unsigned i = 0; i < p->npages; i++)
		if (p->pages[i])
			free_page(p->pages[i]);
	kfree(p->pages);
	kfree(p);
}

static inline size_t pipe_size(const struct pipe_inode_info *p)
{
	return (size_t)p->npages * PAGE_SIZE;
}

static inline size_t pipe_used(const struct pipe_inode_info *p)
{
	return p->head - p->tail;
}

/* Where byte position x lives; allocates the page if asked. */
static char *pipe_byte(struct pipe_inode_info *p, u64 x, bool alloc)
{
	unsigned i = (x / PAGE_SIZE) % p->npages;

	if (!p->pages[i]) {
		if (!alloc)
			return NULL;
		p->pages[i] = alloc_page(GFP_KERNEL);
		if (!p->pages[i])
			return NULL;
	}
	return (char *)page_address(p->pages[i]) + x % PAGE_SIZE;
}

/* raw: splice's view, packets are plain bytes (Linux moves whole buffers,
 * packet or not); they are forgotten once consumed. */
static ssize_t do_pipe_read(struct file *f, struct iov_iter *to, bool nonblock, bool raw)
{
	struct pipe_inode_info *p = f->private_data;
	ssize_t ret = 0;
	bool was_full;

	if (!iov_iter_count(to))
		return 0;
	mutex_lock(&p->lock);
	for (;;) {
		size_t used = pipe_used(p);

		if (used) {
			was_full = used == pipe_size(p);
			while (used && iov_iter_count(to)) {
				size_t in = p->tail % PAGE_SIZE;
				size_t n = MIN(MIN(used, (size_t)PAGE_SIZE - in), iov_iter_count(to));
				struct pipe_packet *pk = p->npkts && !raw ? &p->pkts[p->pkt_first] : NULL;
				size_t got;

				/* Plain bytes stop at the next packet; a packet ends
				 * the read, its unread rest dropped. */
				if (pk && p->tail < pk->start)
					n = MIN(n, (size_t)(pk->start - p->tail));
				else if (pk)
					n = MIN(n, (size_t)(pk->end - p->tail));
				got = copy_to_iter(pipe_byte(p, p->tail, false), n, to);

				/* As Linux copies a pipe buffer: all or nothing. A fault
				 * leaves the chunk in the pipe and returns what earlier
				 * chunks moved, or EFAULT. */
				if (got < n) {
					if (!ret)
						ret = -EFAULT;
					goto done;
				}
				p->tail += got;
				ret += got;
				used -= got;
				if (pk && p->tail > pk->start) {
					used -= pk->end - p->tail;
					p->tail = pk->end;
					p->pkt_first = (p->pkt_first + 1) % p->npages;
					p->npkts--;
					break;
				}
				while (raw && p->npkts && p->pkts[p->pkt_first].end <= p->tail) {
					p->pkt_first = (p->pkt_first + 1) % p->npages;
					p->npkts--;
				}
			}
			/* Sync, as Linux's: a reader and a writer handing data
			 * back and forth keep to one CPU. */
			if (was_full || ret)
				wake_up_sync(&p->wr_wait);
			break;   /* Linux returns what it got without waiting for more */
		}
		if (!p->writers)
			break;   /* end of file */
		if (nonblock) {
			ret = -EAGAIN;
			break;
		}
		ret = wait_event_interruptible_locked(&p->rd_wait, pipe_used(p) || !p->writers,
						      &p->lock);
		if (ret)
			break;
	}
done:
	mutex_unlock(&p->lock);
	if (ret > 0)
		inode_touch(f->f_inode, true, false, false);
	return ret;
}

static ssize_t pipe_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	return do_pipe_read(f, to, f->f_flags & LINUX_O_NONBLOCK, false);
}

static ssize_t do_pipe_write(struct file *f, struct iov_iter *from, bool nonblock)
{
	struct pipe_inode_info *p = f->private_data;
	size_t total = iov_iter_count(from);
	bool atomic = total <= PIPE_BUF;
	bool packet = f->f_flags & LINUX_O_DIRECT;
	bool pkt_open = false;   /* this write's last packet may still grow */
	ssize_t ret = 0;
	int err;

	if (!total)
		return 0;
	mutex_lock(&p->lock);
	for (;;) {
		size_t room, need;

		if (!p->readers) {
			send_sig(SIGPIPE, current);
			if (!ret)
				ret = -EPIPE;
			break;
		}
		room = pipe_size(p) - pipe_used(p);
		need = atomic ? iov_iter_count(from) : 1;
		if (packet && !p->pkts) {
			p->pkts = kcalloc(p->npages, sizeof(*p->pkts), GFP_KERNEL);
			if (!p->pkts) {
				if (!ret)
					ret = -ENOMEM;
				break;
			}
		}
		if (packet && p->npkts == p->npages)
			room = 0;   /* every slot holds a packet */
		if (room >= need) {
			while (room && iov_iter_count(from)) {
				size_t in = p->head % PAGE_SIZE;
				size_t n = MIN(MIN(room, (size_t)PAGE_SIZE - in), iov_iter_count(from));
				char *dst = pipe_byte(p, p->head, true);
				struct pipe_packet *last = NULL;
				size_t got;

				/* A packet is at most a page of one write, as Linux's
				 * page-sized buffers. */
				if (packet && pkt_open && p->npkts) {
					last = &p->pkts[(p->pkt_first + p->npkts - 1) % p->npages];
					if (last->end - last->start < PAGE_SIZE && last->end == p->head)
						n = MIN(n, (size_t)(PAGE_SIZE - (last->end - last->start)));
					else
						last = NULL;
				}
				if (packet && !last && p->npkts == p->npages)
					break;

				if (!dst) {
					if (!ret)
						ret = -ENOMEM;
					goto done;
				}
				got = copy_from_iter(dst, n, from);
				/* All or nothing per chunk, as Linux's pipe buffers. */
				if (got < n) {
					if (!ret)
						ret = -EFAULT;
					goto done;
				}
				if (last) {
					last->end += got;
				} else if (packet) {
					unsigned i = (p->pkt_first + p->npkts++) % p->npages;

					p->pkts[i].start = p->head;
					p->pkts[i].end = p->head + got;
					pkt_open = true;
				}
				p->head += got;
				ret += got;
				room -= got;
			}
			wake_up_sync(&p->rd_wait);
			if (!iov_iter_count(from))
				break;
			continue;
		}
		if (nonblock) {
			if (!ret)
				ret = -EAGAIN;
			break;
		}
		pkt_open = false;   /* readers may take the packet meanwhile */
		err = wait_event_interruptible_locked(
			&p->wr_wait,
			!p->readers || (pipe_size(p) - pipe_used(p) >= (atomic ? iov_iter_count(from) : 1) &&
					!(packet && p->npkts == p->npages)),
			&p->lock);
		if (err) {
			if (!ret)
				ret = err;
			break;
		}
	}
done:
	if (ret > 0)
		wake_up_sync(&p->rd_wait);
	mutex_unlock(&p->lock);
	if (ret > 0)
		inode_touch(f->f_inode, false, true, true);
	return ret;
}

static ssize_t pipe_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	return do_pipe_write(f, from, f->f_flags & LINUX_O_NONBLOCK);
}

/* ---- for splice.c: the pipe end of splice/tee/vmsplice ---- */

ssize_t pipe_read_iter_nb(struct file *f, struct iov_iter *to, bool nonblock)
{
	return do_pipe_read(f, to, nonblock, false);
}

ssize_t pipe_write_iter_nb(struct file *f, struct iov_iter *from, bool nonblock)
{
	return do_pipe_write(f, from, nonblock);
}

/* splice's read: packet boundaries do not stop it. */
ssize_t pipe_read_raw(struct file *f, struct iov_iter *to)
{
	return do_pipe_read(f, to, true, true);
}

/* Wait for data: bytes in the pipe, 0 at end of file (no writer left),
 * -EAGAIN or -ERESTARTSYS. */
ssize_t pipe_wait_readable(struct file *f, bool nonblock)
{
	struct pipe_inode_info *p = f->private_data;
	ssize_t r;

	mutex_lock(&p->lock);
	for (;;) {
		r = pipe_used(p);
		if (r || !p->writers)
			break;
		if (nonblock) {
			r = -EAGAIN;
			break;
		}
		r = wait_event_interruptible_locked(&p->rd_wait, pipe_used(p) || !p->writers,
						    &p->lock);
		if (r)
			break;
	}
	mutex_unlock(&p->lock);
	return r;
}

/* Wait for room: free bytes, or -EPIPE (with SIGPIPE) when no reader is
 * left, -EAGAIN, -ERESTARTSYS. */
ssize_t pipe_wait_writable(struct file *f, bool nonblock)
{
	struct pipe_inode_info *p = f->private_data;
	ssize_t r;

	mutex_lock(&p->lock);
	for (;;) {
		if (!p->readers) {
			send_sig(SIGPIPE, current);
			r = -EPIPE;
			break;
		}
		r = pipe_size(p) - pipe_used(p);
		if (r)
			break;
		if (nonblock) {
			r = -EAGAIN;
			break;
		}
		r = wait_event_interruptible_locked(
			&p->wr_wait, !p->readers || pipe_size(p) > pipe_used(p), &p->lock);
		if (r)
			break;
	}
	mutex_unlock(&p->lock);
	return r;
}

/* Copy up to len bytes from the front of the pipe without consuming them
 * (tee). Packet boundaries are not kept. */
size_t pipe_peek(struct file *f, void *buf, size_t len)
{
	struct pipe_inode_info *p = f->private_data;
	size_t done = 0;

	mutex_lock(&p->lock);
	len = MIN(len, pipe_used(p));
	while (done < len) {
		u64 x = p->tail + done;
		size_t n = MIN(len - done, (size_t)(PAGE_SIZE - x % PAGE_SIZE));

		memcpy((char *)buf + done, pipe_byte(p, x, false), n);
		done += n;
	}
	mutex_unlock(&p->lock);
	return done;
}

bool pipe_same(struct file *a, struct file *b)
{
	return a->private_data == b->private_data;
}

static void pipe_put_files(struct inode *inode, struct pipe_inode_info *p)
{
	bool is_fifo = inode->i_sb != pseudo_mnt()->mnt_sb;

	if (!is_fifo)
		return;   /* unnamed pipes go with their inode */
	mutex_lock(&inode->i_mutex);
	mutex_lock(&p->lock);
	p->files--;
	if (!p->files && inode->i_pipe == p) {
		inode->i_pipe = NULL;
		mutex_unlock(&p->lock);
		mutex_unlock(&inode->i_mutex);
		free_pipe_info(p);
		return;
	}
	mutex_unlock(&p->lock);
	mutex_unlock(&inode->i_mutex);
}

static int pipe_release(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *p = f->private_data;

	mutex_lock(&p->lock);
	if (f->f_mode & FMODE_READ)
		p->readers--;
	if (f->f_mode & FMODE_WRITE)
		p->writers--;
	wake_up_all(&p->rd_wait);
	wake_up_all(&p->wr_wait);
	mutex_unlock(&p->lock);
	pipe_put_files(inode, p);
	return 0;
}

unsigned pipe_nr_bytes(struct file *f)
{
	struct pipe_inode_info *p = f->private_data;
	unsigned n;

	mutex_lock(&p->lock);
	n = pipe_used(p);
	mutex_unlock(&p->lock);
	return n;
}

static long pipe_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
	if (cmd == LINUX_FIONREAD)
		return put_user((int)pipe_nr_bytes(f), (int __user *)arg);
	return -ENOTTY;
}

static int pipe_resize(struct pipe_inode_info *p, unsigned long size)
{
	unsigned long npages;
	struct page **np;
	size_t used;

	/* As Linux's round_pipe_size: beyond 2^31 is EINVAL, before the
	 * rounding (which would otherwise never end for huge sizes). */
	if (size > (1UL << 31))
		return -EINVAL;
	if (size < PAGE_SIZE)
		size = PAGE_SIZE;
	npages = 1;
	while ((unsigned long)npages * PAGE_SIZE < size)
		npages *= 2;
	if ((unsigned long)npages * PAGE_SIZE > PIPE_MAX_SIZE && !capable_root())
		return -EPERM;
	if ((unsigned long)npages * PAGE_SIZE > 16 * PIPE_MAX_SIZE)
		return -EINVAL;
	np = kcalloc(npages, sizeof(struct page *), GFP_KERNEL);
	if (!np)
		return -ENOMEM;
	mutex_lock(&p->lock);
	used = pipe_used(p);
	if (used > (size_t)npages * PAGE_SIZE || p->npkts > npages) {
		mutex_unlock(&p->lock);
		kfree(np);
		return -EBUSY;
	}
	if (p->pkts) {
		struct pipe_packet *nk = kcalloc(npages, sizeof(*nk), GFP_KERNEL);

		if (!nk) {
			mutex_unlock(&p->lock);
			kfree(np);
			return -ENOMEM;
		}
		for (unsigned i = 0; i < p->npkts; i++)
			nk[i] = p->pkts[(p->pkt_first + i) % p->npages];
		kfree(p->pkts);
		p->pkts = nk;
		p->pkt_first = 0;
	}
	/* Copy the contents into the new ring, starting at tail's offset. */
	for (u64 x = p->tail; x < p->head;) {
		size_t in = x % PAGE_SIZE, n = MIN((u64)PAGE_SIZE - in, p->head - x);
		unsigned ni = (x / PAGE_SIZE) % npages;

		if (!np[ni]) {
			np[ni] = alloc_page(GFP_KERNEL);
			if (!np[ni]) {
				mutex_unlock(&p->lock);
				for (unsigned i = 0; i < npages; i++)
					if (np[i])
						free_page(np[i]);
				kfree(np);
				return -ENOMEM;
			}
		}
		memcpy((char *)page_address(np[ni]) + in, pipe_byte(p, x, false), n);
		x += n;
	}
	for (unsigned i = 0; i < p->npages; i++)
		if (p->pages[i])
			free_page(p->pages[i]);
	kfree(p->pages);
	p->pages = np;
	p->npages = npages;
	wake_up_all(&p->wr_wait);
	mutex_unlock(&p->lock);
	return npages * PAGE_SIZE;
}

long pipe_fcntl(struct file *f, unsigned cmd, unsigned long arg)
{
	struct pipe_inode_info *p;

	if (!file_is_pipe(f))
		return -EBADF;
	p = f->private_data;
	if (cmd == LINUX_F_GETPIPE_SZ)
		return pipe_size(p);
	if (cmd == LINUX_F_SETPIPE_SZ)
		return pipe_resize(p, arg);
	return -EINVAL;
}

bool file_is_pipe(struct file *f)
{
	return f->f_op == &pipe_fops;
}

/*
 * Readable when there is data, or when no writer is left (POLLHUP);
 * writable when a PIPE_BUF-sized write would not block, error when no
 * reader is left. Read without the lock: a stale answer is followed by a
 * wakeup on the queues registered here.
 */
static unsigned pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe_inode_info *p = f->private_data;
	size_t used = READ_ONCE(p->head) - READ_ONCE(p->tail);
	unsigned mask = 0;

	if (f->f_mode & FMODE_READ)
		poll_wait(f, &p->rd_wait, pt);
	if (f->f_mode & FMODE_WRITE)
		poll_wait(f, &p->wr_wait, pt);
	if (f->f_mode & FMODE_READ) {
		if (used)
			mask |= POLLIN | POLLRDNORM;
		if (!READ_ONCE(p->writers))
			mask |= POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		/* A packet writer also needs a free slot. */
		if (pipe_size(p) - used >= PIPE_BUF &&
		    !((f->f_flags & LINUX_O_DIRECT) && READ_ONCE(p->npkts) == p->npages))
			mask |= POLLOUT | POLLWRNORM;
		if (!READ_ONCE(p->readers))
			mask |= POLLERR;
	}
	return mask;
}

static const struct file_operations pipe_fops = {
	.read_iter = pipe_read,
	.write_iter = pipe_write,
	.poll = pipe_poll,
	.release = pipe_release,
	.ioctl = pipe_ioctl,
	.fasync = true,
};

/* ---- FIFOs ---- */

static int fifo_wait(struct pipe_inode_info *p, struct wait_queue_head *wq, unsigned *counter)
{
	unsigned start = *counter;

	return wait_event_interruptible_locked(wq, *counter != start, &p->lock);
}

int fifo_open(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *p;
	int acc = f->f_flags & LINUX_O_ACCMODE;
	/* A pipe(2) reopened through /proc/PID/fd never waits for the other
	 * end, as on Linux. */
	bool is_pipe = inode->i_sb == pseudo_mnt()->mnt_sb;
	int err = 0;

	mutex_lock(&inode->i_mutex);
	p = inode->i_pipe;
	if (!p) {
		p = alloc_pipe_info();
		if (!p) {
			mutex_unlock(&inode->i_mutex);
			return -ENOMEM;
		}
		inode->i_pipe = p;
	}
	mutex_lock(&p->lock);
	p->files++;
	mutex_unlock(&p->lock);
	mutex_unlock(&inode->i_mutex);

	f->private_data = p;
	f->f_op = &pipe_fops;
	f->f_mode |= FMODE_STREAM;
	f->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE | FMODE_ATOMIC_POS);

	mutex_lock(&p->lock);
	switch (acc) {
	case LINUX_O_RDONLY:
		p->readers++;
		p->r_counter++;
		wake_up_all(&p->wr_wait);
		if (!is_pipe && !p->writers && !(f->f_flags & LINUX_O_NONBLOCK)) {
			err = fifo_wait(p, &p->rd_wait, &p->w_counter);
			if (err)
				p->readers--;
		}
		break;
	case LINUX_O_WRONLY:
		if (!is_pipe && !p->readers && (f->f_flags & LINUX_O_NONBLOCK)) {
			err = -ENXIO;
			break;
		}
		p->writers++;
		p->w_counter++;
		wake_up_all(&p->rd_wait);
		if (!is_pipe && !p->readers) {
			err = fifo_wait(p, &p->wr_wait, &p->r_counter);
			if (err) {
				p->writers--;
				wake_up_all(&p->rd_wait);
			}
		}
		break;
	case LINUX_O_RDWR:
		p->readers++;
		p->writers++;
		p->r_counter++;
		p->w_counter++;
		wake_up_all(&p->rd_wait);
		wake_up_all(&p->wr_wait);
		break;
	default:
		err = -EINVAL;
		break;
	}
	mutex_unlock(&p->lock);
	if (err)
		pipe_put_files(inode, p);
	return err;
}

const struct file_operations def_fifo_fops = {
	.open = fifo_open,
};

/* ---- pipe(2) ---- */

int create_pipe_files(struct file *res[2], int flags)
{
	const struct cred *c = current_cred();
	struct pipe_inode_info *p;
	struct inode *inode;
	struct file *r, *w;
	char name[32];

	inode = new_inode(pseudo_mnt()->mnt_sb);
	if (!inode)
		return -ENFILE;
	p = alloc_pipe_info();
	if (!p) {
		iput(inode);
		return -ENFILE;
	}
	inode->i_mode = S_IFIFO | 0600;
	inode->i_uid = c ? c->fsuid : 0;
	inode->i_gid = c ? c->fsgid : 0;
	inode->i_pipe = p;
	/* Opened again through /proc/PID/fd/N, it is a FIFO, as on Linux. */
	inode->i_fop = &def_fifo_fops;
	p->readers = p->writers = 1;
	p->files = 2;
	snprintf(name, sizeof(name), "pipe:[%llu]", (unsigned long long)inode->i_ino);
	flags &= LINUX_O_NONBLOCK | LINUX_O_DIRECT;
	w = alloc_file_pseudo(inode, name, LINUX_O_WRONLY | flags, &pipe_fops);
	if (IS_ERR(w)) {
		iput(inode);   /* frees the pipe too */
		return PTR_ERR(w);
	}
	w->private_data = p;
	r = alloc_empty_file(LINUX_O_RDONLY, c);
	if (IS_ERR(r)) {
		p->readers = 0;
		fput(w);
		return PTR_ERR(r);
	}
	r->f_path = w->f_path;
	path_get(&r->f_path);
	r->f_inode = inode;
	r->f_flags = LINUX_O_RDONLY | flags;
	r->f_mode = FMODE_READ | FMODE_STREAM;
	r->f_op = &pipe_fops;
	r->private_data = p;
	res[0] = r;
	res[1] = w;
	return 0;
}
