/*
 * The kernel's own symbol table, embedded at build time (scripts/gen-ksyms),
 * for symbolized backtraces.
 */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include <kernel/types.h>

/* Name of the function containing addr and the offset into it; NULL if unknown. */
const char *ksym_lookup(unsigned long addr, unsigned long *offset);
/* Address of a symbol by name, 0 if none. */
unsigned long ksym_address(const char *name);

#endif
