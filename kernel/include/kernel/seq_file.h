/*
 * seq_file (kernel/fs/seq_file.c): text files made by a show function, as
 * procfs, sysfs and /proc/self/mountinfo need. The text is generated whole
 * into a buffer at the first read (retrying with a bigger buffer when it
 * does not fit, up to SEQ_MAX_SIZE) and served from it afterwards, so a
 * reader that reads in small pieces sees one consistent snapshot; lseek to
 * 0 then read generates it anew (as `top` rereads /proc files).
 */
#ifndef KERNEL_SEQ_FILE_H
#define KERNEL_SEQ_FILE_H

#include <kernel/fs.h>
#include <kernel/types.h>
#include <stdarg.h>

#define SEQ_MAX_SIZE (8u << 20)

struct seq_file {
	char *buf;
	size_t size;                 /* of buf */
	size_t count;                /* bytes generated */
	bool overflow;               /* show ran out of room: retried bigger */
	bool filled;                 /* buf holds a generation for this open */
	int (*show)(struct seq_file *m, void *arg);
	void *private;               /* the arg given to single_open */
	struct file *file;
	struct mutex lock;
};

void seq_printf(struct seq_file *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void seq_vprintf(struct seq_file *m, const char *fmt, va_list ap);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);
/* s with each byte found in esc written as \ooo (octal), as /proc/mounts does. */
void seq_escape(struct seq_file *m, const char *s, const char *esc);
/* Pad with spaces to column col (from the start of the current line's text so far). */
void seq_pad_to(struct seq_file *m, size_t col);
static inline bool seq_has_overflowed(const struct seq_file *m) { return m->overflow; }

/* For a file's open method: attach a seq_file whose text is show(m, arg).
 * show returns 0 or -errno (reported by read). f_op must use seq_read_iter,
 * seq_lseek and single_release. */
int single_open(struct file *f, int (*show)(struct seq_file *m, void *arg), void *arg);
int single_release(struct inode *inode, struct file *f);
ssize_t seq_read_iter(struct file *f, struct iov_iter *to, u64 *pos);
s64 seq_lseek(struct file *f, s64 off, int whence);

#endif
