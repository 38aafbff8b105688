/*
 * Strict string-to-integer conversion for kernel input (command line,
 * sysfs/procfs writes), as Linux's kstrto*(): the whole string must be the
 * number, optionally followed by one '\n'. No leading whitespace; a leading
 * '+' is accepted, a '-' only by the signed variants.
 *
 * base is 0 (auto: "0x"/"0X" hex, leading "0" octal, else decimal) or
 * 2..36; base 16 also accepts a "0x" prefix.
 *
 * Returns 0 and stores the value in *res, or -EINVAL (not a number, bad
 * base) or -ERANGE (does not fit); *res is left untouched on error.
 * errno is never touched. Implemented in kernel/lib/kstrtox.c.
 */
#ifndef KERNEL_KSTRTOX_H
#define KERNEL_KSTRTOX_H

int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoll(const char *s, unsigned int base, long long *res);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtol(const char *s, unsigned int base, long *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoint(const char *s, unsigned int base, int *res);

#endif
