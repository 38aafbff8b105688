/*
 * kernel/lib/qsort.c: qsort against glibc's qsort on many input shapes
 * and element sizes (the key order must match; the result must be a
 * permutation of the input, since neither sort is stable), the O(n log n)
 * bound against McIlroy's adversary that drives any plain quicksort
 * quadratic, memory safety under a lying comparator, and bsearch.
 */
#include "unit.h"
#include "klib.h"

/* An element of @size bytes whose first 4 bytes hold the key. */
static size_t elem_size;
static unsigned long comparisons;

static int cmp_key(const void *a, const void *b)
{
	int x, y;

	memcpy(&x, a, sizeof(x));
	memcpy(&y, b, sizeof(y));
	comparisons++;
	return (x > y) - (x < y);
}

/* Orders whole elements bytewise, to compare two results as multisets. */
static int cmp_bytes(const void *a, const void *b)
{
	return memcmp(a, b, elem_size);
}

static int cmp_char(const void *a, const void *b)
{
	return *(const signed char *)a - *(const signed char *)b;
}

enum shape {
	SHAPE_RANDOM, SHAPE_SORTED, SHAPE_REVERSED, SHAPE_EQUAL, SHAPE_FEW, SHAPE_ORGAN,
	SHAPE_SAWTOOTH, SHAPE_NEARLY, SHAPE_EXTREMES, SHAPE_COUNT,
};

static int key_for(enum shape shape, size_t i, size_t n)
{
	switch (shape) {
	case SHAPE_RANDOM: return (int)unit_rand64();
	case SHAPE_SORTED: return (int)i;
	case SHAPE_REVERSED: return (int)(n - i);
	case SHAPE_EQUAL: return 7;
	case SHAPE_FEW: return (int)unit_rand_below(3);
	case SHAPE_ORGAN: return (int)(i < n / 2 ? i : n - i);
	case SHAPE_SAWTOOTH: return (int)(i % 17);
	case SHAPE_NEARLY: return unit_rand_below(20) ? (int)i : (int)unit_rand_below(n);
	default: return unit_rand_below(2) ? INT_MIN : INT_MAX;
	}
}

static void check_sort(size_t n, size_t size, enum shape shape)
{
	unsigned char *input = malloc(n * size + 1);
	unsigned char *mine = malloc(n * size + 1);
	unsigned char *want = malloc(n * size + 1);

	for (size_t i = 0; i < n; i++) {
		unsigned char *e = input + i * size;
		int key = key_for(shape, i, n);

		for (size_t j = 0; j < size; j++)
			e[j] = unit_rand64();	/* payload: tells equal keys apart */
		memcpy(e, &key, sizeof(key));
	}
	memcpy(mine, input, n * size);
	memcpy(want, input, n * size);
	klib_qsort(mine, n, size, cmp_key);
	qsort(want, n, size, cmp_key);

	bool keys_ok = true;
	for (size_t i = 0; i < n && keys_ok; i++)
		keys_ok = !memcmp(mine + i * size, want + i * size, sizeof(int));
	CHECK(keys_ok, "qsort n=%zu size=%zu shape=%d: keys out of order", n, size, shape);

	/* Same multiset of whole elements as the input. */
	elem_size = size;
	qsort(mine, n, size, cmp_bytes);
	qsort(input, n, size, cmp_bytes);
	CHECK(!memcmp(mine, input, n * size), "qsort n=%zu size=%zu shape=%d: not a permutation",
	      n, size, shape);
	free(input);
	free(mine);
	free(want);
}

static void test_shapes(void)
{
	static const size_t sizes[] = { 4, 5, 8, 12, 13, 16, 24, 64 };

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		for (int shape = 0; shape < SHAPE_COUNT; shape++) {
			for (size_t n = 0; n <= 70; n++)
				check_sort(n, sizes[s], shape);
			check_sort(1000, sizes[s], shape);
			check_sort(4097, sizes[s], shape);
		}
	}
	for (int shape = 0; shape < SHAPE_COUNT; shape++)
		check_sort(200000, 4, shape);
}

static void test_bytes(void)
{
	/* One-byte elements: the unaligned swap path. */
	for (int i = 0; i < 300; i++) {
		size_t n = unit_rand_below(600);
		signed char *a = malloc(n + 1), *b = malloc(n + 1);

		for (size_t j = 0; j < n; j++)
			a[j] = b[j] = unit_rand64();
		klib_qsort(a, n, 1, cmp_char);
		qsort(b, n, 1, cmp_char);
		CHECK(!memcmp(a, b, n), "qsort of %zu chars", n);
		free(a);
		free(b);
	}
	/* Misaligned base with word-sized elements. */
	unsigned char *raw = malloc(8 * 100 + 3);
	unsigned char *base = raw + 3;
	long want[100];
	for (int i = 0; i < 100; i++) {
		long v = (long)unit_rand64();

		memcpy(base + 8 * i, &v, 8);
		want[i] = v;
	}
	elem_size = 8;
	klib_qsort(base, 100, 8, cmp_bytes);
	qsort(want, 100, 8, cmp_bytes);
	CHECK(!memcmp(base, want, sizeof(want)), "qsort on a misaligned base");
	free(raw);

	/* Degenerate arguments: nothing is touched. */
	klib_qsort(NULL, 0, 4, cmp_key);
	int one = 5;
	klib_qsort(&one, 1, 4, cmp_key);
	CHECK(one == 5, "qsort of one element");
}

/*
 * McIlroy, "A Killer Adversary for Quicksort" (1999): the comparator decides
 * the values lazily so that whatever pivot is chosen turns out to be near
 * the bottom. A plain quicksort takes ~n^2/2 comparisons; introsort must
 * stay within a small multiple of n log2 n.
 */
static int *adv_val;
static int adv_gas, adv_nsolid, adv_candidate;

static int cmp_adversary(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;

	comparisons++;
	if (adv_val[a] == adv_gas && adv_val[b] == adv_gas) {
		if (a == adv_candidate)
			adv_val[a] = adv_nsolid++;
		else
			adv_val[b] = adv_nsolid++;
	}
	if (adv_val[a] == adv_gas)
		adv_candidate = a;
	else if (adv_val[b] == adv_gas)
		adv_candidate = b;
	return (adv_val[a] > adv_val[b]) - (adv_val[a] < adv_val[b]);
}

static void test_adversary(void)
{
	static const int sizes[] = { 100, 1000, 20000, 100000 };

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int n = sizes[s];
		int *ptr = malloc(n * sizeof(int));
		double log2n = 0;

		adv_val = malloc(n * sizeof(int));
		for (int i = 0; i < n; i++) {
			ptr[i] = i;
			adv_val[i] = n;
		}
		adv_gas = n;
		adv_nsolid = 0;
		adv_candidate = 0;
		comparisons = 0;
		klib_qsort(ptr, n, sizeof(int), cmp_adversary);
		for (int m = n; m > 1; m >>= 1)
			log2n++;
		CHECK(comparisons <= 6 * n * log2n,
		      "adversary n=%d: %lu comparisons, more than 6 n log2 n = %.0f", n,
		      comparisons, 6 * n * log2n);
		bool sorted = true;
		for (int i = 1; i < n; i++)
			sorted &= adv_val[ptr[i - 1]] <= adv_val[ptr[i]];
		CHECK(sorted, "adversary n=%d: result not sorted", n);
		free(ptr);
		free(adv_val);
	}

	/* Ordinary inputs stay near n log2 n too. */
	for (int shape = 0; shape < SHAPE_COUNT; shape++) {
		size_t n = 100000;
		int *a = malloc(n * sizeof(int));

		for (size_t i = 0; i < n; i++)
			a[i] = key_for(shape, i, n);
		comparisons = 0;
		klib_qsort(a, n, sizeof(int), cmp_key);
		CHECK(comparisons <= 3 * n * 17, "shape %d: %lu comparisons", shape, comparisons);
		free(a);
	}
}

static int cmp_liar(const void *a, const void *b)
{
	(void)a;
	(void)b;
	return (int)unit_rand_below(3) - 1;
}

static void test_lying_comparator(void)
{
	/* AddressSanitizer would catch any access outside the array. */
	for (int i = 0; i < 200; i++) {
		size_t n = unit_rand_below(3000);
		size_t size = 1 + unit_rand_below(20);
		unsigned char *a = malloc(n * size + 1);

		for (size_t j = 0; j < n * size; j++)
			a[j] = unit_rand64();
		klib_qsort(a, n, size, cmp_liar);
		free(a);
	}
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void test_bsearch(void)
{
	for (int round = 0; round < 2000; round++) {
		size_t n = unit_rand_below(300);
		int *a = malloc((n + 1) * sizeof(int));

		for (size_t i = 0; i < n; i++)
			a[i] = (int)unit_rand_below(400) - 200;
		qsort(a, n, sizeof(int), cmp_int);
		for (int key = -202; key <= 202; key++) {
			int *mine = klib_bsearch(&key, a, n, sizeof(int), cmp_int);
			int *host = bsearch(&key, a, n, sizeof(int), cmp_int);

			/* With duplicates any matching element will do. */
			CHECK(!mine == !host, "bsearch(%d) in %zu: found %d, glibc %d", key, n,
			      !!mine, !!host);
			CHECK(!mine || (*mine == key && mine >= a && mine < a + n),
			      "bsearch(%d) returned a wrong element", key);
		}
		free(a);
		if (UNIT_FAILURES() > 20)
			return;
	}
	CHECK(klib_bsearch(&(int){ 1 }, NULL, 0, sizeof(int), cmp_int) == NULL, "bsearch empty");
}

int main(void)
{
	unit_run("qsort.shapes", test_shapes);
	unit_run("qsort.element-sizes", test_bytes);
	unit_run("qsort.adversary", test_adversary);
	unit_run("qsort.lying-comparator", test_lying_comparator);
	unit_run("bsearch", test_bsearch);
	return unit_exit();
}
