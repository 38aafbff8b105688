/*
 * The modern virtio-pci transport (virtio 1.x section 4.1).
 *
 * A virtio function has vendor 0x1af4 and device 0x1040 + type (modern)
 * or 0x1000..0x103f (transitional: the type is the subsystem ID). Its
 * registers are found through vendor capabilities (cap ID 9) naming a BAR,
 * an offset and a length for each structure: common configuration (feature
 * bits, status, queue setup), notifications (one doorbell per queue at
 * queue_notify_off * notify_off_multiplier), the ISR byte (INTx only) and
 * the device-specific configuration. A transitional device without those
 * capabilities only speaks the legacy I/O-port interface, which we do not
 * implement: it is refused with a message.
 *
 * Initialization (3.1.1): reset, ACKNOWLEDGE, DRIVER, read the device's
 * features, accept the driver's and ours (VERSION_1 required, indirect
 * descriptors, event index), FEATURES_OK and check it stuck, then the
 * driver's probe sets up queues and calls virtio_device_ready (DRIVER_OK).
 *
 * Interrupts: MSI-X with one vector for configuration changes and one per
 * queue; if the device or the vector space cannot give that many, one
 * MSI-X vector for everything; else INTx, where the ISR byte (read to
 * acknowledge) says whether a queue or the configuration needs attention.
 */
#include <asm/x86.h>
#include <kernel/boot.h>
#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/paging.h>
#include <kernel/pci.h>
#include <kernel/printk.h>
#include <kernel/virtio.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define VIRTIO_PCI_VENDOR 0x1af4

/* Capability cfg_type values */
#define VIRTIO_PCI_CAP_COMMON_CFG 1
#define VIRTIO_PCI_CAP_NOTIFY_CFG 2
#define VIRTIO_PCI_CAP_ISR_CFG    3
#define VIRTIO_PCI_CAP_DEVICE_CFG 4

/* Common configuration layout */
#define VP_DFSELECT      0x00
#define VP_DF            0x04
#define VP_GFSELECT      0x08
#define VP_GF            0x0c
#define VP_MSIX_CONFIG   0x10
#define VP_NUM_QUEUES    0x12
#define VP_STATUS        0x14
#define VP_CFG_GEN       0x15
#define VP_Q_SELECT      0x16
#define VP_Q_SIZE        0x18
#define VP_Q_MSIX        0x1a
#define VP_Q_ENABLE      0x1c
#define VP_Q_NOFF        0x1e
#define VP_Q_DESCLO      0x20
#define VP_Q_DESCHI      0x24
#define VP_Q_AVAILLO     0x28
#define VP_Q_AVAILHI     0x2c
#define VP_Q_USEDLO      0x30
#define VP_Q_USEDHI      0x34
#define VP_COMMON_LEN    0x38

#define VIRTIO_MSI_NO_VECTOR 0xffff
#define VP_MAX_QUEUE_SIZE 256

struct virtio_pci {
	struct virtio_device vdev;
	struct pci_dev *pci;
	volatile u8 *common;
	volatile u8 *isr;
	volatile u8 *device;
	u32 device_len;
	volatile u8 *notify;
	u32 notify_len, notify_mult;
	struct virtqueue **vqs;
	unsigned nvqs;
	enum { VP_IRQ_NONE, VP_IRQ_PER_QUEUE, VP_IRQ_SHARED, VP_IRQ_INTX } irq_mode;
};

static int virtio_index;   /* next virtioN name; probes run one at a time at boot */

static inline struct virtio_pci *to_vp(struct virtio_device *vdev)
{
	return container_of(vdev, struct virtio_pci, vdev);
}

static u8 c8(struct virtio_pci *vp, unsigned off) { return *(volatile u8 *)(vp->common + off); }
static u16 c16(struct virtio_pci *vp, unsigned off) { return *(volatile u16 *)(vp->common + off); }
static u32 c32(struct virtio_pci *vp, unsigned off) { return *(volatile u32 *)(vp->common + off); }
static void w8(struct virtio_pci *vp, unsigned off, u8 v) { *(volatile u8 *)(vp->common + off) = v; }
static void w16(struct virtio_pci *vp, unsigned off, u16 v) { *(volatile u16 *)(vp->common + off) = v; }
static void w32(struct virtio_pci *vp, unsigned off, u32 v) { *(volatile u32 *)(vp->common + off) = v; }

static void set_status(struct virtio_pci *vp, u8 bits)
{
	w8(vp, VP_STATUS, c8(vp, VP_STATUS) | bits);
}

/* Writing 0 resets; the device says it is done by reading back 0. */
static bool vp_reset(struct virtio_pci *vp)
{
	u64 deadline = ktime_get_ns() + 1000000000ULL;

	w8(vp, VP_STATUS, 0);
	while (c8(vp, VP_STATUS)) {
		if (ktime_get_ns() > deadline)
			return false;
		cpu_relax();
	}
	return true;
}

/* ---- device configuration ---- */

static bool cfg_ok(struct virtio_pci *vp, unsigned off, unsigned size)
{
	return vp->device && off + size <= vp->device_len && off + size > off;
}

u8 virtio_cread8(struct virtio_device *vdev, unsigned off)
{
	struct virtio_pci *vp = to_vp(vdev);

	return cfg_ok(vp, off, 1) ? *(volatile u8 *)(vp->device + off) : 0;
}

u16 virtio_cread16(struct virtio_device *vdev, unsigned off)
{
	struct virtio_pci *vp = to_vp(vdev);

	return cfg_ok(vp, off, 2) ? *(volatile u16 *)(vp->device + off) : 0;
}

u32 virtio_cread32(struct virtio_device *vdev, unsigned off)
{
	struct virtio_pci *vp = to_vp(vdev);

	return cfg_ok(vp, off, 4) ? *(volatile u32 *)(vp->device + off) : 0;
}

u64 virtio_cread64(struct virtio_device *vdev, unsigned off)
{
	struct virtio_pci *vp = to_vp(vdev);
	u32 lo, hi;
	u8 gen;

	if (!cfg_ok(vp, off, 8))
		return 0;
	/* Two 32-bit reads: retry if the device changed the field between. */
	for (int tries = 0; tries < 100; tries++) {
		gen = c8(vp, VP_CFG_GEN);
		lo = *(volatile u32 *)(vp->device + off);
		hi = *(volatile u32 *)(vp->device + off + 4);
		if (c8(vp, VP_CFG_GEN) == gen)
			break;
	}
	return (u64)hi << 32 | lo;
}

void virtio_cwrite8(struct virtio_device *vdev, unsigned off, u8 v)
{
	struct virtio_pci *vp = to_vp(vdev);

	if (cfg_ok(vp, off, 1))
		*(volatile u8 *)(vp->device + off) = v;
}

/* ---- interrupts ---- */

static void config_changed(struct virtio_pci *vp)
{
	if (vp->vdev.driver && vp->vdev.driver->config_changed)
		vp->vdev.driver->config_changed(&vp->vdev);
}

static void vp_config_irq(struct pt_regs *regs, void *arg)
{
	config_changed(arg);
}

static void vp_queue_irq(struct pt_regs *regs, void *arg)
{
	vring_interrupt(arg);
}

static void vp_shared_irq(struct pt_regs *regs, void *arg)
{
	struct virtio_pci *vp = arg;

	for (unsigned i = 0; i < vp->nvqs; i++)
		if (vp->vqs[i])
			vring_interrupt(vp->vqs[i]);
}

static void vp_intx_irq(struct pt_regs *regs, void *arg)
{
	struct virtio_pci *vp = arg;
	u8 isr = *vp->isr;   /* reading acknowledges and lowers the line */

	if (!isr)
		return;       /* another device on a shared line */
	if (isr & 1)
		vp_shared_irq(regs, vp);
	if (isr & 2)
		config_changed(vp);
}

/*
 * Vectors for n queues: returns the MSI-X index of the config vector and
 * each queue's in *qvec (VIRTIO_MSI_NO_VECTOR with INTx).
 */
static int setup_irqs(struct virtio_pci *vp, unsigned n)
{
	struct pci_dev *pd = vp->pci;
	int got, r;

	got = pci_alloc_irq_vectors(pd, 1, n + 1, PCI_IRQ_ALLOW_MSIX | PCI_IRQ_ALLOW_INTX);
	if (got < 0)
		return got;
	if (pd->irq_type == PCI_IRQ_INTX) {
		vp->irq_mode = VP_IRQ_INTX;
		return pci_request_irq(pd, 0, vp_intx_irq, vp, vp->vdev.name);
	}
	if (got == (int)n + 1) {
		vp->irq_mode = VP_IRQ_PER_QUEUE;
		r = pci_request_irq(pd, 0, vp_config_irq, vp, vp->vdev.name);
		for (unsigned i = 0; !r && i < n; i++)
			r = pci_request_irq(pd, i + 1, vp_queue_irq, vp->vqs[i], vp->vdev.name);
		return r;
	}
	vp->irq_mode = VP_IRQ_SHARED;
	return pci_request_irq(pd, 0, vp_shared_irq, vp, vp->vdev.name);
}

static int setup_queue(struct virtio_pci *vp, unsigned i, vq_callback_t cb, const char *name,
		       u16 max_size)
{
	u16 size, noff;
	unsigned num = 1;
	u64 desc, avail, used, noffset;
	struct virtqueue *vq;

	w16(vp, VP_Q_SELECT, i);
	size = c16(vp, VP_Q_SIZE);
	if (!size || size == 0xffff)
		return -ENOENT;
	if (c16(vp, VP_Q_ENABLE))
		return -EBUSY;
	if (!max_size || max_size > VP_MAX_QUEUE_SIZE)
		max_size = VP_MAX_QUEUE_SIZE;
	while (num * 2 <= size && num * 2 <= max_size)
		num *= 2;
	noff = c16(vp, VP_Q_NOFF);
	noffset = (u64)noff * vp->notify_mult;
	if (noffset + 2 > vp->notify_len) {
		pr_err("%s: queue %u doorbell at %#llx outside the notify region\n", vp->vdev.name,
		       i, (unsigned long long)noffset);
		return -EIO;
	}
	vq = vring_create(&vp->vdev, i, num,
			  virtio_has_feature(&vp->vdev, VIRTIO_F_RING_INDIRECT_DESC),
			  virtio_has_feature(&vp->vdev, VIRTIO_F_RING_EVENT_IDX),
			  (volatile u16 *)(vp->notify + noffset), cb, name);
	if (!vq)
		return -ENOMEM;
	vp->vqs[i] = vq;
	w16(vp, VP_Q_SIZE, num);
	vring_addresses(vq, &desc, &avail, &used);
	w32(vp, VP_Q_DESCLO, (u32)desc);
	w32(vp, VP_Q_DESCHI, desc >> 32);
	w32(vp, VP_Q_AVAILLO, (u32)avail);
	w32(vp, VP_Q_AVAILHI, avail >> 32);
	w32(vp, VP_Q_USEDLO, (u32)used);
	w32(vp, VP_Q_USEDHI, used >> 32);
	return 0;
}

int virtio_find_vqs(struct virtio_device *vdev, unsigned n, struct virtqueue *vqs[],
		    const vq_callback_t callbacks[], const char *const names[], u16 max_size)
{
	struct virtio_pci *vp = to_vp(vdev);
	u16 nq = c16(vp, VP_NUM_QUEUES);
	int r;

	if (!n || vp->vqs)
		return -EINVAL;
	if (n > nq)
		return -ENOENT;
	vp->vqs = kcalloc(n, sizeof(*vp->vqs), GFP_KERNEL);
	if (!vp->vqs)
		return -ENOMEM;
	vp->nvqs = n;
	for (unsigned i = 0; i < n; i++) {
		r = setup_queue(vp, i, callbacks[i], names[i], max_size);
		if (r < 0)
			goto out_queues;
	}
	r = setup_irqs(vp, n);
	if (r < 0)
		goto out_queues;
	/* Tell the device which MSI-X entry each source uses; it answers
	 * NO_VECTOR when it could not take it. */
	if (vp->irq_mode != VP_IRQ_INTX) {
		w16(vp, VP_MSIX_CONFIG, 0);
		if (c16(vp, VP_MSIX_CONFIG) == VIRTIO_MSI_NO_VECTOR) {
			r = -EBUSY;
			goto out_irqs;
		}
	}
	for (unsigned i = 0; i < n; i++) {
		w16(vp, VP_Q_SELECT, i);
		if (vp->irq_mode != VP_IRQ_INTX) {
			u16 v = vp->irq_mode == VP_IRQ_PER_QUEUE ? i + 1 : 0;

			w16(vp, VP_Q_MSIX, v);
			if (c16(vp, VP_Q_MSIX) != v) {
				r = -EBUSY;
				goto out_irqs;
			}
		}
		w16(vp, VP_Q_ENABLE, 1);
		vqs[i] = vp->vqs[i];
	}
	pr_info("%s: %u queue%s of %u entries, %s%s%s\n", vdev->name, n, n > 1 ? "s" : "",
		virtqueue_size(vp->vqs[0]), pci_irq_type_name(vp->pci->irq_type),
		vp->irq_mode == VP_IRQ_SHARED ? " (one vector)" : "",
		virtio_has_feature(vdev, VIRTIO_F_RING_INDIRECT_DESC) ?
			(virtio_has_feature(vdev, VIRTIO_F_RING_EVENT_IDX) ? ", indirect, event idx" :
									     ", indirect") :
			(virtio_has_feature(vdev, VIRTIO_F_RING_EVENT_IDX) ? ", event idx" : ""));
	return 0;

out_irqs:
	pr_err("%s: device refused its MSI-X vectors\n", vdev->name);
	pci_free_irq_vectors(vp->pci);
out_queues:
	vp_reset(vp);   /* the device forgets the queues before we free them */
	for (unsigned i = 0; i < n; i++)
		vring_destroy(vp->vqs[i]);
	kfree(vp->vqs);
	vp->vqs = NULL;
	vp->nvqs = 0;
	return r;
}

void virtio_device_ready(struct virtio_device *vdev)
{
	set_status(to_vp(vdev), VIRTIO_STATUS_DRIVER_OK);
}

/* ---- probe ---- */

extern const struct virtio_driver *const __start_virtio_drivers[] __weak;
extern const struct virtio_driver *const __stop_virtio_drivers[] __weak;

static const struct virtio_driver *find_driver(u32 id)
{
	for (const struct virtio_driver *const *dp = __start_virtio_drivers;
	     dp < __stop_virtio_drivers; dp++)
		if ((*dp)->device_id == id)
			return *dp;
	return NULL;
}

/* Map the structure a virtio capability describes; its length in *len. */
static volatile u8 *map_cap(struct pci_dev *pd, u8 pos, u32 min_len, u32 *len)
{
	u8 bar = pci_read_config8(pd, pos + 4);
	u32 off = pci_read_config32(pd, pos + 8), l = pci_read_config32(pd, pos + 12);

	if (bar >= PCI_NUM_BARS || l < min_len)
		return NULL;
	/* More than a page of configuration is never needed here. */
	if (l > 1 << 20)
		l = 1 << 20;
	if (len)
		*len = l;
	return pci_iomap(pd, bar, off, l);
}

static int find_caps(struct virtio_pci *vp)
{
	struct pci_dev *pd = vp->pci;

	for (u8 pos = pci_find_cap(pd, PCI_CAP_ID_VNDR); pos;
	     pos = pci_find_next_cap(pd, pos, PCI_CAP_ID_VNDR)) {
		u8 type = pci_read_config8(pd, pos + 3), caplen = pci_read_config8(pd, pos + 2);

		if (caplen < 16)
			continue;
		switch (type) {
		case VIRTIO_PCI_CAP_COMMON_CFG:
			if (!vp->common)
				vp->common = map_cap(pd, pos, VP_COMMON_LEN, NULL);
			break;
		case VIRTIO_PCI_CAP_NOTIFY_CFG:
			if (!vp->notify && caplen >= 20) {
				vp->notify = map_cap(pd, pos, 2, &vp->notify_len);
				vp->notify_mult = pci_read_config32(pd, pos + 16);
			}
			break;
		case VIRTIO_PCI_CAP_ISR_CFG:
			if (!vp->isr)
				vp->isr = map_cap(pd, pos, 1, NULL);
			break;
		case VIRTIO_PCI_CAP_DEVICE_CFG:
			if (!vp->device)
				vp->device = map_cap(pd, pos, 1, &vp->device_len);
			break;
		}
	}
	return vp->common && vp->notify && vp->isr ? 0 : -ENODEV;
}

static u64 read_features(struct virtio_pci *vp)
{
	w32(vp, VP_DFSELECT, 0);
	u32 lo = c32(vp, VP_DF);
	w32(vp, VP_DFSELECT, 1);
	return (u64)c32(vp, VP_DF) << 32 | lo;
}

static void write_features(struct virtio_pci *vp, u64 f)
{
	w32(vp, VP_GFSELECT, 0);
	w32(vp, VP_GF, (u32)f);
	w32(vp, VP_GFSELECT, 1);
	w32(vp, VP_GF, f >> 32);
}

static int virtio_pci_probe(struct pci_dev *pd, const struct pci_device_id *id)
{
	const struct virtio_driver *drv;
	struct virtio_pci *vp;
	u64 offered, wanted;
	u32 type;
	int r;

	if (pd->device < 0x1000 || pd->device > 0x107f)
		return -ENODEV;
	type = pd->device >= 0x1040 ? pd->device - 0x1040u : pd->subsystem_device;
	vp = kzalloc(sizeof(*vp), GFP_KERNEL);
	if (!vp)
		return -ENOMEM;
	vp->pci = pd;
	vp->vdev.pci = pd;
	vp->vdev.id = type;
	snprintf(vp->vdev.name, sizeof(vp->vdev.name), "virtio%d", virtio_index);

	pci_enable_device(pd);
	if (find_caps(vp) < 0) {
		pr_err("virtio-pci %s: [%04x:%04x] offers only the legacy (virtio 0.9.5) interface, "
		       "which is not supported: a virtio 1.x device is needed (QEMU: "
		       "disable-modern=off, the default)\n", pd->name, pd->vendor, pd->device);
		r = -ENODEV;
		goto out_free;
	}
	virtio_index++;
	if (!vp_reset(vp)) {
		pr_err("%s: the device did not reset\n", vp->vdev.name);
		r = -EIO;
		goto out_free;
	}
	pci_set_master(pd);
	set_status(vp, VIRTIO_STATUS_ACKNOWLEDGE);
	drv = find_driver(type);
	if (!drv) {
		pr_info("%s (%s): device type %u, no driver\n", vp->vdev.name, pd->name, type);
		vp_reset(vp);
		pd->driver_data = vp;   /* ours all the same: nobody else drives virtio */
		return 0;
	}
	set_status(vp, VIRTIO_STATUS_DRIVER);
	offered = read_features(vp);
	if (!(offered & (1ULL << VIRTIO_F_VERSION_1))) {
		pr_err("%s (%s): the device does not offer VIRTIO_F_VERSION_1: legacy devices are "
		       "not supported\n", vp->vdev.name, pd->name);
		r = -ENODEV;
		goto out_failed;
	}
	wanted = offered & (drv->features | 1ULL << VIRTIO_F_VERSION_1 |
			    1ULL << VIRTIO_F_RING_INDIRECT_DESC | 1ULL << VIRTIO_F_RING_EVENT_IDX |
			    1ULL << VIRTIO_F_ACCESS_PLATFORM);
	/* Turning ring features off exercises the plain paths (tests). */
	if (cmdline_has("virtio.no_indirect"))
		wanted &= ~(1ULL << VIRTIO_F_RING_INDIRECT_DESC);
	if (cmdline_has("virtio.no_event_idx"))
		wanted &= ~(1ULL << VIRTIO_F_RING_EVENT_IDX);
	write_features(vp, wanted);
	set_status(vp, VIRTIO_STATUS_FEATURES_OK);
	if (!(c8(vp, VP_STATUS) & VIRTIO_STATUS_FEATURES_OK)) {
		pr_err("%s: the device did not accept features %#llx\n", vp->vdev.name,
		       (unsigned long long)wanted);
		r = -EIO;
		goto out_failed;
	}
	vp->vdev.features = wanted;
	vp->vdev.driver = drv;
	pd->driver_data = vp;
	pr_info("%s (%s): %s, features %#llx of %#llx\n", vp->vdev.name, pd->name, drv->name,
		(unsigned long long)wanted, (unsigned long long)offered);
	r = drv->probe(&vp->vdev);
	if (r < 0) {
		pr_err("%s: %s probe failed (error %d)\n", vp->vdev.name, drv->name, r);
		vp->vdev.driver = NULL;
		goto out_failed;
	}
	return 0;

out_failed:
	/* XXX: queues set up by a failed probe stay allocated (Linux frees them
	 * through del_vqs); the device is reset, so it no longer uses them. */
	vp_reset(vp);
	set_status(vp, VIRTIO_STATUS_FAILED);
	if (pd->irq_type != PCI_IRQ_NONE)
		pci_free_irq_vectors(pd);
	return 0;   /* still ours: no other driver should try it */
out_free:
	kfree(vp);
	return r;
}

static const struct pci_device_id virtio_pci_ids[] = {
	{ VIRTIO_PCI_VENDOR, PCI_ANY_ID },
	{ 0, 0 },
};

static const struct pci_driver virtio_pci_driver = {
	.name = "virtio-pci",
	.id_table = virtio_pci_ids,
	.probe = virtio_pci_probe,
};
PCI_DRIVER(virtio_pci_driver);
