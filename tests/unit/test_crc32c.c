/*
 * kernel/lib/crc32c.c: the standard check value, Linux's raw (uninverted)
 * convention, chaining, and the sliced loop against a bytewise reference
 * at every alignment and length.
 */
#include "unit.h"
#include "klib.h"
#include <kernel/crc32c.h>

static uint32_t ref_crc32c(uint32_t crc, const unsigned char *p, size_t n)
{
	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ ((crc & 1) ? 0x82F63B78u : 0);
	}
	return crc;
}

static void test_check_value(void)
{
	CHECK(~crc32c_le(~0u, "123456789", 9) == 0xE3069283u, "check value");
	CHECK(crc32c_le(0x1234, "", 0) == 0x1234, "empty keeps crc");
	/* RFC 3720 B.4: 32 bytes of zeros */
	unsigned char z[32] = { 0 };
	CHECK(~crc32c_le(~0u, z, 32) == 0x8A9136AAu, "32 zeros");
}

static void test_against_reference(void)
{
	unsigned char buf[300];

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)unit_rand64();
	for (size_t off = 0; off < 9; off++)
		for (size_t n = 0; n + off <= sizeof(buf); n += 7) {
			uint32_t seed = (uint32_t)unit_rand64();

			CHECK(crc32c_le(seed, buf + off, n) == ref_crc32c(seed, buf + off, n),
			      "off %zu len %zu", off, n);
		}
	/* chaining */
	uint32_t a = crc32c_le(~0u, buf, 100);
	CHECK(crc32c_le(a, buf + 100, 200) == crc32c_le(~0u, buf, 300), "chained");
}

int main(void)
{
	unit_run("crc32c.check_value", test_check_value);
	unit_run("crc32c.reference", test_against_reference);
	return unit_exit();
}
