/*
 * I/O iterators: the one way file and device code moves bytes to and from
 * the caller of read/write, whether that is a user buffer, a user iovec
 * array (readv/writev/preadv) or a kernel buffer (kernel_read for exec).
 * User copies go through uaccess.h and so may stop short at a fault; the
 * helpers then return how much was moved and leave the iterator there.
 */
#include <kernel/uaccess.h>

#include "internal.h"

void iov_iter_ubuf(struct iov_iter *it, void __user *buf, size_t n)
{
	it->type = ITER_UVEC;
	it->ubuf.iov_base = buf;
	it->ubuf.iov_len = n;
	it->uv = &it->ubuf;
	it->nr_segs = 1;
	it->seg_off = 0;
	it->kbuf = NULL;
	it->count = n;
}

void iov_iter_uvec(struct iov_iter *it, const struct uvec *iov, unsigned long nr, size_t total)
{
	it->type = ITER_UVEC;
	it->uv = iov;
	it->nr_segs = nr;
	it->seg_off = 0;
	it->kbuf = NULL;
	it->count = total;
	/* Skip leading empty segments so uv always points at data when count > 0. */
	while (it->nr_segs && it->uv->iov_len == 0) {
		it->uv++;
		it->nr_segs--;
	}
}

void iov_iter_kvec(struct iov_iter *it, void *buf, size_t n)
{
	it->type = ITER_KVEC;
	it->uv = NULL;
	it->nr_segs = 1;
	it->seg_off = 0;
	it->kbuf = buf;
	it->count = n;
}

/* Move to the next non-empty user segment once the current one is used up. */
static void uvec_settle(struct iov_iter *it)
{
	while (it->nr_segs && it->seg_off >= it->uv->iov_len) {
		it->uv++;
		it->nr_segs--;
		it->seg_off = 0;
	}
}

void iov_iter_advance(struct iov_iter *it, size_t n)
{
	if (n > it->count)
		n = it->count;
	if (it->type == ITER_KVEC) {
		it->kbuf = (char *)it->kbuf + n;
		it->count -= n;
		return;
	}
	while (n && it->nr_segs) {
		size_t room = it->uv->iov_len - it->seg_off;
		size_t step = MIN(room, n);

		it->seg_off += step;
		it->count -= step;
		n -= step;
		uvec_settle(it);
	}
}

void iov_iter_truncate(struct iov_iter *it, size_t n)
{
	if (it->count > n)
		it->count = n;
}

/*
 * The common loop: op copies between kernel memory k and user memory u and
 * returns the bytes it could not copy (uaccess convention).
 */
enum iter_dir { TO_ITER, FROM_ITER, ZERO_ITER };

static size_t iter_copy(void *k, size_t n, struct iov_iter *it, enum iter_dir dir)
{
	size_t done = 0;

	if (n > it->count)
		n = it->count;
	if (it->type == ITER_KVEC) {
		if (dir == TO_ITER)
			memcpy(it->kbuf, k, n);
		else if (dir == FROM_ITER)
			memcpy(k, it->kbuf, n);
		else
			memset(it->kbuf, 0, n);
		it->kbuf = (char *)it->kbuf + n;
		it->count -= n;
		return n;
	}
	while (done < n && it->nr_segs) {
		char __user *u = (char __user *)it->uv->iov_base + it->seg_off;
		size_t room = it->uv->iov_len - it->seg_off;
		size_t step = MIN(room, n - done);
		size_t left;

		if (dir == TO_ITER)
			left = copy_to_user(u, (char *)k + done, step);
		else if (dir == FROM_ITER)
			left = copy_from_user((char *)k + done, u, step);
		else
			left = clear_user(u, step);
		step -= left;
		done += step;
		it->seg_off += step;
		it->count -= step;
		if (left)
			break;   /* a fault: stop here */
		uvec_settle(it);
	}
	return done;
}

size_t copy_to_iter(const void *kbuf, size_t n, struct iov_iter *it)
{
	return iter_copy((void *)kbuf, n, it, TO_ITER);
}

size_t copy_from_iter(void *kbuf, size_t n, struct iov_iter *it)
{
	return iter_copy(kbuf, n, it, FROM_ITER);
}

char *copy_str_from_iter(struct iov_iter *it)
{
	size_t n = iov_iter_count(it);
	char *buf = kmalloc(n + 1, GFP_KERNEL);

	if (!buf)
		return ERR_PTR(-ENOMEM);
	if (copy_from_iter(buf, n, it) != n) {
		kfree(buf);
		return ERR_PTR(-EFAULT);
	}
	buf[n] = 0;
	return buf;
}

size_t iov_iter_zero(size_t n, struct iov_iter *it)
{
	return iter_copy(NULL, n, it, ZERO_ITER);
}

int import_uvec(const struct uvec __user *uiov, unsigned long nr, struct uvec *fast_iov,
		struct uvec **out, struct iov_iter *it)
{
	struct uvec *iov = fast_iov;
	size_t total = 0;

	*out = NULL;
	if (nr > UIO_MAXIOV)
		return -EINVAL;
	if (nr > UIO_FASTIOV) {
		iov = kmalloc(nr * sizeof(*iov), GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
	}
	if (nr && copy_from_user(iov, uiov, nr * sizeof(*iov))) {
		if (iov != fast_iov)
			kfree(iov);
		return -EFAULT;
	}
	for (unsigned long i = 0; i < nr; i++) {
		/* Linux: a negative length is EINVAL; past MAX_RW_COUNT in total
		 * the segments are silently shortened. */
		if ((ssize_t)iov[i].iov_len < 0) {
			if (iov != fast_iov)
				kfree(iov);
			return -EINVAL;
		}
		if (iov[i].iov_len > MAX_RW_COUNT - total)
			iov[i].iov_len = MAX_RW_COUNT - total;
		total += iov[i].iov_len;
	}
	*out = iov;
	iov_iter_uvec(it, iov, nr, total);
	return 0;
}
