/*
 * kernel/lib/ctype.c against glibc in the "C" locale, for every value a
 * ctype function may be given (EOF and 0..255), plus the negative char
 * values a careless caller passes, and far out-of-range ints.
 */
#include "unit.h"
#include "klib.h"

struct pair {
	const char *name;
	int (*mine)(int);
	int (*host)(int);
	bool exact;	/* compare values, not truth */
};

/* glibc's are macros over a table; call the real functions. */
#undef isalnum
#undef isalpha
#undef isblank
#undef iscntrl
#undef isdigit
#undef isgraph
#undef islower
#undef isprint
#undef ispunct
#undef isspace
#undef isupper
#undef isxdigit
#undef isascii
#undef tolower
#undef toupper

static const struct pair pairs[] = {
	{ "isalnum", klib_isalnum, isalnum, false },
	{ "isalpha", klib_isalpha, isalpha, false },
	{ "isascii", klib_isascii, isascii, false },
	{ "isblank", klib_isblank, isblank, false },
	{ "iscntrl", klib_iscntrl, iscntrl, false },
	{ "isdigit", klib_isdigit, isdigit, false },
	{ "isgraph", klib_isgraph, isgraph, false },
	{ "islower", klib_islower, islower, false },
	{ "isprint", klib_isprint, isprint, false },
	{ "ispunct", klib_ispunct, ispunct, false },
	{ "isspace", klib_isspace, isspace, false },
	{ "isupper", klib_isupper, isupper, false },
	{ "isxdigit", klib_isxdigit, isxdigit, false },
	{ "tolower", klib_tolower, tolower, true },
	{ "toupper", klib_toupper, toupper, true },
};

static void test_all_values(void)
{
	for (size_t f = 0; f < sizeof(pairs) / sizeof(pairs[0]); f++) {
		/*
		 * glibc's table also covers -128..-1 (signed char values):
		 * no class, but its tolower/toupper map them to c + 256 where
		 * ours return them unchanged; compare those from EOF on.
		 */
		for (int c = pairs[f].exact ? -1 : -128; c <= 255; c++) {
			int m = pairs[f].mine(c), h = pairs[f].host(c);

			if (pairs[f].exact)
				CHECK(m == h, "%s(%d): glibc %d, ours %d", pairs[f].name, c, h, m);
			else
				CHECK(!m == !h, "%s(%d): glibc %d, ours %d", pairs[f].name, c, h, m);
		}
	}
}

static void test_out_of_range(void)
{
	static const int values[] = { 256, 300, 0x141, 1000, -129, -1000, INT_MIN, INT_MAX };

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		int c = values[i];

		for (size_t f = 0; f < sizeof(pairs) / sizeof(pairs[0]); f++) {
			if (pairs[f].exact)
				CHECK(pairs[f].mine(c) == c, "%s(%d) must return it unchanged",
				      pairs[f].name, c);
			else
				CHECK(pairs[f].mine(c) == 0, "%s(%d) must be false", pairs[f].name, c);
		}
	}
	/* Our predicates return exactly 0 or 1. */
	for (int c = -1; c <= 255; c++) {
		for (size_t f = 0; f < sizeof(pairs) / sizeof(pairs[0]); f++) {
			if (!pairs[f].exact)
				CHECK(pairs[f].mine(c) == 0 || pairs[f].mine(c) == 1,
				      "%s(%d) not 0 or 1", pairs[f].name, c);
		}
	}
}

int main(void)
{
	unit_run("ctype.all-values", test_all_values);
	unit_run("ctype.out-of-range", test_out_of_range);
	return unit_exit();
}
