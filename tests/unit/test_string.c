/*
 * kernel/lib/string.c against the host C library: every function on
 * exhaustive small cases (all alignments, lengths, overlaps) and on random
 * inputs, comparing results, returned pointers and the bytes around the
 * destination. Buffers are malloc'ed at their exact size so that
 * AddressSanitizer catches any read or write past them.
 */
#include "unit.h"
#include "klib.h"

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static void fill_random(unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = unit_rand64();
}

/* A random NUL-terminated string of @len bytes drawn from @alphabet. */
static void random_string(char *s, size_t len, const char *alphabet)
{
	size_t na = strlen(alphabet);

	for (size_t i = 0; i < len; i++)
		s[i] = alphabet[unit_rand_below(na)];
	s[len] = '\0';
}

static void test_memcpy(void)
{
	enum { MAX = 300, GUARD = 16 };
	unsigned char src[MAX + 64], dst[MAX + 64 + 2 * GUARD], want[sizeof(dst)];

	for (size_t so = 0; so < 16; so++) {
		for (size_t dof = 0; dof < 16; dof++) {
			for (size_t n = 0; n <= MAX; n += (n < 70 ? 1 : 23)) {
				void *r;

				fill_random(src, sizeof(src));
				fill_random(dst, sizeof(dst));
				memcpy(want, dst, sizeof(dst));
				memcpy(want + GUARD + dof, src + so, n);
				r = klib_memcpy(dst + GUARD + dof, src + so, n);
				CHECK(r == dst + GUARD + dof, "memcpy returned %p", r);
				CHECK(!memcmp(dst, want, sizeof(dst)),
				      "memcpy src+%zu dst+%zu n=%zu wrong", so, dof, n);
			}
		}
	}

	/* Large copies, heap buffers of exact size. */
	size_t sizes[] = { 4095, 4096, 65536 + 3, 1 << 20 };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *a = malloc(sizes[i]), *b = malloc(sizes[i]);

		fill_random(a, sizes[i]);
		klib_memcpy(b, a, sizes[i]);
		CHECK(!memcmp(a, b, sizes[i]), "memcpy of %zu bytes wrong", sizes[i]);
		free(a);
		free(b);
	}
}

static void test_memmove(void)
{
	enum { SIZE = 160 };
	unsigned char buf[SIZE], want[SIZE];

	/* Every overlap: all (src, dst) offsets for a range of lengths. */
	for (size_t n = 0; n <= 80; n++) {
		for (size_t s = 0; s + n <= SIZE && s < 48; s++) {
			for (size_t d = 0; d + n <= SIZE && d < 48; d++) {
				void *r;

				fill_random(buf, SIZE);
				memcpy(want, buf, SIZE);
				memmove(want + d, want + s, n);
				r = klib_memmove(buf + d, buf + s, n);
				CHECK(r == buf + d, "memmove returned wrong pointer");
				if (memcmp(buf, want, SIZE)) {
					CHECK(0, "memmove src=%zu dst=%zu n=%zu wrong", s, d, n);
					return;
				}
			}
		}
	}

	/* Large overlapping moves both ways, at odd distances. */
	size_t total = 1 << 18;
	unsigned char *a = malloc(total), *b = malloc(total);
	for (int i = 0; i < 200; i++) {
		size_t n = unit_rand_below(total / 2);
		size_t s = unit_rand_below(total - n + 1);
		size_t d = unit_rand_below(total - n + 1);

		if (i < 20) {	/* very close overlaps, both directions */
			long k = (long)(i % 9) * (i % 2 ? 1 : -1);

			if ((long)s + k >= 0 && s + k + n <= total)
				d = s + k;
		}
		fill_random(a, total);
		memcpy(b, a, total);
		memmove(b + d, b + s, n);
		klib_memmove(a + d, a + s, n);
		CHECK(!memcmp(a, b, total), "large memmove src=%zu dst=%zu n=%zu wrong", s, d, n);
	}
	free(a);
	free(b);
}

static void test_memset(void)
{
	enum { MAX = 300, GUARD = 16 };
	unsigned char buf[MAX + 16 + 2 * GUARD], want[sizeof(buf)];
	int values[] = { 0, 1, 0x7f, 0x80, 0xff, 0x1ab, -1, -2, 0x12345678 };

	for (size_t off = 0; off < 16; off++) {
		for (size_t n = 0; n <= MAX; n += (n < 70 ? 1 : 17)) {
			int c = values[unit_rand_below(sizeof(values) / sizeof(values[0]))];
			void *r;

			fill_random(buf, sizeof(buf));
			memcpy(want, buf, sizeof(buf));
			memset(want + GUARD + off, c, n);
			r = klib_memset(buf + GUARD + off, c, n);
			CHECK(r == buf + GUARD + off, "memset returned wrong pointer");
			CHECK(!memcmp(buf, want, sizeof(buf)), "memset off=%zu n=%zu c=%#x wrong", off, n, c);
		}
	}
}

static void test_memcmp(void)
{
	for (int i = 0; i < 20000; i++) {
		size_t n = unit_rand_below(70);
		unsigned char *a = malloc(n + 1), *b = malloc(n + 1);

		fill_random(a, n);
		memcpy(b, a, n);
		if (n && unit_rand_below(4)) {
			size_t at = unit_rand_below(n);

			b[at] = unit_rand64();
			if (unit_rand_below(2) && at + 1 < n)
				b[at + 1 + unit_rand_below(n - at - 1)] = unit_rand64();
		}
		size_t len = n ? unit_rand_below(n + 1) : 0;
		CHECK(sign(klib_memcmp(a, b, len)) == sign(memcmp(a, b, len)),
		      "memcmp sign differs, n=%zu", len);
		CHECK(sign(klib_memcmp(b, a, len)) == sign(memcmp(b, a, len)),
		      "memcmp sign differs (swapped), n=%zu", len);
		free(a);
		free(b);
	}
	/* Bytes compare as unsigned. */
	CHECK(klib_memcmp("\x80", "\x01", 1) > 0, "memcmp signed bytes");
	CHECK(klib_memcmp("abc", "abd", 0) == 0, "memcmp n=0");
}

static void test_memchr(void)
{
	for (int i = 0; i < 20000; i++) {
		size_t n = unit_rand_below(100);
		unsigned char *a = malloc(n ? n : 1);

		for (size_t j = 0; j < n; j++)
			a[j] = 'a' + unit_rand_below(20) + (unit_rand_below(8) ? 0 : 0x60);
		int c = 'a' + (int)unit_rand_below(24);
		if (unit_rand_below(4) == 0)
			c += 0x100;	/* converted to unsigned char */
		if (unit_rand_below(8) == 0)
			c = 0xc1 + (int)unit_rand_below(20) - 256;	/* negative */

		CHECK(klib_memchr(a, c, n) == memchr(a, c, n), "memchr n=%zu c=%d", n, c);
		CHECK(klib_memrchr(a, c, n) == memrchr(a, c, n), "memrchr n=%zu c=%d", n, c);
		free(a);
	}
}

static void test_strlen(void)
{
	for (size_t off = 0; off < 16; off++) {
		for (size_t len = 0; len < 200; len++) {
			char *s = malloc(off + len + 1);

			random_string(s + off, len, "abcdefghij\x80\xff");
			CHECK(klib_strlen(s + off) == len, "strlen off=%zu len=%zu", off, len);
			for (size_t max = 0; max < len + 3; max += 1 + max / 4) {
				/* strnlen may not read past max even without a NUL. */
				CHECK(klib_strnlen(s + off, max) == strnlen(s + off, max),
				      "strnlen len=%zu max=%zu", len, max);
			}
			free(s);
		}
	}
	char nonul[5] = { 'a', 'b', 'c', 'd', 'e' };
	CHECK(klib_strnlen(nonul, 5) == 5, "strnlen without NUL");
}

static void test_strcmp(void)
{
	const char *alpha[] = { "ab", "aAbB", "aB\x80\xff", "abcdefgh" };

	for (int i = 0; i < 40000; i++) {
		const char *al = alpha[i % 4];
		char a[24], b[24];
		size_t la = unit_rand_below(12), lb;

		random_string(a, la, al);
		if (unit_rand_below(2)) {
			memcpy(b, a, la + 1);
			lb = la;
			if (la && unit_rand_below(2))
				b[unit_rand_below(la)] = al[unit_rand_below(strlen(al))];
			if (unit_rand_below(3) == 0)
				b[lb = unit_rand_below(la + 1)] = '\0';
		} else {
			lb = unit_rand_below(12);
			random_string(b, lb, al);
		}
		size_t n = unit_rand_below(14);

		CHECK(sign(klib_strcmp(a, b)) == sign(strcmp(a, b)), "strcmp(\"%s\", \"%s\")", a, b);
		CHECK(sign(klib_strncmp(a, b, n)) == sign(strncmp(a, b, n)),
		      "strncmp(\"%s\", \"%s\", %zu)", a, b, n);
		CHECK(sign(klib_strcasecmp(a, b)) == sign(strcasecmp(a, b)),
		      "strcasecmp(\"%s\", \"%s\")", a, b);
		CHECK(sign(klib_strncasecmp(a, b, n)) == sign(strncasecmp(a, b, n)),
		      "strncasecmp(\"%s\", \"%s\", %zu)", a, b, n);
	}
	CHECK(klib_strcmp("\x80", "a") > 0, "strcmp compares unsigned");
	CHECK(klib_strcasecmp("[", "a") < 0 && strcasecmp("[", "a") < 0, "strcasecmp folds to lower");
	CHECK(klib_strncmp("abc", "xyz", 0) == 0, "strncmp n=0");
}

static void test_strcpy_family(void)
{
	enum { CAP = 40, GUARD = 8 };
	char src[CAP], mine[CAP + 2 * GUARD], want[CAP + 2 * GUARD];

	for (int i = 0; i < 20000; i++) {
		size_t slen = unit_rand_below(CAP - 1);
		size_t n = unit_rand_below(CAP - 10);
		size_t dlen = unit_rand_below(10);
		char *r;

		random_string(src, slen, "xyzXYZ019");
		memset(mine, '#', sizeof(mine));
		memset(want, '#', sizeof(want));

		/* strcpy */
		r = klib_strcpy(mine + GUARD, src);
		strcpy(want + GUARD, src);
		CHECK(r == mine + GUARD && !memcmp(mine, want, sizeof(mine)), "strcpy \"%s\"", src);

		/* strncpy: exactly n bytes written, NUL padded. */
		memset(mine, '#', sizeof(mine));
		memset(want, '#', sizeof(want));
		r = klib_strncpy(mine + GUARD, src, n);
		strncpy(want + GUARD, src, n);
		CHECK(r == mine + GUARD && !memcmp(mine, want, sizeof(mine)),
		      "strncpy \"%s\" n=%zu", src, n);

		/* strcat / strncat onto a prefix of dlen bytes. */
		memset(mine, '#', sizeof(mine));
		memset(want, '#', sizeof(want));
		random_string(mine + GUARD, dlen, "ab");
		memcpy(want, mine, sizeof(mine));
		if (dlen + slen < CAP) {
			r = klib_strcat(mine + GUARD, src);
			strcat(want + GUARD, src);
			CHECK(r == mine + GUARD && !memcmp(mine, want, sizeof(mine)),
			      "strcat \"%s\"", src);
			random_string(mine + GUARD, dlen, "ab");
			memcpy(want, mine, sizeof(mine));
		}
		if (dlen + n < CAP) {
			r = klib_strncat(mine + GUARD, src, n);
			strncat(want + GUARD, src, n);
			CHECK(r == mine + GUARD && !memcmp(mine, want, sizeof(mine)),
			      "strncat \"%s\" n=%zu", src, n);
		}
	}
}

/* BSD semantics, written out independently (glibc 2.36 has no strlcpy). */
static size_t ref_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len >= size ? size - 1 : len;

		memcpy(dst, src, n);
		dst[n] = 0;
	}
	return len;
}

static size_t ref_strlcat(char *dst, const char *src, size_t size)
{
	size_t dlen = 0;

	while (dlen < size && dst[dlen])
		dlen++;
	if (dlen == size)
		return size + strlen(src);
	return dlen + ref_strlcpy(dst + dlen, src, size - dlen);
}

static void test_strlcpy(void)
{
	enum { CAP = 32, GUARD = 8 };
	char src[CAP], mine[CAP + 2 * GUARD], want[CAP + 2 * GUARD];

	for (int i = 0; i < 20000; i++) {
		size_t slen = unit_rand_below(CAP);
		size_t size = unit_rand_below(CAP + 1);
		size_t dlen = unit_rand_below(CAP);
		size_t rm, rw;

		random_string(src, slen % (CAP - 1), "pqrs");
		memset(mine, '#', sizeof(mine));
		memset(want, '#', sizeof(want));
		rm = klib_strlcpy(mine + GUARD, src, size);
		rw = ref_strlcpy(want + GUARD, src, size);
		CHECK(rm == rw && !memcmp(mine, want, sizeof(mine)),
		      "strlcpy \"%s\" size=%zu: %zu vs %zu", src, size, rm, rw);

		/* strlcat; sometimes the destination has no NUL within size. */
		memset(mine, '#', sizeof(mine));
		random_string(mine + GUARD, dlen, "ab");
		memcpy(want, mine, sizeof(mine));
		rm = klib_strlcat(mine + GUARD, src, size);
		rw = ref_strlcat(want + GUARD, src, size);
		CHECK(rm == rw && !memcmp(mine, want, sizeof(mine)),
		      "strlcat dlen=%zu \"%s\" size=%zu: %zu vs %zu", dlen, src, size, rm, rw);
	}
	char buf[8] = "abc";
	CHECK(klib_strlcpy(buf, "hello world", sizeof(buf)) == 11 && !strcmp(buf, "hello w"),
	      "strlcpy truncation");
	strcpy(buf, "abc");
	CHECK(klib_strlcat(buf, "defghij", sizeof(buf)) == 10 && !strcmp(buf, "abcdefg"),
	      "strlcat truncation");
	CHECK(klib_strlcpy(NULL, "xyz", 0) == 3, "strlcpy size 0 writes nothing");
}

static void test_strchr_family(void)
{
	for (int i = 0; i < 30000; i++) {
		char s[40];
		size_t len = unit_rand_below(sizeof(s));
		int c;

		random_string(s, len, "abcde\x80\xfe");
		switch (unit_rand_below(5)) {
		case 0: c = 0; break;
		case 1: c = (unsigned char)"abcdefg\x80\xfe"[unit_rand_below(9)]; break;
		case 2: c = (signed char)"abcdefg\x80\xfe"[unit_rand_below(9)]; break;
		case 3: c = 0x100 + 'a' + (int)unit_rand_below(6); break;
		default: c = 'a' + (int)unit_rand_below(6); break;
		}
		CHECK(klib_strchr(s, c) == strchr(s, c), "strchr(\"%s\", %d)", s, c);
		CHECK(klib_strrchr(s, c) == strrchr(s, c), "strrchr(\"%s\", %d)", s, c);
		CHECK(klib_strchrnul(s, c) == strchrnul(s, c), "strchrnul(\"%s\", %d)", s, c);
	}
}

static void test_strstr(void)
{
	const char *alpha[] = { "ab", "abc", "aaab" };

	for (int i = 0; i < 40000; i++) {
		char h[40], n[8];

		random_string(h, unit_rand_below(sizeof(h)), alpha[i % 3]);
		random_string(n, unit_rand_below(sizeof(n)), alpha[i % 3]);
		CHECK(klib_strstr(h, n) == strstr(h, n), "strstr(\"%s\", \"%s\")", h, n);
	}
	CHECK(klib_strstr("", "") != NULL && klib_strstr("abc", "") != NULL, "strstr empty needle");
	CHECK(klib_strstr("", "a") == NULL, "strstr empty haystack");
}

static void test_span(void)
{
	for (int i = 0; i < 40000; i++) {
		char s[30], set[10];

		random_string(s, unit_rand_below(sizeof(s)), "abcdef\x81\xff");
		random_string(set, unit_rand_below(sizeof(set)), "abcxyz\x81\xff");
		CHECK(klib_strspn(s, set) == strspn(s, set), "strspn(\"%s\", \"%s\")", s, set);
		CHECK(klib_strcspn(s, set) == strcspn(s, set), "strcspn(\"%s\", \"%s\")", s, set);
		CHECK(klib_strpbrk(s, set) == strpbrk(s, set), "strpbrk(\"%s\", \"%s\")", s, set);
	}
}

static void test_strtok_r(void)
{
	for (int i = 0; i < 20000; i++) {
		char orig[40], a[40], b[40], delim[4];
		char *sa = NULL, *sb = NULL, *ta, *tb;
		int round = 0;

		random_string(orig, unit_rand_below(sizeof(orig)), "ab,; ");
		random_string(delim, unit_rand_below(sizeof(delim)), ",; ");
		memcpy(a, orig, sizeof(a));
		memcpy(b, orig, sizeof(b));
		do {
			/* A different delimiter set each call is allowed. */
			if (round && unit_rand_below(3) == 0)
				random_string(delim, unit_rand_below(sizeof(delim)), ",; ");
			ta = klib_strtok_r(round ? NULL : a, delim, &sa);
			tb = strtok_r(round ? NULL : b, delim, &sb);
			CHECK((ta ? ta - a : -1) == (tb ? tb - b : -1),
			      "strtok_r(\"%s\") token %d at %td vs %td", orig, round,
			      ta ? ta - a : -1, tb ? tb - b : -1);
			CHECK(sa - a == sb - b, "strtok_r(\"%s\") saveptr differs", orig);
			round++;
		} while (ta && tb && round < 50);
		CHECK(!memcmp(a, b, sizeof(a)), "strtok_r(\"%s\") left different bytes", orig);
		/* Calling again after the end keeps returning NULL. */
		CHECK(klib_strtok_r(NULL, ",", &sa) == NULL, "strtok_r after the end");
	}
}

static void test_strsep(void)
{
	for (int i = 0; i < 20000; i++) {
		char orig[40], a[40], b[40], delim[4];
		char *pa = a, *pb = b, *ta, *tb;
		int round = 0;

		random_string(orig, unit_rand_below(sizeof(orig)), "ab,; ");
		random_string(delim, unit_rand_below(sizeof(delim)), ",; ");
		memcpy(a, orig, sizeof(a));
		memcpy(b, orig, sizeof(b));
		do {
			ta = klib_strsep(&pa, delim);
			tb = strsep(&pb, delim);
			CHECK((ta ? ta - a : -1) == (tb ? tb - b : -1) &&
			      (pa ? pa - a : -1) == (pb ? pb - b : -1),
			      "strsep(\"%s\", \"%s\") step %d differs", orig, delim, round);
			round++;
		} while (ta && tb && round < 50);
		CHECK(!memcmp(a, b, sizeof(a)), "strsep(\"%s\") left different bytes", orig);
	}
}

int main(void)
{
	unit_run("string.memcpy", test_memcpy);
	unit_run("string.memmove", test_memmove);
	unit_run("string.memset", test_memset);
	unit_run("string.memcmp", test_memcmp);
	unit_run("string.memchr", test_memchr);
	unit_run("string.strlen", test_strlen);
	unit_run("string.strcmp", test_strcmp);
	unit_run("string.strcpy", test_strcpy_family);
	unit_run("string.strlcpy", test_strlcpy);
	unit_run("string.strchr", test_strchr_family);
	unit_run("string.strstr", test_strstr);
	unit_run("string.strspn", test_span);
	unit_run("string.strtok_r", test_strtok_r);
	unit_run("string.strsep", test_strsep);
	return unit_exit();
}
