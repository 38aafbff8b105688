/*
 * Clocks. The TSC is the one clock source: calibrated once at boot
 * against PIT channel 2 (its latched count, sampled sharply; the median of
 * three runs, see pit_sample), then converted to ns by a
 * multiply and a shift (128-bit product, no division per read).
 * ktime_get_ns() counts from TSC = 0, i.e. from machine power-on, so the
 * times in the log measure the whole boot. The realtime clock is the CMOS
 * RTC read at boot, kept as an offset from the monotonic clock.
 *
 * All CPUs read the same TSC: we rely on it being synchronized, as it is
 * under QEMU and on any CPU with an invariant TSC started by one reset.
 * XXX Linux checks TSC sync between CPUs at bring-up and falls back to
 * another clocksource (HPET) when it fails.
 *
 * Writers: clock_init (boot CPU, before the other CPUs run) sets the
 * conversion factors; realtime_offset is one aligned 64-bit word, so its
 * readers see either the old or the new value. Its writers hold
 * realtime_lock, which also keeps the vDSO's copy (vdso_update_clock) in
 * the same order as the kernel's.
 *
 * The coarse clocks are the fine ones rounded down to CLOCK_COARSE_NS:
 * Linux's read the time the last tick stored, but this kernel is tickless,
 * and rounding gives the same resolution and the same "never ahead of the
 * fine clock" guarantee, identically in the syscalls and the vDSO.
 */
#include <asm/x86.h>
#include <kernel/clock.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <kernel/types.h>
#include <kernel/vdso.h>

#define TSC_SHIFT      32
#define PIT_HZ         1193182ULL
#define PIT_CAL_MS     10             /* per run */
#define PIT_CAL_RUNS   3

static u64 tsc_khz;
static u64 tsc_to_ns_mult;       /* ns = tsc * mult >> TSC_SHIFT */
static u64 ns_to_tsc_mult;       /* tsc = ns * mult >> TSC_SHIFT */
static s64 realtime_offset;      /* realtime ns = monotonic ns + this; writers: realtime_lock */
static DEFINE_SPINLOCK(realtime_lock);

u64 tsc_to_ns(u64 tsc)
{
	return (u64)(((unsigned __int128)tsc * tsc_to_ns_mult) >> TSC_SHIFT);
}

static u64 ns_to_tsc(u64 ns)
{
	return (u64)(((unsigned __int128)ns * ns_to_tsc_mult) >> TSC_SHIFT);
}

u64 ktime_get_ns(void)
{
	return tsc_to_ns(rdtsc());
}

u64 tsc_khz_get(void)
{
	return tsc_khz;
}

u64 ktime_get_real_ns(void)
{
	return ktime_get_ns() + READ_ONCE(realtime_offset);
}

u64 ktime_get_coarse_ns(void)
{
	u64 ns = ktime_get_ns();

	return ns - ns % CLOCK_COARSE_NS;
}

u64 ktime_get_real_coarse_ns(void)
{
	u64 ns = ktime_get_real_ns();

	return ns - ns % CLOCK_COARSE_NS;
}

void ktime_set_real_ns(u64 ns)
{
	unsigned long flags;
	s64 off;

	spin_lock_irqsave(&realtime_lock, flags);
	off = (s64)(ns - ktime_get_ns());
	WRITE_ONCE(realtime_offset, off);
	vdso_update_clock(tsc_to_ns_mult, TSC_SHIFT, off);
	spin_unlock_irqrestore(&realtime_lock, flags);
}

void ndelay(u64 ns)
{
	if (!ns_to_tsc_mult) {
		/* Not calibrated yet: an ISA port write takes about 1 us. */
		for (u64 i = 0; i <= ns / 1000; i++)
			io_wait();
		return;
	}
	u64 end = rdtsc() + ns_to_tsc(ns);
	while ((s64)(rdtsc() - end) < 0)
		cpu_relax();
}

/*
 * Calibration reads PIT channel 2's counter rather than waiting for its
 * output: under TCG each port access takes QEMU's big lock, which a busy
 * host can keep from the vCPU for milliseconds, so "when did the output
 * rise" is only known to the nearest slow poll (runs came out 2-4x off,
 * either way). A latched count is exact instead: it is the PIT's time when
 * the latch command ran, and the TSC reads just before and after that one
 * access bracket that moment. A sample whose bracket is wide (the access
 * waited) is taken again.
 */
#define PIT_SAMPLE_SLOP (1ULL << 16)    /* TSC ticks: ~25 us at 2.6 GHz */

/* The channel 2 count and the TSC at the same moment; false if every try
 * waited too long. */
static bool pit_sample(u16 *count, u64 *tsc)
{
	for (int i = 0; i < 1000; i++) {
		u64 a = rdtsc(), b;
		u8 lo, hi;

		outb(0x43, 0x80);            /* latch channel 2's count */
		b = rdtsc();
		lo = inb(0x42);
		hi = inb(0x42);
		if (b - a <= PIT_SAMPLE_SLOP) {
			*count = (u16)(lo | hi << 8);
			*tsc = a + (b - a) / 2;
			return true;
		}
	}
	return false;
}

/* One run: TSC ticks per `want` PIT ticks (about PIT_CAL_MS), scaled to
 * kHz; 0 if the PIT does not count (there is none) or no sample was sharp. */
static u64 pit_measure(void)
{
	u32 want = PIT_HZ * PIT_CAL_MS / 1000, elapsed = 0;
	u64 t0, t1, limit;
	u16 c0, c1;
	u8 v;

	/* Gate on (bit 0), speaker off (bit 1); mode 0 from 65536: the count
	 * runs down through zero and wraps, every 55 ms. */
	v = inb(0x61);
	outb(0x61, (v & ~0x02) | 0x01);
	outb(0x43, 0xb0);                /* channel 2, lobyte/hibyte, mode 0, binary */
	outb(0x42, 0);
	outb(0x42, 0);
	if (!pit_sample(&c0, &t0))
		return 0;
	limit = t0 + (1ULL << 34);       /* > 1 s at any plausible TSC rate */
	do {
		u16 c;
		u64 t;

		/* Polls may be slow; only the last sample must be sharp, and
		 * even a slow poll stops well before the count wraps. */
		if (!pit_sample(&c, &t))
			return 0;
		if (t > limit)
			return 0;
		c1 = c;
		t1 = t;
		elapsed = (u16)(c0 - c1);
	} while (elapsed < want);
	return (t1 - t0) * PIT_HZ / ((u64)elapsed * 1000);
}

static void tsc_calibrate(void)
{
	u64 k[PIT_CAL_RUNS], x;
	int n = 0;

	for (int i = 0; i < PIT_CAL_RUNS; i++) {
		k[n] = pit_measure();
		if (!k[n])
			break;
		n++;
	}
	if (n) {
		/* The median of the runs (a vCPU stopped between two of a
		 * sample's accesses cannot skew it; this is for the rest). */
		for (int i = 1; i < n; i++)
			for (int j = i; j > 0 && k[j - 1] > k[j]; j--) {
				x = k[j]; k[j] = k[j - 1]; k[j - 1] = x;
			}
		tsc_khz = k[n / 2];
	} else {
		u32 a, b, c, e;

		/* No PIT: CPUID leaf 0x16 has the base frequency in MHz. */
		cpuid(0, &a, &b, &c, &e);
		if (a >= 0x16) {
			cpuid(0x16, &a, &b, &c, &e);
			tsc_khz = (u64)(a & 0xffff) * 1000;
		}
		if (!tsc_khz)
			tsc_khz = 2000000;
		pr_warn("clock: PIT calibration failed; assuming TSC at %llu kHz\n",
			(unsigned long long)tsc_khz);
	}
	/* 1e6 << 32 fits in 64 bits, as does tsc_khz << 32 for any real rate. */
	tsc_to_ns_mult = (1000000ULL << TSC_SHIFT) / tsc_khz;
	ns_to_tsc_mult = (tsc_khz << TSC_SHIFT) / 1000000ULL;
}

static bool tsc_invariant(void)
{
	u32 a, b, c, d;

	cpuid(0x80000000, &a, &b, &c, &d);
	if (a < 0x80000007)
		return false;
	cpuid(0x80000007, &a, &b, &c, &d);
	return d & (1u << 8);
}

/* ---- CMOS real-time clock ------------------------------------------------ */

static u8 cmos_read(u8 reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

struct rtc_time {
	unsigned sec, min, hour, day, mon, year, century;
};

static void rtc_read_raw(struct rtc_time *t)
{
	/* Wait out an update in progress (at most ~2 ms) so no field is read
	 * mid-change; bounded in case there is no RTC at all. */
	for (int i = 0; i < 100000 && (cmos_read(0x0a) & 0x80); i++)
		cpu_relax();
	t->sec = cmos_read(0x00);
	t->min = cmos_read(0x02);
	t->hour = cmos_read(0x04);
	t->day = cmos_read(0x07);
	t->mon = cmos_read(0x08);
	t->year = cmos_read(0x09);
	t->century = cmos_read(0x32);   /* the usual century register (ACPI FADT names it) */
}

static unsigned bcd(unsigned v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), by counting whole
 * 400-year eras from March 1st of year 0. */
static s64 days_since_epoch(s64 y, unsigned m, unsigned d)
{
	s64 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static u64 rtc_read_unix(void)
{
	struct rtc_time a, b;
	u8 status_b;
	bool pm;
	s64 year, days;

	/* Read until two reads agree: an update may still slip in between. */
	rtc_read_raw(&a);
	for (int i = 0; i < 5; i++) {
		rtc_read_raw(&b);
		if (a.sec == b.sec && a.min == b.min && a.hour == b.hour && a.day == b.day &&
		    a.mon == b.mon && a.year == b.year)
			break;
		a = b;
	}
	status_b = cmos_read(0x0b);
	pm = a.hour & 0x80;
	a.hour &= 0x7f;
	if (!(status_b & 0x04)) {        /* BCD */
		a.sec = bcd(a.sec);
		a.min = bcd(a.min);
		a.hour = bcd(a.hour);
		a.day = bcd(a.day);
		a.mon = bcd(a.mon);
		a.year = bcd(a.year);
		a.century = bcd(a.century);
	}
	if (!(status_b & 0x02)) {        /* 12-hour: 12 AM is 0, 12 PM is 12 */
		a.hour %= 12;
		if (pm)
			a.hour += 12;
	}
	if (a.century >= 19 && a.century <= 30)
		year = a.century * 100 + a.year;
	else
		year = 2000 + a.year;    /* no century register: assume this one */
	if (a.mon < 1 || a.mon > 12 || a.day < 1 || a.day > 31)
		return 0;
	days = days_since_epoch(year, a.mon, a.day);
	return (u64)days * 86400 + a.hour * 3600 + a.min * 60 + a.sec;
}

void clock_init(void)
{
	u64 secs;

	tsc_calibrate();
	printk_set_clock(ktime_get_ns);
	secs = rtc_read_unix();
	ktime_set_real_ns(secs * NSEC_PER_SEC);
	pr_info("clock: TSC %llu.%03llu MHz%s, realtime %llu s since the epoch\n",
		(unsigned long long)(tsc_khz / 1000), (unsigned long long)(tsc_khz % 1000),
		tsc_invariant() ? " (invariant)" : "", (unsigned long long)secs);
}
