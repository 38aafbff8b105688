/*
 * jansson's number conversions, in place of its strconv.c (which goes
 * through strtod and snprintf("%.17g"), neither of which the kernel's C
 * library has: it is built without floating point). Compiled with SSE
 * like jansson itself (mk/jansson.mk).
 *
 * Parsing: the lexer has already checked the JSON number syntax. Up to 19
 * significant digits are kept exactly; the decimal exponent is applied
 * with one multiplication or division when both parts are exact (the
 * common case: at most one rounding, as a correctly rounded strtod), and
 * by steps of 1e22 otherwise. XXX: outside that case the result may be one
 * unit in the last place off glibc's correctly rounded strtod.
 *
 * Printing: only integral values within 2^53 are written ("42.0"); any
 * other real makes json_dump* fail (-1) rather than print a wrong number.
 * The OCI code never writes reals.
 */
#include <stdint.h>
#include <stdio.h>

#include "jansson_private.h"
#include "strbuffer.h"

static const double exact_pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
				      1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
				      1e20, 1e21, 1e22 };

int jsonp_strtod(strbuffer_t *strbuffer, double *out)
{
	const char *p = strbuffer->value;
	uint64_t mant = 0;
	int digits = 0, exp10 = 0, neg = 0;
	long e = 0;
	double v;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		if (digits < 19) {
			mant = mant * 10 + (uint64_t)(*p - '0');
			if (mant)
				digits++;
		} else {
			exp10++;
		}
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (digits < 19) {
				mant = mant * 10 + (uint64_t)(*p - '0');
				if (mant)
					digits++;
				exp10--;
			}
		}
	}
	if (*p == 'e' || *p == 'E') {
		int eneg = 0;

		p++;
		if (*p == '+' || *p == '-')
			eneg = *p++ == '-';
		for (; *p >= '0' && *p <= '9'; p++)
			if (e < 100000)
				e = e * 10 + (*p - '0');
		exp10 += eneg ? -(int)e : (int)e;
	}
	v = (double)mant;
	if (mant == 0) {
		v = 0.0;
	} else if (exp10 >= 0 && exp10 <= 22 && mant < (1ULL << 53)) {
		v *= exact_pow10[exp10];
	} else if (exp10 < 0 && exp10 >= -22 && mant < (1ULL << 53)) {
		v /= exact_pow10[-exp10];
	} else {
		while (exp10 > 22 && v < 1e308) {
			v *= 1e22;
			exp10 -= 22;
		}
		while (exp10 < -22 && v > 0) {
			v /= 1e22;
			exp10 += 22;
		}
		if (exp10 > 0)
			v *= exact_pow10[exp10 < 22 ? exp10 : 22];
		else if (exp10 < 0)
			v /= exact_pow10[-exp10 < 22 ? -exp10 : 22];
	}
	if (v > 1.7976931348623157e308)
		return -1;   /* overflow: jansson reports "real number overflow" */
	*out = neg ? -v : v;
	return 0;
}

int jsonp_dtostr(char *buffer, size_t size, double value, int precision)
{
	long long i;
	int n;

	(void)precision;
	if (!(value > -9007199254740992.0 && value < 9007199254740992.0))
		return -1;
	i = (long long)value;
	if ((double)i != value)
		return -1;   /* XXX: no shortest round-trip printing of fractions */
	n = snprintf(buffer, size, "%lld.0", i);
	if (n < 0 || (size_t)n >= size)
		return -1;
	return n;
}
