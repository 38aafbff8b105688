/*
 * Virtio 1.x (kernel/drivers/virtio): the modern PCI transport, split
 * virtqueues, and the registry the device drivers (blk, rng) use.
 *
 * The PCI transport (virtio_pci.c) claims every virtio function, resets
 * it, reads its features, finds the virtio driver for its device ID (a
 * VIRTIO_DRIVER declaration), negotiates features (VIRTIO_F_VERSION_1 is
 * required: devices that only speak the legacy 0.9.5 interface are refused)
 * and calls the driver's probe. The driver then sets up its queues with
 * virtio_find_vqs, reads its configuration, and calls virtio_device_ready
 * before its first request.
 *
 * Virtqueues (virtio_ring.c) are split rings with indirect descriptors and
 * event-index notification suppression when the device offers them. The
 * virtqueue_* calls on one queue must be serialized by the driver (a lock
 * of its own); the queue's callback runs in interrupt context without it.
 * Buffers are physical addresses: the device reads and writes RAM directly
 * (no IOMMU).
 */
#ifndef KERNEL_VIRTIO_H
#define KERNEL_VIRTIO_H

#include <kernel/mm.h>
#include <kernel/types.h>

/* Device IDs (virtio 1.x, 5 "Device Types") */
#define VIRTIO_ID_NET     1
#define VIRTIO_ID_BLOCK   2
#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_ID_RNG     4

/* Device-independent feature bits */
#define VIRTIO_F_RING_INDIRECT_DESC 28
#define VIRTIO_F_RING_EVENT_IDX     29
#define VIRTIO_F_VERSION_1          32
#define VIRTIO_F_ACCESS_PLATFORM    33
#define VIRTIO_F_RING_PACKED        34

/* Device status bits */
#define VIRTIO_STATUS_ACKNOWLEDGE   1
#define VIRTIO_STATUS_DRIVER        2
#define VIRTIO_STATUS_DRIVER_OK     4
#define VIRTIO_STATUS_FEATURES_OK   8
#define VIRTIO_STATUS_NEEDS_RESET   64
#define VIRTIO_STATUS_FAILED        128

struct pci_dev;
struct virtqueue;
struct virtio_driver;

struct virtio_device {
	char name[16];                  /* "virtio0" */
	u32 id;                         /* VIRTIO_ID_* */
	u64 features;                   /* negotiated */
	struct pci_dev *pci;
	const struct virtio_driver *driver;
	void *priv;                     /* the driver's */
};

struct virtio_driver {
	const char *name;
	u32 device_id;
	u64 features;                   /* device-specific bits the driver understands */
	/* Set up queues, read config, virtio_device_ready, register. 0 or -errno
	 * (the device is then reset and marked FAILED). */
	int (*probe)(struct virtio_device *vdev);
	/* Optional: the device configuration changed (interrupt context). */
	void (*config_changed)(struct virtio_device *vdev);
};

#define VIRTIO_DRIVER(drv) \
	static const struct virtio_driver *const __virtio_driver_##drv __used \
		__section("virtio_drivers") __aligned(8) = &(drv)

static inline bool virtio_has_feature(const struct virtio_device *vdev, unsigned bit)
{
	return bit < 64 && (vdev->features >> bit) & 1;
}

/* Device-specific configuration (virtio 1.x 4.1.4.6), little-endian; the
 * 64-bit read retries while the device changes it (config_generation). */
u8 virtio_cread8(struct virtio_device *vdev, unsigned off);
u16 virtio_cread16(struct virtio_device *vdev, unsigned off);
u32 virtio_cread32(struct virtio_device *vdev, unsigned off);
u64 virtio_cread64(struct virtio_device *vdev, unsigned off);
void virtio_cwrite8(struct virtio_device *vdev, unsigned off, u8 v);

typedef void (*vq_callback_t)(struct virtqueue *vq);

/* Set up queues 0..n-1 (each at most max_size entries, 0: the device's
 * maximum, and at most 256) and their interrupts. 0 or -errno. */
int virtio_find_vqs(struct virtio_device *vdev, unsigned n, struct virtqueue *vqs[],
		    const vq_callback_t callbacks[], const char *const names[], u16 max_size);
/* DRIVER_OK: the device may now process the queues. */
void virtio_device_ready(struct virtio_device *vdev);

/* ---- virtqueues ---- */

/* One buffer of a request: physical address and length. */
struct virtio_sg {
	u64 addr;
	u32 len;
};

/*
 * Queue a request of out device-readable then in device-writable buffers;
 * token (not NULL) comes back from virtqueue_get_buf. Uses one descriptor
 * (an indirect table, allocated with gfp) when it can, else a chain.
 * -ENOSPC when the ring has no room (retry after completions), -EIO when
 * the queue is broken (the device misbehaved), -EINVAL for an empty request.
 */
int virtqueue_add(struct virtqueue *vq, const struct virtio_sg *sg, unsigned out, unsigned in,
		  void *token, gfp_t gfp);
/* After adding: does the device want a notification? Then notify it. */
bool virtqueue_kick_prepare(struct virtqueue *vq);
void virtqueue_notify(struct virtqueue *vq);
void virtqueue_kick(struct virtqueue *vq);      /* both */
/* The next completed request's token (and bytes written into its in
 * buffers), or NULL. */
void *virtqueue_get_buf(struct virtqueue *vq, u32 *len);
/* Ask for an interrupt at the next completion; false if completions
 * arrived meanwhile (call get_buf again, then this again). */
bool virtqueue_enable_cb(struct virtqueue *vq);
unsigned virtqueue_num_free(const struct virtqueue *vq);
unsigned virtqueue_size(const struct virtqueue *vq);
bool virtqueue_is_broken(const struct virtqueue *vq);
bool virtqueue_uses_indirect(const struct virtqueue *vq);
void *virtqueue_priv(const struct virtqueue *vq);
void virtqueue_set_priv(struct virtqueue *vq, void *priv);
struct virtio_device *virtqueue_vdev(const struct virtqueue *vq);

/* ---- virtio-rng ---- */

/* Fill buf from the first virtio-rng device (process context; waits up to
 * a second). Bytes read, or -ENODEV (no device), -EIO, -ETIMEDOUT. */
long virtio_rng_read(void *buf, size_t len);

#endif
