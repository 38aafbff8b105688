/*
 * crashload: the guest side of the ext4 crash test (tests/e2e/ext4crash.sh).
 *
 *   crashload write DIR SEED     write files forever (until the host kills
 *                                the machine): every third one is fsync'd and
 *                                then announced as "FSYNC name size fnv64";
 *                                the others are renamed, truncated and
 *                                removed later; some files are unlinked while
 *                                still open and written on before they close.
 *   crashload verify DIR LIST    every "FSYNC ..." line of LIST must name a
 *                                file of that size and checksum: prints
 *                                "VERIFY-OK n" or "VERIFY-BAD ..." lines.
 *
 * A file announced as fsync'd is never touched again, so whatever moment
 * the machine dies at, each announced file must be there, whole. Runs on
 * the host Linux as well.
 */
#include "progs.h"

#include <fcntl.h>
#include <sys/stat.h>

static unsigned long long rng_state;

static unsigned long long rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static unsigned long long fnv(unsigned long long h, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

#define FNV_INIT 0xcbf29ce484222325ull

static unsigned char buf[65536];

static void fill(unsigned long long seed, size_t n)
{
	unsigned long long s = seed * 0x9e3779b97f4a7c15ull + 1;

	for (size_t i = 0; i < n; i++) {
		if (i % 8 == 0) {
			s ^= s << 13;
			s ^= s >> 7;
			s ^= s << 17;
		}
		buf[i] = (unsigned char)(s >> (8 * (i % 8)));
	}
}

static void die(const char *what, const char *name)
{
	dprintf(1, "ERROR %s %s: %s\n", what, name, strerror(errno));
	exit(1);
}

/* Write size bytes of seeded data in uneven chunks; returns the checksum. */
static unsigned long long write_data(int fd, const char *name, unsigned long long seed, size_t size)
{
	unsigned long long h = FNV_INIT;
	size_t done = 0;

	while (done < size) {
		size_t n = 1 + rng() % sizeof(buf);

		if (n > size - done)
			n = size - done;
		fill(seed + done, n);
		if (write(fd, buf, n) != (ssize_t)n)
			die("write", name);
		h = fnv(h, buf, n);
		done += n;
	}
	return h;
}

static int do_write(const char *dir, unsigned long long seed)
{
	int held[8];
	char name[256], other[256];

	for (int i = 0; i < 8; i++)
		held[i] = -1;
	rng_state = seed | 1;
	if (chdir(dir) < 0)
		die("chdir", dir);
	for (int d = 0; d < 8; d++) {
		snprintf(name, sizeof(name), "d%d", d);
		if (mkdir(name, 0755) < 0 && errno != EEXIST)
			die("mkdir", name);
	}
	for (unsigned i = 0; i < 200000; i++) {
		size_t size = rng() % 200000;
		unsigned long long h;
		int fd;

		snprintf(name, sizeof(name), "d%u/f%u", i % 8, i);
		fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			die("open", name);
		h = write_data(fd, name, seed + i, size);
		if (i % 3 == 0) {
			if (fsync(fd) < 0)
				die("fsync", name);
			close(fd);
			dprintf(1, "FSYNC %s %zu %016llx\n", name, size, h);
		} else {
			close(fd);
		}
		/* Older files that were not fsync'd: renamed, then removed
		 * or cut in half. */
		if (i >= 5 && (i - 5) % 3) {
			unsigned j = i - 5;

			snprintf(name, sizeof(name), "d%u/f%u", j % 8, j);
			snprintf(other, sizeof(other), "d%u/r%u", (j + 1) % 8, j);
			if (rename(name, other) < 0)
				die("rename", name);
		}
		if (i >= 10 && (i - 10) % 3) {
			unsigned j = i - 10;

			snprintf(other, sizeof(other), "d%u/r%u", (j + 1) % 8, j);
			if (j % 2 == 0 ? unlink(other) : truncate(other, rng() % 50000))
				die("unlink/truncate", other);
		}
		/* Unlinked while open: written on, closed eight rounds later. */
		if (i % 4 == 0) {
			int slot = (i / 4) % 8;

			if (held[slot] >= 0) {
				write_data(held[slot], "held", seed ^ i, 30000);
				close(held[slot]);
			}
			snprintf(name, sizeof(name), "tmp%u", i);
			held[slot] = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
			if (held[slot] < 0)
				die("open", name);
			write_data(held[slot], name, seed + 7 * i, 20000 + rng() % 100000);
			if (unlink(name) < 0)
				die("unlink", name);
		}
	}
	dprintf(1, "WORKLOAD-DONE\n");
	return 0;
}

static int do_verify(const char *dir, const char *list)
{
	FILE *f = fopen(list, "r");
	char line[512], name[256];
	unsigned n = 0, bad = 0;

	if (!f)
		die("open", list);
	if (chdir(dir) < 0)
		die("chdir", dir);
	while (fgets(line, sizeof(line), f)) {
		unsigned long long want, h = FNV_INIT;
		size_t size, got = 0;
		ssize_t r;
		int fd;

		if (sscanf(line, "FSYNC %255s %zu %llx", name, &size, &want) != 3)
			continue;
		n++;
		fd = open(name, O_RDONLY);
		if (fd < 0) {
			dprintf(1, "VERIFY-BAD %s: %s\n", name, strerror(errno));
			bad++;
			continue;
		}
		while ((r = read(fd, buf, sizeof(buf))) > 0) {
			h = fnv(h, buf, (size_t)r);
			got += (size_t)r;
		}
		close(fd);
		if (r < 0 || got != size || h != want) {
			dprintf(1, "VERIFY-BAD %s: size %zu (want %zu), sum %016llx (want %016llx)%s\n",
				name, got, size, h, want, r < 0 ? ", read error" : "");
			bad++;
		}
	}
	fclose(f);
	if (bad)
		dprintf(1, "VERIFY-FAILED %u of %u\n", bad, n);
	else
		dprintf(1, "VERIFY-OK %u\n", n);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "write"))
		return do_write(argv[2], strtoull(argv[3], NULL, 0));
	if (argc == 4 && !strcmp(argv[1], "verify"))
		return do_verify(argv[2], argv[3]);
	dprintf(2, "usage: crashload write DIR SEED | verify DIR LIST\n");
	return 2;
}
