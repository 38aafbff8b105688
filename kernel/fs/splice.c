/*
 * splice(2), tee(2), vmsplice(2): moving data between a pipe and another
 * file (or two pipes) without user space in the middle. Linux moves page
 * references; here the bytes go through one kernel buffer (at most
 * SPLICE_CHUNK per call), which is what user space can observe anyway:
 *
 * - splice moves at most len bytes in one round: it waits (unless
 *   SPLICE_F_NONBLOCK, or O_NONBLOCK on the pipe) for data in an input
 *   pipe and for room in an output pipe, then moves what fits. A file end
 *   reads at the given offset (updated, the file's own offset untouched) or
 *   at and advancing f_pos.
 * - tee copies from one pipe into another without consuming the input.
 * - vmsplice writes user memory into a pipe (a copy) or, on a read end,
 *   reads the pipe into user memory.
 *
 * SPLICE_F_MOVE and SPLICE_F_MORE are hints Linux may ignore; so do we.
 * XXX: SPLICE_F_NONBLOCK makes only the pipe ends non-blocking; Linux's
 * socket splice_read also takes it as MSG_DONTWAIT.
 * XXX: bytes taken from an input pipe that the output then refuses (a
 * write error, or a racing writer filling an output pipe) are lost;
 * Linux keeps them in the input pipe's buffers.
 */
#include <kernel/uaccess.h>

#include "internal.h"

#define SPLICE_CHUNK (64 * 1024)

/* Read up to n bytes of a non-pipe file at *pos (or its f_pos). */
static ssize_t file_read_at(struct file *f, void *buf, size_t n, u64 *pos)
{
	struct iov_iter it;

	iov_iter_kvec(&it, buf, n);
	return pos ? vfs_read(f, &it, pos) : vfs_read_fpos(f, &it);
}

/* Write all n bytes to a non-pipe file; bytes written or -errno. */
static ssize_t file_write_at(struct file *f, const void *buf, size_t n, u64 *pos)
{
	size_t done = 0;

	while (done < n) {
		struct iov_iter it;
		ssize_t w;

		iov_iter_kvec(&it, (char *)buf + done, n - done);
		w = pos ? vfs_write(f, &it, pos) : vfs_write_fpos(f, &it);
		if (w <= 0)
			return done ? (ssize_t)done : (w ? w : -EIO);
		done += w;
	}
	return done;
}

static ssize_t pipe_take(struct file *f, void *buf, size_t n)
{
	struct iov_iter it;

	iov_iter_kvec(&it, buf, n);
	return pipe_read_raw(f, &it);
}

static ssize_t pipe_put(struct file *f, const void *buf, size_t n)
{
	struct iov_iter it;

	iov_iter_kvec(&it, (void *)buf, n);
	return pipe_write_iter_nb(f, &it, true);
}

long vfs_splice(struct file *in, u64 *off_in, struct file *out, u64 *off_out, size_t len,
		unsigned flags)
{
	bool ipipe = file_is_pipe(in), opipe = file_is_pipe(out);
	bool in_nb = (flags & LINUX_SPLICE_F_NONBLOCK) || (in->f_flags & LINUX_O_NONBLOCK);
	bool out_nb = (flags & LINUX_SPLICE_F_NONBLOCK) || (out->f_flags & LINUX_O_NONBLOCK);
	ssize_t avail, room, got, r;
	char *buf;

	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!ipipe && !opipe)
		return -EINVAL;
	if ((ipipe && off_in) || (opipe && off_out))
		return -ESPIPE;
	if (ipipe && opipe && pipe_same(in, out))
		return -EINVAL;
	if (!opipe) {
		if (out->f_flags & LINUX_O_APPEND)
			return -EINVAL;
		if (off_out && !(out->f_mode & FMODE_PWRITE))
			return -EINVAL;
		if (!out->f_op->write_iter)
			return -EINVAL;
	}
	if (!ipipe) {
		if (off_in && !(in->f_mode & FMODE_PREAD))
			return -EINVAL;
		if (!in->f_op->read_iter)
			return -EINVAL;
		if (S_ISDIR(in->f_inode->i_mode))
			return -EISDIR;
	}
	if ((off_in && (s64)*off_in < 0) || (off_out && (s64)*off_out < 0))
		return -EINVAL;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	len = MIN(len, (size_t)SPLICE_CHUNK);
	if (!len)
		return 0;

	if (ipipe) {
		avail = pipe_wait_readable(in, in_nb);
		if (avail <= 0)
			return avail;
		len = MIN(len, (size_t)avail);
	}
	if (opipe) {
		room = pipe_wait_writable(out, out_nb);
		if (room < 0)
			return room;
		len = MIN(len, (size_t)room);
	}
	buf = kmalloc(len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	got = ipipe ? pipe_take(in, buf, len) : file_read_at(in, buf, len, off_in);
	if (got <= 0) {
		r = got;
		goto out;
	}
	r = opipe ? pipe_put(out, buf, got) : file_write_at(out, buf, got, off_out);
out:
	kfree(buf);
	return r;
}

long vfs_tee(struct file *in, struct file *out, size_t len, unsigned flags)
{
	bool nb = flags & LINUX_SPLICE_F_NONBLOCK;
	ssize_t avail, room, r;
	char *buf;

	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!file_is_pipe(in) || !file_is_pipe(out) || pipe_same(in, out))
		return -EINVAL;
	len = MIN(len, (size_t)SPLICE_CHUNK);
	if (!len)
		return 0;
	avail = pipe_wait_readable(in, nb || (in->f_flags & LINUX_O_NONBLOCK));
	if (avail <= 0)
		return avail;
	room = pipe_wait_writable(out, nb || (out->f_flags & LINUX_O_NONBLOCK));
	if (room < 0)
		return room;
	len = MIN(len, MIN((size_t)avail, (size_t)room));
	buf = kmalloc(len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	len = pipe_peek(in, buf, len);
	r = len ? pipe_put(out, buf, len) : 0;
	kfree(buf);
	return r;
}

long vfs_vmsplice(struct file *f, struct iov_iter *it, unsigned flags)
{
	bool nb = (flags & LINUX_SPLICE_F_NONBLOCK) || (f->f_flags & LINUX_O_NONBLOCK);

	if (!file_is_pipe(f))
		return -EBADF;
	if (!iov_iter_count(it))
		return 0;
	if (f->f_mode & FMODE_WRITE)
		return pipe_write_iter_nb(f, it, nb);
	if (f->f_mode & FMODE_READ)
		return pipe_read_iter_nb(f, it, nb);
	return -EBADF;
}
