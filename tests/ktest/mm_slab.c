/*
 * Tests of the object caches and kmalloc (kernel/mm/slab.c): every size
 * class with content patterns and frees in random order, caches with
 * constructors and alignment, krealloc growth, the small helpers, and the
 * debugging checks (poison, double free, bad pointers: these print the
 * expected WARNINGs).
 */
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <string.h>

static u64 test_rand(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void shuffle(void **v, size_t n, u64 *seed)
{
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = test_rand(seed) % (i + 1);
		void *t = v[i];

		v[i] = v[j];
		v[j] = t;
	}
}

static u8 pattern(size_t i, size_t size)
{
	return (u8)(i * 31 + size * 7 + 1);
}

static const size_t sizes[] = {
	0, 1, 7, 8, 9, 16, 24, 32, 40, 64, 65, 96, 100, 128, 160, 192, 200, 256, 300,
	512, 513, 1000, 1024, 2000, 2048, 3000, 4096, 5000, 8192, 8193, 20000, 65536, 300000,
};

#define NOBJ 400

KTEST(mm_slab_sizes)
{
	void **objs = vzalloc(NOBJ * sizeof(void *));
	u64 seed = 0x1234567;

	KT_ASSERT(objs);
	for (size_t s = 0; s < ARRAY_SIZE(sizes); s++) {
		size_t size = sizes[s], n = size <= 8192 ? NOBJ : 16;
		size_t nalloc = 0, bad_size = 0, bad_align = 0, bad_data = 0, dup = 0;

		for (size_t i = 0; i < n; i++) {
			u8 *p = kmalloc(size, GFP_KERNEL);

			objs[i] = p;
			if (!p)
				break;
			nalloc++;
			if (ksize(p) < size)
				bad_size++;
			/* Power-of-two sizes up to a page come naturally aligned. */
			if (((unsigned long)p & 7) ||
			    (size >= 8 && size <= 4096 && !(size & (size - 1)) &&
			     ((unsigned long)p & (size - 1))))
				bad_align++;
			memset(p, pattern(i, size), size);
		}
		for (size_t i = 0; i < nalloc; i++) {
			u8 *p = objs[i];

			for (size_t b = 0; b < size; b++)
				if (p[b] != pattern(i, size)) {
					bad_data++;
					break;
				}
			if (i && objs[i] == objs[i - 1])
				dup++;
		}
		shuffle(objs, nalloc, &seed);
		for (size_t i = 0; i < nalloc; i++)
			kfree(objs[i]);

		if (nalloc != n || bad_size || bad_align || bad_data || dup) {
			vfree(objs);
			KT_ASSERT_MSG(false, "size %zu: %zu of %zu allocated, %zu too small, "
				      "%zu misaligned, %zu overwritten, %zu duplicates",
				      size, nalloc, n, bad_size, bad_align, bad_data, dup);
		}
	}
	vfree(objs);
}

struct test_obj {
	u64 magic;
	u8 data[88];
};

#define TEST_OBJ_MAGIC 0xc0ffee0123456789ULL
static int ctor_calls;

static void test_obj_ctor(void *p)
{
	struct test_obj *o = p;

	o->magic = TEST_OBJ_MAGIC;
	__atomic_fetch_add(&ctor_calls, 1, __ATOMIC_RELAXED);
}

KTEST(mm_slab_cache)
{
	struct kmem_cache *c = kmem_cache_create("mm_test_obj", sizeof(struct test_obj), 64,
						 test_obj_ctor);
	struct kmem_cache *plain = kmem_cache_create("mm_test_plain", 40, 0, NULL);
	struct test_obj **objs = vzalloc(NOBJ * sizeof(*objs));
	int bad_magic = 0, bad_align = 0, bad_zero = 0;

	KT_ASSERT(c && plain && objs);
	KT_ASSERT(kmem_cache_create("bad align", 32, 3, NULL) == NULL);
	KT_ASSERT(kmem_cache_create("zero", 0, 0, NULL) == NULL);

	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < NOBJ; i++) {
			objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
			KT_ASSERT(objs[i]);
			if (objs[i]->magic != TEST_OBJ_MAGIC)
				bad_magic++;
			if ((unsigned long)objs[i] & 63)
				bad_align++;
			memset(objs[i]->data, i, sizeof(objs[i]->data));
		}
		for (int i = 0; i < NOBJ; i++)
			kmem_cache_free(c, objs[NOBJ - 1 - i]);
	}
	/* Each object was constructed once, when its slab was made: the
	 * second round reused them. */
	KT_ASSERT(ctor_calls >= NOBJ && ctor_calls < 2 * NOBJ);
	KT_ASSERT_EQ(bad_magic, 0);
	KT_ASSERT_EQ(bad_align, 0);

	for (int i = 0; i < NOBJ; i++) {
		u8 *p = kmem_cache_alloc(plain, GFP_KERNEL | __GFP_ZERO);

		objs[i] = (struct test_obj *)p;
		KT_ASSERT(p);
		for (int b = 0; b < 40; b++)
			if (p[b])
				bad_zero++;
		memset(p, 0xee, 40);
		KT_ASSERT_EQ(ksize(p), 40);
	}
	for (int i = 0; i < NOBJ; i++)
		kfree(objs[i]);   /* kfree works on any slab object */
	KT_ASSERT_EQ(bad_zero, 0);

	kmem_cache_destroy(c);
	kmem_cache_destroy(plain);
	vfree(objs);
}

KTEST(mm_slab_krealloc)
{
	u8 *p = NULL;
	size_t size = 0;
	char *s;
	u32 *z;

	/* Grow from nothing to beyond the slab sizes; the old bytes move along. */
	while (size < 200000) {
		size_t nsize = size * 3 / 2 + 5;

		p = krealloc(p, nsize, GFP_KERNEL);
		KT_ASSERT(p);
		KT_ASSERT(ksize(p) >= nsize);
		for (size_t i = 0; i < size; i++)
			KT_ASSERT_MSG(p[i] == (u8)(i * 13), "byte %zu lost growing to %zu", i, nsize);
		for (size_t i = size; i < nsize; i++)
			p[i] = (u8)(i * 13);
		size = nsize;
	}
	/* Shrinking keeps the block. */
	KT_ASSERT(krealloc(p, 10, GFP_KERNEL) == p);
	KT_ASSERT(krealloc(p, 0, GFP_KERNEL) == NULL);   /* frees */

	KT_ASSERT(kcalloc((size_t)1 << 62, 8, GFP_KERNEL) == NULL);
	KT_ASSERT(kcalloc(~(size_t)0, 2, GFP_KERNEL) == NULL);
	z = kcalloc(100, sizeof(u32), GFP_KERNEL);
	KT_ASSERT(z);
	for (int i = 0; i < 100; i++)
		KT_ASSERT(z[i] == 0);
	kfree(z);
	p = kzalloc(3000, GFP_KERNEL);
	KT_ASSERT(p);
	for (int i = 0; i < 3000; i++)
		KT_ASSERT(p[i] == 0);
	kfree(p);
	p = kzalloc(50000, GFP_KERNEL);
	KT_ASSERT(p && p[0] == 0 && p[49999] == 0);
	kfree(p);

	s = kstrdup("memory manager", GFP_KERNEL);
	KT_ASSERT(s && !strcmp(s, "memory manager"));
	kfree(s);
	KT_ASSERT(kstrdup(NULL, GFP_KERNEL) == NULL);
	kfree(NULL);
	KT_ASSERT(ksize(NULL) == 0);

	p = kmalloc(0, GFP_KERNEL);
	KT_ASSERT(p);
	kfree(p);
	/* Beyond what one page block holds. */
	KT_ASSERT(kmalloc((size_t)64 << 20, GFP_KERNEL) == NULL);
}

KTEST(mm_slab_debug)
{
	u64 *p = kmalloc(64, GFP_KERNEL), *q, *r;
	bool poisoned = true;

	KT_ASSERT(p);
	memset(p, 0x11, 64);
	kfree(p);
	/* Freed objects are poisoned (the first word may hold a link). */
	for (int i = 1; i < 8; i++)
		if (p[i] != 0x6b6b6b6b6b6b6b6bULL)
			poisoned = false;
	KT_ASSERT(poisoned);

	printk(KERN_INFO "mm_slab_debug: a double free, a WARNING is expected:\n");
	kfree(p);
	/* Had the second kfree gone through, p would be handed out twice. */
	q = kmalloc(64, GFP_KERNEL);
	r = kmalloc(64, GFP_KERNEL);
	KT_ASSERT(q && r && q != r);

	printk(KERN_INFO "mm_slab_debug: a pointer into an object, a WARNING is expected:\n");
	kfree((u8 *)q + 8);
	printk(KERN_INFO "mm_slab_debug: a pointer kmalloc never gave, a WARNING is expected:\n");
	kfree(&poisoned);
	/* q is still live and freeable. */
	kfree(q);
	kfree(r);
}
