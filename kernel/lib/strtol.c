/*
 * strtol, strtoul, strtoll, strtoull, atoi, atol, atoll (<stdlib.h>), with
 * C's rules: leading white space, an optional sign, then digits of the base
 * (0: "0x"/"0X" means 16, a leading "0" 8, else 10; 16 also takes "0x").
 * *endptr gets the first unparsed character, or nptr itself when no digit
 * was found. Out of range values saturate and set errno to ERANGE; the
 * unsigned variants negate a '-' value in unsigned arithmetic, as C says.
 * An invalid base sets errno to EINVAL and returns 0 (*endptr = nptr,
 * where glibc leaves *endptr alone).
 *
 * "0b" binary prefixes (C23) are not taken, like glibc before 2.38.
 * The strict kernel variants are in kstrtox.c.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>

#include <kernel/types.h>

/* The value of an alphanumeric digit, or 36 for anything else. */
static unsigned int digit_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

struct parsed {
	unsigned long long magnitude;
	bool negative;
	bool overflow;	/* the magnitude does not fit in 64 bits */
};

/* The common scanner. Returns false (errno = EINVAL) for a bad base. */
static bool parse_number(const char *nptr, char **endptr, int base, struct parsed *out)
{
	const char *s = nptr;
	const char *digits;
	unsigned long long acc = 0;
	unsigned int d;

	out->negative = false;
	out->overflow = false;
	out->magnitude = 0;

	if (base < 0 || base == 1 || base > 36) {
		if (endptr)
			*endptr = (char *)nptr;
		errno = EINVAL;
		return false;
	}

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '-' || *s == '+')
		out->negative = *s++ == '-';

	/* "0x" is a prefix only if a hex digit follows; else "0" is the number. */
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    digit_value(s[2]) < 16) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}

	digits = s;
	for (; (d = digit_value(*s)) < (unsigned int)base; s++) {
		if (acc > (ULLONG_MAX - d) / base)
			out->overflow = true;
		else
			acc = acc * base + d;
	}
	out->magnitude = acc;

	if (endptr)
		*endptr = (char *)(s == digits ? nptr : s);
	return true;
}

/* Clamp to [-(neg_limit), pos_limit]; neg_limit is the magnitude of the minimum. */
static unsigned long long to_signed(const struct parsed *p, unsigned long long pos_limit,
				    unsigned long long neg_limit, bool *range)
{
	*range = false;
	if (p->negative) {
		if (p->overflow || p->magnitude > neg_limit) {
			*range = true;
			return -neg_limit;
		}
		return -p->magnitude;
	}
	if (p->overflow || p->magnitude > pos_limit) {
		*range = true;
		return pos_limit;
	}
	return p->magnitude;
}

static unsigned long long to_unsigned(const struct parsed *p, unsigned long long limit,
				      bool *range)
{
	*range = false;
	if (p->overflow || p->magnitude > limit) {
		*range = true;
		return limit;
	}
	return p->negative ? -p->magnitude : p->magnitude;
}

long long strtoll(const char *restrict nptr, char **restrict endptr, int base)
{
	struct parsed p;
	unsigned long long v;
	bool range;

	if (!parse_number(nptr, endptr, base, &p))
		return 0;
	v = to_signed(&p, LLONG_MAX, (unsigned long long)LLONG_MAX + 1, &range);
	if (range)
		errno = ERANGE;
	return (long long)v;
}

unsigned long long strtoull(const char *restrict nptr, char **restrict endptr, int base)
{
	struct parsed p;
	unsigned long long v;
	bool range;

	if (!parse_number(nptr, endptr, base, &p))
		return 0;
	v = to_unsigned(&p, ULLONG_MAX, &range);
	if (range)
		errno = ERANGE;
	return v;
}

long strtol(const char *restrict nptr, char **restrict endptr, int base)
{
	struct parsed p;
	unsigned long long v;
	bool range;

	if (!parse_number(nptr, endptr, base, &p))
		return 0;
	v = to_signed(&p, LONG_MAX, (unsigned long long)LONG_MAX + 1, &range);
	if (range)
		errno = ERANGE;
	return (long)v;
}

unsigned long strtoul(const char *restrict nptr, char **restrict endptr, int base)
{
	struct parsed p;
	unsigned long long v;
	bool range;

	if (!parse_number(nptr, endptr, base, &p))
		return 0;
	v = to_unsigned(&p, ULONG_MAX, &range);
	if (range)
		errno = ERANGE;
	return (unsigned long)v;
}

/* As glibc: the strtol result converted, errno set as strtol sets it. */
int atoi(const char *nptr)
{
	return (int)strtol(nptr, NULL, 10);
}

long atol(const char *nptr)
{
	return strtol(nptr, NULL, 10);
}

long long atoll(const char *nptr)
{
	return strtoll(nptr, NULL, 10);
}

intmax_t strtoimax(const char *restrict nptr, char **restrict endptr, int base)
{
	return strtoll(nptr, endptr, base);
}

uintmax_t strtoumax(const char *restrict nptr, char **restrict endptr, int base)
{
	return strtoull(nptr, endptr, base);
}
