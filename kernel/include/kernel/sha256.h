/*
 * SHA-256 (FIPS 180-4), incremental: image blobs and layers are hashed as
 * they stream through the unpacker. Host-testable (kernel/lib/sha256.c).
 */
#ifndef KERNEL_SHA256_H
#define KERNEL_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32
#define SHA256_HEX_SIZE 65   /* 64 hex digits and a NUL */

struct sha256_ctx {
	uint32_t h[8];
	uint64_t len;            /* bytes hashed so far */
	uint8_t buf[64];
	unsigned buflen;
};

void sha256_init(struct sha256_ctx *c);
void sha256_update(struct sha256_ctx *c, const void *data, size_t len);
void sha256_final(struct sha256_ctx *c, uint8_t out[SHA256_DIGEST_SIZE]);
/* Lower-case hex of a digest into out (SHA256_HEX_SIZE bytes). */
void sha256_hex(const uint8_t d[SHA256_DIGEST_SIZE], char out[SHA256_HEX_SIZE]);

#endif
