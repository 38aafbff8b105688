/*
 * PCI, virtio-rng and virtio-blk against QEMU's devices.
 *
 * The virtio_blk_* tests are manual (they write to the disk): they need
 * /dev/vda to be the image scripts/test.sh makes (scripts/mkvblk-test):
 * 16 MiB where sector s holds s as a little-endian u64 in its first 8
 * bytes and (s + j) & 0xff at every other byte j, except that sector 0
 * carries the magic "VIRTIO-BLK-TEST" at byte 8. Reads check the first
 * half; writes go to the second half (sectors 16384 and up), which they
 * leave changed. They refuse any other disk.
 */
#include <asm/x86.h>
#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/pci.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/virtio.h>
#include <string.h>

#define VB_MAGIC "VIRTIO-BLK-TEST"
#define VB_SECTORS 32768
#define VB_SCRATCH 16384            /* first sector the tests may write */

static u8 expected_byte(u64 s, unsigned j)
{
	if (j < 8)
		return s >> (8 * j);
	if (s == 0 && j >= 8 && j < 8 + sizeof(VB_MAGIC))
		return VB_MAGIC[j - 8];
	return (s + j) & 0xff;
}

/* Where buf (covering sectors from first) differs from the pattern, or -1. */
static long pattern_mismatch(const u8 *buf, u64 first, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i] != expected_byte(first + i / SECTOR_SIZE, i % SECTOR_SIZE))
			return i;
	return -1;
}

/* /dev/vda if it is the test image, else NULL (and a failure). */
static struct block_device *open_test_disk(void)
{
	struct block_device *bd = blkdev_get_by_path("/dev/vda", FMODE_READ | FMODE_WRITE, NULL);
	char *buf;
	int r;

	if (IS_ERR(bd)) {
		ktest_fail(__FILE__, __LINE__, "no /dev/vda (error %ld): boot with --store IMAGE",
			   PTR_ERR(bd));
		return NULL;
	}
	buf = kmalloc(SECTOR_SIZE, GFP_KERNEL);
	r = buf ? blkdev_rw_kbuf(bd, REQ_OP_READ, 0, buf, SECTOR_SIZE) : -ENOMEM;
	if (r || memcmp(buf + 8, VB_MAGIC, sizeof(VB_MAGIC)) || bd->bd_nr_sectors != VB_SECTORS) {
		ktest_fail(__FILE__, __LINE__, "/dev/vda is not the test image (read %d)", r);
		kfree(buf);
		blkdev_put(bd, NULL);
		return NULL;
	}
	kfree(buf);
	return bd;
}

static void fill_pattern(u8 *buf, u64 first, size_t len, u8 salt)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = expected_byte(first + i / SECTOR_SIZE, i % SECTOR_SIZE) ^ salt;
}

/* A bio over three separate pages at odd offsets: 12 sectors in all. */
struct scattered {
	struct page *pg[3];
};

static const struct { u32 off, len; } scatter_layout[3] = { { 512, 1024 }, { 0, 4096 }, { 3072, 1024 } };
#define SCATTER_BYTES (1024 + 4096 + 1024)

static struct bio *scattered_bio(struct block_device *bd, struct scattered *sc, unsigned op, u64 sector)
{
	struct bio *bio = bio_alloc(bd, 3, op, GFP_KERNEL);

	if (!bio)
		return NULL;
	bio->bi_sector = sector;
	for (int i = 0; i < 3; i++)
		if (!bio_add_page(bio, sc->pg[i], scatter_layout[i].len, scatter_layout[i].off)) {
			bio_put(bio);
			return NULL;
		}
	return bio;
}

static bool scattered_alloc(struct scattered *sc)
{
	for (int i = 0; i < 3; i++) {
		sc->pg[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!sc->pg[i]) {
			while (i--)
				free_page(sc->pg[i]);
			return false;
		}
	}
	return true;
}

static void scattered_free(struct scattered *sc)
{
	for (int i = 0; i < 3; i++)
		free_page(sc->pg[i]);
}

/* Copy between the scattered pages and a flat buffer (to_pages: fill them). */
static void scattered_copy(struct scattered *sc, u8 *flat, bool to_pages)
{
	for (int i = 0; i < 3; i++) {
		u8 *p = (u8 *)page_address(sc->pg[i]) + scatter_layout[i].off;

		if (to_pages)
			memcpy(p, flat, scatter_layout[i].len);
		else
			memcpy(flat, p, scatter_layout[i].len);
		flat += scatter_layout[i].len;
	}
}

KTEST_FLAGS(virtio_blk_read, KTEST_MANUAL)
{
	struct block_device *bd = open_test_disk();
	struct scattered sc;
	struct bio *bio;
	u8 *buf;
	long bad;

	if (!bd)
		return;
	buf = kmalloc(64 << 10, GFP_KERNEL);
	KT_ASSERT(buf);
	KT_ASSERT_EQ(blkdev_rw_kbuf(bd, REQ_OP_READ, 0, buf, SECTOR_SIZE), 0);
	KT_ASSERT_EQ(pattern_mismatch(buf, 0, SECTOR_SIZE), -1);
	/* 64 KiB: one bio of 16 page segments, physically contiguous. */
	KT_ASSERT_EQ(blkdev_rw_kbuf(bd, REQ_OP_READ, 100, buf, 64 << 10), 0);
	bad = pattern_mismatch(buf, 100, 64 << 10);
	KT_ASSERT_MSG(bad < 0, "64 KiB read differs at byte %ld", bad);
	/* Three segments in three pages: one request, several descriptors. */
	KT_ASSERT(scattered_alloc(&sc));
	bio = scattered_bio(bd, &sc, REQ_OP_READ, 200);
	KT_ASSERT(bio);
	KT_ASSERT_EQ(submit_bio_wait(bio), 0);
	bio_put(bio);
	scattered_copy(&sc, buf, false);
	scattered_free(&sc);
	bad = pattern_mismatch(buf, 200, SCATTER_BYTES);
	KT_ASSERT_MSG(bad < 0, "scattered read differs at byte %ld", bad);
	/* The last sector. */
	KT_ASSERT_EQ(blkdev_rw_kbuf(bd, REQ_OP_READ, VB_SECTORS - 1, buf, SECTOR_SIZE), 0);
	KT_ASSERT_EQ(pattern_mismatch(buf, VB_SECTORS - 1, SECTOR_SIZE), -1);
	kfree(buf);
	blkdev_put(bd, NULL);
}

KTEST_FLAGS(virtio_blk_write, KTEST_MANUAL)
{
	struct block_device *bd = open_test_disk();
	struct scattered sc;
	struct bio *bio;
	u8 *src, *dst;
	u64 s = VB_SCRATCH + 100;

	if (!bd)
		return;
	src = kmalloc(SCATTER_BYTES, GFP_KERNEL);
	dst = kzalloc(SCATTER_BYTES, GFP_KERNEL);
	KT_ASSERT(src && dst);
	KT_ASSERT(scattered_alloc(&sc));
	/* Write from three pages, read back into one buffer... */
	fill_pattern(src, s, SCATTER_BYTES, 0x5a);
	scattered_copy(&sc, src, true);
	bio = scattered_bio(bd, &sc, REQ_OP_WRITE, s);
	KT_ASSERT(bio);
	KT_ASSERT_EQ(submit_bio_wait(bio), 0);
	bio_put(bio);
	KT_ASSERT_EQ(blkdev_rw_kbuf(bd, REQ_OP_READ, s, dst, SCATTER_BYTES), 0);
	KT_ASSERT(!memcmp(src, dst, SCATTER_BYTES));
	/* ...and the other way round. */
	fill_pattern(src, s, SCATTER_BYTES, 0xa5);
	KT_ASSERT_EQ(blkdev_rw_kbuf(bd, REQ_OP_WRITE, s, src, SCATTER_BYTES), 0);
	bio = scattered_bio(bd, &sc, REQ_OP_READ, s);
	KT_ASSERT(bio);
	KT_ASSERT_EQ(submit_bio_wait(bio), 0);
	bio_put(bio);
	scattered_copy(&sc, dst, false);
	KT_ASSERT(!memcmp(src, dst, SCATTER_BYTES));
	/* The neighbours are untouched. */
	KT_ASSERT_EQ(blkdev_rw_kbuf(bd, REQ_OP_READ, s - 1, dst, SECTOR_SIZE), 0);
	KT_ASSERT_EQ(pattern_mismatch(dst, s - 1, SECTOR_SIZE), -1);
	KT_ASSERT_EQ(blkdev_rw_kbuf(bd, REQ_OP_READ, s + 12, dst, SECTOR_SIZE), 0);
	KT_ASSERT_EQ(pattern_mismatch(dst, s + 12, SECTOR_SIZE), -1);
	scattered_free(&sc);
	kfree(src);
	kfree(dst);
	blkdev_put(bd, NULL);
}

/*
 * Ten segments in ten pages, of lengths that do not end on sector
 * boundaries: with a small seg_max (virtio_blk.queue_depth=8 gives 6) the
 * driver carries the bio out in parts cut at sector boundaries.
 */
static const u32 split_len[10] = { 600, 600, 600, 600, 160, 600, 600, 600, 600, 160 };
#define SPLIT_BYTES 5120

static bool split_io(struct block_device *bd, struct page **pg, unsigned op, u64 sector)
{
	struct bio *bio = bio_alloc(bd, 10, op, GFP_KERNEL);
	bool ok;

	if (!bio)
		return false;
	bio->bi_sector = sector;
	for (int i = 0; i < 10; i++)
		if (!bio_add_page(bio, pg[i], split_len[i], 8 * i)) {
			bio_put(bio);
			return false;
		}
	ok = submit_bio_wait(bio) == 0;
	bio_put(bio);
	return ok;
}

static void split_copy(struct page **pg, u8 *flat, bool to_pages)
{
	for (int i = 0; i < 10; i++) {
		u8 *p = (u8 *)page_address(pg[i]) + 8 * i;

		if (to_pages)
			memcpy(p, flat, split_len[i]);
		else
			memcpy(flat, p, split_len[i]);
		flat += split_len[i];
	}
}

KTEST_FLAGS(virtio_blk_split, KTEST_MANUAL)
{
	struct block_device *bd = open_test_disk();
	struct page *pg[10];
	u8 *src, *dst;
	u64 s = VB_SCRATCH + 500;
	long bad;

	if (!bd)
		return;
	src = kmalloc(SPLIT_BYTES, GFP_KERNEL);
	dst = kmalloc(SPLIT_BYTES, GFP_KERNEL);
	KT_ASSERT(src && dst);
	for (int i = 0; i < 10; i++) {
		pg[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		KT_ASSERT(pg[i]);
	}
	/* Read the pattern through the odd segments... */
	KT_ASSERT(split_io(bd, pg, REQ_OP_READ, 100));
	split_copy(pg, dst, false);
	bad = pattern_mismatch(dst, 100, SPLIT_BYTES);
	KT_ASSERT_MSG(bad < 0, "split read differs at byte %ld", bad);
	/* ...write through them, read back flat. */
	fill_pattern(src, s, SPLIT_BYTES, 0x77);
	split_copy(pg, src, true);
	KT_ASSERT(split_io(bd, pg, REQ_OP_WRITE, s));
	KT_ASSERT_EQ(blkdev_rw_kbuf(bd, REQ_OP_READ, s, dst, SPLIT_BYTES), 0);
	KT_ASSERT(!memcmp(src, dst, SPLIT_BYTES));
	for (int i = 0; i < 10; i++)
		free_page(pg[i]);
	kfree(src);
	kfree(dst);
	blkdev_put(bd, NULL);
}

/* Several kthreads, each with many bios in flight at once. */
#define CONC_THREADS 4
#define CONC_BIOS 128               /* per thread: 4 x 128 > the 256-entry ring */
#define CONC_BASE (VB_SCRATCH + 1024)

struct conc_thread {
	struct block_device *bd;
	int id;
	int remaining;                  /* atomic */
	int errors;                     /* atomic */
	struct completion all_done;
	struct page *pages[CONC_BIOS];
	struct bio *bios[CONC_BIOS];
};

static void conc_end_io(struct bio *bio)
{
	struct conc_thread *ct = bio->bi_private;

	if (bio->bi_status)
		__atomic_fetch_add(&ct->errors, 1, __ATOMIC_RELAXED);
	if (__atomic_sub_fetch(&ct->remaining, 1, __ATOMIC_ACQ_REL) == 0)
		complete(&ct->all_done);
}

static u64 conc_sector(int t, int i)
{
	return CONC_BASE + ((u64)i * CONC_THREADS + t) * 8;   /* interleaved 4 KiB blocks */
}

/* Submit one bio per page without waiting, then wait for all. */
static int conc_round(struct conc_thread *ct, unsigned op)
{
	ct->remaining = CONC_BIOS;
	ct->errors = 0;
	reinit_completion(&ct->all_done);
	for (int i = 0; i < CONC_BIOS; i++) {
		struct bio *bio = bio_alloc(ct->bd, 1, op, GFP_KERNEL);

		if (!bio || !bio_add_page(bio, ct->pages[i], PAGE_SIZE, 0))
			return -ENOMEM;   /* XXX: the test leaks what it submitted */
		bio->bi_sector = conc_sector(ct->id, i);
		bio->bi_end_io = conc_end_io;
		bio->bi_private = ct;
		ct->bios[i] = bio;
		submit_bio(bio);
	}
	if (!wait_for_completion_timeout(&ct->all_done, 60000000000ULL))
		return -ETIMEDOUT;
	for (int i = 0; i < CONC_BIOS; i++)
		bio_put(ct->bios[i]);
	return ct->errors ? -EIO : 0;
}

static int conc_thread_fn(void *arg)
{
	struct conc_thread *ct = arg;
	int r;

	for (int i = 0; i < CONC_BIOS; i++)
		memset(page_address(ct->pages[i]), (ct->id << 6) ^ i, PAGE_SIZE);
	r = conc_round(ct, REQ_OP_WRITE);
	if (r)
		return r;
	for (int i = 0; i < CONC_BIOS; i++)
		memset(page_address(ct->pages[i]), 0xee, PAGE_SIZE);
	r = conc_round(ct, REQ_OP_READ);
	if (r)
		return r;
	for (int i = 0; i < CONC_BIOS; i++) {
		const u8 *p = page_address(ct->pages[i]);

		for (size_t j = 0; j < PAGE_SIZE; j++)
			if (p[j] != (u8)((ct->id << 6) ^ i))
				return -EBADMSG;
	}
	return 0;
}

KTEST_FLAGS(virtio_blk_concurrent, KTEST_MANUAL)
{
	struct block_device *bd = open_test_disk();
	struct conc_thread *ct[CONC_THREADS] = { 0 };
	struct task *t[CONC_THREADS];
	int r[CONC_THREADS];

	if (!bd)
		return;
	for (int i = 0; i < CONC_THREADS; i++) {
		ct[i] = kzalloc(sizeof(*ct[i]), GFP_KERNEL);
		KT_ASSERT(ct[i]);
		ct[i]->bd = bd;
		ct[i]->id = i;
		init_completion(&ct[i]->all_done);
		for (int j = 0; j < CONC_BIOS; j++) {
			ct[i]->pages[j] = alloc_page(GFP_KERNEL);
			KT_ASSERT(ct[i]->pages[j]);
		}
	}
	for (int i = 0; i < CONC_THREADS; i++) {
		t[i] = kthread_run(conc_thread_fn, ct[i], "vblk-conc");
		KT_ASSERT(t[i]);
	}
	for (int i = 0; i < CONC_THREADS; i++)
		r[i] = kthread_join(t[i]);
	for (int i = 0; i < CONC_THREADS; i++)
		KT_ASSERT_MSG(r[i] == 0, "thread %d: error %d", i, r[i]);
	for (int i = 0; i < CONC_THREADS; i++) {
		for (int j = 0; j < CONC_BIOS; j++)
			free_page(ct[i]->pages[j]);
		kfree(ct[i]);
	}
	blkdev_put(bd, NULL);
}

KTEST_FLAGS(virtio_blk_flush, KTEST_MANUAL)
{
	struct block_device *bd = open_test_disk();
	u8 *buf, *back;
	struct bio *bio;
	u64 s = VB_SCRATCH + 300;

	if (!bd)
		return;
	KT_ASSERT(bd->bd_flush);   /* QEMU's default cache=writeback offers FLUSH */
	KT_ASSERT_EQ(blkdev_issue_flush(bd), 0);
	/* A write with PREFLUSH and FUA: flush, write, flush. */
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	back = kmalloc(PAGE_SIZE, GFP_KERNEL);
	KT_ASSERT(buf && back);
	fill_pattern(buf, s, PAGE_SIZE, 0x33);
	bio = bio_alloc(bd, 1, REQ_OP_WRITE | REQ_PREFLUSH | REQ_FUA, GFP_KERNEL);
	KT_ASSERT(bio);
	bio->bi_sector = s;
	KT_ASSERT(bio_add_kbuf(bio, buf, PAGE_SIZE));
	KT_ASSERT_EQ(submit_bio_wait(bio), 0);
	bio_put(bio);
	KT_ASSERT_EQ(blkdev_rw_kbuf(bd, REQ_OP_READ, s, back, PAGE_SIZE), 0);
	KT_ASSERT(!memcmp(buf, back, PAGE_SIZE));
	kfree(buf);
	kfree(back);
	blkdev_put(bd, NULL);
}

static void eio_end(struct bio *bio)
{
	complete(bio->bi_private);
}

/* Hand a bio to the driver itself, past the block layer's checks. */
static int driver_submit_wait(struct block_device *bd, struct bio *bio)
{
	struct completion done;

	init_completion(&done);
	bio->bi_private = &done;
	bio->bi_end_io = eio_end;
	bio->bi_status = 0;
	bd->bd_ops->submit_bio(bd, bio);
	wait_for_completion(&done);
	return bio->bi_status;
}

KTEST_FLAGS(virtio_blk_eio, KTEST_MANUAL)
{
	struct block_device *bd = open_test_disk();
	u8 *buf;
	struct bio *bio;

	if (!bd)
		return;
	buf = kmalloc(2 * SECTOR_SIZE, GFP_KERNEL);
	KT_ASSERT(buf);
	/* Past the end: the block layer refuses it... */
	KT_ASSERT_EQ(blkdev_rw_kbuf(bd, REQ_OP_READ, VB_SECTORS, buf, SECTOR_SIZE), -EIO);
	/* ...and the device does too, when the driver is asked directly:
	 * entirely beyond, and straddling the end. */
	for (int i = 0; i < 2; i++) {
		bio = bio_alloc(bd, 1, REQ_OP_READ, GFP_KERNEL);
		KT_ASSERT(bio);
		bio->bi_sector = i == 0 ? VB_SECTORS + 8 : VB_SECTORS - 1;
		KT_ASSERT(bio_add_kbuf(bio, buf, 2 * SECTOR_SIZE));
		KT_ASSERT_EQ(driver_submit_wait(bd, bio), -EIO);
		bio_put(bio);
	}
	bio = bio_alloc(bd, 1, REQ_OP_WRITE, GFP_KERNEL);
	KT_ASSERT(bio);
	bio->bi_sector = VB_SECTORS;
	KT_ASSERT(bio_add_kbuf(bio, buf, SECTOR_SIZE));
	KT_ASSERT_EQ(driver_submit_wait(bd, bio), -EIO);
	bio_put(bio);
	/* A bio that is not a whole number of sectors never reaches the device. */
	bio = bio_alloc(bd, 1, REQ_OP_READ, GFP_KERNEL);
	KT_ASSERT(bio);
	bio->bi_sector = 0;
	KT_ASSERT(bio_add_kbuf(bio, buf, 100));
	KT_ASSERT_EQ(driver_submit_wait(bd, bio), -EIO);
	bio_put(bio);
	/* The device still works. */
	KT_ASSERT_EQ(blkdev_rw_kbuf(bd, REQ_OP_READ, 0, buf, SECTOR_SIZE), 0);
	KT_ASSERT_EQ(pattern_mismatch(buf, 0, SECTOR_SIZE), -1);
	kfree(buf);
	blkdev_put(bd, NULL);
}

KTEST_FLAGS(virtio_blk_discard, KTEST_MANUAL)
{
	struct block_device *bd = open_test_disk();
	struct bio *bio;
	u8 *buf;

	if (!bd)
		return;
	KT_ASSERT(bd->bd_discard);   /* QEMU's virtio-blk offers DISCARD by default */
	KT_ASSERT_EQ(blkdev_issue_discard(bd, VB_SCRATCH + 4096, 2048), 0);
	/* Out of range, to the driver directly: the device says no. */
	bio = bio_alloc(bd, 0, REQ_OP_DISCARD, GFP_KERNEL);
	KT_ASSERT(bio);
	bio->bi_sector = VB_SECTORS - 8;
	bio->bi_size = 16 * SECTOR_SIZE;
	KT_ASSERT_EQ(driver_submit_wait(bd, bio), -EIO);
	bio_put(bio);
	/* Reads after it are fine (what a discarded range reads as is the
	 * device's business: QEMU's default discard=ignore keeps the data). */
	buf = kmalloc(SECTOR_SIZE, GFP_KERNEL);
	KT_ASSERT(buf);
	KT_ASSERT_EQ(blkdev_rw_kbuf(bd, REQ_OP_READ, 1, buf, SECTOR_SIZE), 0);
	KT_ASSERT_EQ(pattern_mismatch(buf, 1, SECTOR_SIZE), -1);
	kfree(buf);
	blkdev_put(bd, NULL);
}

/* ---- not manual: PCI and virtio-rng on any machine scripts/qemu.sh makes ---- */

static int find_host_bridge(struct pci_dev *d, void *arg)
{
	return d->bus == 0 && d->slot == 0 && d->func == 0 && d->class == 0x06 && d->subclass == 0;
}

static int check_caps(struct pci_dev *d, void *arg)
{
	int *bad = arg;

	if (d->msix_cap && pci_read_config8(d, d->msix_cap) != PCI_CAP_ID_MSIX)
		(*bad)++;
	if (d->msi_cap && pci_read_config8(d, d->msi_cap) != PCI_CAP_ID_MSI)
		(*bad)++;
	/* Config space agrees with the enumeration's copy, whichever way it
	 * is read (ECAM or ports: the port path is compared below). */
	if (pci_read_config16(d, PCI_VENDOR_ID) != d->vendor ||
	    pci_read_config16(d, PCI_DEVICE_ID) != d->device)
		(*bad)++;
	if (d->segment == 0) {
		u32 v;

		outl(0xcf8, 0x80000000u | d->bus << 16 | d->slot << 11 | d->func << 8);
		v = inl(0xcfc);
		if (v != ((u32)d->device << 16 | d->vendor))
			(*bad)++;
	}
	return 0;
}

KTEST(pci_enumeration)
{
	int bad = 0;

	KT_ASSERT_MSG(pci_for_each_dev(find_host_bridge, NULL), "no host bridge at 00:00.0");
	pci_for_each_dev(check_caps, &bad);
	KT_ASSERT_EQ(bad, 0);
}

KTEST(virtio_rng)
{
	u8 a[48], b[48], zero[48] = { 0 };
	long n = virtio_rng_read(a, sizeof(a));

	if (n == -ENODEV) {
		printk("ktest: virtio_rng: no virtio-rng device; nothing to test\n");
		return;
	}
	KT_ASSERT_EQ(n, sizeof(a));
	KT_ASSERT_EQ(virtio_rng_read(b, sizeof(b)), sizeof(b));
	KT_ASSERT(memcmp(a, b, sizeof(a)));
	KT_ASSERT(memcmp(a, zero, sizeof(a)));
}
