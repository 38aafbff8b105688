/*
 * virtio-rng (virtio 1.x section 5.4): one queue of device-writable
 * buffers the device fills with random bytes. At probe we take 64 bytes
 * and stir them into the kernel's pool (kernel/drivers/random.c);
 * virtio_rng_read gives more on demand (tests, a future hwrng reseed).
 * XXX: Linux's hwrng core keeps feeding the pool from a kthread.
 *
 * One request at a time (rng_mutex); the device may return fewer bytes
 * than asked, and then we ask again.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/printk.h>
#include <kernel/random.h>
#include <kernel/spinlock.h>
#include <kernel/virtio.h>
#include <string.h>

#define RNG_CHUNK 64

struct virtrng {
	struct virtio_device *vdev;
	struct virtqueue *vq;
	spinlock_t lock;              /* the queue */
	struct completion done;       /* the request in flight finished */
	u32 got;                      /* bytes it returned; lock */
	u8 *buf;                      /* RNG_CHUNK bytes, DMA target */
};

static struct virtrng *rng_dev;   /* the first device; set once at probe */
static DEFINE_MUTEX(rng_mutex);   /* one request at a time */

static void virtrng_done(struct virtqueue *vq)
{
	struct virtrng *vr = virtqueue_priv(vq);
	unsigned long flags;
	u32 len;

	spin_lock_irqsave(&vr->lock, flags);
	do {
		while (virtqueue_get_buf(vq, &len)) {
			vr->got = MIN(len, RNG_CHUNK);
			complete(&vr->done);
		}
	} while (!virtqueue_enable_cb(vq));
	spin_unlock_irqrestore(&vr->lock, flags);
}

/* One request; bytes received or -errno. Caller holds rng_mutex. */
static long virtrng_request(struct virtrng *vr)
{
	struct virtio_sg sg = { virt_to_phys(vr->buf), RNG_CHUNK };
	unsigned long flags;
	int r;

	reinit_completion(&vr->done);
	spin_lock_irqsave(&vr->lock, flags);
	vr->got = 0;
	r = virtqueue_add(vr->vq, &sg, 0, 1, vr, GFP_ATOMIC);
	if (!r)
		virtqueue_kick(vr->vq);
	spin_unlock_irqrestore(&vr->lock, flags);
	if (r)
		return r;
	if (!wait_for_completion_timeout(&vr->done, 1000000000ULL)) {
		/* The buffer stays the device's: never reuse it. */
		pr_err("%s: no answer in a second; virtio-rng disabled\n", vr->vdev->name);
		vr->buf = NULL;
		return -ETIMEDOUT;
	}
	return vr->got;
}

long virtio_rng_read(void *buf, size_t len)
{
	struct virtrng *vr = __atomic_load_n(&rng_dev, __ATOMIC_ACQUIRE);
	size_t done = 0;
	long r = 0;

	if (!vr)
		return -ENODEV;
	mutex_lock(&rng_mutex);
	while (done < len) {
		if (!vr->buf) {
			r = -EIO;
			break;
		}
		r = virtrng_request(vr);
		if (r <= 0)
			break;
		memcpy((u8 *)buf + done, vr->buf, MIN((size_t)r, len - done));
		done += MIN((size_t)r, len - done);
	}
	if (vr->buf)
		memset(vr->buf, 0, RNG_CHUNK);   /* what we handed out is not kept */
	mutex_unlock(&rng_mutex);
	return done ? (long)done : r < 0 ? r : -EIO;
}

static int virtrng_probe(struct virtio_device *vdev)
{
	static const vq_callback_t cbs[] = { virtrng_done };
	static const char *const names[] = { "req" };
	struct virtrng *vr = kzalloc(sizeof(*vr), GFP_KERNEL);
	struct virtqueue *vq;
	u8 seed[RNG_CHUNK];
	long n;
	int r;

	if (!vr)
		return -ENOMEM;
	vr->buf = kmalloc(RNG_CHUNK, GFP_KERNEL);
	if (!vr->buf) {
		kfree(vr);
		return -ENOMEM;
	}
	spin_lock_init(&vr->lock, "virtrng");
	init_completion(&vr->done);
	vr->vdev = vdev;
	r = virtio_find_vqs(vdev, 1, &vq, cbs, names, 8);
	if (r < 0) {
		kfree(vr->buf);
		kfree(vr);
		return r;
	}
	vr->vq = vq;
	virtqueue_set_priv(vq, vr);
	vdev->priv = vr;
	virtio_device_ready(vdev);
	if (!__atomic_load_n(&rng_dev, __ATOMIC_ACQUIRE))
		__atomic_store_n(&rng_dev, vr, __ATOMIC_RELEASE);
	else
		return 0;   /* XXX: a second device is set up but not used */
	n = virtio_rng_read(seed, sizeof(seed));
	if (n > 0) {
		add_random_bytes(seed, n);
		pr_info("%s: virtio-rng: %ld bytes into the entropy pool\n", vdev->name, n);
	} else {
		pr_warn("%s: virtio-rng: no bytes (error %ld)\n", vdev->name, n);
	}
	memset(seed, 0, sizeof(seed));
	return 0;
}

static const struct virtio_driver virtio_rng_driver = {
	.name = "virtio-rng",
	.device_id = VIRTIO_ID_RNG,
	.features = 0,
	.probe = virtrng_probe,
};
VIRTIO_DRIVER(virtio_rng_driver);
