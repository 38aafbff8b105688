/*
 * virtio-blk (virtio 1.x section 5.2): block devices vda, vdb, ... over
 * one request queue each.
 *
 * A request is a header (type, sector), the data buffers (device-readable
 * for writes, device-writable for reads) or discard segments, and a status
 * byte the device writes. A bio becomes one request whose data
 * descriptors are the bio's segments (physically adjacent ones merged, at
 * most seg_max, each at most size_max), packed into one indirect table
 * when the device takes them, so as many requests are in flight as the
 * ring has entries. Requests that find the ring full wait on a FIFO and
 * are started by the completion interrupt.
 *
 * A bio the limits do not let into one request is carried out in parts,
 * one after the other (the next part starts from the completion of the
 * previous one); so are REQ_PREFLUSH (a FLUSH before the write) and
 * REQ_FUA (a FLUSH after it: virtio has no FUA bit) on a device with a
 * volatile cache (VIRTIO_BLK_F_FLUSH). Without it, FLUSH completes at once.
 *
 * Completion runs in the queue's interrupt: the request's bio ends with
 * bio_endio, status 0 or -EIO (any status other than VIRTIO_BLK_S_OK);
 * bio_endio is called without our lock held, so an end_io that submits
 * again is fine.
 *
 * vb->lock (irqsave) guards the queue, the pending list and the sg array.
 */
#include <kernel/blkdev.h>
#include <kernel/boot.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <kernel/virtio.h>
#include <stdio.h>
#include <string.h>

/* Feature bits */
#define VIRTIO_BLK_F_SIZE_MAX  1
#define VIRTIO_BLK_F_SEG_MAX   2
#define VIRTIO_BLK_F_RO        5
#define VIRTIO_BLK_F_BLK_SIZE  6
#define VIRTIO_BLK_F_FLUSH     9
#define VIRTIO_BLK_F_DISCARD   13

/* Configuration layout */
#define VBLK_CFG_CAPACITY      0
#define VBLK_CFG_SIZE_MAX      8
#define VBLK_CFG_SEG_MAX       12
#define VBLK_CFG_BLK_SIZE      20
#define VBLK_CFG_MAX_DISCARD_SECTORS 36
#define VBLK_CFG_MAX_DISCARD_SEG     40
#define VBLK_CFG_DISCARD_ALIGN       44

/* Request types and status */
#define VIRTIO_BLK_T_IN        0
#define VIRTIO_BLK_T_OUT       1
#define VIRTIO_BLK_T_FLUSH     4
#define VIRTIO_BLK_T_DISCARD   11
#define VIRTIO_BLK_S_OK        0

#define VBLK_MAX_SEGS 256       /* our cap on data descriptors per request */

struct virtio_blk_outhdr {
	u32 type;
	u32 ioprio;
	u64 sector;
};

struct virtio_blk_discard_seg {
	u64 sector;
	u32 num_sectors;
	u32 flags;
};

enum { ST_PREFLUSH, ST_DATA, ST_POSTFLUSH };

struct virtblk_req {
	struct list_head list;           /* vb->pending, or a done list */
	struct bio *bio;
	struct virtio_blk_outhdr hdr;    /* read by the device */
	u8 status;                       /* written by the device */
	u8 stage;                        /* ST_* */
	int error;
	/* Progress through the bio: bytes done, and where the next part's
	 * data starts (vector index, offset in it). */
	u64 done_bytes;
	u32 pos_vec, pos_off;
	/* The part in flight: its bytes and where the following one starts. */
	u32 part_bytes;
	u32 next_vec, next_off;
	struct virtio_blk_discard_seg *dsegs;   /* DISCARD: max_discard_seg entries */
};

struct virtblk {
	struct virtio_device *vdev;
	struct virtqueue *vq;
	spinlock_t lock;
	struct list_head pending;        /* FIFO of requests waiting for ring room; lock */
	unsigned inflight;               /* requests in the ring; lock */
	struct virtio_sg *sg;            /* seg_max + 2 entries, for building; lock */
	u32 seg_max, size_max;
	u32 max_discard_sectors, max_discard_seg;
	struct block_device bdev;
};

static int virtblk_index;            /* next vdX; probes run one at a time at boot */
static int io_error_reports;         /* the first few I/O errors are logged */

static bool report_ok(void)
{
	return __atomic_fetch_add(&io_error_reports, 1, __ATOMIC_RELAXED) < 10;
}

static void name_disk(char *buf, size_t len, int i)
{
	if (i < 26)
		snprintf(buf, len, "vd%c", 'a' + i);
	else
		snprintf(buf, len, "vd%c%c", 'a' + i / 26 - 1, 'a' + i % 26);
}

static u64 vec_phys(const struct bio_vec *bv, u32 off)
{
	return page_to_phys(bv->bv_page) + bv->bv_offset + off;
}

/*
 * The data descriptors of the next part of a READ/WRITE, from the
 * request's position; fills vb->sg from index 1. Returns how many, or 0
 * when the part would not be a whole number of sectors (a bio whose
 * segments do not split on sector boundaries: refused).
 */
static unsigned build_data(struct virtblk *vb, struct virtblk_req *req)
{
	struct bio *bio = req->bio;
	struct virtio_sg *sg = vb->sg + 1;
	u32 vec = req->pos_vec, off = req->pos_off, bytes = 0;
	unsigned n = 0;

	while (vec < bio->bi_vcnt) {
		const struct bio_vec *bv = &bio->bi_io_vec[vec];
		u32 left = bv->bv_len - off, take;
		u64 pa = vec_phys(bv, off);

		if (!left) {
			vec++;
			off = 0;
			continue;
		}
		/* Merge with the previous descriptor when physically adjacent. */
		if (n && sg[n - 1].addr + sg[n - 1].len == pa && sg[n - 1].len < vb->size_max) {
			take = MIN(left, vb->size_max - sg[n - 1].len);
			sg[n - 1].len += take;
		} else {
			if (n == vb->seg_max)
				break;
			take = MIN(left, vb->size_max);
			sg[n++] = (struct virtio_sg){ pa, take };
		}
		bytes += take;
		off += take;
	}
	/* A part that stops early must end on a sector boundary: give back
	 * the tail of the last descriptor. */
	if (vec < bio->bi_vcnt && (bytes & (SECTOR_SIZE - 1))) {
		u32 cut = bytes & (SECTOR_SIZE - 1);

		if (!n || sg[n - 1].len <= cut)
			return 0;
		sg[n - 1].len -= cut;
		bytes -= cut;
		/* Step the position back by cut bytes. */
		while (cut) {
			u32 back;

			if (off == 0) {
				vec--;
				off = bio->bi_io_vec[vec].bv_len;
			}
			back = MIN(cut, off);
			off -= back;
			cut -= back;
		}
	}
	req->part_bytes = bytes;
	req->next_vec = vec;
	req->next_off = off;
	return bytes ? n : 0;
}

/* Queue the request's current step; 0, -ENOSPC (ring full) or -EIO. */
static int virtblk_add(struct virtblk *vb, struct virtblk_req *req)
{
	struct bio *bio = req->bio;
	unsigned op = bio_op_of(bio->bi_opf), out = 1, in = 1, n;
	struct virtio_sg *sg = vb->sg;

	req->status = 0xff;
	req->hdr.ioprio = 0;
	sg[0] = (struct virtio_sg){ virt_to_phys(&req->hdr), sizeof(req->hdr) };
	if (req->stage != ST_DATA || op == REQ_OP_FLUSH) {
		req->hdr.type = VIRTIO_BLK_T_FLUSH;
		req->hdr.sector = 0;
		n = 0;
	} else if (op == REQ_OP_DISCARD) {
		u64 sector = bio->bi_sector + (req->done_bytes >> SECTOR_SHIFT);
		u64 left = (bio->bi_size - req->done_bytes) >> SECTOR_SHIFT;
		unsigned nseg = 0;

		req->part_bytes = 0;
		while (left && nseg < vb->max_discard_seg) {
			u32 c = MIN(left, (u64)vb->max_discard_sectors);

			req->dsegs[nseg++] = (struct virtio_blk_discard_seg){ sector, c, 0 };
			sector += c;
			left -= c;
			req->part_bytes += c << SECTOR_SHIFT;
		}
		req->hdr.type = VIRTIO_BLK_T_DISCARD;
		req->hdr.sector = 0;
		sg[1] = (struct virtio_sg){ virt_to_phys(req->dsegs),
					    nseg * sizeof(struct virtio_blk_discard_seg) };
		n = 1;
		out = 2;
	} else {
		n = build_data(vb, req);
		if (!n) {
			if (report_ok())
				pr_err("%s: bio segments do not split on sector boundaries; failed\n",
				       vb->bdev.bd_name);
			return -EIO;
		}
		req->hdr.type = op == REQ_OP_WRITE ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN;
		req->hdr.sector = bio->bi_sector + (req->done_bytes >> SECTOR_SHIFT);
		if (op == REQ_OP_WRITE)
			out += n;
		else
			in += n;
	}
	sg[n + 1] = (struct virtio_sg){ virt_to_phys(&req->status), 1 };
	return virtqueue_add(vb->vq, sg, out, in, req, GFP_ATOMIC);
}

/* Start what waits, in order, while the ring has room. Caller holds lock. */
static void run_pending(struct virtblk *vb, struct list_head *done)
{
	bool added = false;

	while (!list_empty(&vb->pending)) {
		struct virtblk_req *req = list_first_entry(&vb->pending, struct virtblk_req, list);
		int r = virtblk_add(vb, req);

		if (r == -ENOSPC && vb->inflight)
			break;   /* completions will make room */
		if (r < 0) {
			req->error = -EIO;
			list_move_tail(&req->list, done);
			continue;
		}
		list_del(&req->list);
		vb->inflight++;
		added = true;
	}
	if (added)
		virtqueue_kick(vb->vq);
}

/* A step of req completed: the next one, or the end. Caller holds lock. */
static void step_done(struct virtblk *vb, struct virtblk_req *req, struct list_head *done)
{
	struct bio *bio = req->bio;
	unsigned op = bio_op_of(bio->bi_opf);

	vb->inflight--;
	if (req->status != VIRTIO_BLK_S_OK) {
		if (report_ok())
			pr_err("%s: I/O error, sector %llu, op %u%s, status %u\n", vb->bdev.bd_name,
			       (unsigned long long)(bio->bi_sector + (req->done_bytes >> SECTOR_SHIFT)), op,
			       req->stage != ST_DATA ? " (flush)" : "", req->status);
		req->error = -EIO;
		list_add_tail(&req->list, done);
		return;
	}
	switch (req->stage) {
	case ST_PREFLUSH:
		req->stage = ST_DATA;
		break;
	case ST_DATA:
		if (op == REQ_OP_FLUSH) {
			list_add_tail(&req->list, done);
			return;
		}
		req->done_bytes += req->part_bytes;
		req->pos_vec = req->next_vec;
		req->pos_off = req->next_off;
		if (req->done_bytes < bio->bi_size)
			break;
		if (op == REQ_OP_WRITE && (bio->bi_opf & REQ_FUA) && vb->bdev.bd_flush) {
			req->stage = ST_POSTFLUSH;
			break;
		}
		list_add_tail(&req->list, done);
		return;
	default:
		list_add_tail(&req->list, done);
		return;
	}
	/* The next step goes ahead of new requests. */
	list_add(&req->list, &vb->pending);
}

static void end_requests(struct list_head *done)
{
	while (!list_empty(done)) {
		struct virtblk_req *req = list_first_entry(done, struct virtblk_req, list);
		struct bio *bio = req->bio;

		list_del(&req->list);
		bio->bi_status = req->error;
		kfree(req->dsegs);
		kfree(req);
		bio_endio(bio);
	}
}

static void virtblk_done(struct virtqueue *vq)
{
	struct virtblk *vb = virtqueue_priv(vq);
	struct virtblk_req *req;
	unsigned long flags;
	LIST_HEAD(done);

	spin_lock_irqsave(&vb->lock, flags);
	do {
		while ((req = virtqueue_get_buf(vq, NULL)))
			step_done(vb, req, &done);
	} while (!virtqueue_enable_cb(vq));
	if (virtqueue_is_broken(vq)) {
		/* Nothing more will complete: fail what waits. (What is in
		 * the ring stays there; XXX: Linux resets the device.) */
		list_splice_tail_init(&vb->pending, &done);
		list_for_each_entry(req, &done, list)
			req->error = -EIO;
	}
	run_pending(vb, &done);
	spin_unlock_irqrestore(&vb->lock, flags);
	end_requests(&done);
}

static void fail_bio(struct bio *bio, int err)
{
	bio->bi_status = err;
	bio_endio(bio);
}

static void virtblk_submit_bio(struct block_device *bdev, struct bio *bio)
{
	struct virtblk *vb = bdev->bd_private;
	unsigned op = bio_op_of(bio->bi_opf);
	struct virtblk_req *req;
	unsigned long flags;
	LIST_HEAD(done);

	/* submit_bio checked range and alignment; these guard direct callers. */
	switch (op) {
	case REQ_OP_READ:
	case REQ_OP_WRITE:
		if (!bio->bi_size || (bio->bi_size & (SECTOR_SIZE - 1)) ||
		    (op == REQ_OP_WRITE && bdev->bd_read_only))
			return fail_bio(bio, -EIO);
		break;
	case REQ_OP_FLUSH:
		if (!bdev->bd_flush)
			return fail_bio(bio, 0);
		break;
	case REQ_OP_DISCARD:
		if (!bdev->bd_discard)
			return fail_bio(bio, -EOPNOTSUPP);
		if (!bio->bi_size || (bio->bi_size & (SECTOR_SIZE - 1)) || bdev->bd_read_only)
			return fail_bio(bio, -EIO);
		break;
	default:
		return fail_bio(bio, -EIO);
	}
	req = kzalloc(sizeof(*req), GFP_ATOMIC);
	if (req && op == REQ_OP_DISCARD) {
		req->dsegs = kcalloc(vb->max_discard_seg, sizeof(*req->dsegs), GFP_ATOMIC);
		if (!req->dsegs) {
			kfree(req);
			req = NULL;
		}
	}
	if (!req) {
		if (report_ok())
			pr_err("%s: out of memory for a request\n", bdev->bd_name);
		return fail_bio(bio, -EIO);
	}
	req->bio = bio;
	req->stage = op == REQ_OP_WRITE && (bio->bi_opf & REQ_PREFLUSH) && bdev->bd_flush ?
			     ST_PREFLUSH : ST_DATA;
	spin_lock_irqsave(&vb->lock, flags);
	list_add_tail(&req->list, &vb->pending);
	run_pending(vb, &done);
	spin_unlock_irqrestore(&vb->lock, flags);
	end_requests(&done);
}

static const struct block_device_operations virtblk_ops = {
	.submit_bio = virtblk_submit_bio,
};

static void virtblk_config_changed(struct virtio_device *vdev)
{
	struct virtblk *vb = vdev->priv;
	u64 cap;

	if (!vb)
		return;
	cap = virtio_cread64(vdev, VBLK_CFG_CAPACITY);
	if (cap != vb->bdev.bd_nr_sectors) {
		pr_info("%s: capacity changed from %llu to %llu sectors\n", vb->bdev.bd_name,
			(unsigned long long)vb->bdev.bd_nr_sectors, (unsigned long long)cap);
		WRITE_ONCE(vb->bdev.bd_nr_sectors, cap);
	}
}

static int virtblk_probe(struct virtio_device *vdev)
{
	static const vq_callback_t cbs[] = { virtblk_done };
	static const char *const names[] = { "req" };
	struct virtblk *vb = kzalloc(sizeof(*vb), GFP_KERNEL);
	struct block_device *bd;
	struct virtqueue *vq;
	u64 cap, bytes;
	u32 v;
	int r;

	if (!vb)
		return -ENOMEM;
	spin_lock_init(&vb->lock, "virtblk");
	INIT_LIST_HEAD(&vb->pending);
	vb->vdev = vdev;
	/* virtio_blk.queue_depth=N: a smaller ring (tests, debugging). */
	r = virtio_find_vqs(vdev, 1, &vq, cbs, names, cmdline_get_long("virtio_blk.queue_depth", 0));
	if (r < 0)
		goto out_free;
	vb->vq = vq;

	/* Limits: at most seg_max data descriptors (leaving room for the
	 * header and status in a direct chain), each at most size_max. */
	vb->seg_max = MIN(virtqueue_size(vq) - 2, VBLK_MAX_SEGS);
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_SEG_MAX)) {
		v = virtio_cread32(vdev, VBLK_CFG_SEG_MAX);
		if (v)
			vb->seg_max = MIN(vb->seg_max, v);
	}
	if (!vb->seg_max)
		vb->seg_max = 1;
	vb->size_max = 1u << 30;
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_SIZE_MAX)) {
		v = virtio_cread32(vdev, VBLK_CFG_SIZE_MAX);
		if (v >= SECTOR_SIZE)
			vb->size_max = v;
	}
	vb->sg = kcalloc(vb->seg_max + 2, sizeof(*vb->sg), GFP_KERNEL);
	if (!vb->sg) {
		r = -ENOMEM;
		goto out_free;
	}

	bd = &vb->bdev;
	name_disk(bd->bd_name, sizeof(bd->bd_name), virtblk_index);
	bd->bd_logical_block_size = SECTOR_SIZE;
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_BLK_SIZE)) {
		v = virtio_cread32(vdev, VBLK_CFG_BLK_SIZE);
		if (v >= SECTOR_SIZE && v <= PAGE_SIZE && !(v & (v - 1)))
			bd->bd_logical_block_size = v;
	}
	cap = virtio_cread64(vdev, VBLK_CFG_CAPACITY);
	bd->bd_nr_sectors = cap;
	bd->bd_read_only = virtio_has_feature(vdev, VIRTIO_BLK_F_RO);
	bd->bd_flush = virtio_has_feature(vdev, VIRTIO_BLK_F_FLUSH);
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_DISCARD)) {
		u32 align = virtio_cread32(vdev, VBLK_CFG_DISCARD_ALIGN);

		vb->max_discard_sectors = virtio_cread32(vdev, VBLK_CFG_MAX_DISCARD_SECTORS);
		vb->max_discard_seg = MIN(virtio_cread32(vdev, VBLK_CFG_MAX_DISCARD_SEG), 256u);
		/* Keep every segment but the last a multiple of the alignment. */
		if (align > 1 && vb->max_discard_sectors >= align)
			vb->max_discard_sectors -= vb->max_discard_sectors % align;
		bd->bd_discard = vb->max_discard_sectors && vb->max_discard_seg;
	}
	bd->bd_ops = &virtblk_ops;
	bd->bd_private = vb;
	vdev->priv = vb;
	virtqueue_set_priv(vq, vb);
	virtio_device_ready(vdev);

	bytes = cap << SECTOR_SHIFT;
	pr_info("virtio_blk %s: [%s] %llu %u-byte logical blocks (%llu.%llu MB/%llu MiB)%s%s%s\n",
		vdev->name, bd->bd_name,
		(unsigned long long)(bytes / bd->bd_logical_block_size), bd->bd_logical_block_size,
		(unsigned long long)(bytes / 1000000), (unsigned long long)(bytes / 100000 % 10),
		(unsigned long long)(bytes >> 20), bd->bd_read_only ? ", read-only" : "",
		bd->bd_flush ? ", write cache" : "", bd->bd_discard ? ", discard" : "");
	r = blkdev_register(bd);
	if (r < 0) {
		pr_err("%s: blkdev_register: error %d\n", bd->bd_name, r);
		/* XXX: the queue stays set up (see virtio_pci's failed probe). */
		vdev->priv = NULL;
		return r;
	}
	virtblk_index++;
	return 0;

out_free:
	kfree(vb->sg);
	kfree(vb);
	return r;
}

static const struct virtio_driver virtio_blk_driver = {
	.name = "virtio-blk",
	.device_id = VIRTIO_ID_BLOCK,
	.features = 1ULL << VIRTIO_BLK_F_SIZE_MAX | 1ULL << VIRTIO_BLK_F_SEG_MAX |
		    1ULL << VIRTIO_BLK_F_RO | 1ULL << VIRTIO_BLK_F_BLK_SIZE |
		    1ULL << VIRTIO_BLK_F_FLUSH | 1ULL << VIRTIO_BLK_F_DISCARD,
	.probe = virtblk_probe,
	.config_changed = virtblk_config_changed,
};
VIRTIO_DRIVER(virtio_blk_driver);
