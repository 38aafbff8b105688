/*
 * kernel/lib/sha256.c: the FIPS 180-4 examples, and random inputs fed in
 * random pieces against the host's sha256sum (through popen of nothing:
 * a digest of the same bytes computed in one go must match the pieces).
 */
#include "unit.h"
#include "klib.h"
#include <kernel/sha256.h>

static void hex_of(const void *data, size_t len, char out[65])
{
	struct sha256_ctx c;
	uint8_t d[32];

	sha256_init(&c);
	sha256_update(&c, data, len);
	sha256_final(&c, d);
	sha256_hex(d, out);
}

static void test_vectors(void)
{
	char h[65];
	static char million[1000000];

	hex_of("abc", 3, h);
	CHECK(!strcmp(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), "abc");
	hex_of("", 0, h);
	CHECK(!strcmp(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), "empty");
	hex_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, h);
	CHECK(!strcmp(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"), "448 bits");
	memset(million, 'a', sizeof(million));
	hex_of(million, sizeof(million), h);
	CHECK(!strcmp(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"), "a million a");
}

static void test_pieces(void)
{
	static uint8_t buf[5000];

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)unit_rand64();
	for (int round = 0; round < 200; round++) {
		size_t len = unit_rand_below(sizeof(buf));
		struct sha256_ctx c;
		uint8_t d[32];
		char one[65], many[65];

		hex_of(buf, len, one);
		sha256_init(&c);
		for (size_t off = 0; off < len;) {
			size_t n = unit_rand_below(130) + 1;

			if (n > len - off)
				n = len - off;
			sha256_update(&c, buf + off, n);
			off += n;
		}
		sha256_final(&c, d);
		sha256_hex(d, many);
		CHECK(!strcmp(one, many), "len %zu", len);
	}
}

int main(void)
{
	unit_run("sha256.vectors", test_vectors);
	unit_run("sha256.pieces", test_pieces);
	return unit_exit();
}
