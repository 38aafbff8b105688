/*
 * Pipes: a writer kthread and a reader kthread move 1 MiB through a pipe
 * in odd-sized pieces with a running checksum; EOF once the writer is
 * gone; EPIPE once the reader is gone; O_NONBLOCK's EAGAIN; PIPE_BUF
 * atomicity of small writes from two writers; FIFO open handshake.
 */
#include <kernel/mutex.h>

#include "vfs_test.h"

#define PIPE_TOTAL (1024 * 1024)

struct pipe_job {
	struct file *f;
	u64 sum;
	long moved;
	long err;
	int id;
};

static int pipe_writer(void *arg)
{
	struct pipe_job *j = arg;
	char *buf = kmalloc(7000, GFP_KERNEL);
	long done = 0;

	if (!buf)
		return -1;
	while (done < PIPE_TOTAL) {
		size_t n = MIN((long)(1 + (done * 7) % 6999), PIPE_TOTAL - done);
		ssize_t w;

		for (size_t i = 0; i < n; i++) {
			buf[i] = (char)((done + i) * 31 + 7);
			j->sum += (u8)buf[i];
		}
		w = kernel_write(j->f, buf, n, NULL);
		if (w != (ssize_t)n) {
			j->err = w;
			break;
		}
		done += n;
	}
	j->moved = done;
	fput(j->f);   /* the write end closes: the reader sees EOF */
	kfree(buf);
	return 0;
}

static int pipe_reader(void *arg)
{
	struct pipe_job *j = arg;
	char *buf = kmalloc(5000, GFP_KERNEL);

	if (!buf)
		return -1;
	for (;;) {
		struct iov_iter it;
		ssize_t r;

		iov_iter_kvec(&it, buf, 1 + j->moved % 4999);
		r = vfs_read_fpos(j->f, &it);
		if (r < 0) {
			j->err = r;
			break;
		}
		if (r == 0)
			break;
		for (ssize_t i = 0; i < r; i++)
			j->sum += (u8)buf[i];
		j->moved += r;
	}
	kfree(buf);
	return 0;
}

KTEST(vfs_pipe_threads)
{
	struct pipe_job w = { 0 }, r = { 0 };
	struct file *p[2];
	struct task *tw, *tr;

	vfs_test_setup();
	KT_ASSERT_EQ(create_pipe_files(p, 0), 0);
	KT_ASSERT(file_is_pipe(p[0]) && file_is_pipe(p[1]));
	KT_ASSERT_EQ(vfs_llseek(p[0], 0, LINUX_SEEK_SET), -ESPIPE);
	r.f = p[0];
	w.f = p[1];
	tr = kthread_run(pipe_reader, &r, "pipe-reader");
	tw = kthread_run(pipe_writer, &w, "pipe-writer");
	KT_ASSERT(tr && tw);
	kthread_join(tw);
	kthread_join(tr);
	KT_ASSERT_EQ(w.err, 0);
	KT_ASSERT_EQ(r.err, 0);
	KT_ASSERT_EQ(w.moved, PIPE_TOTAL);
	KT_ASSERT_EQ(r.moved, PIPE_TOTAL);
	KT_ASSERT_EQ(r.sum, w.sum);
	fput(p[0]);
}

KTEST(vfs_pipe_edges)
{
	struct file *p[2];
	char buf[PIPE_BUF + 10];
	struct iov_iter it;
	long n = 0;

	vfs_test_setup();
	KT_ASSERT_EQ(create_pipe_files(p, LINUX_O_NONBLOCK), 0);
	/* Empty, non-blocking: EAGAIN; a writer still exists. */
	iov_iter_kvec(&it, buf, 10);
	KT_ASSERT_EQ(vfs_read_fpos(p[0], &it), -EAGAIN);
	/* Fill it: 64 KiB, then EAGAIN; a PIPE_BUF write needs all its room. */
	memset(buf, 'z', sizeof(buf));
	for (;;) {
		ssize_t w;

		iov_iter_kvec(&it, buf, PIPE_BUF);
		w = vfs_write_fpos(p[1], &it);
		if (w < 0) {
			KT_ASSERT_EQ(w, -EAGAIN);
			break;
		}
		n += w;
	}
	KT_ASSERT_EQ(n, 65536);
	KT_ASSERT_EQ(pipe_nr_bytes(p[0]), 65536);
	KT_ASSERT_EQ(pipe_fcntl(p[0], LINUX_F_GETPIPE_SZ, 0), 65536);
	KT_ASSERT_EQ(pipe_fcntl(p[0], LINUX_F_SETPIPE_SZ, 4096), -EBUSY);
	iov_iter_kvec(&it, buf, 100);
	KT_ASSERT_EQ(vfs_read_fpos(p[0], &it), 100);
	iov_iter_kvec(&it, buf, 200);   /* atomic: 200 > 100 free */
	KT_ASSERT_EQ(vfs_write_fpos(p[1], &it), -EAGAIN);
	iov_iter_kvec(&it, buf, 100);
	KT_ASSERT_EQ(vfs_write_fpos(p[1], &it), 100);
	/* Read end gone: EPIPE (and SIGPIPE to a user task). */
	fput(p[0]);
	iov_iter_kvec(&it, buf, 1);
	KT_ASSERT_EQ(vfs_write_fpos(p[1], &it), -EPIPE);
	fput(p[1]);

	/* Write end gone: the rest of the data, then EOF. */
	KT_ASSERT_EQ(create_pipe_files(p, 0), 0);
	iov_iter_kvec(&it, buf, 5);
	KT_ASSERT_EQ(vfs_write_fpos(p[1], &it), 5);
	fput(p[1]);
	iov_iter_kvec(&it, buf, 100);
	KT_ASSERT_EQ(vfs_read_fpos(p[0], &it), 5);
	iov_iter_kvec(&it, buf, 100);
	KT_ASSERT_EQ(vfs_read_fpos(p[0], &it), 0);
	fput(p[0]);
}

static int fifo_opener(void *arg)
{
	struct file **out = arg;

	*out = filp_open("/tmp/fifo", LINUX_O_WRONLY, 0);
	return 0;
}

KTEST(vfs_pipe_fifo)
{
	struct file *r, *w = NULL;
	struct task *t;
	struct iov_iter it;
	char buf[16];

	vfs_test_setup();
	vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/fifo");
	KT_ASSERT_EQ(vfs_mknodat(LINUX_AT_FDCWD, "/tmp/fifo", S_IFIFO | 0644, 0), 0);
	/* Write-only non-blocking with no reader: ENXIO. */
	r = filp_open("/tmp/fifo", LINUX_O_WRONLY | LINUX_O_NONBLOCK, 0);
	KT_ASSERT_EQ(PTR_ERR(r), -ENXIO);
	/* A blocking writer waits for the reader we open next. */
	t = kthread_run(fifo_opener, &w, "fifo-opener");
	KT_ASSERT(t);
	r = filp_open("/tmp/fifo", LINUX_O_RDONLY, 0);
	KT_ASSERT(!IS_ERR(r));
	kthread_join(t);
	KT_ASSERT(!IS_ERR_OR_NULL(w));
	iov_iter_kvec(&it, "fifo!", 5);
	KT_ASSERT_EQ(vfs_write_fpos(w, &it), 5);
	iov_iter_kvec(&it, buf, sizeof(buf));
	KT_ASSERT_EQ(vfs_read_fpos(r, &it), 5);
	KT_ASSERT(!memcmp(buf, "fifo!", 5));
	fput(w);
	iov_iter_kvec(&it, buf, sizeof(buf));
	KT_ASSERT_EQ(vfs_read_fpos(r, &it), 0);
	fput(r);
	vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/fifo");
}
