/*
 * The kernel's random numbers (kernel/drivers/random.c): a ChaCha20-based
 * generator seeded from RDSEED/RDRAND when the CPU has them and from TSC
 * jitter always, with fast key erasure (the key is replaced after every
 * request, so output already handed out cannot be recomputed). Used for
 * getrandom(2), /dev/random and /dev/urandom, AT_RANDOM, and anything in
 * the kernel that needs unpredictable numbers.
 */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include <kernel/types.h>

void random_init(void);                     /* idempotent; get_random_bytes calls it */
void get_random_bytes(void *buf, size_t n);
u64 get_random_u64(void);
u32 get_random_u32(void);
/* Stir caller-supplied bytes into the pool (writes to /dev/random). */
void add_random_bytes(const void *buf, size_t n);

#endif
