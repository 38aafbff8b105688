/*
 * Split virtqueues (virtio 1.x section 2.7): a descriptor table, the
 * driver's "available" ring and the device's "used" ring, in one
 * physically contiguous zeroed block.
 *
 * Free descriptors are chained through a shadow array the device cannot
 * see (a request's chain stays linked there while in flight), and what
 * each request used is remembered per head, so a device that
 * writes garbage into the used ring (an id out of range or not in flight)
 * only marks the queue broken; it cannot make us free or reuse memory we
 * did not hand it.
 *
 * With VIRTIO_F_RING_INDIRECT_DESC a request of several buffers takes one
 * ring descriptor pointing at a kmalloc'd table; with
 * VIRTIO_F_RING_EVENT_IDX the driver says in used_event after which used
 * index it wants an interrupt and the device says in avail_event after
 * which avail index it wants a notification (2.7.7, 2.7.10).
 *
 * Callers serialize the calls on one queue (see virtio.h). x86 keeps
 * stores in order and loads in order, so write and read barriers are only
 * compiler barriers; a full fence is needed where our store (avail idx,
 * used_event) must be visible before we load the device's word.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/virtio.h>
#include <string.h>

#include "internal.h"

#define VRING_DESC_F_NEXT     1
#define VRING_DESC_F_WRITE    2
#define VRING_DESC_F_INDIRECT 4
#define VRING_AVAIL_F_NO_INTERRUPT 1
#define VRING_USED_F_NO_NOTIFY     1

struct vring_desc {
	u64 addr;
	u32 len;
	u16 flags;
	u16 next;
};

struct vring_avail {
	u16 flags;
	u16 idx;
	u16 ring[];          /* num entries, then used_event */
};

struct vring_used_elem {
	u32 id;
	u32 len;
};

struct vring_used {
	u16 flags;
	u16 idx;
	struct vring_used_elem ring[];   /* num entries, then avail_event */
};

struct vq_slot {
	void *token;                     /* NULL: the head is not in flight */
	struct vring_desc *indirect;     /* kmalloc'd table, or NULL */
	u16 ndesc;                       /* ring descriptors the request holds */
};

struct virtqueue {
	struct virtio_device *vdev;
	unsigned index;
	const char *name;
	vq_callback_t callback;
	void *priv;
	volatile u16 *notify;
	bool use_indirect, event_idx, broken;

	u16 num;
	u16 num_free;
	u16 free_head;
	u16 avail_idx;                   /* our copy of avail->idx */
	u16 num_added;                   /* since the last kick_prepare */
	u16 last_used_idx;

	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	u16 *free_next;                  /* shadow chain of free descriptors */
	struct vq_slot *slots;           /* by head descriptor */
	void *mem;
	unsigned mem_order;
};

#define mb()  __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define wmb() barrier()
#define rmb() barrier()

static volatile u16 *used_event(struct virtqueue *vq)
{
	return &vq->avail->ring[vq->num];
}

static volatile u16 *avail_event(struct virtqueue *vq)
{
	return (volatile u16 *)&vq->used->ring[vq->num];
}

static size_t ring_bytes(unsigned num, size_t *avail_off, size_t *used_off)
{
	*avail_off = 16 * num;
	*used_off = ALIGN_UP(*avail_off + 6 + 2 * num, 4);
	return *used_off + 6 + 8 * num;
}

struct virtqueue *vring_create(struct virtio_device *vdev, unsigned index, unsigned num,
			       bool indirect, bool event_idx, volatile u16 *notify,
			       vq_callback_t callback, const char *name)
{
	size_t avail_off, used_off, bytes = ring_bytes(num, &avail_off, &used_off);
	struct virtqueue *vq;
	unsigned order = 0;

	if (!num || (num & (num - 1)) || num > 32768)
		return NULL;
	while ((PAGE_SIZE << order) < bytes)
		order++;
	vq = kzalloc(sizeof(*vq), GFP_KERNEL);
	if (!vq)
		return NULL;
	vq->mem = get_free_pages(GFP_KERNEL | __GFP_ZERO, order);
	vq->free_next = kcalloc(num, sizeof(u16), GFP_KERNEL);
	vq->slots = kcalloc(num, sizeof(struct vq_slot), GFP_KERNEL);
	if (!vq->mem || !vq->free_next || !vq->slots) {
		if (vq->mem)
			free_pages_addr(vq->mem, order);
		kfree(vq->free_next);
		kfree(vq->slots);
		kfree(vq);
		return NULL;
	}
	vq->mem_order = order;
	vq->vdev = vdev;
	vq->index = index;
	vq->name = name;
	vq->callback = callback;
	vq->notify = notify;
	vq->use_indirect = indirect;
	vq->event_idx = event_idx;
	vq->num = num;
	vq->num_free = num;
	vq->desc = vq->mem;
	vq->avail = (struct vring_avail *)((u8 *)vq->mem + avail_off);
	vq->used = (struct vring_used *)((u8 *)vq->mem + used_off);
	for (unsigned i = 0; i < num; i++)
		vq->free_next[i] = i + 1 < num ? i + 1 : 0;
	vq->free_head = 0;
	/* Interrupts wanted from the start: avail->flags 0, used_event 0. */
	return vq;
}

void vring_destroy(struct virtqueue *vq)
{
	if (!vq)
		return;
	for (unsigned i = 0; i < vq->num; i++)
		kfree(vq->slots[i].indirect);
	free_pages_addr(vq->mem, vq->mem_order);
	kfree(vq->free_next);
	kfree(vq->slots);
	kfree(vq);
}

void vring_addresses(const struct virtqueue *vq, u64 *desc, u64 *avail, u64 *used)
{
	*desc = virt_to_phys(vq->desc);
	*avail = virt_to_phys(vq->avail);
	*used = virt_to_phys(vq->used);
}

static u16 take_desc(struct virtqueue *vq)
{
	u16 d = vq->free_head;

	vq->free_head = vq->free_next[d];
	vq->num_free--;
	return d;
}

int virtqueue_add(struct virtqueue *vq, const struct virtio_sg *sg, unsigned out, unsigned in,
		  void *token, gfp_t gfp)
{
	unsigned total = out + in;
	u16 head;

	if (vq->broken)
		return -EIO;
	if (!total || !token || total > 0xffff)
		return -EINVAL;

	if (vq->use_indirect && total > 1 && vq->num_free >= 1) {
		struct vring_desc *table = kmalloc(total * sizeof(*table), gfp);

		if (table) {
			for (unsigned i = 0; i < total; i++) {
				table[i].addr = sg[i].addr;
				table[i].len = sg[i].len;
				table[i].flags = (i >= out ? VRING_DESC_F_WRITE : 0) |
						 (i + 1 < total ? VRING_DESC_F_NEXT : 0);
				table[i].next = i + 1 < total ? i + 1 : 0;
			}
			head = take_desc(vq);
			vq->desc[head].addr = virt_to_phys(table);
			vq->desc[head].len = total * sizeof(*table);
			vq->desc[head].flags = VRING_DESC_F_INDIRECT;
			vq->desc[head].next = 0;
			vq->slots[head] = (struct vq_slot){ token, table, 1 };
			goto publish;
		}
		/* No memory for a table: a chain does as well if it fits. */
	}
	if (total > vq->num_free)
		return -ENOSPC;
	head = vq->free_head;
	{
		u16 d = head, prev = head;

		for (unsigned i = 0; i < total; i++) {
			d = take_desc(vq);
			vq->desc[d].addr = sg[i].addr;
			vq->desc[d].len = sg[i].len;
			vq->desc[d].flags = i >= out ? VRING_DESC_F_WRITE : 0;
			if (i > 0) {
				vq->desc[prev].flags |= VRING_DESC_F_NEXT;
				vq->desc[prev].next = d;
			}
			prev = d;
		}
		vq->slots[head] = (struct vq_slot){ token, NULL, total };
	}
publish:
	vq->avail->ring[vq->avail_idx & (vq->num - 1)] = head;
	wmb();   /* the ring entry (and descriptors) before the index */
	vq->avail_idx++;
	WRITE_ONCE(vq->avail->idx, vq->avail_idx);
	vq->num_added++;
	return 0;
}

bool virtqueue_kick_prepare(struct virtqueue *vq)
{
	u16 new_idx = vq->avail_idx, old_idx = new_idx - vq->num_added;
	bool needed;

	/* Our avail->idx store must be visible before we read whether the
	 * device wants to hear about it. */
	mb();
	vq->num_added = 0;
	if (vq->event_idx) {
		u16 ev = *avail_event(vq);

		/* vring_need_event: did new_idx pass ev since old_idx? */
		needed = (u16)(new_idx - ev - 1) < (u16)(new_idx - old_idx);
	} else {
		needed = !(READ_ONCE(vq->used->flags) & VRING_USED_F_NO_NOTIFY);
	}
	return needed;
}

void virtqueue_notify(struct virtqueue *vq)
{
	if (!vq->broken)
		*vq->notify = vq->index;
}

void virtqueue_kick(struct virtqueue *vq)
{
	if (virtqueue_kick_prepare(vq))
		virtqueue_notify(vq);
}

static bool more_used(struct virtqueue *vq)
{
	return vq->last_used_idx != READ_ONCE(vq->used->idx);
}

void *virtqueue_get_buf(struct virtqueue *vq, u32 *len)
{
	struct vring_used_elem e;
	struct vq_slot *s;
	void *token;
	u16 d;

	if (vq->broken || !more_used(vq))
		return NULL;
	rmb();   /* the index before the entry it covers */
	e.id = READ_ONCE(vq->used->ring[vq->last_used_idx & (vq->num - 1)].id);
	e.len = READ_ONCE(vq->used->ring[vq->last_used_idx & (vq->num - 1)].len);
	if (e.id >= vq->num || !vq->slots[e.id].token) {
		pr_err("%s: %s: device returned bad buffer id %u; queue disabled\n",
		       vq->vdev->name, vq->name, e.id);
		vq->broken = true;
		return NULL;
	}
	s = &vq->slots[e.id];
	token = s->token;
	if (len)
		*len = e.len;
	/* Give the descriptors back. take_desc followed free_next, so the
	 * chain is still linked there (the device cannot touch that array):
	 * put it back in front of the free list whole. */
	d = e.id;
	for (unsigned i = 1; i < s->ndesc; i++)
		d = vq->free_next[d];
	vq->free_next[d] = vq->free_head;
	vq->free_head = e.id;
	vq->num_free += s->ndesc;
	kfree(s->indirect);
	*s = (struct vq_slot){ NULL, NULL, 0 };
	vq->last_used_idx++;
	if (vq->event_idx)
		WRITE_ONCE(*used_event(vq), vq->last_used_idx);
	return token;
}

bool virtqueue_enable_cb(struct virtqueue *vq)
{
	if (vq->event_idx)
		WRITE_ONCE(*used_event(vq), vq->last_used_idx);
	else
		WRITE_ONCE(vq->avail->flags, 0);
	/* The request for an interrupt must be visible before we look for
	 * completions the device made without sending one. */
	mb();
	return !more_used(vq);
}

void vring_interrupt(struct virtqueue *vq)
{
	if (vq->callback)
		vq->callback(vq);
}

unsigned virtqueue_num_free(const struct virtqueue *vq) { return vq->num_free; }
unsigned virtqueue_size(const struct virtqueue *vq) { return vq->num; }
bool virtqueue_is_broken(const struct virtqueue *vq) { return vq->broken; }
bool virtqueue_uses_indirect(const struct virtqueue *vq) { return vq->use_indirect; }
void *virtqueue_priv(const struct virtqueue *vq) { return vq->priv; }
void virtqueue_set_priv(struct virtqueue *vq, void *priv) { vq->priv = priv; }
struct virtio_device *virtqueue_vdev(const struct virtqueue *vq) { return vq->vdev; }
