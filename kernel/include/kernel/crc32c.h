/*
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as ext4 and jbd2
 * checksum their metadata. crc32c_le is Linux's crc32c(): it continues crc
 * over the bytes with no inversion on entry or exit, so the usual CRC-32C
 * of a buffer is ~crc32c_le(~0u, buf, len), and ext4's checksums are
 * crc32c_le(seed, ...) chained from the seed its superblock gives.
 */
#ifndef KERNEL_CRC32C_H
#define KERNEL_CRC32C_H

#include <stddef.h>
#include <stdint.h>

uint32_t crc32c_le(uint32_t crc, const void *buf, size_t len);

#endif
