/*
 * kernel/lib/strtol.c against glibc (value, *endptr and errno, for every
 * base, on boundary numbers written in each base and on random junk),
 * kernel/lib/kstrtox.c against Linux's documented rules, and errno.c and
 * abs.c.
 */
#include "unit.h"
#include "klib.h"

/* Writes @v (up to 128 bits) in @base, lower or upper case digits. */
static void to_base(char *out, unsigned __int128 v, int base, bool upper)
{
	const char *set = upper ? "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				: "0123456789abcdefghijklmnopqrstuvwxyz";
	char tmp[140];
	int n = 0;

	do {
		tmp[n++] = set[v % base];
		v /= base;
	} while (v);
	while (n)
		*out++ = tmp[--n];
	*out = '\0';
}

/* All four functions on one input; bases that are invalid too. */
static void compare_all(const char *s, int base)
{
	char *eh, *ek;
	int errh, errk;

	errno = 0;
	klib_errno = 0;
	long vh = strtol(s, &eh, base);
	errh = errno;
	long vk = klib_strtol(s, &ek, base);
	errk = klib_errno;
	CHECK(vh == vk && errh == errk, "strtol(\"%s\", %d): glibc %ld errno %d, ours %ld errno %d",
	      s, base, vh, errh, vk, errk);
	/* With a bad base glibc leaves *endptr alone; ours sets it to the input. */
	bool bad_base = base < 0 || base == 1 || base > 36;
	CHECK(bad_base ? ek == s : eh == ek, "strtol(\"%s\", %d): end %td vs %td", s, base,
	      eh - s, ek - s);

	errno = 0;
	klib_errno = 0;
	unsigned long uh = strtoul(s, &eh, base);
	errh = errno;
	unsigned long uk = klib_strtoul(s, &ek, base);
	errk = klib_errno;
	CHECK(uh == uk && errh == errk && (bad_base ? ek == s : eh == ek),
	      "strtoul(\"%s\", %d): glibc %lu errno %d end %td, ours %lu errno %d end %td",
	      s, base, uh, errh, eh - s, uk, errk, ek - s);

	errno = 0;
	klib_errno = 0;
	long long llh = strtoll(s, &eh, base);
	errh = errno;
	long long llk = klib_strtoll(s, &ek, base);
	errk = klib_errno;
	CHECK(llh == llk && errh == errk && (bad_base ? ek == s : eh == ek),
	      "strtoll(\"%s\", %d): glibc %lld errno %d, ours %lld errno %d", s, base, llh, errh,
	      llk, errk);

	errno = 0;
	klib_errno = 0;
	unsigned long long ullh = strtoull(s, &eh, base);
	errh = errno;
	unsigned long long ullk = klib_strtoull(s, &ek, base);
	errk = klib_errno;
	CHECK(ullh == ullk && errh == errk && (bad_base ? ek == s : eh == ek),
	      "strtoull(\"%s\", %d): glibc %llu errno %d, ours %llu errno %d", s, base, ullh, errh,
	      ullk, errk);

	/* A NULL endptr is allowed. */
	CHECK(klib_strtol(s, NULL, base) == vk, "strtol(\"%s\", NULL, %d)", s, base);
}

static void test_fixed(void)
{
	static const char *const inputs[] = {
		"", " ", "0", "-0", "+0", "1", "-1", "+1", "42", "  \t\n\v\f\r42xyz", "-", "+",
		"+-1", "-+1", " - 1", "0x", "0X", "0x1f", "0X1F", "-0x1f", "0xg", "0x 1", "00x1",
		"0b101", "0777", "0778", "09", "z", "Z", "zz", "-zz", "1e5", "12345678901234567890",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808",
		"-9223372036854775809", "18446744073709551615", "18446744073709551616",
		"-18446744073709551615", "-18446744073709551616",
		"0xffffffffffffffff", "0x10000000000000000", "-0x8000000000000000",
		"0x7fffffffffffffff", "99999999999999999999999999999999999999",
		"000000000000000000000000000000000000001", "\x80" "1", "1\x80", "٣",
		"4294967295", "4294967296", "-2147483648", "2147483648",
	};

	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		for (int base = -1; base <= 37; base++)
			compare_all(inputs[i], base);
	}
	compare_all("12", INT_MIN);
	compare_all("12", INT_MAX);
}

/* Boundary values written in every base, with signs, prefixes, junk after. */
static void test_boundaries(void)
{
	static const unsigned __int128 values[] = {
		0, 1, 2, 35, 36, 127, 128, 255, 256, 0x7fffffff, 0x80000000, 0xffffffff,
		0x100000000, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000001,
		0xfffffffffffffffe, 0xffffffffffffffff,
		(unsigned __int128)1 << 64, ((unsigned __int128)1 << 64) + 1,
		(unsigned __int128)0xffffffffffffffff * 36, (unsigned __int128)-1,
	};
	static const char *const before[] = { "", "-", "+", "  ", " -", "\t+" };
	static const char *const after[] = { "", " ", "z", "!", "9" };
	char num[140], s[200];

	for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
		for (int base = 2; base <= 36; base++) {
			for (int upper = 0; upper < 2; upper++) {
				to_base(num, values[v], base, upper);
				for (size_t b = 0; b < sizeof(before) / sizeof(before[0]); b++) {
					for (size_t a = 0; a < sizeof(after) / sizeof(after[0]); a++) {
						snprintf(s, sizeof(s), "%s%s%s", before[b], num, after[a]);
						compare_all(s, base);
						if (base == 8 || base == 10)
							compare_all(s, 0);
						if (base == 16) {
							snprintf(s, sizeof(s), "%s0%c%s%s", before[b],
								 upper ? 'X' : 'x', num, after[a]);
							compare_all(s, 16);
							compare_all(s, 0);
						}
					}
				}
			}
		}
		if (UNIT_FAILURES() > 20)
			return;
	}
}

static void test_random(void)
{
	static const char alphabet[] = " \t\n+-0123456789abcdefxyzABCDEFXYZ";
	char s[32];

	for (int i = 0; i < 100000; i++) {
		size_t len = unit_rand_below(sizeof(s));

		for (size_t j = 0; j < len; j++)
			s[j] = alphabet[unit_rand_below(sizeof(alphabet) - 1)];
		s[len] = '\0';
		compare_all(s, (int)unit_rand_below(38));
		if (UNIT_FAILURES() > 20)
			return;
	}
}

static void test_errno_and_ato(void)
{
	/* errno is left alone on success. */
	klib_errno = 1234;
	CHECK(klib_strtol("55", NULL, 10) == 55 && klib_errno == 1234, "strtol touched errno");
	CHECK(klib_strtoull("x", NULL, 10) == 0 && klib_errno == 1234, "no digits touched errno");
	klib_strtoull("99999999999999999999", NULL, 10);
	CHECK(klib_errno == ERANGE, "overflow: errno %d", klib_errno);
	klib_errno = 0;
	klib_strtol("1", NULL, 1);
	CHECK(klib_errno == EINVAL, "bad base: errno %d", klib_errno);

	/* One errno location, stable. */
	CHECK(klib___errno_location() == klib___errno_location() && klib___errno_location(),
	      "__errno_location unstable");

	static const char *const inputs[] = {
		"0", "42", "-42", "  +17abc", "x", "", "2147483647", "-2147483648",
		"9223372036854775807", "-9223372036854775808", "077", "0x10",
	};
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		CHECK(klib_atoi(inputs[i]) == atoi(inputs[i]), "atoi(\"%s\")", inputs[i]);
		CHECK(klib_atol(inputs[i]) == atol(inputs[i]), "atol(\"%s\")", inputs[i]);
		CHECK(klib_atoll(inputs[i]) == atoll(inputs[i]), "atoll(\"%s\")", inputs[i]);
	}
}

static void test_abs(void)
{
	static const long long values[] = {
		0, 1, -1, 42, -42, INT_MAX, INT_MIN + 1, LLONG_MAX, LLONG_MIN + 1,
	};

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		long long v = values[i];

		if (v >= -INT_MAX && v <= INT_MAX)
			CHECK(klib_abs((int)v) == abs((int)v), "abs(%lld)", v);
		CHECK(klib_labs((long)v) == labs((long)v), "labs(%lld)", v);
		CHECK(klib_llabs(v) == llabs(v), "llabs(%lld)", v);
	}
	CHECK(klib_abs(INT_MIN) == INT_MIN, "abs(INT_MIN) comes back unchanged");
}

/*
 * kstrto*: an independent model of the rules, checked against the real
 * thing for fixed and random strings. The model leans on glibc's strtoull
 * for the digits themselves.
 */
static int model_kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	const char *p = s;
	char digits[200];
	size_t n = 0;

	if (base == 1 || base > 36)
		return -EINVAL;
	if (*p == '+')
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    (base == 16 || (base == 0 && isxdigit((unsigned char)p[2])))) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	while (*p && *p != '\n' && n < sizeof(digits) - 1) {
		int d = isdigit((unsigned char)*p) ? *p - '0'
			: isalpha((unsigned char)*p) ? tolower((unsigned char)*p) - 'a' + 10 : 99;

		if (d >= (int)base)
			return -EINVAL;
		digits[n++] = *p++;
	}
	digits[n] = '\0';
	if (!n)
		return -EINVAL;
	if (*p == '\n')
		p++;
	if (*p)
		return -EINVAL;
	errno = 0;
	unsigned long long v = strtoull(digits, NULL, base);
	if (errno == ERANGE)
		return -ERANGE;
	*res = v;
	return 0;
}

static int model_kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long v;
	int err;

	if (*s == '-') {
		if (s[1] == '+')
			return -EINVAL;
		err = model_kstrtoull(s + 1, base, &v);
		if (err)
			return err;
		if (v > (unsigned long long)LLONG_MAX + 1)
			return -ERANGE;
		*res = (long long)-v;
		return 0;
	}
	err = model_kstrtoull(s, base, &v);
	if (err)
		return err;
	if (v > LLONG_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

static void compare_kstrto(const char *s, unsigned int base)
{
	unsigned long long um = 777, uk = 777;
	long long sm = 777, sk = 777;
	unsigned long ul = 777;
	long sl = 777;
	unsigned int ui = 777;
	int si = 777;
	int em, ek;

	klib_errno = 4321;
	em = model_kstrtoull(s, base, &um);
	ek = kstrtoull(s, base, &uk);
	CHECK(em == ek && um == uk, "kstrtoull(\"%s\", %u): want %d %llu, got %d %llu", s, base,
	      em, um, ek, uk);
	ek = kstrtoul(s, base, &ul);
	CHECK(em == ek && um == ul, "kstrtoul(\"%s\", %u): want %d %llu, got %d %lu", s, base,
	      em, um, ek, ul);
	ek = kstrtouint(s, base, &ui);
	if (em == 0 && um > UINT_MAX) {
		CHECK(ek == -ERANGE && ui == 777, "kstrtouint(\"%s\", %u) should be -ERANGE", s, base);
	} else {
		CHECK(em == ek && (em || um == ui), "kstrtouint(\"%s\", %u): want %d, got %d", s,
		      base, em, ek);
	}

	em = model_kstrtoll(s, base, &sm);
	ek = kstrtoll(s, base, &sk);
	CHECK(em == ek && sm == sk, "kstrtoll(\"%s\", %u): want %d %lld, got %d %lld", s, base,
	      em, sm, ek, sk);
	ek = kstrtol(s, base, &sl);
	CHECK(em == ek && sm == sl, "kstrtol(\"%s\", %u): want %d %lld, got %d %ld", s, base, em,
	      sm, ek, sl);
	ek = kstrtoint(s, base, &si);
	if (em == 0 && (sm > INT_MAX || sm < INT_MIN)) {
		CHECK(ek == -ERANGE && si == 777, "kstrtoint(\"%s\", %u) should be -ERANGE", s, base);
	} else {
		CHECK(em == ek && (em || sm == si), "kstrtoint(\"%s\", %u): want %d, got %d", s,
		      base, em, ek);
	}
	CHECK(klib_errno == 4321, "kstrto*(\"%s\") touched errno", s);
}

static void test_kstrtox(void)
{
	static const struct {
		const char *s;
		unsigned int base;
		int err;
		unsigned long long v;
	} cases[] = {
		{ "0", 10, 0, 0 },
		{ "42", 10, 0, 42 },
		{ "42\n", 10, 0, 42 },
		{ "42\n\n", 10, -EINVAL, 0 },
		{ "\n", 10, -EINVAL, 0 },
		{ "", 10, -EINVAL, 0 },
		{ " 42", 10, -EINVAL, 0 },
		{ "42 ", 10, -EINVAL, 0 },
		{ "+42", 10, 0, 42 },
		{ "-42", 10, -EINVAL, 0 },
		{ "0x1F", 16, 0, 31 },
		{ "1f", 16, 0, 31 },
		{ "0x", 16, -EINVAL, 0 },
		{ "0x1F", 0, 0, 31 },
		{ "0x", 0, -EINVAL, 0 },
		{ "010", 0, 0, 8 },
		{ "08", 0, -EINVAL, 0 },
		{ "0", 0, 0, 0 },
		{ "18446744073709551615", 10, 0, 18446744073709551615ULL },
		{ "18446744073709551616", 10, -ERANGE, 0 },
		{ "99999999999999999999x", 10, -EINVAL, 0 },
		{ "101", 2, 0, 5 },
		{ "z", 36, 0, 35 },
		{ "1", 1, -EINVAL, 0 },
		{ "1", 37, -EINVAL, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned long long v = 777;
		int err = kstrtoull(cases[i].s, cases[i].base, &v);

		CHECK(err == cases[i].err && v == (err ? 777 : cases[i].v),
		      "kstrtoull(\"%s\", %u) = %d, %llu", cases[i].s, cases[i].base, err, v);
	}

	long long sv = 0;
	CHECK(kstrtoll("-9223372036854775808", 10, &sv) == 0 && sv == LLONG_MIN, "kstrtoll min");
	CHECK(kstrtoll("-9223372036854775809", 10, &sv) == -ERANGE, "kstrtoll below min");
	CHECK(kstrtoll("9223372036854775808", 10, &sv) == -ERANGE, "kstrtoll above max");
	CHECK(kstrtoll("-0", 10, &sv) == 0 && sv == 0, "kstrtoll -0");
	CHECK(kstrtoll("--1", 10, &sv) == -EINVAL, "kstrtoll --1");
	int iv = 0;
	CHECK(kstrtoint("-2147483648", 10, &iv) == 0 && iv == INT_MIN, "kstrtoint min");
	CHECK(kstrtoint("2147483648", 10, &iv) == -ERANGE, "kstrtoint above max");

	/* Random strings against the model, half of them well-formed numbers. */
	static const char alphabet[] = "0123456789abcdefxXz+-\n ";
	static const unsigned int bases[] = { 0, 2, 8, 10, 16, 36 };
	static const char *const prefixes[] = { "", "", "+", "-", "0x", "-0x", "0", "+0X", "-+" };
	char s[80], num[140];

	for (int i = 0; i < 100000; i++) {
		unsigned int base = bases[unit_rand_below(6)];

		if (unit_rand_below(2)) {
			size_t len = unit_rand_below(28);

			for (size_t j = 0; j < len; j++)
				s[j] = alphabet[unit_rand_below(sizeof(alphabet) - 1)];
			s[len] = '\0';
		} else {
			unsigned __int128 v = unit_rand64() >> unit_rand_below(64);

			if (unit_rand_below(8) == 0)	/* past 64 bits */
				v *= unit_rand64();
			to_base(num, v, base ? base : 10, unit_rand_below(2));
			snprintf(s, sizeof(s), "%s%s%s", prefixes[unit_rand_below(9)], num,
				 unit_rand_below(4) ? "" : "\n");
		}
		compare_kstrto(s, base);
		if (UNIT_FAILURES() > 20)
			return;
	}
}

int main(void)
{
	unit_run("strtol.fixed", test_fixed);
	unit_run("strtol.boundaries", test_boundaries);
	unit_run("strtol.random", test_random);
	unit_run("strtol.errno-atoi", test_errno_and_ato);
	unit_run("stdlib.abs", test_abs);
	unit_run("kstrtox", test_kstrtox);
	return unit_exit();
}
