/*
 * <errno.h>: Linux's error numbers (from <kernel/errno.h>) and the errno
 * lvalue that C library code such as strtol sets. kernel/lib/errno.c has a
 * weak, global __errno_location; the scheduler overrides it to give each
 * task its own. Kernel code proper returns -Exxx and never uses errno.
 */
#ifndef KLIB_ERRNO_H
#define KLIB_ERRNO_H

#include <kernel/errno.h>

int *__errno_location(void);
#define errno (*__errno_location())

#endif
