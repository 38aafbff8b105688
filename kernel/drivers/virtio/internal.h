/*
 * What the virtio transport and the ring code share (not for drivers).
 */
#ifndef VIRTIO_INTERNAL_H
#define VIRTIO_INTERNAL_H

#include <kernel/virtio.h>

/* A split ring of num (a power of two) entries, zeroed, physically
 * contiguous; its three parts' physical addresses for the transport. */
struct virtqueue *vring_create(struct virtio_device *vdev, unsigned index, unsigned num,
			       bool indirect, bool event_idx, volatile u16 *notify,
			       vq_callback_t callback, const char *name);
void vring_destroy(struct virtqueue *vq);
void vring_addresses(const struct virtqueue *vq, u64 *desc, u64 *avail, u64 *used);
/* The queue's interrupt: call its callback if it has new completions
 * (always, when the interrupt may be shared). */
void vring_interrupt(struct virtqueue *vq);

#endif
