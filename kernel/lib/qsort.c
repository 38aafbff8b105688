/*
 * qsort and bsearch (<stdlib.h>).
 *
 * qsort is an introsort: quicksort with a median-of-three (ninther for long
 * ranges) pivot and a partition that stops on equal keys (so runs of
 * duplicates split evenly),
 * switching to heapsort for a range once the partitioning has gone
 * 2*log2(n) levels deep without finishing, and to insertion sort for short
 * ranges. That bounds the time at O(n log n) even for inputs built to
 * defeat the pivot choice, and because the smaller side is sorted by
 * recursion and the larger by looping, the stack depth is at most log2(n)
 * frames. Not stable. A comparison function that is not a consistent
 * ordering gives an unsorted result but never an access outside the array.
 */
#include <stdlib.h>

#include <kernel/types.h>

typedef int (*cmp_fn)(const void *, const void *);

/* Ranges this short are finished by insertion sort. */
#define INSERTION_SORT_MAX 12
/* Ranges longer than this take the pivot from nine elements, not three. */
#define NINTHER_MIN 40

static void swap_elems(char *a, char *b, size_t size)
{
	if ((((uintptr_t)a | (uintptr_t)b | size) & (sizeof(unsigned long) - 1)) == 0) {
		unsigned long *p = (unsigned long *)a, *q = (unsigned long *)b;

		for (size_t n = size / sizeof(unsigned long); n; n--, p++, q++) {
			unsigned long t = *p;
			*p = *q;
			*q = t;
		}
		return;
	}
	for (; size; size--, a++, b++) {
		char t = *a;
		*a = *b;
		*b = t;
	}
}

static void insertion_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	for (size_t i = 1; i < n; i++) {
		for (char *p = base + i * size; p > base && cmp(p - size, p) > 0; p -= size)
			swap_elems(p - size, p, size);
	}
}

/* Restore the max-heap property below @root in a heap of @n elements. */
static void sift_down(char *base, size_t root, size_t n, size_t size, cmp_fn cmp)
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap_elems(base + root * size, base + child * size, size);
		root = child;
	}
}

static void heap_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(base, i, n, size, cmp);
	for (size_t end = n - 1; end > 0; end--) {
		swap_elems(base, base + end * size, size);
		sift_down(base, 0, end, size, cmp);
	}
}

static char *median_of_3(char *a, char *b, char *c, cmp_fn cmp)
{
	if (cmp(a, b) < 0) {
		if (cmp(b, c) < 0)
			return b;
		return cmp(a, c) < 0 ? c : a;
	}
	if (cmp(b, c) > 0)
		return b;
	return cmp(a, c) < 0 ? a : c;
}

static void intro_sort(char *base, size_t n, size_t size, cmp_fn cmp, unsigned int depth)
{
	while (n > INSERTION_SORT_MAX) {
		char *mid = base + (n / 2) * size;
		char *last = base + (n - 1) * size;
		size_t i, j;

		if (depth == 0) {
			heap_sort(base, n, size, cmp);
			return;
		}
		depth--;

		/*
		 * Pivot: the median of three for short ranges, Tukey's ninther
		 * (median of three medians of three) for long ones; it is
		 * parked at base[0].
		 */
		if (n > NINTHER_MIN) {
			size_t step = (n / 8) * size;

			mid = median_of_3(median_of_3(base, base + step, base + 2 * step, cmp),
					  median_of_3(mid - step, mid, mid + step, cmp),
					  median_of_3(last - 2 * step, last - step, last, cmp), cmp);
		} else {
			mid = median_of_3(base, mid, last, cmp);
		}
		swap_elems(base, mid, size);

		/*
		 * Hoare partition around the pivot at base[0]. Both scans stop
		 * on keys equal to the pivot, which splits runs of equal keys
		 * evenly. The upward scan needs its bound (nothing guarantees
		 * a large key at the end); the downward one is stopped by the
		 * pivot itself, and its bound is there for comparison
		 * functions that lie.
		 */
		i = 0;
		j = n;
		for (;;) {
			do
				i++;
			while (i < n - 1 && cmp(base + i * size, base) < 0);
			do
				j--;
			while (j > 0 && cmp(base + j * size, base) > 0);
			if (i >= j)
				break;
			swap_elems(base + i * size, base + j * size, size);
		}
		/* [1, j] <= pivot <= (j, n): put the pivot at j, its final place. */
		swap_elems(base, base + j * size, size);

		if (j < n - 1 - j) {
			intro_sort(base, j, size, cmp, depth);
			base += (j + 1) * size;
			n -= j + 1;
		} else {
			intro_sort(base + (j + 1) * size, n - 1 - j, size, cmp, depth);
			n = j;
		}
	}
	insertion_sort(base, n, size, cmp);
}

void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *))
{
	unsigned int depth = 0;

	if (nmemb < 2 || size == 0)
		return;
	for (size_t n = nmemb; n > 1; n >>= 1)
		depth += 2;
	intro_sort(base, nmemb, size, compar, depth);
}

void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *))
{
	const char *lo = base;

	while (nmemb) {
		const char *mid = lo + (nmemb / 2) * size;
		int c = compar(key, mid);

		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			lo = mid + size;
			nmemb -= nmemb / 2 + 1;
		} else {
			nmemb /= 2;
		}
	}
	return NULL;
}
