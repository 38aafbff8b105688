/*
 * Memory and string functions of <string.h> and <strings.h>.
 *
 * memcpy, memset and forward memmove use the x86 string instructions,
 * by quadwords and then the last bytes (rep movsq + movsb, rep stosq +
 * stosb): being asm they cannot be turned by GCC back into calls to
 * themselves, and on hardware they are as fast as rep movsb. Not rep
 * movsb alone: QEMU's TCG, where this kernel mostly runs, executes a rep
 * string instruction one element per pass through its translated block,
 * so bytes cost eight times what quadwords do (a page clear is 512
 * passes instead of 4,096). The backward memmove is a C loop kept opaque to
 * the same transformation. The string functions
 * read byte by byte: never past the terminator, so they are safe at the
 * end of a mapping and clean under AddressSanitizer in the host tests.
 *
 * Comparisons treat bytes as unsigned char, as C requires; case folding is
 * ASCII only (the "C" locale).
 */
#include <string.h>
#include <strings.h>

#include <kernel/types.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	void *ret = dst;
	size_t q = n >> 3;

	n &= 7;
	__asm__ volatile("rep movsq\n\t"
			 "movq %3, %%rcx\n\t"
			 "rep movsb"
			 : "+D"(dst), "+S"(src), "+c"(q)
			 : "r"(n)
			 : "memory");
	return ret;
}

void *memset(void *s, int c, size_t n)
{
	void *ret = s;
	size_t q = n >> 3;
	u64 v = 0x0101010101010101ULL * (unsigned char)c;

	n &= 7;
	__asm__ volatile("rep stosq\n\t"
			 "movq %2, %%rcx\n\t"
			 "rep stosb"
			 : "+D"(s), "+c"(q)
			 : "r"(n), "a"(v)
			 : "memory");
	return ret;
}

typedef u64 __attribute__((may_alias, aligned(1))) unaligned_u64;

/*
 * Copy from the end down, so an overlapping @dst above @src is safe. Each
 * 8-byte word is read whole before it is written, and the writes stay above
 * the bytes still to be read, so any overlap distance works. The empty asm
 * hides the count from GCC's loop analysis, which would otherwise turn the
 * loop back into a call to memmove.
 */
static void copy_backward(unsigned char *dst, const unsigned char *src, size_t n)
{
	while (n >= 8) {
		n -= 8;
		*(unaligned_u64 *)(dst + n) = *(const unaligned_u64 *)(src + n);
		__asm__("" : "+r"(n));
	}
	while (n) {
		n--;
		dst[n] = src[n];
		__asm__("" : "+r"(n));
	}
}

void *memmove(void *dst, const void *src, size_t n)
{
	/*
	 * Forward copying is correct unless dst lies inside (src, src + n).
	 * memcpy copies forward, each quadword (then byte) loaded before
	 * it is stored, so it is also right when dst < src overlaps: a
	 * store never reaches source bytes not yet loaded.
	 */
	if ((uintptr_t)dst - (uintptr_t)src >= n)
		return memcpy(dst, src, n);
	if (dst != src)
		copy_backward(dst, src, n);
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	unsigned char ch = c;

	for (; n; n--, p++) {
		if (*p == ch)
			return (void *)p;
	}
	return NULL;
}

void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = (const unsigned char *)s + n;
	unsigned char ch = c;

	while (n--) {
		if (*--p == ch)
			return (void *)p;
	}
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
		if (!*p)
			break;
	}
	return 0;
}

static inline int fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int strcasecmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;
	int d;

	for (;; p++, q++) {
		d = fold(*p) - fold(*q);
		if (d || !*p)
			return d;
	}
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;
	int d;

	for (; n; n--, p++, q++) {
		d = fold(*p) - fold(*q);
		if (d || !*p)
			return d;
	}
	return 0;
}

char *strcpy(char *restrict dst, const char *restrict src)
{
	char *d = dst;

	while ((*d++ = *src++))
		;
	return dst;
}

/* Copies at most n bytes and pads with NULs up to n: no NUL if src is long. */
char *strncpy(char *restrict dst, const char *restrict src, size_t n)
{
	size_t len = strnlen(src, n);

	memcpy(dst, src, len);
	memset(dst + len, 0, n - len);
	return dst;
}

/*
 * BSD strlcpy: copies what fits, always terminates when size > 0, and
 * returns strlen(src) so that a result >= size means truncation.
 */
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/*
 * BSD strlcat: appends what fits in a buffer of @size bytes holding @dst,
 * and returns the length it tried to make. If @dst has no NUL within @size,
 * nothing is written and size + strlen(src) is returned.
 */
size_t strlcat(char *restrict dst, const char *restrict src, size_t size)
{
	size_t dlen = strnlen(dst, size);
	size_t slen = strlen(src);
	size_t n;

	if (dlen == size)
		return size + slen;
	n = slen < size - dlen - 1 ? slen : size - dlen - 1;
	memcpy(dst + dlen, src, n);
	dst[dlen + n] = '\0';
	return dlen + slen;
}

char *strcat(char *restrict dst, const char *restrict src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

/* Appends at most n bytes of src, then always a NUL. */
char *strncat(char *restrict dst, const char *restrict src, size_t n)
{
	char *d = dst + strlen(dst);
	size_t len = strnlen(src, n);

	memcpy(d, src, len);
	d[len] = '\0';
	return dst;
}

char *strchr(const char *s, int c)
{
	char ch = c;

	for (;; s++) {
		if (*s == ch)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;
	char ch = c;

	for (;; s++) {
		if (*s == ch)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

/* GNU: like strchr, but returns the terminator instead of NULL. */
char *strchrnul(const char *s, int c)
{
	char ch = c;

	while (*s && *s != ch)
		s++;
	return (char *)s;
}

/*
 * XXX: the plain O(len(haystack) * len(needle)) search. glibc and musl use
 * the two-way algorithm, linear in the worst case; none of our callers
 * search long, adversarial haystacks.
 */
char *strstr(const char *haystack, const char *needle)
{
	size_t nlen = strlen(needle);

	if (!nlen)
		return (char *)haystack;
	for (; (haystack = strchr(haystack, needle[0])); haystack++) {
		if (!strncmp(haystack, needle, nlen))
			return (char *)haystack;
	}
	return NULL;
}

/* A 256-bit set of bytes, for the span functions. */
struct byteset {
	unsigned long bits[256 / (8 * sizeof(unsigned long))];
};

#define BYTESET_WORD_BITS (8 * sizeof(unsigned long))

static void byteset_fill(struct byteset *set, const char *chars)
{
	const unsigned char *p = (const unsigned char *)chars;

	for (size_t i = 0; i < ARRAY_SIZE(set->bits); i++)
		set->bits[i] = 0;
	for (; *p; p++)
		set->bits[*p / BYTESET_WORD_BITS] |= 1UL << (*p % BYTESET_WORD_BITS);
}

static inline bool byteset_has(const struct byteset *set, unsigned char c)
{
	return set->bits[c / BYTESET_WORD_BITS] & (1UL << (c % BYTESET_WORD_BITS));
}

size_t strspn(const char *s, const char *accept)
{
	const unsigned char *p = (const unsigned char *)s;
	struct byteset set;

	byteset_fill(&set, accept);
	while (*p && byteset_has(&set, *p))
		p++;
	return (const char *)p - s;
}

size_t strcspn(const char *s, const char *reject)
{
	const unsigned char *p = (const unsigned char *)s;
	struct byteset set;

	byteset_fill(&set, reject);
	while (*p && !byteset_has(&set, *p))
		p++;
	return (const char *)p - s;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

/*
 * Returns the next token of @s (or of *saveptr when @s is NULL), skipping
 * delimiters before it and cutting the string after it; NULL when only
 * delimiters are left, with *saveptr then at the terminator.
 */
char *strtok_r(char *restrict s, const char *restrict delim, char **restrict saveptr)
{
	char *end;

	if (!s)
		s = *saveptr;
	s += strspn(s, delim);
	if (!*s) {
		*saveptr = s;
		return NULL;
	}
	end = s + strcspn(s, delim);
	if (*end)
		*end++ = '\0';
	*saveptr = end;
	return s;
}

/*
 * BSD strsep: returns *stringp and cuts it at the first delimiter, moving
 * *stringp past it, or setting it to NULL when there was none. Empty fields
 * are returned, unlike strtok_r.
 */
char *strsep(char **restrict stringp, const char *restrict delim)
{
	char *start = *stringp;
	char *end;

	if (!start)
		return NULL;
	end = start + strcspn(start, delim);
	if (*end) {
		*end = '\0';
		*stringp = end + 1;
	} else {
		*stringp = NULL;
	}
	return start;
}
