/*
 * seq_file: generate a text once per open (or after a seek to 0), serve
 * reads from the snapshot. See kernel/seq_file.h.
 */
#include <kernel/seq_file.h>
#include <stdio.h>

#include "internal.h"

#define SEQ_FIRST_SIZE 4096
#define SEQ_KMALLOC_MAX (64u << 10)

static void *seq_buf_alloc(size_t size)
{
	return size <= SEQ_KMALLOC_MAX ? kmalloc(size, GFP_KERNEL) : vmalloc(size);
}

static void seq_buf_free(void *buf, size_t size)
{
	if (!buf)
		return;
	if (size <= SEQ_KMALLOC_MAX)
		kfree(buf);
	else
		vfree(buf);
}

void seq_vprintf(struct seq_file *m, const char *fmt, va_list ap)
{
	size_t room = m->size - m->count;
	int n;

	if (m->overflow)
		return;
	n = vsnprintf(m->buf + m->count, room, fmt, ap);
	if (n < 0 || (size_t)n >= room) {
		m->overflow = true;
		return;
	}
	m->count += n;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	seq_vprintf(m, fmt, ap);
	va_end(ap);
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->overflow)
		return;
	if (len > m->size - m->count) {
		m->overflow = true;
		return;
	}
	memcpy(m->buf + m->count, data, len);
	m->count += len;
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}

void seq_escape(struct seq_file *m, const char *s, const char *esc)
{
	for (; *s; s++) {
		unsigned char c = *s;

		if (strchr(esc, c)) {
			char o[4] = { '\\', '0' + ((c >> 6) & 3), '0' + ((c >> 3) & 7), '0' + (c & 7) };

			seq_write(m, o, 4);
		} else {
			seq_putc(m, c);
		}
	}
}

void seq_pad_to(struct seq_file *m, size_t col)
{
	size_t start = m->count;

	while (start > 0 && m->buf[start - 1] != '\n')
		start--;
	while (!m->overflow && m->count - start < col)
		seq_putc(m, ' ');
}

/* Run show into a buffer big enough for it. Caller holds m->lock. */
static int seq_fill(struct seq_file *m)
{
	size_t size = m->size ? m->size : SEQ_FIRST_SIZE;

	for (;;) {
		int err;

		if (!m->buf || m->size != size) {
			seq_buf_free(m->buf, m->size);
			m->buf = seq_buf_alloc(size);
			if (!m->buf) {
				m->size = 0;
				return -ENOMEM;
			}
			m->size = size;
		}
		m->count = 0;
		m->overflow = false;
		err = m->show(m, m->private);
		if (err < 0)
			return err;
		if (!m->overflow)
			break;
		if (size >= SEQ_MAX_SIZE)   /* truncated, as Linux would be at its limit */
			break;
		size *= 2;
	}
	m->filled = true;
	return 0;
}

int single_open(struct file *f, int (*show)(struct seq_file *m, void *arg), void *arg)
{
	struct seq_file *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (!m)
		return -ENOMEM;
	m->show = show;
	m->private = arg;
	m->file = f;
	mutex_init(&m->lock, "seq_file");
	f->private_data = m;
	return 0;
}

int single_release(struct inode *inode, struct file *f)
{
	struct seq_file *m = f->private_data;

	if (m) {
		seq_buf_free(m->buf, m->size);
		kfree(m);
		f->private_data = NULL;
	}
	return 0;
}

ssize_t seq_read_iter(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct seq_file *m = f->private_data;
	ssize_t ret;
	size_t n;

	mutex_lock(&m->lock);
	if (!m->filled || *pos == 0) {
		ret = seq_fill(m);
		if (ret < 0)
			goto out;
	}
	if (*pos >= m->count) {
		ret = 0;
		goto out;
	}
	n = copy_to_iter(m->buf + *pos, m->count - *pos, to);
	if (!n && iov_iter_count(to)) {
		ret = -EFAULT;
		goto out;
	}
	*pos += n;
	ret = n;
out:
	mutex_unlock(&m->lock);
	return ret;
}

/* Called with f_pos_lock held (vfs_llseek). */
s64 seq_lseek(struct file *f, s64 off, int whence)
{
	switch (whence) {
	case 1:   /* SEEK_CUR */
		off += f->f_pos;
		/* fallthrough */
	case 0:   /* SEEK_SET */
		if (off < 0)
			return -EINVAL;
		f->f_pos = off;
		return off;
	default:
		return -EINVAL;
	}
}
