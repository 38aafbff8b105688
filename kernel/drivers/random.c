/*
 * Random numbers: a ChaCha20 keystream generator (RFC 8439's block
 * function) with fast key erasure. A 32-byte key is seeded from RDSEED or
 * RDRAND when the CPU has them and always mixed with TSC readings; each
 * request produces blocks from the key and a counter, and the first 32
 * bytes of one extra block become the next key, so a later compromise of
 * the state does not reveal earlier output. Reseeded from the CPU's
 * sources every 64 KiB of output (XXX: Linux also gathers interrupt
 * timing entropy; we rely on RDRAND/RDSEED and the TSC).
 */
#include <asm/x86.h>
#include <kernel/random.h>
#include <kernel/spinlock.h>
#include <string.h>

static u32 key[8];
static u64 counter;
static u64 since_reseed;
static bool seeded;
static DEFINE_SPINLOCK(rng_lock);   /* key, counter; irqsave: usable from any context */

#define ROTL(v, n) (((v) << (n)) | ((v) >> (32 - (n))))
#define QR(a, b, c, d)                                     \
	do {                                               \
		a += b; d ^= a; d = ROTL(d, 16);           \
		c += d; b ^= c; b = ROTL(b, 12);           \
		a += b; d ^= a; d = ROTL(d, 8);            \
		c += d; b ^= c; b = ROTL(b, 7);            \
	} while (0)

static void chacha20_block(const u32 k[8], u64 ctr, u32 out[16])
{
	u32 x[16], s[16] = {
		0x61707865, 0x3320646e, 0x79622d32, 0x6b206574,
		k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7],
		(u32)ctr, (u32)(ctr >> 32), 0, 0,
	};

	memcpy(x, s, sizeof(x));
	for (int i = 0; i < 10; i++) {
		QR(x[0], x[4], x[8], x[12]);
		QR(x[1], x[5], x[9], x[13]);
		QR(x[2], x[6], x[10], x[14]);
		QR(x[3], x[7], x[11], x[15]);
		QR(x[0], x[5], x[10], x[15]);
		QR(x[1], x[6], x[11], x[12]);
		QR(x[2], x[7], x[8], x[13]);
		QR(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++)
		out[i] = x[i] + s[i];
	memset(x, 0, sizeof(x));
}

static bool cpu_has(unsigned leaf, int reg, unsigned bit)
{
	u32 a, b, c, d, max;

	cpuid(leaf & 0x80000000u, &max, &b, &c, &d);
	if (max < leaf)
		return false;
	cpuid_count(leaf, 0, &a, &b, &c, &d);
	return ((reg == 1 ? b : c) >> bit) & 1;
}

static bool hw_random(u64 *v)
{
	static int have_rdseed = -1, have_rdrand = -1;
	bool ok;

	if (have_rdseed < 0)
		have_rdseed = cpu_has(7, 1, 18);
	if (have_rdrand < 0)
		have_rdrand = cpu_has(1, 2, 30);
	for (int tries = 0; tries < 10; tries++) {
		if (have_rdseed) {
			__asm__ __volatile__("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
			if (ok)
				return true;
		}
		if (have_rdrand) {
			__asm__ __volatile__("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
			if (ok)
				return true;
		}
	}
	return false;
}

/* Mix fresh material into the key: key' = first half of ChaCha(key ^ input). Lock held. */
static void mix_locked(const u32 in[8])
{
	u32 k[8], out[16];

	for (int i = 0; i < 8; i++)
		k[i] = key[i] ^ in[i];
	chacha20_block(k, ~0ULL, out);
	memcpy(key, out, sizeof(key));
	memset(out, 0, sizeof(out));
	memset(k, 0, sizeof(k));
}

static void reseed_locked(void)
{
	u32 in[8];

	for (int i = 0; i < 8; i += 2) {
		u64 v = 0, t = rdtsc();

		hw_random(&v);
		v ^= t * 0x9e3779b97f4a7c15ULL;
		/* TSC jitter across a few cpuid round trips */
		for (int j = 0; j < 4; j++) {
			u32 a, b, c, d;

			cpuid(0, &a, &b, &c, &d);
			v ^= rdtsc() << (j * 7);
		}
		in[i] = (u32)v;
		in[i + 1] = (u32)(v >> 32);
	}
	mix_locked(in);
	memset(in, 0, sizeof(in));
	since_reseed = 0;
	seeded = true;
}

void random_init(void)
{
	unsigned long flags;

	spin_lock_irqsave(&rng_lock, flags);
	if (!seeded)
		reseed_locked();
	spin_unlock_irqrestore(&rng_lock, flags);
}

void get_random_bytes(void *buf, size_t n)
{
	u8 *p = buf;
	u32 block[16];
	unsigned long flags;

	while (n) {
		/* Bounded chunks so the lock is never held long. */
		size_t chunk = MIN(n, (size_t)4096);

		spin_lock_irqsave(&rng_lock, flags);
		if (!seeded || since_reseed >= 65536)
			reseed_locked();
		for (size_t done = 0; done < chunk; done += 64) {
			chacha20_block(key, counter++, block);
			memcpy(p + done, block, MIN((size_t)64, chunk - done));
		}
		/* Fast key erasure. */
		chacha20_block(key, counter++, block);
		memcpy(key, block, sizeof(key));
		since_reseed += chunk;
		spin_unlock_irqrestore(&rng_lock, flags);
		memset(block, 0, sizeof(block));
		p += chunk;
		n -= chunk;
	}
}

u64 get_random_u64(void)
{
	u64 v;

	get_random_bytes(&v, sizeof(v));
	return v;
}

u32 get_random_u32(void)
{
	u32 v;

	get_random_bytes(&v, sizeof(v));
	return v;
}

void add_random_bytes(const void *buf, size_t n)
{
	const u8 *p = buf;
	unsigned long flags;

	while (n) {
		u32 in[8] = { 0 };
		size_t c = MIN(n, sizeof(in));

		memcpy(in, p, c);
		spin_lock_irqsave(&rng_lock, flags);
		mix_locked(in);
		spin_unlock_irqrestore(&rng_lock, flags);
		p += c;
		n -= c;
	}
}
