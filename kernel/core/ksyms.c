/*
 * Symbol lookup over the table scripts/gen-ksyms emits into .ksyms: a count,
 * then sorted (address, name offset) pairs, then the names. The first link of
 * the kernel has an empty table (ksyms_weak below).
 */
#include <kernel/ksyms.h>
#include <string.h>

struct ksym_entry {
	u64 addr;
	u64 name_off;
};

/* Provided by the generated table; weak so the first link works without it. */
extern const u64 ksyms_count __attribute__((weak));
extern const struct ksym_entry ksyms_table[] __attribute__((weak));
extern const char ksyms_names[] __attribute__((weak));

const char *ksym_lookup(unsigned long addr, unsigned long *offset)
{
	u64 lo = 0, hi;

	if (!&ksyms_count || !ksyms_count)
		return NULL;
	hi = ksyms_count;
	if (addr < ksyms_table[0].addr)
		return NULL;
	/* Last entry with entry.addr <= addr. */
	while (hi - lo > 1) {
		u64 mid = (lo + hi) / 2;
		if (ksyms_table[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (offset)
		*offset = addr - ksyms_table[lo].addr;
	return ksyms_names + ksyms_table[lo].name_off;
}

unsigned long ksym_address(const char *name)
{
	if (!&ksyms_count)
		return 0;
	for (u64 i = 0; i < ksyms_count; i++)
		if (!strcmp(ksyms_names + ksyms_table[i].name_off, name))
			return ksyms_table[i].addr;
	return 0;
}
