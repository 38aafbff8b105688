/*
 * clock_gettime04: the vDSO. AT_SYSINFO_EHDR points to an ELF shared object
 * (mapped as [vdso] in /proc/self/maps, with [vvar] below it) that exports
 * __vdso_clock_gettime, __vdso_gettimeofday, __vdso_time, __vdso_getcpu,
 * __vdso_clock_getres and their unprefixed aliases, all at version
 * LINUX_2.6, found through DT_HASH (musl's lookup) and DT_GNU_HASH. Each
 * function agrees with its system call: for every clock id (valid, CPU-time,
 * alarm, invalid) the same result or the same -errno, and readings ordered
 * syscall <= vDSO <= syscall; CLOCK_MONOTONIC never goes backwards over many
 * reads, nor when the process moves between CPUs, nor between two threads
 * on two CPUs taking turns; getcpu names the CPU the
 * process is pinned to; clock_getres returns what the syscall does. A forked
 * child can use the vDSO, and can move [vvar] + [vdso] with mremap and
 * still call it, or unmap it, without harm.
 *
 * The symbols are looked up by walking the image's own dynamic section, as
 * the C libraries do (our code, written from the ELF specification).
 */
#include <elf.h>
#include <pthread.h>
#include <sched.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

#include "harness.h"

#define NSEC_PER_SEC 1000000000LL

typedef int (*cgt_fn)(clockid_t, struct timespec *);
typedef int (*gtod_fn)(struct timeval *, struct timezone *);
typedef time_t (*time_fn)(time_t *);
typedef int (*getcpu_fn)(unsigned *, unsigned *, void *);
typedef int (*getres_fn)(clockid_t, struct timespec *);

/* The image as the C libraries see it. */
struct vdso {
	uintptr_t ehdr, bias;
	const Elf64_Sym *syms;
	const char *strs;
	const Elf64_Word *hash;        /* DT_HASH */
	const uint32_t *gnu_hash;      /* DT_GNU_HASH */
	const Elf64_Half *versym;
	const Elf64_Verdef *verdef;
};

static struct vdso vd;

static int vdso_parse(uintptr_t base, struct vdso *v)
{
	const Elf64_Ehdr *eh = (const void *)base;
	const Elf64_Phdr *ph;
	const Elf64_Dyn *dyn = NULL;
	int have_load = 0;

	memset(v, 0, sizeof(*v));
	v->ehdr = base;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_type != ET_DYN || eh->e_machine != EM_X86_64) {
		t_res(TFAIL, "AT_SYSINFO_EHDR %#lx: not an x86_64 ELF shared object",
		      (unsigned long)base);
		return 0;
	}
	ph = (const void *)(base + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !have_load) {
			v->bias = base + ph[i].p_offset - ph[i].p_vaddr;
			have_load = 1;
		} else if (ph[i].p_type == PT_DYNAMIC) {
			dyn = (const void *)(base + ph[i].p_offset);
		}
	}
	if (!have_load || !dyn) {
		t_res(TFAIL, "vDSO: no PT_LOAD or no PT_DYNAMIC");
		return 0;
	}
	for (; dyn->d_tag != DT_NULL; dyn++) {
		const void *p = (const void *)(v->bias + dyn->d_un.d_ptr);

		switch (dyn->d_tag) {
		case DT_SYMTAB: v->syms = p; break;
		case DT_STRTAB: v->strs = p; break;
		case DT_HASH: v->hash = p; break;
		case DT_GNU_HASH: v->gnu_hash = p; break;
		case DT_VERSYM: v->versym = p; break;
		case DT_VERDEF: v->verdef = p; break;
		case DT_REL: case DT_RELA: case DT_JMPREL: case DT_TEXTREL:
			t_res(TFAIL, "vDSO has relocations (dynamic tag %ld)", (long)dyn->d_tag);
			break;
		}
	}
	EXPECT_MSG(v->syms && v->strs, "vDSO has DT_SYMTAB and DT_STRTAB");
	EXPECT_MSG(v->hash != NULL, "vDSO has DT_HASH (musl looks symbols up through it)");
	EXPECT_MSG(v->gnu_hash != NULL, "vDSO has DT_GNU_HASH");
	EXPECT_MSG(v->versym && v->verdef, "vDSO has symbol versions");
	return v->syms && v->strs && v->hash;
}

/* The version name of symbol i, or NULL. */
static const char *sym_version(const struct vdso *v, unsigned i)
{
	const Elf64_Verdef *d = v->verdef;
	unsigned idx;

	if (!v->versym || !d)
		return NULL;
	idx = v->versym[i] & 0x7fff;
	for (;;) {
		if (!(d->vd_flags & VER_FLG_BASE) && d->vd_ndx == idx) {
			const Elf64_Verdaux *a = (const void *)((const char *)d + d->vd_aux);
			return v->strs + a->vda_name;
		}
		if (!d->vd_next)
			return NULL;
		d = (const void *)((const char *)d + d->vd_next);
	}
}

/* DT_HASH lookup of name at version LINUX_2.6: its address, or NULL. */
static void *vdso_sym(const struct vdso *v, const char *name)
{
	unsigned nchain = v->hash[1];

	for (unsigned i = 1; i < nchain; i++) {
		const Elf64_Sym *s = &v->syms[i];
		const char *ver;

		if (s->st_shndx == SHN_UNDEF || strcmp(v->strs + s->st_name, name))
			continue;
		if (ELF64_ST_TYPE(s->st_info) != STT_FUNC)
			continue;
		ver = sym_version(v, i);
		if (!ver || strcmp(ver, "LINUX_2.6"))
			continue;
		return (void *)(v->bias + s->st_value);
	}
	return NULL;
}

static cgt_fn v_cgt;
static gtod_fn v_gtod;
static time_fn v_time;
static getcpu_fn v_getcpu;
static getres_fn v_getres;

static long long ts_ns(const struct timespec *ts)
{
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

static const char *clock_name(int clk)
{
	static char buf[32];
	static const char *const names[] = {
		"REALTIME", "MONOTONIC", "PROCESS_CPUTIME_ID", "THREAD_CPUTIME_ID",
		"MONOTONIC_RAW", "REALTIME_COARSE", "MONOTONIC_COARSE", "BOOTTIME",
		"REALTIME_ALARM", "BOOTTIME_ALARM", "10", "TAI",
	};

	if (clk >= 0 && clk < (int)(sizeof(names) / sizeof(names[0])))
		return names[clk];
	snprintf(buf, sizeof(buf), "%d", clk);
	return buf;
}

static void check_symbols(void)
{
	static const char *const names[] = {
		"clock_gettime", "gettimeofday", "time", "getcpu", "clock_getres",
	};
	char prefixed[64];

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		void *plain = vdso_sym(&vd, names[i]), *pre;

		snprintf(prefixed, sizeof(prefixed), "__vdso_%s", names[i]);
		pre = vdso_sym(&vd, prefixed);
		EXPECT_MSG(pre != NULL, "%s@LINUX_2.6 in the vDSO", prefixed);
		EXPECT_MSG(plain != NULL && plain == pre, "%s@LINUX_2.6 is an alias of %s",
			   names[i], prefixed);
	}
	v_cgt = (cgt_fn)vdso_sym(&vd, "__vdso_clock_gettime");
	v_gtod = (gtod_fn)vdso_sym(&vd, "__vdso_gettimeofday");
	v_time = (time_fn)vdso_sym(&vd, "__vdso_time");
	v_getcpu = (getcpu_fn)vdso_sym(&vd, "__vdso_getcpu");
	v_getres = (getres_fn)vdso_sym(&vd, "__vdso_clock_getres");
}

/* [vdso] in /proc/self/maps starts at AT_SYSINFO_EHDR, [vvar] below it. */
static void check_maps(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	unsigned long vdso_start = 0, vvar_end = 0;

	if (!f) {
		t_res(TCONF | TERRNO, "/proc/self/maps");
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		unsigned long s, e;

		if (sscanf(line, "%lx-%lx", &s, &e) != 2)
			continue;
		if (strstr(line, "[vdso]"))
			vdso_start = s;
		else if (strstr(line, "[vvar"))     /* [vvar], and Linux 6.13+'s [vvar_vclock] */
			vvar_end = e;
	}
	fclose(f);
	EXPECT_MSG(vdso_start == vd.ehdr, "[vdso] at %#lx is AT_SYSINFO_EHDR %#lx", vdso_start,
		   (unsigned long)vd.ehdr);
	EXPECT_MSG(vvar_end && vvar_end <= vdso_start, "[vvar] mapped below [vdso]");
}

static void check_clocks(void)
{
	static const int ids[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 64, 12345,
				   -1, -6 /* this process's CPU clock */, -2 /* thread */ };

	for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		int clk = ids[i];
		struct timespec a = { 0 }, b = { 0 }, c = { 0 };
		long ra, rc;
		int rb;

		errno = 0;
		ra = syscall(SYS_clock_gettime, clk, &a);
		ra = ra < 0 ? -errno : ra;
		rb = v_cgt(clk, &b);
		errno = 0;
		rc = syscall(SYS_clock_gettime, clk, &c);
		rc = rc < 0 ? -errno : rc;
		if (ra != rb || rb != rc) {
			t_res(TFAIL, "clock %s: syscall %ld, vDSO %d, syscall %ld", clock_name(clk),
			      ra, rb, rc);
			continue;
		}
		if (rb) {
			t_res(TPASS, "clock %s: vDSO and syscall both %s", clock_name(clk),
			      t_errname(-rb));
			continue;
		}
		if (ts_ns(&a) <= ts_ns(&b) && ts_ns(&b) <= ts_ns(&c) && b.tv_nsec >= 0 &&
		    b.tv_nsec < NSEC_PER_SEC)
			t_res(TPASS, "clock %s: syscall <= vDSO <= syscall", clock_name(clk));
		else
			t_res(TFAIL, "clock %s: %lld.%09ld, vDSO %lld.%09ld, %lld.%09ld", clock_name(clk),
			      (long long)a.tv_sec, a.tv_nsec, (long long)b.tv_sec, b.tv_nsec,
			      (long long)c.tv_sec, c.tv_nsec);
	}
}

static void check_getres(void)
{
	static const int ids[] = { 0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 12345, -1 };
	int bad = 0;

	for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct timespec a = { -1, -1 }, b = { -1, -1 };
		long ra;
		int rb, rn;

		errno = 0;
		ra = syscall(SYS_clock_getres, ids[i], &a);
		ra = ra < 0 ? -errno : ra;
		rb = v_getres(ids[i], &b);
		rn = v_getres(ids[i], NULL);
		if (ra != rb || rb != rn || (!ra && ts_ns(&a) != ts_ns(&b))) {
			t_res(TFAIL, "clock_getres(%s): syscall %ld (%lld ns), vDSO %d (%lld ns), NULL %d",
			      clock_name(ids[i]), ra, ts_ns(&a), rb, ts_ns(&b), rn);
			bad++;
		}
	}
	if (!bad)
		t_res(TPASS, "clock_getres: vDSO agrees with the syscall for every clock");
}

static void check_gettimeofday_time(void)
{
	struct timeval a, b, c;
	struct timezone za = { 1, 1 }, zb = { 2, 2 };
	long long ua, ub, uc;
	time_t t0, t1, t2, stored = 0;

	SAFE(syscall(SYS_gettimeofday, &a, &za));
	EXPECT_EQ(v_gtod(&b, &zb), 0);
	SAFE(syscall(SYS_gettimeofday, &c, NULL));
	ua = a.tv_sec * 1000000LL + a.tv_usec;
	ub = b.tv_sec * 1000000LL + b.tv_usec;
	uc = c.tv_sec * 1000000LL + c.tv_usec;
	EXPECT_MSG(ua <= ub && ub <= uc && b.tv_usec >= 0 && b.tv_usec < 1000000,
		   "gettimeofday: syscall <= vDSO <= syscall (%lld, %lld, %lld)", ua, ub, uc);
	EXPECT_MSG(za.tz_minuteswest == zb.tz_minuteswest && za.tz_dsttime == zb.tz_dsttime,
		   "gettimeofday: the vDSO's time zone is the syscall's");
	EXPECT_EQ(v_gtod(NULL, NULL), 0);

	/* Linux's vDSO time() may trail the syscall's by a tick (it reads the
	 * coarse clock): allow one second in either order. */
	t0 = syscall(SYS_time, NULL);
	t1 = v_time(&stored);
	t2 = syscall(SYS_time, NULL);
	EXPECT_MSG(t1 >= t0 - 1 && t1 <= t2 && stored == t1,
		   "time: vDSO %lld between syscalls %lld and %lld, stored %lld", (long long)t1,
		   (long long)t0, (long long)t2, (long long)stored);
	EXPECT_MSG(v_time(NULL) >= t1, "time(NULL) goes on");
}

/* Many back-to-back reads, fine clocks mixed with gettimeofday. */
static void check_monotonic(void)
{
	struct timespec ts, raw;
	long long last = 0, last_raw = 0, last_us = 0;
	int i, back = 0;

	for (i = 0; i < 20000; i++) {
		struct timeval tv;
		long long now, now_raw, us;

		v_cgt(CLOCK_MONOTONIC, &ts);
		v_cgt(CLOCK_MONOTONIC_RAW, &raw);
		now = ts_ns(&ts);
		now_raw = ts_ns(&raw);
		if (now < last || now_raw < last_raw)
			back++;
		last = now;
		last_raw = now_raw;
		if (!(i & 63)) {
			v_gtod(&tv, NULL);
			us = tv.tv_sec * 1000000LL + tv.tv_usec;
			if (us < last_us)
				back++;
			last_us = us;
			/* Interleave the syscall: it must not run behind the vDSO. */
			syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
			if (ts_ns(&ts) < last)
				back++;
			last = ts_ns(&ts);
		}
	}
	EXPECT_MSG(back == 0, "20000 vDSO reads of MONOTONIC and MONOTONIC_RAW never go back "
		   "(%d did)", back);
}

/* Pinned to each CPU in turn: getcpu names it, the clock keeps going. */
static void check_cpus(void)
{
	cpu_set_t orig, one;
	long long last = 0;
	int ncpu = 0, bad_cpu = 0, back = 0;

	if (sched_getaffinity(0, sizeof(orig), &orig)) {
		t_res(TCONF | TERRNO, "sched_getaffinity");
		return;
	}
	for (int round = 0; round < 3; round++) {
		for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
			unsigned vc = ~0u, vn = ~0u, sc = ~0u, sn = ~0u;
			struct timespec ts;

			if (!CPU_ISSET(cpu, &orig))
				continue;
			if (!round)
				ncpu++;
			CPU_ZERO(&one);
			CPU_SET(cpu, &one);
			SAFE(sched_setaffinity(0, sizeof(one), &one));
			sched_yield();
			v_cgt(CLOCK_MONOTONIC, &ts);
			if (ts_ns(&ts) < last)
				back++;
			last = ts_ns(&ts);
			SAFE(syscall(SYS_getcpu, &sc, &sn, NULL));
			EXPECT_EQ(v_getcpu(&vc, &vn, NULL), 0);
			if (vc != (unsigned)cpu || sc != (unsigned)cpu || vn != sn) {
				t_res(TFAIL, "pinned to CPU %d: vDSO getcpu %u node %u, syscall %u node %u",
				      cpu, vc, vn, sc, sn);
				bad_cpu++;
			}
		}
	}
	SAFE(sched_setaffinity(0, sizeof(orig), &orig));
	EXPECT_EQ(v_getcpu(NULL, NULL, NULL), 0);
	EXPECT_MSG(!bad_cpu, "getcpu names the pinned CPU (%d CPUs, 3 rounds)", ncpu);
	EXPECT_MSG(!back, "MONOTONIC never goes back moving between %d CPUs", ncpu);
}

/*
 * Two threads pinned to two CPUs take turns under a lock: each reads the
 * vDSO's CLOCK_MONOTONIC and must never see less than the other's last
 * reading (Linux's check_tsc_warp, one level up).
 */
static volatile long long warp_last;
static int warp_lock;
static long warp_count, warp_max;

static void *warp_thread(void *arg)
{
	int cpu = (int)(long)arg;
	cpu_set_t one;

	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one))
		return (void *)1L;
	for (int i = 0; i < 20000; i++) {
		struct timespec ts;
		long long prev;

		while (__atomic_exchange_n(&warp_lock, 1, __ATOMIC_ACQUIRE))
			;
		prev = warp_last;
		v_cgt(CLOCK_MONOTONIC, &ts);
		if (ts_ns(&ts) < prev) {
			warp_count++;
			if (prev - ts_ns(&ts) > warp_max)
				warp_max = prev - ts_ns(&ts);
		}
		warp_last = ts_ns(&ts);
		__atomic_store_n(&warp_lock, 0, __ATOMIC_RELEASE);
	}
	return NULL;
}

static void check_cross_cpu(void)
{
	cpu_set_t set;
	int cpus[2], n = 0;
	pthread_t th[2];
	void *ret[2] = { NULL, NULL };

	if (sched_getaffinity(0, sizeof(set), &set)) {
		t_res(TCONF | TERRNO, "sched_getaffinity");
		return;
	}
	for (int c = 0; c < CPU_SETSIZE && n < 2; c++)
		if (CPU_ISSET(c, &set))
			cpus[n++] = c;
	if (n < 2) {
		t_res(TINFO, "one CPU: no cross-CPU clock check");
		return;
	}
	for (int i = 0; i < 2; i++)
		if (pthread_create(&th[i], NULL, warp_thread, (void *)(long)cpus[i]))
			t_brk(TBROK, "pthread_create");
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], &ret[i]);
	if (ret[0] || ret[1])
		t_brk(TBROK, "sched_setaffinity in a thread failed");
	EXPECT_MSG(!warp_count, "CPUs %d and %d taking turns: MONOTONIC never behind the other's "
		   "last reading (%ld were, by up to %ld ns)", cpus[0], cpus[1], warp_count, warp_max);
}

/* After fork, and after moving [vvar] + [vdso] together with mremap, the
 * vDSO still answers; unmapping it is harmless. */
static void check_fork_mremap(void)
{
	pid_t pid = t_fork();

	if (!pid) {
		struct timespec ts;
		FILE *f;
		char line[512];
		unsigned long lo = 0, hi = 0, starts[8], ends[8];
		int n = 0;
		char *dst;

		if (v_cgt(CLOCK_MONOTONIC, &ts) || ts_ns(&ts) <= 0)
			_exit(1);
		f = fopen("/proc/self/maps", "r");
		if (!f)
			_exit(2);
		while (fgets(line, sizeof(line), f) && n < 8) {
			unsigned long s, e;

			if (sscanf(line, "%lx-%lx", &s, &e) == 2 &&
			    (strstr(line, "[vdso]") || strstr(line, "[vvar"))) {
				starts[n] = s;
				ends[n++] = e;
				if (!lo || s < lo)
					lo = s;
				if (e > hi)
					hi = e;
			}
		}
		fclose(f);
		if (!n)
			_exit(3);
		/* Reserve a free range, then move every piece to the same offset in it. */
		dst = mmap(NULL, hi - lo, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (dst == MAP_FAILED)
			_exit(4);
		for (int i = 0; i < n; i++)
			if (mremap((void *)starts[i], ends[i] - starts[i], ends[i] - starts[i],
				   MREMAP_MAYMOVE | MREMAP_FIXED, dst + (starts[i] - lo)) == MAP_FAILED)
				_exit(5);
		{
			cgt_fn moved = (cgt_fn)((char *)v_cgt - lo + (uintptr_t)dst);
			struct timespec t2;

			if (moved(CLOCK_MONOTONIC, &t2) || ts_ns(&t2) < ts_ns(&ts))
				_exit(6);
		}
		if (munmap(dst, hi - lo))
			_exit(7);
		_exit(0);
	}
	EXPECT_EQ(t_wait(pid), 0);
}

static void run(void)
{
	unsigned long base = getauxval(AT_SYSINFO_EHDR);

	if (!base)
		t_brk(TCONF, "no vDSO (AT_SYSINFO_EHDR is 0)");
	t_res(TPASS, "AT_SYSINFO_EHDR = %#lx", base);
	if (!vdso_parse(base, &vd))
		return;
	check_symbols();
	if (!v_cgt || !v_gtod || !v_time || !v_getcpu || !v_getres)
		t_brk(TFAIL, "vDSO functions missing");
	check_maps();
	check_clocks();
	check_getres();
	check_gettimeofday_time();
	check_monotonic();
	check_cpus();
	check_cross_cpu();
	check_fork_mremap();
}

const struct t_test t_test = { .run = run, .timeout = 120 };
