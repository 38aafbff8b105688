/*
 * Strict kernel number parsing (<kernel/kstrtox.h>), Linux's kstrto*():
 * the whole string is the number, one trailing '\n' allowed, results
 * through a pointer, errors as -EINVAL/-ERANGE. Kept apart from strtol.c
 * because it must never touch errno.
 */
#include <limits.h>

#include <kernel/kstrtox.h>
#include <kernel/errno.h>
#include <kernel/types.h>

static unsigned int kdigit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

/* Digits (after any '+' or '-' the caller consumed) to the end or to a final '\n'. */
static int parse_magnitude(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long acc = 0;
	bool overflow = false;
	const char *digits;
	unsigned int d;

	if (base == 1 || base > 36)
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    (base == 16 || (base == 0 && kdigit(s[2]) < 16))) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}

	digits = s;
	for (; (d = kdigit(*s)) < base; s++) {
		if (acc > (~0ULL - d) / base)
			overflow = true;
		else
			acc = acc * base + d;
	}
	if (s == digits)
		return -EINVAL;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	if (overflow)
		return -ERANGE;
	*res = acc;
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (s[0] == '+')
		s++;
	return parse_magnitude(s, base, res);
}

/* Parse a signed value and check it against [min, max]. */
static int parse_signed(const char *s, unsigned int base, long long min, long long max,
			long long *res)
{
	unsigned long long mag;
	int err;

	if (s[0] == '-') {
		err = parse_magnitude(s + 1, base, &mag);
		if (err)
			return err;
		/* -(min + 1) + 1 is min's magnitude, computed without overflow. */
		if (mag > (unsigned long long)-(min + 1) + 1)
			return -ERANGE;
		*res = (long long)-mag;
		return 0;
	}
	err = kstrtoull(s, base, &mag);
	if (err)
		return err;
	if (mag > (unsigned long long)max)
		return -ERANGE;
	*res = (long long)mag;
	return 0;
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	return parse_signed(s, base, LLONG_MIN, LLONG_MAX, res);
}

int kstrtol(const char *s, unsigned int base, long *res)
{
	long long v;
	int err = parse_signed(s, base, LONG_MIN, LONG_MAX, &v);

	if (!err)
		*res = v;
	return err;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long v;
	int err = parse_signed(s, base, INT_MIN, INT_MAX, &v);

	if (!err)
		*res = v;
	return err;
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v > ULONG_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v > UINT_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}
